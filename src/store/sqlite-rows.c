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
	struct candor_buf sql = CANDOR_BUF_INIT;
	struct candor_cell *cells = calloc(t->ncols, sizeof(*cells));
	sqlite3_stmt *st = NULL;
	int rc = 0, step;

	candor_buf_adds(&sql, "SELECT ");
	column_list(&sql, t);
	candor_buf_addf(&sql, " FROM %s ORDER BY id", t->name);
	if (!cells || candor_buf_error(&sql)) {
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	if ((step = sqlite3_prepare_v2(SQ(s)->db, sql.ptr, -1, &st, NULL))) {
		rc = sq_fail(s, step, "reading the database");
		goto cleanup;
	}
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		for (size_t i = 0; i < t->ncols; i++) {
			const unsigned char *v;

			cells[i].i = sqlite3_column_int64(st, (int)i);
			cells[i].d = sqlite3_column_double(st, (int)i);
			v = sqlite3_column_text(st, (int)i);
			cells[i].t = v ? (const char *)v : "";
		}
		rc = fn(arg, cells);
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(s, step, "reading the database");
cleanup:
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
