/*
 * postgres-distribute.c: spreading a team's store by account (see
 * docs/scaling.md).
 *
 * Every ledger table carries account_id, the distribution key; accounts is
 * keyed by its own id.  The selling organisation's tables (users,
 * sessions, api_tokens, batches, candor_schema) are reference tables.  Two
 * ways of spreading share the keys that schema 8 gives PostgreSQL:
 *
 *   - hash partitions on one server (candor init --partitions N): each
 *     ledger table becomes PARTITION BY HASH (account_id), N parts; the
 *     rehearsal for Citus, and where EXPLAIN shows a query touching one part;
 *   - Citus (the citus extension present): create_reference_table and
 *     create_distributed_table, colocated with accounts, run by the
 *     migration on open.  Citus is not packaged for Debian 12: this path is
 *     written from its documentation and has not been run here.
 */
#include "util/common.h"
#include "util/buf.h"
#include "store/postgres-priv.h"
#include "store/schema.h"

/* The tables spread by account, in the order their foreign keys need. */
static const char *const spread[] = {
	"accounts",     "contacts",    "interactions",    "commitments", "signals",
	"commitment_events", "expectations", "facts",     "value_exchanged", "fits",
	"decisions",    "utterances",  "proposals",       "assessments", "corrections",
	"changes",      "stage_counts",
};

/* The organisation's own tables, copied whole to every node. */
static const char *const reference[] = {
	"candor_schema", "users", "sessions", "api_tokens", "batches",
};

/*
 * Schema 7 -> 8 on PostgreSQL: every ledger table (all of spread[] but
 * accounts) is keyed by (account_id, id), with a plain index on id for the
 * look-ups that have an id alone; each foreign key to a ledger table
 * becomes (account_id, column) -> (account_id, id), so a row and what it
 * points at always live together.  They are checked at once, but can be
 * deferred to the commit (DEFERRABLE): a contact moved to another account
 * (candor_store_records_move), or moved back by an undo, moves each of its
 * rows in turn, each one recorded in the audit trail, and only the whole
 * move must hold (the backend's defer_keys); the
 * kept answer (assessments, a cache nobody edits) follows its contact
 * (ON UPDATE CASCADE); the utterances' (interaction, index)
 * uniqueness names the account too.  A key that names the distribution
 * column is what Citus and hash partitions both require.  Ids stay unique
 * store-wide: they are given as max(id) + 1 under the writers' lock.
 */
const char pg_rekey_sql[] =
	"DO $$ DECLARE r record; t text; BEGIN"
	" CREATE TEMP TABLE candor_fk ON COMMIT DROP AS"
	"  SELECT c.conname::text AS name, c.conrelid::regclass::text AS tbl,"
	"   a.attname::text AS col, c.confrelid::regclass::text AS ref"
	"  FROM pg_constraint c"
	"  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
	"  WHERE c.contype = 'f' AND cardinality(c.conkey) = 1"
	"   AND c.connamespace = current_schema()::regnamespace"
	"   AND c.confrelid::regclass::text NOT IN ('accounts', 'users', 'batches');"
	" FOR r IN SELECT * FROM candor_fk LOOP"
	"  EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', r.tbl, r.name);"
	" END LOOP;"
	" FOREACH t IN ARRAY ARRAY['contacts', 'interactions', 'signals', 'commitments',"
	"  'commitment_events', 'expectations', 'facts', 'value_exchanged', 'fits', 'decisions',"
	"  'utterances', 'proposals', 'assessments', 'corrections', 'changes'] LOOP"
	"  EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', t, t || '_pkey');"
	"  EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I PRIMARY KEY (account_id, id)', t, t || '_pkey');"
	"  EXECUTE format('CREATE INDEX %I ON %I (id)', t || '_id', t);"
	" END LOOP;"
	" ALTER TABLE utterances DROP CONSTRAINT utterances_interaction_id_idx_key;"
	" ALTER TABLE utterances ADD CONSTRAINT utterances_interaction_id_idx_key"
	"  UNIQUE (account_id, interaction_id, idx);"
	" FOR r IN SELECT * FROM candor_fk LOOP"
	"  EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I FOREIGN KEY (account_id, %I)"
	" REFERENCES %I (account_id, id) %s', r.tbl, r.name, r.col, r.ref,"
	"   CASE WHEN r.tbl = 'assessments' THEN 'ON UPDATE CASCADE'"
	"   ELSE 'DEFERRABLE' END);"
	" END LOOP;"
	"END $$;";

static int one_count(struct candor_store *s, const char *sql, int64_t *out)
{
	PGresult *r = pg_query(s, sql, "");

	if (!r)
		return s->err->code;
	*out = pg_col_int(r, 0, 0);
	PQclear(r);
	return 0;
}

/* The columns of table t as schema.h lists them, comma-separated, into b;
 * false when it lists none (a table kept from the others: stage_counts). */
static bool add_columns(struct candor_buf *b, const char *t)
{
	for (size_t i = 0; i < candor_ntables; i++) {
		if (strcmp(candor_tables[i].name, t) != 0)
			continue;
		for (size_t j = 0; j < candor_tables[i].ncols; j++)
			candor_buf_addf(b, "%s%s", j ? ", " : "", candor_tables[i].cols[j].name);
		return true;
	}
	return false;
}

/*
 * Turn the (empty) ledger tables into hash partitions by account, parts of
 * them each: every foreign key among them is set aside, each table is
 * made again as its own LIKE (defaults, checks, indexes, keys) partitioned
 * by its key, its rows moved, and the keys put back as they were.
 */
static int partition(struct candor_store *s, int parts)
{
	struct candor_buf sql = CANDOR_BUF_INIT, cols = CANDOR_BUF_INIT;
	int rc;

	candor_buf_adds(&sql, "DO $$ DECLARE r record; BEGIN"
			" CREATE TEMP TABLE candor_fk ON COMMIT DROP AS"
			"  SELECT c.conname::text AS name, c.conrelid::regclass::text AS tbl,"
			"   pg_get_constraintdef(c.oid) AS def FROM pg_constraint c"
			"  WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace"
			"   AND c.confrelid::regclass::text NOT IN ('users', 'batches');"
			" FOR r IN SELECT * FROM candor_fk LOOP"
			"  EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', r.tbl, r.name);"
			" END LOOP;");
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(spread); i++) {
		const char *t = spread[i], *key = i ? "account_id" : "id";

		candor_buf_addf(&sql, " ALTER TABLE %s RENAME TO %s_whole;"
				" CREATE TABLE %s (LIKE %s_whole INCLUDING ALL) PARTITION BY HASH (%s);",
				t, t, t, t, key);
		for (int p = 0; p < parts; p++)
			candor_buf_addf(&sql, " CREATE TABLE %s_p%d PARTITION OF %s"
					" FOR VALUES WITH (MODULUS %d, REMAINDER %d);", t, p, t, parts, p);
		/* by name: the generated columns (name_fold, email_fold) make themselves */
		candor_buf_addf(&sql, " INSERT INTO %s", t);
		if (add_columns(&cols, t)) {
			const char *c = candor_buf_error(&cols) ? "" : cols.ptr;   /* refused below */

			candor_buf_addf(&sql, "(%s) SELECT %s", c, c);
		} else {
			candor_buf_adds(&sql, " SELECT *");
		}
		candor_buf_addf(&sql, " FROM %s_whole; DROP TABLE %s_whole;", t, t);
		candor_buf_reset(&cols);
	}
	candor_buf_adds(&sql, " FOR r IN SELECT * FROM candor_fk LOOP"
			"  EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I %s', r.tbl, r.name, r.def);"
			" END LOOP;"
			"END $$;");
	candor_buf_adds(&sql, pg_stage_count_sql);   /* the tables are new: their triggers too */
	candor_buf_adds(&sql, pg_owner_count_sql);
	rc = candor_buf_error(&sql) || candor_buf_error(&cols)
		? candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory")
		: pg_script(s, sql.ptr, "partitioning the database");
	candor_buf_release(&sql);
	candor_buf_release(&cols);
	return rc;
}

int pg_partition(struct candor_store *s, int parts)
{
	int64_t rows = 0, done = 0;
	int rc;

	if (parts < 2 || parts > 256)
		return candor_error_set(s->err, CANDOR_EINVALID, "partitions",
					"partitions must be between 2 and 256, not %d", parts);
	if ((rc = pg_writable(s)))
		return rc;
	if ((rc = one_count(s, "SELECT count(*) FROM pg_catalog.pg_partitioned_table p"
			    " JOIN pg_catalog.pg_class c ON c.oid = p.partrelid"
			    " WHERE c.relnamespace = current_schema()::regnamespace", &done)) ||
	    (rc = one_count(s, "SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM users)",
			    &rows)))
		return rc;
	if (done)
		rc = candor_error_set(s->err, CANDOR_EINVALID, "partitions",
				      "'%s' is partitioned already: nothing was changed", s->location);
	else if (rows)
		rc = candor_error_set(s->err, CANDOR_EINVALID, "partitions",
				      "'%s' has records: partition a new, empty database (candor init "
				      "--partitions N), then 'candor copy' this one into it; nothing "
				      "was changed", s->location);
	else
		rc = partition(s, parts);
	return rc;
}

/*
 * With the citus extension in the database and its tables not yet
 * distributed: the reference tables, then accounts by id, then each
 * ledger table by account_id beside it.  Run inside the migration's
 * transaction, under the writers' lock.
 */
int pg_citus(struct candor_store *s)
{
	struct candor_buf sql = CANDOR_BUF_INIT;
	int64_t citus = 0, done = 0;
	int rc;

	if ((rc = one_count(s, "SELECT count(*) FROM pg_catalog.pg_extension WHERE extname = 'citus'",
			    &citus)) || !citus)
		return rc;
	if ((rc = one_count(s, "SELECT count(*) FROM pg_dist_partition"
			    " WHERE logicalrelid = 'accounts'::regclass", &done)) || done)
		return rc;
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(reference); i++)
		candor_buf_addf(&sql, "SELECT create_reference_table('%s');", reference[i]);
	candor_buf_adds(&sql, "SELECT create_distributed_table('accounts', 'id');");
	for (size_t i = 1; i < CANDOR_ARRAY_SIZE(spread); i++)
		candor_buf_addf(&sql, "SELECT create_distributed_table('%s', 'account_id',"
				" colocate_with => 'accounts');", spread[i]);
	rc = candor_buf_error(&sql) ? candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory")
				    : pg_script(s, sql.ptr, "distributing the database (Citus)");
	candor_buf_release(&sql);
	return rc;
}
