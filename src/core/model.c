/*
 * model.c: the trust model (see model.h and docs/model.md).
 *
 * Reliability is a Beta reputation (Jøsang & Ismail, 2002) over the seller's
 * follow-through: with faded positive evidence r and negative evidence s,
 * R = (r + 1) / (r + s + 2) and its uncertainty u = 2 / (r + s + 2).  A piece
 * of evidence resolved at time t weighs 2^-((at - t) / half-life).  A promise
 * still open past its due date does not fade: it counts in full until it is
 * kept, broken or renegotiated.  Credibility is a Beta estimate of the same
 * form over expertise shown (value given, expectations that proved accurate)
 * against expectations missed.  Intimacy is half discovery coverage (the
 * share of the eight discovery kinds known) and half openness, a Beta
 * estimate of real communication (candour, disclosure, value the buyer gave
 * back) against social talk and stalls.  Self-orientation is a weighted mean
 * of taking more than giving, meeting without learning (a discovery
 * deficit), and the seller's pressure in conversations.
 */
#include "util/common.h"
#include <math.h>
#include "util/array.h"
#include "util/date.h"
#include "core/model.h"

const struct candor_model_params candor_model_default = {
	.half_life_days = 90,     /* a quarter: last quarter's promise counts half */
	.w_kept = 1.0,
	.w_late = 0.5,            /* late counts half each way */
	.w_broken = 3.0,          /* trust is slow to build and quick to lose */
	.w_overdue = 1.0,
	.w_renegotiated_late = 0.5,
	.w_missed = 2.0,
	.talk_good = 0.43,        /* top sellers talk about 43% (Gong Labs) */
	.talk_bad = 0.75,         /* average ones 65-75% */
	.reliable_min = 0.6,
	.evidence_min = 1.5,      /* about two resolved promises or expectations */
	.trust_min = 0.45,
	.cooling_days = 30,
	.like_contacts = 2,
};

const struct candor_name candor_stages[] = {
	{ CANDOR_STAGE_NEW, "new" },
	{ CANDOR_STAGE_KNOW, "know" },
	{ CANDOR_STAGE_LIKE, "like" },
	{ CANDOR_STAGE_TRUST, "trust" },
	{ CANDOR_STAGE_READY, "ready" },
	{ CANDOR_STAGE_DECIDED, "decided" },
	{ -1, NULL }
};

const struct candor_name candor_components[] = {
	{ CANDOR_COMPONENT_CREDIBILITY, "credibility" },
	{ CANDOR_COMPONENT_RELIABILITY, "reliability" },
	{ CANDOR_COMPONENT_INTIMACY, "intimacy" },
	{ CANDOR_COMPONENT_SELF_ORIENTATION, "self-orientation" },
	{ -1, NULL }
};

/* The working state of one assessment. */
struct assess {
	struct candor_assessment *a;
	const struct candor_evidence *ev;
	const struct candor_model_params *p;
	int64_t at;
	struct candor_explanation *why; /* NULL unless explaining */
	bool oom;
};

/* Note, when explaining, that a record moved component comp by w. */
__attribute__((format(printf, 7, 8)))
static void contribute(struct assess *x, int comp, double w, const char *kind, int64_t id,
		       int64_t t, const char *fmt, ...)
{
	struct candor_explanation *e = x->why;
	struct candor_contribution *c;
	va_list ap;

	if (!e || x->oom || w == 0)
		return;
	if (candor_array_grow((void **)&e->v, &e->alloc, e->n, sizeof(*e->v))) {
		x->oom = true;
		return;
	}
	c = &e->v[e->n++];
	*c = (struct candor_contribution){ .component = comp, .weight = w, .ref_kind = kind,
					   .ref_id = id, .at = t };
	va_start(ap, fmt);
	vsnprintf(c->text, sizeof(c->text), fmt, ap);
	va_end(ap);
}

/* Note, when explaining, a record gate g rests on (kept only if g opens). */
__attribute__((format(printf, 5, 6)))
static void ground(struct assess *x, int g, const char *kind, int64_t id, const char *fmt, ...)
{
	struct candor_reason *r;
	va_list ap;

	if (!x->why || x->why->ngrounds[g] == CANDOR_MAX_REASONS)
		return;
	r = &x->why->grounds[g][x->why->ngrounds[g]++];
	memset(r, 0, sizeof(*r));
	va_start(ap, fmt);
	vsnprintf(r->text, sizeof(r->text), fmt, ap);
	va_end(ap);
	r->ref_kind = kind;
	r->ref_id = id;
}

static double fade(const struct assess *x, int64_t t)
{
	double days = (double)(x->at - t) / CANDOR_DAY;

	return days <= 0 ? 1.0 : pow(2.0, -days / x->p->half_life_days);
}

static double beta_mean(double pos, double neg)
{
	return (pos + 1.0) / (pos + neg + 2.0);
}

static void day(char *dst, int64_t t)
{
	candor_date_format(dst, CANDOR_DATE_MAX, t);
	dst[10] = '\0';
}

__attribute__((format(printf, 6, 7)))
static struct candor_reason *add_reason(struct candor_gate *g, const char *kind,
					int64_t id, int flags, const char *hint,
					const char *fmt, ...)
{
	struct candor_reason *r;
	va_list ap;

	if (g->nreasons == CANDOR_MAX_REASONS)
		return NULL;
	r = &g->reasons[g->nreasons++];
	r->ref_kind = kind;
	r->ref_id = id;
	r->flags = flags;
	if (g->quiet) {
		r->text[0] = r->hint[0] = '\0';
		return r;
	}
	va_start(ap, fmt);
	vsnprintf(r->text, sizeof(r->text), fmt, ap);
	va_end(ap);
	snprintf(r->hint, sizeof(r->hint), "%s", hint ? hint : "");
	return r;
}

void candor_commitment_state_at(struct candor_commitment_state *out,
				const struct candor_commitment *c, int64_t at)
{
	memset(out, 0, sizeof(*out));
	out->status = CANDOR_COMMITMENT_OPEN;
	for (size_t i = 0; i < c->nevents; i++) {
		const struct candor_commitment_event *e = &c->events[i];

		if (e->at > at)
			break;
		if (i == 0 || e->status == CANDOR_COMMITMENT_RENEGOTIATED) {
			out->renegotiations += i > 0;
			out->due = e->due;
			continue;
		}
		out->status = e->status;
		out->resolved_at = e->at;
	}
	out->overdue = out->status == CANDOR_COMMITMENT_OPEN && candor_due_end(out->due) <= at;
}

/* Count renegotiations made after the promise was already due. */
static int late_renegotiations(const struct candor_commitment *c, int64_t at)
{
	int64_t due = c->nevents ? c->events[0].due : 0;
	int n = 0;

	for (size_t i = 1; i < c->nevents && c->events[i].at <= at; i++) {
		if (c->events[i].status != CANDOR_COMMITMENT_RENEGOTIATED)
			continue;
		n += c->events[i].at >= candor_due_end(due);
		due = c->events[i].due;
	}
	return n;
}

static void reliability_commitments(struct assess *x, double *r, double *s)
{
	struct candor_assessment *a = x->a;

	for (size_t i = 0; i < x->ev->ncommitments; i++) {
		const struct candor_commitment *c = &x->ev->commitments[i];
		struct candor_commitment_state st;

		if (c->made > x->at)
			continue;
		double late, w;

		candor_commitment_state_at(&st, c, x->at);
		late = x->p->w_renegotiated_late * late_renegotiations(c, x->at) *
		       (st.resolved_at ? fade(x, st.resolved_at) : 1.0);
		*s += late;
		contribute(x, CANDOR_COMPONENT_RELIABILITY, -late, "commitment", c->id,
			   st.resolved_at ? st.resolved_at : c->made,
			   "promise \"%s\" renegotiated after it was due", c->text);
		w = st.resolved_at ? fade(x, st.resolved_at) : 1.0;
		switch (st.status) {
		case CANDOR_COMMITMENT_KEPT:
			*r += x->p->w_kept * w;
			a->kept++;
			contribute(x, CANDOR_COMPONENT_RELIABILITY, x->p->w_kept * w, "commitment",
				   c->id, st.resolved_at, "promise \"%s\" kept on time", c->text);
			break;
		case CANDOR_COMMITMENT_KEPT_LATE:
			*r += x->p->w_late * w;
			*s += x->p->w_late * w;
			a->kept_late++;
			contribute(x, CANDOR_COMPONENT_RELIABILITY, x->p->w_late * w, "commitment",
				   c->id, st.resolved_at, "promise \"%s\" kept, late: it counts for", c->text);
			contribute(x, CANDOR_COMPONENT_RELIABILITY, -x->p->w_late * w, "commitment",
				   c->id, st.resolved_at, "promise \"%s\" kept, late: and against", c->text);
			break;
		case CANDOR_COMMITMENT_BROKEN:
			*s += x->p->w_broken * w;
			a->broken++;
			contribute(x, CANDOR_COMPONENT_RELIABILITY, -x->p->w_broken * w, "commitment",
				   c->id, st.resolved_at, "promise \"%s\" broken", c->text);
			break;
		default:
			a->open_commitments++;
			if (st.overdue) {
				*s += x->p->w_overdue;
				a->overdue++;
				contribute(x, CANDOR_COMPONENT_RELIABILITY, -x->p->w_overdue, "commitment",
					   c->id, candor_due_end(st.due), "promise \"%s\" overdue "
					   "(counts in full until it is resolved)", c->text);
			}
		}
	}
}

/* Expectations count toward reliability (r, s) and credibility (cp, cn). */
static void expectations(struct assess *x, double *r, double *s, double *cp, double *cn)
{
	for (size_t i = 0; i < x->ev->nexpectations; i++) {
		const struct candor_expectation *e = &x->ev->expectations[i];
		bool resolved = e->status != CANDOR_EXPECTATION_OPEN && e->resolved_at <= x->at;

		if (e->set_at > x->at)
			continue;
		double w = resolved ? fade(x, e->resolved_at) : 1.0;

		if (resolved && e->status == CANDOR_EXPECTATION_MET) {
			*r += w;
			*cp += w;
			x->a->met++;
			contribute(x, CANDOR_COMPONENT_RELIABILITY, w, "expectation", e->id,
				   e->resolved_at, "expectation \"%s\" met", e->text);
			contribute(x, CANDOR_COMPONENT_CREDIBILITY, w, "expectation", e->id,
				   e->resolved_at, "expectation \"%s\" proved accurate", e->text);
		} else if (resolved) {
			*s += x->p->w_missed * w;
			*cn += w;
			x->a->missed++;
			contribute(x, CANDOR_COMPONENT_RELIABILITY, -x->p->w_missed * w, "expectation",
				   e->id, e->resolved_at, "expectation \"%s\" missed", e->text);
			contribute(x, CANDOR_COMPONENT_CREDIBILITY, -w, "expectation", e->id,
				   e->resolved_at, "expectation \"%s\" proved wrong", e->text);
		} else if (candor_due_end(e->by) <= x->at) {
			*s += x->p->w_overdue;
			contribute(x, CANDOR_COMPONENT_RELIABILITY, -x->p->w_overdue, "expectation",
				   e->id, candor_due_end(e->by), "expectation \"%s\" past its date, "
				   "not yet met", e->text);
		}
	}
}

bool candor_interaction_two_way(const struct candor_interaction *it)
{
	return it->kind == CANDOR_INTERACTION_CALL || it->kind == CANDOR_INTERACTION_MEETING ||
	       it->kind == CANDOR_INTERACTION_CHAT || it->inbound;
}


/*
 * Whether sg is category cat said by the side that counts for it: the
 * buyer's stalls, candour, disclosure and social talk; the seller's
 * pressure, closing and seller-centred language.
 */
static bool signal_is(const struct candor_signal *sg, const char *cat)
{
	bool seller_cat;

	/* the category first: most signals are not the one asked for (the
	 * chart assesses a buyer at every mark, so this runs millions of times) */
	if (sg->category[0] != cat[0] || strcmp(sg->category, cat))
		return false;
	seller_cat = !strcmp(cat, "pressure") || !strcmp(cat, "closing") ||
		     !strcmp(cat, "seller_centric");
	return sg->side == (seller_cat ? CANDOR_SIDE_SELLER : CANDOR_SIDE_BUYER);
}

/* Counts over interactions, facts, values and signals, used by C, I and S. */
struct tallies {
	double given, received, candid, social, pressure;
	double talk, talk_weight;  /* faded sum of seller talk share over calls */
	size_t facts, inbound;
};

/* Count the buyer's profile signals into the assessment. */
static void profile_count(struct candor_assessment *a, const struct candor_signal *sg)
{
	if (signal_is(sg, "toward"))
		a->toward++;
	else if (signal_is(sg, "away"))
		a->away++;
	else if (signal_is(sg, "options"))
		a->options++;
	else if (signal_is(sg, "procedures"))
		a->procedures++;
}

static void tally(struct assess *x, struct tallies *t)
{
	const struct candor_evidence *ev = x->ev;
	struct candor_assessment *a = x->a;

	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < ev->ninteractions; i++) {
		const struct candor_interaction *it = &ev->interactions[i];

		if (it->at > x->at || !candor_interaction_two_way(it))
			continue;
		a->two_way_contacts++;
		t->inbound += it->inbound;
		if (it->seller_share >= 0) {
			t->talk += it->seller_share * fade(x, it->at);
			t->talk_weight += fade(x, it->at);
		}
		if (it->at > a->last_two_way)
			a->last_two_way = it->at;
	}
	for (size_t i = 0; i < ev->nfacts; i++)
		if (ev->facts[i].at <= x->at) {
			if (!(a->fact_kinds_known & (1u << ev->facts[i].kind)))
				contribute(x, CANDOR_COMPONENT_INTIMACY, 0.5 / CANDOR_FACT_KINDS, "fact",
					   ev->facts[i].id, ev->facts[i].at, "discovery: %s known (%s)",
					   candor_name_of(candor_fact_kinds, ev->facts[i].kind),
					   ev->facts[i].text);
			a->fact_kinds_known |= 1u << ev->facts[i].kind;
			t->facts++;
		}
	for (size_t i = 0; i < ev->nvalues; i++) {
		const struct candor_value *v = &ev->values[i];

		if (v->at > x->at)
			continue;
		if (v->direction == CANDOR_VALUE_GIVEN) {
			t->given += fade(x, v->at);
			contribute(x, CANDOR_COMPONENT_CREDIBILITY, fade(x, v->at), "value", v->id,
				   v->at, "value given: %s", v->text);
		} else {
			t->received += fade(x, v->at);
			contribute(x, CANDOR_COMPONENT_INTIMACY, fade(x, v->at), "value", v->id, v->at,
				   "they gave back: %s", v->text);
		}
	}
	for (size_t i = 0; i < ev->nsignals; i++) {
		const struct candor_signal *sg = &ev->signals[i];
		/* a signal counts as much as the analyser is sure of it (its
		 * probability; a hedged phrase 0.5); one logged or corrected by a
		 * person (confidence -1, or none given), in full */
		double w = fade(x, sg->at) * (sg->confidence <= 0 || sg->confidence > 1 ? 1
					      : sg->confidence);

		if (sg->at > x->at)
			continue;
		if (signal_is(sg, "candor") || signal_is(sg, "disclosure")) {
			t->candid += w;
			contribute(x, CANDOR_COMPONENT_INTIMACY, w, "signal", sg->id, sg->at,
				   "%s: they said \"%s\"", sg->category, sg->text);
		} else if (signal_is(sg, "social") || signal_is(sg, "stall")) {
			t->social += w;
			contribute(x, CANDOR_COMPONENT_INTIMACY, -w, "signal", sg->id, sg->at,
				   "%s: they said \"%s\"", sg->category, sg->text);
		} else if (signal_is(sg, "pressure") || signal_is(sg, "closing") ||
			   signal_is(sg, "seller_centric")) {
			t->pressure += w;
			contribute(x, CANDOR_COMPONENT_SELF_ORIENTATION, w, "signal", sg->id, sg->at,
				   "%s: you said \"%s\"", sg->category, sg->text);
		}
		profile_count(a, sg);
	}
	a->seller_talk = t->talk_weight > 0 ? t->talk / t->talk_weight : -1;
}

static unsigned popcount(unsigned v)
{
	unsigned n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

/*
 * The records behind self-orientation's take and deficit terms (only when
 * the term is above 0: else they moved nothing) and each call's talk share.
 */
static void self_reasons(struct assess *x, bool take, bool deficit)
{
	const struct candor_evidence *ev = x->ev;

	for (size_t i = 0; take && i < ev->nvalues; i++)
		if (ev->values[i].at <= x->at)
			contribute(x, CANDOR_COMPONENT_SELF_ORIENTATION,
				   (ev->values[i].direction == CANDOR_VALUE_GIVEN ? -1 : 1) *
				   fade(x, ev->values[i].at), "value", ev->values[i].id, ev->values[i].at,
				   ev->values[i].direction == CANDOR_VALUE_GIVEN ? "you gave: %s"
				   : "you took more than you gave: %s", ev->values[i].text);
	for (size_t i = 0; i < ev->ninteractions; i++) {
		const struct candor_interaction *it = &ev->interactions[i];

		if (it->at > x->at || !candor_interaction_two_way(it))
			continue;
		if (deficit)
			contribute(x, CANDOR_COMPONENT_SELF_ORIENTATION, 1, "interaction", it->id,
				   it->at, "met without learning: more meetings than things learned (%s)",
				   it->text);
		if (it->seller_share >= 0)
			contribute(x, CANDOR_COMPONENT_SELF_ORIENTATION,
				   (it->seller_share > x->p->talk_good ? 1 : -1) * fade(x, it->at),
				   "interaction", it->id, it->at, "you talked %.0f%% of the call "
				   "(top sellers: about %.0f%%)", it->seller_share * 100,
				   x->p->talk_good * 100);
	}
	for (size_t i = 0; deficit && i < ev->nfacts; i++)
		if (ev->facts[i].at <= x->at)
			contribute(x, CANDOR_COMPONENT_SELF_ORIENTATION, -1, "fact", ev->facts[i].id,
				   ev->facts[i].at, "learned: %s", ev->facts[i].text);
}

static void components(struct assess *x, const struct tallies *t)
{
	struct candor_assessment *a = x->a;
	double r = 0, s = 0, cp = 0, cn = 0, coverage, openness, take, deficit, push, talk = 0;

	reliability_commitments(x, &r, &s);
	expectations(x, &r, &s, &cp, &cn);
	a->r = r;
	a->s = s;
	a->reliability = beta_mean(r, s);
	a->uncertainty = 2.0 / (r + s + 2.0);
	for (size_t i = 0; i < x->ev->nfits; i++)
		if (x->ev->fits[i].at <= x->at) {
			const struct candor_fit *f = &x->ev->fits[i];

			cp += fade(x, f->at); /* explored fit honestly */
			contribute(x, CANDOR_COMPONENT_CREDIBILITY, fade(x, f->at), "fit", f->id, f->at,
				   "fit explored together (%s): %s",
				   candor_name_of(candor_fit_verdicts, f->verdict), f->text);
		}
	a->credibility = beta_mean(cp + t->given, cn);
	coverage = (double)popcount(a->fact_kinds_known) / CANDOR_FACT_KINDS;
	openness = beta_mean(t->candid + t->received, t->social);
	a->intimacy = 0.5 * coverage + 0.5 * openness;
	take = t->received > t->given
		? (t->received - t->given) / (t->received + t->given + 1) : 0;
	deficit = a->two_way_contacts > t->facts
		? (double)(a->two_way_contacts - t->facts) / (double)(a->two_way_contacts + 2) : 0;
	push = t->pressure / (t->pressure + 2.0);
	if (a->seller_talk >= 0)
		talk = fmin(1.0, fmax(0.0, (a->seller_talk - x->p->talk_good) /
					   (x->p->talk_bad - x->p->talk_good)));
	a->self_orientation = 0.25 * take + 0.3 * deficit + 0.25 * push + 0.2 * talk;
	if (x->why) {
		*x->why = (struct candor_explanation){ .v = x->why->v, .n = x->why->n,
			.alloc = x->why->alloc, .cred_pos = cp + t->given, .cred_neg = cn,
			.coverage = coverage, .openness = openness,
			.open_pos = t->candid + t->received, .open_neg = t->social, .take = take,
			.deficit = deficit, .push = push, .talk = talk };
		self_reasons(x, take > 0, deficit > 0);
	}
	a->trust = (a->credibility + a->reliability + a->intimacy) / 3.0 /
		   (1.0 + 2.0 * a->self_orientation);
}

static bool knows(const struct candor_assessment *a, int kind)
{
	return a->fact_kinds_known & (1u << kind);
}

static bool knows_any(const struct candor_assessment *a, const int *kinds, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (knows(a, kinds[i]))
			return true;
	return false;
}

/* Append the names of the fact kinds in want that are not known. */
static void missing_kinds(char *dst, size_t n, const struct candor_assessment *a,
			  const int *want, size_t nwant)
{
	size_t used = 0;

	dst[0] = '\0';
	for (size_t i = 0; i < nwant && used < n; i++) {
		int w;

		if (knows(a, want[i]))
			continue;
		w = snprintf(dst + used, n - used, "%s%s", used ? ", " : "",
			     candor_name_of(candor_fact_kinds, want[i]));
		if (w > 0)
			used += (size_t)w;
	}
}

/* The latest fact of kind known at x->at, or NULL. */
static const struct candor_fact *latest_fact(const struct assess *x, int kind)
{
	const struct candor_fact *f = NULL;

	for (size_t i = 0; i < x->ev->nfacts; i++)
		if (x->ev->facts[i].kind == kind && x->ev->facts[i].at <= x->at &&
		    (!f || x->ev->facts[i].at >= f->at))
			f = &x->ev->facts[i];
	return f;
}

/* The latest two-way interaction (inbound only: the buyer's own) by x->at, or NULL. */
static const struct candor_interaction *latest_two_way(const struct assess *x, bool inbound)
{
	const struct candor_interaction *it = NULL;

	for (size_t i = 0; i < x->ev->ninteractions; i++) {
		const struct candor_interaction *t = &x->ev->interactions[i];

		if (t->at <= x->at && candor_interaction_two_way(t) && (!inbound || t->inbound) &&
		    (!it || t->at >= it->at))
			it = t;
	}
	return it;
}

/* Ground gate g on the latest fact of each kind in kinds that is known. */
static void ground_facts(struct assess *x, int g, const int *kinds, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct candor_fact *f = latest_fact(x, kinds[i]);
		char when[CANDOR_DATE_MAX];

		if (!f)
			continue;
		day(when, f->at);
		ground(x, g, "fact", f->id, "%s known: \"%s\" (%s)",
		       candor_name_of(candor_fact_kinds, f->kind), f->text, when);
	}
}

static void gate_know_grounds(struct assess *x)
{
	static const int basics[] = { CANDOR_FACT_BOTHERING, CANDOR_FACT_HOPED };
	const struct candor_interaction *it = latest_two_way(x, false);
	char when[CANDOR_DATE_MAX];

	if (it) {
		day(when, it->at);
		ground(x, 0, "interaction", it->id, "two-way contact: %s on %s",
		       candor_name_of(candor_interaction_kinds, it->kind), when);
	}
	ground_facts(x, 0, basics, CANDOR_ARRAY_SIZE(basics));
}

static void gate_know(struct assess *x, struct candor_gate *g)
{
	static const int basics[] = { CANDOR_FACT_BOTHERING, CANDOR_FACT_HOPED };
	char miss[128];

	if (!x->a->two_way_contacts)
		add_reason(g, NULL, 0, 0, "talk with them, not at them: a call or a meeting, then log it",
			   "no two-way contact yet: no call, meeting or reply from the buyer");
	missing_kinds(miss, sizeof(miss), x->a, basics, CANDOR_ARRAY_SIZE(basics));
	if (*miss)
		add_reason(g, NULL, 0, 0, "ask what bothers them and what they hope for, then record what you learned",
			   "the seller does not yet know the basics of this buyer: %s", miss);
	if (!g->nreasons)
		gate_know_grounds(x);
}

static void gate_like_grounds(struct assess *x, const struct tallies *t)
{
	const struct candor_interaction *in = latest_two_way(x, true), *last = latest_two_way(x, false);
	const struct candor_value *got = NULL;
	char when[CANDOR_DATE_MAX];

	for (size_t i = 0; i < x->ev->nvalues; i++)
		if (x->ev->values[i].direction != CANDOR_VALUE_GIVEN && x->ev->values[i].at <= x->at &&
		    (!got || x->ev->values[i].at >= got->at))
			got = &x->ev->values[i];
	ground(x, 1, NULL, 0, "%zu two-way contacts (%d needed)", x->a->two_way_contacts,
	       x->p->like_contacts);
	if (in) {
		day(when, in->at);
		ground(x, 1, "interaction", in->id, "they reached out on %s: %s", when, in->text);
	}
	if (got && t->received > 0) {
		day(when, got->at);
		ground(x, 1, "value", got->id, "they gave back on %s: %s", when, got->text);
	}
	if (last) {
		day(when, last->at);
		ground(x, 1, "interaction", last->id, "not cooling: last two-way contact on %s "
		       "(within %d days)", when, x->p->cooling_days);
	}
}

static void gate_like(struct assess *x, struct candor_gate *g, const struct tallies *t)
{
	struct candor_assessment *a = x->a;
	char when[CANDOR_DATE_MAX];

	if (a->two_way_contacts < (size_t)x->p->like_contacts)
		add_reason(g, NULL, 0, 0, "keep the conversation going on their terms",
			   "engagement not yet returned: %zu two-way contact%s (need %d)",
			   a->two_way_contacts, a->two_way_contacts == 1 ? "" : "s",
			   x->p->like_contacts);
	else if (!t->inbound && t->received <= 0)
		add_reason(g, NULL, 0, 0, "give something useful first; see if they give back",
			   "engagement not returned: the buyer has not reached out or given anything back");
	if (a->last_two_way && x->at - a->last_two_way > (int64_t)x->p->cooling_days * CANDOR_DAY) {
		day(when, a->last_two_way);
		add_reason(g, NULL, 0, CANDOR_REASON_STALL, "reach out with something of value to them",
			   "cooling: no two-way contact for %" PRId64 " days (last %s)",
			   (x->at - a->last_two_way) / CANDOR_DAY, when);
	}
	if (!g->nreasons)
		gate_like_grounds(x, t);
}

/* Whether signal a was said after signal b: by time, then conversation, then order. */
static bool said_after(const struct candor_signal *a, const struct candor_signal *b)
{
	if (a->at != b->at)
		return a->at > b->at;
	if (a->interaction_id != b->interaction_id)
		return a->interaction_id > b->interaction_id;
	return a->id > b->id;
}

/* The buyer's latest stall, unless candour from the same buyer followed it. */
static const struct candor_signal *stall_of(struct assess *x, int64_t contact)
{
	const struct candor_signal *stall = NULL;

	for (size_t i = 0; i < x->ev->nsignals; i++) {
		const struct candor_signal *sg = &x->ev->signals[i];

		if (sg->at <= x->at && sg->contact_id == contact && signal_is(sg, "stall") &&
		    (!stall || said_after(sg, stall)))
			stall = sg;
	}
	for (size_t i = 0; stall && i < x->ev->nsignals; i++) {
		const struct candor_signal *sg = &x->ev->signals[i];

		if (sg->at <= x->at && sg->contact_id == contact &&
		    (signal_is(sg, "candor") || signal_is(sg, "disclosure")) && said_after(sg, stall))
			return NULL;
	}
	return stall;
}

/*
 * The open stall that holds the trust gate: for one buyer, their latest
 * stall not followed by their own candour; for an account, the latest such
 * stall of any of its buyers (one buyer's candour does not lift another's).
 */
static const struct candor_signal *open_stall(struct assess *x)
{
	const struct candor_signal *open = NULL;

	for (size_t i = 0; i < x->ev->nsignals; i++) {
		const struct candor_signal *sg = &x->ev->signals[i], *st;

		if (i && sg->contact_id == x->ev->signals[i - 1].contact_id)
			continue; /* signals are grouped by contact: one look per buyer */
		st = stall_of(x, sg->contact_id);
		if (st && (!open || said_after(st, open)))
			open = st;
	}
	return open;
}

/* The stalls said in the same conversation as stall, quoted: "a" and "b". */
static void stall_words(struct assess *x, const struct candor_signal *stall, char *dst, size_t n)
{
	size_t used = 0, count = 0;

	dst[0] = '\0';
	for (size_t i = 0; i < x->ev->nsignals && used < n; i++) {
		const struct candor_signal *sg = &x->ev->signals[i];
		int w;

		if (sg->interaction_id != stall->interaction_id || !signal_is(sg, "stall"))
			continue;
		if (i && sg->quote && *sg->quote && x->ev->signals[i - 1].quote &&
		    !strcmp(sg->quote, x->ev->signals[i - 1].quote) &&
		    signal_is(&x->ev->signals[i - 1], "stall"))
			continue; /* two stalls in one sentence: quote it once */
		w = snprintf(dst + used, n - used, "%s\"%s\"", count++ ? " and " : "",
			     sg->quote && *sg->quote ? sg->quote : sg->text);
		if (w > 0)
			used += (size_t)w;
	}
}

static void reliability_reasons(struct assess *x, struct candor_gate *g)
{
	char when[CANDOR_DATE_MAX];

	for (size_t i = 0; i < x->ev->ncommitments; i++) {
		const struct candor_commitment *c = &x->ev->commitments[i];
		struct candor_commitment_state st;

		if (c->made > x->at)
			continue;
		candor_commitment_state_at(&st, c, x->at);
		if (st.status == CANDOR_COMMITMENT_BROKEN &&
		    x->at - st.resolved_at < 2 * (int64_t)(x->p->half_life_days * CANDOR_DAY)) {
			day(when, st.resolved_at);
			add_reason(g, "commitment", c->id, 0, "own it, and make a promise you can keep",
				   "promise #%" PRId64 " \"%s\" was broken on %s", c->id, c->text, when);
		} else if (st.overdue) {
			day(when, st.due);
			add_reason(g, "commitment", c->id, CANDOR_REASON_STALL,
				   "keep it, or renegotiate it honestly before it costs more",
				   "promise #%" PRId64 " \"%s\" is overdue since %s", c->id, c->text, when);
		}
	}
}

static void gate_trust_grounds(struct assess *x, const int *open_kinds, size_t nkinds)
{
	const struct candor_signal *candid = NULL;
	const struct candor_commitment *kept = NULL;
	char when[CANDOR_DATE_MAX];

	for (size_t i = 0; i < x->ev->nsignals; i++) {
		const struct candor_signal *sg = &x->ev->signals[i];

		if (sg->at <= x->at && (signal_is(sg, "candor") || signal_is(sg, "disclosure")) &&
		    (!candid || said_after(sg, candid)))
			candid = sg;
	}
	if (candid) {
		day(when, candid->at);
		ground(x, 2, "signal", candid->id, "real communication: they said \"%s\" (%s, %s)",
		       candid->text, candid->category, when);
	}
	ground_facts(x, 2, open_kinds, nkinds);
	for (size_t i = 0; i < x->ev->ncommitments; i++) {
		struct candor_commitment_state st;

		candor_commitment_state_at(&st, &x->ev->commitments[i], x->at);
		if (st.status == CANDOR_COMMITMENT_KEPT && x->ev->commitments[i].made <= x->at)
			kept = &x->ev->commitments[i];
	}
	ground(x, 2, kept ? "commitment" : NULL, kept ? kept->id : 0, "reliability %.2f "
	       "(%zu kept, %zu kept late, %zu met; %.2f needed), no open stall",
	       x->a->reliability, x->a->kept, x->a->kept_late, x->a->met, x->p->reliable_min);
	ground(x, 2, NULL, 0, "trust %.2f (%.2f needed)", x->a->trust, x->p->trust_min);
}

static void gate_trust(struct assess *x, struct candor_gate *g)
{
	static const int open_kinds[] = { CANDOR_FACT_WORRIED, CANDOR_FACT_CONCERN,
					  CANDOR_FACT_MOTIVATION, CANDOR_FACT_OBJECTION };
	struct candor_assessment *a = x->a;
	const struct candor_signal *stall = open_stall(x);
	char when[CANDOR_DATE_MAX];
	bool candid = knows_any(a, open_kinds, CANDOR_ARRAY_SIZE(open_kinds));

	for (size_t i = 0; i < x->ev->nsignals; i++)
		candid |= x->ev->signals[i].at <= x->at &&
			  (signal_is(&x->ev->signals[i], "candor") ||
			   signal_is(&x->ev->signals[i], "disclosure"));
	if (stall) {
		char words[240];

		day(when, stall->at);
		stall_words(x, stall, words, sizeof(words));
		add_reason(g, "signal", stall->id, CANDOR_REASON_STALL,
			   "not an objection: ask what would make it feel safe, then listen",
			   "they said %s (%s): trust has not stabilised, and no candour has followed",
			   words, when);
	}
	if (!candid)
		add_reason(g, NULL, 0, 0, "ask what they are really worried about, and allow silence",
			   "no real communication yet: no worry, concern, motivation or objection disclosed");
	reliability_reasons(x, g);
	if (a->r + a->s < x->p->evidence_min)
		add_reason(g, NULL, 0, 0, "make a small promise and keep it on time",
			   "reliability not established: too little follow-through on record "
			   "(%zu kept, %zu met so far)", a->kept + a->kept_late, a->met);
	else if (a->reliability < x->p->reliable_min)
		add_reason(g, NULL, 0, 0, "keep the next promises on time",
			   "reliability %.2f is below %.2f", a->reliability, x->p->reliable_min);
	if (a->trust < x->p->trust_min)
		add_reason(g, NULL, 0, 0, NULL, "trust %.2f is below %.2f", a->trust, x->p->trust_min);
	if (!g->nreasons)
		gate_trust_grounds(x, open_kinds, CANDOR_ARRAY_SIZE(open_kinds));
}

static void gate_ready(struct assess *x, struct candor_gate *g)
{
	static const int concerns[] = { CANDOR_FACT_CONCERN, CANDOR_FACT_WORRIED, CANDOR_FACT_OBJECTION };
	const struct candor_fit *fit = NULL;

	if (!knows(x->a, CANDOR_FACT_CRITERIA))
		add_reason(g, NULL, 0, 0, "ask how they will decide, and who else decides",
			   "their decision criteria are not known");
	for (size_t i = 0; i < x->ev->nfits; i++)
		if (x->ev->fits[i].at <= x->at && (!fit || x->ev->fits[i].at >= fit->at))
			fit = &x->ev->fits[i];
	if (!fit)
		add_reason(g, NULL, 0, 0, "explore the fit together, including whether someone else would serve them better",
			   "fit not yet explored together");
	else if (fit->verdict == CANDOR_FIT_POOR || fit->verdict == CANDOR_FIT_REFER)
		add_reason(g, "fit", fit->id, 0, "help them decide well, even if that is elsewhere",
			   "fit explored together and found %s: \"%s\"",
			   fit->verdict == CANDOR_FIT_POOR ? "poor" : "better elsewhere", fit->text);
	if (!knows_any(x->a, concerns, CANDOR_ARRAY_SIZE(concerns)))
		add_reason(g, NULL, 0, 0, "ask what could go wrong for them if they choose this",
			   "no concern, worry or objection surfaced yet: it is not yet safe to choose");
	if (!g->nreasons) {
		static const int criteria[] = { CANDOR_FACT_CRITERIA };
		char when[CANDOR_DATE_MAX];

		ground_facts(x, 3, criteria, 1);
		day(when, fit->at);
		ground(x, 3, "fit", fit->id, "fit explored together on %s: %s, \"%s\"", when,
		       candor_name_of(candor_fit_verdicts, fit->verdict), fit->text);
		ground_facts(x, 3, concerns, CANDOR_ARRAY_SIZE(concerns));
	}
}

static void decision(struct assess *x)
{
	const struct candor_decision *d = NULL;

	for (size_t i = 0; i < x->ev->ndecisions; i++)
		if (x->ev->decisions[i].at <= x->at &&
		    (!d || x->ev->decisions[i].at >= d->at))
			d = &x->ev->decisions[i];
	x->a->decision = d ? d->kind : -1;
	x->a->decided_at = d ? d->at : 0;
}

static int assess(struct candor_assessment *out, struct candor_explanation *why,
		  const struct candor_evidence *ev, int64_t at, const struct candor_model_params *params,
		  bool quiet)
{
	struct assess x = { out, ev, params ? params : &candor_model_default, at, why, false };
	struct tallies t;
	bool open = true;

	if (quiet) {
		/* the numbers alone (a chart's hundreds of samples): the reasons'
		 * 17 KB of text are not cleared, as add_reason sets every field of
		 * each reason it adds and nothing reads past nreasons */
		size_t after = offsetof(struct candor_assessment, gates) + sizeof(out->gates);

		memset(out, 0, offsetof(struct candor_assessment, gates));
		memset((char *)out + after, 0, sizeof(*out) - after);
	} else {
		memset(out, 0, sizeof(*out));
	}
	out->at = at;
	out->model_version = CANDOR_MODEL_VERSION;
	tally(&x, &t);
	components(&x, &t);
	for (int i = 0; i < CANDOR_GATES; i++) {
		out->gates[i].stage = CANDOR_STAGE_KNOW + i;
		out->gates[i].open = false;
		out->gates[i].nreasons = 0;
		out->gates[i].quiet = quiet;
	}
	gate_know(&x, &out->gates[0]);
	gate_like(&x, &out->gates[1], &t);
	gate_trust(&x, &out->gates[2]);
	gate_ready(&x, &out->gates[3]);
	out->stage = CANDOR_STAGE_NEW;
	for (int i = 0; i < CANDOR_GATES; i++) {
		struct candor_gate *g = &out->gates[i];

		g->open = open && g->nreasons == 0;
		open = g->open;
		if (g->open)
			out->stage = g->stage;
		for (size_t k = 0; k < g->nreasons; k++)
			out->stalled |= !g->open && (g->reasons[k].flags & CANDOR_REASON_STALL);
	}
	decision(&x);
	if (out->decision >= 0 && out->decision != CANDOR_DECISION_STILL_DECIDING) {
		out->stage = CANDOR_STAGE_DECIDED;
		out->stalled = false; /* nothing sits: they decided */
	}
	for (int i = 0; why && i < CANDOR_GATES; i++)
		if (!out->gates[i].open)
			why->ngrounds[i] = 0;
	return x.oom ? -1 : 0;
}

void candor_model_assess(struct candor_assessment *out,
			 const struct candor_evidence *ev, int64_t at,
			 const struct candor_model_params *params)
{
	assess(out, NULL, ev, at, params, false);
}

void candor_model_assess_numbers(struct candor_assessment *out,
				 const struct candor_evidence *ev, int64_t at,
				 const struct candor_model_params *params)
{
	assess(out, NULL, ev, at, params, true);
}

int candor_model_explain(struct candor_assessment *out, struct candor_explanation *why,
			 const struct candor_evidence *ev, int64_t at,
			 const struct candor_model_params *params)
{
	why->n = 0;
	memset(why->ngrounds, 0, sizeof(why->ngrounds));
	return assess(out, why, ev, at, params, false);
}

void candor_explanation_release(struct candor_explanation *why)
{
	free(why->v);
	memset(why, 0, sizeof(*why));
}

/* Lower *until to the thresholds a record dated t may cross after at. */
static void horizon(int64_t *until, int64_t at, int64_t t, const struct candor_model_params *p)
{
	int64_t cand[] = {
		t, t + 1, candor_due_end(t),
		t + (int64_t)p->cooling_days * CANDOR_DAY + 1,
		t + 2 * (int64_t)(p->half_life_days * CANDOR_DAY),
	};

	for (size_t i = 0; i < sizeof(cand) / sizeof(cand[0]); i++)
		if (cand[i] > at && cand[i] < *until)
			*until = cand[i];
}

int64_t candor_model_valid_until(const struct candor_evidence *ev, int64_t at,
				 const struct candor_model_params *params)
{
	const struct candor_model_params *p = params ? params : &candor_model_default;
	int64_t until = candor_due_end(at);

	for (size_t i = 0; i < ev->ninteractions; i++)
		horizon(&until, at, ev->interactions[i].at, p);
	for (size_t i = 0; i < ev->nsignals; i++)
		horizon(&until, at, ev->signals[i].at, p);
	for (size_t i = 0; i < ev->ncommitments; i++) {
		horizon(&until, at, ev->commitments[i].made, p);
		for (size_t k = 0; k < ev->commitments[i].nevents; k++) {
			horizon(&until, at, ev->commitments[i].events[k].at, p);
			horizon(&until, at, ev->commitments[i].events[k].due, p);
		}
	}
	for (size_t i = 0; i < ev->nexpectations; i++) {
		horizon(&until, at, ev->expectations[i].set_at, p);
		horizon(&until, at, ev->expectations[i].by, p);
		horizon(&until, at, ev->expectations[i].resolved_at, p);
	}
	for (size_t i = 0; i < ev->nfacts; i++)
		horizon(&until, at, ev->facts[i].at, p);
	for (size_t i = 0; i < ev->nvalues; i++)
		horizon(&until, at, ev->values[i].at, p);
	for (size_t i = 0; i < ev->nfits; i++)
		horizon(&until, at, ev->fits[i].at, p);
	for (size_t i = 0; i < ev->ndecisions; i++)
		horizon(&until, at, ev->decisions[i].at, p);
	return until;
}

int candor_assessment_order(const struct candor_assessment *a, const struct candor_assessment *b)
{
	if (a->stage != b->stage)
		return a->stage - b->stage;
	if (a->stalled != b->stalled)
		return a->stalled ? -1 : 1;
	if (a->trust != b->trust)
		return a->trust > b->trust ? -1 : 1;
	return 0;
}

const struct candor_reason *candor_assessment_headline(const struct candor_assessment *a)
{
	for (int i = 0; i < CANDOR_GATES; i++)
		for (size_t k = 0; k < a->gates[i].nreasons; k++)
			if (!a->gates[i].open && (!a->stalled ||
			    (a->gates[i].reasons[k].flags & CANDOR_REASON_STALL)))
				return &a->gates[i].reasons[k];
	return NULL;
}

static const char *pattern(size_t a, size_t b, const char *an, const char *bn)
{
	if (!a && !b)
		return "unknown";
	return a > b ? an : b > a ? bn : "mixed";
}

const char *candor_profile_direction_of(const struct candor_assessment *a)
{
	return pattern(a->toward, a->away, "toward", "away");
}

const char *candor_profile_style_of(const struct candor_assessment *a)
{
	return pattern(a->options, a->procedures, "options", "procedures");
}

void candor_next_step(char *dst, size_t n, const struct candor_assessment *a)
{
	const char *dir = candor_profile_direction_of(a), *style = candor_profile_style_of(a);
	const struct candor_reason *r = candor_assessment_headline(a);
	const char *what = r && *r->hint ? r->hint : a->stage == CANDOR_STAGE_DECIDED
		? "keep the promises of the relationship; it goes on after the decision"
		: "ask what would make it safe for them to choose now";
	const char *how_dir = !strcmp(dir, "toward")
		? "; say what success looks like and how it is reached"
		: !strcmp(dir, "away") ? "; say which risk it removes and what it prevents" : "";
	const char *how_style = !strcmp(style, "options")
		? "; offer two or three ways forward and keep the choice reversible"
		: !strcmp(style, "procedures") ? "; lay out the steps: first, then, and what happens next"
		: "";

	snprintf(dst, n, "%s%s%s", what, how_dir, how_style);
}
