#!/usr/bin/env bash
# Nothing lost (issue 10): one strict UTF-8 rule at every entry, and text
# that is not UTF-8 put into the database behind Candor's back is refused
# on the way out with a message naming the record, never a record silently
# left out of `--json`, `export` or the API.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"

SURROGATE=$(printf 'B\355\240\200d')       # U+D800 as UTF-8 bytes
OVERLONG=$(printf 'B\340\200\257d')        # '/' in three bytes
TOO_HIGH=$(printf 'B\364\220\200\200d')    # U+110000

# On PostgreSQL a UTF8 database refuses such bytes itself, so the script
# puts them in behind Candor's back in a SQL_ASCII database there; the
# server then refuses to send them to Candor's UTF8 connection, and the
# read fails with the server's message (exit 2) before Candor's own check
# (exit 6, naming the record and column) can see them.
BAD_EXIT=6
if on_postgres; then
	BAD_EXIT=2
	psql -XAtq "$CANDOR_TEST_DB" -c "CREATE DATABASE ${PGDB}_raw ENCODING 'SQL_ASCII' \
		LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" >/dev/null
	export CANDOR_DB="${CANDOR_TEST_DB%/*}/${PGDB}_raw"
fi
# named PATTERN: the error in err names the record (Candor's own check).
named() { on_postgres || test_grep "$1" err; }
# refused CMD...: CMD fails as a bad read does, prints nothing, says why.
refused() {
	test_exit $BAD_EXIT "$@" >out 2>err && test ! -s out &&
	test_grep "not UTF-8|invalid byte sequence for encoding" err
}
# poke TABLE ID COLUMN: put "B<U+D800>d" into one text cell directly.
poke() {
	if on_postgres; then
		db_sql "UPDATE $1 SET $3 = E'B\\355\\240\\200d' WHERE id = $2"
	else
		db_sql "UPDATE $1 SET $3 = CAST(X'42EDA08064' AS TEXT) WHERE id = $2"
	fi
}

candor init >/dev/null
candor account add North >/dev/null                      # 1
candor account add South >/dev/null                      # 2
candor contact add "Dana Reyes" --account North >/dev/null  # 1
candor contact add "Eli Park" --account South >/dev/null    # 2
candor promise Dana --due 2026-12-01 "send the case study" >/dev/null

n=0
for bad in "$SURROGATE" "$OVERLONG" "$TOO_HIGH"; do
	n=$((n + 1))
	test_expect "argument $n that is not strict UTF-8 is refused (exit 2), nothing stored" '
		fails 2 candor account add "$bad" && test_grep "not UTF-8" err &&
		fails 2 candor log Dana "said $bad"
	'
done

test_expect 'the database holds a surrogate in an account name: account list --json refuses it' '
	poke accounts 2 name &&
	refused candor account list --json && named "not UTF-8 in account #2 \(.name.\)"
'

test_expect 'export --format json refuses it too, and --out leaves no file' '
	refused candor export --format json && named "account #2" &&
	refused candor export --format json --out all.json &&
	test ! -e all.json && test ! -e all.json.tmp
'

test_expect 'export --format csv and status --json refuse it, not drop it' '
	refused candor export --format csv && named "not UTF-8 in (account|contact) #2" &&
	refused candor account show 2 --json &&
	# (PostgreSQL reads a contact without its account'"'"'s name: nothing to refuse)
	{ on_postgres || refused candor status Eli --json; }
'

test_expect 'a bad promise text or contact role is named by record and column' '
	db_sql "UPDATE accounts SET name = '"'"'South'"'"' WHERE id = 2" &&
	candor account list --json >out && test "$(jget out "#")" = 2 &&
	poke commitments 1 text &&
	refused candor status Dana --json && named "promise #1 \(.text.\)" &&
	refused candor export --format json && named "promise #1" &&
	db_sql "UPDATE commitments SET text = '"'"'send it'"'"' WHERE id = 1" &&
	poke contacts 2 role &&
	refused candor contact list --json && named "contact #2 \(.role.\)" &&
	db_sql "UPDATE contacts SET role = '"'"''"'"' WHERE id = 2" &&
	candor contact list --json >out && test "$(jget out "#")" = 2
'

serve_start
csrf=$(curl -s "$B/" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | cut -d'"' -f4)

test_expect 'a web form with a surrogate, an overlong form or > U+10FFFF is refused (400), nothing stored' '
	db_dump >before &&
	for v in %ED%A0%80 %E0%80%AF %F4%90%80%80 %C0%AF %ED%BF%BF; do
		expect_status 400 "$(http POST /accounts -d "name=A${v}z" -d csrf=$csrf)" || exit 1
	done &&
	expect_status 400 "$(http POST /buyers/1/upload -F csrf=$csrf -F "file=@$TX/teams-discovery.vtt;filename=$SURROGATE.vtt")" &&
	db_dump >after && test_cmp before after
'

test_expect 'GET /api/v1/accounts answers an error naming the record, not a list without it' '
	poke accounts 2 name &&
	code=$(http GET /api/v1/accounts) && test "$code" != 200 &&
	test_grep "\"error\".*(not UTF-8|invalid byte sequence)" "$TRASH/body" &&
	{ on_postgres || { test "$code" = 503 && test_grep "account #2" "$TRASH/body"; }; } &&
	code=$(http GET /api/v1/contacts/2/status) && test "$code" != 200 &&
	test_grep "\"error\"" "$TRASH/body" &&
	db_sql "UPDATE accounts SET name = '"'"'South'"'"' WHERE id = 2" &&
	expect_status 200 "$(http GET /api/v1/accounts)" &&
	test "$(jget "$TRASH/body" accounts.#)" = 2
'

serve_stop; stopped=$?
test_expect 'the server ran clean' 'test $stopped -eq 0'
test_done
