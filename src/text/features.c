/*
 * features.c: an utterance as the signal model sees it (see features.h).
 *
 * Two passes over a conversation: the first scans every utterance with the
 * lexicon and keeps what its neighbours will need (signals, question mark,
 * first words, its longer words); the second normalises each utterance
 * again, splits it into words and emits the feature families.  A name is hashed as it is read
 * (and kept only when names are asked for), so training and inference
 * agree by construction.
 */
#include "util/common.h"
#include "util/array.h"
#include "util/error.h"
#include "text/features.h"
#include "text/scan.h"
#include "text/sigmodel.h"

#include <math.h>

#define WORDMAX 40               /* bytes of a word kept in a name */
#define KINDMAX 4
#define NEGATION_SCOPE 4         /* words after "not", "no"... marked negated */
#define FIXED_VALUE 0.3f         /* the lexicon's signals and '?': not scaled */
#define SENTENCE_MIN 3           /* words of a sentence scored on its own */
#define HITMAX 24                /* lexicon signals kept per utterance for its sentences */
#define NEAR_VALUE 0.5f         /* a neighbour's word (0.3 and 1 cross-validated lower) */
#define NEAR_WORDS 30            /* words of an utterance its neighbours see */

struct lexhit {
	int cat;
	bool hedged;
	const char *kind;
	size_t nstart;           /* in the normalised text */
};

struct utt_info {
	uint32_t lexmask, hedgemask;
	const char *kinds[KINDMAX];
	size_t nkinds;
	struct lexhit hits[HITMAX];
	size_t nhits;
	bool qmark;
	enum candor_side side;
	char first[2][WORDMAX + 1];
};

struct candor_featurizer {
	const struct candor_lexicon *lx;
	struct candor_scanner sc;
	struct utt_info *info;
	size_t ainfo;
	/* words of the utterance being featurized, normalised and NUL-ended */
	char *wbuf;
	size_t awbuf;
	size_t *woff, *wlen;
	bool *wstart;            /* the word opens a sentence */
	size_t *wnstart;         /* where the word starts in the normalised text */
	size_t awords;
	struct candor_utt_feats *sent;   /* candor_featurize_sentences' results */
	size_t asent;
	uint32_t *seen;          /* finish(): feature hash -> index + 1 */
	size_t aseen;
	struct candor_buf near;  /* every utterance's words for its neighbours, NUL-ended */
	size_t *nearat;          /* utterance i's start in near; [n] its end */
	size_t anearat;
};

/* One feature being emitted. */
struct emit {
	struct candor_featurizer *fz;
	struct candor_utt_feats *out;
	struct candor_buf *names;
	int oom;
	bool fixed;              /* what is added now keeps its value */
};

#define FNV_BASIS 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

uint64_t candor_feat_hash_add(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= FNV_PRIME;
	}
	return h;
}

uint64_t candor_feat_hash(const char *s, size_t n)
{
	return candor_feat_hash_add(FNV_BASIS, s, n);
}

int candor_featurizer_new(struct candor_featurizer **out, const struct candor_lexicon *lx)
{
	struct candor_featurizer *fz = calloc(1, sizeof(*fz));

	*out = NULL;
	if (!fz)
		return CANDOR_ERROR;
	if (candor_scanner_init(&fz->sc, lx)) {
		free(fz);
		return CANDOR_ERROR;
	}
	fz->lx = lx;
	*out = fz;
	return 0;
}

void candor_featurizer_free(struct candor_featurizer *fz)
{
	if (!fz)
		return;
	candor_scanner_release(&fz->sc);
	free(fz->info);
	free(fz->wbuf);
	free(fz->woff);
	free(fz->wlen);
	free(fz->wstart);
	free(fz->wnstart);
	for (size_t i = 0; i < fz->asent; i++)
		candor_utt_feats_release(&fz->sent[i]);
	free(fz->sent);
	free(fz->seen);
	candor_buf_release(&fz->near);
	free(fz->nearat);
	free(fz);
}

void candor_utt_feats_release(struct candor_utt_feats *f)
{
	free(f->f.v);
	free(f->words);
	memset(f, 0, sizeof(*f));
}

/* Add a feature whose name hashes to h; name[0..len) is kept only when
 * the caller wants names (training's report, --explain). */
static void add_hashed(struct emit *e, uint64_t h, const char *name, size_t len, float value,
		       size_t tok, size_t ntok)
{
	struct candor_feats *fs = &e->out->f;
	struct candor_feat *f;

	if (e->oom)
		return;
	if (fs->n == fs->alloc &&
	    candor_array_grow((void **)&fs->v, &fs->alloc, fs->n, sizeof(*f))) {
		e->oom = 1;
		return;
	}
	f = &fs->v[fs->n++];
	f->hash = h;
	f->value = value;
	f->tok = (uint16_t)(tok > UINT16_MAX ? UINT16_MAX : tok);
	f->ntok = (uint16_t)(tok > UINT16_MAX ? 0 : ntok);
	f->fixed = e->fixed;
	f->name = 0;
	if (e->names) {
		f->name = (uint32_t)e->names->len;
		candor_buf_add(e->names, name, len);
		candor_buf_addch(e->names, '\0');
		if (e->names->err)
			e->oom = 1;
	}
}

#define NAMEMAX (3 * WORDMAX + 32)   /* bytes of a feature's name, at most */

/* Append s to the name being hashed (h, its length *len), and to the
 * name itself when names are kept; a name stops at NAMEMAX bytes. */
static uint64_t put(struct emit *e, char *name, size_t *len, uint64_t h, const char *s)
{
	size_t at = *len;

	for (; *s && at < NAMEMAX; s++, at++) {
		if (e->names)
			name[at] = *s;
		h = (h ^ (unsigned char)*s) * FNV_PRIME;
	}
	*len = at;
	return h;
}

/* Emit prefix + the parts joined by '_' (a name never passes 3 words).
 * The name is hashed as it is read, and written out only for names. */
static void addv(struct emit *e, float value, size_t tok, size_t ntok, const char *prefix,
		 const char *a, const char *b, const char *c)
{
	char name[NAMEMAX];
	size_t len = 0;
	uint64_t h = put(e, name, &len, FNV_BASIS, prefix);

	if (a)
		h = put(e, name, &len, h, a);
	if (b) {
		h = put(e, name, &len, h, "_");
		h = put(e, name, &len, h, b);
	}
	if (c) {
		h = put(e, name, &len, h, "_");
		h = put(e, name, &len, h, c);
	}
	add_hashed(e, h, name, len, value, tok, ntok);
}

static bool is_word_byte(unsigned char c)
{
	return candor_norm_wordch(c) || c == '\'' || c == '$' || c == '%';
}

static bool all_digits(const char *s, size_t n)
{
	bool digit = false;

	for (size_t i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digit = true;
		else if (s[i] != ',' && s[i] != '.' && s[i] != '$' && s[i] != '%' && s[i] != '\'')
			return false;
	}
	return digit;
}

static int words_grow(struct candor_featurizer *fz, size_t n, size_t bytes)
{
	if (bytes > fz->awbuf) {
		char *p = realloc(fz->wbuf, bytes);

		if (!p)
			return CANDOR_ERROR;
		fz->wbuf = p;
		fz->awbuf = bytes;
	}
	if (n > fz->awords) {
		size_t *o = realloc(fz->woff, n * sizeof(*o));
		size_t *l;
		bool *st;

		if (o)
			fz->woff = o;
		l = o ? realloc(fz->wlen, n * sizeof(*l)) : NULL;
		if (l)
			fz->wlen = l;
		st = l ? realloc(fz->wstart, n * sizeof(*st)) : NULL;
		if (st)
			fz->wstart = st;
		o = st ? realloc(fz->wnstart, n * sizeof(*o)) : NULL;
		if (!o)
			return CANDOR_ERROR;
		fz->wnstart = o;
		fz->awords = n;
	}
	return 0;
}

/*
 * Split the normalised text in fz->sc.norm into words: wbuf holds them
 * NUL-terminated (numbers folded to "<num>"), out->words their original
 * spans.  Returns the number of words, or -1 when out of memory.
 */
static long split_words(struct candor_featurizer *fz, const char *orig,
			struct candor_utt_feats *out)
{
	const struct candor_norm *n = &fz->sc.norm;
	const char *s = n->s;
	size_t nw = 0, wb = 0;
	bool start = true;

	if (words_grow(fz, n->len / 2 + 2, n->len * 2 + 16))
		return -1;
	out->nwords = 0;
	for (size_t i = 0; i < n->len;) {
		size_t j = i, os, oe;

		if (!is_word_byte((unsigned char)s[i])) {
			if ((s[i] == '.' || s[i] == '?' || s[i] == '!') &&
			    (i + 1 == n->len || s[i + 1] == ' '))
				start = true;
			i++;
			continue;
		}
		while (j < n->len && is_word_byte((unsigned char)s[j]))
			j++;
		if (all_digits(s + i, j - i)) {
			memcpy(fz->wbuf + wb, "<num>", 6);
			fz->wlen[nw] = 5;
		} else {
			size_t l = j - i > WORDMAX ? WORDMAX : j - i;

			memcpy(fz->wbuf + wb, s + i, l);
			fz->wbuf[wb + l] = '\0';
			fz->wlen[nw] = l;
		}
		fz->woff[nw] = wb;
		fz->wnstart[nw] = i;
		wb += fz->wlen[nw] + 1;
		fz->wstart[nw] = start;
		start = false;
		if (candor_array_grow((void **)&out->words, &out->awords, nw, sizeof(*out->words)))
			return -1;
		candor_norm_span(n, orig, i, j, &os, &oe);
		out->words[nw].start = (uint32_t)os;
		out->words[nw].end = (uint32_t)oe;
		nw++;
		i = j;
	}
	out->nwords = nw;
	return (long)nw;
}

static const char *word(const struct candor_featurizer *fz, size_t i)
{
	return fz->wbuf + fz->woff[i];
}

static void char_grams(struct emit *e, const char *w, size_t len, size_t tok)
{
	char pad[WORDMAX + 3], name[8];
	uint64_t hc = candor_feat_hash("c:", 2);

	if (len < 3 || w[0] == '<')
		return;
	pad[0] = '_';
	memcpy(pad + 1, w, len);
	pad[len + 1] = '_';
	name[0] = 'c';
	name[1] = ':';
	for (size_t i = 0; i + 4 <= len + 2; i++) {
		memcpy(name + 2, pad + i, 4);
		add_hashed(e, candor_feat_hash_add(hc, pad + i, 4), name, 6, 0.5f, tok, 1);
	}
}

/* A name inside a sentence (capitalised, not its first word): the shape
 * of vendors and products ("we use Deposco"), with its neighbours. */
static void name_features(struct emit *e, const char *orig, const struct candor_utt_feats *u,
			  size_t w0, size_t nw)
{
	struct candor_featurizer *fz = e->fz;

	for (size_t i = w0 + 1; i < nw; i++) {
		unsigned char c = (unsigned char)orig[u->words[i].start];

		if (fz->wstart[i] || c < 'A' || c > 'Z' || !strcmp(word(fz, i), "i"))
			continue;
		addv(e, 1, i, 1, "k:<Name>", NULL, NULL, NULL);
		addv(e, 1, i - 1, 2, "kb:", word(fz, i - 1), "<Name>", NULL);
		if (i + 1 < nw)
			addv(e, 1, i, 2, "ka:<Name>", "", word(fz, i + 1), NULL);
	}
}

static bool negator(const char *w)
{
	static const char *const neg[] = { "not", "no", "never", "nothing", "without", "nobody",
					   "none", "neither", "nor" };

	for (size_t k = 0; k < CANDOR_ARRAY_SIZE(neg); k++)
		if (!strcmp(w, neg[k]))
			return true;
	return false;
}

/* The word families over words [w0, nw). */
static void word_features(struct emit *e, size_t w0, size_t nw)
{
	struct candor_featurizer *fz = e->fz;
	size_t negated = 0;      /* words left in a negation's scope */

	for (size_t i = w0; i < nw; i++) {
		const char *w = word(fz, i);

		if (fz->wstart[i])
			negated = 0;
		if (negated) {
			addv(e, 1, i, 1, "g:", w, NULL, NULL);
			negated--;
		}
		if (negator(w))
			negated = NEGATION_SCOPE;

		addv(e, 1, i, 1, "w:", w, NULL, NULL);
		char_grams(e, w, fz->wlen[i], i);
		if (fz->wstart[i]) {
			addv(e, 1, i, 1, "b:<s>", "", w, NULL);
			if (i + 1 < nw && !fz->wstart[i + 1])
				addv(e, 1, i, 2, "f2:", w, word(fz, i + 1), NULL);
		}
		if (i + 1 < nw && !fz->wstart[i + 1])
			addv(e, 1, i, 2, "b:", w, word(fz, i + 1), NULL);
		if (i + 2 < nw && !fz->wstart[i + 1] && !fz->wstart[i + 2])
			addv(e, 1, i, 3, "t:", w, word(fz, i + 1), word(fz, i + 2));
	}
	if (nw > w0)
		addv(e, 1, nw - 1, 1, "l:", word(fz, nw - 1), NULL, NULL);
}

static const char *len_bucket(size_t nw)
{
	return nw <= 1 ? "1" : nw <= 2 ? "2" : nw <= 5 ? "5" : nw <= 10 ? "10" :
	       nw <= 20 ? "20" : nw <= 40 ? "40" : "more";
}

static void lex_features(struct emit *e, const struct utt_info *in, const char *prefix,
			 bool kinds)
{
	char p[8];

	for (int c = 0; c < CANDOR_NCATS; c++) {
		if (!(in->lexmask & (1u << c)))
			continue;
		float v = e->fixed ? FIXED_VALUE : 1;

		addv(e, v, 0, 0, prefix, candor_signal_categories[c], NULL, NULL);
		if (kinds && (in->hedgemask & (1u << c)))
			addv(e, v, 0, 0, "xh:", candor_signal_categories[c], NULL, NULL);
	}
	if (!kinds)
		return;
	snprintf(p, sizeof(p), "xk:");
	for (size_t k = 0; k < in->nkinds; k++)
		addv(e, e->fixed ? FIXED_VALUE : 1, 0, 0, p, in->kinds[k], NULL, NULL);
}

/* The words of neighbour j (four letters or more, not numbers): what the
 * turn answers or is answered by ("They charge per seat." after a vendor
 * is named). */
static void near_words(struct emit *e, const char *prefix, size_t j)
{
	const struct candor_featurizer *fz = e->fz;

	for (size_t at = fz->nearat[j]; at < fz->nearat[j + 1]; at += strlen(fz->near.ptr + at) + 1)
		addv(e, NEAR_VALUE, 0, 0, prefix, fz->near.ptr + at, NULL, NULL);
}

static void context_features(struct emit *e, const struct utt_info *info, size_t n, size_t i)
{
	const struct utt_info *me = &info[i];

	if (i > 0) {
		const struct utt_info *pv = &info[i - 1];

		near_words(e, "pw:", i - 1);
		addv(e, 1, 0, 0, "p:", pv->side == me->side ? "same" : "other", NULL, NULL);
		lex_features(e, pv, "px:", false);
		if (pv->qmark)
			addv(e, 1, 0, 0, "pq", NULL, NULL, NULL);
		if (pv->first[0][0])
			addv(e, 1, 0, 0, "pf2:", pv->first[0], pv->first[1], NULL);
	} else {
		addv(e, 1, 0, 0, "p:none", NULL, NULL, NULL);
	}
	if (i + 1 < n) {
		const struct utt_info *nx = &info[i + 1];

		near_words(e, "nw:", i + 1);
		lex_features(e, nx, "nx:", false);
		if (nx->qmark)
			addv(e, 1, 0, 0, "nq", NULL, NULL, NULL);
		if (nx->first[0][0])
			addv(e, 1, 0, 0, "nf:", nx->first[0], NULL, NULL);
	} else {
		addv(e, 1, 0, 0, "n:none", NULL, NULL, NULL);
	}
}

/*
 * Merge duplicates (values add; the first keeps its words, the earliest in
 * the utterance) in order of first sight, then scale to unit length.
 */
static int finish(struct candor_featurizer *fz, struct candor_feats *fs)
{
	size_t k = 0, cap = 64, mask;
	double norm = 0;

	if (!fs->n)
		return 0;
	while (cap < 2 * fs->n)
		cap *= 2;
	if (cap > fz->aseen) {
		uint32_t *p = realloc(fz->seen, cap * sizeof(*p));

		if (!p)
			return CANDOR_ERROR;
		fz->seen = p;
		fz->aseen = cap;
	}
	memset(fz->seen, 0, cap * sizeof(*fz->seen));
	mask = cap - 1;
	for (size_t i = 0; i < fs->n; i++) {
		uint64_t h = fs->v[i].hash;
		size_t j = (size_t)(h ^ (h >> 32)) & mask;

		while (fz->seen[j] && fs->v[fz->seen[j] - 1].hash != h)
			j = (j + 1) & mask;
		if (fz->seen[j]) {
			fs->v[fz->seen[j] - 1].value += fs->v[i].value;
			continue;
		}
		fs->v[k] = fs->v[i];
		fz->seen[j] = (uint32_t)++k;
	}
	fs->n = k;
	for (size_t i = 0; i < fs->n; i++)
		if (!fs->v[i].fixed)
			norm += (double)fs->v[i].value * fs->v[i].value;
	norm = norm > 0 ? sqrt(norm) : 1;
	for (size_t i = 0; i < fs->n; i++)
		if (!fs->v[i].fixed)
			fs->v[i].value = (float)(fs->v[i].value / norm);
	return 0;
}

/* Pass one: scan utterance i with the lexicon, keep what others need. */
static int scan_one(struct candor_featurizer *fz, const struct candor_utterance *u,
		    struct utt_info *in)
{
	struct candor_scanner *sc = &fz->sc;
	size_t len = strlen(u->text);
	int rc;

	memset(in, 0, sizeof(*in));
	in->side = u->side;
	in->qmark = strchr(u->text, '?') != NULL;
	if ((rc = candor_scanner_run(sc, u->text, len, u->side)))
		return rc;
	for (size_t k = 0; k < sc->nfound; k++) {
		const struct candor_found *f = &sc->found[k];
		int c = candor_signal_category(f->category);
		const char *kind = f->section ? f->section->kind : NULL;

		if (c < 0)
			continue;
		in->lexmask |= 1u << c;
		if (f->hedged)
			in->hedgemask |= 1u << c;
		if (in->nhits < HITMAX)
			in->hits[in->nhits++] = (struct lexhit){ c, f->hedged, kind, f->nstart };
		if (kind && in->nkinds < KINDMAX) {
			bool seen = false;

			for (size_t j = 0; j < in->nkinds; j++)
				seen |= !strcmp(in->kinds[j], kind);
			if (!seen)
				in->kinds[in->nkinds++] = kind;
		}
	}
	return 0;
}

static void keep_first_words(struct candor_featurizer *fz, struct utt_info *in, long nw)
{
	for (int k = 0; k < 2; k++) {
		if (k < nw)
			snprintf(in->first[k], sizeof(in->first[k]), "%s", word(fz, (size_t)k));
		else
			snprintf(in->first[k], sizeof(in->first[k]), "%s", k ? "</s>" : "");
	}
}

/* Which part of an utterance is featurized: words [w0, w1), normalised
 * text [n0, n1); whole is the utterance itself. */
struct part {
	size_t w0, w1, n0, n1;
	bool whole;
};

/* The lexicon's signals of utterance in that fall in the part. */
static void part_info(const struct utt_info *in, const struct part *p, struct utt_info *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t k = 0; k < in->nhits; k++) {
		const struct lexhit *h = &in->hits[k];

		if (h->nstart < p->n0 || h->nstart >= p->n1)
			continue;
		out->lexmask |= 1u << h->cat;
		if (h->hedged)
			out->hedgemask |= 1u << h->cat;
		if (h->kind && out->nkinds < KINDMAX) {
			bool seen = false;

			for (size_t j = 0; j < out->nkinds; j++)
				seen |= !strcmp(out->kinds[j], h->kind);
			if (!seen)
				out->kinds[out->nkinds++] = h->kind;
		}
	}
}

/* Emit the features of part p of utterance i (normalised and split
 * already into fz's words and out->words). */
static int emit_part(struct candor_featurizer *fz, const struct candor_utterance *u, size_t n,
		     size_t i, const struct part *p, struct candor_utt_feats *out,
		     struct candor_buf *names)
{
	struct emit e = { fz, out, names, 0, false };
	const struct utt_info *in = &fz->info[i];
	struct utt_info piece;
	bool qmark = in->qmark;

	out->f.n = 0;
	if (!p->whole) {
		part_info(in, p, &piece);
		qmark = memchr(fz->sc.norm.s + p->n0, '?', p->n1 - p->n0) != NULL;
		in = &piece;
	}
	out->lexmask = in->lexmask;
	out->w0 = p->w0;
	out->w1 = p->w1;
	word_features(&e, p->w0, p->w1);
	name_features(&e, u[i].text, out, p->w0, p->w1);
	e.fixed = true;
	if (qmark)
		addv(&e, FIXED_VALUE, 0, 0, "q?", NULL, NULL, NULL);
	addv(&e, 1, 0, 0, "n:", len_bucket(p->w1 - p->w0), NULL, NULL);
	addv(&e, 1, 0, 0, "s:", candor_side_name(u[i].side), NULL, NULL);
	lex_features(&e, in, "x:", true);
	e.fixed = false;
	context_features(&e, fz->info, n, i);
	if (e.oom)
		return CANDOR_ERROR;
	return finish(fz, &out->f);
}

static int featurize_one(struct candor_featurizer *fz, const struct candor_utterance *u,
			 size_t n, size_t i, struct candor_utt_feats *out, struct candor_buf *names)
{
	struct part whole = { 0, 0, 0, 0, true };
	long nw;
	int rc;

	if ((rc = candor_norm_text(&fz->sc.norm, u[i].text, strlen(u[i].text))))
		return rc;
	if ((nw = split_words(fz, u[i].text, out)) < 0)
		return CANDOR_ERROR;
	whole.w1 = (size_t)nw;
	whole.n1 = fz->sc.norm.len;
	return emit_part(fz, u, n, i, &whole, out, names);
}

int candor_featurize_sentences(struct candor_featurizer *fz, const struct candor_utterance *u,
			       size_t n, size_t i, struct candor_utt_feats **out, size_t *nout,
			       struct candor_buf *names)
{
	size_t nsent = 0, nw, kept = 0;
	long got;
	int rc;

	*out = fz->sent;
	*nout = 0;
	if ((rc = candor_norm_text(&fz->sc.norm, u[i].text, strlen(u[i].text))))
		return rc;
	if (!fz->asent) {
		if (!(fz->sent = calloc(4, sizeof(*fz->sent))))
			return CANDOR_ERROR;
		fz->asent = 4;
	}
	if ((got = split_words(fz, u[i].text, &fz->sent[0])) < 0)
		return CANDOR_ERROR;
	nw = (size_t)got;
	for (size_t w = 0; w < nw; w++)
		nsent += fz->wstart[w];
	if (nsent < 2)
		return 0;
	if (nsent > fz->asent) {
		struct candor_utt_feats *p = realloc(fz->sent, nsent * sizeof(*p));

		if (!p)
			return CANDOR_ERROR;
		memset(p + fz->asent, 0, (nsent - fz->asent) * sizeof(*p));
		fz->sent = p;
		fz->asent = nsent;
	}
	for (size_t w = 0, k = 0; w < nw;) {
		struct candor_utt_feats *sf = &fz->sent[k];
		struct part p = { w, w + 1, fz->wnstart[w], 0, false };

		while (p.w1 < nw && !fz->wstart[p.w1])
			p.w1++;
		p.n1 = p.w1 < nw ? fz->wnstart[p.w1] : fz->sc.norm.len;
		w = p.w1;
		/* a sentence too short to say anything on its own ("Merci.")
		 * would be scored by its neighbours' features alone */
		if (p.w1 - p.w0 < SENTENCE_MIN)
			continue;
		if (k) {
			sf->nwords = 0;
			for (size_t j = 0; j < nw; j++) {
				if (candor_array_grow((void **)&sf->words, &sf->awords, j,
						      sizeof(*sf->words)))
					return CANDOR_ERROR;
				sf->words[j] = fz->sent[0].words[j];
			}
			sf->nwords = nw;
		}
		if ((rc = emit_part(fz, u, n, i, &p, sf, names)))
			return rc;
		kept = ++k;
	}
	nsent = kept;
	*out = fz->sent;
	*nout = nsent >= 2 ? nsent : 0;
	return 0;
}

int candor_featurize(struct candor_featurizer *fz, const struct candor_utterance *u,
		     size_t n, struct candor_utt_feats *out, struct candor_buf *names)
{
	int rc;

	candor_buf_reset(&fz->near);
	if (n + 1 > fz->anearat) {
		size_t *p = realloc(fz->nearat, (n + 1) * sizeof(*p));

		if (!p)
			return CANDOR_ERROR;
		fz->nearat = p;
		fz->anearat = n + 1;
	}
	if (n > fz->ainfo) {
		struct utt_info *p = realloc(fz->info, n * sizeof(*p));

		if (!p)
			return CANDOR_ERROR;
		fz->info = p;
		fz->ainfo = n;
	}
	for (size_t i = 0; i < n; i++) {
		long nw;

		if ((rc = scan_one(fz, &u[i], &fz->info[i])))
			return rc;
		out[i].nwords = 0;
		if ((nw = split_words(fz, u[i].text, &out[i])) < 0)
			return CANDOR_ERROR;
		keep_first_words(fz, &fz->info[i], nw);
		fz->nearat[i] = fz->near.len;
		for (size_t w = 0, kept = 0; w < (size_t)nw && kept < NEAR_WORDS; w++)
			if (fz->wlen[w] >= 4 && word(fz, w)[0] != '<') {
				candor_buf_add(&fz->near, word(fz, w), fz->wlen[w]);
				candor_buf_addch(&fz->near, '\0');
				kept++;
			}
		if (candor_buf_error(&fz->near))
			return CANDOR_ERROR;
	}
	fz->nearat[n] = fz->near.len;
	for (size_t i = 0; i < n; i++)
		if ((rc = featurize_one(fz, u, n, i, &out[i], names)))
			return rc;
	return 0;
}
