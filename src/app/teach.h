/*
 * app/teach.h: teaching the analyser, shared by the front doors (`candor
 * signal`, `candor reanalyze`, `candor model`, and the conversation page's
 * buttons).
 *
 * A correction is the user's word on one utterance and one category
 * (core/domain.h, struct candor_correction): "wrong" takes the signal away
 * from that utterance, "missing" adds it.  The latest word on an
 * (utterance, category) holds: over the analyser's answer now, after a
 * re-analysis with any model, and as a labelled example when a model is
 * trained.  Corrections are never deleted by re-analysis or training;
 * only `candor signal undo` takes one back.
 */
#ifndef CANDOR_APP_TEACH_H
#define CANDOR_APP_TEACH_H

#include "app/app.h"
#include "text/analyze.h"
#include "text/sigmodel.h"

/* The account and contact of a signal or a correction, for access checks. */
int candor_app_signal_scope(struct candor_app *app, int64_t id, struct candor_scope *out);
int candor_app_correction_scope(struct candor_app *app, int64_t id, struct candor_scope *out);

/*
 * Signal id, found by the analyser, should not have been: every signal of
 * its category on its utterance goes, and a "wrong" correction is kept
 * (*out: its id, and the signal's interaction and utterance).  by is who says so ("" on the command line).  A signal
 * logged by hand is CANDOR_EINVALID: there is no analysis to correct.
 */
struct candor_app_corrected {
	int64_t correction;          /* the correction kept */
	int64_t interaction, utterance; /* where the signal was */
};
int candor_app_signal_wrong(struct candor_app *app, int64_t id, const char *by,
			    struct candor_app_corrected *out);

/*
 * Utterance index utt of interaction id says category: the signal is
 * added (the whole utterance, confidence unknown) with a "missing"
 * correction (*out: its id).  An unknown category, one the utterance's
 * side does not say (a buyer's "pressure"), a missing utterance
 * (field "utterance"), or a category already found there is refused.
 */
int candor_app_signal_add(struct candor_app *app, int64_t id, int64_t utt, const char *category,
			  const char *by, int64_t *out);

/* What re-analysing one interaction changed. */
struct candor_app_reanalysed {
	int64_t id;
	char before[64], after[64];   /* the analysers: "" (by hand), "phrases", a model's id */
	size_t nbefore, nafter;       /* signals found in its utterances, before and after */
	size_t ncorrections;          /* the user's corrections that held over the answer */
};

/*
 * Analyse interaction id's transcript again with az, keep its signals
 * (corrections applied) and the analyser's id; its proposals stay as they
 * are (some may have been accepted).  CANDOR_EINVALID when it has no
 * transcript.
 */
int candor_app_interaction_reanalyse(struct candor_app *app, int64_t id,
				     struct candor_analyzer *az, struct candor_app_reanalysed *out);

/* CANDOR_ENOTFOUND when interaction id is missing, CANDOR_EINVALID when it
 * has no transcript (it was logged by hand): what reanalyse would refuse. */
int candor_app_transcript_check(struct candor_app *app, int64_t id);

/* The ids of every interaction imported from a transcript, oldest first
 * (free *ids); what `candor reanalyze --all` goes over. */
int candor_app_transcripts(struct candor_app *app, int64_t **ids, size_t *n);

/*
 * Take correction id back: it is deleted and its interaction re-analysed
 * with az (so a "wrong" signal comes back when the analyser still finds it).
 */
int candor_app_correction_undo(struct candor_app *app, int64_t id, struct candor_analyzer *az,
			       struct candor_app_reanalysed *out);

/*
 * Store the signals of analysis a of interaction it (utterances u, n of
 * them) with corrections c (nc, in id order) applied; *held counts the
 * corrections that changed the answer.  Shared with import.c.
 */
int candor_app_signals_store(struct candor_app *app, const struct candor_interaction *it,
			     const struct candor_utterance *u, size_t n,
			     const struct candor_analysis *a, const struct candor_correction *c,
			     size_t nc, size_t *held);

/* Training a model of one's own. */
struct candor_app_train {
	const char *corpus;      /* the shipped corpus folder; NULL: candor_corpus_default_dir() */
	unsigned weight;         /* how many corpus lines one correction counts as; 0: 20 */
	int threads;             /* 0: every core */
	FILE *progress;          /* NULL for none */
};

struct candor_app_trained {
	char path[4200];         /* the new model's file */
	char id[64];             /* its id (16 hex digits) */
	char previous[64];       /* the model it replaced as the one in use */
	size_t corrections;      /* corrections it learned from */
	size_t utterances;       /* corrected utterances (a later word replaces an earlier) */
	double before[CANDOR_NCATS + 1], after[CANDOR_NCATS + 1]; /* cross-validated F1; [17] macro; -1 unknown */
	double seconds;
	uint32_t corrected;      /* the categories the corrections are about */
	uint32_t trained;        /* the categories trained; the others are the shipped model's
				  * (0: nothing to learn, no model written, the one in use stays) */
};

/*
 * Train a model from the shipped corpus plus every correction in the
 * store, with lx's phrases as features (lx's own model gives the "before"
 * scores), write it into the models folder (text/sigmodel.h,
 * candor_signal_model_dir) and make it the one in use; the one in use
 * before becomes "previous".  Reads the store (the caller's transaction).
 * Only the categories the corrections are about are trained when the
 * shipped model was trained from this same corpus (its source line): the
 * others would come out the same (but for words only the corrections make
 * common enough to be features), so they are copied from it.
 */
int candor_app_model_train(struct candor_app *app, const struct candor_lexicon *lx,
			   const struct candor_app_train *o, struct candor_app_trained *out);

/*
 * Use another model: "previous" (the one in use before the last change),
 * "shipped" (the model that came with Candor), or a model in the folder by
 * its id (16 hex digits, or its first 6 or more) or file name.  The
 * one in use becomes "previous".  *id gets the chosen model's id.
 */
int candor_app_model_use(const char *which, char *id, size_t nid, struct candor_error *err);

/* One model in the folder, or the shipped one. */
struct candor_app_model_entry {
	char file[256];          /* "" for the shipped model */
	char id[64];
	char about[1100];
	bool current, previous;
	double macro;            /* cross-validated macro-F1 */
};

/* The shipped model, then the folder's, oldest first; *out malloc'd. */
int candor_app_model_list(struct candor_app_model_entry **out, size_t *n,
			  struct candor_error *err);

#endif
