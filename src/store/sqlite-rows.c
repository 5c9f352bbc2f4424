/*
 * sqlite-rows.c: the SQLite backend's side of copying a whole store
 * (copy.h): every row of a table as typed cells, and a row added as it
 * is.  The SQL is built from the schema's table list (schema.h), never
 * from input; the values are bound.
 */
#include "util/common.h"
#include "util/buf.h"
#include "store/schema.h"
#include "store/sqlite-priv.h"

static void column_list(struct candor_buf *b, const struct candor_table *t)
{
	for (size_t i = 0; i < t->ncols; i++)
		candor_buf_addf(b, "%s%s", i ? ", " : "", t->cols[i].name);
}

int sq_rows(struct candor_store *s, const struct candor_table *t, candor_row_fn fn, void *arg)
{
	return sq_rows_where(s, t, NULL, 0, NULL, 0, fn, arg);
}

int sq_rows_where(struct candor_store *s, const struct candor_table *t, const char *col, int64_t v,
		  const char *col2, int64_t v2, candor_row_fn fn, void *arg)
{
	struct candor_buf sql = CANDOR_BUF_INIT;
	struct candor_cell *cells = calloc(t->ncols, sizeof(*cells));
	struct sq *q = SQ(s);
	bool cached = false;
	sqlite3_stmt *st = NULL;
	int rc = 0, step;

	candor_buf_adds(&sql, "SELECT ");
	column_list(&sql, t);
	candor_buf_addf(&sql, " FROM %s", t->name);
	if (col)
		candor_buf_addf(&sql, " WHERE %s = ?1", col);
	if (col && col2)
		candor_buf_addf(&sql, " AND %s = ?2", col2);
	candor_buf_adds(&sql, " ORDER BY id");
	if (!cells || candor_buf_error(&sql)) {
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	/* each shape of statement (a row by id: the audit trail reads one
	 * before and after every write; a contact's changes: the buyer page)
	 * prepared once per store, unless it is being stepped */
	for (size_t i = 0; i < q->nbyid && !st; i++)
		if (q->byid[i].table == t && !strcmp(q->byid[i].col, col ? col : "") &&
		    !strcmp(q->byid[i].col2, col && col2 ? col2 : "") &&
		    !sqlite3_stmt_busy(q->byid[i].stmt)) {
			st = q->byid[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			cached = true;
		}
	if (!st && (step = sqlite3_prepare_v3(q->db, sql.ptr, -1,
					      SQLITE_PREPARE_PERSISTENT, &st, NULL))) {
		rc = sq_fail(s, step, "reading the database");
		goto cleanup;
	}
	if (!cached && q->nbyid < CANDOR_ARRAY_SIZE(q->byid) && strlen(col ? col : "") < 32 &&
	    strlen(col2 ? col2 : "") < 32) {
		bool known = false;

		for (size_t i = 0; i < q->nbyid; i++)
			known |= q->byid[i].table == t && !strcmp(q->byid[i].col, col ? col : "") &&
				 !strcmp(q->byid[i].col2, col && col2 ? col2 : "");
		if (!known) {
			q->byid[q->nbyid].table = t;
			snprintf(q->byid[q->nbyid].col, sizeof(q->byid[0].col), "%s", col ? col : "");
			snprintf(q->byid[q->nbyid].col2, sizeof(q->byid[0].col2), "%s",
				 col && col2 ? col2 : "");
			q->byid[q->nbyid++].stmt = st;
			cached = true;
		}
	}
	if (col)
		sqlite3_bind_int64(st, 1, v);
	if (col && col2)
		sqlite3_bind_int64(st, 2, v2);
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		for (size_t i = 0; i < t->ncols; i++) {
			const unsigned char *text;

			cells[i].i = sqlite3_column_int64(st, (int)i);
			cells[i].d = sqlite3_column_double(st, (int)i);
			text = sqlite3_column_text(st, (int)i);
			cells[i].t = text ? (const char *)text : "";
		}
		rc = fn(arg, cells);
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(s, step, "reading the database");
cleanup:
	if (cached)
		sqlite3_reset(st);
	else
		sqlite3_finalize(st);
	candor_buf_release(&sql);
	free(cells);
	return rc;
}

/* The INSERT for table t, prepared once per store. */
static sqlite3_stmt *insert_stmt(struct candor_store *s, const struct candor_table *t)
{
	struct sq *q = SQ(s);
	struct candor_buf sql = CANDOR_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc;

	for (size_t i = 0; i < q->nins; i++)
		if (q->ins[i].table == t)
			return q->ins[i].stmt;
	candor_buf_addf(&sql, "INSERT INTO %s(", t->name);
	column_list(&sql, t);
	candor_buf_adds(&sql, ") VALUES (");
	for (size_t i = 0; i < t->ncols; i++)
		candor_buf_adds(&sql, i ? ", ?" : "?");
	candor_buf_adds(&sql, ")");
	if (candor_buf_error(&sql) || q->nins >= CANDOR_ARRAY_SIZE(q->ins)) {
		candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	if ((rc = sqlite3_prepare_v2(q->db, sql.ptr, -1, &st, NULL))) {
		sq_fail(s, rc, "copying into the database");
		goto cleanup;
	}
	q->ins[q->nins].table = t;
	q->ins[q->nins++].stmt = st;
cleanup:
	candor_buf_release(&sql);
	return st;
}

int sq_row_add(struct candor_store *s, const struct candor_table *t, const struct candor_cell *row)
{
	sqlite3_stmt *st = insert_stmt(s, t);
	int rc = 0;

	if (!st)
		return s->err->code;
	sqlite3_reset(st);
	for (size_t i = 0; i < t->ncols && !rc; i++) {
		int k = (int)i + 1;

		rc = t->cols[i].type == 'i' ? sqlite3_bind_int64(st, k, row[i].i)
		   : t->cols[i].type == 'd' ? sqlite3_bind_double(st, k, row[i].d)
		   : sqlite3_bind_text(st, k, row[i].t, -1, SQLITE_TRANSIENT);
	}
	if (!rc && (rc = sqlite3_step(st)) == SQLITE_DONE)
		rc = 0;
	sqlite3_reset(st);
	return rc ? sq_fail(s, rc, "copying into the database") : 0;
}

/* Every column but the id (and a contact's evidence counter, which only
 * ever goes up) set to row's values, in the row of row's id. */
int sq_row_put(struct candor_store *s, const struct candor_table *t, const struct candor_cell *row)
{
	struct candor_buf sql = CANDOR_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc = 0, k = 1;

	candor_buf_addf(&sql, "UPDATE %s SET ", t->name);
	for (size_t i = 1; i < t->ncols; i++)
		if (strcmp(t->cols[i].name, "evidence"))
			candor_buf_addf(&sql, "%s%s = ?%zu", k++ > 1 ? ", " : "", t->cols[i].name, i + 1);
	candor_buf_adds(&sql, " WHERE id = ?1");
	if (candor_buf_error(&sql)) {
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	if ((rc = sqlite3_prepare_v2(SQ(s)->db, sql.ptr, -1, &st, NULL))) {
		rc = sq_fail(s, rc, "changing the record");
		goto cleanup;
	}
	for (size_t i = 0; i < t->ncols && !rc; i++) {
		int n = (int)i + 1;

		if (i && !strcmp(t->cols[i].name, "evidence"))
			continue;
		rc = t->cols[i].type == 'i' ? sqlite3_bind_int64(st, n, row[i].i)
		   : t->cols[i].type == 'd' ? sqlite3_bind_double(st, n, row[i].d)
		   : sqlite3_bind_text(st, n, row[i].t, -1, SQLITE_TRANSIENT);
	}
	if (!rc && (rc = sqlite3_step(st)) == SQLITE_DONE)
		rc = sqlite3_changes(SQ(s)->db) == 1 ? 0
		   : candor_error_set(s->err, CANDOR_ENOTFOUND, NULL, "no row %" PRId64 " in '%s'",
				      row[0].i, t->name);
	else if (rc)
		rc = sq_fail(s, rc, "changing the record");
cleanup:
	sqlite3_finalize(st);
	candor_buf_release(&sql);
	return rc;
}

int sq_ids_text(struct candor_store *s, const struct candor_table *t, const char *col,
		const char *text, int64_t **out, size_t *n)
{
	struct candor_buf sql = CANDOR_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc = 0, step;

	*out = NULL;
	*n = 0;
	candor_buf_addf(&sql, "SELECT id FROM %s WHERE %s = ?1 AND deleted = 0 ORDER BY id",
			t->name, col);
	if (candor_buf_error(&sql)) {
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	if ((step = sqlite3_prepare_v2(SQ(s)->db, sql.ptr, -1, &st, NULL))) {
		rc = sq_fail(s, step, "reading the database");
		goto cleanup;
	}
	sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if (!(rc = sq_grow(s, (void **)out, *n, sizeof(**out))))
			(*out)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(s, step, "reading the database");
cleanup:
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	sqlite3_finalize(st);
	candor_buf_release(&sql);
	return rc;
}

int sq_max_id(struct candor_store *s, const struct candor_table *t, int64_t *out)
{
	struct candor_buf sql = CANDOR_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc;

	candor_buf_addf(&sql, "SELECT coalesce(max(id), 0) FROM %s", t->name);
	if (candor_buf_error(&sql)) {
		candor_buf_release(&sql);
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	}
	rc = sqlite3_prepare_v2(SQ(s)->db, sql.ptr, -1, &st, NULL);
	if (!rc && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = 0;
	}
	rc = rc ? sq_fail(s, rc, "reading the database") : 0;
	sqlite3_finalize(st);
	candor_buf_release(&sql);
	return rc;
}
