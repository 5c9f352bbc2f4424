#!/usr/bin/env bash
# t0002: accounts, contacts and the ledger: ids printed, names resolved,
# every record kept where 'contact show' and 'status' can see it.
. "$CANDOR_TOP/tests/cli/lib.sh"

# is_id FILE: FILE is one line holding a positive integer.
is_id() {
	test "$(wc -l <"$1")" -eq 1 && grep -Eq '^[1-9][0-9]*$' "$1" ||
		{ echo "not an id:" >&2; cat "$1" >&2; return 1; }
}


test_expect 'init creates the database and says where' '
	candor init >out &&
	db_exists &&
	grep -F -q "$CANDOR_DB" out
'

test_expect 'account add prints the new id alone' '
	candor account add Northwind >id1 &&
	is_id id1 &&
	candor account add "Contoso Ltd" --owner "Riley Quinn" --note "logistics, 400 staff" >id2 &&
	is_id id2 &&
	test "$(cat id1)" != "$(cat id2)"
'

test_expect 'account add --json prints an object with the id' '
	candor account add Fabrikam --json >out.json &&
	id=$(jget out.json id) &&
	test "$id" -gt 0 &&
	candor account show "$id" --json >show.json &&
	test "$(jget show.json name)" = Fabrikam
'

test_expect 'init again keeps what is there' '
	candor init >/dev/null &&
	candor account list >out &&
	test_grep "Northwind" out &&
	test_grep "Contoso Ltd" out &&
	test_grep "Fabrikam" out
'

test_expect 'account list --json has every account with owner and note' '
	candor account list --json >list.json &&
	test "$(jget list.json "#")" -eq 3 &&
	test "$(jget list.json "name=Contoso Ltd.owner")" = "Riley Quinn" &&
	test "$(jget list.json "name=Contoso Ltd.note")" = "logistics, 400 staff" &&
	test "$(jget list.json name=Northwind.owner)" = "Sam Seller"
'

test_expect 'account show finds by id, #id and name (any case)' '
	id=$(cat id2) &&
	candor account show "$id" --json >a.json &&
	candor account show "#$id" --json >b.json &&
	candor account show "contoso ltd" --json >c.json &&
	test_cmp a.json b.json &&
	test_cmp a.json c.json &&
	test "$(jget a.json name)" = "Contoso Ltd" &&
	candor account show "Contoso Ltd" >out &&
	test_grep "Contoso Ltd" out &&
	test_grep "logistics, 400 staff" out
'

test_expect 'contact add prints the new id; show has what was given' '
	candor contact add "Dana Reyes" --account Northwind --role CFO --email dana@northwind.example >dana &&
	is_id dana &&
	candor contact show "$(cat dana)" --json >c.json &&
	test "$(jget c.json name)" = "Dana Reyes" &&
	test "$(jget c.json role)" = CFO &&
	test "$(jget c.json email)" = dana@northwind.example &&
	test "$(jget c.json account)" = Northwind &&
	test "$(jget c.json account_id)" = "$(cat id1)"
'

test_expect 'contact add --json prints an object with the id' '
	candor contact add "Alex Kim" --account Northwind --json >k1.json &&
	jget k1.json id >alex1 && is_id alex1 &&
	candor contact add "Alex Kim" --account "Contoso Ltd" --role CTO --json >k2.json &&
	jget k2.json id >alex2 && is_id alex2 &&
	test "$(cat alex1)" != "$(cat alex2)"
'

test_expect 'contact show finds by id, #id and name (any case)' '
	candor contact show "$(cat dana)" --json >a.json &&
	candor contact show "#$(cat dana)" --json >b.json &&
	candor contact show "dana reyes" --json >c.json &&
	test_cmp a.json b.json &&
	test_cmp a.json c.json
'

test_expect 'contact list shows everyone; --account filters' '
	candor contact list --json >all.json &&
	test "$(jget all.json "#")" -eq 3 &&
	candor contact list --account Northwind --json >nw.json &&
	test "$(jget nw.json "#")" -eq 2 &&
	candor contact list --account "Contoso Ltd" >out &&
	test_grep "Alex Kim" out &&
	test_no_grep "Dana Reyes" out
'

test_expect 'account show lists its contacts' '
	candor account show Northwind --json >a.json &&
	test "$(jget a.json contacts.#)" -eq 2 &&
	test "$(jget a.json "contacts.name=Dana Reyes.role")" = CFO
'

test_expect 'names keep their spelling (accents, quotes, spaces)' '
	candor contact add "Zoë O'\''Brien-Ávila" --account Fabrikam >zoe &&
	candor contact show "Zoë O'\''Brien-Ávila" --json >z.json &&
	test "$(jget z.json name)" = "Zoë O'\''Brien-Ávila" &&
	test "$(jget z.json id)" = "$(cat zoe)"
'

test_expect 'an ambiguous name is exit 4 listing both candidates' '
	fails 4 candor log "Alex Kim" "hello" &&
	test_grep "#$(cat alex1)" err &&
	test_grep "#$(cat alex2)" err &&
	fails 4 candor contact show "alex kim" &&
	fails 4 candor status "Alex Kim" &&
	fails 4 candor promise "Alex Kim" --due 2026-12-01 "a promise"
'

test_expect 'the id settles an ambiguous name' '
	candor log "$(cat alex2)" "intro call" >it &&
	is_id it &&
	candor contact show "$(cat alex2)" --json >c.json &&
	test "$(jget c.json ledger.interactions.#)" -eq 1 &&
	candor contact show "$(cat alex1)" --json >c.json &&
	test "$(jget c.json ledger.interactions.#)" -eq 0
'

test_expect 'a second account with the same name (any case) is a conflict, and changes nothing' '
	candor account add "Twin Co" >t1 &&
	db_dump >before &&
	fails 5 candor account add "twin co" &&
	test_grep "already an account .Twin Co. \(#$(cat t1)\)" err &&
	db_dump >after &&
	test_cmp before after
'

test_expect 'the same contact name twice at one account is a conflict; at another account it is fine' '
	candor account add "Solo Co" >/dev/null &&
	candor account add "Other Co" >/dev/null &&
	candor contact add "Pat Doe" --account "Solo Co" >/dev/null &&
	fails 5 candor contact add "pat doe" --account "Solo Co" &&
	test_grep "already a contact" err &&
	candor contact add "Pat Doe" --account "Other Co" >/dev/null
'

test_expect 'a name that is both a contact and an account: exit 4, then --contact/--account' '
	candor account add "Mono" >/dev/null &&
	candor contact add "Mono" --account "Mono" >mono &&
	fails 4 candor status Mono &&
	candor status --contact Mono --json >c.json &&
	test "$(jget c.json contact.id)" = "$(cat mono)" &&
	candor status --account Mono --json >a.json &&
	test "$(jget a.json account.name)" = Mono
'

test_expect 'a whole name wins over a word of another name' '
	candor account add "Lou Co" >/dev/null &&
	candor contact add Lou --account "Lou Co" >lou &&
	candor status Lou --json >s.json &&
	test "$(jget s.json contact.id)" = "$(cat lou)" &&
	candor log Lou "hello" >/dev/null
'

test_expect 'log prints an id and keeps kind, direction, seller and what they said' '
	candor log "Dana Reyes" --kind meeting --at 2026-11-20T14:30 \
		--said stall:"let me think about it" --said "candor:can I be honest with you?" \
		"walked through the close process" >id &&
	is_id id &&
	candor log "Dana Reyes" --kind email --inbound --seller "Jo Other" --json "she wrote back" >e.json &&
	candor contact show "Dana Reyes" --json >c.json &&
	i=$(cat id) && e=$(jget e.json id) &&
	test "$(jget c.json ledger.interactions.id=$i.kind)" = meeting &&
	test "$(jget c.json ledger.interactions.id=$i.at)" = 2026-11-20T14:30 &&
	test "$(jget c.json ledger.interactions.id=$i.inbound)" = false &&
	test "$(jget c.json ledger.interactions.id=$i.seller)" = "Sam Seller" &&
	test "$(jget c.json ledger.interactions.id=$i.text)" = "walked through the close process" &&
	test "$(jget c.json ledger.interactions.id=$i.said.#)" -eq 2 &&
	test "$(jget c.json ledger.interactions.id=$i.said.category=stall.text)" = "let me think about it" &&
	test "$(jget c.json ledger.interactions.id=$i.said.category=candor.text)" = "can I be honest with you?" &&
	test "$(jget c.json ledger.interactions.id=$e.kind)" = email &&
	test "$(jget c.json ledger.interactions.id=$e.inbound)" = true &&
	test "$(jget c.json ledger.interactions.id=$e.seller)" = "Jo Other" &&
	test "$(jget c.json ledger.interactions.id=$e.at)" = 2026-11-25T09:00
'

test_expect 'text may be several words without quotes' '
	candor log "Dana Reyes" --kind note quick note about pricing >id &&
	candor contact show "Dana Reyes" --json >c.json &&
	test "$(jget c.json ledger.interactions.id=$(cat id).text)" = "quick note about pricing"
'

test_expect 'promise, expect, learn, value, fit, decide each print an id found in the ledger' '
	candor promise "Dana Reyes" --due 2026-12-01 "send the Fabrikam case study" >p &&
	candor expect "Dana Reyes" --by 2027-01-15 "close in 5 days by mid-January" >x &&
	candor learn "Dana Reyes" --kind worried --source "call 2026-11-20" --confidence high \
		"another failed rollout would cost her the team" >f &&
	candor value "Dana Reyes" given "an introduction to a peer CFO" >v &&
	candor fit "Dana Reyes" --verdict partial "good for close, weak for audit" >t &&
	candor decide "Dana Reyes" still-deciding --note "board meets in January" >d &&
	for n in p x f v t d; do is_id $n || return 1; done &&
	candor contact show "Dana Reyes" --json >c.json &&
	test "$(jget c.json ledger.commitments.id=$(cat p).text)" = "send the Fabrikam case study" &&
	test "$(jget c.json ledger.commitments.id=$(cat p).due)" = 2026-12-01 &&
	test "$(jget c.json ledger.commitments.id=$(cat p).status)" = open &&
	test "$(jget c.json ledger.expectations.id=$(cat x).by)" = 2027-01-15 &&
	test "$(jget c.json ledger.expectations.id=$(cat x).status)" = open &&
	test "$(jget c.json ledger.facts.id=$(cat f).kind)" = worried &&
	test "$(jget c.json ledger.facts.id=$(cat f).source)" = "call 2026-11-20" &&
	test "$(jget c.json ledger.facts.id=$(cat f).confidence)" = high &&
	test "$(jget c.json ledger.values.id=$(cat v).direction)" = given &&
	test "$(jget c.json ledger.fits.id=$(cat t).verdict)" = partial &&
	test "$(jget c.json ledger.decisions.id=$(cat d).text)" = "board meets in January"
'

test_expect 'the same commands with --json print {"id": N}' '
	candor promise "Dana Reyes" --due 2026-12-02 --json "call back" >p.json &&
	candor expect "Dana Reyes" --by 2026-12-02 --json "a quote by Tuesday" >x.json &&
	candor learn "Dana Reyes" --kind hoped --json "close in 3 days" >f.json &&
	candor value "Dana Reyes" received --json "a referral" >v.json &&
	candor fit "Dana Reyes" --verdict good --json "fits" >t.json &&
	candor decide "Dana Reyes" bought --json >d.json &&
	candor log "Dana Reyes" --json "a call" >l.json &&
	for n in p x f v t d l; do
		test "$(jget $n.json id)" -gt 0 || return 1
	done &&
	candor contact show "Dana Reyes" --json >c.json &&
	test "$(jget c.json ledger.decisions.id=$(jget d.json id).decision)" = bought
'

test_expect 'decide takes the documented spellings' '
	candor decide "Zoë O'\''Brien-Ávila" chose-another >/dev/null &&
	candor decide "Zoë O'\''Brien-Ávila" decided-not-to-buy >/dev/null &&
	candor decide "Zoë O'\''Brien-Ávila" still-deciding >/dev/null
'

# --- promises over their life ---
setup_promise() { # setup_promise NAME DUE [AT]: a promise to Dana; its id in NAME
	candor promise "Dana Reyes" --due "$2" ${3:+--at "$3"} "promise $1" >"$1"
}

test_expect 'kept before the due date is kept' '
	setup_promise p1 2026-11-28 2026-11-20 &&
	candor kept "$(cat p1)" --at 2026-11-24 >out &&
	candor contact show "Dana Reyes" --json >c.json &&
	test "$(jget c.json ledger.commitments.id=$(cat p1).status)" = kept
'

test_expect 'kept on the due date itself (late in the day) is kept' '
	setup_promise p2 2026-11-21 2026-11-20 &&
	candor kept "$(cat p2)" --at 2026-11-21T23:30 >out &&
	candor contact show "Dana Reyes" --json >c.json &&
	test "$(jget c.json ledger.commitments.id=$(cat p2).status)" = kept
'

test_expect 'kept after the due date is kept_late' '
	setup_promise p3 2026-11-21 2026-11-20 &&
	candor kept "$(cat p3)" --at 2026-11-23 >out &&
	test_grep "late|earlier" out &&
	candor contact show "Dana Reyes" --json >c.json &&
	test "$(jget c.json ledger.commitments.id=$(cat p3).status)" = kept_late
'

test_expect 'kept with no --at is kept now (late here: due was earlier)' '
	setup_promise p4 2026-11-21 2026-11-20 &&
	candor kept "#$(cat p4)" >out &&
	candor contact show "Dana Reyes" --json >c.json &&
	test "$(jget c.json ledger.commitments.id=$(cat p4).status)" = kept_late &&
	test "$(jget c.json ledger.commitments.id=$(cat p4).history.-1.at)" = 2026-11-25T09:00
'

test_expect 'broken is broken, with its note in the history' '
	setup_promise p5 2026-11-22 2026-11-20 &&
	candor broken "$(cat p5)" --at 2026-11-22 --note "the case study was not approved" >out &&
	candor contact show "Dana Reyes" --json >c.json &&
	test "$(jget c.json ledger.commitments.id=$(cat p5).status)" = broken &&
	test "$(jget c.json ledger.commitments.id=$(cat p5).history.-1.note)" = "the case study was not approved"
'

test_expect 'renegotiate, then keep on the new date: kept, and the history shows each change' '
	setup_promise p6 2026-11-22 2026-11-18 &&
	candor renegotiate "$(cat p6)" --due 2026-11-24 --at 2026-11-21 --note "legal needs a week" >out &&
	test_grep "2026-11-24" out &&
	candor kept "$(cat p6)" --at 2026-11-24T17:00 >out &&
	candor contact show "Dana Reyes" --json >c.json &&
	p="ledger.commitments.id=$(cat p6)" &&
	test "$(jget c.json $p.status)" = kept &&
	test "$(jget c.json $p.due)" = 2026-11-24 &&
	test "$(jget c.json $p.history.#)" -eq 3 &&
	test "$(jget c.json $p.history.0.event)" = made &&
	test "$(jget c.json $p.history.0.due)" = 2026-11-22 &&
	test "$(jget c.json $p.history.0.at)" = 2026-11-18 &&
	test "$(jget c.json $p.history.1.event)" = renegotiated &&
	test "$(jget c.json $p.history.1.due)" = 2026-11-24 &&
	test "$(jget c.json $p.history.1.at)" = 2026-11-21 &&
	test "$(jget c.json $p.history.1.note)" = "legal needs a week" &&
	test "$(jget c.json $p.history.2.event)" = kept &&
	test "$(jget c.json $p.history.2.at)" = 2026-11-24T17:00
'

test_expect 'renegotiate twice, keep after the last due date: kept_late' '
	setup_promise p7 2026-11-21 2026-11-18 &&
	candor renegotiate "$(cat p7)" --due 2026-11-22 --at 2026-11-19 >/dev/null &&
	candor renegotiate "$(cat p7)" --due 2026-11-23 --at 2026-11-22 >/dev/null &&
	candor kept "$(cat p7)" --at 2026-11-24 >/dev/null &&
	candor contact show "Dana Reyes" --json >c.json &&
	test "$(jget c.json ledger.commitments.id=$(cat p7).status)" = kept_late &&
	test "$(jget c.json ledger.commitments.id=$(cat p7).history.#)" -eq 4
'

test_expect 'an open promise not yet due is not overdue' '
	setup_promise p8 2026-12-20 &&
	candor contact show "Dana Reyes" --json >c.json &&
	test "$(jget c.json ledger.commitments.id=$(cat p8).status)" = open &&
	test "$(jget c.json ledger.commitments.id=$(cat p8).overdue)" = false
'

test_expect 'an open promise past its due date is overdue' '
	setup_promise p9 2026-11-21 2026-11-20 &&
	candor contact show "Dana Reyes" --json >c.json &&
	test "$(jget c.json ledger.commitments.id=$(cat p9).overdue)" = true &&
	candor contact show "Dana Reyes" >out &&
	test_grep "OVERDUE.*promise p9" out
'

test_expect 'met and missed are recorded on the expectation' '
	candor expect "Dana Reyes" --at 2026-11-20 --by 2026-11-24 "the pilot is live by Monday" >x1 &&
	candor expect "Dana Reyes" --at 2026-11-20 --by 2026-11-24 "the report by Monday" >x2 &&
	candor met "$(cat x1)" --at 2026-11-23 >out &&
	test_grep "met" out &&
	candor missed "$(cat x2)" --at 2026-11-25 >out &&
	test_grep "missed" out &&
	candor contact show "Dana Reyes" --json >c.json &&
	test "$(jget c.json ledger.expectations.id=$(cat x1).status)" = met &&
	test "$(jget c.json ledger.expectations.id=$(cat x1).resolved)" = 2026-11-23 &&
	test "$(jget c.json ledger.expectations.id=$(cat x2).status)" = missed
'

test_expect 'contact show (text) lists the whole ledger' '
	candor contact show "Dana Reyes" >out &&
	test_grep "Dana Reyes" out &&
	test_grep "walked through the close process" out &&
	test_grep "let me think about it" out &&
	test_grep "send the Fabrikam case study" out &&
	test_grep "close in 5 days by mid-January" out &&
	test_grep "another failed rollout" out &&
	test_grep "an introduction to a peer CFO" out &&
	test_grep "good for close, weak for audit" out
'

test_expect 'status of a contact: stage, trust, components, gates' '
	candor status "Dana Reyes" --json >s.json &&
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert d[\"stage\"] in (\"new\", \"know\", \"like\", \"trust\", \"ready\", \"decided\"), d[\"stage\"]
assert 0 <= d[\"trust\"] <= 1
for k in (\"credibility\", \"reliability\", \"intimacy\", \"self_orientation\"):
    assert 0 <= d[\"components\"][k] <= 1, k
assert d[\"model_version\"]
assert len(d[\"gates\"]) >= 3
for g in d[\"gates\"]:
    assert isinstance(g[\"stage\"], str) and isinstance(g[\"open\"], bool)
    assert isinstance(g[\"reasons\"], list)
    for r in g[\"reasons\"]:
        assert r[\"text\"]
    if not g[\"open\"] and g is d[\"gates\"][0]:
        assert g[\"reasons\"], \"a shut first gate must say why\"
" s.json &&
	candor status "Dana Reyes" >out &&
	test_grep "Dana Reyes" out &&
	test_grep "trust" out &&
	test_grep "credibility" out
'

test_expect 'status of an account: all its contacts together, then each' '
	candor status Northwind --json >a.json &&
	test "$(jget a.json account.name)" = Northwind &&
	test "$(jget a.json contacts.#)" -eq 2 &&
	test -n "$(jget a.json "contacts.0.stage")" &&
	test -n "$(jget a.json trust)" &&
	candor status Northwind >out &&
	test_grep "Dana Reyes" out &&
	test_grep "Alex Kim" out
'

test_expect 'renegotiated only after it was due, then kept: still kept late' '
	candor promise "Dana Reyes" --at 2026-11-01 --due 2026-11-06 "late then renegotiated" >pl &&
	candor renegotiate "$(cat pl)" --at 2026-11-20 --due 2026-11-21 >/dev/null &&
	candor kept "$(cat pl)" --at 2026-11-21 >/dev/null &&
	candor contact show "Dana Reyes" --json >c.json &&
	test "$(jget c.json ledger.commitments.id=$(cat pl).status)" = kept_late
'

test_expect 'renegotiated before it was due, then kept by the new date: kept' '
	candor promise "Dana Reyes" --at 2026-11-01 --due 2026-11-06 "renegotiated in time" >pr &&
	candor renegotiate "$(cat pr)" --at 2026-11-05 --due 2026-11-12 >/dev/null &&
	candor kept "$(cat pr)" --at 2026-11-11 >/dev/null &&
	candor contact show "Dana Reyes" --json >c.json &&
	test "$(jget c.json ledger.commitments.id=$(cat pr).status)" = kept
'

test_done
