#!/usr/bin/env bash
# Correcting records on the web page: every record on the buyer page has
# edit and delete links; /edit shows its fields as they are and saves them
# (a refused edit comes back with what was typed and the reason by the
# field, changing nothing); /delete says what goes with it and asks first;
# both are undone from the buyer's Changes page.  The rules are the CLI's
# `edit`, `delete` and `undo` (app/audit.h).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"
export CANDOR_NOW=2026-11-20T15:00 CANDOR_MODEL=none

candor init >/dev/null
candor account add North >/dev/null
candor contact add "Dana Reyes" --account North >/dev/null                                 # contact 1
candor promise Dana --at 2026-11-10 --due 2026-11-18 "send the case study" >/dev/null       # promise 1, event 1
candor kept 1 --at 2026-11-17 >/dev/null                                                   # event 2
candor learn Dana --kind bothering --at 2026-11-10 "month-end takes nine days" >/dev/null  # fact 1
candor value Dana --given --at 2026-11-11 "a benchmark of close times" >/dev/null 2>&1 ||
	candor value Dana given --at 2026-11-11 "a benchmark of close times" >/dev/null 2>&1

serve_start
csrf=$(curl -s "$B/buyers/1" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | cut -d\" -f4)
post() { http POST "$1" -d "csrf=$csrf" "${@:2}"; }
page() { curl -s "$B/buyers/1" >page.html; }

test_expect 'each record on the buyer page has edit and delete links' '
	page &&
	for r in promise=1 event=2 fact=1 contact=1; do
		test_grep "href=\"/edit\\?kind=${r%=*}&amp;id=${r#*=}\"" page.html &&
		test_grep "href=\"/delete\\?kind=${r%=*}&amp;id=${r#*=}\"" page.html || return 1
	done &&
	test_no_grep "href=\"/edit\\?kind=event&amp;id=1\"" page.html
'
test_expect 'the edit form shows the fields as they are, named in words' '
	expect_status 200 "$(http GET "/edit?kind=promise&id=1")" &&
	test_grep "name=\"text\" value=\"send the case study\"" "$TRASH/body" &&
	test_grep "name=\"due\" value=\"2026-11-18" "$TRASH/body" &&
	test_grep ">Due date</label>" "$TRASH/body" && test_grep ">Made on</label>" "$TRASH/body"
'
test_expect 'an edit is saved, shown, and listed in the changes' '
	expect_status 303 "$(post /edit -d kind=promise -d id=1 --data-urlencode "text=send the close case study" \
		-d at=2026-11-10 -d due=2026-11-19)" &&
	candor contact show Dana >show.txt && test_grep "send the close case study" show.txt &&
	curl -s "$B/buyers/1/changes" >changes.html &&
	test_grep "send the case study" changes.html && test_grep "send the close case study" changes.html
'
test_expect 'a refused edit comes back with what was typed, the reason by the field, nothing changed' '
	expect_status 422 "$(post /edit -d kind=promise -d id=1 -d "text=typed but refused" \
		-d at=2026-11-10 -d due=2026-11-01)" &&
	test_grep "id=\"e-due\" role=\"alert\"" "$TRASH/body" &&
	test_grep "name=\"text\" value=\"typed but refused\"" "$TRASH/body" &&
	test_grep "aria-invalid=\"true\" aria-describedby=\"e-due\"" "$TRASH/body" &&
	candor contact show Dana >show.txt && test_no_grep "typed but refused" show.txt
'
test_expect 'the date a promise was kept is corrected (kept late, then)' '
	expect_status 200 "$(http GET "/edit?kind=event&id=2")" && test_no_grep "name=\"due\"" "$TRASH/body" &&
	expect_status 303 "$(post /edit -d kind=event -d id=2 -d at=2026-11-20 -d note=)" &&
	candor status Dana --json >s.json && candor contact show Dana >show.txt &&
	test_grep "kept.late" show.txt
'
test_expect 'a delete asks first, says what goes, and is undone from the changes page' '
	expect_status 200 "$(http GET "/delete?kind=fact&id=1")" &&
	test_grep "<h1>Delete fact #1" "$TRASH/body" && test_grep "action=\"/delete\"" "$TRASH/body" &&
	candor contact show Dana >before.txt && test_grep "nine days" before.txt &&
	expect_status 303 "$(post /delete -d kind=fact -d id=1)" &&
	page && test_no_grep "id=\"fact-1\"" page.html &&
	curl -s "$B/buyers/1/changes" >changes.html &&
	batch=$(grep -o "action=\"/buyers/1/changes/[0-9]*/undo\"" changes.html | grep -o "[0-9]*/undo" | cut -d/ -f1) &&
	test -n "$batch" &&
	expect_status 303 "$(post "/buyers/1/changes/$batch/undo")" &&
	page && test_grep "id=\"fact-1\">month-end takes nine days" page.html
'
test_expect 'an unknown record or kind is said as such' '
	expect_status 404 "$(http GET "/edit?kind=promise&id=999")" &&
	expect_status 400 "$(http GET "/edit?kind=bogus&id=1")" &&
	expect_status 400 "$(http GET "/delete?kind=fact&id=x")" &&
	expect_status 404 "$(post /delete -d kind=fact -d id=999)"
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' "test $stopped -eq 0"

test_done
