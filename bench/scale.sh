#!/usr/bin/env bash
# scale.sh: Candor at team scale, on one backend, in one run.
#
#   bench/scale.sh [BUILD_DIR/candor | BUILD_DIR] [sqlite | postgresql]
#                                           (defaults: build/candor, sqlite)
#
# Builds BUYERS buyers (default 100000) with UTTERANCES utterances (default
# 20 per buyer) by bench/web-data (a SQLite file in bench/data/, made once,
# gitignored); on postgresql the file is copied with `candor copy` into
# $CANDOR_BENCH_PG (a postgresql:// address of an empty database or
# schema), or, when that is unset, into a throw-away server that
# pg_virtualenv starts and stops around the run.  Then it measures
#   - `candor pipeline --limit 50`, cold (the kept answers computed for
#     every buyer: the first run after a load or a model change) and warm
#     (time and max RSS from /usr/bin/time -v), and after one write
#   - `candor pipeline --json` over every buyer (time, max RSS, bytes)
#   - under wrk on loopback: the board's first page (GET /), a buyer page,
#     the pipeline API's first page (GET /api/v1/pipeline?limit=50), a
#     buyer's status API (GET /api/v1/contacts/ID/status),
#     and nginx serving a static file as large as the buyer page
#     (bench/web.sh's set-up: a throw-away nginx prefix, no daemon).
# With BASELINE=OTHER/candor (another build, e.g. main's before a change)
# the web figures are taken for it too, on the same store in the same run,
# and the ratio of this build's requests/s to the baseline's is printed.
# Not run by make check.  wrk, nginx, sqlite3, curl: bench/install-deps.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
arg=${1:-build/candor}
backend=${2:-sqlite}
if [ -d "$arg" ]; then candor="$arg/candor"; else candor=$arg; fi
candor=$(cd "$(dirname "$candor")" && pwd)/$(basename "$candor")
[ -x "$candor" ] || { echo "scale.sh: no candor at $candor (build it first)" >&2; exit 1; }
buyers=${BUYERS:-100000}
utts=${UTTERANCES:-$((buyers * 20))}
threads=${THREADS:-2}
conns=${CONNS:-16}
duration=${DURATION:-10s}
export CANDOR_NOW=${CANDOR_NOW:-2026-11-25}

case $backend in
sqlite | postgresql) ;;
*) echo "scale.sh: the backend is sqlite or postgresql, not '$backend'" >&2; exit 1 ;;
esac
if [ "$backend" = postgresql ] && [ -z "${CANDOR_BENCH_PG:-}" ] && [ -z "${SCALE_IN_VIRTUALENV:-}" ]; then
	command -v pg_virtualenv >/dev/null || { echo "scale.sh: set CANDOR_BENCH_PG or install postgresql-common" >&2; exit 1; }
	SCALE_IN_VIRTUALENV=1 exec pg_virtualenv -o shared_buffers=256MB -o fsync=off \
		-o synchronous_commit=off "$0" "$@"
fi

"$top/bench/install-deps"
nginx=$(command -v nginx || echo /usr/sbin/nginx)
for t in wrk "$nginx" curl sqlite3 python3 /usr/bin/time; do
	command -v "$t" >/dev/null || { echo "scale.sh: needs $t (bench/install-deps)" >&2; exit 1; }
done

src=$("$top/bench/web-data" "$candor" "$buyers" "$utts")
tmp=$(mktemp -d)
chmod 755 "$tmp"
cpid="" npid=""
stop() {
	[ -n "$cpid" ] && kill "$cpid" 2>/dev/null && wait "$cpid" 2>/dev/null
	[ -n "$npid" ] && kill "$npid" 2>/dev/null && wait "$npid" 2>/dev/null
	rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 130' INT TERM

# The store under test: a copy of the generated file (a run writes kept answers).
if [ "$backend" = sqlite ]; then
	db="$tmp/scale.db"
	sqlite3 "$src" ".backup '$db'"
	# web-data fills the tables by SQL: give each contact its (stale) kept row
	sqlite3 "$db" "INSERT OR IGNORE INTO assessments(id, account_id) SELECT id, account_id FROM contacts"
else
	db=${CANDOR_BENCH_PG:-postgresql:///postgres}
	"$candor" --db "$db" init >/dev/null
	sqlite3 "$src" ".backup '$tmp/src.db'"
	sqlite3 "$tmp/src.db" "INSERT OR IGNORE INTO assessments(id, account_id) SELECT id, account_id FROM contacts"
	echo "scale.sh: copying into $db ..." >&2
	"$candor" copy "$tmp/src.db" "$db" >/dev/null
	rm -f "$tmp/src.db"
	psql -XAtq "$db" -c "ANALYZE" >/dev/null
fi

# measure NAME CMD...: wall seconds and max RSS (MB) of CMD, stdout bytes
measure() {
	local name=$1; shift
	/usr/bin/time -v "$@" >"$tmp/$name.out" 2>"$tmp/$name.time"
	awk -v name="$name" -v bytes="$(wc -c <"$tmp/$name.out")" '
		/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
		/Maximum resident set size/ { rss = $NF / 1024 }
		END { printf "%-28s %9.3f s %9.1f MB %12d bytes\n", name, s, rss, bytes }' "$tmp/$name.time"
}

echo "backend: $backend; $buyers buyers, $utts utterances; CANDOR_NOW=$CANDOR_NOW"
measure "pipeline --limit 50 (cold)" "$candor" --db "$db" pipeline --limit 50
# the cold run rewrote every kept row (its whole answer too): on PostgreSQL
# that leaves every old row version behind until a vacuum, as a server's
# autovacuum would soon do; measure the store as it then stands
if [ "$backend" = postgresql ]; then
	psql -XAtq "$db" -c "VACUUM ANALYZE" >/dev/null
	echo "(VACUUM ANALYZE after the cold run)"
fi
measure "pipeline --limit 50 (warm)" "$candor" --db "$db" pipeline --limit 50
buyer=$(( buyers / 2 ))
"$candor" --db "$db" log "#$buyer" --kind call --at 2026-11-24 "a call after the load" >/dev/null
measure "pipeline --limit 50 (1 write)" "$candor" --db "$db" pipeline --limit 50
measure "pipeline --limit 50 --search" "$candor" --db "$db" pipeline --limit 50 --search "Reyes 4"
measure "pipeline --json (all)" "$candor" --db "$db" pipeline --json

# the web: candor serve (local mode) and nginx, on loopback
. "$top/bench/serve.sh"
serve "$candor"
board="$cbase/"
page="$cbase/buyers/$buyer"
api="$cbase/api/v1/pipeline?limit=50"
status="$cbase/api/v1/contacts/$buyer/status"
for u in "$board" "$page" "$api" "$status"; do
	code=$(curl -s -o /dev/null -w '%{http_code}' "$u")
	[ "$code" = 200 ] || { echo "scale.sh: $u answered $code" >&2; exit 1; }
done
board_bytes=$(curl -s "$board" | wc -c)
page_bytes=$(curl -s "$page" | wc -c)
api_bytes=$(curl -s "$api" | wc -c)
status_bytes=$(curl -s "$status" | wc -c)

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
	server { listen 127.0.0.1:$nport; root $tmp/nginx/www; }
}
EOF
"$nginx" -p "$tmp/nginx" -e "$tmp/nginx/logs/error.log" -c "$tmp/nginx/nginx.conf" 2>"$tmp/nginx.err" &
npid=$!
static="http://127.0.0.1:$nport/page.html"
for _ in $(seq 100); do curl -s -o /dev/null "$static" && break; sleep 0.1; done

echo "responses: board $board_bytes bytes, buyer page $page_bytes, pipeline API $api_bytes, status API $status_bytes"
echo "wrk -t$threads -c$conns -d$duration --latency (after a 1 s warm-up), loopback"
ms() {
	awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0;
		else if (v ~ /[0-9]s$/) n *= 1000; else if (v ~ /m$/) n *= 60000; printf "%.2f", n }'
}
bench() {
	local name=$1 url=$2 out="$tmp/$1.wrk" rps errs
	wrk -t"$threads" -c"$conns" -d1s "$url" >/dev/null
	wrk -t"$threads" -c"$conns" -d"$duration" --latency "$url" >"$out"
	rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
	errs=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { n += 1 } END { print n + 0 }' "$out")
	[ -n "$rps" ] || { cat "$out" >&2; exit 1; }
	printf '%-14s %12.1f %10s %10s %10s %8s\n' "$name" "$rps" \
		"$(ms "$(awk '$1 == "50%" { print $2 }' "$out")")" \
		"$(ms "$(awk '$1 == "90%" { print $2 }' "$out")")" \
		"$(ms "$(awk '$1 == "99%" { print $2 }' "$out")")" "$errs"
	echo "$rps" >"$tmp/$name.rps"
	sleep 2   # what wrk left queued is answered before the next one starts
}
printf '%-14s %12s %10s %10s %10s %8s\n' "" "requests/s" "p50 ms" "p90 ms" "p99 ms" "errors"
bench board "$board"
bench buyer-page "$page"
bench pipeline-api "$api"
bench status-api "$status"
bench nginx "$static"
n=$(cat "$tmp/nginx.rps")
for k in board buyer-page pipeline-api status-api; do
	printf 'ratio: %-13s %.3fx the requests/s of nginx\n' "$k" "$(echo "$(cat "$tmp/$k.rps") / $n" | bc -l)"
done
if [ -n "${BASELINE:-}" ]; then
	echo "the baseline, $BASELINE, on the same store:"
	serve "$BASELINE"
	for k in board buyer-page pipeline-api status-api; do cp "$tmp/$k.rps" "$tmp/$k.this"; done
	bench board "$cbase/"
	bench buyer-page "$cbase/buyers/$buyer"
	bench pipeline-api "$cbase/api/v1/pipeline?limit=50"
	bench status-api "$cbase/api/v1/contacts/$buyer/status"
	for k in board buyer-page pipeline-api status-api; do
		printf 'ratio: %-13s %.3fx the requests/s of the baseline\n' "$k" \
			"$(echo "$(cat "$tmp/$k.this") / $(cat "$tmp/$k.rps")" | bc -l)"
	done
fi
