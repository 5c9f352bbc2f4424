/*
 * web/page-buyer.c: one buyer: stage and gates, each open or shut with the
 * evidence why (what holds it shut, or what opened it), trust over time,
 * every number opened into the records the model counted (core/model.h,
 * candor_model_explain), the profile and the one next step both front
 * doors give (candor_next_step), the decisions, value and fit, the
 * discovery map, promises and expectations with their history, the
 * timeline with the signals logged by hand, the recent changes to all of
 * it (who did what, when, in words; undo for the last one, or why not),
 * and the forms that add evidence.
 */
#include "util/common.h"
#include "web/web.h"
#include "app/access.h"
#include "app/audit.h"
#include "app/words.h"

#define WEB_WHY_SHOWN 40    /* records listed under each component, the latest first */
#define WEB_CHANGES_SHOWN 5 /* recent changes on the page; the Changes page has them all */

struct buyer {
	struct candor_contact c;
	struct candor_evidence_set set;
	struct candor_evidence ev;
	struct candor_assessment a;
	struct candor_explanation why;
	bool may_change;
	struct candor_app_actor who;  /* app.who points here: keep the struct put */
	struct candor_app app;        /* the asker's, for the audit trail */
	struct candor_batch *changes; /* the latest WEB_CHANGES_SHOWN, newest first */
	size_t nchanges;
};

/* Where a record is shown: its conversation for a transcript's signal, else this page. */
/* Edit and delete links for a record the user may change (web/page-edit.c). */
static void fix_links(struct web_request *req, const struct buyer *w, const char *kind, int64_t id)
{
	if (!w->may_change)
		return;
	web_html(&req->out, " <span class=\"fix\"><a href=\"/edit?kind=%s&amp;id=%D\" "
		 "aria-label=\"edit %s #%D\">edit</a> <a href=\"/delete?kind=%s&amp;id=%D\" "
		 "aria-label=\"delete %s #%D\">delete</a></span>", kind, id, kind, id, kind, id, kind, id);
}

static void evidence_href(struct candor_buf *b, const struct buyer *w, const char *kind, int64_t id)
{
	if (!strcmp(kind, "signal")) {
		for (size_t i = 0; i < w->ev.nsignals; i++)
			if (w->ev.signals[i].id == id && w->ev.signals[i].utterance >= 0) {
				web_html(b, "/interactions/%D#signal-%D", w->ev.signals[i].interaction_id, id);
				return;
			}
	}
	web_html(b, "#%s-%D", kind, id);
}

static void evidence_link(struct candor_buf *b, const struct buyer *w, const char *kind, int64_t id)
{
	if (!kind)
		return;
	web_html(b, " <a href=\"");
	evidence_href(b, w, kind, id);
	web_html(b, "\">evidence: %s #%D</a>", kind, id);
}

static const struct candor_decision *decision_of(const struct buyer *w, int64_t now)
{
	const struct candor_decision *d = NULL;

	for (size_t i = 0; i < w->ev.ndecisions; i++)
		if (w->ev.decisions[i].at <= now && (!d || w->ev.decisions[i].at >= d->at))
			d = &w->ev.decisions[i];
	return d;
}

static void reasons(struct candor_buf *b, const struct buyer *w, const struct candor_reason *r,
		    size_t n, const char *lead)
{
	for (size_t k = 0; k < n; k++) {
		web_html(b, "<li>%R%s", lead, r[k].text);
		evidence_link(b, w, r[k].ref_kind, r[k].ref_id);
		if (*r[k].hint)
			web_html(b, "<br><span class=\"muted\">next: %s</span>", r[k].hint);
		web_html(b, "</li>");
	}
}

static void gates(struct web_request *req, const struct buyer *w)
{
	struct candor_buf *b = &req->out;
	const struct candor_decision *d = decision_of(w, req->now);

	web_html(b, "<section class=\"card\" id=\"gates\" aria-labelledby=\"h-gates\"><h2 id=\"h-gates\">"
		 "Gates</h2>");
	if (w->a.stage == CANDOR_STAGE_DECIDED && d) {
		web_html(b, "<p class=\"gate decided\"><strong>decided: %s on %T</strong>%R%s",
			 candor_words_code(candor_name_of(candor_decision_kinds, d->kind)), d->at,
			 *d->note ? ": " : "",
			 d->note);
		evidence_link(b, w, "decision", d->id);
		web_html(b, "<br><span class=\"muted\">their decision; the relationship goes on. The "
			 "gates as the evidence stands:</span></p>");
	}
	for (int i = 0; i < CANDOR_GATES; i++) {
		const struct candor_gate *g = &w->a.gates[i];
		const char *name = candor_name_of(candor_stages, g->stage);

		web_html(b, "<div class=\"gate\" id=\"gate-%s\"><strong class=\"%R\">%s %s</strong><ul>",
			 name, g->open ? "open" : "shut", name, g->open ? "open" : "shut");
		if (g->open)
			reasons(b, w, w->why.grounds[i], w->why.ngrounds[i], "because ");
		else if (g->nreasons)
			reasons(b, w, g->reasons, g->nreasons, "");
		else
			web_html(b, "<li class=\"muted\">waits for the %s gate before it</li>",
				 candor_name_of(candor_stages, g->stage - 1));
		web_html(b, "</ul></div>");
	}
	web_html(b, "</section>");
}

static int64_t first_evidence(const struct buyer *w, int64_t now)
{
	int64_t t = w->c.created && w->c.created < now ? w->c.created : now;

	for (size_t i = 0; i < w->ev.ninteractions; i++)
		t = w->ev.interactions[i].at < t ? w->ev.interactions[i].at : t;
	for (size_t i = 0; i < w->ev.ncommitments; i++)
		t = w->ev.commitments[i].made < t ? w->ev.commitments[i].made : t;
	for (size_t i = 0; i < w->ev.nfacts; i++)
		t = w->ev.facts[i].at < t ? w->ev.facts[i].at : t;
	return t;
}

/* The formula of one component with its terms, as the model computed them. */
static void component_formula(struct candor_buf *b, const struct buyer *w, int k)
{
	const struct candor_explanation *x = &w->why;
	const struct candor_assessment *a = &w->a;

	if (k == CANDOR_COMPONENT_CREDIBILITY)
		web_html(b, "expertise shown (value given, expectations that proved accurate, fit "
			 "explored) %F against expectations that proved wrong %F: (%F + 1) / (%F + %F + 2)",
			 x->cred_pos, x->cred_neg, x->cred_pos, x->cred_pos, x->cred_neg);
	else if (k == CANDOR_COMPONENT_RELIABILITY)
		web_html(b, "follow-through for %F and against %F (faded; a broken promise counts 3): "
			 "(%F + 1) / (%F + %F + 2); uncertainty %F", a->r, a->s, a->r, a->r, a->s,
			 a->uncertainty);
	else if (k == CANDOR_COMPONENT_INTIMACY)
		web_html(b, "half discovery (%d of %d kinds known: %F), half openness %F (candour, "
			 "disclosure and value given back %F against social talk and stalls %F)",
			 __builtin_popcount(a->fact_kinds_known), CANDOR_FACT_KINDS, x->coverage,
			 x->openness, x->open_pos, x->open_neg);
	else
		web_html(b, "lower is better: 0.25 × taking more than giving %F + 0.3 × meeting without "
			 "learning %F + 0.25 × pressure %F + 0.2 × talking too much %F", x->take,
			 x->deficit, x->push, x->talk);
}

static double component_value(const struct candor_assessment *a, int k)
{
	const double v[] = { a->credibility, a->reliability, a->intimacy, a->self_orientation };

	return v[k];
}

static int contribution_cmp(const void *x, const void *y)
{
	const struct candor_contribution *a = *(const struct candor_contribution *const *)x;
	const struct candor_contribution *b = *(const struct candor_contribution *const *)y;

	return a->at != b->at ? (a->at < b->at ? 1 : -1) : 0;
}

static void component(struct web_request *req, const struct buyer *w, int k,
		      const struct candor_contribution **v)
{
	struct candor_buf *b = &req->out;
	const char *name = candor_name_of(candor_components, k), *open = web_query(req, "open");
	size_t n = 0;

	for (size_t i = 0; i < w->why.n; i++)
		if (w->why.v[i].component == k)
			v[n++] = &w->why.v[i];
	qsort(v, n, sizeof(*v), contribution_cmp);
	web_html(b, "<details id=\"why-%s\"%R><summary>%s <strong>%F</strong></summary><p class=\"muted\">",
		 name, open && !strcmp(open, name) ? " open" : "", name, component_value(&w->a, k));
	component_formula(b, w, k);
	web_html(b, "</p><ul class=\"why-list\">");
	for (size_t i = 0; i < n && i < WEB_WHY_SHOWN; i++) {
		bool up = v[i]->weight > 0;

		web_html(b, "<li><span class=\"%R\">%R</span> %T: %s <span class=\"muted\">(%R", up == (k ==
			 CANDOR_COMPONENT_SELF_ORIENTATION) ? "shut" : "open", up ? "raised" : "lowered",
			 v[i]->at, v[i]->text, up ? "+" : "");
		candor_buf_addf(b, "%.2f)</span>", v[i]->weight);
		evidence_link(b, w, v[i]->ref_kind, v[i]->ref_id);
		web_html(b, "</li>");
	}
	if (n > WEB_WHY_SHOWN) {
		double up = 0, down = 0;

		for (size_t i = WEB_WHY_SHOWN; i < n; i++)
			*(v[i]->weight > 0 ? &up : &down) += v[i]->weight;
		web_html(b, "<li class=\"muted\">and %D earlier records, together ", (int64_t)(n - WEB_WHY_SHOWN));
		candor_buf_addf(b, "+%.2f and %.2f", up, down);
		web_html(b, " (<code>candor status --explain</code> lists them all)</li>");
	}
	if (!n)
		web_html(b, "<li class=\"muted\">nothing on record moved it: it stands where the model "
			 "starts</li>");
	web_html(b, "</ul></details>");
}

/* "Why these numbers": trust's formula, then each component opened into its records. */
static int numbers(struct web_request *req, const struct buyer *w)
{
	const struct candor_assessment *a = &w->a;
	const struct candor_contribution **v = calloc(w->why.n + 1, sizeof(*v));

	if (!v)
		return -1;
	web_html(&req->out, "<section class=\"card\" id=\"why\" aria-labelledby=\"h-why\"><h2 id=\"h-why\">"
		 "Why these numbers</h2><p>trust <strong>%F</strong> = (credibility + reliability + "
		 "intimacy) / 3 / (1 + 2 × self-orientation) = (%F + %F + %F) / 3 / (1 + 2 × %F)"
		 " <span class=\"muted\">(model %s, as of %T; each record counts less as it ages: half "
		 "after 90 days)</span></p>", a->trust, a->credibility, a->reliability, a->intimacy,
		 a->self_orientation, a->model_version, a->at);
	for (int k = 0; k < CANDOR_COMPONENTS; k++)
		component(req, w, k, v);
	web_html(&req->out, "</section>");
	free(v);
	return 0;
}

static void discovery(struct web_request *req, const struct buyer *w)
{
	struct candor_buf *b = &req->out;

	web_html(b, "<section class=\"card\" aria-labelledby=\"h-disc\"><h2 id=\"h-disc\">Discovery map"
		 "</h2><ul>");
	for (int k = 0; k < CANDOR_FACT_KINDS; k++) {
		bool any = false;

		web_html(b, "<li><strong>%s</strong>: ", candor_name_of(candor_fact_kinds, k));
		for (size_t i = 0; i < w->ev.nfacts; i++) {
			const struct candor_fact *f = &w->ev.facts[i];

			if (f->kind != k)
				continue;
			web_html(b, "%R<span class=\"known\" id=\"fact-%D\">%s</span> <span class=\"muted\">"
				 "(%s, %T%R%s)</span>", any ? "; " : "", f->id, f->text,
				 candor_name_of(candor_confidences, f->confidence), f->at,
				 *f->source ? ", " : "", f->source);
			fix_links(req, w, "fact", f->id);
			any = true;
		}
		if (!any)
			web_html(b, "<span class=\"missing\">missing</span>");
		web_html(b, "</li>");
	}
	web_html(b, "</ul></section>");
}

static void expectations(struct web_request *req, const struct buyer *w)
{
	struct candor_buf *b = &req->out;

	web_html(b, "<h2>Expectations</h2><ul>");
	for (size_t i = 0; i < w->ev.nexpectations; i++) {
		const struct candor_expectation *e = &w->ev.expectations[i];

		web_html(b, "<li id=\"expectation-%D\">%s, by <span class=\"date\">%T</span>: %s",
			 e->id, e->text, e->by, candor_name_of(candor_expectation_statuses, e->status));
		if (e->status != CANDOR_EXPECTATION_OPEN)
			web_html(b, " on <span class=\"date\">%T</span>", e->resolved_at);
		web_html(b, " <span class=\"muted\">(set <span class=\"date\">%T</span>)</span>", e->set_at);
		fix_links(req, w, "expectation", e->id);
		if (e->status == CANDOR_EXPECTATION_OPEN && w->may_change)
			web_expectation_forms(req, e);
		web_html(b, "</li>");
	}
	if (!w->ev.nexpectations)
		web_html(b, "<li class=\"muted\">none set</li>");
	web_html(b, "</ul>");
}

/* A step of a promise in words: "promised, due 2026-11-18", "kept late", "new date agreed: due ...". */
static void step_words(struct candor_buf *b, const struct candor_commitment_event *e, bool first)
{
	if (first)
		web_html(b, "promised, due <span class=\"date\">%T</span>", e->due);
	else if (e->status == CANDOR_COMMITMENT_RENEGOTIATED || e->status == CANDOR_COMMITMENT_OPEN)
		web_html(b, "%s: due <span class=\"date\">%T</span>",
			 candor_words_code(candor_name_of(candor_commitment_statuses, e->status)), e->due);
	else
		web_html(b, "%s", candor_words_code(candor_name_of(candor_commitment_statuses, e->status)));
	web_html(b, "%R%s", *e->note ? ": " : "", e->note);
}

static void commitments(struct web_request *req, const struct buyer *w)
{
	struct candor_buf *b = &req->out;

	web_html(b, "<section class=\"card\" aria-labelledby=\"h-prom\"><h2 id=\"h-prom\">Promises</h2>"
		 "<table class=\"stack promises\"><thead><tr><th scope=\"col\">Promise</th><th scope=\"col\">Due</th>"
		 "<th scope=\"col\">State</th><th scope=\"col\">History</th></tr></thead>"
		 "<tbody>");
	for (size_t i = 0; i < w->ev.ncommitments; i++) {
		const struct candor_commitment *c = &w->ev.commitments[i];
		struct candor_commitment_state st;

		candor_commitment_state_at(&st, c, req->now);
		web_html(b, "<tr id=\"commitment-%D\"><td data-label=\"Promise\">%s", c->id, c->text);
		fix_links(req, w, "promise", c->id);
		web_html(b, "</td><td data-label=\"Due\" class=\"date\">%T</td><td data-label=\"State\" "
			 "class=\"%R\">%s%R", st.due, st.status == CANDOR_COMMITMENT_BROKEN || st.overdue
			 ? "shut" : "", candor_words_code(candor_name_of(candor_commitment_statuses, st.status)),
			 st.overdue ? " (overdue)" : "");
		if (st.status == CANDOR_COMMITMENT_OPEN && w->may_change)
			web_promise_forms(req, c);
		web_html(b, "</td><td data-label=\"History\"><ul>");
		for (size_t k = 0; k < c->nevents; k++) {
			web_html(b, "<li><span class=\"date\">%T</span> ", c->events[k].at);
			step_words(b, &c->events[k], k == 0);
			if (k > 0)  /* the first is the promise itself: edit the promise */
				fix_links(req, w, "event", c->events[k].id);
			web_html(b, "</li>");
		}
		web_html(b, "</ul></td></tr>");
	}
	web_html(b, "</tbody></table>");
	expectations(req, w);
	web_html(b, "</section>");
}

/* A decision as a salesperson says it. */
static const char *decision_words(int kind)
{
	switch (kind) {
	case CANDOR_DECISION_BOUGHT: return "they bought";
	case CANDOR_DECISION_CHOSE_ANOTHER: return "they chose another supplier";
	case CANDOR_DECISION_DECIDED_NOT_TO_BUY: return "they decided not to buy";
	default: return "still deciding";
	}
}

/* Decisions, value given and received, fit verdicts: the buyer's side of the exchange. */
static void exchange(struct web_request *req, const struct buyer *w)
{
	struct candor_buf *b = &req->out;

	web_html(b, "<section class=\"card\" id=\"exchange\" aria-labelledby=\"h-exch\"><h2 id=\"h-exch\">"
		 "Decisions, value and fit</h2><h3>Decisions</h3><ul>");
	for (size_t i = 0; i < w->ev.ndecisions; i++) {
		web_html(b, "<li id=\"decision-%D\">%T <strong>%s</strong>%R%s", w->ev.decisions[i].id,
			 w->ev.decisions[i].at, decision_words(w->ev.decisions[i].kind),
			 *w->ev.decisions[i].note ? ": " : "", w->ev.decisions[i].note);
		fix_links(req, w, "decision", w->ev.decisions[i].id);
		web_html(b, "</li>");
	}
	if (!w->ev.ndecisions)
		web_html(b, "<li class=\"muted\">no decision yet</li>");
	web_html(b, "</ul><h3>Value given and received</h3><ul>");
	for (size_t i = 0; i < w->ev.nvalues; i++) {
		web_html(b, "<li id=\"value-%D\">%T <strong>%s</strong>: %s", w->ev.values[i].id,
			 w->ev.values[i].at, w->ev.values[i].direction == CANDOR_VALUE_GIVEN ? "you gave"
			 : "they gave", w->ev.values[i].text);
		fix_links(req, w, "value", w->ev.values[i].id);
		web_html(b, "</li>");
	}
	if (!w->ev.nvalues)
		web_html(b, "<li class=\"muted\">none recorded</li>");
	web_html(b, "</ul><h3>Fit, explored together</h3><ul>");
	for (size_t i = 0; i < w->ev.nfits; i++) {
		web_html(b, "<li id=\"fit-%D\">%T <strong>%s</strong>: %s", w->ev.fits[i].id,
			 w->ev.fits[i].at, candor_words_code(candor_name_of(candor_fit_verdicts, w->ev.fits[i].verdict)),
			 w->ev.fits[i].text);
		fix_links(req, w, "fit", w->ev.fits[i].id);
		web_html(b, "</li>");
	}
	if (!w->ev.nfits)
		web_html(b, "<li class=\"muted\">not explored yet</li>");
	web_html(b, "</ul></section>");
}

/* The profile and the next step, in the words of `candor status` (cli/assessment.c). */
static void profile(struct web_request *req, const struct buyer *w)
{
	const struct candor_assessment *a = &w->a;
	char step[512];

	web_html(&req->out, "<section class=\"card\" aria-labelledby=\"h-prof\"><h2 id=\"h-prof\">"
		 "Profile and next step</h2><p id=\"profile\">");
	if (a->toward + a->away + a->options + a->procedures == 0)
		web_html(&req->out, "profile not known yet: no toward/away or options/procedures "
			 "language heard");
	else
		web_html(&req->out, "profile moves <strong>%s</strong> · decides by <strong>%s</strong>"
			 " (from what they said: toward %D, away %D, options %D, procedures %D)",
			 candor_profile_direction_of(a), candor_profile_style_of(a), (int64_t)a->toward,
			 (int64_t)a->away, (int64_t)a->options, (int64_t)a->procedures);
	candor_next_step(step, sizeof(step), a);
	web_html(&req->out, "</p><p><strong>Next step:</strong> <span id=\"next-step\">%s</span></p>"
		 "</section>", step);
}

/* The signals logged by hand with an interaction (log --said): shown here, as no transcript has them. */
static void said(struct web_request *req, const struct buyer *w, int64_t iid)
{
	size_t n = 0;

	for (size_t i = 0; i < w->ev.nsignals; i++) {
		const struct candor_signal *g = &w->ev.signals[i];

		if (g->interaction_id != iid)
			continue;
		if (g->utterance >= 0) {
			n++;
			continue;
		}
		web_html(&req->out, "<br><span id=\"signal-%D\">%s said: <mark class=\"%s\">%s</mark> "
			 "<span class=\"muted\">(%s, logged by hand)</span></span>", g->id,
			 g->side == CANDOR_SIDE_SELLER ? "you" : "they", g->category, g->text,
			 candor_words_code(g->category));
	}
	if (n)
		web_html(&req->out, " <span class=\"muted\">(%D signal%R found in the transcript)</span>",
			 (int64_t)n, n == 1 ? "" : "s");
}

static void timeline(struct web_request *req, const struct buyer *w)
{
	web_html(&req->out, "<section class=\"card\" id=\"timeline\" aria-labelledby=\"h-tl\">"
		 "<h2 id=\"h-tl\">Timeline</h2><ul>");
	for (size_t i = w->ev.ninteractions; i-- > 0;) {
		const struct candor_interaction *it = &w->ev.interactions[i];

		web_html(&req->out, "<li id=\"interaction-%D\">%T %s%R: <a href=\"/interactions/%D\">%s</a>",
			 it->id, it->at, candor_name_of(candor_interaction_kinds, it->kind),
			 it->inbound ? " (inbound)" : "", it->id, it->text);
		said(req, w, it->id);
		fix_links(req, w, "interaction", it->id);
		web_html(&req->out, "</li>");
	}
	if (!w->ev.ninteractions)
		web_html(&req->out, "<li class=\"muted\">no interactions yet</li>");
	web_html(&req->out, "</ul></section>");
}

/* "Sam Seller marked promise 'send the pricing' kept, 3 Dec" (app/words.h). */
static int change_words(struct web_request *req, struct buyer *w, const struct candor_batch *b,
			struct candor_buf *out)
{
	struct candor_buf words = CANDOR_BUF_INIT;
	char d[CANDOR_WORDS_DAY_MAX];
	int rc = candor_app_batch_words(&w->app, b, &words);

	candor_words_day(d, sizeof(d), b->at, req->now);
	if (!rc)
		web_html(out, "<strong>%s</strong> %s, <span class=\"date\">%s</span>",
			 *b->by ? b->by : "someone", words.ptr, d);
	candor_buf_release(&words);
	return rc;
}

/* A button that undoes batch id and comes back here, described by the element described_by. */
static void undo_form(struct web_request *req, struct buyer *w, int64_t id, const char *label,
		      const char *described_by, struct candor_buf *out)
{
	web_html(out, "<form method=\"post\" action=\"/buyers/%D/changes/%D/undo\" class=\"undo\">"
		 "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" name=\"to\" "
		 "value=\"buyer\"><button aria-describedby=\"%s\">%s</button></form>", w->c.id, id,
		 req->csrf, described_by, label);
}

/* Why the last change cannot be undone: a later change to the same records
 * (in words, with its own undo when that one can be), or the undo's reason. */
static int undo_refused(struct web_request *req, struct buyer *w, int64_t in_the_way,
			struct candor_buf *out)
{
	struct candor_batch later = { 0 };
	int64_t next = 0;
	int rc = 0;

	web_html(out, "<p class=\"why\" id=\"undo-refused\">The last change cannot be undone ");
	if (in_the_way && !(rc = candor_store_batch_get(req->store, in_the_way, &later))) {
		web_html(out, "now: since then ");
		rc = change_words(req, w, &later, out);
		web_html(out, ", which changed the same records: undo that first.</p>");
		candor_error_clear(&req->err);
		if (!rc && !candor_app_undo_check(&w->app, later.id, NULL, &next))
			undo_form(req, w, later.id, "Undo that first", "undo-refused", out);
	} else if (!rc && req->err.code == CANDOR_ENOTFOUND) {
		web_html(out, "by you: it changed records of an account you may not change.</p>");
	} else if (!rc) {
		web_html(out, "here: ");
		web_plain_message(out, req->err.msg);
		web_html(out, "</p>");
	}
	candor_batch_release(&later);
	candor_error_clear(&req->err);
	return rc;
}

/* The newest change not undone, and whether the app's undo would take it:
 * 0 (offer it), or why not (written to why), or an error. */
static int undo_state(struct web_request *req, struct buyer *w, const struct candor_batch **last,
		      bool *offer, struct candor_buf *why)
{
	int64_t in_the_way = 0;
	int rc;

	*last = NULL;
	*offer = false;
	for (size_t i = 0; i < w->nchanges && !*last; i++)
		if (!w->changes[i].undone_at)
			*last = &w->changes[i];
	if (!*last || !w->may_change)
		return 0;
	rc = candor_app_undo_check(&w->app, (*last)->id, NULL, &in_the_way);
	if (rc == CANDOR_ECONFLICT || rc == CANDOR_ENOTFOUND)
		return undo_refused(req, w, in_the_way, why);
	*offer = !rc;
	return rc;
}

/* Recent changes: who did what and when, the last few, with undo for the last. */
static int recent_changes(struct web_request *req, struct buyer *w)
{
	const struct candor_batch *last = NULL;
	struct candor_buf refused = CANDOR_BUF_INIT;
	bool offer = false;
	int rc = undo_state(req, w, &last, &offer, &refused);

	web_html(&req->out, "<section class=\"card\" id=\"changes\" aria-labelledby=\"h-changes\">"
		 "<h2 id=\"h-changes\">Recent changes</h2><ul class=\"recent\">");
	for (size_t i = 0; !rc && i < w->nchanges; i++) {
		web_html(&req->out, "<li><span id=\"change-%D\">", w->changes[i].id);
		rc = change_words(req, w, &w->changes[i], &req->out);
		web_html(&req->out, "%R</span>", w->changes[i].undone_at ? " <em>(undone)</em>" : "");
		if (offer && last == &w->changes[i]) {
			char id[32];

			snprintf(id, sizeof(id), "change-%" PRId64, last->id);
			undo_form(req, w, last->id, "Undo this", id, &req->out);
		}
		web_html(&req->out, "</li>");
	}
	if (!w->nchanges)
		web_html(&req->out, "<li class=\"muted\">no changes recorded yet</li>");
	web_html(&req->out, "</ul>");
	candor_buf_add(&req->out, refused.ptr, refused.len);
	web_html(&req->out, "<p><a href=\"/buyers/%D/changes\">All changes to %s</a>: each field, "
		 "what it was and what it became</p></section>", w->c.id, w->c.name);
	candor_buf_release(&refused);
	return rc;
}

/* Whether batch id is the asker's own last change (an undo they just did,
 * of records not this buyer's: the account, say). */
static int own_last(struct web_request *req, int64_t id, bool *yes)
{
	struct candor_batch *b = NULL;
	size_t n = 0;
	int rc = candor_store_batches(req->store, 0, 0, req->user.name, 1, &b, &n);

	*yes = !rc && n && b[0].id == id;
	candor_batches_free(b, n);
	return rc;
}

/* After an undo from this page (?undone=N): what was undone, when the undo
 * is one of the recent changes the asker sees here, or their own last. */
static int undone_line(struct web_request *req, struct buyer *w)
{
	const char *q = web_query(req, "undone");
	struct candor_batch b = { 0 };
	char *end = NULL;
	long long id = q && *q ? strtoll(q, &end, 10) : 0;
	bool shown = false;
	int rc;

	if (id <= 0 || *end)
		return 0;
	if ((rc = candor_store_batch_get(req->store, id, &b)))
		return rc == CANDOR_ENOTFOUND ? (candor_error_clear(&req->err), 0) : rc;
	for (size_t i = 0; i < w->nchanges; i++)
		shown |= b.undone_at && w->changes[i].id == b.undone_by;
	if (!shown && b.undone_at && (rc = own_last(req, b.undone_by, &shown)))
		goto cleanup;
	if (shown) {
		web_html(&req->out, "<p class=\"card done\" role=\"status\" id=\"undone\">Undone: ");
		rc = change_words(req, w, &b, &req->out);
		web_html(&req->out, ". It is back as it was before; the undo is in the recent changes "
			 "below, and can be undone too.</p>");
	}
cleanup:
	candor_batch_release(&b);
	return rc;
}

static int buyer_load(struct web_request *req, struct buyer *w)
{
	int rc;

	if ((rc = web_see_contact(req, req->ids[0], false, &w->c)))
		return rc;
	web_app(req, &w->app);
	if ((rc = candor_app_contact_assess(&w->app, &w->c, req->now, &w->set, &w->ev, &w->a)))
		return web_fail(req, rc);
	if (candor_model_explain(&w->a, &w->why, &w->ev, req->now, NULL))
		return web_fail(req, CANDOR_ERROR);
	if ((rc = web_account_changeable(req, w->c.account_id, &w->may_change)))
		return rc;
	w->who = (struct candor_app_actor){ req->user.name, req->user.role };
	w->app.who = req->user.local ? NULL : &w->who;
	if ((rc = candor_app_audit_log(&w->app, w->c.id, 0, WEB_CHANGES_SHOWN, &w->changes,
				       &w->nchanges)))
		return web_fail(req, rc);
	return 0;
}

/* The line under the name: account, role, email, stage, and every number a link to its records. */
static void header(struct web_request *req, const struct buyer *w)
{
	struct candor_buf *b = &req->out;
	const double v[] = { w->a.credibility, w->a.reliability, w->a.intimacy, w->a.self_orientation };

	web_html(b, "<h1>%s</h1><p class=\"muted\">%s%R%s", w->c.name, w->c.account_name,
		 *w->c.role ? " · " : "", w->c.role);
	if (*w->c.email)
		web_html(b, " · <a class=\"email\" href=\"mailto:%s\">%s</a>", w->c.email, w->c.email);
	web_html(b, " · stage <strong>%s</strong>%R · <a href=\"#why\">trust <strong>%F</strong></a> (",
		 candor_name_of(candor_stages, w->a.stage), w->a.stalled ? " (stalled)" : "", w->a.trust);
	for (int k = 0; k < CANDOR_COMPONENTS; k++)
		web_html(b, "%R<a href=\"/buyers/%D?open=%s#why-%s\">%s %F</a>", k ? ", " : "", w->c.id,
			 candor_name_of(candor_components, k), candor_name_of(candor_components, k),
			 candor_name_of(candor_components, k), v[k]);
	web_html(b, ")</p>");
}

int web_page_buyer(struct web_request *req)
{
	struct buyer w = { 0 };
	int rc = buyer_load(req, &w);

	if (!rc) {
		web_page_begin(req, w.c.name);
		header(req, &w);
		web_merge_note(req, w.c.id, w.may_change);
		if (undone_line(req, &w))
			rc = web_fail(req, req->err.code ? req->err.code : CANDOR_ERROR);
	}
	if (!rc) {
		gates(req, &w);
		web_html(&req->out, "<section class=\"card\" id=\"chart\" aria-labelledby=\"h-chart\">"
			 "<h2 id=\"h-chart\">Trust over time</h2>");
		if (web_chart(&req->out, &w.ev, first_evidence(&w, req->now), req->now) ||
		    web_html(&req->out, "</section>") || numbers(req, &w) < 0)
			rc = web_fail(req, CANDOR_ERROR);
	}
	if (!rc) {
		profile(req, &w);
		exchange(req, &w);
		discovery(req, &w);
		commitments(req, &w);
		timeline(req, &w);
		if (recent_changes(req, &w))
			rc = web_fail(req, req->err.code ? req->err.code : CANDOR_ERROR);
	}
	if (!rc) {
		if (w.may_change) {
			web_html(&req->out, "<p>%s's own details:", w.c.name);
			fix_links(req, &w, "contact", w.c.id);
			web_html(&req->out, " · <a class=\"fix\" href=\"/merge?from=%D\">Merge into another contact</a>", w.c.id);
			web_html(&req->out, " · <a href=\"/edit?kind=account&amp;id=%D\">the account %s: its "
				 "name, note and owner</a></p>", w.c.account_id, w.c.account_name);
		}
		if (w.may_change)
			web_buyer_forms(req, &w.c, &w.ev);
		web_page_end(req);
		rc = req->status = 200;
	}
	candor_batches_free(w.changes, w.nchanges);
	candor_explanation_release(&w.why);
	candor_evidence_set_release(&w.set);
	candor_contact_release(&w.c);
	return rc;
}
