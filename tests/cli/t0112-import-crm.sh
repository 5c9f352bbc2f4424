#!/usr/bin/env bash
# t0112: `candor import contacts|accounts` reads CRM and address-book
# exports (tests/data/crm/, README there says where each shape is from),
# plans every row (create, update, unchanged, skip, conflict, and why),
# changes nothing on --dry-run or on a bad row, never overwrites a
# conflicting value silently, and changes nothing on a re-import.
. "$CANDOR_TOP/tests/cli/lib.sh"
CRM="$CANDOR_TOP/tests/data/crm"

test_expect 'setup' '
	candor init >/dev/null
'

test_expect 'a HubSpot export, dry run first: every row planned, nothing changed' '
	db_dump >before &&
	candor import contacts "$CRM/hubspot-contacts.csv" --dry-run >out &&
	db_dump >after && test_cmp before after &&
	test_grep "^hubspot-contacts.csv:2: create +Dana Reyes <dana.reyes@northwind.example> at Northwind Traders: a new contact, at a new account" out &&
	test_grep "^hubspot-contacts.csv:5: create +Omar Haddad at Fabrikam" out &&
	test_grep "read as HubSpot\): 4 to create, 0 to update, 0 unchanged, 0 skipped, 0 in conflict; 2 new accounts; a dry run: nothing changed" out
'

test_expect 'then imported: contacts, roles, emails, and the accounts with their owner' '
	candor import contacts "$CRM/hubspot-contacts.csv" >out &&
	test_grep "4 create, 0 update, 0 unchanged" out &&
	test "$(db_sql "SELECT c.name, c.role, c.email, a.name, a.owner FROM contacts c JOIN accounts a ON a.id = c.account_id ORDER BY c.id")" = "$(printf "%s\n" \
		"Dana Reyes|CFO|dana.reyes@northwind.example|Northwind Traders|Sam Seller" \
		"Lee Park|IT lead|lee.park@northwind.example|Northwind Traders|Sam Seller" \
		"Ana Souza|Head of Ops|ana@fabrikam.example|Fabrikam|Sam Seller" \
		"Omar Haddad|||Fabrikam|Sam Seller")"
'

test_expect 'the same file again changes nothing: every row unchanged' '
	db_dump >before &&
	candor import contacts "$CRM/hubspot-contacts.csv" >out &&
	db_dump >after && test_cmp before after &&
	test_grep "0 create, 0 update, 4 unchanged, 0 skipped, 0 in conflict; nothing changed" out
'

test_expect 'each writer is told from its header and its columns mapped' '
	for f in salesforce-report:Salesforce\ \(report\) salesforce-export:Salesforce\ \(Data\ Export\) \
		 pipedrive-people:Pipedrive google-contacts:Google\ Contacts \
		 outlook-contacts:Outlook atomic-contacts:Atomic\ CRM; do
		candor import contacts "$CRM/${f%%:*}.csv" --dry-run --json >j &&
		test "$(jget j read_as)" = "${f#*:}" &&
		test "$(jget j rows.0.name)" = "Dana Reyes" &&
		test "$(jget j rows.0.email)" = "dana.reyes@northwind.example" &&
		test "$(jget j rows.0.account)" = "Northwind Traders" &&
		test "$(jget j rows.0.action)" = unchanged || { echo "failed on $f"; cat j; return 1; }
	done
'

test_expect 'second rows: names joined from parts, roles, quoted commas and newlines' '
	candor import contacts "$CRM/salesforce-export.csv" --dry-run --json >j &&
	test "$(jget j rows.1.name)" = "Chidi Okafor" && test "$(jget j rows.1.role)" = "Director, Purchasing" &&
	test "$(jget j rows.1.extra.Salutation)" = "Mr." && test "$(jget j rows.1.extra.Id)" = 0035g00000AbCdF &&
	candor import contacts "$CRM/outlook-contacts.csv" --dry-run --json >j &&
	test "$(jget j rows.1.name)" = "Felix J. Braun" && test "$(jget j rows.1.extra.Title)" = "Dr." &&
	test "$(jget j rows.1.role)" = "Chief Medical Officer" &&
	candor import contacts "$CRM/google-contacts.csv" --dry-run --json >j &&
	test "$(jget j rows.0.extra.Notes)" = "$(printf "Met at the\nlogistics fair")" &&
	test "$(jget j rows.0.extra."E-mail 2 - Value")" = dana@home.example &&
	test "$(jget j rows.1.line)" = 4 && test "$(jget j rows.1.name)" = "Zoë Ångström" &&
	candor import contacts "$CRM/atomic-contacts.csv" --dry-run --json >j &&
	test "$(jget j rows.1.email)" = marta@home.example && test "$(jget j rows.1.account)" = Proseware
'

test_expect 'Excel with ";" (a German locale) and UTF-16 "Unicode text", with --map' '
	candor import contacts "$CRM/excel-semicolon.csv" --dry-run \
		--map Vorname=first --map Nachname=last --map E-Mail=email --map Firma=account \
		--map Position=role --json >j &&
	test "$(jget j rows.0.name)" = "Jörg Müller" && test "$(jget j rows.0.account)" = "Müller; Söhne GmbH" &&
	test "$(jget j rows.0.role)" = Einkauf &&
	candor import contacts "$CRM/unicode-text.txt" --dry-run --json >j &&
	test "$(jget j rows.0.name)" = "Kenji Sato" && test "$(jget j rows.0.account)" = "株式会社サンプル"
'

test_expect 'without a name column: exit 2, says to --map it' '
	fails 2 candor import contacts "$CRM/excel-semicolon.csv" &&
	test_grep "no column holds the name .*--map COLUMN=name" err &&
	fails 2 candor import contacts "$CRM/excel-semicolon.csv" --map Nope=name &&
	test_grep "no column .Nope." err &&
	fails 2 candor import contacts "$CRM/excel-semicolon.csv" --map Vorname=nickname &&
	test_grep "not a field" err
'

test_expect 'a bad row stops the import with file:line: column, and imports nothing' '
	fails 2 candor import contacts "$CRM/bad-email.csv" &&
	test_grep "bad-email.csv:3: Email: .not-an-address. is not an email address" err &&
	fails 2 candor import contacts "$CRM/empty-name.csv" &&
	test_grep "empty-name.csv:3: Name: the row has no name" err &&
	printf "Name,Email,Company\nAnn Lee,ann@x.example,\"Open\n" >open.csv &&
	fails 2 candor import contacts open.csv &&
	test_grep "open.csv:2: a quoted field that starts on this line is never closed" err &&
	printf "Name,Email\nAnn Lee,ann@x.example\n" >nocompany.csv &&
	fails 2 candor import contacts nocompany.csv &&
	test_grep "nocompany.csv:2: .Ann Lee. has no company.*--account" err &&
	candor import contacts nocompany.csv --account "Personal network" --dry-run >out &&
	test_grep "create +Ann Lee <ann@x.example> at Personal network" out
'

test_expect 'each record keeps the file and row it came from, and its extra fields' '
	candor log --audit >audit &&
	test_grep "add +contact #1 +from hubspot-contacts.csv:2" audit &&
	test_grep "add +contact #4 +from hubspot-contacts.csv:5" audit &&
	test "$(db_sql "SELECT source FROM changes WHERE tbl = '\''contacts'\'' AND record_id = 3 AND action = '\''add'\''")" = hubspot-contacts.csv:4 &&
	db_sql "SELECT extra FROM contacts WHERE id = 1" >extra &&
	python3 -c "import json,sys; d=json.load(open(\"extra\")); assert d == {\"Create Date\": \"2026-03-02 10:11\", \"Lifecycle Stage\": \"opportunity\", \"Phone Number\": \"+1 555 0100\", \"Record ID\": \"51\"}, d"
'

test_expect 'undo import BATCH removes exactly what it added and restores what it changed' '
	db_dump >before &&
	printf "Name,Email,Company,Title\nOmar Haddad,omar@fabrikam.example,Fabrikam,Buyer\nNew Person,new@p.example,Newco,CEO\n" >undo.csv &&
	candor import contacts undo.csv >out &&
	test_grep "1 create, 1 update, .*1 new account; imported as batch [0-9]+ \(take it back with .candor undo import [0-9]+.\)" out &&
	batch=$(sed -n "s/.*imported as batch \([0-9]*\).*/\1/p" out) &&
	test "$(db_sql "SELECT role, email FROM contacts WHERE name = '\''Omar Haddad'\''")" = "Buyer|omar@fabrikam.example" &&
	candor undo import "$batch" >out &&
	test "$(db_sql "SELECT role, email FROM contacts WHERE name = '\''Omar Haddad'\''")" = "|" &&
	test "$(db_sql "SELECT count(*) FROM contacts WHERE deleted = 0")" = 4 &&
	test "$(db_sql "SELECT count(*) FROM accounts WHERE deleted = 0")" = 2 &&
	candor contact list >list && test_no_grep "New Person" list &&
	candor account list >list && test_no_grep "Newco" list &&
	candor import contacts "$CRM/hubspot-contacts.csv" --dry-run >out &&
	test_grep "0 to create, 0 to update, 4 unchanged" out
'

test_expect 'a value the file has and Candor lacks is added (update); a different one is a conflict' '
	printf "Name,Email,Company,Title\nOmar Haddad,omar@fabrikam.example,Fabrikam,Buyer\nDana Reyes,dana.reyes@northwind.example,Northwind Traders,VP Finance\n" >changed.csv &&
	candor import contacts changed.csv --dry-run >out &&
	test_grep "changed.csv:2: update +Omar Haddad .* \(same name\): email .omar@fabrikam.example. added; role .Buyer. added" out &&
	test_grep "changed.csv:3: conflict +Dana Reyes .* \(same email\): role: the file has .VP Finance., Candor has .CFO." out &&
	fails 5 candor import contacts changed.csv &&
	test_grep "1 row differ.*changed.csv:3.*--prefer file or --prefer existing" err
'

test_expect '--prefer existing keeps what Candor has and fills the gaps' '
	candor import contacts changed.csv --prefer existing >out &&
	test_grep "1 create|0 create, 1 update, 1 unchanged" out &&
	test "$(db_sql "SELECT role, email FROM contacts WHERE name = '\''Omar Haddad'\''")" = "Buyer|omar@fabrikam.example" &&
	test "$(db_sql "SELECT role FROM contacts WHERE name = '\''Dana Reyes'\''")" = CFO
'

test_expect '--prefer file takes the file'\''s value' '
	candor import contacts changed.csv --prefer file >out &&
	test_grep "0 create, 1 update, 1 unchanged" out &&
	test "$(db_sql "SELECT role FROM contacts WHERE name = '\''Dana Reyes'\''")" = "VP Finance"
'

test_expect 'the same person twice in a file: the second row is skipped, saying which' '
	printf "Name,Email,Company\nJo Wu,jo@x.example,Acme\nJoanna Wu,JO@x.example,Acme\nJo Wu,,Acme\n" >twice.csv &&
	candor import contacts twice.csv --dry-run >out &&
	test_grep "twice.csv:3: skip +Joanna Wu .*the same email as line 2" out &&
	test_grep "twice.csv:4: skip +Jo Wu .*the same name and company as line 2" out
'

test_expect 'moving to another company is a conflict, --prefer file moves them (account made)' '
	printf "First Name,Last Name,Email,Company Name,Record ID\nLee,Park,lee.park@northwind.example,Contoso,52\n" >moved.csv &&
	candor import contacts moved.csv --dry-run >out &&
	test_grep "conflict .*account: the file has .Contoso., Candor has .Northwind Traders." out &&
	candor import contacts moved.csv --prefer file >out &&
	test_grep "1 new account" out &&
	test "$(db_sql "SELECT a.name FROM contacts c JOIN accounts a ON a.id = c.account_id WHERE c.name = '\''Lee Park'\''")" = Contoso
'

test_expect 'accounts: a HubSpot companies export; a new owner fills, a different note conflicts' '
	candor import accounts "$CRM/hubspot-companies.csv" --dry-run >out &&
	test_grep "hubspot-companies.csv:2: unchanged Northwind Traders: #1 \(same name\)" out &&
	printf "Account Name,Account Owner,Description\nTailspin Toys,Sam Seller,toys\nFabrikam,,old note\n" >acc.csv &&
	candor import accounts acc.csv >out &&
	test_grep "Salesforce \(report\)\): 1 create, 1 update" out &&
	test "$(db_sql "SELECT owner, note FROM accounts WHERE name = '\''Tailspin Toys'\''")" = "Sam Seller|toys" &&
	printf "Account Name,Description\nFabrikam,new note\n" >acc2.csv &&
	fails 5 candor import accounts acc2.csv &&
	test_grep "note: the file has .new note., Candor has .old note." err
'

test_expect 'with users, an owner must be one of them' '
	echo "a long enough password" | candor user add sam --role admin >/dev/null &&
	printf "Name,Email,Company,Owner\nKim Lo,kim@y.example,Newco,Nobody Known\n" >owner.csv &&
	fails 2 candor import contacts owner.csv &&
	test_grep "owner.csv:2: Owner: there is no user .Nobody Known." err &&
	printf "Name,Email,Company,Owner\nKim Lo,kim@y.example,Newco,SAM\n" >owner.csv &&
	candor import contacts owner.csv >/dev/null &&
	test "$(db_sql "SELECT owner FROM accounts WHERE name = '\''Newco'\'' AND deleted = 0")" = sam
'

test_expect 'import (transcripts) still works, and --help teaches the CRM import' '
	candor import --help >out &&
	test_grep "import contacts FILE \[--dry-run\]" out && test_grep "prefer file" out &&
	candor import contacts --help >out && test_grep "HubSpot" out &&
	usage_fails candor import contacts &&
	usage_fails candor import contacts a.csv --prefer mine
'

test_done
