#!/usr/bin/env bash
# t0102: the W3C WebVTT file-parsing cases in ../shared/conformance (run in
# place, never copied), through `candor analyze --cues --json`: each case
# is one test.
. "$CANDOR_TOP/tests/cli/lib.sh"
RUN="$SHARED/conformance/webvtt/run"

if [ ! -x "$RUN" ] && [ ! -f "$RUN" ]; then
	test_count=1
	echo "ok 1 - webvtt conformance # SKIP no $RUN"
	test_done
	exit 0
fi
python3 "$RUN" "$CANDOR" >conformance.out 2>&1
for vtt in "$(dirname "$RUN")"/cases/*.vtt; do
	name=$(basename "$vtt" .vtt)
	test_expect "webvtt conformance: $name" "! grep -q '^FAIL $name:' conformance.out"
done
test_expect 'webvtt conformance: the runner reports no failure' \
	"grep -Eq '^[0-9]+ passed, 0 failed' conformance.out"
test_done
