/*
 * postgres-priv.h: what the PostgreSQL backend's files share (postgres.c,
 * the ledger; postgres-users.c; postgres-util.c, the plumbing).  Not for
 * use outside src/store.
 *
 * Every value is sent as a bound parameter (PQexecPrepared, or
 * PQexecParams past the statement cache), with its type given, never
 * pasted into the SQL text.  Results come back as text and are decoded by
 * the pg_col_* helpers.
 */
#ifndef CANDOR_POSTGRES_PRIV_H
#define CANDOR_POSTGRES_PRIV_H

#include <libpq-fe.h>
#include "util/buf.h"
#include "store/store.h"

/* the parameter types Candor binds (catalog/pg_type_d.h) */
#define INT8OID 20
#define TEXTOID 25
#define FLOAT8OID 701

#define PG_STMT_CACHE 64

/* The advisory lock every write transaction takes (see postgres.c). */
#define PG_WRITE_LOCK 1128353348 /* 0x43414e44, "CAND" */

struct pg {
	PGconn *conn;
	bool in_tx;       /* a transaction is open */
	bool read_only;   /* ... and it is a begin_read snapshot */
	bool failed;      /* a statement failed: the transaction can only roll back */
	bool generic;     /* ... and it runs prepared statements on generic plans (pg_query_generic) */
	struct { const char *sql; char name[16]; } cache[PG_STMT_CACHE];
	size_t ncache;
	const void *copying;   /* copying in: the table a COPY FROM STDIN is open for */
	struct candor_buf copy_buf;   /* its rows not yet sent */
};

#define PG(s) ((struct pg *)(s)->impl)

/*
 * Map a failed result (or, with r NULL, the connection's last error) to a
 * candor code and a one-line message naming the address; PQclear(r) is
 * the caller's.  Serialization failures, deadlocks and lock time-outs are
 * CANDOR_EDB with s->retry set.
 */
int pg_fail(struct candor_store *s, const PGresult *r, const char *doing);
/*
 * Run sql with parameters described by types ('i' int64_t, 'b' bool as
 * 0/1, 'd' double, 't' string, NULL sent as ''), $1, $2... in the text.
 * sql must be a string literal (its address keys the statement cache).
 * Returns the result (PGRES_TUPLES_OK or PGRES_COMMAND_OK), or NULL with
 * s->err set.  The caller PQclears it.
 */
PGresult *pg_query(struct candor_store *s, const char *sql, const char *types, ...);
/*
 * pg_query for a statement whose generic plan is as good as one made for
 * its values (no filter the values decide, no range of unknown size): in
 * a transaction it runs on the plan made once for the statement, not
 * planned again each time (PostgreSQL would, as a LIMIT $n makes a
 * generic plan look dearer; planning the board's queries took three times
 * as long as running them).  Outside a transaction, as pg_query.
 */
PGresult *pg_query_generic(struct candor_store *s, const char *sql, const char *types, ...);
/*
 * Run n queries (at most PG_BATCH_MAX), each of ($1, $2) = (a, b), in one
 * round trip (libpq's pipeline mode), in order; out[i] gets each result
 * (the caller PQclears them).  On failure every out[i] is NULL and s->err
 * says why.  Each sql must be a string literal, as for pg_query; with
 * generic, each is run as pg_query_generic runs it.
 */
#define PG_BATCH_MAX 16
int pg_query_batch(struct candor_store *s, const char *const *sql, size_t n, int64_t a, int64_t b,
		   bool generic, PGresult **out);
/* The same for a statement that writes: it needs a write transaction. */
PGresult *pg_write(struct candor_store *s, const char *sql, const char *types, ...);
/* A write whose RETURNING id goes to *id (when not NULL). */
int pg_exec(struct candor_store *s, PGresult *r, int64_t *id);
/* Collapse a libpq message (several lines, "FATAL:  ...") into one line. */
void pg_one_line(char *dst, size_t n, const char *msg);
/* Run a parameterless script (several statements) on the connection. */
int pg_script(struct candor_store *s, const char *sql, const char *doing);
/* Transactions: see the head of postgres-util.c. */
int pg_begin(struct candor_store *s);
int pg_begin_read(struct candor_store *s);
int pg_commit(struct candor_store *s);
void pg_rollback(struct candor_store *s);
/* Make the open transaction (if any) one that may write. */
int pg_writable(struct candor_store *s);

char *pg_col_text(const PGresult *r, int row, int col);
int64_t pg_col_int(const PGresult *r, int row, int col);
double pg_col_double(const PGresult *r, int row, int col);
int pg_col_enum(struct candor_store *s, const PGresult *r, int row, int col,
		const struct candor_name *names, int *out);
/* Grow *arr (of n elements of size) when it is full; the new slot is zeroed. */
int pg_grow(struct candor_store *s, void **arr, size_t n, size_t size);

/* Fill one row of a result array from row i of r. */
typedef int (*pg_row_fn)(struct candor_store *s, const PGresult *r, int i, void *row);
/* Fill *arr (n rows of size bytes, grown as needed) from result r, one
 * row at a time through fill; r is cleared.  r NULL: the query failed, its
 * message is already in s->err. */
int pg_fill_all(struct candor_store *s, PGresult *r, void **arr, size_t *n, size_t size,
		pg_row_fn fill);
/* Run sql with ($1, $2) = (a, b) and append its rows to *arr. */
int pg_load(struct candor_store *s, int64_t a, int64_t b, const char *sql,
	    void **arr, size_t *n, size_t size, pg_row_fn fill);

/* The backend's schema steps (postgres-schema.c). */
int pg_migrate(struct candor_store *s, bool create);
int pg_schema_version(struct candor_store *s, int *out);
/* Spreading by account (postgres-distribute.c): schema 8's keys; hash
 * partitions of an empty store; Citus, when its extension is there. */
extern const char pg_rekey_sql[];
/* The triggers of stage_counts (postgres-schema.c). */
extern const char pg_stage_count_sql[];
extern const char pg_owner_count_sql[];
int pg_partition(struct candor_store *s, int parts);
int pg_citus(struct candor_store *s);

/* Rows for copying: postgres-rows.c. */
int pg_rows(struct candor_store *s, const struct candor_table *t, candor_row_fn fn, void *arg);
int pg_row_add(struct candor_store *s, const struct candor_table *t, const struct candor_cell *row);
/* End the COPY that pg_row_add left open (a no-op when none is): 0 or the
 * error of a row the server refused.  The backend's bulk_end. */
int pg_copy_finish(struct candor_store *s);
/* The backend's copied (store.h): the counts made again, the statistics gathered. */
int pg_copied(struct candor_store *s);
int pg_rows_where(struct candor_store *s, const struct candor_table *t, const char *col, int64_t v,
		  const char *col2, int64_t v2, candor_row_fn fn, void *arg);
int pg_row_put(struct candor_store *s, const struct candor_table *t, const struct candor_cell *row);
int pg_max_id(struct candor_store *s, const struct candor_table *t, int64_t *out);
int pg_ids_text(struct candor_store *s, const struct candor_table *t, const char *col,
		const char *text, int64_t **out, size_t *n);

/* Users, sessions and API tokens: postgres-users.c. */
int pg_user_add(struct candor_store *s, struct candor_user *u);
int pg_users(struct candor_store *s, int64_t id, const char *name, struct candor_user_list *out);
int pg_secret_add(struct candor_store *s, int kind, const struct candor_secret *sec);
int pg_secret_find(struct candor_store *s, int kind, const char *selector,
		   struct candor_secret *out);
int pg_secret_delete(struct candor_store *s, int kind, const char *selector);
int pg_user_update(struct candor_store *s, const struct candor_user *u);
int pg_user_delete(struct candor_store *s, int64_t id);
int pg_secrets(struct candor_store *s, int kind, int64_t user_id, struct candor_secret **out,
	       size_t *n);
int pg_secrets_delete(struct candor_store *s, int kind, int64_t id, int64_t user_id);
int pg_secrets_purge(struct candor_store *s, int64_t now);

#endif
