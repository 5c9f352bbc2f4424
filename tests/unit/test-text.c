/*
 * test-text.c: unit tests for src/text: normalisation, lexicon loading,
 * negation and hedges, offsets into the original text, questions, due
 * dates, metrics, JSON and lint positions.
 */
#include "util/common.h"
#include <dirent.h>
#include <unistd.h>
#include "util/date.h"
#include "util/error.h"
#include "text/analyze.h"
#include "text/lexicon.h"
#include "text/lint.h"
#include "text/normalize.h"
#include "text/features.h"
#include "text/sigmodel.h"
#include "text/corpus.h"
#include "text/stack.h"
#include "util/buf.h"
#include "util/utf8.h"

#include <math.h>
#include <setjmp.h>
#include <cmocka.h>

static const char small_lex[] =
	"[negation]\nnot\nnever\n"
	"[hedge]\nmaybe\nmight\n"
	"[rhetorical]\n^who does not\n"
	"[statement]\n^what i\n"
	"[question]\n^do you\n^what is\ni am curious\n"
	"[disclosure]\n@side buyer\n@kind worried\nworried about\n"
	"[price]\n@negatable no\nprice\n"
	"[objection]\n@side buyer\ntoo expensive\n"
	"[toward]\n@side buyer\n@mirror Say what they gain.\nachieve\n"
	"[away]\n@side buyer\n@mirror Say what it prevents.\navoid\n"
	"[commitment]\ni will send\ni will check\n"
	"[pressure]\n@side seller\n@lint yes\n@why Pressure.\n@better Give room.\nact now\n"
	"sign today | Invented urgency. | Say what waiting costs them.\n";

static struct candor_lexicon *lex(void)
{
	struct candor_lexicon *lx = NULL;
	struct candor_error err = CANDOR_ERROR_INIT;

	if (candor_lexicon_from_string(&lx, "test.lex", small_lex, &err))
		fail_msg("%s", err.msg);
	return lx;
}

static void assert_norm(const char *in, const char *want)
{
	struct candor_norm n = CANDOR_NORM_INIT;

	assert_int_equal(candor_norm_text(&n, in, strlen(in)), 0);
	assert_string_equal(n.s, want);
	candor_norm_release(&n);
}

static void test_normalise(void **state)
{
	assert_norm("  I'm   NOT\tworried  ", "i am not worried");
	assert_norm("I\xe2\x80\x99m fine", "i am fine");
	assert_norm("We don\xe2\x80\x99t, can't, won't, cannot", "we do not, can not, will not, can not");
	assert_norm("it's what's let's Dana's", "it is what is let us dana's");
	assert_norm("\xef\xbc\xb0rice caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d", "price cafe \"ok\"");
	assert_norm("a\xc2\xa0\xc2\xa0" "b \xe2\x80\x94 c", "a b - c");
	assert_norm("we're they've I'd you'll", "we are they have i would you will");
	assert_norm("", "");
}

static void test_norm_span(void **state)
{
	struct candor_norm n = CANDOR_NORM_INIT;
	const char *s = "I\xe2\x80\x99m  not ok";
	size_t os, oe;

	assert_int_equal(candor_norm_text(&n, s, strlen(s)), 0);
	assert_string_equal(n.s, "i am not ok");
	candor_norm_span(&n, s, 0, 4, &os, &oe);   /* "i am" */
	assert_int_equal(os, 0);
	assert_int_equal(oe, 5);                   /* I’m: 1 + 3 + 1 */
	candor_norm_span(&n, s, 5, 8, &os, &oe);   /* "not" */
	assert_int_equal(os, 7);
	assert_int_equal(oe, 10);
	candor_norm_release(&n);
}

static void test_lexicon_errors(void **state)
{
	struct candor_lexicon *lx = NULL;
	struct candor_error err = CANDOR_ERROR_INIT;

	assert_int_equal(candor_lexicon_from_string(&lx, "x.lex", "[ok]\nfine\n@colour red\n", &err),
			 CANDOR_EINVALID);
	assert_non_null(strstr(err.msg, "x.lex:3"));
	assert_int_equal(candor_lexicon_from_string(&lx, "y.lex", "phrase first\n", &err),
			 CANDOR_EINVALID);
	assert_non_null(strstr(err.msg, "y.lex:1"));
	assert_int_equal(candor_lexicon_load(&lx, "/nonexistent/dir", &err), CANDOR_ENOTFOUND);
	assert_null(lx);
}

/* Found by fuzz-lexicon: a line that is not UTF-8 is refused by its
 * number, and the message quotes no broken bytes. */
static void test_lexicon_not_utf8(void **state)
{
	struct candor_lexicon *lx = NULL;
	struct candor_error err = CANDOR_ERROR_INIT;

	assert_int_equal(candor_lexicon_from_string(&lx, "u.lex", "[price]\ntoo dear\ncaf\xe9\n",
						    &err), CANDOR_EINVALID);
	assert_null(lx);
	assert_non_null(strstr(err.msg, "u.lex:3"));
	assert_true(candor_utf8_valid(err.msg, strlen(err.msg)));
	assert_int_equal(candor_lexicon_from_string(&lx, "v.lex", "\xfe~ before any section\n",
						    &err), CANDOR_EINVALID);
	assert_non_null(strstr(err.msg, "v.lex:1"));
	assert_true(candor_utf8_valid(err.msg, strlen(err.msg)));
}

/* Found by fuzz-sigmodel: a 40-byte file that said "features 40000000"
 * made the loader allocate 2.7 GB before reading a row. */
static void test_model_feature_count(void **state)
{
	static const char *const files[] = {
		"candor-signals 1\nfeatures 40000000\n",
		"candor-signals 1\nfeatures 2\n00000000000000a1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n",
		"candor-signals 1\nfeatures 1x\n00000000000000a1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n",
	};
	struct candor_signal_model *m = NULL;
	struct candor_error err = CANDOR_ERROR_INIT;
	char path[] = "/tmp/candor-model-XXXXXX", want[64];

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(files); i++) {
		int fd = mkstemp(path);

		assert_true(fd >= 0);
		assert_int_equal(write(fd, files[i], strlen(files[i])), (ssize_t)strlen(files[i]));
		close(fd);
		assert_int_equal(candor_signal_model_load(&m, path, &err), CANDOR_EINVALID);
		assert_null(m);
		snprintf(want, sizeof(want), "%s:2: bad feature count", path);
		assert_non_null(strstr(err.msg, want));
		unlink(path);
		memcpy(path + strlen(path) - 6, "XXXXXX", 6);
	}
}

/* Found by fuzz-sigmodel: a category given twice and another not at all
 * loaded, with the missing one's parameters left unset. */
static void test_model_category_twice(void **state)
{
	struct candor_signal_model *m = NULL;
	struct candor_error err = CANDOR_ERROR_INIT;
	struct candor_buf b = CANDOR_BUF_INIT, text = CANDOR_BUF_INIT;
	char path[] = "/tmp/candor-model-XXXXXX";
	const char *p, *social;
	int fd;

	assert_int_equal(candor_buf_read_file(&b, CANDOR_TEST_DATA "/../../model/signals.model",
					      &err), 0);
	/* the "stall" line becomes a second "social" line */
	social = strstr(b.ptr, "category social ");
	p = strstr(b.ptr, "category stall ");
	assert_non_null(social);
	assert_non_null(p);
	candor_buf_add(&text, b.ptr, (size_t)(p - b.ptr));
	candor_buf_add(&text, social, (size_t)(strchr(social, '\n') + 1 - social));
	candor_buf_adds(&text, strchr(p, '\n') + 1);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text.ptr, text.len), (ssize_t)text.len);
	close(fd);
	assert_int_equal(candor_signal_model_load(&m, path, &err), CANDOR_EINVALID);
	assert_null(m);
	assert_non_null(strstr(err.msg, "a category given twice"));
	unlink(path);
	candor_buf_release(&b);
	candor_buf_release(&text);
}

/* A labelled call in a temporary file; the caller unlinks path. */
static int corpus_from(struct candor_corpus *c, char *path, const char *text,
		       struct candor_error *err)
{
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return candor_corpus_read_file(c, path, err);
}

/* Found by fuzz-corpus: a bad "# call:" date gave a garbled message (it was
 * formatted into itself), and bytes that are not UTF-8 were read as text. */
static void test_corpus_errors(void **state)
{
	struct candor_corpus c = CANDOR_CORPUS_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;
	char path[] = "/tmp/candor-corpus-XXXXXX", want[256];

	assert_int_equal(corpus_from(&c, path, "# call: 2026-02-30\nbuyer|A|x|-\n", &err),
			 CANDOR_EINVALID);
	snprintf(want, sizeof(want), "%s:1: call: '2026-02-30' is not a date "
		 "(use YYYY-MM-DD or YYYY-MM-DDTHH:MM)", path);
	assert_string_equal(err.msg, want);
	assert_string_equal(err.field, "call");
	unlink(path);
	memcpy(path + strlen(path) - 6, "XXXXXX", 6);
	assert_int_equal(corpus_from(&c, path, "seller|Jo|Hi|-\nbuyer|A|caf\xe9|price\n", &err),
			 CANDOR_EINVALID);
	assert_int_equal(c.n, 0);
	snprintf(want, sizeof(want), "%s:2:", path);
	assert_non_null(strstr(err.msg, want));
	assert_true(candor_utf8_valid(err.msg, strlen(err.msg)));
	unlink(path);
	/* a long "# labels:" line was cut at 63 bytes (found by fuzz-corpus) */
	memcpy(path + strlen(path) - 6, "XXXXXX", 6);
	assert_int_equal(corpus_from(&c, path, "# labels: social,stall,candor,disclosure,toward,"
				     "away,options,procedures,objection,question\nbuyer|A|x|-\n",
				     &err), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.calls[0].labelled & (1u << candor_signal_category("question")),
			 1u << candor_signal_category("question"));
	unlink(path);
	candor_corpus_release(&c);
}

static void set_utt(struct candor_utterance *u, size_t i, enum candor_side side,
		    const char *text, double start, double end)
{
	u->index = i;
	u->speaker = (char *)(side == CANDOR_SIDE_BUYER ? "Dana Reyes" : "Sam Seller");
	u->side = side;
	u->text = (char *)text;
	u->start = start;
	u->end = end;
	u->line = i + 1;
}

/* The categories found in one utterance, comma-joined, into buf. */
static const char *cats_of(const struct candor_analysis *a, size_t ui, char *buf, size_t n)
{
	size_t l = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < a->nsignals; i++)
		if (a->signals[i].utterance == ui)
			l += (size_t)snprintf(buf + l, n - l, "%s%s", l ? "," : "",
					      a->signals[i].category);
	return buf;
}

static void analyse_one(struct candor_lexicon *lx, enum candor_side side,
			const char *text, const char *want)
{
	struct candor_utterance u;
	struct candor_analysis a;
	struct candor_error err = CANDOR_ERROR_INIT;
	char buf[256];

	set_utt(&u, 0, side, text, -1, -1);
	assert_int_equal(candor_analyze(&a, lx, &u, 1, 0, &err), 0);
	assert_string_equal(cats_of(&a, 0, buf, sizeof(buf)), want);
	candor_analysis_release(&a);
}

/* The compiled lexicon is cached: a second load reads it, and finds the same. */
static void test_lexicon_cache(void **state)
{
	char dir[] = "/tmp/candor-cache-XXXXXX", path[300];
	struct candor_lexicon *a = NULL, *b = NULL;
	struct candor_error err = CANDOR_ERROR_INIT;
	const char *text = "Let me think about it. Can I be honest with you?";
	DIR *d;
	struct dirent *e;
	int files = 0;

	assert_non_null(mkdtemp(dir));
	setenv("XDG_CACHE_HOME", dir, 1);
	unsetenv("CANDOR_NO_CACHE");
	assert_int_equal(candor_lexicon_load(&a, candor_lexicon_default_dir(), &err), 0);
	snprintf(path, sizeof(path), "%s/candor", dir);
	assert_non_null(d = opendir(path));
	while ((e = readdir(d)))
		files += strstr(e->d_name, ".hsdb") != NULL;
	closedir(d);
	assert_int_equal(files, 1);
	assert_int_equal(candor_lexicon_load(&b, candor_lexicon_default_dir(), &err), 0);
	analyse_one(a, CANDOR_SIDE_BUYER, text, "stall,question,candor");
	analyse_one(b, CANDOR_SIDE_BUYER, text, "stall,question,candor");
	candor_lexicon_free(a);
	candor_lexicon_free(b);
	unsetenv("XDG_CACHE_HOME");
}

static void test_negation_hedge(void **state)
{
	struct candor_lexicon *lx = lex();

	analyse_one(lx, CANDOR_SIDE_BUYER, "I'm not worried about price", "price");
	analyse_one(lx, CANDOR_SIDE_BUYER, "I\xe2\x80\x99m worried about price", "disclosure,price");
	analyse_one(lx, CANDOR_SIDE_BUYER, "Not me, but I'm worried about it", "disclosure");
	analyse_one(lx, CANDOR_SIDE_BUYER, "I never said it was too expensive", "");
	analyse_one(lx, CANDOR_SIDE_SELLER, "I'm worried about price", "price");
	analyse_one(lx, CANDOR_SIDE_SELLER, "I will send it", "commitment");
	analyse_one(lx, CANDOR_SIDE_SELLER, "Maybe I will send it", "");
	analyse_one(lx, CANDOR_SIDE_SELLER, "Maybe. I will send it", "commitment");
	candor_lexicon_free(lx);
}

static void test_questions(void **state)
{
	struct candor_lexicon *lx = lex();

	analyse_one(lx, CANDOR_SIDE_SELLER, "So do you use a CRM today", "question");
	analyse_one(lx, CANDOR_SIDE_SELLER, "Okay, what is the price", "question,price");
	analyse_one(lx, CANDOR_SIDE_SELLER, "I'm curious how you decide.", "question");
	analyse_one(lx, CANDOR_SIDE_SELLER, "Who doesn't want that?", "");
	analyse_one(lx, CANDOR_SIDE_BUYER, "What I want is speed.", "");
	analyse_one(lx, CANDOR_SIDE_BUYER, "What I want is speed, you know?", "question");
	analyse_one(lx, CANDOR_SIDE_SELLER, "Great. Anything else?", "question");
	analyse_one(lx, CANDOR_SIDE_SELLER, "I know what is next.", "");
	candor_lexicon_free(lx);
}

static void test_offsets(void **state)
{
	struct candor_lexicon *lx = lex();
	/* "Café — honestly, it’s TOO  expensive": é and — and ’ are multi-byte */
	const char *t = "Caf\xc3\xa9 \xe2\x80\x94 it\xe2\x80\x99s TOO  expensive.";
	struct candor_utterance u;
	struct candor_analysis a;
	struct candor_error err = CANDOR_ERROR_INIT;

	set_utt(&u, 0, CANDOR_SIDE_BUYER, t, -1, -1);
	assert_int_equal(candor_analyze(&a, lx, &u, 1, 0, &err), 0);
	assert_int_equal(a.nsignals, 1);
	assert_string_equal(a.signals[0].category, "objection");
	assert_string_equal(a.signals[0].text, "TOO  expensive");
	assert_int_equal(a.signals[0].start, 17);
	assert_int_equal(a.signals[0].end, 31);
	assert_int_equal(a.signals[0].cstart, 12);
	assert_int_equal(a.signals[0].cend, 26);
	assert_int_equal(a.nfacts, 1);
	assert_string_equal(a.facts[0].kind, "objection");
	assert_string_equal(a.facts[0].text, t);
	candor_analysis_release(&a);

	t = "Well, I\xe2\x80\x99m worried about it.";
	set_utt(&u, 0, CANDOR_SIDE_BUYER, t, -1, -1);
	assert_int_equal(candor_analyze(&a, lx, &u, 1, 0, &err), 0);
	assert_int_equal(a.nsignals, 1);
	assert_string_equal(a.signals[0].text, "worried about");
	assert_int_equal(a.signals[0].cstart, 10);
	assert_int_equal(a.nfacts, 1);
	assert_string_equal(a.facts[0].kind, "worried");
	candor_analysis_release(&a);
	candor_lexicon_free(lx);
}

static void assert_due(struct candor_lexicon *lx, const char *text, const char *want)
{
	struct candor_utterance u;
	struct candor_analysis a;
	struct candor_error err = CANDOR_ERROR_INIT;
	int64_t call;
	char got[CANDOR_DATE_MAX] = "none";

	assert_int_equal(candor_date_parse(&call, "2026-11-18T15:30", NULL, &err), 0);
	set_utt(&u, 0, CANDOR_SIDE_SELLER, text, -1, -1);
	assert_int_equal(candor_analyze(&a, lx, &u, 1, call, &err), 0);
	assert_int_equal(a.ncommitments, 1);
	if (a.commitments[0].due)
		candor_date_format(got, sizeof(got), a.commitments[0].due);
	if (strcmp(got, want))
		fail_msg("'%s': due %s, want %s", text, got, want);
	candor_analysis_release(&a);
}

static void test_commitment_dates(void **state)
{
	struct candor_lexicon *lx = lex();

	/* The call is on Wednesday 2026-11-18. */
	assert_due(lx, "I'll send you the case study by Friday.", "2026-11-20");
	assert_due(lx, "I will send it tomorrow", "2026-11-19");
	assert_due(lx, "On Monday I\xe2\x80\x99ll send the deck", "2026-11-23");
	assert_due(lx, "I'll send it by Wednesday", "2026-11-25");
	assert_due(lx, "I will send it next Friday", "2026-11-27");
	assert_due(lx, "I'll send it next week", "2026-11-27");
	assert_due(lx, "I will send it early next week", "2026-11-23");
	assert_due(lx, "I'll send it by the end of the week", "2026-11-20");
	assert_due(lx, "I'll send it by end of the month", "2026-11-30");
	assert_due(lx, "I'll send it end of next month", "2026-12-31");
	assert_due(lx, "I'll send it by December 3", "2026-12-03");
	assert_due(lx, "I'll send it by the 3rd of March", "2027-03-03");
	assert_due(lx, "I'll send it by 2027-01-15", "2027-01-15");
	assert_due(lx, "I'll send it in two weeks", "2026-12-02");
	assert_due(lx, "I'll send it in a couple of days", "2026-11-20");
	assert_due(lx, "I'll send it by 12/1", "2026-12-01");
	assert_due(lx, "I'll send it today", "2026-11-18");
	assert_due(lx, "I'll send it", "none");
	candor_lexicon_free(lx);
}

static void test_commitment_sides(void **state)
{
	struct candor_lexicon *lx = lex();
	struct candor_utterance u[3];
	struct candor_analysis a;
	struct candor_error err = CANDOR_ERROR_INIT;

	set_utt(&u[0], 0, CANDOR_SIDE_SELLER, "I'll send the case study by Friday.", -1, -1);
	set_utt(&u[1], 1, CANDOR_SIDE_BUYER, "Good. I'll check with legal on Monday.", -1, -1);
	set_utt(&u[2], 2, CANDOR_SIDE_SELLER, "I might send a quote too.", -1, -1);
	assert_int_equal(candor_analyze(&a, lx, u, 3, 1794960000 /* 2026-11-18 */, &err), 0);
	assert_int_equal(a.ncommitments, 2);
	assert_int_equal(a.commitments[0].side, CANDOR_SIDE_SELLER);
	assert_string_equal(a.commitments[0].text, "I'll send the case study by Friday.");
	assert_string_equal(a.commitments[0].words, "I'll send");
	assert_string_equal(a.commitments[0].due_words, "Friday");
	assert_int_equal(a.commitments[1].side, CANDOR_SIDE_BUYER);
	assert_string_equal(a.commitments[1].text, "I'll check with legal on Monday.");
	assert_int_equal(a.commitments[1].due, 1794960000 + 5 * 86400);
	candor_analysis_release(&a);
	candor_lexicon_free(lx);
}

static void test_metrics(void **state)
{
	struct candor_lexicon *lx = lex();
	struct candor_utterance u[5];
	struct candor_analysis a;
	struct candor_error err = CANDOR_ERROR_INIT;
	const struct candor_metrics *m = &a.metrics;

	set_utt(&u[0], 0, CANDOR_SIDE_SELLER, "Hi there. Do you have a minute", 0, 10);
	set_utt(&u[1], 1, CANDOR_SIDE_BUYER, "Yes I do", 12, 14);
	set_utt(&u[2], 2, CANDOR_SIDE_SELLER, "Great one two three", 14, 20);
	set_utt(&u[3], 3, CANDOR_SIDE_SELLER, "four five", 20, 30);
	set_utt(&u[4], 4, CANDOR_SIDE_BUYER, "ok", 33, 60);
	assert_int_equal(candor_analyze(&a, lx, u, 5, 0, &err), 0);
	assert_true(m->timed);
	assert_int_equal(m->seller.words, 13);
	assert_int_equal(m->buyer.words, 4);
	assert_float_equal(m->seller.word_share, 13.0 / 17.0, 1e-9);
	assert_float_equal(m->seller.seconds, 26, 1e-9);
	assert_float_equal(m->buyer.seconds, 29, 1e-9);
	assert_float_equal(m->buyer.time_share, 29.0 / 55.0, 1e-9);
	assert_int_equal(m->seller.questions, 1);
	assert_int_equal(m->seller.longest_words, 7);
	assert_float_equal(m->seller.longest_seconds, 16, 1e-9);
	assert_int_equal(m->switches, 3);
	assert_float_equal(m->duration, 60, 1e-9);
	assert_float_equal(m->switches_per_minute, 3, 1e-9);
	assert_int_equal(m->answers, 1);
	assert_float_equal(m->patience, 0, 1e-9);
	candor_analysis_release(&a);

	u[1].start = -1;
	assert_int_equal(candor_analyze(&a, lx, u, 5, 0, &err), 0);
	assert_false(m->timed);
	assert_float_equal(m->seller.time_share, -1, 1e-9);
	assert_float_equal(m->patience, -1, 1e-9);
	candor_analysis_release(&a);
	candor_lexicon_free(lx);
}

static void test_profile(void **state)
{
	struct candor_lexicon *lx = lex();
	struct candor_utterance u[2];
	struct candor_analysis a;
	struct candor_error err = CANDOR_ERROR_INIT;

	set_utt(&u[0], 0, CANDOR_SIDE_BUYER, "We want to avoid outages and avoid churn.", -1, -1);
	set_utt(&u[1], 1, CANDOR_SIDE_SELLER, "You will achieve a lot.", -1, -1);
	assert_int_equal(candor_analyze(&a, lx, u, 2, 0, &err), 0);
	assert_int_equal(a.profile.away, 2);
	assert_int_equal(a.profile.toward, 0);
	assert_string_equal(candor_profile_direction(&a.profile), "away");
	assert_string_equal(candor_profile_style(&a.profile), "unknown");
	assert_int_equal(a.profile.nevidence, 2);
	candor_analysis_release(&a);
	candor_lexicon_free(lx);
}

static void test_json(void **state)
{
	struct candor_lexicon *lx = lex();
	struct candor_utterance u[2];
	struct candor_analysis a;
	struct candor_error err = CANDOR_ERROR_INIT;
	json_t *j, *sig;
	char *s;

	set_utt(&u[0], 0, CANDOR_SIDE_BUYER, "\xc3\x89h, it\xe2\x80\x99s too expensive", 12.5, 15);
	set_utt(&u[1], 1, CANDOR_SIDE_SELLER, "I'll send a quote by Friday", 15.5, 18);
	assert_int_equal(candor_analyze(&a, lx, u, 2, 1794960000, &err), 0);
	assert_non_null(j = candor_analysis_to_json(&a, u, 2));
	sig = json_object_get(json_array_get(json_object_get(j, "utterances"), 0), "signals");
	assert_int_equal(json_array_size(sig), 1);
	s = json_dumps(json_array_get(sig, 0), JSON_SORT_KEYS | JSON_COMPACT);
	assert_string_equal(s, "{\"category\":\"objection\",\"confidence\":1.0,\"end\":22,\"start\":9,\"text\":\"too expensive\"}");
	free(s);
	s = json_dumps(json_object_get(json_array_get(json_object_get(j, "commitments"), 0), "due"),
		       JSON_ENCODE_ANY);
	assert_string_equal(s, "\"2026-11-20\"");
	free(s);
	assert_non_null(json_object_get(j, "metrics"));
	assert_non_null(json_object_get(j, "facts"));
	assert_non_null(json_object_get(j, "profile"));
	assert_float_equal(json_real_value(json_object_get(json_array_get(json_object_get(j, "utterances"), 0), "start")), 12.5, 1e-9);
	json_decref(j);
	candor_analysis_release(&a);
	candor_lexicon_free(lx);
}

/* Stream the analysis of u[0..n) and check it against the tree: parsed
 * back, the two must be json_equal, and the text must be compact and end
 * without a newline. */
static void assert_stream_equals_tree(struct candor_lexicon *lx,
				      const struct candor_utterance *u, size_t n,
				      int64_t when)
{
	struct candor_analysis a;
	struct candor_error err = CANDOR_ERROR_INIT;
	json_error_t jerr;
	json_t *tree, *back;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	assert_int_equal(candor_analyze(&a, lx, u, n, when, &err), 0);
	assert_non_null(tree = candor_analysis_to_json(&a, u, n));
	assert_non_null(f = open_memstream(&buf, &len));
	assert_int_equal(candor_analysis_write_json(f, &a, u, n), 0);
	assert_int_equal(fclose(f), 0);
	back = json_loadb(buf, len, 0, &jerr);
	if (!back)
		fail_msg("streamed JSON does not parse: %s at %d: %.200s", jerr.text,
			 jerr.position, buf);
	assert_true(json_equal(tree, back));
	json_decref(back);
	json_decref(tree);
	free(buf);
	candor_analysis_release(&a);
}

static void test_json_stream(void **state)
{
	struct candor_lexicon *lx = NULL;
	struct candor_error err = CANDOR_ERROR_INIT;
	struct candor_utterance u[6];

	if (candor_lexicon_load(&lx, candor_lexicon_default_dir(), &err))
		fail_msg("%s", err.msg);
	/* Quotes, backslashes, control characters, multi-byte text. */
	set_utt(&u[0], 0, CANDOR_SIDE_BUYER,
		"She said \"it's too expensive\" \\ twice.\x01\x1f\t\r\n\b\f \x7f "
		"Caf\xc3\xa9 \xe2\x80\x9cquote\xe2\x80\x9d \xf0\x9f\x98\x80 and I'm worried about price",
		0.1, 7.018);
	set_utt(&u[1], 1, CANDOR_SIDE_SELLER, "I'll send the \"contract\" by Friday. Ready to sign?",
		7.5, 3725.123456789);
	set_utt(&u[2], 2, CANDOR_SIDE_BUYER, "Let me think about it / maybe next quarter.",
		3726, 3730.25);
	set_utt(&u[3], 3, CANDOR_SIDE_BUYER, "The goal is to grow. We lost two customers.",
		3731, 3732);
	set_utt(&u[4], 4, CANDOR_SIDE_SELLER, "", 3733, 3733);
	set_utt(&u[5], 5, CANDOR_SIDE_BUYER, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e, fine thanks",
		1e-7, 1.0 / 3.0);
	assert_stream_equals_tree(lx, u, 6, 1794960000);
	/* Untimed: null times and shares. */
	for (size_t i = 0; i < 6; i++)
		u[i].start = u[i].end = -1;
	assert_stream_equals_tree(lx, u, 6, 0);
	assert_stream_equals_tree(lx, u, 1, 0);
	assert_stream_equals_tree(lx, u, 0, 0);
	candor_lexicon_free(lx);
}

static void test_json_stream_invalid(void **state)
{
	struct candor_lexicon *lx = lex();
	struct candor_utterance u;
	struct candor_analysis a;
	struct candor_error err = CANDOR_ERROR_INIT;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	set_utt(&u, 0, CANDOR_SIDE_BUYER, "bad \xff byte", -1, -1);
	assert_int_equal(candor_analyze(&a, lx, &u, 1, 0, &err), 0);
	assert_null(candor_analysis_to_json(&a, &u, 1));
	assert_non_null(f = open_memstream(&buf, &len));
	assert_int_equal(candor_analysis_write_json(f, &a, &u, 1), CANDOR_EINVALID);
	fclose(f);
	free(buf);
	candor_analysis_release(&a);
	candor_lexicon_free(lx);
}

/* "(a|b)" groups expand to every phrase; "!" exceptions cancel overlapping
 * hits of their own category. */
static void test_lexicon_groups(void **state)
{
	static const char text[] =
		"[toward]\n@side buyer\nget ahead\n!get ahead of ourselves\n"
		"(hit|beat) (our |the |)(target|number)\n"
		"[rhetorical]\nhow (is|was) your (week|day)$\n"
		"[stall]\n@side buyer\nnot there yet | A deferral. | Ask what is missing.\n";
	struct candor_lexicon *lx = NULL;
	struct candor_error err = CANDOR_ERROR_INIT;

	if (candor_lexicon_from_string(&lx, "g.lex", text, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(candor_lexicon_nphrases(lx), 2 + 2 * 3 * 2 + 4 + 1);
	assert_string_equal(candor_lexicon_why(lx, candor_lexicon_nphrases(lx) - 1), "A deferral.");
	analyse_one(lx, CANDOR_SIDE_BUYER, "We want to get ahead of the market.", "toward");
	analyse_one(lx, CANDOR_SIDE_BUYER, "Let's not get ahead of ourselves.", "");
	analyse_one(lx, CANDOR_SIDE_BUYER, "We beat the number and hit target.", "toward,toward");
	analyse_one(lx, CANDOR_SIDE_SELLER, "How was your day?", "");
	analyse_one(lx, CANDOR_SIDE_SELLER, "How was your day with them, then?", "question");
	candor_lexicon_free(lx);
	assert_int_equal(candor_lexicon_from_string(&lx, "h.lex", "[x]\na (b|c\n", &err),
			 CANDOR_EINVALID);
	assert_int_equal(candor_lexicon_from_string(&lx, "h.lex", "[x]\na (b|(c))\n", &err),
			 CANDOR_EINVALID);
}

static void test_lint(void **state)
{
	struct candor_lexicon *lx = lex();
	struct candor_lint_result r;
	struct candor_error err = CANDOR_ERROR_INIT;
	struct candor_profile p = { 0 };
	const char *draft = "Hi Dana,\n\xc3\x89t\xc3\xa9 is over, act now!\nSign today and achieve more.";

	assert_int_equal(candor_lint(&r, lx, draft, strlen(draft), NULL, &err), 0);
	assert_int_equal(r.nfindings, 2);
	assert_string_equal(r.findings[0].category, "pressure");
	assert_string_equal(r.findings[0].words, "act now");
	assert_int_equal(r.findings[0].line, 2);
	assert_int_equal(r.findings[0].column, 14);
	assert_string_equal(r.findings[0].why, "Pressure.");
	assert_string_equal(r.findings[0].better, "Give room.");
	assert_int_equal(r.findings[1].line, 3);
	assert_int_equal(r.findings[1].column, 1);
	assert_string_equal(r.findings[1].better, "Say what waiting costs them.");
	candor_lint_release(&r);

	p.away = 3;
	assert_int_equal(candor_lint(&r, lx, draft, strlen(draft), &p, &err), 0);
	assert_int_equal(r.nfindings, 3);
	assert_string_equal(r.findings[2].category, "mirror");
	assert_string_equal(r.findings[2].words, "achieve");
	assert_int_equal(r.findings[2].column, 16);
	assert_string_equal(r.findings[2].better, "Say what it prevents.");
	candor_lint_release(&r);
	candor_lexicon_free(lx);
}

static void test_default_lexicon(void **state)
{
	struct candor_lexicon *lx = NULL;
	struct candor_error err = CANDOR_ERROR_INIT;

	if (candor_lexicon_load(&lx, candor_lexicon_default_dir(), &err))
		fail_msg("%s", err.msg);
	analyse_one(lx, CANDOR_SIDE_BUYER, "Why don\xe2\x80\x99t you just email me something",
		    "stall");
	analyse_one(lx, CANDOR_SIDE_BUYER, "Fine, thanks. Honestly, our reporting is killing us.",
		    "social,candor,disclosure");
	candor_lexicon_free(lx);
}

/* Random bytes (a fixed seed): no crash, offsets inside the text, on
 * character boundaries, and the signal text equal to the bytes it covers. */
static void test_garbage(void **state)
{
	static const char alphabet[] = "ab I'm not \xe2\x80\x99\xc3\xa9?.,\t\xff\x80 worried about price";
	struct candor_lexicon *lx = lex();
	struct candor_utterance u;
	struct candor_analysis a;
	struct candor_error err = CANDOR_ERROR_INIT;
	char text[200];
	unsigned x = 12345;

	for (int round = 0; round < 2000; round++) {
		size_t n = (size_t)(round % 199);

		for (size_t i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			text[i] = alphabet[(x >> 16) % (sizeof(alphabet) - 1)];
		}
		text[n] = '\0';
		set_utt(&u, 0, CANDOR_SIDE_BUYER, text, -1, -1);
		assert_int_equal(candor_analyze(&a, lx, &u, 1, 1794960000, &err), 0);
		for (size_t i = 0; i < a.nsignals; i++) {
			assert_true(a.signals[i].start <= a.signals[i].end);
			assert_true(a.signals[i].end <= n);
			assert_true(a.signals[i].cstart <= a.signals[i].cend);
			assert_memory_equal(a.signals[i].text, text + a.signals[i].start,
					    a.signals[i].end - a.signals[i].start);
		}
		candor_analysis_release(&a);
	}
	candor_lexicon_free(lx);
}

/* The model's probability of category cat for the buyer's answer to a
 * seller's question. */
static double buyer_prob(const struct candor_lexicon *mx, const char *answer, const char *cat)
{
	struct candor_utterance u[2] = {
		{ 0, (char *)"Sam", CANDOR_SIDE_SELLER, -1, -1,
		  (char *)"How do you feel about the budget?", 1 },
		{ 1, (char *)"Dana", CANDOR_SIDE_BUYER, -1, -1, (char *)answer, 2 },
	};
	struct candor_utt_feats f[2];
	struct candor_featurizer *fz = NULL;
	double prob[CANDOR_NCATS];

	memset(f, 0, sizeof(f));
	assert_int_equal(candor_featurizer_new(&fz, mx), 0);
	assert_int_equal(candor_featurize(fz, u, 2, f, NULL), 0);
	candor_signal_model_score(candor_lexicon_model(mx), &f[1], CANDOR_SIDE_BUYER, prob);
	candor_utt_feats_release(&f[0]);
	candor_utt_feats_release(&f[1]);
	candor_featurizer_free(fz);
	return prob[candor_signal_category(cat)];
}

/* Negation, as the model learned it: "not worried" is less of a disclosure
 * than "worried". */
static void test_model_negation(void **state)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	struct candor_lexicon *mx = NULL;

	assert_int_equal(candor_analyser_load(&mx, NULL, NULL, &err), 0);
	assert_true(buyer_prob(mx, "I'm worried about the price.", "disclosure") >
		    2 * buyer_prob(mx, "I'm not worried about the price.", "disclosure"));
	candor_lexicon_free(mx);
}

/* The second stage's columns (text/stack.h): a seller, a buyer, the seller again. */
static void test_stack_columns(void **state)
{
	struct candor_stack_turn t[3] = {
		{ .side = CANDOR_SIDE_SELLER, .speaker = "Sam" },
		{ .side = CANDOR_SIDE_BUYER, .speaker = "Dana" },
		{ .side = CANDOR_SIDE_SELLER, .speaker = "Sam" },
	};
	static float out[3 * CANDOR_STACK_DIM];
	const float *d0 = out, *d1 = out + CANDOR_STACK_DIM, *d2 = out + 2 * CANDOR_STACK_DIM;
	const int last = CANDOR_NCATS - 1;

	(void)state;
	for (int i = 0; i < 3; i++)
		for (int c = 0; c < CANDOR_NCATS; c++)
			t[i].logit[c] = -2;
	t[0].logit[0] = 3;
	t[1].logit[last] = 20;
	t[2].logit[0] = -1;
	for (size_t k = 0; k < sizeof(out) / sizeof(*out); k++)
		out[k] = 7;   /* zeroed by the builder first */
	candor_stack_columns(t, 3, out);
#define COL(d, block, c) (d)[(block) * CANDOR_NCATS + (c)]
	/* the turn's own probability and its log-odds, a quarter, within +-4 */
	assert_float_equal(COL(d0, CANDOR_STACK_SELF, 0), 1 / (1 + exp(-3.0)), 1e-6);
	assert_float_equal(COL(d0, CANDOR_STACK_SELF_LOGIT, 0), 0.75, 1e-6);
	assert_float_equal(COL(d1, CANDOR_STACK_SELF_LOGIT, last), 4, 1e-6);
	/* neighbours: none before the first, none after the last */
	assert_float_equal(COL(d0, CANDOR_STACK_PREV, 0), 0, 0);
	assert_float_equal(COL(d0, CANDOR_STACK_NEXT, last), COL(d1, CANDOR_STACK_SELF, last), 0);
	assert_float_equal(COL(d2, CANDOR_STACK_PREV, last), COL(d1, CANDOR_STACK_SELF, last), 0);
	assert_float_equal(COL(d2, CANDOR_STACK_NEXT, 0), 0, 0);
	assert_float_equal(COL(d2, CANDOR_STACK_PREV2, 0), COL(d0, CANDOR_STACK_SELF, 0), 0);
	assert_float_equal(COL(d1, CANDOR_STACK_PREV2, 0), 0, 0);
	/* the same speaker's previous turn: Sam's first, for his second */
	assert_float_equal(COL(d2, CANDOR_STACK_SPEAKER, 0), COL(d0, CANDOR_STACK_SELF, 0), 0);
	assert_float_equal(COL(d1, CANDOR_STACK_SPEAKER, 0), 0, 0);
	/* the call's highest on a side leaves the turn's own out */
	assert_float_equal(COL(d0, CANDOR_STACK_SELLERS, 0), COL(d2, CANDOR_STACK_SELF, 0), 0);
	assert_float_equal(COL(d2, CANDOR_STACK_SELLERS, 0), COL(d0, CANDOR_STACK_SELF, 0), 0);
	assert_float_equal(COL(d1, CANDOR_STACK_SELLERS, 0), COL(d0, CANDOR_STACK_SELF, 0), 0);
	assert_float_equal(COL(d1, CANDOR_STACK_BUYERS, last), 0, 0);
	assert_float_equal(COL(d0, CANDOR_STACK_BUYERS, last), COL(d1, CANDOR_STACK_SELF, last), 0);
#undef COL
	/* the place: first, last, the turn before and after of the same side */
	assert_float_equal(d0[CANDOR_STACK_FIRST], 1, 0);
	assert_float_equal(d0[CANDOR_STACK_FIRST + 1], 0, 0);
	assert_float_equal(d2[CANDOR_STACK_FIRST + 1], 1, 0);
	assert_float_equal(d1[CANDOR_STACK_FIRST + 2], 0, 0);
	assert_float_equal(d1[CANDOR_STACK_FIRST], 0, 0);
	/* one utterance alone: its own scores, no neighbours */
	candor_stack_columns(t, 1, out);
	assert_float_equal(out[CANDOR_STACK_NEXT * CANDOR_NCATS + last], 0, 0);
	assert_float_equal(out[CANDOR_STACK_FIRST], 1, 0);
	assert_float_equal(out[CANDOR_STACK_FIRST + 1], 1, 0);
	assert_float_equal(out[CANDOR_STACK_SELLERS * CANDOR_NCATS], 0, 0);
}

/* A model file of text (written to a temporary file): loads, or the error. */
static int model_from(struct candor_signal_model **m, const char *text, struct candor_error *err)
{
	char path[] = "/tmp/candor-model-XXXXXX";
	int fd = mkstemp(path), rc;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	rc = candor_signal_model_load(m, path, err);
	unlink(path);
	return rc;
}

/* A second stage decides in the first stage's place (text/stack.h): here
 * "commitment" on the first turn only, which no first stage could tell
 * (there are no features); it survives the file, shows in --explain, and
 * a damaged "second" line is refused with its line. */
static void test_second_stage(void **state)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	struct candor_signal_model *m = NULL, *back = NULL;
	struct candor_second_stage st = { .bias = -10, .threshold = 0.5, .cv_f1 = 0.9 };
	struct candor_cat_params none = { -10, 0.5, 0.8 };
	struct candor_lexicon *lx = lex();
	struct candor_analysis a;
	struct candor_utterance u[3] = {
		{ 0, (char *)"Sam", CANDOR_SIDE_SELLER, -1, -1, (char *)"Hello there.", 1 },
		{ 1, (char *)"Dana", CANDOR_SIDE_BUYER, -1, -1, (char *)"Hello there.", 2 },
		{ 2, (char *)"Sam", CANDOR_SIDE_SELLER, -1, -1, (char *)"Hello there.", 3 },
	};
	const int commit = candor_signal_category("commitment");
	struct candor_buf text = CANDOR_BUF_INIT;
	char path[] = "/tmp/candor-model-XXXXXX", **why = NULL;
	const char *line;
	int fd;

	(void)state;
	assert_int_equal(candor_signal_model_new(&m, 0), 0);
	for (int c = 0; c < CANDOR_NCATS; c++)
		candor_signal_model_set_params(m, c, &none);
	st.w[CANDOR_STACK_FIRST] = 20;   /* no turn before */
	assert_int_equal(candor_signal_model_set_second(m, commit, &st), 0);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(candor_signal_model_write(m, path, &err), 0);
	candor_signal_model_free(m);
	assert_int_equal(candor_signal_model_load(&back, path, &err), 0);
	assert_non_null(candor_signal_model_second(back, commit));
	assert_null(candor_signal_model_second(back, 0));
	assert_float_equal(candor_signal_model_second(back, commit)->w[CANDOR_STACK_FIRST], 20, 0);
	candor_lexicon_set_model(lx, back);
	assert_int_equal(candor_analyze(&a, lx, u, 3, 1794960000, &err), 0);
	assert_int_equal(a.nsignals, 1);
	assert_int_equal(a.signals[0].utterance, 0);
	assert_string_equal(a.signals[0].category, "commitment");
	assert_true(a.signals[0].confidence > 0.99);
	candor_analysis_release(&a);
	assert_int_equal(candor_analysis_explain(&why, lx, u, 3, 5, &err), 0);
	assert_non_null(strstr(why[0], "commitment: probability 1.00, found from 0.50"));
	assert_non_null(strstr(why[0], "the second stage decides"));
	assert_non_null(strstr(why[0], "+20.00  no turn before"));
	assert_null(strstr(why[1], "commitment:"));  /* far from found: not shown */
	for (int i = 0; i < 3; i++)
		free(why[i]);
	free(why);
	candor_lexicon_free(lx);

	/* the file as written, then damaged */
	assert_int_equal(candor_buf_read_file(&text, path, &err), 0);
	unlink(path);
	assert_non_null(strstr(text.ptr, "candor-signals 2\n"));
	line = strstr(text.ptr, "second commitment bias -10 threshold 0.5000 cv 0.9000");
	assert_non_null(line);
	{
		struct candor_buf bad = CANDOR_BUF_INIT;
		size_t lno = 1;

		for (const char *q = text.ptr; q < line; q++)
			lno += *q == '\n';
		/* version 1 has no second stages */
		candor_buf_adds(&bad, "candor-signals 1");
		candor_buf_adds(&bad, strchr(text.ptr, '\n'));
		assert_int_equal(model_from(&m, bad.ptr, &err), CANDOR_EINVALID);
		assert_non_null(strstr(err.msg, "unexpected line"));
		/* a weight short */
		bad.len = 0;
		candor_buf_add(&bad, text.ptr, (size_t)(strrchr(text.ptr, ' ') - text.ptr));
		candor_buf_adds(&bad, "\n");
		assert_int_equal(model_from(&m, bad.ptr, &err), CANDOR_EINVALID);
		assert_non_null(strstr(err.msg, "expected 140 second-stage weights"));
		{
			char want[32];

			snprintf(want, sizeof(want), ":%zu: ", lno);
			assert_non_null(strstr(err.msg, want));
		}
		/* twice */
		bad.len = 0;
		candor_buf_adds(&bad, text.ptr);
		candor_buf_adds(&bad, line);
		assert_int_equal(model_from(&m, bad.ptr, &err), CANDOR_EINVALID);
		assert_non_null(strstr(err.msg, "a second stage given twice"));
		/* a threshold out of range */
		bad.len = 0;
		candor_buf_add(&bad, text.ptr, (size_t)(line - text.ptr));
		candor_buf_adds(&bad, "second commitment bias -10 threshold 1.5 cv 0.9 0\n");
		assert_int_equal(model_from(&m, bad.ptr, &err), CANDOR_EINVALID);
		assert_non_null(strstr(err.msg, "out of range"));
		assert_null(m);
		candor_buf_release(&bad);
	}
	candor_buf_release(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_norm_span),
		cmocka_unit_test(test_lexicon_errors),
		cmocka_unit_test(test_lexicon_not_utf8),
		cmocka_unit_test(test_corpus_errors),
		cmocka_unit_test(test_model_feature_count),
		cmocka_unit_test(test_model_category_twice),
		cmocka_unit_test(test_negation_hedge),
		cmocka_unit_test(test_questions),
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_commitment_dates),
		cmocka_unit_test(test_commitment_sides),
		cmocka_unit_test(test_metrics),
		cmocka_unit_test(test_profile),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_stream),
		cmocka_unit_test(test_lexicon_cache),
		cmocka_unit_test(test_json_stream_invalid),
		cmocka_unit_test(test_lexicon_groups),
		cmocka_unit_test(test_lint),
		cmocka_unit_test(test_default_lexicon),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_model_negation),
		cmocka_unit_test(test_stack_columns),
		cmocka_unit_test(test_second_stage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
