#!/usr/bin/env bash
# t0003: each kind of error has its exit code, says what was wrong in one
# line on stderr, and leaves the database exactly as it was.
. "$CANDOR_TOP/tests/cli/lib.sh"


test_expect 'setup: two accounts, three contacts, a promise and an expectation' '
	candor init >/dev/null &&
	candor account add Northwind >/dev/null &&
	candor account add Contoso >/dev/null &&
	candor contact add "Dana Reyes" --account Northwind >/dev/null &&
	candor contact add "Alex Kim" --account Northwind >/dev/null &&
	candor contact add "Alex Kim" --account Contoso >/dev/null &&
	candor log "Dana Reyes" --at 2026-11-18 "first call" >/dev/null &&
	candor promise "Dana Reyes" --at 2026-11-20 --due 2026-11-24 "send the case study" >p1 &&
	candor promise "Dana Reyes" --at 2026-11-20 --due 2026-11-30 "intro to a reference" >p2 &&
	candor expect "Dana Reyes" --at 2026-11-20 --by 2026-11-30 "a reply within a week" >x1 &&
	test "$(cat p1)" -gt 0 && test "$(cat x1)" -gt 0
'

# --- 2: invalid input ---

test_expect 'an impossible date (2026-02-30) is exit 2 and names the value' '
	fails 2 candor log "Dana Reyes" --at 2026-02-30 "call" &&
	test_grep "2026-02-30" err
'

test_expect 'a date in words ("tomorrow") is exit 2' '
	fails 2 candor promise "Dana Reyes" --due tomorrow "send it" &&
	test_grep "tomorrow" err
'

test_expect 'other bad dates are exit 2' '
	fails 2 candor log "Dana Reyes" --at 2026-13-01 "call" &&
	fails 2 candor log "Dana Reyes" --at 2026-11-20T25:00 "call" &&
	fails 2 candor log "Dana Reyes" --at 2026-11-31 "call" &&
	fails 2 candor log "Dana Reyes" --at 2025-02-29 "call" &&
	fails 2 candor log "Dana Reyes" --at "" "call" &&
	fails 2 candor log "Dana Reyes" --at 20261120 "call" &&
	fails 2 candor status "Dana Reyes" --at 2026-02-30 &&
	fails 2 candor pipeline --at yesterday &&
	fails 2 candor export --format json --at nope
'

test_expect 'a leap day is a date' '
	candor log "Dana Reyes" --at 2024-02-29 "leap call" >/dev/null
'

test_expect 'a record dated in the future is refused (exit 2)' '
	fails 2 candor log "Dana Reyes" --at 2026-11-27 "a call in two days" &&
	fails 2 candor kept "$(cat p2)" --at 2026-12-01
'

test_expect 'an empty account name ("   ") is exit 2' '
	fails 2 candor account add "   " &&
	test_grep "name" err
'

test_expect 'an empty contact name ("   ") is exit 2' '
	fails 2 candor contact add "   " --account Northwind &&
	test_grep "name" err
'

test_expect 'a due date before the promise was made is exit 2' '
	fails 2 candor promise "Dana Reyes" --at 2026-11-20 --due 2026-11-19 "too late already" &&
	test_grep "2026-11-19" err &&
	fails 2 candor promise "Dana Reyes" --due 2026-11-24 "due before now"
'

test_expect 'a due date on the day the promise is made is fine' '
	candor promise "Dana Reyes" --at 2026-11-20T15:00 --due 2026-11-20 "today" >/dev/null
'

test_expect 'an expectation due before it was set is exit 2' '
	fails 2 candor expect "Dana Reyes" --at 2026-11-20 --by 2026-11-10 "already past"
'

test_expect 'kept/broken/renegotiate dated before the promise was made is exit 2' '
	fails 2 candor kept "$(cat p2)" --at 2026-11-19 &&
	fails 2 candor broken "$(cat p2)" --at 2026-11-01 &&
	fails 2 candor renegotiate "$(cat p2)" --at 2026-11-19 --due 2026-12-05
'

test_expect 'renegotiating to a new due date in the past is exit 2' '
	fails 2 candor renegotiate "$(cat p2)" --at 2026-11-22 --due 2026-11-21
'

test_expect 'met/missed dated before the expectation was set is exit 2' '
	fails 2 candor met "$(cat x1)" --at 2026-11-19 &&
	fails 2 candor missed "$(cat x1)" --at 2026-11-19
'

test_expect 'a bad --kind is exit 2 and lists the choices' '
	fails 2 candor log "Dana Reyes" --kind carrier-pigeon "coo" &&
	test_grep "carrier-pigeon" err &&
	test_grep "call" err &&
	fails 2 candor learn "Dana Reyes" --kind gossip "heard a thing" &&
	test_grep "bothering" err
'

test_expect 'other bad choices are exit 2' '
	fails 2 candor learn "Dana Reyes" --kind hoped --confidence certain "x" &&
	fails 2 candor value "Dana Reyes" sideways "x" &&
	fails 2 candor fit "Dana Reyes" --verdict meh "x" &&
	fails 2 candor decide "Dana Reyes" closed-won &&
	fails 2 candor export --format xml &&
	fails 2 candor export --format csv --table secrets
'

test_expect 'an unknown --said category is exit 2' '
	fails 2 candor log "Dana Reyes" --said bogus:words "call" &&
	test_grep "bogus" err
'

test_expect 'a log with one good and one bad --said stores nothing' '
	fails 2 candor log "Dana Reyes" --said stall:"let me think about it" --said bogus:words "call" &&
	fails 2 candor log "Dana Reyes" --said bogus:words --said stall:"let me think about it" "call"
'

test_expect 'a --said without CATEGORY:WORDS fails and stores nothing' '
	db_dump >before &&
	test_expect_code_1_or_2() { "$@" >out 2>err; r=$?; [ $r -eq 1 ] || [ $r -eq 2 ]; } &&
	test_expect_code_1_or_2 candor log "Dana Reyes" --said stall:"ok" --said "no colon here" "call" &&
	test_grep "no colon here" err &&
	test_expect_code_1_or_2 candor log "Dana Reyes" --said "stall:" "call" &&
	db_dump >after &&
	test_cmp before after
'

test_expect 'a promise id that is not a number is exit 2' '
	fails 2 candor kept abc &&
	fails 2 candor kept 0 &&
	fails 2 candor met 1x
'

# --- 3: not found ---

test_expect 'an unknown contact is exit 3 and names it' '
	fails 3 candor log "Nobody Here" "call" &&
	test_grep "Nobody Here" err &&
	fails 3 candor promise "Nobody Here" --due 2026-12-01 "x" &&
	fails 3 candor contact show "Nobody Here" &&
	fails 3 candor status "Nobody Here" &&
	fails 3 candor contact show 999 &&
	fails 3 candor learn 999 --kind hoped "x"
'

test_expect 'an unknown account is exit 3' '
	fails 3 candor contact add "Sam Doe" --account Nowhere &&
	test_grep "Nowhere" err &&
	fails 3 candor account show Nowhere &&
	fails 3 candor contact list --account Nowhere &&
	fails 3 candor pipeline --account Nowhere &&
	fails 3 candor status --account Nowhere
'

test_expect 'an unknown promise or expectation id is exit 3' '
	fails 3 candor kept 999 &&
	test_grep "999" err &&
	fails 3 candor broken 999 &&
	fails 3 candor renegotiate 999 --due 2026-12-24 &&
	fails 3 candor met 999 &&
	fails 3 candor missed 999
'

# --- 4: ambiguous ---

test_expect 'an ambiguous contact is exit 4, naming each candidate' '
	fails 4 candor log "Alex Kim" "call" &&
	test_grep "Northwind" err &&
	test_grep "Contoso" err &&
	fails 4 candor expect "alex kim" --by 2026-12-01 "x" &&
	fails 4 candor decide "Alex Kim" bought
'

# --- 5: conflict ---

test_expect 'keeping a promise already kept is exit 5' '
	candor kept "$(cat p1)" --at 2026-11-23 >/dev/null &&
	fails 5 candor kept "$(cat p1)" &&
	test_grep "#$(cat p1)" err &&
	test_grep "kept" err
'

test_expect 'breaking or renegotiating a kept promise is exit 5' '
	fails 5 candor broken "$(cat p1)" &&
	fails 5 candor renegotiate "$(cat p1)" --due 2026-12-20
'

test_expect 'keeping a broken promise is exit 5' '
	candor broken "$(cat p2)" --at 2026-11-25 >/dev/null &&
	fails 5 candor kept "$(cat p2)" &&
	fails 5 candor broken "$(cat p2)"
'

test_expect 'meeting an expectation already missed is exit 5' '
	candor missed "$(cat x1)" --at 2026-11-24 >/dev/null &&
	fails 5 candor met "$(cat x1)" &&
	test_grep "missed" err &&
	fails 5 candor missed "$(cat x1)"
'

test_expect 'missing an expectation already met is exit 5' '
	candor expect "Dana Reyes" --at 2026-11-20 --by 2026-11-22 "x2" >x2 &&
	candor met "$(cat x2)" --at 2026-11-21 >/dev/null &&
	fails 5 candor missed "$(cat x2)" &&
	fails 5 candor met "$(cat x2)"
'

# --- 6: database ---

test_expect 'a database that was never created is exit 6 and is not created' '
	CANDOR_DB="$TRASH/nothing-here.db" test_exit 6 candor account list >out 2>err &&
	test "$(wc -l <err)" -eq 1 &&
	test_grep "nothing-here.db" err &&
	test_grep "init" err &&
	test ! -e "$TRASH/nothing-here.db" &&
	CANDOR_DB="$TRASH/nothing-here.db" test_exit 6 candor account add Acme 2>err &&
	test ! -e "$TRASH/nothing-here.db"
'

test_expect 'errors never exit with a crash code' '
	for args in "log" "kept -1" "status #" "status ##1" "contact show #" "kept #" \
		"account show 99999999999999999999" "kept 99999999999999999999" \
		"log Dana\ Reyes --at 9999-99-99 x" "promise Dana\ Reyes --due 0000-00-00 x"; do
		eval "candor $args" >/dev/null 2>&1; r=$?
		[ $r -lt 70 ] || { echo "candor $args exited $r" >&2; return 1; }
	done
'

test_expect 'a name or note that is not UTF-8 is refused (exit 2), nothing stored' '
	fails 2 candor account add "$(printf "M\\xfcnchen")" &&
	test_grep "not UTF-8" err &&
	fails 2 candor log "Dana Reyes" "$(printf "notes from caf\\xe9")"
'

test_expect 'value without given or received says so' '
	candor value "Dana Reyes" "intro to their auditor" >out 2>err; r=$?
	[ $r -eq 2 ] && test_grep "given or received" err
'

test_done
