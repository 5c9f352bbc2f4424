#!/usr/bin/env bash
# t0111: every transcript and chat format the tools write, imported: what
# was stored (kind, utterances, speakers, a text, timings), the note for a
# file in a legacy encoding, and for a malformed file of each format an
# error naming the file, the line and what is wrong, with nothing stored.
. "$CANDOR_TOP/tests/cli/lib.sh"

# py FILE 'python': run Python with d = the JSON in FILE; it must not raise.
py() {
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
$2" "$1"
}

# imported FILE [import options]: import $TX/FILE with Dana; the id in ID,
# the interaction as JSON in FILE.json.
imported() {
	local f=$1; shift
	candor import "$TX/$f" --with Dana --at 2026-11-20 "$@" >id 2>err &&
	candor show interaction "$(cat id)" --json >"$f.json"
}

test_expect 'setup: a buyer' '
	candor init >/dev/null &&
	candor account add Acme >/dev/null &&
	candor contact add "Dana Buyer" --account Acme >/dev/null
'

test_expect 'Zoom chat, older one-line style: a chat of 4 messages, the recipient not in the name' '
	imported zoom-chat-2020.txt &&
	test_grep "as chat interaction #[0-9]+: 4 messages" err &&
	py zoom-chat-2020.txt.json "
assert d[\"kind\"] == \"chat\", d[\"kind\"]
u = d[\"utterances\"]
assert [x[\"speaker\"] for x in u] == [\"Sam Seller\", \"Dana Buyer\", \"Sam Seller\", \"Lee Wong\"], u
assert u[2][\"text\"] == \"Sure: I will share the sheet.\", u[2]
assert [x[\"side\"] for x in u[:2]] == [\"seller\", \"buyer\"], u
"
'

test_expect 'Zoom chat, two-line style: reactions are not stored, a reply is, without its quote' '
	imported zoom-chat-2022.txt &&
	py zoom-chat-2022.txt.json "
u = d[\"utterances\"]
assert d[\"kind\"] == \"chat\"
assert len(u) == 4, u
assert not any(\"Reacted to\" in x[\"text\"] or \"reaction from\" in x[\"text\"] for x in u), u
assert u[2][\"text\"] == \"Yes, I will send it by Friday.\", u[2]
assert {x[\"speaker\"] for x in u} == {\"Sam Seller\", \"Dana Buyer\"}, u
" &&
	candor analyze --cues --json "$TX/zoom-chat-2022.txt" >cues.json &&
	py cues.json "assert d[2][\"replyTo\"] == 1 and \"replyTo\" not in d[1], d"
'

test_expect 'Zoom chat from a cloud recording (tab-separated): offsets kept, the reply stored' '
	imported zoom-chat-cloud.txt &&
	py zoom-chat-cloud.txt.json "
u = d[\"utterances\"]
assert d[\"kind\"] == \"chat\" and len(u) == 4, u
assert u[2][\"speaker\"] == \"Lee Wong\" and u[2][\"text\"] == \"We still need legal to sign off.\", u[2]
assert u[3][\"text\"].endswith(\"a name before Friday.\"), u[3]
"
'

test_expect 'Meet chat copied from the side panel: one message a line, "You" is a speaker' '
	imported meet-chat.txt --as "You=Dana Buyer" &&
	py meet-chat.txt.json "
u = d[\"utterances\"]
assert d[\"kind\"] == \"chat\" and len(u) == 4, u
assert [x[\"speaker\"] for x in u] == [\"Sam Seller\", \"Sam Seller\", \"Dana Buyer\", \"Dana Buyer\"], u
assert u[1][\"text\"] == \"Please have a look before Thursday.\", u[1]
"
'

test_expect 'a chat imported with --kind meeting is stored as a meeting' '
	imported zoom-chat-cloud.txt --kind meeting --again &&
	test "$(jget zoom-chat-cloud.txt.json kind)" = meeting
'

test_expect 'Teams from the Graph API: unpadded timings read (not dropped), 2 turns' '
	imported teams-graph.vtt &&
	test_grep "as interaction #[0-9]+: 2 utterances" err &&
	py teams-graph.vtt.json "
u = d[\"utterances\"]
assert d[\"kind\"] == \"call\"
assert [x[\"speaker\"] for x in u] == [\"Sam Seller\", \"Dana Buyer\"], u
assert u[1][\"text\"] == \"Our renewals team keeps missing the signals. Can you send me the security paper?\", u[1]
"
'

test_expect 'Teams from the Graph API with JSON cues: spokenText and speakerName are used' '
	imported teams-graph-json.vtt &&
	py teams-graph-json.vtt.json "
u = d[\"utterances\"]
assert [x[\"speaker\"] for x in u] == [\"Sam Seller\", \"Dana Buyer\"], u
assert u[1][\"text\"] == \"We need <this> sorted & signed by June. Two weeks, at most.\", u[1]
assert not any(\"spokenText\" in x[\"text\"] for x in u), u
"
'

test_expect 'Teams saved as text, older and newer: speakers, turns, "Unknown Speaker" twice' '
	imported teams-text.txt &&
	py teams-text.txt.json "
u = d[\"utterances\"]
assert [x[\"speaker\"] for x in u] == [\"\", \"Sam Seller\", \"Dana Buyer (Acme)\"], u
assert u[2][\"text\"] == \"Knowing whether this fits our renewals process. That is all I need today.\", u[2]
" &&
	imported teams-transcript.txt &&
	py teams-transcript.txt.json "
u = d[\"utterances\"]
assert [x[\"speaker\"] for x in u[1:]] == [\"Sam Seller\", \"Dana Buyer (Acme)\", \"Unknown Speaker\", \"Unknown Speaker\", \"Sam Seller\"], u
assert [x[\"side\"] for x in u[3:5]] == [\"unknown\", \"unknown\"], u
assert not any(\"started transcription\" in x[\"text\"] for x in u), u
"
'

test_expect 'Fathom: the preamble is not stored, the names keep their company' '
	imported fathom-call.txt --seller "Sam Seller (Candor)" &&
	py fathom-call.txt.json "
u = d[\"utterances\"]
assert len(u) == 3, u
assert u[0][\"text\"] == \"Morning Dana, thanks for making time.\", u[0]
assert [x[\"side\"] for x in u] == [\"seller\", \"buyer\", \"seller\"], u
"
'

test_expect 'Otter edited in Markdown: names without their asterisks' '
	imported otter-markdown.md &&
	py otter-markdown.md.json "
u = d[\"utterances\"]
names = [x[\"speaker\"] for x in u]
assert names == [\"\", \"Sam Seller\", \"Dana Buyer\", \"Unknown Speaker\", \"Unknown Speaker\"], names
assert not any(\"*\" in n for n in names), names
"
'

test_expect 'legacy encodings: transcoded, and the import says from what' '
	imported legacy-cp1252.srt --as "Renée Dubois=Dana Buyer" &&
	test_grep "note: .*legacy-cp1252.srt.*read as Windows-1252" err &&
	py legacy-cp1252.srt.json "
u = d[\"utterances\"]
assert u[0][\"text\"] == \"The price is € 4,000 – per year.\", u[0]
assert u[1][\"text\"] == \"“That works” for our cafés.\", u[1]
" &&
	imported legacy-latin1.txt &&
	test_grep "read as Latin-1" err &&
	test "$(jget legacy-latin1.txt.json utterances.1.speaker)" = "Jürgen Müller" &&
	imported utf16le.srt &&
	test_grep "read as UTF-16LE" err &&
	test "$(jget utf16le.srt.json utterances.1.text)" = "Yes — go ahead 👍" &&
	imported utf16be.txt &&
	test_grep "read as UTF-16BE" err &&
	imported quirks.srt &&
	test_no_grep "read as" err
'

# bad FILE 'what the message says': refused, exit 2, one line naming the
# file, and nothing stored, alone or after a good file.
bad() {
	fails 2 candor import "$TX/$1" --with Dana --at 2026-11-20 &&
	test_grep "'[^']*$1' line [0-9]+: $2" err &&
	fails 2 candor import "$TX/zoom-chat-2020.txt" "$TX/$1" --with Dana --at 2026-11-20
}

test_expect 'a malformed file of each format: the file, the line and the field, nothing stored' '
	bad bad-zoom-chat-time.txt "the message time .14:61:30. is not a time" &&
	test_grep "line 3:" err &&
	bad bad-meet-chat-time.txt "the time .13:04 PM. under .Dana Buyer. is not a time" &&
	bad bad-teams-timing.txt "bad timing .0:0:4.330 --> 0:0:8.5x0." &&
	bad bad-teams-json.vtt "the cue.s JSON payload does not parse" &&
	bad bad-teams-json-field.vtt "the cue.s JSON payload has no \"spokenText\"" &&
	bad bad-fathom-time.txt "bad time in the header .0:7 - Dana Buyer" &&
	bad bad-encoding-cp1252.txt "cannot tell the file.s encoding.*byte 0x81" &&
	bad bad-encoding-cp1251.txt "cannot tell the file.s encoding" &&
	bad bad-utf8.txt "invalid UTF-8"
'

test_expect 'the samples from the tools read as before (a Teams and a Zoom export)' '
	for f in "$SHARED"/samples/transcripts/*.vtt; do
		[ -r "$f" ] || continue
		candor analyze --cues "$f" >out 2>err || return 1
		test_no_grep "read as" err || return 1
	done
'

test_done
