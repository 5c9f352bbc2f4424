/*
 * analyze.h: what a conversation says, found in its utterances.
 *
 * candor_analyze() reads utterances (from a transcript reader, see
 * core/conversation.h) against a lexicon (text/lexicon.h) and fills a
 * struct candor_analysis with
 *  - signals: phrase matches per utterance, by category, with byte and
 *    code-point offsets into the ORIGINAL utterance text;
 *  - metrics: talk share, longest monologue, questions, interactivity,
 *    patience;
 *  - proposed commitments (promises, with due dates resolved against the
 *    call's date) and proposed discovery facts (buyer disclosures);
 *  - the buyer's profile: toward vs away, options vs procedures.
 * Everything is a proposal for a person to confirm; nothing is stored here.
 *
 * How signals are decided (documented in full in lexicon/README.md):
 *  - a phrase matches case-insensitively on normalised text
 *    (text/normalize.h), at word boundaries, only on the side its section
 *    names; "^" phrases only at the start of a sentence;
 *  - a "negation" phrase ending at most three words before a signal, in the
 *    same clause, cancels it (unless its section says "@negatable no");
 *  - a "hedge" phrase earlier in the same sentence marks a signal hedged:
 *    it is kept (hedged = true, confidence 0.5) except that a hedged
 *    commitment is dropped (a maybe is not a promise);
 *  - a sentence is a "question" when it ends with "?" or holds a question
 *    phrase (such as "^do you", "walk me through"), and holds no
 *    "rhetorical" phrase; the question signal covers the sentence.
 */
#ifndef CANDOR_TEXT_ANALYZE_H
#define CANDOR_TEXT_ANALYZE_H

#include "util/common.h"
#include "core/conversation.h"

#include <jansson.h>
#include <stdio.h>

struct candor_error;
struct candor_lexicon;

/* One signal in one utterance.  text is owned; category points into the
 * lexicon, which must outlive the analysis. */
struct candor_text_signal {
	size_t utterance;        /* index into the utterance array */
	const char *category;    /* "stall", "question", ... */
	const char *kind;        /* @kind of the section, or NULL */
	size_t phrase;           /* lexicon phrase index; SIZE_MAX for questions */
	size_t start, end;       /* byte offsets into the utterance text */
	size_t cstart, cend;     /* the same in code points */
	bool hedged;
	double confidence;       /* 1.0, or 0.5 when hedged */
	char *text;              /* the original words, [start, end) */
};

struct candor_side_metrics {
	size_t utterances, words, questions;
	double seconds;          /* talk time; -1 without timings */
	double word_share;       /* of the seller+buyer words, 0..1; -1 if none */
	double time_share;       /* of the seller+buyer time, 0..1; -1 untimed */
	size_t longest_words;    /* longest monologue (consecutive turns) */
	double longest_seconds;  /* the same in seconds; -1 untimed */
};

struct candor_metrics {
	struct candor_side_metrics seller, buyer;
	bool timed;              /* every utterance has start and end */
	double duration;         /* seconds, first start to last end; -1 */
	size_t switches;         /* changes of side between turns */
	double switches_per_minute; /* -1 untimed or zero duration */
	double patience;         /* mean seller pause before answering a
				  * buyer, seconds (>= 0); -1 when none */
	size_t answers;          /* seller turns that followed a buyer turn */
};

/* A proposed commitment: someone promised something in this sentence. */
struct candor_proposal {
	size_t utterance;
	enum candor_side side;   /* who promised */
	char *speaker;           /* owned copy */
	char *text;              /* owned: the sentence, original text */
	char *words;             /* owned: the matched promise words */
	int64_t due;             /* midnight UTC of the due day; 0 when none */
	char *due_words;         /* owned: the words that gave the date, or NULL */
};

/* A proposed discovery fact: what the buyer disclosed. */
struct candor_fact_proposal {
	size_t utterance;
	const char *kind;        /* bothering, tried, worried, hoped, objection,
				  * criteria, concern, motivation (lexicon-owned) */
	char *speaker;           /* owned copy */
	char *text;              /* owned: the sentence, original text */
	double confidence;       /* 1.0, 0.5 when hedged */
};

/* Evidence for the buyer's profile: which utterance, which words. */
struct candor_profile_evidence {
	size_t utterance;
	const char *pattern;     /* "toward", "away", "options", "procedures" */
	char *text;              /* owned: the matched words */
};

struct candor_profile {
	size_t toward, away, options, procedures;
	struct candor_profile_evidence *evidence;
	size_t nevidence;
};

/* "toward", "away", "mixed" or "unknown" (no evidence). */
const char *candor_profile_direction(const struct candor_profile *p);
/* "options", "procedures", "mixed" or "unknown". */
const char *candor_profile_style(const struct candor_profile *p);

struct candor_analysis {
	struct candor_text_signal *signals;   /* by utterance, then start */
	size_t nsignals;
	struct candor_metrics metrics;
	struct candor_proposal *commitments;
	size_t ncommitments;
	struct candor_fact_proposal *facts;
	size_t nfacts;
	struct candor_profile profile;
	int64_t call_time;
	const char *analyser;  /* what decided the signals (candor_analyser_id); borrowed
				* from the lexicon, valid while it is */
};

#define CANDOR_ANALYSIS_INIT { 0 }

/*
 * Analyse n utterances held by the caller (not consumed; u may be NULL when
 * n is 0).  call_time (epoch seconds, UTC) resolves "by Friday"; 0 leaves
 * every due date 0.  On success out holds the results (release with
 * candor_analysis_release); on failure out is left empty.  The lexicon must
 * outlive out.  Fails only with CANDOR_ERROR (out of memory) or
 * CANDOR_EINVALID (an utterance of 4 GiB or more).
 */
int candor_analyze(struct candor_analysis *out, const struct candor_lexicon *lx,
		   const struct candor_utterance *u, size_t n, int64_t call_time,
		   struct candor_error *err);

/*
 * Why the signal model found each signal: (*out)[i] is a text for
 * utterance i (n of them, each and the array freed by the caller with
 * free()), one block per category found, "    stall: probability 0.93,
 * found from 0.41" then the bias and the max features that moved it
 * most, "      +1.20  b:let_me" (names as in text/features.h), and one per
 * near miss (at least half its threshold: "NOT found, it counts from").
 * The whole utterance is explained (its sentences are scored on their
 * own as well; see text/features.h).  "" for an utterance with neither.  CANDOR_EINVALID when lx has no model.
 */
int candor_analysis_explain(char ***out, const struct candor_lexicon *lx,
			    const struct candor_utterance *u, size_t n, size_t max,
			    struct candor_error *err);

/* Free what out holds and leave it empty.  Safe on an empty analysis. */
void candor_analysis_release(struct candor_analysis *a);

/*
 * An analyser keeps the Hyperscan scratch and buffers between calls, for
 * programs that analyse many conversations (the bench driver, import of a
 * folder).  One per thread.  candor_analyze() makes a temporary one.
 */
struct candor_analyzer;

int candor_analyzer_new(struct candor_analyzer **out, const struct candor_lexicon *lx,
			struct candor_error *err);
int candor_analyzer_run(struct candor_analyzer *az, struct candor_analysis *out,
			const struct candor_utterance *u, size_t n,
			int64_t call_time, struct candor_error *err);
void candor_analyzer_free(struct candor_analyzer *az);

/*
 * The analysis as JSON (new reference, NULL when out of memory):
 *   {"utterances":[{"index","speaker","side","start","end","text",
 *                   "signals":[{"category","text","start","end"}]}],
 *    "metrics":{...},"commitments":[...],"facts":[...],"profile":{...}}
 * Signal start/end are code-point offsets into "text"; times without a
 * value are null; due dates are "YYYY-MM-DD" or null.  u and n must be the
 * ones the analysis was made from.  Times are doubles: dump with
 * JSON_REAL_PRECISION(6) (or so) to avoid printing 7.0179999999999998.
 * Returns NULL too when a string is not valid UTF-8 (readers validate).
 */
/* Just the metrics, as in the analysis JSON; NULL when out of memory. */
json_t *candor_metrics_to_json(const struct candor_metrics *m);

json_t *candor_analysis_to_json(const struct candor_analysis *a,
				const struct candor_utterance *u, size_t n);

/*
 * The same document written straight to f, compact, without building a
 * tree (for "analyze --json" on big inputs; src/text/json-stream.c).  The
 * keys, their order and the values are those of candor_analysis_to_json;
 * reals are printed in the shortest form that reads back as the same
 * double.  No newline is added.  0 on success; CANDOR_EINVALID when a
 * string is NULL or not valid UTF-8 (readers validate), CANDOR_ERROR when
 * writing fails.  On failure part of the document may have been written.
 * Allocates nothing; output is buffered in 64 KiB blocks.
 */
int candor_analysis_write_json(FILE *f, const struct candor_analysis *a,
			       const struct candor_utterance *u, size_t n);

#endif
