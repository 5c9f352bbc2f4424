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

/* The owner of account_id as who may see it; else the error of a missing id. */
static int owner_seen(struct candor_app *app, const struct candor_app_actor *who,
		      int64_t account_id, struct candor_account *out, bool *may_change)
{
	char ref[32];
	int rc;

	snprintf(ref, sizeof(ref), "%" PRId64, account_id);
	if ((rc = candor_store_account_find(app->store, ref, out)))
		return rc;
	if (!candor_app_may_see(who, out->owner)) {
		candor_account_release(out);
		return candor_store_absent_account(app->store, account_id);
	}
	if (may_change)
		*may_change = candor_app_may_change(who, out->owner);
	return 0;
}

int candor_app_account_see(struct candor_app *app, const struct candor_app_actor *who,
			   int64_t id, struct candor_account *out, bool *may_change)
{
	return owner_seen(app, who, id, out, may_change);
}

int candor_app_account_ref(struct candor_app *app, const struct candor_app_actor *who,
			   const char *ref, struct candor_account *out, bool *may_change)
{
	struct candor_account_list named = { 0 };
	size_t seen = 0, first = 0, len;
	char ids[128] = "", *name = NULL;
	const char *digits;
	int rc;

	memset(out, 0, sizeof(*out));
	while (ref && (*ref == ' ' || *ref == '\t'))   /* typed or pasted: the spaces around go */
		ref++;
	for (len = ref ? strlen(ref) : 0; len && (ref[len - 1] == ' ' || ref[len - 1] == '\t');)
		len--;
	if (!len)
		return candor_error_set(app->err, CANDOR_EINVALID, "account", "no account given: "
					"give its #id or its name");
	if (!(name = strndup(ref, len)))
		return candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	digits = *name == '#' ? name + 1 : name;
	if (*digits && strspn(digits, "0123456789") == strlen(digits) && strlen(digits) < 19) {
		rc = candor_app_account_see(app, who, strtoll(digits, NULL, 10), out, may_change);
		goto cleanup;
	}
	if ((rc = candor_store_accounts_named(app->store, name, &named)))
		goto cleanup;
	for (size_t i = 0; i < named.n; i++) {
		size_t used = strlen(ids);

		if (!candor_app_may_see(who, named.v[i].owner))
			continue;
		if (!seen++)
			first = i;
		snprintf(ids + used, sizeof(ids) - used, "%s#%" PRId64, used ? ", " : "", named.v[i].id);
	}
	if (!seen)
		rc = candor_error_set(app->err, CANDOR_ENOTFOUND, "account", "no account '%.200s' "
				      "among those you may see", name);
	else if (seen > 1)
		rc = candor_error_set(app->err, CANDOR_EAMBIGUOUS, "account", "%zu accounts are "
				      "called '%.200s' (%s): give its #id", seen, name, ids);
	else
		rc = candor_app_account_see(app, who, named.v[first].id, out, may_change);
cleanup:
	candor_account_list_release(&named);
	free(name);
	return rc;
}

int candor_app_contact_see(struct candor_app *app, const struct candor_app_actor *who,
			   int64_t id, struct candor_contact *out, bool *may_change)
{
	struct candor_account a = { 0 };
	char ref[32];
	int rc;

	snprintf(ref, sizeof(ref), "%" PRId64, id);
	if ((rc = candor_store_contact_find(app->store, ref, out)))
		return rc;
	if ((rc = owner_seen(app, who, out->account_id, &a, may_change))) {
		candor_contact_release(out);
		/* a hidden account hides its contact: as if the id did not exist */
		return rc == CANDOR_ENOTFOUND ? candor_store_absent_contact(app->store, id) : rc;
	}
	candor_account_release(&a);
	return 0;
}

int candor_app_record_see(struct candor_app *app, const struct candor_app_actor *who,
			  enum candor_record what, int64_t id, struct candor_scope *out,
			  bool *may_change)
{
	struct candor_account a = { 0 };
	int rc;

	if ((rc = candor_store_locate(app->store, what, id, out)))
		return rc;
	if ((rc = owner_seen(app, who, out->account_id, &a, may_change)))
		return rc == CANDOR_ENOTFOUND ? candor_store_absent_record(app->store, what, id) : rc;
	candor_account_release(&a);
	return 0;
}
