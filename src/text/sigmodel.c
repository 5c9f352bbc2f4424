/*
 * sigmodel.c: loading, applying, explaining and writing the signal model
 * (see sigmodel.h).
 *
 * The weights are a dense row of CANDOR_NCATS floats per known feature,
 * found through an open-addressing table keyed by the feature's hash, so
 * scoring an utterance costs one probe per feature.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/error.h"
#include "text/features.h"
#include "text/sigmodel.h"
#include "text/stack.h"
#include "text/lexicon-dir.h"

#include <math.h>
#include <unistd.h>

const char *const candor_signal_categories[CANDOR_NCATS] = {
	"social", "stall", "candor", "disclosure", "toward", "away", "options",
	"procedures", "objection", "pressure", "closing", "seller_centric",
	"question", "price", "competitor", "next_step", "commitment",
};

const enum candor_cat_side candor_signal_sides[CANDOR_NCATS] = {
	CANDOR_CAT_BUYER, CANDOR_CAT_BUYER, CANDOR_CAT_BUYER, CANDOR_CAT_BUYER,
	CANDOR_CAT_BUYER, CANDOR_CAT_BUYER, CANDOR_CAT_BUYER, CANDOR_CAT_BUYER,
	CANDOR_CAT_BUYER, CANDOR_CAT_SELLER, CANDOR_CAT_SELLER, CANDOR_CAT_SELLER,
	CANDOR_CAT_EITHER, CANDOR_CAT_EITHER, CANDOR_CAT_EITHER, CANDOR_CAT_EITHER,
	CANDOR_CAT_EITHER,
};

static const char *const side_names[] = { "buyer", "seller", "either" };

/* Version 1: the first stage alone; version 2 adds "second" lines (a
 * category's second stage, text/stack.h).  A file of either is read; one
 * is written as 1 when it has no second stage, so an older build still
 * reads it. */
#define MAGIC "candor-signals 1"
#define MAGIC2 "candor-signals 2"

struct candor_signal_model {
	struct candor_cat_params cat[CANDOR_NCATS];
	uint64_t *keys;          /* row hashes, in row order */
	float *w;                /* nrows * CANDOR_NCATS */
	size_t nrows;
	uint32_t *slot;          /* table: row + 1, 0 empty */
	size_t mask;
	char id[17];
	char *about;
	struct candor_model_source src;
	bool has_src;
	struct candor_second_stage *second[CANDOR_NCATS];  /* NULL: none */
};

int candor_signal_category(const char *name)
{
	for (int c = 0; c < CANDOR_NCATS; c++)
		if (!strcmp(candor_signal_categories[c], name))
			return c;
	return -1;
}

bool candor_signal_side_ok(int c, enum candor_side side)
{
	switch (candor_signal_sides[c]) {
	case CANDOR_CAT_BUYER:
		return side != CANDOR_SIDE_SELLER;
	case CANDOR_CAT_SELLER:
		return side != CANDOR_SIDE_BUYER;
	default:
		return true;
	}
}

int candor_signal_model_new(struct candor_signal_model **out, size_t nrows)
{
	struct candor_signal_model *m = calloc(1, sizeof(*m));
	size_t cap = 16;

	*out = NULL;
	if (!m)
		return CANDOR_ERROR;
	while (cap < 2 * nrows + 2)
		cap *= 2;
	m->nrows = nrows;
	m->keys = calloc(nrows ? nrows : 1, sizeof(*m->keys));
	m->w = calloc(nrows ? nrows * CANDOR_NCATS : 1, sizeof(*m->w));
	m->slot = calloc(cap, sizeof(*m->slot));
	m->mask = cap - 1;
	m->about = strdup("");
	for (int c = 0; c < CANDOR_NCATS; c++)
		m->cat[c] = (struct candor_cat_params){ 0, 0.5, -1 };
	if (!m->keys || !m->w || !m->slot || !m->about) {
		candor_signal_model_free(m);
		return CANDOR_ERROR;
	}
	*out = m;
	return 0;
}

void candor_signal_model_free(struct candor_signal_model *m)
{
	if (!m)
		return;
	free(m->keys);
	free(m->w);
	free(m->slot);
	free(m->about);
	for (int c = 0; c < CANDOR_NCATS; c++)
		free(m->second[c]);
	free(m);
}

const struct candor_second_stage *candor_signal_model_second(const struct candor_signal_model *m,
							     int c)
{
	return m->second[c];
}

double candor_signal_model_cv_f1(const struct candor_signal_model *m, int c)
{
	return m->second[c] ? m->second[c]->cv_f1 : m->cat[c].cv_f1;
}

int candor_signal_model_set_second(struct candor_signal_model *m, int c,
				   const struct candor_second_stage *s)
{
	struct candor_second_stage *copy = NULL;

	if (s && !(copy = malloc(sizeof(*copy))))
		return CANDOR_ERROR;
	if (copy)
		*copy = *s;
	free(m->second[c]);
	m->second[c] = copy;
	return 0;
}

static size_t probe(const struct candor_signal_model *m, uint64_t h)
{
	return (size_t)(h ^ (h >> 29)) & m->mask;
}

/* The row of feature hash h, or NULL. */
static const float *row_of(const struct candor_signal_model *m, uint64_t h)
{
	for (size_t i = probe(m, h);; i = (i + 1) & m->mask) {
		uint32_t s = m->slot[i];

		if (!s)
			return NULL;
		if (m->keys[s - 1] == h)
			return &m->w[(size_t)(s - 1) * CANDOR_NCATS];
	}
}

const float *candor_signal_model_row(const struct candor_signal_model *m, uint64_t h)
{
	return row_of(m, h);
}

size_t candor_signal_model_rows(const struct candor_signal_model *m)
{
	return m->nrows;
}

uint64_t candor_signal_model_key(const struct candor_signal_model *m, size_t k)
{
	return m->keys[k];
}

bool candor_signal_model_source(const struct candor_signal_model *m,
				struct candor_model_source *out)
{
	if (m->has_src)
		*out = m->src;
	return m->has_src;
}

void candor_signal_model_set_source(struct candor_signal_model *m,
				    const struct candor_model_source *src)
{
	m->src = *src;
	m->has_src = true;
}

int candor_signal_model_set_row(struct candor_signal_model *m, size_t row, uint64_t hash,
				const float w[CANDOR_NCATS])
{
	size_t i;

	if (row >= m->nrows || row_of(m, hash))
		return CANDOR_EINVALID;
	m->keys[row] = hash;
	memcpy(&m->w[row * CANDOR_NCATS], w, CANDOR_NCATS * sizeof(*w));
	for (i = probe(m, hash); m->slot[i]; i = (i + 1) & m->mask)
		;
	m->slot[i] = (uint32_t)(row + 1);
	return 0;
}

void candor_signal_model_set_params(struct candor_signal_model *m, int c,
				    const struct candor_cat_params *p)
{
	m->cat[c] = *p;
}

int candor_signal_model_set_about(struct candor_signal_model *m, const char *about)
{
	char *p = strdup(about);

	if (!p)
		return CANDOR_ERROR;
	for (char *q = p; *q; q++)
		if (*q == '\n' || *q == '\r')
			*q = ' ';
	free(m->about);
	m->about = p;
	return 0;
}

const char *candor_signal_model_id(const struct candor_signal_model *m)
{
	return m->id;
}

const char *candor_signal_model_about(const struct candor_signal_model *m)
{
	return m->about;
}

const struct candor_cat_params *candor_signal_model_params(const struct candor_signal_model *m,
							   int c)
{
	return &m->cat[c];
}

void candor_signal_model_logits(const struct candor_signal_model *m,
				const struct candor_utt_feats *f, double s[CANDOR_NCATS])
{
	for (int c = 0; c < CANDOR_NCATS; c++)
		s[c] = m->cat[c].bias;
	for (size_t i = 0; i < f->f.n; i++) {
		const float *w = row_of(m, f->f.v[i].hash);
		double v = f->f.v[i].value;

		if (!w)
			continue;
		for (int c = 0; c < CANDOR_NCATS; c++)
			s[c] += w[c] * v;
	}
}

void candor_signal_model_score(const struct candor_signal_model *m,
			       const struct candor_utt_feats *f, enum candor_side side,
			       double prob[CANDOR_NCATS])
{
	double s[CANDOR_NCATS];

	candor_signal_model_logits(m, f, s);
	for (int c = 0; c < CANDOR_NCATS; c++)
		prob[c] = candor_signal_side_ok(c, side) ? 1 / (1 + exp(-s[c])) : 0;
}

void candor_signal_model_score_parts(const struct candor_signal_model *m,
				     const struct candor_utt_feats *whole,
				     const struct candor_utt_feats *sent, size_t nsent,
				     enum candor_side side, double prob[CANDOR_NCATS],
				     int from[CANDOR_NCATS])
{
	double p[CANDOR_NCATS];

	candor_signal_model_score(m, whole, side, prob);
	for (int c = 0; c < CANDOR_NCATS; c++)
		from[c] = -1;
	for (size_t k = 0; k < nsent; k++) {
		candor_signal_model_score(m, &sent[k], side, p);
		for (int c = 0; c < CANDOR_NCATS; c++)
			if (p[c] > prob[c]) {
				prob[c] = p[c];
				from[c] = (int)k;
			}
	}
}

bool candor_signal_model_words(const struct candor_signal_model *m,
			       const struct candor_utt_feats *f, int c,
			       size_t *tok, size_t *ntok)
{
	double best = 0;
	bool found = false;

	for (size_t i = 0; i < f->f.n; i++) {
		const struct candor_feat *ft = &f->f.v[i];
		const float *w;
		double v;

		if (!ft->ntok || ft->tok + ft->ntok > f->nwords || !(w = row_of(m, ft->hash)))
			continue;
		/* a word pair or triple says more than a word or a piece of one */
		v = w[c] * ft->value * (ft->ntok > 1 ? 1.2 : 1.0);
		if (v > best) {
			best = v;
			*tok = ft->tok;
			*ntok = ft->ntok;
			found = true;
		}
	}
	return found;
}

struct contrib {
	double v;
	size_t feat;
};

static int cmp_contrib(const void *a, const void *b)
{
	const struct contrib *x = a, *y = b;
	double ax = fabs(x->v), ay = fabs(y->v);

	if (ax != ay)
		return ax > ay ? -1 : 1;
	return x->feat < y->feat ? -1 : x->feat > y->feat;
}

int candor_signal_model_explain(const struct candor_signal_model *m,
				const struct candor_utt_feats *f, const char *names, int c,
				size_t max, struct candor_buf *out)
{
	struct contrib *v = calloc(f->f.n ? f->f.n : 1, sizeof(*v));
	size_t n = 0;

	if (!v)
		return CANDOR_ERROR;
	for (size_t i = 0; i < f->f.n; i++) {
		const float *w = row_of(m, f->f.v[i].hash);

		if (w && w[c] != 0)
			v[n++] = (struct contrib){ w[c] * f->f.v[i].value, i };
	}
	qsort(v, n, sizeof(*v), cmp_contrib);
	candor_buf_addf(out, "      %+.2f  (bias)\n", m->cat[c].bias);
	for (size_t i = 0; i < n && i < max; i++)
		candor_buf_addf(out, "      %+.2f  %s\n", v[i].v, names + f->f.v[v[i].feat].name);
	free(v);
	return out->err ? CANDOR_ERROR : 0;
}

/* ---- the file ---- */

static int bad(struct candor_error *err, const char *path, size_t line, const char *what)
{
	return candor_error_set(err, CANDOR_EINVALID, "model", "%s:%zu: %s", path, line, what);
}

static int parse_category(struct candor_cat_params *cat, uint32_t *seen, char *line,
			  const char *path, size_t lno, struct candor_error *err)
{
	char name[64], side[16];
	struct candor_cat_params p;
	int c;

	if (sscanf(line, "category %63s %15s bias %lf threshold %lf cv %lf", name, side,
		   &p.bias, &p.threshold, &p.cv_f1) != 5)
		return bad(err, path, lno, "expected 'category NAME SIDE bias B threshold T cv F'");
	if ((c = candor_signal_category(name)) < 0)
		return bad(err, path, lno, "unknown category");
	if (strcmp(side, side_names[candor_signal_sides[c]]))
		return bad(err, path, lno, "the category's side is not the one SIGNALS.md gives");
	if (!isfinite(p.bias) || !(p.threshold > 0 && p.threshold < 1))
		return bad(err, path, lno, "bias or threshold out of range");
	/* twice would leave another unset, yet count as all 17 (found by fuzz-sigmodel) */
	if (*seen & (1u << c))
		return bad(err, path, lno, "a category given twice");
	*seen |= 1u << c;
	cat[c] = p;
	return 0;
}

static int parse_row(struct candor_signal_model *m, size_t row, char *line,
		     const char *path, size_t lno, struct candor_error *err)
{
	float w[CANDOR_NCATS];
	char *p = line, *end;
	uint64_t h;

	errno = 0;
	h = strtoull(p, &end, 16);
	if (errno || end == p || *end != ' ')
		return bad(err, path, lno, "expected a feature hash");
	for (int c = 0; c < CANDOR_NCATS; c++) {
		p = end;
		w[c] = strtof(p, &end);
		if (end == p || !isfinite(w[c]))
			return bad(err, path, lno, "expected 17 weights");
	}
	if (*end && *end != '\n')
		return bad(err, path, lno, "more than 17 weights");
	if (candor_signal_model_set_row(m, row, h, w))
		return bad(err, path, lno, "a feature given twice");
	return 0;
}

/* "second NAME bias B threshold T cv F W1 ... W140": category NAME's
 * second stage, its weights in the order of text/stack.h's columns. */
_Static_assert(CANDOR_STACK_DIM == 140, "parse_second's messages name the column count");

static int parse_second(struct candor_signal_model *m, uint32_t *seen, char *line,
			const char *path, size_t lno, struct candor_error *err)
{
	struct candor_second_stage st;
	char name[64];
	int c, at = 0;
	char *p, *end;

	if (sscanf(line, "second %63s bias %lf threshold %lf cv %lf%n", name, &st.bias,
		   &st.threshold, &st.cv_f1, &at) != 4 || !at)
		return bad(err, path, lno, "expected 'second NAME bias B threshold T cv F' and "
			   "the weights");
	if ((c = candor_signal_category(name)) < 0)
		return bad(err, path, lno, "unknown category");
	if (!isfinite(st.bias) || !(st.threshold > 0 && st.threshold < 1) || !isfinite(st.cv_f1))
		return bad(err, path, lno, "bias or threshold out of range");
	if (*seen & (1u << c))
		return bad(err, path, lno, "a second stage given twice");
	end = line + at;
	for (int d = 0; d < CANDOR_STACK_DIM; d++) {
		p = end;
		st.w[d] = strtof(p, &end);
		if (end == p || !isfinite(st.w[d]))
			return bad(err, path, lno, "expected 140 second-stage weights");
	}
	if (*end && *end != '\n')
		return bad(err, path, lno, "more than 140 second-stage weights");
	*seen |= 1u << c;
	if (candor_signal_model_set_second(m, c, &st))
		return candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
	return 0;
}

/* "source corpus HEX cost C folds K min M" */
static int parse_source(struct candor_model_source *src, const char *line, const char *path,
			size_t lno, struct candor_error *err)
{
	char hex[17], extra;
	struct candor_model_source s;
	int n = 0;

	if (sscanf(line, "source corpus %16[0-9a-f] cost %lf folds %d min %d %c", hex, &s.C,
		   &s.folds, &s.min_count, &extra) != 4 || strlen(hex) != 16 ||
	    sscanf(hex, "%" SCNx64 "%n", &s.corpus, &n) != 1 || n != 16)
		return bad(err, path, lno, "expected 'source corpus HEX cost C folds K min M'");
	if (!isfinite(s.C) || s.C <= 0 || s.folds < 1 || s.folds > 20 || s.min_count < 1 ||
	    s.min_count > 100)
		return bad(err, path, lno, "a training option out of range");
	*src = s;
	return 0;
}

static char *next_line(char **cur)
{
	char *line = *cur, *nl;

	if (!*line)
		return NULL;
	nl = strchr(line, '\n');
	if (nl) {
		*nl = '\0';
		*cur = nl + 1;
	} else {
		*cur = line + strlen(line);
	}
	return line;
}

/* Lines in text from cur on, the last one counted without its newline. */
static size_t lines_left(const char *cur)
{
	size_t n = *cur != '\0';

	for (; *cur; cur++)
		n += cur[0] == '\n' && cur[1];
	return n;
}

static int parse(struct candor_signal_model **out, char *text, const char *path,
		 struct candor_error *err)
{
	struct candor_signal_model *m = NULL;
	struct candor_cat_params cat[CANDOR_NCATS];
	char *cur = text, *line, *about = NULL;
	struct candor_model_source src = { 0 };
	bool has_src = false;
	size_t lno = 0, nrows = 0, row = 0, ncat = 0;
	uint32_t seen = 0, seen2 = 0;
	int rc = 0, version = 0;

	while ((line = next_line(&cur))) {
		lno++;
		if (*line == '#' || !*line)
			continue;
		if (!m && lno == 1 && (!strcmp(line, MAGIC) || !strcmp(line, MAGIC2))) {
			version = line[strlen(line) - 1] - '0';
			continue;
		}
		if (lno == 1)
			return bad(err, path, lno, "not a Candor signal model (no '" MAGIC "' line)");
		if (!strncmp(line, "trained ", 8) && !m) {
			about = line + 8;
		} else if (!strncmp(line, "source ", 7) && !m) {
			if ((rc = parse_source(&src, line, path, lno, err)))
				return rc;
			has_src = true;
		} else if (!strncmp(line, "category ", 9) && !m) {
			if ((rc = parse_category(cat, &seen, line, path, lno, err)))
				goto cleanup;
			ncat++;
		} else if (!strncmp(line, "features ", 9) && !m) {
			char extra;

			/* no more rows than the file has lines: nothing is allocated
			 * for rows that are not there (found by fuzz-sigmodel) */
			if (sscanf(line + 9, "%zu%c", &nrows, &extra) != 1 || nrows > 50000000 ||
			    nrows > lines_left(cur))
				return bad(err, path, lno, "bad feature count");
			if (candor_signal_model_new(&m, nrows))
				return candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
		} else if (m && row < nrows) {
			if ((rc = parse_row(m, row++, line, path, lno, err)))
				goto cleanup;
		} else if (m && version >= 2 && !strncmp(line, "second ", 7)) {
			if ((rc = parse_second(m, &seen2, line, path, lno, err)))
				goto cleanup;
		} else {
			rc = bad(err, path, lno, "unexpected line");
			goto cleanup;
		}
	}
	if (!m || row != nrows || ncat != CANDOR_NCATS) {
		rc = bad(err, path, lno, "the model is incomplete");
		goto cleanup;
	}
	memcpy(m->cat, cat, sizeof(cat));
	m->src = src;
	m->has_src = has_src;
	*out = m;
	m = NULL;
	if (about && candor_signal_model_set_about(*out, about))
		rc = candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
cleanup:
	candor_signal_model_free(m);
	return rc;
}

int candor_signal_model_load(struct candor_signal_model **out, const char *path,
			     struct candor_error *err)
{
	struct candor_buf b = CANDOR_BUF_INIT;
	char *copy = NULL;
	int rc;

	*out = NULL;
	if ((rc = candor_buf_read_file(&b, path, err)))
		return rc;
	if (!(copy = strdup(b.ptr))) {
		rc = candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	if ((rc = parse(out, b.ptr, path, err)))
		goto cleanup;
	snprintf((*out)->id, sizeof((*out)->id), "%016" PRIx64,
		 candor_feat_hash(copy, strlen(copy)));
cleanup:
	if (rc) {
		candor_signal_model_free(*out);
		*out = NULL;
	}
	free(copy);
	candor_buf_release(&b);
	return rc;
}

static void write_weight(struct candor_buf *b, float w)
{
	if (w == 0)
		candor_buf_adds(b, " 0");
	else
		candor_buf_addf(b, " %.5g", (double)w);
}

int candor_signal_model_write(struct candor_signal_model *m, const char *path,
			      struct candor_error *err)
{
	struct candor_buf b = CANDOR_BUF_INIT;
	char tmp[4200];
	FILE *f = NULL;
	int rc = 0;

	bool second = false;

	for (int c = 0; c < CANDOR_NCATS; c++)
		second |= m->second[c] != NULL;
	candor_buf_addf(&b, "%s\n# The signal model: one logistic regression per category%s.\n"
			  "# Rebuilt by 'make train' (or 'candor model train'); see docs/analyser.md.\n"
			  "trained %s\n", second ? MAGIC2 : MAGIC,
			second ? ", and a second stage over their scores around each turn" : "",
			m->about);
	if (m->has_src)
		candor_buf_addf(&b, "source corpus %016" PRIx64 " cost %g folds %d min %d\n",
				m->src.corpus, m->src.C, m->src.folds, m->src.min_count);
	for (int c = 0; c < CANDOR_NCATS; c++)
		candor_buf_addf(&b, "category %s %s bias %.6g threshold %.4f cv %.4f\n",
				  candor_signal_categories[c], side_names[candor_signal_sides[c]],
				  m->cat[c].bias, m->cat[c].threshold, m->cat[c].cv_f1);
	candor_buf_addf(&b, "features %zu\n", m->nrows);
	for (size_t r = 0; r < m->nrows; r++) {
		candor_buf_addf(&b, "%016" PRIx64, m->keys[r]);
		for (int c = 0; c < CANDOR_NCATS; c++)
			write_weight(&b, m->w[r * CANDOR_NCATS + c]);
		candor_buf_addch(&b, '\n');
	}
	for (int c = 0; c < CANDOR_NCATS; c++) {
		const struct candor_second_stage *st = m->second[c];

		if (!st)
			continue;
		candor_buf_addf(&b, "second %s bias %.6g threshold %.4f cv %.4f",
				candor_signal_categories[c], st->bias, st->threshold, st->cv_f1);
		for (int d = 0; d < CANDOR_STACK_DIM; d++)
			write_weight(&b, st->w[d]);
		candor_buf_addch(&b, '\n');
	}
	if (b.err) {
		rc = candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	snprintf(m->id, sizeof(m->id), "%016" PRIx64, candor_feat_hash(b.ptr, b.len));
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if (!(f = fopen(tmp, "wb")) || fwrite(b.ptr, 1, b.len, f) != b.len) {
		rc = candor_error_set(err, CANDOR_ERROR, "model", "cannot write '%s': %s", tmp,
				      strerror(errno));
		goto cleanup;
	}
	if (fclose(f)) {
		f = NULL;
		rc = candor_error_set(err, CANDOR_ERROR, "model", "cannot write '%s': %s", tmp,
				      strerror(errno));
		goto cleanup;
	}
	f = NULL;
	if (rename(tmp, path))
		rc = candor_error_set(err, CANDOR_ERROR, "model", "cannot write '%s': %s", path,
				      strerror(errno));
cleanup:
	if (f)
		fclose(f);
	if (rc)
		unlink(tmp);
	candor_buf_release(&b);
	return rc;
}

const char *candor_signal_model_dir(void)
{
	static char dir[4096];
	const char *env = getenv("CANDOR_MODELS"), *xdg = getenv("XDG_DATA_HOME"),
		   *home = getenv("HOME");

	if (env && *env)
		return env;
	if (xdg && *xdg == '/')
		snprintf(dir, sizeof(dir), "%s/candor/models", xdg);
	else
		snprintf(dir, sizeof(dir), "%s/.local/share/candor/models", home && *home ? home : ".");
	return dir;
}

bool candor_signal_model_chosen(char *name, size_t n, const char *which)
{
	char path[4200];
	FILE *f;
	size_t len;

	snprintf(path, sizeof(path), "%s/%s", candor_signal_model_dir(), which);
	name[0] = '\0';
	if (!(f = fopen(path, "r")))
		return 0;
	if (!fgets(name, (int)n, f))
		name[0] = '\0';
	fclose(f);
	len = strlen(name);
	while (len && (name[len - 1] == '\n' || name[len - 1] == '\r' || name[len - 1] == ' '))
		name[--len] = '\0';
	/* "shipped", or a model file of the folder (signals-HEX.model), nothing else */
	if (strcmp(name, "shipped")) {
		bool ok = len > 14 && !strncmp(name, "signals-", 8) && !strcmp(name + len - 6, ".model");

		for (size_t i = 8; ok && i < len - 6; i++)
			ok = (name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f');
		if (!ok)
			name[0] = '\0';
	}
	return name[0] != '\0';
}

const char *candor_signal_model_shipped_path(void)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/signals.model", CANDOR_MODEL_SRCDIR);
	if (access(path, R_OK) == 0)
		return path;
	snprintf(path, sizeof(path), "%s/signals.model", CANDOR_MODEL_DATADIR);
	return path;
}

const char *candor_signal_model_default_path(void)
{
	static char path[4500];
	const char *env = getenv("CANDOR_MODEL");
	char name[256];

	if (env && *env)
		return env;
	/* the model chosen is used, or its loss is an error naming it: never a
	 * silent fall back to another model */
	if (candor_signal_model_chosen(name, sizeof(name), "current") && strcmp(name, "shipped")) {
		snprintf(path, sizeof(path), "%s/%s", candor_signal_model_dir(), name);
		return path;
	}
	snprintf(path, sizeof(path), "%s/signals.model", CANDOR_MODEL_SRCDIR);
	if (access(path, R_OK) == 0)
		return path;
	snprintf(path, sizeof(path), "%s/signals.model", CANDOR_MODEL_DATADIR);
	return path;
}
