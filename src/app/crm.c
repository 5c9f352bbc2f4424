/*
 * app/crm.c: importing contacts and accounts from a CRM file, planned
 * then applied (crm.h).
 *
 * The plan loads what Candor has once (every contact and account the
 * asker may see, the users) into hash indexes, so a file of 100,000 rows
 * is planned in one pass without a query per row; apply then writes
 * through the ordinary use cases (records.h) and the store.
 */
#include "util/common.h"
#include <jansson.h>
#include "util/buf.h"
#include "app/access.h"
#include "store/audit.h"
#include "app/audit.h"
#include "app/records.h"
#include "app/crm.h"
#include "util/json-text.h"

/* ---- a string -> index hash table (open addressing, keys owned) ---- */

struct slot { char *key; size_t val; };
struct index { struct slot *v; size_t cap, n; };

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct slot *index_slot(const struct index *ix, const char *key)
{
	size_t i = (size_t)hash(key) & (ix->cap - 1);

	while (ix->v[i].key && strcmp(ix->v[i].key, key))
		i = (i + 1) & (ix->cap - 1);
	return &ix->v[i];
}

static int index_grow(struct index *ix)
{
	struct index bigger = { calloc(ix->cap ? ix->cap * 2 : 64, sizeof(struct slot)),
				ix->cap ? ix->cap * 2 : 64, ix->n };

	if (!bigger.v)
		return -1;
	for (size_t i = 0; i < ix->cap; i++)
		if (ix->v[i].key)
			*index_slot(&bigger, ix->v[i].key) = ix->v[i];
	free(ix->v);
	*ix = bigger;
	return 0;
}

/* Add key -> val unless key is there; 0, or -1 when out of memory. */
static int index_put(struct index *ix, const char *key, size_t val)
{
	struct slot *s;

	if ((ix->n + 1) * 2 > ix->cap && index_grow(ix))
		return -1;
	s = index_slot(ix, key);
	if (s->key)
		return 0;
	if (!(s->key = strdup(key)))
		return -1;
	s->val = val;
	ix->n++;
	return 0;
}

static bool index_get(const struct index *ix, const char *key, size_t *val)
{
	struct slot *s;

	if (!ix->cap)
		return false;
	s = index_slot(ix, key);
	if (s->key)
		*val = s->val;
	return s->key != NULL;
}

static void index_release(struct index *ix)
{
	for (size_t i = 0; i < ix->cap; i++)
		free(ix->v[i].key);
	free(ix->v);
	memset(ix, 0, sizeof(*ix));
}

/* ---- what the plan works with ---- */

struct planner {
	struct candor_app *app;
	const struct candor_crm_import *in;
	struct candor_crm_plan *out;
	struct candor_contact_list contacts;
	struct candor_account_list accounts;
	struct candor_user_list users;
	struct index by_email, by_name, account_by_name;   /* what Candor has */
	struct index seen_email, seen_name, new_account;   /* what the file had before */
	struct candor_buf key;
};

static const char *const action_names[CANDOR_CRM_NACTIONS] = {
	"create", "update", "unchanged", "skip", "conflict",
};

const char *candor_crm_action_name(int action)
{
	return action >= 0 && action < CANDOR_CRM_NACTIONS ? action_names[action] : "?";
}

static int oom(struct candor_app *app)
{
	return candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
}

/* A key: the parts joined by a unit separator, ASCII lower case. */
static const char *key2(struct planner *p, int64_t id, const char *s)
{
	candor_buf_reset(&p->key);
	if (id)
		candor_buf_addf(&p->key, "%" PRId64 "\x1f", id);
	for (; *s; s++)
		candor_buf_addch(&p->key, *s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
	return candor_buf_error(&p->key) ? NULL : p->key.ptr;
}

static bool same_ci(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if ((*a >= 'A' && *a <= 'Z' ? *a + 32 : *a) != (*b >= 'A' && *b <= 'Z' ? *b + 32 : *b))
			return false;
	return !*a && !*b;
}

bool candor_app_email_ok(const char *s)
{
	const char *at = strchr(s, '@'), *dot;

	if (!at || at == s || strchr(at + 1, '@') || strlen(s) > 254)
		return false;
	for (const char *c = s; *c; c++)
		if ((unsigned char)*c <= ' ' || *c == ',' || *c == ';' || *c == '<' || *c == '>' ||
		    *c == '"')
			return false;
	dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1];
}

static int load(struct planner *p)
{
	struct candor_app *app = p->app;
	int rc;

	if ((rc = candor_store_account_list(app->store, &p->accounts)) ||
	    (rc = candor_store_contact_list(app->store, 0, &p->contacts)) ||
	    (rc = candor_store_users(app->store, 0, NULL, &p->users)))
		return rc;
	for (size_t i = 0; i < p->accounts.n; i++) {
		const struct candor_account *a = &p->accounts.v[i];
		const char *k;

		if (app->who && !candor_app_may_see(app->who, a->owner))
			continue;
		if (!(k = key2(p, 0, a->name)) || index_put(&p->account_by_name, k, i))
			return oom(app);
	}
	for (size_t i = 0; i < p->contacts.n; i++) {
		const struct candor_contact *c = &p->contacts.v[i];
		size_t ai;
		const char *k;

		/* only the contacts of accounts the asker sees */
		if (!(k = key2(p, 0, c->account_name ? c->account_name : "")))
			return oom(app);
		if (!index_get(&p->account_by_name, k, &ai) || p->accounts.v[ai].id != c->account_id) {
			bool seen = false;

			for (size_t j = 0; j < p->accounts.n && !seen; j++)
				seen = p->accounts.v[j].id == c->account_id &&
				       (!app->who || candor_app_may_see(app->who, p->accounts.v[j].owner));
			if (!seen)
				continue;
		}
		if ((*c->email && (!(k = key2(p, 0, c->email)) || index_put(&p->by_email, k, i))) ||
		    !(k = key2(p, c->account_id, c->name)) || index_put(&p->by_name, k, i))
			return oom(app);
	}
	return 0;
}

/* ---- one row ---- */

static const char *column(const struct planner *p, long col)
{
	return col >= 0 ? p->in->csv->head.f[col] : "";
}

/* The row's failure as FILE:LINE: COLUMN: message, with field the column. */
static int row_fail(struct planner *p, size_t line, long col, int rc)
{
	char msg[sizeof(p->app->err->msg)];
	const char *name = column(p, col);

	snprintf(msg, sizeof(msg), "%s", p->app->err->msg);
	return candor_error_set(p->app->err, rc, *name ? name : NULL, "%s:%zu: %s%s%s", p->in->file,
				line, name, *name ? ": " : "", msg);
}

/* A row's values, as the map reads them. */
struct values {
	const char *v[CANDOR_CRM_NFIELDS];
	long col[CANDOR_CRM_NFIELDS];  /* the column each came from, -1 */
	struct candor_buf joined;      /* first middle last */
};

static bool blank(const char *s)
{
	return !s[strspn(s, " \t\n")];
}

static int gather(struct planner *p, const struct candor_csv_row *row, struct values *v,
		  json_t *extra)
{
	const struct candor_crm_map *m = p->in->map;

	for (int f = 0; f < CANDOR_CRM_NFIELDS; f++)
		v->v[f] = "", v->col[f] = -1;
	for (size_t i = 0; i < m->n && i < row->n; i++) {
		int f = m->field[i];

		if (f != CANDOR_CRM_EXTRA && f != CANDOR_CRM_DROP && v->col[f] < 0)
			v->col[f] = (long)i;  /* named in messages even when empty */
		if (f == CANDOR_CRM_DROP || blank(row->f[i]))
			continue;
		if (f != CANDOR_CRM_EXTRA && !*v->v[f]) {
			v->v[f] = row->f[i], v->col[f] = (long)i;
			continue;
		}
		/* a second email, or a column Candor has no field for: kept */
		if (json_object_set_new(extra, p->in->csv->head.f[i], json_string(row->f[i])))
			return oom(p->app);
	}
	if (!*v->v[CANDOR_CRM_NAME]) {
		for (int f = CANDOR_CRM_FIRST; f <= CANDOR_CRM_LAST; f++)
			if (*v->v[f])
				candor_buf_addf(&v->joined, "%s%s", v->joined.len ? " " : "", v->v[f]);
		if (candor_buf_error(&v->joined))
			return oom(p->app);
		v->v[CANDOR_CRM_NAME] = v->joined.ptr;
		if (v->col[CANDOR_CRM_NAME] < 0)
			v->col[CANDOR_CRM_NAME] = v->col[CANDOR_CRM_FIRST] >= 0 ? v->col[CANDOR_CRM_FIRST]
						  : v->col[CANDOR_CRM_LAST];
	}
	return 0;
}

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

/* Trimmed copy of s (spaces at the ends). */
static char *trimmed(const char *s)
{
	size_t a = strspn(s, " \t"), n = strlen(s);

	while (n > a && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return strndup(s + a, n - a);
}

/* The owner a new account gets: a user when there are users (records.c's rule). */
static int owner_check(struct planner *p, const struct values *v, size_t line, char **out)
{
	long col = v->col[CANDOR_CRM_OWNER];
	char *name = NULL;
	int rc;

	*out = NULL;
	if (!*v->v[CANDOR_CRM_OWNER])
		return (*out = strdup("")) ? 0 : oom(p->app);
	if ((rc = candor_app_name_clean(p->app, "owner", v->v[CANDOR_CRM_OWNER], &name)))
		return row_fail(p, line, col, rc);
	if (!p->users.n) {
		*out = name;
		return 0;
	}
	for (size_t i = 0; i < p->users.n; i++)
		if (same_ci(p->users.v[i].name, name)) {
			free(name);
			return (*out = strdup(p->users.v[i].name)) ? 0 : oom(p->app);
		}
	candor_error_set(p->app->err, CANDOR_EINVALID, "owner", "there is no user '%s' (see "
			 "'candor user list'): an account belongs to a user; --map the column "
			 "to extra to keep it without an owner", name);
	free(name);
	return row_fail(p, line, col, CANDOR_EINVALID);
}

/* Check and clean the row's values into step s. */
static int clean(struct planner *p, const struct values *v, struct candor_crm_step *s)
{
	struct candor_app *app = p->app;
	bool contacts = p->in->kind == CANDOR_CRM_CONTACTS;
	const char *account = *v->v[CANDOR_CRM_ACCOUNT] ? v->v[CANDOR_CRM_ACCOUNT]
			      : p->in->account ? p->in->account : "";
	int rc;

	if (!*v->v[CANDOR_CRM_NAME]) {
		candor_error_set(app->err, CANDOR_EINVALID, "name", "the row has no name (the "
				 "file's name column is empty here)");
		return row_fail(p, s->line, v->col[CANDOR_CRM_NAME], CANDOR_EINVALID);
	}
	if ((rc = candor_app_name_clean(app, "name", v->v[CANDOR_CRM_NAME], &s->name)))
		return row_fail(p, s->line, v->col[CANDOR_CRM_NAME], rc);
	if (!(s->email = trimmed(v->v[CANDOR_CRM_EMAIL])) || !(s->role = trimmed(v->v[CANDOR_CRM_ROLE])) ||
	    !(s->note = dup_or_empty(v->v[CANDOR_CRM_NOTE])))
		return oom(app);
	if (*s->email && !candor_app_email_ok(s->email)) {
		candor_error_set(app->err, CANDOR_EINVALID, "email", "'%s' is not an email address",
				 s->email);
		return row_fail(p, s->line, v->col[CANDOR_CRM_EMAIL], CANDOR_EINVALID);
	}
	if ((rc = candor_app_check_optional(app, "role", s->role)))
		return row_fail(p, s->line, v->col[CANDOR_CRM_ROLE], rc);
	if ((rc = candor_app_check_optional(app, "note", s->note)))
		return row_fail(p, s->line, v->col[CANDOR_CRM_NOTE], rc);
	if ((rc = owner_check(p, v, s->line, &s->owner)))
		return rc;
	if (!contacts)
		return (s->account = strdup("")) ? 0 : oom(app);
	if (!*account) {
		candor_error_set(app->err, CANDOR_EINVALID, "account", "'%s' has no company: a "
				 "contact belongs to an account (add --account ACCOUNT for the rows "
				 "without one)", s->name);
		return row_fail(p, s->line, v->col[CANDOR_CRM_ACCOUNT], CANDOR_EINVALID);
	}
	if ((rc = candor_app_name_clean(app, "account", account, &s->account)))
		return row_fail(p, s->line, v->col[CANDOR_CRM_ACCOUNT], rc);
	return 0;
}

/* The account of contact step s: an existing one, or one this import creates. */
static int resolve_account(struct planner *p, struct candor_crm_step *s)
{
	const char *k = key2(p, 0, s->account);
	size_t i;

	if (!k)
		return oom(p->app);
	if (index_get(&p->account_by_name, k, &i)) {
		s->account_id = p->accounts.v[i].id;
		return 0;
	}
	s->new_account = true;
	return 0;
}

/* How many accounts apply creates: the names of the new accounts rows go to. */
static int count_new_accounts(struct planner *p)
{
	for (size_t i = 0; i < p->out->n; i++) {
		const struct candor_crm_step *s = &p->out->v[i];
		const char *k;
		size_t j;

		if (!s->new_account || (s->action != CANDOR_CRM_CREATE &&
					s->action != CANDOR_CRM_UPDATE))
			continue;
		if (!(k = key2(p, 0, s->account)))
			return oom(p->app);
		if (!index_get(&p->new_account, k, &j)) {
			p->out->accounts_created++;
			if (index_put(&p->new_account, k, 0))
				return oom(p->app);
		}
	}
	return 0;
}

/* Another row of the file had this person already: skip, naming it. */
static int seen_before(struct planner *p, struct candor_crm_step *s, bool *skip)
{
	const char *k;
	size_t j;

	*skip = false;
	if (*s->email) {
		if (!(k = key2(p, 0, s->email)))
			return oom(p->app);
		if (index_get(&p->seen_email, k, &j)) {
			*skip = true;
			s->why = candor_strf("the same email as line %zu", p->out->v[j].line);
			return s->why ? 0 : oom(p->app);
		}
		if (index_put(&p->seen_email, k, p->out->n - 1))
			return oom(p->app);
	}
	if (!(k = key2(p, 0, p->in->kind == CANDOR_CRM_CONTACTS ? s->account : "")))
		return oom(p->app);
	{
		struct candor_buf both = CANDOR_BUF_INIT;
		int rc = 0;

		candor_buf_addf(&both, "%s\x1f", k);
		if (!(k = key2(p, 0, s->name)))
			rc = oom(p->app);
		else if (candor_buf_adds(&both, k))
			rc = oom(p->app);
		else if (index_get(&p->seen_name, both.ptr, &j)) {
			*skip = true;
			if (!(s->why = candor_strf("the same name%s as line %zu",
						      p->in->kind == CANDOR_CRM_CONTACTS ?
						      " and company" : "", p->out->v[j].line)))
				rc = oom(p->app);
		} else if (index_put(&p->seen_name, both.ptr, p->out->n - 1)) {
			rc = oom(p->app);
		}
		candor_buf_release(&both);
		return rc;
	}
}

/* How a field of the row compares with what Candor has. */
struct diff {
	struct candor_buf why;
	size_t fills, conflicts;
};

/* Compare field what: file value f, Candor's value c; *set gets the chosen one. */
static int compare(struct planner *p, struct diff *d, const char *what, const char *f,
		   const char *c, bool ci, char **set)
{
	const char *chosen = c;

	if (!*f || (ci ? same_ci(f, c) : !strcmp(f, c))) {
		chosen = c;
	} else if (!*c) {
		d->fills++;
		candor_buf_addf(&d->why, "%s%s '%s' added", d->why.len ? "; " : "", what, f);
		chosen = f;
	} else {
		d->conflicts++;
		candor_buf_addf(&d->why, "%s%s: the file has '%s', Candor has '%s'%s",
				d->why.len ? "; " : "", what, f, c,
				p->in->prefer == CANDOR_CRM_PREFER_FILE ? " (the file's taken)"
				: p->in->prefer == CANDOR_CRM_PREFER_EXISTING ? " (Candor's kept)" : "");
		if (p->in->prefer == CANDOR_CRM_PREFER_FILE)
			chosen = f;
	}
	return (*set = strdup(chosen)) ? 0 : oom(p->app);
}

static void decide(struct planner *p, struct candor_crm_step *s, struct diff *d)
{
	if (d->conflicts && p->in->prefer == CANDOR_CRM_PREFER_NONE)
		s->action = CANDOR_CRM_CONFLICT;
	else if (d->fills || (d->conflicts && p->in->prefer == CANDOR_CRM_PREFER_FILE))
		s->action = CANDOR_CRM_UPDATE;
	else
		s->action = CANDOR_CRM_UNCHANGED;
	if (!d->why.len)
		candor_buf_adds(&d->why, "Candor has it all already");
}

static int match_contact(struct planner *p, struct candor_crm_step *s)
{
	const struct candor_contact *c = NULL;
	struct diff d = { CANDOR_BUF_INIT, 0, 0 };
	const char *k;
	const char *by = "email";
	size_t i;
	int rc = 0;

	if (*s->email && (k = key2(p, 0, s->email)) && index_get(&p->by_email, k, &i))
		c = &p->contacts.v[i];
	if (!c && s->account_id && (k = key2(p, s->account_id, s->name)) &&
	    index_get(&p->by_name, k, &i))
		c = &p->contacts.v[i], by = "name";
	if (candor_buf_error(&p->key))
		return oom(p->app);
	if (!c) {
		s->action = CANDOR_CRM_CREATE;
		s->why = s->new_account ? candor_strf("a new contact, at a new account '%s'",
							 s->account)
				       : candor_strf("a new contact at '%s'", s->account);
		return s->why ? 0 : oom(p->app);
	}
	s->id = c->id;
	s->set_account_id = c->account_id;
	if ((rc = compare(p, &d, "name", s->name, c->name, false, &s->set_name)) ||
	    (rc = compare(p, &d, "email", s->email, c->email, true, &s->set_email)) ||
	    (rc = compare(p, &d, "role", s->role, c->role, false, &s->set_role)))
		goto cleanup;
	if (s->new_account || s->account_id != c->account_id) {
		d.conflicts++;
		candor_buf_addf(&d.why, "%saccount: the file has '%s', Candor has '%s'%s",
				d.why.len ? "; " : "", s->account, c->account_name,
				p->in->prefer == CANDOR_CRM_PREFER_FILE ? " (the file's taken)"
				: p->in->prefer == CANDOR_CRM_PREFER_EXISTING ? " (Candor's kept)" : "");
		if (p->in->prefer == CANDOR_CRM_PREFER_FILE)
			s->set_account_id = s->account_id;  /* 0: the new account, made by apply */
		else
			s->new_account = false;  /* not made for this row after all */
	}
	decide(p, s, &d);
	if (candor_buf_error(&d.why) ||
	    !(s->why = candor_strf("#%" PRId64 " (same %s): %s", c->id, by, d.why.ptr)))
		rc = oom(p->app);
cleanup:
	candor_buf_release(&d.why);
	return rc;
}

static int match_account(struct planner *p, struct candor_crm_step *s)
{
	const struct candor_account *a;
	struct diff d = { CANDOR_BUF_INIT, 0, 0 };
	const char *k = key2(p, 0, s->name);
	size_t i;
	int rc;

	if (!k)
		return oom(p->app);
	if (!index_get(&p->account_by_name, k, &i)) {
		s->action = CANDOR_CRM_CREATE;
		return (s->why = strdup("a new account")) ? 0 : oom(p->app);
	}
	a = &p->accounts.v[i];
	s->id = a->id;
	if (!(rc = compare(p, &d, "owner", s->owner, a->owner, true, &s->set_owner)) &&
	    !(rc = compare(p, &d, "note", s->note, a->note, false, &s->set_note))) {
		decide(p, s, &d);
		if (candor_buf_error(&d.why) ||
		    !(s->why = candor_strf("#%" PRId64 " (same name): %s", a->id, d.why.ptr)))
			rc = oom(p->app);
	}
	candor_buf_release(&d.why);
	return rc;
}

static int plan_row(struct planner *p, const struct candor_csv_row *row)
{
	struct candor_crm_plan *out = p->out;
	struct candor_crm_step *s = &out->v[out->n++];
	struct values v = { .joined = CANDOR_BUF_INIT };
	json_t *extra = json_object();
	bool skip;
	int rc;

	s->line = row->line;
	if (!extra) {
		rc = oom(p->app);
		goto cleanup;
	}
	if ((rc = gather(p, row, &v, extra)) || (rc = clean(p, &v, s)))
		goto cleanup;
	s->nextra = json_object_size(extra);
	if (!(s->extra = candor_json_text(extra, JSON_COMPACT | JSON_SORT_KEYS))) {
		rc = oom(p->app);
		goto cleanup;
	}
	if (p->in->kind == CANDOR_CRM_CONTACTS && (rc = resolve_account(p, s)))
		goto cleanup;
	if ((rc = seen_before(p, s, &skip)))
		goto cleanup;
	if (skip)
		s->action = CANDOR_CRM_SKIP;
	else
		rc = p->in->kind == CANDOR_CRM_CONTACTS ? match_contact(p, s) : match_account(p, s);
	if (!rc)
		out->count[s->action]++;
cleanup:
	json_decref(extra);
	candor_buf_release(&v.joined);
	return rc;
}

int candor_app_crm_plan(struct candor_app *app, const struct candor_crm_import *in,
			struct candor_crm_plan *out)
{
	struct planner p = { .app = app, .in = in, .out = out, .key = CANDOR_BUF_INIT };
	int rc;

	memset(out, 0, sizeof(*out));
	out->vendor = in->map->vendor;
	if (!candor_crm_map_has(in->map, CANDOR_CRM_NAME) &&
	    !candor_crm_map_has(in->map, CANDOR_CRM_FIRST) &&
	    !candor_crm_map_has(in->map, CANDOR_CRM_LAST)) {
		rc = candor_error_set(app->err, CANDOR_EINVALID, "map", "%s: no column holds the "
				      "name (read as %s): say which with --map COLUMN=name",
				      in->file, in->map->vendor);
		goto cleanup;
	}
	if (in->csv->nrows && !(out->v = calloc(in->csv->nrows, sizeof(*out->v)))) {
		rc = oom(app);
		goto cleanup;
	}
	if ((rc = load(&p)))
		goto cleanup;
	for (size_t i = 0; i < in->csv->nrows && !rc; i++)
		rc = plan_row(&p, &in->csv->rows[i]);
	if (!rc && in->kind == CANDOR_CRM_CONTACTS)
		rc = count_new_accounts(&p);
cleanup:
	index_release(&p.by_email);
	index_release(&p.by_name);
	index_release(&p.account_by_name);
	index_release(&p.seen_email);
	index_release(&p.seen_name);
	index_release(&p.new_account);
	candor_buf_release(&p.key);
	candor_contact_list_release(&p.contacts);
	candor_account_list_release(&p.accounts);
	candor_user_list_release(&p.users);
	return rc;
}

/* ---- apply ---- */

static int step_fail(struct candor_app *app, const struct candor_crm_import *in,
		     const struct candor_crm_step *s, int rc)
{
	char msg[sizeof(app->err->msg)];

	snprintf(msg, sizeof(msg), "%s", app->err->msg);
	return candor_error_set(app->err, rc, app->err->field[0] ? app->err->field : NULL,
				"%s:%zu: %s", in->file, s->line, msg);
}

/* The id of the account named by s, made now if this import creates it. */
static int account_for(struct candor_app *app, struct index *made, struct candor_crm_step *s,
		       int64_t *out)
{
	struct candor_buf k = CANDOR_BUF_INIT;
	size_t id;
	int rc = 0;

	for (const char *c = s->account; *c; c++)
		candor_buf_addch(&k, *c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
	if (candor_buf_error(&k)) {
		rc = oom(app);
	} else if (index_get(made, k.ptr, &id)) {
		*out = (int64_t)id;
	} else if (!(rc = candor_app_account_add(app, s->account, s->owner, "", out)) &&
		   index_put(made, k.ptr, (size_t)*out)) {
		rc = oom(app);
	}
	candor_buf_release(&k);
	return rc;
}

static int apply_contact(struct candor_app *app, struct index *made, struct candor_crm_step *s)
{
	struct candor_contact c = { 0 };
	int64_t account_id = s->action == CANDOR_CRM_CREATE ? s->account_id : s->set_account_id;
	int rc;

	if (!account_id && (rc = account_for(app, made, s, &account_id)))
		return rc;
	if (s->action == CANDOR_CRM_CREATE) {
		s->account_id = account_id;
		return candor_app_contact_add_extra(app, account_id, s->name, s->role, s->email,
						    s->nextra ? s->extra : NULL, &s->id);
	}
	c.id = s->id;
	c.account_id = account_id;
	c.name = s->set_name, c.role = s->set_role, c.email = s->set_email;
	return candor_store_contact_update(app->store, &c);
}

static int apply_account(struct candor_app *app, struct candor_crm_step *s)
{
	struct candor_account a = { 0 };

	if (s->action == CANDOR_CRM_CREATE)
		return candor_app_account_add(app, s->name, s->owner, s->note, &s->id);
	a.id = s->id;
	a.name = s->name, a.owner = s->set_owner, a.note = s->set_note;
	return candor_store_account_update(app->store, &a);
}

/* The record's extra fields with the row's merged in, written when they differ. */
static int put_extra(struct candor_app *app, const struct candor_crm_import *in,
		     const struct candor_crm_step *s)
{
	const char *tbl = in->kind == CANDOR_CRM_CONTACTS ? "contacts" : "accounts";
	json_t *row = NULL, *mine, *theirs = NULL;
	struct candor_field f = { .col = "extra" };
	char *json = NULL, *merged = NULL;
	int rc;

	if (!s->nextra)
		return 0;
	if ((rc = candor_store_record_get(app->store, tbl, s->id, &json)))
		return rc;
	row = candor_json_read(json);
	mine = json_is_object(row) && json_is_string(json_object_get(row, "extra"))
	       ? candor_json_read(json_string_value(json_object_get(row, "extra"))) : NULL;
	if (!json_is_object(mine)) {
		json_decref(mine);
		mine = json_object();
	}
	if (!mine || !(theirs = candor_json_read(s->extra)) ||
	    (in->prefer == CANDOR_CRM_PREFER_FILE ? json_object_update(mine, theirs)
	     : json_object_update_missing(mine, theirs)) ||
	    !(merged = candor_json_text(mine, JSON_COMPACT | JSON_SORT_KEYS))) {
		rc = oom(app);
	} else {
		f.t = merged;
		rc = candor_store_record_set(app->store, tbl, s->id, &f, 1);
	}
	free(merged);
	free(json);
	json_decref(theirs);
	json_decref(mine);
	json_decref(row);
	return rc;
}

int candor_app_crm_apply(struct candor_app *app, const struct candor_crm_import *in,
			 struct candor_crm_plan *plan)
{
	struct index made = { 0 };
	char source[1100];
	int rc = 0;

	if (plan->count[CANDOR_CRM_CONFLICT] && in->prefer == CANDOR_CRM_PREFER_NONE) {
		for (size_t i = 0; i < plan->n; i++)
			if (plan->v[i].action == CANDOR_CRM_CONFLICT)
				return candor_error_set(app->err, CANDOR_ECONFLICT, "prefer",
							"%zu row%s differ from what Candor has "
							"(first %s:%zu: %s): nothing imported; see "
							"them with --dry-run, then choose --prefer "
							"file or --prefer existing",
							plan->count[CANDOR_CRM_CONFLICT],
							plan->count[CANDOR_CRM_CONFLICT] == 1 ? "" : "s",
							in->file, plan->v[i].line, plan->v[i].why);
	}
	snprintf(source, sizeof(source), "import %s %s", in->kind == CANDOR_CRM_CONTACTS ?
		 "contacts" : "accounts", in->file);
	if (plan->count[CANDOR_CRM_CREATE] + plan->count[CANDOR_CRM_UPDATE] &&
	    (rc = candor_app_batch_open(app, "import", in->by, source)))
		return rc;
	for (size_t i = 0; i < plan->n && !rc; i++) {
		struct candor_crm_step *s = &plan->v[i];

		if (in->progress && (i % 1000 == 0 || i + 1 == plan->n))
			in->progress(in->arg, i + 1, plan->n);
		if (s->action != CANDOR_CRM_CREATE && s->action != CANDOR_CRM_UPDATE)
			continue;
		snprintf(source, sizeof(source), "%s:%zu", in->file, s->line);
		if (!(rc = candor_app_batch_source(app, source)) &&
		    !(rc = in->kind == CANDOR_CRM_CONTACTS ? apply_contact(app, &made, s)
			   : apply_account(app, s)) &&
		    (s->action == CANDOR_CRM_UPDATE || in->kind != CANDOR_CRM_CONTACTS))
			rc = put_extra(app, in, s);  /* a new contact has them already */
		if (rc)
			rc = step_fail(app, in, s, rc);
	}
	if (!rc && plan->count[CANDOR_CRM_CREATE] + plan->count[CANDOR_CRM_UPDATE])
		rc = candor_audit_batch(app->store, &plan->batch);
	index_release(&made);
	return rc;
}

void candor_crm_plan_release(struct candor_crm_plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		struct candor_crm_step *s = &p->v[i];

		free(s->name), free(s->email), free(s->role), free(s->account), free(s->owner);
		free(s->note), free(s->extra), free(s->why);
		free(s->set_name), free(s->set_email), free(s->set_role), free(s->set_note);
		free(s->set_owner);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}
