/*
 * web/page-board.c: the pipeline board: buyers in columns by stage, each
 * card with its one-line reason (app/assess.h, the same `candor pipeline`
 * prints), what is overdue and due today in a strip across the top, a
 * search, filters by seller and account and a sort (a GET form), the
 * forms to add an account or a contact, and on an empty database the
 * first-run page instead.
 */
#include "util/common.h"
#include <strings.h>
#include "web/web.h"
#include "web/query.h"
#include "app/access.h"

/* The board shows the buyers whose accounts the user may see. */
static bool visible(const char *owner, void *data)
{
	return web_may_see(data, owner);
}

int web_query_account(struct web_request *req, int64_t *id)
{
	const char *acc = web_query(req, "account");

	*id = 0;
	return acc && *acc ? web_see_account(req, acc, false, id) : 0;
}

int web_buyers_load(struct web_request *req, struct candor_app_pipeline *b)
{
	struct candor_app_pipeline_filter f = { .seller = web_query(req, "seller"),
						.visible = visible, .data = req };
	struct candor_app app;
	int rc;

	if ((rc = web_query_account(req, &f.account_id)))
		return rc;
	web_app(req, &app);
	rc = candor_app_pipeline_load(&app, &f, req->now, b);
	return rc ? web_fail(req, rc) : 0;
}

int web_query_limit(struct web_request *req, size_t *limit)
{
	struct candor_error err = CANDOR_ERROR_INIT;

	if (web_query_count(&req->query, "limit", 1000, limit, &err))
		return web_error(req, 400, "limit", "%s", err.msg);
	return 0;
}

/*
 * A page of the pipeline as the query asks (?limit=N&after=CURSOR&q=TEXT
 * &seller=NAMES&account=ID&sort=ORDER): the buyers this user may see, limit at a time
 * (default_limit when limit is absent; 0 for all).  A bad limit is 400.
 */
int web_buyers_page(struct web_request *req, size_t default_limit, bool whole,
		    struct candor_app_pipeline_page *out)
{
	struct candor_app_actor who = { req->user.name, req->user.role };
	struct candor_app_pipeline_query q = { .seller = web_query(req, "seller"),
					       .search = web_query(req, "q"),
					       .after = web_query(req, "after"),
					       .limit = default_limit, .at = req->now,
					       .kept = true, .whole = whole };
	struct candor_app app;
	int rc;

	memset(out, 0, sizeof(*out));
	if (web_query_limit(req, &q.limit) || web_query_account(req, &q.account_id))
		return req->status;
	q.only_owner = candor_app_visible_owner(&who);
	web_app(req, &app);
	if ((rc = candor_app_pipeline_sort(&app, web_query(req, "sort"), &q.sort)))
		return web_fail(req, rc);
	rc = candor_app_pipeline_page(&app, &q, out);
	return rc ? web_fail(req, rc) : 0;
}

#define BOARD_PER_STAGE 10   /* buyers per column on the whole board */
#define BOARD_STAGE_PAGE 50  /* buyers per page when one stage is shown */
#define BOARD_DUE 20         /* promises and expectations in the due strip */

static const char *const stage_titles[] = { "NEW", "KNOW", "LIKE", "TRUST", "READY", "DECIDED" };

/*
 * The board's query, read once from the request: the filters as the user
 * may have them (a seller sees their own accounts), the seller resolved
 * to owners, the sort.  A filter value that names nothing, or is not one
 * at all, leaves a message (and the status the page answers with) instead
 * of a query: the board then says so and shows no one, never everyone.
 */
struct board {
	struct candor_app_pipeline_query q;
	char *owners;
	int status;           /* 0, or the status to answer with message */
	char message[sizeof(((struct candor_error *)0)->msg)];
};

/* ?account=: an account the user may see, by #id or by name; another, or none, the same words. */
static void board_account(struct web_request *req, struct candor_app *app,
			  const struct candor_app_actor *who, struct board *b)
{
	const char *acc = web_query(req, "account");
	struct candor_account a = { 0 };
	int rc;

	if (!acc || !*acc)
		return;
	if (!(rc = candor_app_account_ref(app, who, acc, &a, NULL))) {
		b->q.account_id = a.id;
		candor_account_release(&a);
		return;
	}
	b->status = rc == CANDOR_EAMBIGUOUS ? 409 : rc == CANDOR_ENOTFOUND ? 404 : 500;
	if (rc == CANDOR_EAMBIGUOUS)
		snprintf(b->message, sizeof(b->message), "%s", req->err.msg);
	else
		snprintf(b->message, sizeof(b->message), "no account '%.200s' among those you may "
			 "see: give its #id or its whole name", acc);
}

static void board_init(struct web_request *req, struct board *b)
{
	struct candor_app_actor who = { req->user.name, req->user.role };
	const char *seller = web_query(req, "seller");
	struct candor_app app;

	memset(b, 0, sizeof(*b));
	b->q.search = web_query(req, "q");
	b->q.at = req->now;
	b->q.only_owner = candor_app_visible_owner(&who);
	web_app(req, &app);
	if (candor_app_pipeline_sort(&app, web_query(req, "sort"), &b->q.sort)) {
		b->status = 400;
		snprintf(b->message, sizeof(b->message), "%s", req->err.msg);
		return;
	}
	board_account(req, &app, &who, b);
	if (!b->status && seller && *seller &&
	    candor_app_pipeline_sellers(&app, seller, b->q.only_owner, &b->owners)) {
		/* a seller filter that names no one is a search that found nothing: 200 */
		b->status = req->err.code == CANDOR_ENOTFOUND ? 200 : 500;
		snprintf(b->message, sizeof(b->message), "%s", req->err.msg);
	}
	b->q.owners = b->owners;
	candor_error_clear(&req->err);
}

static void board_release(struct board *b)
{
	free(b->owners);
	b->owners = NULL;
}

/* The filters of this request, as a query string to carry into links. */
static void filter_query(struct web_request *req, struct candor_buf *out)
{
	static const char *const keys[] = { "seller", "account", "q", "sort" };

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(keys); i++) {
		const char *v = web_query(req, keys[i]);

		if (v && *v)
			web_html(out, "&%R=%U", keys[i], v);
	}
}

/* One list of the due strip: today's or the overdue ones. */
static void due_list(struct web_request *req, const struct candor_due_list *d, bool overdue,
		     const char *title, bool more)
{
	size_t shown = 0;

	for (size_t i = 0; i < d->n; i++) {
		const struct candor_due_item *it = &d->v[i];

		if (candor_app_due_overdue(it->due, req->now) != overdue)
			continue;
		if (!shown++)
			web_html(&req->out, "<div class=\"due-%R\"><h2>%s</h2><ul>",
				 overdue ? "overdue" : "today", title);
		web_html(&req->out, "<li><a href=\"/buyers/%D#%R-%D\">%s</a>: %s <span class=\"muted\">"
			 "(%R, due %T)</span></li>", it->contact_id, it->kind, it->id, it->contact_name,
			 it->text, strcmp(it->kind, "commitment") ? "expectation" : "promise", it->due);
	}
	if (shown)
		web_html(&req->out, "</ul>%R</div>", more && overdue
			 ? "<p class=\"muted\">more are due: sort by due date to see them all</p>" : "");
}

/* What is overdue and what is due today (the user's day: UTC), each linking to its row. */
static int due_strip(struct web_request *req, struct candor_app *app, const struct board *b)
{
	struct candor_due_list d;
	bool more;
	int rc;

	if ((rc = candor_app_pipeline_due(app, &b->q, BOARD_DUE, &d, &more))) {
		candor_due_list_release(&d);
		return web_fail(req, rc);
	}
	if (d.n) {
		web_html(&req->out, "<section class=\"strip\" aria-label=\"due today and overdue\">");
		due_list(req, &d, true, "Overdue", more);
		due_list(req, &d, false, "Due today", more);
		web_html(&req->out, "</section>");
	}
	candor_due_list_release(&d);
	return 0;
}

static void option(struct web_request *req, const char *value, const char *label, bool selected)
{
	web_html(&req->out, "<option value=\"%s\"%R>%s</option>", value, selected ? " selected" : "",
		 label);
}

/*
 * More accounts than this and the board asks for an account by #id or
 * name instead of listing them all in a menu (10,000 accounts made the
 * board a megabyte of options).
 */
#define ACCOUNT_CHOICES 100

/* The account field: a menu of the accounts, or with too many to list a text field. */
static void account_field(struct web_request *req, const struct candor_account_list *accounts,
			  bool filter, const char *value)
{
	if (accounts->n > ACCOUNT_CHOICES) {
		web_html(&req->out, "<label>Account <input type=\"text\" name=\"account\" value=\"%s\" "
			 "placeholder=\"its #id or its whole name\"%R></label>", value ? value : "",
			 filter ? "" : " required");
		return;
	}
	web_html(&req->out, "<label>Account <select name=\"account\"%R>%R", filter ? "" : " required",
		 filter ? "<option value=\"\">all</option>" : "");
	for (size_t i = 0; i < accounts->n; i++) {
		if (!filter && !web_may_change(req, accounts->v[i].owner))
			continue;
		web_html(&req->out, "<option value=\"%D\"%R>%s</option>", accounts->v[i].id,
			 value && strtoll(value + (*value == '#'), NULL, 10) == accounts->v[i].id
			 ? " selected" : "", accounts->v[i].name);
	}
	web_html(&req->out, "</select></label>");
}

/* The filter and sort form: a GET form, so it works without JavaScript. */
static void filters(struct web_request *req, const struct candor_account_list *accounts,
		    const struct board *b)
{
	static const char *const sort_labels[] = { "urgency", "trust (highest first)",
						   "last contact (longest ago first)",
						   "due date (soonest first)" };

	web_html(&req->out, "<form method=\"get\" action=\"/\" class=\"card filters\"><strong>Filter</strong> "
		 "<label>Search <input type=\"search\" name=\"q\" value=\"%s\" "
		 "placeholder=\"name, account or email\"></label>"
		 "<label>Seller <input type=\"text\" name=\"seller\" value=\"%s\" "
		 "placeholder=\"part of a name, or a list: sam, ann\"></label>",
		 web_query(req, "q"), web_query(req, "seller"));
	account_field(req, accounts, true, web_query(req, "account"));
	web_html(&req->out, "<label>Sort <select name=\"sort\">");
	for (int i = 0; i <= CANDOR_SORT_DUE; i++)
		option(req, candor_name_of(candor_pipeline_sorts, i), sort_labels[i], b->q.sort == i);
	web_html(&req->out, "</select></label><button>Show</button></form>");
}

/* A card: the buyer, their account and trust, and their reason (app/assess.h). */
static void card(struct web_request *req, const struct candor_app_buyer *w, int sort)
{
	web_html(&req->out, "<a class=\"buyer%R\" href=\"/buyers/%D\"><strong>%s</strong>"
		 "<br><span class=\"muted\">%s · trust %F</span>",
		 w->a.stalled ? " stalled" : "", w->c->id, w->c->name, w->c->account_name, w->a.trust);
	if (sort == CANDOR_SORT_DUE && w->due < CANDOR_DUE_NONE)
		web_html(&req->out, "<br><span class=\"muted\">due %T</span>", w->due);
	else if (sort == CANDOR_SORT_DUE)
		web_html(&req->out, "<br><span class=\"muted\">nothing due</span>");
	if (sort == CANDOR_SORT_CONTACT)
		web_html(&req->out, w->last_contact ? "<br><span class=\"muted\">last contact %T</span>"
			 : "<br><span class=\"muted\">no contact yet</span>", w->last_contact);
	web_html(&req->out, "<br><span class=\"%R\">%R%s</span></a>", w->a.stalled ? "why" : "reason",
		 w->a.stalled ? "stalled: " : "", w->reason);
}

/*
 * One column: its count, its first buyers in the board's order, and a
 * link to the rest: the stage alone, page by page.
 */
static void column(struct web_request *req, int stage, int64_t count,
		   const struct candor_app_pipeline_page *b, const char *filters_qs, bool alone,
		   int sort)
{
	web_html(&req->out, "<section class=\"col\" aria-label=\"%s\"><h2>%s <span class=\"muted\">%D</span></h2>",
		 stage_titles[stage], stage_titles[stage], count);
	for (size_t i = 0; i < b->n; i++)
		card(req, &b->v[i], sort);
	if (alone && b->next[0])
		web_html(&req->out, "<p><a class=\"more\" href=\"/?stage=%R&after=%U%R\">next %d →</a></p>",
			 candor_name_of(candor_stages, stage), b->next, filters_qs, BOARD_STAGE_PAGE);
	else if (!alone && count > (int64_t)b->n)
		web_html(&req->out, "<p><a class=\"more\" href=\"/?stage=%R%R\">all %D →</a></p>",
			 candor_name_of(candor_stages, stage), filters_qs, count);
	web_html(&req->out, "</section>");
}

/* The columns: every stage's first buyers, or one stage (?stage=) a page at a time. */
static int columns(struct web_request *req, struct candor_app *app, const struct board *bd, int only,
		   const int64_t *counts)
{
	struct candor_buf qs = CANDOR_BUF_INIT;
	int rc = 0;

	filter_query(req, &qs);
	web_html(&req->out, "<div class=\"board\">");
	for (int s = 0; s <= CANDOR_STAGE_DECIDED && !rc; s++) {
		struct candor_app_pipeline_query q = bd->q;
		struct candor_app_pipeline_page b;

		if (only >= 0 && s != only)
			continue;
		q.limit = only >= 0 ? BOARD_STAGE_PAGE : BOARD_PER_STAGE;
		q.after = only >= 0 ? web_query(req, "after") : NULL;
		q.in_stage = s + 1;
		q.kept = true;
		if ((rc = candor_app_pipeline_page(app, &q, &b)))
			rc = web_fail(req, rc);
		else
			column(req, s, counts[s], &b, qs.ptr, only >= 0, bd->q.sort);
		candor_app_pipeline_page_release(&b);
	}
	web_html(&req->out, "</div>");
	candor_buf_release(&qs);
	return rc;
}

static void add_account_form(struct web_request *req)
{
	web_html(&req->out, "<form method=\"post\" action=\"/accounts\">");
	web_csrf_field(req);
	web_html(&req->out, "<label>Name <input type=\"text\" name=\"name\" required></label>"
		 "<label>Note <input type=\"text\" name=\"note\"></label>");
	if (req->user.role == CANDOR_ROLE_ADMIN)
		web_html(&req->out, "<label>Owner (seller) <input type=\"text\" name=\"owner\" "
			 "value=\"%s\"></label>", req->user.name);
	web_html(&req->out, "<button>Add account</button></form>");
}

static void add_forms(struct web_request *req, const struct candor_account_list *accounts)
{
	web_html(&req->out, "<div class=\"grid2\"><section class=\"card\"><h2>Add an account</h2>");
	add_account_form(req);
	web_html(&req->out, "</section><section class=\"card\"><h2>Add a buyer</h2>"
		 "<form method=\"post\" action=\"/contacts\">");
	web_csrf_field(req);
	web_html(&req->out, "<label>Name <input type=\"text\" name=\"name\" required></label>");
	account_field(req, accounts, false, NULL);
	web_html(&req->out, "<label>Role <input type=\"text\" name=\"role\"></label>"
		 "<label>Email <input type=\"text\" name=\"email\"></label>"
		 "<button>Add buyer</button></form></section></div>");
}

/* No account the user may see yet: how to start, with the first form right here. */
static int first_run(struct web_request *req)
{
	web_page_begin(req, "Pipeline");
	web_html(&req->out, "<h1>Pipeline</h1><p><strong>Welcome to Candor.</strong> No account to "
		 "show yet: three steps start your pipeline.</p><ol class=\"first-run\">"
		 "<li class=\"card\"><h2>Add an account</h2><p>The company you sell to.</p>");
	add_account_form(req);
	web_html(&req->out, "</li><li class=\"card\"><h2>Add the people you talk to</h2><p>One at a "
		 "time on the board once an account exists, or all at once from your CRM or address "
		 "book: <code>candor import contacts FILE</code> reads CSV and vCard files "
		 "(<a href=\"/help#import\">how to import contacts</a>).</p></li>"
		 "<li class=\"card\"><h2>Upload a call</h2><p>Once a buyer exists, open their page "
		 "and upload a transcript or a chat: Candor finds what was said and where they "
		 "stand.</p></li></ol>");
	web_page_end(req);
	return req->status = 200;
}

/* The filters' message: what named nothing, said on the page; no buyers shown. */
static int unknown_filter(struct web_request *req, const struct candor_account_list *accounts,
			  const struct board *b)
{
	web_page_begin(req, "Pipeline");
	web_html(&req->out, "<h1>Pipeline</h1><p class=\"error\" role=\"alert\">%s</p>", b->message);
	filters(req, accounts, b);
	web_html(&req->out, "<p><a href=\"/\">show every buyer</a></p>");
	web_page_end(req);
	return req->status = b->status;
}

static int board_body(struct web_request *req, struct board *b, int only,
		      const struct candor_account_list *accounts)
{
	int64_t counts[CANDOR_STAGE_DECIDED + 1], total = 0;
	struct candor_app app;
	int rc;

	/* one application for the page: the kept answers are brought up to
	 * date once, for the counts, the due strip and every column */
	web_app(req, &app);
	if ((rc = candor_app_pipeline_counts(&app, &b->q, counts)))
		return web_fail(req, rc);
	for (int s = 0; s <= CANDOR_STAGE_DECIDED; s++)
		total += counts[s];
	web_page_begin(req, "Pipeline");
	web_html(&req->out, "<h1>Pipeline</h1><p class=\"muted\">%D buyer%s as of %T · stages are "
		 "inferred from evidence, never set by hand</p>", total, total == 1 ? "" : "s", req->now);
	filters(req, accounts, b);
	if ((rc = due_strip(req, &app, b)) || (rc = columns(req, &app, b, only, counts)))
		return rc;
	add_forms(req, accounts);
	web_page_end(req);
	return req->status = 200;
}

int web_page_board(struct web_request *req)
{
	struct candor_app_actor who = { req->user.name, req->user.role };
	struct candor_list_query aq = { .owner = candor_app_visible_owner(&who) };
	struct candor_account_list accounts = { 0 };
	const char *stage = web_query(req, "stage");
	struct board b;
	int only = -1, rc;

	if (stage && *stage && (only = candor_name_lookup(candor_stages, stage)) < 0)
		return web_error(req, 400, "stage", "'%s' is not a stage (new, know, like, trust, "
				 "ready, decided)", stage);
	if (aq.owner && !*aq.owner)
		aq.owner = "\n";   /* a user named "" owns nothing */
	aq.limit = ACCOUNT_CHOICES + 1;   /* one more says there are too many to list */
	if ((rc = candor_store_account_page(req->store, &aq, &accounts, (char[CANDOR_CURSOR_MAX]){ 0 }))) {
		candor_account_list_release(&accounts);
		return web_fail(req, rc);
	}
	board_init(req, &b);
	if (!accounts.n && !b.status && !b.q.account_id && !(b.q.search && *b.q.search) && !b.owners)
		rc = first_run(req);
	else if (b.status)
		rc = unknown_filter(req, &accounts, &b);
	else
		rc = board_body(req, &b, only, &accounts);
	board_release(&b);
	candor_account_list_release(&accounts);
	return rc;
}
