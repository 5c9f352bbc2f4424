/*
 * postgres.c: the PostgreSQL backend of the store (see store.h), through
 * libpq, for a team server.
 *
 * The same schema as SQLite's (postgres-schema.c), the same answers to
 * the same calls: ids are given as max(id) + 1 under the writers' lock
 * (postgres-util.c), so they are dense and the same as SQLite would give,
 * and a store copied between the two keeps them; names match and sort
 * case-insensitively in ASCII alone, as SQLite's NOCASE does.  Every value
 * is a bound parameter.  The location is a libpq URI, postgresql://... or
 * postgres://...; the schema Candor uses is the connection's current
 * schema (its search_path: ?options=-csearch_path%3DNAME picks another).
 */
#include "util/common.h"
#include "store/postgres-priv.h"
#include <jansson.h>
#include "util/json-text.h"

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* CANDOR_PG_NOTICES=1: what the server says (notices, auto_explain's
 * plans), on stderr, for an administrator reading how queries run. */
static void say(void *arg, const char *message)
{
	(void)arg;
	fprintf(stderr, "candor: PostgreSQL: %s", message);
}

static int pg_open(struct candor_store *s, const char *location, bool create)
{
	struct pg *q = calloc(1, sizeof(*q));
	char msg[512] = "";
	bool notices;
	int rc = 0;

	if (!q)
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	s->impl = q;
	q->conn = PQconnectdb(location);
	if (!q->conn) {
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	if (PQstatus(q->conn) != CONNECTION_OK) {
		pg_one_line(msg, sizeof(msg), PQerrorMessage(q->conn));
		if (strstr(msg, "does not exist") && strstr(msg, "database"))
			rc = candor_error_set(s->err, CANDOR_EDB, "database",
					      "no PostgreSQL database at '%s': create it (createdb), "
					      "then run 'candor init'", s->location);
		else
			rc = candor_error_set(s->err, CANDOR_EDB, "database",
					      "cannot connect to database '%s': %s", s->location, msg);
		goto cleanup;
	}
	notices = getenv("CANDOR_PG_NOTICES") && *getenv("CANDOR_PG_NOTICES");
	PQsetNoticeProcessor(q->conn, notices ? say : quiet, NULL);
	if (PQsetClientEncoding(q->conn, "UTF8")) {
		rc = pg_fail(s, NULL, "opening the database");
		goto cleanup;
	}
	/* floats print exactly; a writer waits its turn, but not forever; no
	 * parallel plans: a request's queries read a page of rows, and starting
	 * a parallel plan's workers took longer (25 ms measured, the board's
	 * promises due) than running it without them (under 3 ms); what this
	 * session writes compressed (a buyer's kept whole answer, 2.5 KB) is
	 * compressed with lz4 where the server has it, which reads back in
	 * half pglz's time (pipeline --json over 100,000 buyers reads every
	 * one: 1,020 -> 637 ms of the server's time), pglz where it does not */
#define PG_SESSION "SET extra_float_digits = 1; SET lock_timeout = '10s';" \
	" SET max_parallel_workers_per_gather = 0;" \
	" SELECT set_config(name, 'lz4', false) FROM pg_settings" \
	" WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
	if ((rc = pg_script(s, notices ? PG_SESSION : PG_SESSION "; SET client_min_messages = warning",
			    "opening the database")) ||
	    (rc = pg_migrate(s, create)))
		goto cleanup;
cleanup:
	if (rc)
		s->be->close(s);
	return rc;
}

static int pg_defer_keys(struct candor_store *s)
{
	return pg_exec(s, pg_write(s, "SET CONSTRAINTS ALL DEFERRED", ""), NULL);
}

static void pg_close(struct candor_store *s)
{
	struct pg *q = PG(s);

	if (!q)
		return;
	if (q->conn && (q->in_tx || q->copying))
		pg_rollback(s);
	PQfinish(q->conn);
	candor_buf_release(&q->copy_buf);
	free(q);
	s->impl = NULL;
}

static int pg_account_add(struct candor_store *s, struct candor_account *a)
{
	return pg_exec(s, pg_write(s, "INSERT INTO accounts(id, name, owner, note, created)"
				   " SELECT coalesce(max(id), 0) + 1, $1, $2, $3, $4 FROM accounts RETURNING id",
				   "ttti", a->name, a->owner, a->note, a->created), &a->id);
}

/*
 * A name matches $2 whole, or with $3 set as a run of whole words; case
 * folds in ASCII alone (lower() under the "C" collation), as SQLite's
 * NOCASE and lower() do.
 */
#define LOWER(x) "lower(" x " COLLATE \"C\")"
#define NAME_MATCH(col) " ($2 = '' OR " LOWER(col) " = " LOWER("$2") " OR ($3 = 1 AND" \
	" strpos(' ' || " LOWER(col) " || ' ', ' ' || " LOWER("$2") " || ' ') > 0))"

static int fill_account(struct candor_store *s, const PGresult *r, int i, void *row)
{
	struct candor_account *a = row;

	a->id = pg_col_int(r, i, 0);
	a->name = pg_col_text(r, i, 1);
	a->owner = pg_col_text(r, i, 2);
	a->note = pg_col_text(r, i, 3);
	a->created = pg_col_int(r, i, 4);
	return a->name && a->owner && a->note ? 0
		: candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
}


static int pg_accounts(struct candor_store *s, int64_t id, const char *name, bool words,
		       struct candor_account_list *out)
{
#define ACCOUNTS(where) "SELECT id, name, owner, note, created FROM accounts WHERE " where \
	" AND deleted = 0 AND" NAME_MATCH("name") " ORDER BY " LOWER("name") ", id"
	/* by whole name: the name index (accounts_name_nocase); by id, the
	 * primary key, planned once */
	PGresult *r = (id ? pg_query_generic : pg_query)
		(s, id ? ACCOUNTS("id = $1")
		 : name && *name && !words ? ACCOUNTS(LOWER("name") " = " LOWER("$2") " AND $1 = 0")
		 : ACCOUNTS("$1 = 0"), "itb", id, name, (int)words);
#undef ACCOUNTS
	int rc;

	memset(out, 0, sizeof(*out));
	rc = pg_fill_all(s, r, (void **)&out->v, &out->n, sizeof(*out->v), fill_account);
	if (rc)
		candor_account_list_release(out);
	return rc;
}

/*
 * Pages (store.h, struct candor_list_query): $1 owner, $2 search, $3 the
 * cursor's id, $4 the limit (NULL: none), and for contacts $5 the account.
 * One text per order and per "from the start or after a row", so that the
 * planner walks the (lower(name), id) index from the cursor on; a row
 * value compares both keys at once.  Case folds in ASCII alone, as on SQLite.
 */
static int fill_contact(struct candor_store *s, const PGresult *r, int i, void *row);

#define SEARCH(col) "strpos(" LOWER(col) ", " LOWER("$2") ") > 0"
#define LIMIT " LIMIT nullif($4::bigint, -1)"
#define ACCOUNT_PAGE(after, order) "SELECT id, name, owner, note, created FROM accounts" \
	" WHERE ($1 = '' OR " LOWER("owner") " = " LOWER("$1") ") AND ($2 = '' OR " SEARCH("name") ")" \
	" AND ($3::bigint = 0 OR true) AND deleted = 0" after " ORDER BY " order LIMIT
#define BY_NAME(p) LOWER(p "name") ", " p "id"
#define AFTER_NAME(t, p) " AND (" BY_NAME(p) ") > ((SELECT " LOWER("name") " FROM " t \
	" WHERE id = $3), $3)"

static int pg_account_page(struct candor_store *s, const struct candor_list_query *q,
			   const struct candor_cursor *cur, struct candor_account_list *out)
{
	const char *sql = q->order == CANDOR_ORDER_ID
		? (cur->id ? ACCOUNT_PAGE(" AND id > $3", "id") : ACCOUNT_PAGE("", "id"))
		: (cur->id ? ACCOUNT_PAGE(AFTER_NAME("accounts", ""), BY_NAME(""))
			   : ACCOUNT_PAGE("", BY_NAME("")));
	PGresult *r = pg_query(s, sql, "ttii", q->owner, q->search, cur->id,
			       q->limit ? (int64_t)q->limit + 1 : (int64_t)-1);
	int rc;

	memset(out, 0, sizeof(*out));
	rc = pg_fill_all(s, r, (void **)&out->v, &out->n, sizeof(*out->v), fill_account);
	if (rc)
		candor_account_list_release(out);
	return rc;
}

#define CONTACT_PAGE(after, order) "SELECT c.id, c.account_id, a.name, c.name, c.role, c.email," \
	" c.created FROM contacts c JOIN accounts a ON a.id = c.account_id" \
	" WHERE ($1 = '' OR " LOWER("a.owner") " = " LOWER("$1") ")" \
	" AND ($2 = '' OR " SEARCH("c.name") " OR " SEARCH("c.email") ")" \
	" AND ($3::bigint = 0 OR true) AND ($5::bigint = 0 OR c.account_id = $5)" \
	" AND c.deleted = 0 AND a.deleted = 0" after \
	" ORDER BY " order LIMIT

static int pg_contact_page(struct candor_store *s, const struct candor_list_query *q,
			   const struct candor_cursor *cur, struct candor_contact_list *out)
{
	const char *sql = q->order == CANDOR_ORDER_ID
		? (cur->id ? CONTACT_PAGE(" AND c.id > $3", "c.id") : CONTACT_PAGE("", "c.id"))
		: (cur->id ? CONTACT_PAGE(AFTER_NAME("contacts", "c."), BY_NAME("c."))
			   : CONTACT_PAGE("", BY_NAME("c.")));
	PGresult *r = pg_query(s, sql, "ttiii", q->owner, q->search, cur->id,
			       q->limit ? (int64_t)q->limit + 1 : (int64_t)-1, q->account_id);
	int rc;

	memset(out, 0, sizeof(*out));
	rc = pg_fill_all(s, r, (void **)&out->v, &out->n, sizeof(*out->v), fill_contact);
	if (rc)
		candor_contact_list_release(out);
	return rc;
}

static int pg_evidence_touch(struct candor_store *s, int64_t account_id, int64_t contact_id)
{
	int rc = pg_exec(s, pg_write(s, "UPDATE contacts SET evidence = evidence + 1"
				     " WHERE account_id = $1 AND id = $2", "ii", account_id, contact_id),
			 NULL);

	/* the kept answer of the contact where it is now: while a contact is
	 * being moved (or moved back by an undo) a row of its evidence may be
	 * written in the other account, and its answer follows the contact */
	return rc ? rc : pg_exec(s, pg_write(s, "INSERT INTO assessments(id, account_id)"
					     " SELECT id, account_id FROM contacts"
					     " WHERE id = $1 AND account_id = $2"
					     " ON CONFLICT (account_id, id) DO UPDATE SET valid_until = 0", "ii",
					     contact_id, account_id), NULL);
}

static int fill_stale(struct candor_store *s, const PGresult *r, int i, void *row)
{
	struct candor_stale *x = row;

	(void)s;
	x->contact_id = pg_col_int(r, i, 0);
	x->account_id = pg_col_int(r, i, 1);
	x->evidence = pg_col_int(r, i, 2);
	return 0;
}

/* Index look-ups: marked or expired, computed for a later moment, another model. */
static int pg_assessments_stale(struct candor_store *s, const char *model, int64_t at,
				struct candor_stale **out, size_t *n)
{
	PGresult *r = pg_query(s, "SELECT c.id, c.account_id, c.evidence FROM contacts c WHERE c.id IN"
			       " (SELECT id FROM assessments WHERE valid_until <= $1"
			       "  UNION SELECT id FROM assessments WHERE at > $1"
			       "  UNION SELECT id FROM assessments WHERE model < $2"
			       "  UNION SELECT id FROM assessments WHERE model > $2) AND c.deleted = 0 ORDER BY c.id",
			       "it", at, model);

	return pg_fill_all(s, r, (void **)out, n, sizeof(**out), fill_stale);
}

static int pg_assessment_put(struct candor_store *s, const struct candor_assessment_row *r)
{
	return pg_exec(s, pg_write(s, "UPDATE assessments SET account_id = $2, model = $3, evidence = $4,"
				   " at = $5, valid_until = $6, stage = $7, stalled_last = $8, neg_trust = $9,"
				   " headline = $10, headline_kind = $11, headline_ref = $12, headline_flags = $13,"
				   " doc = $14 WHERE account_id = $2 AND id = $1"
				   " AND (SELECT evidence FROM contacts WHERE account_id = $2 AND id = $1) = $4",
				   "iitiiiiidttiit", r->contact_id, r->account_id, r->model, r->evidence,
				   r->at, r->valid_until, (int64_t)r->stage,
				   (int64_t)(r->stalled ? 0 : 1), -r->trust, r->headline, r->headline_kind,
				   r->headline_ref, (int64_t)r->headline_flags, r->doc), NULL);
}

/* The page's answers in one statement: its ids as one array, matched back by id. */
static int pg_assessment_docs(struct candor_store *s, const struct candor_assessment_row *rows,
			      size_t n, char **docs)
{
	struct candor_buf ids = CANDOR_BUF_INIT;
	PGresult *r;
	int rc = 0;

	candor_buf_adds(&ids, "{");
	for (size_t i = 0; i < n; i++) {
		if (i)
			candor_buf_adds(&ids, ",");
		candor_buf_add_int(&ids, rows[i].contact_id);
	}
	candor_buf_adds(&ids, "}");
	if (candor_buf_error(&ids)) {
		candor_buf_release(&ids);
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	}
	r = pg_query(s, "SELECT id, account_id, evidence, at, doc FROM assessments"
		     " WHERE id = ANY($1::bigint[]) AND valid_until > at AND doc <> ''", "t", ids.ptr);
	candor_buf_release(&ids);
	if (!r)
		return s->err->code;
	for (int k = 0; k < PQntuples(r) && !rc; k++) {
		int64_t id = pg_col_int(r, k, 0);

		for (size_t i = 0; i < n; i++) {
			if (rows[i].contact_id != id || docs[i] || rows[i].account_id != pg_col_int(r, k, 1) ||
			    rows[i].evidence != pg_col_int(r, k, 2) || rows[i].at != pg_col_int(r, k, 3))
				continue;
			if (!(docs[i] = pg_col_text(r, k, 4)))
				rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
			break;
		}
	}
	PQclear(r);
	return rc;
}

/* One buyer's, when current: the contact's own evidence counter decides. */
static int pg_assessment_doc(struct candor_store *s, int64_t account_id, int64_t contact_id,
			     const char *model, int64_t at, char **doc)
{
	PGresult *r = pg_query_generic(s, "SELECT x.doc FROM assessments x JOIN contacts c"
			       " ON c.account_id = x.account_id AND c.id = x.id"
			       " WHERE x.account_id = $1 AND x.id = $2 AND x.model = $3 AND x.at <= $4"
			       " AND x.valid_until > $4 AND x.evidence = c.evidence AND c.deleted = 0"
			       " AND x.doc <> ''", "iiti", account_id, contact_id, model, at);
	int rc = 0;

	if (!r)
		return s->err->code;
	if (PQntuples(r) > 0 && !(*doc = pg_col_text(r, 0, 0)))
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	PQclear(r);
	return rc;
}

/*
 * The pipeline in order, by the kept rows: $1 owner, $10 owners, $2 the
 * folded search, $5 the account, $9 the stage (1 + stage; 0: any), $4 the
 * limit, and after a row its id $3 and sort key ($6, $7, $8; one-number
 * keys in $8).  Urgency walks the assessments_order index (a row value);
 * the other orders are computed per buyer and paged by their key.  The
 * search is over each column's fold kept beside it (name_fold, email_fold:
 * schema 12, postgres-schema.c), the fold SQLite's candor_fold() makes.
 */
#define PL_FOLD(col) "strpos(" col "_fold, $2) > 0"
#define PL_FILTER " WHERE ($1 = '' OR " LOWER("a.owner") " = " LOWER("$1") ")" \
	" AND ($10 = '' OR strpos($10, chr(10) || a.owner || chr(10)) > 0)" \
	" AND ($2 = '' OR " PL_FOLD("c.name") " OR " PL_FOLD("c.email") " OR " PL_FOLD("a.name") ")" \
	" AND ($5::bigint = 0 OR x.account_id = $5) AND c.deleted = 0 AND a.deleted = 0"
#define PL_LAST "coalesce((SELECT max(i.at) FROM interactions i" \
	" WHERE i.account_id = c.account_id AND i.contact_id = c.id AND i.deleted = 0), 0)"
/* an open promise: no kept, kept-late or broken event; its due date the last set */
#define PL_OPEN_EVENT(k, e) " e.status IN ('open', 'renegotiated') AND NOT EXISTS (SELECT 1" \
	" FROM commitment_events f WHERE f.account_id = " k ".account_id AND f.commitment_id = " k ".id" \
	" AND f.deleted = 0" \
	" AND (f.status IN ('kept', 'kept_late', 'broken') OR (f.status = 'renegotiated'" \
	" AND (f.at > " e ".at OR (f.at = " e ".at AND f.id > " e ".id)))))"
#define PL_PROMISE_DUE "(SELECT min(e.due) FROM commitments k JOIN commitment_events e" \
	" ON e.account_id = k.account_id AND e.commitment_id = k.id" \
	" WHERE k.account_id = c.account_id AND k.contact_id = c.id AND k.deleted = 0" \
	" AND e.deleted = 0 AND" PL_OPEN_EVENT("k", "e") ")"
#define PL_EXPECT_DUE "(SELECT min(by_at) FROM expectations y" \
	" WHERE y.account_id = c.account_id AND y.contact_id = c.id AND y.status = 'open'" \
	" AND y.deleted = 0)"
#define PL_DUE "coalesce(least(" PL_PROMISE_DUE ", " PL_EXPECT_DUE "), 9000000000000000)"
#define PL_SELECT(filter, cols, stage, after, order) "SELECT c.id, c.account_id, a.name, c.name," \
	" c.role, c.email, c.created, x.model, x.evidence, x.at, x.valid_until, x.stage, x.stalled_last," \
	" x.neg_trust, x.headline, x.headline_kind, x.headline_ref, x.headline_flags, " cols \
	" FROM assessments x JOIN contacts c ON c.id = x.id JOIN accounts a ON a.id = c.account_id" \
	filter " AND " stage " AND ($3::bigint + $6::bigint + $7::bigint + $8::float8 IS NOT NULL)" \
	after " ORDER BY " order LIMIT
/* With a stage, an equality the index seeks to (the OR form scans from the top). */
#define PL_ANY "($9::bigint = 0 OR x.stage = $9 - 1)"
#define PL_IN "x.stage = $9::bigint - 1"
#define PL_ORDER_U "x.stage, x.stalled_last, x.neg_trust, x.id"
#define PL_AFTER_U " AND (x.stage, x.stalled_last, x.neg_trust, x.id) > ($6, $7, $8, $3)"
#define PL_ORDER_K(key) key ", x.id"
#define PL_AFTER_K(key) " AND (" key ", x.id) > ($8, $3)"
/* Every buyer (plain_query): no filter for the values to decide, so the
 * plan made once for the text serves every request (pg_query_generic);
 * the parameters it does not use are named so that their types hold. */
#define PL_PLAIN " WHERE ($1::text || $2::text || $10::text IS NOT NULL)" \
	" AND $5::bigint IS NOT NULL AND c.deleted = 0 AND a.deleted = 0"
#define PL_SORT_(filter, cols, order, after) { PL_SELECT(filter, cols, PL_ANY, "", order), \
	PL_SELECT(filter, cols, PL_ANY, after, order), PL_SELECT(filter, cols, PL_IN, "", order), \
	PL_SELECT(filter, cols, PL_IN, after, order) }
#define PL_SORT(cols, order, after) { PL_SORT_(PL_FILTER, cols, order, after), \
	PL_SORT_(PL_PLAIN, cols, order, after) }
/* the last contact and the due date are read for the orders that need them
 * (store.h); the others leave them 0 and none, a subquery a row less */
#define PL_DATES PL_LAST ", " PL_DUE
#define PL_NO_DATES "0, 9000000000000000"

static const char *const pipeline_sql[][2][4] = {
	[CANDOR_SORT_URGENCY] = PL_SORT(PL_NO_DATES, PL_ORDER_U, PL_AFTER_U),
	[CANDOR_SORT_TRUST] = PL_SORT(PL_NO_DATES, PL_ORDER_K("x.neg_trust"), PL_AFTER_K("x.neg_trust")),
	[CANDOR_SORT_CONTACT] = PL_SORT(PL_DATES, PL_ORDER_K(PL_LAST), PL_AFTER_K(PL_LAST)),
	[CANDOR_SORT_DUE] = PL_SORT(PL_DATES, PL_ORDER_K(PL_DUE), PL_AFTER_K(PL_DUE)),
};

static int fill_buyer(struct candor_store *s, const PGresult *r, int i, void *row)
{
	struct candor_assessment_row *x = row;

	(void)s;
	x->contact_id = pg_col_int(r, i, 0);
	x->account_id = pg_col_int(r, i, 1);
	x->evidence = pg_col_int(r, i, 8);
	x->at = pg_col_int(r, i, 9);
	x->valid_until = pg_col_int(r, i, 10);
	x->stage = (int)pg_col_int(r, i, 11);
	x->stalled = pg_col_int(r, i, 12) == 0;
	x->trust = -pg_col_double(r, i, 13);
	snprintf(x->headline, sizeof(x->headline), "%s", PQgetvalue(r, i, 14));
	snprintf(x->headline_kind, sizeof(x->headline_kind), "%s", PQgetvalue(r, i, 15));
	x->headline_ref = pg_col_int(r, i, 16);
	x->headline_flags = (int)pg_col_int(r, i, 17);
	x->last_contact = pg_col_int(r, i, 18);
	x->due = pg_col_int(r, i, 19);
	return 0;
}

/* Whether q filters nothing: every buyer, as an admin's board shows them. */
static bool plain_query(const struct candor_list_query *q)
{
	return !(q->owner && *q->owner) && !(q->search && *q->search) && !q->account_id &&
	       !(q->owners && *q->owners);
}

static int pg_pipeline_page(struct candor_store *s, const struct candor_list_query *q,
			    const struct candor_cursor *cur, struct candor_contact_list *out,
			    struct candor_assessment_row **rows)
{
	int sort = q->sort >= 0 && q->sort <= CANDOR_SORT_DUE ? q->sort : CANDOR_SORT_URGENCY;
	bool plain = plain_query(q);
	const char *sql = pipeline_sql[sort][plain][(q->in_stage ? 2 : 0) + (cur->id ? 1 : 0)];
	PGresult *r;
	int rc, nrows;

	r = (plain ? pg_query_generic : pg_query)(s, sql, "ttiiiiidit", q->owner, q->search, cur->id,
						  q->limit ? (int64_t)q->limit + 1 : (int64_t)-1,
						  q->account_id, (int64_t)cur->num[0],
						  (int64_t)cur->num[1], cur->num[2], (int64_t)q->in_stage,
						  q->owners);
	if (!r)
		return s->err->code;
	nrows = PQntuples(r);
	if (nrows && !(*rows = calloc((size_t)nrows, sizeof(**rows)))) {
		PQclear(r);
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	}
	for (int i = 0; i < nrows; i++)
		fill_buyer(s, r, i, &(*rows)[i]);
	rc = pg_fill_all(s, r, (void **)&out->v, &out->n, sizeof(*out->v), fill_contact);
	if (rc)
		candor_contact_list_release(out);
	return rc;
}


/* The whole listing with each kept answer, current or not: '' when not. */
#define PL_DOC ", CASE WHEN x.valid_until > x.at THEN x.doc ELSE '' END"
#define PL_STREAM(cols, order) { PL_SELECT(PL_FILTER, cols PL_DOC, PL_ANY, "", order), \
	PL_SELECT(PL_PLAIN, cols PL_DOC, PL_ANY, "", order) }

static const char *const stream_sql[][2] = {
	[CANDOR_SORT_URGENCY] = PL_STREAM(PL_NO_DATES, PL_ORDER_U),
	[CANDOR_SORT_TRUST] = PL_STREAM(PL_NO_DATES, PL_ORDER_K("x.neg_trust")),
	[CANDOR_SORT_CONTACT] = PL_STREAM(PL_DATES, PL_ORDER_K(PL_LAST)),
	[CANDOR_SORT_DUE] = PL_STREAM(PL_DATES, PL_ORDER_K(PL_DUE)),
};

/*
 * One statement, its rows read one at a time as the server sends them
 * (libpq's single-row mode): the server goes on making rows while the
 * caller writes the ones it has, where pages would take turns.  A stop or
 * a failure part-way reads the rest and drops it, so the connection is
 * ready for the next statement.
 */
static int pg_pipeline_stream(struct candor_store *s, const struct candor_list_query *q,
			      int (*fn)(void *data, struct candor_contact *c,
					struct candor_assessment_row *row, char *doc),
			      void *data)
{
	PGconn *conn = PG(s)->conn;
	int sort = q->sort >= 0 && q->sort <= CANDOR_SORT_DUE ? q->sort : CANDOR_SORT_URGENCY;
	const char *vals[10];
	char stage[32], account[32];
	const Oid oids[10] = { TEXTOID, TEXTOID, INT8OID, INT8OID, INT8OID, INT8OID, INT8OID,
			       FLOAT8OID, INT8OID, TEXTOID };
	PGresult *r;
	int rc = 0;

	snprintf(account, sizeof(account), "%" PRId64, q->account_id);
	snprintf(stage, sizeof(stage), "%d", q->in_stage);
	vals[0] = q->owner ? q->owner : "";
	vals[1] = q->search ? q->search : "";
	vals[2] = "0";
	vals[3] = "-1";
	vals[4] = account;
	vals[5] = vals[6] = vals[7] = "0";
	vals[8] = stage;
	vals[9] = q->owners ? q->owners : "";
	if (!PQsendQueryParams(conn, stream_sql[sort][plain_query(q)], 10, oids, vals, NULL, NULL, 0) ||
	    !PQsetSingleRowMode(conn))
		return pg_fail(s, NULL, "reading the pipeline");
	while ((r = PQgetResult(conn))) {
		ExecStatusType st = PQresultStatus(r);

		if (!rc && st == PGRES_SINGLE_TUPLE) {
			struct candor_contact c = { 0 };
			struct candor_assessment_row row = { 0 };
			char *doc = NULL;

			fill_buyer(s, r, 0, &row);
			if (!(rc = fill_contact(s, r, 0, &c)) && !PQgetisnull(r, 0, 20) &&
			    *PQgetvalue(r, 0, 20) && !(doc = pg_col_text(r, 0, 20)))
				rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
			if (!rc) {
				rc = fn(data, &c, &row, doc);
			} else {
				candor_contact_release(&c);
				free(doc);
			}
		} else if (!rc && st != PGRES_TUPLES_OK) {
			rc = pg_fail(s, r, "reading the pipeline");
		}
		PQclear(r);
	}
	return rc;
}

static int pg_pipeline_counts(struct candor_store *s, const struct candor_list_query *q,
			      int64_t counts[CANDOR_STAGE_DECIDED + 1])
{
	bool plain = plain_query(q);
	PGresult *r;

	/* kept per seller and stage (owner_stage_counts) or per account and stage
	 * (stage_counts), summed; a search walks the buyers */
	r = plain
		? pg_query(s, "SELECT stage, sum(n) FROM owner_stage_counts GROUP BY stage", "")
		/* a seller's board, or some sellers': a row a seller and stage */
		: !(q->search && *q->search) && !q->account_id
		? pg_query(s, "SELECT stage, sum(n) FROM owner_stage_counts"
			   " WHERE ($1 = '' OR " LOWER("owner") " = " LOWER("$1") ")"
			   " AND ($2 = '' OR strpos($2, chr(10) || owner || chr(10)) > 0) GROUP BY stage",
			   "tt", q->owner, q->owners)
		/* a seller's account: by the owner index */
		: !(q->search && *q->search) && q->owner && *q->owner
		? pg_query(s, "SELECT k.stage, sum(k.n) FROM stage_counts k JOIN accounts a ON a.id = k.account_id"
			   " WHERE " LOWER("a.owner") " = " LOWER("$1")
			   " AND ($2 = '' OR strpos($2, chr(10) || a.owner || chr(10)) > 0)"
			   " AND ($3::bigint = 0 OR k.account_id = $3) AND a.deleted = 0 GROUP BY k.stage",
			   "tti", q->owner, q->owners, q->account_id)
		: !(q->search && *q->search) && q->account_id
		? pg_query(s, "SELECT k.stage, sum(k.n) FROM stage_counts k JOIN accounts a ON a.id = k.account_id"
			   " WHERE k.account_id = $3 AND ($2 = '' OR strpos($2, chr(10) || a.owner || chr(10)) > 0)"
			   " AND a.deleted = 0 AND $1::text IS NOT NULL GROUP BY k.stage",
			   "tti", q->owner, q->owners, q->account_id)
		: !(q->search && *q->search)
		? pg_query(s, "SELECT k.stage, sum(k.n) FROM stage_counts k JOIN accounts a ON a.id = k.account_id"
			   " WHERE ($2 = '' OR strpos($2, chr(10) || a.owner || chr(10)) > 0)"
			   " AND a.deleted = 0 AND $1::text IS NOT NULL AND $3::bigint IS NOT NULL"
			   " GROUP BY k.stage", "tti", q->owner, q->owners, q->account_id)
		: pg_query(s, "SELECT x.stage, count(*) FROM assessments x JOIN contacts c ON c.id = x.id"
			   " JOIN accounts a ON a.id = c.account_id" PL_FILTER
			   " AND ($3::bigint + $4::bigint + $6::bigint + $7::bigint + $8::float8"
			   " + $9::bigint IS NOT NULL) GROUP BY x.stage", "ttiiiiidit", q->owner,
			   q->search, (int64_t)0, (int64_t)0, q->account_id, (int64_t)0, (int64_t)0,
			   0.0, (int64_t)0, q->owners);

	if (!r)
		return s->err->code;
	for (int i = 0; i < PQntuples(r); i++) {
		int64_t stage = pg_col_int(r, i, 0);

		if (stage >= 0 && stage <= CANDOR_STAGE_DECIDED)
			counts[stage] = pg_col_int(r, i, 1);
	}
	PQclear(r);
	return 0;
}

/*
 * What falls due before $11: open promises (their last due date) and open
 * expectations of the buyers that pass the filters, soonest first: each
 * kind's first $4 by its due date (the partial indexes of schema 9), then
 * the two merged.
 */
#define DUE_SQL "SELECT * FROM ((" \
	"SELECT c.id, c.account_id, c.name, 0 AS kind, k.id AS rid, k.text, e.due FROM commitment_events e" \
	" JOIN commitments k ON e.account_id = k.account_id AND e.commitment_id = k.id" \
	" JOIN contacts c ON c.id = k.contact_id JOIN accounts a ON a.id = c.account_id" \
	" JOIN assessments x ON x.id = c.id" PL_FILTER " AND k.deleted = 0 AND e.deleted = 0" \
	" AND e.due < $11 AND" PL_OPEN_EVENT("k", "e") " ORDER BY e.due, e.commitment_id" LIMIT \
	") UNION ALL (SELECT c.id, c.account_id, c.name, 1, y.id, y.text, y.by_at FROM expectations y" \
	" JOIN contacts c ON c.id = y.contact_id JOIN accounts a ON a.id = c.account_id" \
	" JOIN assessments x ON x.id = c.id" PL_FILTER " AND y.deleted = 0 AND y.status = 'open'" \
	" AND y.by_at < $11 ORDER BY y.by_at, y.id" LIMIT \
	")) AS d WHERE ($3::bigint + $6::bigint + $7::bigint + $8::float8 + $9::bigint IS NOT NULL)" \
	" ORDER BY 7, 4, 5" LIMIT

/* The same over every buyer (no filter: an admin's or a manager's whole
 * board), in a text with no filter to plan: planned once, not per request. */
#define DUE_KIND_PLAIN(head, join, where, order) head " JOIN contacts c ON c.id = " join \
	" JOIN accounts a ON a.id = c.account_id WHERE c.deleted = 0 AND a.deleted = 0" where \
	" ORDER BY " order LIMIT
#define DUE_SQL_PLAIN "SELECT * FROM ((" \
	DUE_KIND_PLAIN("SELECT c.id, c.account_id, c.name, 0 AS kind, k.id AS rid, k.text, e.due" \
		       " FROM commitment_events e JOIN commitments k ON e.account_id = k.account_id" \
		       " AND e.commitment_id = k.id", "k.contact_id", " AND k.deleted = 0 AND e.deleted = 0" \
		       " AND e.due < $11 AND" PL_OPEN_EVENT("k", "e"), "e.due, e.commitment_id") \
	") UNION ALL (" \
	DUE_KIND_PLAIN("SELECT c.id, c.account_id, c.name, 1, y.id, y.text, y.by_at FROM expectations y", \
		       "y.contact_id", " AND y.deleted = 0 AND y.status = 'open' AND y.by_at < $11", \
		       "y.by_at, y.id") \
	")) AS d WHERE ($1::text || $2::text || $10::text IS NOT NULL)" \
	" AND ($3::bigint + $5::bigint + $6::bigint + $7::bigint + $8::float8 + $9::bigint IS NOT NULL)" \
	" ORDER BY 7, 4, 5" LIMIT

static int fill_due(struct candor_store *s, const PGresult *r, int i, void *row)
{
	struct candor_due_item *d = row;

	d->contact_id = pg_col_int(r, i, 0);
	d->account_id = pg_col_int(r, i, 1);
	d->contact_name = pg_col_text(r, i, 2);
	d->kind = pg_col_int(r, i, 3) ? "expectation" : "commitment";
	d->id = pg_col_int(r, i, 4);
	d->text = pg_col_text(r, i, 5);
	d->due = pg_col_int(r, i, 6);
	return d->contact_name && d->text ? 0
		: candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
}

static int pg_due(struct candor_store *s, const struct candor_list_query *q, int64_t until,
		  struct candor_due_list *out)
{
	bool plain = plain_query(q);

	return pg_fill_all(s, (plain ? pg_query_generic : pg_query)
				(s, plain ? DUE_SQL_PLAIN : DUE_SQL, "ttiiiiiditi", q->owner, q->search,
				 (int64_t)0, q->limit ? (int64_t)q->limit + 1 : (int64_t)-1,
				 q->account_id, (int64_t)0, (int64_t)0, 0.0, (int64_t)0, q->owners,
				 until),
			   (void **)&out->v, &out->n, sizeof(*out->v), fill_due);
}

static int pg_contact_add(struct candor_store *s, struct candor_contact *c)
{
	return pg_exec(s, pg_write(s, "INSERT INTO contacts(id, account_id, name, role, email, created,"
				   " extra) SELECT coalesce(max(id), 0) + 1, $1, $2, $3, $4, $5, $6"
				   " FROM contacts RETURNING id", "itttit",
				   c->account_id, c->name, c->role, c->email, c->created,
				   c->extra ? c->extra : "{}"), &c->id);
}

static int fill_contact(struct candor_store *s, const PGresult *r, int i, void *row)
{
	struct candor_contact *c = row;

	c->id = pg_col_int(r, i, 0);
	c->account_id = pg_col_int(r, i, 1);
	c->account_name = pg_col_text(r, i, 2);
	c->name = pg_col_text(r, i, 3);
	c->role = pg_col_text(r, i, 4);
	c->email = pg_col_text(r, i, 5);
	c->created = pg_col_int(r, i, 6);
	return c->account_name && c->name && c->role && c->email ? 0
		: candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
}

static int pg_contacts(struct candor_store *s, int64_t id, const char *name, bool words,
		       int64_t account_id, struct candor_contact_list *out)
{
#define CONTACTS(where) "SELECT c.id, c.account_id, a.name, c.name, c.role, c.email, c.created" \
	" FROM contacts c JOIN accounts a ON a.id = c.account_id WHERE " where \
	" AND c.deleted = 0 AND a.deleted = 0 AND" NAME_MATCH("c.name") " AND ($4 = 0 OR c.account_id = $4)" \
	" ORDER BY " LOWER("a.name") ", " LOWER("c.name") ", c.id"
	/* by whole name: the name index (contacts_name_nocase); by id, the
	 * primary key whatever the other values, so planned once */
	PGresult *r = (id ? pg_query_generic : pg_query)
		(s, id ? CONTACTS("c.id = $1")
		 : name && *name && !words ? CONTACTS(LOWER("c.name") " = " LOWER("$2") " AND $1 = 0")
		 : CONTACTS("$1 = 0"), "itbi", id, name, (int)words, account_id);
#undef CONTACTS
	int rc;

	memset(out, 0, sizeof(*out));
	rc = pg_fill_all(s, r, (void **)&out->v, &out->n, sizeof(*out->v), fill_contact);
	if (rc)
		candor_contact_list_release(out);
	return rc;
}

/* The next id of a table, in an INSERT ... SELECT. */
#define NEXT(table) "SELECT coalesce(max(id), 0) + 1 FROM " table
#define NEXT_BASE(table) "SELECT coalesce(max(id), 0) AS n FROM " table

static int pg_interaction_add(struct candor_store *s, struct candor_interaction *it)
{
	return pg_exec(s, pg_write(s, "INSERT INTO interactions(id, account_id, contact_id, kind, inbound,"
				   " at, seller, text, source, metrics, seller_share, analyser, content_sha256)"
				   " VALUES ((" NEXT("interactions") "), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"
				   " $11, $12) RETURNING id", "iitbittttdtt", it->account_id, it->contact_id,
				   candor_name_of(candor_interaction_kinds, it->kind), (int)it->inbound,
				   it->at, it->seller, it->text, it->source, it->metrics,
				   it->seller_share, it->analyser, it->sha256), &it->id);
}

static int pg_signal_add(struct candor_store *s, int64_t account_id, struct candor_signal *sg)
{
	return pg_exec(s, pg_write(s, "INSERT INTO signals(id, account_id, contact_id, interaction_id,"
				   " category, text, side, utterance, start_char, end_char, quote, confidence)"
				   " VALUES ((" NEXT("signals") "), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
				   " RETURNING id", "iiitttiiitd", account_id, sg->contact_id,
				   sg->interaction_id, sg->category, sg->text,
				   candor_name_of(candor_sides, sg->side), sg->utterance, sg->start,
				   sg->end, sg->quote, sg->confidence), &sg->id);
}

static int pg_commitment_event_add(struct candor_store *s, const struct candor_commitment *c,
				   struct candor_commitment_event *e)
{
	return pg_exec(s, pg_write(s, "INSERT INTO commitment_events(id, account_id, commitment_id, at,"
				   " status, due, note) VALUES ((" NEXT("commitment_events") "),"
				   " $1, $2, $3, $4, $5, $6) RETURNING id", "iiitit", c->account_id,
				   c->id, e->at, candor_name_of(candor_commitment_statuses, e->status),
				   e->due, e->note), &e->id);
}

static int pg_commitment_add(struct candor_store *s, struct candor_commitment *c)
{
	int rc = pg_exec(s, pg_write(s, "INSERT INTO commitments(id, account_id, contact_id, text, made)"
				     " VALUES ((" NEXT("commitments") "), $1, $2, $3, $4) RETURNING id",
				     "iiti", c->account_id, c->contact_id, c->text, c->made), &c->id);

	for (size_t i = 0; !rc && i < c->nevents; i++)
		rc = pg_commitment_event_add(s, c, &c->events[i]);
	return rc;
}

static int pg_expectation_add(struct candor_store *s, struct candor_expectation *e)
{
	return pg_exec(s, pg_write(s, "INSERT INTO expectations(id, account_id, contact_id, text, set_at,"
				   " by_at) VALUES ((" NEXT("expectations") "), $1, $2, $3, $4, $5)"
				   " RETURNING id", "iitii", e->account_id, e->contact_id, e->text,
				   e->set_at, e->by), &e->id);
}

static int pg_expectation_resolve(struct candor_store *s, const struct candor_expectation *e)
{
	return pg_exec(s, pg_write(s, "UPDATE expectations SET status = $1, resolved_at = $2"
				   " WHERE account_id = $3 AND id = $4", "tiii",
				   candor_name_of(candor_expectation_statuses, e->status),
				   e->resolved_at, e->account_id, e->id), NULL);
}

static int pg_fact_add(struct candor_store *s, struct candor_fact *f)
{
	return pg_exec(s, pg_write(s, "INSERT INTO facts(id, account_id, contact_id, kind, text, source,"
				   " confidence, at) VALUES ((" NEXT("facts") "), $1, $2, $3, $4, $5, $6, $7)"
				   " RETURNING id", "iitttti", f->account_id, f->contact_id,
				   candor_name_of(candor_fact_kinds, f->kind), f->text, f->source,
				   candor_name_of(candor_confidences, f->confidence), f->at), &f->id);
}

static int pg_value_add(struct candor_store *s, struct candor_value *v)
{
	return pg_exec(s, pg_write(s, "INSERT INTO value_exchanged(id, account_id, contact_id, direction,"
				   " text, at) VALUES ((" NEXT("value_exchanged") "), $1, $2, $3, $4, $5)"
				   " RETURNING id", "iitti", v->account_id, v->contact_id,
				   candor_name_of(candor_value_directions, v->direction), v->text, v->at),
		       &v->id);
}

static int pg_fit_add(struct candor_store *s, struct candor_fit *f)
{
	return pg_exec(s, pg_write(s, "INSERT INTO fits(id, account_id, contact_id, verdict, text, at)"
				   " VALUES ((" NEXT("fits") "), $1, $2, $3, $4, $5) RETURNING id",
				   "iitti", f->account_id, f->contact_id,
				   candor_name_of(candor_fit_verdicts, f->verdict), f->text, f->at), &f->id);
}

static int pg_decision_add(struct candor_store *s, struct candor_decision *d)
{
	return pg_exec(s, pg_write(s, "INSERT INTO decisions(id, account_id, contact_id, kind, note, at)"
				   " VALUES ((" NEXT("decisions") "), $1, $2, $3, $4, $5) RETURNING id",
				   "iitti", d->account_id, d->contact_id,
				   candor_name_of(candor_decision_kinds, d->kind), d->note, d->at), &d->id);
}

/*
 * The WHERE clause of evidence queries ($1 account, $2 contact), in three
 * texts as in sqlite.c, so that each names the account when it has one
 * (the distribution key: one shard, one partition).
 */
#define SCOPE_ALL(p) " WHERE ($1 = 0 OR " p "account_id = $1) AND ($2 = 0 OR " p "contact_id = $2)"
#define SCOPE_ACCOUNT(p) " WHERE " p "account_id = $1 AND ($2 = 0 OR " p "contact_id = $2)"
#define SCOPE_CONTACT(p) " WHERE " p "account_id = $1 AND " p "contact_id = $2"
#define EVIDENCE_SQL(sc, p, head, tail) ((sc)->account_id && (sc)->contact_id ? \
	head SCOPE_CONTACT(p) tail : (sc)->account_id ? head SCOPE_ACCOUNT(p) tail : head SCOPE_ALL(p) tail)

static int fill_interaction(struct candor_store *s, const PGresult *r, int i, void *row)
{
	struct candor_interaction *it = row;

	it->id = pg_col_int(r, i, 0);
	it->account_id = pg_col_int(r, i, 1);
	it->contact_id = pg_col_int(r, i, 2);
	it->inbound = pg_col_int(r, i, 4) != 0;
	it->at = pg_col_int(r, i, 5);
	it->seller = pg_col_text(r, i, 6);
	it->text = pg_col_text(r, i, 7);
	it->source = pg_col_text(r, i, 8);
	it->metrics = pg_col_text(r, i, 9);
	it->seller_share = pg_col_double(r, i, 10);
	it->analyser = pg_col_text(r, i, 11);
	return pg_col_enum(s, r, i, 3, candor_interaction_kinds, &it->kind);
}

static int fill_signal(struct candor_store *s, const PGresult *r, int i, void *row)
{
	struct candor_signal *sg = row;

	sg->id = pg_col_int(r, i, 0);
	sg->contact_id = pg_col_int(r, i, 1);
	sg->interaction_id = pg_col_int(r, i, 2);
	sg->at = pg_col_int(r, i, 3);
	sg->category = pg_col_text(r, i, 4);
	sg->text = pg_col_text(r, i, 5);
	sg->utterance = pg_col_int(r, i, 7);
	sg->start = pg_col_int(r, i, 8);
	sg->end = pg_col_int(r, i, 9);
	sg->quote = pg_col_text(r, i, 10);
	sg->confidence = pg_col_double(r, i, 11);
	return pg_col_enum(s, r, i, 6, candor_sides, &sg->side);
}

static int fill_event(struct candor_store *s, const PGresult *r, int i, void *row)
{
	struct candor_commitment_event *e = row;

	e->id = pg_col_int(r, i, 0);
	e->at = pg_col_int(r, i, 1);
	e->due = pg_col_int(r, i, 3);
	e->note = pg_col_text(r, i, 4);
	return pg_col_enum(s, r, i, 2, candor_commitment_statuses, &e->status);
}

static int fill_commitment(struct candor_store *s, const PGresult *r, int i, void *row)
{
	struct candor_commitment *c = row;

	c->id = pg_col_int(r, i, 0);
	c->account_id = pg_col_int(r, i, 1);
	c->contact_id = pg_col_int(r, i, 2);
	c->text = pg_col_text(r, i, 3);
	c->made = pg_col_int(r, i, 4);
	return c->text ? 0 : candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
}

/* Attach each commitment's events (r: one query for the scope, not one per promise). */
static int attach_events(struct candor_store *s, PGresult *r, struct candor_evidence_set *ev)
{
	int rc = 0, rows = PQntuples(r);
	size_t k = 0;

	for (int i = 0; i < rows && !rc; i++) {
		int64_t cid = pg_col_int(r, i, 5);
		struct candor_commitment *c;

		while (k < ev->ncommitments && ev->commitments[k].id != cid)
			k++;
		if (k == ev->ncommitments) {
			rc = candor_error_set(s->err, CANDOR_ERROR, "database",
					      "reading the ledger failed in '%s': promises changed while "
					      "being read", s->location);
			break;
		}
		c = &ev->commitments[k];
		if ((rc = pg_grow(s, (void **)&c->events, c->nevents, sizeof(*c->events))))
			break;
		rc = fill_event(s, r, i, &c->events[c->nevents++]);
	}
	PQclear(r);
	return rc;
}

static int fill_expectation(struct candor_store *s, const PGresult *r, int i, void *row)
{
	struct candor_expectation *e = row;

	e->id = pg_col_int(r, i, 0);
	e->account_id = pg_col_int(r, i, 1);
	e->contact_id = pg_col_int(r, i, 2);
	e->text = pg_col_text(r, i, 3);
	e->set_at = pg_col_int(r, i, 4);
	e->by = pg_col_int(r, i, 5);
	e->resolved_at = pg_col_int(r, i, 7);
	return pg_col_enum(s, r, i, 6, candor_expectation_statuses, &e->status);
}

static int fill_fact(struct candor_store *s, const PGresult *r, int i, void *row)
{
	struct candor_fact *f = row;

	f->id = pg_col_int(r, i, 0);
	f->account_id = pg_col_int(r, i, 1);
	f->contact_id = pg_col_int(r, i, 2);
	f->text = pg_col_text(r, i, 4);
	f->source = pg_col_text(r, i, 5);
	f->at = pg_col_int(r, i, 7);
	return pg_col_enum(s, r, i, 3, candor_fact_kinds, &f->kind) ||
	       pg_col_enum(s, r, i, 6, candor_confidences, &f->confidence) ? s->err->code : 0;
}

static int fill_value(struct candor_store *s, const PGresult *r, int i, void *row)
{
	struct candor_value *v = row;

	v->id = pg_col_int(r, i, 0);
	v->account_id = pg_col_int(r, i, 1);
	v->contact_id = pg_col_int(r, i, 2);
	v->text = pg_col_text(r, i, 4);
	v->at = pg_col_int(r, i, 5);
	return pg_col_enum(s, r, i, 3, candor_value_directions, &v->direction);
}

static int fill_fit(struct candor_store *s, const PGresult *r, int i, void *row)
{
	struct candor_fit *f = row;

	f->id = pg_col_int(r, i, 0);
	f->account_id = pg_col_int(r, i, 1);
	f->contact_id = pg_col_int(r, i, 2);
	f->text = pg_col_text(r, i, 4);
	f->at = pg_col_int(r, i, 5);
	return pg_col_enum(s, r, i, 3, candor_fit_verdicts, &f->verdict);
}

static int fill_decision(struct candor_store *s, const PGresult *r, int i, void *row)
{
	struct candor_decision *d = row;

	d->id = pg_col_int(r, i, 0);
	d->account_id = pg_col_int(r, i, 1);
	d->contact_id = pg_col_int(r, i, 2);
	d->note = pg_col_text(r, i, 4);
	d->at = pg_col_int(r, i, 5);
	return pg_col_enum(s, r, i, 3, candor_decision_kinds, &d->kind);
}

/* A call's utterances in one statement (one round trip, not one a line: a
 * long call has thousands): they travel as one JSON array, the ids follow
 * the table's highest in the array's order. */
static int pg_utterances_add(struct candor_store *s, int64_t account_id, int64_t interaction_id,
			     const struct candor_utterance *u, size_t n)
{
	json_t *rows = json_array();
	char *doc = NULL;
	int rc = 0;

	for (size_t i = 0; i < n && rows; i++) {
		json_t *o = json_pack("{sIsIsssssfsfsIss}", "i", (json_int_t)i,
				      "idx", (json_int_t)u[i].index, "speaker", u[i].speaker,
				      "side", candor_name_of(candor_sides, u[i].side),
				      "start_s", u[i].start, "end_s", u[i].end,
				      "line", (json_int_t)u[i].line, "text", u[i].text);

		if (!o || json_array_append_new(rows, o)) {
			json_decref(rows);
			rows = NULL;
		}
	}
	if (rows)
		doc = candor_json_text(rows, JSON_COMPACT | JSON_REAL_PRECISION(17));
	json_decref(rows);
	if (!doc)
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	if (n)
		rc = pg_exec(s, pg_write(s, "INSERT INTO utterances(id, account_id, interaction_id, idx,"
					 " speaker, side, start_s, end_s, line, text)"
					 " SELECT top.n + u.i + 1, $1, $2, u.idx, u.speaker, u.side,"
					 " u.start_s, u.end_s, u.line, u.text"
					 " FROM (" NEXT_BASE("utterances") ") AS top,"
					 " json_to_recordset($3::json) AS u(i bigint, idx bigint,"
					 " speaker text, side text, start_s double precision,"
					 " end_s double precision, line bigint, text text) ORDER BY u.i",
					 "iit", account_id, interaction_id, doc), NULL);
	free(doc);
	return rc;
}

static int fill_utterance(struct candor_store *s, const PGresult *r, int i, void *row)
{
	struct candor_utterance *u = row;
	int side;

	u->index = (size_t)pg_col_int(r, i, 0);
	u->speaker = pg_col_text(r, i, 1);
	u->start = pg_col_double(r, i, 3);
	u->end = pg_col_double(r, i, 4);
	u->line = (size_t)pg_col_int(r, i, 5);
	u->text = pg_col_text(r, i, 6);
	if (pg_col_enum(s, r, i, 2, candor_sides, &side))
		return s->err->code;
	u->side = (enum candor_side)side;
	return 0;
}

static int pg_utterances(struct candor_store *s, int64_t account_id, int64_t interaction_id,
			 struct candor_utterance **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	return pg_load(s, account_id, interaction_id, "SELECT idx, speaker, side, start_s, end_s, line,"
		       " text FROM utterances WHERE account_id = $1 AND interaction_id = $2 ORDER BY idx",
		       (void **)out, n, sizeof(**out), fill_utterance);
}

static int pg_utterance_range(struct candor_store *s, int64_t account_id, int64_t interaction_id,
			      int64_t from, int64_t limit, struct candor_utterance **out, size_t *n,
			      int64_t *total)
{
	PGresult *r = pg_query(s, "SELECT count(*) FROM utterances WHERE account_id = $1"
			       " AND interaction_id = $2", "ii", account_id, interaction_id);

	*out = NULL;
	*n = 0;
	if (!r)
		return s->err->code;
	*total = pg_col_int(r, 0, 0);
	PQclear(r);
	return pg_fill_all(s, pg_query(s, "SELECT idx, speaker, side, start_s, end_s, line, text"
				       " FROM utterances WHERE account_id = $1 AND interaction_id = $2"
				       " AND idx >= $3 ORDER BY idx LIMIT $4", "iiii", account_id,
				       interaction_id, from, limit),
			   (void **)out, n, sizeof(**out), fill_utterance);
}

static int pg_proposal_add(struct candor_store *s, struct candor_proposal_row *p)
{
	return pg_exec(s, pg_write(s, "INSERT INTO proposals(id, account_id, contact_id, interaction_id,"
				   " kind, side, fact_kind, text, due, utterance)"
				   " VALUES ((" NEXT("proposals") "), $1, $2, $3, $4, $5, $6, $7, $8, $9)"
				   " RETURNING id", "iiittttii", p->account_id, p->contact_id,
				   p->interaction_id, candor_name_of(candor_proposal_kinds, p->kind),
				   candor_name_of(candor_sides, p->side),
				   p->fact_kind >= 0 ? candor_name_of(candor_fact_kinds, p->fact_kind) : "",
				   p->text, p->due, p->utterance), &p->id);
}

static int fill_proposal(struct candor_store *s, const PGresult *r, int i, void *row)
{
	struct candor_proposal_row *p = row;
	const char *fk = PQgetvalue(r, i, 6);

	p->id = pg_col_int(r, i, 0);
	p->account_id = pg_col_int(r, i, 1);
	p->contact_id = pg_col_int(r, i, 2);
	p->interaction_id = pg_col_int(r, i, 3);
	p->fact_kind = fk && *fk ? candor_name_lookup(candor_fact_kinds, fk) : -1;
	p->text = pg_col_text(r, i, 7);
	p->due = pg_col_int(r, i, 8);
	p->utterance = pg_col_int(r, i, 9);
	p->record_id = pg_col_int(r, i, 11);
	return pg_col_enum(s, r, i, 4, candor_proposal_kinds, &p->kind) ||
	       pg_col_enum(s, r, i, 5, candor_sides, &p->side) ||
	       pg_col_enum(s, r, i, 10, candor_proposal_statuses, &p->status) ? s->err->code : 0;
}

/* A known account ($3) is named as account_id = $3, so a store spread by
 * account plans one part; 0 lists every account's.  (Two fixed texts:
 * pg_query keeps prepared statements by the text's address.) */
static int pg_proposals(struct candor_store *s, int64_t account_id, int64_t id,
			int64_t interaction_id, struct candor_proposal_row **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	return pg_fill_all(s, pg_query(s, account_id
				       ? "SELECT id, account_id, contact_id, interaction_id, kind, side,"
					 " fact_kind, text, due, utterance, status, record_id FROM proposals"
					 " WHERE ($1 = 0 OR id = $1) AND ($2 = 0 OR interaction_id = $2)"
					 " AND account_id = $3 AND deleted = 0 ORDER BY id"
				       : "SELECT id, account_id, contact_id, interaction_id, kind, side,"
					 " fact_kind, text, due, utterance, status, record_id FROM proposals"
					 " WHERE ($1 = 0 OR id = $1) AND ($2 = 0 OR interaction_id = $2)"
					 " AND $3 = 0 AND deleted = 0 ORDER BY id",
				       "iii", id, interaction_id, account_id),
			   (void **)out, n, sizeof(**out), fill_proposal);
}

static int pg_proposal_resolve(struct candor_store *s, const struct candor_proposal_row *p)
{
	return pg_exec(s, pg_write(s, "UPDATE proposals SET status = $1, record_id = $2"
				   " WHERE account_id = $3 AND id = $4", "tiii",
				   candor_name_of(candor_proposal_statuses, p->status), p->record_id,
				   p->account_id, p->id), NULL);
}

static int pg_signal_delete(struct candor_store *s, int64_t account_id, int64_t id)
{
	return pg_exec(s, pg_write(s, "UPDATE signals SET withdrawn = 1 WHERE account_id = $1 AND id = $2", "ii",
				   account_id, id), NULL);
}

static int pg_signals_clear(struct candor_store *s, int64_t account_id, int64_t interaction_id)
{
	return pg_exec(s, pg_write(s, "UPDATE signals SET withdrawn = 1 WHERE account_id = $1 AND interaction_id = $2"
				   " AND utterance >= 0", "ii", account_id, interaction_id), NULL);
}

static int pg_interaction_analysed(struct candor_store *s, const struct candor_interaction *it)
{
	return pg_exec(s, pg_write(s, "UPDATE interactions SET analyser = $1, metrics = $2,"
				   " seller_share = $3 WHERE account_id = $4 AND id = $5", "ttdii",
				   it->analyser, it->metrics, it->seller_share, it->account_id, it->id),
		       NULL);
}

static int pg_correction_add(struct candor_store *s, struct candor_correction *c)
{
	return pg_exec(s, pg_write(s, "INSERT INTO corrections(id, account_id, contact_id, interaction_id,"
				   " utterance, category, verdict, side, text, by_user, at)"
				   " VALUES ((" NEXT("corrections") "), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
				   " RETURNING id", "iiiittttti", c->account_id, c->contact_id,
				   c->interaction_id, c->utterance, c->category,
				   candor_name_of(candor_verdicts, c->verdict),
				   candor_name_of(candor_sides, c->side), c->text, c->by, c->at), &c->id);
}

static int pg_correction_delete(struct candor_store *s, int64_t account_id, int64_t id)
{
	return pg_exec(s, pg_write(s, "UPDATE corrections SET undone = 1 WHERE account_id = $1 AND id = $2", "ii",
				   account_id, id), NULL);
}

static int fill_correction(struct candor_store *s, const PGresult *r, int i, void *row)
{
	struct candor_correction *c = row;

	c->id = pg_col_int(r, i, 0);
	c->account_id = pg_col_int(r, i, 1);
	c->contact_id = pg_col_int(r, i, 2);
	c->interaction_id = pg_col_int(r, i, 3);
	c->utterance = pg_col_int(r, i, 4);
	c->category = pg_col_text(r, i, 5);
	c->text = pg_col_text(r, i, 8);
	c->by = pg_col_text(r, i, 9);
	c->at = pg_col_int(r, i, 10);
	return pg_col_enum(s, r, i, 6, candor_verdicts, &c->verdict) ||
	       pg_col_enum(s, r, i, 7, candor_sides, &c->side) ? s->err->code : 0;
}

static int pg_corrections(struct candor_store *s, int64_t account_id, int64_t id,
			  int64_t interaction_id, struct candor_correction **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	return pg_fill_all(s, pg_query(s, account_id
				       ? "SELECT id, account_id, contact_id, interaction_id, utterance,"
					 " category, verdict, side, text, by_user, at FROM corrections"
					 " WHERE ($1 = 0 OR id = $1) AND ($2 = 0 OR interaction_id = $2)"
					 " AND account_id = $3 AND undone = 0 AND deleted = 0 ORDER BY id"
				       : "SELECT id, account_id, contact_id, interaction_id, utterance,"
					 " category, verdict, side, text, by_user, at FROM corrections"
					 " WHERE ($1 = 0 OR id = $1) AND ($2 = 0 OR interaction_id = $2)"
					 " AND $3 = 0 AND undone = 0 AND deleted = 0 ORDER BY id",
				       "iii", id, interaction_id, account_id),
			   (void **)out, n, sizeof(**out), fill_correction);
}

static int pg_locate(struct candor_store *s, enum candor_record what, int64_t id,
		     struct candor_scope *out)
{
	PGresult *r;
	int rc = 0;

	switch (what) {
	case CANDOR_RECORD_EXPECTATION:
		r = pg_query(s, "SELECT account_id, contact_id FROM expectations WHERE id = $1 AND deleted = 0", "i", id);
		break;
	case CANDOR_RECORD_INTERACTION:
		r = pg_query(s, "SELECT account_id, contact_id FROM interactions WHERE id = $1 AND deleted = 0", "i", id);
		break;
	case CANDOR_RECORD_PROPOSAL:
		r = pg_query(s, "SELECT account_id, contact_id FROM proposals WHERE id = $1 AND deleted = 0", "i", id);
		break;
	case CANDOR_RECORD_SIGNAL:
		r = pg_query(s, "SELECT account_id, contact_id FROM signals WHERE id = $1 AND withdrawn = 0"
			     " AND deleted = 0", "i", id);
		break;
	case CANDOR_RECORD_CORRECTION:
		r = pg_query(s, "SELECT account_id, contact_id FROM corrections WHERE id = $1 AND undone = 0"
			     " AND deleted = 0", "i", id);
		break;
	default:
		r = pg_query(s, "SELECT account_id, contact_id FROM commitments WHERE id = $1 AND deleted = 0", "i", id);
	}
	if (!r)
		return s->err->code;
	if (PQntuples(r) == 1) {
		out->account_id = pg_col_int(r, 0, 0);
		out->contact_id = pg_col_int(r, 0, 1);
	} else {
		rc = candor_store_absent_record(s, what, id);
	}
	PQclear(r);
	return rc;
}

/* pg_fill_all when nothing failed before (rc 0); else r is only cleared. */
static int fill_after(struct candor_store *s, int rc, PGresult *r, void **arr, size_t *n,
		      size_t size, pg_row_fn fill)
{
	if (rc) {
		PQclear(r);
		return rc;
	}
	return pg_fill_all(s, r, arr, n, size, fill);
}

/*
 * A scope's evidence: nine queries sent at once (pg_query_batch), so a
 * buyer's page waits for one round trip, not nine.
 */
static int pg_evidence(struct candor_store *s, const struct candor_scope *sc,
		       struct candor_evidence_set *ev)
{
	const char *const sql[] = {
		EVIDENCE_SQL(sc, "", "SELECT id, account_id, contact_id, kind, inbound,"
			     " at, seller, text, source, metrics, seller_share, analyser FROM interactions",
			     " AND deleted = 0 ORDER BY contact_id, at, id"),
		EVIDENCE_SQL(sc, "g.", "SELECT g.id, g.contact_id,"
			     " g.interaction_id, i.at, g.category, g.text, g.side, g.utterance,"
			     " g.start_char, g.end_char, g.quote, g.confidence FROM signals g"
			     " JOIN interactions i ON i.account_id = g.account_id AND i.id = g.interaction_id",
			     " AND g.withdrawn = 0 AND g.deleted = 0 AND i.deleted = 0"
			     " ORDER BY g.contact_id, i.at, g.id"),
		EVIDENCE_SQL(sc, "", "SELECT id, account_id, contact_id, text,"
			     " made FROM commitments", " AND deleted = 0 ORDER BY contact_id, made, id"),
		EVIDENCE_SQL(sc, "c.", "SELECT e.id, e.at, e.status, e.due, e.note,"
			     " e.commitment_id FROM commitment_events e"
			     " JOIN commitments c ON c.account_id = e.account_id"
			     " AND c.id = e.commitment_id",
			     " AND c.deleted = 0 AND e.deleted = 0"
			     " ORDER BY c.contact_id, c.made, c.id, e.at, e.id"),
		EVIDENCE_SQL(sc, "", "SELECT id, account_id, contact_id, text,"
			     " set_at, by_at, status, resolved_at FROM expectations",
			     " AND deleted = 0 ORDER BY contact_id, set_at, id"),
		EVIDENCE_SQL(sc, "", "SELECT id, account_id, contact_id, kind,"
			     " text, source, confidence, at FROM facts", " AND deleted = 0 ORDER BY contact_id, at, id"),
		EVIDENCE_SQL(sc, "", "SELECT id, account_id, contact_id,"
			     " direction, text, at FROM value_exchanged", " AND deleted = 0 ORDER BY contact_id, at, id"),
		EVIDENCE_SQL(sc, "", "SELECT id, account_id, contact_id,"
			     " verdict, text, at FROM fits", " AND deleted = 0 ORDER BY contact_id, at, id"),
		EVIDENCE_SQL(sc, "", "SELECT id, account_id, contact_id, kind,"
			     " note, at FROM decisions", " AND deleted = 0 ORDER BY contact_id, at, id"),
	};
	PGresult *r[CANDOR_ARRAY_SIZE(sql)];
	/* one buyer's: equalities alone, planned once (pg_query_generic) */
	int rc = pg_query_batch(s, sql, CANDOR_ARRAY_SIZE(sql), sc->account_id, sc->contact_id,
				sc->account_id && sc->contact_id, r);

	if (rc)
		return rc;
	rc = pg_fill_all(s, r[0], (void **)&ev->interactions, &ev->ninteractions,
			 sizeof(*ev->interactions), fill_interaction);
	rc = fill_after(s, rc, r[1], (void **)&ev->signals, &ev->nsignals,
		       sizeof(*ev->signals), fill_signal);
	rc = fill_after(s, rc, r[2], (void **)&ev->commitments, &ev->ncommitments,
		       sizeof(*ev->commitments), fill_commitment);
	if (rc)
		PQclear(r[3]);
	else
		rc = attach_events(s, r[3], ev);
	rc = fill_after(s, rc, r[4], (void **)&ev->expectations, &ev->nexpectations,
		       sizeof(*ev->expectations), fill_expectation);
	rc = fill_after(s, rc, r[5], (void **)&ev->facts, &ev->nfacts,
		       sizeof(*ev->facts), fill_fact);
	rc = fill_after(s, rc, r[6], (void **)&ev->values, &ev->nvalues,
		       sizeof(*ev->values), fill_value);
	rc = fill_after(s, rc, r[7], (void **)&ev->fits, &ev->nfits,
		       sizeof(*ev->fits), fill_fit);
	rc = fill_after(s, rc, r[8], (void **)&ev->decisions, &ev->ndecisions,
		       sizeof(*ev->decisions), fill_decision);
	if (rc)
		candor_evidence_set_release(ev);
	return rc;
}

const struct candor_store_be candor_store_postgres = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.begin = pg_begin,
	.begin_read = pg_begin_read,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.schema_version = pg_schema_version,
	.account_add = pg_account_add,
	.accounts = pg_accounts,
	.account_page = pg_account_page,
	.contact_page = pg_contact_page,
	.contact_add = pg_contact_add,
	.evidence_touch = pg_evidence_touch,
	.assessments_stale = pg_assessments_stale,
	.assessment_put = pg_assessment_put,
	.pipeline_page = pg_pipeline_page,
	.pipeline_stream = pg_pipeline_stream,
	.assessment_docs = pg_assessment_docs,
	.assessment_doc = pg_assessment_doc,
	.pipeline_counts = pg_pipeline_counts,
	.due = pg_due,
	.contacts = pg_contacts,
	.interaction_add = pg_interaction_add,
	.signal_add = pg_signal_add,
	.commitment_add = pg_commitment_add,
	.commitment_event_add = pg_commitment_event_add,
	.expectation_add = pg_expectation_add,
	.expectation_resolve = pg_expectation_resolve,
	.fact_add = pg_fact_add,
	.value_add = pg_value_add,
	.fit_add = pg_fit_add,
	.decision_add = pg_decision_add,
	.defer_keys = pg_defer_keys,
	.bulk_end = pg_copy_finish,
	.copied = pg_copied,
	.partition = pg_partition,
	.locate = pg_locate,
	.utterances_add = pg_utterances_add,
	.utterances = pg_utterances,
	.utterance_range = pg_utterance_range,
	.proposal_add = pg_proposal_add,
	.proposals = pg_proposals,
	.proposal_resolve = pg_proposal_resolve,
	.signal_delete = pg_signal_delete,
	.signals_clear = pg_signals_clear,
	.interaction_analysed = pg_interaction_analysed,
	.correction_add = pg_correction_add,
	.correction_delete = pg_correction_delete,
	.corrections = pg_corrections,
	.evidence = pg_evidence,
	.user_add = pg_user_add,
	.users = pg_users,
	.secret_add = pg_secret_add,
	.secret_find = pg_secret_find,
	.secret_delete = pg_secret_delete,
	.user_update = pg_user_update,
	.user_delete = pg_user_delete,
	.secrets = pg_secrets,
	.secrets_delete = pg_secrets_delete,
	.secrets_purge = pg_secrets_purge,
	.rows = pg_rows,
	.row_add = pg_row_add,
	.rows_where = pg_rows_where,
	.row_put = pg_row_put,
	.max_id = pg_max_id,
	.ids_text = pg_ids_text,
};
