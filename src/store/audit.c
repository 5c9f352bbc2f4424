/*
 * audit.c: the audit trail (see audit.h).  Backend-neutral: rows are read
 * and written through the backends' rows_where, row_put, row_add and
 * max_id, with the tables and columns of schema.h, and kept as JSON
 * (jansson) in the changes table.
 */
#include "util/common.h"
#include <stdarg.h>
#include <strings.h>
#include <jansson.h>
#include "util/buf.h"
#include "store/audit.h"
#include "store/schema.h"
#include "util/json-text.h"

struct candor_audit {
	char kind[16];
	char *what, *by, *source;
	int64_t at;
	int64_t batch;        /* the batches row, 0 until the first change */
	int64_t next_change;  /* the id the next change gets, 0: ask */
};

/* One row read back: its cells, text copied. */
struct row {
	const struct candor_table *t;
	struct candor_cell *cells;
	bool found;
};

static const struct candor_table *table_named(const char *name)
{
	for (size_t i = 0; i < candor_ntables; i++)
		if (!strcmp(candor_tables[i].name, name))
			return &candor_tables[i];
	return NULL;
}

static int col_of(const struct candor_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i].name, name))
			return (int)i;
	return -1;
}

static void row_release(struct row *r)
{
	if (r->cells && r->found)
		for (size_t i = 0; i < r->t->ncols; i++)
			free((char *)r->cells[i].t);
	free(r->cells);
	r->cells = NULL;
	r->found = false;
}

static int copy_row(void *arg, const struct candor_cell *cells)
{
	struct row *r = arg;

	if (r->found)
		return 0;
	for (size_t i = 0; i < r->t->ncols; i++) {
		r->cells[i] = cells[i];
		r->cells[i].t = strdup(cells[i].t);
	}
	r->found = true;
	for (size_t i = 0; i < r->t->ncols; i++)
		if (!r->cells[i].t)
			return CANDOR_ERROR;
	return 0;
}

/* Read row id of t into *r (r->found says whether there is one).  With
 * its account known (account not 0), the read names it, so a store spread
 * by account reads one part (docs/scaling.md). */
static int row_load_in(struct candor_store *s, const struct candor_table *t, int64_t account,
		       int64_t id, struct row *r)
{
	bool scoped = account && col_of(t, "account_id") >= 0;
	int rc;

	r->t = t;
	r->found = false;
	if (!(r->cells = calloc(t->ncols, sizeof(*r->cells))))
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	rc = s->be->rows_where(s, t, "id", id, scoped ? "account_id" : NULL, scoped ? account : 0,
			       copy_row, r);
	if (rc == CANDOR_ERROR && !s->err->code)
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	return rc;
}

static int row_load(struct candor_store *s, const struct candor_table *t, int64_t id, struct row *r)
{
	return row_load_in(s, t, 0, id, r);
}

/* The row as a JSON object of its columns (a contact's evidence counter,
 * which only goes up and is no one's edit, left out); NULL when out of
 * memory or a text is not UTF-8. */
static char *row_json(const struct row *r)
{
	json_t *o = json_object();
	char *out = NULL;

	if (!o)
		return NULL;
	for (size_t i = 0; i < r->t->ncols; i++) {
		const struct candor_column *c = &r->t->cols[i];
		json_t *v;

		if (!strcmp(c->name, "evidence"))
			continue;
		v = c->type == 'i' ? json_integer(r->cells[i].i)
		  : c->type == 'd' ? json_real(r->cells[i].d) : json_string(r->cells[i].t);
		if (!v || json_object_set_new(o, c->name, v))
			goto cleanup;
	}
	out = candor_json_text(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
cleanup:
	json_decref(o);
	return out;
}

/* The account and contact a row belongs to (0 when none). */
static int row_scope(struct candor_store *s, const struct row *r, int64_t *account, int64_t *contact)
{
	int a = col_of(r->t, "account_id"), c = col_of(r->t, "contact_id");
	int rc = 0;

	*account = a >= 0 ? r->cells[a].i : !strcmp(r->t->name, "accounts") ? r->cells[0].i : 0;
	*contact = c >= 0 ? r->cells[c].i : !strcmp(r->t->name, "contacts") ? r->cells[0].i : 0;
	if (!strcmp(r->t->name, "commitment_events")) {
		struct row p = { 0 };

		rc = row_load_in(s, table_named("commitments"), *account,
				 r->cells[col_of(r->t, "commitment_id")].i, &p);
		if (!rc && p.found)
			*contact = p.cells[col_of(p.t, "contact_id")].i;
		row_release(&p);
	}
	return rc;
}

static char *dup_or_empty(const char *text)
{
	return strdup(text ? text : "");
}

int candor_audit_begin(struct candor_store *s, const char *kind, const char *what,
		       const char *by, int64_t at)
{
	struct candor_audit *a;
	int rc = 0;

	if (s->audit)
		rc = candor_audit_end(s);
	if (rc)
		return rc;
	if (!(a = calloc(1, sizeof(*a))))
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	snprintf(a->kind, sizeof(a->kind), "%s", kind);
	a->what = dup_or_empty(what);
	a->by = dup_or_empty(by);
	a->source = dup_or_empty(NULL);
	a->at = at;
	s->audit = a;
	if (!a->what || !a->by || !a->source) {
		candor_audit_abandon(s);
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	}
	return 0;
}

int candor_audit_describe(struct candor_store *s, const char *fmt, ...)
{
	struct candor_buf b = CANDOR_BUF_INIT;
	va_list ap;

	if (!s->audit)
		return 0;
	va_start(ap, fmt);
	candor_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (candor_buf_error(&b)) {
		candor_buf_release(&b);
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	}
	free(s->audit->what);
	s->audit->what = candor_buf_detach(&b, NULL);
	return 0;
}

int candor_audit_kind(struct candor_store *s, const char *kind)
{
	if (!s->audit)
		return 0;
	if (s->audit->batch && !strcmp(s->audit->kind, kind))
		return 0;
	if (s->audit->batch)
		return candor_error_set(s->err, CANDOR_ERROR, NULL,
					"batch %" PRId64 " is already written as a '%s'",
					s->audit->batch, s->audit->kind);
	snprintf(s->audit->kind, sizeof(s->audit->kind), "%s", kind);
	return 0;
}

bool candor_audit_described(const struct candor_store *s)
{
	return s->audit && s->audit->what[0];
}

int candor_audit_source(struct candor_store *s, const char *source)
{
	char *copy;

	if (!s->audit)
		return 0;
	if (!(copy = dup_or_empty(source)))
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	free(s->audit->source);
	s->audit->source = copy;
	return 0;
}

static const struct candor_table *batches_table(void) { return table_named("batches"); }

int candor_audit_batch(struct candor_store *s, int64_t *out)
{
	struct candor_audit *a = s->audit;
	struct candor_cell row[7];
	int rc;

	*out = 0;
	if (!a)
		return 0;
	if (a->batch) {
		*out = a->batch;
		return 0;
	}
	if ((rc = s->be->max_id(s, batches_table(), &a->batch)))
		return rc;
	a->batch++;
	memset(row, 0, sizeof(row));
	row[0].i = a->batch;
	row[1].t = a->kind;
	row[2].t = a->what;
	row[3].t = a->by;
	row[4].i = a->at;
	row[5].t = row[6].t = "";
	if ((rc = s->be->row_add(s, batches_table(), row))) {
		a->batch = 0;
		return rc;
	}
	*out = a->batch;
	return 0;
}

int candor_audit_end(struct candor_store *s)
{
	struct candor_audit *a = s->audit;
	struct row r = { 0 };
	int rc = 0;

	if (!a)
		return 0;
	if (a->batch && !(rc = row_load(s, batches_table(), a->batch, &r)) && r.found &&
	    strcmp(r.cells[2].t, a->what)) {
		free((char *)r.cells[2].t);
		r.cells[2].t = strdup(a->what);
		rc = r.cells[2].t ? s->be->row_put(s, batches_table(), r.cells)
				  : candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	}
	row_release(&r);
	candor_audit_abandon(s);
	return rc;
}

void candor_audit_abandon(struct candor_store *s)
{
	struct candor_audit *a = s->audit;

	if (!a)
		return;
	free(a->what);
	free(a->by);
	free(a->source);
	free(a);
	s->audit = NULL;
}

/* Write one change of the open batch: row id of t, before and after ("" none). */
static int change_add(struct candor_store *s, const struct candor_table *t, int64_t id,
		      const char *action, const char *before, const char *after,
		      int64_t account, int64_t contact)
{
	const struct candor_table *ct = table_named("changes");
	struct candor_audit *a = s->audit;
	struct candor_cell row[11];
	int64_t batch;
	int rc;

	if ((rc = candor_audit_batch(s, &batch)))
		return rc;
	if (!a->next_change) {
		if ((rc = s->be->max_id(s, ct, &a->next_change)))
			return rc;
		a->next_change++;
	}
	memset(row, 0, sizeof(row));
	row[0].i = a->next_change;
	row[1].i = batch;
	row[2].i = account;
	row[3].i = contact;
	row[4].t = t->name;
	row[5].i = id;
	row[6].t = action;
	row[7].t = before;
	row[8].t = after;
	row[9].t = a->source;
	row[10].i = a->at;
	for (size_t i = 0; i < 11; i++)
		if (!row[i].t)
			row[i].t = "";
	if ((rc = s->be->row_add(s, ct, row)))
		return rc;
	a->next_change++;
	return 0;
}

/* Record row id of t as it is now, after before ("" when it was added). */
static int record_now(struct candor_store *s, const struct candor_table *t, int64_t in_account,
		      int64_t id, const char *before, int deleted_before)
{
	struct row r = { 0 };
	char *after = NULL;
	int64_t account = 0, contact = 0;
	int rc, del = col_of(t, "deleted");
	const char *action = "edit";

	if ((rc = row_load_in(s, t, in_account, id, &r)))
		goto cleanup;
	if (!r.found) {
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "the %s row %" PRId64 " just written is gone",
				      t->name, id);
		goto cleanup;
	}
	if (!(after = row_json(&r))) {
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	if (before && !strcmp(before, after))
		goto cleanup;   /* no change */
	if (!before)
		action = "add";
	else if (del >= 0 && !deleted_before && r.cells[del].i)
		action = "delete";
	else if (del >= 0 && deleted_before && !r.cells[del].i)
		action = "add";
	if ((rc = row_scope(s, &r, &account, &contact)) ||
	    (rc = change_add(s, t, id, action, before ? before : "", after, account, contact)))
		goto cleanup;
	/* an add was touched by its store call; an edit, a delete or an undo
	 * moves the buyer's trust as much */
	if (contact && before)
		rc = s->be->evidence_touch(s, account, contact);
cleanup:
	free(after);
	row_release(&r);
	return rc;
}

int candor_audit_added(struct candor_store *s, const char *tbl, int64_t account_id, int64_t id)
{
	const struct candor_table *t = table_named(tbl);

	if (!s->audit)
		return 0;
	return t ? record_now(s, t, account_id, id, NULL, 0)
		 : candor_error_set(s->err, CANDOR_ERROR, NULL, "no table '%s'", tbl);
}

/* Snapshots: the ids and JSON of rows before an update. */
struct candor_audit_snap {
	const struct candor_table *t;
	int64_t *ids, *accounts;
	char **json;
	int *deleted;
	size_t n;
	bool oom;
};

static int snap_row(void *arg, const struct candor_cell *cells)
{
	struct candor_audit_snap *sn = arg;
	struct row r = { sn->t, (struct candor_cell *)cells, true };
	int64_t *ids = realloc(sn->ids, (sn->n + 1) * sizeof(*ids)), *accounts;
	char **json;
	int *del, dc = col_of(sn->t, "deleted"), ac = col_of(sn->t, "account_id");

	if (ids)
		sn->ids = ids;
	json = ids ? realloc(sn->json, (sn->n + 1) * sizeof(*json)) : NULL;
	if (json)
		sn->json = json;
	del = json ? realloc(sn->deleted, (sn->n + 1) * sizeof(*del)) : NULL;
	if (del)
		sn->deleted = del;
	accounts = del ? realloc(sn->accounts, (sn->n + 1) * sizeof(*accounts)) : NULL;
	if (accounts)
		sn->accounts = accounts;
	if (!accounts || !(sn->json[sn->n] = row_json(&r))) {
		sn->oom = true;
		return CANDOR_ERROR;
	}
	sn->accounts[sn->n] = ac >= 0 ? cells[ac].i : 0;
	sn->ids[sn->n] = cells[0].i;
	sn->deleted[sn->n++] = dc >= 0 ? (int)(cells[dc].i != 0) : 0;
	return 0;
}

static void snap_free(struct candor_audit_snap *sn)
{
	if (!sn)
		return;
	for (size_t i = 0; i < sn->n; i++)
		free(sn->json[i]);
	free(sn->json);
	free(sn->ids);
	free(sn->accounts);
	free(sn->deleted);
	free(sn);
}

int candor_audit_snap(struct candor_store *s, const char *tbl, const char *col, int64_t v,
		      const char *col2, int64_t v2, struct candor_audit_snap **out)
{
	struct candor_audit_snap *sn;
	int rc;

	*out = NULL;
	if (!s->audit)
		return 0;
	if (!(sn = calloc(1, sizeof(*sn))))
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	if (!(sn->t = table_named(tbl))) {
		free(sn);
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "no table '%s'", tbl);
	}
	rc = s->be->rows_where(s, sn->t, col, v, col2, v2, snap_row, sn);
	if (rc && sn->oom)
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	if (rc)
		snap_free(sn);
	else
		*out = sn;
	return rc;
}

int candor_audit_changed(struct candor_store *s, int rc, struct candor_audit_snap *sn)
{
	for (size_t i = 0; sn && !rc && i < sn->n; i++)
		rc = record_now(s, sn->t, sn->accounts[i], sn->ids[i], sn->json[i], sn->deleted[i]);
	snap_free(sn);
	return rc;
}

/* A table a user's records live in: it has deleted. */
static int record_table(struct candor_store *s, const char *tbl, const struct candor_table **out)
{
	*out = table_named(tbl);
	if (!*out || col_of(*out, "deleted") < 0)
		return candor_error_set(s->err, CANDOR_EINVALID, "kind", "'%s' is not a kind of record",
					tbl);
	return 0;
}

static int absent(struct candor_store *s, const struct candor_table *t, int64_t id)
{
	if (!strcmp(t->name, "accounts"))
		return candor_store_absent_account(s, id);
	if (!strcmp(t->name, "contacts"))
		return candor_store_absent_contact(s, id);
	return candor_error_set(s->err, CANDOR_ENOTFOUND, "id", "no %s #%" PRId64, t->name, id);
}

/* Load a record that stands (not deleted). */
static int standing(struct candor_store *s, const struct candor_table *t, int64_t id, struct row *r)
{
	int rc = row_load(s, t, id, r);

	if (!rc && (!r->found || r->cells[col_of(t, "deleted")].i))
		rc = absent(s, t, id);
	return rc;
}

int candor_store_record_get(struct candor_store *s, const char *tbl, int64_t id, char **json)
{
	const struct candor_table *t;
	struct row r = { 0 };
	int rc;

	*json = NULL;
	if ((rc = record_table(s, tbl, &t)) || (rc = row_load(s, t, id, &r)))
		goto cleanup;
	if (!r.found)
		rc = absent(s, t, id);
	else if (!(*json = row_json(&r)))
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
cleanup:
	row_release(&r);
	return rc;
}

static int utterances_follow(struct candor_store *s, const struct row *r);

/* Whether r, an interaction, is now in another account than before (JSON). */
static bool account_moved(const struct row *r, const char *before)
{
	json_t *o;
	bool moved;

	if (strcmp(r->t->name, "interactions") || !before || !(o = candor_json_read(before)))
		return false;
	moved = json_integer_value(json_object_get(o, "account_id")) !=
		r->cells[col_of(r->t, "account_id")].i;
	json_decref(o);
	return moved;
}

/* Put r (changed in place) back, recording the change from before. */
static int put_recorded(struct candor_store *s, struct row *r, const char *before, int deleted_before)
{
	int rc = s->be->row_put(s, r->t, r->cells);

	if (!rc && s->audit)
		rc = record_now(s, r->t, col_of(r->t, "account_id") >= 0
				? r->cells[col_of(r->t, "account_id")].i : 0, r->cells[0].i, before,
				deleted_before);
	return rc || !account_moved(r, before) ? rc : utterances_follow(s, r);
}

static int set_text(struct candor_store *s, struct candor_cell *c, const char *text)
{
	char *copy = dup_or_empty(text);

	if (!copy)
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	free((char *)c->t);
	c->t = copy;
	return 0;
}

/* Keys between records checked at commit from here on (a move writes a
 * contact's rows in turn): the backend's defer_keys, where it has one. */
static int defer_keys(struct candor_store *s)
{
	return s->be->defer_keys ? s->be->defer_keys(s) : 0;
}

int candor_store_record_set(struct candor_store *s, const char *tbl, int64_t id,
			    const struct candor_field *f, size_t n)
{
	const struct candor_table *t;
	struct row r = { 0 };
	char *before = NULL;
	int rc;

	/* a contact given another account is the first row of a move */
	if ((rc = record_table(s, tbl, &t)) || (rc = defer_keys(s)) ||
	    (rc = standing(s, t, id, &r)))
		goto cleanup;
	if (!(before = row_json(&r))) {
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		int k = col_of(t, f[i].col);

		if (k <= 0 || !strcmp(f[i].col, "deleted") || !strcmp(f[i].col, "evidence"))
			rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "no column '%s' in '%s'",
					      f[i].col, t->name);
		else if (t->cols[k].type == 'i')
			r.cells[k].i = f[i].i;
		else if (t->cols[k].type == 'd')
			r.cells[k].d = f[i].d;
		else
			rc = set_text(s, &r.cells[k], f[i].t);
	}
	if (!rc)
		rc = put_recorded(s, &r, before, 0);
cleanup:
	free(before);
	row_release(&r);
	return rc;
}

int candor_store_record_delete(struct candor_store *s, const char *tbl, int64_t id)
{
	const struct candor_table *t;
	struct row r = { 0 };
	char *before = NULL;
	int64_t batch = 0;
	int rc;

	if ((rc = record_table(s, tbl, &t)) || (rc = standing(s, t, id, &r)) ||
	    (rc = candor_audit_batch(s, &batch)))
		goto cleanup;
	if (!batch) {
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "a deletion needs a batch open");
		goto cleanup;
	}
	if (!(before = row_json(&r))) {
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	r.cells[col_of(t, "deleted")].i = batch;
	rc = put_recorded(s, &r, before, 0);
cleanup:
	free(before);
	row_release(&r);
	return rc;
}

int candor_store_record_restore(struct candor_store *s, const char *tbl, int64_t id,
				const char *json)
{
	const struct candor_table *t;
	struct row r = { 0 };
	char *before = NULL;
	json_t *o = NULL;
	int rc, del;

	/* an undo may put a moved contact's rows back one by one */
	if ((rc = record_table(s, tbl, &t)) || (rc = defer_keys(s)) ||
	    (rc = row_load(s, t, id, &r)))
		goto cleanup;
	if (!r.found) {
		rc = absent(s, t, id);
		goto cleanup;
	}
	del = col_of(t, "deleted");
	if (!(before = row_json(&r)) || !(o = candor_json_read(json)) || !json_is_object(o)) {
		rc = candor_error_set(s->err, CANDOR_EDB, NULL, "the audit trail's copy of %s #%" PRId64
				      " cannot be read", t->name, id);
		goto cleanup;
	}
	for (size_t i = 1; i < t->ncols && !rc; i++) {
		json_t *v = json_object_get(o, t->cols[i].name);

		if (!v)
			continue;
		if (t->cols[i].type == 'i' && json_is_integer(v))
			r.cells[i].i = json_integer_value(v);
		else if (t->cols[i].type == 'd' && json_is_number(v))
			r.cells[i].d = json_number_value(v);
		else if (t->cols[i].type == 't' && json_is_string(v))
			rc = set_text(s, &r.cells[i], json_string_value(v));
		else
			rc = candor_error_set(s->err, CANDOR_EDB, NULL, "the audit trail's copy of %s #%"
					      PRId64 " has a wrong '%s'", t->name, id, t->cols[i].name);
	}
	if (!rc) {
		int was = 0;
		struct row cur = { 0 };

		if (!(rc = row_load(s, t, id, &cur)) && cur.found)
			was = cur.cells[del].i != 0;
		row_release(&cur);
		rc = rc ? rc : put_recorded(s, &r, before, was);
	}
cleanup:
	json_decref(o);
	free(before);
	row_release(&r);
	return rc;
}

/* Ids of rows: standing ones (del, the deleted column; -1 for all), or
 * those whose column other is not other_v (other >= 0). */
struct idlist { int64_t *v; size_t n; int del; bool oom; int other; int64_t other_v; };

static int take_id(void *arg, const struct candor_cell *cells)
{
	struct idlist *l = arg;
	int64_t *v;

	if ((l->del >= 0 && cells[l->del].i) || (l->other >= 0 && cells[l->other].i == l->other_v))
		return 0;
	if (!(v = realloc(l->v, (l->n + 1) * sizeof(*v)))) {
		l->oom = true;
		return CANDOR_ERROR;
	}
	l->v = v;
	l->v[l->n++] = cells[0].i;
	return 0;
}

static int ids_where(struct candor_store *s, const char *tbl, const char *col, int64_t v,
		     bool deleted_too, int64_t **out, size_t *n)
{
	const struct candor_table *t;
	struct idlist l = { 0 };
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = record_table(s, tbl, &t)))
		return rc;
	if (col_of(t, col) < 0)
		return 0;
	l.del = deleted_too ? -1 : col_of(t, "deleted");
	l.other = -1;
	rc = s->be->rows_where(s, t, col, v, NULL, 0, take_id, &l);
	if (rc && l.oom)
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	if (rc) {
		free(l.v);
		return rc;
	}
	*out = l.v;
	*n = l.n;
	return 0;
}

/* The ids of the rows of t whose col is v and whose account is not account (deleted too). */
int candor_store_record_ids(struct candor_store *s, const char *tbl, const char *col, int64_t v,
			    int64_t **out, size_t *n)
{
	return ids_where(s, tbl, col, v, false, out, n);
}

int candor_store_record_ids_all(struct candor_store *s, const char *tbl, const char *col,
				int64_t v, int64_t **out, size_t *n)
{
	return ids_where(s, tbl, col, v, true, out, n);
}

static int ids_elsewhere(struct candor_store *s, const struct candor_table *t, const char *col,
			 int64_t v, int64_t account, struct idlist *l)
{
	int rc;

	*l = (struct idlist){ .del = -1, .other = col_of(t, "account_id"), .other_v = account };
	if (l->other < 0 || col_of(t, col) < 0)
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "'%s' has no account_id or %s",
					t->name, col);
	rc = s->be->rows_where(s, t, col, v, NULL, 0, take_id, l);
	if (rc && l->oom)
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	if (rc) {
		free(l->v);
		l->v = NULL;
	}
	return rc;
}

/*
 * An interaction's utterances are in its account (they are read by it):
 * when the interaction is written in another account (a contact moved, or
 * moved back by an undo) they follow.  Not recorded: they follow from it.
 */
static int utterances_follow(struct candor_store *s, const struct row *r)
{
	const struct candor_table *u = table_named("utterances");
	int64_t account;
	struct idlist l;
	int rc;

	if (strcmp(r->t->name, "interactions"))
		return 0;
	account = r->cells[col_of(r->t, "account_id")].i;
	if ((rc = ids_elsewhere(s, u, "interaction_id", r->cells[0].i, account, &l)))
		return rc;
	for (size_t i = 0; i < l.n && !rc; i++) {
		struct row ur = { 0 };

		if (!(rc = row_load(s, u, l.v[i], &ur)) && ur.found) {
			ur.cells[col_of(u, "account_id")].i = account;
			rc = s->be->row_put(s, u, ur.cells);
		}
		row_release(&ur);
	}
	free(l.v);
	return rc;
}

int candor_store_records_move(struct candor_store *s, const char *tbl, const char *col, int64_t v,
			      int64_t account_id, size_t *n)
{
	const struct candor_table *t;
	struct idlist l = { 0 };
	int rc;

	if ((rc = record_table(s, tbl, &t)) || (rc = defer_keys(s)) ||
	    (rc = ids_elsewhere(s, t, col, v, account_id, &l)))
		return rc;
	for (size_t i = 0; i < l.n && !rc; i++) {
		struct row r = { 0 };
		char *before = NULL;

		if (!(rc = row_load(s, t, l.v[i], &r)) && r.found) {
			int del = col_of(t, "deleted");

			if (!(before = row_json(&r)))
				rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
			r.cells[col_of(t, "account_id")].i = account_id;
			rc = rc ? rc : put_recorded(s, &r, before, r.cells[del].i != 0);
			*n += !rc;
		}
		free(before);
		row_release(&r);
	}
	free(l.v);
	return rc;
}

int candor_store_record_ids_text(struct candor_store *s, const char *tbl, const char *col,
				 const char *text, int64_t **out, size_t *n)
{
	const struct candor_table *t;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = record_table(s, tbl, &t)))
		return rc;
	if (col_of(t, col) < 0 || t->cols[col_of(t, col)].type != 't')
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "no text column '%s' in '%s'",
					col, tbl);
	return s->be->ids_text(s, t, col, text, out, n);
}

/* Reading the trail back. */
struct batchlist {
	struct candor_batch *v;
	size_t n;
	const char *by;
	bool oom;
};

static int take_batch(void *arg, const struct candor_cell *c)
{
	struct batchlist *l = arg;
	struct candor_batch *v, *b;

	if (l->by && strcasecmp(l->by, c[3].t))
		return 0;
	if (!(v = realloc(l->v, (l->n + 1) * sizeof(*v)))) {
		l->oom = true;
		return CANDOR_ERROR;
	}
	l->v = v;
	b = &l->v[l->n++];
	memset(b, 0, sizeof(*b));
	b->id = c[0].i;
	snprintf(b->kind, sizeof(b->kind), "%s", c[1].t);
	b->what = strdup(c[2].t);
	b->by = strdup(c[3].t);
	b->at = c[4].i;
	b->undone_at = c[5].i;
	b->undone_by = c[6].i;
	if (!b->what || !b->by) {
		l->oom = true;
		return CANDOR_ERROR;
	}
	return 0;
}

void candor_batch_release(struct candor_batch *b)
{
	free(b->what);
	free(b->by);
	b->what = b->by = NULL;
}

void candor_batches_free(struct candor_batch *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		candor_batch_release(&b[i]);
	free(b);
}

int candor_store_batch_get(struct candor_store *s, int64_t id, struct candor_batch *out)
{
	struct batchlist l = { 0 };
	int rc = s->be->rows_where(s, batches_table(), "id", id, NULL, 0, take_batch, &l);

	memset(out, 0, sizeof(*out));
	if (rc && l.oom)
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	if (!rc && l.n == 0)
		rc = candor_error_set(s->err, CANDOR_ENOTFOUND, "batch", "no batch %" PRId64
				      ": 'candor log --audit' lists them", id);
	if (!rc)
		*out = l.v[0];
	else
		candor_batches_free(l.v, l.n);
	if (!rc)
		free(l.v);
	return rc;
}

struct changelist {
	struct candor_change *v;
	size_t n;
	bool oom;
};

static int take_change(void *arg, const struct candor_cell *c)
{
	struct changelist *l = arg;
	struct candor_change *v, *x;

	if (!(v = realloc(l->v, (l->n + 1) * sizeof(*v)))) {
		l->oom = true;
		return CANDOR_ERROR;
	}
	l->v = v;
	x = &l->v[l->n++];
	memset(x, 0, sizeof(*x));
	x->id = c[0].i;
	x->batch_id = c[1].i;
	x->account_id = c[2].i;
	x->contact_id = c[3].i;
	snprintf(x->tbl, sizeof(x->tbl), "%s", c[4].t);
	x->record_id = c[5].i;
	snprintf(x->action, sizeof(x->action), "%s", c[6].t);
	x->before = strdup(c[7].t);
	x->after = strdup(c[8].t);
	x->source = strdup(c[9].t);
	x->at = c[10].i;
	if (!x->before || !x->after || !x->source) {
		l->oom = true;
		return CANDOR_ERROR;
	}
	return 0;
}

void candor_changes_free(struct candor_change *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].before);
		free(c[i].after);
		free(c[i].source);
	}
	free(c);
}

static int changes_where(struct candor_store *s, const char *col, int64_t v, const char *col2,
			 int64_t v2, struct changelist *l)
{
	int rc = s->be->rows_where(s, table_named("changes"), col, v, col2, v2, take_change, l);

	if (rc && l->oom)
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	return rc;
}

int candor_store_changes(struct candor_store *s, int64_t batch_id, struct candor_change **out,
			 size_t *n)
{
	struct changelist l = { 0 };
	int rc = changes_where(s, "batch_id", batch_id, NULL, 0, &l);

	if (rc) {
		candor_changes_free(l.v, l.n);
		l.v = NULL;
		l.n = 0;
	}
	*out = l.v;
	*n = l.n;
	return rc;
}

int candor_store_batches(struct candor_store *s, int64_t contact_id, int64_t account_id,
			 const char *by, size_t limit, struct candor_batch **out, size_t *n)
{
	struct batchlist l = { .by = by };
	struct changelist ch = { 0 };
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (contact_id || account_id) {
		/* the batches of the changes, newest first, each once */
		rc = changes_where(s, contact_id ? "contact_id" : "account_id",
				   contact_id ? contact_id : account_id, NULL, 0, &ch);
		for (size_t i = ch.n; !rc && i-- > 0 && (!limit || l.n < limit);) {
			bool seen = false;

			for (size_t k = 0; k < l.n && !seen; k++)
				seen = l.v[k].id == ch.v[i].batch_id;
			if (!seen)
				rc = s->be->rows_where(s, batches_table(), "id", ch.v[i].batch_id, NULL,
						       0, take_batch, &l);
		}
	} else {
		rc = s->be->rows(s, batches_table(), take_batch, &l);
		for (size_t i = 0; !rc && i < l.n / 2; i++) {
			struct candor_batch t = l.v[i];

			l.v[i] = l.v[l.n - 1 - i];
			l.v[l.n - 1 - i] = t;
		}
		while (!rc && limit && l.n > limit)
			candor_batch_release(&l.v[--l.n]);
	}
	if (rc && l.oom)
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	candor_changes_free(ch.v, ch.n);
	if (rc) {
		candor_batches_free(l.v, l.n);
		return rc;
	}
	*out = l.v;
	*n = l.n;
	return 0;
}

int candor_store_batch_undone(struct candor_store *s, int64_t id, int64_t at, int64_t by_batch)
{
	struct row r = { 0 };
	int rc = row_load(s, batches_table(), id, &r);

	if (!rc && !r.found)
		rc = candor_error_set(s->err, CANDOR_ENOTFOUND, "batch", "no batch %" PRId64, id);
	if (!rc) {
		r.cells[5].i = at;
		r.cells[6].i = by_batch;
		rc = s->be->row_put(s, batches_table(), r.cells);
	}
	row_release(&r);
	return rc;
}

int candor_store_batch_undid(struct candor_store *s, int64_t undo_id, int64_t *out)
{
	struct batchlist l = { 0 };
	int rc = s->be->rows_where(s, batches_table(), "undone_by_batch", undo_id, NULL, 0,
				   take_batch, &l);

	if (rc && l.oom)
		rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	*out = !rc && l.n ? l.v[0].id : 0;
	candor_batches_free(l.v, l.n);
	return rc;
}

/* An undo of a batch made after since: the two cancel out, for since's sake. */
static int cancels(struct candor_store *s, const struct candor_batch *b, int64_t since, bool *skip)
{
	int64_t target = 0;
	int rc = 0;

	*skip = false;
	if (strcmp(b->kind, "undo"))
		return 0;
	if (!(rc = candor_store_batch_undid(s, b->id, &target)))
		*skip = target > since;
	return rc;
}

int candor_store_change_later(struct candor_store *s, const struct candor_change *c,
			      int64_t *out)
{
	struct changelist l = { 0 };
	int rc = changes_where(s, "record_id", c->record_id, NULL, 0, &l);
	bool skip = false;

	*out = 0;
	for (size_t i = 0; !rc && i < l.n && !*out; i++) {
		struct candor_batch b;

		if (l.v[i].batch_id <= c->batch_id || strcmp(l.v[i].tbl, c->tbl))
			continue;
		if ((rc = candor_store_batch_get(s, l.v[i].batch_id, &b)))
			break;
		if (!b.undone_at && !(rc = cancels(s, &b, c->batch_id, &skip)) && !skip)
			*out = b.id;
		candor_batch_release(&b);
	}
	candor_changes_free(l.v, l.n);
	return rc;
}
