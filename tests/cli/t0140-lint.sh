#!/usr/bin/env bash
# t0140: `candor lint` checks a draft like a compiler: FILE:LINE:COL:
# category: "words" — why. Better: ...; exit 1 when it found something,
# 0 when clean; --to mirrors how that buyer decides.
. "$CANDOR_TOP/tests/cli/lib.sh"


# q FILE 'python expression': print it, with d = the JSON in FILE.
q() {
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
r = $2
print(r if isinstance(r, str) else json.dumps(r))" "$1"
}

# compiler_lines FILE: every line of FILE is FILE:LINE:COL: CATEGORY: "words" — why
compiler_lines() {
	if grep -Evq '^[^:]+:[0-9]+:[0-9]+: [a-z_]+: "[^"]+" — .+' "$1"; then
		echo "not a FILE:LINE:COL: category: \"words\" — why line:" >&2
		grep -Ev '^[^:]+:[0-9]+:[0-9]+: [a-z_]+: "[^"]+" — .+' "$1" >&2
		return 1
	fi
}

test_expect 'setup' '
	candor init >/dev/null &&
	candor account add Northwind >/dev/null &&
	candor contact add "Dana Reyes" --account Northwind >/dev/null &&
	candor contact add "Lee Wong" --account Northwind >/dev/null &&
	cp "$DATA/pushy-draft.txt" "$DATA/clean-draft.txt" "$DATA/upside-draft.txt" .
'

test_expect 'a pushy draft: "sign today" reported as FILE:LINE:COL: pressure: "words" — why, exit 1' '
	test_exit 1 candor lint pushy-draft.txt >out 2>err &&
	compiler_lines out &&
	test_grep "^pushy-draft\.txt:4:15: pressure: \"sign today\" — .+\. Better: " out &&
	test ! -s err
'

test_expect 'a pushy draft: "this price is only good until Friday" is pressure too' '
	test_exit 1 candor lint pushy-draft.txt >out 2>err &&
	test_grep "^pushy-draft\.txt:3:[0-9]+: pressure: \"[^\"]*(only good until|good until Friday)[^\"]*\" — " out
'

test_expect 'a clean draft: exit 0, no output at all' '
	candor lint clean-draft.txt >out 2>err &&
	test ! -s out &&
	test ! -s err
'

test_expect 'reading from - : the same findings, named "standard input"' '
	test_exit 1 candor lint - <pushy-draft.txt >out 2>err &&
	compiler_lines out &&
	test_grep "^standard input:4:15: pressure: \"sign today\"" out &&
	{ candor lint pushy-draft.txt; true; } | sed "s/^pushy-draft\.txt:/standard input:/" >expect &&
	test_cmp expect out &&
	candor lint - <clean-draft.txt >out &&
	test ! -s out
'

test_expect '--json: {file, findings[{line, column, category, words, why, better}]}' '
	test_exit 1 candor lint --json pushy-draft.txt >l.json &&
	test "$(q l.json "d[\"file\"]")" = pushy-draft.txt &&
	test "$(q l.json "all(set(f) == {\"line\", \"column\", \"category\", \"words\", \"why\", \"better\"} for f in d[\"findings\"])")" = true &&
	test "$(q l.json "[[f[\"line\"], f[\"column\"], f[\"category\"]] for f in d[\"findings\"] if f[\"words\"] == \"sign today\"]")" = "[[4, 15, \"pressure\"]]" &&
	test_exit 1 candor lint pushy-draft.txt >human &&
	test "$(wc -l <human)" -eq "$(q l.json "len(d[\"findings\"])")"
'

test_expect '--json on a clean draft: no findings, exit 0' '
	candor lint --json clean-draft.txt >c.json &&
	test "$(q c.json "d[\"findings\"]")" = "[]"
'

test_expect 'columns count characters, not bytes; CR LF ends a line' '
	printf "Hi Zoë — thanks.\r\nÀ bientôt — sign today.\r\n" >fr.txt &&
	# positions are the phrase engine'"'"'s work: with the phrases deciding
	CANDOR_MODEL=none test_exit 1 candor lint fr.txt >out &&
	test_grep "^fr\.txt:2:13: pressure: \"sign today\"" out
'

test_expect 'findings come in order of position, several on a line' '
	printf "Act now: this offer expires today, so sign today.\n" >many.txt &&
	CANDOR_MODEL=none test_exit 1 candor lint --json many.txt >m.json &&
	test "$(q m.json "[f[\"column\"] for f in d[\"findings\"]] == sorted(f[\"column\"] for f in d[\"findings\"])")" = true &&
	test "$(q m.json "len(d[\"findings\"]) >= 3")" = true
'

test_expect 'invalid UTF-8 is exit 2, naming the line' '
	printf "Hi Dana,\nthe caf\351 was lovely\n" >latin1.txt &&
	fails 2 candor lint latin1.txt &&
	test_grep "latin1\.txt:2" err &&
	printf "one\ntwo\nthree \300\200\n" | fails 2 candor lint - &&
	test_grep "standard input:3" err
'

test_expect 'a NUL byte is not text either (exit 2)' '
	printf "Hi\000Dana\n" >nul.txt &&
	fails 2 candor lint nul.txt
'

test_expect 'the model finds pressure and closing in wording no phrase holds' '
	printf "I have only got two onboarding slots left for Q1.\n\nYou would be crazy to sit on this until spring.\n\nThose Q1 slots really will go fast.\n\nSo if I get you the twenty percent, will you sign this week?\n" >fresh.txt &&
	CANDOR_MODEL=none candor lint fresh.txt >phrases &&
	test ! -s phrases &&
	test_exit 1 candor lint fresh.txt >out &&
	compiler_lines out &&
	test "$(grep -cE ": (pressure|closing): " out)" -ge 3 &&
	test_grep "^fresh\.txt:7:1: closing: \"So if I get you the twenty percent" out
'

test_expect 'a finding of the model alone quotes its sentence and the category'"'"'s reason' '
	test_grep "^fresh\.txt:5:1: pressure: \"Those Q1 slots really will go fast\" — Pressure creates resistance" out
'

test_expect 'a letter'"'"'s greeting and sign-off are not judged by the model ("Best," is no boast)' '
	printf "Hi Dana,\n\nThanks for your time today.\n\nBest,\nSam\n" >letter.txt &&
	candor lint letter.txt >out &&
	test ! -s out &&
	printf "Best in class, our platform wins every award.\n\nBest,\nSam\n" >boast.txt &&
	test_exit 1 candor lint boast.txt >out &&
	test_grep "^boast\.txt:1:1: seller_centric: " out &&
	! grep -q ":3:1: " out
'

test_expect 'a finding quoted across a line break is still one line of output' '
	printf "Those Q1 slots really will\ngo fast.\n" >wrap.txt &&
	test_exit 1 candor lint wrap.txt >out &&
	compiler_lines out &&
	test_grep "^wrap\.txt:1:1: pressure: \"Those Q1 slots really will go fast\" — " out &&
	test "$(wc -l <out)" -eq "$(candor lint --json wrap.txt | python3 -c "import json,sys; print(len(json.load(sys.stdin)[\"findings\"]))")"
'

test_expect 'an empty draft is clean' '
	: >empty.txt &&
	candor lint empty.txt >out &&
	test ! -s out
'

test_expect 'usage: one FILE (exit 1); a missing file (exit 3)' '
	test_exit 1 candor lint 2>/dev/null &&
	test_exit 1 candor lint a.txt b.txt 2>/dev/null &&
	fails 3 candor lint no-such-draft.txt &&
	test_grep "no-such-draft.txt" err
'

test_expect '--to an unknown contact is exit 3' '
	fails 3 candor lint clean-draft.txt --to "Nobody Here" &&
	test_grep "Nobody Here" err
'

test_expect '--to a buyer with no calls yet: no mirror findings' '
	candor lint upside-draft.txt --to Dana >out 2>err &&
	test ! -s out
'

test_expect '--to a buyer who speaks away-from: toward phrases in the draft are reported (mirror)' '
	candor import "$DATA/discovery-call.vtt" --with Dana --at 2026-11-18 >/dev/null 2>&1 &&
	test_exit 1 candor lint upside-draft.txt --to Dana >out 2>err &&
	compiler_lines out &&
	test_grep "^upside-draft\.txt:3:9: mirror: \"the upside\" — .*away" out &&
	test_grep "^upside-draft\.txt:3:37: mirror: \"achieve\"" out &&
	test_grep "Dana Reyes: away" err
'

test_expect 'without --to the same draft is clean; --to another buyer with no calls too' '
	candor lint upside-draft.txt >out &&
	test ! -s out &&
	candor lint upside-draft.txt --to Lee >out 2>/dev/null &&
	test ! -s out
'

test_expect '--to --json gives the mirror findings with line and column' '
	test_exit 1 candor lint --json --to Dana upside-draft.txt >u.json 2>/dev/null &&
	test "$(q u.json "[[f[\"line\"], f[\"column\"], f[\"category\"], f[\"words\"]] for f in d[\"findings\"]]")" = \
		"[[3, 9, \"mirror\", \"the upside\"], [3, 37, \"mirror\", \"achieve\"]]"
'

test_expect 'lint changes nothing in the database' '
	db_dump >before &&
	candor lint pushy-draft.txt --to Dana >/dev/null 2>&1
	db_dump >after &&
	test_cmp before after
'

test_expect 'lint without --to needs no database' '
	CANDOR_DB="$TRASH/none.db" test_exit 1 candor lint pushy-draft.txt >/dev/null &&
	test ! -e "$TRASH/none.db" &&
	CANDOR_DB="$TRASH/none.db" test_exit 6 candor lint pushy-draft.txt --to Dana 2>/dev/null &&
	test ! -e "$TRASH/none.db"
'

test_done
