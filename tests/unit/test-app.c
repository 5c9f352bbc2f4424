/*
 * test-app.c: the use cases of src/app/ on a temporary store (a SQLite
 * file; in tests/run's PostgreSQL pass a fresh schema: test-place.h), each
 * in the transaction a front door would begin: the rules of each record,
 * the fates of a promise (on time, late, renegotiated in time then kept,
 * renegotiated late then kept = kept late, broken), and that invalid input
 * is refused with the field named and leaves the store as it was.
 */
#include "util/common.h"
#include <setjmp.h>
#include <unistd.h>
#include <cmocka.h>
#include "util/date.h"
#include "app/access.h"
#include "app/audit.h"
#include "app/assess.h"
#include "app/fates.h"
#include "app/import.h"
#include "app/interaction.h"
#include "app/json.h"
#include "app/proposals.h"
#include "app/records.h"
#include "app/users.h"
#include "text/lexicon.h"
#include "test-place.h"

struct fixture {
	char path[4096];    /* the store's address */
	char schema[64];    /* PostgreSQL: the fresh schema; "" on SQLite */
	struct candor_error err;
	struct candor_store *s;
	struct candor_app app;
	struct candor_contact dana;
};

static int64_t day_of(const char *s)
{
	int64_t t = 0;

	assert_int_equal(candor_date_parse(&t, s, "test", NULL), 0);
	return t;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	int64_t acc, id;

	if (!f)
		return -1;
	test_place_fresh(f->path, sizeof(f->path), f->schema, sizeof(f->schema), "app", "a");
	if (candor_store_open(&f->s, f->path, true, &f->err) || candor_store_begin(f->s))
		return -1;
	candor_app_init(&f->app, f->s, day_of("2026-11-25T09:00"));
	if (candor_app_account_add(&f->app, "Northwind", "Sam", "", &acc) ||
	    candor_app_contact_add(&f->app, acc, "Dana Reyes", "CFO", "", &id) ||
	    candor_app_contact_find(&f->app, "Dana Reyes", &f->dana))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	candor_contact_release(&f->dana);
	candor_store_rollback(f->s);
	candor_store_close(f->s);
	test_place_forget(f->path, f->schema);
	free(f);
	return 0;
}

/* Everything in the store, as one JSON text: what "untouched" is compared by. */
static char *snapshot(struct fixture *f)
{
	struct candor_evidence_set set = { 0 };
	struct candor_account_list al = { 0 };
	struct candor_contact_list cl = { 0 };
	struct candor_proposal_row *p = NULL;
	struct candor_scope all = { 0 };
	struct candor_evidence ev;
	size_t np = 0;
	json_t *j;
	char *text;

	assert_int_equal(candor_store_evidence(f->s, &all, &set), 0);
	assert_int_equal(candor_store_account_list(f->s, &al), 0);
	assert_int_equal(candor_store_contact_list(f->s, 0, &cl), 0);
	assert_int_equal(candor_store_proposals(f->s, 0, 0, 0, &p, &np), 0);
	candor_evidence_view(&ev, &set, 0);
	j = json_pack("{s:o,s:I,s:I,s:I,s:I}", "ledger", candor_json_ledger(&ev, f->app.now),
		      "accounts", (json_int_t)al.n, "contacts", (json_int_t)cl.n, "proposals",
		      (json_int_t)np, "accepted", (json_int_t)(np ? p[np - 1].status : -1));
	text = json_dumps(j, JSON_SORT_KEYS);
	json_decref(j);
	candor_proposals_free(p, np);
	candor_contact_list_release(&cl);
	candor_account_list_release(&al);
	candor_evidence_set_release(&set);
	return text;
}

/* rc is code with field named, and the store is what before says it was. */
static void refused(struct fixture *f, int rc, int code, const char *field, char *before)
{
	char *after = snapshot(f);

	assert_int_equal(rc, code);
	assert_int_equal(f->err.code, code);
	if (field)
		assert_string_equal(f->err.field, field);
	assert_true(f->err.msg[0] != '\0');
	assert_string_equal(before, after);
	free(before);
	free(after);
	candor_error_clear(&f->err);
}

static int64_t promise(struct fixture *f, const char *made, const char *due)
{
	int64_t id = 0;

	assert_int_equal(candor_app_promise_make(&f->app, &f->dana, "send the case study",
						 day_of(made), day_of(due), &id), 0);
	return id;
}

/* The status the promise has now, as everything recorded says. */
static int status_of(struct fixture *f, int64_t id)
{
	struct candor_evidence_set set = { 0 };
	struct candor_commitment *c;
	struct candor_commitment_state st;

	assert_int_equal(candor_store_commitment_load(f->s, id, &set, &c), 0);
	candor_commitment_state_at(&st, c, INT64_MAX);
	candor_evidence_set_release(&set);
	return st.status;
}

static void keep(struct fixture *f, int64_t id, const char *at, int want)
{
	struct candor_app_fate fate;

	assert_int_equal(candor_app_promise_keep(&f->app, id, day_of(at), NULL, &fate), 0);
	assert_int_equal(fate.status, want);
	assert_string_equal(fate.text, "send the case study");
	assert_int_equal(fate.contact_id, f->dana.id);
	candor_app_fate_release(&fate);
	assert_int_equal(status_of(f, id), want);
}

static void renegotiate(struct fixture *f, int64_t id, const char *at, const char *due)
{
	struct candor_app_fate fate;

	assert_int_equal(candor_app_promise_renegotiate(&f->app, id, day_of(at), day_of(due),
							"they asked for more", &fate), 0);
	assert_int_equal(fate.status, CANDOR_COMMITMENT_RENEGOTIATED);
	assert_int_equal(fate.due, day_of(due));
	candor_app_fate_release(&fate);
}

static void test_kept_on_time(void **state)
{
	struct fixture *f = *state;

	keep(f, promise(f, "2026-11-10", "2026-11-20"), "2026-11-20T18:00", CANDOR_COMMITMENT_KEPT);
}

static void test_kept_late(void **state)
{
	struct fixture *f = *state;

	keep(f, promise(f, "2026-11-10", "2026-11-20"), "2026-11-21T09:00",
	     CANDOR_COMMITMENT_KEPT_LATE);
}

static void test_renegotiated_in_time_then_kept(void **state)
{
	struct fixture *f = *state;
	int64_t id = promise(f, "2026-11-10", "2026-11-20");

	renegotiate(f, id, "2026-11-18", "2026-11-24");
	keep(f, id, "2026-11-23", CANDOR_COMMITMENT_KEPT);
}

static void test_renegotiated_late_then_kept_is_kept_late(void **state)
{
	struct fixture *f = *state;
	int64_t id = promise(f, "2026-11-10", "2026-11-20");

	renegotiate(f, id, "2026-11-22", "2026-11-24");
	keep(f, id, "2026-11-23", CANDOR_COMMITMENT_KEPT_LATE);
}

static void test_broken_then_nothing_more(void **state)
{
	struct fixture *f = *state;
	struct candor_app_fate fate;
	int64_t id = promise(f, "2026-11-10", "2026-11-20");
	char *before;

	assert_int_equal(candor_app_promise_break(&f->app, id, day_of("2026-11-21"), "no time",
						  &fate), 0);
	assert_int_equal(fate.status, CANDOR_COMMITMENT_BROKEN);
	candor_app_fate_release(&fate);
	assert_int_equal(status_of(f, id), CANDOR_COMMITMENT_BROKEN);
	before = snapshot(f);
	refused(f, candor_app_promise_keep(&f->app, id, day_of("2026-11-22"), NULL, &fate),
		CANDOR_ECONFLICT, NULL, before);
	assert_null(fate.text);
	before = snapshot(f);
	refused(f, candor_app_promise_renegotiate(&f->app, id, day_of("2026-11-22"),
						  day_of("2026-11-30"), NULL, &fate),
		CANDOR_ECONFLICT, NULL, before);
}

static void test_fate_dates_checked(void **state)
{
	struct fixture *f = *state;
	struct candor_app_fate fate;
	int64_t id = promise(f, "2026-11-10", "2026-11-20");

	renegotiate(f, id, "2026-11-15", "2026-11-22");
	/* before the last change, in the future, a new date before the change */
	refused(f, candor_app_promise_keep(&f->app, id, day_of("2026-11-14"), NULL, &fate),
		CANDOR_EINVALID, "at", snapshot(f));
	refused(f, candor_app_promise_break(&f->app, id, day_of("2026-11-28"), NULL, &fate),
		CANDOR_EINVALID, "at", snapshot(f));
	refused(f, candor_app_promise_renegotiate(&f->app, id, day_of("2026-11-16"),
						  day_of("2026-11-15"), NULL, &fate),
		CANDOR_EINVALID, "due", snapshot(f));
	refused(f, candor_app_promise_renegotiate(&f->app, id, day_of("2026-11-16"), 0, NULL,
						  &fate),
		CANDOR_EINVALID, "due", snapshot(f));
	refused(f, candor_app_promise_keep(&f->app, 9999, day_of("2026-11-20"), NULL, &fate),
		CANDOR_ENOTFOUND, NULL, snapshot(f));
	assert_int_equal(status_of(f, id), CANDOR_COMMITMENT_OPEN);
}

static void test_promise_refused(void **state)
{
	struct fixture *f = *state;
	int64_t id;

	refused(f, candor_app_promise_make(&f->app, &f->dana, "  \t", day_of("2026-11-20"),
					   day_of("2026-11-24"), &id),
		CANDOR_EINVALID, "text", snapshot(f));
	refused(f, candor_app_promise_make(&f->app, &f->dana, "late already", day_of("2026-11-20"),
					   day_of("2026-11-19"), &id),
		CANDOR_EINVALID, "due", snapshot(f));
	refused(f, candor_app_promise_make(&f->app, &f->dana, "no date", day_of("2026-11-20"), 0,
					   &id),
		CANDOR_EINVALID, "due", snapshot(f));
	refused(f, candor_app_promise_make(&f->app, &f->dana, "in two days", day_of("2026-11-27"),
					   day_of("2026-11-30"), &id),
		CANDOR_EINVALID, "at", snapshot(f));
	refused(f, candor_app_promise_make(&f->app, &f->dana, "bad \x01 byte",
					   day_of("2026-11-20"), day_of("2026-11-30"), &id),
		CANDOR_EINVALID, "text", snapshot(f));
	/* due on the day it is made is fine */
	assert_int_equal(candor_app_promise_make(&f->app, &f->dana, "today",
						 day_of("2026-11-20T15:00"), day_of("2026-11-20"),
						 &id), 0);
	assert_true(id > 0);
}

static void test_expectation_fates(void **state)
{
	struct fixture *f = *state;
	struct candor_app_fate fate;
	int64_t met, missed;

	refused(f, candor_app_expectation_set(&f->app, &f->dana, "a reply", day_of("2026-11-20"),
					      day_of("2026-11-10"), &met),
		CANDOR_EINVALID, "by", snapshot(f));
	assert_int_equal(candor_app_expectation_set(&f->app, &f->dana, "a reply",
						    day_of("2026-11-20"), day_of("2026-11-22"),
						    &met), 0);
	assert_int_equal(candor_app_expectation_set(&f->app, &f->dana, "the pilot data",
						    day_of("2026-11-20"), day_of("2026-11-23"),
						    &missed), 0);
	refused(f, candor_app_expectation_meet(&f->app, met, day_of("2026-11-19"), &fate),
		CANDOR_EINVALID, "at", snapshot(f));
	assert_int_equal(candor_app_expectation_meet(&f->app, met, day_of("2026-11-21"), &fate), 0);
	assert_int_equal(fate.status, CANDOR_EXPECTATION_MET);
	assert_string_equal(fate.text, "a reply");
	candor_app_fate_release(&fate);
	refused(f, candor_app_expectation_miss(&f->app, met, day_of("2026-11-22"), &fate),
		CANDOR_ECONFLICT, NULL, snapshot(f));
	assert_int_equal(candor_app_expectation_miss(&f->app, missed, day_of("2026-11-24"), &fate),
			 0);
	assert_int_equal(fate.status, CANDOR_EXPECTATION_MISSED);
	candor_app_fate_release(&fate);
}

static void test_fact_value_fit_decision(void **state)
{
	struct fixture *f = *state;
	struct candor_app_fact fact = { .kind = -1, .text = "a failed rollout", .confidence = 1,
					.at = day_of("2026-11-20") };
	int64_t at = day_of("2026-11-20"), id;

	refused(f, candor_app_fact_learn(&f->app, &f->dana, &fact, &id), CANDOR_EINVALID, "kind",
		snapshot(f));
	fact.kind = CANDOR_FACT_WORRIED;
	fact.confidence = 7;
	refused(f, candor_app_fact_learn(&f->app, &f->dana, &fact, &id), CANDOR_EINVALID,
		"confidence", snapshot(f));
	fact.confidence = CANDOR_CONF_HIGH;
	assert_int_equal(candor_app_fact_learn(&f->app, &f->dana, &fact, &id), 0);
	refused(f, candor_app_value_record(&f->app, &f->dana, -1, "an intro", at, &id),
		CANDOR_EINVALID, "direction", snapshot(f));
	refused(f, candor_app_value_record(&f->app, &f->dana, 0, "", at, &id), CANDOR_EINVALID,
		"text", snapshot(f));
	assert_int_equal(candor_app_value_record(&f->app, &f->dana, 0, "an intro", at, &id), 0);
	refused(f, candor_app_fit_record(&f->app, &f->dana, 99, "close, not audit", at, &id),
		CANDOR_EINVALID, "verdict", snapshot(f));
	assert_int_equal(candor_app_fit_record(&f->app, &f->dana, 1, "close, not audit", at, &id),
			 0);
	refused(f, candor_app_decision_record(&f->app, &f->dana, -2, NULL, at, &id),
		CANDOR_EINVALID, "decision", snapshot(f));
	refused(f, candor_app_decision_record(&f->app, &f->dana, 0, NULL, day_of("2026-12-01"),
					      &id),
		CANDOR_EINVALID, "at", snapshot(f));
	assert_int_equal(candor_app_decision_record(&f->app, &f->dana, 0, NULL, at, &id), 0);
}

static void test_log_with_said(void **state)
{
	struct fixture *f = *state;
	struct candor_app_said said[] = { { "stall", "let me think about it" },
					  { "pressure", "sign today" } };
	struct candor_app_said bad[] = { { "stall", "let me think" }, { "bogus", "what" } };
	struct candor_app_log in = { .kind = CANDOR_INTERACTION_CALL, .at = day_of("2026-11-18"),
				     .seller = "Sam", .text = "first call", .said = bad, .nsaid = 2 };
	struct candor_evidence_set set = { 0 };
	struct candor_scope sc = { 0 };
	int64_t id;

	/* one bad category: not even the interaction is stored */
	refused(f, candor_app_interaction_log(&f->app, &f->dana, &in, &id), CANDOR_EINVALID,
		"said", snapshot(f));
	in.kind = 42;
	in.said = said;
	refused(f, candor_app_interaction_log(&f->app, &f->dana, &in, &id), CANDOR_EINVALID,
		"kind", snapshot(f));
	in.kind = CANDOR_INTERACTION_MEETING;
	assert_int_equal(candor_app_interaction_log(&f->app, &f->dana, &in, &id), 0);
	assert_int_equal(candor_store_evidence(f->s, &sc, &set), 0);
	assert_int_equal(set.ninteractions, 1);
	assert_int_equal(set.nsignals, 2);
	assert_int_equal(set.signals[0].side, CANDOR_SIDE_BUYER);
	assert_int_equal(set.signals[1].side, CANDOR_SIDE_SELLER);
	candor_evidence_set_release(&set);
}

static void test_accounts_and_contacts(void **state)
{
	struct fixture *f = *state;
	int64_t id;

	refused(f, candor_app_account_add(&f->app, "   ", "Sam", NULL, &id), CANDOR_EINVALID,
		"name", snapshot(f));
	refused(f, candor_app_account_add(&f->app, "Northwind", "Sam", NULL, &id),
		CANDOR_ECONFLICT, NULL, snapshot(f));
	refused(f, candor_app_contact_add(&f->app, f->dana.account_id, "", NULL, NULL, &id),
		CANDOR_EINVALID, "name", snapshot(f));
	assert_int_equal(candor_app_contact_add(&f->app, f->dana.account_id, "Alex Kim", NULL,
						NULL, &id), 0);
}

/* An interaction with three proposals: the seller's promise (dated, undated),
 * the buyer's, and a fact. */
static void add_proposals(struct fixture *f, int64_t ids[5])
{
	struct candor_app_log in = { .kind = CANDOR_INTERACTION_CALL, .at = day_of("2026-11-18T15:00"),
				     .seller = "Sam", .text = "call" };
	struct candor_proposal_row rows[] = {
		{ .kind = CANDOR_PROPOSAL_COMMITMENT, .side = CANDOR_SIDE_SELLER, .fact_kind = -1,
		  .text = "I'll send it by Friday", .due = day_of("2026-11-20") },
		{ .kind = CANDOR_PROPOSAL_COMMITMENT, .side = CANDOR_SIDE_SELLER, .fact_kind = -1,
		  .text = "I'll loop in the controller" },
		{ .kind = CANDOR_PROPOSAL_COMMITMENT, .side = CANDOR_SIDE_BUYER, .fact_kind = -1,
		  .text = "We'll decide by the 30th", .due = day_of("2026-11-30") },
		{ .kind = CANDOR_PROPOSAL_FACT, .side = CANDOR_SIDE_BUYER,
		  .fact_kind = CANDOR_FACT_WORRIED, .text = "What worries me is adoption." },
	};

	assert_int_equal(candor_app_interaction_log(&f->app, &f->dana, &in, &ids[4]), 0);
	for (size_t i = 0; i < 4; i++) {
		rows[i].account_id = f->dana.account_id;
		rows[i].contact_id = f->dana.id;
		rows[i].interaction_id = ids[4];
		assert_int_equal(candor_store_proposal_add(f->s, &rows[i]), 0);
		ids[i] = rows[i].id;
	}
}

static void test_proposals(void **state)
{
	struct fixture *f = *state;
	struct candor_app_proposal_result r = { 0 };
	int64_t p[5];

	add_proposals(f, p);
	assert_int_equal(candor_app_proposal_accept(&f->app, p[0], 0, &r), 0);
	assert_int_equal(r.kind, CANDOR_PROPOSAL_COMMITMENT);
	assert_int_equal(r.interaction_id, p[4]);
	assert_true(r.record_id > 0);
	assert_int_equal(status_of(f, r.record_id), CANDOR_COMMITMENT_OPEN);
	assert_string_equal(r.text, "I'll send it by Friday");
	candor_app_proposal_result_release(&r);
	refused(f, candor_app_proposal_accept(&f->app, p[0], 0, &r), CANDOR_ECONFLICT, NULL,
		snapshot(f));
	refused(f, candor_app_proposal_dismiss(&f->app, p[0], &r), CANDOR_ECONFLICT, NULL,
		snapshot(f));
	/* undated: due is needed, and not before the call */
	refused(f, candor_app_proposal_accept(&f->app, p[1], 0, &r), CANDOR_EINVALID, "due",
		snapshot(f));
	refused(f, candor_app_proposal_accept(&f->app, p[1], day_of("2026-11-17"), &r),
		CANDOR_EINVALID, "due", snapshot(f));
	assert_int_equal(candor_app_proposal_accept(&f->app, p[1], day_of("2026-11-27"), &r), 0);
	candor_app_proposal_result_release(&r);
	/* the buyer's promise is theirs */
	refused(f, candor_app_proposal_accept(&f->app, p[2], day_of("2026-11-30"), &r),
		CANDOR_ECONFLICT, NULL, snapshot(f));
	assert_int_equal(candor_app_proposal_dismiss(&f->app, p[2], &r), 0);
	assert_int_equal(r.record_id, 0);
	candor_app_proposal_result_release(&r);
	/* a fact: same kind, sourced from the interaction */
	assert_int_equal(candor_app_proposal_accept(&f->app, p[3], 0, &r), 0);
	assert_int_equal(r.kind, CANDOR_PROPOSAL_FACT);
	assert_int_equal(r.fact_kind, CANDOR_FACT_WORRIED);
	candor_app_proposal_result_release(&r);
	refused(f, candor_app_proposal_accept(&f->app, 9999, 0, &r), CANDOR_ENOTFOUND, NULL,
		snapshot(f));
}

static void test_users_tokens_sessions(void **state)
{
	struct fixture *f = *state;
	struct candor_app_session ses;
	struct candor_app_signed_in who;
	char token[CANDOR_TOKEN_MAX];
	int64_t id;

	assert_int_equal(candor_secret_init(), 0);
	refused(f, candor_app_user_add(&f->app, "Ann", CANDOR_ROLE_SELLER, "short", &id),
		CANDOR_EINVALID, "password", snapshot(f));
	refused(f, candor_app_user_add(&f->app, "Ann", 9, "long enough", &id), CANDOR_EINVALID,
		"role", snapshot(f));
	assert_int_equal(candor_app_user_add(&f->app, "Ann", CANDOR_ROLE_SELLER, "long enough",
					     &id), 0);
	assert_int_equal(candor_app_user_add(&f->app, "ann", CANDOR_ROLE_ADMIN, "long enough",
					     &id), CANDOR_ECONFLICT);
	candor_error_clear(&f->err);
	assert_int_equal(candor_app_token_new(&f->app, "Ann", 0, token), 0);
	assert_int_equal(candor_app_signed_in(&f->app, CANDOR_SECRET_TOKEN, token, &who), 0);
	assert_string_equal(who.user.name, "Ann");
	assert_string_equal(who.csrf, "");
	candor_user_release(&who.user);
	token[strlen(token) - 1] ^= 1;
	assert_int_equal(candor_app_signed_in(&f->app, CANDOR_SECRET_TOKEN, token, &who),
			 CANDOR_ENOTFOUND);
	assert_int_equal(candor_app_session_new(&f->app, "Ann", "wrong one", 3600, &ses),
			 CANDOR_EINVALID);
	assert_int_equal(candor_app_session_new(&f->app, "Nobody", "long enough", 3600, &ses),
			 CANDOR_EINVALID);
	assert_int_equal(candor_app_session_new(&f->app, "Ann", "long enough", 3600, &ses), 0);
	assert_int_equal(candor_app_signed_in(&f->app, CANDOR_SECRET_SESSION, ses.token, &who), 0);
	assert_string_equal(who.csrf, ses.csrf);
	assert_int_equal(who.user.role, CANDOR_ROLE_SELLER);
	candor_user_release(&who.user);
	assert_int_equal(candor_app_session_end(&f->app, who.selector), 0);
	assert_int_equal(candor_app_signed_in(&f->app, CANDOR_SECRET_SESSION, ses.token, &who),
			 CANDOR_ENOTFOUND);
	candor_error_clear(&f->err);
}

/* Taking access away (app/users.h): the last admin stays, nobody removes
 * themselves, a revoked or expired token and an ended session sign no one
 * in, a new password ends the old sessions. */
static void test_access_taken_away(void **state)
{
	struct fixture *f = *state;
	struct candor_app_actor ann_acts = { "ann", CANDOR_ROLE_ADMIN };
	struct candor_app_session ses;
	struct candor_app_signed_in who;
	struct candor_app_token *t = NULL;
	char tok[CANDOR_TOKEN_MAX], soon[CANDOR_TOKEN_MAX];
	int64_t id, n;
	size_t nt;

	assert_int_equal(candor_secret_init(), 0);
	assert_int_equal(candor_app_user_add(&f->app, "Ann", CANDOR_ROLE_ADMIN, "long enough", &id), 0);
	assert_int_equal(candor_app_user_add(&f->app, "Bob", CANDOR_ROLE_SELLER, "long enough", &id), 0);
	refused(f, candor_app_user_role(&f->app, "Ann", CANDOR_ROLE_MANAGER), CANDOR_ECONFLICT,
		"role", snapshot(f));
	refused(f, candor_app_user_remove(&f->app, "Ann", &n), CANDOR_ECONFLICT, "role", snapshot(f));
	refused(f, candor_app_user_role(&f->app, "Bob", 7), CANDOR_EINVALID, "role", snapshot(f));
	assert_int_equal(candor_app_user_role(&f->app, "Bob", CANDOR_ROLE_ADMIN), 0);
	f->app.who = &ann_acts;
	refused(f, candor_app_user_remove(&f->app, "Ann", &n), CANDOR_ECONFLICT, "user", snapshot(f));
	f->app.who = NULL;
	/* tokens: one that expires, one revoked */
	refused(f, candor_app_token_new(&f->app, "Bob", f->app.now, tok), CANDOR_EINVALID, "expires",
		snapshot(f));
	assert_int_equal(candor_app_token_new(&f->app, "Bob", 0, tok), 0);
	assert_int_equal(candor_app_token_new(&f->app, "Bob", f->app.now + 60, soon), 0);
	assert_int_equal(candor_app_tokens(&f->app, "Bob", &t, &nt), 0);
	assert_int_equal(nt, 2);
	assert_string_equal(t[0].user, "Bob");
	assert_int_equal(strlen(t[0].tail), 8);
	assert_non_null(strstr(tok, t[0].tail));
	assert_int_equal(t[1].expires, f->app.now + 60);
	id = t[0].id;
	free(t);
	assert_int_equal(candor_app_signed_in(&f->app, CANDOR_SECRET_TOKEN, soon, &who), 0);
	candor_user_release(&who.user);
	f->app.now += 61;
	assert_int_equal(candor_app_signed_in(&f->app, CANDOR_SECRET_TOKEN, soon, &who), CANDOR_ENOTFOUND);
	assert_int_equal(candor_app_token_revoke(&f->app, id), 0);
	assert_int_equal(candor_app_signed_in(&f->app, CANDOR_SECRET_TOKEN, tok, &who), CANDOR_ENOTFOUND);
	refused(f, candor_app_token_revoke(&f->app, id), CANDOR_ENOTFOUND, "token", snapshot(f));
	/* a sign-in purges the expired token */
	assert_int_equal(candor_app_session_new(&f->app, "Bob", "long enough", 3600, &ses), 0);
	assert_int_equal(candor_app_tokens(&f->app, NULL, &t, &nt), 0);
	assert_int_equal(nt, 0);
	free(t);
	/* a new password ends the session; the old password no longer signs in */
	assert_int_equal(candor_app_user_password(&f->app, "Bob", "a new password", &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(candor_app_signed_in(&f->app, CANDOR_SECRET_SESSION, ses.token, &who),
			 CANDOR_ENOTFOUND);
	assert_int_equal(candor_app_session_new(&f->app, "Bob", "long enough", 3600, &ses),
			 CANDOR_EINVALID);
	assert_int_equal(candor_app_session_new(&f->app, "Bob", "a new password", 3600, &ses), 0);
	assert_int_equal(candor_app_sessions_end(&f->app, "Bob", &n), 0);
	assert_int_equal(n, 1);
	/* with two admins, one may go */
	assert_int_equal(candor_app_user_remove(&f->app, "Ann", &n), 0);
	assert_int_equal(n, 0);
	refused(f, candor_app_user_remove(&f->app, "Bob", &n), CANDOR_ECONFLICT, "role", snapshot(f));
	candor_error_clear(&f->err);
}

static void test_account_assess(void **state)
{
	struct fixture *f = *state;
	struct candor_account acc = { 0 };
	struct candor_app_account_view v;
	struct candor_app_fate fate;
	int64_t alex, id;

	assert_int_equal(candor_app_contact_add(&f->app, f->dana.account_id, "Alex Kim", NULL,
						NULL, &alex), 0);
	id = promise(f, "2026-11-10", "2026-11-12");
	assert_int_equal(candor_app_promise_keep(&f->app, id, day_of("2026-11-11"), NULL, &fate),
			 0);
	candor_app_fate_release(&fate);
	assert_int_equal(candor_store_account_find(f->s, "Northwind", &acc), 0);
	assert_int_equal(candor_app_account_assess(&f->app, &acc, f->app.now, &v), 0);
	assert_int_equal(v.contacts.n, 2);
	assert_int_equal(v.whole.kept, 1);
	for (size_t i = 0; i < v.contacts.n; i++)
		assert_int_equal(v.each[i].kept, v.contacts.v[i].id == f->dana.id ? 1 : 0);
	candor_app_account_view_release(&v);
	candor_account_release(&acc);
}

static bool only_bob(const char *owner, void *data)
{
	return !strcmp(owner, data);
}

static void test_pipeline(void **state)
{
	struct fixture *f = *state;
	struct candor_app_pipeline p;
	struct candor_app_pipeline_filter bob = { .visible = only_bob, .data = "Bob" };
	struct candor_app_pipeline_filter sam = { .seller = "sam" };
	struct candor_app_fate fate;
	int64_t acc, lee, id;

	assert_int_equal(candor_app_account_add(&f->app, "South", "Bob", NULL, &acc), 0);
	assert_int_equal(candor_app_contact_add(&f->app, acc, "Lee Park", NULL, NULL, &lee), 0);
	id = promise(f, "2026-11-10", "2026-11-12");
	assert_int_equal(candor_app_promise_break(&f->app, id, day_of("2026-11-13"), NULL, &fate),
			 0);
	candor_app_fate_release(&fate);
	assert_int_equal(candor_app_pipeline_load(&f->app, NULL, f->app.now, &p), 0);
	assert_int_equal(p.n, 2);
	for (size_t i = 1; i < p.n; i++)
		assert_true(candor_assessment_order(&p.v[i - 1].a, &p.v[i].a) <= 0);
	candor_app_pipeline_release(&p);
	assert_int_equal(candor_app_pipeline_load(&f->app, &bob, f->app.now, &p), 0);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.v[0].c->id, lee);
	assert_string_equal(p.v[0].owner, "Bob");
	candor_app_pipeline_release(&p);
	assert_int_equal(candor_app_pipeline_load(&f->app, &sam, f->app.now, &p), 0);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.v[0].c->id, f->dana.id);
	assert_int_equal(p.v[0].a.broken, 1);
	candor_app_pipeline_release(&p);
}

/* Each buyer's whole answer from the pipeline, in contact id order. */
struct wholes { char *name[80], *doc[80]; size_t n; };

static int take_whole(void *data, const struct candor_app_buyer *b)
{
	struct wholes *w = data;

	assert_true(w->n < 80);
	w->name[w->n] = strdup(b->c->name);
	w->doc[w->n++] = strdup(b->whole);
	return 0;
}

/*
 * Many stale buyers (more than one load of evidence each would be worth:
 * a new model, a day gone by) are brought up to date account by account,
 * the accounts' buyers interleaved by id: every kept answer is the one
 * the buyer's own evidence gives, none taken from a neighbour's.
 */
static void test_many_stale_kept_answers(void **state)
{
	struct fixture *f = *state;
	struct candor_app_pipeline_query q = { .at = f->app.now, .whole = true };
	struct wholes w = { .n = 0 };
	int64_t acc[3], id;
	char name[32];

	for (int a = 0; a < 3; a++) {
		snprintf(name, sizeof(name), "Account %d", a);
		assert_int_equal(candor_app_account_add(&f->app, name, "Sam", NULL, &acc[a]), 0);
	}
	for (int i = 0; i < 72; i++) {
		struct candor_contact c;
		struct candor_app_fact fact = { CANDOR_FACT_MOTIVATION, "wants the plant on one system",
						NULL, CANDOR_CONF_HIGH, day_of("2026-11-01") };
		struct candor_app_fate fate;

		snprintf(name, sizeof(name), "Buyer %02d", i);
		assert_int_equal(candor_app_contact_add(&f->app, acc[i % 3], name, NULL, NULL, &id), 0);
		assert_int_equal(candor_app_contact_find(&f->app, name, &c), 0);
		if (i % 2)
			assert_int_equal(candor_app_fact_learn(&f->app, &c, &fact, &id), 0);
		if (i % 5 == 0) {
			assert_int_equal(candor_app_promise_make(&f->app, &c, "send the case study",
								 day_of("2026-11-10"),
								 day_of("2026-11-12"), &id), 0);
			assert_int_equal(candor_app_promise_break(&f->app, id, day_of("2026-11-13"),
								  NULL, &fate), 0);
			candor_app_fate_release(&fate);
		}
		candor_contact_release(&c);
	}
	assert_int_equal(candor_app_pipeline_each(&f->app, &q, take_whole, &w), 0);
	assert_int_equal(w.n, 73);   /* and Dana */
	for (size_t i = 0; i < w.n; i++) {
		struct candor_contact c;
		char *own = NULL;

		assert_int_equal(candor_store_contact_find(f->s, w.name[i], &c), 0);
		assert_int_equal(candor_app_contact_whole(&f->app, &c, f->app.now, true, &own), 0);
		assert_string_equal(w.doc[i], own);
		free(own);
		free(w.doc[i]);
		free(w.name[i]);
		candor_contact_release(&c);
	}
}

/*
 * The pipeline's rules: a seller filter is any part of a name, or a list,
 * without case or accents, and one that names no seller (of those the
 * user may see) says so; a sort is one of four names; every buyer has a
 * one-line reason, decided and ready ones too.
 */
static void test_pipeline_rules(void **state)
{
	struct fixture *f = *state;
	struct candor_assessment *a = calloc(1, sizeof(*a));
	char reason[320], *owners = NULL;
	int64_t acc;
	int sort;

	assert_non_null(a);
	assert_true(candor_app_seller_matches("Sam Seller", "sam"));
	assert_true(candor_app_seller_matches("Sam Seller", "ann, SELL"));
	assert_true(candor_app_seller_matches("Jos\xc3\xa9 Ortega", "jose"));
	assert_false(candor_app_seller_matches("Ann", "sam"));
	assert_false(candor_app_seller_matches("Ann", "sam,bob"));
	assert_true(candor_app_seller_matches("Ann", ""));
	assert_true(candor_app_seller_matches("Ann", " , "));

	assert_int_equal(candor_app_account_add(&f->app, "South", "Bob Builder", NULL, &acc), 0);
	assert_int_equal(candor_app_pipeline_sellers(&f->app, "sa, bui", NULL, &owners), 0);
	assert_non_null(strstr(owners, "\nSam\n"));
	assert_non_null(strstr(owners, "\nBob Builder\n"));
	free(owners);
	assert_int_equal(candor_app_pipeline_sellers(&f->app, "sam,nobody", NULL, &owners),
			 CANDOR_ENOTFOUND);
	assert_null(owners);
	assert_string_equal(f->err.msg, "no buyer's seller matches 'nobody'");
	assert_string_equal(f->err.field, "seller");
	/* a seller sees their own accounts: another's name is no one's */
	assert_int_equal(candor_app_pipeline_sellers(&f->app, "sam", "Bob Builder", &owners),
			 CANDOR_ENOTFOUND);

	assert_int_equal(candor_app_pipeline_sort(&f->app, "DUE", &sort), 0);
	assert_int_equal(sort, CANDOR_SORT_DUE);
	assert_int_equal(candor_app_pipeline_sort(&f->app, NULL, &sort), 0);
	assert_int_equal(sort, CANDOR_SORT_URGENCY);
	assert_int_equal(candor_app_pipeline_sort(&f->app, "sideways", &sort), CANDOR_EINVALID);
	assert_string_equal(f->err.field, "sort");

	a->stage = CANDOR_STAGE_NEW;
	a->decision = -1;
	candor_app_buyer_reason(reason, sizeof(reason), a, NULL);
	assert_string_equal(reason, "nothing logged yet: log a first conversation");
	a->stage = CANDOR_STAGE_READY;
	for (int g = 0; g < CANDOR_GATES; g++)
		a->gates[g].open = true;
	candor_app_buyer_reason(reason, sizeof(reason), a, NULL);
	assert_string_equal(reason, "every gate open: ask what would make it safe to choose now");
	a->stage = CANDOR_STAGE_DECIDED;
	a->decision = CANDOR_DECISION_CHOSE_ANOTHER;
	a->decided_at = day_of("2026-11-12");
	candor_app_buyer_reason(reason, sizeof(reason), a, NULL);
	assert_string_equal(reason, "chose another on 2026-11-12");
	a->gates[1].open = false;
	a->gates[1].nreasons = 1;
	snprintf(a->gates[1].reasons[0].text, sizeof(a->gates[1].reasons[0].text), "engagement not returned");
	candor_app_buyer_reason(reason, sizeof(reason), a, NULL);
	assert_string_equal(reason, "chose another on 2026-11-12; since then: engagement not returned");
	a->stage = CANDOR_STAGE_KNOW;
	a->decision = -1;
	candor_app_buyer_reason(reason, sizeof(reason), a, NULL);
	assert_string_equal(reason, "engagement not returned");
	free(a);
}

static void test_call_import(void **state)
{
	static const char talk[] =
		"Sam Seller: Last time you wanted to think it over. Where did you land?\n"
		"Dana Reyes: Can I be honest with you? What worries me is another rollout.\n"
		"Sam Seller: I'll send you the case study by Friday.\n";
	struct fixture *f = *state;
	struct candor_lexicon *lx = NULL;
	struct candor_analyzer *az = NULL;
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;
	struct candor_app_call call = { .contact = &f->dana, .t = &t, .kind = 7,
					.at = day_of("2026-11-18T15:00"), .seller = "Sam Seller",
					.source = "call.txt" };
	struct candor_evidence_set set = { 0 };
	struct candor_scope sc = { 0 };
	struct candor_proposal_row *p = NULL;
	size_t np = 0;
	int64_t id = 0;

	assert_int_equal(candor_lexicon_load(&lx, candor_lexicon_default_dir(), &f->err), 0);
	assert_int_equal(candor_analyzer_new(&az, lx, &f->err), 0);
	assert_int_equal(candor_transcript_read(&t, talk, strlen(talk), "call.txt", &f->err), 0);
	assert_int_equal(candor_transcript_assign_sides(&t, "Sam Seller", NULL, 0, &f->err), 0);
	refused(f, candor_app_call_import(&f->app, &call, az, &id), CANDOR_EINVALID, "kind",
		snapshot(f));
	call.kind = CANDOR_INTERACTION_CALL;
	call.at = day_of("2026-12-20");
	refused(f, candor_app_call_import(&f->app, &call, az, &id), CANDOR_EINVALID, "at",
		snapshot(f));
	call.at = day_of("2026-11-18T15:00");
	assert_int_equal(candor_app_call_import(&f->app, &call, az, &id), 0);
	assert_true(id > 0);
	assert_int_equal(candor_store_evidence(f->s, &sc, &set), 0);
	assert_int_equal(set.ninteractions, 1);
	assert_true(set.nsignals > 0);
	assert_int_equal(candor_store_proposals(f->s, 0, 0, id, &p, &np), 0);
	assert_true(np > 0);
	candor_proposals_free(p, np);
	/* the conversation view reads it back whole */
	{
		struct candor_app_interaction x;

		assert_int_equal(candor_app_interaction_load(&f->app, id, &x), 0);
		assert_int_equal(x.it->id, id);
		assert_int_equal(x.nutts, 3);
		assert_int_equal(x.scope.contact_id, f->dana.id);
		assert_true(x.nprops > 0);
		candor_app_interaction_release(&x);
		assert_int_equal(candor_app_interaction_load(&f->app, id + 99, &x), CANDOR_ENOTFOUND);
		candor_app_interaction_release(&x);
		candor_error_clear(&f->err);
	}
	candor_evidence_set_release(&set);
	candor_transcript_release(&t);
	candor_analyzer_free(az);
	candor_lexicon_free(lx);
}

/* A chat file is stored as a chat, one utterance a message, unless the
 * caller names another kind; any other file as a call. */
static void test_chat_import(void **state)
{
	static const char chat[] =
		"10:00:01 From Sam Seller to Everyone:\n\tI'll send you the case study by Friday.\n"
		"10:00:09 From Sam Seller to Everyone:\n\tAnd the pricing.\n"
		"10:00:20 From Dana Reyes to Everyone:\n\tReacted to \"And the pricing.\" with +1\n";
	static const char talk[] = "Sam Seller: Hello.\nDana Reyes: Hi.\n";
	struct fixture *f = *state;
	struct candor_lexicon *lx = NULL;
	struct candor_analyzer *az = NULL;
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT, u = CANDOR_TRANSCRIPT_INIT;
	struct candor_app_call call = { .contact = &f->dana, .t = &t,
					.kind = CANDOR_APP_KIND_FROM_FILE,
					.at = day_of("2026-11-18T15:00"), .seller = "Sam Seller",
					.source = "chat.txt" };
	struct candor_app_interaction x;
	int64_t id = 0;

	assert_int_equal(candor_lexicon_load(&lx, candor_lexicon_default_dir(), &f->err), 0);
	assert_int_equal(candor_analyzer_new(&az, lx, &f->err), 0);
	assert_int_equal(candor_transcript_read(&t, chat, strlen(chat), "chat.txt", &f->err), 0);
	assert_int_equal(candor_transcript_assign_sides(&t, "Sam Seller", NULL, 0, &f->err), 0);
	assert_int_equal(candor_app_call_kind(&call), CANDOR_INTERACTION_CHAT);
	assert_int_equal(candor_app_call_import(&f->app, &call, az, &id), 0);
	assert_int_equal(candor_app_interaction_load(&f->app, id, &x), 0);
	assert_int_equal(x.it->kind, CANDOR_INTERACTION_CHAT);
	assert_string_equal(x.it->text, "chat chat.txt: 2 messages");
	assert_int_equal(x.nutts, 2);  /* not merged; the reaction is no message */
	candor_app_interaction_release(&x);
	call.kind = CANDOR_INTERACTION_MEETING;
	/* the same file again is refused, naming the first; again, it is imported */
	assert_int_equal(candor_app_call_import(&f->app, &call, az, &id), CANDOR_ECONFLICT);
	assert_string_equal(f->err.field, "file");
	assert_non_null(strstr(f->err.msg, "already imported as interaction"));
	assert_non_null(strstr(f->err.msg, "(Dana Reyes, 2026-11-18)"));
	call.again = true;
	assert_int_equal(candor_app_call_import(&f->app, &call, az, &id), 0);
	assert_int_equal(candor_app_interaction_load(&f->app, id, &x), 0);
	assert_int_equal(x.it->kind, CANDOR_INTERACTION_MEETING);
	candor_app_interaction_release(&x);
	assert_int_equal(candor_transcript_read(&u, talk, strlen(talk), "call.txt", &f->err), 0);
	call.t = &u;
	call.kind = CANDOR_APP_KIND_FROM_FILE;
	assert_int_equal(candor_app_call_kind(&call), CANDOR_INTERACTION_CALL);
	candor_transcript_release(&u);
	candor_transcript_release(&t);
	candor_analyzer_free(az);
	candor_lexicon_free(lx);
}

static void test_access(void **state)
{
	struct candor_app_actor ann = { "Ann", CANDOR_ROLE_SELLER };
	struct candor_app_actor meg = { "Meg", CANDOR_ROLE_MANAGER };
	struct candor_app_actor ada = { "Ada", CANDOR_ROLE_ADMIN };

	(void)state;
	assert_true(candor_app_may_see(&ann, "ann") && candor_app_may_change(&ann, "ANN"));
	assert_false(candor_app_may_see(&ann, "Bob") || candor_app_may_change(&ann, "Bob"));
	assert_true(candor_app_may_see(&meg, "Bob") && !candor_app_may_change(&meg, "Bob"));
	assert_true(candor_app_may_change(&meg, "Meg"));
	assert_true(candor_app_may_see(&ada, "Bob") && candor_app_may_change(&ada, "Bob"));
}


/* The message of err with every run of digits made "N": two ids' errors compared. */
static void without_ids(char *out, size_t n, const char *msg)
{
	size_t k = 0;

	for (const char *p = msg; *p && k + 2 < n; p++) {
		if (*p >= '0' && *p <= '9') {
			while (p[1] >= '0' && p[1] <= '9')
				p++;
			out[k++] = 'N';
		} else {
			out[k++] = *p;
		}
	}
	out[k] = '\0';
}

/* A seller cannot edit, delete or undo another seller's records: the answer
 * is the one a missing id gets.  A failed edit changes nothing. */
static void test_audit_access(void **state)
{
	struct fixture *f = *state;
	struct candor_app_actor ann = { "Ann", CANDOR_ROLE_SELLER };
	struct candor_app_actor sam = { "Sam", CANDOR_ROLE_SELLER };
	struct candor_app_edit due = { "due", "2026-12-01" }, early = { "due", "2026-11-01" };
	struct candor_app_deletion d;
	struct candor_app_undone u;
	char hidden[1024], missing[1024];
	bool changed = false;
	int64_t id, batch = 0;

	assert_int_equal(candor_app_batch_open(&f->app, "command", "Sam", "promise"), 0);
	id = promise(f, "2026-11-20", "2026-11-27");
	assert_int_equal(candor_audit_batch(f->s, &batch), 0);
	assert_true(batch > 0);
	f->app.who = &ann;
	assert_int_equal(candor_app_record_edit(&f->app, "promise", id, &due, 1, &changed),
			 CANDOR_ENOTFOUND);
	without_ids(hidden, sizeof(hidden), f->err.msg);
	assert_int_equal(candor_app_record_edit(&f->app, "promise", id + 100, &due, 1, &changed),
			 CANDOR_ENOTFOUND);
	without_ids(missing, sizeof(missing), f->err.msg);
	assert_string_equal(hidden, missing);
	assert_int_equal(candor_app_record_delete(&f->app, "promise", id, &d), CANDOR_ENOTFOUND);
	assert_int_equal(candor_app_undo(&f->app, batch, "Ann", NULL, &u), CANDOR_ENOTFOUND);
	without_ids(hidden, sizeof(hidden), f->err.msg);
	assert_int_equal(candor_app_undo(&f->app, batch + 100, "Ann", NULL, &u), CANDOR_ENOTFOUND);
	without_ids(missing, sizeof(missing), f->err.msg);
	assert_string_equal(hidden, missing);
	/* the owner may; a due date before the promise was made is refused, nothing changes */
	f->app.who = &sam;
	refused(f, candor_app_record_edit(&f->app, "promise", id, &early, 1, &changed),
		CANDOR_EINVALID, "due", snapshot(f));
	assert_false(changed);
	assert_int_equal(candor_app_record_edit(&f->app, "promise", id, &due, 1, &changed), 0);
	assert_true(changed);
	f->app.who = NULL;
}

/* A value a writer cannot build (text that is not UTF-8) makes the whole
 * answer NULL: never a document with the record left out. */
static void test_json_never_drops(void **state)
{
	char good[] = "Good", bad[] = "B\xed\xa0\x80" "d", empty[] = "", who[] = "Ann";
	struct candor_account v[2] = {
		{ .id = 1, .name = good, .owner = who, .note = empty },
		{ .id = 2, .name = bad, .owner = who, .note = empty },
	};
	struct candor_account_list accts = { v, 2 };
	struct candor_contact_list none = { NULL, 0 };
	struct candor_evidence_set set = { 0 };
	struct candor_commitment_event ev[2] = { { .id = 1, .note = empty }, { .id = 2, .note = bad } };
	struct candor_commitment c = { .id = 1, .text = good, .events = ev, .nevents = 2 };
	json_t *j;
	bool failed = false;

	(void)state;
	j = candor_json_export(&accts, &none, &set, 1795132800);
	assert_null(j);
	accts.n = 1;
	j = candor_json_export(&accts, &none, &set, 1795132800);
	assert_non_null(j);
	assert_int_equal(json_array_size(json_object_get(j, "accounts")), 1);
	json_decref(j);
	assert_null(candor_json_commitment(&c, 0));
	c.nevents = 1;
	j = candor_json_commitment(&c, 0);
	assert_non_null(j);
	json_decref(j);
	/* the checked setters */
	j = json_object();
	candor_json_put(j, "a", json_string("fine"), &failed);
	assert_false(failed);
	candor_json_put(j, "b", json_string(bad), &failed);
	assert_true(failed);
	assert_null(candor_json_checked(j, failed));
	failed = false;
	j = json_array();
	candor_json_push(j, json_pack("{s:s}", "x", bad), &failed);
	assert_true(failed);
	assert_null(candor_json_checked(j, failed));
}

/* The one name function: trimmed, NFC, no invisible or bidi characters. */
static void test_name_clean(void **state)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	struct candor_app app = { .err = &err };
	static const char *const bad[] = {
		"Evil\u202eCorp", "A\u200bB", "A\u00adB", "A\u2066B", "A\u200fB", "A\u061cB",
		"A\ufeffB", "\u3164", "A\u2028B", "  ", "\u00a0\u3000",
	};
	char *out = NULL;

	(void)state;
	assert_int_equal(candor_app_name_clean(&app, "name", "  Ann  ", &out), 0);
	assert_string_equal(out, "Ann");
	free(out);
	assert_int_equal(candor_app_name_clean(&app, "name", "Ann\u00a0\t Lee\u3000", &out), 0);
	assert_string_equal(out, "Ann Lee");
	free(out);
	assert_int_equal(candor_app_name_clean(&app, "name", "Cafe\u0301", &out), 0);
	assert_string_equal(out, "Caf\u00e9");
	free(out);
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(bad); i++) {
		if (candor_app_name_clean(&app, "owner", bad[i], &out) != CANDOR_EINVALID)
			fail_msg("accepted bad[%zu]", i);
		assert_null(out);
		assert_string_equal(err.field, "owner");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_kept_on_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kept_late, setup, teardown),
		cmocka_unit_test_setup_teardown(test_renegotiated_in_time_then_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_renegotiated_late_then_kept_is_kept_late,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_broken_then_nothing_more, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fate_dates_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_promise_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expectation_fates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fact_value_fit_decision, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_with_said, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accounts_and_contacts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_proposals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_users_tokens_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_access, setup, teardown),
		cmocka_unit_test_setup_teardown(test_access_taken_away, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pipeline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pipeline_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_stale_kept_answers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_account_assess, setup, teardown),
		cmocka_unit_test_setup_teardown(test_call_import, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chat_import, setup, teardown),
		cmocka_unit_test(test_access),
		cmocka_unit_test(test_json_never_drops),
		cmocka_unit_test(test_name_clean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
