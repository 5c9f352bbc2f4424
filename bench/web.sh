#!/usr/bin/env bash
# web.sh: requests/s and latency of "candor serve" against nginx, in one run.
#
#   bench/web.sh [BUILD_DIR/candor | BUILD_DIR]     (default: build/candor)
#
# On a database of BUYERS buyers and UTTERANCES utterances (defaults 10000
# and 1000000; made once by bench/web-data into bench/data/, gitignored) it
# starts, on loopback only,
#   - candor serve --listen 127.0.0.1:0 (no users: local mode), and
#   - nginx with a throw-away config in a temporary folder (its own prefix,
#     pid and logs; no daemon; no root-owned paths) serving one static file
#     exactly as large as the buyer page of buyer BUYER (default 4242,
#     measured once with curl),
# then runs wrk --latency -tTHREADS -cCONNS -dDURATION (defaults 2, 16, 10s;
# a 1 s warm-up first) against
#   - the buyer page        /buyers/BUYER
#   - the status API        /api/v1/contacts/BUYER/status
#   - nginx's static file
# and prints requests/s, latency p50/p90/p99 and the ratios (candor / nginx).
# Both servers are stopped on any exit.  wrk, nginx, sqlite3 and curl come
# from bench/install-deps (called here; it installs only what is missing).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
arg=${1:-build/candor}
if [ -d "$arg" ]; then candor="$arg/candor"; else candor=$arg; fi
candor=$(cd "$(dirname "$candor")" && pwd)/$(basename "$candor")
[ -x "$candor" ] || { echo "web.sh: no candor at $candor (build it first)" >&2; exit 1; }
buyers=${BUYERS:-10000}
utts=${UTTERANCES:-1000000}
buyer=${BUYER:-4242}
threads=${THREADS:-2}
conns=${CONNS:-16}   # candor serve allows 16 connections per IP
duration=${DURATION:-10s}

"$top/bench/install-deps"
nginx=$(command -v nginx || echo /usr/sbin/nginx)
for t in wrk "$nginx" curl sqlite3 python3; do
	command -v "$t" >/dev/null || { echo "web.sh: needs $t (bench/install-deps)" >&2; exit 1; }
done

db=$("$top/bench/web-data" "$candor" "$buyers" "$utts")

tmp=$(mktemp -d)
chmod 755 "$tmp"   # nginx's workers may run as another user
cpid="" npid=""
stop() {
	[ -n "$cpid" ] && kill "$cpid" 2>/dev/null && wait "$cpid" 2>/dev/null
	[ -n "$npid" ] && kill "$npid" 2>/dev/null && wait "$npid" 2>/dev/null
	rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 130' INT TERM

wait_for() {  # wait_for URL: up to 10 s for an answer
	for _ in $(seq 100); do
		curl -s -o /dev/null "$1" && return 0
		sleep 0.1
	done
	echo "web.sh: nothing answers at $1" >&2
	return 1
}

# candor, on a port of its choice (printed on start)
. "$top/bench/serve.sh"
serve "$candor"
page="$cbase/buyers/$buyer"
status="$cbase/api/v1/contacts/$buyer/status"
wait_for "$page"
for u in "$page" "$status"; do
	code=$(curl -s -o /dev/null -w '%{http_code}' "$u")
	[ "$code" = 200 ] || { echo "web.sh: $u answered $code" >&2; exit 1; }
done
page_bytes=$(curl -s "$page" | wc -c)
status_bytes=$(curl -s "$status" | wc -c)

# nginx: a static file of the buyer page's size, on a free loopback port
mkdir -p "$tmp/nginx/www" "$tmp/nginx/logs"
head -c "$page_bytes" /dev/zero | tr '\0' 'x' >"$tmp/nginx/www/page.html"
chmod -R a+rX "$tmp/nginx"
nport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$tmp/nginx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log warn;
events { worker_connections 256; }
http {
	access_log off;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	default_type text/html;
	sendfile on;
	server {
		listen 127.0.0.1:$nport;
		root $tmp/nginx/www;
	}
}
EOF
"$nginx" -p "$tmp/nginx" -e "$tmp/nginx/logs/error.log" -c "$tmp/nginx/nginx.conf" \
	2>"$tmp/nginx.err" &
npid=$!
static="http://127.0.0.1:$nport/page.html"
wait_for "$static" || { cat "$tmp/nginx.err" "$tmp/nginx/logs/error.log" >&2; exit 1; }
static_bytes=$(curl -s "$static" | wc -c)

echo "database: $db ($buyers buyers, $utts utterances); buyer #$buyer"
echo "responses: buyer page $page_bytes bytes, status $status_bytes bytes, static $static_bytes bytes"
echo "wrk -t$threads -c$conns -d$duration --latency (after a 1 s warm-up), loopback"

# bench NAME URL: run wrk, print a row, leave "rps p50 p90 p99" in $tmp/NAME
ms() {  # wrk's "1.23ms" / "456.00us" / "1.02s" in milliseconds
	awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0;
		else if (v ~ /[0-9]s$/) n *= 1000; else if (v ~ /m$/) n *= 60000; printf "%.2f", n }'
}
bench() {
	local name=$1 url=$2 out="$tmp/$1.wrk" rps p50 p90 p99 errs
	wrk -t"$threads" -c"$conns" -d1s "$url" >/dev/null
	wrk -t"$threads" -c"$conns" -d"$duration" --latency "$url" >"$out"
	rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
	p50=$(ms "$(awk '$1 == "50%" { print $2 }' "$out")")
	p90=$(ms "$(awk '$1 == "90%" { print $2 }' "$out")")
	p99=$(ms "$(awk '$1 == "99%" { print $2 }' "$out")")
	errs=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { n += 1 } END { print n + 0 }' "$out")
	[ -n "$rps" ] || { cat "$out" >&2; exit 1; }
	printf '%-12s %12.1f %10s %10s %10s %8s\n' "$name" "$rps" "$p50" "$p90" "$p99" "$errs"
	echo "$rps" >"$tmp/$name.rps"
}
printf '%-12s %12s %10s %10s %10s %8s\n' "" "requests/s" "p50 ms" "p90 ms" "p99 ms" "errors"
bench buyer-page "$page"
bench status-api "$status"
bench nginx "$static"
n=$(cat "$tmp/nginx.rps")
printf 'ratio:   buyer page is %.4fx the requests/s of nginx (1 in %.0f)\n' \
	"$(echo "$(cat "$tmp/buyer-page.rps") / $n" | bc -l)" "$(echo "$n / $(cat "$tmp/buyer-page.rps")" | bc -l)"
printf 'ratio:   status API is %.4fx the requests/s of nginx (1 in %.0f)\n' \
	"$(echo "$(cat "$tmp/status-api.rps") / $n" | bc -l)" "$(echo "$n / $(cat "$tmp/status-api.rps")" | bc -l)"
