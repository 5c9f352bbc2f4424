/*
 * stack.h: the second stage's columns (see docs/analyser.md, "A second
 * stage").
 *
 * A second stage reads, for every turn of a call, the first stage's
 * scores of all seventeen categories on the turn and around it.  This is
 * the one rule that turns those scores into columns: the trainer
 * (text/train.c) builds its rows with it, and the analyser must build
 * its own with it too, so the two can never drift apart.
 */
#ifndef CANDOR_TEXT_STACK_H
#define CANDOR_TEXT_STACK_H

#include "util/common.h"
#include "text/sigmodel.h"

/* Blocks of one column per category, then what a turn's place says. */
enum {
	CANDOR_STACK_SELF,         /* the turn's probability */
	CANDOR_STACK_SELF_LOGIT,   /* its log-odds, a quarter of them, within +-4 */
	CANDOR_STACK_PREV,         /* the turn before */
	CANDOR_STACK_NEXT,         /* the turn after */
	CANDOR_STACK_PREV2,        /* the one before that */
	CANDOR_STACK_SPEAKER,      /* the same speaker's previous turn */
	CANDOR_STACK_SELLERS,      /* the highest over the call's other seller turns */
	CANDOR_STACK_BUYERS,       /* ... and its other buyer turns */
	CANDOR_STACK_NBLOCKS
};
/* after the blocks: no turn before, none after, the turn before of the
 * same side, the turn after of the same side */
#define CANDOR_STACK_FIRST (CANDOR_STACK_NBLOCKS * CANDOR_NCATS)
#define CANDOR_STACK_DIM   (CANDOR_STACK_FIRST + 4)

/* One turn of a call as the second stage sees it. */
struct candor_stack_turn {
	double logit[CANDOR_NCATS];  /* the first stage's log-odds, every category */
	enum candor_side side;
	const char *speaker;         /* borrowed */
};

/*
 * The columns of the n turns of one call, in order, into out
 * (CANDOR_STACK_DIM floats per turn, zeroed here first).  A single
 * utterance (n == 1) gets no neighbours.
 */
void candor_stack_columns(const struct candor_stack_turn *t, size_t n, float *out);

/*
 * A category's second stage: a logistic regression over one turn's
 * columns, trained by text/train.c on the first stage's out-of-fold
 * scores and kept in the model file ("second" lines, sigmodel.h).  Where
 * a category has one, it decides in the first stage's place.
 */
struct candor_second_stage {
	double bias;
	double threshold;        /* probability at which the category is found */
	double cv_f1;            /* cross-validated F1 when it was trained */
	float w[CANDOR_STACK_DIM];
};

/* Its log-odds and probability for one turn's columns. */
double candor_second_stage_logit(const struct candor_second_stage *s, const float *cols);
double candor_second_stage_prob(const struct candor_second_stage *s, const float *cols);

/* What column d says, for --explain: "the turn before: question". */
void candor_stack_column_name(int d, char *buf, size_t n);

#endif
