#!/usr/bin/env bash
# t0171: `candor signal` corrects what the analyser found in a stored call:
# wrong takes a signal away, add puts one in, both are kept as corrections
# that hold over re-analysis, are exported, and can be taken back; the
# buyer's assessment follows.  Bad input changes nothing.
. "$CANDOR_TOP/tests/cli/lib.sh"

py() {
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
$2" "$1"
}

# stall_id FILE: the id of the stall signal in a show --json.
stall_id() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(next(g["id"] for u in d["utterances"] for g in u["signals"] if g["category"] == "stall"))
' "$1"
}

test_expect 'setup: a discovery call with a stall, imported' '
	candor init >/dev/null &&
	candor account add Northwind >/dev/null &&
	candor contact add "Dana Reyes" --account Northwind >/dev/null &&
	candor import "$DATA/discovery-call.vtt" --with Dana --at 2026-11-18 >id 2>/dev/null &&
	test "$(cat id)" = 1
'

test_expect 'show numbers each utterance and each signal, and says which model found them' '
	candor show interaction 1 >out &&
	test_grep "^signals found by signal model [0-9a-f]{16}; correct them" out &&
	test_grep "^  1:3 +Dana Reyes .*\[stall #[0-9]+: Let me think about it\]" out &&
	candor show interaction 1 --json >show.json &&
	py show.json "
assert len(d[\"analyser\"]) == 16, d[\"analyser\"]
s = [g for u in d[\"utterances\"] for g in u[\"signals\"]]
assert s and all(isinstance(g[\"id\"], int) and 0 < g[\"confidence\"] <= 1 for g in s), s
"
'

test_expect 'the stall holds Dana at a gate, stalled' '
	candor status Dana --json >before.json &&
	test "$(jget before.json stalled)" = true &&
	test "$(jget before.json signal_models.#)" = 1 &&
	test "$(jget before.json signal_models.0.calls)" = 1
'

test_expect 'signal wrong: the stall is gone, a correction is kept, the assessment follows' '
	sid=$(stall_id show.json) &&
	candor signal wrong "$sid" >out 2>err &&
	test "$(cat out)" = 1 &&
	test_grep "signal #$sid taken away; correction #1 kept" err &&
	candor show interaction 1 --json >after.json &&
	py after.json "
assert not [g for u in d[\"utterances\"] for g in u[\"signals\"] if g[\"category\"] == \"stall\"]
" &&
	candor status Dana --json >now.json &&
	test "$(jget now.json stalled)" = false &&
	candor signal list --json >list.json &&
	py list.json "
assert len(d) == 1, d
c = d[0]
assert (c[\"interaction\"], c[\"utterance\"], c[\"category\"], c[\"verdict\"], c[\"side\"]) == (1, 3, \"stall\", \"wrong\", \"buyer\"), c
assert c[\"text\"].endswith(\"Let me think about it.\"), c
"
'

test_expect 'reanalyze: the analyser finds the stall again, the correction holds over it' '
	candor reanalyze 1 >out 2>err &&
	test_grep "^interaction #1: [0-9]+ signals by signal model [0-9a-f]{16}, now [0-9]+ by signal model [0-9a-f]{16} \(1 of your corrections held\)" err &&
	test_grep "^1 interaction analysed again" out &&
	candor show interaction 1 --json >re.json &&
	py re.json "
assert not [g for u in d[\"utterances\"] for g in u[\"signals\"] if g[\"category\"] == \"stall\"]
assert [g for u in d[\"utterances\"] for g in u[\"signals\"] if g[\"category\"] == \"disclosure\"]
"
'

test_expect 'a signal id is never given out twice: a stale one is not found, and changes nothing' '
	sid=$(stall_id show.json) &&
	fails 3 candor signal wrong "$sid" &&
	test_grep "no signal #$sid" err
'

test_expect 'reanalyze checks every id first: one missing, nothing said, nothing changed' '
	fails 3 candor reanalyze 1 99 &&
	test_grep "no interaction #99" err &&
	candor log Dana "a note" >nid &&
	fails 2 candor reanalyze "$(cat nid)" &&
	test_grep "no transcript" err
'

test_expect 'signal add: the missed category is put in, on the whole utterance' '
	candor signal add 1:3 social >out 2>err &&
	test "$(cat out)" = 2 &&
	candor show interaction 1 --json >add.json &&
	py add.json "
g = [g for g in d[\"utterances\"][3][\"signals\"] if g[\"category\"] == \"social\"]
assert len(g) == 1 and g[0][\"confidence\"] is None and g[0][\"start\"] == 0, g
assert g[0][\"text\"] == d[\"utterances\"][3][\"text\"], g
" &&
	candor show interaction 1 >shown &&
	test_grep "^ +also: .*\[social #[0-9]+\]" shown
'

test_expect 'export --format json carries the corrections' '
	candor export --format json >all.json &&
	py all.json "
c = d[\"corrections\"]
assert [(x[\"id\"], x[\"verdict\"], x[\"category\"]) for x in c] == [(1, \"wrong\", \"stall\"), (2, \"missing\", \"social\")], c
"
'

test_expect 'bad corrections are refused and change nothing' '
	fails 2 candor signal add 1:0 stall &&
	test_grep "not said by the seller" err &&
	fails 5 candor signal add 1:3 social &&
	test_grep "already says social" err &&
	fails 2 candor signal add 1:3 grumbling &&
	test_grep "no category .grumbling.: one of social, stall" err &&
	fails 3 candor signal add 1:9 stall &&
	test_grep "no utterance 9 \(its utterances are 0 to 3\)" err &&
	fails 3 candor signal add 99:0 stall &&
	fails 2 candor signal add 1-3 stall &&
	test_grep "INTERACTION:UTTERANCE" err &&
	fails 3 candor signal wrong 999 &&
	fails 3 candor signal undo 999 &&
	usage_fails candor signal frobnicate &&
	usage_fails candor reanalyze
'

test_expect 'a signal logged by hand is not the analyser'"'"'s: signal wrong refuses it' '
	candor log Dana --said stall:"let me sleep on it" "quick call" >/dev/null &&
	hid=$(db_sql "SELECT id FROM signals WHERE utterance = -1") &&
	fails 2 candor signal wrong "$hid" &&
	test_grep "logged by hand" err
'

test_expect 'signal undo: the correction is taken back and the stall returns' '
	candor signal undo 1 >out 2>err &&
	test_grep "correction #1 taken back" out &&
	candor show interaction 1 --json >undo.json &&
	test -n "$(stall_id undo.json)" &&
	candor signal list --json >l2.json &&
	test "$(jget l2.json "#")" = 1 &&
	test "$(jget l2.json 0.verdict)" = missing
'

test_expect 'reanalyze --all with the phrases alone: each call says so' '
	CANDOR_MODEL=none candor reanalyze --all >out 2>err &&
	test_grep "now [0-9]+ by the phrases alone" err &&
	candor show interaction 1 --json >ph.json &&
	test "$(jget ph.json analyser)" = phrases &&
	candor status Dana >st &&
	test_grep "^signals found by the phrases alone \(1 call\)$" st &&
	candor status Dana --json >st.json &&
	test "$(jget st.json signal_models)" = "[{\"analyser\": \"phrases\", \"calls\": 1}]"
'

test_done
