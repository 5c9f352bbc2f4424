/*
 * app/users.c: users, API tokens and sessions (users.h).
 */
#include "util/common.h"
#include <pthread.h>
#include "app/users.h"

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

int candor_app_token_new(struct candor_app *app, const char *name, char *token)
{
	struct candor_user u = { 0 };
	struct candor_secret sec = { .created = app->now };
	int rc;

	if ((rc = candor_store_user_find(app->store, 0, name, &u)))
		return rc;
	sec.user_id = u.id;
	candor_user_release(&u);
	candor_token_new(&sec, token);
	return candor_store_secret_add(app->store, CANDOR_SECRET_TOKEN, &sec);
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

int candor_app_session_new(struct candor_app *app, const char *name, const char *password,
			   int64_t seconds, struct candor_app_session *out)
{
	struct candor_user u = { 0 };
	struct candor_secret sec = { .created = app->now, .expires = app->now + seconds };
	bool usable = name && password && strlen(password) <= CANDOR_PASSWORD_MAX;
	bool known = usable && !candor_store_user_find(app->store, 0, name, &u);
	int rc = 0;

	/* an unknown name costs the same hashing as a wrong password */
	if (!known && usable)
		candor_password_check(dummy_hash(), password);
	if (!known || !candor_password_check(u.pwhash, password)) {
		rc = candor_error_set(app->err, CANDOR_EINVALID, "password",
				      "that name and password do not match");
		goto cleanup;
	}
	sec.user_id = u.id;
	candor_token_new(&sec, out->token);
	candor_random_hex(sec.csrf, 32);
	snprintf(out->csrf, sizeof(out->csrf), "%s", sec.csrf);
	rc = candor_store_secret_add(app->store, CANDOR_SECRET_SESSION, &sec);
cleanup:
	candor_user_release(&u);
	return rc;
}

int candor_app_signed_in(struct candor_app *app, int kind, const char *token,
			 struct candor_app_signed_in *out)
{
	struct candor_secret sec;
	const char *secret;

	memset(out, 0, sizeof(*out));
	if (!candor_token_split(token, out->selector, &secret) ||
	    candor_store_secret_find(app->store, kind, out->selector, &sec) ||
	    !candor_token_check(&sec, secret) || (sec.expires && sec.expires < app->now) ||
	    candor_store_user_find(app->store, sec.user_id, NULL, &out->user))
		return candor_error_set(app->err, CANDOR_ENOTFOUND, NULL,
					"not signed in: the token is not valid");
	snprintf(out->csrf, sizeof(out->csrf), "%s", kind == CANDOR_SECRET_SESSION ? sec.csrf : "");
	return 0;
}

int candor_app_session_end(struct candor_app *app, const char *selector)
{
	return candor_store_secret_delete(app->store, CANDOR_SECRET_SESSION, selector);
}
