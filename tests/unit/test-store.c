/*
 * test-store.c: the store's conformance suite, through the store interface.
 *
 * With CANDOR_TEST_DB unset every test runs on a fresh SQLite file; with it
 * set to a PostgreSQL address (postgresql://HOST/DB, as tests/run's
 * PostgreSQL pass sets it) every test runs in a fresh schema of that
 * database, and the same assertions must hold.  Tests of what only one
 * backend has (SQLite's files, PostgreSQL's schemas) say so in their name
 * and pass on the other without checking anything.
 */
#include "util/common.h"
#include <setjmp.h>
#include <unistd.h>
#include <cmocka.h>
#include <sodium.h>
#include <sqlite3.h>
#include "store/store.h"
#include "store/schema.h"
#include "store/audit.h"
#include "util/buf.h"
#include "test-place.h"

struct fixture {
	char path[4096];    /* the store's address */
	char schema[64];    /* PostgreSQL: the fresh schema; "" on SQLite */
	struct candor_error err;
	struct candor_store *s;
};

/* A fresh, empty place for a store: a SQLite path or a PostgreSQL schema. */
static void fresh(struct fixture *f, const char *tag)
{
	test_place_fresh(f->path, sizeof(f->path), f->schema, sizeof(f->schema), "store", tag);
}

static void forget(struct fixture *f)
{
	test_place_forget(f->path, f->schema);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	fresh(f, "s");
	if (candor_store_open(&f->s, f->path, true, &f->err)) {
		fprintf(stderr, "# %s\n", f->err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	candor_store_close(f->s);
	forget(f);
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

/* Run sql on the store's own database, beside the store's connection. */
static void side_sql(const struct fixture *f, const char *sql)
{
	char buf[512];

	if (f->schema[0]) {
		snprintf(buf, sizeof(buf), "SET search_path = %s; %s", f->schema, sql);
		pg_run(buf);
	} else {
		set_user_version(f->path, sql);
	}
}

/*
 * A read of the evidence that fails part-way (here a table gone: on
 * PostgreSQL the sixth of the nine queries sent at once) gives an error and
 * nothing, and the store's connection serves the next read as before.
 */
static void a_failed_evidence_read_gives_nothing_and_the_store_goes_on(void **state)
{
	struct fixture *f = *state;
	struct candor_evidence_set set = { 0 };
	struct candor_scope sc = { 0 };
	struct candor_fact fact = { .kind = CANDOR_FACT_CRITERIA, .text = "uptime", .source = "call",
				    .confidence = CANDOR_CONF_HIGH, .at = 5 };
	int64_t acc = add_account(f->s, "Northwind"), c1 = add_contact(f->s, acc, "Dana");

	fact.account_id = sc.account_id = acc;
	fact.contact_id = sc.contact_id = c1;
	assert_int_equal(candor_store_fact_add(f->s, &fact), 0);
	assert_int_equal(candor_store_evidence(f->s, &sc, &set), 0);
	assert_int_equal(set.nfacts, 1);
	candor_evidence_set_release(&set);

	side_sql(f, "ALTER TABLE value_exchanged RENAME TO value_gone");
	assert_int_not_equal(candor_store_evidence(f->s, &sc, &set), 0);
	assert_non_null(strstr(f->err.msg, "value_exchanged"));
	assert_int_equal(set.nfacts, 0);
	assert_null(set.facts);
	assert_int_equal(set.ncommitments, 0);

	side_sql(f, "ALTER TABLE value_gone RENAME TO value_exchanged");
	memset(&f->err, 0, sizeof(f->err));
	assert_int_equal(candor_store_evidence(f->s, &sc, &set), 0);
	assert_int_equal(set.nfacts, 1);
	assert_string_equal(set.facts[0].text, "uptime");
	candor_evidence_set_release(&set);
	/* and a write after it */
	assert_int_equal(candor_store_fact_add(f->s, &fact), 0);
}

static void newer_or_foreign_databases_are_refused(void **state)
{
	struct fixture *f = *state;
	struct candor_store *s2 = NULL;
	struct candor_error err = CANDOR_ERROR_INIT;
	struct fixture other = { 0 };
	char sql[256];
	FILE *junk;

	if (f->schema[0]) {
		snprintf(sql, sizeof(sql), "UPDATE %s.candor_schema SET version = 99", f->schema);
		pg_run(sql);
	} else {
		set_user_version(f->path, "PRAGMA user_version = 99");
	}
	assert_int_equal(candor_store_open(&s2, f->path, false, &err), CANDOR_EDB);
	assert_non_null(strstr(err.msg, "newer"));
	/* another program's: tables, but not Candor's mark */
	if (f->schema[0]) {
		snprintf(sql, sizeof(sql), "DROP TABLE %s.candor_schema", f->schema);
		pg_run(sql);
	} else {
		set_user_version(f->path, "PRAGMA user_version = 1; PRAGMA application_id = 7");
	}
	assert_int_equal(candor_store_open(&s2, f->path, false, &err), CANDOR_EDB);
	assert_non_null(strstr(err.msg, "not a Candor database"));
	assert_int_equal(candor_store_open(&s2, f->path, true, &err), CANDOR_EDB);
	assert_non_null(strstr(err.msg, "not a Candor database"));
	/* an empty place is no store until init */
	fresh(&other, "empty");
	assert_int_equal(candor_store_open(&s2, other.path, false, &err), CANDOR_EDB);
	assert_non_null(strstr(err.msg, "candor init"));
	forget(&other);
	assert_null(s2);
	if (f->schema[0])
		return;
	/* SQLite alone: a damaged file */
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

/* The rows of a store made by an older candor, in SQL both backends take. */
static const char v4_rows[] =
	"INSERT INTO accounts(id, name, owner, created) VALUES (1, 'Old Co', '', 100);"
	"INSERT INTO contacts(id, account_id, name, created) VALUES (1, 1, 'Olga', 100);"
	"INSERT INTO interactions(id, account_id, contact_id, kind, at, text, source)"
	"  VALUES (1, 1, 1, 'call', 200, 'transcript old.vtt', 'old.vtt');"
	"INSERT INTO utterances(id, account_id, interaction_id, idx, speaker, side, start_s, end_s,"
	"  line, text) VALUES (1, 1, 1, 0, 'Olga', 'buyer', 0, 1, 3, 'Let me think about it.');"
	"INSERT INTO signals(id, account_id, contact_id, interaction_id, category, text, side,"
	"  utterance, start_char, end_char, quote)"
	"  VALUES (1, 1, 1, 1, 'stall', 'Let me think about it', 'buyer', 0, 0, 21, 'q');"
	"INSERT INTO proposals(id, account_id, contact_id, interaction_id, kind, side, text)"
	"  VALUES (1, 1, 1, 1, 'fact', 'buyer', 'p');"
	"INSERT INTO assessments(id, account_id) VALUES (1, 1);"
	"INSERT INTO users(id, name, role, pwhash, created) VALUES (1, 'Una', 'seller', 'h', 100);"
	"INSERT INTO sessions(id, user_id, selector, hash, csrf, created, expires)"
	"  VALUES (1, 1, 'aa', 'h', 'c', 100, 200);"
	"INSERT INTO api_tokens(id, user_id, selector, hash, created) VALUES (1, 1, 'bb', 'h', 100);"
	"INSERT INTO commitments(id, account_id, contact_id, text, made) VALUES (1, 1, 1, 'send it', 200);"
	"INSERT INTO commitment_events(id, account_id, commitment_id, at, status, due)"
	"  VALUES (1, 1, 1, 200, 'open', 300);"
	"INSERT INTO expectations(id, account_id, contact_id, text, set_at, by_at)"
	"  VALUES (1, 1, 1, 'a reply', 200, 300);"
	"INSERT INTO facts(id, account_id, contact_id, kind, text, at) VALUES (1, 1, 1, 'hoped', 'f', 200);"
	"INSERT INTO value_exchanged(id, account_id, contact_id, direction, text, at)"
	"  VALUES (1, 1, 1, 'given', 'v', 200);"
	"INSERT INTO fits(id, account_id, contact_id, verdict, text, at) VALUES (1, 1, 1, 'good', 'g', 200);"
	"INSERT INTO decisions(id, account_id, contact_id, kind, at) VALUES (1, 1, 1, 'still_deciding', 200);";

/* Count the rows of a table, and those not standing (deleted set). */
struct tally { int64_t rows, deleted; int col; };
static int tally_row(void *arg, const struct candor_cell *row)
{
	struct tally *t = arg;

	t->rows++;
	if (t->col >= 0 && row[t->col].i != 0)
		t->deleted++;
	return 0;
}

/* Migrations 0..3 as the backend would have run them, then the rows. */
static void make_v4_store(const struct fixture *f)
{
	struct candor_buf sql = CANDOR_BUF_INIT;

	if (f->schema[0]) {
		candor_buf_addf(&sql, "SET search_path TO %s;"
				"CREATE TABLE candor_schema (application TEXT NOT NULL, version INTEGER NOT NULL);"
				"INSERT INTO candor_schema VALUES ('candor', 4);", f->schema);
		for (int v = 0; v < 4; v++)
			for (const char *p = candor_migrations[v]; *p;) {
				if (!strncmp(p, " COLLATE NOCASE", 15))
					p += 15;
				else if (!strncmp(p, "INTEGER", 7))
					candor_buf_adds(&sql, "BIGINT"), p += 7;
				else if (!strncmp(p, " REAL ", 6))
					candor_buf_adds(&sql, " DOUBLE PRECISION "), p += 6;
				else
					candor_buf_addch(&sql, *p++);
			}
		candor_buf_adds(&sql, v4_rows);
		assert_false(candor_buf_error(&sql));
		pg_run(sql.ptr);
	} else {
		sqlite3 *db;

		for (int v = 0; v < 4; v++)
			candor_buf_adds(&sql, candor_migrations[v]);
		candor_buf_adds(&sql, v4_rows);
		candor_buf_adds(&sql, "PRAGMA user_version = 4; PRAGMA application_id = 1128353348;");
		assert_false(candor_buf_error(&sql));
		unlink(f->path);
		assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, sql.ptr, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
	}
	candor_buf_release(&sql);
}

/* A store of schema 4 is brought to 6 with every row kept: a chat can be
 * logged, the old signal reads as not a model's, and keys still hold; an
 * old API token reads as never expiring, and its user can be removed with
 * their session and token (schema 6). */
static void an_older_store_is_upgraded_with_its_rows(void **state)
{
	struct fixture *f = *state;
	struct fixture old = { 0 };
	struct candor_error err = CANDOR_ERROR_INIT;
	struct candor_store *s = NULL;
	struct candor_scope sc = { 1, 1 };
	struct candor_evidence_set ev = { 0 };
	struct candor_interaction chat = { .account_id = 1, .contact_id = 1,
					   .kind = CANDOR_INTERACTION_CHAT, .at = 300,
					   .text = "chat", .analyser = "phrases" };
	struct candor_signal orphan = { .contact_id = 1, .interaction_id = 99, .category = "stall",
					.text = "x", .quote = "", .utterance = -1 };
	struct candor_proposal_row *props = NULL;
	size_t nprops = 0;
	int v = -1;

	(void)f;
	fresh(&old, "v4");
	make_v4_store(&old);
	if (candor_store_open(&s, old.path, false, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(s->be->schema_version(s, &v), 0);
	assert_int_equal(v, CANDOR_SCHEMA_VERSION);
	assert_int_equal(v, 12);
	{
		/* schema 12: a search finds the rows there were (on PostgreSQL
		 * by the folds the upgrade made for them), by name and account */
		struct candor_list_query q = { .search = "OLGA" };
		int64_t counts[CANDOR_STAGE_DECIDED + 1], n = 0;

		assert_int_equal(candor_store_pipeline_counts(s, &q, counts), 0);
		for (int i = 0; i <= CANDOR_STAGE_DECIDED; i++)
			n += counts[i];
		assert_int_equal(n, 1);
		q.search = "old co";
		assert_int_equal(candor_store_pipeline_counts(s, &q, counts), 0);
		assert_int_equal(counts[0], 1);
		q.search = "olgb";
		assert_int_equal(candor_store_pipeline_counts(s, &q, counts), 0);
		assert_int_equal(counts[0], 0);
	}
	{
		/* schema 10: the counts per stage made from the buyers there were */
		struct candor_list_query q = { 0 };
		int64_t counts[CANDOR_STAGE_DECIDED + 1];

		assert_int_equal(candor_store_pipeline_counts(s, &q, counts), 0);
		assert_int_equal(counts[0], 1);
		for (int i = 1; i <= CANDOR_STAGE_DECIDED; i++)
			assert_int_equal(counts[i], 0);
	}
	assert_int_equal(candor_store_begin(s), 0);
	/* schema 7: every row kept, none deleted, new columns at their defaults */
	for (size_t i = 0; i < candor_ntables; i++) {
		const struct candor_table *t = &candor_tables[i];
		struct tally n = { 0, 0, -1 };
		bool audit = !strcmp(t->name, "batches") || !strcmp(t->name, "changes") ||
			     !strcmp(t->name, "corrections");

		for (size_t k = 0; k < t->ncols; k++)
			if (!strcmp(t->cols[k].name, "deleted"))
				n.col = (int)k;
		assert_int_equal(s->be->rows(s, t, tally_row, &n), 0);
		if (audit)
			assert_int_equal(n.rows, 0);
		else if (n.rows != 1)
			fail_msg("table %s has %" PRId64 " rows after the upgrade", t->name, n.rows);
		assert_int_equal(n.deleted, 0);
	}
	{
		struct candor_secret *toks = NULL, tok;
		size_t ntoks = 0;

		assert_int_equal(candor_store_secret_find(s, CANDOR_SECRET_TOKEN, "bb", &tok), 0);
		assert_int_equal(tok.expires, 0);
		assert_int_equal(candor_store_secrets(s, CANDOR_SECRET_TOKEN, 1, &toks, &ntoks), 0);
		assert_int_equal(ntoks, 1);
		free(toks);
		assert_int_equal(candor_store_user_delete(s, 1), 0);
		assert_int_equal(candor_store_secret_find(s, CANDOR_SECRET_SESSION, "aa", &tok),
				 CANDOR_ENOTFOUND);
		assert_int_equal(candor_store_secret_find(s, CANDOR_SECRET_TOKEN, "bb", &tok),
				 CANDOR_ENOTFOUND);
	}
	assert_int_equal(candor_store_evidence(s, &sc, &ev), 0);
	assert_int_equal(ev.ninteractions, 1);
	assert_string_equal(ev.interactions[0].source, "old.vtt");
	assert_string_equal(ev.interactions[0].analyser, "");
	assert_int_equal(ev.nsignals, 1);
	assert_string_equal(ev.signals[0].text, "Let me think about it");
	assert_true(ev.signals[0].confidence < 0);
	candor_evidence_set_release(&ev);
	assert_int_equal(candor_store_proposals(s, 0, 0, 1, &props, &nprops), 0);
	assert_int_equal(nprops, 1);
	candor_proposals_free(props, nprops);
	assert_int_equal(candor_store_interaction_add(s, &chat), 0);
	assert_int_equal(chat.id, 2);
	assert_int_not_equal(candor_store_signal_add(s, 1, &orphan), 0);
	candor_store_rollback(s);
	candor_store_close(s);
	forget(&old);
}

static void the_schema_is_current(void **state)
{
	struct fixture *f = *state;
	int v = -1;

	assert_int_equal(f->s->be->schema_version(f->s, &v), 0);
	assert_int_equal(v, CANDOR_SCHEMA_VERSION);
	assert_string_equal(f->s->be->name, f->schema[0] ? "postgresql" : "sqlite");
}

/* Names fold case in ASCII alone (SQLite's NOCASE), on both backends. */
static void names_fold_ascii_case_alone(void **state)
{
	struct fixture *f = *state;
	struct candor_account a;
	struct candor_account_list l;
	int64_t emile;

	emile = add_account(f->s, "émile Co");
	add_account(f->s, "banana");
	add_account(f->s, "Apple");
	add_account(f->s, "cherry");
	assert_int_equal(candor_store_account_find(f->s, "APPLE", &a), 0);
	assert_string_equal(a.name, "Apple");
	candor_account_release(&a);
	assert_int_equal(candor_store_account_find(f->s, "émile co", &a), 0);
	assert_int_equal(a.id, emile);
	candor_account_release(&a);
	assert_int_equal(candor_store_account_find(f->s, "ÉMILE CO", &a), CANDOR_ENOTFOUND);
	/* a whole word of the name: "co" */
	assert_int_equal(candor_store_account_find(f->s, "CO", &a), 0);
	assert_int_equal(a.id, emile);
	candor_account_release(&a);
	/* the same name in other case is the same account, for the same owner
	 * (in any case); another owner's is the application's rule (records.h) */
	{
		struct candor_account dup = { .name = "BANANA", .owner = "SAM", .note = "", .created = 1 };

		assert_int_equal(candor_store_account_add(f->s, &dup), CANDOR_ECONFLICT);
		assert_int_equal(candor_store_accounts_named(f->s, "Banana", &l), 0);
		assert_int_equal(l.n, 1);
		candor_account_list_release(&l);
	}
	/* sorted without case, bytes after ASCII last */
	assert_int_equal(candor_store_account_list(f->s, &l), 0);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0].name, "Apple");
	assert_string_equal(l.v[1].name, "banana");
	assert_string_equal(l.v[2].name, "cherry");
	assert_string_equal(l.v[3].name, "émile Co");
	candor_account_list_release(&l);
}

/* Ids are dense, as SQLite gives them: a rolled-back insert leaves no gap. */
static void ids_are_dense_after_a_rollback(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(candor_store_begin(f->s), 0);
	assert_int_equal(add_account(f->s, "One"), 1);
	assert_int_equal(candor_store_commit(f->s), 0);
	assert_int_equal(candor_store_begin(f->s), 0);
	assert_int_equal(add_account(f->s, "Gone"), 2);
	candor_store_rollback(f->s);
	assert_int_equal(candor_store_begin(f->s), 0);
	assert_int_equal(add_account(f->s, "Two"), 2);
	assert_int_equal(candor_store_commit(f->s), 0);
}

/* A read transaction sees one snapshot; a write in it makes it a write one. */
static void a_read_transaction_is_a_snapshot(void **state)
{
	struct fixture *f = *state;
	struct candor_error err2 = CANDOR_ERROR_INIT;
	struct candor_store *s2 = NULL;
	struct candor_account_list l;

	add_account(f->s, "Before");
	assert_int_equal(candor_store_open(&s2, f->path, false, &err2), 0);
	assert_int_equal(candor_store_begin_read(f->s), 0);
	assert_int_equal(candor_store_account_list(f->s, &l), 0);
	assert_int_equal(l.n, 1);
	candor_account_list_release(&l);
	assert_int_equal(candor_store_begin(s2), 0);
	add_account(s2, "Meanwhile");
	assert_int_equal(candor_store_commit(s2), 0);
	assert_int_equal(candor_store_account_list(f->s, &l), 0);
	assert_int_equal(l.n, 1);
	candor_account_list_release(&l);
	candor_store_rollback(f->s);
	assert_int_equal(candor_store_account_list(f->s, &l), 0);
	assert_int_equal(l.n, 2);
	candor_account_list_release(&l);
	/* writing inside a read transaction */
	assert_int_equal(candor_store_begin_read(f->s), 0);
	add_account(f->s, "Upgraded");
	assert_int_equal(candor_store_commit(f->s), 0);
	assert_int_equal(candor_store_account_list(s2, &l), 0);
	assert_int_equal(l.n, 3);
	candor_account_list_release(&l);
	candor_store_close(s2);
}

static void users_and_secrets_round_trip(void **state)
{
	struct fixture *f = *state;
	struct candor_user u = { .name = "Ann", .role = CANDOR_ROLE_MANAGER, .pwhash = "$argon2id$x",
				 .created = 7 };
	struct candor_user dup = { .name = "ANN", .role = CANDOR_ROLE_SELLER, .pwhash = "h" };
	struct candor_user got;
	struct candor_secret sec = { .created = 5, .expires = 9 }, out;

	assert_int_equal(candor_store_user_add(f->s, &u), 0);
	assert_int_equal(u.id, 1);
	assert_int_equal(candor_store_user_add(f->s, &dup), CANDOR_ECONFLICT);
	assert_int_equal(candor_store_user_find(f->s, 0, "aNN", &got), 0);
	assert_string_equal(got.name, "Ann");
	assert_int_equal(got.role, CANDOR_ROLE_MANAGER);
	assert_string_equal(got.pwhash, "$argon2id$x");
	candor_user_release(&got);
	sec.user_id = u.id;
	snprintf(sec.selector, sizeof(sec.selector), "%s", "00ff");
	snprintf(sec.hash, sizeof(sec.hash), "%s", "abc");
	snprintf(sec.csrf, sizeof(sec.csrf), "%s", "tok");
	assert_int_equal(candor_store_secret_add(f->s, CANDOR_SECRET_SESSION, &sec), 0);
	assert_int_equal(candor_store_secret_add(f->s, CANDOR_SECRET_TOKEN, &sec), 0);
	assert_int_equal(candor_store_secret_find(f->s, CANDOR_SECRET_SESSION, "00ff", &out), 0);
	assert_string_equal(out.csrf, "tok");
	assert_int_equal(out.expires, 9);
	assert_int_equal(candor_store_secret_find(f->s, CANDOR_SECRET_TOKEN, "00ff", &out), 0);
	assert_string_equal(out.csrf, "");
	assert_int_equal(out.expires, 9);  /* schema 6: tokens keep their expiry */
	assert_int_equal(candor_store_secret_delete(f->s, CANDOR_SECRET_SESSION, "00ff"), 0);
	assert_int_equal(candor_store_secret_find(f->s, CANDOR_SECRET_SESSION, "00ff", &out),
			 CANDOR_ENOTFOUND);
	assert_int_equal(candor_store_secret_find(f->s, CANDOR_SECRET_TOKEN, "00ff", &out), 0);
}

/* Taking access away (schema 6): tokens expire, are listed and revoked by
 * id, a user's sessions end together, expired rows are purged, and a user
 * goes with their sessions and tokens (foreign keys hold on PostgreSQL). */
static void access_is_taken_away(void **state)
{
	struct fixture *f = *state;
	struct candor_user a = { .name = "Ann", .role = CANDOR_ROLE_ADMIN, .pwhash = "h1", .created = 1 };
	struct candor_user b = { .name = "Bob", .role = CANDOR_ROLE_SELLER, .pwhash = "h2", .created = 1 };
	struct candor_user got, ghost = { .id = 99, .role = CANDOR_ROLE_SELLER, .pwhash = "x" };
	struct candor_secret sec = { .created = 5 }, *v = NULL, out;
	size_t n = 0;
	const char *sel[] = { "s1", "s2", "s3", "t1", "t2", "t3" };

	assert_int_equal(candor_store_user_add(f->s, &a), 0);
	assert_int_equal(candor_store_user_add(f->s, &b), 0);
	for (int i = 0; i < 6; i++) {
		sec.user_id = i % 3 == 2 ? a.id : b.id;
		sec.expires = i % 3 == 1 ? 50 : i % 3 == 0 && i >= 3 ? 0 : 500;
		snprintf(sec.selector, sizeof(sec.selector), "%s", sel[i]);
		snprintf(sec.hash, sizeof(sec.hash), "hash");
		assert_int_equal(candor_store_secret_add(f->s, i < 3 ? CANDOR_SECRET_SESSION
							  : CANDOR_SECRET_TOKEN, &sec), 0);
	}
	assert_int_equal(candor_store_secret_find(f->s, CANDOR_SECRET_TOKEN, "t2", &out), 0);
	assert_int_equal(out.expires, 50);
	assert_int_equal(candor_store_secrets(f->s, CANDOR_SECRET_TOKEN, b.id, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].selector, "t1");
	assert_int_equal(v[0].expires, 0);
	free(v);
	assert_int_equal(candor_store_secrets(f->s, CANDOR_SECRET_TOKEN, 0, &v, &n), 0);
	assert_int_equal(n, 3);
	free(v);
	/* purge: the two that expired at 50 go; expires 0 never does */
	assert_int_equal(candor_store_secrets_purge(f->s, 100), 0);
	assert_int_equal(candor_store_secret_find(f->s, CANDOR_SECRET_SESSION, "s2", &out), CANDOR_ENOTFOUND);
	assert_int_equal(candor_store_secret_find(f->s, CANDOR_SECRET_TOKEN, "t2", &out), CANDOR_ENOTFOUND);
	assert_int_equal(candor_store_secret_find(f->s, CANDOR_SECRET_TOKEN, "t1", &out), 0);
	/* revoke one token by id; end all of a user's sessions */
	assert_int_equal(candor_store_secrets_delete(f->s, CANDOR_SECRET_TOKEN, out.id, 0), 0);
	assert_int_equal(candor_store_secret_find(f->s, CANDOR_SECRET_TOKEN, "t1", &out), CANDOR_ENOTFOUND);
	assert_int_equal(candor_store_secret_find(f->s, CANDOR_SECRET_TOKEN, "t3", &out), 0);
	assert_int_equal(candor_store_secrets_delete(f->s, CANDOR_SECRET_SESSION, 0, b.id), 0);
	assert_int_equal(candor_store_secret_find(f->s, CANDOR_SECRET_SESSION, "s1", &out), CANDOR_ENOTFOUND);
	assert_int_equal(candor_store_secret_find(f->s, CANDOR_SECRET_SESSION, "s3", &out), 0);
	assert_int_equal(candor_store_secrets_delete(f->s, CANDOR_SECRET_SESSION, 0, 0), CANDOR_EINVALID);
	/* a new role and password */
	b.role = CANDOR_ROLE_MANAGER;
	b.pwhash = "h3";
	assert_int_equal(candor_store_user_update(f->s, &b), 0);
	assert_int_equal(candor_store_user_find(f->s, b.id, NULL, &got), 0);
	assert_int_equal(got.role, CANDOR_ROLE_MANAGER);
	assert_string_equal(got.pwhash, "h3");
	candor_user_release(&got);
	assert_int_equal(candor_store_user_update(f->s, &ghost), CANDOR_ENOTFOUND);
	/* Ann goes with her session and token */
	assert_int_equal(candor_store_user_delete(f->s, a.id), 0);
	assert_int_equal(candor_store_secret_find(f->s, CANDOR_SECRET_SESSION, "s3", &out), CANDOR_ENOTFOUND);
	assert_int_equal(candor_store_secret_find(f->s, CANDOR_SECRET_TOKEN, "t3", &out), CANDOR_ENOTFOUND);
	assert_int_equal(candor_store_user_find(f->s, a.id, NULL, &got), CANDOR_ENOTFOUND);
	assert_int_equal(candor_store_user_delete(f->s, a.id), CANDOR_ENOTFOUND);
}

/* Transcripts, signals, proposals: exact doubles, 64-bit times, enums. */
/* Corrections, signal confidence and the analyser's id round-trip; signals
 * can be taken away one by one or all an analysis found. */
static void corrections_round_trip(void **state)
{
	struct fixture *f = *state;
	int64_t acc = add_account(f->s, "Northwind"), c = add_contact(f->s, acc, "Dana");
	struct candor_interaction it = { .account_id = acc, .contact_id = c,
					 .kind = CANDOR_INTERACTION_CHAT, .at = 1000, .text = "chat",
					 .source = "chat.txt", .metrics = "{}", .seller_share = 0.5,
					 .analyser = "0123456789abcdef" };
	struct candor_signal a = { .contact_id = c, .category = "stall", .text = "later",
				   .side = CANDOR_SIDE_BUYER, .utterance = 0, .start = 0, .end = 5,
				   .quote = "later", .confidence = 0.625 };
	struct candor_signal b = a, byhand = a;
	struct candor_correction k = { .account_id = acc, .contact_id = c, .utterance = 0,
				       .category = "stall", .verdict = CANDOR_VERDICT_WRONG,
				       .side = CANDOR_SIDE_BUYER, .text = "later, maybe", .by = "Ann",
				       .at = 2000 }, *got = NULL;
	struct candor_scope sc = { acc, c }, where;
	struct candor_evidence_set set;
	size_t n = 0;

	assert_int_equal(candor_store_interaction_add(f->s, &it), 0);
	a.interaction_id = b.interaction_id = byhand.interaction_id = it.id;
	b.category = "social";
	b.confidence = -1;
	byhand.utterance = -1;
	assert_int_equal(candor_store_signal_add(f->s, acc, &a), 0);
	assert_int_equal(candor_store_signal_add(f->s, acc, &b), 0);
	assert_int_equal(candor_store_signal_add(f->s, acc, &byhand), 0);
	k.interaction_id = it.id;
	assert_int_equal(candor_store_correction_add(f->s, &k), 0);
	assert_true(k.id > 0);
	assert_int_equal(candor_store_corrections(f->s, 0, 0, 0, &got, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(got[0].interaction_id, it.id);
	assert_int_equal(got[0].verdict, CANDOR_VERDICT_WRONG);
	assert_int_equal(got[0].side, CANDOR_SIDE_BUYER);
	assert_string_equal(got[0].text, "later, maybe");
	assert_string_equal(got[0].by, "Ann");
	assert_int_equal(got[0].at, 2000);
	candor_corrections_free(got, n);
	assert_int_equal(candor_store_corrections(f->s, 0, 0, it.id + 1, &got, &n), 0);
	assert_int_equal(n, 0);
	candor_corrections_free(got, n);
	assert_int_equal(candor_store_locate(f->s, CANDOR_RECORD_CORRECTION, k.id, &where), 0);
	assert_int_equal(where.contact_id, c);
	assert_int_equal(candor_store_locate(f->s, CANDOR_RECORD_SIGNAL, a.id, &where), 0);
	assert_int_equal(where.account_id, acc);
	assert_int_equal(candor_store_locate(f->s, CANDOR_RECORD_SIGNAL, 999, &where), CANDOR_ENOTFOUND);

	assert_int_equal(candor_store_evidence(f->s, &sc, &set), 0);
	assert_int_equal(set.ninteractions, 1);
	assert_int_equal(set.interactions[0].kind, CANDOR_INTERACTION_CHAT);
	assert_string_equal(set.interactions[0].analyser, "0123456789abcdef");
	assert_int_equal(set.nsignals, 3);
	assert_true(set.signals[0].confidence == 0.625);
	assert_true(set.signals[1].confidence == -1);
	candor_evidence_set_release(&set);

	assert_int_equal(candor_store_signal_delete(f->s, &a, acc), 0);
	it.analyser = "phrases";
	it.seller_share = 0.25;
	assert_int_equal(candor_store_interaction_analysed(f->s, &it), 0);
	assert_int_equal(candor_store_evidence(f->s, &sc, &set), 0);
	assert_int_equal(set.nsignals, 2);
	assert_string_equal(set.interactions[0].analyser, "phrases");
	assert_true(set.interactions[0].seller_share == 0.25);
	candor_evidence_set_release(&set);
	/* clearing takes what an analysis found, not what was logged by hand */
	assert_int_equal(candor_store_signals_clear(f->s, &it), 0);
	assert_int_equal(candor_store_evidence(f->s, &sc, &set), 0);
	assert_int_equal(set.nsignals, 1);
	assert_int_equal(set.signals[0].utterance, -1);
	candor_evidence_set_release(&set);
	assert_int_equal(candor_store_correction_delete(f->s, &k), 0);
	assert_int_equal(candor_store_corrections(f->s, 0, 0, 0, &got, &n), 0);
	assert_int_equal(n, 0);
	candor_corrections_free(got, n);
}

static void conversations_round_trip(void **state)
{
	struct fixture *f = *state;
	int64_t acc = add_account(f->s, "Northwind"), c = add_contact(f->s, acc, "Dana");
	struct candor_interaction it = { .account_id = acc, .contact_id = c,
					 .kind = CANDOR_INTERACTION_CALL, .inbound = true,
					 .at = INT64_C(4102444800) /* 2100 */, .seller = "Sam",
					 .text = "call", .source = "a.vtt", .metrics = "{}",
					 .seller_share = 0.1 + 0.2 };
	struct candor_utterance u[2] = {
		{ .index = 0, .speaker = "Sam", .side = CANDOR_SIDE_SELLER, .start = 1.0 / 3,
		  .end = 2.5, .text = "What matters?", .line = 3 },
		{ .index = 1, .speaker = "Dana", .side = CANDOR_SIDE_BUYER, .start = -1, .end = -1,
		  .text = "Honestly, the close.", .line = 6 },
	};
	struct candor_signal sg = { .contact_id = c, .category = "candor", .text = "Honestly",
				    .side = CANDOR_SIDE_BUYER, .utterance = 1, .start = 0, .end = 8,
				    .quote = "Honestly, the close." };
	struct candor_proposal_row p = { .account_id = acc, .contact_id = c, .kind = CANDOR_PROPOSAL_FACT,
					 .side = CANDOR_SIDE_BUYER, .fact_kind = CANDOR_FACT_BOTHERING,
					 .text = "the close", .utterance = 1 }, *ps = NULL;
	struct candor_utterance *got = NULL;
	struct candor_evidence_set set;
	struct candor_scope sc = { acc, c };
	struct candor_scope where;
	size_t n = 0;

	assert_int_equal(candor_store_interaction_add(f->s, &it), 0);
	assert_int_equal(candor_store_utterances_add(f->s, acc, it.id, u, 2), 0);
	sg.interaction_id = it.id;
	assert_int_equal(candor_store_signal_add(f->s, acc, &sg), 0);
	p.interaction_id = it.id;
	assert_int_equal(candor_store_proposal_add(f->s, &p), 0);
	assert_int_equal(candor_store_utterances(f->s, acc, it.id, &got, &n), 0);
	assert_int_equal(n, 2);
	assert_true(got[0].start == 1.0 / 3);
	assert_true(got[1].end == -1);
	assert_int_equal(got[1].side, CANDOR_SIDE_BUYER);
	assert_string_equal(got[1].text, "Honestly, the close.");
	assert_int_equal(got[1].line, 6);
	candor_utterances_free(got, n);
	assert_int_equal(candor_store_evidence(f->s, &sc, &set), 0);
	assert_int_equal(set.ninteractions, 1);
	assert_true(set.interactions[0].seller_share == 0.1 + 0.2);
	assert_true(set.interactions[0].inbound);
	assert_int_equal(set.interactions[0].at, INT64_C(4102444800));
	assert_int_equal(set.nsignals, 1);
	assert_int_equal(set.signals[0].at, INT64_C(4102444800));
	assert_int_equal(set.signals[0].end, 8);
	assert_string_equal(set.signals[0].quote, "Honestly, the close.");
	candor_evidence_set_release(&set);
	p.status = CANDOR_PROPOSAL_ACCEPTED;
	p.record_id = 42;
	assert_int_equal(candor_store_proposal_resolve(f->s, &p), 0);
	assert_int_equal(candor_store_proposals(f->s, 0, 0, it.id, &ps, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ps[0].status, CANDOR_PROPOSAL_ACCEPTED);
	assert_int_equal(ps[0].record_id, 42);
	assert_int_equal(ps[0].fact_kind, CANDOR_FACT_BOTHERING);
	candor_proposals_free(ps, n);
	assert_int_equal(candor_store_locate(f->s, CANDOR_RECORD_PROPOSAL, p.id, &where), 0);
	assert_int_equal(where.contact_id, c);
	assert_int_equal(candor_store_locate(f->s, CANDOR_RECORD_INTERACTION, 99, &where),
			 CANDOR_ENOTFOUND);
}

static void expectations_resolve(void **state)
{
	struct fixture *f = *state;
	int64_t acc = add_account(f->s, "Northwind"), c = add_contact(f->s, acc, "Dana");
	struct candor_expectation e = { .account_id = acc, .contact_id = c, .text = "six weeks",
					.set_at = 1, .by = 100 }, *got;
	struct candor_evidence_set set;

	assert_int_equal(candor_store_expectation_add(f->s, &e), 0);
	e.status = CANDOR_EXPECTATION_MET;
	e.resolved_at = 90;
	assert_int_equal(candor_store_expectation_resolve(f->s, &e), 0);
	assert_int_equal(candor_store_expectation_load(f->s, e.id, &set, &got), 0);
	assert_int_equal(got->status, CANDOR_EXPECTATION_MET);
	assert_int_equal(got->resolved_at, 90);
	candor_evidence_set_release(&set);
}

/* Addresses: the backend is chosen by the address; a bad one is named. */
static void addresses_choose_the_backend(void **state)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	struct candor_store *s2 = NULL;
	char path[256];

	(void)state;
	assert_int_equal(candor_store_open(&s2, "mysql://db/x", false, &err), CANDOR_EINVALID);
	assert_non_null(strstr(err.msg, "'mysql://db/x'"));
	assert_int_equal(candor_store_open(&s2, "sqlite:", false, &err), CANDOR_EINVALID);
	snprintf(path, sizeof(path), "sqlite:/tmp/candor-test-addr-%d.db", (int)getpid());
	assert_int_equal(candor_store_open(&s2, path, true, &err), 0);
	assert_string_equal(s2->be->name, "sqlite");
	assert_string_equal(s2->location, path + 7);
	candor_store_close(s2);
	unlink(path + 7);
	/* a password never shows in a message */
	assert_int_equal(candor_store_open(&s2, "postgresql://ann:s3cret@127.0.0.1:1/x?connect_timeout=2",
					   false, &err), CANDOR_EDB);
	assert_null(strstr(err.msg, "s3cret"));
	assert_non_null(strstr(err.msg, "postgresql://ann:***@127.0.0.1:1/x"));
	assert_int_equal(candor_store_open(&s2, "postgres://127.0.0.1:1/x?password=s3cret&connect_timeout=2",
					   false, &err), CANDOR_EDB);
	assert_null(strstr(err.msg, "s3cret"));
	assert_null(s2);
}

/* Walk every page of q, limit rows at a time, into names ("a,b,c"). */
static void walk_contacts(struct fixture *f, struct candor_list_query q, char *names, size_t n)
{
	char next[CANDOR_CURSOR_MAX] = "", after[CANDOR_CURSOR_MAX];
	size_t len = 0;

	names[0] = '\0';
	do {
		struct candor_contact_list l;

		snprintf(after, sizeof(after), "%s", next);
		q.after = after;
		assert_int_equal(candor_store_contact_page(f->s, &q, &l, next), 0);
		assert_true(q.limit == 0 || l.n <= q.limit);
		assert_true(next[0] == '\0' || l.n == q.limit);
		for (size_t i = 0; i < l.n; i++)
			len += (size_t)snprintf(names + len, n - len, "%s%s", len ? "," : "", l.v[i].name);
		candor_contact_list_release(&l);
	} while (next[0]);
}

/* Pages: filters, both orders, and cursors that resume where a page ended. */
static void lists_page_with_filters_and_cursors(void **state)
{
	struct fixture *f = *state;
	struct candor_account lee = { .name = "Lee Co", .owner = "Lee", .note = "", .created = 1 };
	struct candor_contact mail = { .name = "Zed", .role = "", .email = "ZED@Fabrikam.example",
				       .created = 1 };
	struct candor_list_query q = { .limit = 2 };
	struct candor_account_list al;
	char names[512], next[CANDOR_CURSOR_MAX];
	int64_t north, contoso;

	north = add_account(f->s, "Northwind");
	contoso = add_account(f->s, "contoso");
	assert_int_equal(candor_store_account_add(f->s, &lee), 0);
	add_contact(f->s, north, "dana Reyes");
	add_contact(f->s, contoso, "Alex Kim");
	add_contact(f->s, north, "alex Kim");
	add_contact(f->s, lee.id, "Bo");
	mail.account_id = north;
	assert_int_equal(candor_store_contact_add(f->s, &mail), 0);
	add_contact(f->s, contoso, "Carmen");

	walk_contacts(f, q, names, sizeof(names));
	assert_string_equal(names, "Alex Kim,alex Kim,Bo,Carmen,dana Reyes,Zed");
	q.limit = 1;
	walk_contacts(f, q, names, sizeof(names));
	assert_string_equal(names, "Alex Kim,alex Kim,Bo,Carmen,dana Reyes,Zed");
	q.limit = 0;
	walk_contacts(f, q, names, sizeof(names));
	assert_string_equal(names, "Alex Kim,alex Kim,Bo,Carmen,dana Reyes,Zed");
	q.limit = 4;
	q.order = CANDOR_ORDER_ID;
	walk_contacts(f, q, names, sizeof(names));
	assert_string_equal(names, "dana Reyes,Alex Kim,alex Kim,Bo,Zed,Carmen");
	q.order = CANDOR_ORDER_NAME;
	q.search = "KIM";
	walk_contacts(f, q, names, sizeof(names));
	assert_string_equal(names, "Alex Kim,alex Kim");
	q.search = "fabrikam";   /* the email */
	walk_contacts(f, q, names, sizeof(names));
	assert_string_equal(names, "Zed");
	q.search = NULL;
	q.account_id = north;
	walk_contacts(f, q, names, sizeof(names));
	assert_string_equal(names, "alex Kim,dana Reyes,Zed");
	q.account_id = 0;
	q.owner = "lee";
	walk_contacts(f, q, names, sizeof(names));
	assert_string_equal(names, "Bo");

	/* accounts: by name without case, a page of one, then the rest */
	memset(&q, 0, sizeof(q));
	q.limit = 1;
	assert_int_equal(candor_store_account_page(f->s, &q, &al, next), 0);
	assert_int_equal(al.n, 1);
	assert_string_equal(al.v[0].name, "contoso");
	assert_string_not_equal(next, "");
	candor_account_list_release(&al);
	q.after = next;
	q.limit = 5;
	assert_int_equal(candor_store_account_page(f->s, &q, &al, next), 0);
	assert_int_equal(al.n, 2);
	assert_string_equal(al.v[0].name, "Lee Co");
	assert_string_equal(al.v[1].name, "Northwind");
	assert_string_equal(next, "");
	candor_account_list_release(&al);
	q.after = NULL;
	q.owner = "SAM";
	q.search = "WIN";
	assert_int_equal(candor_store_account_page(f->s, &q, &al, next), 0);
	assert_int_equal(al.n, 1);
	assert_string_equal(al.v[0].name, "Northwind");
	candor_account_list_release(&al);

	/* a cursor of another list, or none at all, is refused */
	memset(&q, 0, sizeof(q));
	q.after = "C3b31";
	assert_int_equal(candor_store_account_page(f->s, &q, &al, next), CANDOR_EINVALID);
	assert_string_equal(f->err.field, "after");
	candor_account_list_release(&al);
	q.after = "'; DROP TABLE accounts; --";
	assert_int_equal(candor_store_account_page(f->s, &q, &al, next), CANDOR_EINVALID);
	candor_account_list_release(&al);
}

static size_t nstale(struct fixture *f, int64_t at)
{
	struct candor_stale *st;
	size_t n;

	assert_int_equal(candor_store_assessments_stale(f->s, "m/1", at, &st, &n), 0);
	free(st);
	return n;
}

static void keep(struct fixture *f, int64_t id, int64_t account, int64_t evidence, int stage,
		 bool stalled, double trust)
{
	struct candor_assessment_row r = { .contact_id = id, .account_id = account, .model = "m/1",
					   .evidence = evidence, .at = 100, .valid_until = 200,
					   .stage = stage, .stalled = stalled, .trust = trust };

	assert_int_equal(candor_store_assessment_put(f->s, &r), 0);
}

/*
 * Kept answers: a new contact's is stale; one kept is fresh in [at,
 * valid_until) of its model; a write to the evidence makes it stale in the
 * same transaction, and an answer computed before that write is not kept.
 * Pages come in pipeline order: stage, stalled first, trust down, id.
 */
static void kept_answers_go_stale_with_the_evidence(void **state)
{
	struct fixture *f = *state;
	struct candor_fact fact = { .kind = 0, .text = "closing takes 9 days", .source = "",
				    .confidence = 1, .at = 50 };
	struct candor_list_query q = { .limit = 2 };
	struct candor_contact_list l;
	struct candor_assessment_row *rows;
	char next[CANDOR_CURSOR_MAX];
	struct candor_stale *st;
	size_t n;
	int64_t acc = add_account(f->s, "Northwind");
	int64_t ann = add_contact(f->s, acc, "Ann"), bo = add_contact(f->s, acc, "Bo");
	int64_t cy = add_contact(f->s, acc, "Cy");

	assert_int_equal(candor_store_assessments_stale(f->s, "m/1", 150, &st, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(st[0].contact_id, ann);
	assert_int_equal(st[0].account_id, acc);
	free(st);
	keep(f, ann, acc, 1, 2, false, 0.5);
	keep(f, bo, acc, 1, 2, true, 0.25);
	keep(f, cy, acc, 1, 1, false, 0.75);
	assert_int_equal(nstale(f, 150), 0);
	assert_int_equal(nstale(f, 99), 3);    /* computed for a later moment */
	assert_int_equal(nstale(f, 200), 3);   /* past valid_until */
	assert_int_equal(candor_store_assessments_stale(f->s, "m/2", 150, &st, &n), 0);
	assert_int_equal(n, 3);
	free(st);

	assert_int_equal(candor_store_pipeline_page(f->s, &q, &l, &rows, next), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].id, cy);
	assert_int_equal(l.v[1].id, bo);
	assert_true(rows[1].stalled);
	assert_true(rows[1].trust == 0.25);
	assert_string_not_equal(next, "");
	candor_contact_list_release(&l);
	free(rows);
	q.after = next;
	assert_int_equal(candor_store_pipeline_page(f->s, &q, &l, &rows, next), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, ann);
	assert_string_equal(next, "");
	candor_contact_list_release(&l);
	free(rows);

	fact.account_id = acc;
	fact.contact_id = bo;
	assert_int_equal(candor_store_begin(f->s), 0);
	assert_int_equal(candor_store_fact_add(f->s, &fact), 0);
	assert_int_equal(candor_store_assessments_stale(f->s, "m/1", 150, &st, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(st[0].contact_id, bo);
	assert_int_equal(st[0].evidence, 2);
	free(st);
	keep(f, bo, acc, 1, 2, true, 0.25);    /* from before the write: not kept */
	assert_int_equal(nstale(f, 150), 1);
	keep(f, bo, acc, 2, 3, false, 0.5);
	assert_int_equal(nstale(f, 150), 0);
	assert_int_equal(candor_store_commit(f->s), 0);
}

/* The audit trail (schema 7): each write of an open batch is a change with
 * the row before and after; a deleted row is in no read; a restored one is
 * back as it was, and its buyer's kept answer goes stale; a batch rolled
 * back, or one that wrote nothing, leaves no batch. */
static int64_t nbatches(struct candor_store *s)
{
	struct candor_batch *b = NULL;
	size_t n = 0;

	assert_int_equal(candor_store_batches(s, 0, 0, NULL, 0, &b, &n), 0);
	candor_batches_free(b, n);
	return (int64_t)n;
}

static void the_audit_trail_records_deletes_and_restores(void **state)
{
	struct fixture *f = *state;
	struct candor_fact fact = { .kind = 0, .text = "audit findings", .source = "",
				    .confidence = 1, .at = 100 };
	struct candor_field edit = { .col = "text", .t = "the audit findings" };
	struct candor_change *ch = NULL, *del = NULL;
	struct candor_batch *b = NULL;
	struct candor_evidence_set ev = { 0 };
	struct candor_contact c;
	struct candor_contact_list l = { 0 };
	struct candor_stale *st = NULL;
	struct candor_list_query q = { 0 };
	int64_t counts[CANDOR_STAGE_DECIDED + 1] = { 0 };
	size_t nch = 0, ndel = 0, nb = 0, nst = 0;
	int64_t acc, dana, later = 0;
	char *json = NULL;

	assert_int_equal(candor_store_begin(f->s), 0);
	assert_int_equal(candor_audit_begin(f->s, "command", "gone", "sam", 100), 0);
	add_account(f->s, "Gone");
	candor_store_rollback(f->s);
	assert_int_equal(candor_store_begin(f->s), 0);
	assert_int_equal(candor_audit_begin(f->s, "command", "nothing", "sam", 100), 0);
	assert_int_equal(candor_store_commit(f->s), 0);
	assert_int_equal(nbatches(f->s), 0);

	assert_int_equal(candor_store_begin(f->s), 0);
	assert_int_equal(candor_audit_begin(f->s, "import", NULL, "sam", 100), 0);
	assert_int_equal(candor_audit_source(f->s, "crm.csv:2"), 0);
	acc = add_account(f->s, "Northwind");
	dana = add_contact(f->s, acc, "Dana Reyes");
	fact.account_id = acc;
	fact.contact_id = dana;
	assert_int_equal(candor_store_fact_add(f->s, &fact), 0);
	assert_int_equal(candor_audit_describe(f->s, "import crm.csv"), 0);
	assert_int_equal(candor_store_commit(f->s), 0);
	assert_int_equal(candor_store_batches(f->s, dana, 0, NULL, 0, &b, &nb), 0);
	assert_int_equal(nb, 1);
	assert_string_equal(b[0].kind, "import");
	assert_string_equal(b[0].what, "import crm.csv");
	assert_string_equal(b[0].by, "sam");
	assert_int_equal(candor_store_changes(f->s, b[0].id, &ch, &nch), 0);
	assert_int_equal(nch, 3);
	assert_string_equal(ch[2].tbl, "facts");
	assert_string_equal(ch[2].action, "add");
	assert_string_equal(ch[2].before, "");
	assert_non_null(strstr(ch[2].after, "\"audit findings\""));
	assert_string_equal(ch[2].source, "crm.csv:2");
	assert_int_equal(ch[2].contact_id, dana);
	assert_int_equal(ch[1].contact_id, dana);    /* the contact's own row */
	candor_changes_free(ch, nch);
	candor_batches_free(b, nb);

	assert_int_equal(candor_store_begin(f->s), 0);
	assert_int_equal(candor_audit_begin(f->s, "command", "edit", "sam", 110), 0);
	assert_int_equal(candor_store_record_set(f->s, "facts", fact.id, &edit, 1), 0);
	assert_int_equal(candor_store_commit(f->s), 0);
	assert_int_equal(candor_store_changes(f->s, 2, &ch, &nch), 0);
	assert_int_equal(nch, 1);
	assert_string_equal(ch[0].action, "edit");
	assert_non_null(strstr(ch[0].before, "\"audit findings\""));
	assert_non_null(strstr(ch[0].after, "\"the audit findings\""));

	assert_int_equal(candor_store_begin(f->s), 0);
	assert_int_equal(candor_audit_begin(f->s, "command", "delete", "sam", 120), 0);
	assert_int_equal(candor_store_record_delete(f->s, "facts", fact.id), 0);
	assert_int_equal(candor_store_record_delete(f->s, "contacts", dana), 0);
	assert_int_equal(candor_store_commit(f->s), 0);
	/* in no read */
	assert_int_equal(candor_store_contact_find(f->s, "Dana Reyes", &c), CANDOR_ENOTFOUND);
	assert_int_equal(candor_store_contact_list(f->s, acc, &l), 0);
	assert_int_equal(l.n, 0);
	candor_contact_list_release(&l);
	assert_int_equal(candor_store_evidence(f->s, &(struct candor_scope){ acc, 0 }, &ev), 0);
	assert_int_equal(ev.nfacts, 0);
	candor_evidence_set_release(&ev);
	assert_int_equal(candor_store_pipeline_counts(f->s, &q, counts), 0);
	for (int i = 0; i <= CANDOR_STAGE_DECIDED; i++)
		assert_int_equal(counts[i], 0);
	assert_int_equal(candor_store_assessments_stale(f->s, "m/1", 150, &st, &nst), 0);
	assert_int_equal(nst, 0);
	free(st);
	assert_int_equal(candor_store_record_delete(f->s, "facts", fact.id), CANDOR_ENOTFOUND);
	assert_int_equal(candor_store_change_later(f->s, &ch[0], &later), 0);
	assert_int_equal(later, 3);
	candor_changes_free(ch, nch);

	/* restored from the delete's befores, newest first */
	assert_int_equal(candor_store_changes(f->s, 3, &del, &ndel), 0);
	assert_int_equal(ndel, 2);
	assert_string_equal(del[0].action, "delete");
	assert_int_equal(candor_store_begin(f->s), 0);
	assert_int_equal(candor_audit_begin(f->s, "undo", "undo 3", "sam", 130), 0);
	for (size_t i = ndel; i-- > 0;)
		assert_int_equal(candor_store_record_restore(f->s, del[i].tbl, del[i].record_id,
							     del[i].before), 0);
	assert_int_equal(candor_store_commit(f->s), 0);
	assert_int_equal(candor_store_contact_find(f->s, "Dana Reyes", &c), 0);
	candor_contact_release(&c);
	assert_int_equal(candor_store_evidence(f->s, &(struct candor_scope){ acc, dana }, &ev), 0);
	assert_int_equal(ev.nfacts, 1);
	assert_string_equal(ev.facts[0].text, "the audit findings");
	candor_evidence_set_release(&ev);
	assert_int_equal(candor_store_record_get(f->s, "facts", fact.id, &json), 0);
	assert_string_equal(json, del[0].before);
	free(json);
	assert_int_equal(candor_store_assessments_stale(f->s, "m/1", 150, &st, &nst), 0);
	assert_int_equal(nst, 1);
	free(st);
	assert_int_equal(candor_store_changes(f->s, 4, &ch, &nch), 0);
	assert_int_equal(nch, 2);
	assert_string_equal(ch[0].action, "add");    /* back from deleted */
	candor_changes_free(ch, nch);
	candor_changes_free(del, ndel);
	assert_int_equal(nbatches(f->s), 4);
	assert_int_equal(candor_store_record_set(f->s, "users", 1, &edit, 1), CANDOR_EINVALID);
}

static int64_t add_buyer(struct candor_store *s, int64_t account, const char *name,
			 const char *email)
{
	struct candor_contact c = { .account_id = account, .name = (char *)name, .role = "",
				    .email = (char *)email, .created = 1 };

	assert_int_equal(candor_store_contact_add(s, &c), 0);
	return c.id;
}

static void talked(struct candor_store *s, int64_t account, int64_t contact, int64_t at)
{
	struct candor_interaction it = { .account_id = account, .contact_id = contact,
					 .kind = CANDOR_INTERACTION_CALL, .at = at, .seller = "",
					 .text = "hello" };

	assert_int_equal(candor_store_interaction_add(s, &it), 0);
}

static void promised(struct candor_store *s, int64_t account, int64_t contact, int64_t due,
		     bool kept)
{
	struct candor_commitment_event e0 = { .at = 10, .status = CANDOR_COMMITMENT_OPEN,
					      .due = due, .note = "" };
	struct candor_commitment_event e1 = { .at = 20, .status = CANDOR_COMMITMENT_RENEGOTIATED,
					      .due = due + 50, .note = "" };
	struct candor_commitment_event e2 = { .at = 30, .status = CANDOR_COMMITMENT_KEPT,
					      .due = due + 50, .note = "" };
	struct candor_commitment c = { .account_id = account, .contact_id = contact,
				       .text = "send the case", .made = 10, .events = &e0, .nevents = 1 };

	assert_int_equal(candor_store_commitment_add(s, &c), 0);
	assert_int_equal(candor_store_commitment_event_add(s, &c, &e1), 0);   /* due moves on */
	if (kept)
		assert_int_equal(candor_store_commitment_event_add(s, &c, &e2), 0);
}

/* Keep an answer for contact id at its evidence counter as it stands now. */
static void keep_now(struct fixture *f, int64_t id, int64_t account, int stage, double trust)
{
	struct candor_stale *st;
	size_t n;
	int64_t evidence = -1;

	assert_int_equal(candor_store_assessments_stale(f->s, "m/1", 150, &st, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (st[i].contact_id == id)
			evidence = st[i].evidence;
	free(st);
	assert_true(evidence >= 0);
	keep(f, id, account, evidence, stage, false, trust);
}

/* The ids of a pipeline page of q, in order, into ids (n of them); next as the page says. */
static size_t pipeline_ids(struct fixture *f, struct candor_list_query *q, int64_t *ids,
			   char *next, struct candor_assessment_row *first)
{
	struct candor_contact_list l;
	struct candor_assessment_row *rows;
	size_t n;

	assert_int_equal(candor_store_pipeline_page(f->s, q, &l, &rows, next), 0);
	for (size_t i = 0; i < l.n; i++)
		ids[i] = l.v[i].id;
	if (first && l.n)
		*first = rows[0];
	n = l.n;
	candor_contact_list_release(&l);
	free(rows);
	return n;
}

/*
 * The counts per stage as the kept counts (stage_counts) give them, and
 * as a walk over the buyers gives them (a search every buyer matches: the
 * per-buyer query); the two must agree, and equal want.
 */
static void counts_are(struct fixture *f, const char *owner, int64_t account,
		       const int64_t want[CANDOR_STAGE_DECIDED + 1], int line)
{
	struct candor_list_query q = { .owner = owner, .account_id = account };
	int64_t kept[CANDOR_STAGE_DECIDED + 1], walked[CANDOR_STAGE_DECIDED + 1];

	assert_int_equal(candor_store_pipeline_counts(f->s, &q, kept), 0);
	q.search = "@";   /* every buyer below has an email */
	assert_int_equal(candor_store_pipeline_counts(f->s, &q, walked), 0);
	for (int i = 0; i <= CANDOR_STAGE_DECIDED; i++)
		if (kept[i] != want[i] || walked[i] != want[i])
			fail_msg("line %d, stage %d: kept %" PRId64 ", walked %" PRId64 ", want %" PRId64,
				 line, i, kept[i], walked[i], want[i]);
}
#define COUNTS(owner, account, ...) \
	counts_are(f, owner, account, (const int64_t[CANDOR_STAGE_DECIDED + 1]){ __VA_ARGS__ }, __LINE__)

/* One buyer's kept whole answer as of at for model (candor_store_assessment_doc),
 * compared with want (NULL: none may come back). */
static void one_doc_is(struct candor_store *s, int64_t acc, int64_t id, const char *model,
		       int64_t at, const char *want)
{
	char *got = (char *)"unset";

	assert_int_equal(candor_store_assessment_doc(s, acc, id, model, at, &got), 0);
	if (!want && got)
		fail_msg("contact %lld at %lld (%s): a kept answer came back: %s", (long long)id,
			 (long long)at, model, got);
	if (want) {
		assert_non_null(got);
		assert_string_equal(got, want);
	}
	free(got);
}

/*
 * A kept answer's whole text comes back for the row it was kept with
 * (the same evidence counter and moment; one buyer's: a moment in
 * [at, valid_until), the same model, the evidence as it stands) and for
 * nothing else: not after a write to the evidence, not for another moment,
 * and not when the row was changed on disk (cut short, one character
 * changed, its checksum changed): the caller then makes it again.
 */
static void kept_whole_answers_come_back_only_whole_and_current(void **state)
{
	static const char doc[] = "{\n  \"at\": \"1970-01-01\",\n  \"text\": \"caf\u00e9 \\\" {\",\n"
				  "  \"list\": [\n    1\n  ]\n}";
	static const char *const damage[] = {
		"UPDATE assessments SET doc = substr(doc, 1, length(doc) - 3) WHERE doc <> ''",
		"UPDATE assessments SET doc = replace(doc, '1970', '1971') WHERE doc <> ''",
		"UPDATE assessments SET doc = replace(doc, substr(doc, 1, 4), 'abcd') WHERE doc <> ''",
		"UPDATE assessments SET doc = substr(doc, 34) WHERE doc <> ''",
		"UPDATE assessments SET doc = substr(doc, 35) WHERE doc <> ''",
		"UPDATE assessments SET doc = substr(doc, 2) WHERE doc <> ''",  /* an old head's length */
		"UPDATE assessments SET doc = 'x' || substr(doc, 2) WHERE doc <> ''",
	};
	unsigned char old_sum[16];
	char old_hex[33], sql[256];
	struct fixture *f = *state;
	struct candor_fact fact = { .kind = 0, .text = "closing takes 9 days", .source = "",
				    .confidence = 1, .at = 50 };
	int64_t acc = add_account(f->s, "Northwind");
	int64_t ann = add_contact(f->s, acc, "Ann"), bo = add_contact(f->s, acc, "Bo");
	struct candor_assessment_row r[2] = {
		{ .contact_id = ann, .account_id = acc, .model = "m/1", .evidence = 1, .at = 100,
		  .valid_until = 200, .doc = doc },
		{ .contact_id = bo, .account_id = acc, .model = "m/1", .evidence = 1, .at = 100,
		  .valid_until = 200 },
	};
	char *docs[2];

	assert_int_equal(candor_store_assessment_put(f->s, &r[0]), 0);
	assert_int_equal(candor_store_assessment_put(f->s, &r[1]), 0);
	assert_int_equal(candor_store_assessment_docs(f->s, r, 2, docs), 0);
	assert_non_null(docs[0]);
	assert_string_equal(docs[0], doc);
	assert_null(docs[1]);                  /* kept without its text */
	free(docs[0]);
	one_doc_is(f->s, acc, ann, "m/1", 100, doc);
	one_doc_is(f->s, acc, ann, "m/1", 199, doc);
	one_doc_is(f->s, acc, ann, "m/1", 200, NULL);   /* valid_until is past */
	one_doc_is(f->s, acc, ann, "m/1", 99, NULL);    /* before it was made */
	one_doc_is(f->s, acc, ann, "m/2", 150, NULL);   /* another model's */
	one_doc_is(f->s, acc, bo, "m/1", 150, NULL);    /* kept without its text */
	one_doc_is(f->s, acc + 1, ann, "m/1", 150, NULL);

	r[0].at = 150;                         /* asked for another moment's */
	assert_int_equal(candor_store_assessment_docs(f->s, r, 1, docs), 0);
	assert_null(docs[0]);
	r[0].at = 100;

	for (size_t i = 0; i < sizeof(damage) / sizeof(damage[0]); i++) {
		assert_int_equal(candor_store_assessment_put(f->s, &r[0]), 0);
		side_sql(f, damage[i]);
		assert_int_equal(candor_store_assessment_docs(f->s, r, 1, docs), 0);
		if (docs[0])
			fail_msg("kept answer damaged by '%s' came back: %s", damage[i], docs[0]);
		one_doc_is(f->s, acc, ann, "m/1", 150, NULL);
	}

	/* a row kept before SipHash, under its BLAKE2b sum: still whole */
	assert_int_equal(sodium_init() < 0, 0);
	assert_int_equal(crypto_generichash(old_sum, sizeof(old_sum), (const unsigned char *)doc,
					    strlen(doc), NULL, 0), 0);
	sodium_bin2hex(old_hex, sizeof(old_hex), old_sum, sizeof(old_sum));
	assert_int_equal(candor_store_assessment_put(f->s, &r[0]), 0);
	snprintf(sql, sizeof(sql), "UPDATE assessments SET doc = '%s' || substr(doc, 34) WHERE doc <> ''",
		 old_hex);
	side_sql(f, sql);
	one_doc_is(f->s, acc, ann, "m/1", 150, doc);
	old_hex[0] = old_hex[0] == 'a' ? 'b' : 'a';        /* and refused when it does not sum */
	snprintf(sql, sizeof(sql), "UPDATE assessments SET doc = '%s' || substr(doc, 33) WHERE doc <> ''",
		 old_hex);
	side_sql(f, sql);
	one_doc_is(f->s, acc, ann, "m/1", 150, NULL);

	assert_int_equal(candor_store_assessment_put(f->s, &r[0]), 0);
	fact.account_id = acc;                 /* a write to the evidence */
	fact.contact_id = ann;
	assert_int_equal(candor_store_fact_add(f->s, &fact), 0);
	assert_int_equal(candor_store_assessment_docs(f->s, r, 1, docs), 0);
	assert_null(docs[0]);
	one_doc_is(f->s, acc, ann, "m/1", 150, NULL);
	r[0].evidence = 2;
	assert_int_equal(candor_store_assessment_put(f->s, &r[0]), 0);
	assert_int_equal(candor_store_assessment_docs(f->s, r, 1, docs), 0);
	assert_non_null(docs[0]);
	assert_string_equal(docs[0], doc);
	free(docs[0]);
	one_doc_is(f->s, acc, ann, "m/1", 150, doc);
}

/* What a stream gave: ids and docs in order; stop_at: the index fn stops at (-1: never). */
struct seen {
	int64_t ids[16];
	char *docs[16];
	size_t n;
	int stop_at, fail_at;
};

static int see_buyer(void *data, const struct candor_contact *c,
		     const struct candor_assessment_row *row, const char *doc)
{
	struct seen *w = data;

	if ((int)w->n == w->stop_at)
		return CANDOR_STORE_STOP;
	if ((int)w->n == w->fail_at)
		return CANDOR_ERROR;
	assert_int_equal(c->id, row->contact_id);
	assert_true(w->n < 16);
	w->ids[w->n] = c->id;
	w->docs[w->n++] = doc ? strdup(doc) : NULL;
	return 0;
}

static void seen_release(struct seen *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->docs[i]);
	memset(w, 0, sizeof(*w));
}

/* The stream again from nothing seen, stopping before buyer stop_at or
 * failing at fail_at (-1: neither); what it returns. */
static int stream_again(struct fixture *f, const struct candor_list_query *q,
			struct seen *w, int stop_at, int fail_at, char *next)
{
	seen_release(w);
	w->stop_at = stop_at;
	w->fail_at = fail_at;
	return candor_store_pipeline_stream(f->s, q, see_buyer, w, next);
}

/*
 * The stream (candor_store_pipeline_stream) gives the buyers the pages
 * give, in their order and filtered alike, each with the whole answer
 * candor_store_assessment_docs would give (none when kept without one or
 * damaged); a stop leaves a cursor the pages go on from, before the first
 * buyer an empty one; a failure part-way is returned and the store goes on.
 */
static void the_stream_gives_what_pages_give(void **state)
{
	struct fixture *f = *state;
	int64_t acc = add_account(f->s, "Northwind"), id[6], pages[16];
	static const char *const names[] = { "Ann", "Bo", "Cy", "Di", "Ed", "Flo" };
	struct candor_list_query q = { 0 };
	struct seen w = { .stop_at = -1, .fail_at = -1 };
	char next[CANDOR_CURSOR_MAX], docs[6][32];
	size_t n;

	for (int i = 0; i < 6; i++) {
		struct candor_assessment_row r = { .account_id = acc, .model = "m/1", .evidence = 1,
						   .at = 100, .valid_until = 200, .stage = i % 3,
						   .trust = 0.1 * i };

		id[i] = add_contact(f->s, acc, names[i]);
		r.contact_id = id[i];
		snprintf(docs[i], sizeof(docs[i]), "{\"buyer\": \"%s\"}", names[i]);
		r.doc = i == 4 ? NULL : docs[i];   /* Ed's kept without its text */
		assert_int_equal(candor_store_assessment_put(f->s, &r), 0);
	}
	/* Di's damaged on disk */
	side_sql(f, "UPDATE assessments SET doc = replace(doc, 'Di', 'Du') WHERE doc LIKE '%Di%'");

	n = pipeline_ids(f, &q, pages, next, NULL);
	assert_int_equal(n, 6);
	assert_int_equal(candor_store_pipeline_stream(f->s, &q, see_buyer, &w, next), 0);
	assert_string_equal(next, "");
	assert_int_equal(w.n, 6);
	for (size_t i = 0; i < n; i++) {
		int k = 0;

		assert_int_equal(w.ids[i], pages[i]);
		while (id[k] != pages[i])
			k++;
		if (k == 3 || k == 4)
			assert_null(w.docs[i]);
		else
			assert_string_equal(w.docs[i], docs[k]);
	}

	/* stopped before the fourth: the pages go on from the fourth */
	assert_int_equal(stream_again(f, &q, &w, 3, -1, next), CANDOR_STORE_STOP);
	assert_int_equal(w.n, 3);
	assert_string_not_equal(next, "");
	q.after = next;
	q.limit = 2;
	assert_int_equal(pipeline_ids(f, &q, pages + 8, (char[CANDOR_CURSOR_MAX]){ 0 }, NULL), 2);
	assert_int_equal(pages[8], pages[3]);
	assert_int_equal(pages[9], pages[4]);
	q.after = NULL;
	q.limit = 0;
	assert_int_equal(stream_again(f, &q, &w, 0, -1, next), CANDOR_STORE_STOP);
	assert_int_equal(w.n, 0);
	assert_string_equal(next, "");

	/* a failure part-way: returned, and the next statement runs */
	assert_int_equal(stream_again(f, &q, &w, -1, 2, next), CANDOR_ERROR);
	seen_release(&w);
	assert_int_equal(pipeline_ids(f, &q, pages, next, NULL), 6);

	/* filtered as pages are: a search, then the other orders */
	q.search = "BO";   /* Bo, folded */
	w.stop_at = w.fail_at = -1;
	n = pipeline_ids(f, &q, pages, next, NULL);
	assert_int_equal(n, 1);
	assert_int_equal(candor_store_pipeline_stream(f->s, &q, see_buyer, &w, next), 0);
	assert_int_equal(w.n, 1);
	assert_int_equal(w.ids[0], id[1]);
	seen_release(&w);
	q.search = NULL;
	for (int sort = CANDOR_SORT_TRUST; sort <= CANDOR_SORT_DUE; sort++) {
		q.sort = sort;
		w.stop_at = w.fail_at = -1;
		n = pipeline_ids(f, &q, pages, next, NULL);
		assert_int_equal(candor_store_pipeline_stream(f->s, &q, see_buyer, &w, next), 0);
		assert_int_equal(w.n, n);
		assert_memory_equal(w.ids, pages, n * sizeof(*pages));
		seen_release(&w);
	}
}

/*
 * The board's counts follow every change without a walk over the buyers:
 * a new buyer, an answer at another stage, a contact deleted and brought
 * back by an undo, a contact moved to another seller's account, an account
 * given away.
 */
static void stage_counts_follow_every_change(void **state)
{
	struct fixture *f = *state;
	struct candor_account fab = { .name = "Fabrikam", .owner = "Ann Other", .note = "", .created = 1 };
	struct candor_field give = { .col = "owner", .t = "sam" };
	struct candor_field to_fab = { .col = "account_id" };
	struct candor_change *del;
	int64_t acc, jose, lee, bo;
	size_t ndel, moved = 0;

	acc = add_account(f->s, "Contoso");
	assert_int_equal(candor_store_account_add(f->s, &fab), 0);
	jose = add_buyer(f->s, acc, "Jose", "j@contoso.example");
	lee = add_buyer(f->s, acc, "Lee", "lee@contoso.example");
	bo = add_buyer(f->s, fab.id, "Bo", "bo@fab.example");
	COUNTS(NULL, 0, 3, 0, 0, 0, 0, 0);
	COUNTS("sam", 0, 2, 0, 0, 0, 0, 0);
	COUNTS(NULL, fab.id, 1, 0, 0, 0, 0, 0);
	keep_now(f, jose, acc, 2, 0.5);
	keep_now(f, lee, acc, 3, 0.25);
	keep_now(f, bo, fab.id, 3, 0.75);
	COUNTS(NULL, 0, 0, 0, 1, 2, 0, 0);
	COUNTS("SAM", 0, 0, 0, 1, 1, 0, 0);
	COUNTS("Ann Other", 0, 0, 0, 0, 1, 0, 0);
	COUNTS(NULL, acc, 0, 0, 1, 1, 0, 0);
	COUNTS("sam", acc, 0, 0, 1, 1, 0, 0);
	COUNTS("Ann Other", acc, 0, 0, 0, 0, 0, 0);   /* not hers */

	/* deleted, then brought back by an undo */
	assert_int_equal(candor_store_begin(f->s), 0);
	assert_int_equal(candor_audit_begin(f->s, "command", "delete", "sam", 120), 0);
	assert_int_equal(candor_store_record_delete(f->s, "contacts", lee), 0);
	assert_int_equal(candor_store_commit(f->s), 0);
	COUNTS(NULL, 0, 0, 0, 1, 1, 0, 0);
	COUNTS("sam", 0, 0, 0, 1, 0, 0, 0);
	assert_int_equal(candor_store_changes(f->s, 1, &del, &ndel), 0);
	assert_int_equal(ndel, 1);
	assert_int_equal(candor_store_begin(f->s), 0);
	assert_int_equal(candor_audit_begin(f->s, "undo", "undo 1", "sam", 130), 0);
	assert_int_equal(candor_store_record_restore(f->s, del[0].tbl, del[0].record_id,
						     del[0].before), 0);
	assert_int_equal(candor_store_commit(f->s), 0);
	candor_changes_free(del, ndel);
	keep_now(f, lee, acc, 3, 0.3);
	COUNTS(NULL, 0, 0, 0, 1, 2, 0, 0);
	COUNTS("sam", 0, 0, 0, 1, 1, 0, 0);

	/* Jose moves to Ann's account: his answer, kept again, counts there */
	to_fab.i = fab.id;
	assert_int_equal(candor_store_begin(f->s), 0);
	assert_int_equal(candor_audit_begin(f->s, "command", "move", "sam", 140), 0);
	assert_int_equal(candor_store_record_set(f->s, "contacts", jose, &to_fab, 1), 0);
	assert_int_equal(candor_store_records_move(f->s, "interactions", "contact_id", jose, fab.id,
						   &moved), 0);
	assert_int_equal(candor_store_commit(f->s), 0);
	keep_now(f, jose, fab.id, 2, 0.5);
	COUNTS("sam", 0, 0, 0, 0, 1, 0, 0);
	COUNTS("ann other", 0, 0, 0, 1, 1, 0, 0);
	COUNTS(NULL, fab.id, 0, 0, 1, 1, 0, 0);
	COUNTS(NULL, 0, 0, 0, 1, 2, 0, 0);

	/* Fabrikam given to sam: its buyers count as his */
	assert_int_equal(candor_store_begin(f->s), 0);
	assert_int_equal(candor_audit_begin(f->s, "command", "give", "admin", 150), 0);
	assert_int_equal(candor_store_record_set(f->s, "accounts", fab.id, &give, 1), 0);
	assert_int_equal(candor_store_commit(f->s), 0);
	COUNTS("sam", 0, 0, 0, 1, 2, 0, 0);
	COUNTS("Ann Other", 0, 0, 0, 0, 0, 0, 0);
	{
		/* some sellers at once, as the board's seller filter gives them */
		struct candor_list_query q = { .owners = "\nsam\nAnn Other\n" };
		int64_t got[CANDOR_STAGE_DECIDED + 1];

		assert_int_equal(candor_store_pipeline_counts(f->s, &q, got), 0);
		assert_int_equal(got[2], 1);
		assert_int_equal(got[3], 2);
		q.owners = "\nAnn Other\n";
		assert_int_equal(candor_store_pipeline_counts(f->s, &q, got), 0);
		assert_int_equal(got[2] + got[3], 0);
	}

	/* Fabrikam deleted: its buyers count nowhere; brought back, as before */
	assert_int_equal(candor_store_begin(f->s), 0);
	assert_int_equal(candor_audit_begin(f->s, "command", "delete", "admin", 160), 0);
	assert_int_equal(candor_store_record_delete(f->s, "accounts", fab.id), 0);
	assert_int_equal(candor_store_commit(f->s), 0);
	COUNTS(NULL, 0, 0, 0, 0, 1, 0, 0);
	COUNTS("sam", 0, 0, 0, 0, 1, 0, 0);
	assert_int_equal(candor_store_changes(f->s, 5, &del, &ndel), 0);   /* the fifth batch */
	assert_int_equal(ndel, 1);
	assert_int_equal(candor_store_begin(f->s), 0);
	assert_int_equal(candor_audit_begin(f->s, "undo", "undo", "admin", 170), 0);
	assert_int_equal(candor_store_record_restore(f->s, del[0].tbl, del[0].record_id,
						     del[0].before), 0);
	assert_int_equal(candor_store_commit(f->s), 0);
	candor_changes_free(del, ndel);
	COUNTS(NULL, 0, 0, 0, 1, 2, 0, 0);
	COUNTS("sam", 0, 0, 0, 1, 2, 0, 0);
}
#undef COUNTS

/*
 * The pipeline's search folds case and accents over the buyer's name,
 * email and account; owners is a list of whole owners; each sort pages
 * with its own key (a cursor of one refused by another); what is due
 * lists open promises (at their last due date) and expectations alone.
 */
static void pipeline_searches_sorts_and_lists_what_is_due(void **state)
{
	struct fixture *f = *state;
	struct candor_account fab = { .name = "Fabrikam", .owner = "Ann Other", .note = "", .created = 1 };
	struct candor_list_query q = { 0 };
	struct candor_assessment_row first;
	struct candor_expectation e = { .text = "six weeks", .set_at = 1, .by = 400 };
	struct candor_due_list due;
	int64_t counts[CANDOR_STAGE_DECIDED + 1], ids[8], acc, jose, lee, bo;
	char next[CANDOR_CURSOR_MAX], after[CANDOR_CURSOR_MAX];
	bool more;

	acc = add_account(f->s, "Contoso");
	assert_int_equal(candor_store_account_add(f->s, &fab), 0);
	jose = add_buyer(f->s, acc, "Jos\xc3\xa9 N\xc3\xba\xc3\xb1\x65z", "jn@contoso.example");
	lee = add_buyer(f->s, acc, "Lee", "");
	bo = add_buyer(f->s, fab.id, "Bo", "BO@FAB.EXAMPLE");
	talked(f->s, acc, jose, 300);
	talked(f->s, fab.id, bo, 100);
	promised(f->s, acc, jose, 200, true);     /* kept: nothing open */
	promised(f->s, fab.id, bo, 450, false);   /* open, due 500 after renegotiation */
	e.account_id = acc;
	e.contact_id = jose;
	assert_int_equal(candor_store_expectation_add(f->s, &e), 0);
	keep_now(f, jose, acc, 2, 0.5);
	keep_now(f, lee, acc, 2, 0.25);
	keep_now(f, bo, fab.id, 1, 0.75);
	assert_int_equal(nstale(f, 150), 0);

	q.search = "JOSE";
	assert_int_equal(pipeline_ids(f, &q, ids, next, NULL), 1);
	assert_int_equal(ids[0], jose);
	q.search = "n\xc3\x9a\xc3\x91";        /* "nÚÑ" */
	assert_int_equal(pipeline_ids(f, &q, ids, next, NULL), 1);
	q.search = "fab.example";
	assert_int_equal(pipeline_ids(f, &q, ids, next, NULL), 1);
	assert_int_equal(ids[0], bo);
	q.search = "contoso";                  /* the account's name, or an email */
	assert_int_equal(pipeline_ids(f, &q, ids, next, NULL), 2);
	assert_int_equal(candor_store_pipeline_counts(f->s, &q, counts), 0);
	assert_int_equal(counts[2], 2);
	q.search = NULL;
	q.owners = "\nAnn Other\n";
	assert_int_equal(pipeline_ids(f, &q, ids, next, NULL), 1);
	assert_int_equal(ids[0], bo);
	assert_int_equal(candor_store_pipeline_counts(f->s, &q, counts), 0);
	assert_int_equal(counts[1], 1);
	assert_int_equal(counts[2], 0);
	q.owners = "\nAnn\n";                  /* whole owners only */
	assert_int_equal(pipeline_ids(f, &q, ids, next, NULL), 0);
	q.owners = NULL;

	q.sort = CANDOR_SORT_TRUST;
	q.limit = 1;
	assert_int_equal(pipeline_ids(f, &q, ids, next, NULL), 1);
	assert_int_equal(ids[0], bo);
	snprintf(after, sizeof(after), "%s", next);
	q.after = after;
	assert_int_equal(pipeline_ids(f, &q, ids, next, NULL), 1);
	assert_int_equal(ids[0], jose);
	q.sort = CANDOR_SORT_DUE;              /* a trust cursor is not a due one */
	assert_int_equal(candor_store_pipeline_page(f->s, &q, &(struct candor_contact_list){ 0 },
						    &(struct candor_assessment_row *){ NULL }, next),
			 CANDOR_EINVALID);
	q.after = NULL;
	q.limit = 0;
	q.sort = CANDOR_SORT_CONTACT;          /* never, then longest ago */
	assert_int_equal(pipeline_ids(f, &q, ids, next, &first), 3);
	assert_int_equal(ids[0], lee);
	assert_int_equal(ids[1], bo);
	assert_int_equal(ids[2], jose);
	assert_int_equal(first.last_contact, 0);
	q.sort = CANDOR_SORT_DUE;              /* the expectation, the promise, nothing */
	q.limit = 2;
	assert_int_equal(pipeline_ids(f, &q, ids, next, &first), 2);
	assert_int_equal(ids[0], jose);
	assert_int_equal(ids[1], bo);
	assert_int_equal(first.due, 400);
	snprintf(after, sizeof(after), "%s", next);
	q.after = after;
	assert_int_equal(pipeline_ids(f, &q, ids, next, &first), 1);
	assert_int_equal(ids[0], lee);
	assert_true(first.due == CANDOR_DUE_NONE);
	assert_string_equal(next, "");
	q.after = NULL;

	q.limit = 0;
	assert_int_equal(candor_store_due(f->s, &q, 450, &due, &more), 0);
	assert_int_equal(due.n, 1);
	assert_string_equal(due.v[0].kind, "expectation");
	assert_int_equal(due.v[0].contact_id, jose);
	assert_int_equal(due.v[0].due, 400);
	candor_due_list_release(&due);
	assert_int_equal(candor_store_due(f->s, &q, 600, &due, &more), 0);
	assert_int_equal(due.n, 2);
	assert_false(more);
	assert_string_equal(due.v[1].kind, "commitment");
	assert_int_equal(due.v[1].due, 500);
	assert_string_equal(due.v[1].contact_name, "Bo");
	candor_due_list_release(&due);
	q.limit = 1;
	assert_int_equal(candor_store_due(f->s, &q, 600, &due, &more), 0);
	assert_int_equal(due.n, 1);
	assert_true(more);
	candor_due_list_release(&due);
	q.owners = "\nAnn Other\n";
	q.limit = 0;
	assert_int_equal(candor_store_due(f->s, &q, 600, &due, &more), 0);
	assert_int_equal(due.n, 1);
	assert_int_equal(due.v[0].contact_id, bo);
	candor_due_list_release(&due);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(names_resolve_or_say_why, setup, teardown),
		cmocka_unit_test_setup_teardown(empty_names_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(a_rolled_back_transaction_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(evidence_round_trips_and_slices, setup, teardown),
		cmocka_unit_test_setup_teardown(a_failed_evidence_read_gives_nothing_and_the_store_goes_on,
						setup, teardown),
		cmocka_unit_test_setup_teardown(newer_or_foreign_databases_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(the_schema_is_current, setup, teardown),
		cmocka_unit_test_setup_teardown(an_older_store_is_upgraded_with_its_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(names_fold_ascii_case_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(ids_are_dense_after_a_rollback, setup, teardown),
		cmocka_unit_test_setup_teardown(a_read_transaction_is_a_snapshot, setup, teardown),
		cmocka_unit_test_setup_teardown(users_and_secrets_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(access_is_taken_away, setup, teardown),
		cmocka_unit_test_setup_teardown(conversations_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(corrections_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(expectations_resolve, setup, teardown),
		cmocka_unit_test_setup_teardown(lists_page_with_filters_and_cursors, setup, teardown),
		cmocka_unit_test_setup_teardown(kept_answers_go_stale_with_the_evidence, setup, teardown),
		cmocka_unit_test_setup_teardown(the_audit_trail_records_deletes_and_restores, setup, teardown),
		cmocka_unit_test_setup_teardown(pipeline_searches_sorts_and_lists_what_is_due, setup, teardown),
		cmocka_unit_test_setup_teardown(stage_counts_follow_every_change, setup, teardown),
		cmocka_unit_test_setup_teardown(the_stream_gives_what_pages_give, setup, teardown),
		cmocka_unit_test_setup_teardown(kept_whole_answers_come_back_only_whole_and_current,
						setup, teardown),
		cmocka_unit_test(addresses_choose_the_backend),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
