/*
 * sigmodel.h: the learned signal model (see docs/analyser.md).
 *
 * One logistic regression per signal category over the features of
 * text/features.h, trained by liblinear from the labelled calls
 * (text/train.c) and kept as a text file (model/signals.model): a header,
 * one line per category (its side, bias, decision threshold and
 * cross-validated F1) and one line per feature hash with its weight in
 * every category.  The model's id is a hash of the file's bytes, so two
 * files with the same id are the same model; it is printed beside every
 * score ("candor-trust/2 signals/ID").
 *
 * A category is found in an utterance when its probability
 * 1/(1+e^-(w.x+b)) reaches the category's threshold, and only on the side
 * it belongs to (SIGNALS.md): buyer categories on buyer lines, seller ones
 * on seller lines, the rest on both; an utterance whose side is unknown is
 * scored for every category.
 *
 * A model may also hold, per category, a second stage (text/stack.h): a
 * logistic regression over the first stage's scores of every category on
 * the turn and around it in the call.  Where it has one, that second
 * stage decides whether the category is found (text/analyze.c).
 *
 * A loaded model is read-only and may be shared between threads.
 */
#ifndef CANDOR_TEXT_SIGMODEL_H
#define CANDOR_TEXT_SIGMODEL_H

#include "util/common.h"
#include "core/conversation.h"

struct candor_error;
struct candor_buf;
struct candor_utt_feats;
struct candor_second_stage;

/* The seventeen categories of SIGNALS.md, in this fixed order. */
#define CANDOR_NCATS 17
extern const char *const candor_signal_categories[CANDOR_NCATS];

enum candor_cat_side { CANDOR_CAT_BUYER, CANDOR_CAT_SELLER, CANDOR_CAT_EITHER };
extern const enum candor_cat_side candor_signal_sides[CANDOR_NCATS];

/* The index of category name, or -1. */
int candor_signal_category(const char *name);
/* Whether category c may be said by side. */
bool candor_signal_side_ok(int c, enum candor_side side);

struct candor_signal_model;

/* Per category: what the model decides with. */
struct candor_cat_params {
	double bias;             /* w0 of the logistic regression */
	double threshold;        /* probability at which the category is found */
	double cv_f1;            /* cross-validated F1 when it was trained; -1 unknown */
};

/*
 * Load a model file.  CANDOR_ENOTFOUND when it cannot be read,
 * CANDOR_EINVALID (message names file:line) when it is not a model this
 * build reads, CANDOR_ERROR when out of memory.  Free with
 * candor_signal_model_free.
 */
int candor_signal_model_load(struct candor_signal_model **out, const char *path,
			     struct candor_error *err);
void candor_signal_model_free(struct candor_signal_model *m);

/* The model's id: 16 hex digits, a hash of the file's bytes. */
const char *candor_signal_model_id(const struct candor_signal_model *m);
/* How the model was made (the file's "trained" line), or "". */
const char *candor_signal_model_about(const struct candor_signal_model *m);
const struct candor_cat_params *candor_signal_model_params(const struct candor_signal_model *m,
							   int c);

/*
 * What a model was trained from: a digest of the labelled calls (the
 * corpus as read, a user's corrections aside) and the training options
 * that change the result.  A model trained again from the same source
 * gives the same weights for every category none of the corrections
 * touched, so `candor model train` keeps those from the shipped model
 * and trains only the corrected ones (text/train.h).
 */
struct candor_model_source {
	uint64_t corpus;         /* candor_corpus_digest of the labelled calls */
	double C;
	int folds, min_count;
};

/* The model's source (its "source" line); false when the file has none. */
bool candor_signal_model_source(const struct candor_signal_model *m,
				struct candor_model_source *out);
void candor_signal_model_set_source(struct candor_signal_model *m,
				    const struct candor_model_source *src);
/* The weights of feature hash h (CANDOR_NCATS of them), or NULL when the
 * model has none for it. */
const float *candor_signal_model_row(const struct candor_signal_model *m, uint64_t h);
/* The number of feature rows, and the hash of row k (in the file's order). */
size_t candor_signal_model_rows(const struct candor_signal_model *m);
uint64_t candor_signal_model_key(const struct candor_signal_model *m, size_t k);

/* The default model: $CANDOR_MODEL, else the user's chosen model (the file
 * the models folder's "current" names, `candor model use`), else the
 * shipped one: the source tree's model/signals.model when it exists, else
 * the installed one. */
const char *candor_signal_model_default_path(void);
const char *candor_signal_model_shipped_path(void);
/* The folder of the user's own models: $CANDOR_MODELS, else
 * $XDG_DATA_HOME/candor/models, else ~/.local/share/candor/models. */
const char *candor_signal_model_dir(void);
/* The model file named by the folder's file which ("current", "previous")
 * into name (a bare file name); false when there is none. */
bool candor_signal_model_chosen(char *name, size_t n, const char *which);

/* Category c's second stage (text/stack.h), or NULL when the first
 * stage decides it alone (a version 1 file has none). */
const struct candor_second_stage *candor_signal_model_second(const struct candor_signal_model *m,
							     int c);
/* Give category c a copy of s as its second stage (NULL: none). */
int candor_signal_model_set_second(struct candor_signal_model *m, int c,
				   const struct candor_second_stage *s);

/* The cross-validated F1 of the stage that decides category c (its second
 * stage's when it has one), or -1 when unknown. */
double candor_signal_model_cv_f1(const struct candor_signal_model *m, int c);

/* The first stage's log-odds of every category for one featurized
 * utterance, whatever side said it. */
void candor_signal_model_logits(const struct candor_signal_model *m,
				const struct candor_utt_feats *f, double s[CANDOR_NCATS]);

/*
 * Probabilities for one featurized utterance said by side: prob[c] for
 * every category (0 for one the side may not say).
 */
void candor_signal_model_score(const struct candor_signal_model *m,
			       const struct candor_utt_feats *f, enum candor_side side,
			       double prob[CANDOR_NCATS]);

/*
 * The same over an utterance and its sentences (text/features.h,
 * candor_featurize_sentences): prob[c] is the highest, and from[c] says
 * where it came from (-1 the whole utterance, else the sentence's index).
 */
void candor_signal_model_score_parts(const struct candor_signal_model *m,
				     const struct candor_utt_feats *whole,
				     const struct candor_utt_feats *sent, size_t nsent,
				     enum candor_side side, double prob[CANDOR_NCATS],
				     int from[CANDOR_NCATS]);

/*
 * The words that raised category c most: the word feature (word, pair or
 * triple) with the largest positive contribution, as a range of f's words.
 * False when no word feature raised it.
 */
bool candor_signal_model_words(const struct candor_signal_model *m,
			       const struct candor_utt_feats *f, int c,
			       size_t *tok, size_t *ntok);

/*
 * Append to out, one per line, the features that moved category c for f,
 * largest contribution first, at most max of them: "  +0.83  b:let_me".
 * names is the buffer candor_featurize filled.
 */
int candor_signal_model_explain(const struct candor_signal_model *m,
				const struct candor_utt_feats *f, const char *names, int c,
				size_t max, struct candor_buf *out);

/*
 * A model under construction (train.c): categories' parameters and a
 * weight row per feature.  Rows are added in order; the file is written
 * with candor_signal_model_write, which sets the id.
 */
int candor_signal_model_new(struct candor_signal_model **out, size_t nfeatures);
int candor_signal_model_set_row(struct candor_signal_model *m, size_t row, uint64_t hash,
				const float w[CANDOR_NCATS]);
void candor_signal_model_set_params(struct candor_signal_model *m, int c,
				    const struct candor_cat_params *p);
int candor_signal_model_set_about(struct candor_signal_model *m, const char *about);
/* Write m to path (atomically: a temporary file renamed). */
int candor_signal_model_write(struct candor_signal_model *m, const char *path,
			      struct candor_error *err);

#endif
