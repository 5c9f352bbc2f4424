/*
 * model.h: the trust model and the stage gates.  Pure: no I/O, no clock.
 *
 * Given the evidence about one buyer (or one account: the union of its
 * buyers' evidence) and a moment "at", the model computes
 *   - four components in [0, 1] after the trust equation of Maister, Green
 *     and Galford (The Trusted Advisor, 2000): credibility C, reliability R,
 *     intimacy I and self-orientation S;
 *   - trust T = ((C + R + I) / 3) / (1 + 2 S), in [0, 1];
 *   - the gates KNOW, LIKE, TRUST, READY, each open or shut with the reasons
 *     that hold it shut (or the evidence it rests on), pointing at records;
 *   - the stage: the last gate open in sequence, or DECIDED once the buyer has
 *     made their decision.
 * Evidence dated after "at" is ignored, so the same evidence and the same
 * "at" always give the same answer.  Every weight, the half-life and every
 * threshold live in struct candor_model_params (model.c documents each), and
 * CANDOR_MODEL_VERSION changes whenever one of them or a formula does.
 * docs/model.md explains the model for users.
 */
#ifndef CANDOR_MODEL_H
#define CANDOR_MODEL_H

#include "core/domain.h"

#define CANDOR_MODEL_VERSION "candor-trust/2"
#define CANDOR_DAY_SECONDS 86400

struct candor_model_params {
	double half_life_days;     /* evidence weight halves every this many days */
	double w_kept;             /* kept on time: r += w_kept */
	double w_late;             /* kept late: r += w_late and s += w_late */
	double w_broken;           /* broken: s += w_broken (negativity bias) */
	double w_overdue;          /* open past due: s += w_overdue, unfaded */
	double w_renegotiated_late;/* renegotiated after it was due: s += this */
	double w_missed;           /* expectation missed: s += w_missed */
	double talk_good;          /* seller talk share at or below this is fine (0.43) */
	double talk_bad;           /* ... at or above this counts fully (0.75) */
	double reliable_min;       /* R needed at the TRUST gate */
	double evidence_min;       /* r + s needed before R counts as established */
	double trust_min;          /* T needed at the TRUST gate */
	int cooling_days;          /* no two-way contact for this long: cooling */
	int like_contacts;         /* two-way contacts needed at the LIKE gate */
};

/* The parameters of CANDOR_MODEL_VERSION. */
extern const struct candor_model_params candor_model_default;

enum candor_stage {
	CANDOR_STAGE_NEW,      /* no gate open yet */
	CANDOR_STAGE_KNOW,
	CANDOR_STAGE_LIKE,
	CANDOR_STAGE_TRUST,
	CANDOR_STAGE_READY,
	CANDOR_STAGE_DECIDED,
};
extern const struct candor_name candor_stages[]; /* "new", "know", ... */
#define CANDOR_GATES 4 /* KNOW, LIKE, TRUST, READY */

/* All the evidence about one buyer or account.  Arrays are borrowed. */
struct candor_evidence {
	const struct candor_interaction *interactions; size_t ninteractions;
	const struct candor_signal *signals; size_t nsignals;
	const struct candor_commitment *commitments; size_t ncommitments;
	const struct candor_expectation *expectations; size_t nexpectations;
	const struct candor_fact *facts; size_t nfacts;
	const struct candor_value *values; size_t nvalues;
	const struct candor_fit *fits; size_t nfits;
	const struct candor_decision *decisions; size_t ndecisions;
};

/* Why a gate is shut (or, for an open gate, what it rests on). */
enum candor_reason_flag {
	CANDOR_REASON_STALL = 1,   /* the deal sits: a stall, cooling, or overdue promise */
};
struct candor_reason {
	char text[320];
	char hint[200];         /* what would honestly move it; "" when none */
	const char *ref_kind;   /* "commitment", "fact", "interaction", "signal",
	                           "expectation", "fit", "decision", or NULL */
	int64_t ref_id;
	int flags;
};

#define CANDOR_MAX_REASONS 8
struct candor_gate {
	int stage;              /* the stage this gate opens */
	bool open;
	struct candor_reason reasons[CANDOR_MAX_REASONS];
	size_t nreasons;
	bool quiet;             /* candor_model_assess_numbers: reasons counted, their words left empty */
};

/* The state of one commitment at a moment, derived from its events. */
struct candor_commitment_state {
	int status;             /* OPEN, KEPT, KEPT_LATE or BROKEN */
	int64_t due;            /* the due date in force */
	int64_t resolved_at;    /* 0 while open */
	int renegotiations;
	bool overdue;           /* open and past due */
};
/* The end of the due day: a promise due on a date may be kept all that day. */
static inline int64_t candor_due_end(int64_t due)
{
	int64_t r = due % CANDOR_DAY_SECONDS;

	return due - (r < 0 ? r + CANDOR_DAY_SECONDS : r) + CANDOR_DAY_SECONDS;
}
void candor_commitment_state_at(struct candor_commitment_state *out,
				const struct candor_commitment *c, int64_t at);

struct candor_assessment {
	int64_t at;
	const char *model_version;
	double trust;
	double credibility, reliability, intimacy, self_orientation;
	double r, s;            /* reliability evidence, faded */
	double uncertainty;     /* Beta uncertainty 2 / (r + s + 2): 1 = no evidence */
	int stage;              /* enum candor_stage */
	bool stalled;           /* a shut gate has a STALL reason */
	int decision;           /* enum candor_decision_kind, -1 when none */
	int64_t decided_at;
	struct candor_gate gates[CANDOR_GATES];
	/* counts behind the numbers, for "open every number" */
	size_t kept, kept_late, broken, overdue, open_commitments;
	size_t met, missed;
	unsigned fact_kinds_known; /* bit (1 << kind) per known enum candor_fact_kind */
	size_t two_way_contacts;
	int64_t last_two_way;   /* 0 when none */
	double seller_talk;     /* faded mean seller share of talk in calls; -1 when none */
	/* how the buyer decides (LAB profile), from what they said */
	size_t toward, away, options, procedures;
};

/*
 * The buyer's patterns, from the counts in a: "toward" or "away" (the
 * direction they move: toward goals, away from problems), "options" or
 * "procedures" (how they like to decide); "mixed" when both show equally,
 * "unknown" when neither has shown yet.  Patterns depend on context; they
 * are not personality types.
 */
const char *candor_profile_direction_of(const struct candor_assessment *a);
const char *candor_profile_style_of(const struct candor_assessment *a);

/*
 * The next step, framed for this buyer: what would honestly move the first
 * shut gate, then how to say it so it mirrors their patterns.  Writes into
 * dst (always terminated).
 */
void candor_next_step(char *dst, size_t n, const struct candor_assessment *a);

/*
 * "Open every number": what the model counted, as it counted it.  Each
 * contribution is one record's weight on one component as of "at" (after
 * fading): weight > 0 raises the component, < 0 lowers it (for
 * self-orientation, raising it is bad: lower is better).  grounds[g] are
 * the records an open gate g rests on (empty for a shut gate: its reasons
 * say why).  The parts are the terms of each component's formula.
 */
enum candor_component {
	CANDOR_COMPONENT_CREDIBILITY,
	CANDOR_COMPONENT_RELIABILITY,
	CANDOR_COMPONENT_INTIMACY,
	CANDOR_COMPONENT_SELF_ORIENTATION,
	CANDOR_COMPONENTS
};
extern const struct candor_name candor_components[]; /* "credibility", ... */

struct candor_contribution {
	int component;          /* enum candor_component */
	double weight;
	const char *ref_kind;   /* as in struct candor_reason; NULL for none */
	int64_t ref_id;
	int64_t at;             /* the record's date (when it counted) */
	char text[240];
};

struct candor_explanation {
	struct candor_contribution *v; /* malloc'd; freed by candor_explanation_release */
	size_t n, alloc;
	struct candor_reason grounds[CANDOR_GATES][CANDOR_MAX_REASONS];
	size_t ngrounds[CANDOR_GATES];
	/* the formulas' terms */
	double cred_pos, cred_neg;        /* C = (pos + 1) / (pos + neg + 2) */
	double coverage, openness;        /* I = coverage / 2 + openness / 2 */
	double open_pos, open_neg;        /* openness = (pos + 1) / (pos + neg + 2) */
	double take, deficit, push, talk; /* S = .25 take + .3 deficit + .25 push + .2 talk */
};

/*
 * Assess as candor_model_assess does, and fill *why (which the caller
 * owns: start it zeroed, release it with candor_explanation_release, also
 * on failure).  0, or -1 when out of memory (*out is still the assessment).
 */
int candor_model_explain(struct candor_assessment *out, struct candor_explanation *why,
			 const struct candor_evidence *ev, int64_t at,
			 const struct candor_model_params *params);
void candor_explanation_release(struct candor_explanation *why);

/* Whether an interaction is two-way (a call, meeting or chat, or the buyer reaching out). */
bool candor_interaction_two_way(const struct candor_interaction *it);

/* Assess evidence as of "at" with params (NULL: the defaults). */
void candor_model_assess(struct candor_assessment *out,
			 const struct candor_evidence *ev, int64_t at,
			 const struct candor_model_params *params);

/*
 * As candor_model_assess, the numbers alone: stage, stalled, trust and its
 * components, the evidence counts; each reason is there with its record and
 * flags but its text and hint are empty, and the slots past each gate's
 * nreasons are left as they were.  The chart assesses a buyer at every mark
 * and shows only numbers.
 */
void candor_model_assess_numbers(struct candor_assessment *out,
				 const struct candor_evidence *ev, int64_t at,
				 const struct candor_model_params *params);

/*
 * Until when the answer of candor_model_assess(ev, at) holds: the first
 * moment after at at which some threshold may be crossed without new
 * evidence (a record's date arriving, a due day ending, the cooling
 * period or a broken promise's window running out), and never past the
 * end of at's day, so that fading, which moves trust a little every
 * day, is caught up with daily.  Conservative: the answer may well hold
 * longer.  Kept answers (store.h) are valid in [at, this).
 */
int64_t candor_model_valid_until(const struct candor_evidence *ev, int64_t at,
				 const struct candor_model_params *params);

/*
 * The pipeline's order: by stage, then stalled first, then higher trust
 * first.  Negative, 0 or positive, as for qsort; 0 leaves the tie to the
 * caller (by id, for a stable listing).
 */
int candor_assessment_order(const struct candor_assessment *a, const struct candor_assessment *b);

/* The first reason of the first shut gate (the one-line "why it sits"), or NULL. */
const struct candor_reason *candor_assessment_headline(const struct candor_assessment *a);

#endif
