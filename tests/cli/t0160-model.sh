#!/usr/bin/env bash
# t0160-model: the shipped signal model is the one the corpus makes, bit for
# bit; bad corpus lines and damaged models are refused.
# backends: sqlite   (the model and its trainer need no store: one pass is enough)
. "$CANDOR_TOP/tests/cli/lib.sh"

TRAIN="$CANDOR_BUILD/tools/candor-train"

test_expect 'make train rebuilds model/signals.model from the corpus, bit for bit' '
	"$TRAIN" --out rebuilt.model "$CANDOR_TOP/tests/data/labelled/train" >report 2>progress &&
	cmp rebuilt.model "$CANDOR_TOP/model/signals.model" &&
	test_grep "^macro-F1 [0-9.]+; trained in [0-9.]+ s$" report &&
	test_grep "^macro-F1 [0-9.]+ of the stage that decides \(first stages alone [0-9.]+\); second stages [0-9.]+ s$" report &&
	test_grep "cross-validation, [0-9]+ threads" progress
'

test_expect 'the shipped model has a second stage for every category; --first-stage writes a version 1 file without' '
	test "$(head -1 "$CANDOR_TOP/model/signals.model")" = "candor-signals 2" &&
	test "$(grep -c "^second " "$CANDOR_TOP/model/signals.model")" = 17 &&
	"$TRAIN" --first-stage --folds 2 --out first.model "$CANDOR_TOP/tests/data/labelled/train/tune" >report 2>/dev/null &&
	test "$(head -1 first.model)" = "candor-signals 1" && test_no_grep "^second " first.model &&
	test_no_grep "stage that decides" report
'

test_expect 'one thread or two: the same bytes' '
	"$TRAIN" --threads 1 --folds 2 --out one.model "$CANDOR_TOP/tests/data/labelled/train/tune" >/dev/null 2>&1 &&
	"$TRAIN" --threads 2 --folds 2 --out two.model "$CANDOR_TOP/tests/data/labelled/train/tune" >/dev/null 2>&1 &&
	cmp one.model two.model
'

test_expect 'a bad labelled line is refused, naming file, line and field' '
	mkdir bad && printf "# call: 2026-01-02\nbuyer|Ann|fine thanks|social\nseller|Sam|only two left|stall\n" >bad/c.txt &&
	test_exit 1 "$TRAIN" --out bad.model bad 2>err &&
	test_grep "bad/c.txt:3: .stall. is not said by the seller" err &&
	test ! -e bad.model
'

test_expect 'a damaged model file is refused with its line' '
	head -c 2000 "$CANDOR_TOP/model/signals.model" >cut.model &&
	CANDOR_MODEL=cut.model fails 2 candor analyze "$DATA/discovery-call.vtt" &&
	test_grep "cut.model:[0-9]+: " err
'
test_expect 'the model names its source, and a damaged source line is refused with its line' '
	test_grep "^source corpus [0-9a-f]{16} cost 16 folds 5 min 3$" "$CANDOR_TOP/model/signals.model" &&
	sed "s/^source corpus \([0-9a-f]*\) cost 16/source corpus \1 cost -1/" "$CANDOR_TOP/model/signals.model" >src.model &&
	CANDOR_MODEL=src.model fails 2 candor analyze "$DATA/discovery-call.vtt" &&
	test_grep "src.model:5: a training option out of range" err
'

test_expect 'analyze --explain: under a stall, its probability, its threshold and the features that raised it' '
	printf "Sam Seller: So, shall we go ahead?\nDana Reyes: Let me think about it and get back to you.\n" >st.txt &&
	candor analyze --explain --seller "Sam Seller" st.txt >why &&
	test_grep "^--:-- Dana Reyes \(buyer\): .*\[stall: " why &&
	test_grep "^    stall: probability [01]\.[0-9]+, found from 0\.[0-9]+$" why &&
	test_grep "^      the second stage decides, from the first stage.s scores on this turn and around it:$" why &&
	test_grep "^      [+-][0-9]+\.[0-9]+  this turn: stall$" why &&
	test_grep "^      the first stage: probability [01]\.[0-9]+ \(alone it would count from 0\.[0-9]+\); on the whole turn:$" why &&
	test_grep "^      [+-][0-9]+\.[0-9]+  \(bias\)$" why &&
	test_grep "^      \+[0-9]+\.[0-9]+  [a-z0-9?]+:" why
'

test_expect '--explain is for people: not with --json or --cues' '
	usage_fails candor analyze --explain --json st.txt &&
	usage_fails candor analyze --explain --cues st.txt
'

test_done
