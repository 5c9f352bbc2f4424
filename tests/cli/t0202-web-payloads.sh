#!/usr/bin/env bash
# candor serve: hostile text through every form and API field comes back
# escaped or inert, the database survives; the OpenAPI document matches the
# router both ways.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"

candor init >/dev/null
candor account add North >/dev/null
candor contact add "Dana Reyes" --account North >/dev/null
candor import "$CANDOR_TOP/tests/data/transcripts/teams-discovery.vtt" --with Dana \
	--seller "Sam Seller" --at 2026-11-20 >/dev/null 2>&1
candor promise Dana --due 2026-12-01 "send the case study" >/dev/null
candor expect Dana --by 2026-12-01 "a reply to the case study" >/dev/null
serve_start
csrf=$(curl -s "$B/" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | cut -d'"' -f4)

payloads=('<script>alert(1)</script>' "'; DROP TABLE accounts; --" '"quoted" & <angle> brackets' \
	  '<img src=x onerror=alert(1)>')
i=0
for p in "${payloads[@]}"; do
	i=$((i + 1))
	test_expect "payload $i through every form field is stored and shown escaped" '
		expect_status 303 "$(http POST /accounts --data-urlencode "name=$p" --data-urlencode "note=$p" -d csrf=$csrf)" &&
		acc=$(db_sql "SELECT max(id) FROM accounts") &&
		expect_status 303 "$(http POST /contacts --data-urlencode "name=$p" -d account=$acc --data-urlencode "role=$p" --data-urlencode "email=$p" -d csrf=$csrf)" &&
		c=$(db_sql "SELECT max(id) FROM contacts") &&
		expect_status 303 "$(http POST /buyers/$c/log --data-urlencode "text=$p" -d csrf=$csrf)" &&
		expect_status 303 "$(http POST /buyers/$c/promise --data-urlencode "text=$p" -d due=2026-12-24 -d csrf=$csrf)" &&
		expect_status 303 "$(http POST /buyers/$c/fact -d kind=worried --data-urlencode "text=$p" --data-urlencode "source=$p" -d csrf=$csrf)" &&
		expect_status 422 "$(http POST /buyers/$c/log -d kind=x --data-urlencode "text=$p" -d csrf=$csrf)" &&
		expect_status 422 "$(http POST /buyers/$c/promise --data-urlencode "text=$p" --data-urlencode "due=$p" -d csrf=$csrf)" &&
		test_no_grep "<script>|<img|<angle>" "$TRASH/body" &&
		for page in / /buyers/$c "/?seller=$(printf %s "$p" | sed "s/ /+/g;s/&/%26/g;s/;/%3B/g")"; do
			expect_status 200 "$(http GET "$page")" &&
			test_no_grep "<script>|<img|<angle>|\"quoted\"" "$TRASH/body" || exit 1
		done &&
		test_grep "&lt;|&#39;|&quot;" "$TRASH/body"
	'
	test_expect "payload $i through the API comes back as the same JSON string" '
		body=$(python3 -c "import json,sys; print(json.dumps({\"name\": \"api \" + sys.argv[1], \"note\": sys.argv[1]}))" "$p") &&
		expect_status 201 "$(http POST /api/v1/accounts -H "Content-Type: application/json" --data-binary "$body")" &&
		expect_status 200 "$(http GET /api/v1/accounts)" &&
		python3 -c "import json,sys; a=json.load(open(sys.argv[1]))[\"accounts\"]; assert any(x[\"name\"]==\"api \"+sys.argv[2] and x[\"note\"]==sys.argv[2] for x in a)" "$TRASH/body" "$p" &&
		curl -s -D hdr -o /dev/null "$B/api/v1/accounts" &&
		test_grep "^Content-Type: application/json" hdr && test_grep "^X-Content-Type-Options: nosniff" hdr
	'
done
test_expect 'the database survives' '
	if on_postgres; then
		db_sql "SELECT (count(*) > 8)::int FROM accounts" >out && printf "1\n" >expect
	else
		sqlite3 "$CANDOR_DB" "PRAGMA integrity_check; SELECT count(*) > 8 FROM accounts;" >out &&
		printf "ok\n1\n" >expect
	fi && test_cmp expect out && candor pipeline >/dev/null
'
test_expect 'a conversation page with a hostile transcript stays inert' '
	printf "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Sam Seller>What <b>matters</b> to you?\n\n00:00:03.000 --> 00:00:04.000\n<v Dana>Honestly, &lt;script&gt;alert(1)&lt;/script&gt; keeps us up.\n" >evil.vtt &&
	expect_status 303 "$(http POST /buyers/1/upload -F csrf=$csrf -F file=@evil.vtt -F "seller=Sam Seller")" &&
	id=$(db_sql "SELECT max(id) FROM interactions") &&
	expect_status 200 "$(http GET /interactions/$id)" && test_no_grep "<script>" "$TRASH/body" &&
	test_grep "&lt;script&gt;" "$TRASH/body"
'
test_expect 'every /api/v1 route is in openapi.json, every documented path answers' '
	expect_status 200 "$(http GET /api/v1/openapi.json)" && cp "$TRASH/body" openapi.json &&
	python3 - "$CANDOR_TOP/src/web/routes.c" openapi.json >pairs <<-PY &&
	import json, re, sys
	routes = re.findall(r"\{ WEB_(GET|POST|PATCH|DELETE), \"(/api/v1/[^\"]*)\"", open(sys.argv[1]).read())
	doc = json.load(open(sys.argv[2]))
	assert doc["openapi"].startswith("3."), "not OpenAPI 3"
	missing = [(m, p) for m, p in routes if m.lower() not in doc["paths"].get(p, {})]
	assert not missing, "routes missing from openapi.json: %s" % missing
	for p, ops in doc["paths"].items():
	    for m in ops:
	        print(m.upper(), p.replace("{id}", "1"))
	PY
	test $(wc -l <pairs) -ge 17 &&
	while read -r m p; do
		if [ "$m" = POST ] || [ "$m" = PATCH ]; then
			s=$(http "$m" "$p" -H "Content-Type: application/json" -d "{}")
		elif [ "$m" = DELETE ]; then   # unconfirmed: 422, nothing deleted
			s=$(http DELETE "$p")
		else
			s=$(http GET "$p")
		fi
		case $s in 404|405|5*) echo "$m $p answered $s" >&2; cat "$TRASH/body" >&2; exit 1;; esac
	done <pairs
'
test_expect 'the API lists are paged with cursors, as openapi.json says' '
	python3 - openapi.json <<-PY &&
	import json, sys
	doc = json.load(open(sys.argv[1]))
	for p in ("/api/v1/accounts", "/api/v1/contacts", "/api/v1/pipeline"):
	    names = [q["name"] for q in doc["paths"][p]["get"].get("parameters", [])]
	    assert "limit" in names and "after" in names, "%s is not paged: %s" % (p, names)
	    props = doc["paths"][p]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["properties"]
	    assert "next" in props, "%s says no next" % p
	PY
	for l in accounts contacts pipeline; do
		key=$l; [ $l = pipeline ] && key=buyers
		expect_status 200 "$(http GET "/api/v1/$l?limit=1")" && cp "$TRASH/body" one.json &&
		test "$(jget one.json $key.#)" -eq 1 && next=$(jget one.json next) && test "$next" != null &&
		expect_status 200 "$(http GET "/api/v1/$l?limit=1000&after=$next")" && cp "$TRASH/body" rest.json &&
		expect_status 200 "$(http GET "/api/v1/$l")" && cp "$TRASH/body" all.json &&
		test $(( $(jget rest.json $key.#) + 1 )) -eq "$(jget all.json $key.#)" &&
		test "$(jget rest.json next)" = null || return 1
	done &&
	expect_status 400 "$(http GET "/api/v1/pipeline?limit=0")" &&
	expect_status 422 "$(http GET "/api/v1/accounts?after=nonsense")"
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' '[ $stopped -eq 0 ] || { cat serve.err >&2; false; }'
test_done
