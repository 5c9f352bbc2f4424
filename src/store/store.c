/*
 * store.c: the backend-independent half of the store (see store.h):
 * choosing a backend, resolving names to records, and releasing results.
 */
#include "util/common.h"
#include <ctype.h>
#include <strings.h>
#include <sodium.h>
#include "util/buf.h"
#include "store/store.h"
#include "store/readback.h"
#include "store/audit.h"
#include "util/utf8.h"
#include "util/fold.h"

/*
 * Which backend an address names, and the part of it the backend opens:
 * postgresql://... and postgres://... whole, sqlite:PATH as PATH, and any
 * other "SCHEME://" refused; the rest is a file path.
 */
static bool has_scheme(const char *location)
{
	const char *p = location;

	if (!isalpha((unsigned char)*p))
		return false;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return !strncmp(p, "://", 3);
}

static int store_address(const char *location, const struct candor_store_be **be,
			 const char **rest, struct candor_error *err)
{
	*rest = location;
	*be = &candor_store_sqlite;
	if (!strncmp(location, "postgresql://", 13) || !strncmp(location, "postgres://", 11)) {
		*be = &candor_store_postgres;
	} else if (!strncmp(location, "sqlite:", 7)) {
		*rest = location + 7;
		if (!strncmp(*rest, "//", 2))
			return candor_error_set(err, CANDOR_EINVALID, "database",
						"'%s' is not a database address: write sqlite:PATH "
						"(sqlite:team.db, sqlite:/srv/candor.db)", location);
	} else if (has_scheme(location)) {
		return candor_error_set(err, CANDOR_EINVALID, "database",
					"'%s' is not a database address Candor knows: use a file "
					"path, sqlite:PATH or postgresql://HOST/DATABASE", location);
	}
	if (!**rest)
		return candor_error_set(err, CANDOR_EINVALID, "database",
					"'%s' names no database: give a file path after 'sqlite:'",
					location);
	return 0;
}

/*
 * The address as messages show it: a password in it (user:PASSWORD@ or
 * password=...) is replaced by "***".
 */
static void redact(char *out, size_t n, const char *location)
{
	const char *scheme = strstr(location, "://"), *at, *colon, *pw;
	struct candor_buf b = CANDOR_BUF_INIT;

	if (!scheme) {
		snprintf(out, n, "%s", location);
		return;
	}
	at = strchr(scheme + 3, '@');
	colon = at ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3)) : NULL;
	if (colon && !memchr(scheme + 3, '/', (size_t)(at - scheme - 3))) {
		candor_buf_add(&b, location, (size_t)(colon + 1 - location));
		candor_buf_adds(&b, "***");
		candor_buf_adds(&b, at);
	} else {
		candor_buf_adds(&b, location);
	}
	pw = strstr(b.ptr, "password=");
	if (pw) {
		size_t start = (size_t)(pw - b.ptr) + 9, end = start;

		while (end < b.len && b.ptr[end] != '&')
			end++;
		snprintf(out, n, "%.*s***%s", (int)start, b.ptr, b.ptr + end);
	} else {
		snprintf(out, n, "%s", b.ptr);
	}
	candor_buf_release(&b);
}

int candor_store_open(struct candor_store **out, const char *location, bool create,
		      struct candor_error *err)
{
	struct candor_store *s = NULL;
	const struct candor_store_be *be;
	const char *rest;
	int rc;

	*out = NULL;
	if ((rc = store_address(location, &be, &rest, err)))
		return rc;
	s = calloc(1, sizeof(*s));
	if (!s)
		return candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
	s->be = be;
	s->err = err;
	redact(s->location, sizeof(s->location), rest);
	rc = s->be->open(s, rest, create);
	if (rc) {
		free(s);
		return rc;
	}
	*out = s;
	return 0;
}

bool candor_store_is_server(const char *location)
{
	struct candor_error err = { 0 };
	const struct candor_store_be *be;
	const char *rest;

	return location && !store_address(location, &be, &rest, &err) && be == &candor_store_postgres;
}

int candor_store_partition(struct candor_store *s, int parts)
{
	if (!s->be->partition)
		return candor_error_set(s->err, CANDOR_EINVALID, "partitions",
					"partitions are for a PostgreSQL team server; '%s' is one "
					"SQLite file", s->location);
	return s->be->partition(s, parts);
}

bool candor_store_retryable(const struct candor_store *s)
{
	return s && s->retry;
}

void candor_store_close(struct candor_store *s)
{
	if (!s)
		return;
	candor_audit_abandon(s);
	s->be->close(s);
	free(s);
}

int candor_store_begin(struct candor_store *s) { return s->be->begin(s); }
int candor_store_begin_read(struct candor_store *s) { return s->be->begin_read(s); }
/* The batch being recorded (audit.h) closes with the transaction. */
int candor_store_commit(struct candor_store *s)
{
	int rc = candor_audit_end(s);

	if (rc) {
		s->be->rollback(s);
		return rc;
	}
	return s->be->commit(s);
}

void candor_store_rollback(struct candor_store *s)
{
	candor_audit_abandon(s);
	s->be->rollback(s);
}

/* "12" or "#12" is an id; anything else is a name.  0 when not an id. */
static int64_t ref_id(const char *ref)
{
	const char *p = ref[0] == '#' ? ref + 1 : ref;
	char *end;
	long long v;

	if (!*p)
		return 0;
	for (const char *q = p; *q; q++)
		if (!isdigit((unsigned char)*q))
			return 0;
	errno = 0;
	v = strtoll(p, &end, 10);
	return errno || *end || v <= 0 ? 0 : (int64_t)v;
}

static int absent(struct candor_store *s, const char *what, const char *ref)
{
	return candor_error_set(s->err, CANDOR_ENOTFOUND, what,
				"no %s '%s' (see 'candor %s list')", what, ref, what);
}

int candor_store_absent_account(struct candor_store *s, int64_t id)
{
	char ref[32];

	snprintf(ref, sizeof(ref), "%" PRId64, id);
	return absent(s, "account", ref);
}

int candor_store_absent_contact(struct candor_store *s, int64_t id)
{
	char ref[32];

	snprintf(ref, sizeof(ref), "%" PRId64, id);
	return absent(s, "contact", ref);
}

int candor_store_absent_record(struct candor_store *s, enum candor_record what, int64_t id)
{
	static const char *const names[] = { "promise", "expectation", "interaction", "proposal",
					      "signal", "correction" };
	const char *name = (size_t)what < CANDOR_ARRAY_SIZE(names) ? names[what] : "record";

	return candor_error_set(s->err, CANDOR_ENOTFOUND, name, "no %s #%" PRId64, name, id);
}

static int check_ref(struct candor_store *s, const char *what, const char *ref)
{
	if (!ref || !*ref)
		return candor_error_set(s->err, CANDOR_EINVALID, what, "no %s given", what);
	return 0;
}

int candor_store_account_find(struct candor_store *s, const char *ref,
			      struct candor_account *out)
{
	struct candor_account_list l = { 0 };
	struct candor_buf msg = CANDOR_BUF_INIT;
	int64_t id;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = check_ref(s, "account", ref)))
		return rc;
	id = ref_id(ref);
	if ((rc = s->be->accounts(s, id, id ? NULL : ref, false, &l)))
		goto cleanup;
	if (l.n == 0 && !id && (rc = s->be->accounts(s, 0, ref, true, &l)))
		goto cleanup;
	if ((rc = store_readback_accounts(s, l.v, l.n)))
		goto cleanup;
	if (l.n == 0) {
		rc = absent(s, "account", ref);
	} else if (l.n > 1) {
		for (size_t i = 0; i < l.n; i++)
			candor_buf_addf(&msg, "%s#%" PRId64, i ? ", " : "", l.v[i].id);
		rc = candor_error_set(s->err, CANDOR_EAMBIGUOUS, "account",
				      "'%s' names %zu accounts (%s): use the id", ref, l.n, msg.ptr);
	} else {
		*out = l.v[0];
		memset(&l.v[0], 0, sizeof(l.v[0]));
	}
cleanup:
	candor_buf_release(&msg);
	candor_account_list_release(&l);
	return rc;
}

int candor_store_contact_find(struct candor_store *s, const char *ref,
			      struct candor_contact *out)
{
	struct candor_contact_list l = { 0 };
	struct candor_buf msg = CANDOR_BUF_INIT;
	int64_t id;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = check_ref(s, "contact", ref)))
		return rc;
	id = ref_id(ref);
	if ((rc = s->be->contacts(s, id, id ? NULL : ref, false, 0, &l)))
		goto cleanup;
	if (l.n == 0 && !id && (rc = s->be->contacts(s, 0, ref, true, 0, &l)))
		goto cleanup;
	if ((rc = store_readback_contacts(s, l.v, l.n)))
		goto cleanup;
	if (l.n == 0) {
		rc = absent(s, "contact", ref);
	} else if (l.n > 1) {
		for (size_t i = 0; i < l.n; i++)
			candor_buf_addf(&msg, "%s#%" PRId64 " at %s", i ? ", " : "",
					l.v[i].id, l.v[i].account_name);
		rc = candor_error_set(s->err, CANDOR_EAMBIGUOUS, "contact",
				      "'%s' names %zu contacts (%s): use the id", ref, l.n, msg.ptr);
	} else {
		*out = l.v[0];
		memset(&l.v[0], 0, sizeof(l.v[0]));
	}
cleanup:
	candor_buf_release(&msg);
	candor_contact_list_release(&l);
	return rc;
}

/* The read-back check of a list a backend filled (readback.h); on failure
 * the list is released, so no caller sees a part of it. */
static int accounts_checked(struct candor_store *s, int rc, struct candor_account_list *out)
{
	if (rc || (rc = store_readback_accounts(s, out->v, out->n)))
		candor_account_list_release(out);
	return rc;
}

static int contacts_checked(struct candor_store *s, int rc, struct candor_contact_list *out)
{
	if (rc || (rc = store_readback_contacts(s, out->v, out->n)))
		candor_contact_list_release(out);
	return rc;
}

int candor_store_account_list(struct candor_store *s, struct candor_account_list *out)
{
	return accounts_checked(s, s->be->accounts(s, 0, NULL, false, out), out);
}

int candor_store_contact_list(struct candor_store *s, int64_t account_id,
			      struct candor_contact_list *out)
{
	return contacts_checked(s, s->be->contacts(s, 0, NULL, false, account_id, out), out);
}

/*
 * Cursors: the tag (which list and order), then in hex the sort key's
 * numbers and the row's id, "N,N,N;ID".  Opaque to callers: they pass back
 * what a page gave them.
 */
void candor_cursor_encode(char *out, char tag, const double *num, size_t nnum, int64_t id)
{
	char plain[CANDOR_CURSOR_MAX / 2 - 2];
	size_t len = 0;

	for (size_t i = 0; i < nnum && len < sizeof(plain); i++)
		len += (size_t)snprintf(plain + len, sizeof(plain) - len, "%.17g,", num[i]);
	if (len < sizeof(plain))
		snprintf(plain + len, sizeof(plain) - len, ";%" PRId64, id);
	out[0] = tag;
	len = 1;
	for (const char *p = plain; *p && len + 3 < CANDOR_CURSOR_MAX; p++)
		len += (size_t)snprintf(out + len, CANDOR_CURSOR_MAX - len, "%02x", (unsigned char)*p);
	out[len] = '\0';
}

static int bad_cursor(struct candor_store *s, const char *in)
{
	return candor_error_set(s->err, CANDOR_EINVALID, "after",
				"'%.40s' is not a cursor of this list: pass back the 'next' "
				"a page gave", in);
}

int candor_cursor_decode(struct candor_store *s, const char *in, char tag, size_t nnum,
			 struct candor_cursor *out)
{
	char plain[CANDOR_CURSOR_MAX / 2], *p, *end;
	size_t n = 0, len;

	memset(out, 0, sizeof(*out));
	if (!in || !*in)
		return 0;
	len = strlen(in);
	if (in[0] != tag || len % 2 != 1 || len >= CANDOR_CURSOR_MAX)
		return bad_cursor(s, in);
	for (size_t i = 1; i < len; i += 2) {
		unsigned v;

		if (!isxdigit((unsigned char)in[i]) || !isxdigit((unsigned char)in[i + 1]) ||
		    sscanf(in + i, "%2x", &v) != 1)
			return bad_cursor(s, in);
		plain[n++] = (char)v;
	}
	plain[n] = '\0';
	p = plain;
	for (size_t i = 0; i < nnum; i++) {
		errno = 0;
		out->num[i] = strtod(p, &end);
		if (errno || end == p || *end != ',')
			return bad_cursor(s, in);
		p = end + 1;
	}
	if (*p++ != ';')
		return bad_cursor(s, in);
	errno = 0;
	out->id = strtoll(p, &end, 10);
	if (errno || end == p || *end || out->id <= 0)
		return bad_cursor(s, in);
	return 0;
}

/* Keep the first q->limit rows of a page of limit + 1, and say where the next begins. */
#define PAGE_TRIM(list, q, tag, next)                                            \
	do {                                                                     \
		(next)[0] = '\0';                                                \
		if ((q)->limit && (list)->n > (q)->limit) {                      \
			while ((list)->n > (q)->limit)                           \
				RELEASE_ONE(&(list)->v[--(list)->n]);            \
			candor_cursor_encode((next), (tag), NULL, 0,             \
					     (list)->v[(list)->n - 1].id);       \
		}                                                                \
	} while (0)

int candor_store_account_page(struct candor_store *s, const struct candor_list_query *q,
			      struct candor_account_list *out, char *next)
{
	char tag = q->order == CANDOR_ORDER_ID ? 'a' : 'A';
	struct candor_cursor cur;
	int rc;

	memset(out, 0, sizeof(*out));
	/* decode first: q->after may be next itself, the last page's cursor */
	rc = candor_cursor_decode(s, q->after, tag, 0, &cur);
	next[0] = '\0';
	if (rc ||
	    (rc = accounts_checked(s, s->be->account_page(s, q, &cur, out), out)))
		return rc;
#define RELEASE_ONE candor_account_release
	PAGE_TRIM(out, q, tag, next);
#undef RELEASE_ONE
	return 0;
}

int candor_store_contact_page(struct candor_store *s, const struct candor_list_query *q,
			      struct candor_contact_list *out, char *next)
{
	char tag = q->order == CANDOR_ORDER_ID ? 'c' : 'C';
	struct candor_cursor cur;
	int rc;

	memset(out, 0, sizeof(*out));
	/* decode first: q->after may be next itself, the last page's cursor */
	rc = candor_cursor_decode(s, q->after, tag, 0, &cur);
	next[0] = '\0';
	if (rc ||
	    (rc = contacts_checked(s, s->be->contact_page(s, q, &cur, out), out)))
		return rc;
#define RELEASE_ONE candor_contact_release
	PAGE_TRIM(out, q, tag, next);
#undef RELEASE_ONE
	return 0;
}

static int nonempty(struct candor_store *s, const char *field, const char *v)
{
	const char *p = v;

	while (p && isspace((unsigned char)*p))
		p++;
	if (!p || !*p)
		return candor_error_set(s->err, CANDOR_EINVALID, field, "%s must not be empty", field);
	return 0;
}

/*
 * Every write of a contact's evidence goes through touched(): after the
 * write succeeds, the contact's evidence counter is bumped and its kept
 * answer marked stale, in the same transaction (store.h, "kept answers").
 */
static int touched(struct candor_store *s, int rc, int64_t account_id, int64_t contact_id)
{
	s->touches++;   /* even when it fails: then a rollback may follow */
	return rc ? rc : s->be->evidence_touch(s, account_id, contact_id);
}

/* And every write is recorded in the batch open (audit.h), if one is. */
static int added(struct candor_store *s, int rc, const char *tbl, int64_t account_id, int64_t id)
{
	return rc ? rc : candor_audit_added(s, tbl, account_id, id);
}

/* An update of the rows of tbl whose col is v (col2 v2), recorded. */
#define UPDATED(s, tbl, col, v, col2, v2, write) __extension__ ({ \
	struct candor_audit_snap *snap_; \
	int rc_ = candor_audit_snap(s, tbl, col, v, col2, v2, &snap_); \
	candor_audit_changed(s, rc_ ? rc_ : (write), snap_); })

int candor_store_account_add(struct candor_store *s, struct candor_account *a)
{
	struct candor_account_list l = { 0 };
	int rc;

	if (nonempty(s, "name", a->name))
		return s->err->code;
	if ((rc = candor_store_accounts_named(s, a->name, &l)))
		return rc;
	for (size_t i = 0; i < l.n && !rc; i++)
		if (!strcasecmp(l.v[i].owner, a->owner ? a->owner : ""))
			rc = candor_error_set(s->err, CANDOR_ECONFLICT, "name",
					      "there is already an account '%s' (#%" PRId64 ")",
					      l.v[i].name, l.v[i].id);
	candor_account_list_release(&l);
	rc = rc ? rc : s->be->account_add(s, a);
	return added(s, rc, "accounts", a->id, a->id);
}

int candor_store_accounts_named(struct candor_store *s, const char *name,
				struct candor_account_list *out)
{
	memset(out, 0, sizeof(*out));
	return accounts_checked(s, s->be->accounts(s, 0, name, false, out), out);
}

/* Whether c's name is free at its account: a contact there of that name,
 * other than self (0 for a contact not added yet), is CANDOR_ECONFLICT. */
static int contact_name_free(struct candor_store *s, const struct candor_contact *c, int64_t self)
{
	struct candor_contact_list l = { 0 };
	int rc;

	if (nonempty(s, "name", c->name))
		return s->err->code;
	rc = s->be->contacts(s, 0, c->name, false, c->account_id, &l);
	for (size_t i = 0; i < l.n && !rc; i++)
		if (l.v[i].id != self)
			rc = candor_error_set(s->err, CANDOR_ECONFLICT, "name",
					      "there is already a contact '%s' at %s (#%" PRId64 ")",
					      l.v[i].name, l.v[i].account_name, l.v[i].id);
	candor_contact_list_release(&l);
	return rc;
}

int candor_store_contact_add(struct candor_store *s, struct candor_contact *c)
{
	int rc = contact_name_free(s, c, 0);

	rc = rc ? rc : s->be->contact_add(s, c);
	rc = touched(s, rc, c->account_id, c->id);
	return added(s, rc, "contacts", c->account_id, c->id);
}

int candor_store_contact_update(struct candor_store *s, const struct candor_contact *c)
{
	int rc = contact_name_free(s, c, c->id);

	if (!rc) {
		const struct candor_field f[] = {
			{ .col = "account_id", .i = c->account_id }, { .col = "name", .t = c->name },
			{ .col = "role", .t = c->role }, { .col = "email", .t = c->email },
		};

		rc = candor_store_record_set(s, "contacts", c->id, f, CANDOR_ARRAY_SIZE(f));
	}
	return rc;
}

int candor_store_account_update(struct candor_store *s, const struct candor_account *a)
{
	const struct candor_field f[] = { { .col = "owner", .t = a->owner },
					  { .col = "note", .t = a->note } };

	return candor_store_record_set(s, "accounts", a->id, f, CANDOR_ARRAY_SIZE(f));
}

int candor_store_interaction_add(struct candor_store *s, struct candor_interaction *it)
{
	int rc = touched(s, s->be->interaction_add(s, it), it->account_id, it->contact_id);

	return added(s, rc, "interactions", it->account_id, it->id);
}

int candor_store_signal_add(struct candor_store *s, int64_t account_id, struct candor_signal *sg)
{
	int rc = nonempty(s, "text", sg->text) ? s->err->code : 0;

	rc = rc ? rc : touched(s, s->be->signal_add(s, account_id, sg), account_id, sg->contact_id);
	return added(s, rc, "signals", account_id, sg->id);
}

int candor_store_signal_delete(struct candor_store *s, const struct candor_signal *sg,
			       int64_t account_id)
{
	return UPDATED(s, "signals", "id", sg->id, "account_id", account_id,
		       touched(s, s->be->signal_delete(s, account_id, sg->id), account_id, sg->contact_id));
}

int candor_store_signals_clear(struct candor_store *s, const struct candor_interaction *it)
{
	return UPDATED(s, "signals", "interaction_id", it->id, "account_id", it->account_id,
		       touched(s, s->be->signals_clear(s, it->account_id, it->id), it->account_id,
			       it->contact_id));
}

int candor_store_interaction_analysed(struct candor_store *s, const struct candor_interaction *it)
{
	return UPDATED(s, "interactions", "id", it->id, "account_id", it->account_id,
		       touched(s, s->be->interaction_analysed(s, it), it->account_id, it->contact_id));
}

int candor_store_correction_add(struct candor_store *s, struct candor_correction *c)
{
	int rc = nonempty(s, "category", c->category) ? s->err->code : 0;

	rc = rc ? rc : touched(s, s->be->correction_add(s, c), c->account_id, c->contact_id);
	return added(s, rc, "corrections", c->account_id, c->id);
}

int candor_store_correction_delete(struct candor_store *s, const struct candor_correction *c)
{
	return UPDATED(s, "corrections", "id", c->id, "account_id", c->account_id,
		       touched(s, s->be->correction_delete(s, c->account_id, c->id), c->account_id,
			       c->contact_id));
}

int candor_store_corrections(struct candor_store *s, int64_t account_id, int64_t id,
			     int64_t interaction_id, struct candor_correction **out, size_t *n)
{
	int rc = s->be->corrections(s, account_id, id, interaction_id, out, n);

	if (!rc && (rc = store_readback_corrections(s, *out, *n))) {
		candor_corrections_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void candor_corrections_free(struct candor_correction *c, size_t n)
{
	for (size_t i = 0; c && i < n; i++) {
		free(c[i].category);
		free(c[i].text);
		free(c[i].by);
	}
	free(c);
}

int candor_store_commitment_add(struct candor_store *s, struct candor_commitment *c)
{
	int rc = nonempty(s, "text", c->text) ? s->err->code : 0;

	rc = rc ? rc : touched(s, s->be->commitment_add(s, c), c->account_id, c->contact_id);
	rc = added(s, rc, "commitments", c->account_id, c->id);

	for (size_t i = 0; !rc && i < c->nevents; i++)
		rc = candor_audit_added(s, "commitment_events", c->account_id, c->events[i].id);
	return rc;
}

int candor_store_commitment_event_add(struct candor_store *s, const struct candor_commitment *c,
				      struct candor_commitment_event *e)
{
	int rc = touched(s, s->be->commitment_event_add(s, c, e), c->account_id, c->contact_id);

	return added(s, rc, "commitment_events", c->account_id, e->id);
}

int candor_store_expectation_add(struct candor_store *s, struct candor_expectation *e)
{
	int rc = nonempty(s, "text", e->text) ? s->err->code : 0;

	rc = rc ? rc : touched(s, s->be->expectation_add(s, e), e->account_id, e->contact_id);
	return added(s, rc, "expectations", e->account_id, e->id);
}

int candor_store_expectation_resolve(struct candor_store *s, const struct candor_expectation *e)
{
	return UPDATED(s, "expectations", "id", e->id, "account_id", e->account_id,
		       touched(s, s->be->expectation_resolve(s, e), e->account_id, e->contact_id));
}

int candor_store_fact_add(struct candor_store *s, struct candor_fact *f)
{
	int rc = nonempty(s, "text", f->text) ? s->err->code : 0;

	rc = rc ? rc : touched(s, s->be->fact_add(s, f), f->account_id, f->contact_id);
	return added(s, rc, "facts", f->account_id, f->id);
}

int candor_store_value_add(struct candor_store *s, struct candor_value *v)
{
	int rc = nonempty(s, "text", v->text) ? s->err->code : 0;

	rc = rc ? rc : touched(s, s->be->value_add(s, v), v->account_id, v->contact_id);
	return added(s, rc, "value_exchanged", v->account_id, v->id);
}

int candor_store_fit_add(struct candor_store *s, struct candor_fit *f)
{
	int rc = nonempty(s, "text", f->text) ? s->err->code : 0;

	rc = rc ? rc : touched(s, s->be->fit_add(s, f), f->account_id, f->contact_id);
	return added(s, rc, "fits", f->account_id, f->id);
}

int candor_store_decision_add(struct candor_store *s, struct candor_decision *d)
{
	int rc = touched(s, s->be->decision_add(s, d), d->account_id, d->contact_id);

	return added(s, rc, "decisions", d->account_id, d->id);
}

int candor_store_assessments_stale(struct candor_store *s, const char *model, int64_t at,
				   struct candor_stale **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	return s->be->assessments_stale(s, model, at, out, n);
}

/*
 * A kept answer's text is stored after its checksum ("s", SipHash-2-4 with
 * a 16-byte output under a fixed key, in hex, and a newline), so that what
 * is read back is known to be what was written, byte for byte: it is
 * printed as it is, and a row damaged on disk or edited by hand must never
 * be.  (Someone who can write the database can write a matching checksum
 * too; that is not what this guards, so the key is no secret.)  Rows kept
 * before carry a BLAKE2b sum without the "s" (DOC_HEAD_OLD), still read:
 * BLAKE2b took a seventh of 'pipeline --json' at 100,000 buyers, five
 * times what SipHash takes.
 */
#define DOC_SUM 16
#define DOC_HEAD_OLD (2 * DOC_SUM + 1)
#define DOC_HEAD (1 + 2 * DOC_SUM + 1)

static int doc_sum(char hex[2 * DOC_SUM + 1], const char *text, size_t n, bool old)
{
	static const unsigned char key[crypto_shorthash_siphashx24_KEYBYTES] = "candor kept doc";
	unsigned char sum[DOC_SUM];

	if (sodium_init() < 0)
		return -1;
	if (old ? crypto_generichash(sum, sizeof(sum), (const unsigned char *)text, n, NULL, 0)
		: crypto_shorthash_siphashx24(sum, (const unsigned char *)text, n, key))
		return -1;
	sodium_bin2hex(hex, 2 * DOC_SUM + 1, sum, sizeof(sum));
	return 0;
}

int candor_store_assessment_put(struct candor_store *s, const struct candor_assessment_row *row)
{
	struct candor_assessment_row r = *row;
	char hex[2 * DOC_SUM + 1];
	char *doc = NULL;
	int rc;

	if (row->doc && *row->doc) {
		size_t n = strlen(row->doc);

		if (doc_sum(hex, row->doc, n, false) || !(doc = malloc(DOC_HEAD + n + 1)))
			return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
		doc[0] = 's';
		memcpy(doc + 1, hex, 2 * DOC_SUM);
		doc[DOC_HEAD - 1] = '\n';
		memcpy(doc + DOC_HEAD, row->doc, n + 1);
		r.doc = doc;
	}
	rc = s->be->assessment_put(s, &r);
	free(doc);
	return rc;
}

/* Whether doc is a checksum and the text it sums; the text is moved to the front. */
static bool doc_whole(char *doc)
{
	size_t n = strlen(doc);
	bool old = doc[0] != 's';
	size_t head = old ? DOC_HEAD_OLD : DOC_HEAD;
	char hex[2 * DOC_SUM + 1];

	if (n < head || doc[head - 1] != '\n' || doc_sum(hex, doc + head, n - head, old) ||
	    memcmp(hex, doc + head - 1 - 2 * DOC_SUM, 2 * DOC_SUM))
		return false;
	memmove(doc, doc + head, n - head + 1);
	return true;
}

int candor_store_assessment_docs(struct candor_store *s, const struct candor_assessment_row *rows,
				 size_t n, char **docs)
{
	int rc;

	memset(docs, 0, n * sizeof(*docs));
	if (!n)
		return 0;
	if ((rc = s->be->assessment_docs(s, rows, n, docs))) {
		for (size_t i = 0; i < n; i++) {
			free(docs[i]);
			docs[i] = NULL;
		}
		return rc;
	}
	for (size_t i = 0; i < n; i++)
		if (docs[i] && !doc_whole(docs[i])) {
			free(docs[i]);
			docs[i] = NULL;
		}
	return 0;
}

int candor_store_assessment_doc(struct candor_store *s, int64_t account_id, int64_t contact_id,
				const char *model, int64_t at, char **doc)
{
	int rc;

	*doc = NULL;
	if ((rc = s->be->assessment_doc(s, account_id, contact_id, model, at, doc))) {
		free(*doc);
		*doc = NULL;
		return rc;
	}
	if (*doc && !doc_whole(*doc)) {
		free(*doc);
		*doc = NULL;
	}
	return 0;
}

const struct candor_name candor_pipeline_sorts[] = {
	{ CANDOR_SORT_URGENCY, "urgency" },
	{ CANDOR_SORT_TRUST, "trust" },
	{ CANDOR_SORT_CONTACT, "contact" },
	{ CANDOR_SORT_DUE, "due" },
	{ -1, NULL }
};

/* q with its search folded (util/fold.h) into *buf, as the backends compare it. */
static int folded(struct candor_store *s, const struct candor_list_query *q,
		  struct candor_list_query *out, struct candor_buf *buf)
{
	*out = *q;
	if (!q->search || !*q->search)
		return 0;
	candor_fold(buf, q->search, strlen(q->search));
	if (candor_buf_error(buf))
		return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory");
	out->search = buf->ptr;
	return 0;
}

int candor_store_pipeline_counts(struct candor_store *s, const struct candor_list_query *q,
				 int64_t counts[CANDOR_STAGE_DECIDED + 1])
{
	struct candor_buf buf = CANDOR_BUF_INIT;
	struct candor_list_query f;
	int rc;

	memset(counts, 0, sizeof(int64_t) * (CANDOR_STAGE_DECIDED + 1));
	if (!(rc = folded(s, q, &f, &buf)))
		rc = s->be->pipeline_counts(s, &f, counts);
	candor_buf_release(&buf);
	return rc;
}

int candor_store_due(struct candor_store *s, const struct candor_list_query *q, int64_t until,
		     struct candor_due_list *out, bool *more)
{
	struct candor_buf buf = CANDOR_BUF_INIT;
	struct candor_list_query f;
	int rc;

	memset(out, 0, sizeof(*out));
	*more = false;
	if (!(rc = folded(s, q, &f, &buf)))
		rc = s->be->due(s, &f, until, out);
	candor_buf_release(&buf);
	for (size_t i = 0; !rc && i < out->n; i++)
		if (!out->v[i].contact_name || !out->v[i].text)
			rc = candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory reading "
					      "what is due");
		else if (!candor_utf8_str_ok(out->v[i].contact_name) ||
			 !candor_utf8_str_ok(out->v[i].text))
			rc = candor_error_set(s->err, CANDOR_EDB, NULL, "the database holds text "
					      "that is not UTF-8 (a promise or a name)");
	if (!rc && q->limit && out->n > q->limit) {
		*more = true;
		while (out->n > q->limit) {
			out->n--;
			free(out->v[out->n].contact_name);
			free(out->v[out->n].text);
		}
	}
	return rc;
}

void candor_due_list_release(struct candor_due_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].contact_name);
		free(l->v[i].text);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* A pipeline cursor: its tag and key by order (the urgency's three numbers, or one). */
static const char sort_tags[] = { 'P', 'T', 'L', 'D' };

static char sort_tag(int sort)
{
	return sort >= 0 && sort < (int)sizeof(sort_tags) ? sort_tags[sort] : 'P';
}

static size_t sort_keys(const struct candor_assessment_row *r, int sort, double *key)
{
	switch (sort) {
	case CANDOR_SORT_TRUST:
		key[0] = -r->trust;
		return 1;
	case CANDOR_SORT_CONTACT:
		key[0] = (double)r->last_contact;
		return 1;
	case CANDOR_SORT_DUE:
		key[0] = (double)r->due;
		return 1;
	default:
		key[0] = r->stage;
		key[1] = r->stalled ? 0 : 1;
		key[2] = -r->trust;
		return 3;
	}
}

int candor_store_pipeline_page(struct candor_store *s, const struct candor_list_query *q,
			       struct candor_contact_list *out, struct candor_assessment_row **rows,
			       char *next)
{
	struct candor_cursor cur;
	int rc;

	struct candor_buf buf = CANDOR_BUF_INIT;
	struct candor_list_query f;
	double key[3];

	memset(out, 0, sizeof(*out));
	*rows = NULL;
	rc = candor_cursor_decode(s, q->after, sort_tag(q->sort),
				  q->sort == CANDOR_SORT_URGENCY ? 3 : 1, &cur);
	next[0] = '\0';
	if (!rc && q->sort != CANDOR_SORT_URGENCY)
		cur.num[2] = cur.num[0];   /* the backends take a one-number key third */
	if (!rc && !(rc = folded(s, q, &f, &buf)))
		rc = s->be->pipeline_page(s, &f, &cur, out, rows);
	candor_buf_release(&buf);
	if (rc)
		return rc;
	if ((rc = contacts_checked(s, 0, out))) {
		free(*rows);
		*rows = NULL;
		return rc;
	}
	/* a kept headline is Candor's own text cut to fit its column: end it
	 * at a whole character, so a cut never makes it not UTF-8 */
	for (size_t i = 0; i < out->n; i++) {
		char *h = (*rows)[i].headline;

		h[candor_utf8_check(h, strlen(h))] = '\0';
	}
	if (q->limit && out->n > q->limit) {
		struct candor_assessment_row *last = &(*rows)[q->limit - 1];
		size_t nkey = sort_keys(last, q->sort, key);

		while (out->n > q->limit)
			candor_contact_release(&out->v[--out->n]);
		candor_cursor_encode(next, sort_tag(q->sort), key, nkey, last->contact_id);
	}
	return 0;
}

/* What candor_store_pipeline_stream's walk carries from row to row. */
struct stream {
	struct candor_store *s;
	candor_pipeline_fn fn;
	void *data;
	struct candor_assessment_row last;   /* the last row fn took */
	bool any;
};

/* One row from the backend: checked as pages check theirs, then to fn. */
static int stream_row(void *data, struct candor_contact *c, struct candor_assessment_row *row,
		      char *doc)
{
	struct stream *w = data;
	int rc = store_readback_contacts(w->s, c, 1);

	/* a kept headline is cut to fit its column: end it at a whole character */
	row->headline[candor_utf8_check(row->headline, strlen(row->headline))] = '\0';
	if (doc && !doc_whole(doc)) {
		free(doc);
		doc = NULL;
	}
	if (!rc && (rc = w->fn(w->data, c, row, doc)) == 0) {
		w->last = *row;
		w->any = true;
	}
	candor_contact_release(c);
	free(doc);
	return rc;
}

int candor_store_pipeline_stream(struct candor_store *s, const struct candor_list_query *q,
				 candor_pipeline_fn fn, void *data, char *next)
{
	struct candor_buf buf = CANDOR_BUF_INIT;
	struct candor_list_query f;
	struct stream w = { .s = s, .fn = fn, .data = data };
	double key[3];
	int rc;

	next[0] = '\0';
	if (!(rc = folded(s, q, &f, &buf)))
		rc = s->be->pipeline_stream(s, &f, stream_row, &w);
	candor_buf_release(&buf);
	if (rc == CANDOR_STORE_STOP && w.any)
		candor_cursor_encode(next, sort_tag(q->sort), key, sort_keys(&w.last, q->sort, key),
				     w.last.contact_id);
	return rc;
}

int candor_store_evidence(struct candor_store *s, const struct candor_scope *scope,
			  struct candor_evidence_set *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = s->be->evidence(s, scope, out);
	if (!rc && (rc = store_readback_evidence(s, out)))
		candor_evidence_set_release(out);
	return rc;
}

int candor_store_commitment_load(struct candor_store *s, int64_t id,
				 struct candor_evidence_set *set, struct candor_commitment **out)
{
	struct candor_scope sc;
	int rc;

	memset(set, 0, sizeof(*set));
	*out = NULL;
	if ((rc = s->be->locate(s, CANDOR_RECORD_COMMITMENT, id, &sc)) || (rc = candor_store_evidence(s, &sc, set)))
		return rc;
	*out = candor_evidence_commitment(set, id);
	return *out ? 0 : candor_error_set(s->err, CANDOR_ENOTFOUND, "promise",
					   "no promise #%" PRId64, id);
}

int candor_store_expectation_load(struct candor_store *s, int64_t id,
				  struct candor_evidence_set *set, struct candor_expectation **out)
{
	struct candor_scope sc;
	int rc;

	memset(set, 0, sizeof(*set));
	*out = NULL;
	if ((rc = s->be->locate(s, CANDOR_RECORD_EXPECTATION, id, &sc)) || (rc = candor_store_evidence(s, &sc, set)))
		return rc;
	*out = candor_evidence_expectation(set, id);
	return *out ? 0 : candor_error_set(s->err, CANDOR_ENOTFOUND, "expectation",
					   "no expectation #%" PRId64, id);
}

int candor_store_locate(struct candor_store *s, enum candor_record what, int64_t id,
			struct candor_scope *out)
{
	return s->be->locate(s, what, id, out);
}

struct candor_commitment *candor_evidence_commitment(struct candor_evidence_set *ev, int64_t id)
{
	for (size_t i = 0; i < ev->ncommitments; i++)
		if (ev->commitments[i].id == id)
			return &ev->commitments[i];
	return NULL;
}

struct candor_expectation *candor_evidence_expectation(struct candor_evidence_set *ev, int64_t id)
{
	for (size_t i = 0; i < ev->nexpectations; i++)
		if (ev->expectations[i].id == id)
			return &ev->expectations[i];
	return NULL;
}

/*
 * Point (outp, outn) at the records of contact in an array sorted by
 * contact_id (all of it when contact is 0): two binary searches.
 */
#define SLICE(arr, count, contact, outp, outn)                                     \
	do {                                                                       \
		size_t lo_ = 0, hi_ = (count), e_;                                 \
		if (contact) {                                                     \
			while (lo_ < hi_) {                                        \
				size_t mid_ = lo_ + (hi_ - lo_) / 2;               \
				if ((arr)[mid_].contact_id < (contact)) lo_ = mid_ + 1; \
				else hi_ = mid_;                                   \
			}                                                          \
			e_ = lo_;                                                  \
			hi_ = (count);                                             \
			while (e_ < hi_) {                                         \
				size_t mid_ = e_ + (hi_ - e_) / 2;                 \
				if ((arr)[mid_].contact_id <= (contact)) e_ = mid_ + 1; \
				else hi_ = mid_;                                   \
			}                                                          \
		} else {                                                           \
			e_ = (count);                                              \
		}                                                                  \
		(outp) = (arr) + lo_;                                              \
		(outn) = e_ - lo_;                                                 \
	} while (0)

void candor_evidence_view(struct candor_evidence *out, const struct candor_evidence_set *set,
			  int64_t contact_id)
{
	SLICE(set->interactions, set->ninteractions, contact_id, out->interactions, out->ninteractions);
	SLICE(set->signals, set->nsignals, contact_id, out->signals, out->nsignals);
	SLICE(set->commitments, set->ncommitments, contact_id, out->commitments, out->ncommitments);
	SLICE(set->expectations, set->nexpectations, contact_id, out->expectations, out->nexpectations);
	SLICE(set->facts, set->nfacts, contact_id, out->facts, out->nfacts);
	SLICE(set->values, set->nvalues, contact_id, out->values, out->nvalues);
	SLICE(set->fits, set->nfits, contact_id, out->fits, out->nfits);
	SLICE(set->decisions, set->ndecisions, contact_id, out->decisions, out->ndecisions);
}

int candor_store_utterances_add(struct candor_store *s, int64_t account_id, int64_t interaction_id,
				const struct candor_utterance *u, size_t n)
{
	return s->be->utterances_add(s, account_id, interaction_id, u, n);
}

int candor_store_utterances(struct candor_store *s, int64_t account_id, int64_t interaction_id,
			    struct candor_utterance **out, size_t *n)
{
	int rc = s->be->utterances(s, account_id, interaction_id, out, n);

	if (!rc && (rc = store_readback_utterances(s, interaction_id, *out, *n))) {
		candor_utterances_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int candor_store_utterance_range(struct candor_store *s, int64_t account_id,
				 int64_t interaction_id, int64_t from, int64_t limit,
				 struct candor_utterance **out, size_t *n, int64_t *total)
{
	int rc = s->be->utterance_range(s, account_id, interaction_id, from < 0 ? 0 : from,
					limit, out, n, total);

	if (!rc && (rc = store_readback_utterances(s, interaction_id, *out, *n))) {
		candor_utterances_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void candor_utterances_free(struct candor_utterance *u, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(u[i].speaker);
		free(u[i].text);
	}
	free(u);
}

int candor_store_proposal_add(struct candor_store *s, struct candor_proposal_row *p)
{
	int rc = s->be->proposal_add(s, p);

	return added(s, rc, "proposals", p->account_id, p->id);
}

int candor_store_proposals(struct candor_store *s, int64_t account_id, int64_t id,
			   int64_t interaction_id, struct candor_proposal_row **out, size_t *n)
{
	int rc = s->be->proposals(s, account_id, id, interaction_id, out, n);

	if (!rc && (rc = store_readback_proposals(s, *out, *n))) {
		candor_proposals_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int candor_store_proposal_resolve(struct candor_store *s, const struct candor_proposal_row *p)
{
	return UPDATED(s, "proposals", "id", p->id, "account_id", p->account_id,
		       s->be->proposal_resolve(s, p));
}

void candor_proposals_free(struct candor_proposal_row *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(p[i].text);
	free(p);
}

void candor_account_release(struct candor_account *a)
{
	free(a->name);
	free(a->owner);
	free(a->note);
	memset(a, 0, sizeof(*a));
}

void candor_contact_release(struct candor_contact *c)
{
	free(c->account_name);
	free(c->name);
	free(c->role);
	free(c->email);
	memset(c, 0, sizeof(*c));
}

void candor_account_list_release(struct candor_account_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		candor_account_release(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void candor_contact_list_release(struct candor_contact_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		candor_contact_release(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void candor_evidence_set_release(struct candor_evidence_set *ev)
{
	for (size_t i = 0; i < ev->ninteractions; i++) {
		free(ev->interactions[i].seller);
		free(ev->interactions[i].text);
		free(ev->interactions[i].source);
		free(ev->interactions[i].metrics);
		free(ev->interactions[i].analyser);
	}
	for (size_t i = 0; i < ev->nsignals; i++) {
		free(ev->signals[i].category);
		free(ev->signals[i].text);
		free(ev->signals[i].quote);
	}
	for (size_t i = 0; i < ev->ncommitments; i++) {
		for (size_t k = 0; k < ev->commitments[i].nevents; k++)
			free(ev->commitments[i].events[k].note);
		free(ev->commitments[i].events);
		free(ev->commitments[i].text);
	}
	for (size_t i = 0; i < ev->nexpectations; i++)
		free(ev->expectations[i].text);
	for (size_t i = 0; i < ev->nfacts; i++) {
		free(ev->facts[i].text);
		free(ev->facts[i].source);
	}
	for (size_t i = 0; i < ev->nvalues; i++)
		free(ev->values[i].text);
	for (size_t i = 0; i < ev->nfits; i++)
		free(ev->fits[i].text);
	for (size_t i = 0; i < ev->ndecisions; i++)
		free(ev->decisions[i].note);
	free(ev->interactions);
	free(ev->signals);
	free(ev->commitments);
	free(ev->expectations);
	free(ev->facts);
	free(ev->values);
	free(ev->fits);
	free(ev->decisions);
	memset(ev, 0, sizeof(*ev));
}
