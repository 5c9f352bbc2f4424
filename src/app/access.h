/*
 * app/access.h: who may see and change an account, by role (store.h,
 * "Users"):
 *   seller   sees and changes the accounts they own
 *   manager  sees every account; changes their own
 *   admin    sees and changes everything
 * Owners are compared without regard to case.  The web asks these before
 * it calls a use case (and answers as if a hidden account did not exist);
 * the CLI acts for its one local seller and does not ask.
 */
#ifndef CANDOR_APP_ACCESS_H
#define CANDOR_APP_ACCESS_H

#include "util/common.h"
#include "app/app.h"

/* Who is acting: borrowed strings. */
struct candor_app_actor {
	const char *name;
	int role;          /* enum candor_role */
};

bool candor_app_may_see(const struct candor_app_actor *who, const char *owner);
bool candor_app_may_change(const struct candor_app_actor *who, const char *owner);
/*
 * candor_app_may_see as a filter a store can run: NULL when who sees every
 * account, else the one owner whose accounts alone who sees (borrowed).
 */
const char *candor_app_visible_owner(const struct candor_app_actor *who);

/*
 * The account, contact or record id as who may see it.  One that who may
 * not see is CANDOR_ENOTFOUND with exactly the error of an id that does
 * not exist (store.h, candor_store_absent_*): the same message apart from
 * the id, the same field, so ids reveal nothing.  *may_change (when not
 * NULL) says whether who may change it.  Release *out (account, contact).
 */
int candor_app_account_see(struct candor_app *app, const struct candor_app_actor *who,
			   int64_t id, struct candor_account *out, bool *may_change);
int candor_app_contact_see(struct candor_app *app, const struct candor_app_actor *who,
			   int64_t id, struct candor_contact *out, bool *may_change);

/*
 * The account ref names as who may see it (spaces around it ignored): an id ("12" or "#12") as
 * candor_app_account_see, or an account's whole name (any case) among
 * those who may see.  A name no visible account has is CANDOR_ENOTFOUND
 * (field "account"), the same words whether or not someone else has it;
 * two visible accounts of that name (an admin's view) are
 * CANDOR_EAMBIGUOUS, their ids in the message.  Release *out.
 */
int candor_app_account_ref(struct candor_app *app, const struct candor_app_actor *who,
			   const char *ref, struct candor_account *out, bool *may_change);
int candor_app_record_see(struct candor_app *app, const struct candor_app_actor *who,
			  enum candor_record what, int64_t id, struct candor_scope *out,
			  bool *may_change);

#endif
