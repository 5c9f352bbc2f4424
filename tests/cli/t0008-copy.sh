#!/usr/bin/env bash
# t0008: `candor copy FROM TO` moves a whole database, ids and all, and
# checks every table's row count and checksum.  The laptop database is a
# SQLite file; TO is $CANDOR_DB, so the SQLite pass copies SQLite ->
# SQLite -> SQLite and the PostgreSQL pass SQLite -> PostgreSQL -> SQLite.
. "$CANDOR_TOP/tests/cli/lib.sh"

LAPTOP="$TRASH/laptop.db"
lap() { "$CANDOR" --db "$LAPTOP" "$@"; }

# another_db NAME (lib.sh): a fresh, empty database on this backend.
drop_db() {
	on_postgres && psql -XAtq "$CANDOR_TEST_DB" -c "DROP DATABASE IF EXISTS ${PGDB}_$1 WITH (FORCE)" >/dev/null
	return 0
}

test_expect 'setup: a laptop database with every kind of record' '
	lap init >/dev/null &&
	lap account add Northwind --owner "Sam Seller" --note "logistics, 400 staff" >/dev/null &&
	lap account add "Zoë & Co" >/dev/null &&
	lap contact add "Dana Reyes" --account Northwind --role CFO --email dana@example.com >/dev/null &&
	lap contact add "Lee Park" --account "Zoë & Co" >/dev/null &&
	lap log Dana --kind meeting --at 2026-11-20 --said stall:"let me think about it" "walked through it" >/dev/null &&
	lap log Lee --kind email --inbound "asked for the price list" >/dev/null &&
	lap promise Dana --due 2026-11-27 --at 2026-11-20 "send the case study" >/dev/null &&
	lap kept 1 --at 2026-11-26 --note "sent" >/dev/null &&
	lap promise Lee --due 2026-11-22 --at 2026-11-19 "call back" >/dev/null &&
	lap broken 2 --note "forgot" >/dev/null &&
	lap expect Dana --by 2027-01-15 "close in 5 days" >/dev/null &&
	lap met 1 >/dev/null &&
	lap learn Dana --kind worried --source "call" --confidence high "another failed rollout" >/dev/null &&
	lap value Dana given "an intro to their auditor" >/dev/null &&
	lap fit Lee --verdict refer "a bigger vendor fits better" >/dev/null &&
	lap decide Lee chose-another --note "went with Fabrikam" >/dev/null &&
	lap import "$DATA/discovery-call.vtt" --with Dana --seller "Sam Seller" --at 2026-11-18 >/dev/null &&
	echo "password-Ann-1" | lap user add Ann --role admin >/dev/null &&
	lap user token Ann >/dev/null &&
	lap export --format json --out laptop.json &&
	test_grep "Fabrikam" laptop.json
'

test_expect 'copy into the store: every table counted and checksummed' '
	candor copy "$LAPTOP" "$CANDOR_DB" >out &&
	test_grep "row counts and checksums match" out &&
	test_grep "^  accounts +2 " out &&
	test_grep "^  utterances +[1-9]" out &&
	test_grep "^  api_tokens +1 " out &&
	test_grep "^  batches +[1-9]" out &&
	test_grep "^  changes +[1-9]" out &&
	test "$(grep -c "^  " out)" -eq 20
'

test_expect 'the copy exports exactly as the laptop does, ids and all' '
	candor export --format json --out copied.json &&
	test_cmp laptop.json copied.json &&
	candor status Dana >a && lap status Dana >b && test_cmp b a &&
	candor kept 2 2>err; test_grep "already" err
'

test_expect 'the copy carries the users: the token and password rows came along' '
	candor user list >users && test_grep "Ann" users && test_grep admin users
'

test_expect 'and back: the store copied into a new SQLite file is the laptop again' '
	candor copy "$CANDOR_DB" "sqlite:$TRASH/back.db" >out &&
	test_grep "checksums match" out &&
	"$CANDOR" --db "$TRASH/back.db" export --format json --out back.json &&
	test_cmp laptop.json back.json &&
	sqlite3 "$LAPTOP" .dump >laptop.dump && sqlite3 "$TRASH/back.db" .dump >back.dump &&
	test_cmp laptop.dump back.dump
'

test_expect 'new records after the copy get the next ids' '
	candor promise Dana --due 2026-12-01 "next one" >id &&
	test "$(cat id)" = 3
'

test_expect 'a target that holds records is refused (exit 5), nothing written' '
	fails 5 candor copy "$LAPTOP" "$CANDOR_DB" &&
	test_grep "not empty" err && test_grep "accounts" err
'

test_expect 'a missing source is exit 6; a bad address exit 2 naming it; FROM = TO exit 1' '
	test_exit 6 candor copy "$TRASH/none.db" "$TRASH/x.db" 2>err && test_grep "candor init" err &&
	test_exit 2 candor copy "mysql://h/db" "$TRASH/x.db" 2>err && test_grep "mysql://h/db" err &&
	test_exit 1 candor copy "$LAPTOP" "$LAPTOP" 2>err && test_grep "same" err &&
	test_exit 1 candor copy "$LAPTOP" 2>err
'

test_expect 'a copy that does not read back the same fails loudly and writes nothing' '
	bad=$(another_db bad) &&
	"$CANDOR" --db "$bad" init >/dev/null &&
	if on_postgres; then
		psql -XAtq "$bad" -c "CREATE FUNCTION spoil() RETURNS trigger LANGUAGE plpgsql AS
			\$\$ BEGIN NEW.text := NEW.text || chr(33); RETURN NEW; END \$\$;
			CREATE TRIGGER spoil BEFORE INSERT ON facts FOR EACH ROW EXECUTE FUNCTION spoil()"
	else
		sqlite3 "$bad" "CREATE TRIGGER spoil AFTER INSERT ON facts BEGIN
			UPDATE facts SET text = text || char(33) WHERE id = new.id; END"
	fi &&
	test_exit 70 candor copy "$LAPTOP" "$bad" >out 2>err &&
	test_grep "facts" err && test_grep "nothing was written" err &&
	test "$(wc -l <err)" -eq 1 &&
	"$CANDOR" --db "$bad" account list >list &&
	test_grep "no accounts yet" list &&
	drop_db bad
'

# counts DB: "stage n" lines of the board's counts, as kept and as counted
# from the kept answers themselves (they must be the same)
counts() {
	local kept="SELECT stage, sum(n) FROM owner_stage_counts GROUP BY stage HAVING sum(n) > 0 ORDER BY stage"
	local made="SELECT x.stage, count(*) FROM assessments x JOIN contacts c ON c.id = x.id
		JOIN accounts a ON a.id = c.account_id WHERE c.deleted = 0 AND a.deleted = 0
		GROUP BY x.stage ORDER BY x.stage"
	case $1 in
	postgresql:*) psql -XAtq "$1" -F " " -c "$kept" && echo -- && psql -XAtq "$1" -F " " -c "$made" ;;
	*) sqlite3 -separator " " "$1" "$kept" && echo -- && sqlite3 -separator " " "$1" "$made" ;;
	esac
}
test_expect 'a copy of many buyers: the board counts them right, in storage of their size' '
	many="$TRASH/laptop-many.db" &&
	{ echo Name,Email,Company &&
	  for i in $(seq 1500); do echo "Buyer $i,b$i@x.example,Firm $((i % 300))"; done; } >many.csv &&
	"$CANDOR" --db "$many" init >/dev/null &&
	"$CANDOR" --db "$many" import contacts many.csv >/dev/null &&
	"$CANDOR" --db "$many" pipeline >/dev/null &&
	to=$(another_db many) &&
	candor copy "$many" "$to" >/dev/null &&
	counts "$many" >want && counts "$to" >got && { test_cmp want got || { cat want got >&2; false; }; } &&
	test "$(sed "/--/q" got | awk "{ n += \$2 } END { print n }")" = 1500 &&
	if on_postgres; then
		pages=$(psql -XAtq "$to" -c "SELECT pg_relation_size('"'"'owner_stage_counts'"'"') / 8192") &&
		echo "owner_stage_counts: $pages pages" >&2 &&
		[ "$pages" -le 1 ] &&
		analysed=$(psql -XAtq "$to" -c "SELECT count(*) FROM pg_stat_user_tables
			WHERE relname = '"'"'contacts'"'"' AND last_analyze IS NOT NULL") &&
		test "$analysed" = 1
	fi &&
	drop_db many
'

test_expect 'copy --help teaches: both directions, the address forms, the checks' '
	candor copy --help >help &&
	test_grep "postgresql://" help && test_grep "sqlite:PATH" help &&
	test_grep "checksum" help && test_grep "empty" help && test_grep "createdb" help
'

test_done
