#!/usr/bin/env bash
# serial
# t0012: the team server's writers at once.  While CLI processes log and
# promise, API clients post interactions and promises, a signed-in seller
# makes promises through the buyer page's form, people sign in and others
# read the board and a buyer page: no
# request fails (no 5xx, no "locked"), no sign-in is refused, and every
# record is there afterwards, each on its own buyer.  Runs on both backends.
. "$CANDOR_TOP/tests/cli/lib.sh"
. "$CANDOR_TOP/tests/cli/web-lib.sh"

backend=sqlite
on_postgres && backend=postgresql
EACH=30      # writes per writer
SIGNINS=12   # sign-ins during the writes

# set up at the top level: the server and the token outlive each test's subshell
candor init >/dev/null
echo "password-Ann-1" | candor user add Ann --role admin >/dev/null
echo "password-Bob-1" | candor user add Bob --role seller >/dev/null
candor account add Northwind --owner Ann >/dev/null
for w in cli1 cli2 api1 api2 form; do candor contact add "Buyer $w" --account Northwind >/dev/null; done
TOKEN=$(candor user token Ann 2>/dev/null)
serve_start
test_expect 'setup: a buyer per writer, users, a token, the server' '
	test "$(db_sql "SELECT count(*) FROM contacts")" -eq 5 && test -n "$TOKEN" && test -n "$PORT"
'

# Each writer counts its failures into fail.NAME and keeps what went wrong in err.NAME.
cli_writer() {
	local w=$1 k bad=0
	for k in $(seq $EACH); do
		if [ $((k % 2)) = 1 ]; then
			"$CANDOR" log "Buyer $w" "call $w.$k" >/dev/null 2>>"err.$w" || bad=$((bad + 1))
		else
			"$CANDOR" promise "Buyer $w" --due 2026-12-24 "promise $w.$k" >/dev/null 2>>"err.$w" ||
				bad=$((bad + 1))
		fi
	done
	echo $bad >"fail.$w"
}
api_writer() {
	local w=$1 c=$2 k bad=0 code
	for k in $(seq $EACH); do
		if [ $((k % 2)) = 1 ]; then
			code=$(curl -s -o "body.$w" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
				-H "Content-Type: application/json" \
				--data-binary "{\"contact\":$c,\"kind\":\"call\",\"text\":\"call $w.$k\"}" \
				"$B/api/v1/interactions")
		else
			code=$(curl -s -o "body.$w" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
				-H "Content-Type: application/json" \
				--data-binary "{\"contact\":$c,\"text\":\"promise $w.$k\",\"due\":\"2026-12-24\"}" \
				"$B/api/v1/commitments")
		fi
		[ "$code" = 201 ] || { bad=$((bad + 1)); echo "$code $(cat "body.$w")" >>"err.$w"; }
	done
	echo $bad >"fail.$w"
}
form_writer() {
	local c=$1 k bad=0 code csrf
	code=$(sign_in Ann password-Ann-1 jar.form)
	[ "$code" = 303 ] || { echo "sign-in $code" >>err.form; echo $EACH >fail.form; return; }
	csrf=$(curl -s -b jar.form "$B/buyers/$c" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | cut -d\" -f4)
	for k in $(seq $EACH); do
		code=$(curl -s -o body.form -w '%{http_code}' -b jar.form --data-urlencode "text=promise form.$k" \
			-d due=2026-12-24 -d "csrf=$csrf" "$B/buyers/$c/promise")
		[ "$code" = 303 ] || { bad=$((bad + 1)); echo "$code $(head -c 300 body.form)" >>err.form; }
	done
	echo $bad >fail.form
}
# the board and a buyer page, read while the others write: a GET that keeps
# recomputed answers must not fail because a writer committed meanwhile
reader() {
	local c=$1 k bad=0 code
	code=$(sign_in Bob password-Bob-1 jar.read)
	[ "$code" = 303 ] || { echo "sign-in $code" >>err.read; echo $EACH >fail.read; return; }
	for k in $(seq $EACH); do
		for p in / /buyers/$c; do
			code=$(curl -s -o body.read -w '%{http_code}' -b jar.read "$B$p")
			case $p:$code in /:200|/buyers/*:404) ;;  # Bob sees no buyer of Ann's
			*) bad=$((bad + 1)); echo "$p $code $(sed 's/<[^>]*>/ /g' body.read | tr -s ' ' | tail -c 300)" >>err.read ;;
			esac
		done
		code=$(curl -s -o body.read -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$B/")
		[ "$code" = 200 ] || { bad=$((bad + 1)); echo "/ as Ann: $code" >>err.read; }
	done
	echo $bad >fail.read
}
signer() {
	local k bad=0 code who
	for k in $(seq $SIGNINS); do
		if [ $((k % 2)) = 1 ]; then who=Bob; else who=Ann; fi
		code=$(sign_in $who "password-$who-1" "jar.sign.$k")
		[ "$code" = 303 ] || { bad=$((bad + 1)); echo "sign-in $k ($who): $code $(sed 's/<[^>]*>/ /g' "$TRASH/body" | tr -s ' ' | tail -c 400)" >>err.sign; }
	done
	echo $bad >fail.sign
}

test_expect "CLI, API, form writers and sign-ins at once: none fails, every record is there" '
	candor contact list --json >list.json &&
	api1=$(python3 -c "import json; print([c[\"id\"] for c in json.load(open(\"list.json\")) if c[\"name\"] == \"Buyer api1\"][0])") &&
	api2=$((api1 + 1)) && form=$((api1 + 2)) &&
	start=$(date +%s.%N) &&
	{
		cli_writer cli1 & cli_writer cli2 & api_writer api1 $api1 & api_writer api2 $api2 &
		form_writer $form & signer & reader $form & wait
	} &&
	secs=$(echo "$(date +%s.%N) - $start" | bc) &&
	failed=$(cat fail.* | paste -sd+ | bc) &&
	{ cat err.* 2>/dev/null | head -20 >&2; true; } &&
	logs=$(db_sql "SELECT count(*) FROM interactions") &&
	promises=$(db_sql "SELECT count(*) FROM commitments") &&
	distinct=$(db_sql "SELECT count(DISTINCT text) FROM commitments") &&
	printf "# %s: 4 writers x %d, a form writer x %d, a reader and %d sign-ins in %.1f s: %d failed; %d interactions, %d promises\n" \
		"$backend" $EACH $EACH $SIGNINS "$secs" "$failed" "$logs" "$promises" \
		>"$CANDOR_BUILD/web-writers-$backend.txt" &&
	cat "$CANDOR_BUILD/web-writers-$backend.txt" >&2 &&
	test "$(ls fail.* | wc -l)" -eq 7 &&
	test "$failed" -eq 0 &&
	test "$logs" -eq $((4 * EACH / 2)) &&
	test "$promises" -eq $((4 * EACH / 2 + EACH)) &&
	test "$distinct" -eq "$promises"
'

test_expect 'each writer'"'"'s records are on its own buyer' '
	for w in cli1 cli2 api1 api2; do
		candor contact show "Buyer $w" --json >c.json &&
		test "$(jget c.json ledger.interactions.#)" -eq $((EACH / 2)) &&
		test "$(jget c.json ledger.commitments.#)" -eq $((EACH / 2)) || return 1
	done &&
	candor contact show "Buyer form" --json >c.json &&
	test "$(jget c.json ledger.commitments.#)" -eq $EACH &&
	test "$(jget c.json ledger.interactions.#)" -eq 0
'

serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' "test $stopped -eq 0"

test_done
