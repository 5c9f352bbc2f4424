#!/usr/bin/env bash
# t0101: real meeting exports (read in place from ../shared beside the tree, never
# copied): a long Microsoft Teams WebVTT and a short Zoom one.
. "$CANDOR_TOP/tests/cli/lib.sh"
SAMPLES=${CANDOR_SAMPLES:-$SHARED/samples/transcripts}
TEAMS="$SAMPLES/teams-export.vtt"
ZOOM="$SAMPLES/zoom-export.vtt"

# test_sample 'what' FILE 'commands': skipped when the sample is not here.
test_sample() {
	if [ -r "$2" ]; then
		test_expect "$1" "$3"
	else
		test_count=$((test_count + 1))
		echo "ok $test_count - $1 # SKIP no $2"
	fi
}

# py FILE 'python': run Python with d = the JSON in FILE; it must not raise.
py() {
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
$2" "$1"
}

test_sample 'Teams: --cues reads 858 cues and 5 speakers' "$TEAMS" '
	candor analyze --cues "$TEAMS" >out 2>err &&
	test_grep "teams-export.vtt: vtt, 858 cues, 5 speakers$" out &&
	test "$(grep -c "^  line " out)" -eq 858
'

test_sample 'Teams: --cues --json lists each cue as read (id, timings, settings, raw text)' "$TEAMS" '
	candor analyze --cues --json "$TEAMS" >cues.json 2>err &&
	py cues.json "
assert len(d) == 858, len(d)
c = d[0]
assert c[\"id\"] == \"46b412bb-b417-448b-9401-e05862f844d3/14-0\", c
assert (c[\"startTime\"], c[\"endTime\"], c[\"settings\"]) == (3.372, 9.726, \"\"), c
assert c[\"text\"] == \"<v Nicolas Blank>And we have started. So with that,\nlet me say welcome to everyone to today\x27s</v>\", repr(c[\"text\"])
assert all({\"id\", \"startTime\", \"endTime\", \"settings\", \"text\"} <= set(x) for x in d)
assert all(x[\"startTime\"] <= x[\"endTime\"] for x in d)
assert len({x[\"id\"] for x in d}) == 858, \"cue ids are not unique\"
"
'

test_sample 'Teams: 156 utterances by 5 speakers, consecutive cues merged' "$TEAMS" '
	candor analyze --json --seller "Nicolas Blank" "$TEAMS" >teams.json 2>err &&
	py teams.json "
u = d[\"utterances\"]
assert len(u) == 156, len(u)
names = {x[\"speaker\"] for x in u}
assert names == {\"Nicolas Blank\", \"Shaun Hardneck\", \"Michael Engelbrecht\", \"Schalk van Wyk\", \"Matthew Levy\"}, names
assert all(a[\"speaker\"] != b[\"speaker\"] for a, b in zip(u, u[1:])), \"two turns in a row by one speaker\"
assert all(x[\"start\"] is not None and x[\"start\"] <= x[\"end\"] for x in u)
"
'

test_sample 'Teams: --seller makes one speaker the seller, the other four buyers' "$TEAMS" '
	py teams.json "
for x in d[\"utterances\"]:
    want = \"seller\" if x[\"speaker\"] == \"Nicolas Blank\" else \"buyer\"
    assert x[\"side\"] == want, (x[\"speaker\"], x[\"side\"])
m = d[\"metrics\"]
assert 0 < m[\"seller\"][\"word_share\"] < 1, m
assert abs(m[\"seller\"][\"word_share\"] + m[\"buyer\"][\"word_share\"] - 1) < 1e-9, m
"
'

test_sample 'Teams: every signal offset holds (text[start:end] == signal text)' "$TEAMS" '
	py teams.json "
n = 0
for x in d[\"utterances\"]:
    for s in x[\"signals\"]:
        assert set(s) == {\"category\", \"text\", \"start\", \"end\", \"confidence\"} and 0 < s[\"confidence\"] <= 1, s
        assert x[\"text\"][s[\"start\"]:s[\"end\"]] == s[\"text\"], (x[\"index\"], s)
        n += 1
assert n > 50, n
"
'

test_sample 'Teams: the human view has 156 utterance lines' "$TEAMS" '
	candor analyze --seller "Nicolas Blank" "$TEAMS" >out 2>err &&
	test_grep "teams-export.vtt: vtt, 156 utterances" out &&
	test "$(grep -Ec "^[0-9]+:[0-9]{2}(:[0-9]{2})? [^(]+ \((seller|buyer)\): " out)" -eq 156
'

test_sample 'Zoom: 11 cues, 3 speakers; the two trailing "Meeting title:"/"Hosted by:" lines have no speaker' "$ZOOM" '
	candor analyze --cues "$ZOOM" >out 2>err &&
	test_grep "zoom-export.vtt: vtt, 11 cues, 3 speakers$" out &&
	# the file as read, and the phrase engine'"'"'s metrics on it (the model
	# misses one of the two questions: "So it'"'"'s like tidyverse but for Python?")
	CANDOR_MODEL=none candor analyze --json --seller Instructor "$ZOOM" >zoom.json 2>err &&
	py zoom.json "
u = d[\"utterances\"]
assert len(u) == 10, len(u)
sides = {(x[\"speaker\"], x[\"side\"]) for x in u}
assert sides == {(\"Instructor\", \"seller\"), (\"Student 1\", \"buyer\"), (\"Student 2\", \"buyer\"), (\"\", \"unknown\")}, sides
assert u[-1][\"text\"] == \"Hosted by: Dr. Jane Smith\", repr(u[-1][\"text\"])
assert d[\"metrics\"][\"buyer\"][\"questions\"] == 2, d[\"metrics\"][\"buyer\"]
"
'

test_sample 'Zoom: the last cue (no newline at the end of the file) is read whole' "$ZOOM" '
	candor analyze --cues --json "$ZOOM" >zc.json 2>err &&
	py zc.json "
c = d[-1]
assert (c[\"startTime\"], c[\"endTime\"]) == (61.0, 65.0), c
assert c[\"text\"].rstrip() == \"Hosted by: Dr. Jane Smith\", repr(c[\"text\"])
"
'

test_done
