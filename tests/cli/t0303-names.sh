#!/usr/bin/env bash
# Look-alikes (issue 10): every name (account, contact, user, owner) goes
# through one function, CLI and web alike: trimmed, Unicode NFC, no bidi
# controls or invisible characters; an owner must be a user.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"

RLO=$(printf '\342\200\256')      # U+202E right-to-left override
ZWSP=$(printf '\342\200\213')     # U+200B zero width space
SHY=$(printf '\302\255')          # U+00AD soft hyphen
LRI=$(printf '\342\201\246')      # U+2066 left-to-right isolate
LRM=$(printf '\342\200\216')      # U+200E left-to-right mark
ALM=$(printf '\330\234')          # U+061C Arabic letter mark
NBSP=$(printf '\302\240')
CAFE_NFD=$(printf 'Cafe\314\201')  # e + combining acute
CAFE_NFC=$(printf 'Caf\303\251')

candor init >/dev/null

test_expect 'a name is trimmed and its inner spaces made one' '
	id=$(candor account add "  North${NBSP}  Wind  ") &&
	test "$(db_sql "SELECT name FROM accounts WHERE id = $id")" = "North Wind" &&
	fails 5 candor account add "North Wind " && test_grep "already an account .North Wind." err
'
test_expect 'a name is stored in NFC, so the two ways to write Café are one name' '
	id=$(candor account add "$CAFE_NFD") &&
	test "$(db_sql "SELECT name FROM accounts WHERE id = $id")" = "$CAFE_NFC" &&
	fails 5 candor account add "$CAFE_NFC"
'
n=0
for c in "$RLO" "$ZWSP" "$SHY" "$LRI" "$LRM" "$ALM"; do
	n=$((n + 1))
	test_expect "invisible or bidi character $n is refused in account, contact and user names" '
		fails 2 candor account add "Evil${c}Corp" && test_grep "invisible or direction-changing" err &&
		fails 2 candor contact add "Da${c}na" --account "North Wind" &&
		echo password-long | fails 2 candor user add "An${c}n" --role seller
	'
done

test_expect 'a user "Ann " is Ann: not a second user' '
	echo password-Ann | candor user add "Ann" --role seller >/dev/null 2>&1 &&
	echo password-Ann2 | test_exit 5 candor user add "Ann " --role seller 2>err &&
	echo password-Ann2 | test_exit 5 candor user add " ann" --role seller 2>/dev/null &&
	test "$(db_sql "SELECT count(*) FROM users")" = 1 &&
	echo password-Bob | candor user add "  Bob${NBSP}" --role admin >/dev/null 2>&1 &&
	test "$(db_sql "SELECT name FROM users WHERE id = 2")" = Bob
'
test_expect 'with users, an account'"'"'s owner must be one of them (the field is named)' '
	fails 2 candor account add "South" --owner Nobody &&
	test_grep "owner.*no user .Nobody." err &&
	id=$(candor account add "South" --owner "ann ") &&
	test "$(db_sql "SELECT owner FROM accounts WHERE id = $id")" = Ann &&
	fails 2 candor account add "West" --owner "An${RLO}n"
'

BOB=$(candor user token Bob 2>/dev/null)
serve_start
test_expect 'the web refuses the same names in the same words (422 naming the field)' '
	expect_status 422 "$(api "$BOB" POST /api/v1/accounts "{\"name\":\"Evil\\u202eCorp\"}")" &&
	test_grep "\"field\": ?\"name\"" "$TRASH/body" &&
	test_grep "invisible or direction-changing" "$TRASH/body" &&
	expect_status 422 "$(api "$BOB" POST /api/v1/accounts "{\"name\":\"East\",\"owner\":\"Nobody\"}")" &&
	test_grep "\"field\": ?\"owner\"" "$TRASH/body" &&
	expect_status 201 "$(api "$BOB" POST /api/v1/accounts "{\"name\":\" East  Side \",\"owner\":\"ann\"}")" &&
	test "$(db_sql "SELECT name || '"'"'|'"'"' || owner FROM accounts WHERE name LIKE '"'"'East%'"'"'")" = "East Side|Ann" &&
	expect_status 409 "$(api "$BOB" POST /api/v1/accounts "{\"name\":\"East Side\"}")" &&
	expect_status 422 "$(api "$BOB" POST /api/v1/contacts "{\"name\":\"Da\\u200bna\",\"account\":1}")" &&
	test_grep "\"field\": ?\"name\"" "$TRASH/body"
'
serve_stop; stopped=$?
test_expect 'the server ran clean' 'test $stopped -eq 0'
test_done
