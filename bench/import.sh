#!/usr/bin/env bash
# import.sh: how long `candor import` takes to store calls, on SQLite and on
# PostgreSQL, in one run, against a reference: the same utterances loaded
# by each database's own bulk tool (sqlite3 .import, psql \copy), which is
# as fast as those rows can go in.
#
#   bench/import.sh [BUILD_DIR/candor | BUILD_DIR]   (default build/candor)
#
# CALLS calls (default 40) of about LINES cues each (default 400) are
# written by bench/gen-transcripts' sentence mix into a scratch folder and
# imported one `candor import` each (analysis included: the CLI's real
# path) into a fresh SQLite file and a fresh database on a throw-away
# PostgreSQL server (pg_virtualenv, fsync off on both sides of the
# comparison).  Prints seconds per backend, utterances per second, and the
# ratios: PostgreSQL / SQLite and candor / bulk load.  Not run by make check.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
arg=${1:-build/candor}
if [ -d "$arg" ]; then candor="$arg/candor"; else candor=$arg; fi
candor=$(cd "$(dirname "$candor")" && pwd)/$(basename "$candor")
[ -x "$candor" ] || { echo "import.sh: no candor at $candor (build it first)" >&2; exit 1; }
calls=${CALLS:-40}
if [ -z "${IMPORT_IN_VIRTUALENV:-}" ]; then
	command -v pg_virtualenv >/dev/null || { echo "import.sh: needs pg_virtualenv (postgresql-common)" >&2; exit 1; }
	IMPORT_IN_VIRTUALENV=1 exec pg_virtualenv -o fsync=off -o synchronous_commit=off "$0" "$@"
fi
"$top/bench/install-deps"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export CANDOR_NOW=2026-11-25 CANDOR_MODEL=none
unset CANDOR_SELLER

# the calls: one gen-transcripts file cut into CALLS calls of LINES cues
python3 - "$tmp" "$calls" "${LINES:-400}" "$top/bench/gen-transcripts" <<'EOF'
import subprocess, sys, os, re
out, calls, lines, gen = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
subprocess.run([gen, out + "/gen", "2", "--file-mb", "2"], check=True, stdout=subprocess.DEVNULL)
src = open(out + "/gen/call-00000.vtt", encoding="utf-8").read()
seller = re.search(r"NOTE seller: (.*)", src).group(1)
cues = [c for c in src.split("\n\n")[1:] if "-->" in c]
per = min(lines, len(cues) // calls)
rows = []
for k in range(calls):
    part = cues[k * per:(k + 1) * per]
    with open(f"{out}/c{k:03}.vtt", "w", encoding="utf-8") as f:
        f.write("WEBVTT\n\n" + "\n\n".join(part) + "\n")
    for c in part:
        m = re.search(r"<v ([^>]*)>(.*)", c, re.S)
        if m:
            rows.append((k, m.group(1), m.group(2).replace("\n", " ").replace("\t", " ")))
with open(out + "/seller", "w") as f:
    f.write(seller)
with open(out + "/rows.tsv", "w", encoding="utf-8") as f:
    for i, (k, who, text) in enumerate(rows):
        f.write(f"{i + 1}\t{k}\t{i}\t{who}\t{text}\n")
print(len(rows), file=open(out + "/nrows", "w"))
EOF
seller=$(cat "$tmp/seller")
nrows=$(cat "$tmp/nrows")
now() { date +%s.%N; }

load() { # $1: database; prints seconds for every call's import
	"$candor" --db "$1" init >/dev/null
	"$candor" --db "$1" account add Bench >/dev/null
	"$candor" --db "$1" contact add "Dana Reyes" --account Bench >/dev/null
	local t0 t1
	t0=$(now)
	for f in "$tmp"/c*.vtt; do
		"$candor" --db "$1" import "$f" --with "Dana Reyes" --seller "$seller" --at 2026-11-20 >/dev/null 2>"$tmp/import.err" ||
			{ cat "$tmp/import.err" >&2; exit 1; }
	done
	t1=$(now)
	echo "$t1 - $t0" | bc -l
}
sq=$(load "$tmp/bench.db")
pgdb=postgresql:///postgres
pg=$(load "$pgdb")

# the reference: the same rows by each database's bulk loader
t0=$(now)
sqlite3 "$tmp/ref.db" "CREATE TABLE u(id INTEGER PRIMARY KEY, call INTEGER, idx INTEGER, speaker TEXT, text TEXT);" \
	".mode tabs" ".import '$tmp/rows.tsv' u"
sqref=$(echo "$(now) - $t0" | bc -l)
psql -XAtq "$pgdb" -c "CREATE TABLE ref_u(id bigint PRIMARY KEY, call bigint, idx bigint, speaker text, text text)"
t0=$(now)
psql -XAtq "$pgdb" -c "\\copy ref_u FROM '$tmp/rows.tsv'"
pgref=$(echo "$(now) - $t0" | bc -l)

stored=$(psql -XAtq "$pgdb" -c "SELECT count(*) FROM utterances")
printf 'calls %d, cues written %d, utterances stored (turns merged) %d\n' "$calls" "$nrows" "$stored"
printf '%-34s %8.2f s  %8.0f utterances/s\n' "candor import, SQLite" "$sq" "$(echo "$stored / $sq" | bc -l)"
printf '%-34s %8.2f s  %8.0f utterances/s\n' "candor import, PostgreSQL" "$pg" "$(echo "$stored / $pg" | bc -l)"
printf '%-34s %8.2f s\n' "sqlite3 .import (reference)" "$sqref"
printf '%-34s %8.2f s\n' "psql \\copy (reference)" "$pgref"
printf 'PostgreSQL / SQLite: %.2f x\n' "$(echo "$pg / $sq" | bc -l)"
