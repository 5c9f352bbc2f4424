#!/usr/bin/env bash
# t0006: which database is used, and what happens when it is missing,
# locked, damaged, too new or not Candor's: exit 6, nothing changed.
# SQLite alone: file paths, file locks, WAL, damaged files, application_id
# (t0007 holds the same promises for PostgreSQL).
# backends: sqlite
. "$CANDOR_TOP/tests/cli/lib.sh"

# db_error CMD...: exit 6 with one line on stderr.
db_error() {
	local got
	"$@" >out 2>err; got=$?
	[ "$got" -eq 6 ] || { echo "expected exit 6, got $got: $*" >&2; cat err >&2; return 1; }
	[ "$(wc -l <err)" -eq 1 ] || { echo "stderr is not one line:" >&2; cat err >&2; return 1; }
	test ! -s out
}

# with_lock DB CMD...: run CMD while another program holds a write
# transaction on DB; the lock is always released after.
with_lock() {
	local db=$1 pid rc i; shift
	rm -f lockfifo lock.ready && mkfifo lockfifo || return 1
	python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
c.execute("ROLLBACK")' "$db" <lockfifo >lock.ready &
	pid=$!
	exec 9>lockfifo
	for i in $(seq 50); do
		grep -q locked lock.ready 2>/dev/null && break
		sleep 0.1
	done
	if grep -q locked lock.ready; then "$@"; rc=$?; else echo "could not lock $db" >&2; rc=1; fi
	exec 9>&-
	wait "$pid"
	return $rc
}

test_expect '--db before the command wins over $CANDOR_DB' '
	CANDOR_DB="$TRASH/env.db" candor --db "$TRASH/flag.db" init >out &&
	test -f flag.db &&
	test ! -e env.db &&
	grep -F -q "$TRASH/flag.db" out &&
	CANDOR_DB="$TRASH/env.db" candor --db "$TRASH/flag.db" account add Acme >/dev/null &&
	candor --db "$TRASH/flag.db" account list >out &&
	test_grep Acme out &&
	test ! -e env.db
'

test_expect 'candor init --db PATH works, as init'"'"'s usage line shows' '
	candor help init >usage &&
	test_grep "^usage: candor init \[--db PATH\]" usage &&
	CANDOR_DB="$TRASH/env.db" candor init --db "$TRASH/after.db" >out &&
	test -f after.db &&
	test ! -e env.db
'

test_expect '--db=PATH works too' '
	candor --db="$TRASH/flag.db" account list >out &&
	test_grep Acme out
'

test_expect '$CANDOR_DB is used when there is no --db' '
	CANDOR_DB="$TRASH/env.db" candor init >/dev/null &&
	test -f env.db &&
	CANDOR_DB="$TRASH/env.db" candor account list >out &&
	test_no_grep Acme out
'

test_expect 'with neither, $XDG_DATA_HOME/candor/candor.db (its folder is created)' '
	mkdir -p xdg home &&
	(
		unset CANDOR_DB &&
		export XDG_DATA_HOME="$TRASH/xdg" HOME="$TRASH/home" &&
		candor init >out &&
		grep -F -q "$TRASH/xdg/candor/candor.db" out &&
		candor account add "Xdg Co" >/dev/null &&
		candor account list >list
	) &&
	test -f xdg/candor/candor.db &&
	test_grep "Xdg Co" list &&
	test ! -e home/.local &&
	sqlite3 xdg/candor/candor.db "select name from accounts" >names &&
	test_grep "Xdg Co" names
'

test_expect 'with no XDG_DATA_HOME either, ~/.local/share/candor/candor.db' '
	mkdir -p home2 &&
	(
		unset CANDOR_DB XDG_DATA_HOME &&
		export HOME="$TRASH/home2" &&
		candor init >/dev/null &&
		candor account add "Home Co" >/dev/null
	) &&
	test -f home2/.local/share/candor/candor.db
'

test_expect 'a relative XDG_DATA_HOME is ignored (the XDG rule)' '
	mkdir -p home3 &&
	(
		unset CANDOR_DB &&
		export XDG_DATA_HOME=relative HOME="$TRASH/home3" &&
		candor init >/dev/null
	) &&
	test -f home3/.local/share/candor/candor.db &&
	test ! -e relative
'

test_expect '$CANDOR_DB wins over XDG_DATA_HOME' '
	(
		export XDG_DATA_HOME="$TRASH/xdg4" CANDOR_DB="$TRASH/env4.db" &&
		candor init >/dev/null
	) &&
	test -f env4.db &&
	test ! -e xdg4
'

test_expect 'an empty --db is a usage error' '
	test_exit 1 candor --db "" init 2>err &&
	test_exit 1 candor --db= init 2>err
'

test_expect 'init twice keeps the data' '
	candor --db "$TRASH/flag.db" init >/dev/null &&
	candor --db "$TRASH/flag.db" account list >out &&
	test_grep Acme out
'

test_expect 'a missing database is exit 6, says to run init, and is not created' '
	export CANDOR_DB="$TRASH/missing.db" &&
	db_error candor account list &&
	test_grep "missing.db" err &&
	test_grep "init" err &&
	db_error candor account add Acme &&
	db_error candor pipeline &&
	db_error candor status Anyone &&
	db_error candor export --format json &&
	test ! -e missing.db
'

test_expect 'init in a folder that does not exist fails cleanly' '
	test_exit 6 candor --db "$TRASH/no/such/dir/c.db" init 2>err &&
	test "$(wc -l <err)" -eq 1 &&
	test ! -e no
'

test_expect 'setup the main database' '
	candor init >/dev/null &&
	candor account add Northwind >/dev/null &&
	candor contact add "Dana Reyes" --account Northwind >/dev/null &&
	candor promise "Dana Reyes" --at 2026-11-20 --due 2026-12-01 "send the case study" >p1
'

test_expect 'a locked database is exit 6, says so, and changes nothing' '
	sqlite3 "$CANDOR_DB" .dump >before &&
	with_lock "$CANDOR_DB" db_error candor account add Blocked &&
	test_grep "lock" err &&
	with_lock "$CANDOR_DB" db_error candor kept "$(cat p1)" &&
	sqlite3 "$CANDOR_DB" .dump >after &&
	test_cmp before after
'

test_expect 'once the lock is gone the same command works' '
	candor account add Blocked >/dev/null &&
	candor account list >out &&
	test_grep Blocked out
'

test_expect 'a file of junk is exit 6 and is left byte for byte' '
	head -c 8192 /dev/urandom >junk.db &&
	cp junk.db junk.orig &&
	db_error candor --db "$TRASH/junk.db" pipeline &&
	test_grep "junk.db" err &&
	db_error candor --db "$TRASH/junk.db" account add Acme &&
	db_error candor --db "$TRASH/junk.db" init &&
	cmp junk.db junk.orig &&
	test ! -e junk.db-wal
'

test_expect 'a text file is exit 6 and is left as it was' '
	printf "name,notes\nnot a database at all\n" >notes.db &&
	cp notes.db notes.orig &&
	db_error candor --db "$TRASH/notes.db" account list &&
	db_error candor --db "$TRASH/notes.db" init &&
	cmp notes.db notes.orig
'

test_expect 'a Candor database with a damaged page is exit 6' '
	cp "$CANDOR_DB" dam.db &&
	sqlite3 dam.db "PRAGMA journal_mode=DELETE" >/dev/null &&
	python3 -c "
import sys
f = open(sys.argv[1], \"r+b\"); f.seek(4096); f.write(b\"\\xde\\xad\\xbe\\xef\" * 4096); f.close()
" dam.db &&
	cp dam.db dam.orig &&
	db_error candor --db "$TRASH/dam.db" contact list &&
	db_error candor --db "$TRASH/dam.db" account add Acme
'

test_expect 'a failed command does not write to a damaged database' '
	cp dam.orig dam2.db &&
	db_error candor --db "$TRASH/dam2.db" contact list &&
	cmp dam2.db dam.orig
'

test_expect 'a database from a newer candor is exit 6, naming the version, unchanged' '
	cp "$CANDOR_DB" new.db &&
	sqlite3 new.db "PRAGMA user_version=99" &&
	sqlite3 new.db .dump >before &&
	db_error candor --db "$TRASH/new.db" account list &&
	test_grep "99" err &&
	db_error candor --db "$TRASH/new.db" account add Acme &&
	db_error candor --db "$TRASH/new.db" init &&
	sqlite3 new.db .dump >after &&
	test_cmp before after &&
	test "$(sqlite3 new.db "PRAGMA user_version")" -eq 99
'

test_expect 'another program'"'"'s SQLite database is exit 6 and left alone' '
	sqlite3 other.db "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES (\"mine\");" &&
	sqlite3 other.db .dump >before &&
	db_error candor --db "$TRASH/other.db" pipeline &&
	sqlite3 other.db .dump >after &&
	test_cmp before after &&
	test "$(sqlite3 other.db "PRAGMA journal_mode")" = delete
'

test_expect 'init does not take over another program'"'"'s SQLite database' '
	sqlite3 other2.db "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT);" &&
	sqlite3 other2.db .dump >before &&
	db_error candor --db "$TRASH/other2.db" init &&
	sqlite3 other2.db .dump >after &&
	test_cmp before after
'

test_expect 'the main database is still intact after all that' '
	candor contact show "Dana Reyes" --json >c.json &&
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert d[\"ledger\"][\"commitments\"][0][\"text\"] == \"send the case study\"
" c.json
'

test_done
