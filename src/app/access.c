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

bool candor_app_may_change(const struct candor_app_actor *who, const char *owner)
{
	return who->role == CANDOR_ROLE_ADMIN || (owner && !strcasecmp(owner, who->name));
}
