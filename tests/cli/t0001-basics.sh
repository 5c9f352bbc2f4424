#!/usr/bin/env bash
# t0001: help, version, the command table, and usage errors (exit 1).
. "$CANDOR_TOP/tests/cli/lib.sh"
# A sanitizer report must never pass as an expected exit code (its default is 1).

commands="init account contact log promise kept broken renegotiate expect met missed
learn value fit decide status pipeline export help"

# usage_fails CMD...: exit 1, nothing on stdout, stderr names the command.
usage_
test_expect 'candor --help lists every command and exits 0' '
	candor --help >out 2>err &&
	test ! -s err &&
	test_grep "^usage: candor " out &&
	for c in $commands; do
		test_grep "^  $c +[a-z]" out || return 1
	done
'

test_expect 'candor -h is the same as --help' '
	candor --help >expect &&
	candor -h >actual &&
	test_cmp expect actual
'

test_expect 'candor --help documents every exit code' '
	candor --help >out &&
	tr "\n" " " <out | tr -s " " >flat &&
	test_grep "Exit codes: 0 ok" flat &&
	test_grep "1 usage" flat &&
	test_grep "2 invalid input" flat &&
	test_grep "3 not found" flat &&
	test_grep "4 ambiguous" flat &&
	test_grep "5 conflict" flat &&
	test_grep "6 database" flat
'

test_expect 'every command has --help: exit 0, usage on stdout, no database needed' '
	export CANDOR_DB="$TRASH/never-created.db" &&
	for c in $commands; do
		candor $c --help >out 2>err || { echo "$c --help failed" >&2; return 1; }
		test ! -s err || { echo "$c --help wrote to stderr" >&2; cat err >&2; return 1; }
		test_grep "^usage: candor $c" out || return 1
	done &&
	test ! -e "$CANDOR_DB"
'

test_expect 'candor help CMD prints the same usage as CMD --help' '
	for c in ${commands% help}; do
		candor help $c >expect &&
		candor $c --help >actual &&
		test_cmp expect actual || return 1
	done
'

test_expect '--help after a subcommand and its arguments still shows help' '
	candor account add --help >out &&
	test_grep "^usage: candor account" out &&
	candor log "Somebody" --kind call --help >out &&
	test_grep "^usage: candor log" out
'

test_expect 'candor --version prints the trust model version' '
	candor --version >out 2>err &&
	test ! -s err &&
	test_grep "^candor [0-9]+\.[0-9]+\.[0-9]+" out &&
	test_grep "candor-trust/[0-9]+" out
'

test_expect 'the version matches the model_version in status --json' '
	candor init >/dev/null &&
	candor account add Acme >/dev/null &&
	candor contact add "Pat Lee" --account Acme >/dev/null &&
	candor status "Pat Lee" --json >status.json &&
	v=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[\"model_version\"])" status.json) &&
	test -n "$v" &&
	candor --version >out &&
	grep -F -q -- "$v" out
'

test_expect 'no command at all is a usage error' '
	test_exit 1 candor >out 2>err &&
	test_grep "usage: candor" err
'

test_expect 'an unknown command is exit 1 and names it' '
	usage_fails candor frobnicate &&
	test_grep "frobnicate" err
'

test_expect 'an unknown global option is exit 1' '
	usage_fails candor --frob pipeline &&
	test_grep "[-]-frob" err
'

test_expect 'an unknown option to a command is exit 1 and names it' '
	usage_fails candor log "Pat Lee" --frob "text" &&
	test_grep "[-]-frob" err &&
	usage_fails candor pipeline --bogus &&
	test_grep "[-]-bogus" err
'

test_expect 'an unknown subcommand of account or contact is exit 1' '
	usage_fails candor account frob &&
	test_grep "frob" err &&
	usage_fails candor contact remove "Pat Lee" &&
	test_grep "remove" err
'

test_expect 'candor help for an unknown command is exit 1' '
	usage_fails candor help frob
'

test_expect 'missing arguments are exit 1' '
	usage_fails candor account &&
	usage_fails candor contact &&
	usage_fails candor contact add "Sam Doe" &&
	usage_fails candor log &&
	usage_fails candor log "Pat Lee" &&
	usage_fails candor promise "Pat Lee" "no due date" &&
	usage_fails candor expect "Pat Lee" "no by date" &&
	usage_fails candor learn "Pat Lee" "no kind" &&
	usage_fails candor fit "Pat Lee" "no verdict" &&
	usage_fails candor decide "Pat Lee" &&
	usage_fails candor kept &&
	usage_fails candor broken &&
	usage_fails candor met &&
	usage_fails candor missed &&
	usage_fails candor status &&
	usage_fails candor export
'

test_expect 'an option without its value is exit 1' '
	usage_fails candor log "Pat Lee" "text" --at &&
	usage_fails candor promise "Pat Lee" "text" --due &&
	usage_fails candor status "Pat Lee" --at
'

test_expect 'extra arguments are exit 1' '
	usage_fails candor pipeline extra &&
	usage_fails candor init extra &&
	usage_fails candor kept 1 2 &&
	usage_fails candor account show Acme Other
'

test_expect '--due is refused on kept and met (exit 1)' '
	candor promise "Pat Lee" --due 2026-12-01 "send the deck" >/dev/null &&
	usage_fails candor kept 1 --due 2026-12-05 &&
	usage_fails candor renegotiate 1 &&
	candor expect "Pat Lee" --by 2026-12-01 "a reply in a week" >/dev/null &&
	usage_fails candor met 1 --due 2026-12-05
'

test_expect 'a usage error changes nothing' '
	db_dump >before &&
	usage_fails candor log "Pat Lee" --frob "text" &&
	usage_fails candor promise "Pat Lee" "no due" &&
	usage_fails candor account add &&
	db_dump >after &&
	test_cmp before after
'

# The first session printed by `candor --help` must work as printed.
test_expect 'the first session in candor --help runs as printed' '
	export CANDOR_DB="$TRASH/session.db" &&
	candor --help | sed -n "/^A first session:/,/^\$/p" | sed -n "s/^  candor /candor /p" >session &&
	test "$(wc -l <session)" -ge 5 &&
	while read -r line; do
		eval "$line" >out 2>err || {
			echo "failed ($?): $line" >&2; cat err >&2; return 1; }
	done <session
'

test_done
