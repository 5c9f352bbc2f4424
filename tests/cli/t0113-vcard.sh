#!/usr/bin/env bash
# t0113: `candor import contacts FILE.vcf` reads vCard 2.1, 3.0 and 4.0 as
# Google, Apple, Android and Outlook export them (tests/data/crm/*.vcf),
# through the same plan as a CSV file; `export --format vcf` writes vCard
# 3.0 that reads back as the same contacts.
. "$CANDOR_TOP/tests/cli/lib.sh"
CRM="$CANDOR_TOP/tests/data/crm"

# Debian's Python, where python3-vobject is (install-deps): not a pyenv one
debpy() { /usr/bin/python3 "$@"; }

# row FILE N KEY: field KEY of row N of the JSON plan in FILE
row() { jget "$1" "rows.$2.$3"; }

test_expect 'setup' '
	candor init >/dev/null
'

test_expect 'Google (3.0): escapes, item groups, a second email and the note kept as extra' '
	candor import contacts "$CRM/google.vcf" --dry-run --json >j &&
	test "$(jget j read_as)" = "vCard 3.0" &&
	test "$(row j 0 name)" = "Dana Reyes" && test "$(row j 0 email)" = dana.reyes@northwind.example &&
	test "$(row j 0 account)" = "Northwind Traders" && test "$(row j 0 role)" = CFO &&
	test "$(row j 0 extra."EMAIL 2")" = dana@home.example &&
	test "$(row j 0 extra.NOTE)" = "$(printf "Met at the logistics fair, Seattle; wants a pilot\nsecond line \\\\ done")" &&
	test "$(row j 0 extra.PHOTO 2>/dev/null)" = "" &&
	test "$(row j 1 line)" = 14 && test "$(row j 1 name)" = "Zoë Ångström" &&
	test "$(row j 1 account)" = "Adatum, Inc." &&
	test "$(row j 1 role)" = "Lead engineer for the long-running platform migration project with many stakeholders"
'

test_expect 'Apple (3.0): a folded base64 photo ignored, item1.EMAIL, an address' '
	candor import contacts "$CRM/apple.vcf" --dry-run --json >j &&
	test "$(row j 0 name)" = "Chidi Okafor" && test "$(row j 0 email)" = chidi@tailspin.example &&
	test "$(row j 0 role)" = "Director, Purchasing" && test "$(row j 0 account)" = "Tailspin Toys" &&
	test "$(row j 0 extra)" = "{\"ADR\": \"1 Main St, Springfield, IL, 62701, USA\"}"
'

test_expect 'Android (2.1): quoted-printable UTF-8 with soft line breaks, a photo ignored' '
	candor import contacts "$CRM/android.vcf" --dry-run --json >j &&
	test "$(jget j read_as)" = "vCard 2.1" &&
	test "$(row j 0 name)" = "Jörg Müller-Lüdenscheidt" && test "$(row j 0 account)" = "Müller Söhne" &&
	test "$(row j 0 extra)" = "{\"TEL\": \"+49 170 5555\"}"
'

test_expect 'Outlook (2.1): CHARSET=Windows-1252 quoted-printable' '
	candor import contacts "$CRM/outlook.vcf" --dry-run --json >j &&
	test "$(row j 0 role)" = "Chief Medical Officer – Café" &&
	test "$(row j 0 email)" = felix.braun@wwi.example
'

test_expect 'vCard 4.0: quoted parameters, a tel: URI, a data: photo ignored' '
	candor import contacts "$CRM/v4.vcf" --dry-run --json >j &&
	test "$(jget j read_as)" = "vCard 4.0" && test "$(row j 0 account)" = "Contoso, Ltd." &&
	test "$(row j 0 extra.TEL)" = tel:+91-20-5555
'

test_expect 'imported, then again: unchanged' '
	for f in google apple android outlook v4; do candor import contacts "$CRM/$f.vcf" >/dev/null || return 1; done &&
	test "$(db_sql "SELECT count(*) FROM contacts")" = 6 &&
	db_dump >before &&
	candor import contacts "$CRM/google.vcf" >out &&
	db_dump >after && test_cmp before after && test_grep "0 create, 0 update, 2 unchanged" out
'

test_expect 'bad vCards: file and line, nothing imported' '
	fails 2 candor import contacts "$CRM/bad-noend.vcf" &&
	test_grep "bad-noend.vcf:1: this vCard has no END:VCARD" err &&
	fails 2 candor import contacts "$CRM/bad-qp.vcf" &&
	test_grep "bad-qp.vcf:3: a quoted-printable value" err &&
	printf "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nno colon here\r\nEND:VCARD\r\n" >nocolon.vcf &&
	fails 2 candor import contacts nocolon.vcf && test_grep "nocolon.vcf:4: not a vCard line" err &&
	printf "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=KLINGON:Ann\r\nEND:VCARD\r\n" >cs.vcf &&
	fails 2 candor import contacts cs.vcf && test_grep "cs.vcf:3: CHARSET=KLINGON" err &&
	printf "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nEMAIL:x@y.example\r\nORG:X\r\nEND:VCARD\r\n" >noname.vcf &&
	fails 2 candor import contacts noname.vcf && test_grep "noname.vcf:1: FN: the row has no name" err &&
	fails 2 candor import accounts "$CRM/google.vcf" && test_grep "holds vCards" err
'

test_expect 'export --format vcf: vCard 3.0 that reads back as the same contacts' '
	candor export --format vcf --out all.vcf &&
	test_grep "^BEGIN:VCARD.$" all.vcf && test_grep "^VERSION:3.0.$" all.vcf &&
	test_grep "^ORG:Adatum\\\\, Inc\\..$" all.vcf &&
	test "$(grep -c "^BEGIN:VCARD" all.vcf)" = 6 &&
	debpy -c "
import vobject, sys
cards = list(vobject.readComponents(open(\"all.vcf\").read()))
names = sorted(c.fn.value for c in cards)
assert names == sorted([\"Dana Reyes\", \"Zoë Ångström\", \"Chidi Okafor\", \"Jörg Müller-Lüdenscheidt\", \"Felix Braun\", \"Priya Natarajan\"]), names
z = next(c for c in cards if c.fn.value == \"Zoë Ångström\")
assert z.org.value == [\"Adatum, Inc.\"], z.org.value
assert z.n.value.family == \"Ångström\" and z.n.value.given == \"Zoë\"
assert z.email.value == \"zoe@adatum.example\"
" &&
	db_dump >before &&
	candor import contacts all.vcf >out &&
	db_dump >after && test_cmp before after && test_grep "0 create, 0 update, 6 unchanged" out
'

test_done
