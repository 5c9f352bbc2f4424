/*
 * test-model.c: the trust model's properties (DESIGN.md §2) and its gates.
 */
#include "util/common.h"
#include <setjmp.h>
#include <cmocka.h>
#include "util/date.h"
#include "core/model.h"

#define DAY CANDOR_DAY
#define T0 1795132800 /* 2026-11-20 */
#define MAXN 64

/* A ledger built in memory for one buyer. */
struct ledger {
	struct candor_interaction it[MAXN]; size_t nit;
	struct candor_signal sg[MAXN]; size_t nsg;
	struct candor_commitment cm[MAXN]; size_t ncm;
	struct candor_commitment_event ce[MAXN][4];
	struct candor_expectation ex[MAXN]; size_t nex;
	struct candor_fact f[MAXN]; size_t nf;
	struct candor_value v[MAXN]; size_t nv;
	struct candor_fit fit[MAXN]; size_t nfit;
	struct candor_decision d[MAXN]; size_t nd;
	int64_t next_id;
};

static struct candor_evidence view(const struct ledger *l)
{
	struct candor_evidence ev = {
		l->it, l->nit, l->sg, l->nsg, l->cm, l->ncm, l->ex, l->nex,
		l->f, l->nf, l->v, l->nv, l->fit, l->nfit, l->d, l->nd
	};
	return ev;
}

/* Every assessment here is made twice: whole, and the numbers alone (the
 * chart's), which must agree on everything but the reasons' words. */
static struct candor_assessment assess(const struct ledger *l, int64_t at)
{
	struct candor_evidence ev = view(l);
	struct candor_assessment a, n;

	candor_model_assess(&a, &ev, at, NULL);
	candor_model_assess_numbers(&n, &ev, at, NULL);
	assert_int_equal(n.stage, a.stage);
	assert_int_equal(n.stalled, a.stalled);
	assert_int_equal(n.decision, a.decision);
	assert_true(n.trust == a.trust && n.credibility == a.credibility &&
		    n.reliability == a.reliability && n.intimacy == a.intimacy &&
		    n.self_orientation == a.self_orientation && n.r == a.r && n.s == a.s &&
		    n.uncertainty == a.uncertainty && n.last_two_way == a.last_two_way);
	for (int g = 0; g < CANDOR_GATES; g++) {
		assert_int_equal(n.gates[g].open, a.gates[g].open);
		assert_int_equal(n.gates[g].nreasons, a.gates[g].nreasons);
		for (size_t k = 0; k < a.gates[g].nreasons; k++) {
			assert_int_equal(n.gates[g].reasons[k].flags, a.gates[g].reasons[k].flags);
			assert_int_equal(n.gates[g].reasons[k].ref_id, a.gates[g].reasons[k].ref_id);
			assert_string_equal(n.gates[g].reasons[k].text, "");
		}
	}
	return a;
}

static int64_t meet(struct ledger *l, int kind, int64_t at, bool inbound)
{
	struct candor_interaction *it = &l->it[l->nit++];

	*it = (struct candor_interaction){ .id = ++l->next_id, .kind = kind, .at = at,
					   .inbound = inbound, .seller = "s", .text = "t",
					   .seller_share = -1 };
	return it->id;
}

static void said(struct ledger *l, int64_t interaction, int64_t at, char *cat, char *text)
{
	l->sg[l->nsg++] = (struct candor_signal){ .id = ++l->next_id, .interaction_id = interaction,
						  .at = at, .category = cat, .text = text,
						  .side = CANDOR_SIDE_BUYER, .utterance = -1 };
}

static struct candor_commitment *promise(struct ledger *l, int64_t made, int64_t due)
{
	size_t i = l->ncm++;
	struct candor_commitment *c = &l->cm[i];

	l->ce[i][0] = (struct candor_commitment_event){ .at = made, .status = CANDOR_COMMITMENT_OPEN,
							.due = due, .note = "" };
	*c = (struct candor_commitment){ .id = ++l->next_id, .text = "send it", .made = made,
					 .events = l->ce[i], .nevents = 1 };
	return c;
}

static void resolve(struct candor_commitment *c, int status, int64_t at)
{
	struct candor_commitment_event *e = &c->events[c->nevents++];

	*e = (struct candor_commitment_event){ .at = at, .status = status,
					       .due = c->events[0].due, .note = "" };
	if (status == CANDOR_COMMITMENT_KEPT && at >= candor_due_end(c->events[0].due))
		e->status = CANDOR_COMMITMENT_KEPT_LATE;
}

static void learn(struct ledger *l, int kind, int64_t at)
{
	l->f[l->nf++] = (struct candor_fact){ .id = ++l->next_id, .kind = kind, .text = "x",
					      .source = "", .at = at };
}

/* A deterministic pseudo-random ledger, for property tests. */
static uint64_t rng_state;
static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(rng_state >> 33) % n;
}

static void random_ledger(struct ledger *l, uint64_t seed)
{
	memset(l, 0, sizeof(*l));
	rng_state = seed;
	for (unsigned i = 0, n = rnd(6); i < n; i++)
		meet(l, (int)rnd(4), T0 - (int64_t)rnd(200) * DAY, rnd(3) == 0);
	for (unsigned i = 0, n = rnd(5); i < n; i++)
		learn(l, (int)rnd(CANDOR_FACT_KINDS), T0 - (int64_t)rnd(200) * DAY);
	for (unsigned i = 0, n = 1 + rnd(8); i < n; i++) {
		int64_t made = T0 - (int64_t)rnd(300) * DAY;
		struct candor_commitment *c = promise(l, made, made + (int64_t)rnd(30) * DAY);
		unsigned what = rnd(4);

		if (what == 1)
			resolve(c, CANDOR_COMMITMENT_KEPT, made + (int64_t)rnd(60) * DAY);
		else if (what == 2)
			resolve(c, CANDOR_COMMITMENT_BROKEN, made + (int64_t)rnd(60) * DAY);
	}
}

/* Keeping an open promise never lowers trust, whenever it is kept and looked at. */
static void keeping_never_lowers_trust(void **state)
{
	for (uint64_t seed = 1; seed <= 400; seed++) {
		struct ledger l;
		struct candor_commitment *open = NULL;

		random_ledger(&l, seed);
		for (size_t i = 0; i < l.ncm && !open; i++)
			if (l.cm[i].nevents == 1)
				open = &l.cm[i];
		if (!open)
			continue;
		for (int64_t at = open->made; at <= T0 + 200 * DAY; at += 17 * DAY) {
			int64_t kept_at = open->made + (int64_t)rnd((unsigned)((at - open->made) / DAY + 1)) * DAY;
			struct candor_assessment before = assess(&l, at), after;

			resolve(open, CANDOR_COMMITMENT_KEPT, kept_at);
			after = assess(&l, at);
			open->nevents = 1;
			assert_true(after.trust >= before.trust);
			assert_true(after.reliability >= before.reliability);
		}
	}
}

/* From the same state, breaking costs more than keeping earns. */
static void breaking_costs_more_than_keeping_earns(void **state)
{
	for (int kept_before = 0; kept_before < 6; kept_before++) {
		struct ledger l = { 0 };
		struct candor_commitment *c;
		double base, up, down;

		for (int i = 0; i < kept_before; i++)
			resolve(promise(&l, T0 - 40 * DAY, T0 - 30 * DAY), CANDOR_COMMITMENT_KEPT,
				T0 - 31 * DAY);
		c = promise(&l, T0 - 10 * DAY, T0 + 10 * DAY);
		base = assess(&l, T0).trust;
		resolve(c, CANDOR_COMMITMENT_KEPT, T0 - DAY);
		up = assess(&l, T0).trust - base;
		c->nevents = 1;
		resolve(c, CANDOR_COMMITMENT_BROKEN, T0 - DAY);
		down = base - assess(&l, T0).trust;
		assert_true(up > 0);
		assert_true(down > up);
	}
}

static void kept_late_sits_between(void **state)
{
	struct ledger l = { 0 };
	struct candor_commitment *c = promise(&l, T0 - 20 * DAY, T0 - 10 * DAY);
	double on_time, late, broken;

	resolve(c, CANDOR_COMMITMENT_KEPT, T0 - 11 * DAY);
	on_time = assess(&l, T0).reliability;
	c->nevents = 1;
	resolve(c, CANDOR_COMMITMENT_KEPT, T0 - 5 * DAY);
	assert_int_equal(c->events[1].status, CANDOR_COMMITMENT_KEPT_LATE);
	late = assess(&l, T0).reliability;
	c->nevents = 1;
	resolve(c, CANDOR_COMMITMENT_BROKEN, T0 - 5 * DAY);
	broken = assess(&l, T0).reliability;
	assert_true(on_time > late);
	assert_true(late > broken);
}

/* An old broken promise weighs less than a fresh one; old kept ones fade too. */
static void evidence_fades(void **state)
{
	struct ledger old = { 0 }, fresh = { 0 };

	resolve(promise(&old, T0 - 400 * DAY, T0 - 390 * DAY), CANDOR_COMMITMENT_BROKEN, T0 - 389 * DAY);
	resolve(promise(&fresh, T0 - 12 * DAY, T0 - 2 * DAY), CANDOR_COMMITMENT_BROKEN, T0 - DAY);
	assert_true(assess(&old, T0).trust > assess(&fresh, T0).trust);
	/* the same broken promise, looked at later, costs less */
	assert_true(assess(&fresh, T0 + 365 * DAY).reliability > assess(&fresh, T0).reliability);
	/* uncertainty grows back as evidence fades */
	assert_true(assess(&fresh, T0 + 365 * DAY).uncertainty > assess(&fresh, T0).uncertainty);
}

/* An open promise past due does not fade: it counts until it is resolved. */
static void overdue_does_not_fade(void **state)
{
	struct ledger l = { 0 };

	promise(&l, T0 - 40 * DAY, T0 - 30 * DAY);
	assert_true(assess(&l, T0 + 300 * DAY).reliability <= assess(&l, T0).reliability + 1e-12);
	assert_int_equal(assess(&l, T0).overdue, 1);
	/* due today is not yet overdue */
	l.ncm = 0;
	promise(&l, T0 - 4 * DAY, T0);
	assert_int_equal(assess(&l, T0 + 23 * 3600).overdue, 0);
	assert_int_equal(assess(&l, T0 + DAY).overdue, 1);
}

static void same_evidence_same_answer(void **state)
{
	for (uint64_t seed = 1; seed <= 50; seed++) {
		struct ledger l;
		struct candor_assessment a, b;

		random_ledger(&l, seed);
		a = assess(&l, T0);
		b = assess(&l, T0);
		assert_memory_equal(&a, &b, sizeof(a));
		assert_string_equal(a.model_version, CANDOR_MODEL_VERSION);
		assert_true(a.trust >= 0 && a.trust <= 1);
		assert_true(a.self_orientation >= 0 && a.self_orientation <= 1);
	}
}

/* Evidence dated after "at" changes nothing: --at is a true look back. */
static void future_evidence_is_ignored(void **state)
{
	for (uint64_t seed = 1; seed <= 50; seed++) {
		struct ledger l;
		struct candor_assessment a, b;

		random_ledger(&l, seed);
		a = assess(&l, T0 - 30 * DAY);
		resolve(promise(&l, T0 - 10 * DAY, T0), CANDOR_COMMITMENT_BROKEN, T0 - 5 * DAY);
		learn(&l, CANDOR_FACT_CRITERIA, T0 - 2 * DAY);
		meet(&l, CANDOR_INTERACTION_CALL, T0 - DAY, true);
		b = assess(&l, T0 - 30 * DAY);
		assert_memory_equal(&a, &b, sizeof(a));
	}
}

static bool has_reason(const struct candor_gate *g, const char *needle)
{
	for (size_t i = 0; i < g->nreasons; i++)
		if (strstr(g->reasons[i].text, needle))
			return true;
	return false;
}

/* A buyer with every gate open but for what each test takes away. */
static void trusted_buyer(struct ledger *l)
{
	int64_t id;

	memset(l, 0, sizeof(*l));
	meet(l, CANDOR_INTERACTION_CALL, T0 - 20 * DAY, false);
	id = meet(l, CANDOR_INTERACTION_MEETING, T0 - 10 * DAY, false);
	meet(l, CANDOR_INTERACTION_EMAIL, T0 - 9 * DAY, true);
	said(l, id, T0 - 10 * DAY, "candor", "can I be honest with you");
	for (int k = 0; k < CANDOR_FACT_KINDS; k++)
		learn(l, k, T0 - 10 * DAY);
	for (int i = 0; i < 3; i++)
		resolve(promise(l, T0 - 30 * DAY, T0 - 20 * DAY), CANDOR_COMMITMENT_KEPT, T0 - 21 * DAY);
	l->v[l->nv++] = (struct candor_value){ .id = ++l->next_id, .direction = CANDOR_VALUE_GIVEN,
					       .text = "benchmark", .at = T0 - 15 * DAY };
	l->fit[l->nfit++] = (struct candor_fit){ .id = ++l->next_id, .verdict = CANDOR_FIT_GOOD,
						 .text = "fits", .at = T0 - 5 * DAY };
}

static void gates_open_in_order(void **state)
{
	struct ledger l;
	struct candor_assessment a;

	trusted_buyer(&l);
	a = assess(&l, T0);
	for (int i = 0; i < CANDOR_GATES; i++)
		assert_true(a.gates[i].open);
	assert_int_equal(a.stage, CANDOR_STAGE_READY);
	assert_false(a.stalled);
	/* an empty ledger: nothing open, reasons say why */
	memset(&l, 0, sizeof(l));
	a = assess(&l, T0);
	assert_int_equal(a.stage, CANDOR_STAGE_NEW);
	assert_true(has_reason(&a.gates[0], "no two-way contact"));
	assert_true(has_reason(&a.gates[0], "bothering, hoped"));
}

static void a_stall_shuts_trust_until_candour_follows(void **state)
{
	struct ledger l;
	struct candor_assessment a;
	int64_t call;

	trusted_buyer(&l);
	call = meet(&l, CANDOR_INTERACTION_CALL, T0 - 2 * DAY, false);
	said(&l, call, T0 - 2 * DAY, "stall", "let me think about it");
	a = assess(&l, T0);
	assert_false(a.gates[2].open);
	assert_true(has_reason(&a.gates[2], "let me think about it"));
	assert_true(a.stalled);
	assert_int_equal(a.stage, CANDOR_STAGE_LIKE);
	/* earlier candour does not lift a later stall; later candour does */
	call = meet(&l, CANDOR_INTERACTION_CALL, T0 - DAY, false);
	said(&l, call, T0 - DAY, "candor", "what I'm really worried about is the rollout");
	a = assess(&l, T0);
	assert_true(a.gates[2].open);
	assert_int_equal(a.stage, CANDOR_STAGE_READY);
	/* looking back to before the candour, the stall still holds */
	assert_false(assess(&l, T0 - DAY - 1).gates[2].open);
}

static void broken_promise_is_a_reason(void **state)
{
	struct ledger l;
	struct candor_assessment a;
	struct candor_commitment *c;

	trusted_buyer(&l);
	c = promise(&l, T0 - 8 * DAY, T0 - 4 * DAY);
	resolve(c, CANDOR_COMMITMENT_BROKEN, T0 - 3 * DAY);
	a = assess(&l, T0);
	assert_false(a.gates[2].open);
	assert_true(has_reason(&a.gates[2], "was broken"));
	for (size_t i = 0; i < a.gates[2].nreasons; i++)
		if (strstr(a.gates[2].reasons[i].text, "was broken")) {
			assert_string_equal(a.gates[2].reasons[i].ref_kind, "commitment");
			assert_int_equal(a.gates[2].reasons[i].ref_id, c->id);
		}
}

static void cooling_and_decisions(void **state)
{
	struct ledger l;
	struct candor_assessment a;

	trusted_buyer(&l);
	a = assess(&l, T0 + 60 * DAY);
	assert_false(a.gates[1].open);
	assert_true(has_reason(&a.gates[1], "cooling"));
	assert_true(a.stalled);
	l.d[l.nd++] = (struct candor_decision){ .id = 999, .kind = CANDOR_DECISION_STILL_DECIDING,
						.note = "", .at = T0 };
	assert_int_equal(assess(&l, T0).stage, CANDOR_STAGE_READY);
	l.d[l.nd++] = (struct candor_decision){ .id = 1000, .kind = CANDOR_DECISION_BOUGHT,
						.note = "", .at = T0 + DAY };
	a = assess(&l, T0 + 2 * DAY);
	assert_int_equal(a.stage, CANDOR_STAGE_DECIDED);
	assert_int_equal(a.decision, CANDOR_DECISION_BOUGHT);
	assert_int_equal(assess(&l, T0).stage, CANDOR_STAGE_READY);
}

static void fit_poor_or_refer_holds_ready(void **state)
{
	struct ledger l;
	struct candor_assessment a;

	trusted_buyer(&l);
	l.fit[l.nfit++] = (struct candor_fit){ .id = 77, .verdict = CANDOR_FIT_REFER,
					       .text = "their ERP vendor does this natively",
					       .at = T0 - DAY };
	a = assess(&l, T0);
	assert_false(a.gates[3].open);
	assert_true(has_reason(&a.gates[3], "better elsewhere"));
	/* honesty about fit is credibility, not a loss of trust */
	l.nfit--;
	assert_true(a.credibility > assess(&l, T0).credibility);
}

static void pitching_before_discovery_is_self_oriented(void **state)
{
	struct ledger l = { 0 };
	double s0, s3;

	meet(&l, CANDOR_INTERACTION_CALL, T0 - 3 * DAY, false);
	s0 = assess(&l, T0).self_orientation;
	meet(&l, CANDOR_INTERACTION_CALL, T0 - 2 * DAY, false);
	meet(&l, CANDOR_INTERACTION_CALL, T0 - DAY, false);
	s3 = assess(&l, T0).self_orientation;
	assert_true(s3 > s0);
	learn(&l, CANDOR_FACT_BOTHERING, T0);
	learn(&l, CANDOR_FACT_HOPED, T0);
	learn(&l, CANDOR_FACT_TRIED, T0);
	assert_true(assess(&l, T0).self_orientation < s3);
}

/* Only the buyer's stalls count; the seller saying "let me think" is not a stall. */
/* A signal counts as much as the analyser was sure of it; a person's in full. */
static void signals_weigh_by_their_confidence(void **state)
{
	struct ledger sure = { 0 }, unsure = { 0 }, none = { 0 };
	struct candor_assessment a, b, c;

	(void)state;
	for (struct ledger *l = &sure; l; l = l == &sure ? &unsure : l == &unsure ? &none : NULL) {
		int64_t it = meet(l, CANDOR_INTERACTION_CALL, T0 - 10 * DAY, false);

		if (l != &none)
			said(l, it, T0 - 10 * DAY, "candor", "to be honest");
	}
	sure.sg[0].confidence = -1;
	unsure.sg[0].confidence = 0.3;
	a = assess(&sure, T0);
	b = assess(&unsure, T0);
	c = assess(&none, T0);
	assert_true(a.intimacy > b.intimacy);
	assert_true(b.intimacy > c.intimacy);
	/* 0.3 of a candid remark: openness (o + 1) / (o + 2) with o = 0.3 x fade */
	assert_true(b.intimacy - c.intimacy < 0.5 * (a.intimacy - c.intimacy));
}

static void signals_count_for_the_side_that_said_them(void **state)
{
	struct ledger l;
	int64_t call;

	trusted_buyer(&l);
	call = meet(&l, CANDOR_INTERACTION_CALL, T0 - DAY, false);
	said(&l, call, T0 - DAY, "stall", "let me think about it");
	l.sg[l.nsg - 1].side = CANDOR_SIDE_SELLER;
	assert_true(assess(&l, T0).gates[2].open);
	l.sg[l.nsg - 1].side = CANDOR_SIDE_BUYER;
	assert_false(assess(&l, T0).gates[2].open);
}

/* Talking more than listening is self-orientation; 43% or less is not. */
static void talking_too_much_is_self_oriented(void **state)
{
	struct ledger l = { 0 };
	double quiet, loud;

	meet(&l, CANDOR_INTERACTION_CALL, T0 - DAY, false);
	learn(&l, CANDOR_FACT_BOTHERING, T0);
	l.it[0].seller_share = 0.40;
	quiet = assess(&l, T0).self_orientation;
	assert_true(quiet < 1e-9);
	l.it[0].seller_share = 0.80;
	loud = assess(&l, T0).self_orientation;
	assert_true(loud > quiet);
	{
		double t_loud = assess(&l, T0).trust, t_quiet;

		l.it[0].seller_share = 0.40;
		t_quiet = assess(&l, T0).trust;
		assert_true(t_loud < t_quiet);
	}
}

static void profile_and_next_step(void **state)
{
	struct ledger l = { 0 };
	struct candor_assessment a;
	char next[512];
	int64_t call = meet(&l, CANDOR_INTERACTION_CALL, T0 - DAY, false);

	said(&l, call, T0 - DAY, "away", "so we don't have to");
	said(&l, call, T0 - DAY, "away", "avoid");
	said(&l, call, T0 - DAY, "toward", "the goal is");
	said(&l, call, T0 - DAY, "procedures", "first, then");
	a = assess(&l, T0);
	assert_string_equal(candor_profile_direction_of(&a), "away");
	assert_string_equal(candor_profile_style_of(&a), "procedures");
	candor_next_step(next, sizeof(next), &a);
	assert_non_null(strstr(next, "risk it removes"));
	assert_non_null(strstr(next, "lay out the steps"));
	memset(&l, 0, sizeof(l));
	a = assess(&l, T0);
	assert_string_equal(candor_profile_direction_of(&a), "unknown");
}

/* Candour later the same day (another conversation, same date) lifts a stall. */
static void candour_the_same_day_lifts_a_stall(void **state)
{
	struct ledger l;
	int64_t call, later;

	trusted_buyer(&l);
	call = meet(&l, CANDOR_INTERACTION_CALL, T0 - DAY, false);
	said(&l, call, T0 - DAY, "stall", "let me think about it");
	assert_false(assess(&l, T0).gates[2].open);
	later = meet(&l, CANDOR_INTERACTION_MEETING, T0 - DAY, false);
	said(&l, later, T0 - DAY, "candor", "honestly, our CFO is worried");
	assert_true(assess(&l, T0).gates[2].open);
}

/* For an account, one buyer's candour does not lift another buyer's stall. */
static void one_buyers_candour_does_not_lift_anothers_stall(void **state)
{
	struct ledger l;
	int64_t call;

	trusted_buyer(&l);
	call = meet(&l, CANDOR_INTERACTION_CALL, T0 - 2 * DAY, false);
	said(&l, call, T0 - 2 * DAY, "stall", "let me think about it");
	l.sg[l.nsg - 1].contact_id = 7;
	call = meet(&l, CANDOR_INTERACTION_CALL, T0 - DAY, false);
	said(&l, call, T0 - DAY, "candor", "can I be honest with you");
	l.sg[l.nsg - 1].contact_id = 8;
	assert_false(assess(&l, T0).gates[2].open);
	l.sg[l.nsg - 1].contact_id = 7;
	assert_true(assess(&l, T0).gates[2].open);
}

/* The explanation is what the model counted: the same answer, and the
 * reliability contributions add up to its r and s. */
static void explanation_adds_up(void **state)
{
	for (uint64_t seed = 1; seed < 200; seed++) {
		struct ledger l;
		struct candor_evidence ev;
		struct candor_assessment a, b;
		struct candor_explanation why = { 0 };
		double r = 0, s = 0;

		random_ledger(&l, seed);
		ev = view(&l);
		candor_model_assess(&a, &ev, T0, NULL);
		assert_int_equal(candor_model_explain(&b, &why, &ev, T0, NULL), 0);
		assert_memory_equal(&a, &b, sizeof(a));
		for (size_t i = 0; i < why.n; i++) {
			const struct candor_contribution *c = &why.v[i];

			assert_true(c->text[0] && c->weight != 0);
			if (c->component != CANDOR_COMPONENT_RELIABILITY)
				continue;
			assert_non_null(c->ref_kind);
			if (c->weight > 0)
				r += c->weight;
			else
				s -= c->weight;
		}
		assert_float_equal(r, a.r, 1e-9);
		assert_float_equal(s, a.s, 1e-9);
		for (int g = 0; g < CANDOR_GATES; g++)
			assert_true(a.gates[g].open ? why.ngrounds[g] > 0 : why.ngrounds[g] == 0);
		candor_explanation_release(&why);
	}
}

/* A ready buyer: every gate open, and each says what it rests on. */
static void open_gates_say_what_opened_them(void **state)
{
	struct ledger l;
	struct candor_evidence ev;
	struct candor_assessment a;
	struct candor_explanation why = { 0 };
	bool candour = false, fit = false, broken = false;

	trusted_buyer(&l);
	ev = view(&l);
	assert_int_equal(candor_model_explain(&a, &why, &ev, T0, NULL), 0);
	assert_int_equal(a.stage, CANDOR_STAGE_READY);
	for (int g = 0; g < CANDOR_GATES; g++)
		assert_true(why.ngrounds[g] > 0);
	for (size_t k = 0; k < why.ngrounds[2]; k++)
		candour |= !strcmp(why.grounds[2][k].ref_kind ? why.grounds[2][k].ref_kind : "", "signal");
	for (size_t k = 0; k < why.ngrounds[3]; k++)
		fit |= !strcmp(why.grounds[3][k].ref_kind ? why.grounds[3][k].ref_kind : "", "fit");
	assert_true(candour && fit);
	/* a broken promise: a reliability contribution that lowers, dated when it broke */
	resolve(promise(&l, T0 - 8 * DAY, T0 - 6 * DAY), CANDOR_COMMITMENT_BROKEN, T0 - 4 * DAY);
	ev = view(&l);
	assert_int_equal(candor_model_explain(&a, &why, &ev, T0, NULL), 0);
	for (size_t i = 0; i < why.n; i++)
		broken |= why.v[i].component == CANDOR_COMPONENT_RELIABILITY && why.v[i].weight < -2 &&
			  why.v[i].at == T0 - 4 * DAY && strstr(why.v[i].text, "broken");
	assert_true(broken);
	candor_explanation_release(&why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keeping_never_lowers_trust),
		cmocka_unit_test(breaking_costs_more_than_keeping_earns),
		cmocka_unit_test(kept_late_sits_between),
		cmocka_unit_test(evidence_fades),
		cmocka_unit_test(overdue_does_not_fade),
		cmocka_unit_test(same_evidence_same_answer),
		cmocka_unit_test(future_evidence_is_ignored),
		cmocka_unit_test(gates_open_in_order),
		cmocka_unit_test(a_stall_shuts_trust_until_candour_follows),
		cmocka_unit_test(broken_promise_is_a_reason),
		cmocka_unit_test(cooling_and_decisions),
		cmocka_unit_test(fit_poor_or_refer_holds_ready),
		cmocka_unit_test(pitching_before_discovery_is_self_oriented),
		cmocka_unit_test(signals_count_for_the_side_that_said_them),
		cmocka_unit_test(signals_weigh_by_their_confidence),
		cmocka_unit_test(talking_too_much_is_self_oriented),
		cmocka_unit_test(profile_and_next_step),
		cmocka_unit_test(candour_the_same_day_lifts_a_stall),
		cmocka_unit_test(one_buyers_candour_does_not_lift_anothers_stall),
		cmocka_unit_test(explanation_adds_up),
		cmocka_unit_test(open_gates_say_what_opened_them),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
