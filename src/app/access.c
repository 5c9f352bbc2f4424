/*
 * app/access.c: the roles' rules (access.h).
 */
#include "util/common.h"
#include <strings.h>
#include "store/store.h"
#include "app/access.h"

bool candor_app_may_see(const struct candor_app_actor *who, const char *owner)
{
	return who->role != CANDOR_ROLE_SELLER || (owner && !strcasecmp(owner, who->name));
}

const char *candor_app_visible_owner(const struct candor_app_actor *who)
{
	/* a user's name is never empty (the schema checks it) */
	return who->role == CANDOR_ROLE_SELLER ? (who->name ? who->name : "") : NULL;
}

bool candor_app_may_change(const struct candor_app_actor *who, const char *owner)
{
	return who->role == CANDOR_ROLE_ADMIN || (owner && !strcasecmp(owner, who->name));
}
