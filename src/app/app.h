/*
 * app/app.h: the application layer, every use case once.
 *
 * The CLI (src/cli/) and the web server (src/web/) are front doors: they
 * parse their input (options, form fields, JSON), call one use case, and
 * render its answer.  The decision itself -- what "kept late" means, which
 * dates a record may carry, what a proposal becomes when accepted -- lives
 * here, below both, so the two front doors cannot disagree.
 *
 * A use case is a function candor_app_<noun>_<verb>(app, ...): it takes
 * arguments already parsed (dates as seconds, enums as their values, a
 * contact already found), checks every one of them before it writes
 * anything, and does the work through the store interface (store/store.h).
 * It returns 0, or a negative candor code (util/error.h) with the message in
 * app->err and, when one field is at fault, that field's name in
 * app->err->field: the API's name for it ("at", "due", "text", "kind"...),
 * which the web reports as is and the CLI as its option.
 *
 * Transactions belong to the caller: a use case runs inside the one the
 * front door began (a command, a request) and writes all it says or
 * returns an error; on an error the caller rolls back, so a half-done
 * write is never committed.  Invalid input is refused before the first
 * write, so it changes nothing even before the rollback.
 *
 * Who may see and change an account (the roles, access.h) the web checks
 * before it calls a use case; the CLI acts for the one local seller.
 *
 * Headers: records.h (log, promise, expect, learn, value, fit, decide,
 * accounts and contacts), fates.h (kept, broken, renegotiate, met, missed),
 * proposals.h (accept, dismiss), import.h (a call: analyse, then store),
 * users.h (users, API tokens, sign-in), access.h (who may see and change
 * what), assess.h (status and pipeline),
 * json.h (the JSON both write), secret.h (passwords and tokens).
 */
#ifndef CANDOR_APP_APP_H
#define CANDOR_APP_APP_H

#include "util/common.h"
#include "util/error.h"
#include "core/domain.h"
#include "store/store.h"

/* Text fields are at most this many bytes (a transport may allow less). */
#define CANDOR_APP_TEXT_MAX 20000

/*
 * What every use case runs with.  All borrowed: the caller keeps the store
 * open (and its transaction begun) and err alive for as long as it uses
 * the struct.  now is the moment dates are checked against (a record may be
 * dated up to a day ahead of it, not more).
 */
struct candor_app_actor;
struct candor_app {
	struct candor_store *store;
	struct candor_error *err;
	int64_t now;
	/* who asks (access.h), for the rules that depend on what they may see
	 * (names unique among those, records.h); NULL for the local user, who
	 * sees everything */
	const struct candor_app_actor *who;
	/* the kept answers were brought up to date as of fresh_at, when the
	 * store had made fresh_touches evidence writes (assess.c: the board's
	 * stages and counts then check for stale answers once, not each) */
	bool fresh;
	int64_t fresh_at;
	uint64_t fresh_touches;
};

/* Fill app (which the caller owns) for store; messages go to store->err. */
void candor_app_init(struct candor_app *app, struct candor_store *store, int64_t now);

/* The contact named by ref (an id, "#12" or a name); release *out. */
int candor_app_contact_find(struct candor_app *app, const char *ref, struct candor_contact *out);

/*
 * Checks the use cases share (check.c), each returning 0 or CANDOR_EINVALID
 * with a message naming field.
 */
/* Non-blank, valid UTF-8 without control characters, at most CANDOR_APP_TEXT_MAX bytes. */
int candor_app_check_text(struct candor_app *app, const char *field, const char *text);
/* Empty or as for candor_app_check_text (NULL is empty). */
int candor_app_check_optional(struct candor_app *app, const char *field, const char *text);
/*
 * The one way a name comes in (names.c): account, contact, user and owner
 * names, CLI and web alike.  As candor_app_check_text, then Unicode NFC;
 * spaces trimmed at both ends and runs of them (any Unicode space, tabs)
 * made one ASCII space, so "Ann " is "Ann"; an invisible or
 * direction-changing character (bidi controls, zero widths, the soft
 * hyphen, any format or control character) is CANDOR_EINVALID naming
 * field.  *out is malloc'd (the caller frees it), NULL on failure.
 */
int candor_app_name_clean(struct candor_app *app, const char *field, const char *in,
			  char **out);
/* The owner an account is given to: with users (a team server), one of
 * them, by the name they signed up with; with none, any name ("" for none).
 * *out is malloc'd (records.c). */
int candor_app_owner_clean(struct candor_app *app, const char *owner, char **out);
/* When something happened: not more than a day ahead of app->now, not 0. */
int candor_app_check_past(struct candor_app *app, const char *field, int64_t at);
/* A date something is due: given, and not before the day of since. */
int candor_app_check_due(struct candor_app *app, const char *field, int64_t due, int64_t since,
			 const char *since_what);
/* v is a value of table t: -1 is "not given" (what says what is asked for), any
 * other value not in t (a front door passes -2 for a name it could not read) is wrong. */
int candor_app_check_enum(struct candor_app *app, const char *field, const struct candor_name *t,
			  int v, const char *what);

#endif
