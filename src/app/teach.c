/*
 * app/teach.c: corrections, re-analysis and models of one's own (teach.h).
 */
#include "util/common.h"
#include "util/buf.h"
#include "app/teach.h"
#include "app/import.h"
#include "app/interaction.h"
#include "text/corpus.h"
#include "text/lexicon.h"
#include "text/normalize.h"
#include "text/sigmodel.h"
#include "text/train.h"

#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "util/json-text.h"

int candor_app_signal_scope(struct candor_app *app, int64_t id, struct candor_scope *out)
{
	int rc = candor_store_locate(app->store, CANDOR_RECORD_SIGNAL, id, out);

	if (rc == CANDOR_ENOTFOUND)
		rc = candor_error_set(app->err, rc, "signal", "no signal #%" PRId64
				      " (see 'candor show interaction ID')", id);
	return rc;
}

int candor_app_correction_scope(struct candor_app *app, int64_t id, struct candor_scope *out)
{
	int rc = candor_store_locate(app->store, CANDOR_RECORD_CORRECTION, id, out);

	if (rc == CANDOR_ENOTFOUND)
		rc = candor_error_set(app->err, rc, "correction", "no correction #%" PRId64
				      " (see 'candor signal list')", id);
	return rc;
}

/* The utterance of index idx in u, or NULL. */
static const struct candor_utterance *utterance_at(const struct candor_utterance *u, size_t n,
						   int64_t idx)
{
	for (size_t i = 0; i < n; i++)
		if ((int64_t)u[i].index == idx)
			return &u[i];
	return NULL;
}

/* Whether correction k is the latest word on its utterance and category. */
static bool latest(const struct candor_correction *c, size_t nc, size_t k)
{
	for (size_t j = k + 1; j < nc; j++)
		if (c[j].interaction_id == c[k].interaction_id && c[j].utterance == c[k].utterance &&
		    !strcmp(c[j].category, c[k].category))
			return false;
	return true;
}

/* The latest verdict on (utt, category) among c, or -1. */
static int verdict_on(const struct candor_correction *c, size_t nc, int64_t utt,
		      const char *category)
{
	int v = -1;

	for (size_t k = 0; k < nc; k++)
		if (c[k].utterance == utt && !strcmp(c[k].category, category))
			v = c[k].verdict;
	return v;
}

/* Signal category on the whole of utterance u, said in interaction it, by a person. */
static int add_whole(struct candor_app *app, const struct candor_interaction *it,
		     const struct candor_utterance *u, const char *category, int64_t *id)
{
	struct candor_signal sg = {
		.interaction_id = it->id, .contact_id = it->contact_id,
		.category = (char *)category, .text = u->text, .quote = u->text, .side = u->side,
		.utterance = (int64_t)u->index, .start = 0,
		.end = (int64_t)candor_utf8_count(u->text, strlen(u->text)), .confidence = -1,
	};
	int rc = candor_store_signal_add(app->store, it->account_id, &sg);

	if (!rc && id)
		*id = sg.id;
	return rc;
}

int candor_app_signals_store(struct candor_app *app, const struct candor_interaction *it,
			     const struct candor_utterance *u, size_t n,
			     const struct candor_analysis *a, const struct candor_correction *c,
			     size_t nc, size_t *held)
{
	struct candor_buf quote = CANDOR_BUF_INIT;
	size_t changed = 0;
	int rc = 0;

	for (size_t i = 0; i < a->nsignals && !rc; i++) {
		const struct candor_text_signal *x = &a->signals[i];
		struct candor_signal sg;

		if (x->utterance >= n)
			continue;
		sg = (struct candor_signal){
			.interaction_id = it->id, .contact_id = it->contact_id,
			.category = (char *)x->category, .text = x->text,
			.side = u[x->utterance].side, .utterance = (int64_t)u[x->utterance].index,
			.start = (int64_t)x->cstart, .end = (int64_t)x->cend,
			.confidence = x->confidence,
		};
		if (verdict_on(c, nc, sg.utterance, x->category) == CANDOR_VERDICT_WRONG)
			continue;
		candor_buf_reset(&quote);
		candor_sentence_around(&quote, u[x->utterance].text, x->start, x->end);
		if (candor_buf_error(&quote)) {
			rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
			break;
		}
		sg.quote = quote.ptr;
		rc = candor_store_signal_add(app->store, it->account_id, &sg);
	}
	for (size_t k = 0; k < nc && !rc; k++) {
		const struct candor_utterance *cu = utterance_at(u, n, c[k].utterance);
		bool found = false;

		if (!latest(c, nc, k) || !cu)
			continue;
		for (size_t i = 0; i < a->nsignals && !found; i++)
			found = a->signals[i].utterance < n &&
				(int64_t)u[a->signals[i].utterance].index == c[k].utterance &&
				!strcmp(a->signals[i].category, c[k].category);
		if (c[k].verdict == CANDOR_VERDICT_MISSING && !found)
			rc = add_whole(app, it, cu, c[k].category, NULL);
		if (found != (c[k].verdict == CANDOR_VERDICT_MISSING))
			changed++;
	}
	candor_buf_release(&quote);
	if (held)
		*held = changed;
	return rc;
}

static int keep_correction(struct candor_app *app, const struct candor_interaction *it,
			   const struct candor_utterance *u, const char *category, int verdict,
			   const char *by, int64_t *out)
{
	struct candor_correction c = {
		.account_id = it->account_id, .contact_id = it->contact_id,
		.interaction_id = it->id, .utterance = (int64_t)u->index,
		.category = (char *)category, .verdict = verdict, .side = u->side,
		.text = u->text, .by = (char *)(by ? by : ""), .at = app->now,
	};
	int rc = candor_store_correction_add(app->store, &c);

	if (!rc && out)
		*out = c.id;
	return rc;
}

int candor_app_signal_wrong(struct candor_app *app, int64_t id, const char *by,
			    struct candor_app_corrected *out)
{
	struct candor_scope sc;
	struct candor_evidence_set set = { 0 };
	struct candor_utterance *utts = NULL;
	size_t nutts = 0;
	const struct candor_signal *sg = NULL;
	const struct candor_interaction *it = NULL;
	const struct candor_utterance *u;
	int rc;

	if ((rc = candor_app_signal_scope(app, id, &sc)) ||
	    (rc = candor_store_evidence(app->store, &sc, &set)))
		goto cleanup;
	for (size_t i = 0; i < set.nsignals; i++)
		if (set.signals[i].id == id)
			sg = &set.signals[i];
	if (!sg) {
		rc = candor_error_set(app->err, CANDOR_ENOTFOUND, "signal", "no signal #%" PRId64, id);
		goto cleanup;
	}
	if (sg->utterance < 0) {
		rc = candor_error_set(app->err, CANDOR_EINVALID, "signal",
				      "signal #%" PRId64 " was logged by hand ('log --said'), not "
				      "found by the analyser: there is nothing to teach it", id);
		goto cleanup;
	}
	for (size_t i = 0; i < set.ninteractions; i++)
		if (set.interactions[i].id == sg->interaction_id)
			it = &set.interactions[i];
	if ((rc = candor_store_utterances(app->store, sc.account_id, sg->interaction_id, &utts,
					  &nutts)))
		goto cleanup;
	if (!it || !(u = utterance_at(utts, nutts, sg->utterance))) {
		rc = candor_error_set(app->err, CANDOR_ENOTFOUND, "utterance",
				      "signal #%" PRId64 " points at no utterance of its conversation", id);
		goto cleanup;
	}
	/* every signal of its category in that utterance goes: the word is on the utterance */
	for (size_t i = 0; i < set.nsignals && !rc; i++) {
		const struct candor_signal *g = &set.signals[i];

		if (g->interaction_id == sg->interaction_id && g->utterance == sg->utterance &&
		    !strcmp(g->category, sg->category))
			rc = candor_store_signal_delete(app->store, g, sc.account_id);
	}
	if (!rc && !(rc = keep_correction(app, it, u, sg->category, CANDOR_VERDICT_WRONG, by,
					  &out->correction))) {
		out->interaction = sg->interaction_id;
		out->utterance = sg->utterance;
	}
cleanup:
	candor_utterances_free(utts, nutts);
	candor_evidence_set_release(&set);
	return rc;
}

/* "social, stall, ..." into b. */
static void category_names(struct candor_buf *b)
{
	for (int c = 0; c < CANDOR_NCATS; c++)
		candor_buf_addf(b, "%s%s", c ? ", " : "", candor_signal_categories[c]);
}

int candor_app_signal_add(struct candor_app *app, int64_t id, int64_t utt, const char *category,
			  const char *by, int64_t *out)
{
	struct candor_app_interaction l = { 0 };
	const struct candor_utterance *u;
	int cat = category ? candor_signal_category(category) : -1, rc;

	if (cat < 0) {
		struct candor_buf b = CANDOR_BUF_INIT;

		category_names(&b);
		rc = candor_error_set(app->err, CANDOR_EINVALID, "category",
				      "no category '%s': one of %s (see SIGNALS.md)",
				      category ? category : "", b.ptr ? b.ptr : "");
		candor_buf_release(&b);
		return rc;
	}
	if ((rc = candor_app_interaction_load(app, id, &l)))
		goto cleanup;
	if (!(u = utterance_at(l.utts, l.nutts, utt))) {
		rc = l.nutts ? candor_error_set(app->err, CANDOR_ENOTFOUND, "utterance",
					    "interaction #%" PRId64 " has no utterance %" PRId64
					    " (its utterances are 0 to %zu)", id, utt, l.nutts - 1)
			 : candor_error_set(app->err, CANDOR_EINVALID, "utterance",
					    "interaction #%" PRId64 " has no transcript: it was "
					    "logged, not imported", id);
		goto cleanup;
	}
	if (!candor_signal_side_ok(cat, u->side)) {
		rc = candor_error_set(app->err, CANDOR_EINVALID, "category",
				      "'%s' is not said by the %s (utterance %" PRId64 " is %s's): "
				      "see SIGNALS.md", category, candor_side_name(u->side), utt,
				      *u->speaker ? u->speaker : "someone's");
		goto cleanup;
	}
	for (size_t i = 0; i < l.set.nsignals; i++) {
		const struct candor_signal *g = &l.set.signals[i];

		if (g->interaction_id == id && g->utterance == utt &&
		    !strcmp(g->category, candor_signal_categories[cat])) {
			rc = candor_error_set(app->err, CANDOR_ECONFLICT, "category",
					      "utterance %" PRId64 " already says %s (signal #%" PRId64 ")",
					      utt, g->category, g->id);
			goto cleanup;
		}
	}
	if (!(rc = add_whole(app, l.it, u, candor_signal_categories[cat], NULL)))
		rc = keep_correction(app, l.it, u, candor_signal_categories[cat],
				     CANDOR_VERDICT_MISSING, by, out);
cleanup:
	candor_app_interaction_release(&l);
	return rc;
}

static size_t analysed_signals(const struct candor_evidence_set *set, int64_t id)
{
	size_t n = 0;

	for (size_t i = 0; i < set->nsignals; i++)
		n += set->signals[i].interaction_id == id && set->signals[i].utterance >= 0;
	return n;
}

static int reanalyse(struct candor_app *app, const struct candor_scope *sc, int64_t id,
		     struct candor_analyzer *az, struct candor_app_reanalysed *out)
{
	struct candor_app_interaction l = { 0 };
	struct candor_analysis a = CANDOR_ANALYSIS_INIT;
	struct candor_correction *c = NULL;
	struct candor_interaction it;
	struct candor_evidence_set after = { 0 };
	json_t *metrics = NULL;
	size_t nc = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	out->id = id;
	if ((rc = candor_app_interaction_load(app, id, &l)))
		goto cleanup;
	if (!l.nutts) {
		rc = candor_error_set(app->err, CANDOR_EINVALID, "interaction",
				      "interaction #%" PRId64 " has no transcript to analyse: it was "
				      "logged, not imported", id);
		goto cleanup;
	}
	snprintf(out->before, sizeof(out->before), "%s", l.it->analyser ? l.it->analyser : "");
	out->nbefore = analysed_signals(&l.set, id);
	if ((rc = candor_store_corrections(app->store, l.scope.account_id, 0, id, &c, &nc)) ||
	    (rc = candor_analyzer_run(az, &a, l.utts, l.nutts, l.it->at, app->err)))
		goto cleanup;
	it = *l.it;
	it.analyser = (char *)(a.analyser ? a.analyser : "");
	it.seller_share = a.metrics.seller.word_share;
	if (!(metrics = candor_metrics_to_json(&a.metrics)) ||
	    !(it.metrics = candor_json_text(metrics, JSON_COMPACT))) {
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	snprintf(out->after, sizeof(out->after), "%s", it.analyser);
	if (!(rc = candor_store_signals_clear(app->store, &it)) &&
	    !(rc = candor_app_signals_store(app, &it, l.utts, l.nutts, &a, c, nc, &out->ncorrections)) &&
	    !(rc = candor_store_interaction_analysed(app->store, &it)) &&
	    !(rc = candor_store_evidence(app->store, sc, &after)))
		out->nafter = analysed_signals(&after, id);
	if (it.metrics)
		free(it.metrics);
cleanup:
	json_decref(metrics);
	candor_evidence_set_release(&after);
	candor_corrections_free(c, nc);
	candor_analysis_release(&a);
	candor_app_interaction_release(&l);
	return rc;
}

int candor_app_interaction_reanalyse(struct candor_app *app, int64_t id,
				     struct candor_analyzer *az, struct candor_app_reanalysed *out)
{
	struct candor_scope sc;
	int rc = candor_store_locate(app->store, CANDOR_RECORD_INTERACTION, id, &sc);

	return rc ? rc : reanalyse(app, &sc, id, az, out);
}

int candor_app_transcript_check(struct candor_app *app, int64_t id)
{
	struct candor_scope sc;
	struct candor_utterance *u = NULL;
	size_t n = 0;
	int64_t total = 0;
	int rc = candor_store_locate(app->store, CANDOR_RECORD_INTERACTION, id, &sc);

	if (!rc)
		rc = candor_store_utterance_range(app->store, sc.account_id, id, 0, 1, &u, &n, &total);
	candor_utterances_free(u, n);
	if (!rc && !total)
		rc = candor_error_set(app->err, CANDOR_EINVALID, "interaction",
				      "interaction #%" PRId64 " has no transcript to analyse: it was "
				      "logged, not imported", id);
	return rc;
}

static int cmp_at(const void *a, const void *b)
{
	const struct candor_interaction *x = a, *y = b;

	return x->at != y->at ? (x->at < y->at ? -1 : 1) : (x->id < y->id ? -1 : x->id > y->id);
}

int candor_app_transcripts(struct candor_app *app, int64_t **ids, size_t *n)
{
	struct candor_evidence_set set = { 0 };
	struct candor_scope all = { 0, 0 };
	int rc = candor_store_evidence(app->store, &all, &set);

	*ids = NULL;
	*n = 0;
	if (!rc && set.ninteractions) {
		qsort(set.interactions, set.ninteractions, sizeof(*set.interactions), cmp_at);
		if (!(*ids = malloc(set.ninteractions * sizeof(**ids))))
			rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
		for (size_t i = 0; !rc && i < set.ninteractions; i++)
			if (*set.interactions[i].source)
				(*ids)[(*n)++] = set.interactions[i].id;
	}
	candor_evidence_set_release(&set);
	return rc;
}

int candor_app_correction_undo(struct candor_app *app, int64_t id, struct candor_analyzer *az,
			       struct candor_app_reanalysed *out)
{
	struct candor_scope sc;
	struct candor_correction *c = NULL;
	size_t n = 0;
	int rc;

	if ((rc = candor_app_correction_scope(app, id, &sc)) ||
	    (rc = candor_store_corrections(app->store, sc.account_id, id, 0, &c, &n)))
		goto cleanup;
	if (!n) {
		rc = candor_error_set(app->err, CANDOR_ENOTFOUND, "correction",
				      "no correction #%" PRId64, id);
		goto cleanup;
	}
	if (!(rc = candor_store_correction_delete(app->store, c)))
		rc = reanalyse(app, &sc, c->interaction_id, az, out);
cleanup:
	candor_corrections_free(c, n);
	return rc;
}

/* ---- models of one's own ---- */

/* Each sentence of c's utterance (when it has several) as a line that does
 * not say the categories in wrong. */
static int wrong_sentences(struct candor_corpus *corpus, const char *name,
			   const struct candor_correction *c, uint32_t wrong, unsigned weight,
			   const struct candor_utterance *before,
			   const struct candor_utterance *after, struct candor_error *err)
{
	const char *t = c->text, *start = t;
	struct candor_buf b = CANDOR_BUF_INIT;
	int n = 0, rc = 0;

	for (const char *p = t; *p; p++)
		n += strchr(".?!", *p) && p[1] == ' ';
	if (!n)
		return 0;
	for (const char *p = t; !rc; p++) {
		if (*p && !(strchr(".?!", *p) && p[1] == ' '))
			continue;
		candor_buf_reset(&b);
		candor_buf_add(&b, start, (size_t)(p - start) + (*p ? 1 : 0));
		if (candor_buf_error(&b))
			rc = candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
		else if (b.len && strspn(b.ptr, " ") < b.len)
			rc = candor_corpus_add_utterance(corpus, name, b.ptr, c->side, 0, wrong, weight,
							 before, after, err);
		if (!*p)
			break;
		start = p + 1;
	}
	candor_buf_release(&b);
	return rc;
}

/* The utterances said just before and after correction c's, as stored
 * (*out, free with candor_utterances_free); NULL where there is none (the
 * first or last line, or a transcript no longer stored). */
static int neighbours(struct candor_app *app, const struct candor_correction *c,
		      struct candor_utterance **out, size_t *n,
		      const struct candor_utterance **before, const struct candor_utterance **after)
{
	int64_t total = 0, from = c->utterance > 0 ? c->utterance - 1 : 0;
	int rc = candor_store_utterance_range(app->store, c->account_id, c->interaction_id, from,
					      3, out, n, &total);

	*before = *after = NULL;
	if (rc == CANDOR_ENOTFOUND) {
		candor_error_clear(app->err);
		return 0;
	}
	if (rc)
		return rc;
	for (size_t i = 0; i < *n; i++) {
		if ((int64_t)(*out)[i].index == c->utterance - 1)
			*before = &(*out)[i];
		if ((int64_t)(*out)[i].index == c->utterance + 1)
			*after = &(*out)[i];
	}
	return 0;
}

/* The corrections, one labelled line per corrected utterance (taught
 * between the lines said before and after it), into corpus. */
static int corrections_corpus(struct candor_app *app, struct candor_corpus *corpus,
			      unsigned weight, struct candor_app_trained *out)
{
	struct candor_correction *c = NULL;
	struct candor_utterance *near = NULL;
	const struct candor_utterance *before, *after;
	size_t n = 0, nnear = 0;
	int rc = candor_store_corrections(app->store, 0, 0, 0, &c, &n);

	out->corrections = n;
	for (size_t k = 0; !rc && k < n; k++) {
		uint32_t labels = 0, labelled = 0;
		bool first = true;
		char name[64];

		/* the first correction of its utterance speaks for all of them */
		for (size_t j = 0; j < k && first; j++)
			first = !(c[j].interaction_id == c[k].interaction_id &&
				  c[j].utterance == c[k].utterance);
		if (!first)
			continue;
		for (size_t j = k; j < n; j++) {
			int cat;

			if (c[j].interaction_id != c[k].interaction_id ||
			    c[j].utterance != c[k].utterance || !latest(c, n, j) ||
			    (cat = candor_signal_category(c[j].category)) < 0)
				continue;
			labelled |= 1u << cat;
			if (c[j].verdict == CANDOR_VERDICT_MISSING && candor_signal_side_ok(cat, c[j].side))
				labels |= 1u << cat;
		}
		if (!labelled)
			continue;
		out->corrected |= labelled;
		snprintf(name, sizeof(name), "correction #%" PRId64, c[k].id);
		if ((rc = neighbours(app, &c[k], &near, &nnear, &before, &after)))
			break;
		rc = candor_corpus_add_utterance(corpus, name, c[k].text, c[k].side, labels, labelled,
						 weight, before, after, app->err);
		/* the analyser finds a category in a sentence of a long turn as well
		 * as in the whole: a "wrong" is taught on each sentence too */
		if (!rc && (labelled & ~labels))
			rc = wrong_sentences(corpus, name, &c[k], labelled & ~labels, weight, before,
					     after, app->err);
		candor_utterances_free(near, nnear);
		near = NULL;
		nnear = 0;
		out->utterances++;
	}
	candor_corrections_free(c, n);
	return rc;
}

static void scores_of(const struct candor_signal_model *m, double *v)
{
	double sum = 0;
	int n = 0;

	for (int c = 0; c < CANDOR_NCATS; c++) {
		v[c] = m ? candor_signal_model_cv_f1(m, c) : -1;
		if (v[c] >= 0)
			sum += v[c], n++;
	}
	v[CANDOR_NCATS] = n ? sum / n : -1;
}

/* mkdir -p dir (0700). */
static int make_dir(const char *dir, struct candor_error *err)
{
	char p[4096];

	snprintf(p, sizeof(p), "%s", dir);
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0700) && errno != EEXIST)
				goto fail;
			*s = '/';
		}
	if (mkdir(p, 0700) && errno != EEXIST)
		goto fail;
	return 0;
fail:
	return candor_error_set(err, CANDOR_ERROR, NULL, "cannot make the models folder '%s': %s",
				p, strerror(errno));
}

/* Write name into the models folder's file which, atomically. */
static int write_choice(const char *which, const char *name, struct candor_error *err)
{
	char path[4200], tmp[4300];
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", candor_signal_model_dir(), which);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if (!(f = fopen(tmp, "w")))
		goto fail;
	if (fprintf(f, "%s\n", name) < 0 || fflush(f) || fsync(fileno(f))) {
		fclose(f);
		goto fail;
	}
	if (fclose(f) || rename(tmp, path))
		goto fail;
	return 0;
fail:
	rc = candor_error_set(err, CANDOR_ERROR, NULL, "cannot write '%s': %s", path,
			      strerror(errno));
	unlink(tmp);
	return rc;
}

/* The file name in use now ("shipped" when none is chosen). */
static void in_use(char *name, size_t n)
{
	if (!candor_signal_model_chosen(name, n, "current"))
		snprintf(name, n, "shipped");
}

/* Make file (a name in the folder, or "shipped") the one in use. */
static int choose(const char *file, struct candor_error *err)
{
	char now[256];
	int rc;

	in_use(now, sizeof(now));
	if (!strcmp(now, file))
		return 0;
	if ((rc = make_dir(candor_signal_model_dir(), err)) ||
	    (rc = write_choice("previous", now, err)))
		return rc;
	if (!strcmp(file, "shipped")) {
		char path[4200];

		snprintf(path, sizeof(path), "%s/current", candor_signal_model_dir());
		if (unlink(path) && errno != ENOENT)
			return candor_error_set(err, CANDOR_ERROR, NULL, "cannot remove '%s': %s", path,
						strerror(errno));
		return 0;
	}
	return write_choice("current", file, err);
}

int candor_app_model_train(struct candor_app *app, const struct candor_lexicon *lx,
			   const struct candor_app_train *o, struct candor_app_trained *out)
{
	struct candor_corpus corpus = CANDOR_CORPUS_INIT;
	struct candor_train_opts to = { 0 };
	struct candor_train_report rep;
	struct candor_signal_model *m = NULL, *shipped = NULL;
	struct candor_error quiet = CANDOR_ERROR_INIT;
	char tmp[4200], name[128];
	int rc;

	memset(out, 0, sizeof(*out));
	scores_of(candor_lexicon_model(lx), out->before);
	in_use(out->previous, sizeof(out->previous));
	if ((rc = candor_corpus_read_dir(&corpus, o->corpus ? o->corpus : candor_corpus_default_dir(),
					 app->err)) ||
	    (rc = corrections_corpus(app, &corpus, o->weight ? o->weight : 20, out)))
		goto cleanup;
	to.threads = o->threads;
	to.progress = o->progress;
	/* the shipped model's categories no correction is about are kept, when
	 * it comes from this corpus (the trainer checks); unreadable, all are trained */
	if (!candor_signal_model_load(&shipped, candor_signal_model_shipped_path(), &quiet)) {
		to.base = shipped;
		to.retrain = out->corrected;
	}
	candor_error_clear(&quiet);
	/* nothing to learn: no model is written and the one in use stays */
	if (!(out->trained = candor_signal_train_plan(&corpus, &to)))
		goto cleanup;
	if ((rc = candor_signal_train(&m, &corpus, lx, &to, &rep, app->err)))
		goto cleanup;
	out->seconds = rep.seconds;
	out->trained = rep.trained;
	for (int c = 0; c < CANDOR_NCATS; c++)
		out->after[c] = rep.positives[c] ? rep.f1[c] : -1;
	out->after[CANDOR_NCATS] = rep.macro_f1;
	snprintf(name, sizeof(name), "from the labelled corpus and %zu correction%s",
		 out->corrections, out->corrections == 1 ? "" : "s");
	if (candor_signal_model_set_about(m, name)) {
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	/* a name of this process's own: two trainings never write one file */
	snprintf(tmp, sizeof(tmp), "%s/training-%ld.model", candor_signal_model_dir(),
		 (long)getpid());
	if ((rc = make_dir(candor_signal_model_dir(), app->err)) ||
	    (rc = candor_signal_model_write(m, tmp, app->err)))
		goto cleanup;
	snprintf(out->id, sizeof(out->id), "%s", candor_signal_model_id(m));
	snprintf(name, sizeof(name), "signals-%s.model", out->id);
	snprintf(out->path, sizeof(out->path), "%s/%s", candor_signal_model_dir(), name);
	if (rename(tmp, out->path)) {
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "cannot write '%s': %s",
				      out->path, strerror(errno));
		goto cleanup;
	}
	rc = choose(name, app->err);
cleanup:
	candor_signal_model_free(m);
	candor_signal_model_free(shipped);
	candor_corpus_release(&corpus);
	return rc;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct candor_app_model_entry *)a)->file,
		      ((const struct candor_app_model_entry *)b)->file);
}

/* Fill e from the model file at path. */
static int entry_of(struct candor_app_model_entry *e, const char *path, struct candor_error *err)
{
	struct candor_signal_model *m = NULL;
	double v[CANDOR_NCATS + 1];
	int rc = candor_signal_model_load(&m, path, err);

	if (rc)
		return rc;
	snprintf(e->id, sizeof(e->id), "%s", candor_signal_model_id(m));
	snprintf(e->about, sizeof(e->about), "%s", candor_signal_model_about(m));
	scores_of(m, v);
	e->macro = v[CANDOR_NCATS];
	candor_signal_model_free(m);
	return 0;
}

int candor_app_model_list(struct candor_app_model_entry **out, size_t *n,
			  struct candor_error *err)
{
	struct candor_app_model_entry *v = NULL;
	size_t alloc = 0;
	char cur[256], prev[256], path[4400];
	DIR *d;
	struct dirent *de;
	int rc = 0;

	*out = NULL;
	*n = 0;
	in_use(cur, sizeof(cur));
	if (!candor_signal_model_chosen(prev, sizeof(prev), "previous"))
		prev[0] = '\0';
	if ((d = opendir(candor_signal_model_dir()))) {
		while ((de = readdir(d))) {
			size_t len = strlen(de->d_name);

			if (len < 7 || strncmp(de->d_name, "signals-", 8) ||
			    strcmp(de->d_name + len - 6, ".model"))
				continue;
			if (*n == alloc) {
				struct candor_app_model_entry *nv;

				alloc = alloc ? 2 * alloc : 8;
				if (!(nv = realloc(v, alloc * sizeof(*v)))) {
					rc = candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
					break;
				}
				v = nv;
			}
			memset(&v[*n], 0, sizeof(v[*n]));
			snprintf(v[*n].file, sizeof(v[*n].file), "%s", de->d_name);
			(*n)++;
		}
		closedir(d);
	}
	if (!rc) {
		struct candor_app_model_entry *nv = realloc(v, (*n + 1) * sizeof(*v));

		if (!nv)
			rc = candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
		else
			v = nv;
	}
	if (rc) {
		free(v);
		*n = 0;
		return rc;
	}
	qsort(v, *n, sizeof(*v), cmp_entry);
	memmove(v + 1, v, *n * sizeof(*v));
	memset(&v[0], 0, sizeof(v[0]));
	(*n)++;
	for (size_t i = 0; i < *n && !rc; i++) {
		if (i == 0)
			snprintf(path, sizeof(path), "%s", candor_signal_model_shipped_path());
		else
			snprintf(path, sizeof(path), "%s/%s", candor_signal_model_dir(), v[i].file);
		if (entry_of(&v[i], path, err)) {
			/* a damaged or foreign file is listed, not fatal */
			snprintf(v[i].about, sizeof(v[i].about), "cannot be read: %.200s", err->msg);
			v[i].macro = -1;
		}
		v[i].current = !strcmp(i ? v[i].file : "shipped", cur);
		v[i].previous = !strcmp(i ? v[i].file : "shipped", prev);
	}
	*out = v;
	return 0;
}

int candor_app_model_use(const char *which, char *id, size_t nid, struct candor_error *err)
{
	struct candor_app_model_entry *v = NULL;
	size_t n = 0, hit = SIZE_MAX, hits = 0;
	char prev[256];
	int rc;

	if ((rc = candor_app_model_list(&v, &n, err)))
		return rc;
	if (!strcmp(which, "previous") || !strcmp(which, "PREVIOUS")) {
		if (!candor_signal_model_chosen(prev, sizeof(prev), "previous")) {
			rc = candor_error_set(err, CANDOR_ENOTFOUND, "model", "there is no previous "
					      "model: 'candor model train' makes one");
			goto cleanup;
		}
		for (size_t i = 0; i < n; i++)
			if (!strcmp(i ? v[i].file : "shipped", prev))
				hit = i, hits = 1;
	} else if (!strcmp(which, "shipped")) {
		hit = 0, hits = 1;
	} else {
		size_t len = strlen(which);

		for (size_t i = 0; i < n; i++)
			if ((len >= 6 && len <= 16 && !strncmp(v[i].id, which, len)) ||
			    (i && !strcmp(v[i].file, which)))
				hit = i, hits++;
	}
	if (hits != 1) {
		rc = candor_error_set(err, hits ? CANDOR_EAMBIGUOUS : CANDOR_ENOTFOUND, "model",
				      hits ? "'%s' names more than one model: give more of its id"
					   : "no model '%s' (see 'candor model list')", which);
		goto cleanup;
	}
	if (v[hit].macro < 0 && hit) {
		rc = candor_error_set(err, CANDOR_EINVALID, "model", "model %s %s", v[hit].file,
				      v[hit].about);
		goto cleanup;
	}
	if (!(rc = choose(hit ? v[hit].file : "shipped", err)))
		snprintf(id, nid, "%s", v[hit].id);
cleanup:
	free(v);
	return rc;
}
