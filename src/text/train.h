/*
 * train.h: teaching the signal model from labelled calls (liblinear).
 *
 * Every utterance of the corpus becomes a row of features (text/features.h);
 * each call is also added a second time as a speech recogniser would write
 * it (lower case, no question marks or other punctuation), so the model
 * does not lean on the capitals and punctuation real transcripts lack;
 * a call already written so (every utterance lower case, unpunctuated) is
 * not added twice.  Features seen in fewer than
 * three utterances are dropped.  Then, per category, over the rows of the
 * side that may say it and the calls labelled for it:
 *   - k-fold cross-validation by call (call i is in fold i mod k; with
 *     by_folder, the calls of the i-th folder are in fold i mod k) gives
 *     out-of-fold probabilities; the decision threshold is the one with
 *     the best F1 over them, and that F1 (on the calls as written) is the
 *     category's cross-validated score;
 *   - the final L2-regularised logistic regression (liblinear's primal
 *     trust-region solver, which uses no random numbers) is trained on
 *     every row.
 * The model's source line names the corpus (candor_corpus_digest) and the
 * options; given a base model of that same source, only the categories
 * asked for are trained and the others are copied from it.
 * Categories are trained in parallel threads; the result does not depend
 * on their number or order, so the same corpus always gives the same file.
 */
#ifndef CANDOR_TEXT_TRAIN_H
#define CANDOR_TEXT_TRAIN_H

#include "util/common.h"
#include "text/sigmodel.h"

struct candor_corpus;
struct candor_lexicon;
struct candor_error;

struct candor_train_opts {
	double C;                /* liblinear's cost: larger fits closer; 0: 16 */
	int folds;               /* cross-validation folds; 0: 5; 1: none */
	int threads;             /* 0: the number of cores */
	int min_count;           /* drop features in fewer utterances; 0: 3 */
	bool by_folder;          /* folds by the calls' folder (their writer), not by call */
	/* a model of the same source (sigmodel.h) whose categories outside
	 * retrain are kept as they are, weights, threshold and score: only the
	 * categories in retrain are trained.  Ignored (every category is
	 * trained) when base is NULL or was trained from another corpus or
	 * with other options. */
	const struct candor_signal_model *base;
	uint32_t retrain;
	FILE *progress;          /* where to say what it is doing, or NULL */
	FILE *errors;            /* where to list cross-validation misses, or NULL */
	/* an experiment, scored in cross-validation only (the model written
	 * is the first stage): a second stage per category over the first
	 * stage's out-of-fold scores (see CANDOR_STACK_*) */
	int stack;
	double stack_C;          /* the second stage's cost; 0: C */
	/* no second stages in the model (text/stack.h); they are trained
	 * whenever every category is, with folds */
	bool first_only;
};

/*
 * The second stages of opts.stack.  Every one sees, for each of the
 * seventeen categories, the first stage's probability of the turn before,
 * the turn after, the one before that, the same speaker's previous turn,
 * and the highest over the call's other seller turns and its other buyer
 * turns; they differ in what else:
 *   DENSE      the turn's own seventeen probabilities (and logits), alone;
 *   FEATURES   those and the first stage's features again;
 *   NEIGHBOURS the first stage's features, but not the turn's own scores:
 *              one stage, retrained with its context's scores.
 * The first stage's scores a second stage is trained on come from an
 * inner cross-validation (for outer fold k, a row of fold f != k is
 * scored by a first stage trained without folds k and f), so no second
 * stage is trained or scored on a first stage that saw the call.
 */
enum {
	CANDOR_STACK_NONE,
	CANDOR_STACK_DENSE,
	CANDOR_STACK_FEATURES,
	CANDOR_STACK_NEIGHBOURS,
};

struct candor_train_report {
	size_t calls, utterances, rows, features;
	size_t positives[CANDOR_NCATS];
	double precision[CANDOR_NCATS], recall[CANDOR_NCATS], f1[CANDOR_NCATS];
	double macro_f1;
	/* with opts.stack, the second stage's cross-validated scores */
	double stack_precision[CANDOR_NCATS], stack_recall[CANDOR_NCATS];
	double stack_f1[CANDOR_NCATS], stack_macro_f1;
	double stack_seconds;    /* of seconds, the second stages' (the inner folds' are in seconds) */
	/* the second stages shipped: each category's cross-validated F1, the
	 * ones kept (no worse than their first stage), the macro-F1 of the
	 * stage that decides each category; -1 when none were trained */
	double second_f1[CANDOR_NCATS], second_macro_f1;
	uint32_t second_used;
	double second_seconds;
	double seconds;
	uint32_t trained;        /* the categories trained; the rest are base's */
};

/*
 * Train a model from corpus with the lexicon's signals as features.  On
 * success *out is a new model (free with candor_signal_model_free; write
 * it with candor_signal_model_write) and rep, when given, holds the
 * cross-validated scores.  CANDOR_EINVALID for an empty corpus,
 * CANDOR_ERROR when out of memory or liblinear refuses.
 */
int candor_signal_train(struct candor_signal_model **out, const struct candor_corpus *corpus,
			const struct candor_lexicon *lx, const struct candor_train_opts *opts,
			struct candor_train_report *rep, struct candor_error *err);

/* The categories candor_signal_train would train with opts: opts->retrain
 * when opts->base comes from this corpus with these options, else all
 * (none: the result would be base itself). */
uint32_t candor_signal_train_plan(const struct candor_corpus *corpus,
				  const struct candor_train_opts *opts);

#endif
