#!/usr/bin/env bash
# t0110: `candor import` stores a call (utterances, signals, metrics,
# proposals) with one contact, or nothing at all; `candor show interaction`
# gives it back.
. "$CANDOR_TOP/tests/cli/lib.sh"




# py FILE 'python': run Python with d = the JSON in FILE; it must not raise.
py() {
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
$2" "$1"
}

test_expect 'setup: two accounts, an ambiguous name' '
	candor init >/dev/null &&
	candor account add Northwind >/dev/null &&
	candor account add Contoso >/dev/null &&
	candor contact add "Dana Reyes" --account Northwind --role CFO >/dev/null &&
	candor contact add "Alex Kim" --account Northwind >/dev/null &&
	candor contact add "Alex Kim" --account Contoso >/dev/null &&
	candor contact add "Zoë Müller" --account Contoso >/dev/null
'

test_expect '--with CONTACT and FILE are required (exit 1), nothing stored, nothing leaked' '
	usage_fails candor import "$DATA/discovery-call.vtt" &&
	test_grep "with" err &&
	usage_fails candor import --with Dana &&
	usage_fails candor import "$DATA/discovery-call.vtt" --with &&
	usage_fails candor import "$DATA/discovery-call.vtt" --with Dana --bogus
'

test_expect 'an unknown contact is exit 3, names it, stores nothing' '
	fails 3 candor import "$DATA/discovery-call.vtt" --with "Nobody Here" --at 2026-11-18 &&
	test_grep "Nobody Here" err
'

test_expect 'an ambiguous contact is exit 4, stores nothing' '
	fails 4 candor import "$DATA/discovery-call.vtt" --with "Alex Kim" --at 2026-11-18 &&
	test_grep "Northwind" err && test_grep "Contoso" err
'

test_expect 'a seller not in the file (--seller) is exit 3 naming the speakers; nothing stored' '
	fails 3 candor import "$DATA/discovery-call.vtt" --with Dana --seller "Pat Nobody" --at 2026-11-18 &&
	test_grep "Pat Nobody" err &&
	test_grep "Sam Seller" err && test_grep "Dana Reyes" err
'

test_expect 'a seller not in the file (CANDOR_SELLER) is exit 3 too; nothing stored' '
	CANDOR_SELLER="Pat Nobody" fails 3 candor import "$DATA/discovery-call.vtt" --with Dana --at 2026-11-18 &&
	test_grep "Pat Nobody" err
'

test_expect 'with no seller name at all (no --seller, no CANDOR_SELLER) import stores nothing and asks for --seller' '
	db_dump >before &&
	(unset CANDOR_SELLER; candor import "$DATA/discovery-call.vtt" --with Dana --at 2026-11-18) >out 2>err; r=$?
	db_dump >after &&
	{ [ $r -eq 1 ] || [ $r -eq 3 ]; } &&
	test ! -s out &&
	test_grep "seller" err &&
	test_cmp before after
'

test_expect 'a seller who is in one file but not the other: nothing stored' '
	fails 3 candor import "$DATA/discovery-call.vtt" "$DATA/renamed-call.srt" --with Dana --at 2026-11-18 &&
	test_grep "Sam S\." err
'

test_expect 'with several files, the seller error names the file the seller is missing from' '
	fails 3 candor import "$DATA/discovery-call.vtt" "$DATA/renamed-call.srt" --with Dana --at 2026-11-18 &&
	test_grep "renamed-call.srt" err
'

test_expect 'a WebVTT file cut off before its first whole cue imports nothing' '
	printf "WEBVTT\n\n00:00:01.000 --> 00:00:0" >cut.vtt &&
	db_dump >before &&
	candor import "$DATA/candid-call.txt" cut.vtt --with Dana --at 2026-11-18 >out 2>err; r=$?
	db_dump >after &&
	{ [ $r -eq 2 ] || [ $r -eq 3 ]; } &&
	test ! -s out &&
	test_cmp before after
'

test_expect 'a bad file among good ones imports nothing and names the file (and line)' '
	fails 2 candor import "$DATA/discovery-call.vtt" "$TX/bad-binary.bin" --with Dana --at 2026-11-18 &&
	test_grep "bad-binary.bin.*line 1" err &&
	fails 2 candor import "$TX/bad-utf8.txt" "$DATA/discovery-call.vtt" --with Dana --at 2026-11-18 &&
	test_grep "bad-utf8.txt.*line 2" err &&
	fails 2 candor import "$DATA/discovery-call.vtt" "$TX/bad-empty.txt" "$DATA/candid-call.txt" --with Dana --at 2026-11-18 &&
	test_grep "bad-empty.txt" err &&
	fails 2 candor import "$DATA/candid-call.txt" "$TX/bad-truncated.srt" --with Dana --at 2026-11-18 &&
	test_grep "bad-truncated.srt.*line 6" err &&
	fails 2 candor import "$DATA/candid-call.txt" "$TX/bad-timestamp.srt" --with Dana --at 2026-11-18 &&
	test_grep "bad-timestamp.srt.*line 6" err
'

test_expect 'a file that is not a transcript, or is missing, imports nothing' '
	printf "Meeting notes\n\nwe talked about the budget\n" >notes.md &&
	fails 2 candor import "$DATA/candid-call.txt" notes.md --with Dana --at 2026-11-18 &&
	test_grep "notes.md" err &&
	fails 3 candor import "$DATA/candid-call.txt" no-such-file.vtt --with Dana --at 2026-11-18 &&
	test_grep "no-such-file.vtt" err
'

test_expect 'bad options store nothing' '
	fails 2 candor import "$DATA/discovery-call.vtt" --with Dana --kind carrier-pigeon &&
	test_grep "carrier-pigeon" err &&
	fails 2 candor import "$DATA/discovery-call.vtt" --with Dana --at 2026-12-01 &&
	fails 2 candor import "$DATA/discovery-call.vtt" --with Dana --at 2026-02-30 &&
	fails 2 candor import "$DATA/discovery-call.vtt" --with Dana --as "Sam Seller" &&
	fails 2 candor import "$DATA/discovery-call.vtt" --with Dana --as "=Sam Seller"
'

test_expect 'a successful import prints the interaction id on stdout, a summary on stderr' '
	candor import "$DATA/discovery-call.vtt" --with "Dana Reyes" --at 2026-11-18T15:00 >id 2>err &&
	grep -Eqx "[0-9]+" id &&
	test "$(wc -l <id)" -eq 1 &&
	test_grep "^imported .*discovery-call.vtt as interaction #$(cat id): 4 utterances, [0-9]+ signals \(1 stall, [0-9]+ candid\), 3 proposed promises, 1 proposed fact" err &&
	test "$(wc -l <err)" -eq 1
'

test_expect 'show interaction --json: the call, its contact and its words' '
	candor show interaction "$(cat id)" --json >show.json &&
	py show.json "
assert d[\"id\"] == $(cat id), d[\"id\"]
assert (d[\"kind\"], d[\"at\"], d[\"source\"], d[\"seller\"]) == (\"call\", \"2026-11-18T15:00\", \"discovery-call.vtt\", \"Sam Seller\"), d
assert d[\"contact\"][\"name\"] == \"Dana Reyes\" and d[\"contact\"][\"account\"] == \"Northwind\", d[\"contact\"]
u = d[\"utterances\"]
assert [x[\"speaker\"] for x in u] == [\"Sam Seller\", \"Dana Reyes\", \"Sam Seller\", \"Dana Reyes\"], u
assert [x[\"side\"] for x in u] == [\"seller\", \"buyer\", \"seller\", \"buyer\"], u
assert [x[\"index\"] for x in u] == [0, 1, 2, 3]
assert u[1][\"text\"] == \"The problem is our month-end close takes nine days. I\x27m not worried about the price. We want to avoid another audit finding.\", u[1][\"text\"]
assert (u[0][\"start\"], u[3][\"end\"]) == (1.2, 25.8), (u[0][\"start\"], u[3][\"end\"])
"
'

test_expect 'show interaction --json: signals with code-point start/end, as analyze found them' '
	candor analyze "$DATA/discovery-call.vtt" --at 2026-11-18 --json >a.json &&
	python3 -c "
import json, sys
s = json.load(open(sys.argv[1])); a = json.load(open(sys.argv[2]))
for x, y in zip(s[\"utterances\"], a[\"utterances\"]):
    keys = (\"category\", \"text\", \"start\", \"end\")
    got = [{k: g[k] for k in keys} for g in x[\"signals\"]]
    assert got == [{k: g[k] for k in keys} for g in y[\"signals\"]], (x[\"signals\"], y[\"signals\"])
    assert all(abs(g[\"confidence\"] - h[\"confidence\"]) < 0.0006 for g, h in zip(x[\"signals\"], y[\"signals\"])), x
    assert all(isinstance(g[\"id\"], int) and 0 < g[\"confidence\"] <= 1 for g in x[\"signals\"]), x
    for g in x[\"signals\"]:
        assert x[\"text\"][g[\"start\"]:g[\"end\"]] == g[\"text\"], g
assert any(g[\"category\"] == \"stall\" for x in s[\"utterances\"] for g in x[\"signals\"])
" show.json a.json
'

test_expect 'show interaction --json: metrics as analyze computed them' '
	py show.json "
a = json.load(open(\"a.json\"))
def same(x, y):
    if isinstance(x, dict):
        return isinstance(y, dict) and set(x) == set(y) and all(same(x[k], y[k]) for k in x)
    if isinstance(x, float) or isinstance(y, float):
        return x is not None and y is not None and abs(x - y) < 1e-9
    return x == y
assert same(d[\"metrics\"], a[\"metrics\"]), (d[\"metrics\"], a[\"metrics\"])
assert 0 < d[\"metrics\"][\"seller\"][\"word_share\"] < 1
"
'

test_expect 'show interaction --json: the proposals, open, with side, due date, fact kind' '
	py show.json "
p = d[\"proposals\"]
assert all(x[\"status\"] == \"proposed\" for x in p), p
c = [(x[\"side\"], x[\"text\"], x[\"due\"]) for x in p if x[\"kind\"] == \"commitment\"]
assert c == [(\"seller\", \"I\x27ll send you the case study by Friday.\", \"2026-11-20\"),
             (\"seller\", \"I\x27ll also loop in our controller.\", None),
             (\"buyer\", \"I\x27ll check with finance.\", None)], c
f = [(x[\"fact_kind\"], x[\"text\"]) for x in p if x[\"kind\"] == \"fact\"]
assert f == [(\"bothering\", \"The problem is our month-end close takes nine days.\")], f
assert all(isinstance(x[\"id\"], int) and d[\"utterances\"][x[\"utterance\"]] for x in p)
"
'

test_expect 'show interaction (human) marks signals and lists proposals with ids' '
	candor show interaction "$(cat id)" >out &&
	test_grep "^interaction #$(cat id): call with Dana Reyes \(Northwind\), 2026-11-18T15:00, from discovery-call.vtt" out &&
	test_grep "^  [0-9]+:3 +Dana Reyes +.*\[stall #[0-9]+: Let me think about it\]" out &&
	test_grep "\[disclosure #[0-9]+: The problem is\]" out &&
	test_grep "#[0-9]+ +proposed +you promised +\"I.ll send you the case study by Friday\.\" \(due 2026-11-20\)" out &&
	test_grep "#[0-9]+ +proposed +they promised +\"I.ll check with finance\.\"" out &&
	test_grep "#[0-9]+ +proposed +bothering +\"The problem is our month-end close takes nine days\.\"" out
'

test_expect 'non-ASCII words: stored offsets are code points; show marks the right words' '
	candor import "$DATA/unicode-call.vtt" --with "Zoë Müller" --at 2026-11-18 >uid 2>/dev/null &&
	candor show interaction "$(cat uid)" --json >u.json &&
	py u.json "
n = 0
for x in d[\"utterances\"]:
    for g in x[\"signals\"]:
        assert x[\"text\"][g[\"start\"]:g[\"end\"]] == g[\"text\"], (x[\"text\"], g)
        n += 1
assert n >= 5, n
st = [g for x in d[\"utterances\"] for g in x[\"signals\"] if g[\"category\"] == \"stall\"]
assert st and st[0][\"text\"] == \"Let me think about it\" and st[0][\"start\"] == 9, st
" &&
	candor show interaction "$(cat uid)" >out &&
	test_grep "Ça va… 🙂 \[stall #[0-9]+: Let me think about it\]\. \[candor #[0-9]+: Can I be honest\] with you\?" out &&
	test_grep "Merci\. \[commitment #[0-9]+: I’ll send\] you the Zürich case study" out
'

test_expect '--as "Name In File=Real Name" renames the seller and the buyer' '
	candor import "$DATA/renamed-call.srt" --with Dana --at 2026-11-19 \
		--as "Sam S.=Sam Seller" --as "d. reyes (northwind)=Dana Reyes" >rid 2>/dev/null &&
	candor show interaction "$(cat rid)" --json >r.json &&
	py r.json "
u = d[\"utterances\"]
assert [(x[\"speaker\"], x[\"side\"]) for x in u] == [(\"Sam Seller\", \"seller\"), (\"Dana Reyes\", \"buyer\"), (\"Sam Seller\", \"seller\")], u
assert any(g[\"category\"] == \"candor\" for g in u[1][\"signals\"]), u[1]
"
'

test_expect 'without --as the same file is refused: the seller is not in it' '
	fails 3 candor import "$DATA/renamed-call.srt" --with Dana --at 2026-11-19 &&
	test_grep "Sam S\." err
'

test_expect 'two file names for one person are merged into one speaker by --as' '
	printf "Sam Seller: What changed?\nDana R: The board asked.\nDana Reyes (Northwind): They want a plan by March.\n" >two-names.txt &&
	candor import two-names.txt --with Dana --at 2026-11-19 --as "Dana R=Dana Reyes" \
		--as "Dana Reyes (Northwind)=Dana Reyes" >tid 2>/dev/null &&
	candor show interaction "$(cat tid)" --json >t.json &&
	py t.json "
u = d[\"utterances\"]
assert [x[\"speaker\"] for x in u] == [\"Sam Seller\", \"Dana Reyes\"], u
assert u[1][\"text\"] == \"The board asked. They want a plan by March.\", u[1][\"text\"]
"
'

test_expect 'every fixture format imports: vtt, srt, meet, otter, zoom chat, plain' '
	set -- teams-discovery.vtt:6 zoom-pricing.vtt:3 quirks.srt:3 meet-kickoff.txt:4 \
		otter-followup.txt:3 zoom-chat.txt:3 plain-notes.txt:3 &&
	candor import $(for f in "$@"; do echo "$TX/${f%%:*}"; done) --with Dana --at 2026-11-20 >fids 2>ferr &&
	test "$(wc -l <fids)" -eq 7 &&
	i=1 && for f in "$@"; do
		name=${f%%:*} n=${f##*:} id=$(sed -n ${i}p fids) &&
		test_grep "imported .*$name as (chat )?interaction #$id: $n (utterances|messages)" ferr &&
		candor show interaction "$id" --json >f-$i.json &&
		echo "$i $name $n" >>fmt.list || return 1
		i=$((i + 1))
	done &&
	python3 -c "
import json
for line in open(\"fmt.list\"):
    i, name, n = line.split()
    d = json.load(open(\"f-%s.json\" % i))
    u = d[\"utterances\"]
    assert len(u) == int(n), (name, len(u))
    assert d[\"source\"] == name, d[\"source\"]
    assert any(x[\"side\"] == \"seller\" for x in u) and any(x[\"side\"] == \"buyer\" for x in u), (name, [(x[\"speaker\"], x[\"side\"]) for x in u])
    assert all(x[\"side\"] == (\"seller\" if x[\"speaker\"] == \"Sam Seller\" else \"buyer\") for x in u if x[\"speaker\"]), name
    for x in u:
        for g in x[\"signals\"]:
            assert x[\"text\"][g[\"start\"]:g[\"end\"]] == g[\"text\"], (name, g)
"
'

test_expect 'several files (imported before: --again): one interaction each, ids in order on stdout' '
	candor import "$TX/zoom-pricing.vtt" "$DATA/candid-call.txt" "$TX/plain-notes.txt" --again --with Dana --at 2026-11-21 >ids 2>err &&
	test "$(wc -l <ids)" -eq 3 &&
	test "$(wc -l <err)" -eq 3 &&
	a=$(sed -n 1p ids) b=$(sed -n 2p ids) c=$(sed -n 3p ids) &&
	test "$b" -eq $((a + 1)) && test "$c" -eq $((b + 1)) &&
	candor show interaction "$b" --json >b.json &&
	py b.json "assert d[\"source\"] == \"candid-call.txt\", d[\"source\"]"
'

test_expect 'import --json: {id, file} for one file, an array for several' '
	candor import "$TX/zoom-chat.txt" --again --with Dana --at 2026-11-21 --json >one.json 2>/dev/null &&
	py one.json "assert set(d) == {\"id\", \"file\"} and d[\"file\"].endswith(\"zoom-chat.txt\"), d" &&
	candor import "$TX/zoom-chat.txt" "$TX/plain-notes.txt" --again --with Dana --at 2026-11-21 --json >two.json 2>/dev/null &&
	py two.json "assert [e[\"file\"].rsplit(\"/\", 1)[1] for e in d] == [\"zoom-chat.txt\", \"plain-notes.txt\"] and d[1][\"id\"] == d[0][\"id\"] + 1, d"
'

test_expect '--kind meeting, and --at defaults to now' '
	candor import "$TX/meet-kickoff.txt" --again --with Dana --kind meeting >mid 2>/dev/null &&
	candor show interaction "$(cat mid)" --json >m.json &&
	py m.json "assert (d[\"kind\"], d[\"at\"]) == (\"meeting\", \"2026-11-25T09:00\"), (d[\"kind\"], d[\"at\"])"
'

test_expect 'import reads standard input as -' '
	candor import - --again --with Dana --at 2026-11-22 <"$DATA/candid-call.txt" >sid 2>/dev/null &&
	candor show interaction "$(cat sid)" --json >s.json &&
	py s.json "assert len(d[\"utterances\"]) == 4 and d[\"utterances\"][1][\"side\"] == \"buyer\", d[\"utterances\"]"
'

test_expect 'the imported calls are in the contact ledger' '
	candor contact show Dana --json >c.json &&
	py c.json "
ids = {i[\"id\"] for i in d[\"ledger\"][\"interactions\"]}
for want in ($(cat id), $(cat rid), $(cat mid)):
    assert want in ids, (want, ids)
"
'

test_expect 'show: errors' '
	fails 3 candor show interaction 999 &&
	test_grep "999" err &&
	fails 2 candor show interaction abc &&
	usage_fails candor show interaction &&
	usage_fails candor show contact 1 &&
	CANDOR_DB="$TRASH/none.db" test_exit 6 candor show interaction 1 2>/dev/null &&
	test ! -e "$TRASH/none.db"
'

test_expect 'import into a database that does not exist is exit 6 and creates none' '
	CANDOR_DB="$TRASH/none.db" test_exit 6 candor import "$DATA/candid-call.txt" --with Dana 2>err &&
	test_grep "none.db" err &&
	test ! -e "$TRASH/none.db"
'

test_done
