/*
 * features.c: an utterance as the signal model sees it (see features.h).
 *
 * Two passes over a conversation: the first scans every utterance with the
 * lexicon and keeps what its neighbours will need (signals, question mark,
 * first words); the second normalises each utterance again, splits it into
 * words and emits the feature families.  Names are built in a small buffer
 * and hashed, so training and inference agree by construction.
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

struct utt_info {
	uint32_t lexmask, hedgemask;
	const char *kinds[KINDMAX];
	size_t nkinds;
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
	size_t awords;
};

/* One feature being emitted. */
struct emit {
	struct candor_featurizer *fz;
	struct candor_utt_feats *out;
	struct candor_buf *names;
	int oom;
};

uint64_t candor_feat_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
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
	free(fz);
}

void candor_utt_feats_release(struct candor_utt_feats *f)
{
	free(f->f.v);
	free(f->words);
	memset(f, 0, sizeof(*f));
}

static void add(struct emit *e, const char *name, size_t len, float value,
		size_t tok, size_t ntok)
{
	struct candor_feats *fs = &e->out->f;
	struct candor_feat *f;

	if (e->oom)
		return;
	if (candor_array_grow((void **)&fs->v, &fs->alloc, fs->n, sizeof(*f))) {
		e->oom = 1;
		return;
	}
	f = &fs->v[fs->n++];
	f->hash = candor_feat_hash(name, len);
	f->value = value;
	f->tok = (uint16_t)(tok > UINT16_MAX ? UINT16_MAX : tok);
	f->ntok = (uint16_t)(tok > UINT16_MAX ? 0 : ntok);
	f->name = 0;
	if (e->names) {
		f->name = (uint32_t)e->names->len;
		candor_buf_add(e->names, name, len);
		candor_buf_addch(e->names, '\0');
		if (e->names->err)
			e->oom = 1;
	}
}

/* Emit prefix + the parts joined by '_'. */
static void addv(struct emit *e, float value, size_t tok, size_t ntok, const char *prefix,
		 const char *a, const char *b, const char *c)
{
	char name[3 * WORDMAX + 32];
	int len = snprintf(name, sizeof(name), "%s%s%s%s%s%s", prefix, a ? a : "",
			   b ? "_" : "", b ? b : "", c ? "_" : "", c ? c : "");

	if (len < 0)
		return;
	if ((size_t)len >= sizeof(name))
		len = (int)sizeof(name) - 1;
	add(e, name, (size_t)len, value, tok, ntok);
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
		if (!st)
			return CANDOR_ERROR;
		fz->wstart = st;
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

	if (len < 3 || w[0] == '<' || getenv("DEV_NOCHAR"))
		return;
	pad[0] = '_';
	memcpy(pad + 1, w, len);
	pad[len + 1] = '_';
	for (size_t i = 0; i + 4 <= len + 2; i++) {
		name[0] = 'c';
		name[1] = ':';
		memcpy(name + 2, pad + i, 4);
		add(e, name, 6, 0.5f, tok, 1);
	}
}

static void word_features(struct emit *e, size_t nw)
{
	struct candor_featurizer *fz = e->fz;

	for (size_t i = 0; i < nw; i++) {
		const char *w = word(fz, i);

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
	if (nw)
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
		addv(e, 1, 0, 0, prefix, candor_signal_categories[c], NULL, NULL);
		if (kinds && (in->hedgemask & (1u << c)))
			addv(e, 1, 0, 0, "xh:", candor_signal_categories[c], NULL, NULL);
	}
	if (!kinds)
		return;
	snprintf(p, sizeof(p), "xk:");
	for (size_t k = 0; k < in->nkinds; k++)
		addv(e, 1, 0, 0, p, in->kinds[k], NULL, NULL);
}

static void context_features(struct emit *e, const struct utt_info *info, size_t n, size_t i)
{
	const struct utt_info *me = &info[i];

	if (i > 0) {
		const struct utt_info *pv = &info[i - 1];

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

		lex_features(e, nx, "nx:", false);
		if (nx->qmark)
			addv(e, 1, 0, 0, "nq", NULL, NULL, NULL);
		if (nx->first[0][0])
			addv(e, 1, 0, 0, "nf:", nx->first[0], NULL, NULL);
	} else {
		addv(e, 1, 0, 0, "n:none", NULL, NULL, NULL);
	}
}

static int cmp_feat(const void *a, const void *b)
{
	const struct candor_feat *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	/* keep the earliest word span first, so merging is stable */
	if (x->tok != y->tok)
		return x->tok < y->tok ? -1 : 1;
	return x->name < y->name ? -1 : x->name > y->name;
}

/* Sort by hash, merge duplicates (values add), scale to unit length. */
static void finish(struct candor_feats *fs)
{
	size_t k = 0;
	double norm = 0;

	if (!fs->n)
		return;
	qsort(fs->v, fs->n, sizeof(*fs->v), cmp_feat);
	for (size_t i = 1; i < fs->n; i++) {
		if (fs->v[i].hash == fs->v[k].hash)
			fs->v[k].value += fs->v[i].value;
		else
			fs->v[++k] = fs->v[i];
	}
	fs->n = k + 1;
	for (size_t i = 0; i < fs->n; i++)
		norm += (double)fs->v[i].value * fs->v[i].value;
	norm = sqrt(norm);
	for (size_t i = 0; i < fs->n; i++)
		fs->v[i].value = (float)(fs->v[i].value / norm);
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

static int featurize_one(struct candor_featurizer *fz, const struct candor_utterance *u,
			 size_t n, size_t i, struct candor_utt_feats *out, struct candor_buf *names)
{
	struct emit e = { fz, out, names, 0 };
	const struct utt_info *in = &fz->info[i];
	long nw;
	int rc;

	out->f.n = 0;
	out->lexmask = in->lexmask;
	if ((rc = candor_norm_text(&fz->sc.norm, u[i].text, strlen(u[i].text))))
		return rc;
	if ((nw = split_words(fz, u[i].text, out)) < 0)
		return CANDOR_ERROR;
	word_features(&e, (size_t)nw);
	if (in->qmark)
		addv(&e, 1, 0, 0, "q?", NULL, NULL, NULL);
	addv(&e, 1, 0, 0, "n:", len_bucket((size_t)nw), NULL, NULL);
	addv(&e, 1, 0, 0, "s:", candor_side_name(u[i].side), NULL, NULL);
	lex_features(&e, in, "x:", true);
	context_features(&e, fz->info, n, i);
	if (e.oom)
		return CANDOR_ERROR;
	finish(&out->f);
	return 0;
}

int candor_featurize(struct candor_featurizer *fz, const struct candor_utterance *u,
		     size_t n, struct candor_utt_feats *out, struct candor_buf *names)
{
	int rc;

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
	}
	for (size_t i = 0; i < n; i++)
		if ((rc = featurize_one(fz, u, n, i, &out[i], names)))
			return rc;
	return 0;
}
