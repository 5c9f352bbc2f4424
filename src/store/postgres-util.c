/*
 * postgres-util.c: the PostgreSQL backend's plumbing, shared by its files:
 * errors mapped to candor codes, transactions, a prepared-statement cache,
 * typed parameter binding, and decoding text results.  See postgres-priv.h.
 *
 * Transactions.  A write transaction (begin) is READ COMMITTED and first
 * takes one transaction-scoped advisory lock, PG_WRITE_LOCK, so writers
 * run one at a time, as they do on SQLite (BEGIN IMMEDIATE): what a
 * command reads before it writes (is this name taken? what is the next
 * id?) cannot change under it, and writers never meet a serialization
 * failure.  A read transaction (begin_read) is REPEATABLE READ READ ONLY:
 * one snapshot, taking no lock, holding nobody back.  A write inside a
 * read transaction (signing in reads, then starts a session) ends the
 * snapshot, which has written nothing, and begins a write transaction, as
 * SQLite upgrades a deferred one.  A write outside any transaction runs in
 * a write transaction of its own.
 */
#include "util/common.h"
#include <ctype.h>
#include "store/postgres-priv.h"

#define PG_MAX_PARAMS 16

void pg_one_line(char *dst, size_t n, const char *msg)
{
	size_t k = 0;
	bool space = false;

	for (const char *p = msg ? msg : ""; *p && k + 1 < n; p++) {
		if (isspace((unsigned char)*p)) {
			space = k > 0;
			continue;
		}
		if (space && k + 2 < n)
			dst[k++] = ' ';
		space = false;
		dst[k++] = *p;
	}
	dst[k] = '\0';
}

static bool state_is(const char *state, const char *want)
{
	return state && !strncmp(state, want, strlen(want));
}

int pg_fail(struct candor_store *s, const PGresult *r, const char *doing)
{
	struct pg *q = PG(s);
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	char msg[512];

	pg_one_line(msg, sizeof(msg), primary ? primary : q && q->conn ? PQerrorMessage(q->conn) : "");
	if (q && q->in_tx)
		q->failed = true;
	if (state_is(state, "40001") || state_is(state, "40P01") || state_is(state, "55P03")) {
		s->retry = true;
		return candor_error_set(s->err, CANDOR_EDB, "database",
					"database '%s' is busy with another writer (%s): try again",
					s->location, msg);
	}
	if (state_is(state, "23") || state_is(state, "22"))
		return candor_error_set(s->err, CANDOR_EINVALID, NULL, "%s refused: %s", doing, msg);
	if (state_is(state, "42501") || state_is(state, "25006"))
		return candor_error_set(s->err, CANDOR_EDB, "database",
					"cannot write to database '%s': %s", s->location, msg);
	if (!state || state_is(state, "08") || state_is(state, "57P") ||
	    (q && q->conn && PQstatus(q->conn) != CONNECTION_OK))
		return candor_error_set(s->err, CANDOR_EDB, "database",
					"%s failed: no answer from database '%s': %s",
					doing, s->location, msg);
	return candor_error_set(s->err, CANDOR_ERROR, "database", "%s failed in '%s': %s",
				doing, s->location, msg);
}

/* Run a command without parameters; 0 or the mapped failure. */
static int command(struct candor_store *s, const char *sql, const char *doing)
{
	PGresult *r = PQexec(PG(s)->conn, sql);
	ExecStatusType st = PQresultStatus(r);
	int rc = 0;

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		rc = pg_fail(s, r, doing);
	PQclear(r);
	return rc;
}

int pg_script(struct candor_store *s, const char *sql, const char *doing)
{
	return command(s, sql, doing);
}

/* "SELECT pg_advisory_xact_lock(PG_WRITE_LOCK)", spelled as a literal. */
#define STR_(x) #x
#define STR(x) STR_(x)
#define BEGIN_WRITE "BEGIN ISOLATION LEVEL READ COMMITTED;" \
	" SELECT pg_advisory_xact_lock(" STR(PG_WRITE_LOCK) ")"

/*
 * Begin a write transaction.  Taking the lock is the first thing it does,
 * so when the server reports a deadlock or a lock time-out there, nothing
 * was done and it is safe to try again: up to three times.
 */
int pg_begin(struct candor_store *s)
{
	struct pg *q = PG(s);
	int rc = 0;

	for (int attempt = 0; attempt < 3; attempt++) {
		s->retry = false;
		q->failed = q->generic = false;
		q->in_tx = true;
		q->read_only = false;
		rc = command(s, BEGIN_WRITE, "starting a transaction");
		if (!rc)
			return 0;
		command(s, "ROLLBACK", "ending a transaction");
		q->in_tx = false;
		if (!s->retry)
			break;
	}
	return rc;
}

int pg_begin_read(struct candor_store *s)
{
	struct pg *q = PG(s);
	int rc;

	s->retry = false;
	q->failed = q->generic = false;
	rc = command(s, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "starting a transaction");
	q->in_tx = rc == 0;
	q->read_only = rc == 0;
	return rc;
}

/*
 * Commit.  After a failed statement PostgreSQL has already aborted the
 * transaction and answers COMMIT with ROLLBACK: that is a failure here,
 * with nothing saved.
 */
int pg_commit(struct candor_store *s)
{
	struct pg *q = PG(s);
	PGresult *r;
	int rc = 0;

	if (!q->in_tx)
		return 0;
	r = PQexec(q->conn, "COMMIT");
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = pg_fail(s, r, "saving");
	else if (strcmp(PQcmdStatus(r), "COMMIT") != 0)
		rc = candor_error_set(s->err, CANDOR_ERROR, "database",
				      "saving failed in '%s': an earlier step failed, so nothing "
				      "was saved", s->location);
	PQclear(r);
	q->in_tx = q->read_only = q->failed = q->generic = false;
	return rc;
}

void pg_rollback(struct candor_store *s)
{
	struct pg *q = PG(s);

	if (q->copying) {
		q->copying = NULL;   /* the copy ends with an error; its rows go with the rollback */
		PQputCopyEnd(q->conn, "candor: rolled back");
		for (PGresult *r; (r = PQgetResult(q->conn));)
			PQclear(r);
		candor_buf_release(&q->copy_buf);
	}
	if (q->in_tx)
		PQclear(PQexec(q->conn, "ROLLBACK"));
	q->in_tx = q->read_only = q->failed = q->generic = false;
}

int pg_writable(struct candor_store *s)
{
	struct pg *q = PG(s);
	int rc;

	if (!q->in_tx || !q->read_only)
		return 0;
	/* the snapshot wrote nothing: end it and begin a write transaction */
	rc = pg_commit(s);
	return rc ? rc : pg_begin(s);
}

static const char *cached(struct candor_store *s, const char *sql, int n, const Oid *types)
{
	struct pg *q = PG(s);
	PGresult *r;

	for (size_t i = 0; i < q->ncache; i++)
		if (q->cache[i].sql == sql)
			return q->cache[i].name;
	if (q->ncache >= PG_STMT_CACHE)
		return NULL;
	snprintf(q->cache[q->ncache].name, sizeof(q->cache[0].name), "candor_%zu", q->ncache);
	r = PQprepare(q->conn, q->cache[q->ncache].name, sql, n, types);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		/* not fatal: PQexecParams will report the same error */
		PQclear(r);
		return NULL;
	}
	PQclear(r);
	q->cache[q->ncache].sql = sql;
	return q->cache[q->ncache++].name;
}

/* How the open transaction plans prepared statements (SET LOCAL: its end,
 * commit or rollback, sets it back, and pg_commit and pg_rollback clear
 * q->generic). */
#define PLAN_GENERIC "SET LOCAL plan_cache_mode = force_generic_plan"
#define PLAN_AUTO "SET LOCAL plan_cache_mode = auto"

/* Plan as generic says, on its own round trip (when no pipeline can carry it). */
static int plan_mode(struct candor_store *s, bool generic)
{
	struct pg *q = PG(s);
	int rc;

	if (!q->in_tx || q->generic == generic)
		return 0;
	rc = command(s, generic ? PLAN_GENERIC : PLAN_AUTO, "choosing how to plan");
	if (!rc)
		q->generic = generic;
	return rc;
}

static int batch_results(struct candor_store *s, PGresult **out, size_t n);

/*
 * Run the n statements sql[] (prepared as names[i] when not NULL), each with
 * the same np parameters, in one round trip (libpq's pipeline mode),
 * preceded by the SET that plans them as generic says when the transaction
 * plans otherwise; out[i] gets each result.  0, or the failure (every
 * out[i] NULL); *busy set, and nothing sent, when the connection cannot
 * pipeline now (a COPY, an error on it).
 */
static int pipelined(struct candor_store *s, const char *const *sql, const char *const *names,
		     size_t n, int np, const Oid *oids, const char *const *vals, bool generic,
		     PGresult **out, bool *busy)
{
	struct pg *q = PG(s);
	PGresult *res[PG_BATCH_MAX + 1] = { 0 };
	size_t first = q->in_tx && q->generic != generic, sent = 0;
	int rc = 0;

	*busy = false;
	memset(out, 0, n * sizeof(*out));
	if (!PQenterPipelineMode(q->conn)) {
		*busy = true;
		return 0;
	}
	if (first && PQsendQueryParams(q->conn, generic ? PLAN_GENERIC : PLAN_AUTO, 0, NULL, NULL,
				       NULL, NULL, 0))
		sent++;
	for (size_t i = 0; sent == first + i && i < n; i++)
		if (names[i] ? PQsendQueryPrepared(q->conn, names[i], np, vals, NULL, NULL, 0)
			     : PQsendQueryParams(q->conn, sql[i], np, oids, vals, NULL, NULL, 0))
			sent++;
	if (sent < first + n || !PQpipelineSync(q->conn))
		rc = pg_fail(s, NULL, "a query");   /* and the transaction, if any, can only roll back */
	if (sent && PQstatus(q->conn) == CONNECTION_OK) {
		int got = batch_results(s, res, sent);

		rc = rc ? rc : got;
	}
	PQexitPipelineMode(q->conn);
	if (!rc && first)
		q->generic = generic;
	if (first)
		PQclear(res[0]);
	for (size_t i = 0; i < n; i++) {
		if (rc)
			PQclear(res[first + i]);
		else
			out[i] = res[first + i];
	}
	return rc;
}

static PGresult *run(struct candor_store *s, const char *sql, const char *types, va_list ap,
		     bool generic)
{
	struct pg *q = PG(s);
	const char *vals[PG_MAX_PARAMS];
	char nums[PG_MAX_PARAMS][32];
	Oid oids[PG_MAX_PARAMS];
	int n = 0;
	const char *name;
	PGresult *r;
	ExecStatusType st;

	for (const char *t = types; *t && n < PG_MAX_PARAMS; t++, n++) {
		vals[n] = nums[n];
		oids[n] = *t == 'd' ? FLOAT8OID : *t == 't' ? TEXTOID : INT8OID;
		if (*t == 'i') {
			snprintf(nums[n], sizeof(nums[n]), "%" PRId64, va_arg(ap, int64_t));
		} else if (*t == 'b') {
			snprintf(nums[n], sizeof(nums[n]), "%d", va_arg(ap, int) ? 1 : 0);
		} else if (*t == 'd') {
			snprintf(nums[n], sizeof(nums[n]), "%.17g", va_arg(ap, double));
		} else {
			const char *v = va_arg(ap, const char *);
			vals[n] = v ? v : "";
		}
	}
	name = cached(s, sql, n, oids);
	if (q->in_tx && q->generic != generic) {
		/* the SET that plans it so goes in the same round trip */
		bool busy;

		if (pipelined(s, &sql, &name, 1, n, oids, vals, generic, &r, &busy))
			return NULL;
		if (!busy)
			return r;
		if (plan_mode(s, generic))
			return NULL;
	}
	r = name ? PQexecPrepared(q->conn, name, n, vals, NULL, NULL, 0)
		 : PQexecParams(q->conn, sql, n, oids, vals, NULL, NULL, 0);
	st = PQresultStatus(r);
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		pg_fail(s, r, "a query");
		PQclear(r);
		return NULL;
	}
	return r;
}

/*
 * Read every result of the pipeline up to its sync point: the first n go to
 * out[] (the first that failed, and those the server skipped after it, are
 * cleared and left NULL); 0, or the failure mapped by pg_fail.
 */
static int batch_results(struct candor_store *s, PGresult **out, size_t n)
{
	struct pg *q = PG(s);
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		PGresult *r = PQgetResult(q->conn);
		ExecStatusType st = PQresultStatus(r);

		if (!r) {
			rc = rc ? rc : pg_fail(s, NULL, "a query");
			break;
		}
		if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
			out[i] = r;
		} else {
			if (!rc)
				rc = pg_fail(s, st == PGRES_PIPELINE_ABORTED ? NULL : r, "a query");
			PQclear(r);
		}
		/* each query's results end with a NULL */
		while ((r = PQgetResult(q->conn)))
			PQclear(r);
	}
	for (PGresult *r; (r = PQgetResult(q->conn));) {
		bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;

		PQclear(r);
		if (sync)
			break;
	}
	return rc;
}

int pg_query_batch(struct candor_store *s, const char *const *sql, size_t n, int64_t a, int64_t b,
		   bool generic, PGresult **out)
{
	char nums[2][32];
	const char *vals[2] = { nums[0], nums[1] };
	const Oid oids[2] = { INT8OID, INT8OID };
	const char *names[PG_BATCH_MAX];
	bool busy;
	int rc;

	memset(out, 0, n * sizeof(*out));
	if (n > PG_BATCH_MAX)
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "too many queries at once (%zu)", n);
	snprintf(nums[0], sizeof(nums[0]), "%" PRId64, a);
	snprintf(nums[1], sizeof(nums[1]), "%" PRId64, b);
	/* prepared (the first time) before the pipeline begins */
	for (size_t i = 0; i < n; i++)
		names[i] = cached(s, sql[i], 2, oids);
	if ((rc = pipelined(s, sql, names, n, 2, oids, vals, generic, out, &busy)) || !busy)
		return rc;
	/* not now: one at a time */
	for (size_t i = 0; i < n && !rc; i++)
		if (!(out[i] = (generic ? pg_query_generic : pg_query)(s, sql[i], "ii", a, b)))
			rc = s->err->code;
	if (rc)
		for (size_t i = 0; i < n; i++) {
			PQclear(out[i]);
			out[i] = NULL;
		}
	return rc;
}

PGresult *pg_query(struct candor_store *s, const char *sql, const char *types, ...)
{
	va_list ap;
	PGresult *r;

	va_start(ap, types);
	r = run(s, sql, types, ap, false);
	va_end(ap);
	return r;
}

PGresult *pg_query_generic(struct candor_store *s, const char *sql, const char *types, ...)
{
	va_list ap;
	PGresult *r;

	va_start(ap, types);
	r = run(s, sql, types, ap, true);
	va_end(ap);
	return r;
}

PGresult *pg_write(struct candor_store *s, const char *sql, const char *types, ...)
{
	bool own = !PG(s)->in_tx;
	va_list ap;
	PGresult *r = NULL;

	if (pg_writable(s) || (own && pg_begin(s)))
		return NULL;
	va_start(ap, types);
	r = run(s, sql, types, ap, false);
	va_end(ap);
	if (own && r && pg_commit(s)) {
		PQclear(r);
		r = NULL;
	} else if (own && !r) {
		pg_rollback(s);
	}
	return r;
}

int pg_exec(struct candor_store *s, PGresult *r, int64_t *id)
{
	if (!r)
		return s->err->code ? s->err->code : CANDOR_ERROR;
	if (id && PQntuples(r) == 1)
		*id = pg_col_int(r, 0, 0);
	PQclear(r);
	return 0;
}

char *pg_col_text(const PGresult *r, int row, int col)
{
	return strdup(PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col));
}

int64_t pg_col_int(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? 0 : (int64_t)strtoll(PQgetvalue(r, row, col), NULL, 10);
}

double pg_col_double(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? 0 : strtod(PQgetvalue(r, row, col), NULL);
}

int pg_col_enum(struct candor_store *s, const PGresult *r, int row, int col,
		const struct candor_name *names, int *out)
{
	const char *t = PQgetvalue(r, row, col);

	*out = candor_name_lookup(names, t);
	if (*out < 0)
		return candor_error_set(s->err, CANDOR_EDB, "database",
					"'%s' holds an unknown value '%s': is it from a newer candor?",
					s->location, t ? t : "");
	return 0;
}

int pg_grow(struct candor_store *s, void **arr, size_t n, size_t size)
{
	void *p;

	/* capacity is 8, then doubles: full at 8, 16, 32, ... */
	if (n != 0 && (n < 8 || (n & (n - 1))))
		goto zero;
	p = realloc(*arr, (n ? n * 2 : 8) * size);
	if (!p)
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	*arr = p;
zero:
	memset((char *)*arr + n * size, 0, size);
	return 0;
}

int pg_load(struct candor_store *s, int64_t a, int64_t b, const char *sql,
	    void **arr, size_t *n, size_t size, pg_row_fn fill)
{
	return pg_fill_all(s, pg_query(s, sql, "ii", a, b), arr, n, size, fill);
}

int pg_fill_all(struct candor_store *s, PGresult *r, void **arr, size_t *n, size_t size,
		pg_row_fn fill)
{
	int rc = 0, rows;

	if (!r)
		return s->err->code;
	rows = PQntuples(r);
	for (int i = 0; i < rows && !rc; i++) {
		if ((rc = pg_grow(s, arr, *n, size)))
			break;
		(*n)++;
		rc = fill(s, r, i, (char *)*arr + (*n - 1) * size);
	}
	PQclear(r);
	return rc;
}
