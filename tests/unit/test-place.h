/*
 * test-place.h: a fresh, empty place for a store in a unit test, on the
 * backend the run chose.  With CANDOR_TEST_DB unset it is a SQLite file
 * under /tmp; with it set to a PostgreSQL address (postgresql://HOST/DB, as
 * tests/run's PostgreSQL pass sets it) it is a fresh schema of that
 * database, reached through search_path.  Shared by the unit tests that
 * run on both backends (test-store.c, test-app.c); include it after
 * cmocka.h, and link libpq.
 */
#ifndef CANDOR_TEST_PLACE_H
#define CANDOR_TEST_PLACE_H

#include <libpq-fe.h>

/* The PostgreSQL test database, or NULL on SQLite. */
static inline const char *pg_base(void)
{
	const char *b = getenv("CANDOR_TEST_DB");

	return b && *b ? b : NULL;
}

static inline void pg_quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* Run sql on the test server (PostgreSQL only); fails the test on error. */
static inline void pg_run(const char *sql)
{
	PGconn *c = PQconnectdb(pg_base());
	PGresult *r;

	assert_int_equal(PQstatus(c), CONNECTION_OK);
	PQsetNoticeProcessor(c, pg_quiet, NULL);
	r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
}

/* The address of schema in the test database. */
static inline void pg_address(char *out, size_t n, const char *schema)
{
	const char *b = pg_base();

	snprintf(out, n, "%s%soptions=-csearch_path%%3D%s", b, strchr(b, '?') ? "&" : "?", schema);
}

/*
 * Fill path (the store's address) with a fresh, empty place named after
 * who and tag: /tmp/candor-test-WHO-PID-TAG.db, removed first; or a new
 * schema t_PID_SEQ_TAG, whose name goes to schema ("" on SQLite).
 */
static inline void test_place_fresh(char *path, size_t npath, char *schema, size_t nschema,
				    const char *who, const char *tag)
{
	static int seq;
	char sql[256];

	if (!pg_base()) {
		snprintf(path, npath, "/tmp/candor-test-%s-%d-%s.db", who, (int)getpid(), tag);
		unlink(path);
		if (nschema)
			schema[0] = '\0';
		return;
	}
	snprintf(schema, nschema, "t_%d_%d_%s", (int)getpid(), seq++, tag);
	snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s",
		 schema, schema);
	pg_run(sql);
	pg_address(path, npath, schema);
}

/* Remove the place test_place_fresh made (the file and its WAL, or the schema). */
static inline void test_place_forget(const char *path, const char *schema)
{
	char sql[4200];

	if (schema[0]) {
		snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS %s CASCADE", schema);
		pg_run(sql);
		return;
	}
	unlink(path);
	snprintf(sql, sizeof(sql), "%s-wal", path);
	unlink(sql);
	snprintf(sql, sizeof(sql), "%s-shm", path);
	unlink(sql);
}

#endif
