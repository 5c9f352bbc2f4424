/*
 * test-app-oom.c: the use cases of src/app/ when memory runs out (oom.h),
 * on the backend the run chose (test-place.h).
 *
 * Each use case runs as a front door runs it (begin, the use case,
 * commit), failing allocation 0, 1, 2 ... in turn: logging a call,
 * importing a transcript (analysed with the shipped model, then stored),
 * making a promise and keeping it, a CRM import (plan and apply) of a
 * small CSV, and assessing a buyer.  Every failure must be an error with a
 * message and, once rolled back, leave every row of every table as it was
 * (oom-store.h); a success is checked, then the next run starts on a fresh
 * store.  The sanitizer build catches leaks.
 */
#include "util/common.h"
#include <setjmp.h>
#include <unistd.h>
#include <cmocka.h>

#include "util/date.h"
#include "app/assess.h"
#include "app/crm.h"
#include "app/fates.h"
#include "app/import.h"
#include "app/records.h"
#include "formats/crm.h"
#include "formats/csv.h"
#include "text/lexicon.h"
#include "test-place.h"
#include "oom.h"
#include "oom-store.h"

struct run {
	char path[4096];
	char schema[64];
	const char *tag;
	struct candor_error err;
	struct candor_store *s;
	struct candor_app app;
	struct candor_contact dana;
	char *before;
	/* what the use cases take */
	struct candor_analyzer *az;
	struct candor_transcript t;
	struct candor_csv csv;
	struct candor_crm_map map;
	/* what they give */
	int64_t id;
	struct candor_app_fate fate;
	struct candor_crm_plan plan;
	struct candor_evidence_set set;
	struct candor_assessment a;
	double trust;               /* the assessment with memory to spare */
	const char *expect;         /* a success writes this (a text in the rows) */
};

static struct candor_lexicon *analyser;

static int64_t day_of(const char *s)
{
	int64_t t = 0;

	assert_int_equal(candor_date_parse(&t, s, "test", NULL), 0);
	return t;
}

/* A fresh store holding Northwind and Dana Reyes, committed; r->before its rows. */
static void fill(struct run *r)
{
	int64_t acc, id;

	test_place_fresh(r->path, sizeof(r->path), r->schema, sizeof(r->schema), "app-oom", r->tag);
	assert_int_equal(candor_store_open(&r->s, r->path, true, &r->err), 0);
	candor_app_init(&r->app, r->s, day_of("2026-11-25T09:00"));
	assert_int_equal(candor_store_begin(r->s), 0);
	assert_int_equal(candor_app_account_add(&r->app, "Northwind", "Sam", "", &acc), 0);
	assert_int_equal(candor_app_contact_add(&r->app, acc, "Dana Reyes", "CFO", "", &id), 0);
	assert_int_equal(candor_app_contact_find(&r->app, "Dana Reyes", &r->dana), 0);
	assert_int_equal(candor_app_promise_make(&r->app, &r->dana, "send the pricing sheet",
						 day_of("2026-11-20"), day_of("2026-11-24"), &id),
			 0);
	assert_int_equal(candor_store_commit(r->s), 0);
	r->before = oom_snapshot(r->s);
}

static void forget(struct run *r)
{
	free(r->before);
	r->before = NULL;
	candor_contact_release(&r->dana);
	candor_store_close(r->s);
	r->s = NULL;
	test_place_forget(r->path, r->schema);
}

/*
 * After a run of a writing use case: a failure has a message and, rolled
 * back, changed nothing; a success wrote r->expect, and the next run
 * starts afresh.
 */
static void wrote_or_nothing(struct run *r, int rc)
{
	char *now;

	if (rc) {
		assert_true(rc < 0);
		assert_true(r->err.msg[0] != '\0');
		candor_store_rollback(r->s);
		now = oom_snapshot(r->s);
		if (strcmp(now, r->before))
			fprintf(stderr, "records changed failing allocation %ld: %s\n", oom_at,
				r->err.msg);
		free(now);
		oom_same_records(r->s, r->before);
		return;
	}
	now = oom_snapshot(r->s);
	assert_non_null(strstr(now, r->expect));
	free(now);
	forget(r);
	fill(r);
}

/* Begin, then the use case: the caller commits. */
static int begin(struct run *r)
{
	candor_error_clear(&r->err);
	return candor_store_begin(r->s);
}

static int commit(struct run *r, int rc)
{
	return rc ? rc : candor_store_commit(r->s);
}

static int log_op(void *arg)
{
	struct run *r = arg;
	static const struct candor_app_said said[] = {
		{ "stall", "let me think about it" }, { "candor", "can I be honest" },
	};
	struct candor_app_log in = { .kind = CANDOR_INTERACTION_CALL, .at = day_of("2026-11-24"),
				     .seller = "Sam", .text = "a call about the rollout",
				     .said = said, .nsaid = 2 };
	int rc = begin(r);

	return commit(r, rc ? rc : candor_app_interaction_log(&r->app, &r->dana, &in, &r->id));
}

static void plain_after(void *arg, int rc)
{
	wrote_or_nothing(arg, rc);
}

static void test_oom_log(void **state)
{
	struct run r = { .tag = "log", .err = CANDOR_ERROR_INIT, .expect = "a call about the rollout" };

	(void)state;
	fill(&r);
	oom_walk("log a call (with what was said)", log_op, plain_after, &r);
	forget(&r);
}

static int import_op(void *arg)
{
	struct run *r = arg;
	struct candor_app_call call = { .contact = &r->dana, .t = &r->t,
					.kind = CANDOR_INTERACTION_CALL,
					.at = day_of("2026-11-18T15:00"), .seller = "Sam Seller",
					.source = "call.txt" };
	int rc = begin(r);

	return commit(r, rc ? rc : candor_app_call_import(&r->app, &call, r->az, &r->id));
}

static void test_oom_import(void **state)
{
	static const char talk[] =
		"Sam Seller: Last time you wanted to think it over. Where did you land?\n"
		"Dana Reyes: Can I be honest with you? What worries me is another rollout.\n"
		"Sam Seller: I'll send you the case study by Friday.\n";
	struct run r = { .tag = "import", .err = CANDOR_ERROR_INIT, .t = CANDOR_TRANSCRIPT_INIT,
			 .expect = "'call.txt'" };

	(void)state;
	assert_int_equal(candor_analyzer_new(&r.az, analyser, &r.err), 0);
	assert_int_equal(candor_transcript_read(&r.t, talk, strlen(talk), "call.txt", &r.err), 0);
	assert_int_equal(candor_transcript_assign_sides(&r.t, "Sam Seller", NULL, 0, &r.err), 0);
	fill(&r);
	oom_walk("import a call (analyse and store)", import_op, plain_after, &r);
	forget(&r);
	candor_transcript_release(&r.t);
	candor_analyzer_free(r.az);
}

static int promise_op(void *arg)
{
	struct run *r = arg;
	int rc = begin(r);
	int64_t id = 0;

	if (!rc)
		rc = candor_app_promise_make(&r->app, &r->dana, "send the case study",
					     day_of("2026-11-24"), day_of("2026-11-28"), &id);
	if (!rc) {
		rc = candor_app_promise_keep(&r->app, id, day_of("2026-11-25T08:00"), "sent",
					     &r->fate);
		if (rc)  /* on failure *out is left empty */
			assert_null(r->fate.text);
	}
	return commit(r, rc);
}

static void promise_after(void *arg, int rc)
{
	struct run *r = arg;

	if (!rc)
		assert_string_equal(r->fate.text, "send the case study");
	candor_app_fate_release(&r->fate);
	memset(&r->fate, 0, sizeof(r->fate));
	wrote_or_nothing(r, rc);
}

static void test_oom_promise(void **state)
{
	struct run r = { .tag = "promise", .err = CANDOR_ERROR_INIT, .expect = "'sent'" };

	(void)state;
	fill(&r);
	oom_walk("make a promise and keep it", promise_op, promise_after, &r);
	forget(&r);
}

static int crm_op(void *arg)
{
	struct run *r = arg;
	struct candor_crm_import in = { .kind = CANDOR_CRM_CONTACTS, .csv = &r->csv, .map = &r->map,
					.file = "contacts.csv", .prefer = CANDOR_CRM_PREFER_FILE,
					.by = "Sam" };
	int rc = begin(r);

	if (!rc)
		rc = candor_app_crm_plan(&r->app, &in, &r->plan);
	if (!rc)
		rc = candor_app_crm_apply(&r->app, &in, &r->plan);
	return commit(r, rc);
}

static void crm_after(void *arg, int rc)
{
	struct run *r = arg;

	if (!rc)
		assert_true(r->plan.batch > 0);
	candor_crm_plan_release(&r->plan);
	memset(&r->plan, 0, sizeof(r->plan));
	wrote_or_nothing(r, rc);
}

static void test_oom_crm(void **state)
{
	static const char file[] =
		"Name,E-mail,Company,Title,Notes,Favourite colour\r\n"
		"Dana Reyes,dana@northwind.example,Northwind,CFO,met at the fair,green\r\n"
		"Lee Chen,lee@contoso.example,Contoso,CTO,,blue\r\n"
		"Zoë Ångström,zoe@adatum.example,Adatum,Engineer,\"two\nlines\",\r\n";
	struct run r = { .tag = "crm", .err = CANDOR_ERROR_INIT, .csv = CANDOR_CSV_INIT,
			 .expect = "'Zoë Ångström'" };

	(void)state;
	assert_int_equal(candor_csv_read(&r.csv, file, strlen(file), "contacts.csv", &r.err), 0);
	assert_int_equal(candor_crm_map_detect(&r.map, &r.csv, CANDOR_CRM_CONTACTS, &r.err), 0);
	fill(&r);
	oom_walk("CRM import: plan and apply three rows", crm_op, crm_after, &r);
	forget(&r);
	candor_crm_map_release(&r.map);
	candor_csv_release(&r.csv);
}

static int assess_op(void *arg)
{
	struct run *r = arg;
	int rc;

	candor_error_clear(&r->err);
	rc = candor_store_begin_read(r->s);
	if (!rc)
		rc = candor_app_contact_assess(&r->app, &r->dana, day_of("2026-11-25T09:00"),
					       &r->set, NULL, &r->a);
	candor_store_rollback(r->s);
	return rc;
}

static void assess_after(void *arg, int rc)
{
	struct run *r = arg;

	if (rc) {
		if (oom_at < 0)
			fprintf(stderr, "assess: %s\n", r->err.msg);
		assert_true(rc < 0);
		assert_true(r->err.msg[0] != '\0');
	} else {
		if (r->trust < 0)
			r->trust = r->a.trust;
		assert_true(r->a.trust == r->trust);
	}
	candor_evidence_set_release(&r->set);
	memset(&r->set, 0, sizeof(r->set));
	oom_same_records(r->s, r->before);
}

static void test_oom_assess(void **state)
{
	struct run r = { .tag = "assess", .err = CANDOR_ERROR_INIT, .trust = -1 };

	(void)state;
	fill(&r);
	oom_walk("assess a buyer", assess_op, assess_after, &r);
	forget(&r);
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
		cmocka_unit_test(test_oom_log),
		cmocka_unit_test(test_oom_import),
		cmocka_unit_test(test_oom_promise),
		cmocka_unit_test(test_oom_crm),
		cmocka_unit_test(test_oom_assess),
	};

	oom_install();
	return cmocka_run_group_tests(tests, setup, teardown);
}
