#!/usr/bin/env bash
# candor serve: local mode, sign-in, the role walk, CSRF, errors and limits.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"
T=$CANDOR_TOP/tests/data/transcripts/teams-discovery.vtt

candor init >/dev/null
candor account add North --owner Ann >/dev/null    # account 1
candor account add South --owner Bob >/dev/null    # account 2
candor contact add "Dana Reyes" --account North >/dev/null  # contact 1
candor contact add "Lee Park" --account South >/dev/null    # contact 2

test_expect 'no users: refuses a non-loopback address' '
	test_exit 2 candor serve --listen 0.0.0.0:0 2>err &&
	test_grep "refusing to listen" err
'
test_expect 'a bad --listen is a usage error' '
	test_exit 2 candor serve --listen nonsense 2>err && test_grep "ADDR:PORT" err
'

serve_start
test_expect 'no users, loopback: the local user sees the board' '
	expect_status 200 "$(http GET /)" && test_grep "Dana Reyes" "$TRASH/body" &&
	test_grep "Lee Park" "$TRASH/body"
'
test_expect 'no users: a request naming another host (DNS rebinding) is refused, changes nothing' '
	code=$(curl -s -o "$TRASH/body" -w "%{http_code}" -H "Host: rebind.attacker.example" "$B/") &&
	[ "$code" = 421 ] &&
	code=$(curl -s -o "$TRASH/body" -w "%{http_code}" -H "Host: rebind.attacker.example" \
		-H "Content-Type: application/json" -d "{\"name\":\"planted\"}" "$B/api/v1/accounts") &&
	[ "$code" = 421 ] &&
	code=$(curl -s -o "$TRASH/body" -w "%{http_code}" -H "Origin: http://evil.example" \
		-H "Content-Type: application/json" -d "{\"name\":\"planted\"}" "$B/api/v1/accounts") &&
	[ "$code" = 421 ] &&
	expect_status 200 "$(http GET /api/v1/accounts)" && test_no_grep "planted" "$TRASH/body"
'
test_expect 'local user: a form without the CSRF token is refused, changes nothing' '
	expect_status 403 "$(http POST /accounts -d name=X)" &&
	expect_status 200 "$(http GET /api/v1/accounts)" && test_no_grep "\"X\"" "$TRASH/body"
'
test_expect 'local user: upload a transcript, signals are highlighted' '
	csrf=$(curl -s "$B/" | grep -o "name=\"csrf\" value=\"[0-9a-f]*\"" | head -1 | cut -d\" -f4) &&
	expect_status 303 "$(http POST /buyers/1/upload -F csrf=$csrf -F file=@$T -F "seller=Sam Seller" -F at=2026-11-20)" &&
	expect_status 200 "$(http GET /interactions/1)" &&
	test_grep "<mark id=\"signal-[0-9]+\" class=\"candor\" tabindex=\"0\" title=" "$TRASH/body"
'
test_expect 'an upload over 20 MiB is 413 and stores nothing' '
	head -c 21000000 /dev/zero | tr "\0" a >big.txt &&
	csrf=$(curl -s "$B/" | grep -o "name=\"csrf\" value=\"[0-9a-f]*\"" | head -1 | cut -d\" -f4) &&
	expect_status 413 "$(http POST /buyers/1/upload -F csrf=$csrf -F file=@big.txt)" &&
	expect_status 404 "$(http GET /interactions/2)"
'
test_expect 'API errors: bad JSON 400, wrong type 415, missing field 422, no route 404, method 405' '
	expect_status 400 "$(http POST /api/v1/accounts -H "Content-Type: application/json" -d "{nope")" &&
	test_grep "\"field\": ?null" "$TRASH/body" &&
	expect_status 415 "$(http POST /api/v1/accounts -d name=x)" &&
	expect_status 422 "$(http POST /api/v1/accounts -H "Content-Type: application/json" -d "{\"name\":\"  \"}")" &&
	test_grep "\"field\": ?\"name\"" "$TRASH/body" &&
	expect_status 404 "$(http GET /api/v1/nothing)" && test_grep "\"error\"" "$TRASH/body" &&
	expect_status 405 "$(http DELETE /api/v1/accounts)" &&
	expect_status 422 "$(http POST /api/v1/commitments -H "Content-Type: application/json" -d "{\"contact\":1,\"text\":\"x\",\"due\":\"2026-02-30\"}")" &&
	test_grep "\"field\": ?\"due\"" "$TRASH/body"
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' '[ $stopped -eq 0 ] || { cat serve.err >&2; false; }'

for u in Ann:seller Bob:seller Meg:manager Ada:admin; do
	echo "password-${u%%:*}" | candor user add "${u%%:*}" --role "${u#*:}" >/dev/null 2>&1
done
ANN=$(candor user token Ann 2>/dev/null); BOB=$(candor user token Bob 2>/dev/null)
MEG=$(candor user token Meg 2>/dev/null); ADA=$(candor user token Ada 2>/dev/null)

test_expect 'user list shows the roles; passwords are argon2id' '
	candor user list >out && test_grep "Ann +seller" out && test_grep "Meg +manager" out &&
	db_sql "SELECT pwhash FROM users" >h && test_grep "^\\\$argon2id\\\$" h &&
	test_no_grep "password-" h
'
test_expect 'a short password is refused' '
	echo short | test_exit 2 candor user add Zed --role seller 2>err && test_grep "too short" err
'

serve_start

test_expect 'with users, an anonymous request may carry 16 KiB at most (413, sign in first)' '
	head -c 20000 /dev/zero | tr "\\0" a >big.txt &&
	code=$(curl -s -o "$TRASH/body" -w "%{http_code}" --data-binary @big.txt \
		-H "Content-Type: application/x-www-form-urlencoded" "$B/login") &&
	[ "$code" = 413 ] && test_grep "sign in first" "$TRASH/body"
'
test_expect 'anonymous: pages go to sign-in, the API is 401, openapi is public' '
	expect_status 303 "$(http GET /)" &&
	expect_status 401 "$(http GET /api/v1/accounts)" &&
	expect_status 401 "$(api not-a-token GET /api/v1/accounts)" &&
	expect_status 401 "$(http POST /accounts -d name=x)" &&
	expect_status 200 "$(http GET /api/v1/openapi.json)"
'
test_expect 'seller Ann sees and changes her own account only' '
	expect_status 200 "$(api $ANN GET /api/v1/accounts)" && test_grep "North" "$TRASH/body" &&
	test_no_grep "South" "$TRASH/body" &&
	expect_status 200 "$(api $ANN GET /api/v1/contacts/1/status)" &&
	expect_status 404 "$(api $ANN GET /api/v1/contacts/2)" &&
	expect_status 404 "$(api $ANN GET /api/v1/contacts/2/status)" &&
	expect_status 201 "$(api $ANN POST /api/v1/contacts "{\"name\":\"Ann2\",\"account\":1}")" &&
	expect_status 404 "$(api $ANN POST /api/v1/contacts "{\"name\":\"Nope\",\"account\":2}")" &&
	expect_status 200 "$(api $ANN POST /api/v1/proposals/1/accept "{}")" &&
	expect_status 200 "$(api $ANN GET /api/v1/pipeline)" && test_no_grep "Lee Park" "$TRASH/body"
'
test_expect 'seller Bob cannot see Ann'"'"'s buyers or conversation' '
	expect_status 404 "$(api $BOB GET /api/v1/contacts/1)" &&
	expect_status 404 "$(api $BOB GET /api/v1/interactions/1)" &&
	expect_status 200 "$(api $BOB GET /api/v1/interactions)" && test_no_grep "Dana" "$TRASH/body" &&
	expect_status 404 "$(api $BOB POST /api/v1/proposals/2/accept "{}")" &&
	expect_status 201 "$(api $BOB POST /api/v1/interactions "{\"contact\":2,\"text\":\"call\"}")"
'
test_expect 'manager Meg sees everyone, changes nobody else'"'"'s' '
	expect_status 200 "$(api $MEG GET /api/v1/contacts)" && test_grep "Dana" "$TRASH/body" &&
	test_grep "Lee Park" "$TRASH/body" &&
	expect_status 200 "$(api $MEG GET /api/v1/contacts/2/status)" &&
	expect_status 403 "$(api $MEG POST /api/v1/contacts "{\"name\":\"X\",\"account\":1}")" &&
	expect_status 403 "$(api $MEG POST /api/v1/proposals/1/dismiss "{}")" &&
	expect_status 201 "$(api $MEG POST /api/v1/accounts "{\"name\":\"Meg Co\",\"owner\":\"Ann\"}")" &&
	expect_status 200 "$(api $MEG GET /api/v1/accounts)" && test_grep "\"owner\": ?\"Meg\"" "$TRASH/body"
'
test_expect 'admin Ada changes everything' '
	expect_status 201 "$(api $ADA POST /api/v1/contacts "{\"name\":\"Ada1\",\"account\":1}")" &&
	expect_status 201 "$(api $ADA POST /api/v1/contacts "{\"name\":\"Ada2\",\"account\":2}")" &&
	expect_status 200 "$(api $ADA POST /api/v1/proposals/2/dismiss "{}")" &&
	expect_status 409 "$(api $ADA POST /api/v1/proposals/2/accept "{}")"
'
test_expect 'sign in: a wrong password is 401; the cookie is HttpOnly and SameSite=Strict' '
	expect_status 401 "$(sign_in Ann wrong jar)" &&
	expect_status 303 "$(sign_in Ann password-Ann jar)" && cp "$TRASH/headers" hdr &&
	test_grep "^Set-Cookie: candor_session=[0-9a-f]+\.[0-9a-f]+; Path=/; HttpOnly; SameSite=Strict" hdr &&
	test_no_grep "Secure" hdr &&
	expect_status 200 "$(http GET / -b jar)" && test_grep "Ann \(seller\)" "$TRASH/body" &&
	test_no_grep "Lee Park" "$TRASH/body"
'
test_expect 'signed in: POST needs the session'"'"'s CSRF token' '
	expect_status 303 "$(sign_in Ann password-Ann jar)" &&
	csrf=$(curl -s -b jar "$B/" | grep -o "name=\"csrf\" value=\"[0-9a-f]*\"" | head -1 | cut -d\" -f4) &&
	expect_status 403 "$(http POST /accounts -b jar -d name=NoToken)" &&
	expect_status 403 "$(http POST /accounts -b jar -d name=Wrong -d csrf=$ADA)" &&
	expect_status 303 "$(http POST /accounts -b jar -d name=Annex -d csrf=$csrf)" &&
	expect_status 403 "$(http POST /api/v1/accounts -b jar -H "Content-Type: application/json" -d "{\"name\":\"x\"}")" &&
	expect_status 303 "$(http POST /logout -b jar -d csrf=$csrf)" &&
	expect_status 303 "$(http GET / -b jar)"
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' '[ $stopped -eq 0 ] || { cat serve.err >&2; false; }'
test_done
