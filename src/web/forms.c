/*
 * web/forms.c: the POST forms of the pages.  Each runs the shared action
 * (actions.c) and answers 303 to the page that shows the result, or an
 * error page that says what was wrong (and that nothing was changed).
 */
#include "util/common.h"
#include "web/web.h"

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

	return rc ? rc : web_redirect(req, "/buyers/%" PRId64 "#interaction-%" PRId64, req->ids[0], id);
}

int web_form_promise(struct web_request *req)
{
	int64_t id;
	int rc = web_act_promise(req, req->ids[0], &id);

	return rc ? rc : web_redirect(req, "/buyers/%" PRId64 "#commitment-%" PRId64, req->ids[0], id);
}

int web_form_fact(struct web_request *req)
{
	int64_t id;
	int rc = web_act_fact(req, req->ids[0], &id);

	return rc ? rc : web_redirect(req, "/buyers/%" PRId64 "#fact-%" PRId64, req->ids[0], id);
}

int web_form_upload(struct web_request *req)
{
	int64_t id;
	int rc = web_act_upload(req, req->ids[0], &id);

	return rc ? rc : web_redirect(req, "/interactions/%" PRId64, id);
}

static int resolve(struct web_request *req, int status)
{
	struct candor_app_fate f = { 0 };
	int rc = web_act_resolve(req, req->ids[0], status, &f);

	if (!rc)
		rc = web_redirect(req, "/buyers/%" PRId64 "#commitment-%" PRId64, f.contact_id,
				  req->ids[0]);
	candor_app_fate_release(&f);
	return rc;
}

int web_form_kept(struct web_request *req)
{
	return resolve(req, CANDOR_COMMITMENT_KEPT);
}

int web_form_broken(struct web_request *req)
{
	return resolve(req, CANDOR_COMMITMENT_BROKEN);
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
