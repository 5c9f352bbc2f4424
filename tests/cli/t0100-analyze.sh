#!/usr/bin/env bash
# t0100: `candor analyze` shows what a transcript says and stores nothing:
# signals marked [category: words], the --json contract (code-point
# offsets), sides, stalls, negation, dated promises, --cues, several files.
. "$CANDOR_TOP/tests/cli/lib.sh"



# check.py CHECK FILE [ARGS...]: the JSON checks, in Python (code-point
# string slicing is what the contract promises).
cat >check.py <<'EOF'
import json, sys

def fail(msg):
    sys.exit("check failed: " + msg)

def analysis_contract(a, where=""):
    keys = set(a)
    if not {"utterances", "metrics", "commitments", "facts"} <= keys or \
       not keys <= {"utterances", "metrics", "commitments", "facts", "profile"}:
        fail(where + "top-level keys are %s" % sorted(keys))
    for i, u in enumerate(a["utterances"]):
        if set(u) != {"index", "speaker", "side", "start", "end", "text", "signals"}:
            fail(where + "utterance %d has keys %s" % (i, sorted(u)))
        if u["index"] != i:
            fail(where + "utterance %d has index %r" % (i, u["index"]))
        if u["side"] not in ("seller", "buyer", "unknown"):
            fail(where + "utterance %d side %r" % (i, u["side"]))
        for k in ("start", "end"):
            if u[k] is not None and not isinstance(u[k], (int, float)):
                fail(where + "utterance %d %s is %r" % (i, k, u[k]))
        if not isinstance(u["speaker"], str) or not isinstance(u["text"], str):
            fail(where + "utterance %d speaker/text not strings" % i)
        for s in u["signals"]:
            if set(s) != {"category", "text", "start", "end", "confidence"}:
                fail(where + "signal keys %s" % sorted(s))
            if not (isinstance(s["confidence"], (int, float)) and 0 < s["confidence"] <= 1):
                fail(where + "utterance %d signal confidence %r" % (i, s["confidence"]))
            st, en = s["start"], s["end"]
            if not (isinstance(st, int) and isinstance(en, int) and 0 <= st < en <= len(u["text"])):
                fail(where + "utterance %d signal %r out of range (len %d)" % (i, s, len(u["text"])))
            if u["text"][st:en] != s["text"]:
                fail(where + "utterance %d: text[%d:%d] is %r, signal says %r"
                     % (i, st, en, u["text"][st:en], s["text"]))

def signals(a):
    for u in a["utterances"]:
        for s in u["signals"]:
            yield u, s

def main():
    check, path, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    d = json.load(open(path))
    if check == "contract":
        analysis_contract(d)
    elif check == "array":          # FILE...: [{"file","analysis"}] in this order
        if not isinstance(d, list) or [e.get("file") for e in d] != args:
            fail("not an array of the files %s: %s" % (args, [e.get("file") for e in d] if isinstance(d, list) else type(d)))
        for e in d:
            if set(e) != {"file", "analysis"}:
                fail("array entry keys %s" % sorted(e))
            analysis_contract(e["analysis"], e["file"] + ": ")
    elif check == "sides":          # NAME=SIDE...: every utterance of NAME has SIDE
        want = dict(a.split("=", 1) for a in args)
        for u in d["utterances"]:
            if u["speaker"] in want and u["side"] != want[u["speaker"]]:
                fail("%s is %s, expected %s" % (u["speaker"], u["side"], want[u["speaker"]]))
        missing = set(want) - {u["speaker"] for u in d["utterances"]}
        if missing:
            fail("no utterances by %s" % missing)
    elif check == "signal":         # CATEGORY TEXT SIDE: such a signal exists
        cat, text, side = args
        if not any(s["category"] == cat and s["text"] == text and u["side"] == side
                   for u, s in signals(d)):
            fail("no %s signal %r on the %s side: %s" % (cat, text, side,
                 [(u["side"], s["category"], s["text"]) for u, s in signals(d)]))
    elif check == "no-category":    # CATEGORY...: no signal and no fact of these
        for u, s in signals(d):
            if s["category"] in args:
                fail("unexpected %s signal %r in %r" % (s["category"], s["text"], u["text"]))
        for f in d["facts"]:
            if f["kind"] in args:
                fail("unexpected %s fact %r" % (f["kind"], f["text"]))
    elif check == "fact":           # KIND: a fact of this kind was proposed
        if not any(f["kind"] == args[0] for f in d["facts"]):
            fail("no %s fact in %s" % (args[0], d["facts"]))
    elif check == "at":             # CATEGORY TEXT: its start is where TEXT is in the utterance
        cat, text = args
        hits = [(u, s) for u, s in signals(d) if s["category"] == cat and s["text"] == text]
        if not hits:
            fail("no %s signal %r" % (cat, text))
        for u, s in hits:
            if s["start"] != u["text"].index(text):
                fail("%r starts at %d, found at code point %d" % (text, s["start"], u["text"].index(text)))
    elif check == "commitment":     # SIDE SPEAKER TEXT DUE|null
        side, speaker, text, due = args
        due = None if due == "null" else due
        if not any(c["side"] == side and c["speaker"] == speaker and c["text"] == text
                   and c["due"] == due for c in d["commitments"]):
            fail("no commitment (%s, %s, %r, due %s) in %s" % (side, speaker, text, due, d["commitments"]))
    elif check == "cues":           # the cues of cue-settings.vtt exactly as read
        want = [
            ("intro-1", 0.5, 4.25, "align:start position:10%",
             "<v Sam Seller>Thanks for joining, Dana.\nShall we start with <i>your</i> goals?</v>"),
            ("", 4.8, 62.0, "line:0 size:80%",
             "<v Dana Reyes>Sure &amp; quickly: the renewal is due in March.</v>"),
            ("3", 3605.0, 3607.125, "", "<v.loud Sam Seller>Understood.</v>"),
        ]
        got = [(c["id"], c["startTime"], c["endTime"], c["settings"], c["text"]) for c in d]
        if got != want:
            fail("cues read as %r" % got)
    elif check == "cues-array":     # FILE=NCUES...
        want = [a.rsplit("=", 1) for a in args]
        got = [[e["file"], str(len(e["cues"]))] for e in d]
        if got != want:
            fail("cue arrays %r, expected %r" % (got, want))
    else:
        fail("unknown check " + check)

main()
EOF
check() { python3 check.py "$@"; }

test_expect 'setup: a database with one buyer (to see that analyze stores nothing)' '
	candor init >/dev/null &&
	candor account add Northwind >/dev/null &&
	candor contact add "Dana Reyes" --account Northwind >/dev/null
'

test_expect 'human output marks each signal as [category: words]' '
	candor analyze "$DATA/discovery-call.vtt" --at 2026-11-18 >out 2>err &&
	test_grep "discovery-call.vtt: vtt, 4 utterances" out &&
	test_grep "^00:01 Sam Seller \(seller\): .*\[question: What made you take this call\?\]" out &&
	test_grep "^00:06 Dana Reyes \(buyer\): \[disclosure: The problem is\] our month-end close" out &&
	test_grep "^00:21 Dana Reyes \(buyer\): .*\[stall: Let me think about it\]\.$" out &&
	test_grep "\[commitment: I.ll send\] you the case study by Friday" out &&
	test_grep "^promise +Sam Seller \(seller\): \"I.ll send you the case study by Friday\.\" due 2026-11-20$" out &&
	test_grep "^learned +bothering: \"The problem is our month-end close takes nine days\.\"$" out &&
	test ! -s err
'

test_expect '--json has utterances, metrics, commitments, facts (and profile)' '
	candor analyze "$DATA/discovery-call.vtt" --at 2026-11-18 --json >a.json &&
	check contract a.json &&
	test "$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))[\"utterances\"]))" a.json)" -eq 4
'

test_expect '--json signal offsets are code points: text[start:end] is the signal (accents, emoji, curly quotes)' '
	candor analyze "$DATA/unicode-call.vtt" --at 2026-11-18 --json >u.json &&
	check contract u.json &&
	check at u.json stall "Let me think about it" &&
	check at u.json disclosure "What worries me" &&
	check at u.json commitment "I’ll send" &&
	check commitment u.json seller "Sam Seller" "I’ll send you the Zürich case study by Friday." 2026-11-20
'

test_expect 'human output marks signals in non-ASCII text in the right place' '
	candor analyze "$DATA/unicode-call.vtt" --at 2026-11-18 >out &&
	test_grep "Zoë Müller \(buyer\): Ça va… 🙂 \[stall: Let me think about it\]\. \[candor: Can I be honest\] with you\?" out &&
	test_grep "Merci\. \[commitment: I’ll send\] you the Zürich case study" out
'

test_expect 'side: the seller (CANDOR_SELLER or --seller) is seller, everyone else buyer' '
	check sides a.json "Sam Seller=seller" "Dana Reyes=buyer" &&
	candor analyze "$DATA/discovery-call.vtt" --seller "Dana Reyes" --json >flip.json &&
	check contract flip.json &&
	check sides flip.json "Dana Reyes=seller" "Sam Seller=buyer" &&
	CANDOR_SELLER= candor analyze "$DATA/discovery-call.vtt" --seller Sam --json >first.json &&
	check sides first.json "Sam Seller=seller" "Dana Reyes=buyer"
'

test_expect 'side: a speaker-less cue is unknown; a "(Company)" suffix still matches --seller' '
	candor analyze "$TX/teams-discovery.vtt" --seller Dana --json >t.json &&
	check sides t.json "Dana Buyer (Acme)=seller" "Sam Seller=buyer" "Priya Patel (Acme)=buyer" &&
	printf "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Sam Seller>Hello.</v>\n\n00:00:02.000 --> 00:00:03.000\n(laughter)\n" >anon.vtt &&
	candor analyze anon.vtt --json >anon.json &&
	python3 -c "import json,sys; u=json.load(open(sys.argv[1]))[\"utterances\"]; assert [x[\"side\"] for x in u] == [\"seller\", \"unknown\"], u" anon.json
'

test_expect 'a stall ("let me think about it") is found, category stall, on the buyer side' '
	check signal a.json stall "Let me think about it" buyer
'

test_expect 'stall is buyer talk: the same words from the seller are no stall' '
	check no-category flip.json stall
'

test_expect 'negation: "I am not worried about the price" is no worry or disclosure' '
	python3 -c "import json,sys; u=json.load(open(sys.argv[1]))[\"utterances\"][1]; assert \"I'"'"'m not worried about the price.\" in u[\"text\"], u[\"text\"]; assert not [s for s in u[\"signals\"] if s[\"category\"] == \"disclosure\" and \"worried\" in s[\"text\"]], u[\"signals\"]" a.json &&
	check no-category a.json worried &&
	printf "Sam Seller: How do you feel about the budget?\nDana Reyes: I’m not worried about the price.\n" >neg.txt &&
	candor analyze neg.txt --json >neg.json &&
	check no-category neg.json disclosure worried stall
'

test_expect 'negation control: without "not" the same sentence is a worry (the phrases deciding)' '
	printf "Sam Seller: How do you feel about the budget?\nDana Reyes: I’m worried about the price.\n" >pos.txt &&
	CANDOR_MODEL=none candor analyze pos.txt --json >pos.json &&
	check fact pos.json worried
'

test_expect 'a dated seller promise on Wednesday 2026-11-18 "by Friday" is due 2026-11-20' '
	check commitment a.json seller "Sam Seller" "I'"'"'ll send you the case study by Friday." 2026-11-20 &&
	check commitment a.json seller "Sam Seller" "I'"'"'ll also loop in our controller." null &&
	check commitment a.json buyer "Dana Reyes" "I'"'"'ll check with finance." null
'

test_expect 'a disclosure becomes a proposed fact of its kind' '
	check fact a.json bothering &&
	check fact u.json worried
'

test_expect 'several files with --json: an array of {file, analysis}, in order' '
	candor analyze --json "$DATA/discovery-call.vtt" "$DATA/candid-call.txt" "$TX/zoom-pricing.vtt" >many.json &&
	check array many.json "$DATA/discovery-call.vtt" "$DATA/candid-call.txt" "$TX/zoom-pricing.vtt"
'

test_expect 'several files with --json: each analysis is the one of that file alone' '
	set -- "$DATA/discovery-call.vtt" "$DATA/unicode-call.vtt" "$DATA/renamed-call.srt" \
		"$TX/teams-discovery.vtt" "$TX/otter-followup.txt" &&
	candor analyze --json --at 2026-11-18 "$@" >all.json 2>/dev/null &&
	check array all.json "$@" &&
	i=0 && for f in "$@"; do
		candor analyze --json --at 2026-11-18 "$f" >one-$i.json 2>/dev/null || return 1
		i=$((i + 1))
	done &&
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
for i, e in enumerate(d):
    assert e[\"analysis\"] == json.load(open(\"one-%d.json\" % i)), e[\"file\"]
" all.json
'

test_expect 'one file with --json is an object, not an array' '
	python3 -c "import json,sys; assert isinstance(json.load(open(sys.argv[1])), dict)" a.json
'

test_expect '--cues --json lists VTT cues as read: id, startTime, endTime, settings, text' '
	candor analyze --cues --json "$DATA/cue-settings.vtt" >cues.json &&
	check cues cues.json
'

test_expect '--cues (human) gives format, counts, and each cue with its line' '
	candor analyze --cues "$DATA/cue-settings.vtt" >out &&
	test_grep "cue-settings.vtt: vtt, 3 cues, 2 speakers" out &&
	test_grep "^  line 11 +00:00 --> 00:04  Sam Seller: Thanks for joining, Dana\. Shall we start with your goals\?$" out &&
	test_grep "^  line 19 +1:00:05 --> 1:00:07  Sam Seller: Understood\.$" out
'

test_expect '--cues --json with several files: an array of {file, cues}' '
	candor analyze --cues --json "$DATA/cue-settings.vtt" "$TX/zoom-pricing.vtt" >cues2.json &&
	check cues-array cues2.json "$DATA/cue-settings.vtt=3" "$TX/zoom-pricing.vtt=4"
'

test_expect 'analyze stores nothing: the database dump is unchanged' '
	db_dump >before &&
	candor analyze "$DATA/discovery-call.vtt" "$DATA/candid-call.txt" >/dev/null &&
	candor analyze --json "$DATA/unicode-call.vtt" >/dev/null &&
	candor analyze --cues "$DATA/cue-settings.vtt" >/dev/null &&
	db_dump >after &&
	test_cmp before after
'

test_expect 'analyze needs no database and creates none' '
	CANDOR_DB="$TRASH/no-such.db" candor analyze --json "$DATA/discovery-call.vtt" >nodb.json &&
	check contract nodb.json &&
	test ! -e "$TRASH/no-such.db"
'

test_expect 'analyze reads standard input as -' '
	candor analyze - --json <"$DATA/candid-call.txt" >stdin.json &&
	check contract stdin.json &&
	check signal stdin.json candor "Can I be honest" buyer
'

# (an unmatched or ambiguous --seller is an error or a note: the working tree
# is moving between the two; either way it names the speakers and makes no
# one the seller)
# seller_not_found CODE CMD...: exit 0 with a note, or exit CODE with one
# line; the speakers named; with exit 0 and --json no utterance is the seller's.
seller_not_found() {
	local want=$1 got; shift
	"$@" >out 2>err; got=$?
	if [ "$got" -eq 0 ]; then
		test_grep "note" err &&
		{ test ! -s out || ! grep -q "(seller)" out || { echo "a seller side after the note" >&2; return 1; }; }
	else
		[ "$got" -eq "$want" ] || { echo "expected exit 0 or $want, got $got: $*" >&2; cat err >&2; return 1; }
		test ! -s out && [ "$(wc -l <err)" -eq 1 ]
	fi
}

test_expect 'a --seller not in the file names the speakers and makes no one the seller' '
	seller_not_found 3 candor analyze "$DATA/discovery-call.vtt" --seller "Pat Nobody" &&
	test_grep "Pat Nobody" err &&
	test_grep "Sam Seller" err &&
	test_grep "Dana Reyes" err
'

test_expect 'a CANDOR_SELLER not in the file is a note: sides stay unknown' '
	CANDOR_SELLER="Pat Nobody" candor analyze "$DATA/discovery-call.vtt" --json >unk.json 2>err &&
	test_grep "note" err &&
	check contract unk.json &&
	python3 -c "import json,sys; assert {u[\"side\"] for u in json.load(open(sys.argv[1]))[\"utterances\"]} == {\"unknown\"}" unk.json
'

test_expect 'an ambiguous first-name --seller names both and makes no one the seller' '
	printf "Sam Seller: Hi all.\nSam Ortiz: Hello.\nDana Reyes: Hi.\n" >twosams.txt &&
	seller_not_found 4 candor analyze twosams.txt --seller Sam &&
	test_grep "Sam Seller" err && test_grep "Sam Ortiz" err
'

test_expect 'the "matches more than one speaker" message lists only the speakers that match' '
	candor analyze twosams.txt --seller Sam >/dev/null 2>err;
	test_grep "more than one speaker" err &&
	test_no_grep "Dana Reyes" err
'

test_expect 'usage and input errors' '
	usage_fails candor analyze &&
	usage_fails candor analyze "$DATA/discovery-call.vtt" --bogus &&
	fails 2 candor analyze "$DATA/discovery-call.vtt" --at 2026-02-30 &&
	fails 2 candor analyze "$DATA/discovery-call.vtt" --as "Sam Seller" &&
	fails 3 candor analyze no-such-file.vtt &&
	test_grep "no-such-file.vtt" err
'

test_expect 'a bad file is exit 2 naming the file and line' '
	fails 2 candor analyze "$TX/bad-utf8.txt" &&
	test_grep "bad-utf8.txt.*line 2" err &&
	fails 2 candor analyze --json "$TX/bad-binary.bin" &&
	test_grep "bad-binary.bin" err &&
	fails 2 candor analyze --cues --json "$TX/bad-truncated.srt" &&
	test_grep "bad-truncated.srt.*line 6" err &&
	fails 2 candor analyze "$TX/bad-empty.txt" &&
	test_grep "bad-empty.txt" err
'

test_expect 'several files with --json, the bad one first: exit 2, nothing on stdout' '
	fails 2 candor analyze --json "$TX/bad-utf8.txt" "$DATA/candid-call.txt" &&
	test_grep "bad-utf8.txt" err
'

# json_or_nothing FILE: FILE is empty, or whole JSON (never half an array).
json_or_nothing() {
	test ! -s "$1" || python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$1" ||
		{ echo "stdout is neither empty nor JSON:" >&2; head -c 300 "$1" >&2; return 1; }
}

test_expect 'several files with --json, a bad one after good ones: exit 2 naming it, no half-written JSON' '
	for order in "GOOD BAD" "GOOD GOOD BAD GOOD"; do
		set -- &&
		for w in $order; do
			case $w in GOOD) set -- "$@" "$DATA/candid-call.txt" ;; BAD) set -- "$@" "$TX/bad-utf8.txt" ;; esac
		done &&
		candor analyze --json "$@" >out 2>err; r=$?
		[ $r -eq 2 ] || { echo "$order: exit $r" >&2; return 1; }
		[ "$(wc -l <err)" -eq 1 ] && test_grep "bad-utf8.txt" err &&
		json_or_nothing out || return 1
	done
'

test_expect 'without a seller the talk share is not printed as a negative percentage' '
	CANDOR_SELLER= candor analyze "$DATA/renamed-call.srt" >out 2>err &&
	test_grep "^talk" out &&
	test_no_grep "-[0-9]+%" out
'

test_done
