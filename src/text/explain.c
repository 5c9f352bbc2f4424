/*
 * explain.c: why the model found what it found (see analyze.h,
 * candor_analysis_explain).
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/error.h"
#include "text/analyze.h"
#include "text/features.h"
#include "text/lexicon.h"
#include "text/sigmodel.h"

static int explain_one(const struct candor_signal_model *m, const struct candor_utt_feats *f,
		       const char *names, enum candor_side side, size_t max,
		       struct candor_buf *out)
{
	double prob[CANDOR_NCATS];

	candor_signal_model_score(m, f, side, prob);
	for (int c = 0; c < CANDOR_NCATS; c++) {
		const struct candor_cat_params *p = candor_signal_model_params(m, c);

		if (prob[c] < p->threshold / 2)
			continue;
		candor_buf_addf(out, "    %s: probability %.2f, %s from %.2f\n",
				candor_signal_categories[c], prob[c],
				prob[c] >= p->threshold ? "found" : "NOT found, it counts", p->threshold);
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
	int rc = CANDOR_ERROR;

	*out = NULL;
	if (!m) {
		rc = candor_error_set(err, CANDOR_EINVALID, "model",
				      "there is no signal model to explain (the phrases decide)");
		goto cleanup;
	}
	if (!f || !v || candor_featurizer_new(&fz, lx) ||
	    (rc = candor_featurize(fz, u, n, f, &names)))
		goto cleanup;
	for (size_t i = 0; i < n; i++) {
		struct candor_buf b = CANDOR_BUF_INIT;

		if ((rc = explain_one(m, &f[i], names.ptr, u[i].side, max, &b))) {
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
	candor_buf_release(&names);
	candor_featurizer_free(fz);
	return rc;
}
