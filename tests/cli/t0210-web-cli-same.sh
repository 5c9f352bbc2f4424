#!/usr/bin/env bash
# One scenario through both front doors: the CLI on one database, the web's
# JSON API (the real server) on another.  The same promises with the same
# fates (on time, late, renegotiated in time then kept, renegotiated late
# then kept, broken), expectations met and missed, a fact, value, fit and a
# decision; the exported ledgers (`candor export --format json`) must be
# equal, and both must say "kept_late" where the promise was renegotiated
# only after it was due.  Runs on both backends.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web-lib.sh"

# two databases on the pass's backend (SQLite files, or PostgreSQL databases)
CLI_DB=$(another_db cli) && WEB_DB=$(another_db web) ||
	{ echo "not ok 1 - could not make the two databases"; exit 1; }

# the scenario, once, as "verb|fields" lines both drivers read
cat >scenario <<'EOF'
account|North
contact|Dana Reyes
log|2026-11-10|first call
promise|2026-11-10|2026-11-20|p1 kept on time
promise|2026-11-10|2026-11-15|p2 kept late
promise|2026-11-10|2026-11-20|p3 renegotiated late, then kept
promise|2026-11-10|2026-11-16|p4 renegotiated in time, then kept
promise|2026-11-10|2026-11-18|p5 broken
expect|2026-11-10|2026-11-17|e1 a reply within the week
expect|2026-11-10|2026-11-18|e2 the pilot data
kept|1|2026-11-20T17:00
kept|2|2026-11-18
renegotiate|3|2026-11-22|2026-11-24
kept|3|2026-11-23
renegotiate|4|2026-11-14|2026-11-21
kept|4|2026-11-21
broken|5|2026-11-19
met|1|2026-11-16
missed|2|2026-11-20
learn|2026-11-10|worried|high|another failed rollout
value|2026-11-12|given|an introduction to a peer CFO
fit|2026-11-14|partial|good for close, weak for audit
decide|2026-11-24|bought|signed the pilot
EOF

cli_step() {
	local IFS='|'; set -- $1
	local v=$1; shift
	case $v in
	account) candor account add "$1" ;;
	contact) candor contact add "$1" --account North ;;
	log) candor log "Dana Reyes" --at "$1" "$2" ;;
	promise) candor promise "Dana Reyes" --at "$1" --due "$2" "$3" ;;
	expect) candor expect "Dana Reyes" --at "$1" --by "$2" "$3" ;;
	kept|broken) candor "$v" "$1" --at "$2" ;;
	renegotiate) candor renegotiate "$1" --at "$2" --due "$3" ;;
	met|missed) candor "$v" "$1" --at "$2" ;;
	learn) candor learn "Dana Reyes" --at "$1" --kind "$2" --confidence "$3" "$4" ;;
	value) candor value "Dana Reyes" "$2" --at "$1" "$3" ;;
	fit) candor fit "Dana Reyes" --at "$1" --verdict "$2" "$3" ;;
	decide) candor decide "Dana Reyes" "$2" --at "$1" --note "$3" ;;
	esac
}

# post PATH JSON WANT: POST to the API, the status must be WANT
post() {
	local got
	got=$(http POST "$1" -H 'Content-Type: application/json' --data-binary "$2")
	expect_status "$3" "$got"
}

web_step() {
	local IFS='|'; set -- $1
	local v=$1; shift
	case $v in
	account) post /api/v1/accounts "{\"name\":\"$1\"}" 201 ;;
	contact) post /api/v1/contacts "{\"name\":\"$1\",\"account\":1}" 201 ;;
	log) post /api/v1/interactions "{\"contact\":1,\"at\":\"$1\",\"text\":\"$2\"}" 201 ;;
	promise) post /api/v1/commitments "{\"contact\":1,\"at\":\"$1\",\"due\":\"$2\",\"text\":\"$3\"}" 201 ;;
	expect) post /api/v1/expectations "{\"contact\":1,\"at\":\"$1\",\"by\":\"$2\",\"text\":\"$3\"}" 201 ;;
	kept|broken) post "/api/v1/commitments/$1/$v" "{\"at\":\"$2\"}" 200 &&
		cp "$TRASH/body" "$TRASH/$v-$1.json" ;;
	renegotiate) post "/api/v1/commitments/$1/renegotiate" "{\"at\":\"$2\",\"due\":\"$3\"}" 200 ;;
	met|missed) post "/api/v1/expectations/$1/$v" "{\"at\":\"$2\"}" 200 ;;
	learn) post /api/v1/facts "{\"contact\":1,\"at\":\"$1\",\"kind\":\"$2\",\"confidence\":\"$3\",\"text\":\"$4\"}" 201 ;;
	value) post /api/v1/values "{\"contact\":1,\"at\":\"$1\",\"direction\":\"$2\",\"text\":\"$3\"}" 201 ;;
	fit) post /api/v1/fits "{\"contact\":1,\"at\":\"$1\",\"verdict\":\"$2\",\"text\":\"$3\"}" 201 ;;
	decide) post /api/v1/decisions "{\"contact\":1,\"at\":\"$1\",\"decision\":\"$2\",\"note\":\"$3\"}" 201 ;;
	esac
}

test_expect 'the CLI runs the scenario' '
	CANDOR_DB=$CLI_DB candor init >/dev/null &&
	while read -r line; do
		CANDOR_DB=$CLI_DB cli_step "$line" >/dev/null 2>err || { echo "cli: $line" >&2; cat err >&2; exit 1; }
	done <scenario
'

export CANDOR_DB=$WEB_DB
candor init >/dev/null
serve_start
test_expect 'the web API runs the same scenario' '
	while read -r line; do
		web_step "$line" || { echo "web: $line" >&2; exit 1; }
	done <scenario
'
test_expect 'the API answers what was recorded: kept, kept_late (twice), kept, broken' '
	for k in 1:kept 2:kept_late 3:kept_late 4:kept; do
		test "$(jget "kept-${k%%:*}.json" status)" = "${k#*:}" || return 1
	done &&
	test "$(jget broken-5.json status)" = broken
'
serve_stop; stopped=$?
test_expect 'the server stopped cleanly (no sanitizer report)' '[ $stopped -eq 0 ] || { cat serve.err >&2; false; }'

test_expect 'the two exported ledgers (and assessments) are equal' '
	CANDOR_DB=$CLI_DB candor export --format json >cli.json &&
	CANDOR_DB=$WEB_DB candor export --format json >web.json &&
	test "$(jget cli.json accounts.0.contacts.0.ledger.commitments.#)" = 5 &&
	# the audit trails too, each change alike: only the door (command, api) differs
	for f in cli web; do
		python3 -c "import json,sys; d=json.load(open(sys.argv[1]))
for b in d[\"audit\"]: b.pop(\"kind\")
print(json.dumps(d, indent=1))" $f.json >$f.same || exit 1
	done &&
	test "$(jget cli.json audit.0.kind)" = command && test "$(jget web.json audit.0.kind)" = api &&
	test_cmp cli.same web.same
'
test_expect 'both ledgers hold every fate: kept, kept_late, kept_late, kept, broken; met, missed' '
	python3 - cli.json >fates <<-PY &&
	import json, sys
	led = json.load(open(sys.argv[1]))["accounts"][0]["contacts"][0]["ledger"]
	print(" ".join(c["status"] for c in led["commitments"]))
	print(" ".join(e["status"] for e in led["expectations"]))
	print(len(led["interactions"]), len(led["facts"]), len(led["values"]), len(led["fits"]),
	      len(led["decisions"]))
	PY
	printf "kept kept_late kept_late kept broken\nmet missed\n1 1 1 1 1\n" >expect &&
	test_cmp expect fates
'
test_done
