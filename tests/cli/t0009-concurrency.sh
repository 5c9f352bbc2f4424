#!/usr/bin/env bash
# serial
# t0009: many writers at once.  Several candor processes log and promise
# at the same time on one store; none fails, nothing is lost: every record
# is counted afterwards.  Runs on both backends.
. "$CANDOR_TOP/tests/cli/lib.sh"

backend=sqlite
on_postgres && backend=postgresql
WRITERS=4
EACH=50   # commands per writer: half logs, half promises

test_expect 'setup: one account, a contact per writer' '
	candor init >/dev/null &&
	candor account add Northwind >/dev/null &&
	for w in $(seq $WRITERS); do
		candor contact add "Buyer $w" --account Northwind >/dev/null || return 1
	done
'

# writer W: EACH commands, alternating log and promise; failures to fail.W
writer() {
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

test_expect "$WRITERS writers x $EACH commands at once: none fails, every record is there" '
	start=$(date +%s.%N) &&
	for w in $(seq $WRITERS); do writer $w & done &&
	wait &&
	secs=$(echo "$(date +%s.%N) - $start" | bc) &&
	failed=$(cat fail.* | paste -sd+ | bc) &&
	cat err.* >&2 &&
	logs=$(db_sql "SELECT count(*) FROM interactions") &&
	promises=$(db_sql "SELECT count(*) FROM commitments") &&
	events=$(db_sql "SELECT count(*) FROM commitment_events") &&
	distinct=$(db_sql "SELECT count(DISTINCT text) FROM interactions") &&
	printf "# %s: %d writers x %d commands in %.1f s: %d failed; %d interactions, %d promises\n" \
		"$backend" $WRITERS $EACH "$secs" "$failed" \
		"$logs" "$promises" >"$CANDOR_BUILD/concurrency-$backend.txt" &&
	cat "$CANDOR_BUILD/concurrency-$backend.txt" >&2 &&
	test "$failed" -eq 0 &&
	test "$logs" -eq $((WRITERS * EACH / 2)) &&
	test "$distinct" -eq $((WRITERS * EACH / 2)) &&
	test "$promises" -eq $((WRITERS * EACH / 2)) &&
	test "$events" -eq $((WRITERS * EACH / 2))
'

test_expect 'each writer'"'"'s records are its own; ids are dense' '
	for w in $(seq $WRITERS); do
		candor contact show "Buyer $w" --json >c.json &&
		test "$(jget c.json ledger.interactions.#)" -eq $((EACH / 2)) &&
		test "$(jget c.json ledger.commitments.#)" -eq $((EACH / 2)) || return 1
	done &&
	test "$(db_sql "SELECT max(id) FROM commitments")" -eq $((WRITERS * EACH / 2))
'

test_done
