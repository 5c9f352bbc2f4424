/*
 * explain.c: why the model found what it found (see analyze.h,
 * candor_analysis_explain).
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/error.h"
#include "text/analyze-priv.h"
#include "text/features.h"
#include "text/lexicon.h"
#include "text/sigmodel.h"
#include "text/stack.h"

#include <math.h>

struct column {
	double v;
	int d;
};

static int cmp_column(const void *a, const void *b)
{
	const struct column *x = a, *y = b;

	if (fabs(x->v) != fabs(y->v))
		return fabs(x->v) > fabs(y->v) ? -1 : 1;
	return x->d - y->d;
}

/* The columns that moved a second stage most, largest first. */
static void explain_second(const struct candor_second_stage *st, const float *cols, size_t max,
			   struct candor_buf *out)
{
	struct column v[CANDOR_STACK_DIM];
	char name[96];
	size_t n = 0;

	for (int d = 0; d < CANDOR_STACK_DIM; d++)
		if (st->w[d] != 0 && cols[d] != 0)
			v[n++] = (struct column){ (double)st->w[d] * cols[d], d };
	qsort(v, n, sizeof(*v), cmp_column);
	candor_buf_addf(out, "      %+.2f  (bias)\n", st->bias);
	for (size_t i = 0; i < n && i < max; i++) {
		candor_stack_column_name(v[i].d, name, sizeof(name));
		candor_buf_addf(out, "      %+.2f  %s\n", v[i].v, name);
	}
}

/*
 * Utterance f's categories worth a look: their probability, whether it
 * reaches the threshold, and what raised it.  A category with a second
 * stage is decided by it (p2, over cols): its columns come first, then
 * the first stage's features beneath (logit: the first stage's log-odds,
 * the turn or its best sentence).
 */
static int explain_one(const struct candor_signal_model *m, const struct candor_utt_feats *f,
		       const char *names, enum candor_side side, const double *logit,
		       const float *cols, const double *p2, size_t max, struct candor_buf *out)
{
	double prob[CANDOR_NCATS];

	candor_signal_model_score(m, f, side, prob);
	for (int c = 0; c < CANDOR_NCATS; c++) {
		const struct candor_cat_params *p = candor_signal_model_params(m, c);
		const struct candor_second_stage *st = candor_signal_model_second(m, c);
		double first = logit ? 1 / (1 + exp(-logit[c])) : prob[c];

		if (!candor_signal_side_ok(c, side))
			continue;
		if (!st) {
			if (prob[c] < p->threshold / 2)
				continue;
			candor_buf_addf(out, "    %s: probability %.2f, %s from %.2f\n",
					candor_signal_categories[c], prob[c],
					prob[c] >= p->threshold ? "found" : "NOT found, it counts",
					p->threshold);
		} else {
			if (p2[c] < st->threshold / 2 && first < p->threshold / 2)
				continue;
			candor_buf_addf(out, "    %s: probability %.2f, %s from %.2f\n",
					candor_signal_categories[c], p2[c],
					p2[c] >= st->threshold ? "found" : "NOT found, it counts",
					st->threshold);
			candor_buf_addf(out, "      the second stage decides, from the first stage's "
					"scores on this turn and around it:\n");
			explain_second(st, cols, max, out);
			candor_buf_addf(out, "      the first stage: probability %.2f (alone it would "
					"count from %.2f); on the whole turn:\n", first, p->threshold);
		}
		if (candor_signal_model_explain(m, f, names, c, max, out))
			return CANDOR_ERROR;
	}
	return out->err ? CANDOR_ERROR : 0;
}

int candor_analysis_explain(char ***out, const struct candor_lexicon *lx,
			    const struct candor_utterance *u, size_t n, size_t max,
			    struct candor_error *err)
{
	const struct candor_signal_model *m = candor_lexicon_model(lx);
	struct candor_featurizer *fz = NULL;
	struct candor_utt_feats *f = calloc(n ? n : 1, sizeof(*f));
	struct candor_buf names = CANDOR_BUF_INIT;
	char **v = calloc(n ? n : 1, sizeof(*v));
	struct candor_stack_turn *turns = calloc(n ? n : 1, sizeof(*turns));
	float *cols = calloc(n ? n * CANDOR_STACK_DIM : 1, sizeof(*cols));
	double *p2 = calloc(n ? n * CANDOR_NCATS : 1, sizeof(*p2));
	int rc = CANDOR_ERROR;

	*out = NULL;
	if (!m) {
		rc = candor_error_set(err, CANDOR_EINVALID, "model",
				      "there is no signal model to explain (the phrases decide)");
		goto cleanup;
	}
	if (!f || !v || !turns || !cols || !p2 || candor_featurizer_new(&fz, lx) ||
	    (rc = candor_featurize(fz, u, n, f, &names)) ||
	    (rc = candor_second_scores(m, fz, f, u, n, turns, cols, p2)))
		goto cleanup;
	for (size_t i = 0; i < n; i++) {
		struct candor_buf b = CANDOR_BUF_INIT;

		if ((rc = explain_one(m, &f[i], names.ptr, u[i].side, turns[i].logit,
				      cols + i * CANDOR_STACK_DIM, p2 + i * CANDOR_NCATS, max, &b))) {
			candor_buf_release(&b);
			goto cleanup;
		}
		v[i] = candor_buf_detach(&b, NULL);
	}
	*out = v;
	v = NULL;
	rc = 0;
cleanup:
	if (rc == CANDOR_ERROR)
		candor_error_set(err, rc, NULL, "out of memory");
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
	for (size_t i = 0; f && i < n; i++)
		candor_utt_feats_release(&f[i]);
	free(f);
	free(turns);
	free(cols);
	free(p2);
	candor_buf_release(&names);
	candor_featurizer_free(fz);
	return rc;
}
