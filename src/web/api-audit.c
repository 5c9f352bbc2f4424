/*
 * web/api-audit.c: the audit trail over the API (app/audit.h): a buyer's
 * changes, newest first, and undoing a batch.
 *
 *   GET  /api/v1/contacts/{id}/changes[?limit=N]   {"batches": [...]}
 *   POST /api/v1/batches/{id}/undo  {"confirm": true}   {"undone", "undo_batch", ...}
 *
 * Access: a buyer the user may not see is a 404 as if missing; a batch
 * with a record the user may not change is a 404 as a missing batch.
 */
#include "util/common.h"
#include <jansson.h>
#include "web/web.h"
#include "app/access.h"
#include "app/audit.h"
#include "app/json.h"

int web_api_contact_changes(struct web_request *req)
{
	struct candor_app_actor who = { req->user.name, req->user.role };
	struct candor_contact c = { 0 };
	struct candor_batch *b = NULL;
	struct candor_app app;
	const char *q = web_query(req, "limit");
	json_t *arr = json_array();
	size_t n = 0, limit = 20;
	bool bad = false;
	int rc;

	if (q && (!*q || q[strspn(q, "0123456789")] || strlen(q) > 6)) {
		rc = web_error(req, 422, "limit", "'limit' must be a number (0: all)");
		goto cleanup;
	}
	if (q)
		limit = (size_t)strtoul(q, NULL, 10);
	if ((rc = web_see_contact(req, req->ids[0], false, &c)))
		goto cleanup;
	web_app(req, &app);
	app.who = req->user.local ? NULL : &who;
	if ((rc = candor_app_audit_log(&app, c.id, 0, limit, &b, &n))) {
		rc = web_fail(req, rc);
		goto cleanup;
	}
	for (size_t i = 0; i < n && !bad; i++) {
		struct candor_change *ch = NULL;
		size_t nch = 0;

		if ((rc = candor_store_changes(req->store, b[i].id, &ch, &nch))) {
			rc = web_fail(req, rc);
			goto cleanup;
		}
		candor_json_push(arr, candor_app_batch_json(&b[i], ch, nch), &bad);
		candor_changes_free(ch, nch);
	}
	rc = bad ? web_error(req, 500, NULL, "cannot write the answer as JSON")
		 : web_json(req, 200, json_pack("{s:O}", "batches", arr));
cleanup:
	json_decref(arr);
	candor_batches_free(b, n);
	candor_contact_release(&c);
	return rc;
}

int web_api_batch_undo(struct web_request *req)
{
	struct candor_app_actor who = { req->user.name, req->user.role };
	struct candor_app_undone u;
	struct candor_app app;
	int rc;

	if (!req->json || !json_is_true(json_object_get(req->json, "confirm")))
		return web_error(req, 422, "confirm", "send {\"confirm\": true} to undo batch %" PRId64,
				 req->ids[0]);
	web_app(req, &app);
	app.who = req->user.local ? NULL : &who;
	if ((rc = candor_app_undo(&app, req->ids[0], req->user.name, NULL, &u)))
		return web_fail(req, rc);
	return web_json(req, 200, json_pack("{s:I,s:I,s:I,s:s,s:s}", "undone", (json_int_t)u.batch,
					    "undo_batch", (json_int_t)u.undo, "changes",
					    (json_int_t)u.changes, "kind", u.kind, "what", u.what));
}

/*
 * Correcting a record over the API, as the web's edit and delete pages do
 * (app/audit.h): PATCH with the fields to change ({"due": "2026-12-04"},
 * named as the add calls name them), DELETE with ?confirm=true.  Both are
 * one batch of the audit trail ("batch" in the answer; 0 for an edit that
 * changed nothing), undone by POST /api/v1/batches/{id}/undo.
 */
static void record_app(struct web_request *req, struct candor_app *app,
		       struct candor_app_actor *who)
{
	*who = (struct candor_app_actor){ req->user.name, req->user.role };
	web_app(req, app);
	app->who = req->user.local ? NULL : who;
}

/* A JSON value as an edit takes it: text as is, a number or yes/no as text. */
static const char *edit_value(json_t *v, char *buf, size_t n)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		snprintf(buf, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_boolean(v))
		snprintf(buf, n, "%s", json_is_true(v) ? "yes" : "no");
	else
		return NULL;
	return buf;
}

static int api_edit(struct web_request *req, const char *kind)
{
	struct candor_app_edit e[CANDOR_APP_FIELDS_MAX];
	char bufs[CANDOR_APP_FIELDS_MAX][32];
	struct candor_app_actor who;
	struct candor_app app;
	const char *key;
	json_t *v;
	size_t n = 0;
	bool changed = false;
	int64_t batch = 0;
	int rc;

	record_app(req, &app, &who);
	json_object_foreach(req->json, key, v) {
		if (n == CANDOR_APP_FIELDS_MAX)
			return web_error(req, 422, key, "too many fields: at most %d",
					 CANDOR_APP_FIELDS_MAX);
		if (!(e[n].value = edit_value(v, bufs[n], sizeof(bufs[n]))))
			return web_error(req, 422, key, "'%s' must be text, a number or true/false", key);
		e[n++].field = key;
	}
	if ((rc = candor_app_record_edit(&app, kind, req->ids[0], e, n, &changed)) ||
	    (changed && (rc = candor_audit_batch(req->store, &batch))))
		return web_fail(req, rc);
	return web_json(req, 200, json_pack("{s:s,s:I,s:b,s:I}", "kind", kind, "id",
					    (json_int_t)req->ids[0], "changed", changed, "batch",
					    (json_int_t)batch));
}

static int api_delete(struct web_request *req, const char *kind)
{
	const char *confirm = web_query(req, "confirm");
	struct candor_app_deletion d;
	struct candor_app_actor who;
	struct candor_app app;
	json_t *with = json_object();
	int64_t batch = 0;
	int rc;

	if (!with)
		return web_error(req, 500, NULL, "out of memory");
	if (!confirm || strcmp(confirm, "true")) {
		json_decref(with);
		return web_error(req, 422, "confirm", "add ?confirm=true to delete %s #%" PRId64
				 " (undo brings it back)", kind, req->ids[0]);
	}
	record_app(req, &app, &who);
	if ((rc = candor_app_record_delete(&app, kind, req->ids[0], &d)) ||
	    (rc = candor_audit_batch(req->store, &batch))) {
		json_decref(with);
		return web_fail(req, rc);
	}
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(d.n); i++)
		if (d.n[i])
			json_object_set_new(with, candor_app_deletion_kinds[i], json_integer((json_int_t)d.n[i]));
	return web_json(req, 200, json_pack("{s:s,s:I,s:s,s:o,s:I}", "kind", kind, "id",
					    (json_int_t)req->ids[0], "deleted", d.what, "with", with,
					    "batch", (json_int_t)batch));
}

int web_api_contact_edit(struct web_request *req) { return api_edit(req, "contact"); }
int web_api_contact_delete(struct web_request *req) { return api_delete(req, "contact"); }
int web_api_commitment_edit(struct web_request *req) { return api_edit(req, "promise"); }
int web_api_commitment_delete(struct web_request *req) { return api_delete(req, "promise"); }
int web_api_expectation_edit(struct web_request *req) { return api_edit(req, "expectation"); }
int web_api_expectation_delete(struct web_request *req) { return api_delete(req, "expectation"); }
