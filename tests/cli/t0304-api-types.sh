#!/usr/bin/env bash
# JSON request bodies (issue 10): a field of the wrong type is refused with
# 422 naming it (the types are the OpenAPI document's), never turned into
# text and stored; strings must be text.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"

candor init >/dev/null
candor account add North --owner Ann >/dev/null
candor contact add "Dana Reyes" --account North >/dev/null
candor promise Dana --due 2026-12-01 "send the case study" >/dev/null
echo password-Ann | candor user add Ann --role seller >/dev/null 2>&1
ANN=$(candor user token Ann 2>/dev/null)
serve_start

# wrong FIELD PATH JSON: 422 naming FIELD, nothing stored.
wrong() {
	db_dump | grep -v "sessions\|api_tokens" >before &&
	expect_status 422 "$(api "$ANN" POST "$2" "$3")" &&
	test_grep "\"field\": ?\"$1\"" "$TRASH/body" &&
	db_dump | grep -v "sessions\|api_tokens" >after && test_cmp before after
}

test_expect '{"name": true} is refused, not an account named "true"' '
	wrong name /api/v1/accounts "{\"name\":true}" &&
	test_grep "must be a string" "$TRASH/body" &&
	wrong name /api/v1/accounts "{\"name\":12}" &&
	wrong name /api/v1/accounts "{\"name\":[\"x\"]}" &&
	wrong note /api/v1/accounts "{\"name\":\"South\",\"note\":{}}" &&
	test "$(db_sql "SELECT count(*) FROM accounts WHERE name = '"'"'true'"'"'")" = 0
'
test_expect 'ids must be whole numbers, flags true or false, dates strings' '
	wrong account /api/v1/contacts "{\"name\":\"Lee\",\"account\":\"1\"}" &&
	test_grep "whole number" "$TRASH/body" &&
	wrong account /api/v1/contacts "{\"name\":\"Lee\",\"account\":1.5}" &&
	wrong contact /api/v1/interactions "{\"contact\":true,\"text\":\"a call\"}" &&
	wrong inbound /api/v1/interactions "{\"contact\":1,\"text\":\"a call\",\"inbound\":\"yes\"}" &&
	test_grep "true or false" "$TRASH/body" &&
	wrong text /api/v1/interactions "{\"contact\":1,\"text\":42}" &&
	wrong due /api/v1/commitments "{\"contact\":1,\"text\":\"x\",\"due\":20261224}" &&
	wrong at /api/v1/commitments/1/kept "{\"at\":false}" &&
	wrong due /api/v1/commitments/1/renegotiate "{\"due\":[]}"
'
test_expect 'a string that is not text (a control character) is refused naming the field' '
	wrong name /api/v1/accounts "{\"name\":\"So\\u001buth\"}" &&
	test_grep "not text" "$TRASH/body"
'
test_expect 'the right types still work; null is as if absent' '
	expect_status 201 "$(api "$ANN" POST /api/v1/accounts "{\"name\":\"South\",\"note\":null}")" &&
	expect_status 201 "$(api "$ANN" POST /api/v1/interactions "{\"contact\":1,\"text\":\"a call\",\"inbound\":true}")" &&
	test "$(db_sql "SELECT inbound FROM interactions")" = 1
'
serve_stop; stopped=$?
test_expect 'the server ran clean' 'test $stopped -eq 0'
test_done
