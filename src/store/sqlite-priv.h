/*
 * sqlite-priv.h: what the SQLite backend's files share (sqlite.c, the
 * ledger; sqlite-util.c, the plumbing).  Not for use outside src/store.
 */
#ifndef CANDOR_SQLITE_PRIV_H
#define CANDOR_SQLITE_PRIV_H

#include <sqlite3.h>
#include "store/store.h"

#define STMT_CACHE 48

struct sq {
	sqlite3 *db;
	bool in_tx;
	struct { const char *sql; sqlite3_stmt *stmt; } cache[STMT_CACHE];
	size_t ncache;
	/* copying in (sqlite-rows.c): one INSERT per table */
	struct { const void *table; sqlite3_stmt *stmt; } ins[32];
	size_t nins;
	/* each table's row-by-id read (rows_where on "id"), prepared once */
	/* sq_rows_where's statements, by table and the columns they select by */
	struct { const void *table; char col[32], col2[32]; sqlite3_stmt *stmt; } byid[64];
	size_t nbyid;
};

#define SQ(s) ((struct sq *)(s)->impl)

/* Map a SQLite failure to a candor code and a message naming the file. */
int sq_fail(struct candor_store *s, int rc, const char *doing);
/* A prepared statement for sql (a string literal: its address is the cache key). */
sqlite3_stmt *sq_stmt(struct candor_store *s, const char *sql);
/* Give back a statement from sq_stmt or sq_bind. */
void sq_done(struct candor_store *s, sqlite3_stmt *st);
/*
 * Prepare sql and bind its parameters, described by types: 'i' an int64_t,
 * 't' a string (NULL binds ''), 'b' a bool, 'd' a double.  NULL on failure.
 */
sqlite3_stmt *sq_bind(struct candor_store *s, const char *sql, const char *types, ...);
/* Step an INSERT/UPDATE to completion; *id gets the new rowid when not NULL. */
int sq_exec(struct candor_store *s, sqlite3_stmt *st, const char *doing, int64_t *id);
int sq_exec_script(struct candor_store *s, const char *sql, const char *doing);
char *sq_col_text(sqlite3_stmt *st, int i);
#define sq_col_int(st, i) ((int64_t)sqlite3_column_int64(st, i))
/* Grow *arr (of n elements of size) when it is full. */
int sq_grow(struct candor_store *s, void **arr, size_t n, size_t size);
/* A CHECKed TEXT column as an enum; an unknown name is a damaged store. */
int sq_col_enum(struct candor_store *s, sqlite3_stmt *st, int i,
		const struct candor_name *names, int *out);

/* Fill one row of a result array from the current row of st. */
typedef int (*row_fn)(struct candor_store *s, sqlite3_stmt *st, void *row);
/* Run sql with (?1, ?2) = (sc->account_id, sc->contact_id), appending rows to *arr. */
int sq_load(struct candor_store *s, const struct candor_scope *sc, const char *sql,
	    void **arr, size_t *n, size_t size, row_fn fill);
/* The same over a statement already bound (from sq_bind; NULL: the error). */
int sq_load_st(struct candor_store *s, sqlite3_stmt *st, void **arr, size_t *n, size_t size,
	       row_fn fill);

/* Rows for copying: sqlite-rows.c. */
int sq_rows(struct candor_store *s, const struct candor_table *t, candor_row_fn fn, void *arg);
int sq_row_add(struct candor_store *s, const struct candor_table *t, const struct candor_cell *row);
int sq_rows_where(struct candor_store *s, const struct candor_table *t, const char *col, int64_t v,
		  const char *col2, int64_t v2, candor_row_fn fn, void *arg);
int sq_row_put(struct candor_store *s, const struct candor_table *t, const struct candor_cell *row);
int sq_max_id(struct candor_store *s, const struct candor_table *t, int64_t *out);
int sq_ids_text(struct candor_store *s, const struct candor_table *t, const char *col,
		const char *text, int64_t **out, size_t *n);

/* Users, sessions and API tokens: sqlite-users.c. */
int sq_user_add(struct candor_store *s, struct candor_user *u);
int sq_users(struct candor_store *s, int64_t id, const char *name, struct candor_user_list *out);
int sq_secret_add(struct candor_store *s, int kind, const struct candor_secret *sec);
int sq_secret_find(struct candor_store *s, int kind, const char *selector,
		   struct candor_secret *out);
int sq_secret_delete(struct candor_store *s, int kind, const char *selector);
int sq_user_update(struct candor_store *s, const struct candor_user *u);
int sq_user_delete(struct candor_store *s, int64_t id);
int sq_secrets(struct candor_store *s, int kind, int64_t user_id, struct candor_secret **out,
	       size_t *n);
int sq_secrets_delete(struct candor_store *s, int kind, int64_t id, int64_t user_id);
int sq_secrets_purge(struct candor_store *s, int64_t now);

#endif
