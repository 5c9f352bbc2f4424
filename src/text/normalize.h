/*
 * normalize.h: the text form the lexicon is matched against.
 *
 * Phrases and utterances go through the same function, so whatever it
 * folds together matches alike:
 *  - Unicode compatibility decomposition + case folding + combining marks
 *    stripped (utf8proc NFKD/casefold/stripmark), so "Ｐｒｉｃｅ", "PRICE"
 *    and "price" are one word and "résumé" matches "resume";
 *  - curly quotes and primes become ' and ", dashes become '-';
 *  - every run of whitespace (including NBSP) becomes one space, leading and
 *    trailing whitespace is dropped;
 *  - English contractions are expanded: I'm -> i am, don't -> do not,
 *    can't -> can not, won't -> will not, we'll -> we will, they're -> they
 *    are, I've -> i have, I'd -> i would, it's/that's/what's... -> ... is,
 *    let's -> let us; "cannot" -> "can not", "gonna" -> "going to",
 *    "wanna" -> "want to".
 * ASCII input takes a table-driven fast path; only bytes >= 0x80 go through
 * utf8proc.  Invalid UTF-8 bytes are passed through unchanged.
 *
 * Every output byte remembers where it came from: map[i] is the byte offset
 * in the original text of the character that produced output byte i, and
 * map[len] is the original length.  candor_norm_span() turns an output range
 * back into the original range (see there).
 */
#ifndef CANDOR_TEXT_NORMALIZE_H
#define CANDOR_TEXT_NORMALIZE_H

#include "util/common.h"

/*
 * A normalised text.  The struct owns s and map; keep one around and
 * normalise into it again and again, the arrays only grow.  Zero-initialise
 * (CANDOR_NORM_INIT) before first use, candor_norm_release() when done.
 */
struct candor_norm {
	char *s;        /* NUL-terminated normalised text, len bytes */
	uint32_t *map;  /* len + 1 entries: original byte offsets */
	size_t len;
	size_t cap;     /* allocated entries in s (and map) */
};

#define CANDOR_NORM_INIT { NULL, NULL, 0, 0 }

/*
 * Normalise text[0..len) into n, replacing what it held.  0, or CANDOR_ERROR
 * when out of memory (n is then empty but still valid), or CANDOR_EINVALID
 * when len is 4 GiB or more.
 */
int candor_norm_text(struct candor_norm *n, const char *text, size_t len);

void candor_norm_release(struct candor_norm *n);

/*
 * Map the normalised range [s, e) back to the original text: *os is where
 * the character behind byte s starts; *oe is where the character behind byte
 * e - 1 ends, with trailing whitespace trimmed.  A range that ends inside an
 * expanded contraction ("i am" from "I'm") covers the whole contraction.
 */
void candor_norm_span(const struct candor_norm *n, const char *orig,
		      size_t s, size_t e, size_t *os, size_t *oe);

/* True for bytes that belong to a word: ASCII letters, digits, and any
 * byte of a multi-byte UTF-8 character. */
static inline bool candor_norm_wordch(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* The number of code points in s[0..byte): UTF-8 lead bytes counted. */
size_t candor_utf8_count(const char *s, size_t byte);

#endif
