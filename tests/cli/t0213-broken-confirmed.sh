#!/usr/bin/env bash
# Broken needs a note on the server too: the buyer page's Broken… step asks
# that you mean it (a box to tick) and what happened (the note), and a POST
# without either (a stale page, a script) is refused like any form: the
# buyer page again (422), the reason by the field, what was typed kept,
# nothing recorded.  With both, the promise is broken with its note.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"
export CANDOR_NOW=2026-11-20T15:00 CANDOR_MODEL=none

candor init >/dev/null
candor account add North >/dev/null
candor contact add "Dana Reyes" --account North >/dev/null
candor promise Dana --at 2026-11-10 --due 2026-11-18 "send the case study" >/dev/null   # promise 1

serve_start
csrf=$(curl -s "$B/buyers/1" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | cut -d\" -f4)
broken() { db_dump >before.dump; http POST /commitments/1/broken -d "csrf=$csrf" "$@"; }
unchanged() { db_dump >after.dump && test_cmp before.dump after.dump; }

test_expect 'the Broken… step has a box to tick and a note, both required' '
	curl -s "$B/buyers/1" >page.html &&
	test_grep "<input type=\"checkbox\" id=\"f-broken-1-confirm\" name=\"confirm\" value=\"yes\" required>" page.html &&
	test_grep "<label for=\"f-broken-1-confirm\">Yes, it was broken</label>" page.html &&
	test_grep "id=\"f-broken-1-note\" name=\"note\" value=\"\" required" page.html
'
test_expect 'without the box ticked: 422 by the box, the note kept, nothing recorded' '
	expect_status 422 "$(broken -d at=2026-11-19 -d "note=the case study was not approved")" &&
	test_grep "<details class=\"step\" open><summary>Broken…</summary>" "$TRASH/body" &&
	test_grep "id=\"f-broken-1-confirm\" name=\"confirm\" value=\"yes\" required aria-invalid=\"true\" aria-describedby=\"e-broken-1-confirm\"" "$TRASH/body" &&
	test_grep "id=\"e-broken-1-confirm\" role=\"alert\">say that it was broken" "$TRASH/body" &&
	test_grep "name=\"note\" value=\"the case study was not approved\"" "$TRASH/body" &&
	unchanged
'
test_expect 'without a note, or a blank one: 422 by the note, in words, nothing recorded' '
	expect_status 422 "$(broken -d at=2026-11-19 -d confirm=yes)" &&
	test_grep "id=\"e-broken-1-note\" role=\"alert\">What happened is required: say what happened" "$TRASH/body" &&
	unchanged &&
	expect_status 422 "$(broken -d at=2026-11-19 -d confirm=yes --data-urlencode "note=   ")" &&
	test_grep "id=\"e-broken-1-note\" role=\"alert\">" "$TRASH/body" && unchanged &&
	candor contact show Dana >show.txt && test_no_grep "broken" show.txt
'
test_expect 'with the box ticked and a note the promise is broken, with it' '
	expect_status 303 "$(broken -d at=2026-11-19 -d confirm=yes -d "note=the case study was not approved")" &&
	candor contact show Dana >show.txt && test_grep "broken" show.txt &&
	test_grep "the case study was not approved" show.txt
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' "test $stopped -eq 0"

test_done
