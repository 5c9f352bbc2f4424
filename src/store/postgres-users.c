/*
 * postgres-users.c: the PostgreSQL backend's users, sessions and API
 * tokens (schema 3; see "Users" in store.h).  Reference tables: not keyed
 * by account.  Names match case-insensitively in ASCII, as on SQLite.
 */
#include "util/common.h"
#include "store/postgres-priv.h"

int pg_user_add(struct candor_store *s, struct candor_user *u)
{
	struct candor_user_list l = { 0 };
	int rc;

	/* the check and the insert run under the writers' lock */
	if ((rc = pg_writable(s)) || (rc = pg_users(s, 0, u->name, &l)))
		goto cleanup;
	if (l.n) {
		rc = candor_error_set(s->err, CANDOR_ECONFLICT, "name",
				      "there is already a user named '%s'", u->name);
		goto cleanup;
	}
	rc = pg_exec(s, pg_write(s, "INSERT INTO users(id, name, role, pwhash, created)"
				 " SELECT coalesce(max(id), 0) + 1, $1, $2, $3, $4 FROM users RETURNING id",
				 "ttti", u->name, candor_name_of(candor_roles, u->role), u->pwhash,
				 u->created), &u->id);
cleanup:
	candor_user_list_release(&l);
	return rc;
}

static int user_row(struct candor_store *s, const PGresult *r, int i, struct candor_user *u)
{
	u->id = pg_col_int(r, i, 0);
	u->name = pg_col_text(r, i, 1);
	u->pwhash = pg_col_text(r, i, 3);
	u->created = pg_col_int(r, i, 4);
	if (!u->name || !u->pwhash)
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	return pg_col_enum(s, r, i, 2, candor_roles, &u->role);
}

int pg_users(struct candor_store *s, int64_t id, const char *name, struct candor_user_list *out)
{
	PGresult *r = pg_query(s, "SELECT id, name, role, pwhash, created FROM users"
			       " WHERE ($1 = 0 OR id = $1) AND ($2 = ''"
			       " OR lower(name COLLATE \"C\") = lower($2 COLLATE \"C\"))"
			       " ORDER BY lower(name COLLATE \"C\")", "it", id, name);
	int rc = 0, rows;

	memset(out, 0, sizeof(*out));
	if (!r)
		return s->err->code;
	rows = PQntuples(r);
	for (int i = 0; i < rows && !rc; i++) {
		if ((rc = pg_grow(s, (void **)&out->v, out->n, sizeof(*out->v))))
			break;
		rc = user_row(s, r, i, &out->v[out->n++]);
	}
	PQclear(r);
	if (rc)
		candor_user_list_release(out);
	return rc;
}

int pg_secret_add(struct candor_store *s, int kind, const struct candor_secret *sec)
{
	PGresult *r = kind == CANDOR_SECRET_SESSION
		? pg_write(s, "INSERT INTO sessions(id, user_id, selector, hash, csrf, created, expires)"
			   " SELECT coalesce(max(id), 0) + 1, $1, $2, $3, $4, $5, $6 FROM sessions",
			   "itttii", sec->user_id, sec->selector, sec->hash, sec->csrf, sec->created,
			   sec->expires)
		: pg_write(s, "INSERT INTO api_tokens(id, user_id, selector, hash, created, expires,"
			   " scope) SELECT coalesce(max(id), 0) + 1, $1, $2, $3, $4, $5, $6 FROM api_tokens",
			   "ittiit", sec->user_id, sec->selector, sec->hash, sec->created, sec->expires,
			   *sec->scope ? sec->scope : "api");

	return pg_exec(s, r, NULL);
}

static void copy_col(char *dst, size_t n, const PGresult *r, int row, int col)
{
	snprintf(dst, n, "%s", PQgetvalue(r, row, col));
}

static void secret_row(const PGresult *r, int i, struct candor_secret *out)
{
	out->id = pg_col_int(r, i, 0);
	out->user_id = pg_col_int(r, i, 1);
	copy_col(out->selector, sizeof(out->selector), r, i, 2);
	copy_col(out->hash, sizeof(out->hash), r, i, 3);
	copy_col(out->csrf, sizeof(out->csrf), r, i, 4);
	out->created = pg_col_int(r, i, 5);
	out->expires = pg_col_int(r, i, 6);
	copy_col(out->scope, sizeof(out->scope), r, i, 7);
}

int pg_secret_find(struct candor_store *s, int kind, const char *selector,
		   struct candor_secret *out)
{
	PGresult *r = kind == CANDOR_SECRET_TOKEN
		? pg_query(s, "SELECT id, user_id, selector, hash, '', created, expires, scope FROM api_tokens"
			   " WHERE selector = $1", "t", selector)
		: pg_query(s, "SELECT id, user_id, selector, hash, csrf, created, expires, '' FROM sessions"
			   " WHERE selector = $1", "t", selector);
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (!r)
		return s->err->code;
	if (PQntuples(r) == 1) {
		secret_row(r, 0, out);
	} else {
		rc = candor_error_set(s->err, CANDOR_ENOTFOUND, NULL, "no such session or token");
	}
	PQclear(r);
	return rc;
}

int pg_secret_delete(struct candor_store *s, int kind, const char *selector)
{
	return pg_exec(s, kind == CANDOR_SECRET_TOKEN
		       ? pg_write(s, "DELETE FROM api_tokens WHERE selector = $1", "t", selector)
		       : pg_write(s, "DELETE FROM sessions WHERE selector = $1", "t", selector), NULL);
}

/* Run a write that must touch exactly one row; CANDOR_ENOTFOUND otherwise. */
static int one_row(struct candor_store *s, PGresult *r, int64_t id)
{
	bool one;

	if (!r)
		return s->err->code ? s->err->code : CANDOR_ERROR;
	one = !strcmp(PQcmdTuples(r), "1");
	PQclear(r);
	return one ? 0 : candor_error_set(s->err, CANDOR_ENOTFOUND, "user", "no user #%" PRId64, id);
}

int pg_user_update(struct candor_store *s, const struct candor_user *u)
{
	return one_row(s, pg_write(s, "UPDATE users SET role = $1, pwhash = $2 WHERE id = $3", "tti",
				   candor_name_of(candor_roles, u->role), u->pwhash, u->id), u->id);
}

/* The sessions and tokens go first: they reference the user (foreign keys). */
int pg_user_delete(struct candor_store *s, int64_t id)
{
	int rc;

	if ((rc = pg_exec(s, pg_write(s, "DELETE FROM sessions WHERE user_id = $1", "i", id), NULL)) ||
	    (rc = pg_exec(s, pg_write(s, "DELETE FROM api_tokens WHERE user_id = $1", "i", id), NULL)))
		return rc;
	return one_row(s, pg_write(s, "DELETE FROM users WHERE id = $1", "i", id), id);
}

int pg_secrets(struct candor_store *s, int kind, int64_t user_id, struct candor_secret **out,
	       size_t *n)
{
	PGresult *r = kind == CANDOR_SECRET_TOKEN
		? pg_query(s, "SELECT id, user_id, selector, hash, '', created, expires, scope FROM api_tokens"
			   " WHERE ($1 = 0 OR user_id = $1) ORDER BY id", "i", user_id)
		: pg_query(s, "SELECT id, user_id, selector, hash, csrf, created, expires, '' FROM sessions"
			   " WHERE ($1 = 0 OR user_id = $1) ORDER BY id", "i", user_id);
	int rc = 0, rows;

	if (!r)
		return s->err->code;
	rows = PQntuples(r);
	for (int i = 0; i < rows && !rc; i++) {
		if ((rc = pg_grow(s, (void **)out, *n, sizeof(**out))))
			break;
		memset(&(*out)[*n], 0, sizeof(**out));
		secret_row(r, i, &(*out)[(*n)++]);
	}
	PQclear(r);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int pg_secrets_delete(struct candor_store *s, int kind, int64_t id, int64_t user_id)
{
	return pg_exec(s, kind == CANDOR_SECRET_TOKEN
		       ? pg_write(s, "DELETE FROM api_tokens WHERE ($1 = 0 OR id = $1)"
				  " AND ($2 = 0 OR user_id = $2)", "ii", id, user_id)
		       : pg_write(s, "DELETE FROM sessions WHERE ($1 = 0 OR id = $1)"
				  " AND ($2 = 0 OR user_id = $2)", "ii", id, user_id), NULL);
}

int pg_secrets_purge(struct candor_store *s, int64_t now)
{
	int rc = pg_exec(s, pg_write(s, "DELETE FROM sessions WHERE expires < $1", "i", now), NULL);

	return rc ? rc : pg_exec(s, pg_write(s, "DELETE FROM api_tokens WHERE expires <> 0"
					     " AND expires < $1", "i", now), NULL);
}
