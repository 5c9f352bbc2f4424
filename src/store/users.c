/*
 * users.c: the backend-neutral half of users, sessions and API tokens
 * (store.h, "Users").
 */
#include "util/common.h"
#include "store/store.h"
#include "store/readback.h"

const struct candor_name candor_roles[] = {
	{ CANDOR_ROLE_SELLER, "seller" },
	{ CANDOR_ROLE_MANAGER, "manager" },
	{ CANDOR_ROLE_ADMIN, "admin" },
	{ -1, NULL },
};

int candor_store_user_add(struct candor_store *s, struct candor_user *u)
{
	if (!u->name || !*u->name)
		return candor_error_set(s->err, CANDOR_EINVALID, "name", "a user needs a name");
	return s->be->user_add(s, u);
}

int candor_store_users(struct candor_store *s, int64_t id, const char *name,
		       struct candor_user_list *out)
{
	int rc = s->be->users(s, id, name, out);

	if (!rc && (rc = store_readback_users(s, out->v, out->n)))
		candor_user_list_release(out);
	return rc;
}

int candor_store_user_find(struct candor_store *s, int64_t id, const char *name,
			   struct candor_user *out)
{
	struct candor_user_list l = { 0 };
	int rc = s->be->users(s, id, name, &l);

	memset(out, 0, sizeof(*out));
	if (!rc && (rc = store_readback_users(s, l.v, l.n)))
		candor_user_list_release(&l);
	if (rc)
		return rc;
	if (l.n != 1 || (!id && !name)) {
		candor_user_list_release(&l);
		return candor_error_set(s->err, CANDOR_ENOTFOUND, "user", "no user '%s'",
					name ? name : "#id");
	}
	*out = l.v[0];
	free(l.v);
	return 0;
}

void candor_user_release(struct candor_user *u)
{
	free(u->name);
	free(u->pwhash);
	memset(u, 0, sizeof(*u));
}

void candor_user_list_release(struct candor_user_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		candor_user_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

int candor_store_secret_add(struct candor_store *s, int kind, const struct candor_secret *sec)
{
	return s->be->secret_add(s, kind, sec);
}

int candor_store_secret_find(struct candor_store *s, int kind, const char *selector,
			     struct candor_secret *out)
{
	return s->be->secret_find(s, kind, selector, out);
}

int candor_store_secret_delete(struct candor_store *s, int kind, const char *selector)
{
	return s->be->secret_delete(s, kind, selector);
}

int candor_store_user_update(struct candor_store *s, const struct candor_user *u)
{
	if (!u->pwhash || !*u->pwhash)
		return candor_error_set(s->err, CANDOR_EINVALID, "password", "a user needs a password");
	return s->be->user_update(s, u);
}

int candor_store_user_delete(struct candor_store *s, int64_t id)
{
	return s->be->user_delete(s, id);
}

int candor_store_secrets(struct candor_store *s, int kind, int64_t user_id,
			 struct candor_secret **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	return s->be->secrets(s, kind, user_id, out, n);
}

int candor_store_secrets_delete(struct candor_store *s, int kind, int64_t id, int64_t user_id)
{
	if (id <= 0 && user_id <= 0) /* never "all of them" by mistake */
		return candor_error_set(s->err, CANDOR_EINVALID, NULL, "which session or token?");
	return s->be->secrets_delete(s, kind, id > 0 ? id : 0, id > 0 ? 0 : user_id);
}

int candor_store_secrets_purge(struct candor_store *s, int64_t now)
{
	return s->be->secrets_purge(s, now);
}
