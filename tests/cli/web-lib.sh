# web-lib.sh: start `candor serve` for a test on a free loopback port, and
# always stop it.  Sourced after lib.sh.  serve_start [ADDR:PORT [OPTION...]]
# sets $B (base URL);
# serve_stop stops it and returns its exit status (a sanitizer report fails).

SERVE_PID=
serve_start() {
	"$CANDOR" serve --listen "${1:-127.0.0.1:0}" "${@:2}" >"$TRASH/serve.out" 2>"$TRASH/serve.err" &
	SERVE_PID=$!
	local why="still not serving after 120 s"
	for _ in $(seq 1200); do  # 120 s: the lexicon's start is slow on a loaded machine
		grep -q 'serving' "$TRASH/serve.out" 2>/dev/null && break
		kill -0 "$SERVE_PID" 2>/dev/null || { wait "$SERVE_PID"; why="it exited with status $?"; break; }
		sleep 0.1
	done
	PORT=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TRASH/serve.out")
	[ -n "$PORT" ] || { echo "# candor serve did not start ($why):" >&2; sed 's/^/# /' "$TRASH/serve.out" "$TRASH/serve.err" >&2; }
	B="http://127.0.0.1:$PORT"
}
serve_stop() {
	local rc=0
	[ -n "$SERVE_PID" ] || return 0
	kill "$SERVE_PID" 2>/dev/null
	wait "$SERVE_PID" || rc=$?
	SERVE_PID=
	# an unclean stop says why: what the server wrote to its stderr
	if [ $rc -ne 0 ]; then
		echo "# candor serve exited with status $rc; its stderr:" >&2
		sed 's/^/# /' "$TRASH/serve.err" >&2
	fi
	return $rc
}
trap 'if [ -n "$SERVE_PID" ]; then kill "$SERVE_PID" 2>/dev/null; fi' EXIT

# http METHOD PATH [curl args...]: prints the status; the body goes to $TRASH/body
http() {
	local m=$1 p=$2; shift 2
	curl -s -o "$TRASH/body" -w '%{http_code}' -X "$m" "$@" "$B$p"
}
# api TOKEN METHOD PATH [JSON]
api() {
	local t=$1 m=$2 p=$3 d=${4:-}
	if [ -n "$d" ]; then
		http "$m" "$p" -H "Authorization: Bearer $t" -H 'Content-Type: application/json' --data-binary "$d"
	else
		http "$m" "$p" -H "Authorization: Bearer $t"
	fi
}
expect_status() { # WANT GOT
	[ "$1" = "$2" ] || { echo "expected HTTP $1, got $2:" >&2; cat "$TRASH/body" >&2; return 1; }
}
# sign_in NAME PASSWORD JAR [curl args...]: fetch the sign-in form (its
# pre-session cookie goes to JAR), post it with its token; prints the status.
sign_in() {
	local n=$1 p=$2 jar=$3 t; shift 3
	t=$(curl -s -c "$jar" "$@" "$B/login" | grep -o 'name="csrf" value="[0-9a-f]*"' | cut -d\" -f4)
	curl -s -o "$TRASH/body" -D "$TRASH/headers" -w '%{http_code}' -b "$jar" -c "$jar" "$@" \
		--data-urlencode "name=$n" --data-urlencode "password=$p" -d "csrf=$t" "$B/login"
}
