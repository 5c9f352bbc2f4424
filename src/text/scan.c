/*
 * scan.c: from raw phrase hits to signals (see scan.h).
 *
 * Order of work for one text: normalise; scan (the callback keeps only hits
 * at word boundaries); split the normalised text into sentences; sort the
 * hits by position; then for every signal hit check its side and anchors,
 * drop it when an exception ("!phrase") of its category overlaps it; look
 * for a negation just before it in its clause and a hedge before it in
 * its sentence; finally decide per sentence whether it is a question.
 */
#include "util/common.h"
#include "util/array.h"
#include "util/error.h"
#include "text/scan.h"

int candor_scanner_init(struct candor_scanner *sc, const struct candor_lexicon *lx)
{
	memset(sc, 0, sizeof(*sc));
	sc->lx = lx;
	if (hs_clone_scratch(lx->scratch, &sc->scratch) != HS_SUCCESS)
		return CANDOR_ERROR;
	return 0;
}

void candor_scanner_release(struct candor_scanner *sc)
{
	if (sc->scratch)
		hs_free_scratch(sc->scratch);
	candor_norm_release(&sc->norm);
	free(sc->hits);
	free(sc->found);
	free(sc->sent);
	memset(sc, 0, sizeof(*sc));
}

static int on_match(unsigned int id, unsigned long long from,
		    unsigned long long to, unsigned int flags, void *ctx)
{
	struct candor_scanner *sc = ctx;
	const struct candor_lex_phrase *ph = &sc->lx->phrases[id];
	const unsigned char *s = (const unsigned char *)sc->norm.s;
	size_t end = (size_t)to, start = end - ph->len;
	struct candor_hit *h;

	(void)from;
	(void)flags;
	if (candor_norm_wordch((unsigned char)ph->norm[0]) && start &&
	    candor_norm_wordch(s[start - 1]))
		return 0;
	if (candor_norm_wordch((unsigned char)ph->norm[ph->len - 1]) &&
	    end < sc->norm.len && candor_norm_wordch(s[end]))
		return 0;
	if (candor_array_grow((void **)&sc->hits, &sc->ahits, sc->nhits, sizeof(*h))) {
		sc->oom = 1;
		return 1;
	}
	h = &sc->hits[sc->nhits++];
	h->phrase = id;
	h->start = (uint32_t)start;
	h->end = (uint32_t)end;
	return 0;
}

static bool is_stop(char c)
{
	return c == '.' || c == '?' || c == '!';
}

/* Split the normalised text into sentences at . ? ! followed by a space or
 * the end. */
static int split_sentences(struct candor_scanner *sc)
{
	const char *s = sc->norm.s;
	size_t n = sc->norm.len, start = 0;

	sc->nsent = 0;
	for (size_t i = 0; i <= n; i++) {
		struct candor_sentence *st;

		if (i < n && !(is_stop(s[i]) && (i + 1 == n || s[i + 1] == ' ')))
			continue;
		if (i < n)
			i++;
		while (i < n && is_stop(s[i]))
			i++;
		if (i > start) {
			if (candor_array_grow((void **)&sc->sent, &sc->asent, sc->nsent, sizeof(*st)))
				return CANDOR_ERROR;
			st = &sc->sent[sc->nsent++];
			st->start = start;
			st->end = i;
			st->qmark = memchr(s + start, '?', i - start) != NULL;
		}
		start = i < n && s[i] == ' ' ? i + 1 : i;
	}
	return 0;
}

/* The sentence holding normalised offset pos. */
static const struct candor_sentence *sentence_at(const struct candor_scanner *sc,
						 size_t pos)
{
	size_t lo = 0, hi = sc->nsent;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (sc->sent[mid].start <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return &sc->sent[lo];
}

static bool is_filler(const char *w, size_t n)
{
	static const char *const fillers[] = {
		"so", "and", "okay", "ok", "well", "but", "um", "uh", "also",
		"alright", "sure", "great", "yeah", "yes", "oh", "hey", "now",
		"then", "cool", "perfect", "hmm", "mm", "got", "it", "i", "see",
		"thanks", "gotcha", "right",
	};

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(fillers); i++)
		if (strlen(fillers[i]) == n && !memcmp(fillers[i], w, n))
			return true;
	return false;
}

/* Is pos the start of a sentence, allowing fillers ("so", "okay,") and
 * commas before it? */
static bool at_sentence_start(const struct candor_scanner *sc, size_t pos,
			      size_t sstart)
{
	const char *s = sc->norm.s;
	int words = 0;

	for (;;) {
		size_t w;

		while (pos > sstart && (s[pos - 1] == ' ' || s[pos - 1] == ',' ||
					s[pos - 1] == '"' || s[pos - 1] == '-'))
			pos--;
		if (pos <= sstart)
			return true;
		w = pos;
		while (w > sstart && candor_norm_wordch((unsigned char)s[w - 1]))
			w--;
		if (w == pos || !is_filler(s + w, pos - w) || ++words > 3)
			return false;
		pos = w;
	}
}

/* Is pos (a hit's end) the end of its sentence, but for punctuation? */
static bool at_sentence_end(const struct candor_scanner *sc, size_t pos, size_t send)
{
	for (; pos < send; pos++)
		if (candor_norm_wordch((unsigned char)sc->norm.s[pos]))
			return false;
	return true;
}

static int cmp_hits(const void *a, const void *b)
{
	const struct candor_hit *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return x->phrase < y->phrase ? -1 : x->phrase > y->phrase;
}

static bool side_ok(enum candor_lex_side want, enum candor_side side)
{
	if (want == CANDOR_LEX_ANY || side == CANDOR_SIDE_UNKNOWN)
		return true;
	return (want == CANDOR_LEX_BUYER) == (side == CANDOR_SIDE_BUYER);
}

/* Does the hit pass its side and anchor tests? */
static bool hit_ok(const struct candor_scanner *sc, const struct candor_hit *h,
		   enum candor_side side)
{
	const struct candor_lex_phrase *ph = &sc->lx->phrases[h->phrase];
	const struct candor_lex_section *sec = &sc->lx->sections[ph->section];
	const struct candor_sentence *st;

	if (!side_ok(sec->side, side))
		return false;
	if (!ph->anchored && !ph->anchored_end)
		return true;
	st = sentence_at(sc, h->start);
	if (ph->anchored && !at_sentence_start(sc, h->start, st->start))
		return false;
	return !ph->anchored_end || at_sentence_end(sc, h->end, st->end);
}

static enum candor_lex_role role(const struct candor_scanner *sc, const struct candor_hit *h)
{
	return sc->lx->sections[sc->lx->phrases[h->phrase].section].role;
}

/* Is hit k inside an exception of its own category ("!get ahead of
 * ourselves" for "get ahead")? */
static bool excepted(const struct candor_scanner *sc, size_t k, enum candor_side side)
{
	const struct candor_hit *h = &sc->hits[k];
	const char *cat = sc->lx->sections[sc->lx->phrases[h->phrase].section].category;

	if (!sc->nexcept)
		return false;
	for (size_t i = 0; i < sc->nhits; i++) {
		const struct candor_hit *g = &sc->hits[i];
		const struct candor_lex_phrase *ph = &sc->lx->phrases[g->phrase];

		if (g->start >= h->end)
			break;
		if (ph->except && g->end > h->start &&
		    sc->lx->sections[ph->section].category == cat && hit_ok(sc, g, side))
			return true;
	}
	return false;
}

/* Does hit i count: it passes its side and anchor tests, is no exception
 * itself and lies in none? */
static bool live(const struct candor_scanner *sc, size_t i, enum candor_side side)
{
	return hit_ok(sc, &sc->hits[i], side) && !sc->lx->phrases[sc->hits[i].phrase].except &&
	       !excepted(sc, i, side);
}

/* Is there a clause break (, ; : . ? ! or "but") in norm[from, to)? */
static bool clause_break(const char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		if (strchr(",;:.?!", s[i]))
			return true;
		if (s[i] == 'b' && i + 3 <= to && !memcmp(s + i, "but", 3) &&
		    (i == 0 || s[i - 1] == ' ') && (i + 3 == to || s[i + 3] == ' '))
			return true;
	}
	return false;
}

/* Is hit k negated: a negation hit ending at most three words before it,
 * with no clause break between? */
static bool negated(const struct candor_scanner *sc, size_t k, enum candor_side side)
{
	const struct candor_hit *h = &sc->hits[k];

	for (size_t i = 0; i < sc->nhits; i++) {
		const struct candor_hit *g = &sc->hits[i];
		size_t words = 0;

		if (g->end > h->start || role(sc, g) != CANDOR_LEX_NEGATION ||
		    !live(sc, i, side))
			continue;
		for (size_t j = g->end; j < h->start; j++)
			words += sc->norm.s[j] == ' ';
		if (words <= 4 && !clause_break(sc->norm.s, g->end, h->start))
			return true;
	}
	return false;
}

/* Is there a hit of role r in sentence st, before pos (any pos: SIZE_MAX)? */
static bool role_in_sentence(const struct candor_scanner *sc, enum candor_lex_role r,
			     const struct candor_sentence *st, size_t pos,
			     enum candor_side side)
{
	for (size_t i = 0; i < sc->nhits; i++) {
		const struct candor_hit *g = &sc->hits[i];

		if (g->start >= st->start && g->end <= st->end && g->end <= pos &&
		    role(sc, g) == r && live(sc, i, side))
			return true;
	}
	return false;
}

static struct candor_found *add_found(struct candor_scanner *sc,
				      const struct candor_sentence *st,
				      size_t ns, size_t ne)
{
	struct candor_found *f;

	if (candor_array_grow((void **)&sc->found, &sc->afound, sc->nfound, sizeof(*f)))
		return NULL;
	f = &sc->found[sc->nfound++];
	memset(f, 0, sizeof(*f));
	f->nstart = ns;
	f->nend = ne;
	f->nsstart = st->start;
	f->nsend = st->end;
	candor_norm_span(&sc->norm, sc->text, ns, ne, &f->start, &f->end);
	candor_norm_span(&sc->norm, sc->text, st->start, st->end, &f->sstart, &f->send);
	return f;
}

/* Already found: a signal of the same category overlapping [s, e)? */
static bool overlaps(const struct candor_scanner *sc, const char *cat, size_t s, size_t e)
{
	for (size_t i = sc->nfound; i-- > 0;) {
		const struct candor_found *f = &sc->found[i];

		if (f->category == cat && f->nstart < e && s < f->nend)
			return true;
	}
	return false;
}

static int keep_signals(struct candor_scanner *sc, enum candor_side side)
{
	for (size_t k = 0; k < sc->nhits; k++) {
		const struct candor_hit *h = &sc->hits[k];
		const struct candor_lex_phrase *ph = &sc->lx->phrases[h->phrase];
		const struct candor_lex_section *sec = &sc->lx->sections[ph->section];
		const struct candor_sentence *st;
		struct candor_found *f;

		if (sec->role != CANDOR_LEX_SIGNAL || sec->category == sc->lx->question ||
		    ph->except || !hit_ok(sc, h, side) ||
		    overlaps(sc, sec->category, h->start, h->end) || excepted(sc, k, side))
			continue;
		if (sec->negatable && negated(sc, k, side))
			continue;
		st = sentence_at(sc, h->start);
		if (!(f = add_found(sc, st, h->start, h->end)))
			return CANDOR_ERROR;
		f->phrase = h->phrase;
		f->section = sec;
		f->category = sec->category;
		f->hedged = role_in_sentence(sc, CANDOR_LEX_HEDGE, st, h->start, side);
	}
	return 0;
}

/* Does sentence st hold a question phrase that passes its tests? */
static bool question_phrase(const struct candor_scanner *sc,
			    const struct candor_sentence *st, enum candor_side side)
{
	for (size_t i = 0; i < sc->nhits; i++) {
		const struct candor_hit *g = &sc->hits[i];
		const struct candor_lex_phrase *ph = &sc->lx->phrases[g->phrase];

		if (g->start >= st->start && g->end <= st->end &&
		    sc->lx->sections[ph->section].category == sc->lx->question &&
		    sc->lx->sections[ph->section].role == CANDOR_LEX_SIGNAL &&
		    live(sc, i, side))
			return true;
	}
	return false;
}

static int keep_questions(struct candor_scanner *sc, enum candor_side side)
{
	for (size_t i = 0; i < sc->nsent; i++) {
		const struct candor_sentence *st = &sc->sent[i];
		struct candor_found *f;

		if (!st->qmark && (!question_phrase(sc, st, side) ||
				   role_in_sentence(sc, CANDOR_LEX_STATEMENT, st, SIZE_MAX, side)))
			continue;
		if (role_in_sentence(sc, CANDOR_LEX_RHETORICAL, st, SIZE_MAX, side))
			continue;
		if (!(f = add_found(sc, st, st->start, st->end)))
			return CANDOR_ERROR;
		f->phrase = SIZE_MAX;
		f->category = sc->lx->question;
	}
	return 0;
}

static int cmp_found(const void *a, const void *b)
{
	const struct candor_found *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end;
}

int candor_scanner_run(struct candor_scanner *sc, const char *text, size_t len,
		       enum candor_side side)
{
	int rc;

	sc->nhits = sc->nfound = 0;
	sc->oom = 0;
	sc->text = text;
	if ((rc = candor_norm_text(&sc->norm, text, len)))
		return rc;
	if (!sc->norm.len)
		return 0;
	if (hs_scan(sc->lx->db, sc->norm.s, (unsigned)sc->norm.len, 0, sc->scratch,
		    on_match, sc) != HS_SUCCESS || sc->oom)
		return CANDOR_ERROR;
	if (split_sentences(sc))
		return CANDOR_ERROR;
	if (sc->nhits > 1)
		qsort(sc->hits, sc->nhits, sizeof(*sc->hits), cmp_hits);
	sc->nexcept = 0;
	for (size_t i = 0; i < sc->nhits; i++)
		sc->nexcept += sc->lx->phrases[sc->hits[i].phrase].except;
	if (keep_signals(sc, side) || keep_questions(sc, side))
		return CANDOR_ERROR;
	if (sc->nfound > 1)
		qsort(sc->found, sc->nfound, sizeof(*sc->found), cmp_found);
	return 0;
}
