/*
 * web/page-changes.c: a buyer's changes, /buyers/{id}/changes: every batch
 * that changed their records, newest first (who, when, what, each field
 * old -> new), and an Undo button on the newest one that can be undone.
 * The undo is a POST with the CSRF token; the page then says what was
 * undone.  The rules are app/audit.h's, as for `candor log --audit` and
 * `candor undo`.
 */
#include "util/common.h"
#include "web/web.h"
#include "app/access.h"
#include "app/audit.h"
#include "app/words.h"

/* A batch in words (app/words.h): what, when, who, and each change, field old -> new. */
static int batch_item(struct web_request *req, struct candor_app *app, const struct candor_batch *b,
		      const struct candor_change *c, size_t n)
{
	struct candor_buf *out = &req->out, words = CANDOR_BUF_INIT;
	char day[CANDOR_WORDS_DAY_MAX];
	int rc = candor_app_batch_words(app, b, &words);

	candor_words_day(day, sizeof(day), b->at, req->now);
	web_html(out, "<li id=\"batch-%D\"><strong>%s</strong> · <span class=\"date\">%s</span> · %s",
		 b->id, rc ? b->what : words.ptr, day, *b->by ? b->by : "someone");
	if (b->undone_at)
		web_html(out, " · <em>undone</em> (<a href=\"#batch-%D\">the undo</a>)", b->undone_by);
	web_html(out, "<ul>");
	for (size_t i = 0; !rc && i < n; i++) {
		candor_buf_reset(&words);
		if (!(rc = candor_app_change_words(app, &c[i], &words)))
			web_html(out, "<li>%s</li>", words.ptr);
	}
	web_html(out, "</ul></li>");
	candor_buf_release(&words);
	return rc;
}

/* b in words, or its description when they cannot be read. */
static void said(struct web_request *req, struct candor_app *app, const struct candor_batch *b)
{
	struct candor_buf words = CANDOR_BUF_INIT;

	if (candor_app_batch_words(app, b, &words)) {
		candor_error_clear(&req->err);
		web_html(&req->out, "%s", b->what);
	} else {
		web_html(&req->out, "%s", words.ptr);
	}
	candor_buf_release(&words);
}

static void undo_form(struct web_request *req, struct candor_app *app, int64_t contact,
		      const struct candor_batch *b)
{
	char day[CANDOR_WORDS_DAY_MAX];

	candor_words_day(day, sizeof(day), b->at, req->now);
	web_html(&req->out, "<form method=\"post\" action=\"/buyers/%D/changes/%D/undo\">", contact,
		 b->id);
	web_csrf_field(req);
	web_html(&req->out, "<p>The last change: <strong>");
	said(req, app, b);
	web_html(&req->out, "</strong> (%s). <button>Undo it</button></p></form>", day);
}

/* What was undone, after an undo (?undone=12). */
static void confirmation(struct web_request *req, struct candor_app *app)
{
	const char *q = web_query(req, "undone");
	struct candor_batch b = { 0 };
	char *end = NULL;
	long long id = q ? strtoll(q, &end, 10) : 0;

	if (!q || !*q || *end || id <= 0 || candor_store_batch_get(req->store, id, &b)) {
		candor_error_clear(&req->err);
		return;
	}
	web_html(&req->out, "<p class=\"card\" role=\"status\">Undone: <strong>");
	said(req, app, &b);
	web_html(&req->out, "</strong>. Everything it changed is back as it was; the undo is listed "
		 "below and can be undone too.</p>");
	candor_batch_release(&b);
}

int web_page_changes(struct web_request *req)
{
	struct candor_app_actor who = { req->user.name, req->user.role };
	struct candor_contact c = { 0 };
	struct candor_batch *b = NULL;
	struct candor_app app;
	size_t n = 0;
	bool may_change, offered = false;
	int rc;

	if ((rc = web_see_contact(req, req->ids[0], false, &c)))
		return rc;
	web_app(req, &app);
	app.who = req->user.local ? NULL : &who;
	if ((rc = candor_app_audit_log(&app, c.id, 0, 50, &b, &n))) {
		rc = web_fail(req, rc);
		goto cleanup;
	}
	if ((rc = web_account_changeable(req, c.account_id, &may_change)))
		goto cleanup;
	web_page_begin(req, c.name);
	web_html(&req->out, "<h1>Changes: %s</h1><p class=\"muted\"><a href=\"/buyers/%D\">back to "
		 "%s</a> · who changed what, newest first</p>", c.name, c.id, c.name);
	confirmation(req, &app);
	for (size_t i = 0; i < n && may_change && !offered; i++)
		if (!b[i].undone_at) {
			undo_form(req, &app, c.id, &b[i]);
			offered = true;
		}
	web_html(&req->out, "<section class=\"card\"><ol class=\"changes\">");
	for (size_t i = 0; i < n; i++) {
		struct candor_change *ch = NULL;
		size_t nch = 0;

		if ((rc = candor_store_changes(req->store, b[i].id, &ch, &nch))) {
			rc = web_fail(req, rc);
			goto cleanup;
		}
		rc = batch_item(req, &app, &b[i], ch, nch);
		candor_changes_free(ch, nch);
		if (rc) {
			rc = web_fail(req, rc);
			goto cleanup;
		}
	}
	web_html(&req->out, "</ol>%R</section>", n ? "" : "<p>No changes recorded yet.</p>");
	web_page_end(req);
	rc = req->status = 200;
cleanup:
	candor_batches_free(b, n);
	candor_contact_release(&c);
	return rc;
}

int web_form_changes_undo(struct web_request *req)
{
	struct candor_app_actor who = { req->user.name, req->user.role };
	struct candor_contact c = { 0 };
	struct candor_app_undone u;
	struct candor_app app;
	int rc;

	if ((rc = web_see_contact(req, req->ids[0], true, &c)))
		return rc;
	candor_contact_release(&c);
	web_app(req, &app);
	app.who = req->user.local ? NULL : &who;
	if ((rc = candor_app_undo(&app, req->ids[1], req->user.name, NULL, &u)))
		return web_fail(req, rc);
	if (web_arg(req, "to") && !strcmp(web_arg(req, "to"), "buyer"))  /* the buyer page's card */
		return web_redirect(req, "/buyers/%" PRId64 "?undone=%" PRId64, req->ids[0], u.batch);
	return web_redirect(req, "/buyers/%" PRId64 "/changes?undone=%" PRId64, req->ids[0], u.batch);
}
