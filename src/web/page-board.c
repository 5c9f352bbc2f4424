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
int web_buyers_page(struct web_request *req, size_t default_limit, int in_stage,
		    struct candor_app_pipeline_page *out)
{
	const char *acc = web_query(req, "account");
	struct candor_app_actor who = { req->user.name, req->user.role };
	struct candor_app_pipeline_query q = { .seller = web_query(req, "seller"),
					       .search = web_query(req, "q"),
					       .after = web_query(req, "after"),
					       .limit = default_limit, .at = req->now,
					       .in_stage = in_stage, .kept = in_stage != 0 };
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

#define BOARD_PER_STAGE 10   /* buyers per column on the whole board */
#define BOARD_STAGE_PAGE 50  /* buyers per page when one stage is shown */

static const char *const stage_titles[] = { "NEW", "KNOW", "LIKE", "TRUST", "READY", "DECIDED" };

/* The filters of this request, as a query string to carry into links. */
static void filter_query(struct web_request *req, struct candor_buf *out)
{
	static const char *const keys[] = { "seller", "account", "q" };

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(keys); i++) {
		const char *v = web_query(req, keys[i]);

		if (v && *v)
			web_html(out, "&%R=%U", keys[i], v);
	}
}

/* Overdue promises of the buyers shown: the stall reasons that name one. */
static void overdue_strip(struct web_request *req, const struct candor_app_pipeline_page *b)
{
	size_t shown = 0;

	for (size_t i = 0; i < b->n; i++) {
		const struct candor_assessment *a = &b->v[i].a;

		for (int g = 0; g < CANDOR_GATES; g++)
			for (size_t k = 0; k < a->gates[g].nreasons; k++) {
				const struct candor_reason *r = &a->gates[g].reasons[k];

				if (!(r->flags & CANDOR_REASON_STALL) || !r->ref_kind ||
				    strcmp(r->ref_kind, "commitment") || !strstr(r->text, "overdue"))
					continue;
				if (!shown++)
					web_html(&req->out, "<section class=\"strip\" aria-label=\"overdue promises\">"
						 "<strong>Overdue promises</strong><ul>");
				web_html(&req->out, "<li><a href=\"/buyers/%D#commitment-%D\">%s</a>: %s</li>",
					 b->v[i].c->id, r->ref_id, b->v[i].c->name, r->text);
			}
	}
	if (shown)
		web_html(&req->out, "</ul></section>");
}

static void filters(struct web_request *req, const struct candor_account_list *accounts)
{
	const char *seller = web_query(req, "seller"), *acc = web_query(req, "account");

	web_html(&req->out, "<form method=\"get\" action=\"/\" class=\"card\"><strong>Filter</strong> "
		 "<label>Search <input type=\"search\" name=\"q\" value=\"%s\" "
		 "placeholder=\"name or email\"></label>"
		 "<label>Seller <input type=\"text\" name=\"seller\" value=\"%s\"></label>"
		 "<label>Account <select name=\"account\"><option value=\"\">all</option>",
		 web_query(req, "q"), seller);
	for (size_t i = 0; i < accounts->n; i++)
		web_html(&req->out, "<option value=\"%D\"%R>%s</option>", accounts->v[i].id,
			 acc && strtoll(acc, NULL, 10) == accounts->v[i].id ? " selected" : "",
			 accounts->v[i].name);
	web_html(&req->out, "</select></label><button>Show</button></form>");
}

static void card(struct web_request *req, const struct candor_app_buyer *w)
{
	const struct candor_reason *head = candor_assessment_headline(&w->a);

	web_html(&req->out, "<a class=\"buyer%R\" href=\"/buyers/%D\"><strong>%s</strong>"
		 "<br><span class=\"muted\">%s · trust %F</span>",
		 w->a.stalled ? " stalled" : "", w->c->id, w->c->name, w->c->account_name, w->a.trust);
	if (w->a.stalled && head)
		web_html(&req->out, "<br><span class=\"why\">stalled: %s</span>", head->text);
	web_html(&req->out, "</a>");
}

/*
 * One column: its count, its most urgent buyers (stalled first, then by
 * trust), and a link to the rest: the stage alone, page by page.
 */
static void column(struct web_request *req, int stage, int64_t count,
		   const struct candor_app_pipeline_page *b, const char *filters_qs, bool alone)
{
	web_html(&req->out, "<section class=\"col\" aria-label=\"%s\"><h2>%s <span class=\"muted\">%D</span></h2>",
		 stage_titles[stage], stage_titles[stage], count);
	for (size_t i = 0; i < b->n; i++)
		card(req, &b->v[i]);
	if (alone && b->next[0])
		web_html(&req->out, "<p><a class=\"more\" href=\"/?stage=%R&after=%U%R\">next %d →</a></p>",
			 candor_name_of(candor_stages, stage), b->next, filters_qs, BOARD_STAGE_PAGE);
	else if (!alone && count > (int64_t)b->n)
		web_html(&req->out, "<p><a class=\"more\" href=\"/?stage=%R%R\">all %D →</a></p>",
			 candor_name_of(candor_stages, stage), filters_qs, count);
	web_html(&req->out, "</section>");
}

/* The columns: every stage's first buyers, or one stage (?stage=) a page at a time. */
static int columns(struct web_request *req, int only, const int64_t *counts)
{
	struct candor_buf qs = CANDOR_BUF_INIT;
	int rc = 0;

	filter_query(req, &qs);
	web_html(&req->out, "<div class=\"board\">");
	for (int s = 0; s <= CANDOR_STAGE_DECIDED && !rc; s++) {
		struct candor_app_pipeline_page b;

		if (only >= 0 && s != only)
			continue;
		rc = web_buyers_page(req, only >= 0 ? BOARD_STAGE_PAGE : BOARD_PER_STAGE, s + 1, &b);
		if (!rc) {
			if (s == 0 || only >= 0)
				overdue_strip(req, &b);
			column(req, s, counts[s], &b, qs.ptr, only >= 0);
		}
		candor_app_pipeline_page_release(&b);
	}
	web_html(&req->out, "</div>");
	candor_buf_release(&qs);
	return rc;
}

static void add_forms(struct web_request *req, const struct candor_account_list *accounts)
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
	for (size_t i = 0; i < accounts->n; i++)
		if (web_may_change(req, accounts->v[i].owner))
			web_html(&req->out, "<option value=\"%D\">%s</option>", accounts->v[i].id,
				 accounts->v[i].name);
	web_html(&req->out, "</select></label><label>Role <input type=\"text\" name=\"role\"></label>"
		 "<label>Email <input type=\"text\" name=\"email\"></label>"
		 "<button>Add buyer</button></form></section></div>");
}

int web_page_board(struct web_request *req)
{
	struct candor_app_actor who = { req->user.name, req->user.role };
	struct candor_list_query aq = { .owner = candor_app_visible_owner(&who) };
	struct candor_account_list accounts = { 0 };
	struct candor_app_pipeline_query q = { .seller = web_query(req, "seller"),
					       .search = web_query(req, "q"), .at = req->now };
	struct candor_app app;
	const char *acc = web_query(req, "account"), *stage = web_query(req, "stage");
	int64_t counts[CANDOR_STAGE_DECIDED + 1], total = 0;
	int only = -1, rc;

	if (stage && *stage && (only = candor_name_lookup(candor_stages, stage)) < 0)
		return web_error(req, 400, "stage", "'%s' is not a stage (new, know, like, trust, "
				 "ready, decided)", stage);
	q.account_id = acc && *acc ? strtoll(acc, NULL, 10) : 0;
	q.only_owner = aq.owner;
	web_app(req, &app);
	if ((rc = candor_app_pipeline_counts(&app, &q, counts)) ||
	    (rc = candor_store_account_page(req->store, &aq, &accounts, (char[CANDOR_CURSOR_MAX]){ 0 }))) {
		candor_account_list_release(&accounts);
		return web_fail(req, rc);
	}
	for (int s = 0; s <= CANDOR_STAGE_DECIDED; s++)
		total += counts[s];
	web_page_begin(req, "Pipeline");
	web_html(&req->out, "<h1>Pipeline</h1><p class=\"muted\">%D buyer%s as of %T · stages are "
		 "inferred from evidence, never set by hand</p>", total, total == 1 ? "" : "s", req->now);
	filters(req, &accounts);
	if ((rc = columns(req, only, counts))) {
		candor_account_list_release(&accounts);
		return rc;
	}
	add_forms(req, &accounts);
	web_page_end(req);
	candor_account_list_release(&accounts);
	return req->status = 200;
}
