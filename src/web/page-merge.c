/*
 * web/page-merge.c: two contacts that are one person, made one from the
 * web, as `candor merge A into B [--keep FIELD=from|into]` does.
 *
 *   GET /merge?from=A[&q=TEXT]   the contacts A may go into: those at A's
 *                                account first, then others, all of them
 *                                ones the user may see; a search box
 *   GET /merge?from=A&into=B     A and B side by side: each field they
 *                                hold differently with a radio to choose
 *                                whose value stays
 *   POST /merge                  the merge (app/merge.h), then B's buyer
 *                                page says "Merged #A into #B" with an
 *                                undo button
 *   POST /merge/undo             undo that merge (app/audit.h's undo of
 *                                kind "merge"), then A's buyer page
 *
 * The rules (same account, who may change what, a conflict never decided
 * silently) are the application's; a refused merge comes back as the same
 * page with the reason.  A contact the user may not see answers as a
 * missing one (404).
 */
#include "util/common.h"
#include "web/web.h"
#include "app/access.h"
#include "app/audit.h"
#include "app/merge.h"

#define MERGE_CANDIDATES 50

/* A positive id from the query (GET) or the form (POST); 0 when absent or not one. */
static int64_t id_arg(struct web_request *req, const char *name)
{
	const char *v = req->method == WEB_GET ? web_query(req, name) : web_arg(req, name);
	char *end = NULL;
	long long n = v && *v ? strtoll(v, &end, 10) : 0;

	return v && *v && !*end && n > 0 ? n : 0;
}

static void app_of(struct web_request *req, struct candor_app *app, struct candor_app_actor *who)
{
	*who = (struct candor_app_actor){ req->user.name, req->user.role };
	web_app(req, app);
	app->who = req->user.local ? NULL : who;
}

/* One candidate: a link to compare it with from. */
static void candidate(struct web_request *req, int64_t from, const struct candor_contact *c,
		      bool other_account)
{
	web_html(&req->out, "<li><a href=\"/merge?from=%D&amp;into=%D\">%s</a> <span class=\"muted\">"
		 "#%D%R%s%R%s%R%s</span></li>", from, c->id, c->name, c->id, *c->role ? " · " : "",
		 c->role, *c->email ? " · " : "", c->email, other_account ? " · at " : "",
		 other_account ? c->account_name : "");
}

/* The contacts the user may see at account (or, account 0, elsewhere), matching search. */
static int candidates(struct web_request *req, const struct candor_contact *from, bool same,
		      const char *search, size_t *shown)
{
	struct candor_app_actor who = { req->user.name, req->user.role };
	struct candor_list_query q = { .owner = candor_app_visible_owner(&who),
				       .account_id = same ? from->account_id : 0,
				       .search = search, .limit = MERGE_CANDIDATES };
	struct candor_contact_list l = { 0 };
	char next[CANDOR_CURSOR_MAX];
	bool any = false;
	int rc;

	if ((rc = candor_store_contact_page(req->store, &q, &l, next))) {
		candor_contact_list_release(&l);
		return web_fail(req, rc);
	}
	for (size_t i = 0; i < l.n; i++) {
		if (l.v[i].id == from->id || (!same && l.v[i].account_id == from->account_id))
			continue;
		if (!any)
			web_html(&req->out, "<h2>%R%s</h2><ul class=\"pick\">", same ? "At " : "",
				 same ? from->account_name : "At other accounts (move one first)");
		any = true;
		candidate(req, from->id, &l.v[i], !same);
		(*shown)++;
	}
	if (any)
		web_html(&req->out, "</ul>");
	candor_contact_list_release(&l);
	return 0;
}

static int pick_page(struct web_request *req, const struct candor_contact *from)
{
	const char *search = web_query(req, "q");
	size_t shown = 0;
	int rc;

	web_page_begin(req, "Merge");
	web_html(&req->out, "<h1>Merge %s into another contact</h1><p class=\"muted\"><a href=\""
		 "/buyers/%D\">back, changing nothing</a> · when two contacts are one person: "
		 "everything %s holds moves to the one you choose, and the merge can be undone</p>",
		 from->name, from->id, from->name);
	web_html(&req->out, "<section class=\"card\"><form method=\"get\" action=\"/merge\" "
		 "role=\"search\"><input type=\"hidden\" name=\"from\" value=\"%D\"><div "
		 "class=\"field\"><label for=\"q\">Name or email</label><input type=\"text\" id=\"q\" "
		 "name=\"q\" value=\"%s\"></div><button>Search</button></form>", from->id,
		 search ? search : "");
	if ((rc = candidates(req, from, true, search, &shown)) ||
	    (rc = candidates(req, from, false, search, &shown)))
		return rc;
	if (!shown)
		web_html(&req->out, "<p>No other contact%R matches.</p>", search && *search ? "" :
			 " you may see");
	web_html(&req->out, "</section>");
	web_page_end(req);
	return req->status = 200;
}

/* One field side by side: a radio each when they differ, else what stays. */
static void field_row(struct web_request *req, const char *field, const char *label,
		      const char *f, const char *i, const char *chosen, bool bad,
		      const int64_t ids[2])
{
	struct candor_buf *b = &req->out;

	web_html(b, "<tr><th scope=\"row\">%s</th>", label);
	if (!*f || !*i || !strcmp(f, i)) {
		web_html(b, "<td colspan=\"2\">%s <span class=\"muted\">(stays)</span></td></tr>",
			 *i ? i : *f ? f : "—");
		return;
	}
	for (int k = 0; k < 2; k++) {
		const char *side = k ? "into" : "from";

		web_html(b, "<td data-label=\"#%D %R\"><label class=\"check\"><input type=\"radio\" "
			 "name=\"keep_%s\" value=\"%s\" required%R%R> %s</label></td>", ids[k],
			 k ? "stays" : "goes", field, side,
			 chosen && !strcmp(chosen, side) ? " checked" : "",
			 bad ? " aria-invalid=\"true\"" : "", k ? i : f);
	}
	web_html(b, "</tr>");
}

static int compare_page(struct web_request *req, const struct candor_contact *from,
			const struct candor_contact *into, int status, const char *bad_msg)
{
	static const char *const fields[][2] = { { "name", "Name" }, { "role", "Role" },
						 { "email", "Email" } };
	const char *fv[] = { from->name, from->role, from->email };
	const char *iv[] = { into->name, into->role, into->email };
	const int64_t ids[2] = { from->id, into->id };
	bool typed = req->method == WEB_POST;

	web_page_begin(req, "Merge");
	web_html(&req->out, "<h1>Merge #%D into #%D</h1><p class=\"muted\"><a href=\"/merge?from=%D\">"
		 "choose another</a> · <a href=\"/buyers/%D\">back, changing nothing</a></p>",
		 from->id, into->id, from->id, from->id);
	if (bad_msg) {
		struct candor_buf why = CANDOR_BUF_INIT;

		web_plain_message(&why, bad_msg);
		web_html(&req->out, "<p class=\"why\" id=\"e-merge\" role=\"alert\">Not merged: %R%R "
			 "Nothing was changed.</p>", why.ptr, why.len && why.ptr[why.len - 1] != '.'
			 ? "." : "");
		candor_buf_release(&why);
	}
	web_html(&req->out, "<section class=\"card\"><p>Everything <strong>%s</strong> (#%D) holds "
		 "(conversations, promises, expectations, facts, value, fit, decisions) moves to "
		 "<strong>%s</strong> (#%D), and #%D goes. Where the two differ, choose what "
		 "stays.</p><form method=\"post\" action=\"/merge\">", from->name, from->id,
		 into->name, into->id, from->id);
	web_csrf_field(req);
	web_html(&req->out, "<input type=\"hidden\" name=\"from\" value=\"%D\"><input type=\"hidden\" "
		 "name=\"into\" value=\"%D\"><table class=\"merge stack\"><thead><tr><th scope=\"col\">"
		 "Field</th><th scope=\"col\">#%D %s (goes)</th><th scope=\"col\">#%D %s (stays)</th>"
		 "</tr></thead><tbody>", from->id, into->id, from->id, from->name, into->id,
		 into->name);
	for (size_t k = 0; k < CANDOR_ARRAY_SIZE(fields); k++) {
		char key[16];

		snprintf(key, sizeof(key), "keep_%s", fields[k][0]);
		field_row(req, fields[k][0], fields[k][1], fv[k], iv[k],
			  typed ? web_arg(req, key) : NULL, bad_msg != NULL, ids);
	}
	web_html(&req->out, "</tbody></table><button>Merge #%D into #%D</button></form></section>",
		 from->id, into->id);
	web_page_end(req);
	return req->status = status;
}

int web_page_merge(struct web_request *req)
{
	struct candor_contact from = { 0 }, into = { 0 };
	int64_t f = id_arg(req, "from"), i = id_arg(req, "into");
	int rc;

	if (!f)
		return web_error(req, 400, "from", "say which contact to merge (from=ID)");
	if ((rc = web_see_contact(req, f, true, &from)))
		return rc;
	if (!web_query(req, "into"))
		rc = pick_page(req, &from);
	else if (!i)
		rc = web_error(req, 400, "into", "say which contact to merge into (into=ID)");
	else if (!(rc = web_see_contact(req, i, true, &into)))
		rc = compare_page(req, &from, &into, 200, NULL);
	candor_contact_release(&from);
	candor_contact_release(&into);
	return rc;
}

/* What the form chose for field: from, into, or ask. */
static int keep_of(struct web_request *req, const char *field)
{
	char key[16];
	const char *v;

	snprintf(key, sizeof(key), "keep_%s", field);
	v = web_arg(req, key);
	return v && !strcmp(v, "from") ? CANDOR_MERGE_FROM : v && !strcmp(v, "into")
	       ? CANDOR_MERGE_INTO : CANDOR_MERGE_ASK;
}

int web_form_merge(struct web_request *req)
{
	struct candor_contact from = { 0 }, into = { 0 };
	struct candor_app_merge m = { .by = req->user.name };
	struct candor_app_merged done;
	struct candor_app_actor who;
	struct candor_app app;
	int64_t f = id_arg(req, "from"), i = id_arg(req, "into");
	char msg[1024];
	int rc;

	if (!f || !i)
		return web_error(req, 400, f ? "into" : "from", "say which contact goes into which "
				 "(from=ID, into=ID)");
	if ((rc = web_see_contact(req, f, true, &from)) ||
	    (rc = web_see_contact(req, i, true, &into)))
		goto cleanup;
	m.name = keep_of(req, "name"), m.role = keep_of(req, "role"), m.email = keep_of(req, "email");
	app_of(req, &app, &who);
	if ((rc = candor_app_contact_merge(&app, &from, &into, &m, &done))) {
		if (rc != CANDOR_ECONFLICT && rc != CANDOR_EINVALID) {
			rc = web_fail(req, rc);
			goto cleanup;
		}
		int code = rc;

		snprintf(msg, sizeof(msg), "%s", req->err.msg);
		if (!(rc = web_restart_read(req)))
			rc = compare_page(req, &from, &into, code == CANDOR_EINVALID ? 422 : 409, msg);
		goto cleanup;
	}
	rc = web_redirect(req, "/buyers/%" PRId64 "?merged=%" PRId64, into.id, done.batch);
cleanup:
	candor_contact_release(&from);
	candor_contact_release(&into);
	return rc;
}

int web_form_merge_undo(struct web_request *req)
{
	struct candor_app_merge_record r;
	struct candor_app_undone u;
	struct candor_app_actor who;
	struct candor_app app;
	int64_t batch = id_arg(req, "batch");
	int rc;

	if (!batch)
		return web_error(req, 400, "batch", "say which merge to undo (batch=ID)");
	app_of(req, &app, &who);
	if ((rc = candor_app_merge_read(&app, batch, &r)) ||
	    (rc = candor_app_undo(&app, batch, req->user.name, "merge", &u)))
		return web_fail(req, rc);
	return web_redirect(req, "/buyers/%" PRId64 "?unmerged=%" PRId64, r.from, batch);
}

void web_merge_note(struct web_request *req, int64_t contact, bool may_change)
{
	struct candor_app_merge_record r;
	struct candor_app_actor who;
	struct candor_app app;
	int64_t merged = 0, unmerged = 0;
	const char *q;
	char *end;

	if ((q = web_query(req, "merged")) && *q && (merged = strtoll(q, &end, 10), *end))
		merged = 0;
	if ((q = web_query(req, "unmerged")) && *q && (unmerged = strtoll(q, &end, 10), *end))
		unmerged = 0;
	if (merged <= 0 && unmerged <= 0)
		return;
	app_of(req, &app, &who);
	if (candor_app_merge_read(&app, merged > 0 ? merged : unmerged, &r)) {
		candor_error_clear(&req->err);
		return;
	}
	if (merged > 0 && r.into == contact && !r.undone) {
		web_html(&req->out, "<div class=\"card\" role=\"status\"><p>Merged #%D into #%D: "
			 "everything #%D held is here now.</p>", r.from, r.into, r.from);
		if (may_change) {
			web_html(&req->out, "<form method=\"post\" action=\"/merge/undo\">");
			web_csrf_field(req);
			web_html(&req->out, "<input type=\"hidden\" name=\"batch\" value=\"%D\">"
				 "<button>Undo the merge</button></form>", r.batch);
		}
		web_html(&req->out, "</div>");
	} else if (unmerged > 0 && r.from == contact && r.undone) {
		web_html(&req->out, "<p class=\"card\" role=\"status\">The merge of #%D into "
			 "<a href=\"/buyers/%D\">#%D</a> is undone: #%D and everything it held are "
			 "back as they were.</p>", r.from, r.into, r.into, r.from);
	}
}
