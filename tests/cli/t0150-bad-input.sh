#!/usr/bin/env bash
# t0150: odd and hostile input to the conversation commands is refused
# (exit 2, one line naming the file) or read; it never crashes (no exit
# >= 70; a sanitizer report exits 99 through tests/run's options) and a
# refused import stores nothing.
. "$CANDOR_TOP/tests/cli/lib.sh"


# sane CMD...: a documented exit from 0 to 6 (never a crash or internal
# error); an error (any but lint's exit 1, findings) says "candor ...".
sane() {
	local got
	"$@" >out 2>err; got=$?
	case $got in
	0) ;;
	1|2|3|4|5|6)
		if [ "$got" -ne 1 ] || [ "$2" != lint ]; then
			test_grep "^candor" err || return 1
		fi ;;
	*) echo "exit $got from: $*" >&2; head -c 2000 err >&2; return 1 ;;
	esac
}

test_expect 'setup: hostile transcripts' '
	candor init >/dev/null &&
	candor account add Northwind >/dev/null &&
	candor contact add "Dana Reyes" --account Northwind >/dev/null &&
	mkdir bad ok &&
	# refused: not a transcript, or broken
	printf "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Sam Seller>caf\303" >bad/cut-utf8.vtt &&
	printf "Sam Seller: hi\nDana Reyes: \377\376\n" >bad/ff.txt &&
	printf "Sam Seller: hi\000there\n" >bad/nul.txt &&
	printf "\357\273\277" >bad/bom-only.txt &&
	printf " \n\t\n\r\n" >bad/blank.txt &&
	printf "1\n00:00:01,000 --> 00:00:02,000\n\n\n2\n" >bad/srt-no-timing.srt &&
	printf "1\n99:99:99,999 --> 00:00:0x,000\nhi\n" >bad/srt-bad-time.srt &&
	printf "[Sam Seller] 99:99:99\nhi\n" >bad/zoom-bad-time.txt &&
	printf ":\n" >bad/colon.txt &&
	python3 -c "print(\"Sam Seller: \" + \"x\" * (1 << 20))" >bad/long-line.txt &&
	printf "Sam Seller: hi\xed\xa0\x80 (a UTF-16 surrogate)\n" >bad/surrogate.txt &&
	printf "Sam Seller: \xc0\xaf overlong\n" >bad/overlong.txt &&
	# read: odd but valid
	printf "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Sam Seller>Hello the" >ok/cut-mid-text.vtt &&
	printf "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Sam Seller\n\n00:00:02.000 --> 00:00:03.000\n<v>x</v>\n\n00:00:03.000 --> 00:00:04.000\n<v Dana Reyes>ok</v>\n\n00:00:04.000 --> 00:00:05.000\n<v Sam Seller>Good.</v>\n" >ok/broken-tags.vtt &&
	python3 -c "print(\"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\" + \"<v Sam Seller><b><i><u>\" * 500 + \"hi\" + \"</u></i></b></v>\" * 500 + \"\n\n00:00:02.000 --> 00:00:03.000\n<v Dana Reyes>ok</v>\")" >ok/deep-tags.vtt &&
	printf "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Sam Seller>&amp;&lt;&#128512;&#0;&#xD800;&#x110000;&bogus;&#99999999999999999999;</v>\n\n00:00:03.000 --> 00:00:04.000\n<v Dana Reyes>fine</v>\n" >ok/entities.vtt &&
	printf "WEBVTT\r\rNOTE cr only\r\r00:00:01.000 --> 00:00:02.000\r<v Sam Seller>Let me think about it?\r\r00:00:02.000 --> 00:00:01.000\r<v Dana Reyes>Let me think about it.\r" >ok/cr-only.vtt &&
	python3 -c "print(\"Sam Seller: Hi.\n\" + \"Dana Reyes: \" + \"let me think about it, I am worried, can I be honest? \" * 400)" >ok/many-signals.txt &&
	python3 -c "print(\"\n\".join(\"%s: %s\" % (\"Sam Seller\" if i % 2 else \"Dana Reyes\", \"ok\") for i in range(3000)))" >ok/many-turns.txt &&
	python3 -c "print(\"Sam Seller: hi\nDana Reyes \" + \"(\" * 300 + \": hello\")" >ok/paren-name.txt &&
	printf "Sam Seller: I will send it on February 30, by 2026-13-45, in 99999999999 weeks and by end of the month.\nDana Reyes: ok\n" >ok/odd-dates.txt &&
	printf "Sam Seller: \xe2\x80\x8b\xe2\x80\x8e\xef\xbc\xa9\xe2\x80\x99ll send \xef\xac\x81les by Friday. Z\xcc\x88o\xcc\x88\nDana Reyes: \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd\n" >ok/unicode-tricks.txt &&
	printf "1\n00:00:01,000 --> 00:00:02,000\nSam Seller: one\n\n1\n00:00:01,000 --> 00:00:02,000\nSam Seller: one again\n\n3\n00:00:05,000 --> 00:00:04,000\nDana Reyes: backwards\n" >ok/srt-dupes.srt &&
	ls bad | wc -l >nbad && ls ok | wc -l >nok
'

test_expect 'each refused file: exit 2, one line naming the file (analyze --cues, --cues --json)' '
	for f in bad/*; do
		for mode in --cues "--cues --json"; do
			candor analyze $mode "$f" >out 2>err; r=$?
			[ $r -eq 2 ] || { echo "$f ($mode): exit $r" >&2; cat err >&2; return 1; }
			test ! -s out || { echo "$f ($mode): stdout" >&2; return 1; }
			[ "$(wc -l <err)" -eq 1 ] && test_grep "^candor analyze: .*$(basename "$f")" err || return 1
		done
	done
'

test_expect 'a refused file names the line where it is broken' '
	candor analyze --cues bad/cut-utf8.vtt 2>err; test_grep "line 4" err &&
	candor analyze --cues bad/ff.txt 2>err; test_grep "line 2" err &&
	candor analyze --cues bad/srt-no-timing.srt 2>err; test_grep "line 5" err &&
	candor analyze --cues bad/long-line.txt 2>err; test_grep "line 1" err
'

test_expect 'each odd but valid file reads (--cues, --cues --json) as JSON' '
	i=0 && for f in ok/*; do
		i=$((i + 1)) &&
		candor analyze --cues --json "$f" >c-$i.json 2>err || { echo "$f: exit $?" >&2; cat err >&2; return 1; }
	done &&
	python3 -c "
import json, sys
for f in sys.argv[1:]:
    assert isinstance(json.load(open(f)), list), f
" c-*.json
'

test_expect 'all odd files analysed at once: --json holds the contract (offsets in code points)' '
	sane candor analyze --json --at 2026-11-18 ok/* &&
	mv out all.json &&
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) == int(sys.argv[2]), len(d)
for e in d:
    a = e[\"analysis\"]
    assert set(a) >= {\"utterances\", \"metrics\", \"commitments\", \"facts\"}, e[\"file\"]
    for u in a[\"utterances\"]:
        for s in u[\"signals\"]:
            assert 0 <= s[\"start\"] < s[\"end\"] <= len(u[\"text\"]), (e[\"file\"], s)
            assert u[\"text\"][s[\"start\"]:s[\"end\"]] == s[\"text\"], (e[\"file\"], s)
" all.json "$(cat nok)"
'

test_expect 'all odd files analysed at once, human output: no crash' '
	sane candor analyze --at 2026-11-18 ok/* &&
	test_grep "many-signals.txt" out
'

test_expect 'all odd files imported at once, then shown: no crash, one interaction each, offsets hold' '
	sane candor import ok/* --with Dana --at 2026-11-18 &&
	test "$(wc -l <out)" -eq "$(cat nok)" &&
	for id in $(cat out); do
		candor show interaction "$id" >/dev/null 2>err &&
		candor show interaction "$id" --json >s-$id.json 2>err || { echo "show $id" >&2; cat err >&2; return 1; }
	done &&
	python3 -c "
import json, sys
for f in sys.argv[1:]:
    d = json.load(open(f))
    for u in d[\"utterances\"]:
        for g in u[\"signals\"]:
            assert u[\"text\"][g[\"start\"]:g[\"end\"]] == g[\"text\"], (f, g)
" s-*.json &&
	sane candor status Dana --json &&
	sane candor contact show Dana --json
'

test_expect 'a refused file among the odd ones imports nothing' '
	db_dump >before &&
	for f in bad/nul.txt bad/surrogate.txt bad/srt-bad-time.srt; do
		candor import ok/* "$f" --with Dana --at 2026-11-19 >out 2>err; r=$?
		[ $r -eq 2 ] && test ! -s out && test_grep "$(basename "$f")" err || { echo "$f: exit $r" >&2; cat err >&2; return 1; }
	done &&
	db_dump >after &&
	test_cmp before after
'

test_expect 'accepting and dismissing whatever the odd calls proposed: no crash' '
	candor export --format json >all.json &&
	for id in $(python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
seen = set()
def walk(x):
    if isinstance(x, dict):
        if x.get(\"status\") == \"proposed\" and \"id\" in x and x.get(\"kind\") in (\"commitment\", \"fact\"):
            seen.add(x[\"id\"])
        for v in x.values(): walk(v)
    elif isinstance(x, list):
        for v in x: walk(v)
walk(d)
print(\" \".join(map(str, sorted(seen))))" all.json) 1 2 3 4 5; do
		sane candor accept "$id" --due 2026-12-01 && sane candor dismiss "$id" || return 1
	done
'

test_expect 'lint: odd drafts never crash; invalid UTF-8 is exit 2 naming the line' '
	for f in bad/cut-utf8.vtt bad/ff.txt bad/nul.txt bad/surrogate.txt bad/overlong.txt; do
		candor lint "$f" >out 2>err; r=$?
		[ $r -eq 2 ] && test_grep ":[0-9]+: not UTF-8" err || { echo "lint $f: exit $r" >&2; cat err >&2; return 1; }
	done &&
	sane candor lint ok/unicode-tricks.txt &&
	sane candor lint --json ok/many-signals.txt &&
	sane candor lint bad/long-line.txt &&
	sane candor lint ok/deep-tags.vtt --to Dana
'

test_expect 'odd ids and arguments are refused, never a crash' '
	for args in "show interaction -1" "show interaction 99999999999999999999" "show interaction 0x10" \
		"show interaction \"\"" "accept -5" "accept 99999999999999999999" "dismiss 1e3" \
		"accept 1 --due 9999-99-99" "accept 1 --due \"\"" "import ok/entities.vtt --with \"\"" \
		"import ok/entities.vtt --with Dana --as =" "import ok/entities.vtt --with Dana --as x=" \
		"analyze ok/entities.vtt --as \"Sam Seller=\"" "analyze ok/entities.vtt --seller \"\"" \
		"analyze --cues" "lint - --to \"\"" "analyze ok/entities.vtt --lexicon /nonexistent" \
		"lint ok/entities.vtt --lexicon $TRASH/bad"; do
		eval "candor $args" </dev/null >/dev/null 2>err; r=$?
		[ $r -lt 70 ] || { echo "candor $args exited $r" >&2; cat err >&2; return 1; }
	done
'

test_expect 'an empty device as the file is refused (exit 2), or a clean draft' '
	candor analyze --cues /dev/null >/dev/null 2>err; r=$?
	[ $r -eq 2 ] && test_grep "/dev/null" err &&
	sane candor import /dev/null --with Dana && test_grep "/dev/null" err &&
	candor lint /dev/null
'

test_expect 'a folder given as FILE is refused as bad input (exit 2 or 3), not an internal error' '
	for cmd in "analyze --cues" "analyze" "analyze --json" "import --with Dana" "lint"; do
		candor $cmd ok >out 2>err; r=$?
		{ [ $r -eq 2 ] || [ $r -eq 3 ]; } || { echo "candor $cmd ok: exit $r" >&2; cat err >&2; return 1; }
	done
'

test_expect 'a huge WebVTT hour is not shown as a negative clock time' '
	printf "WEBVTT\n\n99999999999999999999:00:01.000 --> 99999999999999999999:00:02.000\n<v Sam Seller>hi</v>\n" >big.vtt &&
	candor analyze --cues big.vtt >out 2>err; r=$?
	{ [ $r -eq 0 ] || [ $r -eq 2 ]; } &&
	test_no_grep "(^| )-[0-9]+:" out
'

test_done
