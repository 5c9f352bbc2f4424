#!/usr/bin/env bash
# t0180: correcting the record: edit, delete and undo, each a batch of the
# audit trail; the trust shown follows every correction at once.
. "$CANDOR_TOP/tests/cli/lib.sh"

# trust FILE: the "reliability" of the status JSON in FILE.
reliability() { jget "$1" components.reliability; }
# strip the audit trail from an export, to compare the data alone
data_only() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("audit"); print(json.dumps(d, indent=1, sort_keys=True))' "$1"
}

test_expect 'a buyer with a kept promise, a fact and a call' '
	candor init >/dev/null &&
	candor account add Northwind >/dev/null &&
	candor contact add "Dana Reyes" --account Northwind --role CFO >/dev/null &&
	candor log Dana --at 2026-11-10 "discovery call" >/dev/null &&
	candor promise Dana --at 2026-11-10 --due 2026-11-17 "send the case study" >/dev/null &&
	candor kept 1 --at 2026-11-16 >/dev/null &&
	candor learn Dana --kind worried "audit findings" >/dev/null &&
	candor status Dana --json >s0.json &&
	candor export --format json --out before.json
'

test_expect 'edit a fact: the change is shown, the batch logged with old -> new' '
	candor edit fact 1 --text "the audit findings from March" >out &&
	test_grep "edited fact #1" out &&
	candor contact show Dana >show &&
	test_grep "the audit findings from March" show &&
	candor log --audit Dana --limit 1 >log &&
	test_grep "edit +fact #1: text: .audit findings. -> .the audit findings from March." log &&
	test_grep "Sam Seller" log
'

test_expect 'a failed edit changes nothing and writes no batch' '
	fails 2 candor edit promise 1 --due 2026-11-01 &&
	test_grep "before the promise was made" err &&
	fails 2 candor edit fact 1 --kind nonsense &&
	fails 2 candor edit fact 1 --colour blue &&
	test_grep "has no field .colour." err &&
	fails 3 candor edit fact 99 --text x &&
	test "$(db_sql "SELECT count(*) FROM batches WHERE what LIKE '\''%edit promise%'\''")" = 0
'

test_expect 'edit the date a promise was kept: kept late lowers reliability' '
	candor contact show Dana --json >c.json &&
	ev=$(jget c.json ledger.commitments.0.history.1.id) &&
	candor contact show Dana >show && test_grep "event #$ev +kept" show &&
	candor edit event "$ev" --at 2026-11-19 >/dev/null &&
	candor contact show Dana >show &&
	test_grep "kept_late" show &&
	candor status Dana --json >s1.json &&
	python3 -c "import sys; a=float(sys.argv[1]); b=float(sys.argv[2]); sys.exit(0 if b < a else 1)" \
		"$(reliability s0.json)" "$(reliability s1.json)" &&
	candor undo >out && test_grep "undid batch" out &&
	candor status Dana --json >s2.json &&
	test "$(reliability s2.json)" = "$(reliability s0.json)"
'

test_expect 'delete a kept promise: reliability falls; undo: back bit for bit' '
	candor export --format json --out base.json &&
	candor delete promise 1 >out &&
	test_grep "deleted promise #1" out &&
	candor status Dana --json >s3.json &&
	python3 -c "import sys; a=float(sys.argv[1]); b=float(sys.argv[2]); sys.exit(0 if b < a else 1)" \
		"$(reliability s0.json)" "$(reliability s3.json)" &&
	candor contact show Dana >show && test_no_grep "send the case study" show &&
	candor export --format json --out gone.json &&
	data_only gone.json >gone.data && test_no_grep "send the case study" gone.data &&
	fails 3 candor kept 1 &&
	candor undo >out &&
	test_grep "undid batch [0-9]+ \(command: delete promise #1" out &&
	candor export --format json --out after.json &&
	data_only base.json >a && data_only after.json >b && test_cmp a b &&
	candor status Dana --json >s4.json && test_cmp s0.json s4.json
'

test_expect 'undo of an undo redoes; an undone batch cannot be undone twice' '
	candor log --audit --json --limit 1 >l.json &&
	undo=$(jget l.json 0.id) && test "$(jget l.json 0.kind)" = undo &&
	undone=$(db_sql "SELECT id FROM batches WHERE undone_by_batch = $undo") &&
	test -n "$undone" &&
	fails 5 candor undo "$undone" &&
	test_grep "already undone" err &&
	candor undo "$undo" >out &&
	candor contact show Dana >show && test_no_grep "send the case study" show &&
	test "$(db_sql "SELECT undone_at FROM batches WHERE id = $undone")" = 0 &&
	candor undo >/dev/null &&
	candor contact show Dana >show && test_grep "send the case study" show
'

test_expect 'undo is refused when a later batch changed the same row, naming it' '
	candor edit fact 1 --confidence high >/dev/null &&
	first=$(db_sql "SELECT max(id) FROM batches") &&
	candor edit fact 1 --source "call 2026-11-10" >/dev/null &&
	second=$(db_sql "SELECT max(id) FROM batches") &&
	fails 5 candor undo "$first" &&
	test_grep "batch $second" err &&
	candor undo "$second" >/dev/null && candor undo "$first" >/dev/null &&
	candor contact show Dana --json >c.json &&
	test "$(jget c.json ledger.facts.0.confidence)" = medium
'

test_expect 'delete a contact: says what goes, needs --yes, and undo brings all back' '
	candor export --format json --out base2.json &&
	candor delete contact Dana 2>err; test $? -ne 0 &&
	candor delete contact 1 >out; test $? -eq 1 &&
	test_grep "would delete contact #1 .Dana Reyes. and with it 1 promises, 1 facts, 1 interactions" out &&
	test_grep "nothing was deleted" out &&
	candor contact list >list && test_grep "Dana" list &&
	candor delete contact 1 --yes >out &&
	test_grep "^deleted contact #1" out &&
	candor contact list >list && test_no_grep "Dana" list &&
	candor pipeline >p && test_no_grep "Dana" p &&
	fails 3 candor status Dana &&
	data_only base2.json >/dev/null &&
	candor export --format json --out gone2.json && data_only gone2.json >g && test_no_grep "Dana" g &&
	candor undo >/dev/null &&
	candor export --format json --out back2.json &&
	data_only base2.json >a && data_only back2.json >b && test_cmp a b
'

test_expect 'undo import refuses a batch of another kind' '
	last=$(db_sql "SELECT max(id) FROM batches") &&
	fails 5 candor undo import "$last" &&
	test_grep "not an import" err &&
	fails 3 candor undo 9999
'

test_expect 'ids are never given out twice: a new fact after a delete gets a new id' '
	candor learn Dana --kind hoped "close the books in a week" >id &&
	candor delete fact "$(cat id)" >/dev/null &&
	candor learn Dana --kind hoped "close in a week" >id2 &&
	test "$(cat id2)" -gt "$(cat id)"
'

test_expect 'edit a contact: the name is normalised and must stay unique' '
	candor contact add "Lee Park" --account Northwind >/dev/null &&
	fails 5 candor edit contact 2 --name "dana  reyes" &&
	candor edit contact 2 --name "  Lee   Park-Kim " >/dev/null &&
	candor contact show 2 --json >c.json && test "$(jget c.json name)" = "Lee Park-Kim"
'

test_expect 'help teaches edit, delete and undo' '
	candor edit --help >h && test_grep "candor edit promise 12 --due" h && test_grep "event" h &&
	candor delete --help >h && test_grep "[-]-yes" h &&
	candor undo --help >h && test_grep "undo import BATCH" h &&
	candor log --help >h && test_grep "[-]-audit" h
'

test_done
