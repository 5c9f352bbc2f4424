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
#include "app/app.h"

/* A call to store.  Everything is borrowed. */
struct candor_app_call {
	const struct candor_contact *contact; /* who the call was with */
	const struct candor_transcript *t;   /* read, sides assigned */
	const struct candor_analysis *a;     /* the analysis of t (NULL for _import) */
	int kind;            /* enum candor_interaction_kind, or CANDOR_APP_KIND_FROM_FILE */
	int64_t at;          /* when the call was */
	const char *seller;  /* the seller's name, for the interaction */
	const char *source;  /* the file's name (no folders) */
	bool again;          /* import it even when the same file (t->sha256) was imported */
};

/* The kind the file says: a chat for a chat (Zoom, Meet), a call otherwise. */
#define CANDOR_APP_KIND_FROM_FILE (-100)

/* The kind c is stored as: c->kind, or the file's (see above). */
int candor_app_call_kind(const struct candor_app_call *c);

/*
 * Store c (analysed) as a new interaction; *out gets its id.  kind, at
 * (not in the future), seller and source are checked before anything is
 * written.  A file whose SHA-256 (c->t->sha256) an interaction the asker
 * can see already has is CANDOR_ECONFLICT ("already imported as
 * interaction 12 (Dana Reyes, 2026-11-16)", field "file"; *out is that
 * interaction), unless c->again.
 * Nothing is borrowed past the call.
 */
int candor_app_call_store(struct candor_app *app, const struct candor_app_call *c,
			  int64_t *out);

/*
 * Analyse c->t with az (resolving "by Friday" against c->at), then store
 * it as candor_app_call_store does; c->a is ignored.  The analysis is
 * released before returning.
 */
int candor_app_call_import(struct candor_app *app, const struct candor_app_call *c,
			   struct candor_analyzer *az, int64_t *out);

/*
 * Append to out the sentence of text (a whole utterance) that holds bytes
 * [start, end): the quote a reason shows for a signal.
 */
void candor_sentence_around(struct candor_buf *out, const char *text, size_t start, size_t end);

#endif
