#!/usr/bin/env bash
# PATCH and DELETE in the JSON API for contacts, promises and expectations:
# the same use cases as the web's edit and delete pages and `candor edit`
# / `candor delete` (app/audit.h): every field checked as when it was
# added, a refusal naming its field and changing nothing, a record the
# user may not change a 404 as if missing, each change a batch that
# POST /api/v1/batches/ID/undo takes back.  DELETE asks ?confirm=true.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"
export CANDOR_NOW=2026-11-20T15:00 CANDOR_MODEL=none

candor init >/dev/null
echo password-Ann-1 | candor user add Ann --role seller >/dev/null 2>&1
echo password-Bob-1 | candor user add Bob --role seller >/dev/null 2>&1
candor account add North --owner Ann >/dev/null                                       # account 1
candor account add South --owner Ann >/dev/null                                       # account 2
candor account add West --owner Bob >/dev/null                                        # account 3
candor contact add "Dana Reyes" --account North >/dev/null                            # contact 1
candor contact add "Lee Chen" --account West >/dev/null                               # contact 2
candor promise Dana --at 2026-11-10 --due 2026-11-18 "send the case study" >/dev/null # promise 1
candor expect Dana --at 2026-11-10 --by 2026-11-19 "intro to the CFO" >/dev/null     # expectation 1
candor learn Dana --kind bothering --at 2026-11-10 "month-end takes nine days" >/dev/null
ANN=$(candor user token Ann 2>/dev/null | tail -1)
BOB=$(candor user token Bob 2>/dev/null | tail -1)

serve_start
jq_() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$TRASH/body" "$1"; }
unchanged() { db_dump >after.dump && test_cmp before.dump after.dump; }

test_expect 'PATCH a promise: the fields change, in one batch of the trail' '
	expect_status 200 "$(api "$ANN" PATCH /api/v1/commitments/1 "{\"text\":\"send the close case study\",\"due\":\"2026-11-21\"}")" &&
	test "$(jq_ "d[\"changed\"]")" = True && batch=$(jq_ "d[\"batch\"]") && test "$batch" -gt 0 &&
	candor contact show Dana >show.txt && test_grep "send the close case study" show.txt &&
	test_grep "due 2026-11-21" show.txt &&
	candor log --audit >audit.txt && test_grep "batch $batch .*Ann" audit.txt
'
test_expect 'the same values again change nothing and make no batch' '
	n=$(db_sql "SELECT count(*) FROM batches") &&
	expect_status 200 "$(api "$ANN" PATCH /api/v1/commitments/1 "{\"text\":\"send the close case study\"}")" &&
	test "$(jq_ "d[\"changed\"]")" = False && test "$(db_sql "SELECT count(*) FROM batches")" = "$n"
'
test_expect 'a refused PATCH names its field and changes nothing' '
	db_dump >before.dump &&
	expect_status 422 "$(api "$ANN" PATCH /api/v1/commitments/1 "{\"due\":\"2026-11-01\"}")" &&
	test "$(jq_ "d[\"field\"]")" = due && unchanged &&
	expect_status 422 "$(api "$ANN" PATCH /api/v1/commitments/1 "{\"colour\":\"red\"}")" &&
	test "$(jq_ "d[\"field\"]")" = colour && unchanged &&
	expect_status 422 "$(api "$ANN" PATCH /api/v1/expectations/1 "{}")" && unchanged &&
	expect_status 422 "$(api "$ANN" PATCH /api/v1/expectations/1 "{\"text\":[1]}")" && unchanged &&
	expect_status 415 "$(http PATCH /api/v1/expectations/1 -H "Authorization: Bearer $ANN" -d "text=x")" && unchanged
'
test_expect 'PATCH an expectation and a contact (moved to her other account, by name)' '
	expect_status 200 "$(api "$ANN" PATCH /api/v1/expectations/1 "{\"by\":\"2026-11-26\"}")" &&
	candor contact show Dana >show.txt && test_grep "2026-11-26" show.txt &&
	expect_status 200 "$(api "$ANN" PATCH /api/v1/contacts/1 "{\"role\":\"CFO\",\"account\":\"South\"}")" &&
	candor contact show Dana >show.txt && test_grep "at South" show.txt && test_grep "CFO" show.txt
'
test_expect 'another seller'"'"'s records are 404 as if missing, and change nothing' '
	db_dump >before.dump &&
	expect_status 404 "$(api "$BOB" PATCH /api/v1/commitments/1 "{\"text\":\"x\"}")" &&
	expect_status 404 "$(api "$BOB" PATCH /api/v1/commitments/99 "{\"text\":\"x\"}")" &&
	expect_status 404 "$(api "$BOB" PATCH /api/v1/contacts/1 "{\"role\":\"x\"}")" &&
	expect_status 404 "$(api "$BOB" DELETE "/api/v1/expectations/1?confirm=true")" &&
	expect_status 422 "$(api "$ANN" PATCH /api/v1/contacts/1 "{\"account\":\"West\"}")" &&
	test "$(jq_ "d[\"field\"]")" = account && unchanged
'
test_expect 'DELETE asks ?confirm=true, then deletes with what goes along; undo brings it back' '
	db_dump >before.dump &&
	expect_status 422 "$(api "$ANN" DELETE /api/v1/contacts/1)" && test "$(jq_ "d[\"field\"]")" = confirm &&
	unchanged &&
	expect_status 200 "$(api "$ANN" DELETE "/api/v1/contacts/1?confirm=true")" &&
	test "$(jq_ "d[\"with\"][\"promises\"]")" = 1 && test "$(jq_ "d[\"with\"][\"facts\"]")" = 1 &&
	batch=$(jq_ "d[\"batch\"]") &&
	expect_status 404 "$(api "$ANN" GET /api/v1/contacts/1)" &&
	expect_status 200 "$(api "$ANN" POST "/api/v1/batches/$batch/undo" "{\"confirm\":true}")" &&
	expect_status 200 "$(api "$ANN" GET /api/v1/contacts/1)" &&
	expect_status 200 "$(api "$ANN" DELETE "/api/v1/commitments/1?confirm=true")" &&
	candor contact show Dana >show.txt && test_no_grep "case study" show.txt &&
	expect_status 200 "$(api "$ANN" DELETE "/api/v1/expectations/1?confirm=true")" &&
	candor contact show Dana >show.txt && test_no_grep "intro to the CFO" show.txt
'
test_expect 'a signed-in browser session needs its CSRF token for PATCH and DELETE too' '
	expect_status 303 "$(sign_in Ann password-Ann-1 jar)" &&
	expect_status 403 "$(http PATCH /api/v1/contacts/1 -b jar -H "Content-Type: application/json" -d "{\"role\":\"x\"}")" &&
	test "$(jq_ "d[\"field\"]")" = csrf &&
	expect_status 403 "$(http DELETE "/api/v1/contacts/1?confirm=true" -b jar)" &&
	test "$(jq_ "d[\"field\"]")" = csrf &&
	candor contact show Dana >show.txt && test_grep "at South" show.txt && test_no_grep "^.*role.*x$" show.txt &&
	t=$(curl -s -b jar "$B/" | grep -o "name=\"csrf\" value=\"[0-9a-f]*\"" | head -1 | cut -d\" -f4) &&
	expect_status 200 "$(http PATCH /api/v1/contacts/1 -b jar -H "X-CSRF-Token: $t" -H "Content-Type: application/json" -d "{\"role\":\"VP\"}")" &&
	candor contact show Dana >show.txt && test_grep "VP" show.txt
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' "test $stopped -eq 0"

test_done
