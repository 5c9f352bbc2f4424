#!/usr/bin/env bash
# candor serve: the board at team scale: per stage a count and the most
# urgent buyers first, a link to the rest (the stage alone, page by page),
# a search box; and a score never stale: a write shows on the next board.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"

candor init >/dev/null
candor account add North --owner Ann >/dev/null
for i in $(seq 1 14); do candor contact add "Buyer $i" --account North >/dev/null; done
candor contact add "Dana Reyes" --account North --email dana@north.example >/dev/null
candor log Dana --kind call --at 2026-11-02 "first call" >/dev/null

# card_trust NAME: the trust a board page ($TRASH/body) shows for NAME.
card_trust() {
	python3 -c '
import re, sys
html = open(sys.argv[1]).read()
m = re.search(r"<strong>" + re.escape(sys.argv[2]) + r"</strong><br><span class=\"muted\">[^<]*trust ([0-9.]+)", html)
print(m.group(1) if m else "none")' "$TRASH/body" "$1"
}

serve_start
test_expect 'each stage shows its count, ten buyers at most, and a link to all of them' '
	expect_status 200 "$(http GET /)" &&
	test_grep "15 buyers" "$TRASH/body" &&
	test_grep "<h2>NEW <span class=\"muted\">15</span></h2>" "$TRASH/body" &&
	test "$(grep -o "class=\"buyer" "$TRASH/body" | wc -l)" -eq 10 &&
	test_grep "stage=new\">all 15" "$TRASH/body" &&
	test_grep "type=\"search\" name=\"q\"" "$TRASH/body"
'
test_expect 'one stage alone lists all of its buyers, a page at a time' '
	expect_status 200 "$(http GET "/?stage=new")" &&
	test "$(grep -o "class=\"buyer" "$TRASH/body" | wc -l)" -eq 15 &&
	test_no_grep "aria-label=\"KNOW\"" "$TRASH/body" &&
	expect_status 400 "$(http GET "/?stage=nonsense")"
'
test_expect 'the search box finds a buyer by email, any case' '
	expect_status 200 "$(http GET "/?q=NORTH.example")" &&
	test_grep "Dana Reyes" "$TRASH/body" && test_no_grep "Buyer 3<" "$TRASH/body" &&
	test_grep "1 buyer " "$TRASH/body"
'
test_expect 'a write to one buyer shows on the very next board, never the kept score' '
	expect_status 200 "$(http GET "/?q=dana")" && before=$(card_trust "Dana Reyes") &&
	candor promise Dana --due 2026-11-10 --at 2026-11-03 "send the case study" >id &&
	candor kept "$(cat id)" --at 2026-11-05 >/dev/null &&
	candor status Dana --json >s.json &&
	expect_status 200 "$(http GET "/?q=dana")" && after=$(card_trust "Dana Reyes") &&
	test "$after" != none && test "$after" != "$before" &&
	python3 -c "import json, sys; t = json.load(open(\"s.json\"))[\"trust\"]; sys.exit(0 if \"%.2f\" % t == sys.argv[1] else 1)" "$after"
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' '[ $stopped -eq 0 ] || { cat serve.err >&2; false; }'
test_done
