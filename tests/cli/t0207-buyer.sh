#!/usr/bin/env bash
# The buyer page and the conversation page on the demo's four buyers
# (demo/story.sh): one next step for both front doors, every kind of
# evidence shown with its date, gates open or shut with their evidence, a
# decided buyer said so, every number opening into the records the model
# counted, the chart's marks and steps, and the conversation page's heading,
# legend and metrics.  Runs on both backends.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"

# the demo as demo/run tells it (its today: 2026-11-25)
export CANDOR_NOW=2026-11-25
candor init >/dev/null
quiet() { "$@" >/dev/null 2>&1; }
id() { "$CANDOR" "$@" 2>/dev/null; }
proposal() {
	"$CANDOR" show interaction "$1" --json |
		python3 -c 'import json,sys; print(next(p["id"] for p in json.load(sys.stdin)["proposals"] if p["kind"] == sys.argv[1]))' "$2"
}
candor="quiet $CANDOR"
calls="$CANDOR_TOP/demo/calls"
# shellcheck source=demo/story.sh
. "$CANDOR_TOP/demo/story.sh"
unset candor
# a buyer every gate is open for (contact 5)
candor contact add "Ravi Patel" --account Contoso --role "Plant manager" >/dev/null
{
candor log "Ravi Patel" --kind call --at 2026-11-02 "first call about line 3"
candor learn "Ravi Patel" --kind bothering --at 2026-11-02 "unplanned stops on line 3"
candor learn "Ravi Patel" --kind hoped --at 2026-11-02 "a month without an unplanned stop"
candor log "Ravi Patel" --kind meeting --at 2026-11-09 --said candor:"can I be honest with you" "line walk"
candor learn "Ravi Patel" --kind worried --at 2026-11-09 "his team is stretched thin"
candor learn "Ravi Patel" --kind criteria --at 2026-11-09 "payback inside a year"
p=$(candor promise "Ravi Patel" --at 2026-11-09 --due 2026-11-12 "send the downtime study") &&
candor kept "$p" --at 2026-11-11
p=$(candor promise "Ravi Patel" --at 2026-11-11 --due 2026-11-16 "a pilot plan for line 3") &&
candor kept "$p" --at 2026-11-14
candor log "Ravi Patel" --kind email --inbound --at 2026-11-13 "he sent the downtime log"
candor fit "Ravi Patel" --verdict good --at 2026-11-16 "fits line 3; the sensors are already there"
} >/dev/null

serve_start
# page N: the buyer page of contact N into buyer-N.html, as text into buyer-N.txt
page() {
	expect_status 200 "$(http GET "$1")" && cp "$TRASH/body" "$2.html" &&
	python3 - "$2.html" >"$2.txt" <<-'PY'
	import html, re, sys
	s = open(sys.argv[1]).read()
	s = re.sub(r"<(li|p|h[1-3]|div|tr|summary)([ >])", r"\n<\1\2", s)
	print(html.unescape(re.sub(r"<[^>]+>", "", s)))
	PY
}

test_expect 'the web and candor status give each demo buyer the same next step' '
	for n in "Dana Reyes" "Priya Shah" "Marco Bianchi" "Lee Chen"; do
		candor status "$n" --json >st.json &&
		c=$(jget st.json contact.id) &&
		page "/buyers/$c" b &&
		python3 - b.html "$(jget st.json next_step)" <<-'\''PY'\'' || return 1
		import html, re, sys
		m = re.search(r"<span id=\"next-step\">(.*?)</span>", open(sys.argv[1]).read())
		web = html.unescape(m.group(1)) if m else None
		if web != sys.argv[2]:
		    sys.exit(f"web: {web!r}\ncli: {sys.argv[2]!r}")
		PY
	done
'
test_expect 'the profile is said in the words of candor status' '
	candor status "Priya Shah" >st.txt && page /buyers/3 b &&
	want=$(sed -n "s/^profile \(moves [a-z]* · decides by [a-z]*\).*/\1/p" st.txt) &&
	test -n "$want" && test_grep "profile $want" b.txt
'
test_expect 'Dana: the email, value given and received, with dates' '
	page /buyers/1 dana &&
	test_grep "href=\"mailto:dana@northwind.example\"" dana.html &&
	test_grep "2026-10-09 you gave: benchmark of close times" dana.txt &&
	test_grep "2026-10-12 they gave: their close calendar" dana.txt &&
	test_grep "no decision yet" dana.txt && test_grep "not explored yet" dana.txt
'
test_expect 'Priya: expectations with dates, fit, the --said candour under its meeting, linked' '
	page /buyers/3 priya &&
	test_grep "pilot results on line 2 within four weeks, by 2026-11-08: met on 2026-11-06 \(set 2026-10-08\)" priya.txt &&
	test_grep "2026-11-10 good: fits both plants" priya.txt &&
	test_grep "id=\"interaction-[0-9]+\">2026-10-08 meeting: <a href=\"/interactions/[0-9]+\">plant walk-through</a><br><span id=\"signal-[0-9]+\">they said: <mark class=\"candor\">can I be honest with you</mark>" priya.html
'
test_expect 'a ready buyer: every gate open, each with the evidence that opened it' '
	page /buyers/5 ravi &&
	test_grep "stage <strong>ready</strong>" ravi.html &&
	for g in know like trust ready; do
		test_grep "<div class=\"gate\" id=\"gate-$g\"><strong class=\"open\">$g open</strong><ul><li>because " ravi.html || return 1
	done &&
	test_grep "because real communication: they said \"can I be honest with you\" \(candor, 2026-11-09\) evidence: signal #[0-9]+" ravi.txt &&
	test_grep "because fit explored together on 2026-11-16: good" ravi.txt &&
	test_grep "because criteria known: \"payback inside a year\"" ravi.txt &&
	test_grep "because they reached out on 2026-11-13: he sent the downtime log evidence: interaction #[0-9]+" ravi.txt
'
test_expect 'an evidence link of a logged signal goes to it on the page; of a transcript, to the conversation' '
	sig=$(grep -o "evidence: signal #[0-9]*" ravi.txt | head -1 | tr -dc 0-9) &&
	test_grep "<a href=\"#signal-$sig\">evidence: signal #$sig</a>" ravi.html &&
	test_grep "<span id=\"signal-$sig\">they said: <mark class=\"candor\">can I be honest with you</mark>" ravi.html &&
	test_grep "<a href=\"/interactions/[0-9]+#signal-[0-9]+\">evidence: signal #[0-9]+</a>" dana.html
'
test_expect 'Marco decided: the gates say "decided: bought on" its date, not an empty "ready shut"' '
	page /buyers/4 marco &&
	test_grep "decided: bought on 2026-09-10: signed for 60 stores evidence: decision #1" marco.txt &&
	test_grep "id=\"decision-1\">2026-09-10 <strong>they bought</strong>" marco.html &&
	python3 - marco.html <<-'\''PY'\''
	import re, sys
	s = open(sys.argv[1]).read()
	for g in re.findall(r"<div class=\"gate\".*?</div>", s):
	    if re.search(r"shut</strong><ul></ul>", g):
	        sys.exit("a shut gate with nothing said: " + g)
	PY
'
test_expect 'every number links to its records: trust and each component' '
	test_grep "<a href=\"#why\">trust <strong>0\.[0-9]+</strong></a>" dana.html &&
	for k in credibility reliability intimacy self-orientation; do
		test_grep "<a href=\"/buyers/1\?open=$k#why-$k\">$k 0\.[0-9]+</a>" dana.html &&
		test_grep "<details id=\"why-$k\"><summary>$k <strong>" dana.html || return 1
	done &&
	expect_status 200 "$(http GET "/buyers/1?open=reliability")" &&
	test_grep "<details id=\"why-reliability\" open>" "$TRASH/body"
'
test_expect 'Dana: reliability opens into the broken promise (lowered, dated, linked) and the kept ones' '
	python3 - dana.html >rel.txt <<-'\''PY'\'' &&
	import html, re, sys
	s = open(sys.argv[1]).read()
	d = re.search(r"<details id=\"why-reliability\".*?</details>", s).group(0)
	print(html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<li>", "\n", d))))
	PY
	test_grep "^lowered 2026-11-04: promise \"introduce her to a reference customer CFO\" broken \(-[0-9.]+\) evidence: commitment #2" rel.txt &&
	test_grep "^raised 2026-10-09: promise \"send the Fabrikam close-process case study\" kept on time" rel.txt &&
	test_grep "<a href=\"#commitment-2\">" dana.html && test_grep "id=\"commitment-2\"" dana.html
'
test_expect 'the chart: a mark per event date, the broken promise a drop on its day, cooling shaded' '
	test_grep "<a class=\"mark\" href=\"#ev-[0-9]+\" data-at=\"2026-11-04\"><title>2026-11-04: promise broken: introduce her" dana.html &&
	test_grep "<li id=\"ev-[0-9]+\">2026-11-04: promise broken: introduce her to a reference customer CFO \(trust 0\.[0-9]+ → 0\.[0-9]+\)" dana.html &&
	test_grep "data-series=\"reliability-uncertainty\"" dana.html &&
	test_grep "self-orientation: lower is better" dana.html &&
	page /buyers/2 lee && test_grep "<rect class=\"cooling\"" lee.html &&
	test_grep "cooling: 30 days since the last two-way contact \(2026-09-15\)" lee.txt &&
	test_no_grep "<rect class=\"cooling\"" dana.html
'
test_expect 'the conversation page: buyer and date in the heading, the file as a detail, a legend' '
	call=$(grep -o "href=\"/interactions/[0-9]*\">transcript northwind-pricing" dana.html | tr -dc 0-9 | head -c 9) &&
	page "/interactions/$call" talk &&
	test_grep "<h1>Call with Dana Reyes, 2026-11-18</h1>" talk.html &&
	test_grep "from the file <span class=\"file\">northwind-pricing.vtt</span>" talk.html &&
	test_grep "<div class=\"marks-legend\" id=\"legend\">" talk.html &&
	test_grep "<li><span class=\"swatch stall\">stall</span> a stall: trust has not stabilised yet</li>" talk.html &&
	test_grep "<details id=\"questions\"><summary>Questions: you [0-9]+, the buyer [0-9]+</summary>" talk.html &&
	test_grep "<details id=\"talk-share\"><summary>You talked" talk.html &&
	test_grep "<li><a href=\"#utt-[0-9]+\">Sam Seller: " talk.html
'
test_expect 'a logged call: no empty metrics card, "no transcript: logged by hand", its signals' '
	mid=$(grep -o "href=\"/interactions/[0-9]*\">plant walk-through" priya.html | tr -dc 0-9) &&
	page "/interactions/$mid" logged &&
	test_grep "<h1>Meeting with Priya Shah, 2026-10-08</h1>" logged.html &&
	test_grep "no transcript: logged by hand" logged.txt &&
	test_grep "they said: <mark class=\"candor\">can I be honest with you</mark>" logged.html &&
	test_no_grep "What was said" logged.html
'
test_expect 'candor status --explain opens the same numbers: the broken promise, what opened LIKE' '
	candor status "Dana Reyes" --explain >ex.txt &&
	sed -n "/^  reliability /,/^  intimacy /p" ex.txt >rel-cli.txt &&
	test_grep "^        -[0-9.]+  2026-11-04  promise \"introduce her to a reference customer CFO\" broken  \[commitment #2\]$" rel-cli.txt &&
	test_grep "^  LIKE open because$" ex.txt &&
	test_grep "they reached out on 2026-10-12: she replied with their close calendar  \[interaction #2\]" ex.txt &&
	candor status "Dana Reyes" >plain.txt && test_no_grep "why these numbers" plain.txt
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' '[ $stopped -eq 0 ] || { cat "$TRASH/serve.err" >&2; false; }'
test_done
