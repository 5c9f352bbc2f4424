/*
 * corpus.h: labelled calls, the analyser's teaching and testing material.
 *
 * A labelled call is a text file (format in tests/data/labelled/README.md):
 * "#" comments, "# call: YYYY-MM-DD" for the call's date, "# labels: a,b"
 * when only some categories were labelled (the public meeting corpus is
 * labelled for question and commitment only), and one utterance a line,
 *     side|speaker|text|categories
 * side "buyer", "seller" or "unknown", categories a comma-separated list
 * of SIGNALS.md categories or "-".  Reading is strict: a wrong field is an
 * error naming file:line and the field, and a category on a side that may
 * not say it (a buyer "pressure") is one too.
 */
#ifndef CANDOR_TEXT_CORPUS_H
#define CANDOR_TEXT_CORPUS_H

#include "util/common.h"
#include "core/conversation.h"

struct candor_error;

struct candor_labelled_call {
	char *path;                     /* owned */
	struct candor_utterance *u;     /* owned, n of them (line = file line) */
	uint32_t *labels;               /* per utterance: bit c for category c */
	size_t n, alloc;
	uint32_t labelled;              /* categories this call was labelled for */
	uint32_t *ulabelled;            /* owned, or NULL: per utterance, instead of labelled
					 * (a correction's neighbours, there for context only) */
	int64_t when;                   /* the call's date; 0 when not given */
	unsigned weight;                /* how many times training counts it; 0 is 1 */
};

struct candor_corpus {
	struct candor_labelled_call *calls;
	size_t n, alloc;
};

#define CANDOR_CORPUS_INIT { NULL, 0, 0 }

/* Add one file's call to c.  On failure c is as it was. */
int candor_corpus_read_file(struct candor_corpus *c, const char *path,
			    struct candor_error *err);

/*
 * Add every "*.txt" file under dir, in its folders too, in name order (so
 * the same folder always gives the same corpus).  CANDOR_ENOTFOUND when
 * dir cannot be read.  On failure c may hold the calls read before.
 */
int candor_corpus_read_dir(struct candor_corpus *c, const char *dir,
			   struct candor_error *err);

/*
 * Add a user's correction as a call: text said by side, labelled for the
 * categories in labelled (bits), carrying those of them in labels, counted
 * weight times in training, with the utterances said just before and
 * after it (either may be NULL) around it, labelled for nothing: they are
 * there so the corrected line is taught in the context the analyser will
 * see it in (its neighbours are features).  name is for messages.
 */
int candor_corpus_add_utterance(struct candor_corpus *c, const char *name, const char *text,
				enum candor_side side, uint32_t labels, uint32_t labelled,
				unsigned weight, const struct candor_utterance *before,
				const struct candor_utterance *after, struct candor_error *err);

/* The shipped corpus a user's model is trained from: $CANDOR_CORPUS, else
 * the source tree's tests/data/labelled/train, else the installed copy. */
const char *candor_corpus_default_dir(void);

/*
 * A digest of the labelled calls in c, in order (their utterances' text,
 * sides and labels, what each was labelled for, its date), weighted calls
 * (a user's corrections) left out: two corpora with the same digest teach
 * the same model.  The files' names and folders are not in it, so the
 * source tree's corpus and its installed copy agree.
 */
uint64_t candor_corpus_digest(const struct candor_corpus *c);

/* Utterances in the corpus. */
size_t candor_corpus_utterances(const struct candor_corpus *c);

void candor_corpus_release(struct candor_corpus *c);

#endif
