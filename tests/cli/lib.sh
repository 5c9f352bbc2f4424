# lib.sh: the black-box CLI test library (after git's t/test-lib.sh).
#
# A test script sources this, then calls
#     test_expect 'what it checks' 'shell commands'
# Each block runs in a subshell with "set -e"-like checking by &&-chains;
# it passes when its last status is 0.  Helpers:
#     test_exit N CMD...        CMD must exit with status N (and not crash)
#     test_cmp EXPECT ACTUAL    files must be equal (shows a diff when not)
#     test_grep PATTERN FILE    FILE must contain PATTERN (extended regex)
#     test_no_grep PATTERN FILE FILE must not contain PATTERN
# Every script gets a fresh scratch folder as its working directory, with
# CANDOR_DB pointing at a database inside it, and a fixed CANDOR_NOW.
# The script must end with test_done.

: "${CANDOR:?run through tests/run}"
: "${CANDOR_TOP:?run through tests/run}"
TEST_NAME=$(basename "$0" .sh)
TRASH=$(mktemp -d "${TMPDIR:-/tmp}/candor-$TEST_NAME.XXXXXX")
cd "$TRASH" || exit 1
export CANDOR_DB="$TRASH/candor.db"
export CANDOR_NOW=2026-11-25T09:00
export CANDOR_SELLER="Sam Seller"
unset CANDOR_AT
test_count=0
test_failures=0

candor() { "$CANDOR" "$@"; }

# A sanitizer report exits 99, so no test that expects a failure passes on one.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=99"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=99"
# python3 resolved once to the interpreter itself (a pyenv shim costs more
# than the candor command it checks)
PY=$(python3 -c "import sys; print(sys.executable)" 2>/dev/null) && [ -x "$PY" ] || PY=$(command -v python3)
python3() { "$PY" "$@"; }
DATA="$CANDOR_TOP/tests/data/cli"
# the shared yardsticks (conformance suite, real exports), run in place:
# beside the tree, as CI lays them out, else the workplace's copy
SHARED=${CANDOR_SHARED:-$CANDOR_TOP/../shared}
[ -d "$SHARED" ] || SHARED=/work/shared
TX="$CANDOR_TOP/tests/data/transcripts"

# jget FILE PATH: the value at PATH in the JSON in FILE.  PATH is keys and
# list indexes joined by '.'; '#' is a length; 'key=value' picks the first
# list element whose key is value.  Strings print bare, the rest as JSON.
jget() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for k in filter(None, sys.argv[2].split(".")):
    if k == "#":
        d = len(d)
    elif "=" in k:
        key, val = k.split("=", 1)
        d = next(e for e in d if str(e.get(key)) == val)
    else:
        d = d[int(k)] if isinstance(d, list) else d[k]
print(d if isinstance(d, str) else json.dumps(d))
' "$1" "${2:-}"
}

# fails N CMD...: CMD exits N, prints nothing on stdout and one line on
# stderr starting "candor", and leaves the database as it was.
fails() {
	local want=$1 got; shift
	sqlite3 "$CANDOR_DB" .dump >dump.before 2>/dev/null
	"$@" >out 2>err; got=$?
	sqlite3 "$CANDOR_DB" .dump >dump.after 2>/dev/null
	[ "$got" -eq "$want" ] || { echo "expected exit $want, got $got: $*" >&2; cat err >&2; return 1; }
	test ! -s out || { echo "stdout not empty: $*" >&2; cat out >&2; return 1; }
	[ "$(wc -l <err)" -eq 1 ] || { echo "stderr is not one line: $*" >&2; cat err >&2; return 1; }
	test_grep "^candor" err &&
	test_cmp dump.before dump.after
}

# usage_fails CMD...: exit 1 (usage), nothing on stdout, "candor ..." on
# stderr (the error and where to find help), the database as it was.
usage_fails() {
	local got
	sqlite3 "$CANDOR_DB" .dump >dump.before 2>/dev/null
	"$@" >out 2>err; got=$?
	sqlite3 "$CANDOR_DB" .dump >dump.after 2>/dev/null
	[ "$got" -eq 1 ] || { echo "expected exit 1, got $got: $*" >&2; cat err >&2; return 1; }
	test ! -s out || { echo "stdout not empty: $*" >&2; cat out >&2; return 1; }
	test_grep "^candor" err &&
	test_cmp dump.before dump.after
}


test_expect() {
	test_count=$((test_count + 1))
	if (eval "$2") >"$TRASH/.out" 2>&1; then
		echo "ok $test_count - $1"
	else
		echo "not ok $test_count - $1"
		sed 's/^/#   /' "$TRASH/.out"
		test_failures=$((test_failures + 1))
	fi
}

test_exit() {
	local want=$1 got; shift
	"$@"; got=$?
	if [ "$got" -ne "$want" ]; then
		echo "expected exit $want, got $got from: $*" >&2
		return 1
	fi
}

test_cmp() {
	diff -u "$1" "$2" >&2
}

test_grep() {
	grep -Eq -- "$1" "$2" || { echo "no '$1' in $2:" >&2; cat "$2" >&2; return 1; }
}

test_no_grep() {
	! grep -Eq -- "$1" "$2" || { echo "unexpected '$1' in $2:" >&2; cat "$2" >&2; return 1; }
}

test_done() {
	echo "1..$test_count"
	rm -rf "$TRASH"
	[ "$test_failures" -eq 0 ]
}
