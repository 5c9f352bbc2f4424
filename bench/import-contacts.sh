#!/usr/bin/env bash
# import-contacts.sh: how long `candor import contacts` takes for a HubSpot
# export of ROWS contacts (default 100,000, at 2,000 companies) into an empty
# SQLite database, and, for reference in the same run, sqlite3's own
# `.import --csv` of the same file into one bare table (no checks, no
# indexes, no duplicate search: the floor).  Prints both and the ratio.
#
#   bench/import-contacts.sh BUILD_DIR/candor [ROWS]
set -eu
candor=${1:?usage: bench/import-contacts.sh BUILD_DIR/candor [ROWS]}
rows=${2:-100000}
work=$(mktemp -d "${TMPDIR:-/tmp}/candor-bench-import.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 - "$rows" "$work/contacts.csv" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w", newline="", encoding="utf-8-sig") as f:
    f.write('"Record ID","First Name","Last Name","Email","Phone Number","Company Name",'
            '"Job Title","Contact owner","Lifecycle Stage"\r\n')
    for i in range(n):
        f.write(f'"{1000 + i}","First{i}","Last{i}","person{i}@company{i % 2000}.example",'
                f'"+1 555 {i:07d}","Company {i % 2000}","Role {i % 17}","Sam Seller","lead"\r\n')
PY
now() { date +%s.%N; }
export CANDOR_DB="$work/candor.db" CANDOR_NOW=2026-12-01
"$candor" init >/dev/null
t0=$(now)
"$candor" import contacts "$work/contacts.csv" >"$work/out"
t1=$(now)
tail -1 "$work/out"
test "$(sqlite3 "$CANDOR_DB" 'SELECT count(*) FROM contacts')" = "$rows"
t2=$(now)
sqlite3 "$work/plain.db" ".import --csv $work/contacts.csv contacts"
t3=$(now)
test "$(sqlite3 "$work/plain.db" 'SELECT count(*) FROM contacts')" = "$rows"
echo "$rows rows: candor import contacts $(echo "$t1 - $t0" | bc) s," \
	"sqlite3 .import $(echo "$t3 - $t2" | bc) s," \
	"ratio $(echo "scale=1; ($t1 - $t0) / ($t3 - $t2)" | bc)"
