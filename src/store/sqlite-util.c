/*
 * sqlite-util.c: the SQLite backend's plumbing, shared by its files:
 * errors mapped to candor codes, a statement cache, parameter binding,
 * row loading.  See sqlite-priv.h.
 */
#include "util/common.h"
#include "store/sqlite-priv.h"

/* Map a SQLite failure to a candor code and a message naming the file. */
int sq_fail(struct candor_store *s, int rc, const char *doing)
{
	const char *msg = SQ(s) && SQ(s)->db ? sqlite3_errmsg(SQ(s)->db) : sqlite3_errstr(rc);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		s->retry = true;
		return candor_error_set(s->err, CANDOR_EDB, "database",
					"database '%s' is locked by another program: try again when it is done",
					s->location);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return candor_error_set(s->err, CANDOR_EDB, "database",
					"'%s' is damaged or is not a Candor database: nothing was changed",
					s->location);
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return candor_error_set(s->err, CANDOR_EDB, "database",
					"cannot write to database '%s': %s", s->location, msg);
	case SQLITE_CONSTRAINT:
		return candor_error_set(s->err, CANDOR_EINVALID, NULL, "%s refused: %s", doing, msg);
	default:
		return candor_error_set(s->err, CANDOR_ERROR, "database", "%s failed in '%s': %s",
					doing, s->location, msg);
	}
}

sqlite3_stmt *sq_stmt(struct candor_store *s, const char *sql)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = NULL;
	int rc;

	for (size_t i = 0; i < q->ncache; i++)
		if (q->cache[i].sql == sql) {
			sqlite3_reset(q->cache[i].stmt);
			sqlite3_clear_bindings(q->cache[i].stmt);
			return q->cache[i].stmt;
		}
	rc = sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc) {
		sq_fail(s, rc, "preparing a query");
		return NULL;
	}
	if (q->ncache < STMT_CACHE) {
		q->cache[q->ncache].sql = sql;
		q->cache[q->ncache++].stmt = st;
	}
	return st;
}

/* Give back a statement that may not be cached. */
void sq_done(struct candor_store *s, sqlite3_stmt *st)
{
	for (size_t i = 0; i < SQ(s)->ncache; i++)
		if (SQ(s)->cache[i].stmt == st) {
			sqlite3_reset(st);
			return;
		}
	sqlite3_finalize(st);
}

/*
 * Prepare sql and bind its parameters, described by types: 'i' an int64_t,
 * 't' a string (NULL binds ''), 'b' a bool, 'd' a double.  NULL on failure (s->err set).
 */
sqlite3_stmt *sq_bind(struct candor_store *s, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st = sq_stmt(s, sql);
	va_list ap;
	int rc = 0, i = 1;

	if (!st)
		return NULL;
	va_start(ap, types);
	for (const char *t = types; *t && !rc; t++, i++) {
		if (*t == 'i') {
			rc = sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
		} else if (*t == 'b') {
			rc = sqlite3_bind_int(st, i, va_arg(ap, int) ? 1 : 0);
		} else if (*t == 'd') {
			rc = sqlite3_bind_double(st, i, va_arg(ap, double));
		} else {
			const char *v = va_arg(ap, const char *);
			rc = sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_TRANSIENT);
		}
	}
	va_end(ap);
	if (rc) {
		sq_fail(s, rc, "binding a value");
		sq_done(s, st);
		return NULL;
	}
	return st;
}

/* Step an INSERT/UPDATE to completion; *id gets the new rowid when not NULL. */
int sq_exec(struct candor_store *s, sqlite3_stmt *st, const char *doing, int64_t *id)
{
	int rc;

	if (!st)
		return s->err->code;
	rc = sqlite3_step(st);
	sq_done(s, st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, doing);
	if (id)
		*id = sqlite3_last_insert_rowid(SQ(s)->db);
	return 0;
}

int sq_exec_script(struct candor_store *s, const char *sql, const char *doing)
{
	int rc = sqlite3_exec(SQ(s)->db, sql, NULL, NULL, NULL);

	return rc ? sq_fail(s, rc, doing) : 0;
}

char *sq_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return strdup(t ? (const char *)t : "");
}

#define sq_col_int(st, i) ((int64_t)sqlite3_column_int64(st, i))

int sq_grow(struct candor_store *s, void **arr, size_t n, size_t size)
{
	void *p;

	/* capacity is 8, then doubles: full at 8, 16, 32, ... */
	if (n != 0 && (n < 8 || (n & (n - 1))))
		return 0;
	p = realloc(*arr, (n ? n * 2 : 8) * size);
	if (!p)
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	*arr = p;
	return 0;
}

/* Name <-> enum for a CHECKed TEXT column; an unknown name is a damaged store. */
int sq_col_enum(struct candor_store *s, sqlite3_stmt *st, int i,
		    const struct candor_name *names, int *out)
{
	const char *t = (const char *)sqlite3_column_text(st, i);

	*out = candor_name_lookup(names, t);
	if (*out < 0)
		return candor_error_set(s->err, CANDOR_EDB, "database",
					"'%s' holds an unknown value '%s': is it from a newer candor?",
					s->location, t ? t : "");
	return 0;
}

/*
 * Evidence loading: one query per kind, scoped by (?1 account, ?2 contact),
 * each row filled by a small function.  SCOPE is the shared WHERE clause.
 */


int sq_load(struct candor_store *s, const struct candor_scope *sc, const char *sql,
		void **arr, size_t *n, size_t size, row_fn fill)
{
	return sq_load_st(s, sq_bind(s, sql, "ii", sc->account_id, sc->contact_id), arr, n, size,
			  fill);
}

int sq_load_st(struct candor_store *s, sqlite3_stmt *st, void **arr, size_t *n, size_t size,
	       row_fn fill)
{
	int rc, frc = 0;

	if (!st)
		return s->err->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((frc = sq_grow(s, arr, *n, size)))
			break;
		memset((char *)*arr + *n * size, 0, size);
		(*n)++;
		if ((frc = fill(s, st, (char *)*arr + (*n - 1) * size)))
			break;
	}
	sq_done(s, st);
	if (frc)
		return frc;
	return rc == SQLITE_DONE ? 0 : sq_fail(s, rc, "reading the ledger");
}
