#!/usr/bin/env bash
# Words, not codes: the web pages a salesperson reads never show the codes
# the store keeps (kept_late, renegotiated, chose_another, next_step, a
# column's name such as resolved_at, a field's name in a refusal such as
# 'due').  The demo's data (demo/story.sh, what a new user sees first),
# with the fates it lacks added (kept late, a new date, another supplier
# chosen, a referral), rendered page by page: board, stages, every buyer,
# their changes, every conversation, help, edit pages and refused forms.
# The words are app/words.h's.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"
export CANDOR_NOW=2026-11-25 CANDOR_SELLER="Sam Seller"

# demo/run's helpers for demo/story.sh
candor_bin=$CANDOR
candor="quiet $candor_bin"
calls="$CANDOR_TOP/demo/calls"
quiet() { "$@" >/dev/null 2>&1; }
id() { "$candor_bin" "$@" 2>/dev/null; }
proposal() {
	"$candor_bin" show interaction "$1" --json |
		python3 -c 'import json,sys; print(next(p["id"] for p in json.load(sys.stdin)["proposals"] if p["kind"] == sys.argv[1]))' "$2"
}
candor init >/dev/null
# shellcheck source=demo/story.sh
. "$CANDOR_TOP/demo/story.sh"
# the fates the story does not have
late=$(id promise "Lee Chen" --at 2026-11-10 --due 2026-11-14 "send the integration guide")
candor kept "$late" --at 2026-11-18 >/dev/null
moved=$(id promise "Lee Chen" --at 2026-11-10 --due 2026-11-20 "book the IT workshop")
candor renegotiate "$moved" --due 2026-12-02 --at 2026-11-19 --note "their IT week moved" >/dev/null
candor fit "Lee Chen" --verdict refer --at 2026-11-19 "needs on-premise only" >/dev/null
candor decide "Lee Chen" chose_another --at 2026-11-20 --note "went with their ERP's module" >/dev/null
candor edit promise "$moved" --text "book the IT workshop (two hours)" >/dev/null
candor expect "Lee Chen" --at 2026-11-20 --by 2026-11-24 "a date for the workshop" >/dev/null
candor missed "$(db_sql "SELECT max(id) FROM expectations")" --at 2026-11-25 >/dev/null

# The visible text of a page (and its title attributes), one file per page.
text_of() {
	python3 -c '
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = re.sub(r"<(script|style)\b.*?</\1>", " ", s, flags=re.S)
titles = " ".join(re.findall(r"title=\"([^\"]*)\"", s))
print(html.unescape(re.sub(r"<[^>]+>", " ", s) + " " + titles))' "$1"
}
codes='kept_late|renegotiated|chose_another|decided_not_to_buy|still_deciding|next_step|seller_centric|by_at|set_at|resolved_at|account_id|contact_id|commitment_id|commitment_events|value_exchanged|'"'"'(due|at|by|text|note|kind)'"'"

serve_start
csrf=$(curl -s "$B/" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | cut -d\" -f4)
mkdir pages
get() { curl -s "$B$1" >"pages/$2.html"; }

test_expect 'the demo'"'"'s pages are rendered (the set-up)' '
	get / board && for s in new know like trust ready decided; do get "/?stage=$s" "stage-$s"; done &&
	for c in $(db_sql "SELECT id FROM contacts"); do
		get "/buyers/$c" "buyer-$c" && get "/buyers/$c/changes" "changes-$c"; done &&
	for i in $(db_sql "SELECT id FROM interactions"); do get "/interactions/$i" "talk-$i"; done &&
	get /help help &&
	get "/edit?kind=promise&id=$moved" edit-promise &&
	get "/edit?kind=event&id=$(db_sql "SELECT max(id) FROM commitment_events")" edit-event &&
	curl -s "$B/edit" -d "csrf=$csrf" -d kind=promise -d id="$late" -d "text=send the guide" \
		-d at=2026-11-10 -d due=2026-11-01 >pages/edit-refused.html &&
	curl -s "$B/buyers/2/promise" -d "csrf=$csrf" -d "text=call back" -d due=2026-11-01 \
		>pages/form-refused.html &&
	test "$(ls pages | wc -l)" -gt 20 &&
	grep -q "kept late" pages/buyer-2.html
'
test_expect 'no page shows a code where words belong' '
	bad=0 &&
	for f in pages/*.html; do
		text_of "$f" >text.txt &&
		if grep -Eo ".{0,40}($codes).{0,20}" text.txt >found.txt; then
			echo "# $f:" && sed "s/^/#   /" found.txt && bad=1
		fi
	done && test "$bad" = 0
'
test_expect 'the fates read in words on the buyer page' '
	text_of pages/buyer-2.html >lee.txt &&
	test_grep "kept late" lee.txt && test_grep "new date agreed: due +2026-12-02 +: their IT week moved" lee.txt &&
	test_grep "refer them elsewhere +: needs on-premise only" lee.txt &&
	test_grep "they chose another supplier" lee.txt &&
	test_grep "promised, due +2026-11-14" lee.txt && test_grep "decided: chose another supplier on" lee.txt
'
test_expect 'a refused edit names the field in words' '
	text_of pages/edit-refused.html >refused.txt &&
	test_grep "Due date 2026-11-01 is before the promise was made" refused.txt
'
test_expect 'the changes read in words, each field old -> new' '
	text_of pages/changes-2.html >changes.txt &&
	test_grep "changed promise .book the IT workshop \(two hours\).: the words .book the IT workshop. -> .book the IT workshop \(two hours\)." changes.txt &&
	test_grep "marked the expectation .a date for the workshop. missed" changes.txt &&
	test_grep "the state open -> missed; the date settled none -> 25 Nov" changes.txt
'
test_expect 'the conversation page says its categories in words' '
	cat pages/talk-*.html >talks.html &&
	test_grep "<option value=\"next_step\">next step</option>" talks.html &&
	test_grep ">not stall</button>" talks.html && test_no_grep ">(not )?next_step<" talks.html
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' "test $stopped -eq 0"

test_done
