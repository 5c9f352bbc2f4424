#!/usr/bin/env bash
# t0130: what imported calls do to the trust model: a buyer's stall shuts
# the trust gate with their own sentence as the reason, later candour lifts
# it, and the seller's talk share is evidence.
. "$CANDOR_TOP/tests/cli/lib.sh"

# q FILE 'python expression': print it, with d = the JSON in FILE.
q() {
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
r = $2
print(r if isinstance(r, str) else json.dumps(r))" "$1"
}

# trust_reasons FILE: the trust gate's reasons, one a line, "stall|text".
trust_reasons() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for g in d["gates"]:
    if g["stage"] == "trust":
        for r in g["reasons"]:
            print(("stall" if r.get("stall") else "-") + "|" + r["text"])' "$1"
}

test_expect 'setup: two buyers at two accounts' '
	candor init >/dev/null &&
	candor account add Northwind >/dev/null &&
	candor account add Fabrikam >/dev/null &&
	candor contact add "Dana Reyes" --account Northwind >/dev/null &&
	candor contact add "Lee Wong" --account Fabrikam >/dev/null
'

test_expect 'before any call the buyer is not stalled' '
	candor status Dana --json >s0.json &&
	test "$(q s0.json "d[\"stalled\"]")" = false
'

test_expect 'a call where the buyer stalls: stalled, trust gate shut, the reason quotes their sentence' '
	candor import "$DATA/discovery-call.vtt" --with Dana --at 2026-11-18 >c1 2>/dev/null &&
	candor status Dana --json >s1.json &&
	test "$(q s1.json "d[\"stalled\"]")" = true &&
	test "$(q s1.json "[g[\"open\"] for g in d[\"gates\"] if g[\"stage\"] == \"trust\"][0]")" = false &&
	trust_reasons s1.json >r1 &&
	test_grep "^stall\|.*\"Let me think about it\.\" \(2026-11-18\)" r1
'

test_expect 'the stall reason points at the stored signal, and is the headline' '
	test "$(q s1.json "[r[\"evidence\"][\"kind\"] for g in d[\"gates\"] for r in g[\"reasons\"] if r.get(\"stall\")][0]")" = signal &&
	test_grep "Let me think about it" s1.json &&
	test "$(q s1.json "\"Let me think about it.\" in d[\"headline\"]")" = true
'

test_expect 'status (human) shows the stall with the buyer'"'"'s words' '
	candor status Dana >out &&
	test_grep "stalled" out &&
	test_grep "they said \"Let me think about it\.\"" out
'

test_expect 'the seller'"'"'s talk share is in evidence.seller_talk_share (the call'"'"'s word share)' '
	candor show interaction "$(cat c1)" --json >i1.json &&
	share=$(q i1.json "d[\"metrics\"][\"seller\"][\"word_share\"]") &&
	test "$(q s1.json "abs(d[\"evidence\"][\"seller_talk_share\"] - $share) < 0.001")" = true &&
	candor status Dana >out &&
	test_grep "you talked $(python3 -c "print(round($share * 100))")% of the time in calls" out
'

test_expect 'a later call where the buyer is candid lifts the stall reason' '
	candor import "$DATA/candid-call.txt" --with Dana --at 2026-11-24 >c2 2>/dev/null &&
	candor status Dana --json >s2.json &&
	test "$(q s2.json "d[\"stalled\"]")" = false &&
	trust_reasons s2.json >r2 &&
	test_no_grep "^stall\|" r2 &&
	test_no_grep "think about it" r2
'

test_expect 'status --at between the calls still shows the stall' '
	candor status Dana --at 2026-11-20 --json >s12.json &&
	test "$(q s12.json "d[\"stalled\"]")" = true &&
	trust_reasons s12.json >r12 &&
	test_grep "^stall\|.*Let me think about it" r12
'

test_expect 'the talk share covers both calls now' '
	test "$(q s2.json "0 < d[\"evidence\"][\"seller_talk_share\"] < 1")" = true &&
	test "$(q s2.json "d[\"evidence\"][\"seller_talk_share\"]")" != "$(q s1.json "d[\"evidence\"][\"seller_talk_share\"]")"
'

test_expect 'the buyer'"'"'s away-from words give the profile' '
	test "$(q s2.json "(d[\"profile\"][\"direction\"], d[\"profile\"][\"away\"] >= 1)")" = "[\"away\", true]"
'

test_expect 'a stall by another buyer is theirs alone' '
	candor import "$TX/zoom-pricing.vtt" --with "Lee Wong" --at 2026-11-19 >c3 2>/dev/null &&
	candor status Lee --json >l.json &&
	test "$(q l.json "d[\"stalled\"]")" = true &&
	trust_reasons l.json >rl &&
	test_grep "^stall\|.*we.ll think about it" rl &&
	candor status Dana --json >s3.json &&
	test "$(q s3.json "d[\"stalled\"]")" = false
'

test_expect 'the pipeline puts the stalled buyer first, with the reason' '
	candor pipeline >out &&
	head -n 5 out >head5 &&
	test_grep "Lee Wong" head5
'

test_expect 'dismissing every proposal of the call does not lift the stall (the signals stay)' '
	candor contact add "Kim Park" --account Fabrikam >/dev/null &&
	candor import "$DATA/discovery-call.vtt" --again --with Kim --at 2026-11-18 >c4 2>/dev/null &&
	candor show interaction "$(cat c4)" --json >i4.json &&
	ids=$(q i4.json "\" \".join(str(p[\"id\"]) for p in d[\"proposals\"])") &&
	test -n "$ids" &&
	for p in $ids; do
		candor dismiss "$p" >/dev/null || return 1
	done &&
	candor status Kim --json >k.json &&
	test "$(q k.json "d[\"stalled\"]")" = true
'

test_done
