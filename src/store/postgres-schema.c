/*
 * postgres-schema.c: the PostgreSQL backend's schema, from the same
 * migrations as SQLite's (schema.c), versioned alike.
 *
 * The migrations are written in the SQL both accept; a few words are
 * spelled differently here: INTEGER is BIGINT (ids and times are 64-bit),
 * REAL is DOUBLE PRECISION (SQLite's REAL is 8 bytes, PostgreSQL's 4), and
 * COLLATE NOCASE, SQLite's ASCII case folding, becomes an index on
 * lower(name COLLATE "C"), which folds ASCII alone, as NOCASE does.  The
 * version lives in the table candor_schema (application 'candor', version
 * N), SQLite's application_id and user_version: a schema with tables but
 * no candor_schema is another program's, and Candor leaves it alone.
 * Migrations run on open in one transaction, under the writers' lock.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/fold.h"
#include "store/schema.h"
#include "store/postgres-priv.h"

/*
 * The triggers that keep stage_counts (schema.c, migration 9 -> 10), as
 * SQLite's do: a kept answer added, removed, or moved to another stage or
 * account moves its buyer's one while the contact is there and not
 * deleted; a contact deleted or brought back takes it away or back.  Made
 * again after partitioning (postgres-distribute.c), which makes the tables
 * anew.
 */
const char pg_stage_count_sql[] =
	"CREATE OR REPLACE FUNCTION candor_stage_count(acc BIGINT, st BIGINT, d BIGINT) RETURNS void"
	" LANGUAGE sql AS $$ INSERT INTO stage_counts(account_id, stage, n) VALUES (acc, st, d)"
	" ON CONFLICT (account_id, stage) DO UPDATE SET n = stage_counts.n + d $$;"
	"CREATE OR REPLACE FUNCTION candor_assessment_counted() RETURNS trigger LANGUAGE plpgsql AS $$"
	" BEGIN"
	"  IF TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM contacts WHERE id = OLD.id AND deleted = 0) THEN"
	"   PERFORM candor_stage_count(OLD.account_id, OLD.stage, -1); END IF;"
	"  IF TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM contacts WHERE id = NEW.id AND deleted = 0) THEN"
	"   PERFORM candor_stage_count(NEW.account_id, NEW.stage, 1); END IF;"
	"  RETURN NULL;"
	" END $$;"
	"CREATE OR REPLACE FUNCTION candor_contact_counted() RETURNS trigger LANGUAGE plpgsql AS $$"
	" BEGIN"
	"  IF TG_OP <> 'INSERT' AND OLD.deleted = 0 AND (TG_OP = 'DELETE' OR NEW.deleted <> 0) THEN"
	"   PERFORM candor_stage_count(x.account_id, x.stage, -1) FROM assessments x WHERE x.id = OLD.id;"
	"  ELSIF TG_OP = 'UPDATE' AND OLD.deleted <> 0 AND NEW.deleted = 0 THEN"
	"   PERFORM candor_stage_count(x.account_id, x.stage, 1) FROM assessments x WHERE x.id = NEW.id;"
	"  END IF;"
	"  RETURN NULL;"
	" END $$;"
	"CREATE TRIGGER stage_counts_add AFTER INSERT ON assessments"
	" FOR EACH ROW EXECUTE FUNCTION candor_assessment_counted();"
	"CREATE TRIGGER stage_counts_remove AFTER DELETE ON assessments"
	" FOR EACH ROW EXECUTE FUNCTION candor_assessment_counted();"
	"CREATE TRIGGER stage_counts_move AFTER UPDATE OF account_id, stage ON assessments FOR EACH ROW"
	" WHEN (OLD.account_id <> NEW.account_id OR OLD.stage <> NEW.stage)"
	" EXECUTE FUNCTION candor_assessment_counted();"
	"CREATE TRIGGER stage_counts_contact AFTER UPDATE OF deleted ON contacts FOR EACH ROW"
	" WHEN ((OLD.deleted = 0) <> (NEW.deleted = 0)) EXECUTE FUNCTION candor_contact_counted();"
	"CREATE TRIGGER stage_counts_contact_removed AFTER DELETE ON contacts"
	" FOR EACH ROW EXECUTE FUNCTION candor_contact_counted();"
	"CREATE INDEX IF NOT EXISTS accounts_owner_nocase ON accounts (lower(owner COLLATE \"C\"), id);";

/*
 * The triggers that keep owner_stage_counts (schema.c, migration 10 -> 11),
 * as SQLite's do.  Made again after partitioning, with stage_counts'.
 */
const char pg_owner_count_sql[] =
	"CREATE OR REPLACE FUNCTION candor_owner_count(own TEXT, st BIGINT, d BIGINT) RETURNS void"
	" LANGUAGE sql AS $$ INSERT INTO owner_stage_counts(owner, stage, n) VALUES (own, st, d)"
	" ON CONFLICT (owner, stage) DO UPDATE SET n = owner_stage_counts.n + d $$;"
	"CREATE OR REPLACE FUNCTION candor_stage_count_owned() RETURNS trigger LANGUAGE plpgsql AS $$"
	" BEGIN"
	"  IF TG_OP <> 'INSERT' THEN PERFORM candor_owner_count(a.owner, OLD.stage, -OLD.n)"
	"   FROM accounts a WHERE a.id = OLD.account_id AND a.deleted = 0; END IF;"
	"  IF TG_OP <> 'DELETE' THEN PERFORM candor_owner_count(a.owner, NEW.stage, NEW.n)"
	"   FROM accounts a WHERE a.id = NEW.account_id AND a.deleted = 0; END IF;"
	"  RETURN NULL;"
	" END $$;"
	"CREATE OR REPLACE FUNCTION candor_account_owned() RETURNS trigger LANGUAGE plpgsql AS $$"
	" BEGIN"
	"  IF OLD.deleted = 0 THEN PERFORM candor_owner_count(OLD.owner, k.stage, -k.n)"
	"   FROM stage_counts k WHERE k.account_id = OLD.id; END IF;"
	"  IF TG_OP = 'UPDATE' AND NEW.deleted = 0 THEN PERFORM candor_owner_count(NEW.owner, k.stage, k.n)"
	"   FROM stage_counts k WHERE k.account_id = NEW.id; END IF;"
	"  RETURN NULL;"
	" END $$;"
	"CREATE TRIGGER owner_counts AFTER INSERT OR UPDATE OR DELETE ON stage_counts"
	" FOR EACH ROW EXECUTE FUNCTION candor_stage_count_owned();"
	"CREATE TRIGGER owner_counts_account AFTER UPDATE OF owner, deleted ON accounts FOR EACH ROW"
	" WHEN (OLD.owner IS DISTINCT FROM NEW.owner OR (OLD.deleted = 0) <> (NEW.deleted = 0))"
	" EXECUTE FUNCTION candor_account_owned();"
	"CREATE TRIGGER owner_counts_account_removed AFTER DELETE ON accounts"
	" FOR EACH ROW EXECUTE FUNCTION candor_account_owned();";

/* What PostgreSQL needs beyond migration i (index: the version reached). */
static const char *const pg_extra[CANDOR_SCHEMA_VERSION + 1] = {
	[3] = "CREATE UNIQUE INDEX users_name_nocase ON users (lower(name COLLATE \"C\"));",
	[4] = "CREATE INDEX accounts_name_nocase ON accounts (lower(name COLLATE \"C\"), id);"
	      "CREATE INDEX contacts_name_nocase ON contacts (lower(name COLLATE \"C\"), id);",
	[5] = "ALTER TABLE interactions DROP CONSTRAINT interactions_kind_check;"
	      "ALTER TABLE interactions ADD CONSTRAINT interactions_kind_check"
	      " CHECK (kind IN ('call','meeting','email','note','chat'));",
	[8] = pg_rekey_sql,
	[10] = pg_stage_count_sql,   /* and below: a seller's accounts by owner, as LOWER() compares */
	[11] = pg_owner_count_sql,
};

/* t as an SQL string literal, into b. */
static void add_literal(struct candor_buf *b, const char *t)
{
	candor_buf_addch(b, '\'');
	for (; *t; t++) {
		if (*t == '\'')
			candor_buf_addch(b, '\'');
		candor_buf_addch(b, *t);
	}
	candor_buf_addch(b, '\'');
}

/*
 * Schema 11 -> 12 on PostgreSQL: the search fold (util/fold.h) as an
 * IMMUTABLE function, candor_fold(), and the fold of every searched column
 * kept in a generated column beside it (name_fold, email_fold), so that a
 * search is strpos() over kept text, not translate() with the fold's tables
 * of some thousand characters per row.  Text all ASCII (as many bytes as
 * characters) folds by lower() in the "C" collation, A-Z alone, as
 * candor_fold() does.  A change to the fold needs a migration that makes
 * the function again and the columns with it.
 */
static void add_fold_sql(struct candor_buf *b)
{
	const char *from, *to;

	candor_fold_tables(&from, &to);
	candor_buf_adds(b, "CREATE FUNCTION candor_fold(t TEXT) RETURNS TEXT LANGUAGE sql"
			" IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT CASE WHEN octet_length(t) ="
			" char_length(t) THEN lower(t COLLATE \"C\") ELSE translate(t, ");
	add_literal(b, from);
	candor_buf_adds(b, ", ");
	add_literal(b, to);
	candor_buf_adds(b, ") END $$;"
			"ALTER TABLE contacts"
			" ADD COLUMN name_fold TEXT GENERATED ALWAYS AS (candor_fold(name)) STORED,"
			" ADD COLUMN email_fold TEXT GENERATED ALWAYS AS (candor_fold(email)) STORED;"
			"ALTER TABLE accounts"
			" ADD COLUMN name_fold TEXT GENERATED ALWAYS AS (candor_fold(name)) STORED;");
}

/* What PostgreSQL needs beyond migration i that is made when it runs. */
static void (*const pg_built[CANDOR_SCHEMA_VERSION + 1])(struct candor_buf *) = {
	[12] = add_fold_sql,
};

static const struct { const char *from, *to; } spelling[] = {
	{ "INTEGER", "BIGINT" },
	{ "REAL", "DOUBLE PRECISION" },
	{ " COLLATE NOCASE", "" },
};

static bool word_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* Migration sql in PostgreSQL's words, into b. */
static void respell(struct candor_buf *b, const char *sql)
{
	const char *p = sql;

	while (*p) {
		size_t k, n = 0;

		for (k = 0; k < CANDOR_ARRAY_SIZE(spelling); k++) {
			n = strlen(spelling[k].from);
			if (!strncmp(p, spelling[k].from, n) && (p == sql || !word_char(p[-1]) ||
								 spelling[k].from[0] == ' ') &&
			    !word_char(p[n]))
				break;
		}
		if (k < CANDOR_ARRAY_SIZE(spelling)) {
			candor_buf_adds(b, spelling[k].to);
			p += n;
		} else {
			candor_buf_addch(b, *p++);
		}
	}
}

int pg_schema_version(struct candor_store *s, int *out)
{
	PGresult *r = pg_query(s, "SELECT version FROM candor_schema", "");

	*out = 0;
	if (!r)
		return s->err->code;
	if (PQntuples(r) == 1)
		*out = (int)pg_col_int(r, 0, 0);
	PQclear(r);
	return 0;
}

/*
 * What the current schema holds: *tables, the number of tables and views
 * in it; *ours, whether one is candor_schema; *app, its application.
 */
static int survey(struct candor_store *s, int64_t *tables, bool *ours, bool *app)
{
	PGresult *r = pg_query(s, "SELECT current_schema() IS NULL,"
			       " (SELECT count(*) FROM pg_catalog.pg_class c"
			       "   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
			       "   WHERE n.nspname = current_schema() AND c.relkind IN ('r','p','v','m','f')),"
			       " (SELECT count(*) FROM pg_catalog.pg_class c"
			       "   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
			       "   WHERE n.nspname = current_schema() AND c.relname = 'candor_schema')", "");
	int rc = 0;

	if (!r)
		return s->err->code;
	if (!strcmp(PQgetvalue(r, 0, 0), "t"))
		rc = candor_error_set(s->err, CANDOR_EDB, "database",
				      "'%s' has no schema to keep Candor's tables in: create the schema "
				      "named by its search_path, or use the default", s->location);
	*tables = pg_col_int(r, 0, 1);
	*ours = pg_col_int(r, 0, 2) > 0;
	PQclear(r);
	*app = false;
	if (rc || !*ours)
		return rc;
	r = pg_query(s, "SELECT count(*) FROM candor_schema WHERE application = 'candor'", "");
	if (!r)
		return s->err->code;
	*app = pg_col_int(r, 0, 0) == 1;
	PQclear(r);
	return 0;
}

static int upgrade(struct candor_store *s, int version)
{
	struct candor_buf sql = CANDOR_BUF_INIT;
	int rc = 0;

	for (; !rc && version < CANDOR_SCHEMA_VERSION; version++) {
		candor_buf_reset(&sql);
		respell(&sql, candor_migrations[version]);
		if (pg_extra[version + 1])
			candor_buf_adds(&sql, pg_extra[version + 1]);
		if (pg_built[version + 1])
			pg_built[version + 1](&sql);
		rc = candor_buf_error(&sql) ? candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory")
					    : pg_script(s, sql.ptr, "upgrading the database");
	}
	if (!rc)
		rc = pg_exec(s, pg_query(s, "UPDATE candor_schema SET version = $1", "i",
					 (int64_t)CANDOR_SCHEMA_VERSION), NULL);
	candor_buf_release(&sql);
	return rc;
}

int pg_migrate(struct candor_store *s, bool create)
{
	int64_t tables = 0;
	bool ours = false, app = false;
	int version = 0, rc;

	if ((rc = pg_begin(s)) || (rc = survey(s, &tables, &ours, &app)))
		goto cleanup;
	if (ours ? !app : tables > 0) {
		rc = candor_error_set(s->err, CANDOR_EDB, "database",
				      "'%s' is not a Candor database: nothing was changed", s->location);
		goto cleanup;
	}
	if (!ours && !create) {
		rc = candor_error_set(s->err, CANDOR_EDB, "database",
				      "no Candor database at '%s': run 'candor init' first", s->location);
		goto cleanup;
	}
	if (!ours)
		rc = pg_script(s, "CREATE TABLE candor_schema (application TEXT NOT NULL,"
			       " version INTEGER NOT NULL);"
			       " INSERT INTO candor_schema VALUES ('candor', 0)", "creating the database");
	if (rc || (rc = pg_schema_version(s, &version)))
		goto cleanup;
	if (version > CANDOR_SCHEMA_VERSION) {
		rc = candor_error_set(s->err, CANDOR_EDB, "database",
				      "'%s' has schema version %d, newer than this candor knows (%d): "
				      "upgrade candor", s->location, version, CANDOR_SCHEMA_VERSION);
		goto cleanup;
	}
	if (version < CANDOR_SCHEMA_VERSION)
		rc = upgrade(s, version);
	if (!rc)
		rc = pg_citus(s);
cleanup:
	if (rc)
		pg_rollback(s);
	else
		rc = pg_commit(s);
	return rc;
}
