/*
 * sqlite.c: the SQLite backend of the store (see store.h).
 *
 * One file, WAL journal, foreign keys on, schema versioned by
 * PRAGMA user_version and marked as Candor's by PRAGMA application_id.
 * Migrations run on open, inside one transaction.  Prepared statements are
 * cached per SQL text (the texts are literals, so the pointer is the key).
 */
#include "util/common.h"
#include <sqlite3.h>
#include <sys/stat.h>
#include "store/schema.h"
#include "store/sqlite-priv.h"
#include "util/buf.h"
#include "util/fold.h"

#define APPLICATION_ID 0x43414e44 /* "CAND" */
/* How long a writer waits for another to finish: 1.5 s let one board of
 * 131,730 requests in the 30-minute soak on a loaded machine answer 503 */
#define BUSY_TIMEOUT_MS 5000

static int sq_schema_version(struct candor_store *s, int *out)
{
	sqlite3_stmt *st = sq_stmt(s, "PRAGMA user_version");
	int rc;

	if (!st)
		return s->err->code;
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sq_done(s, st);
	return rc == SQLITE_ROW ? 0 : sq_fail(s, rc, "reading the schema version");
}

static int application_id(struct candor_store *s, int *out)
{
	sqlite3_stmt *st = sq_stmt(s, "PRAGMA application_id");
	int rc;

	if (!st)
		return s->err->code;
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sq_done(s, st);
	return rc == SQLITE_ROW ? 0 : sq_fail(s, rc, "reading the database");
}

/* Whether the file already holds tables (another program's database). */
static bool has_tables(struct candor_store *s)
{
	sqlite3_stmt *st = sq_stmt(s, "SELECT count(*) FROM sqlite_master");
	bool any = true;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		any = sqlite3_column_int(st, 0) > 0;
	if (st)
		sq_done(s, st);
	return any;
}

/* CANDOR_EDB when a row refers to one that is not there. */
static int foreign_keys_hold(struct candor_store *s)
{
	sqlite3_stmt *st = sq_stmt(s, "PRAGMA foreign_key_check");
	int rc;

	if (!st)
		return s->err->code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = candor_error_set(s->err, CANDOR_EDB, "database",
				      "'%s': a row of table '%s' refers to a missing row of '%s': "
				      "nothing was changed", s->location,
				      (const char *)sqlite3_column_text(st, 0),
				      (const char *)sqlite3_column_text(st, 2));
	else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = sq_fail(s, rc, "upgrading the database");
	sq_done(s, st);
	return rc;
}

static int migrate(struct candor_store *s)
{
	char sql[96];
	int version = 0, app = 0, rc;

	if ((rc = sq_schema_version(s, &version)) || (rc = application_id(s, &app)))
		return rc;
	if (app != APPLICATION_ID && (app != 0 || version != 0 || has_tables(s)))
		return candor_error_set(s->err, CANDOR_EDB, "database",
					"'%s' is not a Candor database: nothing was changed", s->location);
	if (version > CANDOR_SCHEMA_VERSION)
		return candor_error_set(s->err, CANDOR_EDB, "database",
					"'%s' has schema version %d, newer than this candor knows (%d): "
					"upgrade candor", s->location, version, CANDOR_SCHEMA_VERSION);
	if (version == CANDOR_SCHEMA_VERSION)
		return 0;
	/* WAL is a property of the file: set once, when it becomes Candor's.
	 * Foreign keys are off while a table is rebuilt (SQLite's way of
	 * changing a CHECK: make the new table, copy, drop, rename), which
	 * must be said outside the transaction; the keys are checked before
	 * the commit instead. */
	if ((rc = sq_exec_script(s, "PRAGMA journal_mode = WAL", "creating the database")) ||
	    (rc = sq_exec_script(s, "PRAGMA foreign_keys = OFF", "upgrading the database")) ||
	    (rc = sq_exec_script(s, "BEGIN IMMEDIATE", "upgrading the database")))
		goto fail;
	/* another process may have upgraded it while this one waited for the lock */
	if ((rc = sq_schema_version(s, &version)))
		goto fail;
	if (version >= CANDOR_SCHEMA_VERSION) {
		if ((rc = sq_exec_script(s, "COMMIT", "opening the database")))
			goto fail;
		return sq_exec_script(s, "PRAGMA foreign_keys = ON", "opening the database");
	}
	for (; version < CANDOR_SCHEMA_VERSION; version++) {
		if ((rc = sq_exec_script(s, candor_migrations[version], "upgrading the database")))
			goto fail;
		if (version + 1 == 5 &&
		    (rc = sq_exec_script(s, candor_interactions_v5, "upgrading the database")))
			goto fail;
		if (version + 1 == 10 &&
		    (rc = sq_exec_script(s, candor_stage_count_triggers, "upgrading the database")))
			goto fail;
		if (version + 1 == 11 &&
		    (rc = sq_exec_script(s, candor_owner_count_triggers, "upgrading the database")))
			goto fail;
	}
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d; PRAGMA application_id = %d",
		 CANDOR_SCHEMA_VERSION, APPLICATION_ID);
	if ((rc = sq_exec_script(s, sql, "upgrading the database")) ||
	    (rc = foreign_keys_hold(s)) ||
	    (rc = sq_exec_script(s, "COMMIT", "upgrading the database")))
		goto fail;
	return sq_exec_script(s, "PRAGMA foreign_keys = ON", "opening the database");
fail:
	sqlite3_exec(SQ(s)->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_exec(SQ(s)->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return rc;
}

/* candor_fold(text): the search fold (util/fold.h); NULL stays NULL. */
static void sq_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct candor_buf b = CANDOR_BUF_INIT;
	const unsigned char *in = sqlite3_value_text(argv[0]);

	(void)argc;
	if (!in)
		return;
	candor_fold(&b, (const char *)in, (size_t)sqlite3_value_bytes(argv[0]));
	if (candor_buf_error(&b))
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_text(ctx, b.ptr, (int)b.len, SQLITE_TRANSIENT);
	candor_buf_release(&b);
}

/* CANDOR_SQL_PROFILE=1: each statement's time on stderr (as CANDOR_PG_NOTICES on PostgreSQL). */
static int sq_profile(unsigned type, void *data, void *stmt, void *ns)
{
	char *sql = sqlite3_expanded_sql(stmt);

	(void)data;
	if (type == SQLITE_TRACE_PROFILE)
		fprintf(stderr, "candor: sql %.3f ms: %.300s\n", (double)*(sqlite3_int64 *)ns / 1e6,
			sql ? sql : sqlite3_sql(stmt));
	sqlite3_free(sql);
	return 0;
}

void candor_store_memory_limit(int64_t bytes)
{
	sqlite3_soft_heap_limit64(bytes > 0 ? bytes : 0);
}

static int sq_open(struct candor_store *s, const char *location, bool create)
{
	struct sq *q = calloc(1, sizeof(*q));
	struct stat sb;
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	int rc;

	if (!q)
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	s->impl = q;
	if (!create && stat(location, &sb) != 0) {
		rc = candor_error_set(s->err, CANDOR_EDB, "database",
				      "no Candor database at '%s': run 'candor init' first", location);
		goto fail;
	}
	rc = sqlite3_open_v2(location, &q->db, flags, NULL);
	if (rc) {
		rc = sq_fail(s, rc, "opening the database");
		goto fail;
	}
	sqlite3_busy_timeout(q->db, BUSY_TIMEOUT_MS);
	if (getenv("CANDOR_SQL_PROFILE") && *getenv("CANDOR_SQL_PROFILE"))
		sqlite3_trace_v2(q->db, SQLITE_TRACE_PROFILE, sq_profile, NULL);
	sqlite3_create_function_v2(q->db, "candor_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC |
				   SQLITE_INNOCUOUS, NULL, sq_fold, NULL, NULL, NULL);
	sqlite3_extended_result_codes(q->db, 1);
	/* a page cache of 16 MB (SQLite's default is 2 MB): the board's queries
	 * at 100,000 buyers spent a third of their time reading pages again */
	if ((rc = sq_exec_script(s, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -16384",
				 "opening the database")) ||
	    (rc = migrate(s)))
		goto fail;
	return 0;
fail:
	s->be->close(s);
	return rc;
}

static void sq_close(struct candor_store *s)
{
	struct sq *q = SQ(s);

	if (!q)
		return;
	for (size_t i = 0; i < q->ncache; i++)
		sqlite3_finalize(q->cache[i].stmt);
	for (size_t i = 0; i < q->nins; i++)
		sqlite3_finalize(q->ins[i].stmt);
	for (size_t i = 0; i < q->nbyid; i++)
		sqlite3_finalize(q->byid[i].stmt);
	if (q->in_tx)
		sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(q->db);
	free(q);
	s->impl = NULL;
}

/*
 * Begin with sql.  A BEGIN that reports a failure (out of memory after the
 * statement ran) may still have opened the transaction: then it is rolled
 * back here, or the connection would refuse every later BEGIN ("cannot
 * start a transaction within a transaction").
 */
static int sq_begin_with(struct candor_store *s, const char *sql)
{
	int rc;

	s->retry = false;
	rc = sq_exec_script(s, sql, "starting a transaction");
	if (rc && !sqlite3_get_autocommit(SQ(s)->db))
		sqlite3_exec(SQ(s)->db, "ROLLBACK", NULL, NULL, NULL);
	SQ(s)->in_tx = rc == 0;
	return rc;
}

static int sq_begin(struct candor_store *s)
{
	return sq_begin_with(s, "BEGIN IMMEDIATE");
}

/* Deferred: a read snapshot (WAL), no lock against the writer or readers. */
static int sq_begin_read(struct candor_store *s)
{
	return sq_begin_with(s, "BEGIN DEFERRED");
}

static int sq_commit(struct candor_store *s)
{
	int rc = sq_exec_script(s, "COMMIT", "saving");

	if (rc)
		sqlite3_exec(SQ(s)->db, "ROLLBACK", NULL, NULL, NULL);
	SQ(s)->in_tx = false;
	return rc;
}

static void sq_rollback(struct candor_store *s)
{
	if (SQ(s)->in_tx || !sqlite3_get_autocommit(SQ(s)->db))
		sqlite3_exec(SQ(s)->db, "ROLLBACK", NULL, NULL, NULL);
	SQ(s)->in_tx = false;
}

static int sq_account_add(struct candor_store *s, struct candor_account *a)
{
	return sq_exec(s, sq_bind(s, "INSERT INTO accounts(name, owner, note, created) VALUES (?,?,?,?)",
			    "ttti", a->name, a->owner, a->note, a->created),
		    "adding the account", &a->id);
}

/* A name matches ?2 whole, or with ?3 set as a run of whole words. */
#define NAME_MATCH(col) " (?2 = '' OR " col " = ?2 COLLATE NOCASE OR (?3 AND" \
	" instr(' ' || lower(" col ") || ' ', ' ' || lower(?2) || ' ') > 0))"

static int sq_accounts(struct candor_store *s, int64_t id, const char *name, bool words,
		       struct candor_account_list *out)
{
#define ACCOUNTS(where) "SELECT id, name, owner, note, created FROM accounts WHERE " where \
	" AND deleted = 0 AND" NAME_MATCH("name") " ORDER BY name COLLATE NOCASE, id"
	/* by id: a primary-key look-up (the OR form scans the table) */
	/* by whole name: the name index (accounts_name) */
	sqlite3_stmt *st = sq_bind(s, id ? ACCOUNTS("id = ?1")
				   : name && *name && !words ? ACCOUNTS("name = ?2 COLLATE NOCASE AND ?1 = 0")
				   : ACCOUNTS("?1 = 0"), "itb", id, name, (int)words);
#undef ACCOUNTS
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return s->err->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct candor_account *a;

		if (sq_grow(s, (void **)&out->v, out->n, sizeof(*out->v)))
			break;
		a = &out->v[out->n++];
		a->id = sq_col_int(st, 0);
		a->name = sq_col_text(st, 1);
		a->owner = sq_col_text(st, 2);
		a->note = sq_col_text(st, 3);
		a->created = sq_col_int(st, 4);
	}
	sq_done(s, st);
	return rc == SQLITE_DONE ? 0 : rc == SQLITE_ROW ? s->err->code : sq_fail(s, rc, "listing accounts");
}

/*
 * Pages (store.h, struct candor_list_query): ?1 owner, ?2 search, ?3 the
 * cursor's id, ?4 the limit (-1: none), and for contacts ?5 the account.
 * One text per order and per "from the start or after a row", so that
 * SQLite walks the (name COLLATE NOCASE, id) index from the cursor on
 * rather than from the top; a row value compares both keys at once.
 */
#define SEARCH(col) "instr(lower(" col "), lower(?2)) > 0"
#define ACCOUNT_PAGE(after, order) "SELECT id, name, owner, note, created FROM accounts" \
	" WHERE (?1 = '' OR owner = ?1 COLLATE NOCASE) AND (?2 = '' OR " SEARCH("name") ")" \
	" AND (?3 = 0 OR 1) AND deleted = 0" after " ORDER BY " order " LIMIT ?4"
#define BY_NAME "name COLLATE NOCASE, id"
#define AFTER_NAME(t, p) " AND (" p "name COLLATE NOCASE, " p "id) >" \
	" ((SELECT name FROM " t " WHERE id = ?3) COLLATE NOCASE, ?3)"

static int sq_account_page(struct candor_store *s, const struct candor_list_query *q,
			   const struct candor_cursor *cur, struct candor_account_list *out)
{
	const char *sql = q->order == CANDOR_ORDER_ID
		? (cur->id ? ACCOUNT_PAGE(" AND id > ?3", "id") : ACCOUNT_PAGE("", "id"))
		: (cur->id ? ACCOUNT_PAGE(AFTER_NAME("accounts", ""), BY_NAME) : ACCOUNT_PAGE("", BY_NAME));
	sqlite3_stmt *st = sq_bind(s, sql, "ttii", q->owner, q->search, cur->id,
				   q->limit ? (int64_t)q->limit + 1 : (int64_t)-1);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return s->err->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct candor_account *a;

		if (sq_grow(s, (void **)&out->v, out->n, sizeof(*out->v)))
			break;
		a = &out->v[out->n++];
		a->id = sq_col_int(st, 0);
		a->name = sq_col_text(st, 1);
		a->owner = sq_col_text(st, 2);
		a->note = sq_col_text(st, 3);
		a->created = sq_col_int(st, 4);
	}
	sq_done(s, st);
	return rc == SQLITE_DONE ? 0 : rc == SQLITE_ROW ? s->err->code : sq_fail(s, rc, "listing accounts");
}

#define CONTACT_PAGE(after, order) "SELECT c.id, c.account_id, a.name, c.name, c.role, c.email," \
	" c.created FROM contacts c JOIN accounts a ON a.id = c.account_id" \
	" WHERE (?1 = '' OR a.owner = ?1 COLLATE NOCASE)" \
	" AND (?2 = '' OR " SEARCH("c.name") " OR " SEARCH("c.email") ")" \
	" AND (?3 = 0 OR 1) AND (?5 = 0 OR c.account_id = ?5) AND c.deleted = 0 AND a.deleted = 0" \
	after " ORDER BY " order " LIMIT ?4"

static int sq_contact_page(struct candor_store *s, const struct candor_list_query *q,
			   const struct candor_cursor *cur, struct candor_contact_list *out)
{
	const char *sql = q->order == CANDOR_ORDER_ID
		? (cur->id ? CONTACT_PAGE(" AND c.id > ?3", "c.id") : CONTACT_PAGE("", "c.id"))
		: (cur->id ? CONTACT_PAGE(AFTER_NAME("contacts", "c."), "c.name COLLATE NOCASE, c.id")
			   : CONTACT_PAGE("", "c.name COLLATE NOCASE, c.id"));
	sqlite3_stmt *st = sq_bind(s, sql, "ttiii", q->owner, q->search, cur->id,
				   q->limit ? (int64_t)q->limit + 1 : (int64_t)-1, q->account_id);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return s->err->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct candor_contact *c;

		if (sq_grow(s, (void **)&out->v, out->n, sizeof(*out->v)))
			break;
		c = &out->v[out->n++];
		c->id = sq_col_int(st, 0);
		c->account_id = sq_col_int(st, 1);
		c->account_name = sq_col_text(st, 2);
		c->name = sq_col_text(st, 3);
		c->role = sq_col_text(st, 4);
		c->email = sq_col_text(st, 5);
		c->created = sq_col_int(st, 6);
	}
	sq_done(s, st);
	return rc == SQLITE_DONE ? 0 : rc == SQLITE_ROW ? s->err->code : sq_fail(s, rc, "listing contacts");
}

static int sq_evidence_touch(struct candor_store *s, int64_t account_id, int64_t contact_id)
{
	int rc = sq_exec(s, sq_bind(s, "UPDATE contacts SET evidence = evidence + 1"
			      " WHERE account_id = ? AND id = ?", "ii", account_id, contact_id),
			 "recording the evidence", NULL);

	return rc ? rc : sq_exec(s, sq_bind(s, "INSERT INTO assessments(id, account_id) VALUES (?1, ?2)"
				    " ON CONFLICT (id) DO UPDATE SET valid_until = 0", "ii",
				    contact_id, account_id), "recording the evidence", NULL);
}

static int fill_stale(struct candor_store *s, sqlite3_stmt *st, void *row)
{
	struct candor_stale *x = row;

	(void)s;
	x->contact_id = sq_col_int(st, 0);
	x->account_id = sq_col_int(st, 1);
	x->evidence = sq_col_int(st, 2);
	return 0;
}

/* Four index look-ups: marked or expired, computed for a later moment, another model. */
static int sq_assessments_stale(struct candor_store *s, const char *model, int64_t at,
				struct candor_stale **out, size_t *n)
{
	sqlite3_stmt *st = sq_bind(s, "SELECT c.id, c.account_id, c.evidence FROM contacts c WHERE c.id IN"
				   " (SELECT id FROM assessments WHERE valid_until <= ?1"
				   "  UNION SELECT id FROM assessments WHERE at > ?1"
				   "  UNION SELECT id FROM assessments WHERE model < ?2"
				   "  UNION SELECT id FROM assessments WHERE model > ?2) AND c.deleted = 0 ORDER BY c.id",
				   "it", at, model);
	int rc, frc = 0;

	if (!st)
		return s->err->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((frc = sq_grow(s, (void **)out, *n, sizeof(**out))))
			break;
		fill_stale(s, st, &(*out)[(*n)++]);
	}
	sq_done(s, st);
	return frc ? frc : rc == SQLITE_DONE ? 0 : sq_fail(s, rc, "reading the pipeline");
}

static int sq_assessment_put(struct candor_store *s, const struct candor_assessment_row *r)
{
	return sq_exec(s, sq_bind(s, "UPDATE assessments SET account_id = ?2, model = ?3, evidence = ?4,"
			    " at = ?5, valid_until = ?6, stage = ?7, stalled_last = ?8, neg_trust = ?9,"
			    " headline = ?10, headline_kind = ?11, headline_ref = ?12, headline_flags = ?13,"
			    " doc = ?14"
			    " WHERE id = ?1 AND (SELECT evidence FROM contacts WHERE id = ?1) = ?4",
			    "iitiiiiidttiit", r->contact_id, r->account_id, r->model, r->evidence, r->at,
			    r->valid_until, (int64_t)r->stage, (int64_t)(r->stalled ? 0 : 1), -r->trust,
			    r->headline, r->headline_kind, r->headline_ref, (int64_t)r->headline_flags,
			    r->doc),
		    "keeping the assessment", NULL);
}

/* One look-up by the key a buyer: a page is a few hundred of them. */
static int sq_assessment_docs(struct candor_store *s, const struct candor_assessment_row *rows,
			      size_t n, char **docs)
{
	int rc = SQLITE_DONE;

	for (size_t i = 0; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_stmt *st = sq_bind(s, "SELECT doc FROM assessments WHERE id = ?1 AND account_id = ?2"
					   " AND evidence = ?3 AND at = ?4 AND valid_until > at AND doc <> ''", "iiii",
					   rows[i].contact_id, rows[i].account_id, rows[i].evidence,
					   rows[i].at);

		if (!st)
			return s->err->code;
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (!(docs[i] = sq_col_text(st, 0)))
				rc = SQLITE_NOMEM;
			else
				rc = SQLITE_DONE;
		}
		sq_done(s, st);
	}
	return rc == SQLITE_DONE ? 0 : sq_fail(s, rc, "reading the kept answers");
}

/* One buyer's, when current: the contact's own evidence counter decides. */
static int sq_assessment_doc(struct candor_store *s, int64_t account_id, int64_t contact_id,
			     const char *model, int64_t at, char **doc)
{
	sqlite3_stmt *st = sq_bind(s, "SELECT x.doc FROM assessments x JOIN contacts c ON c.id = x.id"
				   " WHERE x.id = ?1 AND x.account_id = ?2 AND c.account_id = ?2"
				   " AND x.model = ?3 AND x.at <= ?4 AND x.valid_until > ?4"
				   " AND x.evidence = c.evidence AND c.deleted = 0 AND x.doc <> ''",
				   "iiti", contact_id, account_id, model, at);
	int rc;

	if (!st)
		return s->err->code;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		rc = (*doc = sq_col_text(st, 0)) ? SQLITE_DONE : SQLITE_NOMEM;
	sq_done(s, st);
	return rc == SQLITE_DONE ? 0 : sq_fail(s, rc, "reading the kept answer");
}

/*
 * The pipeline in order, by the kept rows: ?1 owner, ?10 owners, ?2 the
 * folded search, ?5 the account, ?9 the stage (1 + stage; 0: any), ?4 the
 * limit, and after a row its id ?3 and sort key (?6, ?7, ?8; one-number
 * keys in ?8).  Urgency walks the assessments_order index (a row value);
 * the other orders are computed per buyer and paged by their key.
 * candor_fold() is the search fold (util/fold.h), registered at open.
 */
#define PL_FOLD(col) "instr(candor_fold(" col "), ?2) > 0"
#define PL_FILTER " WHERE (?1 = '' OR a.owner = ?1 COLLATE NOCASE)" \
	" AND (?10 = '' OR instr(?10, char(10) || a.owner || char(10)) > 0)" \
	" AND (?2 = '' OR " PL_FOLD("c.name") " OR " PL_FOLD("c.email") " OR " PL_FOLD("a.name") ")" \
	" AND (?5 = 0 OR x.account_id = ?5) AND c.deleted = 0 AND a.deleted = 0"
#define PL_LAST "coalesce((SELECT max(i.at) FROM interactions i" \
	" WHERE i.account_id = c.account_id AND i.contact_id = c.id AND i.deleted = 0), 0)"
/* an open promise: no kept, kept-late or broken event; its due date the last set */
/* (CROSS JOIN: the buyer's few promises first, then each one's events by index) */
#define PL_PROMISE_DUE "(SELECT min(e.due) FROM commitments k CROSS JOIN commitment_events e" \
	" WHERE e.account_id = k.account_id AND e.commitment_id = k.id" \
	" AND k.account_id = c.account_id AND k.contact_id = c.id AND k.deleted = 0 AND e.deleted = 0" \
	" AND e.status IN ('open', 'renegotiated') AND NOT EXISTS (SELECT 1 FROM commitment_events f" \
	"  WHERE f.account_id = k.account_id AND f.commitment_id = k.id AND f.deleted = 0 AND (f.status IN" \
	"  ('kept', 'kept_late', 'broken') OR (f.status = 'renegotiated'" \
	"  AND (f.at > e.at OR (f.at = e.at AND f.id > e.id))))))"
#define PL_EXPECT_DUE "(SELECT min(by_at) FROM expectations y" \
	" WHERE y.account_id = c.account_id AND y.contact_id = c.id AND y.status = 'open'" \
	" AND y.deleted = 0)"
#define PL_DUE "min(coalesce(" PL_PROMISE_DUE ", 9000000000000000), coalesce(" PL_EXPECT_DUE \
	", 9000000000000000))"
#define PL_SELECT(cols, stage, after, order) "SELECT c.id, c.account_id, a.name, c.name, c.role, c.email," \
	" c.created, x.model, x.evidence, x.at, x.valid_until, x.stage, x.stalled_last, x.neg_trust," \
	" x.headline, x.headline_kind, x.headline_ref, x.headline_flags, " cols \
	" FROM assessments x JOIN contacts c ON c.id = x.id JOIN accounts a ON a.id = c.account_id" \
	PL_FILTER " AND " stage " AND (?3 + ?6 + ?7 + ?8 IS NOT NULL)" after " ORDER BY " order " LIMIT ?4"
/* With a stage, an equality the index seeks to (the OR form scans from the top). */
#define PL_ANY "(?9 = 0 OR x.stage = ?9 - 1)"
#define PL_IN "x.stage = ?9 - 1"
#define PL_ORDER_U "x.stage, x.stalled_last, x.neg_trust, x.id"
#define PL_AFTER_U " AND (x.stage, x.stalled_last, x.neg_trust, x.id) > (?6, ?7, ?8, ?3)"
#define PL_ORDER_K(key) key ", x.id"
#define PL_AFTER_K(key) " AND (" key ", x.id) > (?8, ?3)"
#define PL_SORT(cols, order, after) { PL_SELECT(cols, PL_ANY, "", order), \
	PL_SELECT(cols, PL_ANY, after, order), PL_SELECT(cols, PL_IN, "", order), \
	PL_SELECT(cols, PL_IN, after, order) }
/* the last contact and the due date are read for the orders that need them
 * (store.h); the others leave them 0 and none, a subquery a row less */
#define PL_DATES PL_LAST ", " PL_DUE
#define PL_NO_DATES "0, 9000000000000000"

static const char *const pipeline_sql[][4] = {
	[CANDOR_SORT_URGENCY] = PL_SORT(PL_NO_DATES, PL_ORDER_U, PL_AFTER_U),
	[CANDOR_SORT_TRUST] = PL_SORT(PL_NO_DATES, PL_ORDER_K("x.neg_trust"), PL_AFTER_K("x.neg_trust")),
	[CANDOR_SORT_CONTACT] = PL_SORT(PL_DATES, PL_ORDER_K(PL_LAST), PL_AFTER_K(PL_LAST)),
	[CANDOR_SORT_DUE] = PL_SORT(PL_DATES, PL_ORDER_K(PL_DUE), PL_AFTER_K(PL_DUE)),
};

static void fill_pipeline_row(sqlite3_stmt *st, struct candor_contact *c,
			      struct candor_assessment_row *r)
{
	c->id = r->contact_id = sq_col_int(st, 0);
	c->account_id = r->account_id = sq_col_int(st, 1);
	c->account_name = sq_col_text(st, 2);
	c->name = sq_col_text(st, 3);
	c->role = sq_col_text(st, 4);
	c->email = sq_col_text(st, 5);
	c->created = sq_col_int(st, 6);
	r->model = NULL;
	r->evidence = sq_col_int(st, 8);
	r->at = sq_col_int(st, 9);
	r->valid_until = sq_col_int(st, 10);
	r->stage = (int)sq_col_int(st, 11);
	r->stalled = sq_col_int(st, 12) == 0;
	r->trust = -sqlite3_column_double(st, 13);
	snprintf(r->headline, sizeof(r->headline), "%s", (const char *)sqlite3_column_text(st, 14));
	snprintf(r->headline_kind, sizeof(r->headline_kind), "%s",
		 (const char *)sqlite3_column_text(st, 15));
	r->headline_ref = sq_col_int(st, 16);
	r->headline_flags = (int)sq_col_int(st, 17);
	r->last_contact = sq_col_int(st, 18);
	r->due = sq_col_int(st, 19);
}

static int sq_pipeline_page(struct candor_store *s, const struct candor_list_query *q,
			    const struct candor_cursor *cur, struct candor_contact_list *out,
			    struct candor_assessment_row **rows)
{
	int sort = q->sort >= 0 && q->sort <= CANDOR_SORT_DUE ? q->sort : CANDOR_SORT_URGENCY;
	const char *sql = pipeline_sql[sort][(q->in_stage ? 2 : 0) + (cur->id ? 1 : 0)];
	sqlite3_stmt *st = sq_bind(s, sql, "ttiiiiidit", q->owner, q->search, cur->id,
				   q->limit ? (int64_t)q->limit + 1 : (int64_t)-1, q->account_id,
				   (int64_t)cur->num[0], (int64_t)cur->num[1], cur->num[2],
				   (int64_t)q->in_stage, q->owners);
	int rc;

	if (!st)
		return s->err->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sq_grow(s, (void **)&out->v, out->n, sizeof(*out->v)) ||
		    sq_grow(s, (void **)rows, out->n, sizeof(**rows)))
			break;
		fill_pipeline_row(st, &out->v[out->n], &(*rows)[out->n]);
		out->n++;
	}
	sq_done(s, st);
	return rc == SQLITE_DONE ? 0 : rc == SQLITE_ROW ? s->err->code : sq_fail(s, rc, "reading the pipeline");
}

/* Every buyer with its kept answer: the page's statement without a limit,
 * each row's answer looked up by its key as the row is read. */
static int sq_pipeline_stream(struct candor_store *s, const struct candor_list_query *q,
			      int (*fn)(void *data, struct candor_contact *c,
					struct candor_assessment_row *row, char *doc),
			      void *data)
{
	int sort = q->sort >= 0 && q->sort <= CANDOR_SORT_DUE ? q->sort : CANDOR_SORT_URGENCY;
	sqlite3_stmt *st = sq_bind(s, pipeline_sql[sort][0], "ttiiiiidit", q->owner, q->search,
				   (int64_t)0, (int64_t)-1, q->account_id, (int64_t)0, (int64_t)0,
				   0.0, (int64_t)q->in_stage, q->owners);
	int rc = 0, step = SQLITE_DONE;

	if (!st)
		return s->err->code;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct candor_contact c = { 0 };
		struct candor_assessment_row row = { 0 };
		char *doc = NULL;

		fill_pipeline_row(st, &c, &row);
		if (!c.account_name || !c.name || !c.role || !c.email)
			rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
		else
			rc = sq_assessment_docs(s, &row, 1, &doc);
		if (!rc) {
			rc = fn(data, &c, &row, doc);
		} else {
			candor_contact_release(&c);
			free(doc);
		}
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(s, step, "reading the pipeline");
	sq_done(s, st);
	return rc;
}

/* The counts: kept per seller and stage (owner_stage_counts) or per account
 * and stage (stage_counts), summed over what the filters leave; a search
 * walks the buyers. */
static int sq_pipeline_counts(struct candor_store *s, const struct candor_list_query *q,
			      int64_t counts[CANDOR_STAGE_DECIDED + 1])
{
	bool plain = !(q->owner && *q->owner) && !(q->search && *q->search) && !q->account_id &&
		     !(q->owners && *q->owners);
	bool by_account = !(q->search && *q->search);
	bool by_owner = by_account && !q->account_id;
	sqlite3_stmt *st = plain
		? sq_bind(s, "SELECT stage, sum(n) FROM owner_stage_counts GROUP BY stage", "")
		/* a seller's board, or some sellers': a row a seller and stage */
		: by_owner
		? sq_bind(s, "SELECT stage, sum(n) FROM owner_stage_counts"
			  " WHERE (?1 = '' OR owner = ?1 COLLATE NOCASE)"
			  " AND (?2 = '' OR instr(?2, char(10) || owner || char(10)) > 0) GROUP BY stage",
			  "tt", q->owner, q->owners)
		/* a seller's own board: their accounts by the owner index */
		: by_account && q->owner && *q->owner
		? sq_bind(s, "SELECT k.stage, sum(k.n) FROM stage_counts k JOIN accounts a ON a.id = k.account_id"
			  " WHERE a.owner = ?1 COLLATE NOCASE"
			  " AND (?2 = '' OR instr(?2, char(10) || a.owner || char(10)) > 0)"
			  " AND (?3 = 0 OR k.account_id = ?3) AND a.deleted = 0 GROUP BY k.stage",
			  "tti", q->owner, q->owners, q->account_id)
		: by_account && q->account_id
		? sq_bind(s, "SELECT k.stage, sum(k.n) FROM stage_counts k JOIN accounts a ON a.id = k.account_id"
			  " WHERE k.account_id = ?3 AND (?2 = '' OR instr(?2, char(10) || a.owner || char(10)) > 0)"
			  " AND a.deleted = 0 AND ?1 IS NOT NULL GROUP BY k.stage",
			  "tti", q->owner, q->owners, q->account_id)
		: by_account
		? sq_bind(s, "SELECT k.stage, sum(k.n) FROM stage_counts k JOIN accounts a ON a.id = k.account_id"
			  " WHERE (?2 = '' OR instr(?2, char(10) || a.owner || char(10)) > 0)"
			  " AND a.deleted = 0 AND ?1 || ?3 IS NOT NULL GROUP BY k.stage",
			  "tti", q->owner, q->owners, q->account_id)
		: sq_bind(s, "SELECT x.stage, count(*) FROM assessments x JOIN contacts c ON c.id = x.id"
			  " JOIN accounts a ON a.id = c.account_id" PL_FILTER
			  " AND (?3 + ?4 + ?6 + ?7 + ?8 + ?9 IS NOT NULL) GROUP BY x.stage",
			  "ttiiiiidit", q->owner, q->search, (int64_t)0, (int64_t)0, q->account_id,
			  (int64_t)0, (int64_t)0, 0.0, (int64_t)0, q->owners);
	int rc;

	if (!st)
		return s->err->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t stage = sq_col_int(st, 0);

		if (stage >= 0 && stage <= CANDOR_STAGE_DECIDED)
			counts[stage] = sq_col_int(st, 1);
	}
	sq_done(s, st);
	return rc == SQLITE_DONE ? 0 : sq_fail(s, rc, "counting the pipeline");
}

/*
 * What falls due before ?11: open promises (their last due date) and open
 * expectations of the buyers that pass the filters, soonest first: each
 * kind's first ?4 by its due date (the partial indexes of schema 9 walk
 * only what is open), then the two merged.
 */
#define DUE_SQL "SELECT * FROM (SELECT * FROM (" \
	"SELECT c.id, c.account_id, c.name, 0, k.id, k.text, e.due FROM commitment_events e" \
	" JOIN commitments k ON e.account_id = k.account_id AND e.commitment_id = k.id" \
	" JOIN contacts c ON c.id = k.contact_id JOIN accounts a ON a.id = c.account_id" \
	" JOIN assessments x ON x.id = c.id" PL_FILTER " AND k.deleted = 0 AND e.deleted = 0" \
	" AND e.due < ?11" \
	" AND e.status IN ('open', 'renegotiated') AND NOT EXISTS (SELECT 1 FROM commitment_events f" \
	"  WHERE f.account_id = k.account_id AND f.commitment_id = k.id AND f.deleted = 0 AND (f.status IN" \
	"  ('kept', 'kept_late', 'broken') OR (f.status = 'renegotiated'" \
	"  AND (f.at > e.at OR (f.at = e.at AND f.id > e.id)))))" \
	" ORDER BY e.due, e.commitment_id LIMIT ?4)" \
	" UNION ALL SELECT * FROM (SELECT c.id, c.account_id, c.name, 1, y.id, y.text, y.by_at FROM expectations y" \
	" JOIN contacts c ON c.id = y.contact_id JOIN accounts a ON a.id = c.account_id" \
	" JOIN assessments x ON x.id = c.id" PL_FILTER " AND y.deleted = 0 AND y.status = 'open'" \
	" AND y.by_at < ?11 ORDER BY y.by_at, y.id LIMIT ?4)" \
	") AS d WHERE (?3 + ?6 + ?7 + ?8 + ?9 IS NOT NULL) ORDER BY 7, 4, 5 LIMIT ?4"

static int sq_due(struct candor_store *s, const struct candor_list_query *q, int64_t until,
		  struct candor_due_list *out)
{
	sqlite3_stmt *st = sq_bind(s, DUE_SQL, "ttiiiiiditi", q->owner, q->search, (int64_t)0,
				   q->limit ? (int64_t)q->limit + 1 : (int64_t)-1, q->account_id,
				   (int64_t)0, (int64_t)0, 0.0, (int64_t)0, q->owners, until);
	int rc;

	if (!st)
		return s->err->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct candor_due_item *d;

		if (sq_grow(s, (void **)&out->v, out->n, sizeof(*out->v)))
			break;
		d = &out->v[out->n++];
		d->contact_id = sq_col_int(st, 0);
		d->account_id = sq_col_int(st, 1);
		d->contact_name = sq_col_text(st, 2);
		d->kind = sq_col_int(st, 3) ? "expectation" : "commitment";
		d->id = sq_col_int(st, 4);
		d->text = sq_col_text(st, 5);
		d->due = sq_col_int(st, 6);
	}
	sq_done(s, st);
	return rc == SQLITE_DONE ? 0 : rc == SQLITE_ROW ? s->err->code : sq_fail(s, rc, "reading what is due");
}

static int sq_contact_add(struct candor_store *s, struct candor_contact *c)
{
	return sq_exec(s, sq_bind(s, "INSERT INTO contacts(account_id, name, role, email, created,"
			    " extra) VALUES (?,?,?,?,?,?)", "itttit",
			    c->account_id, c->name, c->role, c->email, c->created,
			    c->extra ? c->extra : "{}"),
		    "adding the contact", &c->id);
}

static int sq_contacts(struct candor_store *s, int64_t id, const char *name, bool words,
		       int64_t account_id, struct candor_contact_list *out)
{
#define CONTACTS(where) "SELECT c.id, c.account_id, a.name, c.name, c.role, c.email, c.created" \
	" FROM contacts c JOIN accounts a ON a.id = c.account_id WHERE " where \
	" AND c.deleted = 0 AND a.deleted = 0 AND" NAME_MATCH("c.name") " AND (?4 = 0 OR c.account_id = ?4)" \
	" ORDER BY a.name COLLATE NOCASE, c.name COLLATE NOCASE, c.id"
	/* by id: a primary-key look-up (the OR form scans the table) */
	/* by whole name: the name index (contacts_name) */
	sqlite3_stmt *st = sq_bind(s, id ? CONTACTS("c.id = ?1")
				   : name && *name && !words
				   ? CONTACTS("c.name = ?2 COLLATE NOCASE AND ?1 = 0") : CONTACTS("?1 = 0"),
				   "itbi", id, name, (int)words, account_id);
#undef CONTACTS
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return s->err->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct candor_contact *c;

		if (sq_grow(s, (void **)&out->v, out->n, sizeof(*out->v)))
			break;
		c = &out->v[out->n++];
		c->id = sq_col_int(st, 0);
		c->account_id = sq_col_int(st, 1);
		c->account_name = sq_col_text(st, 2);
		c->name = sq_col_text(st, 3);
		c->role = sq_col_text(st, 4);
		c->email = sq_col_text(st, 5);
		c->created = sq_col_int(st, 6);
	}
	sq_done(s, st);
	return rc == SQLITE_DONE ? 0 : rc == SQLITE_ROW ? s->err->code : sq_fail(s, rc, "listing contacts");
}

static int sq_interaction_add(struct candor_store *s, struct candor_interaction *it)
{
	return sq_exec(s, sq_bind(s, "INSERT INTO interactions(account_id, contact_id, kind, inbound, at,"
			    " seller, text, source, metrics, seller_share, analyser, content_sha256)"
			    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
			    "iitbittttdtt", it->account_id, it->contact_id,
			    candor_name_of(candor_interaction_kinds, it->kind), (int)it->inbound,
			    it->at, it->seller, it->text, it->source, it->metrics, it->seller_share,
			    it->analyser, it->sha256),
		    "logging the interaction", &it->id);
}

static int sq_signal_add(struct candor_store *s, int64_t account_id, struct candor_signal *sg)
{
	return sq_exec(s, sq_bind(s, "INSERT INTO signals(account_id, contact_id, interaction_id, category,"
			    " text, side, utterance, start_char, end_char, quote, confidence)"
			    " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
			    "iiitttiiitd", account_id, sg->contact_id, sg->interaction_id, sg->category,
			    sg->text, candor_name_of(candor_sides, sg->side), sg->utterance,
			    sg->start, sg->end, sg->quote, sg->confidence),
		    "recording what was said", &sg->id);
}

static int sq_commitment_event_add(struct candor_store *s, const struct candor_commitment *c,
				   struct candor_commitment_event *e)
{
	return sq_exec(s, sq_bind(s, "INSERT INTO commitment_events(account_id, commitment_id, at, status,"
			    " due, note) VALUES (?,?,?,?,?,?)", "iiitit", c->account_id, c->id, e->at,
			    candor_name_of(candor_commitment_statuses, e->status), e->due, e->note),
		    "recording the promise", &e->id);
}

static int sq_commitment_add(struct candor_store *s, struct candor_commitment *c)
{
	int rc = sq_exec(s, sq_bind(s, "INSERT INTO commitments(account_id, contact_id, text, made)"
			      " VALUES (?,?,?,?)", "iiti", c->account_id, c->contact_id, c->text,
			      c->made), "recording the promise", &c->id);

	for (size_t i = 0; !rc && i < c->nevents; i++)
		rc = sq_commitment_event_add(s, c, &c->events[i]);
	return rc;
}

static int sq_expectation_add(struct candor_store *s, struct candor_expectation *e)
{
	return sq_exec(s, sq_bind(s, "INSERT INTO expectations(account_id, contact_id, text, set_at, by_at)"
			    " VALUES (?,?,?,?,?)", "iitii", e->account_id, e->contact_id, e->text,
			    e->set_at, e->by),
		    "recording the expectation", &e->id);
}

static int sq_expectation_resolve(struct candor_store *s, const struct candor_expectation *e)
{
	return sq_exec(s, sq_bind(s, "UPDATE expectations SET status = ?, resolved_at = ?"
			    " WHERE account_id = ? AND id = ?", "tiii",
			    candor_name_of(candor_expectation_statuses, e->status), e->resolved_at,
			    e->account_id, e->id),
		    "recording the expectation", NULL);
}

static int sq_fact_add(struct candor_store *s, struct candor_fact *f)
{
	return sq_exec(s, sq_bind(s, "INSERT INTO facts(account_id, contact_id, kind, text, source,"
			    " confidence, at) VALUES (?,?,?,?,?,?,?)", "iitttti",
			    f->account_id, f->contact_id, candor_name_of(candor_fact_kinds, f->kind),
			    f->text, f->source, candor_name_of(candor_confidences, f->confidence), f->at),
		    "recording the fact", &f->id);
}

static int sq_value_add(struct candor_store *s, struct candor_value *v)
{
	return sq_exec(s, sq_bind(s, "INSERT INTO value_exchanged(account_id, contact_id, direction, text, at)"
			    " VALUES (?,?,?,?,?)", "iitti", v->account_id, v->contact_id,
			    candor_name_of(candor_value_directions, v->direction), v->text, v->at),
		    "recording the value", &v->id);
}

static int sq_fit_add(struct candor_store *s, struct candor_fit *f)
{
	return sq_exec(s, sq_bind(s, "INSERT INTO fits(account_id, contact_id, verdict, text, at)"
			    " VALUES (?,?,?,?,?)", "iitti", f->account_id, f->contact_id,
			    candor_name_of(candor_fit_verdicts, f->verdict), f->text, f->at),
		    "recording the fit", &f->id);
}

static int sq_decision_add(struct candor_store *s, struct candor_decision *d)
{
	return sq_exec(s, sq_bind(s, "INSERT INTO decisions(account_id, contact_id, kind, note, at)"
			    " VALUES (?,?,?,?,?)", "iitti", d->account_id, d->contact_id,
			    candor_name_of(candor_decision_kinds, d->kind), d->note, d->at),
		    "recording the decision", &d->id);
}

/*
 * The WHERE clause of evidence queries, (?1 account, ?2 contact), in three
 * texts so that SQLite can use the (account_id, contact_id) indexes: with
 * "(?1 = 0 OR account_id = ?1)" alone it cannot, and scans the table.
 * WHERE_FOR(sc, prefix) picks the one for the scope.
 */
#define SCOPE_ALL(p) " WHERE (?1 = 0 OR " p "account_id = ?1) AND (?2 = 0 OR " p "contact_id = ?2)"
#define SCOPE_ACCOUNT(p) " WHERE " p "account_id = ?1 AND (?2 = 0 OR " p "contact_id = ?2)"
#define SCOPE_CONTACT(p) " WHERE " p "account_id = ?1 AND " p "contact_id = ?2"
#define EVIDENCE_SQL(sc, p, head, tail) ((sc)->account_id && (sc)->contact_id ? \
	head SCOPE_CONTACT(p) tail : (sc)->account_id ? head SCOPE_ACCOUNT(p) tail : head SCOPE_ALL(p) tail)

static int fill_interaction(struct candor_store *s, sqlite3_stmt *st, void *row)
{
	struct candor_interaction *it = row;

	it->id = sq_col_int(st, 0);
	it->account_id = sq_col_int(st, 1);
	it->contact_id = sq_col_int(st, 2);
	it->inbound = sq_col_int(st, 4) != 0;
	it->at = sq_col_int(st, 5);
	it->seller = sq_col_text(st, 6);
	it->text = sq_col_text(st, 7);
	it->source = sq_col_text(st, 8);
	it->metrics = sq_col_text(st, 9);
	it->seller_share = sqlite3_column_double(st, 10);
	it->analyser = sq_col_text(st, 11);
	return sq_col_enum(s, st, 3, candor_interaction_kinds, &it->kind);
}

static int fill_signal(struct candor_store *s, sqlite3_stmt *st, void *row)
{
	struct candor_signal *sg = row;

	sg->id = sq_col_int(st, 0);
	sg->contact_id = sq_col_int(st, 1);
	sg->interaction_id = sq_col_int(st, 2);
	sg->at = sq_col_int(st, 3);
	sg->category = sq_col_text(st, 4);
	sg->text = sq_col_text(st, 5);
	sg->utterance = sq_col_int(st, 7);
	sg->start = sq_col_int(st, 8);
	sg->end = sq_col_int(st, 9);
	sg->quote = sq_col_text(st, 10);
	sg->confidence = sqlite3_column_double(st, 11);
	return sq_col_enum(s, st, 6, candor_sides, &sg->side);
}

static int fill_event(struct candor_store *s, sqlite3_stmt *st, void *row)
{
	struct candor_commitment_event *e = row;

	e->id = sq_col_int(st, 0);
	e->at = sq_col_int(st, 1);
	e->due = sq_col_int(st, 3);
	e->note = sq_col_text(st, 4);
	return sq_col_enum(s, st, 2, candor_commitment_statuses, &e->status);
}

static int fill_commitment(struct candor_store *s, sqlite3_stmt *st, void *row)
{
	struct candor_commitment *c = row;

	c->id = sq_col_int(st, 0);
	c->account_id = sq_col_int(st, 1);
	c->contact_id = sq_col_int(st, 2);
	c->text = sq_col_text(st, 3);
	c->made = sq_col_int(st, 4);
	return 0;
}

static int load_events(struct candor_store *s, struct candor_commitment *c)
{
	/* the scope slots carry (account, commitment) here */
	struct candor_scope sc = { c->account_id, c->id };

	return sq_load(s, &sc, "SELECT id, at, status, due, note FROM commitment_events"
		    " WHERE account_id = ?1 AND commitment_id = ?2 AND deleted = 0 ORDER BY at, id",
		    (void **)&c->events, &c->nevents, sizeof(*c->events), fill_event);
}

static int fill_expectation(struct candor_store *s, sqlite3_stmt *st, void *row)
{
	struct candor_expectation *e = row;

	e->id = sq_col_int(st, 0);
	e->account_id = sq_col_int(st, 1);
	e->contact_id = sq_col_int(st, 2);
	e->text = sq_col_text(st, 3);
	e->set_at = sq_col_int(st, 4);
	e->by = sq_col_int(st, 5);
	e->resolved_at = sq_col_int(st, 7);
	return sq_col_enum(s, st, 6, candor_expectation_statuses, &e->status);
}

static int fill_fact(struct candor_store *s, sqlite3_stmt *st, void *row)
{
	struct candor_fact *f = row;

	f->id = sq_col_int(st, 0);
	f->account_id = sq_col_int(st, 1);
	f->contact_id = sq_col_int(st, 2);
	f->text = sq_col_text(st, 4);
	f->source = sq_col_text(st, 5);
	f->at = sq_col_int(st, 7);
	return sq_col_enum(s, st, 3, candor_fact_kinds, &f->kind) ||
	       sq_col_enum(s, st, 6, candor_confidences, &f->confidence) ? s->err->code : 0;
}

static int fill_value(struct candor_store *s, sqlite3_stmt *st, void *row)
{
	struct candor_value *v = row;

	v->id = sq_col_int(st, 0);
	v->account_id = sq_col_int(st, 1);
	v->contact_id = sq_col_int(st, 2);
	v->text = sq_col_text(st, 4);
	v->at = sq_col_int(st, 5);
	return sq_col_enum(s, st, 3, candor_value_directions, &v->direction);
}

static int fill_fit(struct candor_store *s, sqlite3_stmt *st, void *row)
{
	struct candor_fit *f = row;

	f->id = sq_col_int(st, 0);
	f->account_id = sq_col_int(st, 1);
	f->contact_id = sq_col_int(st, 2);
	f->text = sq_col_text(st, 4);
	f->at = sq_col_int(st, 5);
	return sq_col_enum(s, st, 3, candor_fit_verdicts, &f->verdict);
}

static int fill_decision(struct candor_store *s, sqlite3_stmt *st, void *row)
{
	struct candor_decision *d = row;

	d->id = sq_col_int(st, 0);
	d->account_id = sq_col_int(st, 1);
	d->contact_id = sq_col_int(st, 2);
	d->note = sq_col_text(st, 4);
	d->at = sq_col_int(st, 5);
	return sq_col_enum(s, st, 3, candor_decision_kinds, &d->kind);
}

static int sq_utterances_add(struct candor_store *s, int64_t account_id, int64_t interaction_id,
			     const struct candor_utterance *u, size_t n)
{
	int rc = 0;

	for (size_t i = 0; i < n && !rc; i++)
		rc = sq_exec(s, sq_bind(s, "INSERT INTO utterances(account_id, interaction_id, idx, speaker,"
				  " side, start_s, end_s, line, text) VALUES (?,?,?,?,?,?,?,?,?)",
				  "iiittddit", account_id, interaction_id, (int64_t)u[i].index,
				  u[i].speaker, candor_name_of(candor_sides, u[i].side), u[i].start,
				  u[i].end, (int64_t)u[i].line, u[i].text),
			  "storing the transcript", NULL);
	return rc;
}

static int fill_utterance(struct candor_store *s, sqlite3_stmt *st, void *row)
{
	struct candor_utterance *u = row;
	int side;

	u->index = (size_t)sq_col_int(st, 0);
	u->speaker = sq_col_text(st, 1);
	u->start = sqlite3_column_double(st, 3);
	u->end = sqlite3_column_double(st, 4);
	u->line = (size_t)sq_col_int(st, 5);
	u->text = sq_col_text(st, 6);
	if (sq_col_enum(s, st, 2, candor_sides, &side))
		return s->err->code;
	u->side = (enum candor_side)side;
	return 0;
}

static int sq_utterances(struct candor_store *s, int64_t account_id, int64_t interaction_id,
			 struct candor_utterance **out, size_t *n)
{
	struct candor_scope sc = { account_id, interaction_id };

	*out = NULL;
	*n = 0;
	return sq_load(s, &sc, "SELECT idx, speaker, side, start_s, end_s, line, text FROM utterances"
		    " WHERE account_id = ?1 AND interaction_id = ?2 ORDER BY idx",
		    (void **)out, n, sizeof(**out), fill_utterance);
}

static int sq_utterance_range(struct candor_store *s, int64_t account_id, int64_t interaction_id,
			      int64_t from, int64_t limit, struct candor_utterance **out, size_t *n,
			      int64_t *total)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if (!(st = sq_bind(s, "SELECT count(*) FROM utterances WHERE account_id = ? AND interaction_id = ?",
			   "ii", account_id, interaction_id)))
		return s->err->code;
	rc = sqlite3_step(st);
	*total = rc == SQLITE_ROW ? sq_col_int(st, 0) : 0;
	sq_done(s, st);
	if (rc != SQLITE_ROW)
		return sq_fail(s, rc, "reading the conversation");
	return sq_load_st(s, sq_bind(s, "SELECT idx, speaker, side, start_s, end_s, line, text FROM utterances"
			  " WHERE account_id = ? AND interaction_id = ? AND idx >= ? ORDER BY idx LIMIT ?",
			  "iiii", account_id, interaction_id, from, limit),
			  (void **)out, n, sizeof(**out), fill_utterance);
}

static int sq_proposal_add(struct candor_store *s, struct candor_proposal_row *p)
{
	return sq_exec(s, sq_bind(s, "INSERT INTO proposals(account_id, contact_id, interaction_id, kind,"
			    " side, fact_kind, text, due, utterance) VALUES (?,?,?,?,?,?,?,?,?)",
			    "iiittttii", p->account_id, p->contact_id, p->interaction_id,
			    candor_name_of(candor_proposal_kinds, p->kind),
			    candor_name_of(candor_sides, p->side),
			    p->fact_kind >= 0 ? candor_name_of(candor_fact_kinds, p->fact_kind) : "",
			    p->text, p->due, p->utterance),
		    "storing a proposal", &p->id);
}

static int fill_proposal(struct candor_store *s, sqlite3_stmt *st, void *row)
{
	struct candor_proposal_row *p = row;
	const char *fk = (const char *)sqlite3_column_text(st, 6);

	p->id = sq_col_int(st, 0);
	p->account_id = sq_col_int(st, 1);
	p->contact_id = sq_col_int(st, 2);
	p->interaction_id = sq_col_int(st, 3);
	p->fact_kind = fk && *fk ? candor_name_lookup(candor_fact_kinds, fk) : -1;
	p->text = sq_col_text(st, 7);
	p->due = sq_col_int(st, 8);
	p->utterance = sq_col_int(st, 9);
	p->record_id = sq_col_int(st, 11);
	return sq_col_enum(s, st, 4, candor_proposal_kinds, &p->kind) ||
	       sq_col_enum(s, st, 5, candor_sides, &p->side) ||
	       sq_col_enum(s, st, 10, candor_proposal_statuses, &p->status) ? s->err->code : 0;
}

static int sq_proposals(struct candor_store *s, int64_t account_id, int64_t id,
			int64_t interaction_id, struct candor_proposal_row **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	return sq_load_st(s, sq_bind(s, "SELECT id, account_id, contact_id, interaction_id, kind, side,"
				     " fact_kind, text, due, utterance, status, record_id FROM proposals"
				     " WHERE (?1 = 0 OR id = ?1) AND (?2 = 0 OR interaction_id = ?2)"
				     " AND (?3 = 0 OR account_id = ?3) AND deleted = 0 ORDER BY id",
				     "iii", id, interaction_id, account_id),
			  (void **)out, n, sizeof(**out), fill_proposal);
}

static int sq_proposal_resolve(struct candor_store *s, const struct candor_proposal_row *p)
{
	return sq_exec(s, sq_bind(s, "UPDATE proposals SET status = ?, record_id = ?"
			    " WHERE account_id = ? AND id = ?", "tiii",
			    candor_name_of(candor_proposal_statuses, p->status), p->record_id,
			    p->account_id, p->id),
		    "updating the proposal", NULL);
}

static int sq_signal_delete(struct candor_store *s, int64_t account_id, int64_t id)
{
	return sq_exec(s, sq_bind(s, "UPDATE signals SET withdrawn = 1 WHERE account_id = ? AND id = ?", "ii",
			    account_id, id), "removing the signal", NULL);
}

static int sq_signals_clear(struct candor_store *s, int64_t account_id, int64_t interaction_id)
{
	return sq_exec(s, sq_bind(s, "UPDATE signals SET withdrawn = 1 WHERE account_id = ? AND interaction_id = ?"
			    " AND utterance >= 0", "ii", account_id, interaction_id),
		    "re-analysing the interaction", NULL);
}

static int sq_interaction_analysed(struct candor_store *s, const struct candor_interaction *it)
{
	return sq_exec(s, sq_bind(s, "UPDATE interactions SET analyser = ?, metrics = ?, seller_share = ?"
			    " WHERE account_id = ? AND id = ?", "ttdii", it->analyser, it->metrics,
			    it->seller_share, it->account_id, it->id),
		    "re-analysing the interaction", NULL);
}

static int sq_correction_add(struct candor_store *s, struct candor_correction *c)
{
	return sq_exec(s, sq_bind(s, "INSERT INTO corrections(account_id, contact_id, interaction_id,"
			    " utterance, category, verdict, side, text, by_user, at)"
			    " VALUES (?,?,?,?,?,?,?,?,?,?)", "iiiittttti", c->account_id,
			    c->contact_id, c->interaction_id, c->utterance, c->category,
			    candor_name_of(candor_verdicts, c->verdict), candor_name_of(candor_sides, c->side),
			    c->text, c->by, c->at),
		    "recording the correction", &c->id);
}

static int sq_correction_delete(struct candor_store *s, int64_t account_id, int64_t id)
{
	return sq_exec(s, sq_bind(s, "UPDATE corrections SET undone = 1 WHERE account_id = ? AND id = ?", "ii",
			    account_id, id), "taking the correction back", NULL);
}

static int fill_correction(struct candor_store *s, sqlite3_stmt *st, void *row)
{
	struct candor_correction *c = row;

	c->id = sq_col_int(st, 0);
	c->account_id = sq_col_int(st, 1);
	c->contact_id = sq_col_int(st, 2);
	c->interaction_id = sq_col_int(st, 3);
	c->utterance = sq_col_int(st, 4);
	c->category = sq_col_text(st, 5);
	c->text = sq_col_text(st, 8);
	c->by = sq_col_text(st, 9);
	c->at = sq_col_int(st, 10);
	return sq_col_enum(s, st, 6, candor_verdicts, &c->verdict) ||
	       sq_col_enum(s, st, 7, candor_sides, &c->side) ? s->err->code : 0;
}

static int sq_corrections(struct candor_store *s, int64_t account_id, int64_t id,
			  int64_t interaction_id, struct candor_correction **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	return sq_load_st(s, sq_bind(s, "SELECT id, account_id, contact_id, interaction_id, utterance,"
				     " category, verdict, side, text, by_user, at FROM corrections"
				     " WHERE (?1 = 0 OR id = ?1) AND (?2 = 0 OR interaction_id = ?2)"
				     " AND (?3 = 0 OR account_id = ?3) AND undone = 0 AND deleted = 0"
				     " ORDER BY id", "iii", id, interaction_id, account_id),
			  (void **)out, n, sizeof(**out), fill_correction);
}

static int sq_locate(struct candor_store *s, enum candor_record what, int64_t id,
		     struct candor_scope *out)
{
	sqlite3_stmt *st;
	int rc;

	switch (what) {
	case CANDOR_RECORD_EXPECTATION:
		st = sq_bind(s, "SELECT account_id, contact_id FROM expectations WHERE id = ? AND deleted = 0", "i", id);
		break;
	case CANDOR_RECORD_INTERACTION:
		st = sq_bind(s, "SELECT account_id, contact_id FROM interactions WHERE id = ? AND deleted = 0", "i", id);
		break;
	case CANDOR_RECORD_PROPOSAL:
		st = sq_bind(s, "SELECT account_id, contact_id FROM proposals WHERE id = ? AND deleted = 0", "i", id);
		break;
	case CANDOR_RECORD_SIGNAL:
		st = sq_bind(s, "SELECT account_id, contact_id FROM signals WHERE id = ? AND withdrawn = 0"
			     " AND deleted = 0", "i", id);
		break;
	case CANDOR_RECORD_CORRECTION:
		st = sq_bind(s, "SELECT account_id, contact_id FROM corrections WHERE id = ? AND undone = 0"
			     " AND deleted = 0", "i", id);
		break;
	default:
		st = sq_bind(s, "SELECT account_id, contact_id FROM commitments WHERE id = ? AND deleted = 0", "i", id);
	}
	if (!st)
		return s->err->code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->account_id = sq_col_int(st, 0);
		out->contact_id = sq_col_int(st, 1);
	}
	sq_done(s, st);
	if (rc == SQLITE_DONE)
		return candor_store_absent_record(s, what, id);
	return rc == SQLITE_ROW ? 0 : sq_fail(s, rc, "finding the record");
}

static int sq_evidence(struct candor_store *s, const struct candor_scope *sc,
		       struct candor_evidence_set *ev)
{
	int rc;

	rc = sq_load(s, sc, EVIDENCE_SQL(sc, "", "SELECT id, account_id, contact_id, kind, inbound,"
		     " at, seller, text, source, metrics, seller_share, analyser FROM interactions",
		     " AND deleted = 0 ORDER BY contact_id, at, id"), (void **)&ev->interactions,
		     &ev->ninteractions, sizeof(*ev->interactions), fill_interaction);
	rc = rc ? rc : sq_load(s, sc, EVIDENCE_SQL(sc, "g.", "SELECT g.id, g.contact_id,"
			    " g.interaction_id, i.at, g.category, g.text, g.side, g.utterance,"
			    " g.start_char, g.end_char, g.quote, g.confidence"
			    " FROM signals g JOIN interactions i ON i.id = g.interaction_id",
			    " AND g.withdrawn = 0 AND g.deleted = 0 AND i.deleted = 0"
			    " ORDER BY g.contact_id, i.at, g.id"),
			    (void **)&ev->signals, &ev->nsignals, sizeof(*ev->signals), fill_signal);
	rc = rc ? rc : sq_load(s, sc, EVIDENCE_SQL(sc, "", "SELECT id, account_id, contact_id, text,"
			    " made FROM commitments", " AND deleted = 0 ORDER BY contact_id, made, id"),
			    (void **)&ev->commitments, &ev->ncommitments, sizeof(*ev->commitments),
			    fill_commitment);
	for (size_t i = 0; !rc && i < ev->ncommitments; i++)
		rc = load_events(s, &ev->commitments[i]);
	rc = rc ? rc : sq_load(s, sc, EVIDENCE_SQL(sc, "", "SELECT id, account_id, contact_id, text,"
			    " set_at, by_at, status, resolved_at FROM expectations",
			    " AND deleted = 0 ORDER BY contact_id, set_at, id"), (void **)&ev->expectations,
			    &ev->nexpectations, sizeof(*ev->expectations), fill_expectation);
	rc = rc ? rc : sq_load(s, sc, EVIDENCE_SQL(sc, "", "SELECT id, account_id, contact_id, kind,"
			    " text, source, confidence, at FROM facts", " AND deleted = 0 ORDER BY contact_id, at, id"),
			    (void **)&ev->facts, &ev->nfacts, sizeof(*ev->facts), fill_fact);
	rc = rc ? rc : sq_load(s, sc, EVIDENCE_SQL(sc, "", "SELECT id, account_id, contact_id,"
			    " direction, text, at FROM value_exchanged", " AND deleted = 0 ORDER BY contact_id, at, id"),
			    (void **)&ev->values, &ev->nvalues, sizeof(*ev->values), fill_value);
	rc = rc ? rc : sq_load(s, sc, EVIDENCE_SQL(sc, "", "SELECT id, account_id, contact_id,"
			    " verdict, text, at FROM fits", " AND deleted = 0 ORDER BY contact_id, at, id"),
			    (void **)&ev->fits, &ev->nfits, sizeof(*ev->fits), fill_fit);
	rc = rc ? rc : sq_load(s, sc, EVIDENCE_SQL(sc, "", "SELECT id, account_id, contact_id, kind,"
			    " note, at FROM decisions", " AND deleted = 0 ORDER BY contact_id, at, id"),
			    (void **)&ev->decisions, &ev->ndecisions, sizeof(*ev->decisions),
			    fill_decision);
	if (rc)
		candor_evidence_set_release(ev);
	return rc;
}

const struct candor_store_be candor_store_sqlite = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.begin = sq_begin,
	.begin_read = sq_begin_read,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.schema_version = sq_schema_version,
	.account_add = sq_account_add,
	.accounts = sq_accounts,
	.account_page = sq_account_page,
	.contact_page = sq_contact_page,
	.contact_add = sq_contact_add,
	.evidence_touch = sq_evidence_touch,
	.assessments_stale = sq_assessments_stale,
	.assessment_put = sq_assessment_put,
	.pipeline_page = sq_pipeline_page,
	.pipeline_stream = sq_pipeline_stream,
	.assessment_docs = sq_assessment_docs,
	.assessment_doc = sq_assessment_doc,
	.pipeline_counts = sq_pipeline_counts,
	.due = sq_due,
	.contacts = sq_contacts,
	.interaction_add = sq_interaction_add,
	.signal_add = sq_signal_add,
	.commitment_add = sq_commitment_add,
	.commitment_event_add = sq_commitment_event_add,
	.expectation_add = sq_expectation_add,
	.expectation_resolve = sq_expectation_resolve,
	.fact_add = sq_fact_add,
	.value_add = sq_value_add,
	.fit_add = sq_fit_add,
	.decision_add = sq_decision_add,
	.locate = sq_locate,
	.utterances_add = sq_utterances_add,
	.utterances = sq_utterances,
	.utterance_range = sq_utterance_range,
	.proposal_add = sq_proposal_add,
	.proposals = sq_proposals,
	.proposal_resolve = sq_proposal_resolve,
	.signal_delete = sq_signal_delete,
	.signals_clear = sq_signals_clear,
	.interaction_analysed = sq_interaction_analysed,
	.correction_add = sq_correction_add,
	.correction_delete = sq_correction_delete,
	.corrections = sq_corrections,
	.evidence = sq_evidence,
	.user_add = sq_user_add,
	.users = sq_users,
	.secret_add = sq_secret_add,
	.secret_find = sq_secret_find,
	.secret_delete = sq_secret_delete,
	.user_update = sq_user_update,
	.user_delete = sq_user_delete,
	.secrets = sq_secrets,
	.secrets_delete = sq_secrets_delete,
	.secrets_purge = sq_secrets_purge,
	.rows = sq_rows,
	.row_add = sq_row_add,
	.rows_where = sq_rows_where,
	.row_put = sq_row_put,
	.max_id = sq_max_id,
	.ids_text = sq_ids_text,
};
