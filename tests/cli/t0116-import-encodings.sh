#!/usr/bin/env bash
# t0116: CRM exports and vCards saved in a legacy encoding (Excel's "CSV
# (Comma delimited)" on Windows writes Windows-1252) are read by the rule
# transcripts use (formats/encoding.h), and the import says what it read
# them as, dry run or not; bytes that leave the encoding open are refused
# naming the file, the line and the byte, and nothing is imported.  A
# vCard property's CHARSET wins over the file's guess.
. "$CANDOR_TOP/tests/cli/lib.sh"
CRM="$CANDOR_TOP/tests/data/crm"

test_expect 'setup' '
	candor init >/dev/null
'

test_expect 'HubSpot in Windows-1252, dry run: é ü € and curly quotes read right, and it says so' '
	db_dump >before &&
	candor import contacts "$CRM/hubspot-cp1252.csv" --dry-run >out 2>err &&
	db_dump >after && test_cmp before after &&
	test_grep "note: .hubspot-cp1252.csv.: read as Windows-1252 \(not UTF-8\)" err &&
	test_grep "^hubspot-cp1252.csv:2: create +René Lefèvre <rene.lefevre@brasserie.example> at Brasserie Étoile" out &&
	test_grep "^hubspot-cp1252.csv:3: create +Jürgen Weiß" out &&
	test_grep "read as HubSpot\): 3 to create" out &&
	candor import contacts "$CRM/hubspot-cp1252.csv" --dry-run --json >j 2>/dev/null &&
	test "$(jget j encoding)" = Windows-1252 &&
	test "$(jget j rows.1.role)" = "Einkäufer – IT" &&
	test "$(jget j rows.2.name)" = "Chloë Brontë" && test "$(jget j rows.2.account)" = "Dunmore Café"
'

test_expect 'then imported: the same note, and the text stored as UTF-8' '
	candor import contacts "$CRM/hubspot-cp1252.csv" >out 2>err &&
	test_grep "read as Windows-1252 \(not UTF-8\)" err &&
	test_grep "3 create, 0 update" out &&
	test "$(db_sql "SELECT name FROM contacts ORDER BY id")" = "$(printf "%s\n" "René Lefèvre" "Jürgen Weiß" "Chloë Brontë")" &&
	test "$(db_sql "SELECT role FROM contacts ORDER BY id")" = "$(printf "%s\n" "Directeur général" "Einkäufer – IT" "Head of Ops")" &&
	test "$(db_sql "SELECT count(*) FROM contacts WHERE extra LIKE '"'%12.000 €; wants a “pilot” first%'"'")" = 1 &&
	candor import contacts "$CRM/hubspot-cp1252.csv" >out 2>err &&
	test_grep "0 create, 0 update, 3 unchanged" out
'

test_expect 'Outlook in Latin-1: read as Latin-1' '
	candor import contacts "$CRM/outlook-latin1.csv" --dry-run --json >j 2>err &&
	test_grep "read as Latin-1 \(not UTF-8\)" err &&
	test "$(jget j encoding)" = Latin-1 &&
	test "$(jget j rows.0.name)" = "Begoña Muñoz" && test "$(jget j rows.0.account)" = "Señorío Vinos" &&
	test "$(jget j rows.1.name)" = "Sören Ångström" && test "$(jget j rows.1.extra.Notes 2>/dev/null || jget j rows.1.extra.Title)" != ""
'

test_expect 'ambiguous bytes: refused with file, line and byte, nothing imported (dry run too)' '
	db_dump >before &&
	fails 2 candor import contacts "$CRM/bad-encoding.csv" &&
	test_grep "bad-encoding.csv. line 3: cannot tell the file.s encoding: byte 0x81" err &&
	fails 2 candor import contacts "$CRM/bad-encoding.csv" --dry-run &&
	test_grep "bad-encoding.csv. line 3: cannot tell the file.s encoding: byte 0x81" err &&
	db_dump >after && test_cmp before after
'

test_expect 'a UTF-8 file says nothing about its encoding' '
	candor import contacts "$CRM/hubspot-contacts.csv" --dry-run --json >j 2>err &&
	test_no_grep "read as" err && test "$(jget j encoding)" = UTF-8
'

test_expect 'Outlook vCard 2.1 in Windows-1252: the file guessed, a CHARSET=UTF-8 property as it says' '
	candor import contacts "$CRM/outlook-cp1252.vcf" --dry-run --json >j 2>err &&
	test_grep "outlook-cp1252.vcf.: read as Windows-1252 \(not UTF-8\)" err &&
	test "$(jget j rows.0.name)" = "René Lefèvre" && test "$(jget j rows.0.account)" = "Brasserie Étoile" &&
	test "$(jget j rows.0.role)" = "Directeur – général" &&
	test "$(jget j rows.0.extra.NOTE)" = "Met in Zürich, “warm” lead" &&
	test "$(jget j rows.0.extra.ADR)" = "12 Rue de l’Église, Paris, 75004, France"
'

test_done
