/*
 * web/forms.c: the POST forms of the pages.  Each runs the shared action
 * (actions.c) and answers 303 to the page that shows the result.  A form
 * of the buyer page that the use case refuses (422, or 400 for a request
 * that cannot be read) comes back as the buyer page again, with what was
 * typed and the message beside its field (page-buyer-forms.c); other
 * refusals (not found, not allowed) are an error page.
 */
#include "util/common.h"
#include "web/web.h"

/* Multipart text fields as form fields, so a refused upload shows what was typed. */
static void parts_as_form(struct web_request *req)
{
	for (size_t i = 0; req->mp && i < req->mp->n && req->form.n < WEB_FORM_MAX; i++) {
		const struct web_part *p = &req->mp->parts[i];
		char *name, *value;

		if (p->is_file || !web_text_ok(p->data, p->len) || p->len > WEB_TEXT_MAX)
			continue;
		name = strdup(p->name);
		value = strndup(p->data, p->len);
		if (!name || !value) {
			free(name);
			free(value);
			return;
		}
		req->form.v[req->form.n].name = name;
		req->form.v[req->form.n++].value = value;
	}
}

/*
 * Answer a refused form (status rc: 422, 400, or 409 for a file imported
 * before) with the buyer page of contact_id again (form says which form
 * came back); other statuses stand as written.  The
 * refused request's transaction is rolled back first: the page shows what
 * is stored.
 */
static int again(struct web_request *req, int rc, int64_t contact_id, const char *form)
{
	int failed;

	if (rc != 422 && rc != 400 && !(rc == 409 && req->fail_duplicate > 0))
		return rc;
	if ((failed = web_restart_read(req)))
		return failed;
	if (req->mp)
		parts_as_form(req);
	snprintf(req->again, sizeof(req->again), "%s", form);
	req->ids[0] = contact_id;
	if (web_page_buyer(req) != 200)
		return req->status;
	return req->status = rc;
}

/* The same for a form about a record (a promise, an expectation) named by req->ids[0]. */
static int again_record(struct web_request *req, int rc, enum candor_record what,
			const char *form)
{
	struct candor_scope sc;
	char name[48];

	if (rc != 422 && rc != 400)
		return rc;
	if (candor_store_locate(req->store, what, req->ids[0], &sc))
		return rc;
	snprintf(name, sizeof(name), "%s-%" PRId64, form, req->ids[0]);
	return again(req, rc, sc.contact_id, name);
}

int web_form_account(struct web_request *req)
{
	int64_t id;
	int rc = web_act_account(req, &id);

	return rc ? rc : web_redirect(req, "/?account=%" PRId64, id);
}

int web_form_contact(struct web_request *req)
{
	int64_t id;
	int rc = web_act_contact(req, &id);

	return rc ? rc : web_redirect(req, "/buyers/%" PRId64, id);
}

int web_form_log(struct web_request *req)
{
	int64_t id;
	int rc = web_act_log(req, req->ids[0], &id);

	return rc ? again(req, rc, req->ids[0], "log") : web_redirect(req, "/buyers/%" PRId64 "#interaction-%" PRId64, req->ids[0], id);
}

int web_form_promise(struct web_request *req)
{
	int64_t id;
	int rc = web_act_promise(req, req->ids[0], &id);

	return rc ? again(req, rc, req->ids[0], "promise") : web_redirect(req, "/buyers/%" PRId64 "#commitment-%" PRId64, req->ids[0], id);
}

int web_form_fact(struct web_request *req)
{
	int64_t id;
	int rc = web_act_fact(req, req->ids[0], &id);

	return rc ? again(req, rc, req->ids[0], "fact") : web_redirect(req, "/buyers/%" PRId64 "#fact-%" PRId64, req->ids[0], id);
}

int web_form_expect(struct web_request *req)
{
	int64_t id;
	int rc = web_act_expect(req, req->ids[0], &id);

	return rc ? again(req, rc, req->ids[0], "expect") :
		web_redirect(req, "/buyers/%" PRId64 "#expectation-%" PRId64, req->ids[0], id);
}

static int judged(struct web_request *req, enum web_judged what, const char *form)
{
	int64_t id;
	int rc = web_act_judged(req, req->ids[0], what, &id);

	return rc ? again(req, rc, req->ids[0], form) :
		web_redirect(req, "/buyers/%" PRId64 "#%s-%" PRId64, req->ids[0], form, id);
}

int web_form_value(struct web_request *req)
{
	return judged(req, WEB_VALUE, "value");
}

int web_form_fit(struct web_request *req)
{
	return judged(req, WEB_FIT, "fit");
}

int web_form_decision(struct web_request *req)
{
	return judged(req, WEB_DECISION, "decision");
}

int web_form_upload(struct web_request *req)
{
	int64_t id;
	int rc = web_act_upload(req, req->ids[0], &id);

	return rc ? again(req, rc, req->ids[0], "upload") : web_redirect(req, "/interactions/%" PRId64, id);
}

static int resolve(struct web_request *req, int status, const char *form)
{
	struct candor_app_fate f = { 0 };
	int rc = web_act_resolve(req, req->ids[0], status, &f);

	if (!rc)
		rc = web_redirect(req, "/buyers/%" PRId64 "#commitment-%" PRId64, f.contact_id,
				  req->ids[0]);
	else
		rc = again_record(req, rc, CANDOR_RECORD_COMMITMENT, form);
	candor_app_fate_release(&f);
	return rc;
}

int web_form_kept(struct web_request *req)
{
	return resolve(req, CANDOR_COMMITMENT_KEPT, "kept");
}

/*
 * Broken costs trust: what the page's step asks (that you mean it, what
 * happened) the server asks too, so a POST without them (a stale page, a
 * script) records nothing and comes back with the reason by the field.
 */
int web_form_broken(struct web_request *req)
{
	const char *sure = web_arg(req, "confirm"), *note = web_arg(req, "note");
	int rc = 0;

	if (!sure || strcmp(sure, "yes"))
		rc = web_error(req, 422, "confirm", "say that it was broken (tick the box): it lowers "
			       "your reliability with this buyer");
	else if (!note || !note[strspn(note, " \t\r\n")])
		rc = web_error(req, 422, "note", "'note' is required: say what happened");
	return rc ? again_record(req, rc, CANDOR_RECORD_COMMITMENT, "broken")
		  : resolve(req, CANDOR_COMMITMENT_BROKEN, "broken");
}

int web_form_renegotiate(struct web_request *req)
{
	return resolve(req, CANDOR_COMMITMENT_RENEGOTIATED, "renegotiate");
}

static int expectation(struct web_request *req, int status, const char *form)
{
	struct candor_app_fate f = { 0 };
	int rc = web_act_expectation(req, req->ids[0], status, &f);

	if (!rc)
		rc = web_redirect(req, "/buyers/%" PRId64 "#expectation-%" PRId64, f.contact_id,
				  req->ids[0]);
	else
		rc = again_record(req, rc, CANDOR_RECORD_EXPECTATION, form);
	candor_app_fate_release(&f);
	return rc;
}

int web_form_met(struct web_request *req)
{
	return expectation(req, CANDOR_EXPECTATION_MET, "met");
}

int web_form_missed(struct web_request *req)
{
	return expectation(req, CANDOR_EXPECTATION_MISSED, "missed");
}

static int proposal(struct web_request *req, bool accept)
{
	int64_t interaction;
	int rc = web_act_proposal(req, req->ids[0], accept, &interaction);

	return rc ? rc : web_redirect(req, "/interactions/%" PRId64 "#proposal-%" PRId64,
				      interaction, req->ids[0]);
}

int web_form_accept(struct web_request *req)
{
	return proposal(req, true);
}

int web_form_dismiss(struct web_request *req)
{
	return proposal(req, false);
}
