#!/usr/bin/env bash
# candor serve and candor pipeline: the board's search (name, account or
# email, without case or accents), the seller by any part of the name or a
# list, the sorts (a GET form; paging keeps each order), the strip of what
# is overdue and due today, a reason on every card (the same line
# `candor pipeline` prints), unknown filter values said as such, and the
# first-run page of an empty database.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"

# cards: the buyers' names on a board page ($TRASH/body), in order.
cards() {
	grep -o 'class="buyer[^"]*" href="/buyers/[0-9]*"><strong>[^<]*' "$TRASH/body" | sed 's/.*<strong>//'
}
# reason NAME: the reason the card of NAME shows.
reason() {
	python3 -c '
import html, re, sys
page = open(sys.argv[1]).read()
m = re.search(r"<strong>" + re.escape(html.escape(sys.argv[2], quote=True)) +
              r"</strong>.*?<span class=\"(?:why|reason)\">(?:stalled: )?([^<]*)</span></a>", page)
print(html.unescape(m.group(1)) if m else "none")' "$TRASH/body" "$1"
}

candor init >/dev/null
serve_start
test_expect 'an empty database shows how to start, not an empty board' '
	expect_status 200 "$(http GET /)" &&
	test_grep "Welcome to Candor" "$TRASH/body" &&
	test_grep "action=\"/accounts\"" "$TRASH/body" &&
	test_grep "candor import contacts" "$TRASH/body" &&
	test_grep "href=\"/help#import\"" "$TRASH/body" &&
	test_grep "Upload a call" "$TRASH/body" &&
	test_no_grep "class=\"board\"" "$TRASH/body"
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' '[ $stopped -eq 0 ] || { cat "$TRASH/serve.err" >&2; false; }'

long=jose.nunez.with.a.really.long.unbroken.address.for.the.card@contoso-example-holdings.example
test_expect 'setup: buyers of two sellers, a promise due today, one overdue, a ready and a decided buyer' '
	candor account add Contoso --owner "Sam Seller" >/dev/null &&
	candor account add Fabrikam --owner "Ann Other" >/dev/null &&
	candor contact add "José Núñez" --account Contoso --email "$long" >/dev/null &&
	candor contact add "Priya Shah" --account Contoso >/dev/null &&
	candor contact add "Marco Bianchi" --account Fabrikam >/dev/null &&
	candor contact add "Rita Ready" --account Fabrikam >/dev/null &&
	candor log José --kind call --at 2026-11-10 "first call" >/dev/null &&
	candor log Priya --kind call --at 2026-10-01 "first call" >/dev/null &&
	candor promise José --at 2026-11-10 --due 2026-11-25 "send the pilot summary" >today &&
	candor promise Priya --at 2026-10-01 --due 2026-11-20 "send the pricing" >late &&
	candor expect Priya --at 2026-10-01 --by 2026-11-24 "a draft contract by Tuesday" >exp &&
	candor log Marco --kind call --at 2026-09-01 "first call" >/dev/null &&
	candor decide Marco bought --at 2026-11-12 >/dev/null &&
	candor log Rita --kind call --at 2026-10-20 "first call" >/dev/null &&
	candor log Rita --kind meeting --at 2026-10-30 --said candor:"can I be honest with you" "walk-through" >/dev/null &&
	candor log Rita --kind email --inbound --at 2026-10-31 "she sent their numbers" >/dev/null &&
	for k in bothering tried worried hoped objection criteria concern motivation; do
		candor learn Rita --kind $k --at 2026-10-30 "what she said about $k" >/dev/null || return 1
	done &&
	for i in 1 2 3; do
		p=$(candor promise Rita --at 2026-10-20 --due 2026-10-28 "step $i") &&
		candor kept "$p" --at 2026-10-27 >/dev/null || return 1
	done &&
	candor value Rita given --at 2026-10-25 "a benchmark of their line" >/dev/null &&
	candor fit Rita --verdict good --at 2026-11-15 "fits their plant" >/dev/null &&
	candor status Rita --json >rita.json && test "$(jget rita.json stage)" = ready
'

serve_start
test_expect 'the search finds a buyer by name without accents, by account, by email in any case' '
	expect_status 200 "$(http GET "/?q=jose+nunez")" && cards >got && echo "José Núñez" >want && test_cmp want got &&
	expect_status 200 "$(http GET "/?q=N%C3%9A%C3%91EZ")" && cards >got && test_cmp want got &&
	expect_status 200 "$(http GET "/?q=fabrikam")" && cards | sort >got &&
	printf "Marco Bianchi\nRita Ready\n" >want && test_cmp want got &&
	expect_status 200 "$(http GET "/?q=HOLDINGS.example")" && cards >got && echo "José Núñez" >want && test_cmp want got
'
test_expect 'the seller filter takes any part of the name, or a list' '
	expect_status 200 "$(http GET "/?seller=sam")" && cards | sort >got &&
	printf "José Núñez\nPriya Shah\n" >want && test_cmp want got &&
	expect_status 200 "$(http GET "/?seller=SAM,+other")" && test "$(cards | wc -l)" -eq 4 &&
	candor pipeline --seller sam --json >p.json &&
	python3 -c "import json,sys; n=sorted(b[\"contact\"][\"name\"] for b in json.load(open(sys.argv[1]))[\"buyers\"]); sys.exit(n != [\"José Núñez\", \"Priya Shah\"])" p.json
'
test_expect 'unknown filter values are said, and no one is shown' '
	expect_status 404 "$(http GET "/?account=999")" &&
	grep -o "role=\"alert\">[^<]*" "$TRASH/body" >m999 && test_no_grep "class=\"buyer" "$TRASH/body" &&
	expect_status 404 "$(http GET "/?account=abc")" &&
	grep -o "role=\"alert\">[^<]*" "$TRASH/body" | sed "s/abc/999/" >mabc && test_cmp m999 mabc &&
	expect_status 200 "$(http GET "/?seller=nobody")" &&
	test_grep "no buyer&#39;s seller matches &#39;nobody&#39;" "$TRASH/body" &&
	test_no_grep "class=\"buyer" "$TRASH/body" &&
	expect_status 400 "$(http GET "/?sort=sideways")" &&
	test_grep "&#39;sideways&#39; is not a sort" "$TRASH/body" && test_no_grep "class=\"buyer" "$TRASH/body" &&
	fails 3 candor pipeline --seller nobody && test_grep "no buyer.s seller matches .nobody." err &&
	fails 2 candor pipeline --sort sideways && test_grep "is not a sort" err
'
test_expect 'the sort is a GET form, and changes the order' '
	expect_status 200 "$(http GET "/?sort=due&stage=like")" &&
	test_grep "<select name=\"sort\">" "$TRASH/body" &&
	test_grep "<option value=\"due\" selected>" "$TRASH/body" &&
	candor pipeline --sort due --json >due.json &&
	python3 -c "import json,sys; print(\"\n\".join(b[\"contact\"][\"name\"] for b in json.load(open(sys.argv[1]))[\"buyers\"]))" due.json >due &&
	head -n 2 due >got && printf "Priya Shah\nJosé Núñez\n" >want && test_cmp want got &&
	candor pipeline --sort contact --json >contact.json &&
	python3 -c "import json,sys; print(\"\n\".join(b[\"contact\"][\"name\"] for b in json.load(open(sys.argv[1]))[\"buyers\"]))" contact.json >contact &&
	head -n 1 contact >got && echo "Marco Bianchi" >want && test_cmp want got &&
	! test_cmp due contact >/dev/null 2>&1
'
test_expect 'paging keeps the order under each sort, on the CLI and the board' '
	for s in urgency trust contact due; do
		candor pipeline --sort $s --json >all.json &&
		python3 -c "import json,sys; print(\"\n\".join(b[\"contact\"][\"name\"] for b in json.load(open(sys.argv[1]))[\"buyers\"]))" all.json >all &&
		: >paged && after= &&
		for i in 1 2 3 4 5; do
			candor pipeline --sort $s --limit 1 ${after:+--after "$after"} --json >p.json || return 1
			python3 -c "import json,sys; [print(b[\"contact\"][\"name\"]) for b in json.load(open(sys.argv[1]))[\"buyers\"]]" p.json >>paged
			after=$(jget p.json next) && [ "$after" != null ] || break
		done &&
		test_cmp all paged || return 1
	done &&
	candor pipeline --sort trust --limit 1 --json >p.json && after=$(jget p.json next) &&
	fails 2 candor pipeline --sort due --limit 1 --after "$after" &&
	test_grep "not a cursor of this list" err
'
test_expect 'the strip shows what is overdue and what is due today, apart, each linking to its row' '
	expect_status 200 "$(http GET /)" &&
	python3 - "$TRASH/body" "$(cat today)" "$(cat late)" "$(cat exp)" <<-\PY
	import re, sys
	page, today, late, exp = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3], sys.argv[4]
	strip = re.search(r"<section class=\"strip\".*?</section>", page).group(0)
	over = re.search(r"<div class=\"due-overdue\">.*?</div>", strip).group(0)
	now = re.search(r"<div class=\"due-today\">.*?</div>", strip).group(0)
	assert "#commitment-" + late + "\"" in over and "send the pricing" in over, over
	assert "#expectation-" + exp + "\"" in over, over
	assert "#commitment-" + today + "\"" in now and "pilot summary" in now, now
	assert "pricing" not in now and "pilot" not in over
	PY
'
test_expect 'every card has a reason, READY and DECIDED too, the same as candor pipeline says' '
	expect_status 200 "$(http GET /)" &&
	reason "Marco Bianchi" >r && test_grep "^bought on 2026-11-12; since then: " r &&
	reason "Rita Ready" >r && test_grep "^every gate open since 2026-11-15: ask what would make it safe to choose now$" r &&
	candor pipeline --json >p.json &&
	for n in "José Núñez" "Priya Shah" "Marco Bianchi" "Rita Ready"; do
		web=$(reason "$n") && test "$web" != none &&
		cli=$(python3 -c "import json,sys; print(next(b[\"reason\"] for b in json.load(open(sys.argv[1]))[\"buyers\"] if b[\"contact\"][\"name\"] == sys.argv[2]))" p.json "$n") &&
		{ test "$web" = "$cli" || { echo "web: $web / cli: $cli" >&2; return 1; }; } || return 1
	done &&
	candor pipeline >out && test_grep "Rita Ready .*every gate open since 2026-11-15" out &&
	test_grep "Marco Bianchi .*bought on 2026-11-12" out
'
test_expect 'one stage alone pages under a sort: the next link keeps it, each buyer once, in the CLI order' '
	for i in $(seq 1 55); do
		candor contact add "Bulk $i" --account Fabrikam >/dev/null &&
		candor promise "Bulk $i" --at 2026-11-01 --due "2026-12-$(printf %02d $(( (i * 7) % 28 + 1 )))" "step $i" >/dev/null || return 1
	done &&
	expect_status 200 "$(http GET "/?stage=new&sort=due")" && cards >paged &&
	next=$(grep -o "href=\"/?stage=new&after=[^\"]*\"" "$TRASH/body" | sed "s/^href=\"//; s/\"$//") &&
	case $next in *"sort=due"*) ;; *) echo "the next link forgot the sort: $next" >&2; false ;; esac &&
	expect_status 200 "$(http GET "$next")" && cards >>paged &&
	test "$(wc -l <paged)" -eq "$(sort -u paged | wc -l)" &&
	candor pipeline --sort due --json >all.json &&
	python3 -c "import json,sys; [print(b[\"contact\"][\"name\"]) for b in json.load(open(sys.argv[1]))[\"buyers\"] if b[\"stage\"] == \"new\"]" all.json >want &&
	test "$(wc -l <want)" -gt 50 && test_cmp want paged
'
test_expect 'the account filter takes an account by its name in any case, or by #id' '
	expect_status 200 "$(http GET "/?account=FABRIKAM")" && cards | grep -v "^Bulk" | sort >got &&
	printf "Marco Bianchi\nRita Ready\n" >want && test_cmp want got &&
	expect_status 200 "$(http GET "/?account=%231")" && cards | sort >got &&
	printf "José Núñez\nPriya Shah\n" >want && test_cmp want got &&
	expect_status 200 "$(http GET "/?account=++contoso+")" && cards | sort >got && test_cmp want got
'
test_expect 'the pipeline API says so when its account id names none, never lists everyone' '
	expect_status 200 "$(http GET "/api/v1/pipeline?account=1")" &&
	python3 -c "import json,sys; n=sorted(b[\"contact\"][\"name\"] for b in json.load(open(sys.argv[1]))[\"buyers\"]); sys.exit(n != [\"José Núñez\", \"Priya Shah\"])" "$TRASH/body" &&
	expect_status 400 "$(http GET "/api/v1/pipeline?account=nobody")" &&
	test "$(jget "$TRASH/body" field)" = account &&
	expect_status 404 "$(http GET "/api/v1/pipeline?account=999")" &&
	test "$(jget "$TRASH/body" field)" = account
'
test_expect 'the pipeline API gives each buyer'"'"'s kept whole answer: what pipeline --json gives, a damaged one made again' '
	candor pipeline --json >cli.json &&
	expect_status 200 "$(http GET /api/v1/pipeline)" && cp "$TRASH/body" api.json &&
	test "$(jget api.json buyers.#)" -ge 5 &&
	same_buyers() {
		python3 -c "
import json, sys
a, b = (json.load(open(f))[\"buyers\"] for f in sys.argv[1:3])
sys.exit(0 if a == b else 1)" "$1" "$2"
	} &&
	same_buyers cli.json api.json &&
	db_sql "UPDATE assessments SET doc = replace(doc, '"'\"stage\"'"', '"'\"stage\" \"stage\"'"')
		WHERE id = (SELECT min(id) FROM contacts)" >/dev/null &&
	expect_status 200 "$(http GET /api/v1/pipeline)" && cp "$TRASH/body" api2.json &&
	same_buyers cli.json api2.json &&
	expect_status 200 "$(http GET "/api/v1/pipeline?limit=2")" && test "$(jget "$TRASH/body" buyers.#)" -eq 2
'
test_expect 'a buyer'"'"'s status API is their kept whole answer (the pipeline'"'"'s, without its reason); a damaged one is made again, a write is seen at once' '
	expect_status 200 "$(http GET /api/v1/pipeline)" && cp "$TRASH/body" pl.json &&
	id=$(python3 -c "import json; print(json.load(open(\"pl.json\"))[\"buyers\"][0][\"contact\"][\"id\"])") &&
	expect_status 200 "$(http GET /api/v1/contacts/$id/status)" && cp "$TRASH/body" st.json &&
	python3 -c "
import json, sys
b = json.load(open(\"pl.json\"))[\"buyers\"][0]
del b[\"reason\"]
sys.exit(0 if json.load(open(\"st.json\")) == b else 1)" &&
	expect_status 200 "$(http GET "/api/v1/contacts/$id/status?at=$(jget st.json at)")" &&
	python3 -c "
import json, sys
sys.exit(0 if json.load(open(\"st.json\")) == json.loads(sys.stdin.read()) else 1)" <"$TRASH/body" &&
	db_sql "UPDATE assessments SET doc = replace(doc, '"'trust'"', '"'trusx'"') WHERE id = $id" >/dev/null &&
	test "$(db_sql "SELECT count(*) FROM assessments WHERE id = $id AND doc LIKE '"'%trusx%'"'")" = 1 &&
	expect_status 200 "$(http GET /api/v1/contacts/$id/status)" && test_no_grep "trusx" "$TRASH/body" &&
	python3 -c "
import json, sys
sys.exit(0 if json.load(open(\"st.json\")) == json.loads(sys.stdin.read()) else 1)" <"$TRASH/body" &&
	candor promise "#$id" --at 2026-11-10 --due 2026-11-20 "send the status test sheet" >/dev/null &&
	expect_status 200 "$(http GET /api/v1/contacts/$id/status)" && cp "$TRASH/body" st2.json &&
	! cmp -s st.json st2.json &&
	expect_status 200 "$(http GET "/api/v1/contacts/$id/status?at=$(jget st2.json at)")" &&
	python3 -c "
import json, sys
sys.exit(0 if json.load(open(\"st2.json\")) == json.loads(sys.stdin.read()) else 1)" <"$TRASH/body"
'
test_expect 'with more accounts than a menu holds, the account is typed: by name or #id, on the filter and the add-buyer form' '
	expect_status 200 "$(http GET /)" && test_grep "<select name=\"account\"" "$TRASH/body" &&
	for i in $(seq 1 100); do printf "Client %03d\n" $i; done >names &&
	while read -r n; do candor account add "$n" --owner "Sam Seller" >/dev/null || return 1; done <names &&
	expect_status 200 "$(http GET /)" &&
	test_no_grep "<select name=\"account\"" "$TRASH/body" &&
	test "$(grep -o "<input type=\"text\" name=\"account\"" "$TRASH/body" | wc -l)" -eq 2 &&
	test_no_grep "Client 050" "$TRASH/body" &&
	test "$(wc -c <"$TRASH/body")" -lt 30000 &&
	expect_status 200 "$(http GET "/?account=contoso")" && cards | sort >got &&
	printf "José Núñez\nPriya Shah\n" >want && test_cmp want got &&
	test_grep "name=\"account\" value=\"contoso\"" "$TRASH/body" &&
	csrf=$(grep -o "name=\"csrf\" value=\"[0-9a-f]*\"" "$TRASH/body" | head -1 | cut -d\" -f4) &&
	expect_status 303 "$(http POST /contacts -d "csrf=$csrf" -d "name=Typed In" -d "account=client 042")" &&
	candor show "Typed In" >shown && test_grep "Client 042" shown &&
	expect_status 404 "$(http POST /contacts -d "csrf=$csrf" -d "name=Nobody" -d "account=Client 999")" &&
	test_grep "no account &#39;Client 999&#39; among those you may see" "$TRASH/body" &&
	candor show Nobody 2>/dev/null; test $? -ne 0
'
test_expect 'two accounts of one name that the user sees both: said, with their ids, and nothing shown or added' '
	candor account add Contoso --owner "Ann Other" >id2 &&
	expect_status 409 "$(http GET "/?account=Contoso")" &&
	test_grep "2 accounts are called &#39;Contoso&#39; (#1, #[0-9]*): give its #id" "$TRASH/body" &&
	test_no_grep "class=\"buyer" "$TRASH/body" &&
	expect_status 409 "$(http POST /contacts -d "csrf=$csrf" -d "name=Twice" -d "account=contoso")" &&
	candor show Twice 2>/dev/null; test $? -ne 0
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' '[ $stopped -eq 0 ] || { cat "$TRASH/serve.err" >&2; false; }'
test_done
