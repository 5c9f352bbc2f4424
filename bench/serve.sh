# bench/serve.sh: sourced by the web benchmarks (web.sh, scale.sh).
#
#   serve BINARY   start BINARY serve on a port of its choice, on the store
#                  $db, logging to $tmp/candor.{out,err}; stop the one
#                  started before, if any.  Sets cpid and cbase (its address).
serve() {
	if [ -n "${cpid:-}" ]; then kill "$cpid" 2>/dev/null; wait "$cpid" 2>/dev/null; fi
	CANDOR_NOW=${CANDOR_NOW:-2026-11-25} "$1" --db "$db" serve --listen 127.0.0.1:0 \
		>"$tmp/candor.out" 2>"$tmp/candor.err" &
	cpid=$!
	for _ in $(seq 100); do
		grep -q 'http://' "$tmp/candor.out" 2>/dev/null && break
		kill -0 "$cpid" 2>/dev/null || { cat "$tmp/candor.err" >&2; exit 1; }
		sleep 0.1
	done
	cbase=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$tmp/candor.out")
}
