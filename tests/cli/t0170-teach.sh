#!/usr/bin/env bash
# t0170: a user's correction, after `candor model train`, changes what the
# analyser says about the same sentence and about sentences like it; the
# previous model is kept and `candor model use previous` goes back.
# backends: sqlite   (training reads the corrections through the store
# interface, which t0171 and test-store check on both backends; one
# training run is enough)
. "$CANDOR_TOP/tests/cli/lib.sh"

# stalls FILE: how many of the buyer's lines the analyser marks as a stall.
stalls() {
	candor analyze --seller "Sam Seller" "$1" | grep -c "(buyer): .*\[stall: " || true
}
# vendor_p FILE: the competitor probability of the buyer's line (the last one).
vendor_p() {
	candor analyze --explain --seller "Sam Seller" "$1" | sed -n "s/^    competitor: probability \([0-9.]*\),.*/\1/p" | tail -1
}
# vendors FILE: how many of the buyer's lines it marks as naming a competitor.
vendors() {
	candor analyze --seller "Sam Seller" "$1" | grep -c "(buyer): .*\[competitor: " || true
}

test_expect 'setup: a stall the shipped model misses, and two paraphrases of it' '
	candor init >/dev/null &&
	candor account add Northwind >/dev/null &&
	candor contact add "Dana Reyes" --account Northwind >/dev/null &&
	printf "Sam Seller: Shall we plan the rollout?\nDana Reyes: Put a pin in it till the reorg settles.\n" >call.txt &&
	printf "Sam Seller: Fine.\nDana Reyes: Stick a pin in that till the reorg settles.\nSam Seller: Sure.\nDana Reyes: A pin in it for now, till the reorg settles.\n" >like.txt &&
	test "$(stalls call.txt)" = 0 &&
	test "$(stalls like.txt)" = 0 &&
	candor import call.txt --with Dana --at 2026-11-20 >/dev/null 2>&1
'

test_expect 'setup: a flour supplier the shipped model takes for a competitor, and a paraphrase' '
	printf "Sam Seller: What does the vendor landscape look like?\nDana Reyes: We buy our flour from Miller Brothers. They deliver on Mondays. Our bakers like them.\n" >flour.txt &&
	printf "Sam Seller: Who supplies you?\nDana Reyes: We get our flour from Miller Brothers. They come on Mondays.\n" >flour2.txt &&
	test "$(vendors flour.txt)" = 1 &&
	test "$(vendors flour2.txt)" = 1 &&
	vendor_p flour2.txt >p-before &&
	candor import flour.txt --with Dana --at 2026-11-21 >/dev/null 2>&1 &&
	candor show interaction 2 --json >f.json &&
	python3 -c "
import json; d = json.load(open(\"f.json\"))
print(next(g[\"id\"] for u in d[\"utterances\"] for g in u[\"signals\"] if g[\"category\"] == \"competitor\"))" >vid
'

test_expect 'model train with no correction yet: nothing to learn, no model written' '
	candor model train >out 2>err &&
	test_grep "^no corrections yet, so nothing to learn: the model in use stays \(shipped\)$" out &&
	test ! -e "$CANDOR_MODELS/current" &&
	! ls "$CANDOR_MODELS"/signals-*.model 2>/dev/null
'

test_expect 'model list: the shipped model is the one in use' '
	candor model list >list &&
	test_grep "^\* [0-9a-f]{16}  shipped " list &&
	test "$(wc -l <list)" = 1
'

test_expect 'the user says the line is a stall; model train learns it, printing scores before and after' '
	candor signal add 1:1 stall >/dev/null 2>&1 &&
	candor signal wrong "$(cat vid)" >/dev/null 2>&1 &&
	candor model train --jobs 2 >report 2>progress &&
	test_grep "^model [0-9a-f]{16} trained in [0-9.]+ s from the corpus and 2 corrections \(2 utterances\)$" report &&
	test_grep "^  stall +0\.[0-9]{2}  +0\.[0-9]{2}$" report &&
	test_grep "^  macro +0\.[0-9]{2}  +0\.[0-9]{2}$" report &&
	test_grep "^the one before: shipped" report &&
	test_grep "reading [0-9]+ calls" progress &&
	ls "$CANDOR_MODELS"/signals-*.model >/dev/null
'

test_expect 'model train trains only the two corrected categories; the other fifteen are the shipped model, weight for weight, second stages too' '
	test_grep "^trained 2 categories, those the corrections are about: stall, competitor$" report &&
	test_grep "^the other 15 are the shipped model.s, unchanged" report &&
	test_grep "training 2 categories \(the others are the shipped model.s" progress &&
	python3 - "$CANDOR_TOP/model/signals.model" "$CANDOR_MODELS"/signals-*.model <<-\PY
	import sys
	def load(path):
	    cats, rows, second = {}, {}, {}
	    for line in open(path):
	        f = line.split()
	        if f and f[0] == "category":
	            cats[f[1]] = f[2:]
	        elif f and f[0] == "second":
	            second[f[1]] = f[2:]
	        elif len(f) == 18:
	            rows[f[0]] = [float(x) for x in f[1:]]
	    return cats, rows, second
	(sc, sr, s2), (nc, nr, n2) = load(sys.argv[1]), load(sys.argv[2])
	names = list(sc)
	trained = {names.index("stall"), names.index("competitor")}
	assert len(names) == 17 and len(sr) > 100000, (len(names), len(sr))
	for c, n in enumerate(names):
	    assert (sc[n] == nc[n]) == (c not in trained), n
	    # a kept category keeps its second stage; a retrained one is decided
	    # by its new first stage alone
	    assert len(s2[n]) == 6 + 140, (n, len(s2[n]))
	    assert (n2.get(n) == s2[n]) == (c not in trained), n
	    assert (n in n2) == (c not in trained), n
	zero = [0.0] * 17
	moved = 0
	for h in set(sr) | set(nr):
	    a, b = sr.get(h, zero), nr.get(h, zero)
	    for c in range(17):
	        if c in trained:
	            moved += a[c] != b[c]
	        else:
	            assert a[c] == b[c], (h, names[c], a[c], b[c])
	assert moved > 1000, moved
	PY
'

test_expect 'the new model finds the stall in the same sentence and in both paraphrases' '
	test "$(stalls call.txt)" = 1 &&
	test "$(stalls like.txt)" = 2
'

# The models that read a turn's neighbours (2026-12-02 on) hold "from
# <Name>" as a vendor more firmly than the one before: one correction at
# weight 20, taught between its neighbours, takes the paraphrase from
# 0.87 to 0.28, just over its threshold (0.23).  What holds: the turn
# corrected is no competitor, in no sentence, and the paraphrase has
# moved most of the way.
test_expect 'and no longer takes the flour supplier for a competitor; the paraphrase moves a long way towards it' '
	test "$(vendors flour.txt)" = 0 &&
	vendor_p flour2.txt >p-after &&
	python3 -c "import sys; b, a = float(open(\"p-before\").read()), float(open(\"p-after\").read()); print(\"before\", b, \"after\", a); sys.exit(not a < 0.65 * b)"
'

test_expect 'reanalyze: the stored call is read by the new model, and says which' '
	new=$(sed -n "s/^model \([0-9a-f]*\) trained.*/\1/p" report) &&
	candor reanalyze --all 2>err >out &&
	test_grep "now [0-9]+ by signal model $new" err &&
	candor show interaction 1 --json >s.json &&
	test "$(jget s.json analyser)" = "$new"
'

test_expect 'model use previous goes back to the shipped model; the trained one stays listed' '
	candor model use previous >out &&
	test_grep "^model [0-9a-f]{16} now decides the signals" out &&
	test "$(stalls like.txt)" = 0 &&
	candor model list >list &&
	test_grep "^\* [0-9a-f]{16}  shipped " list &&
	test_grep "^  [0-9a-f]{16}  signals-[0-9a-f]{16}\.model .*2 corrections \(previous\)$" list &&
	candor model use previous >/dev/null &&
	test "$(stalls like.txt)" = 2
'

test_expect 'model use: an unknown model is refused and the choice stays' '
	test_exit 3 candor model use 0123456789abcdef 2>err &&
	test_grep "no model .0123456789abcdef." err &&
	test "$(stalls like.txt)" = 2 &&
	test_exit 2 candor model train --weight 0 2>err &&
	test_grep "weight" err
'

test_expect 'a corpus the shipped model was not trained from: every category is trained' '
	CANDOR_CORPUS="$CANDOR_TOP/tests/data/labelled/train/tune" candor model train --jobs 2 >other 2>/dev/null &&
	test_grep "^trained every category$" other
'

test_done
