/*
 * scan.h: finding the lexicon's signals in one text (internal to src/text).
 *
 * A scanner normalises a text, runs the Hyperscan database over it once,
 * and turns raw phrase hits into signals: word boundaries, "^"/"$"
 * anchors, the side filter, negation, hedges, same-category overlaps and
 * the sentence-level question decision are all applied here, so the
 * analyser (analyze.c) and the linter (lint.c) see the same signals.
 *
 * The scanner owns its buffers and reuses them from text to text; found[]
 * is valid until the next candor_scanner_run.
 */
#ifndef CANDOR_TEXT_SCAN_H
#define CANDOR_TEXT_SCAN_H

#include "util/common.h"
#include "core/conversation.h"
#include "text/lexicon-priv.h"
#include "text/normalize.h"

struct candor_found {
	size_t phrase;           /* lexicon phrase; SIZE_MAX for a question */
	const struct candor_lex_section *section; /* NULL for a question */
	const char *category;
	size_t nstart, nend;     /* in the normalised text */
	size_t start, end;       /* in the original text, bytes */
	size_t sstart, send;     /* the sentence around it, original bytes */
	size_t nsstart, nsend;   /* the sentence, normalised */
	bool hedged;
};

struct candor_hit {
	uint32_t phrase, start, end;
};

struct candor_sentence {
	size_t start, end;       /* normalised, [start, end) trimmed */
	bool qmark;
};

struct candor_scanner {
	const struct candor_lexicon *lx;
	hs_scratch_t *scratch;
	struct candor_norm norm;
	struct candor_hit *hits;
	size_t nhits, ahits;
	size_t nexcept;          /* hits of "!" exception phrases */
	struct candor_found *found;
	size_t nfound, afound;
	struct candor_sentence *sent;
	size_t nsent, asent;
	const char *text;
	int oom;
};

/* 0, or CANDOR_ERROR when the scratch space cannot be allocated. */
int candor_scanner_init(struct candor_scanner *sc, const struct candor_lexicon *lx);
void candor_scanner_release(struct candor_scanner *sc);

/*
 * Find the signals in text[0..len), said by side (CANDOR_SIDE_UNKNOWN
 * accepts every section).  Results in sc->found[0..nfound), sorted by
 * start.  0, CANDOR_ERROR (out of memory, scan failure) or CANDOR_EINVALID
 * (len of 4 GiB or more).
 */
int candor_scanner_run(struct candor_scanner *sc, const char *text, size_t len,
		       enum candor_side side);

#endif
