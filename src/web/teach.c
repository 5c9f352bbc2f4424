/*
 * web/teach.c: the conversation page's corrections (app/teach.h): "not
 * CATEGORY" on a signal, "add" on an utterance.  The user must be able to
 * change the buyer's account; the use case checks the rest, and a refused
 * correction writes nothing.
 */
#include "util/common.h"
#include "web/web.h"
#include "app/teach.h"

/* POST /signals/{id}/wrong */
int web_form_signal_wrong(struct web_request *req)
{
	struct candor_app app;
	struct candor_scope sc;
	struct candor_app_corrected done;
	int64_t id = req->ids[0];
	int rc;

	if ((rc = web_see_record(req, CANDOR_RECORD_SIGNAL, id, true, &sc)))
		return rc;
	web_app(req, &app);
	if ((rc = candor_app_signal_wrong(&app, id, req->user.name, &done)))
		return web_fail(req, rc);
	/* back to the signal's conversation, at its utterance */
	return web_redirect(req, "/interactions/%" PRId64 "?from=%" PRId64 "#utt-%" PRId64,
			    done.interaction, done.utterance - done.utterance % WEB_TALK_PAGE,
			    done.utterance);
}

/* POST /interactions/{id}/signal: fields utterance (its index) and category */
int web_form_signal_add(struct web_request *req)
{
	struct candor_app app;
	struct candor_scope sc;
	const char *u = web_arg(req, "utterance"), *cat = web_arg(req, "category");
	int64_t id = req->ids[0], correction = 0;
	long long utt;
	char *end;
	int rc;

	if ((rc = web_see_record(req, CANDOR_RECORD_INTERACTION, id, true, &sc)))
		return rc;
	errno = 0;
	utt = u ? strtoll(u, &end, 10) : -1;
	if (!u || errno || end == u || *end || utt < 0)
		return web_error(req, 422, "utterance", "'utterance' must be the utterance's number");
	if (!cat || strlen(cat) > 32)
		return web_error(req, 422, "category", "choose a category");
	web_app(req, &app);
	if ((rc = candor_app_signal_add(&app, id, (int64_t)utt, cat, req->user.name, &correction)))
		return web_fail(req, rc);
	return web_redirect(req, "/interactions/%" PRId64 "?from=%lld#utt-%lld", id,
			    utt - utt % WEB_TALK_PAGE, utt);
}
