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
	struct candor_buf sql = CANDOR_BUF_INIT;
	struct candor_cell *cells = calloc(t->ncols, sizeof(*cells));
	const Oid types[] = { INT8OID };
	int64_t last = 0;
	int rc = 0, rows = PAGE;

	candor_buf_adds(&sql, "SELECT ");
	column_list(&sql, t);
	candor_buf_addf(&sql, " FROM %s WHERE id > $1 ORDER BY id LIMIT %d", t->name, PAGE);
	if (!cells || candor_buf_error(&sql)) {
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	while (!rc && rows == PAGE) {
		char after[32];
		const char *vals[] = { after };
		PGresult *r;

		snprintf(after, sizeof(after), "%" PRId64, last);
		r = PQexecParams(PG(s)->conn, sql.ptr, 1, types, vals, NULL, NULL, 0);
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
