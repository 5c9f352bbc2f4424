#!/usr/bin/env bash
# analyze.sh: time the analyser against grep on the same transcripts.
#
#   bench/analyze.sh [BUILD_DIR] [TOTAL_MB]     (defaults: build, 1000)
#
# Generates TOTAL_MB of WebVTT transcripts into bench/data/ (once per size
# and seed; the folder is gitignored), extracts every phrase from lexicon/
# into bench/data/phrases.txt, then times
#   - the analyser: $CANDOR_ANALYZE FILE... (default: BUILD_DIR/candor
#     analyze --json --seller "Sam Seller": reading, merging, every signal,
#     metrics, proposals, profile, and the JSON written out), and
#   - grep -F -i -w -c -f phrases.txt FILE..., in the default locale and
#     with LC_ALL=C (the target: one core of candor at least as fast as
#     the C-locale grep)
# and prints MB/s for both and their ratio.  Each is run twice; the better
# time counts (the first run also warms the page cache).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
mb=${2:-1000}
seed=${SEED:-1}
data="$top/bench/data/$mb-mb-seed$seed"
if [ -n "${CANDOR_ANALYZE:-}" ]; then
	read -r -a analyze <<<"$CANDOR_ANALYZE"
else
	analyze=("$build/candor" analyze --json --seller "Sam Seller")
fi

if [ ! -f "$data/.done" ]; then
	echo "generating $mb MB of transcripts in $data ..."
	rm -rf "$data"
	python3 "$top/bench/gen-transcripts" "$data" "$mb" --seed "$seed"
	touch "$data/.done"
fi
phrases="$top/bench/data/phrases.txt"
# Phrases as the analyser sees them: "(a|b)" groups expanded, "!"
# exceptions, anchors and "| why | better" fields dropped.
python3 - "$top"/lexicon/*.lex <<'PY' | sort -u >"$phrases"
import re, sys
def expand(s):
    m = re.search(r"\(([^()]*)\)", s)
    if not m:
        yield " ".join(s.split())
        return
    for alt in m.group(1).split("|"):
        yield from expand(s[:m.start()] + alt + s[m.end():])
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line[0] in "#[@!":
            continue
        depth, cut = 0, len(line)
        for i, c in enumerate(line):
            depth += c == "("
            depth -= c == ")"
            if c == "|" and depth == 0:
                cut = i
                break
        line = line[:cut].strip().lstrip("^").strip()
        if len(line) > 1 and line.endswith("$"):
            line = line[:-1].strip()
        for p in expand(line):
            if p:
                print(p)
PY
bytes=$(cat "$data"/*.vtt | wc -c)
echo "data: $(ls "$data"/*.vtt | wc -l) files, $bytes bytes; $(wc -l <"$phrases") phrases"

# Output goes to a file, not /dev/null: GNU grep notices /dev/null and
# stops at the first match, which would time nothing.
out=$(mktemp)
trap 'rm -f "$out" "$out.time"' EXIT

# best "$@": the best of two runs, as "WALL CPU" seconds (CPU = user + system)
best() {
	local b="" t
	for _ in 1 2; do
		/usr/bin/time -f "%e %U %S" -o "$out.time" "$@" >"$out"
		t=$(awk '{ printf "%.2f %.2f", $1, $2 + $3 }' "$out.time")
		if [ -z "$b" ] || [ "$(echo "${t% *} < ${b% *}" | bc)" = 1 ]; then b=$t; fi
	done
	echo "$b"
}

report() {  # report NAME "WALL CPU"
	printf '%-24s %7.2f s wall %8.1f MB/s   %7.2f s CPU %8.1f MB/s per CPU-second\n' "$1" \
		"${2% *}" "$(echo "$bytes / 1000000 / ${2% *}" | bc -l)" \
		"${2#* }" "$(echo "$bytes / 1000000 / ${2#* }" | bc -l)"
}

# grep is one process on one core; candor analyze uses every core by
# default, so it is timed both ways.
ta=$(best "${analyze[@]}" "$data"/*.vtt)
t1=$(best "${analyze[@]}" --jobs 1 "$data"/*.vtt)
tg=$(best grep -F -i -w -c -f "$phrases" "$data"/*.vtt)
tc=$(LC_ALL=C best grep -F -i -w -c -f "$phrases" "$data"/*.vtt)
echo "cores: $(nproc); signal model: $(sed -n 's/^features //p' "$top/model/signals.model") features"
report "candor analyze --json" "$ta"
report "  ... --jobs 1" "$t1"
report "grep -F -i -w -c" "$tg"
report "LC_ALL=C grep (same)" "$tc"
printf 'ratio (wall, all cores):  candor analyze is %.2fx the speed of grep\n' \
	"$(echo "${tg% *} / ${ta% *}" | bc -l)"
printf 'ratio (wall, one core):   candor analyze is %.2fx the speed of grep\n' \
	"$(echo "${tg% *} / ${t1% *}" | bc -l)"
printf 'ratio (per CPU-second):   candor analyze is %.2fx the speed of grep\n' \
	"$(echo "${tg#* } / ${t1#* }" | bc -l)"
printf 'ratio (wall, one core):   candor analyze is %.2fx the speed of LC_ALL=C grep\n' \
	"$(echo "${tc% *} / ${t1% *}" | bc -l)"
