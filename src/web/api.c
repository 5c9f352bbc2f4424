/*
 * web/api.c: the JSON API under /api/v1 (documented in openapi.json).  It
 * answers with the same JSON as the CLI's --json (app/json.h), and shares
 * its handlers' work with the forms (actions.c).  Errors are
 * {"error": message, "field": name or null}.
 */
#include "util/common.h"
#include "web/web.h"
#include "app/interaction.h"
#include "app/access.h"
#include "app/json.h"
#include "app/teach.h"
#include "util/utf8.h"
#include "util/json-text.h"

/* j as the answer; NULL (a writer that could not build all of it,
 * app/json.h) is a 500 with a JSON error, never a partial answer. */
static int answer(struct web_request *req, int status, json_t *j)
{
	if (!j)
		return web_error(req, 500, NULL, "cannot write the answer as JSON (out of "
				 "memory, or text that is not UTF-8)");
	return web_json(req, status, j);
}

/* The OpenAPI document, parsed once: the field types of every request
 * body.  A parse that failed (out of memory) is tried again next time. */
static json_t *openapi_doc;
static pthread_mutex_t openapi_lock = PTHREAD_MUTEX_INITIALIZER;

static json_t *openapi(void)
{
	json_t *doc;

	pthread_mutex_lock(&openapi_lock);
	if (!openapi_doc)
		openapi_doc = candor_json_read(web_openapi_json);
	doc = openapi_doc;
	pthread_mutex_unlock(&openapi_lock);
	return doc;
}

/* The properties of the schema of this route's JSON body, or NULL. */
static json_t *body_schema(const struct web_request *req, json_t *doc)
{
	json_t *ref, *schemas;
	const char *name;

	ref = json_object_get(json_object_get(json_object_get(json_object_get(json_object_get(
		json_object_get(json_object_get(json_object_get(doc, "paths"),
		req->route->pattern), "post"), "requestBody"), "content"), "application/json"),
		"schema"), "$ref");
	name = json_string_value(ref);
	if (!name || strncmp(name, "#/components/schemas/", 21))
		return NULL;
	schemas = json_object_get(json_object_get(doc, "components"), "schemas");
	return json_object_get(json_object_get(schemas, name + 21), "properties");
}

/*
 * Every field of the JSON body has the type the OpenAPI document gives it
 * (null is as if absent), and every string is text (util/utf8.h): else a
 * 422 naming the field, so {"name": true} is refused, not stored as "true".
 * Fields the document does not name are ignored, as before.
 */
static int body_typed(struct web_request *req)
{
	json_t *doc = req->json ? openapi() : NULL, *props, *v;
	const char *key;

	if (req->json && !doc)   /* never a body let through unchecked */
		return web_error(req, 500, NULL, "out of memory: try again");
	props = req->json ? body_schema(req, doc) : NULL;

	json_object_foreach(req->json, key, v) {
		const char *type = json_string_value(json_object_get(json_object_get(props, key),
								     "type"));

		if (!type || json_is_null(v))
			continue;
		if (!strcmp(type, "string") && !json_is_string(v))
			return web_error(req, 422, key, "'%s' must be a string", key);
		if (!strcmp(type, "integer") && !json_is_integer(v))
			return web_error(req, 422, key, "'%s' must be a whole number", key);
		if (!strcmp(type, "boolean") && !json_is_boolean(v))
			return web_error(req, 422, key, "'%s' must be true or false", key);
		if (json_is_string(v) && !candor_utf8_text_ok(json_string_value(v),
							      json_string_length(v)))
			return web_error(req, 422, key, "'%s' is not text: write it in UTF-8", key);
	}
	return 0;
}

static int created(struct web_request *req, int64_t id)
{
	return answer(req, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

int web_api_openapi(struct web_request *req)
{
	candor_buf_adds(&req->out, web_openapi_json);
	req->ctype = "application/json";
	return req->status = 200;
}

/* The accounts this user may see, by name, paged with ?limit= and ?after=. */
int web_api_accounts(struct web_request *req)
{
	struct candor_app_actor who = { req->user.name, req->user.role };
	struct candor_list_query q = { .owner = candor_app_visible_owner(&who),
				       .search = web_query(req, "q"), .after = web_query(req, "after") };
	struct candor_account_list l = { 0 };
	char next[CANDOR_CURSOR_MAX];
	json_t *arr, *j;
	int rc;
	bool bad = false;

	if (web_query_limit(req, &q.limit))
		return req->status;
	if ((rc = candor_store_account_page(req->store, &q, &l, next))) {
		candor_account_list_release(&l);
		return web_fail(req, rc);
	}
	arr = json_array();
	for (size_t i = 0; i < l.n; i++)
		candor_json_push(arr, candor_json_account(&l.v[i]), &bad);
	candor_account_list_release(&l);
	j = json_pack("{s:o}", "accounts", arr);
	candor_json_put(j, "next", next[0] ? json_string(next) : json_null(), &bad);
	return answer(req, 200, candor_json_checked(j, bad));
}

int web_api_account_add(struct web_request *req)
{
	int64_t id;
	int rc = body_typed(req);

	if (!rc)
		rc = web_act_account(req, &id);

	return rc ? rc : created(req, id);
}

/* An id from the query string (?name=12); 0 when absent; -1 when bad (error written). */
static int64_t query_id(struct web_request *req, const char *name)
{
	const char *v = web_query(req, name);
	char *end;
	int64_t id;

	if (!v || !*v)
		return 0;
	errno = 0;
	id = strtoll(v, &end, 10);
	if (errno || *end || id <= 0) {
		web_error(req, 400, name, "'%s' must be a record id", name);
		return -1;
	}
	return id;
}

/* The contacts this user may see with their stage, in pipeline order, paged. */
int web_api_contacts(struct web_request *req)
{
	struct candor_app_pipeline_page b;
	json_t *arr, *j;
	int rc;
	bool bad = false;

	if (query_id(req, "account") < 0)
		return req->status;
	if ((rc = web_buyers_page(req, 0, false, &b))) {
		candor_app_pipeline_page_release(&b);
		return rc;
	}
	arr = json_array();
	for (size_t i = 0; i < b.n; i++) {
		json_t *e = candor_json_contact(b.v[i].c);

		candor_json_put(e, "stage", json_string(candor_name_of(candor_stages, b.v[i].a.stage)), &bad);
		candor_json_push(arr, e, &bad);
	}
	j = json_pack("{s:o}", "contacts", arr);
	candor_json_put(j, "next", b.next[0] ? json_string(b.next) : json_null(), &bad);
	candor_app_pipeline_page_release(&b);
	return answer(req, 200, candor_json_checked(j, bad));
}

int web_api_contact_add(struct web_request *req)
{
	int64_t id;
	int rc = body_typed(req);

	if (!rc)
		rc = web_act_contact(req, &id);

	return rc ? rc : created(req, id);
}

/* The contact of ids[0] with its evidence; everything released by the caller. */
static int contact_load(struct web_request *req, struct candor_contact *c,
			struct candor_evidence_set *set, struct candor_evidence *ev)
{
	struct candor_scope sc;
	int rc;

	if ((rc = web_see_contact(req, req->ids[0], false, c)))
		return rc;
	sc.account_id = c->account_id;
	sc.contact_id = c->id;
	if ((rc = candor_store_evidence(req->store, &sc, set)))
		return web_fail(req, rc);
	candor_evidence_view(ev, set, c->id);
	return 0;
}

int web_api_contact(struct web_request *req)
{
	struct candor_contact c = { 0 };
	struct candor_evidence_set set = { 0 };
	struct candor_evidence ev;
	int rc = contact_load(req, &c, &set, &ev);
	bool bad = false;

	if (!rc) {
		json_t *j = candor_json_contact(&c);

		candor_json_put(j, "ledger", candor_json_ledger(&ev, req->now), &bad);
		rc = answer(req, 200, candor_json_checked(j, bad));
	}
	candor_evidence_set_release(&set);
	candor_contact_release(&c);
	return rc;
}

/* text (JSON, built in req->out by the caller) as the answer: a part that
 * could not be written (failed) is a 500 with a JSON error instead */
static int answer_text(struct web_request *req, int status, bool failed)
{
	if (failed || candor_buf_error(&req->out))
		return answer(req, 500, NULL);
	req->ctype = "application/json";
	return req->status = status;
}

/*
 * A buyer's status: as of now, the kept whole answer where it is current
 * (as the board and the pipeline API show it: as of its own "at", the same
 * day), else made from the evidence; with ?at=, made as of then.
 */
int web_api_status(struct web_request *req)
{
	struct candor_app app;
	struct candor_contact c = { 0 };
	int64_t at = req->now;
	const char *q = web_query(req, "at");
	char *doc = NULL;
	int rc;

	if (q && candor_date_parse(&at, q, "at", &req->err))
		return web_error(req, 400, "at", "%s", req->err.msg);
	if ((rc = web_see_contact(req, req->ids[0], false, &c)))
		return rc;
	web_app(req, &app);
	if ((rc = candor_app_contact_whole(&app, &c, at, q != NULL, &doc))) {
		rc = web_fail(req, rc);
	} else {
		candor_buf_reset(&req->out);
		rc = answer_text(req, 200, candor_json_buyer_text(&req->out, doc, &c, NULL, "") ||
				 candor_buf_addch(&req->out, '\n'));
	}
	free(doc);
	candor_contact_release(&c);
	return rc;
}

/* Whether a record of contact_id is listed: a buyer the user may see, and
 * the one asked for (?contact=), if any. */
static bool listed(const struct candor_app_pipeline *b, int64_t contact_id, int64_t wanted)
{
	if (wanted && contact_id != wanted)
		return false;
	for (size_t k = 0; k < b->n; k++)
		if (b->v[k].c->id == contact_id)
			return true;
	return false;
}

int web_api_interactions(struct web_request *req)
{
	struct candor_app_pipeline b;
	int64_t contact = query_id(req, "contact");
	json_t *arr;
	int rc;
	bool bad = false;

	if (contact < 0)
		return req->status;
	if ((rc = web_buyers_load(req, &b))) {
		candor_app_pipeline_release(&b);
		return rc;
	}
	arr = json_array();
	for (size_t i = 0; i < b.set.ninteractions; i++) {
		const struct candor_interaction *it = &b.set.interactions[i];

		if (listed(&b, it->contact_id, contact))
			candor_json_push(arr, candor_json_interaction(it), &bad);
	}
	candor_app_pipeline_release(&b);
	return answer(req, 200, json_pack("{s:o}", "interactions", candor_json_checked(arr, bad)));
}

static int body_contact(struct web_request *req, int64_t *id)
{
	const char *v = web_arg(req, "contact");
	char *end;
	int rc;

	if ((rc = body_typed(req)))
		return rc;
	errno = 0;
	*id = v ? strtoll(v, &end, 10) : 0;
	if (!v || !*v || errno || *end || *id <= 0)
		return web_error(req, 422, "contact", "'contact' must be a contact id");
	return 0;
}

int web_api_interaction_add(struct web_request *req)
{
	int64_t contact, id;
	int rc;

	if ((rc = body_contact(req, &contact)) || (rc = web_act_log(req, contact, &id)))
		return rc;
	return created(req, id);
}

int web_api_interaction(struct web_request *req)
{
	struct candor_app app;
	struct candor_app_interaction x;
	struct candor_scope sc;
	json_t *j, *utts;
	int rc;
	bool bad = false;

	if ((rc = web_see_record(req, CANDOR_RECORD_INTERACTION, req->ids[0], false, &sc)))
		return rc;
	web_app(req, &app);
	if ((rc = candor_app_interaction_load(&app, req->ids[0], &x))) {
		rc = web_fail(req, rc);
		goto cleanup;
	}
	j = candor_json_interaction(x.it);
	utts = json_array();
	for (size_t i = 0; i < x.nutts; i++)
		candor_json_push(utts, json_pack("{s:I,s:s,s:s,s:s}", "index",
			(json_int_t)x.utts[i].index, "speaker", x.utts[i].speaker,
			"side", candor_side_name(x.utts[i].side), "text", x.utts[i].text), &bad);
	candor_json_put(j, "utterances", utts, &bad);
	rc = answer(req, 200, candor_json_checked(j, bad));
cleanup:
	candor_app_interaction_release(&x);
	return rc;
}

int web_api_commitments(struct web_request *req)
{
	struct candor_app_pipeline b;
	int64_t contact = query_id(req, "contact");
	json_t *arr;
	int rc;
	bool bad = false;

	if (contact < 0)
		return req->status;
	if ((rc = web_buyers_load(req, &b))) {
		candor_app_pipeline_release(&b);
		return rc;
	}
	arr = json_array();
	for (size_t i = 0; i < b.set.ncommitments; i++) {
		const struct candor_commitment *c = &b.set.commitments[i];

		if (listed(&b, c->contact_id, contact))
			candor_json_push(arr, candor_json_commitment(c, req->now), &bad);
	}
	candor_app_pipeline_release(&b);
	return answer(req, 200, json_pack("{s:o}", "commitments", candor_json_checked(arr, bad)));
}

int web_api_commitment_add(struct web_request *req)
{
	int64_t contact, id;
	int rc;

	if ((rc = body_contact(req, &contact)) || (rc = web_act_promise(req, contact, &id)))
		return rc;
	return created(req, id);
}

/* The answer to a change of fate: the id and what was recorded ("kept_late"...). */
static int fate_json(struct web_request *req, const struct candor_name *t,
		     struct candor_app_fate *f)
{
	int rc = answer(req, 200, json_pack("{s:I,s:s,s:o}", "id", (json_int_t)f->id, "status",
					      candor_name_of(t, f->status), "due",
					      candor_json_date(f->due)));

	candor_app_fate_release(f);
	return rc;
}

static int resolve(struct web_request *req, int status)
{
	struct candor_app_fate f = { 0 };
	int rc = body_typed(req);

	if (!rc)
		rc = web_act_resolve(req, req->ids[0], status, &f);

	return rc ? rc : fate_json(req, candor_commitment_statuses, &f);
}

int web_api_kept(struct web_request *req)
{
	return resolve(req, CANDOR_COMMITMENT_KEPT);
}

int web_api_broken(struct web_request *req)
{
	return resolve(req, CANDOR_COMMITMENT_BROKEN);
}

int web_api_renegotiate(struct web_request *req)
{
	return resolve(req, CANDOR_COMMITMENT_RENEGOTIATED);
}

int web_api_expectation_add(struct web_request *req)
{
	int64_t contact, id;
	int rc;

	if ((rc = body_contact(req, &contact)) || (rc = web_act_expect(req, contact, &id)))
		return rc;
	return created(req, id);
}

static int expectation(struct web_request *req, int status)
{
	struct candor_app_fate f = { 0 };
	int rc = body_typed(req);

	if (!rc)
		rc = web_act_expectation(req, req->ids[0], status, &f);

	return rc ? rc : fate_json(req, candor_expectation_statuses, &f);
}

int web_api_met(struct web_request *req)
{
	return expectation(req, CANDOR_EXPECTATION_MET);
}

int web_api_missed(struct web_request *req)
{
	return expectation(req, CANDOR_EXPECTATION_MISSED);
}

int web_api_fact_add(struct web_request *req)
{
	int64_t contact, id;
	int rc;

	if ((rc = body_contact(req, &contact)) || (rc = web_act_fact(req, contact, &id)))
		return rc;
	return created(req, id);
}

static int judged_add(struct web_request *req, enum web_judged what)
{
	int64_t contact, id;
	int rc;

	if ((rc = body_contact(req, &contact)) || (rc = web_act_judged(req, contact, what, &id)))
		return rc;
	return created(req, id);
}

int web_api_value_add(struct web_request *req)
{
	return judged_add(req, WEB_VALUE);
}

int web_api_fit_add(struct web_request *req)
{
	return judged_add(req, WEB_FIT);
}

int web_api_decision_add(struct web_request *req)
{
	return judged_add(req, WEB_DECISION);
}

static int proposal(struct web_request *req, bool accept)
{
	int64_t interaction;
	int rc = body_typed(req);

	if (!rc)
		rc = web_act_proposal(req, req->ids[0], accept, &interaction);

	return rc ? rc : answer(req, 200, json_pack("{s:I,s:s,s:I}", "id", (json_int_t)req->ids[0],
						       "status", accept ? "accepted" : "dismissed",
						       "interaction_id", (json_int_t)interaction));
}

int web_api_accept(struct web_request *req)
{
	return proposal(req, true);
}

int web_api_dismiss(struct web_request *req)
{
	return proposal(req, false);
}

/* The pipeline, paged with ?limit= and ?after= (all of it without limit). */
int web_api_pipeline(struct web_request *req)
{
	struct candor_app_pipeline_page b;
	int rc;
	bool bad = false;

	if (query_id(req, "account") < 0)
		return req->status;
	if ((rc = web_buyers_page(req, 0, true, &b))) {
		candor_app_pipeline_page_release(&b);
		return rc;
	}
	/* each buyer's whole answer as text, kept (the store checked it
	 * against its checksum) or made now, as `pipeline --json` prints it */
	candor_buf_reset(&req->out);
	bad = candor_json_buyers_begin(&req->out, req->now) != 0;
	for (size_t i = 0; i < b.n && !bad; i++)
		bad = !b.v[i].whole || candor_json_buyers_add(&req->out, i, b.v[i].whole, b.v[i].c,
							      b.v[i].reason);
	bad = bad || candor_json_buyers_end(&req->out, b.n, true, b.next);
	candor_app_pipeline_page_release(&b);
	return answer_text(req, 200, bad);
}

/* Corrections of the analyser (app/teach.h) ------------------------------ */

/* POST /api/v1/signals/{id}/wrong: the signal should not be there. */
int web_api_signal_wrong(struct web_request *req)
{
	struct candor_app app;
	struct candor_scope sc;
	struct candor_app_corrected done;
	int rc = body_typed(req);

	if (rc || (rc = web_see_record(req, CANDOR_RECORD_SIGNAL, req->ids[0], true, &sc)))
		return rc;
	web_app(req, &app);
	if ((rc = candor_app_signal_wrong(&app, req->ids[0], req->user.name, &done)))
		return web_fail(req, rc);
	return answer(req, 200, json_pack("{s:I,s:I}", "signal", (json_int_t)req->ids[0],
					  "correction", (json_int_t)done.correction));
}

/* POST /api/v1/interactions/{id}/signals {"utterance", "category"}: it was missed. */
int web_api_signal_add(struct web_request *req)
{
	struct candor_app app;
	struct candor_scope sc;
	json_t *u = json_object_get(req->json, "utterance");
	const char *cat = json_string_value(json_object_get(req->json, "category"));
	int64_t correction = 0;
	int rc = body_typed(req);

	if (rc || (rc = web_see_record(req, CANDOR_RECORD_INTERACTION, req->ids[0], true, &sc)))
		return rc;
	if (!json_is_integer(u) || json_integer_value(u) < 0)
		return web_error(req, 422, "utterance", "'utterance' must be the utterance's index "
				 "(0, 1, 2...)");
	if (!cat)
		return web_error(req, 422, "category", "'category' is required");
	web_app(req, &app);
	if ((rc = candor_app_signal_add(&app, req->ids[0], (int64_t)json_integer_value(u), cat,
					req->user.name, &correction)))
		return web_fail(req, rc);
	return answer(req, 201, json_pack("{s:I}", "correction", (json_int_t)correction));
}

/* GET /api/v1/interactions/{id}/corrections: what users said of its analysis. */
int web_api_corrections(struct web_request *req)
{
	struct candor_scope sc;
	struct candor_correction *c = NULL;
	size_t n = 0;
	int rc;

	if ((rc = web_see_record(req, CANDOR_RECORD_INTERACTION, req->ids[0], false, &sc)))
		return rc;
	if ((rc = candor_store_corrections(req->store, sc.account_id, 0, req->ids[0], &c, &n)))
		return web_fail(req, rc);
	rc = answer(req, 200, candor_json_corrections(c, n));
	candor_corrections_free(c, n);
	return rc;
}
