/*
 * app/users.c: users, API tokens and sessions (users.h).
 */
#include "util/common.h"
#include <pthread.h>
#include "app/users.h"
#include "app/access.h"

static int check_password(struct candor_app *app, const char *password)
{
	size_t n = password ? strlen(password) : 0;

	if (n > CANDOR_PASSWORD_MAX)
		return candor_error_set(app->err, CANDOR_EINVALID, "password", "the password is "
					"too long (at most %d bytes)", CANDOR_PASSWORD_MAX);
	if (n < CANDOR_APP_PASSWORD_MIN)
		return candor_error_set(app->err, CANDOR_EINVALID, "password", "the password is "
					"too short (at least %d characters)",
					CANDOR_APP_PASSWORD_MIN);
	return 0;
}

int candor_app_user_add(struct candor_app *app, const char *name, int role,
			const char *password, int64_t *out)
{
	char hash[256] = "";
	struct candor_user u = { .role = role, .pwhash = hash, .created = app->now };
	int rc;

	if ((rc = candor_app_name_clean(app, "name", name, &u.name)) ||
	    (rc = candor_app_check_enum(app, "role", candor_roles, role,
					"seller, manager or admin")) ||
	    (rc = check_password(app, password)))
		goto cleanup;
	if (candor_password_hash(hash, sizeof(hash), password)) {
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL,
				      "out of memory hashing the password");
		goto cleanup;
	}
	if (!(rc = candor_store_user_add(app->store, &u)))
		*out = u.id;
cleanup:
	memset(hash, 0, sizeof(hash));
	free(u.name);
	return rc;
}

static int token_new(struct candor_app *app, const char *name, int64_t expires,
		     const char *scope, char *token)
{
	struct candor_user u = { 0 };
	struct candor_secret sec = { .created = app->now, .expires = expires };
	int rc;

	snprintf(sec.scope, sizeof(sec.scope), "%s", scope);
	if (expires && expires <= app->now)
		return candor_error_set(app->err, CANDOR_EINVALID, "expires",
					"that expiry is already past: give a later date");
	if ((rc = candor_store_user_find(app->store, 0, name, &u)))
		return rc;
	sec.user_id = u.id;
	candor_user_release(&u);
	candor_token_new(&sec, token);
	return candor_store_secret_add(app->store, CANDOR_SECRET_TOKEN, &sec);
}

int candor_app_token_new(struct candor_app *app, const char *name, int64_t expires, char *token)
{
	return token_new(app, name, expires, "api", token);
}

int candor_app_feed_token_new(struct candor_app *app, const char *name, int64_t expires,
			      char *token)
{
	return token_new(app, name, expires, "feed", token);
}

static char dummy[160];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_make(void)
{
	char pw[65];

	candor_random_hex(pw, 32); /* 64 hex digits */
	if (candor_password_hash(dummy, sizeof(dummy), pw))
		dummy[0] = '\0';
}

/* A hash no password matches, made once: what an unknown name is checked against. */
static const char *dummy_hash(void)
{
	pthread_once(&dummy_once, dummy_make);
	return dummy;
}

int candor_app_password_check(struct candor_app *app, const char *name, const char *password,
			      int64_t *user_id)
{
	struct candor_user u = { 0 };
	bool usable = name && password && strlen(password) <= CANDOR_PASSWORD_MAX;
	bool known = usable && !candor_store_user_find(app->store, 0, name, &u);
	int rc = 0;

	/* an unknown name costs the same hashing as a wrong password */
	if (!known && usable)
		candor_password_check(dummy_hash(), password);
	if (!known || !candor_password_check(u.pwhash, password))
		rc = candor_error_set(app->err, CANDOR_EINVALID, "password",
				      "that name and password do not match");
	else
		*user_id = u.id;
	candor_user_release(&u);
	return rc;
}

int candor_app_session_open(struct candor_app *app, int64_t user_id, int64_t seconds,
			    struct candor_app_session *out)
{
	struct candor_user u = { 0 };
	struct candor_secret sec = { .created = app->now, .expires = app->now + seconds,
				     .user_id = user_id };
	int rc;

	/* removed while the password was checked: as if it never matched */
	if (candor_store_user_find(app->store, user_id, NULL, &u)) {
		candor_user_release(&u);
		return candor_error_set(app->err, CANDOR_EINVALID, "password",
					"that name and password do not match");
	}
	candor_user_release(&u);
	candor_token_new(&sec, out->token);
	candor_random_hex(sec.csrf, 32);
	snprintf(out->csrf, sizeof(out->csrf), "%s", sec.csrf);
	if (!(rc = candor_store_secret_add(app->store, CANDOR_SECRET_SESSION, &sec)))
		rc = candor_store_secrets_purge(app->store, app->now);
	return rc;
}

int candor_app_session_new(struct candor_app *app, const char *name, const char *password,
			   int64_t seconds, struct candor_app_session *out)
{
	int64_t id = 0;
	int rc = candor_app_password_check(app, name, password, &id);

	return rc ? rc : candor_app_session_open(app, id, seconds, out);
}

/* Who token is, when it is of kind and (for API tokens) of scope. */
static int signed_in(struct candor_app *app, int kind, const char *scope, const char *token,
		     struct candor_app_signed_in *out)
{
	struct candor_secret sec;
	const char *secret;

	memset(out, 0, sizeof(*out));
	if (!candor_token_split(token, out->selector, &secret) ||
	    candor_store_secret_find(app->store, kind, out->selector, &sec) ||
	    (kind == CANDOR_SECRET_TOKEN && strcmp(sec.scope, scope)) ||
	    !candor_token_check(&sec, secret) || (sec.expires && sec.expires < app->now) ||
	    candor_store_user_find(app->store, sec.user_id, NULL, &out->user))
		return candor_error_set(app->err, CANDOR_ENOTFOUND, NULL,
					"not signed in: the token is not valid");
	snprintf(out->csrf, sizeof(out->csrf), "%s", kind == CANDOR_SECRET_SESSION ? sec.csrf : "");
	return 0;
}

int candor_app_signed_in(struct candor_app *app, int kind, const char *token,
			 struct candor_app_signed_in *out)
{
	return signed_in(app, kind, "api", token, out);
}

int candor_app_feed_signed_in(struct candor_app *app, const char *token,
			      struct candor_app_signed_in *out)
{
	return signed_in(app, CANDOR_SECRET_TOKEN, "feed", token, out);
}

int candor_app_session_end(struct candor_app *app, const char *selector)
{
	return candor_store_secret_delete(app->store, CANDOR_SECRET_SESSION, selector);
}

int candor_app_secrets_purge(struct candor_app *app)
{
	return candor_store_secrets_purge(app->store, app->now);
}

/* How many admins there are, into *n. */
static int count_admins(struct candor_app *app, size_t *n)
{
	struct candor_user_list l = { 0 };
	int rc = candor_store_users(app->store, 0, NULL, &l);

	*n = 0;
	for (size_t i = 0; !rc && i < l.n; i++)
		*n += l.v[i].role == CANDOR_ROLE_ADMIN;
	candor_user_list_release(&l);
	return rc;
}

/* u stops being an admin: refused when u is the last one. */
static int check_not_last_admin(struct candor_app *app, const struct candor_user *u,
				const char *doing)
{
	size_t n;
	int rc;

	if (u->role != CANDOR_ROLE_ADMIN)
		return 0;
	if ((rc = count_admins(app, &n)))
		return rc;
	if (n <= 1)
		return candor_error_set(app->err, CANDOR_ECONFLICT, "role", "'%s' is the last admin "
					"and cannot be %s: make another user admin first",
					u->name, doing);
	return 0;
}

/* The accounts whose owner is name, counted into *n. */
static int count_owned(struct candor_app *app, const char *name, int64_t *n)
{
	struct candor_list_query q = { .owner = name, .order = CANDOR_ORDER_ID };
	struct candor_account_list l = { 0 };
	char next[CANDOR_CURSOR_MAX];
	int rc = candor_store_account_page(app->store, &q, &l, next);

	*n = rc ? 0 : (int64_t)l.n;
	candor_account_list_release(&l);
	return rc;
}

int candor_app_user_remove(struct candor_app *app, const char *name, int64_t *owned)
{
	struct candor_user u = { 0 };
	int rc;

	*owned = 0;
	if ((rc = candor_store_user_find(app->store, 0, name, &u)) ||
	    (rc = check_not_last_admin(app, &u, "removed")))
		goto cleanup;
	if (app->who && app->who->name && !strcasecmp(app->who->name, u.name)) {
		rc = candor_error_set(app->err, CANDOR_ECONFLICT, "user", "you are signed in as "
				      "'%s': another admin must remove you", u.name);
		goto cleanup;
	}
	if (!(rc = candor_store_user_delete(app->store, u.id)))
		rc = count_owned(app, u.name, owned);
cleanup:
	candor_user_release(&u);
	return rc;
}

int candor_app_user_role(struct candor_app *app, const char *name, int role)
{
	struct candor_user u = { 0 };
	int rc;

	if ((rc = candor_app_check_enum(app, "role", candor_roles, role,
					"seller, manager or admin")) ||
	    (rc = candor_store_user_find(app->store, 0, name, &u)))
		goto cleanup;
	if (role != CANDOR_ROLE_ADMIN && (rc = check_not_last_admin(app, &u, "made anything else")))
		goto cleanup;
	u.role = role;
	rc = candor_store_user_update(app->store, &u);
cleanup:
	candor_user_release(&u);
	return rc;
}

/* How many sessions of user_id there are, into *n. */
static int count_sessions(struct candor_app *app, int64_t user_id, int64_t *n)
{
	struct candor_secret *v = NULL;
	size_t k = 0;
	int rc = candor_store_secrets(app->store, CANDOR_SECRET_SESSION, user_id, &v, &k);

	*n = (int64_t)k;
	free(v);
	return rc;
}

static int end_sessions(struct candor_app *app, int64_t user_id, int64_t *ended)
{
	int rc = count_sessions(app, user_id, ended);

	return rc ? rc : candor_store_secrets_delete(app->store, CANDOR_SECRET_SESSION, 0, user_id);
}

int candor_app_user_password(struct candor_app *app, const char *name, const char *password,
			     int64_t *ended)
{
	char hash[256] = "";
	struct candor_user u = { 0 };
	char *old = NULL;
	int rc;

	*ended = 0;
	if ((rc = check_password(app, password)) ||
	    (rc = candor_store_user_find(app->store, 0, name, &u)))
		goto cleanup;
	if (candor_password_hash(hash, sizeof(hash), password)) {
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL,
				      "out of memory hashing the password");
		goto cleanup;
	}
	old = u.pwhash;
	u.pwhash = hash;
	if (!(rc = candor_store_user_update(app->store, &u)))
		rc = end_sessions(app, u.id, ended);
	u.pwhash = old;
cleanup:
	memset(hash, 0, sizeof(hash));
	candor_user_release(&u);
	return rc;
}

int candor_app_sessions_end(struct candor_app *app, const char *name, int64_t *ended)
{
	struct candor_user u = { 0 };
	int rc;

	*ended = 0;
	if (!(rc = candor_store_user_find(app->store, 0, name, &u)))
		rc = end_sessions(app, u.id, ended);
	candor_user_release(&u);
	return rc;
}

/* The name of user id among l, or "#id". */
static void user_name(const struct candor_user_list *l, int64_t id, char *out, size_t n)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].id == id) {
			snprintf(out, n, "%s", l->v[i].name);
			return;
		}
	snprintf(out, n, "#%" PRId64, id);
}

int candor_app_tokens(struct candor_app *app, const char *name, struct candor_app_token **out,
		      size_t *n)
{
	struct candor_user_list users = { 0 };
	struct candor_user u = { 0 };
	struct candor_secret *v = NULL;
	size_t k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((name && (rc = candor_store_user_find(app->store, 0, name, &u))) ||
	    (rc = candor_store_users(app->store, 0, NULL, &users)) ||
	    (rc = candor_store_secrets(app->store, CANDOR_SECRET_TOKEN, u.id, &v, &k)))
		goto cleanup;
	if (k && !(*out = calloc(k, sizeof(**out)))) {
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < k; i++) {
		struct candor_app_token *t = &(*out)[i];
		size_t len = strlen(v[i].selector);

		t->id = v[i].id;
		t->created = v[i].created;
		t->expires = v[i].expires;
		user_name(&users, v[i].user_id, t->user, sizeof(t->user));
		snprintf(t->tail, sizeof(t->tail), "%s", v[i].selector + (len > 8 ? len - 8 : 0));
		snprintf(t->scope, sizeof(t->scope), "%s", v[i].scope);
	}
	*n = k;
cleanup:
	if (v)
		memset(v, 0, k * sizeof(*v));
	free(v);
	candor_user_release(&u);
	candor_user_list_release(&users);
	return rc;
}

int candor_app_feed_token_stop(struct candor_app *app, const char *name, int64_t id)
{
	struct candor_app_token *t = NULL;
	size_t n = 0;
	bool theirs = false;
	int rc = candor_app_tokens(app, name, &t, &n);

	for (size_t i = 0; !rc && i < n; i++)
		theirs |= t[i].id == id && !strcmp(t[i].scope, "feed");
	free(t);
	if (rc)
		return rc;
	if (!theirs)
		return candor_error_set(app->err, CANDOR_ENOTFOUND, "token", "no calendar feed #%"
					PRId64, id);
	return candor_store_secrets_delete(app->store, CANDOR_SECRET_TOKEN, id, 0);
}

int candor_app_token_revoke(struct candor_app *app, int64_t id)
{
	struct candor_secret *v = NULL;
	size_t k = 0;
	bool found = false;
	int rc = candor_store_secrets(app->store, CANDOR_SECRET_TOKEN, 0, &v, &k);

	for (size_t i = 0; !rc && i < k; i++)
		found |= v[i].id == id;
	free(v);
	if (rc)
		return rc;
	if (!found || id <= 0)
		return candor_error_set(app->err, CANDOR_ENOTFOUND, "token", "no API token #%" PRId64
					" ('candor token list' shows them)", id);
	return candor_store_secrets_delete(app->store, CANDOR_SECRET_TOKEN, id, 0);
}
