#!/usr/bin/env bash
# The calendar feed from the web page: every page's header links
# /calendar, which says how to subscribe; "Make a feed link" (the use case
# of `candor user token NAME --feed`) shows the feed's address once, the
# address opens /calendar.ics with the user's promises, and "Stop the
# feed" ends it at once.  Nobody stops another's feed (404, as a missing
# one); every form needs its CSRF token.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"
export CANDOR_NOW=2026-11-20T15:00 CANDOR_MODEL=none

candor init >/dev/null
echo password-Bob | candor user add Bob --role seller >/dev/null 2>&1
echo password-Cy | candor user add Cy --role seller >/dev/null 2>&1
candor account add Northwind --owner Bob >/dev/null
candor contact add "Dana Reyes" --account Northwind >/dev/null
CANDOR_SELLER=Bob candor promise Dana --at 2026-11-18 --due 2026-12-01 "send the case study" >/dev/null

csrf_of() { curl -s -b "$1" "$B$2" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | cut -d\" -f4; }
post() { local jar=$1 p=$2; shift 2; http POST "$p" -b "$jar" -d "csrf=$(csrf_of "$jar" /calendar)" "$@"; }

serve_start
test_expect 'signed in, every page links the Calendar page; signed out it asks to sign in' '
	expect_status 303 "$(sign_in Bob password-Bob bob.jar)" &&
	expect_status 303 "$(sign_in Cy password-Cy cy.jar)" &&
	curl -s -b bob.jar "$B/buyers/1" | grep -q "<a href=\"/calendar\">Calendar</a>" &&
	curl -s -b bob.jar "$B/" | grep -q "<a href=\"/calendar\">Calendar</a>" &&
	expect_status 303 "$(http GET /calendar)"
'
test_expect 'the Calendar page says how, with a button to make a feed link and no feed yet' '
	expect_status 200 "$(http GET /calendar -b bob.jar)" &&
	test_grep "<form method=\"post\" action=\"/calendar/feeds\"><input type=\"hidden\" name=\"csrf\" value=\"[0-9a-f]+\"><button>Make a feed link</button>" "$TRASH/body" &&
	test_no_grep "Stop the feed" "$TRASH/body" && test_no_grep "token=" "$TRASH/body"
'
test_expect 'making a feed link needs the form token; made, its address is shown once' '
	expect_status 403 "$(http POST /calendar/feeds -b bob.jar)" &&
	test "$(db_sql "SELECT count(*) FROM api_tokens")" = 0 &&
	expect_status 200 "$(post bob.jar /calendar/feeds)" &&
	addr=$(grep -o "value=\"http://127.0.0.1:$PORT/calendar.ics?token=[^\"]*\"" "$TRASH/body" | cut -d\" -f2) &&
	test -n "$addr" && echo "$addr" >addr &&
	test_grep "shown only now" "$TRASH/body" &&
	test "$(db_sql "SELECT scope FROM api_tokens")" = feed &&
	candor token list >list && test_grep "Bob .*\(calendar feed\)" list &&
	expect_status 200 "$(http GET /calendar -b bob.jar)" &&
	test_no_grep "token=" "$TRASH/body" && test_grep "Stop the feed" "$TRASH/body"
'
test_expect 'the address opens the feed (no sign-in), with the promise' '
	addr=$(cat addr) &&
	code=$(curl -s -o feed.ics -w "%{http_code}" "$addr") && test "$code" = 200 &&
	test_grep "^BEGIN:VCALENDAR" feed.ics && test_grep "send the case study" feed.ics
'
test_expect 'Cy cannot stop Bob'"'"'s feed: the 404 of a missing one; Cy sees none of it' '
	id=$(db_sql "SELECT id FROM api_tokens") &&
	expect_status 404 "$(post cy.jar /calendar/feeds/$id/stop)" && sed "s/#$id\b/#N/" "$TRASH/body" >a &&
	expect_status 404 "$(post cy.jar /calendar/feeds/999/stop)" && sed "s/#999\b/#N/" "$TRASH/body" >b &&
	test_cmp a b &&
	expect_status 200 "$(http GET /calendar -b cy.jar)" && test_no_grep "Stop the feed" "$TRASH/body" &&
	test "$(db_sql "SELECT count(*) FROM api_tokens")" = 1
'
test_expect 'an API token is not stopped here' '
	candor user token Bob >/dev/null 2>&1 &&
	api=$(db_sql "SELECT id FROM api_tokens WHERE scope = '"'api'"'") &&
	expect_status 404 "$(post bob.jar /calendar/feeds/$api/stop)" &&
	test "$(db_sql "SELECT count(*) FROM api_tokens")" = 2
'
test_expect 'Stop the feed needs the form token; stopped, the address answers 401 at once' '
	id=$(db_sql "SELECT id FROM api_tokens WHERE scope = '"'feed'"'") && addr=$(cat addr) &&
	expect_status 403 "$(http POST /calendar/feeds/$id/stop -b bob.jar)" &&
	expect_status 303 "$(post bob.jar /calendar/feeds/$id/stop)" &&
	test "$(curl -s -o /dev/null -w "%{http_code}" "$addr")" = 401 &&
	expect_status 200 "$(http GET /calendar -b bob.jar)" && test_no_grep "Stop the feed" "$TRASH/body"
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' "test $stopped -eq 0"

test_done
