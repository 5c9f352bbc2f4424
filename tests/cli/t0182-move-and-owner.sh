#!/usr/bin/env bash
# Moving a contact to another account (with everything of theirs, deleted
# records and a call's utterances too) and giving an account to another
# user: `candor edit contact ID --account NAME`, `candor edit account ID
# --owner USER`, and the same on the web's edit page (an account chosen
# among those the user may change; the owner or an admin gives an account
# away).  Both through candor_app_record_edit: in the audit trail, undone
# by `candor undo` or the web's undo.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"
export CANDOR_NOW=2026-11-20T15:00 CANDOR_MODEL=none

candor init >/dev/null
candor account add North >/dev/null                                                  # account 1
candor account add South >/dev/null                                                  # account 2
candor contact add "Dana Reyes" --account North >/dev/null                           # contact 1
candor promise Dana --at 2026-11-10 --due 2026-11-18 "send the case study" >/dev/null # promise 1, events 1
candor kept 1 --at 2026-11-17 >/dev/null                                             # event 2
candor learn Dana --kind bothering --at 2026-11-10 "month-end takes nine days" >/dev/null
candor learn Dana --kind tried --at 2026-11-10 "a spreadsheet" >/dev/null           # fact 2
candor delete fact 2 >/dev/null
candor import "$CANDOR_TOP/tests/web/fixtures/discovery-call.vtt" --with Dana --seller Ann \
	--at 2026-11-16 >/dev/null 2>&1                                                    # interaction 1

# where ACCOUNT: Dana's rows not at account ACCOUNT, in every table that holds them
elsewhere() {
	db_sql "SELECT
	  (SELECT count(*) FROM contacts WHERE id = 1 AND account_id <> $1) +
	  (SELECT count(*) FROM interactions WHERE contact_id = 1 AND account_id <> $1) +
	  (SELECT count(*) FROM signals WHERE contact_id = 1 AND account_id <> $1) +
	  (SELECT count(*) FROM proposals WHERE contact_id = 1 AND account_id <> $1) +
	  (SELECT count(*) FROM commitments WHERE contact_id = 1 AND account_id <> $1) +
	  (SELECT count(*) FROM commitment_events WHERE commitment_id = 1 AND account_id <> $1) +
	  (SELECT count(*) FROM facts WHERE contact_id = 1 AND account_id <> $1) +
	  (SELECT count(*) FROM utterances WHERE interaction_id = 1 AND account_id <> $1)"
}

test_expect 'the call was imported with its utterances (the set-up)' '
	test "$(db_sql "SELECT count(*) FROM utterances WHERE interaction_id = 1")" -gt 0 &&
	test "$(elsewhere 1)" = 0
'
test_expect 'edit contact --account moves them with everything of theirs, the deleted fact too' '
	candor edit contact Dana --account South >out && test_grep "edited contact #1" out &&
	test "$(elsewhere 2)" = 0 &&
	candor contact show Dana >show.txt && test_grep "at South" show.txt &&
	test_grep "send the case study" show.txt && test_grep "month-end takes nine days" show.txt &&
	candor show interaction 1 >talk.txt && test_grep "What made you take this call" talk.txt &&
	candor status Dana --json >status.json &&
	candor log --audit >audit.txt && test_grep "edit   contact #1: account_id: 1 -> 2" audit.txt
'
test_expect 'candor undo moves them back, utterances and all' '
	candor undo >/dev/null && test "$(elsewhere 1)" = 0 &&
	candor contact show Dana >show.txt && test_grep "at North" show.txt &&
	candor show interaction 1 >talk.txt && test_grep "What made you take this call" talk.txt
'
test_expect 'a deleted fact moves too: its deletion is undone only after the move, back at their account' '
	candor edit contact Dana --account South >/dev/null &&
	test "$(db_sql "SELECT account_id FROM facts WHERE id = 2")" = 2 &&
	batch=$(db_sql "SELECT batch_id FROM changes WHERE tbl = '"'facts'"' AND record_id = 2 AND action = '"'delete'"'") &&
	fails 5 candor undo "$batch" && test_grep "edit contact #1.*changed the same records since" err &&
	candor undo >/dev/null && candor undo "$batch" >/dev/null &&
	candor contact show Dana >show.txt && test_grep "a spreadsheet" show.txt && test_grep "at North" show.txt &&
	test "$(db_sql "SELECT account_id FROM facts WHERE id = 2")" = 1
'
test_expect 'an account that is not there, or a name taken there, is refused and changes nothing' '
	candor contact show Dana >before.txt &&
	fails 2 candor edit contact Dana --account Nowhere && test_grep "no account .Nowhere." err &&
	here=$(db_sql "SELECT a.name FROM accounts a JOIN contacts c ON c.account_id = a.id WHERE c.id = 1") &&
	there=$(test "$here" = North && echo South || echo North) &&
	candor contact add "Dana Reyes" --account "$there" >/dev/null &&
	fails 5 candor edit contact 1 --account "$there" && test_grep "already a contact .Dana Reyes." err &&
	candor delete contact 2 >/dev/null
'
test_expect 'edit account --owner: with no users any name; the trail and undo have it' '
	candor edit account North --owner "Pat Doe" >/dev/null &&
	candor account list >accounts && test_grep "North +Pat Doe" accounts &&
	candor undo >/dev/null && candor account list >accounts && test_no_grep "North +Pat Doe" accounts
'

echo password-Meg-1 | candor user add Meg --role admin >/dev/null 2>&1
echo password-Ann-1 | candor user add Ann --role seller >/dev/null 2>&1
echo password-Bob-1 | candor user add Bob --role seller >/dev/null 2>&1
candor edit account North --owner Ann >/dev/null
candor edit account South --owner Ann >/dev/null
candor account add West --owner Bob >/dev/null                                     # account 3

test_expect 'with users, the owner must be one of them' '
	fails 2 candor edit account North --owner Zed && test_grep "no user .Zed." err &&
	candor account list >accounts && test_grep "North +Ann" accounts
'

serve_start
jar_meg=$TRASH/meg.jar jar_ann=$TRASH/ann.jar
expect_status 303 "$(sign_in Meg password-Meg-1 "$jar_meg")" >/dev/null
expect_status 303 "$(sign_in Ann password-Ann-1 "$jar_ann")" >/dev/null
csrf_of() { curl -s -b "$1" "$B/" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | cut -d\" -f4; }
edit() { local jar=$1; shift; http POST /edit -b "$jar" -d "csrf=$(csrf_of "$jar")" "$@"; }
dana_at() { db_sql "SELECT account_id FROM contacts WHERE id = 1"; }

test_expect 'the web edit page of a contact chooses among the accounts the user may change' '
	expect_status 200 "$(http GET "/edit?kind=contact&id=1" -b "$jar_ann")" &&
	test_grep "<label for=\"f-account\">Account" "$TRASH/body" &&
	test_grep "<select id=\"f-account\" name=\"account\">" "$TRASH/body" &&
	test_grep "<option value=\"$(dana_at)\" selected>" "$TRASH/body" &&
	test_grep ">South</option>" "$TRASH/body" && test_grep ">North</option>" "$TRASH/body" &&
	test_no_grep ">West</option>" "$TRASH/body"
'
test_expect 'a seller moves her buyer to her other account on the web, and undoes it from the buyer page' '
	from=$(dana_at) && to=$(test "$from" = 1 && echo 2 || echo 1) &&
	expect_status 303 "$(edit "$jar_ann" -d kind=contact -d id=1 --data-urlencode "name=Dana Reyes" \
		-d role= -d email= -d account="$to")" &&
	test "$(dana_at)" = "$to" && test "$(elsewhere "$to")" = 0 &&
	curl -s -b "$jar_ann" "$B/buyers/1" >page.html &&
	test_grep "Ann</strong> changed the buyer &#39;Dana Reyes&#39;: the account &#39;[A-Za-z]*&#39; -&gt; &#39;[A-Za-z]*&#39;, " page.html &&
	batch=$(db_sql "SELECT max(id) FROM batches") &&
	test_grep "action=\"/buyers/1/changes/$batch/undo\"" page.html &&
	expect_status 303 "$(http POST "/buyers/1/changes/$batch/undo" -b "$jar_ann" -d "csrf=$(csrf_of "$jar_ann")" -d to=buyer)" &&
	test "$(dana_at)" = "$from" && test "$(elsewhere "$from")" = 0
'
test_expect 'an account she may not change is refused by the field, nothing changed' '
	t=$(csrf_of "$jar_ann") && db_dump >before.dump &&  # the board keeps its answers: first
	expect_status 422 "$(http POST /edit -b "$jar_ann" -d "csrf=$t" -d kind=contact -d id=1 \
		--data-urlencode "name=Dana Reyes" -d role= -d email= -d account=3)" &&
	test_grep "id=\"e-account\" role=\"alert\"" "$TRASH/body" &&
	test_grep "no account &#39;3&#39; that you may change" "$TRASH/body" &&
	db_dump >after.dump && test_cmp before.dump after.dump
'
test_expect 'the owner gives her account to another user on the web; then it is no longer hers' '
	curl -s -b "$jar_ann" "$B/buyers/1" >page.html &&
	test_grep "<a href=\"/edit\?kind=account&amp;id=1\">the account North: its name, note and owner</a>" page.html &&
	expect_status 200 "$(http GET "/edit?kind=account&id=1" -b "$jar_ann")" &&
	test_grep "name=\"owner\" value=\"Ann\"" "$TRASH/body" &&
	expect_status 303 "$(edit "$jar_ann" -d kind=account -d id=1 -d name=North -d note= -d owner=Bob)" &&
	candor account list >accounts && test_grep "North +Bob" accounts &&
	expect_status 404 "$(http GET "/edit?kind=account&id=1" -b "$jar_ann")"
'
test_expect 'a seller cannot give away an account that is not hers; an admin can' '
	expect_status 404 "$(edit "$jar_ann" -d kind=account -d id=3 -d name=West -d note= -d owner=Ann)" &&
	candor account list >accounts && test_grep "West +Bob" accounts &&
	expect_status 422 "$(edit "$jar_meg" -d kind=account -d id=3 -d name=West -d note= -d owner=Zed)" &&
	test_grep "id=\"e-owner\" role=\"alert\"" "$TRASH/body" &&
	expect_status 303 "$(edit "$jar_meg" -d kind=account -d id=3 -d name=West -d note= -d owner=Ann)" &&
	candor account list >accounts && test_grep "West +Ann" accounts
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' "test $stopped -eq 0"

test_done
