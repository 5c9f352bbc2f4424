/*
 * web/access.c: the signed-in user's access to one account, contact or
 * record, as the application rules it (app/access.h): a record the user
 * may not see answers exactly as a missing one does (404, the same
 * message apart from the id, the same field), in the API and on the pages.
 */
#include "util/common.h"
#include "web/web.h"
#include "app/access.h"

/* The 403 for a record the user may see but not change. */
static int look_only(struct web_request *req, struct candor_app *app,
		     const struct candor_app_actor *who, int64_t account_id)
{
	struct candor_account a = { 0 };
	int status;

	if (candor_app_account_see(app, who, account_id, &a, NULL))
		return web_fail(req, req->err.code);
	status = web_error(req, 403, NULL, "account '%s' belongs to '%s': you may look, "
			   "not change", a.name, a.owner);
	candor_account_release(&a);
	return status;
}

int web_see_account(struct web_request *req, const char *ref, bool change, int64_t *id)
{
	struct candor_app_actor who = { req->user.name, req->user.role };
	struct candor_app app;
	struct candor_account a = { 0 };
	bool may_change = false;
	int rc;

	web_app(req, &app);
	if ((rc = candor_app_account_ref(&app, &who, ref, &a, &may_change)))
		return web_fail(req, rc);
	*id = a.id;
	candor_account_release(&a);
	return change && !may_change ? look_only(req, &app, &who, *id) : 0;
}

int web_see_contact(struct web_request *req, int64_t id, bool change,
		    struct candor_contact *out)
{
	struct candor_app_actor who = { req->user.name, req->user.role };
	struct candor_app app;
	bool may_change = false;
	int rc;

	web_app(req, &app);
	if ((rc = candor_app_contact_see(&app, &who, id, out, &may_change)))
		return web_fail(req, rc);
	if (change && !may_change) {
		rc = look_only(req, &app, &who, out->account_id);
		candor_contact_release(out);
	}
	return rc;
}

int web_see_record(struct web_request *req, enum candor_record what, int64_t id, bool change,
		   struct candor_scope *out)
{
	struct candor_app_actor who = { req->user.name, req->user.role };
	struct candor_app app;
	bool may_change = false;
	int rc;

	web_app(req, &app);
	if ((rc = candor_app_record_see(&app, &who, what, id, out, &may_change)))
		return web_fail(req, rc);
	return change && !may_change ? look_only(req, &app, &who, out->account_id) : 0;
}
