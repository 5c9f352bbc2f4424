#!/usr/bin/env bash
# t0120: `candor accept` and `candor dismiss`: what an imported call
# proposed becomes a commitment or a discovery fact, once, on the seller's
# word; the buyer's own promises cannot be taken on as the seller's.
. "$CANDOR_TOP/tests/cli/lib.sh"



# q FILE 'python expression': print it, with d = the JSON in FILE.
q() {
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
r = $2
print(r if isinstance(r, str) else json.dumps(r))" "$1"
}

# props INTERACTION: write the ids of that call's proposals to files named
# dated (the seller's promise with a date), undated (the seller's without),
# buyer (the buyer's promise) and fact, each with SUFFIX ($2) added.
props() {
	candor show interaction "$1" --json >prop.json &&
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
for p in d[\"proposals\"]:
    if p[\"kind\"] == \"fact\":
        what = \"fact\"
    elif p[\"side\"] == \"buyer\":
        what = \"buyer\"
    else:
        what = \"dated\" if p.get(\"due\") else \"undated\"
    open(what + sys.argv[2], \"w\").write(\"%d\\n\" % p[\"id\"])
" prop.json "${2:-}"
}

# pstatus INTERACTION PROPOSAL: that proposal's status (and record_id).
pstatus() {
	candor show interaction "$1" --json >ps.json &&
	q ps.json "[\" \".join([p[\"status\"]] + ([str(p[\"record_id\"])] if \"record_id\" in p else [])) for p in d[\"proposals\"] if p[\"id\"] == $2][0]"
}

test_expect 'setup: the same discovery call imported twice (Wednesday 2026-11-18)' '
	candor init >/dev/null &&
	candor account add Northwind >/dev/null &&
	candor contact add "Dana Reyes" --account Northwind >/dev/null &&
	candor import "$CANDOR_TOP/tests/data/cli/discovery-call.vtt" --with Dana --at 2026-11-18T15:00 >call1 2>/dev/null &&
	candor import "$CANDOR_TOP/tests/data/cli/discovery-call.vtt" --again --with Dana --at 2026-11-18T16:00 >call2 2>/dev/null &&
	C1=$(cat call1) && C2=$(cat call2) &&
	props $C1 && props $C2 2 &&
	test "$(sort -u dated undated buyer fact dated2 undated2 fact2 | wc -l)" -eq 7
'
C1=$(cat "$TRASH/call1" 2>/dev/null) C2=$(cat "$TRASH/call2" 2>/dev/null)

test_expect 'accepting the seller'"'"'s dated promise prints a commitment id; the ledger has it open, due 2026-11-20' '
	candor accept "$(cat dated)" >cid 2>err &&
	grep -Eqx "[0-9]+" cid &&
	test_grep "^promise #$(cat cid) recorded: \"I.ll send you the case study by Friday\.\"" err &&
	candor contact show Dana --json >c.json &&
	test "$(q c.json "[(x[\"text\"], x[\"made\"], x[\"due\"], x[\"status\"]) for x in d[\"ledger\"][\"commitments\"] if x[\"id\"] == $(cat cid)]")" = \
		"[[\"I'"'"'ll send you the case study by Friday.\", \"2026-11-18T15:00\", \"2026-11-20\", \"open\"]]"
'

test_expect 'the proposal is then accepted, pointing at the commitment' '
	test "$(pstatus $C1 "$(cat dated)")" = "accepted $(cat cid)"
'

test_expect 'accepting it again is exit 5 (conflict), nothing stored' '
	fails 5 candor accept "$(cat dated)" &&
	test_grep "#$(cat dated)" err &&
	test_grep "accepted" err
'

test_expect 'dismissing an accepted proposal is exit 5' '
	fails 5 candor dismiss "$(cat dated)"
'

test_expect 'the accepted commitment counts in the model: keep it and it is kept' '
	candor kept "$(cat cid)" --at 2026-11-20 >/dev/null &&
	candor status Dana --json >s.json &&
	test "$(q s.json "d[\"evidence\"][\"kept\"]")" -eq 1
'

test_expect 'dismiss: the proposal is dismissed and nothing is recorded' '
	candor contact show Dana --json >before.json &&
	candor dismiss "$(cat dated2)" >out 2>err &&
	test_grep "^proposal #$(cat dated2) dismissed$" out &&
	test "$(pstatus $C2 "$(cat dated2)")" = dismissed &&
	candor contact show Dana --json >after.json &&
	test_cmp before.json after.json
'

test_expect 'a dismissed proposal cannot be accepted or dismissed again (exit 5)' '
	fails 5 candor accept "$(cat dated2)" &&
	test_grep "dismissed" err &&
	fails 5 candor dismiss "$(cat dated2)"
'

test_expect 'accepting a promise without a date needs --due (exit 1), nothing stored' '
	usage_fails candor accept "$(cat undated)" &&
	test_grep "due" err &&
	test "$(pstatus $C1 "$(cat undated)")" = proposed
'

test_expect '--due before the call, or not a date, is exit 2' '
	fails 2 candor accept "$(cat undated)" --due 2026-11-17 &&
	fails 2 candor accept "$(cat undated)" --due 2026-11-31 &&
	fails 2 candor accept "$(cat undated)" --due "next week"
'

test_expect 'with --due it is recorded, made at the call, due that day' '
	candor accept "$(cat undated)" --due 2026-11-27 >cid2 2>/dev/null &&
	grep -Eqx "[0-9]+" cid2 &&
	candor contact show Dana --json >c.json &&
	test "$(q c.json "[(x[\"text\"], x[\"made\"], x[\"due\"], x[\"status\"]) for x in d[\"ledger\"][\"commitments\"] if x[\"id\"] == $(cat cid2)]")" = \
		"[[\"I'"'"'ll also loop in our controller.\", \"2026-11-18T15:00\", \"2026-11-27\", \"open\"]]" &&
	test "$(pstatus $C1 "$(cat undated)")" = "accepted $(cat cid2)"
'

test_expect '--due overrides the date said in the call' '
	candor dismiss "$(cat undated2)" >/dev/null &&
	candor import "$CANDOR_TOP/tests/data/cli/unicode-call.vtt" --with Dana --at 2026-11-18 >call3 2>/dev/null &&
	props "$(cat call3)" 3 &&
	candor accept "$(cat dated3)" --due 2026-11-23 >cid3 2>/dev/null &&
	candor contact show Dana --json >c.json &&
	test "$(q c.json "[x[\"due\"] for x in d[\"ledger\"][\"commitments\"] if x[\"id\"] == $(cat cid3)][0]")" = 2026-11-23
'

test_expect 'accepting the buyer'"'"'s promise is refused (exit 5) and it stays proposed' '
	fails 5 candor accept "$(cat buyer)" &&
	test_grep "buyer" err &&
	fails 5 candor accept "$(cat buyer)" --due 2026-11-30 &&
	test "$(pstatus $C1 "$(cat buyer)")" = proposed
'

test_expect 'accepting a fact proposal adds a discovery fact of the same kind, quoting the sentence' '
	candor status Dana --json >s0.json &&
	candor accept "$(cat fact)" >fid 2>err &&
	grep -Eqx "[0-9]+" fid &&
	test_grep "^fact #$(cat fid) \(bothering\) recorded" err &&
	candor contact show Dana --json >c.json &&
	test "$(q c.json "[(x[\"kind\"], x[\"text\"], x[\"source\"], x[\"at\"]) for x in d[\"ledger\"][\"facts\"] if x[\"id\"] == $(cat fid)]")" = \
		"[[\"bothering\", \"The problem is our month-end close takes nine days.\", \"interaction #$C1\", \"2026-11-18T15:00\"]]" &&
	test "$(pstatus $C1 "$(cat fact)")" = "accepted $(cat fid)" &&
	candor status Dana --json >s1.json &&
	test "$(q s1.json "d[\"evidence\"][\"discovery_kinds_known\"]")" -eq $(( $(q s0.json "d[\"evidence\"][\"discovery_kinds_known\"]") + 1 ))
'

test_expect 'a fact proposal of another kind keeps its kind (worried)' '
	candor accept "$(cat fact3)" >fid3 2>/dev/null &&
	candor contact show Dana --json >c.json &&
	test "$(q c.json "[x[\"kind\"] for x in d[\"ledger\"][\"facts\"] if x[\"id\"] == $(cat fid3)][0]")" = worried
'

test_expect 'dismissing a fact records nothing' '
	candor dismiss "$(cat fact2)" >/dev/null &&
	candor contact show Dana --json >c.json &&
	test "$(q c.json "len(d[\"ledger\"][\"facts\"])")" -eq 2
'

test_expect 'errors: unknown id 3, not a number 2, missing id 1, --due on dismiss 1' '
	fails 3 candor accept 999 &&
	test_grep "999" err &&
	fails 3 candor dismiss 999 &&
	fails 2 candor accept abc &&
	fails 2 candor dismiss 0 &&
	usage_fails candor accept &&
	usage_fails candor accept 1 2 &&
	usage_fails candor dismiss "$(cat buyer)" --due 2026-11-30
'

test_done
