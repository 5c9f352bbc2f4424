#!/usr/bin/env bash
# Nothing leaked (issue 10): as seller Bob, Ann's record ids answer exactly
# what a missing id answers (status, body apart from the id, field), in
# the API and on the pages; a name Ann uses does not stop Bob or tell him
# anything.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"

candor init >/dev/null
candor account add "A Corp" --owner Ann >/dev/null          # account 1
candor account add South --owner Bob >/dev/null             # account 2
candor contact add "Dana Reyes" --account "A Corp" >/dev/null  # contact 1
candor contact add "Lee Park" --account South >/dev/null       # contact 2
candor import "$DATA/discovery-call.vtt" --with Dana --at 2026-11-18T15:00 >/dev/null 2>&1  # interaction 1
candor promise Dana --due 2026-12-01 "send the case study" >/dev/null   # promise 1
candor expect Dana --by 2026-12-01 "a reply" >/dev/null                # expectation 1
for u in Ann Bob; do
	echo "password-$u" | candor user add "$u" --role seller >/dev/null 2>&1
done
BOB=$(candor user token Bob 2>/dev/null)
MISSING=999999

test_expect 'the fixture has one of each of Ann'"'"'s records' '
	test "$(db_sql "SELECT count(*) FROM proposals WHERE account_id = 1")" -gt 0 &&
	test "$(db_sql "SELECT min(id) FROM interactions")" = 1 &&
	test "$(db_sql "SELECT count(*) FROM commitments")" = 1 &&
	test "$(db_sql "SELECT count(*) FROM expectations")" = 1
'
PROPOSAL=$(db_sql "SELECT min(id) FROM proposals WHERE account_id = 1")

serve_start
# same HOW PATH_WITH_ID ID [JSON]: Bob's answer for Ann's ID and for a missing
# one are the same status and body, with the id written as ID.
same() {
	local how=$1 path=$2 id=$3 body=${4:-} a b
	a=$(one "$how" "${path//@/$id}" "${body//@/$id}") && unid "$id" <"$TRASH/body" >theirs &&
	b=$(one "$how" "${path//@/$MISSING}" "${body//@/$MISSING}") &&
	unid "$MISSING" <"$TRASH/body" >missing &&
	{ [ "$a" = "$b" ] || { echo "status $a for $id, $b for missing: $how $path" >&2; return 1; }; } &&
	{ [ "$a" = 404 ] || { echo "status $a, not 404: $how $path" >&2; return 1; }; } &&
	test_cmp missing theirs
}
# unid ID: the answer with the id, where it names the record, written as ID.
unid() { sed "s/'$1'/'ID'/g; s/&#39;$1&#39;/\&#39;ID\&#39;/g; s/#$1\b/#ID/g"; }
one() {
	case $1 in
	api) api "$BOB" GET "$2" ;;
	post) api "$BOB" POST "$2" "${3:-{\}}" ;;
	page) http GET "$2" -b jar ;;
	form) http POST "$2" -b jar -d "csrf=$CSRF" $3 ;;
	esac
}

test_expect 'API: a contact of Ann'"'"'s answers as a missing one' '
	same api /api/v1/contacts/@ 1 && test_grep "\"field\": ?\"contact\"" theirs &&
	same api /api/v1/contacts/@/status 1 &&
	same post /api/v1/interactions 1 "{\"contact\":@,\"text\":\"a call\"}" &&
	same post /api/v1/commitments 1 "{\"contact\":@,\"text\":\"x\",\"due\":\"2026-12-24\"}" &&
	same post /api/v1/facts 1 "{\"contact\":@,\"kind\":\"worried\",\"text\":\"x\"}"
'
test_expect 'API: an account of Ann'"'"'s answers as a missing one' '
	same post /api/v1/contacts 1 "{\"name\":\"Spy\",\"account\":@}" &&
	test_grep "\"field\": ?\"account\"" theirs
'
test_expect 'API: Ann'"'"'s interaction, promise, expectation and proposal answer as missing ones' '
	same api /api/v1/interactions/@ 1 && test_grep "\"field\": ?\"interaction\"" theirs &&
	same post /api/v1/commitments/@/kept 1 && test_grep "\"field\": ?\"promise\"" theirs &&
	same post /api/v1/commitments/@/renegotiate 1 "{\"due\":\"2026-12-24\"}" &&
	same post /api/v1/expectations/@/met 1 && test_grep "\"field\": ?\"expectation\"" theirs &&
	same post /api/v1/proposals/@/accept "$PROPOSAL" && test_grep "\"field\": ?\"proposal\"" theirs
'

sign_in Bob password-Bob jar >/dev/null
CSRF=$(curl -s -b jar "$B/" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | cut -d'"' -f4)
test_expect 'pages and forms: Ann'"'"'s buyer, conversation and records answer as missing ones' '
	test -n "$CSRF" &&
	same page /buyers/@ 1 && test_grep "Not found" theirs && test_grep "no contact" theirs &&
	same page /interactions/@ 1 &&
	same form /buyers/@/log 1 "-d text=hello" &&
	same form /buyers/@/promise 1 "-d text=x -d due=2026-12-24" &&
	same form /commitments/@/kept 1 &&
	same form /proposals/@/accept "$PROPOSAL" &&
	same form /contacts 1 "-d name=Spy -d account=@"
'
test_expect 'nothing Bob tried changed anything' '
	test "$(db_sql "SELECT count(*) FROM interactions")" = 1 &&
	test "$(db_sql "SELECT count(*) FROM commitment_events")" = 1 &&
	test "$(db_sql "SELECT count(*) FROM facts")" = 0 &&
	test "$(db_sql "SELECT count(*) FROM proposals WHERE status <> '"'"'proposed'"'"'")" = 0 &&
	test "$(db_sql "SELECT count(*) FROM contacts")" = 2
'

test_expect 'a name Ann uses: Bob may use it too, and is told nothing about hers' '
	expect_status 201 "$(api "$BOB" POST /api/v1/accounts "{\"name\":\"a corp\"}")" &&
	test_no_grep "A Corp|#1" "$TRASH/body" &&
	expect_status 409 "$(api "$BOB" POST /api/v1/accounts "{\"name\":\"A CORP\"}")" &&
	test_grep "a corp" "$TRASH/body" && test_no_grep "A Corp" "$TRASH/body" &&
	expect_status 409 "$(api "$BOB" POST /api/v1/accounts "{\"name\":\"South\"}")"
'
serve_stop; stopped=$?
test_expect 'the server ran clean' 'test $stopped -eq 0'

test_expect 'the CLI (the local user sees every account) refuses a name taken by anyone' '
	fails 5 candor account add "A corp" --owner Bob && test_grep "already an account" err
'
test_done
