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

#endif
