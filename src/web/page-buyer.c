/*
 * web/page-buyer.c: one buyer: stage and gates with the reasons linking to
 * their evidence, trust over time, the discovery map, promises and
 * expectations with their history, the profile and the next step, the
 * timeline, and the forms that add evidence.
 */
#include "util/common.h"
#include "web/web.h"

struct buyer {
	struct candor_contact c;
	struct candor_evidence_set set;
	struct candor_evidence ev;
	struct candor_assessment a;
	bool may_change;
};

static void evidence_href(struct candor_buf *b, const struct buyer *w, const struct candor_reason *r)
{
	if (!strcmp(r->ref_kind, "interaction")) {
		web_html(b, "/interactions/%D", r->ref_id);
		return;
	}
	if (!strcmp(r->ref_kind, "signal")) {
		for (size_t i = 0; i < w->set.nsignals; i++)
			if (w->set.signals[i].id == r->ref_id) {
				web_html(b, "/interactions/%D#signal-%D", w->set.signals[i].interaction_id,
					 r->ref_id);
				return;
			}
	}
	web_html(b, "#%s-%D", r->ref_kind, r->ref_id);
}

static void gates(struct web_request *req, const struct buyer *w)
{
	struct candor_buf *b = &req->out;

	web_html(b, "<section class=\"card\" aria-labelledby=\"h-gates\"><h2 id=\"h-gates\">Gates</h2>");
	for (int i = 0; i < CANDOR_GATES; i++) {
		const struct candor_gate *g = &w->a.gates[i];

		web_html(b, "<div class=\"gate\"><strong class=\"%R\">%s %s</strong><ul>",
			 g->open ? "open" : "shut", candor_name_of(candor_stages, g->stage),
			 g->open ? "open" : "shut");
		for (size_t k = 0; k < g->nreasons; k++) {
			const struct candor_reason *r = &g->reasons[k];

			web_html(b, "<li>%s", r->text);
			if (r->ref_kind) {
				web_html(b, " <a href=\"");
				evidence_href(b, w, r);
				web_html(b, "\">evidence: %s #%D</a>", r->ref_kind, r->ref_id);
			}
			if (*r->hint)
				web_html(b, "<br><span class=\"muted\">next: %s</span>", r->hint);
			web_html(b, "</li>");
		}
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
			any = true;
		}
		if (!any)
			web_html(b, "<span class=\"missing\">missing</span>");
		web_html(b, "</li>");
	}
	web_html(b, "</ul></section>");
}

static void commitments(struct web_request *req, const struct buyer *w)
{
	struct candor_buf *b = &req->out;

	web_html(b, "<section class=\"card\" aria-labelledby=\"h-prom\"><h2 id=\"h-prom\">Promises</h2>"
		 "<table class=\"stack\"><thead><tr><th scope=\"col\">Promise</th><th scope=\"col\">Due</th>"
		 "<th scope=\"col\">State</th><th scope=\"col\">History</th></tr></thead>"
		 "<tbody>");
	for (size_t i = 0; i < w->ev.ncommitments; i++) {
		const struct candor_commitment *c = &w->ev.commitments[i];
		struct candor_commitment_state st;

		candor_commitment_state_at(&st, c, req->now);
		web_html(b, "<tr id=\"commitment-%D\"><td data-label=\"Promise\">%s</td>"
			 "<td data-label=\"Due\" class=\"date\">%T</td><td data-label=\"State\" "
			 "class=\"%R\">%s%R",
			 c->id, c->text, st.due, st.status == CANDOR_COMMITMENT_BROKEN || st.overdue
			 ? "shut" : "", candor_name_of(candor_commitment_statuses, st.status),
			 st.overdue ? " (overdue)" : "");
		if (st.status == CANDOR_COMMITMENT_OPEN && w->may_change)
			web_promise_forms(req, c);
		web_html(b, "</td><td data-label=\"History\"><ul>");
		for (size_t k = 0; k < c->nevents; k++)
			web_html(b, "<li><span class=\"date\">%T</span> %s%R%s</li>", c->events[k].at,
				 candor_name_of(candor_commitment_statuses, c->events[k].status),
				 *c->events[k].note ? ": " : "", c->events[k].note);
		web_html(b, "</ul></td></tr>");
	}
	web_html(b, "</tbody></table><h2>Expectations</h2><ul>");
	for (size_t i = 0; i < w->ev.nexpectations; i++) {
		const struct candor_expectation *e = &w->ev.expectations[i];

		web_html(b, "<li id=\"expectation-%D\">%s, by <span class=\"date\">%T</span>: %s",
			 e->id, e->text, e->by, candor_name_of(candor_expectation_statuses, e->status));
		if (e->status == CANDOR_EXPECTATION_OPEN && w->may_change)
			web_expectation_forms(req, e);
		web_html(b, "</li>");
	}
	if (!w->ev.nexpectations)
		web_html(b, "<li class=\"muted\">none set</li>");
	web_html(b, "</ul></section>");
}

static void profile(struct web_request *req, const struct buyer *w)
{
	size_t n[4] = { 0 };
	static const char *const pat[] = { "toward", "away", "options", "procedures" };
	const struct candor_reason *head = candor_assessment_headline(&w->a);

	for (size_t i = 0; i < w->ev.nsignals; i++)
		for (int k = 0; k < 4; k++)
			n[k] += w->ev.signals[i].side == CANDOR_SIDE_BUYER &&
				!strcmp(w->ev.signals[i].category, pat[k]);
	web_html(&req->out, "<section class=\"card\" aria-labelledby=\"h-prof\"><h2 id=\"h-prof\">"
		 "Profile and next step</h2><p>Direction: <strong>%s</strong> (toward %d, away %d) · "
		 "decides by <strong>%s</strong> (options %d, procedures %d)</p>",
		 n[0] == n[1] ? "not clear yet" : n[0] > n[1] ? "toward goals" : "away from problems",
		 (int)n[0], (int)n[1], n[2] == n[3] ? "not clear yet" : n[2] > n[3] ? "options" :
		 "a clear procedure", (int)n[2], (int)n[3]);
	if (head)
		web_html(&req->out, "<p><strong>Next step:</strong> %s</p>",
			 *head->hint ? head->hint : head->text);
	else
		web_html(&req->out, "<p><strong>Next step:</strong> every gate is open: ready when "
			 "they are.</p>");
	web_html(&req->out, "</section>");
}

static void timeline(struct web_request *req, const struct buyer *w)
{
	web_html(&req->out, "<section class=\"card\" id=\"timeline\" aria-labelledby=\"h-tl\">"
		 "<h2 id=\"h-tl\">Timeline</h2><ul>");
	for (size_t i = w->ev.ninteractions; i-- > 0;) {
		const struct candor_interaction *it = &w->ev.interactions[i];

		web_html(&req->out, "<li id=\"interaction-%D\">%T %s%R: ", it->id, it->at,
			 candor_name_of(candor_interaction_kinds, it->kind), it->inbound ? " (inbound)" : "");
		if (*it->source)
			web_html(&req->out, "<a href=\"/interactions/%D\">%s</a>", it->id, it->text);
		else
			web_html(&req->out, "%s", it->text);
		web_html(&req->out, "</li>");
	}
	if (!w->ev.ninteractions)
		web_html(&req->out, "<li class=\"muted\">no interactions yet</li>");
	web_html(&req->out, "</ul></section>");
}

static int buyer_load(struct web_request *req, struct buyer *w)
{
	struct candor_app app;
	int rc;

	if ((rc = web_see_contact(req, req->ids[0], false, &w->c)))
		return rc;
	web_app(req, &app);
	if ((rc = candor_app_contact_assess(&app, &w->c, req->now, &w->set, &w->ev, &w->a)))
		return web_fail(req, rc);
	w->may_change = web_account_changeable(req, w->c.account_id);
	return 0;
}

int web_page_buyer(struct web_request *req)
{
	struct buyer w = { 0 };
	int rc = buyer_load(req, &w);

	if (!rc) {
		web_page_begin(req, w.c.name);
		web_html(&req->out, "<h1>%s</h1><p class=\"muted\">%s%R%s · stage <strong>%s</strong>%R"
			 " · trust <strong>%F</strong> (credibility %F, reliability %F, intimacy %F, "
			 "self-orientation %F)</p>", w.c.name, w.c.account_name, *w.c.role ? " · " : "",
			 w.c.role, candor_name_of(candor_stages, w.a.stage), w.a.stalled ? " (stalled)" : "",
			 w.a.trust, w.a.credibility, w.a.reliability, w.a.intimacy, w.a.self_orientation);
		gates(req, &w);
		web_html(&req->out, "<section class=\"card\" aria-labelledby=\"h-chart\">"
			 "<h2 id=\"h-chart\">Trust over time</h2>");
		web_chart(&req->out, &w.ev, first_evidence(&w, req->now), req->now);
		web_html(&req->out, "</section>");
		profile(req, &w);
		discovery(req, &w);
		commitments(req, &w);
		timeline(req, &w);
		if (w.may_change)
			web_buyer_forms(req, &w.c, &w.ev);
		web_page_end(req);
		rc = req->status = 200;
	}
	candor_evidence_set_release(&w.set);
	candor_contact_release(&w.c);
	return rc;
}
