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

#endif
