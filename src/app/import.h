/*
 * app/import.h: storing an analysed transcript, shared by the front
 * doors (`candor import` and the web page's upload).
 *
 * The caller reads the transcript (formats/transcript.h), assigns sides and
 * analyses it (text/analyze.h); this stores the result, in the caller's
 * transaction, as one interaction with its utterances, its signals (side,
 * utterance, code-point offsets) and the proposals the analysis made.
 */
#ifndef CANDOR_APP_CONVERSATION_H
#define CANDOR_APP_CONVERSATION_H

#include "util/common.h"
#include "util/buf.h"
#include "core/domain.h"
#include "formats/transcript.h"
#include "store/store.h"
#include "text/analyze.h"

struct candor_conversation {
	const struct candor_contact *contact; /* who the call was with */
	const struct candor_transcript *t;
	const struct candor_analysis *a;
	int kind;            /* enum candor_interaction_kind */
	int64_t at;          /* when the call was */
	const char *seller;  /* the seller's name, for the interaction */
	const char *source;  /* the file's name (no folders) */
};

/*
 * Store c as a new interaction; *id gets its id.  Nothing is borrowed past
 * the call.  Returns 0 or a candor code, with the message in s->err (or in
 * err for out of memory).
 */
int candor_conversation_store(struct candor_store *s, const struct candor_conversation *c,
			      int64_t *id, struct candor_error *err);

/*
 * Append to out the sentence of text (a whole utterance) that holds bytes
 * [start, end): the quote a reason shows for a signal.
 */
void candor_sentence_around(struct candor_buf *out, const char *text, size_t start, size_t end);

#endif
