/*
 * copy.c: copying a whole store (see copy.h).  Backend-neutral: it walks
 * the schema's table list (schema.h) and moves rows through each backend's
 * rows and row_add, hashing every value as it goes, then reads the target
 * back and hashes it again.
 */
#include "util/common.h"
#include <sodium.h>
#include "store/copy.h"
#include "store/schema.h"

struct walk {
	struct candor_store *to;          /* where rows go; NULL when only hashing */
	const struct candor_table *t;
	crypto_generichash_state h;
	int64_t rows;
};

/* Hash one row in a form that no two different rows share. */
static void hash_row(struct walk *w, const struct candor_cell *row)
{
	char num[40];

	for (size_t i = 0; i < w->t->ncols; i++) {
		const char *v = num;
		size_t n;

		if (w->t->cols[i].type == 'i')
			snprintf(num, sizeof(num), "i%" PRId64, row[i].i);
		else if (w->t->cols[i].type == 'd')
			snprintf(num, sizeof(num), "d%.17g", row[i].d);
		else
			snprintf(num, sizeof(num), "t%zu:", strlen(row[i].t));
		n = strlen(v);
		crypto_generichash_update(&w->h, (const unsigned char *)v, n);
		if (w->t->cols[i].type == 't')
			crypto_generichash_update(&w->h, (const unsigned char *)row[i].t, strlen(row[i].t));
		crypto_generichash_update(&w->h, (const unsigned char *)"\x1f", 1);
	}
	crypto_generichash_update(&w->h, (const unsigned char *)"\x1e", 1);
}

static int on_row(void *arg, const struct candor_cell *row)
{
	struct walk *w = arg;

	hash_row(w, row);
	w->rows++;
	return w->to ? w->to->be->row_add(w->to, w->t, row) : 0;
}

static int any_row(void *arg, const struct candor_cell *row)
{
	(void)arg;
	(void)row;
	return 1;
}

static void walk_start(struct walk *w, struct candor_store *to, const struct candor_table *t)
{
	w->to = to;
	w->t = t;
	w->rows = 0;
	crypto_generichash_init(&w->h, NULL, 0, 16);
}

static void walk_end(struct walk *w, char hex[33])
{
	unsigned char sum[16];

	crypto_generichash_final(&w->h, sum, sizeof(sum));
	sodium_bin2hex(hex, 33, sum, sizeof(sum));
}

/* CANDOR_ECONFLICT when any table of to has a row. */
static int check_empty(struct candor_store *to)
{
	for (size_t i = 0; i < candor_ntables; i++) {
		int rc = to->be->rows(to, &candor_tables[i], any_row, NULL);

		if (rc == 1)
			return candor_error_set(to->err, CANDOR_ECONFLICT, "to",
						"'%s' is not empty (table '%s' has rows): copy into a "
						"new database, made with 'candor init'", to->location,
						candor_tables[i].name);
		if (rc)
			return rc;
	}
	return 0;
}

/* Copy table t, then read it back from to and compare. */
static int copy_table(struct candor_store *from, struct candor_store *to,
		      const struct candor_table *t, struct candor_copy_table *out)
{
	struct walk w;
	char back[33];
	int rc;

	walk_start(&w, to, t);
	to->bulk = true;
	rc = from->be->rows(from, t, on_row, &w);
	to->bulk = false;
	if (!rc && to->be->bulk_end)
		rc = to->be->bulk_end(to);
	if (rc)
		return rc;
	walk_end(&w, out->checksum);
	out->name = t->name;
	out->rows = w.rows;
	walk_start(&w, NULL, t);
	if ((rc = to->be->rows(to, t, on_row, &w)))
		return rc;
	walk_end(&w, back);
	if (w.rows != out->rows || strcmp(back, out->checksum))
		return candor_error_set(to->err, CANDOR_ERROR, t->name,
					"copying table '%s' went wrong: %" PRId64 " rows read (checksum "
					"%s), %" PRId64 " found in '%s' (checksum %s): nothing was written",
					t->name, out->rows, out->checksum, w.rows, to->location, back);
	return 0;
}

int candor_store_copy(struct candor_store *from, struct candor_store *to,
		      struct candor_copy_report *out)
{
	int rc, vf = 0, vt = 0;
	bool reading = false, writing = false;

	memset(out, 0, sizeof(*out));
	if (sodium_init() < 0)
		return candor_error_set(to->err, CANDOR_ERROR, NULL, "cannot start libsodium");
	if ((rc = from->be->schema_version(from, &vf)) || (rc = to->be->schema_version(to, &vt)))
		goto cleanup;
	if (vf != vt) {
		rc = candor_error_set(to->err, CANDOR_ECONFLICT, NULL,
				      "'%s' has schema %d and '%s' schema %d: open both with this "
				      "candor first", from->location, vf, to->location, vt);
		goto cleanup;
	}
	if ((rc = candor_store_begin_read(from)))
		goto cleanup;
	reading = true;
	if ((rc = candor_store_begin(to)))
		goto cleanup;
	writing = true;
	if ((rc = check_empty(to)))
		goto cleanup;
	for (size_t i = 0; i < candor_ntables && i < CANDOR_ARRAY_SIZE(out->tables); i++) {
		if ((rc = copy_table(from, to, &candor_tables[i], &out->tables[i])))
			goto cleanup;
		out->ntables++;
		out->rows += out->tables[i].rows;
	}
	if (to->be->copied && (rc = to->be->copied(to)))
		goto cleanup;
	rc = candor_store_commit(to);
	writing = false;
cleanup:
	if (writing)
		candor_store_rollback(to);
	if (reading)
		candor_store_rollback(from);
	if (rc)
		out->ntables = 0;
	return rc;
}
