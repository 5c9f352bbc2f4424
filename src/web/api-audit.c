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
