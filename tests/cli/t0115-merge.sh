#!/usr/bin/env bash
# t0115: `candor merge CONTACT into CONTACT` moves all the evidence, never
# picks a conflicting field silently (--keep), is one batch, and `candor
# undo merge BATCH` puts everything back as it was.
. "$CANDOR_TOP/tests/cli/lib.sh"

test_expect 'setup: one person twice (an import and a hand-made record)' '
	candor init >/dev/null &&
	candor account add Northwind >/dev/null && candor account add Contoso >/dev/null &&
	candor contact add "Dana Reyes" --account Northwind --role CFO >/dev/null &&
	printf "Name,Email,Company,Phone\nD. Reyes,dana@northwind.example,Northwind,+1 555\n" >crm.csv &&
	candor import contacts crm.csv >/dev/null &&
	candor contact add "Lee Park" --account Contoso >/dev/null &&
	candor log 2 --at 2026-11-20 "intro call" >/dev/null &&
	candor promise 2 --at 2026-11-20 --due 2026-12-01 "send the case study" >/dev/null &&
	candor expect 2 --at 2026-11-20 --by 2026-12-15 "a pilot by mid-December" >/dev/null &&
	candor learn 2 --kind hoped --at 2026-11-20 "close in five days" >/dev/null &&
	candor fit 2 --verdict good --at 2026-11-20 "their volume suits us" >/dev/null &&
	candor log 1 --at 2026-11-21 "follow-up" >/dev/null
'

test_expect 'a field both have, differently, is refused with the field named; nothing changes' '
	fails 5 candor merge 2 into 1 &&
	test_grep "differ in name: .D. Reyes. and .Dana Reyes.: say which stays \\(--keep name=from or --keep name=into\\)" err
'

test_expect 'different accounts, the same contact twice, bad --keep: refused' '
	fails 5 candor merge 3 into 1 && test_grep "different accounts" err &&
	fails 2 candor merge 1 into 1 && test_grep "the same contact twice" err &&
	usage_fails candor merge 2 into 1 --keep name=mine &&
	usage_fails candor merge 2 1 &&
	fails 3 candor merge 2 into Nobody
'

test_expect 'merged: the evidence moves, fields only one had are kept, extra fields too' '
	db_dump >before.merge &&
	candor merge 2 into 1 --keep name=into >out &&
	test_grep "merged #2 .D. Reyes. into #1 .Dana Reyes.: 5 records moved, as batch [0-9]+ \(take it back with .candor undo merge [0-9]+.\)" out &&
	batch=$(sed -n "s/.*as batch \([0-9]*\).*/\1/p" out) && echo "$batch" >batch &&
	test "$(db_sql "SELECT name, role, email, deleted FROM contacts WHERE id = 1")" = "Dana Reyes|CFO|dana@northwind.example|0" &&
	test "$(db_sql "SELECT deleted FROM contacts WHERE id = 2")" = "$batch" &&
	for t in interactions commitments expectations facts fits; do
		test "$(db_sql "SELECT count(*) FROM $t WHERE contact_id = 2")" = 0 || return 1
	done &&
	test "$(db_sql "SELECT count(*) FROM interactions WHERE contact_id = 1")" = 2 &&
	test "$(db_sql "SELECT extra FROM contacts WHERE id = 1")" = "{\"Phone\":\"+1 555\"}" &&
	candor contact show 1 >show && test_grep "send the case study" show && test_grep "close in five days" show &&
	candor contact list >list && test_no_grep "D. Reyes" list &&
	candor log --audit >audit && test_grep "merge contact #2 .D. Reyes. into #1 .Dana Reyes." audit
'

test_expect 'undo merge BATCH puts every row back as it was' '
	candor undo merge "$(cat batch)" >out &&
	test_grep "undid batch" out &&
	db_sql "SELECT id, name, role, email, deleted, extra FROM contacts ORDER BY id" >now &&
	test "$(db_sql "SELECT count(*) FROM interactions WHERE contact_id = 2")" = 1 &&
	test "$(db_sql "SELECT count(*) FROM commitments WHERE contact_id = 2")" = 1 &&
	test "$(db_sql "SELECT role, email, deleted, extra FROM contacts WHERE id = 1")" = "CFO||0|{}" &&
	test "$(db_sql "SELECT name, deleted FROM contacts WHERE id = 2")" = "D. Reyes|0" &&
	candor contact show 2 >show && test_grep "send the case study" show
'

test_expect '--keep from takes the first one'\''s value' '
	candor merge "D. Reyes" into "Dana Reyes" --keep name=from --json >j &&
	test "$(jget j into)" = 1 && test "$(jget j moved)" = 5 &&
	test "$(db_sql "SELECT name FROM contacts WHERE id = 1")" = "D. Reyes"
'

test_done
