/*
 * web/page-talk.c: one stored conversation: the words with each signal
 * highlighted (a focusable <mark> whose title explains the category), the
 * metrics, and the proposals with accept and dismiss buttons.
 */
#include "util/common.h"
#include "web/web.h"
#include "app/interaction.h"
#include "text/sigmodel.h"

static const struct { const char *category, *why; } explain[] = {
	{ "stall", "a stall: trust has not stabilised yet" },
	{ "candor", "candour: an invitation to real communication" },
	{ "disclosure", "a disclosure: the buyer shared something real" },
	{ "social", "social talk: polite, not a commitment" },
	{ "question", "a question" },
	{ "toward", "moves toward a goal" },
	{ "away", "moves away from a problem" },
	{ "options", "prefers options" },
	{ "procedures", "prefers a clear procedure" },
	{ "objection", "a real objection" },
	{ "price", "talk of price" },
	{ "competitor", "a competitor named" },
	{ "next_step", "a next step" },
	{ "commitment", "a promise" },
	{ "pressure", "pressure: creates resistance" },
	{ "closing", "closing language" },
	{ "seller_centric", "seller-centred language" },
};

static const char *why(const char *category)
{
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(explain); i++)
		if (!strcmp(explain[i].category, category))
			return explain[i].why;
	return category;
}

/* The byte offset of code point cp in s (its length when past the end). */
static size_t byte_at(const char *s, int64_t cp)
{
	size_t i = 0;

	for (int64_t n = 0; s[i] && n < cp; n++)
		do
			i++;
		while ((s[i] & 0xc0) == 0x80);
	return i;
}

struct mark { size_t start, end; const struct candor_signal *sg; };

static int mark_cmp(const void *x, const void *y)
{
	const struct mark *a = x, *b = y;
	bool qa = !strcmp(a->sg->category, "question"), qb = !strcmp(b->sg->category, "question");

	if (qa != qb)  /* finer marks first: a question covers a whole sentence */
		return qa ? 1 : -1;
	return a->start < b->start ? -1 : a->start > b->start;
}

static int start_cmp(const void *x, const void *y)
{
	const struct mark *a = x, *b = y;

	return a->start < b->start ? -1 : a->start > b->start;
}

/* Keep marks that do not overlap one kept before (finer ones win), in text order. */
static size_t pick(struct mark *m, size_t n)
{
	size_t k = 0;

	qsort(m, n, sizeof(*m), mark_cmp);
	for (size_t i = 0; i < n; i++) {
		bool clash = m[i].end <= m[i].start;

		for (size_t j = 0; j < k && !clash; j++)
			clash = m[i].start < m[j].end && m[j].start < m[i].end;
		if (!clash)
			m[k++] = m[i];
	}
	qsort(m, k, sizeof(*m), start_cmp);
	return k;
}

/* Under an utterance, for a user who may change the account: take a
 * signal away ("not stall"), or add the category the analyser missed. */
static void corrections(struct web_request *req, const struct candor_evidence_set *set,
			int64_t iid, const struct candor_utterance *u)
{
	web_html(&req->out, "<details class=\"teach\"><summary>Correct what was found</summary>");
	for (size_t k = 0; k < set->nsignals; k++) {
		const struct candor_signal *g = &set->signals[k];

		if (g->interaction_id != iid || g->utterance != (int64_t)u->index)
			continue;
		web_html(&req->out, "<form class=\"inline\" method=\"post\" action=\"/signals/%D/wrong\">",
			 g->id);
		web_csrf_field(req);
		web_html(&req->out, "<button class=\"plain\" title=\"the analyser should not have found "
			 "%s here\">not %s</button></form> ", g->category, g->category);
	}
	web_html(&req->out, "<form class=\"inline\" method=\"post\" action=\"/interactions/%D/signal\">"
		 "<input type=\"hidden\" name=\"utterance\" value=\"%D\">", iid, (int64_t)u->index);
	web_csrf_field(req);
	web_html(&req->out, "<label class=\"inline\">it says <select name=\"category\">");
	for (int c = 0; c < CANDOR_NCATS; c++)
		if (candor_signal_side_ok(c, u->side))
			web_html(&req->out, "<option>%s</option>", candor_signal_categories[c]);
	web_html(&req->out, "</select></label> <button>Add</button></form></details>");
}

static void utterance(struct web_request *req, const struct candor_evidence_set *set, int64_t iid,
		      const struct candor_utterance *u, bool may_change)
{
	struct mark m[64];
	size_t n = 0, at = 0;

	for (size_t k = 0; k < set->nsignals && n < CANDOR_ARRAY_SIZE(m); k++) {
		const struct candor_signal *g = &set->signals[k];

		if (g->interaction_id == iid && g->utterance == (int64_t)u->index && g->start >= 0)
			m[n++] = (struct mark){ byte_at(u->text, g->start), byte_at(u->text, g->end), g };
	}
	n = pick(m, n);
	web_html(&req->out, "<div id=\"utt-%D\"><p class=\"utt side-%s\"><span class=\"who\">%s</span>",
		 (int64_t)u->index, candor_side_name(u->side), *u->speaker ? u->speaker : "?");
	for (size_t i = 0; i < n; i++) {
		web_escape(&req->out, u->text + at, m[i].start - at);
		web_html(&req->out, "<mark id=\"signal-%D\" class=\"%s\" tabindex=\"0\" title=\"%s: %s\">",
			 m[i].sg->id, m[i].sg->category, m[i].sg->category, why(m[i].sg->category));
		web_escape(&req->out, u->text + m[i].start, m[i].end - m[i].start);
		web_html(&req->out, "</mark>");
		at = m[i].end;
	}
	web_escape(&req->out, u->text + at, strlen(u->text + at));
	web_html(&req->out, "</p>");
	if (may_change)
		corrections(req, set, iid, u);
	web_html(&req->out, "</div>");
}

static void metrics(struct web_request *req, const struct candor_interaction *it)
{
	json_t *m = *it->metrics ? json_loads(it->metrics, 0, NULL) : NULL;
	json_t *s = json_object_get(m, "seller"), *b = json_object_get(m, "buyer");

	web_html(&req->out, "<section class=\"card\" aria-labelledby=\"h-met\"><h2 id=\"h-met\">"
		 "Metrics</h2><ul>");
	if (it->seller_share >= 0)
		web_html(&req->out, "<li>You talked <strong>%P%%</strong> of the words (top sellers: "
			 "about 43%%)</li>", it->seller_share);
	if (s && b)
		web_html(&req->out, "<li>Questions: you %D, the buyer %D</li><li>Longest monologue: "
			 "you %D words, the buyer %D words</li>",
			 (int64_t)json_integer_value(json_object_get(s, "questions")),
			 (int64_t)json_integer_value(json_object_get(b, "questions")),
			 (int64_t)json_integer_value(json_object_get(s, "longest_monologue_words")),
			 (int64_t)json_integer_value(json_object_get(b, "longest_monologue_words")));
	web_html(&req->out, "</ul></section>");
	json_decref(m);
}

static void proposals(struct web_request *req, const struct candor_proposal_row *p, size_t n,
		      bool may_change)
{
	web_html(&req->out, "<section class=\"card\" aria-labelledby=\"h-prop\"><h2 id=\"h-prop\">"
		 "Proposed from this conversation</h2><ul>");
	for (size_t i = 0; i < n; i++) {
		web_html(&req->out, "<li id=\"proposal-%D\"><strong>%s</strong> “%s”", p[i].id,
			 p[i].kind == CANDOR_PROPOSAL_FACT ? candor_name_of(candor_fact_kinds, p[i].fact_kind)
			 : p[i].side == CANDOR_SIDE_SELLER ? "you promised" : "they promised", p[i].text);
		if (p[i].due)
			web_html(&req->out, " (due %T)", p[i].due);
		web_html(&req->out, " — <em>%s</em>", candor_name_of(candor_proposal_statuses, p[i].status));
		if (may_change && p[i].status == CANDOR_PROPOSAL_PROPOSED &&
		    (p[i].kind == CANDOR_PROPOSAL_FACT || p[i].side == CANDOR_SIDE_SELLER)) {
			web_html(&req->out, " <form class=\"inline\" method=\"post\" action=\"/proposals/%D/accept\">",
				 p[i].id);
			web_csrf_field(req);
			if (p[i].kind == CANDOR_PROPOSAL_COMMITMENT && !p[i].due)
				web_html(&req->out, "<label class=\"inline\">due <input type=\"text\" "
					 "name=\"due\" required size=\"10\"></label>");
			web_html(&req->out, "<button>Accept</button></form>");
		}
		if (may_change && p[i].status == CANDOR_PROPOSAL_PROPOSED) {
			web_html(&req->out, " <form class=\"inline\" method=\"post\" action=\"/proposals/%D/dismiss\">",
				 p[i].id);
			web_csrf_field(req);
			web_html(&req->out, "<button class=\"plain\">Dismiss</button></form>");
		}
		web_html(&req->out, "</li>");
	}
	if (!n)
		web_html(&req->out, "<li class=\"muted\">nothing proposed</li>");
	web_html(&req->out, "</ul></section>");
}

/* "utterances 501–1,000 of 12,000 · earlier · later" for a call longer than a page. */
static void pager(struct web_request *req, int64_t id, const struct candor_app_interaction *x)
{
	int64_t last = x->from + (int64_t)x->nutts;

	web_html(&req->out, "<p class=\"pager\">utterances %D–%D of %D", x->from + 1, last,
		 x->total);
	if (x->from > 0)
		web_html(&req->out, " · <a href=\"/interactions/%D?from=%D\">earlier</a>", id,
			 x->from > WEB_TALK_PAGE ? x->from - WEB_TALK_PAGE : (int64_t)0);
	if (last < x->total)
		web_html(&req->out, " · <a href=\"/interactions/%D?from=%D\">later</a>", id, last);
	web_html(&req->out, "</p>");
}

int web_page_talk(struct web_request *req)
{
	struct candor_app app;
	struct candor_app_interaction x;
	struct candor_scope sc;
	int64_t id = req->ids[0];
	long long from = 0;
	int rc;

	if ((rc = web_see_record(req, CANDOR_RECORD_INTERACTION, id, false, &sc)))
		return rc;
	web_app(req, &app);
	{
		const char *f = web_query(req, "from");
		char *end;

		errno = 0;
		from = f ? strtoll(f, &end, 10) : 0;
		if (f && (errno || end == f || *end || from < 0)) {
			rc = web_error(req, 400, "from", "'from' must be an utterance number");
			memset(&x, 0, sizeof(x));
			goto cleanup;
		}
	}
	if ((rc = candor_app_interaction_load_page(&app, id, from, WEB_TALK_PAGE, &x))) {
		rc = web_fail(req, rc);
		goto cleanup;
	}
	web_page_begin(req, "Conversation");
	web_html(&req->out, "<h1>%s</h1><p class=\"muted\">%s %T · <a href=\"/buyers/%D\">back to the "
		 "buyer</a></p>", x.it->text, candor_name_of(candor_interaction_kinds, x.it->kind),
		 x.it->at, x.it->contact_id);
	metrics(req, x.it);
	web_html(&req->out, "<section class=\"card\" aria-labelledby=\"h-words\"><h2 id=\"h-words\">"
		 "What was said</h2>");
	if (x.total > (int64_t)x.nutts)
		pager(req, id, &x);
	for (size_t i = 0; i < x.nutts; i++)
		utterance(req, &x.set, id, &x.utts[i], web_account_changeable(req, sc.account_id));
	if (x.total > (int64_t)x.nutts)
		pager(req, id, &x);
	if (!x.nutts)
		web_html(&req->out, "<p class=\"muted\">no transcript: logged by hand</p>");
	web_html(&req->out, "</section>");
	proposals(req, x.props, x.nprops, web_account_changeable(req, sc.account_id));
	web_page_end(req);
	rc = req->status = 200;
cleanup:
	candor_app_interaction_release(&x);
	return rc;
}
