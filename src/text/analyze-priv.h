/*
 * analyze-priv.h: pieces of the analyser shared inside src/text only.
 */
#ifndef CANDOR_TEXT_ANALYZE_PRIV_H
#define CANDOR_TEXT_ANALYZE_PRIV_H

#include "text/analyze.h"

/* Words in text: runs of non-whitespace. */
size_t candor_count_words(const char *text);

/*
 * Fill m from the utterances (timings, sides); words[i] and questions[i]
 * are the words and question signals of utterance i (both arrays n long;
 * may be NULL when n is 0).  Never fails.
 */
void candor_metrics_compute(struct candor_metrics *m, const struct candor_utterance *u,
			    size_t n, const size_t *words, const size_t *questions);

struct candor_signal_model;
struct candor_featurizer;
struct candor_utt_feats;
struct candor_stack_turn;

/*
 * The second stages over a call (text/stack.h): the first stage's log-odds
 * of every category on each of the n utterances (f: their features, from
 * fz), into turns; their stack columns into cols (CANDOR_STACK_DIM per
 * utterance); each category's second-stage probability into p2
 * (CANDOR_NCATS per utterance, 0 for a category without one).
 */
int candor_second_scores(const struct candor_signal_model *m, struct candor_featurizer *fz,
			 const struct candor_utt_feats *f, const struct candor_utterance *u,
			 size_t n, struct candor_stack_turn *turns, float *cols, double *p2);

#endif
