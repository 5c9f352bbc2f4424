#!/usr/bin/env bash
# serial
# candor serve stays up for everyone: slow clients, limits per address and
# through a trusted proxy, credentials before the body, ambiguous requests,
# exact content types, security headers, sign-in throttling and its CSRF
# token, Secure cookies.  Raw HTTP clients: tests/cli/http-probe.py.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"
PROBE="python3 $CANDOR_TOP/tests/cli/http-probe.py"
ulimit -n "$(ulimit -Hn)" 2>/dev/null

candor init >/dev/null
candor account add North --owner Ann >/dev/null

# raw BYTES: send them as they are (printf escapes), the answer to $TRASH/raw
raw() { printf "$1" | $PROBE send "$PORT" >"$TRASH/raw"; }
# the security headers, on a raw answer
secure_headers() {
	test_grep "^X-Content-Type-Options: nosniff" "$1" && test_grep "^X-Frame-Options: DENY" "$1" &&
	test_grep "^Content-Security-Policy: default-src 'none'" "$1" &&
	test_grep "^Referrer-Policy: same-origin" "$1"
}

test_expect 'serve --help teaches the new options' '
	candor serve --help >out && test_grep "^  --trusted-proxy ADDR" out &&
	test_grep "^  --secure-cookies" out && test_grep "^  --request-timeout SECONDS" out &&
	test_grep "X-Forwarded-For" out && test_grep "X-Forwarded-Proto" out
'
test_expect 'bad --trusted-proxy and --request-timeout are usage errors' '
	test_exit 1 candor serve --trusted-proxy proxy.example 2>err && test_grep "IPv4" err &&
	test_exit 1 candor serve --request-timeout 0 2>err && test_grep "seconds" err
'

serve_start
$PROBE slow "$PORT" 1000 100 >slow.out 2>&1; slow_rc=$?
sed 's/^/# /' slow.out
test_expect 'with 1,000 slow clients attached (trickling and silent, 100 addresses), a normal request is answered in under 1 s' '
	cat slow.out && [ $slow_rc -eq 0 ] && test_grep "^1000 slow clients attached" slow.out &&
	test_grep "^slow-client figure" slow.out
'
test_expect 'a 17th connection from one address is refused; another address is served' '
	$PROBE peraddr "$PORT" 16
'
test_expect 'two different Content-Lengths: 400, and the bytes left over do not run as a request' '
	raw "POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 60\r\n\r\n{}POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"name\":\"Smuggl\"}" &&
	test_grep "^HTTP/1.1 400" raw && [ "$(grep -c "^HTTP/1" raw)" = 1 ] &&
	test_grep "^Connection: close" raw && secure_headers raw &&
	expect_status 200 "$(http GET /api/v1/accounts)" && test_no_grep "Smuggl" "$TRASH/body"
'
test_expect 'Content-Length with Transfer-Encoding: chunked is 400' '
	raw "POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 17\r\nTransfer-Encoding: chunked\r\n\r\n11\r\n{\"name\":\"Chunky\"}\r\n0\r\n\r\n" &&
	test_grep "^HTTP/1.1 400" raw && [ "$(grep -c "^HTTP/1" raw)" = 1 ] && secure_headers raw &&
	test_grep "both Content-Length and Transfer-Encoding" raw &&
	expect_status 200 "$(http GET /api/v1/accounts)" && test_no_grep "Chunky" "$TRASH/body"
'
test_expect 'Content-Length: -5 is 400 and closes the connection' '
	raw "POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: -5\r\n\r\n{}" &&
	test_grep "^HTTP/1.1 400" raw && test_grep "^Connection: close" raw
'
test_expect 'the query string is read whole and checked: bad text is 400 naming it' '
	expect_status 400 "$(http GET "/api/v1/accounts?q=%%ff")" && test_grep "\"field\":\"query\"" "$TRASH/body" &&
	test_grep "not valid" "$TRASH/body" &&
	expect_status 400 "$(http GET "/api/v1/accounts?q=a%%00b")" &&
	expect_status 400 "$(http GET "/api/v1/accounts?limit=0")" && test_grep "\"field\":\"limit\"" "$TRASH/body" &&
	expect_status 400 "$(http GET "/api/v1/accounts?limit=2x")" &&
	expect_status 200 "$(http GET "/api/v1/accounts?limit=2&q=Nor+th#frag")" &&
	expect_status 200 "$(http GET "/api/v1/accounts?q=North&limit=1")" && test_grep "North" "$TRASH/body"
'
# libmicrohttpd 0.9.75 answers these itself, before Candor sees them, and
# offers no hook to add headers to its answers (docs/security.md): the
# proxy must refuse them.  When a newer libmicrohttpd adds the headers,
# this fails: then say so in docs/security.md.
test_expect 'libmicrohttpd answers malformed requests itself, without our headers' '
	raw "NOT HTTP AT ALL\r\n\r\n" && test_grep "^HTTP/1.1 400" raw && test_no_grep "^X-Frame-Options" raw &&
	raw "GET / HTTP/3.0\r\nHost: localhost\r\n\r\n" && test_grep "^HTTP/1.1 505" raw && test_no_grep "^X-Frame-Options" raw &&
	raw "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: $(head -c 70000 /dev/zero | tr "\\0" a)\r\n\r\n" &&
	test_grep "^HTTP/1.1 431" raw && test_no_grep "^X-Frame-Options" raw &&
	raw "POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nContent-Length: -5\r\n\r\n" &&
	test_grep "^HTTP/1.1 400" raw && test_no_grep "^X-Frame-Options" raw &&
	expect_status 200 "$(http GET /api/v1/accounts)"
'
test_expect 'content types are exact: application/jsonfoo and ...urlencodedfoo are 415' '
	expect_status 415 "$(http POST /api/v1/accounts -H "Content-Type: application/jsonfoo" -d "{\"name\":\"J\"}")" &&
	expect_status 415 "$(http POST /api/v1/accounts -H "Content-Type: application/json; charset=latin1" -d "{\"name\":\"J\"}")" &&
	expect_status 201 "$(http POST /api/v1/accounts -H "Content-Type: application/json; charset=UTF-8" -d "{\"name\":\"Jay\"}")" &&
	expect_status 415 "$(http POST /accounts -H "Content-Type: application/x-www-form-urlencodedfoo" -d name=F)" &&
	expect_status 415 "$(http POST /accounts -H "Content-Type: multipart/form-datax; boundary=x" -d name=F)" &&
	expect_status 415 "$(http POST /accounts -H "Content-Type:" -d name=F)"
'
test_expect 'our own error answers carry the security headers (404, 405, 415)' '
	curl -s -D h404 -o /dev/null "$B/nothing" && test_grep "^HTTP/1.1 404" h404 && secure_headers h404 &&
	curl -s -D h405 -o /dev/null -X DELETE "$B/api/v1/accounts" && secure_headers h405 &&
	curl -s -D h415 -o /dev/null -d x=1 "$B/api/v1/accounts" && secure_headers h415
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' '[ $stopped -eq 0 ] || { cat serve.err >&2; false; }'

serve_start 127.0.0.1:0 --request-timeout 2
test_expect 'a client trickling a header line every 0.5 s is cut at the request deadline' '
	$PROBE deadline "$PORT" 2
'
serve_stop

echo "password-Ann" | candor user add Ann --role seller >/dev/null 2>&1
ANN=$(candor user token Ann 2>/dev/null)

serve_start 127.0.0.1:0 --trusted-proxy 127.0.0.1
test_expect 'a made-up session cookie does not lift the anonymous cap: 5 MB is 413 before the body' '
	$PROBE early "$PORT" "Cookie: candor_session=0123456789abcdef.0123456789abcdef"
'
test_expect 'nor does a made-up Bearer token' '
	$PROBE early "$PORT" "Authorization: Bearer made-up-token"
'
test_expect 'a real token does: a 100 KiB body is read (and answered by the handler)' '
	head -c 100000 /dev/zero | tr "\\0" a >big.txt && { printf "{\"name\":\""; cat big.txt; printf "\"}"; } >big.json &&
	code=$(curl -s -o "$TRASH/body" -w "%{http_code}" -H "Authorization: Bearer $ANN" \
		-H "Content-Type: application/json" --data-binary @big.json "$B/api/v1/accounts") &&
	[ "$code" != 413 ] && [ "$code" != 401 ]
'
test_expect 'through the trusted proxy, 16 requests at once per forwarded client, then 429' '
	$PROBE proxy "$PORT" 16
'
test_expect 'the sign-in cookie is Secure behind the trusted proxy saying X-Forwarded-Proto: https' '
	expect_status 303 "$(sign_in Ann password-Ann jar -H "X-Forwarded-Proto: https")" &&
	test_grep "^Set-Cookie: candor_session=.*; Secure" "$TRASH/headers" &&
	expect_status 303 "$(sign_in Ann password-Ann jar)" &&
	test_no_grep "Secure" "$TRASH/headers"
'
test_expect 'X-Forwarded-Proto from another peer is not believed' '
	expect_status 303 "$(sign_in Ann password-Ann jar --interface 127.0.0.2 -H "X-Forwarded-Proto: https")" &&
	test_no_grep "Secure" "$TRASH/headers"
'
test_expect 'sign-in: a post without the form'"'"'s token, or with another, is 403 and signs nobody in' '
	expect_status 403 "$(http POST /login -d name=Ann -d password=password-Ann)" &&
	test_no_grep "candor_session=[0-9a-f]" "$TRASH/body" &&
	curl -s -c jar2 -o /dev/null "$B/login" &&
	code=$(curl -s -D hdr -o "$TRASH/body" -w "%{http_code}" -b jar2 -d name=Ann \
		-d password=password-Ann -d csrf=0000000000000000000000000000000000000000000000000000000000000000 "$B/login") &&
	[ "$code" = 403 ] && test_no_grep "candor_session=" hdr
'
test_expect 'sign-in: after 5 wrong passwords the right one is 429 with Retry-After, until the wait has passed' '
	for i in 1 2 3 4 5; do expect_status 401 "$(sign_in Ann wrong-$i jar --interface 127.0.0.3)" || return 1; done &&
	expect_status 429 "$(sign_in Ann password-Ann jar --interface 127.0.0.3)" &&
	test_grep "^Retry-After: [0-9]+" "$TRASH/headers" && test_no_grep "candor_session=[0-9a-f]" "$TRASH/headers" &&
	test_grep "^X-Frame-Options: DENY" "$TRASH/headers" &&
	expect_status 429 "$(sign_in ann password-Ann jar --interface 127.0.0.4)" &&
	sleep "$(sed -n "s/^Retry-After: \([0-9]*\).*/\1/p" "$TRASH/headers")" && sleep 0.2 &&
	expect_status 303 "$(sign_in Ann password-Ann jar --interface 127.0.0.3)"
'
test_expect 'sign-in: the waits grow (1 s, then 2 s, then 4 s)' '
	for i in 1 2 3 4 5; do expect_status 401 "$(sign_in Bob wrong-$i jar)" || return 1; done &&
	sleep 1.1 && expect_status 401 "$(sign_in Bob wrong-6 jar)" &&
	expect_status 429 "$(sign_in Bob wrong-7 jar)" && test_grep "^Retry-After: 2" "$TRASH/headers" &&
	sleep 2.1 && expect_status 401 "$(sign_in Bob wrong-8 jar)" &&
	expect_status 429 "$(sign_in Bob wrong-9 jar)" && test_grep "^Retry-After: [34]" "$TRASH/headers"
'
test_expect 'sign-in: 20 failures from one address (any names) make it wait; another address signs in' '
	for i in $(seq 20); do expect_status 401 "$(sign_in "guess$i" wrong jar --interface 127.0.0.5)" || return 1; done &&
	expect_status 429 "$(sign_in Ann password-Ann jar --interface 127.0.0.5)" &&
	expect_status 303 "$(sign_in Ann password-Ann jar --interface 127.0.0.6)"
'
test_expect 'sign-in: 16 wrong passwords at once hash two at a time (memory stays bounded)' '
	before=$(sed -n "s/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p" /proc/$SERVE_PID/status) &&
	for i in $(seq 16); do
		sign_in "crowd$i" wrong-password "jar$i" --interface "127.0.1.$i" >"code$i" &
	done; wait &&
	after=$(sed -n "s/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p" /proc/$SERVE_PID/status) &&
	echo "peak memory before ${before} kB, after 16 concurrent sign-ins ${after} kB" &&
	for i in $(seq 16); do grep -Eqx "401|503" <(cat "code$i"; echo) || { echo "sign-in $i: $(cat code$i)"; return 1; }; done &&
	[ $((after - before)) -lt $((200 * 1024)) ]
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' '[ $stopped -eq 0 ] || { cat serve.err >&2; false; }'

serve_start 127.0.0.1:0 --secure-cookies
test_expect '--secure-cookies marks the session and sign-in cookies Secure' '
	curl -s -D hdr -o /dev/null "$B/login" && test_grep "^Set-Cookie: candor_login=[0-9a-f]+;.*; Secure" hdr &&
	expect_status 303 "$(sign_in Ann password-Ann jar)" &&
	test_grep "^Set-Cookie: candor_session=.*; Secure" "$TRASH/headers"
'
serve_stop

test_done
