/*
 * web/calendar.c: GET /calendar.ics, the promises and expectations of the
 * one who asks, for a calendar app to subscribe to (app/calendar.h).
 *
 * A calendar app cannot sign in: it sends a feed token in the address
 * (?token=..., made by `candor user token NAME --feed`), which opens this
 * and nothing else; an API token does not open it.  Signed in (or the
 * local user), no token is needed.  What the calendar holds follows the
 * API's rules: a seller's has only their own buyers.
 *
 * GET /calendar (linked from every page's header) tells a signed-in user
 * how to subscribe: "Make a feed link" (POST /calendar/feeds, the same use
 * case as `candor user token NAME --feed`) shows the feed's address once,
 * and each feed of theirs has "Stop the feed" (POST
 * /calendar/feeds/{id}/stop, app/users.h's candor_app_feed_token_stop).
 */
#include "util/common.h"
#include <sodium.h>
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

/* The address of this server as the browser reached it, into b. */
static void site(struct web_request *req, struct candor_buf *b)
{
	const char *host = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Host");

	candor_buf_addf(b, "%s://%s", req->https ? "https" : "http", host ? host : "YOUR-SERVER");
}

/* The user's feeds, each with a button to stop it. */
static int feeds(struct web_request *req, struct candor_app *app)
{
	struct candor_app_token *t = NULL;
	size_t n = 0, shown = 0;
	int rc = candor_app_tokens(app, req->user.name, &t, &n);

	if (rc)
		return web_fail(req, rc);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(t[i].scope, "feed"))
			continue;
		if (!shown++)
			web_html(&req->out, "<h2>Your feed links</h2><ul class=\"feeds\">");
		web_html(&req->out, "<li>made %T, ending …%s%R ", t[i].created, t[i].tail,
			 t[i].expires ? "" : " (no end date)");
		web_html(&req->out, "<form class=\"inline\" method=\"post\" "
			 "action=\"/calendar/feeds/%D/stop\">", t[i].id);
		web_csrf_field(req);
		web_html(&req->out, "<button>Stop the feed</button></form></li>");
	}
	if (shown)
		web_html(&req->out, "</ul><p class=\"muted\">A stopped feed answers nothing from "
			 "then on: the calendar keeps what it had, and gets no more.</p>");
	free(t);
	return 0;
}

/* The Calendar page; token: a feed link just made, shown this once (or NULL). */
static int calendar_page(struct web_request *req, const char *token, int status)
{
	struct candor_buf addr = CANDOR_BUF_INIT;
	struct candor_app app;
	int rc = 0;

	web_app(req, &app);
	site(req, &addr);
	web_page_begin(req, "Calendar");
	web_html(&req->out, "<h1>Your promises in your calendar</h1><section class=\"card\"><p>"
		 "Google Calendar, Outlook and Apple Calendar can subscribe to a feed of your open "
		 "promises and the expectations you set, each with a reminder; a promise kept or "
		 "broken leaves it, a new date moves it. Each feed link is yours alone and opens "
		 "nothing else.</p>");
	if (req->user.local) {
		web_html(&req->out, "<p>Without users, a calendar on this machine subscribes to "
			 "<code>%s/calendar.ics</code>.</p>", addr.ptr);
	} else {
		if (token)
			web_html(&req->out, "<div role=\"status\"><p><strong>Your new feed link</strong>, "
				 "shown only now: copy it into your calendar's \"subscribe from URL\" (Google: "
				 "Other calendars, From URL; Outlook: Add calendar, Subscribe from web).</p>"
				 "<p><label for=\"feed\">Feed address</label><input type=\"text\" id=\"feed\" "
				 "class=\"wide\" readonly value=\"%s/calendar.ics?token=%s\"></p></div>",
				 addr.ptr, token);
		web_html(&req->out, "<form method=\"post\" action=\"/calendar/feeds\">");
		web_csrf_field(req);
		web_html(&req->out, "<button>Make a feed link</button></form>");
		rc = feeds(req, &app);
	}
	candor_buf_release(&addr);
	if (rc)
		return rc;
	web_html(&req->out, "</section>");
	web_page_end(req);
	return req->status = status;
}

int web_page_calendar(struct web_request *req)
{
	return calendar_page(req, NULL, 200);
}

int web_form_feed_new(struct web_request *req)
{
	struct candor_app app;
	char token[CANDOR_TOKEN_MAX];
	int rc;

	if (req->user.local)
		return web_error(req, 409, NULL, "without users there is no feed link to make: a "
				 "calendar on this machine reads /calendar.ics as it is");
	web_app(req, &app);
	if ((rc = candor_app_feed_token_new(&app, req->user.name, 0, token)))
		return web_fail(req, rc);
	rc = calendar_page(req, token, 200);
	sodium_memzero(token, sizeof(token));
	return rc;
}

int web_form_feed_stop(struct web_request *req)
{
	struct candor_app app;
	int rc;

	web_app(req, &app);
	if (req->user.local)
		return web_error(req, 404, "token", "no calendar feed #%" PRId64, req->ids[0]);
	if ((rc = candor_app_feed_token_stop(&app, req->user.name, req->ids[0])))
		return web_fail(req, rc);
	return web_redirect(req, "/calendar");
}
