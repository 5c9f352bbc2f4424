#!/usr/bin/env bash
# t0007: a PostgreSQL store by its address: what t0006 promises for SQLite
# files (missing, too new, not Candor's: exit 6, nothing changed), plus
# what only a server has (a password kept out of messages, a schema by
# search_path, a writer that waits for another instead of failing).
# backends: postgresql
. "$CANDOR_TOP/tests/cli/lib.sh"
. "$CANDOR_TOP/tests/cli/web-lib.sh"

BASE=${CANDOR_TEST_DB%/*}
# newdb NAME: a fresh, empty database on the test server; prints its address
newdb() {
	psql -XAtq "$CANDOR_TEST_DB" -c "CREATE DATABASE ${PGDB}_$1" >/dev/null && echo "$BASE/${PGDB}_$1"
}
# db_error CMD...: exit 6 with one line on stderr, nothing on stdout.
db_error() {
	local got
	"$@" >out 2>err; got=$?
	[ "$got" -eq 6 ] || { echo "expected exit 6, got $got: $*" >&2; cat err >&2; return 1; }
	[ "$(wc -l <err)" -eq 1 ] || { echo "stderr is not one line:" >&2; cat err >&2; return 1; }
	test ! -s out
}

test_expect 'init makes the tables in an empty database, and says where' '
	candor init >out &&
	grep -F -q "$CANDOR_DB" out &&
	db_exists &&
	test "$(db_sql "SELECT version FROM candor_schema")" = 12 &&
	candor init >/dev/null &&
	test "$(db_sql "SELECT count(*) FROM candor_schema")" = 1
'

test_expect 'postgres:// is the same as postgresql://, and --db wins over $CANDOR_DB' '
	candor --db "${CANDOR_DB/postgresql:/postgres:}" account add Acme >/dev/null &&
	CANDOR_DB="$TRASH/env.db" candor --db "$CANDOR_DB" account list >out &&
	test_grep Acme out && test ! -e env.db
'

test_expect 'sqlite:PATH is a file, as a bare path is' '
	candor --db "sqlite:$TRASH/f.db" init >/dev/null && test -f f.db &&
	candor --db "$TRASH/f.db" account list >out && test_grep "no accounts" out
'

test_expect 'a database that does not exist: exit 6, says to createdb' '
	db_error candor --db "$BASE/${PGDB}_none" account list &&
	test_grep "createdb" err && test_grep "${PGDB}_none" err &&
	db_error candor --db "$BASE/${PGDB}_none" init && test_grep "createdb" err
'

test_expect 'a database without Candor'"'"'s tables: exit 6, says to init, changes nothing' '
	empty=$(newdb empty) &&
	db_error candor --db "$empty" account list && test_grep "candor init" err &&
	test "$(psql -XAtq "$empty" -c "SELECT count(*) FROM pg_tables WHERE schemaname = '"'"'public'"'"'")" = 0
'

test_expect 'another program'"'"'s database is refused, even by init, and left alone' '
	other=$(newdb other) &&
	psql -XAtq "$other" -c "CREATE TABLE orders (id int); INSERT INTO orders VALUES (7)" &&
	db_error candor --db "$other" init && test_grep "not a Candor database" err &&
	db_error candor --db "$other" account list &&
	test "$(psql -XAtq "$other" -c "SELECT count(*) FROM pg_tables WHERE schemaname = '"'"'public'"'"'")" = 1 &&
	test "$(psql -XAtq "$other" -c "SELECT id FROM orders")" = 7
'

test_expect 'a newer schema is refused: exit 6, says to upgrade, nothing changed' '
	newer=$(newdb newer) &&
	candor --db "$newer" init >/dev/null &&
	candor --db "$newer" account add Acme >/dev/null &&
	psql -XAtq "$newer" -c "UPDATE candor_schema SET version = 99" &&
	db_error candor --db "$newer" account add Other &&
	test_grep "newer" err && test_grep "upgrade candor" err &&
	test "$(psql -XAtq "$newer" -c "SELECT string_agg(name, '"'"','"'"') FROM accounts")" = Acme
'

test_expect 'a password in the address never shows in a message' '
	db_error candor --db "postgresql://ann:s3cret-pw@127.0.0.1:1/x?connect_timeout=3" account list &&
	test_no_grep "s3cret-pw" err && test_grep "ann:\\*\\*\\*@" err &&
	db_error candor --db "postgresql://127.0.0.1:1/x?password=s3cret-pw&connect_timeout=3" account list &&
	test_no_grep "s3cret-pw" err
'

# the test server's password (pg_virtualenv sets one; its loopback trusts)
PW=${PGPASSWORD:-s3cret-pw}
test_expect 'init and serve name a store by its address with the password as ***' '
	withpw="postgresql://${PGUSER:-postgres}:$PW@${PGHOST:-127.0.0.1}${PGPORT:+:$PGPORT}/$PGDB" &&
	candor --db "$withpw" init >out &&
	test_no_grep "$PW" out && test_grep ":\*\*\*@" out &&
	CANDOR_DB=$withpw serve_start && cp serve.out serve-userinfo.out && serve_stop &&
	test_grep "serving .*:\*\*\*@" serve-userinfo.out && test_no_grep "$PW" serve-userinfo.out &&
	CANDOR_DB="$CANDOR_DB?password=$PW" serve_start && cp serve.out serve-param.out && serve_stop &&
	test_grep "serving .*password=\*\*\*" serve-param.out && test_no_grep "$PW" serve-param.out
'

test_expect 'the schema is the search_path'"'"'s: two stores in one database' '
	two=$(newdb two) &&
	psql -XAtq "$two" -c "CREATE SCHEMA team_a; CREATE SCHEMA team_b" &&
	a="$two?options=-csearch_path%3Dteam_a" && b="$two?options=-csearch_path%3Dteam_b" &&
	candor --db "$a" init >/dev/null && candor --db "$b" init >/dev/null &&
	candor --db "$a" account add "Only A" >/dev/null &&
	candor --db "$b" account list >out && test_grep "no accounts" out &&
	test "$(psql -XAtq "$two" -c "SELECT name FROM team_a.accounts")" = "Only A" &&
	db_error candor --db "$two?options=-csearch_path%3Dmissing" init && test_grep "schema" err
'

test_expect 'a writer waits for another instead of failing' '
	( psql -XAtq "$CANDOR_DB" -c "BEGIN; SELECT pg_advisory_xact_lock(1128353348);
		SELECT pg_sleep(1.5); COMMIT" >/dev/null & ) &&
	sleep 0.3 &&
	start=$(date +%s.%N) &&
	candor account add Waited >/dev/null &&
	test "$(echo "$(date +%s.%N) - $start > 0.8" | bc)" = 1 &&
	candor account list >out && test_grep Waited out
'

# a buyer's kept whole answer (2.5 KB at the scale bench) is compressed
# with lz4 where the server has it (it reads back in half pglz's time)
test_expect 'a kept answer large enough to compress is compressed with lz4 where the server has it' '
	candor account add Wordy >/dev/null && candor contact add "Long Record" --account Wordy >/dev/null &&
	for i in $(seq 40); do
		candor learn "Long Record" --kind bothering --at 2026-10-06 \
			"month-end close number $i takes nine days and the board wants it in five" >/dev/null || return 1
	done &&
	candor pipeline >/dev/null &&
	want=$(psql -XAtq "$CANDOR_DB" -c "SELECT CASE WHEN '"'"'lz4'"'"' = ANY(enumvals) THEN '"'"'lz4'"'"' ELSE '"'"'pglz'"'"' END
		FROM pg_settings WHERE name = '"'"'default_toast_compression'"'"'") &&
	got=$(db_sql "SELECT pg_column_compression(x.doc) || '"'"' '"'"' || length(x.doc) FROM assessments x
		JOIN contacts c ON c.id = x.id WHERE c.name = '"'"'Long Record'"'"'") &&
	echo "server: $want; kept answer: $got" &&
	test "${got%% *}" = "$want"
'

# plans STATEMENT-PATTERN: "calls plans" of the statements like it, on this database
plans() {
	psql -XAtq "$CANDOR_DB" -F " " -c "SELECT coalesce(sum(s.calls), 0), coalesce(sum(s.plans), 0)
		FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
		WHERE d.datname = current_database() AND s.query LIKE '$1'"
}
# PostgreSQL plans a prepared statement for its values five times before it
# weighs a generic plan (and the promises due, at team scale, every time:
# 2-3 ms a board, three times the running); the board of every buyer is
# planned once a connection (pg_query_generic), and one serves these requests
test_expect 'the board of every buyer is planned once, not at each request' '
	psql -XAtq "$CANDOR_DB" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null &&
	for i in 1 2 3 4 5 6; do
		{ candor account add "Planned $i" && candor contact add "Buyer $i" --account "Planned $i"; } \
			>/dev/null || return 1
	done &&
	candor pipeline >/dev/null &&
	psql -XAtq "$CANDOR_DB" -c "SELECT pg_stat_statements_reset()" >/dev/null &&
	serve_start &&
	for i in $(seq 12); do expect_status 200 "$(http GET /)" || return 1; done &&
	serve_stop &&
	read -r calls planned <<<"$(plans "%FROM assessments x JOIN contacts c%ORDER BY x.stage%")" &&
	read -r dcalls dplanned <<<"$(plans "%FROM commitment_events e JOIN commitments k%")" &&
	echo "pipeline pages: $calls runs, $planned plans; promises due: $dcalls runs, $dplanned plans" &&
	[ "$calls" -ge 60 ] && [ "$dcalls" -ge 12 ] &&
	[ "$planned" -lt 5 ] && [ "$dplanned" -lt 5 ]
'

test_expect 'a failed command leaves a PostgreSQL store as it was' '
	fails 5 candor account add acme &&
	fails 3 candor log Nobody "hello"
'

test_done
