#!/usr/bin/env bash
# t0014: past one machine (docs/scaling.md).  `candor init --partitions N`
# spreads a new PostgreSQL store's ledger over hash partitions by account,
# the same keys a distributed PostgreSQL (Citus) needs; the store answers
# exactly as an unpartitioned one; and auto_explain's plans of the real
# statements show that every statement naming the account (a buyer's
# evidence, recording on a buyer, the kept answer) touches one partition.
# The statements that touch every partition are the look-ups by name or id
# alone and the id counter, listed in docs/scaling.md.  On SQLite the
# option is refused and changes nothing.
. "$CANDOR_TOP/tests/cli/lib.sh"

if ! on_postgres; then
	test_expect 'on SQLite, --partitions is refused and no file is made' '
		fails 2 candor init --partitions 4 && test_grep "PostgreSQL" err && test ! -s "$CANDOR_DB" &&
		candor init >/dev/null && before=$(db_dump) &&
		fails 2 candor init --partitions 4 && test "$(db_dump)" = "$before"
	'
	test_done
	exit
fi

PARTS=4
# parts TABLE: how many partitions TABLE has (0: not partitioned).
parts() {
	db_sql "SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhparent
		WHERE c.relname = '$1' AND c.relkind = 'p'"
}
# story: the same records, through the CLI, in whatever store CANDOR_DB is.
story() {
	candor account add Northwind >/dev/null &&
	candor account add Contoso >/dev/null &&
	candor account add Fabrikam >/dev/null &&
	candor account add Tailspin >/dev/null &&
	candor contact add "Dana Reyes" --account Northwind --role CFO >/dev/null &&
	candor contact add "Alex Kim" --account Contoso >/dev/null &&
	candor contact add "Zoe Park" --account Fabrikam >/dev/null &&
	candor contact add "Lee Chen" --account Tailspin >/dev/null &&
	candor log "Dana Reyes" --kind call --at 2026-11-02 "intro: month-end close takes nine days" >/dev/null &&
	candor learn "Dana Reyes" --kind bothering --at 2026-11-02 "month-end close takes nine days" >/dev/null &&
	candor promise "Dana Reyes" --at 2026-11-02 --due 2026-11-06 "send the case study" >/dev/null &&
	candor kept 1 --at 2026-11-05 >/dev/null &&
	candor promise "Alex Kim" --at 2026-11-03 --due 2026-11-10 "send the pricing" >/dev/null &&
	candor broken 2 --at 2026-11-12 --note "forgot" >/dev/null &&
	candor import "$DATA/discovery-call.vtt" --with "Zoe Park" --at 2026-11-18 >/dev/null &&
	candor log "Lee Chen" --kind meeting --at 2026-11-18 --said stall:"let me think about it" "pricing" >/dev/null
}
# explained CMD...: run a candor command with auto_explain's plan of every
# statement it makes; the plans' partitions, a line per statement
# (partitions.py), are added to plans.txt.
explained() {
	PGOPTIONS="-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0
		-c auto_explain.log_level=notice -c auto_explain.log_format=json
		-c auto_explain.log_nested_statements=on" \
	CANDOR_PG_NOTICES=1 candor "$@" >/dev/null 2>notices ||
		{ echo "failed: candor $*" >&2; grep "^candor [a-z]" notices >&2; return 1; }
	python3 "$CANDOR_TOP/tests/cli/partitions.py" <notices >>plans.txt
}

test_expect 'init --partitions 4 makes every ledger table hash partitions by account' '
	candor init --partitions $PARTS >out && test_grep "$PARTS partitions" out &&
	for t in accounts contacts interactions signals commitments commitment_events expectations \
		 facts value_exchanged fits decisions utterances proposals assessments corrections changes; do
		test "$(parts $t)" = $PARTS || { echo "$t: $(parts $t) partitions" >&2; exit 1; }
	done &&
	db_sql "SELECT pg_get_partkeydef(oid) FROM pg_class WHERE relname = '"'"'contacts'"'"'" >key &&
	test_grep "HASH \(account_id\)" key &&
	test "$(parts users)" = 0 && test "$(parts batches)" = 0
'

test_expect 'a second --partitions, or a bad count, is refused and changes nothing' '
	before=$(db_dump) &&
	fails 2 candor init --partitions $PARTS && test_grep "partitioned already" err &&
	usage_fails candor init --partitions 1 && usage_fails candor init --partitions lots &&
	test "$(db_dump)" = "$before"
'

test_expect 'a store with records is not partitioned in place: it says to copy' '
	plain=$(another_db plain) &&
	CANDOR_DB=$plain candor init >/dev/null && CANDOR_DB=$plain candor account add Acme >/dev/null &&
	CANDOR_DB=$plain fails 2 candor init --partitions $PARTS && test_grep "candor copy" err &&
	test "$(CANDOR_DB=$plain parts accounts)" = 0
'

test_expect 'the partitioned store answers exactly as an unpartitioned one' '
	story &&
	other=$(another_db same) &&
	( CANDOR_DB=$other && candor init >/dev/null && story ) &&
	candor export --format json >part.json &&
	CANDOR_DB=$other candor export --format json >plain.json &&
	test_cmp plain.json part.json &&
	candor pipeline >part.txt && CANDOR_DB=$other candor pipeline >plain.txt &&
	test_cmp plain.txt part.txt &&
	test "$(db_sql "SELECT count(*) FROM contacts_p0") $(db_sql "SELECT count(*) FROM contacts")" != "4 4"
'

test_expect 'a row that points at another account'"'"'s record is refused (keys name the account)' '
	! db_sql "INSERT INTO commitments (id, account_id, contact_id, text, made)
		  VALUES (99, 2, 1, '"'"'x'"'"', 0)" 2>err && test_grep "foreign key" err
'

test_expect 'a SQLite store copied into a partitioned one, checked table by table' '
	file="$TRASH/laptop.db" &&
	( CANDOR_DB=$file && candor init >/dev/null && story ) &&
	target=$(another_db target) &&
	CANDOR_DB=$target candor init --partitions $PARTS >/dev/null &&
	candor copy "$file" "$target" >out &&
	CANDOR_DB=$file candor export --format json >from.json &&
	CANDOR_DB=$target candor export --format json >to.json &&
	test_cmp from.json to.json
'

test_expect 'every statement naming the account touches one partition (auto_explain)' '
	: >plans.txt &&
	explained status "Dana Reyes" && explained status "Alex Kim" --json &&
	explained show interaction 1 &&
	explained promise "Zoe Park" --at 2026-11-19 --due 2026-11-26 "send the rollout plan" &&
	explained kept 3 --at 2026-11-20 &&
	explained expect "Lee Chen" --at 2026-11-19 --by 2026-11-30 "a reference call" &&
	explained learn "Lee Chen" --kind worried --at 2026-11-19 "the rollout in peak season" &&
	explained import "$DATA/discovery-call.vtt" --with "Dana Reyes" --at 2026-11-21 --again &&
	explained status "Zoe Park" &&
	explained pipeline --account Northwind &&
	cut -f1,2 plans.txt | sort | uniq -c >&2 &&
	# the hot path: statements bound to one account (not an optional filter)
	grep -F "account_id = \$" plans.txt | grep -v -E "OR [a-z]*\.?account_id = \\\$" >hot.txt &&
	test "$(wc -l <hot.txt)" -ge 100 &&
	{ grep -v -P "^1\t" hot.txt >wide.txt; test ! -s wide.txt || { cat wide.txt >&2; false; }; }
'

echo "# plans: $(wc -l <plans.txt) statements read or wrote a partitioned table;" \
	"$(grep -c -P '^1\t' plans.txt) touched one partition of each, $(grep -c -v -P '^1\t' plans.txt) more"

# What docs/scaling.md lists as touching every part: finding a record by
# a name or an id alone (the locate and find look-ups), the id counter,
# and the lists over every buyer (the pipeline, the kept answers to
# refresh).
DOCUMENTED='lower\((c\.)?name COLLATE|WHERE c\.id = \$1|coalesce\(max\(id\), 0\)|^SELECT account_id, contact_id FROM [a-z_]+ WHERE id = \$1 AND deleted = 0|FROM assessments WHERE valid_until|x\.headline_flags'

test_expect 'what touches every partition is only what docs/scaling.md lists' '
	grep -v -P "^1\t" plans.txt | cut -f3 >wide.txt &&
	test -s wide.txt &&
	{ grep -v -E "$DOCUMENTED" wide.txt >other.txt; test ! -s other.txt ||
		{ echo "statements over every partition that docs/scaling.md does not list:" >&2;
		  cat other.txt >&2; false; }; }
'

test_done
