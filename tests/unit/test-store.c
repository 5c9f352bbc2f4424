/*
 * test-store.c: the SQLite store through the store interface.
 */
#include "util/common.h"
#include <setjmp.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>
#include "store/store.h"

struct fixture {
	char path[256];
	struct candor_error err;
	struct candor_store *s;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	snprintf(f->path, sizeof(f->path), "/tmp/candor-test-store-%d.db", (int)getpid());
	unlink(f->path);
	if (candor_store_open(&f->s, f->path, true, &f->err))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char wal[300];

	candor_store_close(f->s);
	unlink(f->path);
	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	unlink(wal);
	snprintf(wal, sizeof(wal), "%s-shm", f->path);
	unlink(wal);
	free(f);
	return 0;
}

static int64_t add_account(struct candor_store *s, const char *name)
{
	struct candor_account a = { .name = (char *)name, .owner = "sam", .note = "", .created = 1 };

	assert_int_equal(candor_store_account_add(s, &a), 0);
	return a.id;
}

static int64_t add_contact(struct candor_store *s, int64_t account, const char *name)
{
	struct candor_contact c = { .account_id = account, .name = (char *)name, .role = "",
				    .email = "", .created = 1 };

	assert_int_equal(candor_store_contact_add(s, &c), 0);
	return c.id;
}

static void names_resolve_or_say_why(void **state)
{
	struct fixture *f = *state;
	struct candor_contact c;
	int64_t a1, a2, dana;

	a1 = add_account(f->s, "Northwind");
	a2 = add_account(f->s, "Contoso");
	dana = add_contact(f->s, a1, "Dana Reyes");
	add_contact(f->s, a1, "Alex Kim");
	add_contact(f->s, a2, "Alex Kim");
	assert_int_equal(candor_store_contact_find(f->s, "dana reyes", &c), 0);
	assert_int_equal(c.id, dana);
	assert_string_equal(c.account_name, "Northwind");
	candor_contact_release(&c);
	assert_int_equal(candor_store_contact_find(f->s, "#1", &c), 0);
	candor_contact_release(&c);
	assert_int_equal(candor_store_contact_find(f->s, "Alex Kim", &c), CANDOR_EAMBIGUOUS);
	assert_non_null(strstr(f->err.msg, "at Northwind"));
	assert_non_null(strstr(f->err.msg, "at Contoso"));
	assert_int_equal(candor_store_contact_find(f->s, "Nobody", &c), CANDOR_ENOTFOUND);
	assert_int_equal(candor_store_contact_find(f->s, "99", &c), CANDOR_ENOTFOUND);
	assert_int_equal(candor_store_contact_find(f->s, "", &c), CANDOR_EINVALID);
}

static void empty_names_are_refused(void **state)
{
	struct fixture *f = *state;
	struct candor_account a = { .name = "  \t", .owner = "", .note = "" };

	assert_int_equal(candor_store_account_add(f->s, &a), CANDOR_EINVALID);
	assert_string_equal(f->err.field, "name");
}

static void a_rolled_back_transaction_leaves_nothing(void **state)
{
	struct fixture *f = *state;
	struct candor_account_list l;

	assert_int_equal(candor_store_begin(f->s), 0);
	add_account(f->s, "Ephemeral");
	candor_store_rollback(f->s);
	assert_int_equal(candor_store_account_list(f->s, &l), 0);
	assert_int_equal(l.n, 0);
	candor_account_list_release(&l);
}

static void evidence_round_trips_and_slices(void **state)
{
	struct fixture *f = *state;
	struct candor_evidence_set set;
	struct candor_scope all = { 0 };
	struct candor_evidence ev;
	struct candor_commitment_event e0 = { .at = 10, .status = CANDOR_COMMITMENT_OPEN,
					      .due = 100, .note = "" };
	struct candor_commitment_event e1 = { .at = 50, .status = CANDOR_COMMITMENT_KEPT,
					      .due = 100, .note = "on time" };
	int64_t acc = add_account(f->s, "Northwind"), c1, c2;
	struct candor_commitment c = { 0 };
	struct candor_fact fact = { 0 };

	c1 = add_contact(f->s, acc, "Dana");
	c2 = add_contact(f->s, acc, "Lee");
	for (int i = 0; i < 20; i++) {
		int64_t who = i % 2 ? c2 : c1;

		c = (struct candor_commitment){ .account_id = acc, .contact_id = who,
						.text = "send it", .made = 10, .events = &e0, .nevents = 1 };
		assert_int_equal(candor_store_commitment_add(f->s, &c), 0);
		fact = (struct candor_fact){ .account_id = acc, .contact_id = who,
					     .kind = CANDOR_FACT_CRITERIA, .text = "price per seat",
					     .source = "call", .confidence = CANDOR_CONF_HIGH, .at = 5 };
		assert_int_equal(candor_store_fact_add(f->s, &fact), 0);
	}
	assert_int_equal(candor_store_commitment_event_add(f->s, &c, &e1), 0);
	assert_int_equal(candor_store_evidence(f->s, &all, &set), 0);
	assert_int_equal(set.ncommitments, 20);
	candor_evidence_view(&ev, &set, c2);
	assert_int_equal(ev.ncommitments, 10);
	assert_int_equal(ev.nfacts, 10);
	for (size_t i = 0; i < ev.ncommitments; i++)
		assert_int_equal(ev.commitments[i].contact_id, c2);
	/* the last promise (Lee's) has its history, in order */
	assert_int_equal(ev.commitments[9].nevents, 2);
	assert_int_equal(ev.commitments[9].events[1].status, CANDOR_COMMITMENT_KEPT);
	assert_string_equal(ev.commitments[9].events[1].note, "on time");
	assert_int_equal(ev.facts[0].kind, CANDOR_FACT_CRITERIA);
	assert_int_equal(ev.facts[0].confidence, CANDOR_CONF_HIGH);
	candor_evidence_view(&ev, &set, 12345);
	assert_int_equal(ev.ncommitments, 0);
	candor_evidence_set_release(&set);
}

static void set_user_version(const char *path, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void newer_or_foreign_databases_are_refused(void **state)
{
	struct fixture *f = *state;
	struct candor_store *s2 = NULL;
	struct candor_error err = CANDOR_ERROR_INIT;
	FILE *junk;

	set_user_version(f->path, "PRAGMA user_version = 99");
	assert_int_equal(candor_store_open(&s2, f->path, false, &err), CANDOR_EDB);
	assert_non_null(strstr(err.msg, "newer"));
	set_user_version(f->path, "PRAGMA user_version = 1; PRAGMA application_id = 7");
	assert_int_equal(candor_store_open(&s2, f->path, false, &err), CANDOR_EDB);
	assert_non_null(strstr(err.msg, "not a Candor database"));
	assert_int_equal(candor_store_open(&s2, "/tmp/candor-no-such.db", false, &err), CANDOR_EDB);
	assert_non_null(strstr(err.msg, "candor init"));
	junk = fopen("/tmp/candor-junk.db", "wb");
	assert_non_null(junk);
	for (int i = 0; i < 4096; i++)
		fputc((i * 7919) & 0xff, junk);
	fclose(junk);
	assert_int_equal(candor_store_open(&s2, "/tmp/candor-junk.db", false, &err), CANDOR_EDB);
	assert_non_null(strstr(err.msg, "damaged"));
	unlink("/tmp/candor-junk.db");
	assert_null(s2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(names_resolve_or_say_why, setup, teardown),
		cmocka_unit_test_setup_teardown(empty_names_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(a_rolled_back_transaction_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(evidence_round_trips_and_slices, setup, teardown),
		cmocka_unit_test_setup_teardown(newer_or_foreign_databases_are_refused, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
