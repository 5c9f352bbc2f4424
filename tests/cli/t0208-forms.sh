#!/usr/bin/env bash
# The buyer page's forms record what the CLI records; a refused form comes
# back inline with what was typed; sign-in keeps the name and returns to
# ?next= (this site only); the upload form's seller; error pages for web
# users; /help and the icon.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"
T=$CANDOR_TOP/tests/data/transcripts/teams-discovery.vtt
BAD=$CANDOR_TOP/tests/data/transcripts/bad-timestamp.srt
export CANDOR_NOW=2026-11-20T15:00 CANDOR_MODEL=none

candor init >/dev/null
candor account add North --owner Ann >/dev/null
candor contact add "Dana Reyes" --account North >/dev/null            # contact 1
candor promise Dana --at 2026-11-10 --due 2026-11-18 "send the case study" >/dev/null  # 1
candor promise Dana --at 2026-11-10 --due 2026-11-25 "book the demo" >/dev/null        # 2
candor promise Dana --at 2026-11-10 --due 2026-11-25 "send the contract" >/dev/null    # 3
candor expect Dana --at 2026-11-10 --by 2026-11-19 "intro to the CFO" >/dev/null       # 1
candor expect Dana --at 2026-11-10 --by 2026-11-19 "share the numbers" >/dev/null      # 2

CANDOR_SELLER="Sam Seller" serve_start
csrf=$(curl -s "$B/buyers/1" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | cut -d\" -f4)
post() { http POST "$1" -d "csrf=$csrf" "${@:2}"; }
page() { curl -s "$B/buyers/1" >page.html; }
status_json() { curl -s "$B/api/v1/contacts/1/status" >status.json; }

test_expect 'the buyer page has a form for each kind of record, fields named in words' '
	page &&
	for a in log promise expect fact value fit decision upload; do
		test_grep "action=\"/buyers/1/$a\"" page.html || return 1
	done &&
	for a in kept broken renegotiate; do
		test_grep "action=\"/commitments/2/$a\"" page.html || return 1
	done &&
	test_grep "action=\"/expectations/1/met\"" page.html &&
	test_grep "action=\"/expectations/1/missed\"" page.html &&
	test_grep ">Due date</label>" page.html && test_grep ">They bought</option>" page.html &&
	test_grep ">They chose another supplier</option>" page.html &&
	test_grep ">They decided not to buy</option>" page.html &&
	test_grep ">They are still deciding</option>" page.html &&
	test_grep ">A partial fit</option>" page.html && test_grep ">You gave them something</option>" page.html
'
test_expect 'broken is a step that says what it costs, not one click' '
	page &&
	test_grep "<details class=\"step\"><summary>Broken…</summary><form method=\"post\" action=\"/commitments/2/broken\">" page.html &&
	test_grep "lowers your reliability" page.html &&
	test_grep "id=\"f-broken-2-note\" name=\"note\" value=\"\" required" page.html
'
test_expect 'value, fit, decision and an expectation are recorded and shown' '
	expect_status 303 "$(post /buyers/1/value -d direction=received -d "text=their renewal data")" &&
	expect_status 303 "$(post /buyers/1/fit -d verdict=partial -d "text=no SSO yet")" &&
	expect_status 303 "$(post /buyers/1/decision -d decision=still_deciding -d "note=board meets")" &&
	expect_status 303 "$(post /buyers/1/expect -d "text=a pilot date" -d by=2026-11-30)" &&
	page && test_grep "<li id=\"value-1\">2026-11-20T15:00 <strong>they gave</strong>: their renewal data( <span class=\"fix\">.*)?</li>" page.html &&
	test_grep "<li id=\"fit-1\">.*<strong>partial</strong>: no SSO yet( <span class=\"fix\">.*)?</li>" page.html &&
	test_grep "<li id=\"decision-1\">.*<strong>still deciding</strong>: board meets( <span class=\"fix\">.*)?</li>" page.html &&
	test "$(grep -o "id=\"value-1\"" page.html | wc -l)" -eq 1 &&
	test_grep "a pilot date, by" page.html &&
	candor contact show Dana >show.out && test_grep "received .*their renewal data" show.out &&
	test_grep "partial .*no SSO yet" show.out && test_grep "still_deciding .*board meets" show.out
'
test_expect 'a log with what was said (as log --said) records the signal' '
	expect_status 303 "$(post /buyers/1/log -d kind=meeting -d "text=pricing talk" \
		-d said_kind_1=stall -d "said_words_1=let me think about it" -d said_kind_2= -d said_words_2=)" &&
	status_json && test_grep "let me think about it" status.json && test_grep "stall" status.json
'
test_expect 'kept with a date after the due date is kept late; broken records its note' '
	expect_status 303 "$(post /commitments/1/kept -d at=2026-11-19)" &&
	expect_status 303 "$(post /commitments/2/broken -d at=2026-11-20 -d "note=the demo slot went" -d confirm=yes)" &&
	page &&
	grep -o "id=\"commitment-1\">.*" page.html | grep -q "kept late" &&
	test_grep "broken: the demo slot went" page.html
'
test_expect 'renegotiate sets a new due date; an expectation is met or missed on a date' '
	expect_status 303 "$(post /commitments/3/renegotiate -d due=2026-12-04 -d "note=legal review")" &&
	expect_status 303 "$(post /expectations/1/met -d at=2026-11-18)" &&
	expect_status 303 "$(post /expectations/2/missed -d at=2026-11-20)" &&
	page && test_grep "2026-12-04" page.html && test_grep "legal review" page.html &&
	test_grep "intro to the CFO, by <span class=\"date\">2026-11-19</span>: met" page.html &&
	test_grep "share the numbers, by <span class=\"date\">2026-11-19</span>: missed" page.html
'
test_expect 'a promise made today can be kept today (the date the form offers)' '
	expect_status 303 "$(post /buyers/1/promise -d "text=call back" -d due=2026-11-20)" &&
	page && day=$(grep -o "id=\"f-kept-4-at\" name=\"at\" value=\"[0-9-]*\"" page.html | grep -o "[0-9-]*\"$" | tr -d \") &&
	[ "$day" = 2026-11-20 ] &&
	expect_status 303 "$(post /commitments/4/kept -d at=$day)" &&
	page && grep -o "id=\"commitment-4\">.*" page.html | grep -q ">kept<"
'
test_expect 'a refused form comes back inline: 422, the field marked, what was typed kept' '
	expect_status 422 "$(post /buyers/1/promise -d "text=send the pricing sheet" -d due=2026-11-01)" &&
	test_grep "<h2 id=\"h-f-promise\">" "$TRASH/body" &&
	test_grep "name=\"text\" value=\"send the pricing sheet\"" "$TRASH/body" &&
	test_grep "name=\"due\" value=\"2026-11-01\" required aria-invalid=\"true\" aria-describedby=\"e-promise-due\" autofocus" "$TRASH/body" &&
	test_grep "<p class=\"why\" id=\"e-promise-due\" role=\"alert\">Due date 2026-11-01 is before" "$TRASH/body" &&
	test_no_grep "Field: <code>" "$TRASH/body" && test_no_grep "Back to the pipeline" "$TRASH/body" &&
	status_json && test_no_grep "send the pricing sheet" status.json
'
test_expect 'a refused step on a promise comes back open, with the message by its date' '
	expect_status 422 "$(post /commitments/3/kept -d at=2026-13-01)" &&
	test_grep "<details class=\"step\" open><summary>Kept…" "$TRASH/body" &&
	test_grep "id=\"e-kept-3-at\" role=\"alert\">Kept on: " "$TRASH/body"
'
test_expect 'words said without saying what they were are refused beside the row' '
	expect_status 422 "$(post /buyers/1/log -d "text=call" -d "said_words_1=maybe later")" &&
	test_grep "aria-describedby=\"e-log-said_kind_1\"" "$TRASH/body" &&
	test_grep "name=\"said_words_1\" value=\"maybe later\"" "$TRASH/body"
'
test_expect 'without users the upload form names CANDOR_SELLER, not "me"' '
	page && test_grep "name=\"seller\" value=\"Sam Seller\" required" page.html
'
test_expect 'an upload with aliases (other names the file gives the seller) is imported' '
	sed "s/<v Sam Seller>/<v Sam S.>/" "$T" >alias.vtt &&
	expect_status 303 "$(http POST /buyers/1/upload -F csrf=$csrf -F file=@alias.vtt \
		-F "seller=Sam Seller" -F "aliases=Sam, Sam S." -F at=2026-11-16)" &&
	candor show interaction 2 >show.out && test_grep "Sam Seller" show.out && test_no_grep "Sam S\." show.out
'
test_expect 'the same file again is refused with a link to the call it became, and taken when said so' '
	expect_status 409 "$(http POST /buyers/1/upload -F csrf=$csrf -F file=@alias.vtt \
		-F "seller=Sam Seller" -F "aliases=Sam, Sam S." -F at=2026-11-16)" &&
	test_grep "already imported as interaction 2" "$TRASH/body" &&
	test_grep "<a href=\"/interactions/2\">See the call it became</a>" "$TRASH/body" &&
	test_grep "name=\"again\" value=\"1\"" "$TRASH/body" && test_no_grep "\-\-again" "$TRASH/body" &&
	test "$(db_sql "SELECT count(*) FROM interactions")" = 2 &&
	expect_status 303 "$(http POST /buyers/1/upload -F csrf=$csrf -F file=@alias.vtt \
		-F "seller=Sam Seller" -F "aliases=Sam, Sam S." -F at=2026-11-16 -F again=1)" &&
	test "$(db_sql "SELECT count(*) FROM interactions")" = 3
'
test_expect 'the seller names of earlier uploads are offered (a datalist), newest first' '
	page && test_grep "name=\"seller\" value=\"Sam Seller\" required list=\"f-upload-sellers\"" page.html &&
	test_grep "<datalist id=\"f-upload-sellers\"><option value=\"Sam Seller\"></datalist>" page.html
'
test_expect 'a refused file keeps the form filled and says the file and the line' '
	expect_status 422 "$(http POST /buyers/1/upload -F csrf=$csrf -F file=@$BAD \
		-F "seller=Sam Seller" -F "aliases=Sam" -F at=2026-11-16)" &&
	test_grep "id=\"e-upload-file\" role=\"alert\">[^<]*bad-timestamp.srt[^<]*line 6" "$TRASH/body" &&
	test_grep "name=\"aliases\" value=\"Sam\"" "$TRASH/body" &&
	test_grep "name=\"at\" value=\"2026-11-16\"" "$TRASH/body" && test_grep "Choose the file again" "$TRASH/body"
'
test_expect 'error pages give no command-line advice and a way back' '
	expect_status 404 "$(http GET /buyers/99 -H "Referer: $B/buyers/1")" &&
	test_grep "<a href=\"/buyers/1\">Back to the page you were on</a>" "$TRASH/body" &&
	test_no_grep "candor " "$TRASH/body" &&
	expect_status 404 "$(http GET /buyers/99 -H "Referer: http://evil.example/buyers/1")" &&
	test_no_grep "evil" "$TRASH/body" && test_grep "<a href=\"/\">Back to the pipeline</a>" "$TRASH/body" &&
	expect_status 404 "$(post /proposals/77/accept)" && test_no_grep "candor " "$TRASH/body" &&
	test_grep "Nothing was changed" "$TRASH/body"
'
test_expect 'help and the icon answer; the header links them' '
	expect_status 200 "$(http GET /help)" && test_grep "id=\"import\"" "$TRASH/body" &&
	test_grep "candor import contacts FILE" "$TRASH/body" && test_grep "Google Meet chat" "$TRASH/body" &&
	test_grep "<a href=\"/help\">Help</a>" "$TRASH/body" &&
	test_grep "<link rel=\"icon\" href=\"/favicon.svg\"" "$TRASH/body" &&
	expect_status 200 "$(http GET /favicon.svg)" && test_grep "<svg" "$TRASH/body" &&
	expect_status 200 "$(http GET /favicon.ico)"
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' '[ $stopped -eq 0 ] || { cat "$TRASH/serve.err" >&2; false; }'

echo "password-Ann" | candor user add Ann --role seller >/dev/null 2>&1
serve_start
test_expect 'anonymous: a page sends you to sign in, and back there afterwards' '
	code=$(curl -s -o /dev/null -w "%{http_code} %{redirect_url}" "$B/buyers/1") &&
	[ "$code" = "303 $B/login?next=%2Fbuyers%2F1" ] &&
	t=$(curl -s -c jar "$B/login?next=%2Fbuyers%2F1" | tee login.html | grep -o "name=\"csrf\" value=\"[0-9a-f]*\"" | cut -d\" -f4) &&
	test_grep "name=\"next\" value=\"/buyers/1\"" login.html &&
	code=$(curl -s -o /dev/null -w "%{http_code} %{redirect_url}" -b jar -c jar -d "csrf=$t" \
		-d name=Ann -d password=password-Ann --data-urlencode next=/buyers/1 "$B/login") &&
	[ "$code" = "303 $B/buyers/1" ]
'
test_expect 'next= never leaves the site' '
	for n in //evil.example https://evil.example/x "/\\evil.example" "http:/x" "javascript:alert(1)"; do
		t=$(curl -s -c jar2 "$B/login" | grep -o "name=\"csrf\" value=\"[0-9a-f]*\"" | cut -d\" -f4) &&
		curl -s -o /dev/null -D hdr -b jar2 -c jar2 -d "csrf=$t" -d name=Ann -d password=password-Ann \
			--data-urlencode "next=$n" "$B/login" &&
		grep -qi "^Location: /\s*$" hdr || { echo "next=$n:" >&2; cat hdr >&2; return 1; }
		curl -s "$B/login?next=$n" | grep -q "name=\"next\" value=\"\"" || { echo "form keeps $n" >&2; return 1; }
	done
'
test_expect 'a wrong password keeps the name' '
	expect_status 401 "$(sign_in Ann wrong jar3)" &&
	test_grep "name=\"name\" value=\"Ann\"" "$TRASH/body" && test_grep "do not match" "$TRASH/body"
'
test_expect 'signed in: the upload form names the signed-in user' '
	expect_status 303 "$(sign_in Ann password-Ann jar4)" &&
	expect_status 200 "$(http GET /buyers/1 -b jar4)" &&
	test_grep "name=\"seller\" value=\"Ann\" required" "$TRASH/body"
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' '[ $stopped -eq 0 ] || { cat "$TRASH/serve.err" >&2; false; }'
test_done
