#!/usr/bin/env bash
# t0005: export as JSON and as CSV: complete, parseable, formula-safe.
. "$CANDOR_TOP/tests/cli/lib.sh"

# csv_cell FILE ROW COL: one cell of a CSV file, parsed by Python's csv.
csv_cell() {
	python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig")))
print(rows[int(sys.argv[2])][int(sys.argv[3])])' "$@"
}

# csv_col FILE NAME: the column NAME of every data row, one a line.
csv_col() {
	python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8-sig")):
    print(r[sys.argv[2]])' "$@"
}

test_expect 'setup: two accounts, three contacts, promises and notes' '
	candor init >/dev/null &&
	candor account add Northwind --note "=cmd|/c calc" >/dev/null &&
	candor account add "Contoso, Ltd" >/dev/null &&
	candor contact add "Dana Reyes" --account Northwind --role CFO >/dev/null &&
	candor contact add "Alex \"AK\" Kim" --account "Contoso, Ltd" >/dev/null &&
	candor contact add "Pat Lee" --account Northwind >/dev/null &&
	candor promise "Dana Reyes" --at 2026-11-20 --due 2026-11-21 "=HYPERLINK(\"http://evil\")" >/dev/null &&
	candor promise "Dana Reyes" --at 2026-11-20 --due 2026-12-20 "send the case study, and a quote" >/dev/null &&
	candor promise "Pat Lee" --at 2026-11-21 --due 2026-11-22 "call back" >p3 &&
	candor kept "$(cat p3)" --at 2026-11-22 >/dev/null &&
	candor log "Dana Reyes" --at 2026-11-20 "+1 for the pilot" >/dev/null &&
	candor log "Pat Lee" --at 2026-11-20 -- "-2 days on the close" >/dev/null &&
	candor log "Pat Lee" --at 2026-11-21 "@SUM(A1:A9)" >/dev/null &&
	candor log "Dana Reyes" --at 2026-11-22 "line one
line two" >/dev/null &&
	candor decide "Pat Lee" still-deciding --note "=2+3" >/dev/null
'

test_expect 'csv commitments: a header row and one row per promise' '
	candor export --format csv --table commitments >c.csv &&
	csv_cell c.csv 0 0 >first &&
	echo id >expect && test_cmp expect first &&
	python3 -c "
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline=\"\", encoding=\"utf-8-sig\")))
hdr, body = rows[0], rows[1:]
for col in (\"id\", \"contact_id\", \"due\", \"status\", \"text\"):
    assert col in hdr, col
assert len(body) == 3, body
assert all(len(r) == len(hdr) for r in body)
assert len({r[0] for r in body}) == 3
" c.csv
'

test_expect 'csv opens right in Excel: a UTF-8 BOM and CRLF; --no-bom for tools' '
	candor export --format csv --table commitments >c.csv &&
	test "$(head -c 3 c.csv | od -An -tx1 | tr -d " ")" = efbbbf &&
	test "$(grep -c "$(printf "\r")\$" c.csv)" = "$(wc -l <c.csv)" &&
	candor export --format csv --table commitments --no-bom >n.csv &&
	test "$(head -c 3 n.csv)" = "id," &&
	test "$(tail -c +4 c.csv | md5sum)" = "$(md5sum <n.csv)"
'

test_expect 'csv commitments: status, due and text as recorded' '
	candor export --format csv --table commitments >c.csv &&
	csv_col c.csv status | sort >statuses &&
	printf "kept\nopen\nopen\n" >expect &&
	test_cmp expect statuses &&
	csv_col c.csv text >texts &&
	test_grep "^send the case study, and a quote\$" texts
'

test_expect 'csv: a cell starting with = is exported with a leading quote' '
	candor export --format csv --table commitments >c.csv &&
	csv_col c.csv text >texts &&
	test_grep "^'"'"'=HYPERLINK\(\"http://evil\"\)\$" texts &&
	test_no_grep "^=" texts
'

test_expect 'csv: cells starting with + - @ are formula-safe too' '
	candor export --format csv --table interactions >i.csv &&
	csv_col i.csv text >texts &&
	test_grep "^'"'"'\+1 for the pilot\$" texts &&
	test_grep "^'"'"'-2 days on the close\$" texts &&
	test_grep "^'"'"'@SUM\(A1:A9\)\$" texts &&
	test_no_grep "^[=+@-]" texts
'

test_expect 'csv: a decision note starting with = is formula-safe' '
	candor export --format csv --table decisions >d.csv &&
	csv_col d.csv text >texts &&
	test_grep "^'"'"'=2\+3\$" texts
'

test_expect 'csv: commas, quotes and newlines survive a round trip' '
	candor export --format csv --table contacts >k.csv &&
	csv_col k.csv name >names &&
	test_grep "^Alex \"AK\" Kim\$" names &&
	csv_col k.csv account >accts &&
	test_grep "^Contoso, Ltd\$" accts &&
	candor export --format csv --table interactions >i.csv &&
	python3 -c "
import csv, sys
texts = [r[\"text\"] for r in csv.DictReader(open(sys.argv[1], newline=\"\", encoding=\"utf-8-sig\"))]
assert \"line one\nline two\" in texts, texts
" i.csv
'

test_expect 'csv contacts (the default table) has each contact with stage and trust' '
	candor export --format csv >k.csv &&
	candor export --format csv --table contacts >k2.csv &&
	test_cmp k.csv k2.csv &&
	test "$(csv_col k.csv name | wc -l)" -eq 3 &&
	csv_cell k.csv 0 0 >/dev/null &&
	python3 -c "
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline=\"\", encoding=\"utf-8-sig\")))
for r in rows:
    assert r[\"stage\"], r
    assert 0 <= float(r[\"trust\"]) <= 1, r
" k.csv
'

test_expect 'csv contacts trust agrees with status (as of the same date)' '
	candor export --format csv --at 2026-11-21 >k.csv &&
	candor status "Pat Lee" --at 2026-11-21 --json >s.json &&
	python3 -c "
import csv, json, sys
rows = {r[\"name\"]: r for r in csv.DictReader(open(sys.argv[1], newline=\"\", encoding=\"utf-8-sig\"))}
s = json.load(open(sys.argv[2]))
assert abs(float(rows[\"Pat Lee\"][\"trust\"]) - s[\"trust\"]) < 0.0015, (rows[\"Pat Lee\"], s[\"trust\"])
" k.csv s.json
'

test_expect 'csv: every table exports with a header' '
	for t in contacts interactions commitments expectations facts values fits decisions; do
		candor export --format csv --table $t >t.csv || return 1
		test -s t.csv || { echo "$t: empty" >&2; return 1; }
		csv_cell t.csv 0 0 >/dev/null || return 1
	done
'

test_expect 'json export parses and holds every account, contact and ledger' '
	candor export --format json >all.json &&
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert d[\"model_version\"]
names = sorted(a[\"name\"] for a in d[\"accounts\"])
assert names == [\"Contoso, Ltd\", \"Northwind\"], names
nw = [a for a in d[\"accounts\"] if a[\"name\"] == \"Northwind\"][0]
assert nw[\"note\"] == \"=cmd|/c calc\"
people = {c[\"name\"]: c for c in nw[\"contacts\"]}
assert sorted(people) == [\"Dana Reyes\", \"Pat Lee\"], sorted(people)
dana = people[\"Dana Reyes\"]
assert len(dana[\"ledger\"][\"commitments\"]) == 2
assert len(dana[\"ledger\"][\"interactions\"]) == 2
assert dana[\"assessment\"][\"stage\"]
assert \"trust\" in dana[\"assessment\"]
" all.json
'

test_expect 'json export: the model version is the one --version prints' '
	candor export --format json >all.json &&
	v=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[\"model_version\"])" all.json) &&
	candor --version >ver &&
	grep -F -q -- "$v" ver
'

test_expect '--out FILE writes the file and nothing to stdout' '
	candor export --format json >expect.json &&
	candor export --format json --out out.json >stdout &&
	test ! -s stdout &&
	test_cmp expect.json out.json &&
	candor export --format csv --table commitments --out c.csv >stdout &&
	test ! -s stdout &&
	candor export --format csv --table commitments >expect.csv &&
	test_cmp expect.csv c.csv &&
	! ls | grep -q "\.tmp\$"
'

test_expect '--out replaces an existing file' '
	echo "old contents" >old.json &&
	candor export --format json --out old.json &&
	test_no_grep "old contents" old.json &&
	python3 -c "import json,sys; json.load(open(sys.argv[1]))" old.json
'

test_expect '--out into a folder that does not exist fails and leaves nothing' '
	test_exit 2 candor export --format json --out "$TRASH/no/such/dir/x.json" 2>err &&
	test "$(wc -l <err)" -eq 1 &&
	test ! -e "$TRASH/no"
'

test_expect 'export changes nothing in the database' '
	db_dump >before &&
	candor export --format json >/dev/null &&
	candor export --format csv --table commitments >/dev/null &&
	db_dump >after &&
	test_cmp before after
'

test_expect 'export errors: no --format is exit 1, a bad one exit 2, --table with json exit 1' '
	test_exit 1 candor export 2>/dev/null &&
	test_exit 2 candor export --format xml 2>/dev/null &&
	test_exit 2 candor export --format csv --table nope 2>/dev/null &&
	test_exit 1 candor export --format json --table commitments 2>/dev/null &&
	test_exit 1 candor export --format json extra 2>/dev/null
'

test_expect 'a failed export with --out leaves no file behind' '
	CANDOR_DB="$TRASH/missing.db" test_exit 6 candor export --format json --out fail.json 2>/dev/null &&
	test ! -e fail.json &&
	test ! -e fail.json.tmp
'

test_done
