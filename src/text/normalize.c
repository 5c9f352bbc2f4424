/*
 * normalize.c: folding text for matching, with a map back to the original
 * (see normalize.h).
 *
 * The loop walks the original once.  ASCII bytes are lowered through a
 * table; whitespace only sets a "space pending" flag that the next visible
 * character turns into one space; an apostrophe between letters may start a
 * contraction, expanded in place at the end of the output; words that fold
 * to two ("cannot") are rewritten when they end.  Other characters go
 * through utf8proc one code point at a time.
 */
#include "util/common.h"
#include "util/error.h"
#include "text/normalize.h"

#include <ctype.h>
#include <utf8proc.h>


struct norm_state {
	struct candor_norm *n;
	const char *text;
	size_t len;
	bool space;     /* whitespace seen since the last output byte */
	size_t wstart;  /* where the word being written starts in n->s */
};

static int norm_grow(struct candor_norm *n, size_t need)
{
	size_t cap = n->cap ? n->cap : 256;
	char *s;
	uint32_t *map;

	while (cap < need)
		cap *= 2;
	s = realloc(n->s, cap + 1);
	if (!s)
		return CANDOR_ERROR;
	n->s = s;
	map = realloc(n->map, (cap + 1) * sizeof(*map));
	if (!map)
		return CANDOR_ERROR;
	n->map = map;
	n->cap = cap;
	return 0;
}

static inline int room(struct candor_norm *n, size_t k)
{
	return n->len + k < n->cap ? 0 : norm_grow(n, n->len + k + 1);
}

static inline bool is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z');
}

/* Write one byte that came from original offset src, flushing a pending
 * space first. */
static int put(struct norm_state *st, unsigned char c, size_t src)
{
	struct candor_norm *n = st->n;

	if (room(n, 2))
		return CANDOR_ERROR;
	if (st->space && n->len) {
		n->map[n->len] = (uint32_t)src;
		n->s[n->len++] = ' ';
		st->wstart = n->len;
	}
	st->space = false;
	if (!candor_norm_wordch(c))
		st->wstart = n->len + 1;
	n->map[n->len] = (uint32_t)src;
	n->s[n->len++] = (char)c;
	return 0;
}

static int puts_at(struct norm_state *st, const char *s, size_t src)
{
	for (; *s; s++)
		if (put(st, (unsigned char)*s, src))
			return CANDOR_ERROR;
	return 0;
}

/* Rewrite the word just finished when it folds to two words. */
static int finish_word(struct norm_state *st)
{
	static const struct { const char *from, *to; } fold[] = {
		{ "cannot", "can not" }, { "gonna", "going to" },
		{ "wanna", "want to" }, { "gotta", "got to" },
	};
	struct candor_norm *n = st->n;
	size_t w = st->wstart, wl;
	uint32_t src;

	if (w >= n->len)
		return 0;
	wl = n->len - w;
	if (wl < 5 || wl > 6)
		return 0;
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(fold); i++) {
		if (strlen(fold[i].from) != wl || memcmp(n->s + w, fold[i].from, wl))
			continue;
		src = n->map[w];
		n->len = w;
		return puts_at(st, fold[i].to, src);
	}
	return 0;
}

/* The expansion of the contraction suffix sfx after word[0..wl), or NULL. */
static const char *expand(const char *word, size_t wl, const char *sfx)
{
	static const char *const is_words[] = {
		"it", "that", "what", "there", "here", "he", "she", "who",
		"where", "how", "when", "why", "everything", "nothing", "this",
	};

	if (!strcmp(sfx, "m"))
		return " am";
	if (!strcmp(sfx, "re"))
		return " are";
	if (!strcmp(sfx, "ve"))
		return " have";
	if (!strcmp(sfx, "ll"))
		return " will";
	if (!strcmp(sfx, "d"))
		return " would";
	if (strcmp(sfx, "s"))
		return NULL;
	if (wl == 3 && !memcmp(word, "let", 3))
		return " us";
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(is_words); i++)
		if (strlen(is_words[i]) == wl && !memcmp(word, is_words[i], wl))
			return " is";
	return NULL;
}

/* Expand "n't" at the end of the output: don't -> do not, can't -> can not,
 * won't -> will not, ain't -> is not, shan't -> shall not. */
static int expand_not(struct norm_state *st, size_t w, size_t wl)
{
	struct candor_norm *n = st->n;
	uint32_t nsrc = n->map[n->len - 1], wsrc = n->map[w];
	const char *base = n->s + w;
	const char *fix = NULL;

	if (wl == 3 && !memcmp(base, "can", 3))
		fix = "";
	else if (wl == 3 && !memcmp(base, "won", 3))
		fix = "will";
	else if (wl == 3 && !memcmp(base, "ain", 3))
		fix = "is";
	else if (wl == 4 && !memcmp(base, "shan", 4))
		fix = "shall";
	if (fix && *fix) {
		n->len = w;
		if (puts_at(st, fix, wsrc))
			return CANDOR_ERROR;
	} else if (!fix) {
		n->len--;
	}
	return puts_at(st, " not", nsrc);
}

/*
 * At an apostrophe at text[a] (alen bytes long): if it joins a word to a
 * contraction suffix, expand it and return the offset after the suffix;
 * otherwise return 0 and let the caller write the apostrophe.
 */
static size_t contraction(struct norm_state *st, size_t a, size_t alen)
{
	struct candor_norm *n = st->n;
	size_t b = a + alen, e = b, w = st->wstart, wl;
	char sfx[4];
	const char *x;

	if (st->space || w >= n->len || !is_letter((unsigned char)n->s[n->len - 1]))
		return 0;
	while (e < st->len && e - b < 4 && isalpha((unsigned char)st->text[e]))
		e++;
	if (e == b || e - b > 2 || (e < st->len && candor_norm_wordch((unsigned char)st->text[e])))
		return 0;
	for (size_t i = b; i < e; i++)
		sfx[i - b] = (char)tolower((unsigned char)st->text[i]);
	sfx[e - b] = '\0';
	wl = n->len - w;
	for (size_t i = w; i < n->len; i++)
		if (!is_letter((unsigned char)n->s[i]))
			return 0;
	if (!strcmp(sfx, "t") && wl >= 2 && n->s[n->len - 1] == 'n')
		return expand_not(st, w, wl) ? SIZE_MAX : e;
	x = expand(n->s + w, wl, sfx);
	if (!x)
		return 0;
	return puts_at(st, x, a) ? SIZE_MAX : e;
}

/* Characters folded before utf8proc sees them: 1 apostrophe, 2 double
 * quote, 3 dash, 4 whitespace, 5 dropped, 6 ellipsis; 0 none. */
static int special(utf8proc_int32_t c)
{
	switch (c) {
	case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0x02BC:
	case 0xFF07:
		return 1;
	case 0x201C: case 0x201D: case 0x201F: case 0x2033: case 0x00AB:
	case 0x00BB:
		return 2;
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212:
		return 3;
	case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
	case 0x2028: case 0x2029: case 0x0085:
		return 4;
	case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
	case 0x00AD:
		return 5;
	case 0x2026:
		return 6;
	default:
		return c >= 0x2000 && c <= 0x200A ? 4 : 0;
	}
}

static int put_apostrophe(struct norm_state *st, size_t *i, size_t clen)
{
	size_t next = contraction(st, *i, clen);

	if (next == SIZE_MAX)
		return CANDOR_ERROR;
	if (next) {
		*i = next;
		return 0;
	}
	if (put(st, '\'', *i))
		return CANDOR_ERROR;
	*i += clen;
	return 0;
}

/* Fold one non-ASCII character at text[*i]; advance *i past it. */
static int put_unicode(struct norm_state *st, size_t *i)
{
	utf8proc_int32_t cp, out[24];
	utf8proc_ssize_t clen, k;
	int bc = 0, sp;
	size_t at = *i;
	uint8_t enc[4];

	clen = utf8proc_iterate((const utf8proc_uint8_t *)st->text + at,
				(utf8proc_ssize_t)(st->len - at), &cp);
	if (clen <= 0) {
		*i = at + 1;
		return put(st, (unsigned char)st->text[at], at);
	}
	sp = special(cp);
	if (sp == 1)
		return put_apostrophe(st, i, (size_t)clen);
	*i = at + (size_t)clen;
	if (sp == 2 || sp == 3)
		return finish_word(st) || put(st, sp == 2 ? '"' : '-', at);
	if (sp == 4) {
		st->space = true;
		return finish_word(st);
	}
	if (sp == 5)
		return 0;
	if (sp == 6)
		return finish_word(st) || puts_at(st, "...", at);
	k = utf8proc_decompose_char(cp, out, 24, UTF8PROC_COMPAT |
				    UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
				    UTF8PROC_DECOMPOSE, &bc);
	if (k < 0 || k > 24) {
		out[0] = cp;
		k = 1;
	}
	for (utf8proc_ssize_t j = 0; j < k; j++) {
		utf8proc_ssize_t el;

		if (out[j] == ' ') {
			st->space = true;
			continue;
		}
		el = utf8proc_encode_char(out[j], enc);
		for (utf8proc_ssize_t b = 0; b < el; b++)
			if (put(st, enc[b], at))
				return CANDOR_ERROR;
	}
	return 0;
}

/* Fold one ASCII byte at text[*i] that is not a letter or digit. */
static int put_ascii_other(struct norm_state *st, size_t *i)
{
	unsigned char c = (unsigned char)st->text[*i];

	if (c == ' ' || (c >= '\t' && c <= '\r')) {
		(*i)++;
		st->space = true;
		return finish_word(st);
	}
	if (c == '\'' || c == '`')
		return put_apostrophe(st, i, 1);
	(*i)++;
	return finish_word(st) || put(st, c, *i - 1);
}

/*
 * The fast path: after a letter was written, copy the rest of a run of
 * ASCII letters and digits straight across, lowering capitals, within the
 * room already allocated.
 */
static void copy_run(struct norm_state *st, size_t *i)
{
	struct candor_norm *n = st->n;
	const unsigned char *t = (const unsigned char *)st->text;
	size_t j = *i, o = n->len, lim = n->cap - 1;

	while (j < st->len && o < lim) {
		unsigned char c = t[j];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			;
		else if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else
			break;
		n->map[o] = (uint32_t)j;
		n->s[o++] = (char)c;
		j++;
	}
	n->len = o;
	*i = j;
}

int candor_norm_text(struct candor_norm *n, const char *text, size_t len)
{
	struct norm_state st = { n, text, len, false, 0 };
	size_t i = 0;
	int rc = 0;

	n->len = 0;
	if (len >= UINT32_MAX)
		return CANDOR_EINVALID;
	if (room(n, len + len / 4 + 16))
		return CANDOR_ERROR;
	while (i < len && !rc) {
		unsigned char c = (unsigned char)text[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			rc = put(&st, c, i++);
			copy_run(&st, &i);
		} else if (c >= 'A' && c <= 'Z') {
			rc = put(&st, (unsigned char)(c + 32), i++);
		} else if (c < 0x80) {
			rc = put_ascii_other(&st, &i);
		} else {
			rc = put_unicode(&st, &i);
		}
	}
	if (!rc)
		rc = finish_word(&st);
	if (rc) {
		n->len = 0;
		rc = CANDOR_ERROR;
	}
	if (n->s) {
		n->s[n->len] = '\0';
		n->map[n->len] = (uint32_t)len;
	}
	return rc;
}

void candor_norm_release(struct candor_norm *n)
{
	free(n->s);
	free(n->map);
	n->s = NULL;
	n->map = NULL;
	n->len = n->cap = 0;
}

void candor_norm_span(const struct candor_norm *n, const char *orig,
		      size_t s, size_t e, size_t *os, size_t *oe)
{
	size_t end;

	if (e > n->len)
		e = n->len;
	if (s > e)
		s = e;
	*os = s < n->len ? n->map[s] : n->map[n->len];
	if (e == s) {
		*oe = *os;
		return;
	}
	while (e < n->len && n->map[e] == n->map[e - 1])
		e++;
	end = n->map[e];
	while (end > *os && (orig[end - 1] == ' ' || (orig[end - 1] >= '\t' &&
						       orig[end - 1] <= '\r')))
		end--;
	*oe = end;
}

size_t candor_utf8_count(const char *s, size_t byte)
{
	size_t k = 0;

	for (size_t i = 0; i < byte; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}
