/*
 * sqlite-users.c: the SQLite backend's users, sessions and API tokens
 * (schema 3; see "Users" in store.h).  Secrets are stored as a selector and
 * a hash: nothing here can recreate a token or a session cookie.
 */
#include "util/common.h"
#include <sqlite3.h>
#include "store/sqlite-priv.h"

int sq_user_add(struct candor_store *s, struct candor_user *u)
{
	struct candor_user_list l = { 0 };
	int rc = sq_users(s, 0, u->name, &l);

	if (!rc && l.n)
		rc = candor_error_set(s->err, CANDOR_ECONFLICT, "name",
				      "there is already a user named '%s'", u->name);
	candor_user_list_release(&l);
	if (rc)
		return rc;
	return sq_exec(s, sq_bind(s, "INSERT INTO users(name, role, pwhash, created) VALUES (?,?,?,?)",
				  "ttti", u->name, candor_name_of(candor_roles, u->role), u->pwhash,
				  u->created),
		       "adding the user", &u->id);
}

static int user_row(struct candor_store *s, sqlite3_stmt *st, struct candor_user *u)
{
	u->id = sq_col_int(st, 0);
	u->name = sq_col_text(st, 1);
	u->pwhash = sq_col_text(st, 3);
	u->created = sq_col_int(st, 4);
	if (!u->name || !u->pwhash)
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	return sq_col_enum(s, st, 2, candor_roles, &u->role);
}

int sq_users(struct candor_store *s, int64_t id, const char *name, struct candor_user_list *out)
{
	sqlite3_stmt *st = sq_bind(s, "SELECT id, name, role, pwhash, created FROM users"
				   " WHERE (?1 = 0 OR id = ?1) AND (?2 = '' OR name = ?2 COLLATE NOCASE)"
				   " ORDER BY name COLLATE NOCASE", "it", id, name);
	int rc, frc = 0;

	memset(out, 0, sizeof(*out));
	if (!st)
		return s->err->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((frc = sq_grow(s, (void **)&out->v, out->n, sizeof(*out->v))))
			break;
		memset(&out->v[out->n], 0, sizeof(*out->v));
		if ((frc = user_row(s, st, &out->v[out->n++])))
			break;
	}
	sq_done(s, st);
	if (!frc && rc != SQLITE_DONE)
		frc = sq_fail(s, rc, "listing users");
	if (frc)
		candor_user_list_release(out);
	return frc;
}

static const char *const secret_insert[] = {
	"INSERT INTO sessions(user_id, selector, hash, csrf, created, expires) VALUES (?,?,?,?,?,?)",
	"INSERT INTO api_tokens(user_id, selector, hash, created, expires, scope)"
	" VALUES (?,?,?,?,?,?)",
};
static const char *const secret_select[] = {
	"SELECT id, user_id, selector, hash, csrf, created, expires, '' FROM sessions"
	" WHERE selector = ?",
	"SELECT id, user_id, selector, hash, '', created, expires, scope FROM api_tokens"
	" WHERE selector = ?",
};
static const char *const secret_remove[] = {
	"DELETE FROM sessions WHERE selector = ?",
	"DELETE FROM api_tokens WHERE selector = ?",
};

int sq_secret_add(struct candor_store *s, int kind, const struct candor_secret *sec)
{
	sqlite3_stmt *st = kind == CANDOR_SECRET_SESSION
		? sq_bind(s, secret_insert[0], "itttii", sec->user_id, sec->selector, sec->hash,
			  sec->csrf, sec->created, sec->expires)
		: sq_bind(s, secret_insert[1], "ittiit", sec->user_id, sec->selector, sec->hash,
			  sec->created, sec->expires, *sec->scope ? sec->scope : "api");

	return sq_exec(s, st, kind == CANDOR_SECRET_SESSION ? "starting the session"
							     : "adding the token", NULL);
}

static void copy_col(char *dst, size_t n, sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);

	snprintf(dst, n, "%s", t ? t : "");
}

static void secret_row(sqlite3_stmt *st, struct candor_secret *out)
{
	out->id = sq_col_int(st, 0);
	out->user_id = sq_col_int(st, 1);
	copy_col(out->selector, sizeof(out->selector), st, 2);
	copy_col(out->hash, sizeof(out->hash), st, 3);
	copy_col(out->csrf, sizeof(out->csrf), st, 4);
	out->created = sq_col_int(st, 5);
	out->expires = sq_col_int(st, 6);
	copy_col(out->scope, sizeof(out->scope), st, 7);
}

int sq_secret_find(struct candor_store *s, int kind, const char *selector,
		   struct candor_secret *out)
{
	sqlite3_stmt *st = sq_bind(s, secret_select[kind == CANDOR_SECRET_TOKEN], "t", selector);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return s->err->code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		secret_row(st, out);
	sq_done(s, st);
	if (rc == SQLITE_DONE)
		return candor_error_set(s->err, CANDOR_ENOTFOUND, NULL, "no such session or token");
	return rc == SQLITE_ROW ? 0 : sq_fail(s, rc, "checking the session");
}

int sq_secret_delete(struct candor_store *s, int kind, const char *selector)
{
	return sq_exec(s, sq_bind(s, secret_remove[kind == CANDOR_SECRET_TOKEN], "t", selector),
		       "ending the session", NULL);
}

int sq_user_update(struct candor_store *s, const struct candor_user *u)
{
	int rc = sq_exec(s, sq_bind(s, "UPDATE users SET role = ?, pwhash = ? WHERE id = ?", "tti",
				    candor_name_of(candor_roles, u->role), u->pwhash, u->id),
			 "changing the user", NULL);

	if (!rc && sqlite3_changes(SQ(s)->db) != 1)
		rc = candor_error_set(s->err, CANDOR_ENOTFOUND, "user", "no user #%" PRId64, u->id);
	return rc;
}

int sq_user_delete(struct candor_store *s, int64_t id)
{
	int rc;

	if ((rc = sq_exec(s, sq_bind(s, "DELETE FROM sessions WHERE user_id = ?", "i", id),
			  "ending the user's sessions", NULL)) ||
	    (rc = sq_exec(s, sq_bind(s, "DELETE FROM api_tokens WHERE user_id = ?", "i", id),
			  "revoking the user's tokens", NULL)) ||
	    (rc = sq_exec(s, sq_bind(s, "DELETE FROM users WHERE id = ?", "i", id),
			  "removing the user", NULL)))
		return rc;
	if (sqlite3_changes(SQ(s)->db) != 1)
		rc = candor_error_set(s->err, CANDOR_ENOTFOUND, "user", "no user #%" PRId64, id);
	return rc;
}

static const char *const secret_list[] = {
	"SELECT id, user_id, selector, hash, csrf, created, expires, '' FROM sessions"
	" WHERE (?1 = 0 OR user_id = ?1) ORDER BY id",
	"SELECT id, user_id, selector, hash, '', created, expires, scope FROM api_tokens"
	" WHERE (?1 = 0 OR user_id = ?1) ORDER BY id",
};

int sq_secrets(struct candor_store *s, int kind, int64_t user_id, struct candor_secret **out,
	       size_t *n)
{
	sqlite3_stmt *st = sq_bind(s, secret_list[kind == CANDOR_SECRET_TOKEN], "i", user_id);
	int rc, frc = 0;

	if (!st)
		return s->err->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((frc = sq_grow(s, (void **)out, *n, sizeof(**out))))
			break;
		memset(&(*out)[*n], 0, sizeof(**out));
		secret_row(st, &(*out)[(*n)++]);
	}
	sq_done(s, st);
	if (!frc && rc != SQLITE_DONE)
		frc = sq_fail(s, rc, "listing sessions or tokens");
	if (frc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return frc;
}

int sq_secrets_delete(struct candor_store *s, int kind, int64_t id, int64_t user_id)
{
	const char *sql = kind == CANDOR_SECRET_TOKEN
		? "DELETE FROM api_tokens WHERE (?1 = 0 OR id = ?1) AND (?2 = 0 OR user_id = ?2)"
		: "DELETE FROM sessions WHERE (?1 = 0 OR id = ?1) AND (?2 = 0 OR user_id = ?2)";

	return sq_exec(s, sq_bind(s, sql, "ii", id, user_id), "ending sessions or tokens", NULL);
}

int sq_secrets_purge(struct candor_store *s, int64_t now)
{
	int rc = sq_exec(s, sq_bind(s, "DELETE FROM sessions WHERE expires < ?", "i", now),
			 "purging expired sessions", NULL);

	return rc ? rc : sq_exec(s, sq_bind(s, "DELETE FROM api_tokens WHERE expires <> 0"
					    " AND expires < ?", "i", now),
				 "purging expired tokens", NULL);
}
