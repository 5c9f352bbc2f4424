#!/usr/bin/env bash
# t0181: the audit trail: who changed what and when (log --audit, export),
# a file imported twice refused, an import undone whole, and deleted
# records in no list, page, search, export table or API answer.
. "$CANDOR_TOP/tests/cli/lib.sh"
. "$CANDOR_TOP/tests/cli/web-lib.sh"
DATA="$CANDOR_TOP/tests/data/cli"

test_expect 'setup: a buyer' '
	candor init >/dev/null &&
	candor account add Northwind >/dev/null &&
	candor contact add "Dana Reyes" --account Northwind --email dana@northwind.example >/dev/null &&
	candor contact add "Lee Park" --account Northwind >/dev/null
'

test_expect 'a file imported twice is refused, naming the interaction; --again imports it' '
	candor import "$DATA/discovery-call.vtt" --with Dana --at 2026-11-16 >id 2>/dev/null &&
	fails 5 candor import "$DATA/discovery-call.vtt" --with Dana --at 2026-11-18 &&
	test_grep "already imported as interaction $(cat id) \(Dana Reyes, 2026-11-16\)" err &&
	test_grep "[-]-again" err &&
	cp "$DATA/discovery-call.vtt" renamed.vtt &&
	fails 5 candor import renamed.vtt --with Lee --at 2026-11-18 &&
	candor import "$DATA/discovery-call.vtt" --with Dana --at 2026-11-18 --again >id2 2>/dev/null &&
	test "$(cat id2)" -gt "$(cat id)"
'

test_expect 'the import is a batch of kind import, with what and who; undo import takes it all back' '
	candor log --audit --json --limit 1 >l.json &&
	test "$(jget l.json 0.kind)" = import &&
	test "$(jget l.json 0.by)" = "Sam Seller" &&
	test_grep "import discovery-call.vtt with Dana Reyes" l.json &&
	batch=$(jget l.json 0.id) &&
	test "$(jget l.json 0.changes.0.action)" = add &&
	candor undo import "$batch" >out &&
	test_grep "undid batch $batch \(import: import discovery-call.vtt" out &&
	fails 3 candor show interaction "$(cat id2)" &&
	candor contact show Dana >show && test_grep "#$(cat id) " show
'

test_expect 'a deleted interaction frees its file for import again' '
	candor delete interaction "$(cat id)" --yes >out &&
	test_grep "deleted interaction #$(cat id)" out && test_grep "signals" out &&
	candor import "$DATA/discovery-call.vtt" --with Dana --at 2026-11-16 >id3 2>/dev/null &&
	test "$(cat id3)" -gt "$(cat id2)"
'

test_expect 'log --audit: newest first, who, when, what, each change old -> new' '
	candor edit contact Dana --role CFO >/dev/null &&
	candor log --audit Dana >log &&
	head -1 log >first && test_grep "^batch [0-9]+  2026-11-25T09:00  Sam Seller  command: edit contact #1" first &&
	test_grep "edit +contact #1: role: .. -> .CFO." log &&
	candor log --audit --account Northwind --limit 2 >log2 &&
	test "$(grep -c "^batch" log2)" = 2 &&
	candor log --audit --limit 0 >all && test_grep "command: account .Northwind." all &&
	test_grep "command: contact .Lee Park." all &&
	fails 3 candor log --audit Nobody
'

test_expect 'export json carries the audit trail; deleted rows are left out of the tables' '
	candor delete contact Lee >/dev/null &&
	candor export --format json --out e.json &&
	python3 -c "
import json, sys
d = json.load(open(\"e.json\"))
assert d[\"audit\"][0][\"what\"] == \"account \x27Northwind\x27\", d[\"audit\"][0]
kinds = {b[\"kind\"] for b in d[\"audit\"]}
assert {\"command\", \"import\", \"undo\"} <= kinds, kinds
text = json.dumps({k: v for k, v in d.items() if k != \"audit\"})
assert \"Lee Park\" not in text
" &&
	candor export --format csv --table contacts >c.csv && test_no_grep "Lee Park" c.csv
'

test_expect 'a deleted contact is in no list, search, pipeline or find' '
	candor contact list >l && test_no_grep "Lee" l &&
	candor pipeline >p && test_no_grep "Lee" p &&
	fails 3 candor contact show Lee &&
	fails 3 candor status 2 &&
	candor contact add "Lee Park" --account Northwind >newid &&
	test "$(cat newid)" -gt 2 &&
	fails 5 candor undo "$(db_sql "SELECT max(id) FROM batches WHERE what LIKE '\''delete contact%'\''")" &&
	test_grep "would bring back contact #2 .Lee Park., and there is already a contact .Lee Park." err
'

serve_start
test_expect 'web: the API leaves deleted rows out; a write through it is a batch of kind api' '
	expect_status 200 "$(http GET /api/v1/contacts)" &&
	test_no_grep "\"id\": *2[,}]" "$TRASH/body" &&
	expect_status 404 "$(http GET /api/v1/contacts/2)" &&
	expect_status 200 "$(http GET "/?q=Lee")" &&
	expect_status 201 "$(http POST /api/v1/facts -H "Content-Type: application/json" \
		-d "{\"contact\":1,\"kind\":\"hoped\",\"text\":\"close the books faster\"}")" &&
	expect_status 200 "$(http GET "/api/v1/contacts/1/changes?limit=1")" && cp "$TRASH/body" ch.json &&
	test "$(jget ch.json batches.#)" = 1 &&
	test "$(jget ch.json batches.0.kind)" = api &&
	test "$(jget ch.json batches.0.changes.0.after.text)" = "close the books faster" &&
	batch=$(jget ch.json batches.0.id) &&
	expect_status 404 "$(http GET /api/v1/contacts/2/changes)" &&
	expect_status 422 "$(http POST /api/v1/batches/$batch/undo -H "Content-Type: application/json" -d "{}")" &&
	expect_status 200 "$(http POST /api/v1/batches/$batch/undo -H "Content-Type: application/json" \
		-d "{\"confirm\":true}")" && test "$(jget "$TRASH/body" undone)" = "$batch" &&
	expect_status 409 "$(http POST /api/v1/batches/$batch/undo -H "Content-Type: application/json" \
		-d "{\"confirm\":true}")" && test_grep "already undone" "$TRASH/body" &&
	expect_status 404 "$(http POST /api/v1/batches/9999/undo -H "Content-Type: application/json" \
		-d "{\"confirm\":true}")" &&
	expect_status 200 "$(http GET /api/v1/contacts/1)" && test_no_grep "close the books faster" "$TRASH/body"
'
test_expect 'web: the buyer page links its changes; the changes page shows them, with an Undo' '
	expect_status 200 "$(http GET /buyers/1)" && test_grep "href=\"/buyers/1/changes\"" "$TRASH/body" &&
	expect_status 200 "$(http GET /buyers/1/changes)" && cp "$TRASH/body" page.html &&
	test_grep "<h1>Changes: Dana Reyes</h1>" page.html &&
	test_grep "changed the buyer &#39;Dana Reyes&#39;: the role none -&gt; &#39;CFO&#39;" page.html &&
	test_grep "action=\"/buyers/1/changes/[0-9]+/undo\"" page.html &&
	expect_status 404 "$(http GET /buyers/2/changes)" &&
	last=$(grep -o "/buyers/1/changes/[0-9]*/undo" page.html | head -1 | cut -d/ -f5) &&
	expect_status 403 "$(http POST /buyers/1/changes/$last/undo)" &&
	csrf=$(grep -o "name=\"csrf\" value=\"[0-9a-f]*\"" page.html | head -1 | cut -d\" -f4) &&
	expect_status 303 "$(http POST /buyers/1/changes/$last/undo -d csrf=$csrf)" &&
	expect_status 200 "$(http GET "/buyers/1/changes?undone=$last")" &&
	test_grep "Undone: <strong>" "$TRASH/body" &&
	expect_status 409 "$(http POST /buyers/1/changes/$last/undo -d csrf=$csrf)"
'
serve_stop
test_expect 'the API write, its undo and the undo of that from the page are in the audit trail' '
	candor log --audit --limit 3 >log &&
	test_grep "api: fact .close the books faster. about Dana Reyes" log && test_grep "add +fact #" log &&
	test_grep "undo: undo batch [0-9]+ \(fact .close" log &&
	test_grep "undo: undo batch [0-9]+ \(undo batch" log
'

test_done
