#!/usr/bin/env bash
# t0011: the pipeline at team scale: pages with cursors (--limit, --after),
# filters (--search, --seller), and kept answers that are never stale: a
# write to one buyer's evidence shows in the very next pipeline.
. "$CANDOR_TOP/tests/cli/lib.sh"

# names FILE: the buyers of a pipeline --json, one a line.
names() {
	python3 -c '
import json, sys
for b in json.load(open(sys.argv[1]))["buyers"]:
    print(b["contact"]["name"])' "$1"
}

# field FILE NAME KEY: KEY of buyer NAME in a pipeline --json.
field() {
	python3 -c '
import json, sys
for b in json.load(open(sys.argv[1]))["buyers"]:
    if b["contact"]["name"] == sys.argv[2]:
        v = b[sys.argv[3]]
        print(v if isinstance(v, str) else json.dumps(v))' "$1" "$2" "$3"
}

test_expect 'setup: five buyers at two accounts of two sellers' '
	candor init >/dev/null &&
	candor account add Northwind --owner sam >/dev/null &&
	candor account add Contoso --owner lee >/dev/null &&
	for n in Ann Bo Cy; do candor contact add "$n" --account Northwind >/dev/null || return 1; done &&
	candor contact add Dee --account Contoso --email dee@contoso.example >/dev/null &&
	candor contact add Eve --account Contoso >/dev/null &&
	candor log Ann --kind call --at 2026-11-02 "first call" >/dev/null &&
	candor log Dee --kind meeting --at 2026-11-04 "walked through it" >/dev/null
'

test_expect 'pages of two walk the whole pipeline, in its order, once each' '
	candor pipeline --json >all.json && names all.json >all &&
	test "$(wc -l <all)" -eq 5 &&
	: >paged && after= &&
	for i in 1 2 3 4; do
		candor pipeline --limit 2 ${after:+--after "$after"} --json >p.json || return 1
		names p.json >>paged
		after=$(jget p.json next)
		[ "$after" = null ] && break
	done &&
	test "$after" = null && test_cmp all paged
'

test_expect 'the text form says how to get the next page' '
	candor pipeline --limit 3 >out &&
	test_grep "^more: candor pipeline --limit 3 --after " out &&
	cursor=$(sed -n "s/^more: .*--after //p" out) &&
	candor pipeline --limit 3 --after "$cursor" >rest &&
	! test_grep "^more:" rest
'

test_expect '--search finds by name or email, any case; --seller by owner' '
	candor pipeline --search CONTOSO.example --json >s.json && names s.json >s &&
	test "$(cat s)" = Dee &&
	candor pipeline --seller LEE --json >s.json && names s.json | sort >s &&
	printf "Dee\nEve\n" >want && test_cmp want s
'

test_expect 'a search that finds nobody says so, not that there are no buyers' '
	candor pipeline --search nobody-at-all >out &&
	test_grep "0 buyers" out &&
	test_grep "no buyer matches --search" out &&
	! grep -q "no buyers yet" out
'

test_expect 'a bad cursor or limit is a usage error, and changes nothing' '
	fails 2 candor pipeline --limit 2 --after nonsense &&
	test_grep "not a cursor" err &&
	usage_fails candor pipeline --limit 0 &&
	usage_fails candor pipeline --limit lots
'

test_expect 'one buyer changes: the next pipeline shows the new score, never the kept one' '
	candor pipeline --json >before.json &&
	candor status Bo --json >s0.json &&
	test "$(field before.json Bo trust)" = "$(jget s0.json trust)" &&
	candor promise Bo --due 2026-11-10 --at 2026-11-03 "send the case study" >id &&
	candor kept "$(cat id)" --at 2026-11-05 >/dev/null &&
	candor pipeline --json >after.json &&
	candor status Bo --json >s1.json &&
	test "$(field after.json Bo trust)" = "$(jget s1.json trust)" &&
	test "$(jget s1.json trust)" != "$(jget s0.json trust)" &&
	candor pipeline --limit 1 --search bo --json >one.json &&
	test "$(jget one.json buyers.0.trust)" = "$(jget s1.json trust)"
'

test_expect 'the whole pipeline is read from the kept answers: the text computed afresh' '
	candor pipeline --json >kept1.json &&
	test "$(db_sql "SELECT count(*) FROM assessments WHERE doc <> '"''"'")" -eq 5 &&
	candor pipeline --json >kept2.json &&
	candor pipeline --json --at "$CANDOR_NOW" >fresh.json &&
	test_cmp fresh.json kept1.json && test_cmp fresh.json kept2.json
'

test_expect 'later the same day each buyer is as kept, and says when; --at computes' '
	CANDOR_NOW=2026-11-25T15:00 candor pipeline --json >later.json &&
	test "$(jget later.json at)" = 2026-11-25T15:00 &&
	test "$(jget later.json buyers.0.at)" = "$CANDOR_NOW" &&
	CANDOR_NOW=2026-11-25T15:00 candor pipeline --json --at 2026-11-25T15:00 >fresher.json &&
	test "$(jget fresher.json buyers.0.at)" = 2026-11-25T15:00
'

test_expect 'a damaged kept answer is made again, never printed' '
	db_sql "UPDATE assessments SET doc = substr(doc, 1, 40)
		WHERE id = (SELECT min(id) FROM contacts)" >/dev/null &&
	db_sql "UPDATE assessments SET doc = replace(doc, '"'\"at\"'"', '"'\"at\": [\"at\"'"')
		WHERE id = (SELECT max(id) FROM contacts)" >/dev/null &&
	candor pipeline --json >again.json &&
	test_cmp fresh.json again.json
'

test_expect '--at computes from the evidence, and pages alike' '
	candor pipeline --at 2026-11-03 --json >then.json &&
	test "$(jget then.json buyers.#)" -eq 5 &&
	candor pipeline --at 2026-11-03 --limit 4 --json >p1.json &&
	test "$(jget p1.json buyers.#)" -eq 4 &&
	candor pipeline --at 2026-11-03 --limit 4 --after "$(jget p1.json next)" --json >p2.json &&
	test "$(jget p2.json buyers.#)" -eq 1 && test "$(jget p2.json next)" = null
'

test_expect 'a day later, the kept answers are computed again as of then' '
	CANDOR_NOW=2026-12-20T09:00 candor pipeline --json >late.json &&
	CANDOR_NOW=2026-12-20T09:00 candor status Ann --json >ann.json &&
	test "$(field late.json Ann trust)" = "$(jget ann.json trust)" &&
	test "$(field late.json Ann stage)" = "$(jget ann.json stage)"
'

test_done
