/*
 * web/page-board.c: the pipeline board: buyers in columns by stage, the
 * stalled ones marked with their one-line reason, overdue promises in a
 * strip across the top, filters by seller and account, and the forms to
 * add an account or a contact.
 */
#include "util/common.h"
#include <strings.h>
#include "web/web.h"
#include "app/access.h"

/* The board shows the buyers whose accounts the user may see. */
static bool visible(const char *owner, void *data)
{
	return web_may_see(data, owner);
}

int web_buyers_load(struct web_request *req, struct candor_app_pipeline *b)
{
	const char *acc = web_query(req, "account");
	struct candor_app_pipeline_filter f = { .seller = web_query(req, "seller"),
						.visible = visible, .data = req };
	struct candor_app app;
	int rc;

	f.account_id = acc && *acc ? strtoll(acc, NULL, 10) : 0;
	web_app(req, &app);
	rc = candor_app_pipeline_load(&app, &f, req->now, b);
	return rc ? web_fail(req, rc) : 0;
}

int web_query_limit(struct web_request *req, size_t *limit)
{
	const char *lim = web_query(req, "limit");
	char *end;
	long v;

	if (!lim || !*lim)
		return 0;
	errno = 0;
	v = strtol(lim, &end, 10);
	if (errno || *end || v < 1 || v > 1000)
		return web_error(req, 400, "limit", "'limit' must be a number from 1 to 1000");
	*limit = (size_t)v;
	return 0;
}

/*
 * A page of the pipeline as the query asks (?limit=N&after=CURSOR&q=TEXT
 * &seller=NAME&account=ID): the buyers this user may see, limit at a time
 * (default_limit when limit is absent; 0 for all).  A bad limit is 400.
 */
int web_buyers_page(struct web_request *req, size_t default_limit,
		    struct candor_app_pipeline_page *out)
{
	const char *acc = web_query(req, "account");
	struct candor_app_actor who = { req->user.name, req->user.role };
	struct candor_app_pipeline_query q = { .seller = web_query(req, "seller"),
					       .search = web_query(req, "q"),
					       .after = web_query(req, "after"),
					       .limit = default_limit, .at = req->now };
	struct candor_app app;
	int rc;

	memset(out, 0, sizeof(*out));
	if (web_query_limit(req, &q.limit))
		return req->status;
	q.account_id = acc && *acc ? strtoll(acc, NULL, 10) : 0;
	q.only_owner = candor_app_visible_owner(&who);
	web_app(req, &app);
	rc = candor_app_pipeline_page(&app, &q, out);
	return rc ? web_fail(req, rc) : 0;
}

static const char *contact_name(const struct candor_app_pipeline *b, int64_t id)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->v[i].c->id == id)
			return b->v[i].c->name;
	return NULL;
}

static void overdue_strip(struct web_request *req, const struct candor_app_pipeline *b)
{
	size_t shown = 0;

	for (size_t i = 0; i < b->set.ncommitments; i++) {
		const struct candor_commitment *c = &b->set.commitments[i];
		const char *who = contact_name(b, c->contact_id);
		struct candor_commitment_state st;

		candor_commitment_state_at(&st, c, req->now);
		if (!who || !st.overdue)
			continue;
		if (!shown++)
			web_html(&req->out, "<section class=\"strip\" aria-label=\"overdue promises\">"
				 "<strong>Overdue promises</strong><ul>");
		web_html(&req->out, "<li><a href=\"/buyers/%D#commitment-%D\">%s</a> to %s, due %T</li>",
			 c->contact_id, c->id, c->text, who, st.due);
	}
	if (shown)
		web_html(&req->out, "</ul></section>");
}

static void filters(struct web_request *req, const struct candor_app_pipeline *b)
{
	const char *seller = web_query(req, "seller"), *acc = web_query(req, "account");

	web_html(&req->out, "<form method=\"get\" action=\"/\" class=\"card\"><strong>Filter</strong> "
		 "<label>Seller <input type=\"text\" name=\"seller\" value=\"%s\"></label>"
		 "<label>Account <select name=\"account\"><option value=\"\">all</option>", seller);
	for (size_t i = 0; i < b->accounts.n; i++)
		if (web_may_see(req, b->accounts.v[i].owner))
			web_html(&req->out, "<option value=\"%D\"%R>%s</option>", b->accounts.v[i].id,
				 acc && strtoll(acc, NULL, 10) == b->accounts.v[i].id ? " selected" : "",
				 b->accounts.v[i].name);
	web_html(&req->out, "</select></label><button>Show</button></form>");
}

static void columns(struct web_request *req, const struct candor_app_pipeline *b)
{
	static const char *const names[] = { "NEW", "KNOW", "LIKE", "TRUST", "READY", "DECIDED" };

	web_html(&req->out, "<div class=\"board\">");
	for (int s = 0; s < 6; s++) {
		web_html(&req->out, "<section class=\"col\" aria-label=\"%s\"><h2>%s</h2>", names[s],
			 names[s]);
		for (size_t i = 0; i < b->n; i++) {
			const struct candor_app_buyer *w = &b->v[i];
			const struct candor_reason *head = candor_assessment_headline(&w->a);

			if (w->a.stage != s)
				continue;
			web_html(&req->out, "<a class=\"buyer%R\" href=\"/buyers/%D\"><strong>%s</strong>"
				 "<br><span class=\"muted\">%s · trust %F</span>",
				 w->a.stalled ? " stalled" : "", w->c->id, w->c->name,
				 w->c->account_name, w->a.trust);
			if (w->a.stalled && head)
				web_html(&req->out, "<br><span class=\"why\">stalled: %s</span>", head->text);
			web_html(&req->out, "</a>");
		}
		web_html(&req->out, "</section>");
	}
	web_html(&req->out, "</div>");
}

static void add_forms(struct web_request *req, const struct candor_app_pipeline *b)
{
	web_html(&req->out, "<div class=\"grid2\"><section class=\"card\"><h2>Add an account</h2>"
		 "<form method=\"post\" action=\"/accounts\">");
	web_csrf_field(req);
	web_html(&req->out, "<label>Name <input type=\"text\" name=\"name\" required></label>"
		 "<label>Note <input type=\"text\" name=\"note\"></label>");
	if (req->user.role == CANDOR_ROLE_ADMIN)
		web_html(&req->out, "<label>Owner (seller) <input type=\"text\" name=\"owner\" "
			 "value=\"%s\"></label>", req->user.name);
	web_html(&req->out, "<button>Add account</button></form></section>"
		 "<section class=\"card\"><h2>Add a buyer</h2><form method=\"post\" action=\"/contacts\">");
	web_csrf_field(req);
	web_html(&req->out, "<label>Name <input type=\"text\" name=\"name\" required></label>"
		 "<label>Account <select name=\"account\" required>");
	for (size_t i = 0; i < b->accounts.n; i++)
		if (web_may_change(req, b->accounts.v[i].owner))
			web_html(&req->out, "<option value=\"%D\">%s</option>", b->accounts.v[i].id,
				 b->accounts.v[i].name);
	web_html(&req->out, "</select></label><label>Role <input type=\"text\" name=\"role\"></label>"
		 "<label>Email <input type=\"text\" name=\"email\"></label>"
		 "<button>Add buyer</button></form></section></div>");
}

int web_page_board(struct web_request *req)
{
	struct candor_app_pipeline b;
	int rc;

	if ((rc = web_buyers_load(req, &b))) {
		candor_app_pipeline_release(&b);
		return rc;
	}
	web_page_begin(req, "Pipeline");
	web_html(&req->out, "<h1>Pipeline</h1><p class=\"muted\">%d buyer%s as of %T · stages are "
		 "inferred from evidence, never set by hand</p>", (int)b.n, b.n == 1 ? "" : "s",
		 req->now);
	overdue_strip(req, &b);
	filters(req, &b);
	columns(req, &b);
	add_forms(req, &b);
	web_page_end(req);
	candor_app_pipeline_release(&b);
	return req->status = 200;
}
