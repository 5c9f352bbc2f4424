#!/usr/bin/env bash
# t0205: the conversation page corrects the analyser: "not CATEGORY" on a
# signal, "add" on an utterance, kept as corrections exactly as the CLI's
# `candor signal` keeps them; a refused correction changes nothing.
. "$CANDOR_TOP/tests/cli/lib.sh"
. "$CANDOR_TOP/tests/cli/web-lib.sh"

test_expect 'setup: an imported call, and a long one (1,100 turns)' '
	candor init >/dev/null &&
	candor account add Northwind >/dev/null &&
	candor contact add "Dana Reyes" --account Northwind >/dev/null &&
	candor import "$DATA/discovery-call.vtt" --with Dana --at 2026-11-18 >/dev/null 2>&1 &&
	for i in $(seq 1 550); do echo "Sam Seller: point number $i about the rollout."; echo "Dana Reyes: noted, item $i."; done >long.txt &&
	candor import long.txt --with Dana --at 2026-11-19 >/dev/null 2>&1
'
serve_start

test_expect 'the conversation page offers a correction under each utterance' '
	expect_status 200 "$(http GET /interactions/1)" &&
	test_grep "<div id=\"utt-3\">" "$TRASH/body" &&
	test_grep "Correct what was found" "$TRASH/body" &&
	test_grep "action=\"/signals/[0-9]+/wrong\"><input type=\"hidden\" name=\"csrf\"" "$TRASH/body" &&
	test_grep ">not stall</button>" "$TRASH/body" &&
	test_grep "action=\"/interactions/1/signal\"" "$TRASH/body"
'

test_expect '"not stall" takes the stall away and keeps a correction; back at the utterance' '
	sid=$(grep -o "action=\"/signals/[0-9]*/wrong\"><input type=\"hidden\" name=\"csrf\" value=\"[0-9a-f]*\"><button class=\"plain\" title=\"[^\"]*\">not stall" "$TRASH/body" | sed "s|.*/signals/\([0-9]*\)/wrong.*|\1|") &&
	csrf=$(grep -o "name=\"csrf\" value=\"[0-9a-f]*\"" "$TRASH/body" | head -1 | cut -d\" -f4) &&
	test -n "$sid" && test -n "$csrf" && echo "$csrf" >csrf &&
	expect_status 303 "$(http POST /signals/$sid/wrong -d csrf=$csrf -D "$TRASH/headers")" &&
	test_grep "^Location: /interactions/1\?from=0#utt-3" "$TRASH/headers" &&
	candor signal list --json >l.json &&
	test "$(jget l.json "#")" = 1 &&
	test "$(jget l.json 0.verdict)" = wrong &&
	test "$(jget l.json 0.category)" = stall &&
	expect_status 200 "$(http GET /interactions/1)" &&
	test_no_grep ">not stall</button>" "$TRASH/body"
'

test_expect '"add" puts in what the analyser missed' '
	csrf=$(cat csrf) &&
	expect_status 303 "$(http POST /interactions/1/signal -d csrf=$csrf -d utterance=3 -d category=social)" &&
	candor signal list --json >l.json &&
	test "$(jget l.json "#")" = 2 &&
	test "$(jget l.json 1.verdict)" = missing &&
	expect_status 200 "$(http GET /interactions/1)" &&
	test_grep ">not social</button>" "$TRASH/body"
'

test_expect 'refused: a seller-only category on a buyer line, no such utterance, no CSRF; nothing changes' '
	csrf=$(cat csrf) &&
	db_dump >before &&
	expect_status 422 "$(http POST /interactions/1/signal -d csrf=$csrf -d utterance=3 -d category=pressure)" &&
	test_grep "not said by the buyer" "$TRASH/body" &&
	test "$(http POST /interactions/1/signal -d csrf=$csrf -d utterance=9 -d category=stall)" = 404 &&
	expect_status 422 "$(http POST /interactions/1/signal -d csrf=$csrf -d utterance=x -d category=stall)" &&
	expect_status 403 "$(http POST /interactions/1/signal -d utterance=3 -d category=candor)" &&
	none=$(( $(db_sql "SELECT coalesce(max(id), 0) FROM signals") + 1 )) &&
	test "$(http POST /signals/$none/wrong -d csrf=$csrf)" = 404 &&
	db_dump >after &&
	test_cmp before after
'

test_expect 'the API: a missed category added, corrections listed, a signal taken away' '
	expect_status 201 "$(http POST /api/v1/interactions/1/signals -H "Content-Type: application/json" -d "{\"utterance\":1,\"category\":\"candor\"}")" &&
	test "$(jget "$TRASH/body" correction)" = 3 &&
	expect_status 200 "$(http GET /api/v1/interactions/1/corrections)" &&
	test "$(jget "$TRASH/body" "#")" = 3 &&
	test "$(jget "$TRASH/body" 2.category)" = candor &&
	test "$(jget "$TRASH/body" 2.verdict)" = missing &&
	sid=$(db_sql "SELECT id FROM signals WHERE category = '"'"'disclosure'"'"' AND withdrawn = 0 LIMIT 1") &&
	expect_status 200 "$(http POST /api/v1/signals/$sid/wrong -H "Content-Type: application/json" -d "{}")" &&
	test "$(jget "$TRASH/body" correction)" = 4 &&
	test -z "$(db_sql "SELECT id FROM signals WHERE category = '"'"'disclosure'"'"' AND withdrawn = 0")"
'

test_expect 'the API refuses a wrong type, a missing utterance, a missing signal; nothing changes' '
	db_dump >before &&
	expect_status 422 "$(http POST /api/v1/interactions/1/signals -H "Content-Type: application/json" -d "{\"utterance\":\"1\",\"category\":\"stall\"}")" &&
	test_grep "\"field\": ?\"utterance\"" "$TRASH/body" &&
	expect_status 404 "$(http POST /api/v1/interactions/1/signals -H "Content-Type: application/json" -d "{\"utterance\":7,\"category\":\"stall\"}")" &&
	none=$(( $(db_sql "SELECT coalesce(max(id), 0) FROM signals") + 1 )) &&
	expect_status 404 "$(http POST /api/v1/signals/$none/wrong -H "Content-Type: application/json" -d "{}")" &&
	expect_status 404 "$(http GET /api/v1/interactions/99/corrections)" &&
	db_dump >after &&
	test_cmp before after
'

test_expect 'a long call is paged: 500 utterances a page, with earlier and later' '
	expect_status 200 "$(http GET /interactions/2)" &&
	test_grep "utterances 1–500 of 1100 · <a href=\"/interactions/2\?from=500\">later</a>" "$TRASH/body" &&
	test "$(grep -o "<div id=\"utt-[0-9]*\">" "$TRASH/body" | wc -l)" = 500 &&
	expect_status 200 "$(http GET "/interactions/2?from=1000")" &&
	test_grep "utterances 1001–1100 of 1100 · <a href=\"/interactions/2\?from=500\">earlier</a>" "$TRASH/body" &&
	test_grep "<div id=\"utt-1099\">" "$TRASH/body" &&
	test_no_grep "<div id=\"utt-999\">" "$TRASH/body" &&
	expect_status 400 "$(http GET "/interactions/2?from=x")" &&
	expect_status 200 "$(http GET /interactions/1)" &&
	test_no_grep "class=\"pager\"" "$TRASH/body"
'

serve_stop; stopped=$?
test_expect 'the server stops cleanly (no sanitizer report)' '
	[ $stopped -eq 0 ] || { cat serve.err >&2; false; }
'

test_done
