#!/usr/bin/env bash
# serial
# docs/security.md's nginx block, run as written (its listen and upstream
# ports aside) in front of candor serve: what libmicrohttpd answers itself
# without our headers (t0204) is answered by nginx with them, every answer
# that passes carries each header once and the same as Candor's own.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"
PROBE="python3 $CANDOR_TOP/tests/cli/http-probe.py"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

candor init >/dev/null
echo "password-Ann" | candor user add Ann --role admin >/dev/null 2>&1
ANN=$(candor user token Ann 2>/dev/null)
candor account add North --owner Ann >/dev/null

serve_start 127.0.0.1:0 --trusted-proxy 127.0.0.1

# the block as docs/security.md gives it: the indented "server {" ... "}"
N="$TRASH/nginx"
mkdir -p "$N/logs" && chmod 777 "$N" "$N/logs"
NPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sed -n '/^      server {$/,/^      }$/p' "$CANDOR_TOP/docs/security.md" | sed 's/^      //' >"$N/block"
sed -e "s|listen 443 ssl;|listen 127.0.0.1:$NPORT;|" -e "s|http://127.0.0.1:8080|http://127.0.0.1:$PORT|" \
	"$N/block" >"$N/server"
cat >"$N/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $N/nginx.pid;
error_log $N/logs/error.log warn;
events { worker_connections 64; }
http {
	access_log off;
	client_body_temp_path $N/body;
	proxy_temp_path $N/proxy;
	fastcgi_temp_path $N/fastcgi;
	uwsgi_temp_path $N/uwsgi;
	scgi_temp_path $N/scgi;
$(cat "$N/server")
}
EOF
NGINX_PID=
test_expect 'docs/security.md has the nginx block, and nginx takes it' '
	test_grep "add_header X-Frame-Options DENY always;" "$N/block" &&
	test_grep "listen 127.0.0.1:$NPORT;" "$N/server" && test_grep "proxy_pass http://127.0.0.1:$PORT;" "$N/server" &&
	"$NGINX" -t -p "$N" -c "$N/nginx.conf" 2>"$N/t.err" || { cat "$N/t.err" >&2; false; }
'
"$NGINX" -p "$N" -c "$N/nginx.conf" 2>"$N/run.err" &
NGINX_PID=$!
trap 'kill $NGINX_PID 2>/dev/null; if [ -n "$SERVE_PID" ]; then kill "$SERVE_PID" 2>/dev/null; fi' EXIT
for _ in $(seq 100); do
	curl -s -o /dev/null "http://127.0.0.1:$NPORT/login" && break
	sleep 0.1
done
P="http://127.0.0.1:$NPORT"

# raw BYTES through nginx, the answer to $TRASH/raw
raw() { printf "$1" | $PROBE send "$NPORT" >"$TRASH/raw"; }
# the header block of an answer (up to the first empty line), without CRs
head_of() { sed -e 's/\r$//' -e '/^$/q' "$1"; }
# every security header exactly once, with Candor's own value
same_headers() {
	head_of "$1" >"$1.h" &&
	for h in X-Content-Type-Options X-Frame-Options Referrer-Policy Cache-Control Content-Security-Policy; do
		[ "$(grep -ci "^$h:" "$1.h")" = 1 ] || { echo "$h is not there once in $1:" >&2; cat "$1.h" >&2; return 1; }
		[ "$(grep -i "^$h:" "$1.h")" = "$(grep -i "^$h:" direct.h)" ] ||
			{ echo "$h differs from Candor's own:" >&2; grep -i "^$h:" "$1.h" direct.h >&2; return 1; }
	done
}
curl -s -D direct -o /dev/null "$B/login"; head_of direct >direct.h

test_expect 'Candor itself sends the five security headers' '
	for h in X-Content-Type-Options X-Frame-Options Referrer-Policy Cache-Control Content-Security-Policy; do
		test_grep "^$h: " direct.h || return 1
	done
'
test_expect 'through nginx, a page carries each header once, the same as Candor sends' '
	curl -s -D page -o body "$P/login" && test_grep "^HTTP/1.1 200" page && test_grep "Sign in" body &&
	same_headers page
'
test_expect 'and so do the errors Candor makes itself (404, 405) and an API answer' '
	curl -s -D e404 -o /dev/null "$P/nothing" && test_grep "^HTTP/1.1 404" e404 && same_headers e404 &&
	curl -s -D e405 -o /dev/null -X DELETE -H "Authorization: Bearer $ANN" "$P/api/v1/accounts" &&
	test_grep "^HTTP/1.1 405" e405 && same_headers e405 &&
	curl -s -D acc -o /dev/null -H "Authorization: Bearer $ANN" "$P/api/v1/accounts" &&
	test_grep "^HTTP/1.1 200" acc && same_headers acc
'
# the four that libmicrohttpd answers itself without our headers (t0204)
test_expect 'a request line that is not HTTP: nginx answers 400 with the headers' '
	raw "NOT HTTP AT ALL\r\n\r\n" && test_grep "^HTTP/1.1 400" raw && same_headers raw
'
test_expect 'an HTTP version other than 1.x: nginx answers it with the headers' '
	raw "GET / HTTP/3.0\r\nHost: localhost\r\n\r\n" && test_grep "^HTTP/1.1 (400|505)" raw && same_headers raw
'
test_expect 'a header over the proxy limit: nginx answers 400 with the headers' '
	raw "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: $(head -c 70000 /dev/zero | tr "\\0" a)\r\n\r\n" &&
	test_grep "^HTTP/1.1 (400|431)" raw && same_headers raw
'
test_expect 'Content-Length: -5: nginx answers 400 with the headers' '
	raw "POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: -5\r\n\r\n{}" &&
	test_grep "^HTTP/1.1 400" raw && same_headers raw
'
test_expect 'two different Content-Lengths: nginx refuses them, and nothing is created' '
	raw "POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer $ANN\r\nContent-Type: application/json\r\nContent-Length: 17\r\nContent-Length: 60\r\n\r\n{\"name\":\"Smuggl\"}" &&
	test_grep "^HTTP/1.1 400" raw && same_headers raw &&
	candor account list >list && test_no_grep "Smuggl" list
'
test_expect 'a write through nginx works (the proxy passes the body and the token)' '
	code=$(curl -s -o body -w "%{http_code}" -H "Authorization: Bearer $ANN" -H "Content-Type: application/json" \
		--data-binary "{\"name\":\"Through Proxy\"}" "$P/api/v1/accounts") && [ "$code" = 201 ] &&
	candor account list >list && test_grep "Through Proxy" list
'
kill "$NGINX_PID" 2>/dev/null; wait "$NGINX_PID" 2>/dev/null
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' '[ $stopped -eq 0 ] || { cat serve.err >&2; false; }'
test_done
