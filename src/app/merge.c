/*
 * app/merge.c: merging two contacts (merge.h), through the store's
 * record-level writes so that every move is a change of the batch.
 */
#include "util/common.h"
#include <jansson.h>
#include "store/audit.h"
#include "app/access.h"
#include "app/audit.h"
#include "app/merge.h"
#include "util/json-text.h"

/* The tables whose records hang on a contact. */
static const char *const evidence_tables[] = {
	"interactions", "signals", "corrections", "commitments", "expectations", "facts",
	"value_exchanged", "fits", "decisions", "proposals",
};

/* The value of field to keep: *out borrowed from from or into. */
static int choose(struct candor_app *app, const char *field, const char *f, const char *i,
		  int keep, const char **out)
{
	if (!*f || !strcmp(f, i) || keep == CANDOR_MERGE_INTO) {
		*out = *i ? i : f;
		return 0;
	}
	if (!*i || keep == CANDOR_MERGE_FROM) {
		*out = f;
		return 0;
	}
	return candor_error_set(app->err, CANDOR_ECONFLICT, "keep", "the two differ in %s: "
				"'%s' and '%s': say which stays (--keep %s=from or --keep "
				"%s=into)", field, f, i, field, field);
}

static int check_access(struct candor_app *app, const struct candor_contact *c)
{
	struct candor_account a = { 0 };
	char ref[32];
	int rc;

	if (!app->who)
		return 0;
	snprintf(ref, sizeof(ref), "%" PRId64, c->account_id);
	if ((rc = candor_store_account_find(app->store, ref, &a)))
		return rc;
	if (!candor_app_may_change(app->who, a.owner))
		rc = candor_error_set(app->err, CANDOR_ENOTFOUND, "contact", "no contact #%" PRId64,
				      c->id);
	candor_account_release(&a);
	return rc;
}

/* into's extra fields with from's added where into has none; *out malloc'd. */
static int merged_extra(struct candor_app *app, const struct candor_contact *from,
			const struct candor_contact *into, char **out)
{
	char *fj = NULL, *ij = NULL;
	json_t *f = NULL, *i = NULL, *fe, *ie;
	int rc;

	*out = NULL;
	if ((rc = candor_store_record_get(app->store, "contacts", from->id, &fj)) ||
	    (rc = candor_store_record_get(app->store, "contacts", into->id, &ij)))
		goto cleanup;
	f = candor_json_read(fj), i = candor_json_read(ij);
	fe = candor_json_read(json_string_value(json_object_get(f, "extra")) ?
			json_string_value(json_object_get(f, "extra")) : "{}");
	ie = candor_json_read(json_string_value(json_object_get(i, "extra")) ?
			json_string_value(json_object_get(i, "extra")) : "{}");
	if (!json_is_object(fe) || !json_is_object(ie) || json_object_update_missing(ie, fe) ||
	    !(*out = candor_json_text(ie, JSON_COMPACT | JSON_SORT_KEYS)))
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	json_decref(fe);
	json_decref(ie);
cleanup:
	json_decref(f);
	json_decref(i);
	free(fj);
	free(ij);
	return rc;
}

/* Move every record of from to into: *moved counts them. */
static int move_evidence(struct candor_app *app, int64_t from, int64_t into, size_t *moved)
{
	const struct candor_field to = { .col = "contact_id", .i = into };
	int rc = 0;

	for (size_t t = 0; t < CANDOR_ARRAY_SIZE(evidence_tables) && !rc; t++) {
		int64_t *ids = NULL;
		size_t n = 0;

		rc = candor_store_record_ids(app->store, evidence_tables[t], "contact_id", from,
					     &ids, &n);
		for (size_t k = 0; k < n && !rc; k++)
			rc = candor_store_record_set(app->store, evidence_tables[t], ids[k], &to, 1);
		*moved += rc ? 0 : n;
		free(ids);
	}
	return rc;
}

int candor_app_contact_merge(struct candor_app *app, const struct candor_contact *from,
			     const struct candor_contact *into, const struct candor_app_merge *m,
			     struct candor_app_merged *out)
{
	const char *name = NULL, *role = NULL, *email = NULL;
	char what[600], *extra = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if (from->id == into->id)
		return candor_error_set(app->err, CANDOR_EINVALID, "contact", "'%s' (#%" PRId64
					") is the same contact twice", from->name, from->id);
	if (from->account_id != into->account_id)
		return candor_error_set(app->err, CANDOR_ECONFLICT, "contact", "#%" PRId64 " and #%"
					PRId64 " are at different accounts: move one first "
					"('candor edit contact %" PRId64 " --account ...')", from->id,
					into->id, from->id);
	if ((rc = check_access(app, from)) || (rc = check_access(app, into)) ||
	    (rc = choose(app, "name", from->name, into->name, m->name, &name)) ||
	    (rc = choose(app, "role", from->role, into->role, m->role, &role)) ||
	    (rc = choose(app, "email", from->email, into->email, m->email, &email)) ||
	    (rc = merged_extra(app, from, into, &extra)))
		goto cleanup;
	snprintf(what, sizeof(what), "merge contact #%" PRId64 " '%s' into #%" PRId64 " '%s'",
		 from->id, from->name, into->id, into->name);
	if ((rc = candor_app_batch_open(app, "merge", m->by, what)) ||
	    (rc = move_evidence(app, from->id, into->id, &out->moved)))
		goto cleanup;
	{
		/* from goes first, so into may take its name */
		const struct candor_field f[] = {
			{ .col = "name", .t = name }, { .col = "role", .t = role },
			{ .col = "email", .t = email }, { .col = "extra", .t = extra },
		};

		if ((rc = candor_store_record_delete(app->store, "contacts", from->id)) ||
		    (rc = candor_store_record_set(app->store, "contacts", into->id, f,
						  CANDOR_ARRAY_SIZE(f))) ||
		    (rc = candor_audit_batch(app->store, &out->batch)))
			goto cleanup;
	}
cleanup:
	free(extra);
	return rc;
}

/*
 * The id of the contact deleted by change c, and in *into the one the
 * batch's what ("merge contact #A 'NAME' into #B 'NAME'", as
 * candor_app_contact_merge writes it) names after its name; 0 when what
 * is not that.
 */
static int64_t into_of(const struct candor_change *c, const char *what, int64_t *into)
{
	json_t *before = candor_json_read(c->before);
	const char *name = json_string_value(json_object_get(before, "name"));
	char prefix[600];
	const char *rest;
	char *end = NULL;
	long long id;

	*into = 0;
	snprintf(prefix, sizeof(prefix), "merge contact #%" PRId64 " '%s' into #", c->record_id,
		 name ? name : "");
	json_decref(before);
	if (!name || strncmp(what, prefix, strlen(prefix)))
		return 0;
	rest = what + strlen(prefix);
	id = strtoll(rest, &end, 10);
	if (end == rest || id <= 0 || strncmp(end, " '", 2))
		return 0;
	*into = id;
	return c->record_id;
}

int candor_app_merge_read(struct candor_app *app, int64_t batch,
			  struct candor_app_merge_record *out)
{
	struct candor_batch b = { 0 };
	struct candor_change *c = NULL;
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = candor_store_batch_get(app->store, batch, &b)))
		return rc;
	if (strcmp(b.kind, "merge")) {
		rc = candor_error_set(app->err, CANDOR_ENOTFOUND, "batch", "batch %" PRId64
				      " is not a merge", batch);
		goto cleanup;
	}
	if ((rc = candor_store_changes(app->store, batch, &c, &n)))
		goto cleanup;
	/* from is the contact the merge deleted; into is named after it in the
	 * batch's what (it has no change when it already held everything) */
	for (size_t i = 0; i < n; i++)
		if (!strcmp(c[i].tbl, "contacts") && !strcmp(c[i].action, "delete"))
			out->from = into_of(&c[i], b.what, &out->into);
	out->batch = b.id;
	out->undone = b.undone_at != 0;
	if (!out->from || !out->into)
		rc = candor_error_set(app->err, CANDOR_ENOTFOUND, "batch", "batch %" PRId64
				      " is not a merge", batch);
cleanup:
	candor_changes_free(c, n);
	candor_batch_release(&b);
	return rc;
}
