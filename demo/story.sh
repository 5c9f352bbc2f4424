# The demo's sample data: three months with four buyers, as a seller would
# log it.  Sourced by demo/run with $candor set; every line is a real
# command, so this file is also a worked example of the CLI.
#
#   Dana Reyes (Northwind)  stalled at the trust gate: she said "let me think
#                           about it", and a promise to her was broken
#   Priya Shah (Contoso)    ready: candid, criteria known, fit explored, promises kept
#   Marco Bianchi (Fabrikam) decided: bought, and the relationship goes on
#   Lee Chen (Northwind)    cooling: nobody has talked to him for weeks

$candor account add "Northwind Traders" --note "logistics, 400 staff, month-end close pain"
$candor account add "Contoso" --note "manufacturing, two plants"
$candor account add "Fabrikam" --note "retail, 60 stores"

$candor contact add "Dana Reyes" --account "Northwind Traders" --role CFO --email dana@northwind.example
$candor contact add "Lee Chen" --account "Northwind Traders" --role "IT lead"
$candor contact add "Priya Shah" --account Contoso --role "VP Operations"
$candor contact add "Marco Bianchi" --account Fabrikam --role COO

# Dana: good start, then a broken promise and a stall
$candor log "Dana Reyes" --kind call --at 2026-10-06 "intro call: month-end close takes nine days"
$candor learn "Dana Reyes" --kind bothering --at 2026-10-06 --source "intro call" "month-end close takes nine days and the board wants it in five"
$candor learn "Dana Reyes" --kind hoped --at 2026-10-06 --source "intro call" "close in five days without adding headcount"
$candor learn "Dana Reyes" --kind tried --at 2026-10-06 --source "intro call" "a spreadsheet macro project that one analyst owned; he left"
p=$(id promise "Dana Reyes" --at 2026-10-06 --due 2026-10-10 "send the Fabrikam close-process case study")
$candor kept "$p" --at 2026-10-09
$candor value "Dana Reyes" given --at 2026-10-09 "benchmark of close times for 400-person logistics firms"
$candor log "Dana Reyes" --kind email --inbound --at 2026-10-12 "she replied with their close calendar"
$candor value "Dana Reyes" received --at 2026-10-12 "their close calendar and the three worst reconciliations"
$candor log "Dana Reyes" --kind meeting --at 2026-10-20 "walked through the reconciliations with her controller"
p=$(id promise "Dana Reyes" --at 2026-10-20 --due 2026-10-31 "introduce her to a reference customer CFO")
$candor broken "$p" --at 2026-11-04 --note "the reference customer declined; I did not tell her until she asked"
# the pricing call, from its Teams transcript: she stalls; the promise made in it is accepted and kept
call=$(id import "$calls/northwind-pricing.vtt" --with "Dana Reyes" --seller "Sam Seller" --at 2026-11-18)
p=$(id accept "$(proposal "$call" commitment)")
$candor kept "$p" --at 2026-11-20

# Lee: one call in September, then nothing
$candor log "Lee Chen" --kind call --at 2026-09-15 "IT review of the integration"
$candor learn "Lee Chen" --kind concern --at 2026-09-15 "worried about another system to maintain"

# Priya: real communication, promises kept, fit explored together
$candor log "Priya Shah" --kind call --at 2026-09-22 "first call, referred by her plant manager"
$candor learn "Priya Shah" --kind bothering --at 2026-09-22 "scrap rate at the second plant is twice the first"
$candor learn "Priya Shah" --kind hoped --at 2026-09-22 "both plants on one process by next summer"
p=$(id promise "Priya Shah" --at 2026-09-22 --due 2026-09-29 "send the line-balancing study")
$candor kept "$p" --at 2026-09-26
$candor log "Priya Shah" --kind meeting --at 2026-10-08 --said candor:"can I be honest with you" "plant walk-through"
$candor learn "Priya Shah" --kind worried --at 2026-10-08 --source "plant walk-through" "if this fails she loses the plant managers' trust"
$candor learn "Priya Shah" --kind criteria --at 2026-10-08 "payback inside 12 months; the plant managers must agree"
e=$(id expect "Priya Shah" --at 2026-10-08 --by 2026-11-08 "pilot results on line 2 within four weeks")
p=$(id promise "Priya Shah" --at 2026-10-08 --due 2026-10-15 "pilot plan for line 2")
$candor kept "$p" --at 2026-10-14
$candor log "Priya Shah" --kind email --inbound --at 2026-10-30 "she shared the plant managers' objections"
$candor learn "Priya Shah" --kind objection --at 2026-10-30 "plant managers fear a reporting burden"
$candor met "$e" --at 2026-11-06
$candor fit "Priya Shah" --verdict good --at 2026-11-10 "fits both plants; the reporting burden is real for plant 1 and we agreed how to keep it small"
# the plant-managers call, from its Zoom transcript: candour, and a dated promise
call=$(id import "$calls/contoso-plant-managers.vtt" --with "Priya Shah" --seller "Sam Seller" --at 2026-11-20)
$candor accept "$(proposal "$call" commitment)"

# Marco: decided, and the relationship continues
$candor log "Marco Bianchi" --kind call --at 2026-08-04 "store operations review"
$candor learn "Marco Bianchi" --kind bothering --at 2026-08-04 "stock-outs in the top 10 stores"
$candor learn "Marco Bianchi" --kind hoped --at 2026-08-04 "weekly replenishment without a planner per region"
$candor learn "Marco Bianchi" --kind criteria --at 2026-08-20 "works with their POS; live before Christmas"
$candor learn "Marco Bianchi" --kind concern --at 2026-08-20 "the last vendor disappeared after go-live"
p=$(id promise "Marco Bianchi" --at 2026-08-20 --due 2026-08-27 "go-live plan with named support contacts")
$candor kept "$p" --at 2026-08-26
$candor log "Marco Bianchi" --kind meeting --at 2026-09-02 --said disclosure:"our board is watching this one closely" "go-live planning"
$candor fit "Marco Bianchi" --verdict good --at 2026-09-02 "POS integration exists; Christmas timeline is tight but real"
$candor decide "Marco Bianchi" bought --at 2026-09-10 --note "signed for 60 stores"
$candor promise "Marco Bianchi" --at 2026-11-01 --due 2026-11-30 "quarterly review of stock-outs after go-live"
