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
#     db_dump                   the whole database as text (to compare)
#     db_sql SQL                one query, rows as "a|b" lines
#     another_db NAME           the address of a second, empty database
# Every script gets a fresh scratch folder as its working directory, with
# CANDOR_DB pointing at a database inside it, and a fixed CANDOR_NOW.
# With CANDOR_TEST_DB set (postgresql://.../DB, a database on a test
# server: tests/run sets it for its PostgreSQL pass) CANDOR_DB is instead
# a fresh PostgreSQL database on that server, made here and dropped by
# test_done.  A script that holds only for one backend says so in a line
# "# backends: sqlite" (or postgresql) near its top; tests/run reads it.
# The script must end with test_done.

: "${CANDOR:?run through tests/run}"
: "${CANDOR_TOP:?run through tests/run}"
TEST_NAME=$(basename "$0" .sh)
TRASH=$(mktemp -d "${TMPDIR:-/tmp}/candor-$TEST_NAME.XXXXXX")
cd "$TRASH" || exit 1
export CANDOR_DB="$TRASH/candor.db"
PGDB=
if [ -n "${CANDOR_TEST_DB:-}" ]; then
	PGDB=$(printf 'candor_%s_%s' "$TEST_NAME" "$$" | tr -c 'a-z0-9_\n' _)
	psql -XAtq -v ON_ERROR_STOP=1 "$CANDOR_TEST_DB" -c "CREATE DATABASE $PGDB" >/dev/null ||
		{ echo "not ok 1 - could not create database $PGDB on $CANDOR_TEST_DB"; exit 1; }
	export CANDOR_DB="${CANDOR_TEST_DB%/*}/$PGDB"
fi
export CANDOR_NOW=2026-11-25T09:00
export CANDOR_SELLER="Sam Seller"
# a model trained in a test stays in the test: never the user's own models folder
export CANDOR_MODELS="$TRASH/models"
unset CANDOR_MODEL
unset CANDOR_AT
test_count=0
test_failures=0

candor() { "$CANDOR" "$@"; }

DB_TABLES="candor_schema accounts contacts interactions signals commitments commitment_events
expectations facts value_exchanged fits decisions utterances proposals corrections users sessions api_tokens"
# db_dump: the whole of $CANDOR_DB as text; nothing when it does not exist.
db_dump() {
	case $CANDOR_DB in
	postgres://*|postgresql://*) # every table in id order, in one psql (pg_dump is slower)
		local t args=()
		for t in $DB_TABLES; do args+=(-c "SELECT '$t', * FROM $t ORDER BY 2"); done
		psql -XAtq "$CANDOR_DB" "${args[@]}" 2>/dev/null ;;
	*) sqlite3 "$CANDOR_DB" .dump 2>/dev/null ;;
	esac
}
# db_sql SQL: run one query on $CANDOR_DB, rows as lines of "a|b".
db_sql() {
	case $CANDOR_DB in
	postgres://*|postgresql://*) psql -XAtq -v ON_ERROR_STOP=1 "$CANDOR_DB" -c "$1" ;;
	# waits for a lock the server holds, as candor does, not failing at once
	*) sqlite3 -cmd '.timeout 10000' "$CANDOR_DB" "$1" ;;
	esac
}
on_postgres() { [ -n "$PGDB" ]; }
# another_db NAME: the address of a fresh, empty database on this backend
# (a file in the scratch folder; on PostgreSQL ${PGDB}_NAME, which
# test_done drops).
another_db() {
	if on_postgres; then
		psql -XAtq "$CANDOR_TEST_DB" -c "CREATE DATABASE ${PGDB}_$1" >/dev/null &&
			echo "${CANDOR_TEST_DB%/*}/${PGDB}_$1"
	else
		echo "$TRASH/$1.db"
	fi
}
# db_exists: $CANDOR_DB holds a Candor database (a file; Candor's tables).
db_exists() {
	case $CANDOR_DB in
	postgres://*|postgresql://*) test "$(db_sql "SELECT application FROM candor_schema" 2>/dev/null)" = candor ;;
	*) test -f "$CANDOR_DB" ;;
	esac
}

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
	db_dump >dump.before
	"$@" >out 2>err; got=$?
	db_dump >dump.after
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
	db_dump >dump.before
	"$@" >out 2>err; got=$?
	db_dump >dump.after
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
	if [ -n "$PGDB" ]; then
		# the script's database, and any it made beside it (${PGDB}_NAME)
		local d
		cd / && for d in $(psql -XAtq "$CANDOR_TEST_DB" -c \
			"SELECT datname FROM pg_database WHERE datname = '$PGDB' OR datname LIKE '${PGDB}\\_%'"); do
			psql -XAtq "$CANDOR_TEST_DB" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null
		done
	fi
	[ "$test_failures" -eq 0 ]
}
