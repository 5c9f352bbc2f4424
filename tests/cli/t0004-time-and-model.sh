#!/usr/bin/env bash
# t0004: time (--at back-fills; status/pipeline --at look back, reproducibly)
# and the trust model's promises, end to end through the CLI.
. "$CANDOR_TOP/tests/cli/lib.sh"

# trust CONTACT [--at DATE]: print the contact's trust (status --json).
trust() {
	candor status "$@" --json >trust.json || return 1
	jget trust.json trust
}

# fcmp A OP B: a numeric comparison (OP is a Python operator).
fcmp() {
	python3 -c 'import sys; a, op, b = sys.argv[1:]; sys.exit(0 if eval(a + op + b) else 1)' "$1" "$2" "$3" ||
		{ echo "not true: $1 $2 $3" >&2; return 1; }
}

# buyer NAME ACCOUNT: a buyer with the same history as every other made here.
buyer() {
	candor account add "$2" >/dev/null &&
	candor contact add "$1" --account "$2" >/dev/null &&
	candor log "$1" --kind call --at 2026-11-02 "first call" >/dev/null &&
	candor log "$1" --kind meeting --at 2026-11-04 "walked through the close" >/dev/null &&
	candor learn "$1" --kind bothering --at 2026-11-04 "month-end close takes 9 days" >/dev/null
}

# gate_reasons FILE: every reason text of every gate, one a line.
gate_reasons() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for g in d["gates"]:
    for r in g["reasons"]:
        print(g["stage"], "|", r["text"])' "$1"
}

test_expect 'setup' '
	candor init >/dev/null &&
	buyer Kay Kayworks && buyer Bee Beeline && buyer Lou Loumax
'

test_expect '--at back-fills: the record carries that date, not now' '
	candor log Lou --kind call --at 2026-10-15T10:30 "an old call" >id &&
	candor promise Lou --at 2026-10-15 --due 2026-10-20 "an old promise" >p &&
	candor kept "$(cat p)" --at 2026-10-19 >/dev/null &&
	candor contact show Lou --json >c.json &&
	test "$(jget c.json ledger.interactions.id=$(cat id).at)" = 2026-10-15T10:30 &&
	test "$(jget c.json ledger.commitments.id=$(cat p).made)" = 2026-10-15 &&
	test "$(jget c.json ledger.commitments.id=$(cat p).status)" = kept &&
	test "$(jget c.json ledger.commitments.id=$(cat p).history.1.at)" = 2026-10-19
'

test_expect '--at with a UTC offset is stored in UTC' '
	candor log Lou --kind call --at 2026-11-20T14:30+01:00 "from Berlin" >id &&
	candor contact show Lou --json >c.json &&
	test "$(jget c.json ledger.interactions.id=$(cat id).at)" = 2026-11-20T13:30
'

test_expect 'status --at looks back: evidence recorded later is not counted' '
	candor status Lou --at 2026-11-03 --json >then.json &&
	candor status Lou --json >now.json &&
	test "$(jget then.json at)" = 2026-11-03T23:59:59 &&
	test "$(jget now.json at)" = 2026-11-25T09:00 &&
	test "$(jget then.json evidence.two_way_contacts)" -lt "$(jget now.json evidence.two_way_contacts)" &&
	test "$(jget then.json evidence.discovery_kinds_known)" -eq 0 &&
	test "$(jget now.json evidence.discovery_kinds_known)" -ge 1
'

test_expect 'status --at before a promise was kept does not count it kept' '
	candor status Lou --at 2026-10-17 --json >then.json &&
	test "$(jget then.json evidence.kept)" -eq 0 &&
	test "$(jget then.json evidence.open)" -eq 1 &&
	candor status Lou --at 2026-10-19T12:00 --json >after.json &&
	test "$(jget after.json evidence.kept)" -eq 1
'

test_expect 'the same status --at twice is byte for byte the same' '
	candor status Lou --at 2026-11-10 --json >one &&
	candor status Lou --at 2026-11-10 --json >two &&
	test_cmp one two &&
	candor status Lou --at 2026-11-10 >one &&
	candor status Lou --at 2026-11-10 >two &&
	test_cmp one two
'

test_expect 'status --at does not depend on when it is run (CANDOR_NOW)' '
	candor status Lou --at 2026-11-10 --json >one &&
	CANDOR_NOW=2027-06-01T12:00 candor status Lou --at 2026-11-10 --json >two &&
	test_cmp one two &&
	candor pipeline --at 2026-11-10 --json >one &&
	CANDOR_NOW=2027-06-01T12:00 candor pipeline --at 2026-11-10 --json >two &&
	test_cmp one two &&
	candor pipeline --at 2026-11-10 >one &&
	CANDOR_NOW=2030-01-01 candor pipeline --at 2026-11-10 >two &&
	test_cmp one two
'

test_expect 'status without --at is as of CANDOR_NOW' '
	candor status Lou --json >a.json &&
	candor status Lou --at 2026-11-25T09:00 --json >b.json &&
	test_cmp a.json b.json
'

# --- kept versus broken, from one baseline ---

test_expect 'Kay and Bee start identical' '
	candor promise Kay --at 2026-11-05 --due 2026-11-10 "send the case study" >pk &&
	candor promise Bee --at 2026-11-05 --due 2026-11-10 "send the case study" >pb &&
	trust Kay --at 2026-11-09T12:00 >kay.before &&
	trust Bee --at 2026-11-09T12:00 >bee.before &&
	test_cmp kay.before bee.before
'

test_expect 'keeping a promise does not lower trust' '
	candor kept "$(cat pk)" --at 2026-11-09 >/dev/null &&
	trust Kay --at 2026-11-09T12:00 >kay.after &&
	fcmp "$(cat kay.after)" ">=" "$(cat kay.before)"
'

test_expect 'a broken promise lowers trust' '
	candor broken "$(cat pb)" --at 2026-11-09 >/dev/null &&
	trust Bee --at 2026-11-09T12:00 >bee.after &&
	fcmp "$(cat bee.after)" "<" "$(cat bee.before)"
'

test_expect 'a broken promise costs more than a kept one earns' '
	up=$(python3 -c "print($(cat kay.after) - $(cat kay.before))") &&
	down=$(python3 -c "print($(cat bee.before) - $(cat bee.after))") &&
	fcmp "$down" ">" "$up"
'

test_expect 'status --at before the broken promise shows more trust than after' '
	before=$(trust Bee --at 2026-11-08) &&
	after=$(trust Bee --at 2026-11-12) &&
	fcmp "$before" ">" "$after" &&
	candor status Bee --at 2026-11-08 --json >b.json &&
	test "$(jget b.json evidence.broken)" -eq 0 &&
	candor status Bee --at 2026-11-12 --json >a.json &&
	test "$(jget a.json evidence.broken)" -eq 1
'

test_expect 'keeping never lowers trust: late, after renegotiating, after a broken one' '
	for p in "Kay|2026-11-12|2026-11-14|2026-11-16" "Bee|2026-11-12|2026-11-13|2026-11-20"; do
		IFS="|" read -r who made due keptat <<<"$p"
		candor promise $who --at $made --due $due "promise of $made" >id &&
		b=$(trust $who --at $keptat) &&
		candor kept "$(cat id)" --at $keptat >/dev/null &&
		a=$(trust $who --at $keptat) &&
		fcmp "$a" ">=" "$b" || return 1
	done &&
	candor promise Kay --at 2026-11-17 --due 2026-11-18 "renegotiated one" >id &&
	candor renegotiate "$(cat id)" --at 2026-11-18 --due 2026-11-21 >/dev/null &&
	b=$(trust Kay --at 2026-11-21) &&
	candor kept "$(cat id)" --at 2026-11-21 >/dev/null &&
	a=$(trust Kay --at 2026-11-21) &&
	fcmp "$a" ">=" "$b"
'

test_expect 'keeping an overdue promise (late) does not lower trust now' '
	candor promise Lou --at 2026-11-20 --due 2026-11-21 "overdue one" >id &&
	b=$(trust Lou) &&
	candor kept "$(cat id)" >out &&
	test_grep "late|earlier" out &&
	a=$(trust Lou) &&
	fcmp "$a" ">=" "$b"
'

# --- stall and candour ---

test_expect 'a stall signal shuts the trust gate, quoting the words' '
	candor account add "Stuart Ltd" >/dev/null &&
	candor contact add Stu --account "Stuart Ltd" >/dev/null &&
	candor log Stu --kind call --at 2026-11-02 "first call" >/dev/null &&
	candor log Stu --kind meeting --at 2026-11-04 --said stall:"let me think about it" "pricing" >/dev/null &&
	candor status Stu --at 2026-11-05 --json >s.json &&
	test "$(jget s.json gates.stage=trust.open)" = false &&
	gate_reasons s.json >reasons &&
	test_grep "^trust \| .*let me think about it" reasons &&
	test "$(jget s.json stalled)" = true
'

test_expect 'later candour removes the stall reason' '
	candor log Stu --kind call --at 2026-11-08 --said candor:"can I be honest with you" "she opened up" >/dev/null &&
	candor status Stu --at 2026-11-09 --json >s.json &&
	gate_reasons s.json >reasons &&
	test_no_grep "let me think about it" reasons
'

test_expect 'looking back before the candour, the stall reason is still there' '
	candor status Stu --at 2026-11-06 --json >s.json &&
	gate_reasons s.json >reasons &&
	test_grep "let me think about it" reasons
'

test_expect 'status (text) shows the stall with the buyer'"'"'s words' '
	candor status Stu --at 2026-11-05 >out &&
	test_grep "let me think about it" out
'

# --- pipeline ---

test_expect 'pipeline --json: every buyer, with stage, trust, gates and model_version' '
	candor pipeline --json >p.json &&
	test -n "$(jget p.json model_version)" &&
	test "$(jget p.json buyers.#)" -eq 4 &&
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
for b in d[\"buyers\"]:
    for k in (\"stage\", \"trust\", \"components\", \"gates\", \"model_version\", \"stalled\"):
        assert k in b, k
    assert b[\"contact\"][\"name\"]
" p.json
'

test_expect 'pipeline puts a stalled buyer first within its stage, marked, with its reason' '
	candor account add "Pip Co" >/dev/null &&
	for who in Steady Stuck; do
		candor contact add $who --account "Pip Co" >/dev/null &&
		candor log $who --kind call --at 2026-11-02 "first call" >/dev/null &&
		candor log $who --kind meeting --at 2026-11-04 "second" >/dev/null || return 1
	done &&
	candor log Steady --kind email --inbound --at 2026-11-05 "thanks for the call" >/dev/null &&
	candor log Stuck --kind call --at 2026-11-06 --said stall:"we need to wait for the board" "stalled" >/dev/null &&
	candor pipeline --account "Pip Co" --json >p.json &&
	test "$(jget p.json buyers.#)" -eq 2 &&
	test "$(jget p.json buyers.0.contact.name)" = Stuck &&
	test "$(jget p.json buyers.0.stalled)" = true &&
	test "$(jget p.json buyers.1.stalled)" = false &&
	test "$(jget p.json buyers.0.stage)" = "$(jget p.json buyers.1.stage)" &&
	candor pipeline --account "Pip Co" >out &&
	grep -n -E "Stuck|Steady" out >lines &&
	head -1 lines | grep -q Stuck &&
	test_grep "!.*Stuck.*we need to wait for the board" out &&
	test_no_grep "!.*Steady" out
'

test_expect 'the stalled buyer is first even with lower trust than the other' '
	candor contact add Ahead --account "Pip Co" >/dev/null &&
	candor contact add Behind --account "Pip Co" >/dev/null &&
	candor log Ahead --kind meeting --at 2026-11-02 "m" >/dev/null &&
	candor log Ahead --kind call --at 2026-11-03 "c" >/dev/null &&
	candor value Ahead received --at 2026-11-03 "a referral" >/dev/null &&
	candor log Behind --kind meeting --at 2026-11-02 "m" >/dev/null &&
	candor log Behind --kind call --at 2026-11-03 --said stall:"let me think about it" "c" >/dev/null &&
	candor promise Behind --at 2026-11-03 --due 2026-11-05 "overdue" >/dev/null &&
	candor status Ahead --json >a.json && candor status Behind --json >b.json &&
	test "$(jget a.json stage)" = "$(jget b.json stage)" &&
	test "$(jget b.json stalled)" = true &&
	test "$(jget a.json stalled)" = false &&
	fcmp "$(jget b.json trust)" "<=" "$(jget a.json trust)" &&
	candor pipeline --account "Pip Co" --json >p.json &&
	python3 -c "
import json, sys
b = json.load(open(sys.argv[1]))[\"buyers\"]
names = [x[\"contact\"][\"name\"] for x in b]
assert names.index(\"Behind\") < names.index(\"Ahead\"), names
" p.json
'

test_expect 'every pipeline line gives a one-line reason' '
	candor pipeline >out &&
	grep -E "^  [! ] " out >rows &&
	test "$(wc -l <rows)" -eq 8 &&
	while read -r line; do
		# name, account, trust, then a reason of some words
		echo "$line" | grep -Eq "[0-9]\.[0-9]{2}  [^ ].{5,}" || { echo "no reason: $line" >&2; return 1; }
	done <rows
'

test_expect 'pipeline --at before the stall shows no stall' '
	candor pipeline --account "Pip Co" --at 2026-11-05 --json >p.json &&
	python3 -c "
import json, sys
b = json.load(open(sys.argv[1]))[\"buyers\"]
s = [x for x in b if x[\"contact\"][\"name\"] == \"Stuck\"][0]
assert s[\"stalled\"] is False, s
" p.json
'

test_expect 'pipeline --seller keeps only that owner'"'"'s accounts' '
	candor account add "Other Co" --owner "Jo Other" >/dev/null &&
	candor contact add Otto --account "Other Co" >/dev/null &&
	candor pipeline --seller "Jo Other" --json >p.json &&
	test "$(jget p.json buyers.#)" -eq 1 &&
	test "$(jget p.json buyers.0.contact.name)" = Otto
'

test_expect 'a decision puts the buyer in the decided stage' '
	candor decide Otto chose-another --at 2026-11-20 >/dev/null &&
	candor status Otto --json >s.json &&
	test "$(jget s.json stage)" = decided &&
	candor status Otto --at 2026-11-19 --json >s.json &&
	test "$(jget s.json stage)" != decided
'

test_done
