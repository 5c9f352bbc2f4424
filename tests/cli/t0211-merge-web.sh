#!/usr/bin/env bash
# Merging two contacts on the web page, as `candor merge A into B` does
# (app/merge.h): the buyer page links "Merge into another contact"; /merge
# lists the contacts the user may see (the same account first, a search
# box); choosing one shows each field they hold differently with a radio;
# the POST merges (a conflict left open comes back as the same page with
# the reason, changing nothing), then the kept contact's page says "Merged
# #A into #B" with an undo button that undoes exactly that merge.  A
# seller gets for a contact they may not see the 404 of a missing one.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"
export CANDOR_NOW=2026-11-20T15:00 CANDOR_MODEL=none

candor init >/dev/null
echo password-Ann | candor user add Ann --role admin >/dev/null 2>&1
echo password-Bob | candor user add Bob --role seller >/dev/null 2>&1
echo password-Cy | candor user add Cy --role seller >/dev/null 2>&1
candor account add Northwind --owner Bob >/dev/null
candor account add Contoso --owner Bob >/dev/null
candor account add West --owner Cy >/dev/null
candor contact add "Dana Reyes" --account Northwind --role CFO >/dev/null                     # 1
candor contact add "D. Reyes" --account Northwind --email dana@northwind.example >/dev/null    # 2
candor contact add "Lee Park" --account Contoso >/dev/null                                   # 3
candor contact add "Wes West" --account West >/dev/null                                      # 4
candor contact add "L. Park" --account Contoso >/dev/null                                    # 5: 3 again
candor log 2 --at 2026-11-18 "intro call" >/dev/null
candor promise 2 --at 2026-11-18 --due 2026-12-01 "send the case study" >/dev/null
candor log 1 --at 2026-11-19 "follow-up" >/dev/null

csrf_of() { curl -s -b "$1" "$B$2" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | cut -d\" -f4; }
# post JAR PATH [curl args]: a form posted with the jar's session and its token
post() { local jar=$1 p=$2; shift 2; http POST "$p" -b "$jar" -d "csrf=$(csrf_of "$jar" /)" "$@"; }
# what a merge changes (the pages' recomputed answers aside)
state() {
	db_sql "SELECT id, account_id, name, role, email, deleted, extra FROM contacts ORDER BY id" &&
	for t in interactions commitments; do db_sql "SELECT id, contact_id FROM $t ORDER BY id"; done &&
	db_sql "SELECT count(*) FROM changes"
}

serve_start
test_expect 'sign in as Bob (seller of Northwind and Contoso) and Cy (seller of West)' '
	expect_status 303 "$(sign_in Bob password-Bob bob.jar)" &&
	expect_status 303 "$(sign_in Cy password-Cy cy.jar)"
'
test_expect 'the buyer page links the merge' '
	curl -s -b bob.jar "$B/buyers/2" >page.html &&
	test_grep "href=\"/merge\\?from=2\">Merge into another contact</a>" page.html
'
test_expect 'the candidates: the same account first, then others Bob may see; never Cy'"'"'s' '
	expect_status 200 "$(http GET "/merge?from=2" -b bob.jar)" &&
	test_grep "<h2>At Northwind</h2><ul class=\"pick\"><li><a href=\"/merge\\?from=2&amp;into=1\">Dana Reyes</a>" "$TRASH/body" &&
	test_grep "href=\"/merge\\?from=2&amp;into=3\">Lee Park</a>.*at Contoso" "$TRASH/body" &&
	test_no_grep "Wes West" "$TRASH/body" && test_no_grep "into=2\"" "$TRASH/body" &&
	test_grep "<form method=\"get\" action=\"/merge\" role=\"search\">" "$TRASH/body"
'
test_expect 'the search box narrows the list' '
	expect_status 200 "$(http GET "/merge?from=2&q=lee" -b bob.jar)" &&
	test_grep "Lee Park" "$TRASH/body" && test_no_grep "Dana Reyes</a>" "$TRASH/body" &&
	expect_status 200 "$(http GET "/merge?from=2&q=nobody-here" -b bob.jar)" &&
	test_grep "No other contact matches" "$TRASH/body"
'
test_expect 'side by side: a radio for the name (they differ), role and email stay as they are' '
	expect_status 200 "$(http GET "/merge?from=2&into=1" -b bob.jar)" &&
	test_grep "name=\"keep_name\" value=\"from\" required> D. Reyes" "$TRASH/body" &&
	test_grep "name=\"keep_name\" value=\"into\" required> Dana Reyes" "$TRASH/body" &&
	test_no_grep "keep_role|keep_email" "$TRASH/body" &&
	test_grep "CFO <span class=\"muted\">\\(stays\\)" "$TRASH/body" &&
	test_grep "dana@northwind.example <span class=\"muted\">\\(stays\\)" "$TRASH/body" &&
	test_grep "<form method=\"post\" action=\"/merge\"><input type=\"hidden\" name=\"csrf\"" "$TRASH/body"
'
test_expect 'a seller asking for a contact they may not see: the 404 of a missing one' '
	expect_status 404 "$(http GET "/merge?from=4" -b bob.jar)" && sed "s/&#39;4&#39;/N/g" "$TRASH/body" >a &&
	expect_status 404 "$(http GET "/merge?from=999" -b bob.jar)" && sed "s/&#39;999&#39;/N/g" "$TRASH/body" >b &&
	test_cmp a b &&
	expect_status 404 "$(http GET "/merge?from=2&into=4" -b bob.jar)" &&
	state >before &&
	expect_status 404 "$(post bob.jar /merge -d from=4 -d into=1 -d keep_name=into)" &&
	expect_status 404 "$(post cy.jar /merge -d from=2 -d into=1 -d keep_name=into)" &&
	state >after && test_cmp before after
'
test_expect 'refused merges come back with the reason and change nothing' '
	state >before &&
	expect_status 409 "$(post bob.jar /merge -d from=2 -d into=1)" &&
	test_grep "id=\"e-merge\" role=\"alert\">Not merged: the two differ in name: &#39;D. Reyes&#39; and &#39;Dana Reyes&#39;: say which stays. Nothing was changed" "$TRASH/body" &&
	test_no_grep "\\-\\-keep" "$TRASH/body" &&
	expect_status 409 "$(post bob.jar /merge -d from=2 -d into=3 -d keep_name=into)" &&
	test_grep "role=\"alert\">Not merged: #2 and #3 are at different accounts: move one first. Nothing" "$TRASH/body" &&
	expect_status 422 "$(post bob.jar /merge -d from=2 -d into=2)" &&
	test_grep "the same contact twice" "$TRASH/body" &&
	expect_status 403 "$(http POST /merge -b bob.jar -d from=2 -d into=1 -d keep_name=into)" &&
	state >after && test_cmp before after
'
test_expect 'merged: the kept contact'"'"'s page says so, with an undo, and holds the evidence' '
	state >before.merge &&
	expect_status 303 "$(post bob.jar /merge -d from=2 -d into=1 -d keep_name=into -D headers)" &&
	loc=$(sed -n "s/^Location: *//Ip" headers | tr -d "\r") &&
	case "$loc" in /buyers/1\?merged=[0-9]*) ;; *) echo "went to $loc" >&2; false;; esac &&
	batch=${loc##*=} &&
	test "$(db_sql "SELECT name, role, email, deleted FROM contacts WHERE id = 1")" = "Dana Reyes|CFO|dana@northwind.example|0" &&
	test "$(db_sql "SELECT CASE WHEN deleted <> 0 THEN 1 ELSE 0 END FROM contacts WHERE id = 2")" = 1 &&
	test "$(db_sql "SELECT count(*) FROM interactions WHERE contact_id = 1")" = 2 &&
	test "$(db_sql "SELECT kind FROM batches WHERE id = $batch")" = merge &&
	curl -s -b bob.jar "$B$loc" >page.html &&
	test_grep "role=\"status\"><p>Merged #2 into #1" page.html &&
	test_grep "send the case study" page.html &&
	test_grep "<form method=\"post\" action=\"/merge/undo\"><input type=\"hidden\" name=\"csrf\" value=\"[0-9a-f]+\"><input type=\"hidden\" name=\"batch\" value=\"$batch\"><button>Undo the merge</button>" page.html &&
	echo "$batch" >batch
'
test_expect 'the line is not shown for another batch or on another page' '
	batch=$(cat batch) &&
	curl -s -b bob.jar "$B/buyers/3?merged=$batch" >page.html && test_no_grep "Merged #2" page.html &&
	curl -s -b bob.jar "$B/buyers/1?merged=1" >page.html && test_no_grep "Merged #" page.html &&
	curl -s -b bob.jar "$B/buyers/1?merged=x" >page.html && test_no_grep "Merged #" page.html
'
test_expect 'undo: only with the form token, by someone who may; then everything as before' '
	batch=$(cat batch) &&
	expect_status 403 "$(http POST /merge/undo -b bob.jar -d batch=$batch)" &&
	expect_status 404 "$(post cy.jar /merge/undo -d batch=$batch)" &&
	expect_status 303 "$(post bob.jar /merge/undo -d batch=$batch -D headers)" &&
	loc=$(sed -n "s/^Location: *//Ip" headers | tr -d "\r") &&
	test "$loc" = "/buyers/2?unmerged=$batch" &&
	state | head -n -1 >after.undo && head -n -1 before.merge >before.trimmed &&
	test_cmp before.trimmed after.undo &&
	test "$(db_sql "SELECT deleted FROM contacts WHERE id = 2")" = 0 &&
	test "$(db_sql "SELECT count(*) FROM interactions WHERE contact_id = 2")" = 1 &&
	test "$(db_sql "SELECT count(*) FROM commitments WHERE contact_id = 2")" = 1 &&
	test "$(db_sql "SELECT name, email FROM contacts WHERE id = 1")" = "Dana Reyes|" &&
	curl -s -b bob.jar "$B$loc" >page.html &&
	test_grep "role=\"status\">The merge of #2 into <a href=\"/buyers/1\">#1</a> is undone" page.html &&
	expect_status 409 "$(post bob.jar /merge/undo -d batch=$batch)" &&
	expect_status 404 "$(post bob.jar /merge/undo -d batch=1)"
'
test_expect 'a merge into a contact that already holds everything says so too, and is undone' '
	expect_status 303 "$(post bob.jar /merge -d from=5 -d into=3 -d keep_name=into -D headers)" &&
	loc=$(sed -n "s/^Location: *//Ip" headers | tr -d "\r") && batch=${loc##*=} &&
	curl -s -b bob.jar "$B$loc" >page.html &&
	test_grep "Merged #5 into #3" page.html && test_grep "name=\"batch\" value=\"$batch\"" page.html &&
	expect_status 303 "$(post bob.jar /merge/undo -d batch=$batch)" &&
	test "$(db_sql "SELECT deleted FROM contacts WHERE id = 5")" = 0
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' "test $stopped -eq 0"

test_done
