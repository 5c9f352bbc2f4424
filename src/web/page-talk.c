/*
 * web/page-talk.c: one stored conversation, headed by the buyer and the
 * date: the words with each signal highlighted (a focusable <mark> whose
 * title explains the category, and a legend of the colours on the page),
 * the metrics, each opening into the utterances it counts, and the
 * proposals with accept and dismiss buttons.  A conversation logged by
 * hand says so, and shows the signals logged with it.
 */
#include "util/common.h"
#include "web/web.h"
#include "app/interaction.h"
#include "text/sigmodel.h"
#include "app/words.h"
#include "util/json-text.h"

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
			 "%s here\">not %s</button></form> ", why(g->category),
			 candor_words_code(g->category));
	}
	web_html(&req->out, "<form class=\"inline\" method=\"post\" action=\"/interactions/%D/signal\">"
		 "<input type=\"hidden\" name=\"utterance\" value=\"%D\">", iid, (int64_t)u->index);
	web_csrf_field(req);
	web_html(&req->out, "<label class=\"inline\">it says <select name=\"category\">");
	for (int c = 0; c < CANDOR_NCATS; c++)
		if (candor_signal_side_ok(c, u->side))
			web_html(&req->out, "<option value=\"%s\">%s</option>", candor_signal_categories[c],
				 candor_words_code(candor_signal_categories[c]));
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
			 m[i].sg->id, m[i].sg->category, candor_words_code(m[i].sg->category),
			 why(m[i].sg->category));
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

/* A link to utterance u, with its first words. */
static void utt_link(struct web_request *req, const struct candor_utterance *u)
{
	size_t n = strlen(u->text), cut = n > 90 ? 80 : n;

	while (cut < n && (u->text[cut] & 0xc0) == 0x80)
		cut--;
	web_html(&req->out, "<li><a href=\"#utt-%D\">%s: ", (int64_t)u->index,
		 *u->speaker ? u->speaker : "?");
	web_escape(&req->out, u->text, cut);
	web_html(&req->out, "%R</a></li>", cut < n ? "…" : "");
}

/* The utterances of side on this page (the words the talk share counts). */
static void talk_of(struct web_request *req, const struct candor_app_interaction *x, int side)
{
	size_t n = 0;

	web_html(&req->out, "<ol>");
	for (size_t i = 0; i < x->nutts; i++)
		if ((int)x->utts[i].side == side) {
			utt_link(req, &x->utts[i]);
			n++;
		}
	if (!n)
		web_html(&req->out, "<li class=\"muted\">none on this page</li>");
	web_html(&req->out, "</ol>");
}

/* The utterances on this page holding a question of side. */
static void questions_of(struct web_request *req, const struct candor_app_interaction *x, int side)
{
	size_t n = 0;

	web_html(&req->out, "<ol>");
	for (size_t i = 0; i < x->nutts; i++) {
		bool q = false;

		for (size_t k = 0; k < x->set.nsignals && !q; k++)
			q = x->set.signals[k].interaction_id == x->it->id &&
			    x->set.signals[k].utterance == (int64_t)x->utts[i].index &&
			    !strcmp(x->set.signals[k].category, "question");
		if (q && (int)x->utts[i].side == side) {
			utt_link(req, &x->utts[i]);
			n++;
		}
	}
	if (!n)
		web_html(&req->out, "<li class=\"muted\">none on this page</li>");
	web_html(&req->out, "</ol>");
}

static void said_by_hand(struct web_request *req, const struct candor_app_interaction *x)
{
	size_t n = 0;

	web_html(&req->out, "<ul>");
	for (size_t k = 0; k < x->set.nsignals; k++) {
		const struct candor_signal *g = &x->set.signals[k];

		if (g->interaction_id != x->it->id || g->utterance >= 0)
			continue;
		web_html(&req->out, "<li id=\"signal-%D\">%s said: <mark class=\"%s\">%s</mark> "
			 "<span class=\"muted\">(%s: %s)</span></li>", g->id,
			 g->side == CANDOR_SIDE_SELLER ? "you" : "they", g->category, g->text,
			 candor_words_code(g->category), why(g->category));
		n++;
	}
	if (!n)
		web_html(&req->out, "<li class=\"muted\">no signal logged with it</li>");
	web_html(&req->out, "</ul>");
}

static void metrics(struct web_request *req, const struct candor_app_interaction *x)
{
	const struct candor_interaction *it = x->it;
	json_t *m = *it->metrics ? candor_json_read(it->metrics) : NULL;
	json_t *s = json_object_get(m, "seller"), *b = json_object_get(m, "buyer");

	web_html(&req->out, "<section class=\"card\" aria-labelledby=\"h-met\"><h2 id=\"h-met\">"
		 "Metrics</h2>");
	if (!x->total && it->seller_share < 0 && !(s && b)) {
		web_html(&req->out, "<p>no transcript: logged by hand, so there is nothing to measure."
			 "</p><h3>Signals logged with it</h3>");
		said_by_hand(req, x);
		web_html(&req->out, "</section>");
		json_decref(m);
		return;
	}
	if (it->seller_share >= 0) {
		web_html(&req->out, "<details id=\"talk-share\"><summary>You talked <strong>%P%%"
			 "</strong> of the words (top sellers: about 43%%)</summary><h3>Your words</h3>",
			 it->seller_share);
		talk_of(req, x, CANDOR_SIDE_SELLER);
		web_html(&req->out, "<h3>The buyer's words</h3>");
		talk_of(req, x, CANDOR_SIDE_BUYER);
		web_html(&req->out, "</details>");
	}
	if (s && b) {
		web_html(&req->out, "<details id=\"questions\"><summary>Questions: you %D, the buyer %D"
			 "</summary><h3>Yours</h3>",
			 (int64_t)json_integer_value(json_object_get(s, "questions")),
			 (int64_t)json_integer_value(json_object_get(b, "questions")));
		questions_of(req, x, CANDOR_SIDE_SELLER);
		web_html(&req->out, "<h3>The buyer's</h3>");
		questions_of(req, x, CANDOR_SIDE_BUYER);
		web_html(&req->out, "</details><p>Longest monologue: you %D words, the buyer %D words</p>",
			 (int64_t)json_integer_value(json_object_get(s, "longest_monologue_words")),
			 (int64_t)json_integer_value(json_object_get(b, "longest_monologue_words")));
	}
	web_html(&req->out, "</section>");
	json_decref(m);
}

/* The colours of the highlights found in this conversation, said in words. */
static void legend(struct web_request *req, const struct candor_app_interaction *x)
{
	bool any = false;

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(explain); i++) {
		bool here = false;

		for (size_t k = 0; k < x->set.nsignals && !here; k++)
			here = x->set.signals[k].interaction_id == x->it->id &&
			       x->set.signals[k].utterance >= 0 &&
			       !strcmp(x->set.signals[k].category, explain[i].category);
		if (!here)
			continue;
		if (!any)
			web_html(&req->out, "<div class=\"marks-legend\" id=\"legend\"><h3>What the "
				 "highlights mean</h3><ul>");
		web_html(&req->out, "<li><span class=\"swatch %s\">%s</span> %s</li>", explain[i].category,
			 candor_words_code(explain[i].category), explain[i].why);
		any = true;
	}
	if (any)
		web_html(&req->out, "</ul></div>");
}

/* The page's start: "Call with Dana Reyes, 2026-11-18", then where it came from. */
static void heading(struct web_request *req, const struct candor_app_interaction *x,
		    const struct candor_contact *c)
{
	char kind[32], title[200];
	const char *file = strrchr(x->it->source, '/');

	snprintf(kind, sizeof(kind), "%s", candor_name_of(candor_interaction_kinds, x->it->kind));
	if (*kind >= 'a' && *kind <= 'z')
		*kind = (char)(*kind - 'a' + 'A');
	file = file ? file + 1 : x->it->source;
	snprintf(title, sizeof(title), "%s with %s", kind, c->name);
	web_page_begin(req, title);
	web_html(&req->out, "<h1>%s with %s, %T</h1><p class=\"muted\">", kind, c->name, x->it->at);
	if (*file)
		web_html(&req->out, "from the file <span class=\"file\">%s</span>", file);
	else
		web_html(&req->out, "logged by hand: %s", x->it->text);
	web_html(&req->out, "%R%s · <a href=\"/buyers/%D\">back to the buyer, %s</a></p>",
		 *x->it->seller ? " · seller " : "", x->it->seller, x->it->contact_id, c->name);
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

static void words(struct web_request *req, const struct candor_app_interaction *x, bool may_change)
{
	web_html(&req->out, "<section class=\"card\" aria-labelledby=\"h-words\"><h2 id=\"h-words\">"
		 "What was said</h2>");
	legend(req, x);
	if (x->total > (int64_t)x->nutts)
		pager(req, x->it->id, x);
	for (size_t i = 0; i < x->nutts; i++)
		utterance(req, &x->set, x->it->id, &x->utts[i], may_change);
	if (x->total > (int64_t)x->nutts)
		pager(req, x->it->id, x);
	if (!x->nutts)
		web_html(&req->out, "<p class=\"muted\">no utterances from here on</p>");
	web_html(&req->out, "</section>");
}

int web_page_talk(struct web_request *req)
{
	struct candor_app app;
	struct candor_app_interaction x;
	struct candor_scope sc;
	struct candor_contact c = { 0 };
	int64_t id = req->ids[0];
	long long from = 0;
	bool may_change;
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
	if ((rc = web_see_contact(req, x.it->contact_id, false, &c)))
		goto cleanup;
	if ((rc = web_account_changeable(req, sc.account_id, &may_change)))
		goto cleanup;
	heading(req, &x, &c);
	metrics(req, &x);
	if (x.total)
		words(req, &x, may_change);
	proposals(req, x.props, x.nprops, may_change);
	web_page_end(req);
	rc = req->status = 200;
cleanup:
	candor_contact_release(&c);
	candor_app_interaction_release(&x);
	return rc;
}
