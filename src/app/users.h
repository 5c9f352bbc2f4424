/*
 * app/users.h: the people who sign in to `candor serve`, their API tokens
 * and their sessions; used by `candor user` and by the server.
 *
 * Passwords are at least CANDOR_APP_PASSWORD_MIN characters and at most
 * CANDOR_PASSWORD_MAX bytes, stored as argon2id hashes; tokens and sessions
 * are split tokens stored hashed (app/secret.h), shown to the client once.
 * Call candor_secret_init() once before any of these.
 */
#ifndef CANDOR_APP_USERS_H
#define CANDOR_APP_USERS_H

#include "app/app.h"
#include "app/secret.h"

#define CANDOR_APP_PASSWORD_MIN 8

/* Add a user (role: enum candor_role) with password; a name taken is CANDOR_ECONFLICT. */
int candor_app_user_add(struct candor_app *app, const char *name, int role,
			const char *password, int64_t *out);

/* A new API token for user name: token (CANDOR_TOKEN_MAX bytes) gets it, once. */
int candor_app_token_new(struct candor_app *app, const char *name, char *token);

/* A new session, from sign-in. */
struct candor_app_session {
	char token[CANDOR_TOKEN_MAX];  /* for the cookie */
	char csrf[65];                 /* the session's CSRF token */
};

/*
 * Sign name in with password: a session lasting seconds.  A wrong password
 * and an unknown name are the same CANDOR_EINVALID ("do not match") and
 * take the same time, so the answer does not tell which names exist.
 */
int candor_app_session_new(struct candor_app *app, const char *name, const char *password,
			   int64_t seconds, struct candor_app_session *out);

/* Who a token is (kind: enum candor_secret_kind). */
struct candor_app_signed_in {
	struct candor_user user;       /* owned: release with candor_user_release */
	char selector[33];             /* the session's or token's selector */
	char csrf[65];                 /* a session's CSRF token; "" for API tokens */
};

/* CANDOR_ENOTFOUND when the token is malformed, unknown, wrong or expired. */
int candor_app_signed_in(struct candor_app *app, int kind, const char *token,
			 struct candor_app_signed_in *out);

/* End the session with selector (signing out). */
int candor_app_session_end(struct candor_app *app, const char *selector);

#endif
