/*
 * lint.h: checking a seller's draft message before it is sent.
 *
 * The draft is scanned as seller talk with the same lexicon and rules as a
 * conversation (text/analyze.h), and every signal from a section marked
 * "@lint yes" (pressure, closing, seller_centric in the default lexicon)
 * becomes a finding: where it is, the words, why it undermines trust, and
 * a better framing, both taken from the lexicon data.
 *
 * Given the buyer's profile, the draft is also checked for mirroring: a
 * buyer who moves away from problems hears "toward" phrases as hype, one
 * who wants a clear path hears "options" as vagueness, and so on.  Such
 * phrases are reported with category "mirror", the reason naming the
 * profile, and the better framing from the buyer's pattern section
 * (its @mirror text).
 */
#ifndef CANDOR_TEXT_LINT_H
#define CANDOR_TEXT_LINT_H

#include "util/common.h"

struct candor_error;
struct candor_lexicon;
struct candor_profile;

struct candor_lint_finding {
	size_t line, column;     /* 1-based; column counts code points */
	size_t start, end;       /* byte offsets into the draft */
	const char *category;    /* lexicon-owned: "pressure", ..., "mirror" */
	char *words;             /* owned: the draft's words */
	char *why;               /* owned: why it is flagged */
	const char *better;      /* lexicon-owned: a better framing, maybe "" */
};

struct candor_lint_result {
	struct candor_lint_finding *findings; /* by position */
	size_t nfindings;
};

#define CANDOR_LINT_RESULT_INIT { NULL, 0 }

/*
 * Lint text[0..len).  mirror, when not NULL, is the buyer's profile to
 * mirror (see analyze.h); the lexicon must outlive out.  On success out
 * owns its findings (candor_lint_release); on failure it is empty.
 * CANDOR_ERROR when out of memory, CANDOR_EINVALID for 4 GiB or more.
 */
int candor_lint(struct candor_lint_result *out, const struct candor_lexicon *lx,
		const char *text, size_t len, const struct candor_profile *mirror,
		struct candor_error *err);

void candor_lint_release(struct candor_lint_result *r);

#endif
