/*
 * postgres-rows.c: the PostgreSQL backend's side of copying a whole store
 * (copy.h): every row of a table as typed cells, read a page at a time in
 * id order, and a row added as it is, through one prepared INSERT per
 * table.  The SQL is built from the schema's table list (schema.h), never
 * from input; the values are bound.
 */
#include "util/common.h"
#include "util/buf.h"
#include "store/schema.h"
#include "store/postgres-priv.h"

#define PAGE 2000

static void column_list(struct candor_buf *b, const struct candor_table *t)
{
	for (size_t i = 0; i < t->ncols; i++)
		candor_buf_addf(b, "%s%s", i ? ", " : "", t->cols[i].name);
}

/* Hand rows of r to fn; *last gets the last id. */
static int page(const struct candor_table *t, PGresult *r, struct candor_cell *cells,
		candor_row_fn fn, void *arg, int64_t *last)
{
	int rc = 0, rows = PQntuples(r);

	for (int k = 0; k < rows && !rc; k++) {
		for (size_t i = 0; i < t->ncols; i++) {
			cells[i].t = PQgetvalue(r, k, (int)i);
			cells[i].i = t->cols[i].type == 'i' ? pg_col_int(r, k, (int)i) : 0;
			cells[i].d = t->cols[i].type == 'd' ? pg_col_double(r, k, (int)i) : 0;
		}
		*last = cells[0].i;
		rc = fn(arg, cells);
	}
	return rc;
}

int pg_rows(struct candor_store *s, const struct candor_table *t, candor_row_fn fn, void *arg)
{
	return pg_rows_where(s, t, NULL, 0, NULL, 0, fn, arg);
}

int pg_rows_where(struct candor_store *s, const struct candor_table *t, const char *col, int64_t v,
		  const char *col2, int64_t v2, candor_row_fn fn, void *arg)
{
	struct candor_buf sql = CANDOR_BUF_INIT;
	struct candor_cell *cells = calloc(t->ncols, sizeof(*cells));
	const Oid types[] = { INT8OID, INT8OID, INT8OID };
	char v1s[32], v2s[32];
	int64_t last = 0;
	int rc = 0, rows = PAGE;

	candor_buf_adds(&sql, "SELECT ");
	column_list(&sql, t);
	candor_buf_addf(&sql, " FROM %s WHERE id > $1", t->name);
	if (col)
		candor_buf_addf(&sql, " AND %s = $2", col);
	if (col && col2)
		candor_buf_addf(&sql, " AND %s = $3", col2);
	candor_buf_addf(&sql, " ORDER BY id LIMIT %d", PAGE);
	snprintf(v1s, sizeof(v1s), "%" PRId64, v);
	snprintf(v2s, sizeof(v2s), "%" PRId64, v2);
	if (!cells || candor_buf_error(&sql)) {
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	while (!rc && rows == PAGE) {
		char after[32];
		const char *vals[] = { after, v1s, v2s };
		PGresult *r;

		snprintf(after, sizeof(after), "%" PRId64, last);
		r = PQexecParams(PG(s)->conn, sql.ptr, col ? col2 ? 3 : 2 : 1, types, vals, NULL, NULL, 0);
		if (PQresultStatus(r) != PGRES_TUPLES_OK) {
			rc = pg_fail(s, r, "reading the database");
		} else {
			rows = PQntuples(r);
			rc = page(t, r, cells, fn, arg, &last);
		}
		PQclear(r);
	}
cleanup:
	candor_buf_release(&sql);
	free(cells);
	return rc;
}

/* Column i of row as a text parameter of its type (num: room for a number). */
static const char *param_of(const struct candor_table *t, size_t i, const struct candor_cell *row,
			    char num[32], Oid *type)
{
	*type = t->cols[i].type == 'i' ? INT8OID : t->cols[i].type == 'd' ? FLOAT8OID : TEXTOID;
	if (t->cols[i].type == 'i')
		snprintf(num, 32, "%" PRId64, row[i].i);
	else if (t->cols[i].type == 'd')
		snprintf(num, 32, "%.17g", row[i].d);
	else
		return row[i].t;
	return num;
}

/* One row by INSERT (the audit trail's batch and change rows, one at a time). */
static int row_insert(struct candor_store *s, const struct candor_table *t,
		      const struct candor_cell *row)
{
	struct candor_buf sql = CANDOR_BUF_INIT;
	char nums[64][32];
	const char *vals[64];
	Oid types[64];
	PGresult *r;
	int rc;

	if (t->ncols > CANDOR_ARRAY_SIZE(vals))
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "too many columns in '%s'", t->name);
	if ((rc = pg_writable(s)))
		return rc;
	candor_buf_addf(&sql, "INSERT INTO %s(", t->name);
	column_list(&sql, t);
	candor_buf_adds(&sql, ") VALUES (");
	for (size_t i = 0; i < t->ncols; i++) {
		candor_buf_addf(&sql, "%s$%zu", i ? ", " : "", i + 1);
		vals[i] = param_of(t, i, row, nums[i], &types[i]);
	}
	candor_buf_adds(&sql, ")");
	if (candor_buf_error(&sql)) {
		candor_buf_release(&sql);
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	}
	r = PQexecParams(PG(s)->conn, sql.ptr, (int)t->ncols, types, vals, NULL, NULL, 0);
	rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : pg_fail(s, r, "writing the database");
	PQclear(r);
	candor_buf_release(&sql);
	return rc;
}

/* COPY's text format: backslash, tab, newline and carriage return escaped. */
static void copy_text(struct candor_buf *b, const char *v)
{
	for (; v && *v; v++) {
		switch (*v) {
		case '\\': candor_buf_adds(b, "\\\\"); break;
		case '\t': candor_buf_adds(b, "\\t"); break;
		case '\n': candor_buf_adds(b, "\\n"); break;
		case '\r': candor_buf_adds(b, "\\r"); break;
		default: candor_buf_addch(b, *v);
		}
	}
}

/* Send what copy_buf holds. */
static int copy_flush(struct candor_store *s)
{
	struct pg *q = PG(s);
	int rc = 0;

	if (candor_buf_error(&q->copy_buf))
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	else if (q->copy_buf.len &&
		 PQputCopyData(q->conn, q->copy_buf.ptr, (int)q->copy_buf.len) != 1)
		rc = pg_fail(s, NULL, "copying into the database");
	candor_buf_reset(&q->copy_buf);
	return rc;
}

int pg_copy_finish(struct candor_store *s)
{
	struct pg *q = PG(s);
	PGresult *r;
	int rc;

	if (!q->copying)
		return 0;
	q->copying = NULL;
	rc = copy_flush(s);
	if (PQputCopyEnd(q->conn, rc ? "candor: the copy failed" : NULL) != 1 && !rc)
		rc = pg_fail(s, NULL, "copying into the database");
	while ((r = PQgetResult(q->conn))) {
		if (!rc && PQresultStatus(r) != PGRES_COMMAND_OK)
			rc = pg_fail(s, r, "copying into the database");
		PQclear(r);
	}
	candor_buf_release(&q->copy_buf);
	if (rc)
		q->failed = true;
	return rc;
}

/*
 * After a copy: the derived counts made once from the copied rows, and
 * the planner's statistics.  The triggers kept the counts row by row as
 * the kept answers came in, each change a new version of a few rows that
 * one transaction cannot reclaim: 24 rows of owner_stage_counts took 1,670
 * pages (13 MB) after a copy of 100,000 buyers, and the board read them
 * all, 1.4 ms a request.  TRUNCATE gives each table new, empty storage (in
 * this transaction: the copy's target is new, nobody reads it yet);
 * owner_stage_counts is emptied again after stage_counts is filled, as
 * stage_counts' own trigger adds to it row by row.
 */
int pg_copied(struct candor_store *s)
{
	struct candor_buf sql = CANDOR_BUF_INIT;
	int rc;

	/* the statistics of Candor's tables alone (a database may hold other
	 * schemas, even another store: a bare ANALYZE would read them all) */
	candor_buf_adds(&sql, "TRUNCATE stage_counts, owner_stage_counts; " CANDOR_STAGE_COUNTS_FILL
			" TRUNCATE owner_stage_counts; " CANDOR_OWNER_COUNTS_FILL
			" ANALYZE stage_counts, owner_stage_counts");
	for (size_t i = 0; i < candor_ntables; i++)
		candor_buf_addf(&sql, ", %s", candor_tables[i].name);
	rc = candor_buf_error(&sql) ? candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory")
		: pg_script(s, sql.ptr, "counting the copied buyers");
	candor_buf_release(&sql);
	return rc;
}

/*
 * Add a row as it is.  While candor_store_copy writes (s->bulk), in a COPY
 * FROM STDIN of its table (one round trip per 64 KB, not per row: a team's
 * store has millions of utterances), which its bulk_end (pg_copy_finish)
 * ends, reporting a refused row there; otherwise by an INSERT.
 */
int pg_row_add(struct candor_store *s, const struct candor_table *t, const struct candor_cell *row)
{
	struct pg *q = PG(s);
	struct candor_buf sql = CANDOR_BUF_INIT;
	PGresult *r;
	int rc;

	if (!s->bulk)
		return row_insert(s, t, row);

	if (q->copying != t) {
		if ((rc = pg_copy_finish(s)) || (rc = pg_writable(s)))
			return rc;
		candor_buf_addf(&sql, "COPY %s(", t->name);
		column_list(&sql, t);
		candor_buf_adds(&sql, ") FROM STDIN");
		if (candor_buf_error(&sql)) {
			candor_buf_release(&sql);
			return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
		}
		r = PQexec(q->conn, sql.ptr);
		candor_buf_release(&sql);
		rc = PQresultStatus(r) == PGRES_COPY_IN ? 0 : pg_fail(s, r, "copying into the database");
		PQclear(r);
		if (rc)
			return rc;
		q->copying = t;
		candor_buf_init(&q->copy_buf, 0);
	}
	for (size_t i = 0; i < t->ncols; i++) {
		if (i)
			candor_buf_addch(&q->copy_buf, '\t');
		if (t->cols[i].type == 'i')
			candor_buf_add_int(&q->copy_buf, row[i].i);
		else if (t->cols[i].type == 'd')
			candor_buf_addf(&q->copy_buf, "%.17g", row[i].d);
		else
			copy_text(&q->copy_buf, row[i].t);
	}
	candor_buf_addch(&q->copy_buf, '\n');
	return q->copy_buf.len >= 65536 || candor_buf_error(&q->copy_buf) ? copy_flush(s) : 0;
}

/* As sq_row_put (sqlite-rows.c): every column but the id and a contact's
 * evidence counter. */
int pg_row_put(struct candor_store *s, const struct candor_table *t, const struct candor_cell *row)
{
	struct candor_buf sql = CANDOR_BUF_INIT;
	char nums[64][32];
	const char *vals[64];
	Oid types[64];
	PGresult *r = NULL;
	int rc, n = 0;

	if ((rc = pg_writable(s)))
		return rc;
	candor_buf_addf(&sql, "UPDATE %s SET ", t->name);
	for (size_t i = 0; i < t->ncols && i < CANDOR_ARRAY_SIZE(vals); i++) {
		if (i && !strcmp(t->cols[i].name, "evidence"))
			continue;
		if (i)
			candor_buf_addf(&sql, "%s%s = $%d", n > 1 ? ", " : "", t->cols[i].name, n + 1);
		vals[n] = param_of(t, i, row, nums[n], &types[n]);
		n++;
	}
	candor_buf_adds(&sql, " WHERE id = $1");
	if (candor_buf_error(&sql) || t->ncols > CANDOR_ARRAY_SIZE(vals)) {
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	r = PQexecParams(PG(s)->conn, sql.ptr, n, types, vals, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = pg_fail(s, r, "changing the record");
	else if (strcmp(PQcmdTuples(r), "1"))
		rc = candor_error_set(s->err, CANDOR_ENOTFOUND, NULL, "no row %" PRId64 " in '%s'",
				      row[0].i, t->name);
cleanup:
	PQclear(r);
	candor_buf_release(&sql);
	return rc;
}

int pg_ids_text(struct candor_store *s, const struct candor_table *t, const char *col,
		const char *text, int64_t **out, size_t *n)
{
	struct candor_buf sql = CANDOR_BUF_INIT;
	const char *vals[] = { text };
	PGresult *r = NULL;
	int rc = 0, rows;

	*out = NULL;
	*n = 0;
	candor_buf_addf(&sql, "SELECT id FROM %s WHERE %s = $1 AND deleted = 0 ORDER BY id",
			t->name, col);
	if (candor_buf_error(&sql)) {
		candor_buf_release(&sql);
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	}
	r = PQexecParams(PG(s)->conn, sql.ptr, 1, NULL, vals, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		rc = pg_fail(s, r, "reading the database");
	} else if ((rows = PQntuples(r)) > 0) {
		if (!(*out = calloc((size_t)rows, sizeof(**out))))
			rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
		for (int i = 0; !rc && i < rows; i++)
			(*out)[(*n)++] = pg_col_int(r, i, 0);
	}
	PQclear(r);
	candor_buf_release(&sql);
	return rc;
}

int pg_max_id(struct candor_store *s, const struct candor_table *t, int64_t *out)
{
	struct candor_buf sql = CANDOR_BUF_INIT;
	PGresult *r;
	int rc = 0;

	candor_buf_addf(&sql, "SELECT coalesce(max(id), 0) FROM %s", t->name);
	if (candor_buf_error(&sql)) {
		candor_buf_release(&sql);
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	}
	r = PQexecParams(PG(s)->conn, sql.ptr, 0, NULL, NULL, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		rc = pg_fail(s, r, "reading the database");
	else
		*out = pg_col_int(r, 0, 0);
	PQclear(r);
	candor_buf_release(&sql);
	return rc;
}
