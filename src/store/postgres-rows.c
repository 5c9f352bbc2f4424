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
#define INT8OID 20
#define TEXTOID 25
#define FLOAT8OID 701

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

/* The name of table t's prepared INSERT, preparing it the first time. */
static int prepare_insert(struct candor_store *s, const struct candor_table *t, char *name, size_t n)
{
	struct pg *q = PG(s);
	struct candor_buf sql = CANDOR_BUF_INIT;
	Oid types[64];
	PGresult *r = NULL;
	int rc = 0;

	snprintf(name, n, "copy_%s", t->name);
	for (size_t i = 0; i < q->nins; i++)
		if (q->ins[i] == t)
			return 0;
	candor_buf_addf(&sql, "INSERT INTO %s(", t->name);
	column_list(&sql, t);
	candor_buf_adds(&sql, ") VALUES (");
	for (size_t i = 0; i < t->ncols && i < CANDOR_ARRAY_SIZE(types); i++) {
		candor_buf_addf(&sql, "%s$%zu", i ? ", " : "", i + 1);
		types[i] = t->cols[i].type == 'i' ? INT8OID : t->cols[i].type == 'd' ? FLOAT8OID : TEXTOID;
	}
	candor_buf_adds(&sql, ")");
	if (candor_buf_error(&sql) || q->nins >= CANDOR_ARRAY_SIZE(q->ins) ||
	    t->ncols > CANDOR_ARRAY_SIZE(types)) {
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	r = PQprepare(q->conn, name, sql.ptr, (int)t->ncols, types);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		rc = pg_fail(s, r, "copying into the database");
		goto cleanup;
	}
	q->ins[q->nins++] = t;
cleanup:
	PQclear(r);
	candor_buf_release(&sql);
	return rc;
}

int pg_row_add(struct candor_store *s, const struct candor_table *t, const struct candor_cell *row)
{
	char name[64], nums[64][32];
	const char *vals[64];
	PGresult *r;
	int rc;

	if ((rc = pg_writable(s)) || (rc = prepare_insert(s, t, name, sizeof(name))))
		return rc;
	for (size_t i = 0; i < t->ncols; i++) {
		vals[i] = nums[i];
		if (t->cols[i].type == 'i')
			snprintf(nums[i], sizeof(nums[i]), "%" PRId64, row[i].i);
		else if (t->cols[i].type == 'd')
			snprintf(nums[i], sizeof(nums[i]), "%.17g", row[i].d);
		else
			vals[i] = row[i].t;
	}
	r = PQexecPrepared(PG(s)->conn, name, (int)t->ncols, vals, NULL, NULL, 0);
	rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : pg_fail(s, r, "copying into the database");
	PQclear(r);
	return rc;
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
		types[n] = t->cols[i].type == 'i' ? INT8OID : t->cols[i].type == 'd' ? FLOAT8OID : TEXTOID;
		vals[n] = nums[n];
		if (t->cols[i].type == 'i')
			snprintf(nums[n], sizeof(nums[n]), "%" PRId64, row[i].i);
		else if (t->cols[i].type == 'd')
			snprintf(nums[n], sizeof(nums[n]), "%.17g", row[i].d);
		else
			vals[n] = row[i].t;
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
