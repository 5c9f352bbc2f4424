/*
 * test-store-oom.c: the store when memory runs out (oom.h), on the backend
 * the run chose (test-place.h: SQLite, or PostgreSQL in tests/run's
 * PostgreSQL pass).
 *
 * Walked, failing allocation 0, 1, 2 ... until the call succeeds: opening
 * an existing store; creating a new one (a failed creation must leave a
 * place that a second try creates); one write transaction of several
 * records, begun and committed as a front door does; and a read of one
 * buyer's evidence.  Every failure must be an error with a message, and a
 * failed write must leave every row of every table as it was
 * (oom-store.h); the sanitizer build catches leaks.  On SQLite the
 * library's own allocations fail too (SQLITE_CONFIG_MALLOC); libpq's
 * cannot be reached.
 */
#include "util/common.h"
#include <setjmp.h>
#include <unistd.h>
#include <cmocka.h>

#include "util/error.h"
#include "store/store.h"
#include "test-place.h"
#include "oom.h"
#include "oom-store.h"

struct run {
	char path[4096];
	char schema[64];
	struct candor_error err;
	struct candor_store *s;     /* the store the test works on */
	struct candor_store *opened;
	char *before;               /* the rows before a write */
	int64_t account_id, contact_id;
	struct candor_evidence_set set;
	size_t want;
};

static void failed(const struct run *r, int rc)
{
	assert_true(rc < 0);
	assert_true(r->err.msg[0] != '\0');
}

/* A store with one account and one contact, committed. */
static void fill(struct run *r, const char *tag)
{
	struct candor_account a = { .name = "Northwind", .owner = "Sam", .note = "" };
	struct candor_contact c = { .name = "Dana Reyes", .role = "CFO", .email = "" };

	test_place_fresh(r->path, sizeof(r->path), r->schema, sizeof(r->schema), "store-oom", tag);
	assert_int_equal(candor_store_open(&r->s, r->path, true, &r->err), 0);
	assert_int_equal(candor_store_begin(r->s), 0);
	assert_int_equal(candor_store_account_add(r->s, &a), 0);
	c.account_id = r->account_id = a.id;
	assert_int_equal(candor_store_contact_add(r->s, &c), 0);
	r->contact_id = c.id;
	assert_int_equal(candor_store_commit(r->s), 0);
}

static void forget(struct run *r)
{
	candor_store_close(r->s);
	test_place_forget(r->path, r->schema);
}

static int open_op(void *arg)
{
	struct run *r = arg;

	candor_error_clear(&r->err);
	return candor_store_open(&r->opened, r->path, false, &r->err);
}

static void open_after(void *arg, int rc)
{
	struct run *r = arg;

	if (rc) {
		failed(r, rc);
		assert_null(r->opened);
	}
	candor_store_close(r->opened);
	r->opened = NULL;
}

static void test_oom_open(void **state)
{
	struct run r = { .err = CANDOR_ERROR_INIT };

	(void)state;
	fill(&r, "open");
	oom_walk("open a store", open_op, open_after, &r);
	forget(&r);
}

static int create_op(void *arg)
{
	struct run *r = arg;

	candor_error_clear(&r->err);
	return candor_store_open(&r->opened, r->path, true, &r->err);
}

/* A failed creation: an error, and the place can still be made a store
 * (by the next run).  A made one is whole: every table reads; then the
 * next run starts on a fresh place. */
static void create_after(void *arg, int rc)
{
	struct run *r = arg;
	char *rows;

	open_after(arg, rc);
	if (rc)
		return;
	assert_int_equal(candor_store_open(&r->s, r->path, false, &r->err), 0);
	rows = oom_snapshot(r->s);
	free(rows);
	forget(r);
	test_place_fresh(r->path, sizeof(r->path), r->schema, sizeof(r->schema), "store-oom",
			 "new");
}

static void test_oom_create(void **state)
{
	struct run r = { .err = CANDOR_ERROR_INIT };

	(void)state;
	test_place_fresh(r.path, sizeof(r.path), r.schema, sizeof(r.schema), "store-oom", "new");
	oom_walk("create a store", create_op, create_after, &r);
	test_place_forget(r.path, r.schema);
}

/* One transaction of several records, as a front door writes them. */
static int write_op(void *arg)
{
	struct run *r = arg;
	struct candor_account a = { .name = "Contoso", .owner = "Sam", .note = "from a referral" };
	struct candor_contact c = { .name = "Lee Chen", .role = "CTO", .email = "lee@contoso.test" };
	struct candor_interaction it = { .kind = CANDOR_INTERACTION_CALL, .at = 1763456400,
					 .seller = "Sam", .text = "first call", .source = "",
					 .metrics = "", .seller_share = -1, .analyser = "" };
	struct candor_commitment pr = { .text = "send the case study", .made = 1763456400 };
	struct candor_fact f = { .kind = 0, .text = "worried about the rollout",
				 .source = "call", .confidence = 0, .at = 1763456400 };
	int rc;

	candor_error_clear(&r->err);
	if ((rc = candor_store_begin(r->s)))
		return rc;
	if ((rc = candor_store_account_add(r->s, &a)))
		goto fail;
	c.account_id = a.id;
	if ((rc = candor_store_contact_add(r->s, &c)))
		goto fail;
	it.account_id = pr.account_id = f.account_id = a.id;
	it.contact_id = pr.contact_id = f.contact_id = c.id;
	if ((rc = candor_store_interaction_add(r->s, &it)) ||
	    (rc = candor_store_commitment_add(r->s, &pr)) ||
	    (rc = candor_store_fact_add(r->s, &f)))
		goto fail;
	return candor_store_commit(r->s);
fail:
	return rc;
}

static void write_after(void *arg, int rc)
{
	struct run *r = arg;
	char *now;

	if (!rc) {
		/* all five there; then a fresh store for the next run */
		now = oom_snapshot(r->s);
		assert_non_null(strstr(now, "'Lee Chen'"));
		assert_non_null(strstr(now, "'worried about the rollout'"));
		free(now);
		free(r->before);
		forget(r);
		fill(r, "write");
		r->before = oom_snapshot(r->s);
		return;
	}
	failed(r, rc);
	candor_store_rollback(r->s);
	now = oom_snapshot(r->s);
	if (strcmp(now, r->before))
		fprintf(stderr, "records changed failing allocation %ld: %s\n", oom_at, r->err.msg);
	free(now);
	oom_same_records(r->s, r->before);
}

static void test_oom_write(void **state)
{
	struct run r = { .err = CANDOR_ERROR_INIT };

	(void)state;
	fill(&r, "write");
	r.before = oom_snapshot(r.s);
	oom_walk("a write transaction of five records", write_op, write_after, &r);
	free(r.before);
	forget(&r);
}

static int evidence_op(void *arg)
{
	struct run *r = arg;
	struct candor_scope sc = { .account_id = r->account_id, .contact_id = r->contact_id };

	candor_error_clear(&r->err);
	return candor_store_evidence(r->s, &sc, &r->set);
}

static void evidence_after(void *arg, int rc)
{
	struct run *r = arg;

	if (rc) {
		failed(r, rc);
	} else {
		/* the whole of it, as with memory to spare */
		size_t got = r->set.ninteractions + r->set.ncommitments + r->set.nfacts +
			     10 * (r->set.ncommitments ? r->set.commitments[0].nevents : 0);

		if (!r->want)
			r->want = got;
		assert_int_equal(got, r->want);
		assert_true(got >= 13);
	}
	candor_evidence_set_release(&r->set);
}

static void test_oom_evidence(void **state)
{
	struct run r = { .err = CANDOR_ERROR_INIT };
	struct candor_interaction it = { .kind = CANDOR_INTERACTION_CALL, .at = 1763456400,
					 .seller = "Sam", .text = "first call", .source = "",
					 .metrics = "", .seller_share = -1, .analyser = "" };
	struct candor_commitment pr = { .text = "send the case study", .made = 1763456400 };
	struct candor_fact f = { .kind = 0, .text = "worried about the rollout",
				 .source = "call", .confidence = 0, .at = 1763456400 };
	struct candor_commitment_event ev = { .status = CANDOR_COMMITMENT_KEPT, .at = 1763542800 };

	(void)state;
	fill(&r, "evidence");
	it.account_id = pr.account_id = f.account_id = r.account_id;
	it.contact_id = pr.contact_id = f.contact_id = r.contact_id;
	assert_int_equal(candor_store_begin(r.s), 0);
	assert_int_equal(candor_store_interaction_add(r.s, &it), 0);
	assert_int_equal(candor_store_commitment_add(r.s, &pr), 0);
	assert_int_equal(candor_store_commitment_event_add(r.s, &pr, &ev), 0);
	assert_int_equal(candor_store_fact_add(r.s, &f), 0);
	assert_int_equal(candor_store_commit(r.s), 0);
	assert_int_equal(candor_store_begin_read(r.s), 0);
	oom_walk("a read of a buyer's evidence", evidence_op, evidence_after, &r);
	candor_store_rollback(r.s);
	forget(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oom_open),
		cmocka_unit_test(test_oom_create),
		cmocka_unit_test(test_oom_write),
		cmocka_unit_test(test_oom_evidence),
	};

	oom_install();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
