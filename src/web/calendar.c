/*
 * web/calendar.c: GET /calendar.ics, the promises and expectations of the
 * one who asks, for a calendar app to subscribe to (app/calendar.h).
 *
 * A calendar app cannot sign in: it sends a feed token in the address
 * (?token=..., made by `candor user token NAME --feed`), which opens this
 * and nothing else; an API token does not open it.  Signed in (or the
 * local user), no token is needed.  What the calendar holds follows the
 * API's rules: a seller's has only their own buyers.
 */
#include "util/common.h"
#include "app/users.h"
#include "app/access.h"
#include "app/calendar.h"
#include "web/web.h"

int web_calendar(struct web_request *req)
{
	const char *token = web_query(req, "token");
	struct candor_app_calendar_query q = { 0 };
	struct candor_app_actor who = { 0 };
	struct candor_app app;
	struct candor_app_signed_in feed;
	int rc;

	web_app(req, &app);
	if (token) {
		if (candor_app_feed_signed_in(&app, token, &feed))
			return web_error(req, 401, "token", "the feed token is not valid (make one "
					 "with 'candor user token NAME --feed')");
		snprintf(req->user.name, sizeof(req->user.name), "%s", feed.user.name);
		req->user.role = feed.user.role;
		req->user.id = feed.user.id;
		req->user.local = false;
		candor_user_release(&feed.user);
	} else if (!req->signed_in) {
		return web_error(req, 401, "token", "a calendar needs ?token=FEED-TOKEN (make one "
				 "with 'candor user token NAME --feed')");
	}
	who.name = req->user.name, who.role = req->user.role;
	if (!req->user.local)
		app.who = &who;
	if ((rc = candor_app_calendar(&app, &q, &req->out)))
		return web_fail(req, rc);
	req->ctype = "text/calendar; charset=utf-8";
	return req->status = 200;
}
