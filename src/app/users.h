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

/*
 * A new API token for user name: token (CANDOR_TOKEN_MAX bytes) gets it,
 * once.  It stops working at expires (0: never; a moment already past is
 * CANDOR_EINVALID, field "expires").  Older tokens stay valid: revoke them.
 */
int candor_app_token_new(struct candor_app *app, const char *name, int64_t expires, char *token);
/*
 * The same for a calendar feed token (scope "feed"): it reads the user's
 * calendar (GET /calendar.ics?token=...) and nothing else, and an API
 * token does not open the feed.  Listed and revoked as API tokens are.
 */
int candor_app_feed_token_new(struct candor_app *app, const char *name, int64_t expires,
			      char *token);

/*
 * Taking access away.  Each ends at once: the next request with an ended
 * session or a revoked token is signed out.  The last admin cannot be
 * removed or made anything else (CANDOR_ECONFLICT, field "role"), and
 * whoever acts through app->who (the web) cannot remove themselves.
 */
/* Remove user name, their sessions and tokens; *owned: accounts still naming them. */
int candor_app_user_remove(struct candor_app *app, const char *name, int64_t *owned);
/* Give user name role (enum candor_role); it holds from their next request. */
int candor_app_user_role(struct candor_app *app, const char *name, int role);
/* Set user name's password (checked as for user_add) and end their sessions (*ended). */
int candor_app_user_password(struct candor_app *app, const char *name, const char *password,
			     int64_t *ended);
/* End every session of user name; *ended says how many there were. */
int candor_app_sessions_end(struct candor_app *app, const char *name, int64_t *ended);

/* An API token as it may be shown: never its secret, only its selector's end. */
struct candor_app_token {
	int64_t id;
	char user[256];        /* the user's name ("#id" if unknown) */
	int64_t created, expires;
	char tail[9];          /* the last 8 hex digits of the selector */
	char scope[8];         /* "api" or "feed" */
};
/* The tokens of user name (NULL: everyone's), by id: *out (n) freed with free(). */
int candor_app_tokens(struct candor_app *app, const char *name, struct candor_app_token **out,
		      size_t *n);
/* Revoke token id; CANDOR_ENOTFOUND (field "token") when there is none. */
int candor_app_token_revoke(struct candor_app *app, int64_t id);
/*
 * Stop the calendar feed token id of user name (a user ending their own
 * feed, as the web's Calendar page does): CANDOR_ENOTFOUND (field
 * "token"), the same as for no such token, when it is not a feed token of
 * theirs.
 */
int candor_app_feed_token_stop(struct candor_app *app, const char *name, int64_t id);
/* Delete every session and token that expired before app->now. */
int candor_app_secrets_purge(struct candor_app *app);

/* A new session, from sign-in. */
struct candor_app_session {
	char token[CANDOR_TOKEN_MAX];  /* for the cookie */
	char csrf[65];                 /* the session's CSRF token */
};

/*
 * Sign name in with password: a session lasting seconds.  A wrong password
 * and an unknown name are the same CANDOR_EINVALID ("do not match") and
 * take the same time, so the answer does not tell which names exist.  A
 * sign-in also deletes every expired session and token.
 *
 * In two steps for a front door that checks in a read transaction (the
 * hashing is slow on purpose: it must not hold the write lock) and writes
 * in a fresh write transaction (SQLite cannot turn a read that another
 * writer overtook into a write): candor_app_password_check sets *user_id,
 * candor_app_session_open makes the session (CANDOR_EINVALID when the user
 * went in between).  candor_app_session_new does both in one transaction.
 */
int candor_app_password_check(struct candor_app *app, const char *name, const char *password,
			      int64_t *user_id);
int candor_app_session_open(struct candor_app *app, int64_t user_id, int64_t seconds,
			    struct candor_app_session *out);
int candor_app_session_new(struct candor_app *app, const char *name, const char *password,
			   int64_t seconds, struct candor_app_session *out);

/* Who a token is (kind: enum candor_secret_kind). */
struct candor_app_signed_in {
	struct candor_user user;       /* owned: release with candor_user_release */
	char selector[33];             /* the session's or token's selector */
	char csrf[65];                 /* a session's CSRF token; "" for API tokens */
};

/* CANDOR_ENOTFOUND when the token is malformed, unknown, wrong, expired or revoked
 * (or, for an API token, a feed token). */
int candor_app_signed_in(struct candor_app *app, int kind, const char *token,
			 struct candor_app_signed_in *out);
/* The same for a calendar feed token: only one of scope "feed" opens it. */
int candor_app_feed_signed_in(struct candor_app *app, const char *token,
			      struct candor_app_signed_in *out);

/* End the session with selector (signing out). */
int candor_app_session_end(struct candor_app *app, const char *selector);

#endif
