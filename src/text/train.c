/*
 * train.c: the signal model from labelled calls (see train.h).
 */
#include "util/common.h"
#include "util/array.h"
#include "util/error.h"
#include "text/corpus.h"
#include "text/features.h"
#include "text/stack.h"
#include "text/train.h"

#include <linear.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

struct row {
	struct feature_node *x;  /* liblinear's row, bias node and -1 end */
	struct feature_node **sub; /* its sentences' rows, when it has several */
	size_t nsub;
	uint32_t labels, labelled;
	enum candor_side side;
	int fold;
	bool original;           /* as written, not the recogniser copy */
	bool same;               /* a recogniser copy no different from the call as written */
	const struct candor_labelled_call *call;
	size_t utt;
};

/* Feature hash -> column, with how many utterances hold it. */
struct dict {
	uint64_t *keys;
	uint32_t *count, *col;   /* col: 1-based liblinear column, 0 dropped */
	size_t n, mask;
	uint64_t *order;         /* keys in order of first sight */
	size_t norder;
};

struct job {
	struct row *rows;
	size_t nrows;
	size_t nfeat;            /* columns, the bias excluded */
	const struct candor_train_opts *o;
	atomic_int next;
	/* results, per category */
	double *w[CANDOR_NCATS];
	struct candor_cat_params params[CANDOR_NCATS];
	double p[CANDOR_NCATS], r[CANDOR_NCATS], f1[CANDOR_NCATS];
	size_t pos[CANDOR_NCATS];
	double *oof[CANDOR_NCATS];       /* out-of-fold probability per row */
	int order[CANDOR_NCATS];         /* categories, most rows first */
	uint32_t train;                  /* the categories trained; the rest are base's */
	const struct candor_signal_model *base;
	atomic_int failed;
	struct stack *stack;             /* with o->stack, the second stage's work */
	struct second *second;           /* the second stages to ship, or NULL */
};

static void quiet(const char *s)
{
	(void)s;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int dict_init(struct dict *d, size_t want)
{
	size_t cap = 1024;

	while (cap < 2 * want)
		cap *= 2;
	memset(d, 0, sizeof(*d));
	d->keys = calloc(cap, sizeof(*d->keys));
	d->count = calloc(cap, sizeof(*d->count));
	d->col = calloc(cap, sizeof(*d->col));
	d->order = calloc(cap / 2, sizeof(*d->order));
	d->mask = cap - 1;
	return d->keys && d->count && d->col && d->order ? 0 : CANDOR_ERROR;
}

static void dict_release(struct dict *d)
{
	free(d->keys);
	free(d->count);
	free(d->col);
	free(d->order);
}

/* The slot of h (0 is a valid hash: count 0 marks an empty slot). */
static size_t dict_slot(const struct dict *d, uint64_t h)
{
	size_t i = (size_t)(h ^ (h >> 31)) & d->mask;

	while (d->count[i] && d->keys[i] != h)
		i = (i + 1) & d->mask;
	return i;
}

static int dict_add(struct dict *d, uint64_t h, unsigned times)
{
	size_t i = dict_slot(d, h);

	if (!d->count[i]) {
		if (d->norder >= (d->mask + 1) / 2)
			return CANDOR_ERROR;
		d->keys[i] = h;
		d->order[d->norder++] = h;
	}
	d->count[i] += times;
	return 0;
}

/* What a speech recogniser leaves out of the text: this punctuation. */
static bool unheard(char ch)
{
	return strchr("?!.,;:\"", ch) != NULL;
}

/* A copy of the call as a speech recogniser would write it: lower case,
 * no punctuation. */
static int recogniser_copy(const struct candor_labelled_call *c, struct candor_utterance **out)
{
	struct candor_utterance *u = calloc(c->n ? c->n : 1, sizeof(*u));

	*out = u;
	if (!u)
		return CANDOR_ERROR;
	for (size_t i = 0; i < c->n; i++) {
		char *t = strdup(c->u[i].text), *q = t;

		u[i] = c->u[i];
		u[i].text = t;
		if (!t)
			return CANDOR_ERROR;
		for (const char *p = c->u[i].text; *p; p++)
			if (!unheard(*p))
				*q++ = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
		*q = '\0';
	}
	return 0;
}

/* Whether the recogniser copy of c would be c itself (a call written as
 * speech recognisers write, as many are): then its copy teaches nothing new. */
static bool recognised_alike(const struct candor_labelled_call *c)
{
	for (size_t i = 0; i < c->n; i++)
		for (const char *p = c->u[i].text; *p; p++)
			if (unheard(*p) || (*p >= 'A' && *p <= 'Z'))
				return false;
	return true;
}

static void copy_free(struct candor_utterance *u, size_t n)
{
	if (!u)
		return;
	for (size_t i = 0; i < n; i++)
		free(u[i].text);
	free(u);
}

/* The sentences of one utterance, their features copied out of the featurizer. */
struct sentences {
	struct candor_feats *v;
	size_t n;
};

static int keep_sentences(struct candor_featurizer *fz, const struct candor_labelled_call *c,
			  struct sentences *out)
{
	for (size_t j = 0; j < c->n; j++) {
		struct candor_utt_feats *sf;
		size_t ns;
		int rc;

		if ((rc = candor_featurize_sentences(fz, c->u, c->n, j, &sf, &ns, NULL)))
			return rc;
		if (!ns)
			continue;
		if (!(out[j].v = calloc(ns, sizeof(*out[j].v))))
			return CANDOR_ERROR;
		out[j].n = ns;
		for (size_t k = 0; k < ns; k++) {
			struct candor_feats *d = &out[j].v[k];

			if (!(d->v = malloc((sf[k].f.n + 1) * sizeof(*d->v))))
				return CANDOR_ERROR;
			if (sf[k].f.n)
				memcpy(d->v, sf[k].f.v, sf[k].f.n * sizeof(*d->v));
			d->n = d->alloc = sf[k].f.n;
		}
	}
	return 0;
}

static void sentences_release(struct sentences *s, size_t n)
{
	for (size_t i = 0; s && i < n; i++) {
		for (size_t k = 0; k < s[i].n; k++)
			free(s[i].v[k].v);
		free(s[i].v);
	}
	free(s);
}

/* Featurize every call twice (as written, as recognised) into feats, and
 * the sentences of the calls as written into sents. */
static int featurize_corpus(const struct candor_corpus *corpus, const struct candor_lexicon *lx,
			    struct candor_utt_feats **feats, struct sentences **sents, size_t *nfeats)
{
	struct candor_featurizer *fz = NULL;
	size_t total = 2 * candor_corpus_utterances(corpus), k = 0;
	struct candor_utt_feats *f = calloc(total ? total : 1, sizeof(*f));
	struct sentences *st = calloc(total ? total : 1, sizeof(*st));
	int rc = 0;

	*feats = f;
	*sents = st;
	*nfeats = total;
	if (!f || !st || candor_featurizer_new(&fz, lx))
		return CANDOR_ERROR;
	for (size_t i = 0; i < corpus->n && !rc; i++) {
		const struct candor_labelled_call *c = &corpus->calls[i];
		struct candor_utterance *copy = NULL;

		rc = candor_featurize(fz, c->u, c->n, f + k, NULL);
		if (!rc)
			rc = keep_sentences(fz, c, st + k);
		k += c->n;
		if (!rc && !(rc = recogniser_copy(c, &copy)))
			rc = candor_featurize(fz, copy, c->n, f + k, NULL);
		k += c->n;
		copy_free(copy, c->n);
	}
	candor_featurizer_free(fz);
	return rc;
}

/* The features of f (rows of corpus's calls, as featurize_corpus made them),
 * those held by fewer than min utterances dropped; a weighted call's
 * utterance (a user's correction) counts as that many. */
static int build_dict(struct dict *d, const struct candor_corpus *corpus,
		      const struct candor_utt_feats *f, size_t n, int min)
{
	size_t want = 0, col = 0, i = 0;

	for (size_t k = 0; k < n; k++)
		want += f[k].f.n;
	if (dict_init(d, want / 4 + 1024))
		return CANDOR_ERROR;
	for (size_t c = 0; c < corpus->n; c++) {
		unsigned w = corpus->calls[c].weight > 1 ? corpus->calls[c].weight : 1;

		for (size_t r = 0; r < 2 * corpus->calls[c].n && i < n; r++, i++)
			for (size_t j = 0; j < f[i].f.n; j++)
				if (dict_add(d, f[i].f.v[j].hash, w))
					return CANDOR_ERROR;
	}
	for (size_t k = 0; k < d->norder; k++) {
		size_t s = dict_slot(d, d->order[k]);

		if (d->count[s] >= (uint32_t)min)
			d->col[s] = (uint32_t)++col;
	}
	d->n = col;
	return 0;
}

static int cmp_node(const void *a, const void *b)
{
	const struct feature_node *x = a, *y = b;

	return (x->index > y->index) - (x->index < y->index);
}

/* liblinear's row for features f: known columns, sorted, the bias, -1. */
static struct feature_node *make_x(const struct candor_feats *f, const struct dict *d)
{
	struct feature_node *x = malloc((f->n + 2) * sizeof(*x));
	size_t k = 0;

	if (!x)
		return NULL;
	for (size_t j = 0; j < f->n; j++) {
		uint32_t col = d->col[dict_slot(d, f->v[j].hash)];

		if (col)
			x[k++] = (struct feature_node){ (int)col, f->v[j].value };
	}
	qsort(x, k, sizeof(*x), cmp_node);
	x[k++] = (struct feature_node){ (int)d->n + 1, 1.0 };
	x[k] = (struct feature_node){ -1, 0 };
	return x;
}

static int make_row(struct row *r, const struct candor_utt_feats *f, const struct sentences *s,
		    const struct dict *d)
{
	if (!(r->x = make_x(&f->f, d)))
		return CANDOR_ERROR;
	if (!s->n)
		return 0;
	if (!(r->sub = calloc(s->n, sizeof(*r->sub))))
		return CANDOR_ERROR;
	for (size_t k = 0; k < s->n; k++, r->nsub++)
		if (!(r->sub[k] = make_x(&s->v[k], d)))
			return CANDOR_ERROR;
	return 0;
}

/* Whether calls a and b are files of one folder. */
static bool same_folder(const struct candor_labelled_call *a, const struct candor_labelled_call *b)
{
	const char *sa = a->path ? strrchr(a->path, '/') : NULL, *sb = b->path ? strrchr(b->path, '/') : NULL;

	return sa && sb && sa - a->path == sb - b->path && !memcmp(a->path, b->path, (size_t)(sa - a->path));
}

static int build_rows(struct row **out, const struct candor_corpus *corpus,
		      const struct candor_utt_feats *f, const struct sentences *st,
		      const struct dict *d, int folds, bool by_folder)
{
	size_t total = 2 * candor_corpus_utterances(corpus), k = 0, folder = 0;
	struct row *rows = calloc(total ? total : 1, sizeof(*rows));

	*out = rows;
	if (!rows)
		return CANDOR_ERROR;
	for (size_t i = 0; i < corpus->n; i++) {
		const struct candor_labelled_call *c = &corpus->calls[i];
		bool alike = recognised_alike(c);
		size_t unit;

		/* the calls come in name order, so one folder's are together */
		if (i && !same_folder(c, &corpus->calls[i - 1]))
			folder++;
		unit = by_folder ? folder : i;
		for (int copy = 0; copy < 2; copy++)
			for (size_t j = 0; j < c->n; j++, k++) {
				struct row *r = &rows[k];

				if (make_row(r, &f[k], &st[k], d))
					return CANDOR_ERROR;
				r->labels = c->labels[j];
				r->labelled = c->ulabelled ? c->ulabelled[j] : c->labelled;
				r->side = c->u[j].side;
				r->fold = folds > 1 ? (int)(unit % (size_t)folds) : -1;
				r->original = copy == 0;
				r->same = copy == 1 && alike;
				r->call = c;
				r->utt = j;
			}
	}
	return 0;
}

static bool eligible(const struct row *r, int c)
{
	return !r->same && (r->labelled & (1u << c)) && candor_signal_side_ok(c, r->side);
}

static unsigned weight_of(const struct row *r)
{
	return r->call && r->call->weight > 1 ? r->call->weight : 1;
}

/*
 * The solver stops when the gradient is this fraction of its size at zero.
 * liblinear's default is 0.01; at 0.1 the cross-validated scores of the
 * 2026-12-02 corpus were the same to three places (macro 0.786) and
 * training took 21 s rather than 31 s on two cores.
 */
#define SOLVER_EPS 0.1

/* Whether row r is in one of the folds of the set skip (bit k: fold k). */
static bool skipped(const struct row *r, uint32_t skip)
{
	return r->fold >= 0 && (skip >> r->fold & 1);
}

/* Train category c on the eligible rows of rows[0..nrows) outside the
 * folds of skip, their columns 1..ncols (the last the bias), at cost C.
 * NULL on failure. */
static struct model *fit_rows(const struct row *rows, size_t nrows, size_t ncols, double C,
			      int c, uint32_t skip, int *sign)
{
	struct problem p = { 0, (int)ncols, NULL, NULL, 1.0 };
	struct parameter par = { L2R_LR, SOLVER_EPS, C, 0, NULL, NULL, 0.1, NULL };
	struct model *m = NULL;
	size_t n = 0;

	size_t total = 0;

	for (size_t i = 0; i < nrows; i++)
		total += weight_of(&rows[i]);
	p.y = malloc((total + 1) * sizeof(*p.y));
	p.x = malloc((total + 1) * sizeof(*p.x));
	if (!p.y || !p.x)
		goto cleanup;
	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];

		if (!eligible(r, c) || skipped(r, skip))
			continue;
		/* a weighted row (a user's correction) counts as that many rows */
		for (unsigned w = weight_of(r); w > 0; w--) {
			p.y[n] = (r->labels & (1u << c)) ? 1 : -1;
			p.x[n++] = r->x;
		}
	}
	p.l = (int)n;
	if (!n || check_parameter(&p, &par))
		goto cleanup;
	m = train(&p, &par);
	*sign = m && m->label[0] == 1 ? 1 : -1;
cleanup:
	free(p.y);
	free(p.x);
	return m;
}

/* The first stage: the job's rows and features, outside the folds of skip. */
static struct model *fit(const struct job *j, int c, uint32_t skip, int *sign)
{
	return fit_rows(j->rows, j->nrows, j->nfeat + 1, j->o->C, c, skip, sign);
}

/* The log-odds of the row as the analyser computes them: the highest of
 * the utterance and its sentences. */
static double logit_of(const struct model *m, int sign, const struct row *r)
{
	double dec, best;

	predict_values(m, r->x, &dec);
	best = sign * dec;
	for (size_t k = 0; k < r->nsub; k++) {
		predict_values(m, r->sub[k], &dec);
		if (sign * dec > best)
			best = sign * dec;
	}
	return best;
}

static double sigmoid(double x)
{
	return 1 / (1 + exp(-x));
}

static double prob_of(const struct model *m, int sign, const struct row *r)
{
	return sigmoid(logit_of(m, sign, r));
}

struct scored {
	double p;
	bool pos, original;
	const struct row *row;
};

static int cmp_scored(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	return (x->p < y->p) - (x->p > y->p);
}

/* The threshold with the best F1 over s[0..n) (sorted by p, descending). */
static double best_threshold(const struct scored *s, size_t n)
{
	size_t pos = 0, tp = 0, best_i = 0;
	double best = -1;

	for (size_t i = 0; i < n; i++)
		pos += s[i].pos;
	for (size_t i = 0; i < n; i++) {
		double f1;

		tp += s[i].pos;
		if (i + 1 < n && s[i + 1].p == s[i].p)
			continue;
		f1 = pos ? 2.0 * (double)tp / (double)(i + 1 + pos) : 0;
		if (f1 > best) {
			best = f1;
			best_i = i;
		}
	}
	if (!n || !pos)
		return 0.95;
	if (best_i + 1 < n)
		return fmin(0.95, fmax(0.05, (s[best_i].p + s[best_i + 1].p) / 2));
	return fmax(0.05, s[best_i].p / 2);
}

static void score_at(const struct scored *s, size_t n, double t, double *p, double *r,
		     double *f1)
{
	size_t tp = 0, fp = 0, fn = 0;

	for (size_t i = 0; i < n; i++) {
		if (!s[i].original)
			continue;
		tp += s[i].p >= t && s[i].pos;
		fp += s[i].p >= t && !s[i].pos;
		fn += s[i].p < t && s[i].pos;
	}
	*p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
	*r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
	*f1 = 2 * tp + fp + fn ? 2.0 * (double)tp / (double)(2 * tp + fp + fn) : 0;
}

static void list_errors(FILE *f, int c, const struct scored *s, size_t n, double t)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < n; i++) {
		const struct row *r = s[i].row;

		if (!s[i].original || (s[i].p >= t) == s[i].pos)
			continue;
		fprintf(f, "%s %s %.2f %s:%zu %s\n", candor_signal_categories[c],
			s[i].pos ? "FN" : "FP", s[i].p, r->call->path, r->call->u[r->utt].line,
			r->call->u[r->utt].text);
	}
	pthread_mutex_unlock(&lock);
}

/* The best threshold of category c over the out-of-fold probabilities
 * oof (one per row), and precision, recall and F1 there (p, r, f1);
 * the misses listed on errors when it is not NULL. */
static int settle_scores(const struct job *j, int c, const double *oof, double *threshold,
			 double *p, double *r, double *f1, FILE *errors)
{
	struct scored *s;
	size_t n = 0;

	if (!(s = calloc(j->nrows + 1, sizeof(*s))))
		return CANDOR_ERROR;
	for (size_t i = 0; i < j->nrows; i++) {
		const struct row *w = &j->rows[i];

		if (eligible(w, c))
			s[n++] = (struct scored){ oof[i], (w->labels & (1u << c)) != 0,
						  w->original, w };
	}
	qsort(s, n, sizeof(*s), cmp_scored);
	*threshold = best_threshold(s, n);
	score_at(s, n, *threshold, p, r, f1);
	if (errors)
		list_errors(errors, c, s, n, *threshold);
	free(s);
	return 0;
}

/* Threshold and score of category c from its out-of-fold probabilities. */
static int settle_category(struct job *j, int c)
{
	if (!j->pos[c] || j->o->folds <= 1 || !(j->train & (1u << c)))
		return 0;
	if (settle_scores(j, c, j->oof[c], &j->params[c].threshold, &j->p[c], &j->r[c],
			  &j->f1[c], j->o->errors))
		return CANDOR_ERROR;
	j->params[c].cv_f1 = j->f1[c];
	return 0;
}

static void stack_keep(struct job *j, int c, int k, int f, const struct model *m, int sign);
static void second_keep(struct job *j, int c, int k, const struct model *m, int sign);

/* Fold k of category c: probabilities for the rows of fold k from a model
 * trained without them. */
static int fold_of(struct job *j, int c, int k)
{
	int sign = 1;
	struct model *m = fit(j, c, 1u << k, &sign);

	for (size_t i = 0; i < j->nrows; i++) {
		const struct row *r = &j->rows[i];

		if (eligible(r, c) && r->fold == k)
			j->oof[c][i] = m ? prob_of(m, sign, r) : 0;
	}
	if (j->stack)
		stack_keep(j, c, k, k, m, sign);
	if (j->second)
		second_keep(j, c, k, m, sign);
	if (m)
		free_and_destroy_model(&m);
	return 0;
}

/* The inner folds of the second stage: category c trained without folds
 * a and b scores the rows of fold b for outer fold a, and the other way
 * round. */
static int pair_of(struct job *j, int c, int a, int b)
{
	int sign = 1;
	struct model *m = fit(j, c, 1u << a | 1u << b, &sign);

	stack_keep(j, c, a, b, m, sign);
	stack_keep(j, c, b, a, m, sign);
	if (m)
		free_and_destroy_model(&m);
	return 0;
}

/* The final model of category c, on every row. */
static int final_of(struct job *j, int c)
{
	int sign = 1;
	struct model *m;

	if (!(m = fit(j, c, 0, &sign)))
		return CANDOR_ERROR;
	if (!(j->w[c] = calloc(j->nfeat + 1, sizeof(double)))) {
		free_and_destroy_model(&m);
		return CANDOR_ERROR;
	}
	for (size_t f = 0; f < j->nfeat; f++)
		j->w[c][f] = sign * m->w[f];
	j->params[c].bias = sign * m->w[j->nfeat] * m->bias;
	free_and_destroy_model(&m);
	return 0;
}

/*
 * The work is one item per category and fold, plus one per category for
 * the final model (and, with a second stage, one per category and pair of
 * folds: pair_item), biggest categories first so the threads end together.
 * Every item writes only its own results, so the outcome does not depend
 * on which thread ran what.
 */
static int pair_item(struct job *j, int c, int t);

/* One item of the first stages' queue: a fold, the final fit or a pair. */
static int first_item(struct job *j, int c, int k)
{
	int folds = j->o->folds;

	if (!(j->train & (1u << c)))
		return 0;
	if (k < folds && folds > 1)
		return fold_of(j, c, k);
	if (k == folds || folds <= 1)
		return final_of(j, c);
	return pair_item(j, c, k - folds - 1);
}

/* A queue of per items for each category, in j->order, taken by threads. */
struct queue {
	struct job *j;
	atomic_int *next;
	int per;
	int (*item)(struct job *j, int c, int k);
};

static void *queue_worker(void *arg)
{
	struct queue *q = arg;
	int t;

	while ((t = atomic_fetch_add(q->next, 1)) < CANDOR_NCATS * q->per) {
		int c = q->j->order[t / q->per];

		if (q->j->pos[c] && q->item(q->j, c, t % q->per))
			atomic_store(&q->j->failed, 1);
	}
	return NULL;
}

static size_t eligible_rows(const struct job *j, int c)
{
	size_t n = 0;

	for (size_t i = 0; i < j->nrows; i++)
		n += eligible(&j->rows[i], c);
	return n;
}

static int prepare(struct job *j)
{
	size_t size[CANDOR_NCATS];

	for (int c = 0; c < CANDOR_NCATS; c++) {
		for (size_t i = 0; i < j->nrows; i++)
			j->pos[c] += eligible(&j->rows[i], c) && j->rows[i].original &&
				     (j->rows[i].labels & (1u << c));
		j->params[c] = (struct candor_cat_params){ -10, j->o->folds > 1 ? 0.95 : 0.5, -1 };
		if (!(j->oof[c] = calloc(j->nrows + 1, sizeof(double))))
			return CANDOR_ERROR;
		size[c] = j->pos[c] ? eligible_rows(j, c) : 0;
		j->order[c] = c;
	}
	for (int a = 1; a < CANDOR_NCATS; a++)
		for (int b = a; b > 0 && size[j->order[b]] > size[j->order[b - 1]]; b--) {
			int t = j->order[b];

			j->order[b] = j->order[b - 1];
			j->order[b - 1] = t;
		}
	return 0;
}

/* Runs a queue on up to 16 threads, this one included, and waits for them
 * all; CANDOR_ERROR when any item failed. */
static int pool(struct job *j, int threads, atomic_int *next, int per,
		int (*item)(struct job *j, int c, int k))
{
	struct queue q = { j, next, per, item };
	pthread_t t[16];
	int started = 0;

	for (int i = 1; i < threads && i <= 16; i++)
		if (!pthread_create(&t[started], NULL, queue_worker, &q))
			started++;
	queue_worker(&q);
	for (int i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	return atomic_load(&j->failed) ? CANDOR_ERROR : 0;
}

static int run_jobs(struct job *j, int threads)
{
	int folds, per;

	if (prepare(j))
		return CANDOR_ERROR;
	folds = j->o->folds;
	per = folds > 1 ? folds + 1 : 1;
	if (j->stack)
		per += folds * (folds - 1) / 2;
	if (pool(j, threads, &j->next, per, first_item))
		return CANDOR_ERROR;
	for (int c = 0; c < CANDOR_NCATS; c++) {
		if (j->pos[c] && (j->train & (1u << c)) && !j->w[c])
			return CANDOR_ERROR;
		if (settle_category(j, c))
			return CANDOR_ERROR;
	}
	return 0;
}

/*
 * Stacking (o->stack, an experiment scored in cross-validation only).
 *
 * A second stage per category reads the first stage's scores of every
 * category on the turn and around it (train.h says which).  To keep the
 * outer cross-validation honest, the first-stage scores come from an
 * inner one: for outer fold k, a row of fold f is scored by a first stage
 * trained without k and f (without k alone when f is k).  The second
 * stage of outer fold k is then trained on the rows outside k with those
 * scores, and scores the rows of k, which neither stage saw.  Per
 * category that is folds * (folds - 1) / 2 first stages more (one per
 * pair of folds serves both) and folds second stages.
 */
#define STACK_MAX_FOLDS 20

#define STACK_DIM CANDOR_STACK_DIM  /* text/stack.h: the one rule for the columns */

struct stack {
	int mode;
	int folds;
	double C;
	/* score[k][c][i]: category c's log-odds of row i for outer fold k */
	double *score[STACK_MAX_FOLDS][CANDOR_NCATS];
	float *dense[STACK_MAX_FOLDS];           /* STACK_DIM per row, for outer fold k */
	double *oof[CANDOR_NCATS];               /* the second stage's, per row */
	double threshold[CANDOR_NCATS], p[CANDOR_NCATS], r[CANDOR_NCATS], f1[CANDOR_NCATS];
	atomic_int next;
	double seconds;
};

static void stack_free(struct stack *st)
{
	if (!st)
		return;
	for (int k = 0; k < STACK_MAX_FOLDS; k++) {
		for (int c = 0; c < CANDOR_NCATS; c++)
			free(st->score[k][c]);
		free(st->dense[k]);
	}
	for (int c = 0; c < CANDOR_NCATS; c++)
		free(st->oof[c]);
	free(st);
}

static int stack_new(struct stack **out, const struct job *j)
{
	struct stack *st = calloc(1, sizeof(*st));

	*out = st;
	if (!st)
		return CANDOR_ERROR;
	st->mode = j->o->stack;
	st->folds = j->o->folds;
	st->C = j->o->stack_C > 0 ? j->o->stack_C : j->o->C;
	for (int c = 0; c < CANDOR_NCATS; c++) {
		if (!(st->oof[c] = calloc(j->nrows + 1, sizeof(double))))
			return CANDOR_ERROR;
		for (int k = 0; k < st->folds; k++)
			if (!(st->score[k][c] = calloc(j->nrows + 1, sizeof(double))))
				return CANDOR_ERROR;
	}
	return 0;
}

/* Model m of category c (trained without folds k and f) scores the rows
 * of fold f for outer fold k.  Without a model (a category with no
 * positives in those folds) they score as certain noes. */
static void stack_keep(struct job *j, int c, int k, int f, const struct model *m, int sign)
{
	double *s = j->stack->score[k][c];

	for (size_t i = 0; i < j->nrows; i++)
		if (j->rows[i].fold == f)
			s[i] = m ? logit_of(m, sign, &j->rows[i]) : -10;
}

/* Work item t of a category's pairs of folds: its pair, in order. */
static int pair_item(struct job *j, int c, int t)
{
	for (int a = 0; a < j->o->folds; a++)
		for (int b = a + 1; b < j->o->folds; b++)
			if (t-- == 0)
				return pair_of(j, c, a, b);
	return CANDOR_ERROR;
}

/* The dense columns of the rows [b, e) of one call (as written or as
 * recognised) into dense: the turns' first-stage log-odds (score[c][i]),
 * sides and speakers handed to the shared rule (text/stack.h). */
static int stack_call(const struct job *j, double *const score[CANDOR_NCATS], float *dense,
		      size_t b, size_t e)
{
	struct candor_stack_turn *t = calloc(e - b + 1, sizeof(*t));

	if (!t)
		return CANDOR_ERROR;
	for (size_t i = b; i < e; i++) {
		const struct row *r = &j->rows[i];

		for (int c = 0; c < CANDOR_NCATS; c++)
			t[i - b].logit[c] = score[c][i];
		t[i - b].side = r->side;
		t[i - b].speaker = r->call->u[r->utt].speaker;
	}
	candor_stack_columns(t, e - b, dense + b * STACK_DIM);
	free(t);
	return 0;
}

/* The dense columns of every row, call by call, from score[c][i]. */
static float *dense_of(const struct job *j, double *const score[CANDOR_NCATS])
{
	float *dense = calloc(j->nrows * STACK_DIM + 1, sizeof(float));

	for (size_t b = 0; dense && b < j->nrows;) {
		size_t e = b + j->rows[b].call->n;

		if (stack_call(j, score, dense, b, e)) {
			free(dense);
			return NULL;
		}
		b = e;
	}
	return dense;
}

static int stack_dense(const struct job *j, int k)
{
	return (j->stack->dense[k] = dense_of(j, j->stack->score[k])) ? 0 : CANDOR_ERROR;
}

/* Whether the second stage of this mode reads column d. */
static bool stack_reads(int mode, int d)
{
	return mode != CANDOR_STACK_NEIGHBOURS || d >= CANDOR_STACK_PREV * CANDOR_NCATS;
}

/* A second stage's row: x's features (the first stage's, when x is not
 * NULL; its bias dropped), then the dense columns d after column base,
 * then the bias. */
static struct feature_node *stack_x(const struct feature_node *x, size_t base, const float *d,
				    int mode)
{
	size_t n = 0, k = 0;
	struct feature_node *out;

	while (x && x[n].index != -1)
		n++;
	if (!(out = malloc((n + STACK_DIM + 2) * sizeof(*out))))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if ((size_t)x[i].index <= base)
			out[k++] = x[i];
	for (int i = 0; i < STACK_DIM; i++)
		if (d[i] != 0 && stack_reads(mode, i))
			out[k++] = (struct feature_node){ (int)base + i + 1, d[i] };
	out[k++] = (struct feature_node){ (int)(base + STACK_DIM + 1), 1.0 };
	out[k] = (struct feature_node){ -1, 0 };
	return out;
}

static void rows2_free(struct row *r2, size_t n)
{
	for (size_t i = 0; r2 && i < n; i++) {
		free(r2[i].x);
		for (size_t k = 0; k < r2[i].nsub; k++)
			free(r2[i].sub[k]);
		free(r2[i].sub);
	}
	free(r2);
}

/* The second stage's rows of category c for outer fold k: the eligible
 * rows, with their dense columns (and the first stage's features, in
 * the modes that read them). */
static int rows2_build(const struct job *j, int c, int k, struct row **out, size_t *base)
{
	const struct stack *st = j->stack;
	bool feats = st->mode != CANDOR_STACK_DENSE;
	struct row *r2 = calloc(j->nrows + 1, sizeof(*r2));

	*out = r2;
	*base = feats ? j->nfeat : 0;
	if (!r2)
		return CANDOR_ERROR;
	for (size_t i = 0; i < j->nrows; i++) {
		const struct row *r = &j->rows[i];
		const float *d = st->dense[k] + i * STACK_DIM;

		r2[i] = *r;
		r2[i].x = NULL;
		r2[i].sub = NULL;
		r2[i].nsub = 0;
		if (!eligible(r, c))
			continue;
		if (!(r2[i].x = stack_x(feats ? r->x : NULL, *base, d, st->mode)))
			return CANDOR_ERROR;
		if (!feats || !r->nsub)
			continue;
		if (!(r2[i].sub = calloc(r->nsub, sizeof(*r2[i].sub))))
			return CANDOR_ERROR;
		for (size_t s = 0; s < r->nsub; s++, r2[i].nsub++)
			if (!(r2[i].sub[s] = stack_x(r->sub[s], *base, d, st->mode)))
				return CANDOR_ERROR;
	}
	return 0;
}

/* The second stage of category c in outer fold k: trained on the rows
 * outside k, it scores those of k. */
static int stack_fold(struct job *j, int c, int k)
{
	struct row *r2 = NULL;
	struct model *m = NULL;
	size_t base = 0;
	int sign = 1, rc;

	if ((rc = rows2_build(j, c, k, &r2, &base)))
		goto cleanup;
	m = fit_rows(r2, j->nrows, base + STACK_DIM + 1, j->stack->C, c, 1u << k, &sign);
	for (size_t i = 0; i < j->nrows; i++)
		if (eligible(&r2[i], c) && r2[i].fold == k)
			j->stack->oof[c][i] = m ? prob_of(m, sign, &r2[i]) : 0;
cleanup:
	if (m)
		free_and_destroy_model(&m);
	rows2_free(r2, j->nrows);
	return rc;
}

/* The second stages, once every first stage is trained. */
static int stack_run(struct job *j, int threads)
{
	struct stack *st = j->stack;
	double t0 = now();

	for (int k = 0; k < st->folds; k++)
		if (stack_dense(j, k))
			return CANDOR_ERROR;
	if (pool(j, threads, &st->next, st->folds, stack_fold))
		return CANDOR_ERROR;
	for (int c = 0; c < CANDOR_NCATS; c++)
		if (j->pos[c] && settle_scores(j, c, st->oof[c], &st->threshold[c], &st->p[c],
					       &st->r[c], &st->f1[c], NULL))
			return CANDOR_ERROR;
	st->seconds = now() - t0;
	return 0;
}

/*
 * The second stages the model ships (text/stack.h; on unless
 * o->first_only, when every category is trained with folds).  Each
 * category's is a logistic regression over the stack columns of a turn,
 * built from the first stage's out-of-fold log-odds of every category
 * (fold_of keeps them), so it learns from scores like the ones the final
 * first stage gives on calls it never saw.  Its threshold and score come
 * from a cross-validation over the same folds; the final one is trained on
 * every row.  A category keeps its second stage only when that score is
 * at least its first stage's.  The nested estimate (candor-train --stack)
 * is the one to quote: here a fold's second stage is trained on scores
 * whose first stages saw that fold.
 */
struct second {
	double *logit[CANDOR_NCATS];     /* the first stage's out-of-fold log-odds */
	double *oof[CANDOR_NCATS];       /* the second stage's out-of-fold probability */
	struct row *rows;                /* the rows with the dense columns as x */
	struct candor_second_stage st[CANDOR_NCATS];
	bool fitted[CANDOR_NCATS];
	double p[CANDOR_NCATS], r[CANDOR_NCATS], f1[CANDOR_NCATS];
	atomic_int next;
	double seconds;
};

static void second_free(struct second *sc, size_t nrows)
{
	if (!sc)
		return;
	for (int c = 0; c < CANDOR_NCATS; c++) {
		free(sc->logit[c]);
		free(sc->oof[c]);
	}
	for (size_t i = 0; sc->rows && i < nrows; i++)
		free(sc->rows[i].x);
	free(sc->rows);
	free(sc);
}

static int second_new(struct second **out, const struct job *j)
{
	struct second *sc = calloc(1, sizeof(*sc));

	*out = sc;
	if (!sc)
		return CANDOR_ERROR;
	for (int c = 0; c < CANDOR_NCATS; c++) {
		if (!(sc->logit[c] = calloc(j->nrows + 1, sizeof(double))) ||
		    !(sc->oof[c] = calloc(j->nrows + 1, sizeof(double))))
			return CANDOR_ERROR;
		/* a category with no positives: a certain no everywhere */
		for (size_t i = 0; i < j->nrows; i++)
			sc->logit[c][i] = -10;
	}
	return 0;
}

/* Model m of category c, trained without fold k, scores fold k's rows. */
static void second_keep(struct job *j, int c, int k, const struct model *m, int sign)
{
	double *s = j->second->logit[c];

	for (size_t i = 0; i < j->nrows; i++)
		if (j->rows[i].fold == k)
			s[i] = m ? logit_of(m, sign, &j->rows[i]) : -10;
}

/* The rows as the second stages read them: each its dense columns. */
static int second_rows(struct job *j)
{
	struct second *sc = j->second;
	float *dense = dense_of(j, sc->logit);
	int rc = CANDOR_ERROR;

	if (!dense || !(sc->rows = calloc(j->nrows + 1, sizeof(*sc->rows))))
		goto cleanup;
	for (size_t i = 0; i < j->nrows; i++) {
		sc->rows[i] = j->rows[i];
		sc->rows[i].sub = NULL;
		sc->rows[i].nsub = 0;
		if (!(sc->rows[i].x = stack_x(NULL, 0, dense + i * STACK_DIM, CANDOR_STACK_DENSE)))
			goto cleanup;
	}
	rc = 0;
cleanup:
	free(dense);
	return rc;
}

/* Item k of category c: fold k's out-of-fold probabilities (k < folds),
 * else the final second stage, on every row. */
static int second_item(struct job *j, int c, int k)
{
	struct second *sc = j->second;
	bool final = k == j->o->folds;
	int sign = 1;
	struct model *m = fit_rows(sc->rows, j->nrows, STACK_DIM + 1, j->o->C, c,
				   final ? 0 : 1u << k, &sign);

	if (final) {
		if (!m)
			return CANDOR_ERROR;
		for (int d = 0; d < STACK_DIM; d++)
			sc->st[c].w[d] = (float)(sign * m->w[d]);
		sc->st[c].bias = sign * m->w[STACK_DIM] * m->bias;
		sc->fitted[c] = true;
	} else {
		for (size_t i = 0; i < j->nrows; i++)
			if (eligible(&sc->rows[i], c) && sc->rows[i].fold == k)
				sc->oof[c][i] = m ? prob_of(m, sign, &sc->rows[i]) : 0;
	}
	if (m)
		free_and_destroy_model(&m);
	return 0;
}

static int second_run(struct job *j, int threads)
{
	struct second *sc = j->second;
	double t0 = now();

	if (second_rows(j))
		return CANDOR_ERROR;
	if (pool(j, threads, &sc->next, j->o->folds + 1, second_item))
		return CANDOR_ERROR;
	for (int c = 0; c < CANDOR_NCATS; c++) {
		if (!j->pos[c])
			continue;
		if (settle_scores(j, c, sc->oof[c], &sc->st[c].threshold, &sc->p[c], &sc->r[c],
				  &sc->f1[c], NULL))
			return CANDOR_ERROR;
		sc->st[c].cv_f1 = sc->f1[c];
		/* no better than the first stage: the simpler one decides */
		sc->fitted[c] &= sc->f1[c] >= j->f1[c];
	}
	sc->seconds = now() - t0;
	return 0;
}

/* Weights smaller than this are written as 0: they move no decision. */
#define WEIGHT_FLOOR 1e-3

/* Feature k's weights: the trained categories' from j, the others' from
 * the base model; whether any is kept. */
static bool weights_of(const struct job *j, uint64_t h, uint32_t col, float w[CANDOR_NCATS])
{
	const float *b = j->base ? candor_signal_model_row(j->base, h) : NULL;
	bool any = false;

	for (int c = 0; c < CANDOR_NCATS; c++) {
		double v = 0;

		if (!(j->train & (1u << c)))
			v = b ? b[c] : 0;
		else if (col && j->w[c])
			v = j->w[c][col - 1];
		w[c] = fabs(v) >= WEIGHT_FLOOR ? (float)v : 0;
		any |= w[c] != 0;
	}
	return any;
}

/* The base model's features the corpus no longer has a column for. */
static bool base_only(const struct dict *d, uint64_t h)
{
	size_t s = dict_slot(d, h);

	return !d->count[s] || !d->col[s];
}

static int build_model(struct candor_signal_model **out, const struct job *j,
		       const struct dict *d)
{
	size_t rows = 0, r = 0, nbase = j->base ? candor_signal_model_rows(j->base) : 0;
	float w[CANDOR_NCATS];
	int rc;

	for (size_t k = 0; k < d->norder; k++) {
		size_t s = dict_slot(d, d->order[k]);

		rows += d->col[s] && weights_of(j, d->order[k], d->col[s], w);
	}
	for (size_t k = 0; k < nbase; k++) {
		uint64_t h = candor_signal_model_key(j->base, k);

		rows += base_only(d, h) && weights_of(j, h, 0, w);
	}
	if ((rc = candor_signal_model_new(out, rows)))
		return rc;
	for (int c = 0; c < CANDOR_NCATS; c++) {
		bool trained = j->train & (1u << c);
		/* a second stage: this training's, or the base model's for a
		 * category kept from it (one retrained here loses the base's: it
		 * read the old first stage's scores) */
		const struct candor_second_stage *st =
			trained ? (j->second && j->second->fitted[c] ? &j->second->st[c] : NULL)
				: candor_signal_model_second(j->base, c);

		candor_signal_model_set_params(*out, c, trained ? &j->params[c] :
					       candor_signal_model_params(j->base, c));
		if (candor_signal_model_set_second(*out, c, st))
			return CANDOR_ERROR;
	}
	for (size_t k = 0; k < d->norder; k++) {
		size_t s = dict_slot(d, d->order[k]);

		if (d->col[s] && weights_of(j, d->order[k], d->col[s], w) &&
		    (rc = candor_signal_model_set_row(*out, r++, d->order[k], w)))
			return rc;
	}
	for (size_t k = 0; k < nbase; k++) {
		uint64_t h = candor_signal_model_key(j->base, k);

		if (base_only(d, h) && weights_of(j, h, 0, w) &&
		    (rc = candor_signal_model_set_row(*out, r++, h, w)))
			return rc;
	}
	return 0;
}

static void report(struct candor_train_report *rep, const struct job *j,
		   const struct candor_corpus *corpus, const struct dict *d)
{
	double sum = 0;
	int n = 0;

	rep->calls = corpus->n;
	rep->utterances = candor_corpus_utterances(corpus);
	rep->rows = j->nrows;
	rep->features = d->n;
	for (int c = 0; c < CANDOR_NCATS; c++) {
		rep->positives[c] = j->pos[c];
		rep->precision[c] = j->p[c];
		rep->recall[c] = j->r[c];
		rep->f1[c] = j->f1[c];
		if (!(j->train & (1u << c))) {
			rep->f1[c] = candor_signal_model_params(j->base, c)->cv_f1;
			rep->precision[c] = rep->recall[c] = -1;
		}
		if (j->pos[c]) {
			sum += rep->f1[c];
			n++;
		}
	}
	rep->macro_f1 = n ? sum / n : 0;
	rep->trained = j->train;
	rep->stack_macro_f1 = -1;
	rep->second_macro_f1 = -1;
	if (j->second) {
		sum = 0;
		for (int c = 0; c < CANDOR_NCATS; c++) {
			rep->second_f1[c] = j->pos[c] ? j->second->f1[c] : 0;
			rep->second_used |= j->second->fitted[c] ? 1u << c : 0;
			/* the model's score: the stage that decides */
			sum += j->pos[c] ? fmax(j->second->f1[c] * j->second->fitted[c], j->f1[c]) : 0;
		}
		rep->second_macro_f1 = n ? sum / n : 0;
		rep->second_seconds = j->second->seconds;
	}
	if (!j->stack)
		return;
	sum = 0;
	for (int c = 0; c < CANDOR_NCATS; c++) {
		rep->stack_precision[c] = j->stack->p[c];
		rep->stack_recall[c] = j->stack->r[c];
		rep->stack_f1[c] = j->stack->f1[c];
		sum += j->pos[c] ? j->stack->f1[c] : 0;
	}
	rep->stack_macro_f1 = n ? sum / n : 0;
	rep->stack_seconds = j->stack->seconds;
}

#define ALL_CATS ((1u << CANDOR_NCATS) - 1)

static void with_defaults(struct candor_train_opts *o)
{
	/* cross-validated on 756 calls, C 4, 8, 16, 32 gave macro 0.791, 0.795, 0.799, 0.798 */
	o->C = o->C > 0 ? o->C : 16.0;
	/* at most 20 folds: folds are bits of an unsigned mask */
	o->folds = o->folds > 0 ? (o->folds < 20 ? o->folds : 20) : 5;
	o->min_count = o->min_count > 0 ? o->min_count : 3;
	o->threads = o->threads > 0 ? o->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
}

/* The categories to train (o with its defaults), and in *src the source
 * of the model they make: o->retrain when o->base has that same source,
 * else every one. */
static uint32_t plan(const struct candor_corpus *corpus, const struct candor_train_opts *o,
		     struct candor_model_source *src)
{
	struct candor_model_source b;

	*src = (struct candor_model_source){ candor_corpus_digest(corpus), o->C, o->folds,
					     o->min_count };
	if (o->base && !o->by_folder && candor_signal_model_source(o->base, &b) &&
	    b.corpus == src->corpus && b.C == src->C && b.folds == src->folds &&
	    b.min_count == src->min_count)
		return o->retrain & ALL_CATS;
	return ALL_CATS;
}

uint32_t candor_signal_train_plan(const struct candor_corpus *corpus,
				  const struct candor_train_opts *opts)
{
	struct candor_train_opts o = *opts;
	struct candor_model_source src;

	with_defaults(&o);
	return plan(corpus, &o, &src);
}

int candor_signal_train(struct candor_signal_model **out, const struct candor_corpus *corpus,
			const struct candor_lexicon *lx, const struct candor_train_opts *opts,
			struct candor_train_report *rep, struct candor_error *err)
{
	struct candor_train_opts o = *opts;
	struct candor_utt_feats *feats = NULL;
	struct sentences *sents = NULL;
	struct dict d = { 0 };
	struct job j;
	struct candor_model_source src;
	size_t nfeats = 0;
	double t0 = now();
	int rc;

	*out = NULL;
	memset(&j, 0, sizeof(j));
	if (!candor_corpus_utterances(corpus))
		return candor_error_set(err, CANDOR_EINVALID, "corpus", "no labelled utterances");
	with_defaults(&o);
	set_print_string_function(quiet);
	if (o.progress)
		fprintf(o.progress, "candor: reading %zu calls (%zu utterances)\n", corpus->n,
			candor_corpus_utterances(corpus));
	if ((rc = featurize_corpus(corpus, lx, &feats, &sents, &nfeats)) ||
	    (rc = build_dict(&d, corpus, feats, nfeats, o.min_count)))
		goto cleanup;
	j.nrows = nfeats;
	j.nfeat = d.n;
	j.o = &o;
	j.train = plan(corpus, &o, &src);
	j.base = j.train != ALL_CATS ? o.base : NULL;
	if ((rc = build_rows(&j.rows, corpus, feats, sents, &d, o.folds, o.by_folder)))
		goto cleanup;
	/* the second stage needs every category's first stage, and folds to
	 * leave two out of */
	if (o.stack && j.train == ALL_CATS && o.folds >= 3 && o.folds <= STACK_MAX_FOLDS &&
	    (rc = stack_new(&j.stack, &j)))
		goto cleanup;
	if (!o.first_only && j.train == ALL_CATS && o.folds > 1 && (rc = second_new(&j.second, &j)))
		goto cleanup;
	if (o.stack && !j.stack && o.progress)
		fprintf(o.progress, "candor: no second stage: it needs every category trained and "
			"3 to %d folds\n", STACK_MAX_FOLDS);
	for (size_t i = 0; i < nfeats; i++)
		candor_utt_feats_release(&feats[i]);
	if (o.progress)
		fprintf(o.progress, "candor: %.1f s to read the calls; training %d categor%s%s on %zu "
			"rows, %zu features, %d-fold cross-validation, %d threads\n", now() - t0,
			__builtin_popcount(j.train), __builtin_popcount(j.train) == 1 ? "y" : "ies",
			j.base ? " (the others are the shipped model's: none of their labels changed)"
			       : "", j.nrows, j.nfeat, o.folds, o.threads);
	if ((rc = run_jobs(&j, o.threads)) || (j.stack && (rc = stack_run(&j, o.threads))))
		goto cleanup;
	if (j.second && o.progress)
		fprintf(o.progress, "candor: %.1f s for the first stages; now the second stages\n",
			now() - t0);
	if ((j.second && (rc = second_run(&j, o.threads))) || (rc = build_model(out, &j, &d)))
		goto cleanup;
	candor_signal_model_set_source(*out, &src);
	if (rep) {
		report(rep, &j, corpus, &d);
		rep->seconds = now() - t0;
	}
cleanup:
	if (feats)
		for (size_t i = 0; i < nfeats; i++)
			candor_utt_feats_release(&feats[i]);
	free(feats);
	sentences_release(sents, nfeats);
	for (size_t i = 0; j.rows && i < j.nrows; i++) {
		free(j.rows[i].x);
		for (size_t k = 0; k < j.rows[i].nsub; k++)
			free(j.rows[i].sub[k]);
		free(j.rows[i].sub);
	}
	free(j.rows);
	for (int c = 0; c < CANDOR_NCATS; c++) {
		free(j.w[c]);
		free(j.oof[c]);
	}
	stack_free(j.stack);
	second_free(j.second, j.nrows);
	dict_release(&d);
	if (rc) {
		candor_signal_model_free(*out);
		*out = NULL;
		return candor_error_set(err, rc == CANDOR_EINVALID ? rc : CANDOR_ERROR, NULL,
					rc == CANDOR_EINVALID ? "an utterance is too long"
							      : "out of memory while training");
	}
	return 0;
}
