/*
 * test-text-oom.c: text/ when memory runs out (oom.h).
 *
 * Each test fails the first allocation, then the second, and so on until
 * the call succeeds (Candor's own, and SQLite's, jansson's and Hyperscan's
 * through their allocator hooks), and checks that every failure is an
 * error with a message that leaves its output empty; the sanitizer build
 * catches leaks and double frees on these paths.  Covered: analysing a
 * transcript with the shipped signal model (featurizing and scoring every
 * utterance), its JSON, a reused analyser, the lexicon loader, the model
 * loader and the labelled-corpus reader (a file and a folder).
 */
#include "util/common.h"
#include <setjmp.h>
#include <cmocka.h>
#include <unistd.h>

#include "util/error.h"
#include "formats/transcript.h"
#include "text/analyze.h"
#include "text/corpus.h"
#include "text/lexicon.h"
#include "text/sigmodel.h"
#include "oom.h"

static struct candor_lexicon *analyser;  /* lexicon + shipped model, loaded once */

static const char call[] =
	"Sam Seller: Thanks for the time. How is the rollout going?\n"
	"Dana Reyes: Oh, fine. Let me think about it and get back to you.\n"
	"Sam Seller: Of course. What would have to be true for this to work?\n"
	"Dana Reyes: Can I be honest with you? What worries me is another failed rollout.\n"
	"Sam Seller: I'll send you the case study by Friday.\n"
	"Dana Reyes: We're also looking at Contoso. Price matters, we want to avoid overruns.\n";

static void read_call(struct candor_transcript *t)
{
	struct candor_error err = CANDOR_ERROR_INIT;

	assert_int_equal(candor_transcript_read(t, call, strlen(call), "call.txt", &err), 0);
	assert_int_equal(candor_transcript_assign_sides(t, "Sam Seller", NULL, 0, &err), 0);
}

/* One walk's state: its input, and what a run made (released by after). */
struct run {
	struct candor_transcript t;
	struct candor_analysis a;
	struct candor_analyzer *az;
	struct candor_lexicon *lx;
	struct candor_signal_model *m;
	struct candor_corpus c;
	struct candor_error err;
	json_t *j;
	const char *path;
	size_t want;       /* what a success has (signals, utterances) */
	char *whole;       /* the JSON with memory to spare */
	bool dir;
};

static int64_t call_at = 1763456400;  /* 2025-11-18 */

/* A failed run: a negative code, a message; and "out of memory" when given. */
static void failed(const struct run *r, int rc, bool oom_said)
{
	assert_true(rc < 0);
	assert_true(r->err.msg[0] != '\0');
	if (oom_said)
		assert_non_null(strstr(r->err.msg, "out of memory"));
}

static int analyze_op(void *arg)
{
	struct run *r = arg;

	candor_error_clear(&r->err);
	return candor_analyze(&r->a, analyser, r->t.utts, r->t.nutts, call_at, &r->err);
}

static void analyze_after(void *arg, int rc)
{
	struct run *r = arg;

	if (rc) {
		failed(r, rc, true);
		assert_int_equal(rc, CANDOR_ERROR);
		assert_null(r->a.signals);
		assert_int_equal(r->a.nsignals, 0);
		assert_int_equal(r->a.ncommitments, 0);
	} else {
		/* the same answer as with memory to spare */
		if (!r->want)
			r->want = r->a.nsignals;
		assert_int_equal(r->a.nsignals, r->want);
	}
	candor_analysis_release(&r->a);
}

static void test_oom_analyze(void **state)
{
	struct run r = { .t = CANDOR_TRANSCRIPT_INIT, .err = CANDOR_ERROR_INIT };

	(void)state;
	read_call(&r.t);
	assert_true(oom_walk("analyse a call (features, model scoring)", analyze_op,
			     analyze_after, &r) > 10);
	assert_true(r.want > 0);
	candor_transcript_release(&r.t);
}

static int analyzer_op(void *arg)
{
	struct run *r = arg;
	int rc;

	candor_error_clear(&r->err);
	rc = candor_analyzer_new(&r->az, analyser, &r->err);
	return rc ? rc : candor_analyzer_run(r->az, &r->a, r->t.utts, r->t.nutts, 0, &r->err);
}

static void analyzer_after(void *arg, int rc)
{
	struct run *r = arg;

	if (rc) {
		failed(r, rc, false);
		assert_null(r->a.signals);
	}
	candor_analysis_release(&r->a);
	candor_analyzer_free(r->az);
	r->az = NULL;
}

/* The analysis as JSON: NULL when out of memory, never a part of it. */
static int json_op(void *arg)
{
	struct run *r = arg;

	r->j = candor_analysis_to_json(&r->a, r->t.utts, r->t.nutts);
	return r->j ? 0 : CANDOR_ERROR;
}

static void json_after(void *arg, int rc)
{
	struct run *r = arg;
	char *text;

	if (rc)
		return;
	text = json_dumps(r->j, JSON_SORT_KEYS);
	assert_non_null(text);
	if (!r->whole)
		r->whole = text;
	else {
		assert_string_equal(text, r->whole);
		free(text);
	}
	json_decref(r->j);
	r->j = NULL;
}

static void test_oom_analyzer_and_json(void **state)
{
	struct run r = { .t = CANDOR_TRANSCRIPT_INIT, .err = CANDOR_ERROR_INIT };

	(void)state;
	read_call(&r.t);
	oom_walk("a new analyser and a run of it", analyzer_op, analyzer_after, &r);
	assert_int_equal(candor_analyze(&r.a, analyser, r.t.utts, r.t.nutts, 0, &r.err), 0);
	oom_walk("the analysis as JSON", json_op, json_after, &r);
	free(r.whole);
	candor_analysis_release(&r.a);
	candor_transcript_release(&r.t);
}

static int lexicon_op(void *arg)
{
	struct run *r = arg;

	candor_error_clear(&r->err);
	return candor_lexicon_load(&r->lx, candor_lexicon_default_dir(), &r->err);
}

static void lexicon_after(void *arg, int rc)
{
	struct run *r = arg;

	if (rc) {
		if (oom_at < 0)
			fprintf(stderr, "lexicon: %s\n", r->err.msg);
		failed(r, rc, false);
		assert_null(r->lx);
	}
	candor_lexicon_free(r->lx);
	r->lx = NULL;
}

static void test_oom_lexicon(void **state)
{
	struct run r = { .err = CANDOR_ERROR_INIT };

	(void)state;
	oom_walk("the lexicon", lexicon_op, lexicon_after, &r);
}

static int model_op(void *arg)
{
	struct run *r = arg;

	candor_error_clear(&r->err);
	return candor_signal_model_load(&r->m, r->path, &r->err);
}

static void model_after(void *arg, int rc)
{
	struct run *r = arg;

	if (rc) {
		failed(r, rc, true);
		assert_int_equal(rc, CANDOR_ERROR);
		assert_null(r->m);
	}
	candor_signal_model_free(r->m);
	r->m = NULL;
}

static void test_oom_model(void **state)
{
	char path[4096];
	struct run r = { .err = CANDOR_ERROR_INIT, .path = path };

	(void)state;
	snprintf(path, sizeof(path), "%s/../fuzz/seeds/sigmodel/small.model", CANDOR_TEST_DATA);
	oom_walk("a signal model file", model_op, model_after, &r);
}

static int corpus_op(void *arg)
{
	struct run *r = arg;

	candor_error_clear(&r->err);
	return r->dir ? candor_corpus_read_dir(&r->c, r->path, &r->err)
		      : candor_corpus_read_file(&r->c, r->path, &r->err);
}

static void corpus_after(void *arg, int rc)
{
	struct run *r = arg;

	if (rc) {
		failed(r, rc, false);
		assert_int_equal(rc, CANDOR_ERROR);
		if (!r->dir)  /* a file: the corpus is as it was */
			assert_int_equal(r->c.n, 0);
	} else {
		if (!r->want)
			r->want = candor_corpus_utterances(&r->c);
		assert_int_equal(candor_corpus_utterances(&r->c), r->want);
	}
	candor_corpus_release(&r->c);
}

static void test_oom_corpus(void **state)
{
	char dir[] = "/tmp/candor-text-oom-XXXXXX", a[256], b[256], cmd[1024];
	struct run r = { .err = CANDOR_ERROR_INIT, .path = a };

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(a, sizeof(a), "%s/labelled/train/w1/001-dental-recall-addon.txt",
		 CANDOR_TEST_DATA);
	snprintf(b, sizeof(b), "%s/labelled/train/w1/002-xray-sensor-push.txt", CANDOR_TEST_DATA);
	oom_walk("a labelled call", corpus_op, corpus_after, &r);
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s' '%s'/", a, b, dir);
	assert_int_equal(system(cmd), 0);
	r.dir = true;
	r.path = dir;
	r.want = 0;
	oom_walk("a folder of two labelled calls", corpus_op, corpus_after, &r);
	snprintf(cmd, sizeof(cmd), "rm -r '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static int setup(void **state)
{
	struct candor_error err = CANDOR_ERROR_INIT;

	(void)state;
	if (candor_analyser_load(&analyser, NULL, NULL, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	candor_lexicon_free(analyser);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oom_analyze),
		cmocka_unit_test(test_oom_analyzer_and_json),
		cmocka_unit_test(test_oom_lexicon),
		cmocka_unit_test(test_oom_model),
		cmocka_unit_test(test_oom_corpus),
	};

	oom_install();
	return cmocka_run_group_tests(tests, setup, teardown);
}
