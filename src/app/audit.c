/*
 * app/audit.c: batches, edit, delete and undo (audit.h).  The rows move
 * through store/audit.h; what a field may hold is checked here, as
 * strictly as the add use cases check it (records.c, fates.c).
 */
#include "util/common.h"
#include <stdarg.h>
#include <strings.h>
#include <jansson.h>
#include "util/date.h"
#include "core/model.h"
#include "app/access.h"
#include "app/audit.h"
#include "app/fates.h"
#include "util/json-text.h"

struct kind { const char *name, *tbl; };
static const struct kind kinds[] = {
	{ "promise", "commitments" }, { "event", "commitment_events" },
	{ "expectation", "expectations" }, { "fact", "facts" }, { "value", "value_exchanged" },
	{ "fit", "fits" }, { "decision", "decisions" }, { "interaction", "interactions" },
	{ "contact", "contacts" }, { "account", "accounts" },
	/* taken with an interaction or a contact; not deleted on their own */
	{ "signal", "signals" }, { "proposal", "proposals" }, { "correction", "corrections" },
};
const char candor_app_record_kinds[] =
	"promise, event, expectation, fact, value, fit, decision, interaction, contact or account";
/* What a contact's deletion counts, by table (the order of kinds above, but accounts). */
const char *const candor_app_deletion_kinds[12] = {
	"promises", "events", "expectations", "facts", "values", "fits", "decisions",
	"interactions", "contacts", "signals", "proposals", "corrections",
};

static const struct kind *kind_named(const char *name)
{
	for (size_t i = 0; i < 10; i++)
		if (!strcasecmp(kinds[i].name, name))
			return &kinds[i];
	return NULL;
}

static const struct kind *kind_of_table(const char *tbl)
{
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(kinds); i++)
		if (!strcmp(kinds[i].tbl, tbl))
			return &kinds[i];
	return NULL;
}

const char *candor_app_record_table(const char *kind)
{
	const struct kind *k = kind_named(kind);

	return k ? k->tbl : NULL;
}

int candor_app_batch_open(struct candor_app *app, const char *kind, const char *by,
			  const char *what)
{
	return candor_audit_begin(app->store, kind, what, by, app->now);
}

void candor_app_batch_say(struct candor_app *app, const char *fmt, ...)
{
	char what[400];
	va_list ap;

	if (!app->store->audit || candor_audit_described(app->store))
		return;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	candor_audit_describe(app->store, "%s", what);
}

int candor_app_batch_source(struct candor_app *app, const char *source)
{
	return candor_audit_source(app->store, source);
}

/* The error of a record that is not there (or that the asker may not change). */
static int absent(struct candor_app *app, const struct kind *k, int64_t id)
{
	if (!strcmp(k->tbl, "accounts"))
		return candor_store_absent_account(app->store, id);
	if (!strcmp(k->tbl, "contacts"))
		return candor_store_absent_contact(app->store, id);
	return candor_error_set(app->err, CANDOR_ENOTFOUND, "id", "no %s #%" PRId64, k->name, id);
}

static int64_t jint(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static const char *jtext(json_t *o, const char *key)
{
	const char *t = json_string_value(json_object_get(o, key));

	return t ? t : "";
}

/* The account a row belongs to. */
static int64_t row_account(const struct kind *k, json_t *row)
{
	return !strcmp(k->tbl, "accounts") ? jint(row, "id") : jint(row, "account_id");
}

/* Whether the asker may change account_id (the local user: always). */
static int may_change(struct candor_app *app, int64_t account_id, bool *ok)
{
	struct candor_account a = { 0 };
	char ref[32];
	int rc;

	*ok = true;
	if (!app->who)
		return 0;
	snprintf(ref, sizeof(ref), "%" PRId64, account_id);
	rc = candor_store_account_find(app->store, ref, &a);
	if (rc == CANDOR_ENOTFOUND) {
		*ok = false;
		return 0;
	}
	if (!rc)
		*ok = candor_app_may_change(app->who, a.owner);
	candor_account_release(&a);
	return rc;
}

/*
 * Load record id of k as a JSON object (*row, decref it), standing and one
 * the asker may change; else the error of a missing one.
 */
static int record_load(struct candor_app *app, const struct kind *k, int64_t id, json_t **row)
{
	char *json = NULL;
	bool ok = false;
	int rc;

	*row = NULL;
	rc = candor_store_record_get(app->store, k->tbl, id, &json);
	if (rc == CANDOR_ENOTFOUND)
		return absent(app, k, id);
	if (rc)
		return rc;
	*row = candor_json_read(json);
	free(json);
	if (!*row)
		return candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	if (jint(*row, "deleted") ||
	    (rc = may_change(app, row_account(k, *row), &ok)) || !ok) {
		json_decref(*row);
		*row = NULL;
		return rc ? rc : absent(app, k, id);
	}
	/* an event stands with its promise */
	if (!strcmp(k->tbl, "commitment_events")) {
		json_t *p = NULL;

		rc = record_load(app, kind_named("promise"), jint(*row, "commitment_id"), &p);
		json_decref(p);
		if (rc) {
			json_decref(*row);
			*row = NULL;
			return rc == CANDOR_ENOTFOUND ? absent(app, k, id) : rc;
		}
	}
	return 0;
}

/* Editing: which fields each kind has, and how each is checked. */
enum ftype { F_TEXT, F_OPTEXT, F_NAME, F_DATE, F_DUE, F_ENUM, F_BOOL, F_ACCOUNT, F_OWNER };
struct fspec {
	const char *kind, *field, *col;
	enum ftype type;
	const struct candor_name *names;
};
static const struct fspec fields[] = {
	{ "promise", "text", "text", F_TEXT, NULL },
	{ "promise", "at", "made", F_DATE, NULL },
	{ "promise", "due", "due", F_DUE, NULL },   /* the due date it was made with */
	{ "event", "at", "at", F_DATE, NULL },
	{ "event", "note", "note", F_OPTEXT, NULL },
	{ "event", "due", "due", F_DUE, NULL },
	{ "expectation", "text", "text", F_TEXT, NULL },
	{ "expectation", "at", "set_at", F_DATE, NULL },
	{ "expectation", "by", "by_at", F_DUE, NULL },
	{ "fact", "kind", "kind", F_ENUM, candor_fact_kinds },
	{ "fact", "text", "text", F_TEXT, NULL },
	{ "fact", "source", "source", F_OPTEXT, NULL },
	{ "fact", "confidence", "confidence", F_ENUM, candor_confidences },
	{ "fact", "at", "at", F_DATE, NULL },
	{ "value", "direction", "direction", F_ENUM, candor_value_directions },
	{ "value", "text", "text", F_TEXT, NULL },
	{ "value", "at", "at", F_DATE, NULL },
	{ "fit", "verdict", "verdict", F_ENUM, candor_fit_verdicts },
	{ "fit", "text", "text", F_TEXT, NULL },
	{ "fit", "at", "at", F_DATE, NULL },
	{ "decision", "kind", "kind", F_ENUM, candor_decision_kinds },
	{ "decision", "note", "note", F_OPTEXT, NULL },
	{ "decision", "at", "at", F_DATE, NULL },
	{ "interaction", "kind", "kind", F_ENUM, candor_interaction_kinds },
	{ "interaction", "at", "at", F_DATE, NULL },
	{ "interaction", "seller", "seller", F_OPTEXT, NULL },
	{ "interaction", "text", "text", F_OPTEXT, NULL },
	{ "interaction", "inbound", "inbound", F_BOOL, NULL },
	{ "contact", "name", "name", F_NAME, NULL },
	{ "contact", "role", "role", F_OPTEXT, NULL },
	{ "contact", "email", "email", F_OPTEXT, NULL },
	{ "contact", "account", "account_id", F_ACCOUNT, NULL },  /* moves its evidence too */
	{ "account", "name", "name", F_NAME, NULL },
	{ "account", "note", "note", F_OPTEXT, NULL },
	{ "account", "owner", "owner", F_OWNER, NULL },
};

static const struct fspec *field_of(const struct kind *k, const char *field)
{
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(fields); i++)
		if (!strcmp(fields[i].kind, k->name) && !strcmp(fields[i].field, field))
			return &fields[i];
	return NULL;
}

static int no_field(struct candor_app *app, const struct kind *k, const char *field)
{
	struct candor_buf b = CANDOR_BUF_INIT;
	int rc;

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(fields); i++)
		if (!strcmp(fields[i].kind, k->name))
			candor_buf_addf(&b, "%s--%s", b.len ? ", " : "", fields[i].field);
	rc = candor_error_set(app->err, CANDOR_EINVALID, field,
			      "a %s has no field '%s' to edit (it has %s)", k->name, field,
			      b.ptr ? b.ptr : "none");
	candor_buf_release(&b);
	return rc;
}

/* The account a contact moves to: one the asker may see and change, by name or id. */
static int account_parse(struct candor_app *app, const char *value, json_t *row)
{
	struct candor_account a = { 0 };
	bool ok = false;
	int rc;

	if (!value || !*value)
		return candor_error_set(app->err, CANDOR_EINVALID, "account",
					"'account': say which account (its name)");
	rc = candor_store_account_find(app->store, value, &a);
	if (!rc && (rc = may_change(app, a.id, &ok)) == 0 && !ok)
		rc = CANDOR_ENOTFOUND;
	if (rc == CANDOR_EAMBIGUOUS) {
		char why[sizeof(app->err->msg)];

		snprintf(why, sizeof(why), "%s", app->err->msg);
		rc = candor_error_set(app->err, CANDOR_EINVALID, "account", "'account': %s", why);
	} else if (rc == CANDOR_ENOTFOUND) {
		rc = candor_error_set(app->err, CANDOR_EINVALID, "account", "'account': there is "
				      "no account '%.200s' that you may change", value);
	}
	if (!rc && json_object_set_new(row, "account_id", json_integer(a.id)))
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	candor_account_release(&a);
	return rc;
}

/* One field's value, parsed and checked alone, into the new row. */
static int field_parse(struct candor_app *app, const struct fspec *f, const char *value,
		       json_t *row)
{
	int64_t t = 0;
	char *name = NULL;
	int rc = 0, v;

	switch (f->type) {
	case F_TEXT:
		rc = candor_app_check_text(app, f->field, value);
		break;
	case F_OPTEXT:
		rc = candor_app_check_optional(app, f->field, value);
		break;
	case F_NAME:
		if (!(rc = candor_app_name_clean(app, f->field, value, &name)))
			rc = json_object_set_new(row, f->col, json_string(name)) ? CANDOR_ERROR : 0;
		free(name);
		return rc == CANDOR_ERROR ? candor_error_set(app->err, rc, NULL, "out of memory") : rc;
	case F_DATE:
	case F_DUE:
		if ((rc = candor_date_parse(&t, value, f->field, app->err)))
			return rc;
		if (f->type == F_DATE && (rc = candor_app_check_past(app, f->field, t)))
			return rc;
		return json_object_set_new(row, f->col, json_integer(t))
			? candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory") : 0;
	case F_ENUM:
		v = candor_name_lookup(f->names, value);
		if ((rc = candor_app_check_enum(app, f->field, f->names, v < 0 ? -2 : v, f->field)))
			return rc;
		value = candor_name_of(f->names, v);
		break;
	case F_ACCOUNT:
		return account_parse(app, value, row);
	case F_OWNER:
		if (!(rc = candor_app_owner_clean(app, value, &name)))
			rc = json_object_set_new(row, f->col, json_string(name)) ? CANDOR_ERROR : 0;
		free(name);
		return rc == CANDOR_ERROR ? candor_error_set(app->err, rc, NULL, "out of memory") : rc;
	case F_BOOL:
		if (strcmp(value, "yes") && strcmp(value, "no") && strcmp(value, "true") &&
		    strcmp(value, "false"))
			return candor_error_set(app->err, CANDOR_EINVALID, f->field,
						"'%s' must be yes or no", f->field);
		return json_object_set_new(row, f->col,
					   json_integer(!strcmp(value, "yes") || !strcmp(value, "true")))
			? candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory") : 0;
	}
	if (rc)
		return rc;
	return json_object_set_new(row, f->col, json_string(value ? value : ""))
		? candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory") : 0;
}

static const char *day(char *d, int64_t t)
{
	candor_date_format(d, CANDOR_DATE_MAX, t);
	return d;
}

/* A promise made at made: every event of it at or after it, every due not before its day. */
static int promise_dates(struct candor_app *app, int64_t promise, int64_t made, int64_t skip,
			 json_t *edited)
{
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = candor_store_record_ids(app->store, "commitment_events", "commitment_id", promise,
					 &ids, &n);

	for (size_t i = 0; !rc && i < n; i++) {
		json_t *e = NULL;
		char *json = NULL;
		char d1[CANDOR_DATE_MAX], d2[CANDOR_DATE_MAX];

		if (ids[i] == skip) {
			e = json_incref(edited);
		} else if (!(rc = candor_store_record_get(app->store, "commitment_events", ids[i],
							  &json))) {
			e = candor_json_read(json);
			free(json);
		}
		if (rc || !e) {
			rc = rc ? rc : candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
			break;
		}
		if (i > 0 && jint(e, "at") < made)
			rc = candor_error_set(app->err, CANDOR_EINVALID, "at",
					      "'at' %s is after the promise's change of %s: a promise "
					      "is made before what becomes of it", day(d1, made),
					      day(d2, jint(e, "at")));
		else if (strcmp(jtext(e, "status"), "kept") && strcmp(jtext(e, "status"), "kept_late") &&
			 strcmp(jtext(e, "status"), "broken"))
			rc = candor_app_check_due(app, "due", jint(e, "due"), made, "the promise was made");
		json_decref(e);
	}
	free(ids);
	return rc;
}

/* An event edited: not before the promise or the event before it, nor after
 * the one after it; a keeping re-judged against the due date. */
static int event_check(struct candor_app *app, json_t *row)
{
	struct candor_evidence_set set = { 0 };
	struct candor_commitment *c = NULL;
	int64_t id = jint(row, "id"), at = jint(row, "at");
	char d1[CANDOR_DATE_MAX], d2[CANDOR_DATE_MAX];
	const char *st = jtext(row, "status");
	int rc = candor_store_commitment_load(app->store, jint(row, "commitment_id"), &set, &c);

	for (size_t i = 0; !rc && i < c->nevents; i++) {
		if (c->events[i].id != id)
			continue;
		if (i == 0 && at != c->made)
			rc = candor_error_set(app->err, CANDOR_EINVALID, "at",
					      "event #%" PRId64 " is the promise itself: edit the "
					      "promise's date ('candor edit promise %" PRId64 " --at')",
					      id, c->id);
		else if (i > 0 && at < c->events[i - 1].at)
			rc = candor_error_set(app->err, CANDOR_EINVALID, "at",
					      "'at' %s is before the promise's change before it (%s)",
					      day(d1, at), day(d2, c->events[i - 1].at));
		else if (i + 1 < c->nevents && at > c->events[i + 1].at)
			rc = candor_error_set(app->err, CANDOR_EINVALID, "at",
					      "'at' %s is after the promise's change after it (%s)",
					      day(d1, at), day(d2, c->events[i + 1].at));
		else if (!strcmp(st, "open") || !strcmp(st, "renegotiated"))
			rc = candor_app_check_due(app, "due", jint(row, "due"), at,
						  "the change was made");
		if (!rc && (!strcmp(st, "kept") || !strcmp(st, "kept_late"))) {
			c->events[i].at = at;
			st = candor_name_of(candor_commitment_statuses,
					    candor_app_keeping_status(c, at));
			rc = json_object_set_new(row, "status", json_string(st))
				? candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory") : 0;
		}
	}
	candor_evidence_set_release(&set);
	return rc;
}

/* A contact's or an account's name: unique where an added one must be. */
static int name_unique(struct candor_app *app, const struct kind *k, json_t *row)
{
	const char *name = jtext(row, "name");
	int64_t id = jint(row, "id");
	int rc = 0;

	if (!strcmp(k->tbl, "contacts")) {
		struct candor_contact_list l = { 0 };

		rc = candor_store_contact_list(app->store, jint(row, "account_id"), &l);
		for (size_t i = 0; !rc && i < l.n; i++)
			if (l.v[i].id != id && !strcasecmp(l.v[i].name, name))
				rc = candor_error_set(app->err, CANDOR_ECONFLICT, "name",
						      "there is already a contact '%s' at %s (#%" PRId64 ")",
						      l.v[i].name, l.v[i].account_name, l.v[i].id);
		candor_contact_list_release(&l);
	} else {
		struct candor_account_list l = { 0 };

		rc = candor_store_accounts_named(app->store, name, &l);
		for (size_t i = 0; !rc && i < l.n; i++)
			if (l.v[i].id != id && (!app->who || candor_app_may_see(app->who, l.v[i].owner)))
				rc = candor_error_set(app->err, CANDOR_ECONFLICT, "name",
						      "there is already an account '%s' (#%" PRId64 ")",
						      l.v[i].name, l.v[i].id);
		candor_account_list_release(&l);
	}
	return rc;
}

/* The checks across fields, on the row as it would be. */
static int row_check(struct candor_app *app, const struct kind *k, json_t *row, json_t *first)
{
	if (!strcmp(k->name, "promise"))
		return promise_dates(app, jint(row, "id"), jint(row, "made"),
				     first ? jint(first, "id") : 0, first);
	if (!strcmp(k->name, "event"))
		return event_check(app, row);
	if (!strcmp(k->name, "expectation"))
		return candor_app_check_due(app, "by", jint(row, "by_at"), jint(row, "set_at"),
					    "it was set");
	if (!strcmp(k->name, "contact") || !strcmp(k->name, "account"))
		return name_unique(app, k, row);
	return 0;
}

/* Write row's columns that differ from old. */
static int row_write(struct candor_app *app, const struct kind *k, json_t *old, json_t *row,
		     bool *changed)
{
	struct candor_field f[16];
	size_t n = 0;
	const char *key;
	json_t *v;

	json_object_foreach(row, key, v) {
		json_t *was = json_object_get(old, key);

		if (!strcmp(key, "id") || json_equal(was, v) || n == CANDOR_ARRAY_SIZE(f))
			continue;
		f[n] = (struct candor_field){ .col = key };
		if (json_is_integer(v))
			f[n].i = json_integer_value(v);
		else if (json_is_real(v))
			f[n].d = json_real_value(v);
		else
			f[n].t = json_string_value(v);
		n++;
	}
	*changed = n > 0;
	return n ? candor_store_record_set(app->store, k->tbl, jint(row, "id"), f, n) : 0;
}

/*
 * A promise's first event is the promise made: its date moves with the
 * promise's, and its due date is the one the promise was made with (due,
 * 0 when not edited).  The first event as it would be goes to *first for
 * the checks; it is written when write is set.
 */
static int promise_first(struct candor_app *app, json_t *row, int64_t due, json_t **first,
			 bool write, bool *changed)
{
	int64_t *ids = NULL;
	size_t n = 0;
	char *json = NULL;
	int rc;

	*first = NULL;
	rc = candor_store_record_ids(app->store, "commitment_events", "commitment_id",
				     jint(row, "id"), &ids, &n);
	if (!rc && n && !(rc = candor_store_record_get(app->store, "commitment_events", ids[0], &json)))
		*first = candor_json_read(json);
	if (!rc && n && !*first)
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	if (!rc && *first) {
		struct candor_field f[2] = { { .col = "at", .i = jint(row, "made") },
					     { .col = "due", .i = due ? due : jint(*first, "due") } };
		bool moved = f[0].i != jint(*first, "at") || f[1].i != jint(*first, "due");

		json_object_set_new(*first, "at", json_integer(f[0].i));
		json_object_set_new(*first, "due", json_integer(f[1].i));
		if (write && moved) {
			rc = candor_store_record_set(app->store, "commitment_events", ids[0], f, 2);
			*changed = true;
		}
	}
	free(ids);
	free(json);
	return rc;
}

static int contact_move(struct candor_app *app, int64_t id, int64_t account);

int candor_app_record_edit(struct candor_app *app, const char *kind, int64_t id,
			   const struct candor_app_edit *f, size_t n, bool *changed)
{
	const struct kind *k = kind_named(kind);
	json_t *old = NULL, *row = NULL, *first = NULL;
	int64_t due = 0;
	int rc;

	*changed = false;
	if (!k)
		return candor_error_set(app->err, CANDOR_EINVALID, "kind",
					"'%s' is not a kind of record: %s", kind, candor_app_record_kinds);
	if (!n)
		return no_field(app, k, "");
	if ((rc = record_load(app, k, id, &old)))
		return rc;
	if (!(row = json_deep_copy(old))) {
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		const struct fspec *spec = field_of(k, f[i].field);

		rc = spec ? field_parse(app, spec, f[i].value, row) : no_field(app, k, f[i].field);
	}
	if (!rc && !strcmp(k->name, "event") && json_object_get(row, "due") &&
	    jint(row, "due") != jint(old, "due") && strcmp(jtext(row, "status"), "open") &&
	    strcmp(jtext(row, "status"), "renegotiated"))
		rc = candor_error_set(app->err, CANDOR_EINVALID, "due", "event #%" PRId64 " is %s: "
				      "it has no due date to change", id, jtext(row, "status"));
	if (!rc && !strcmp(k->name, "promise")) {
		due = jint(row, "due");
		json_object_del(row, "due");
		rc = promise_first(app, row, due, &first, false, changed);
	}
	rc = rc ? rc : row_check(app, k, row, first);
	rc = rc ? rc : row_write(app, k, old, row, changed);
	if (!rc && first) {
		json_decref(first);
		rc = promise_first(app, row, due, &first, true, changed);
	}
	if (!rc && !strcmp(k->tbl, "contacts") && jint(row, "account_id") != jint(old, "account_id"))
		rc = contact_move(app, id, jint(row, "account_id"));
	if (!rc && *changed && !candor_audit_described(app->store))
		rc = candor_audit_describe(app->store, "edit %s #%" PRId64, k->name, id);
cleanup:
	json_decref(first);
	json_decref(old);
	json_decref(row);
	return rc;
}

int candor_app_record_fields(struct candor_app *app, const char *kind, int64_t id,
			     struct candor_app_field out[CANDOR_APP_FIELDS_MAX], size_t *n,
			     int64_t *contact_id)
{
	static const char types[] = { [F_TEXT] = 't', [F_OPTEXT] = 'o', [F_NAME] = 'n',
				      [F_DATE] = 'd', [F_DUE] = 'd', [F_ENUM] = 'e', [F_BOOL] = 'b',
				      [F_ACCOUNT] = 'a', [F_OWNER] = 'n' };
	const struct kind *k = kind_named(kind);
	json_t *row = NULL, *first = NULL, *p = NULL;
	bool unchanged = false;
	int rc;

	*n = 0;
	*contact_id = 0;
	if (!k)
		return candor_error_set(app->err, CANDOR_EINVALID, "kind",
					"'%s' is not a kind of record: %s", kind, candor_app_record_kinds);
	if ((rc = record_load(app, k, id, &row)))
		return rc;
	if (!strcmp(k->name, "promise"))
		rc = promise_first(app, row, 0, &first, false, &unchanged);
	if (!rc && !strcmp(k->name, "event"))
		rc = record_load(app, kind_named("promise"), jint(row, "commitment_id"), &p);
	*contact_id = !strcmp(k->name, "contact") ? jint(row, "id") : p ? jint(p, "contact_id")
		      : jint(row, "contact_id");
	for (size_t i = 0; !rc && i < CANDOR_ARRAY_SIZE(fields) && *n < CANDOR_APP_FIELDS_MAX; i++) {
		const struct fspec *f = &fields[i];
		struct candor_app_field *o = &out[*n];
		json_t *src = !strcmp(f->kind, "promise") && !strcmp(f->field, "due") ? first : row;
		const char *col = src == first ? "due" : f->col;

		if (strcmp(f->kind, k->name))
			continue;
		/* only an open or renegotiated event has a due date to change */
		if (!strcmp(f->kind, "event") && !strcmp(f->field, "due") &&
		    strcmp(jtext(row, "status"), "open") && strcmp(jtext(row, "status"), "renegotiated"))
			continue;
		o->field = f->field;
		o->type = types[f->type];
		o->names = f->names;
		if (!src)
			o->value[0] = '\0';
		else if (f->type == F_DATE || f->type == F_DUE)
			candor_date_format(o->value, sizeof(o->value), jint(src, col));
		else if (f->type == F_BOOL)
			snprintf(o->value, sizeof(o->value), "%d", jint(src, col) ? 1 : 0);
		else if (f->type == F_ACCOUNT)
			snprintf(o->value, sizeof(o->value), "%" PRId64, jint(src, col));
		else
			snprintf(o->value, sizeof(o->value), "%s", jtext(src, col));
		(*n)++;
	}
	json_decref(first);
	json_decref(p);
	json_decref(row);
	return rc;
}

/* Deleting: the evidence a record takes with it. */
struct plan {
	struct candor_app_deletion *out;
	bool write;
};

static void count(struct plan *p, const char *tbl)
{
	const struct kind *k = kind_of_table(tbl);

	for (size_t i = 0; k && i < CANDOR_ARRAY_SIZE(candor_app_deletion_kinds); i++) {
		const char *name = candor_app_deletion_kinds[i];

		if (!strncmp(name, k->name, strlen(k->name))) {
			p->out->n[i]++;
			p->out->total++;
			return;
		}
	}
}

/* Delete (or count) the standing rows of tbl whose col is v. */
static int take_rows(struct candor_app *app, struct plan *p, const char *tbl, const char *col,
		     int64_t v)
{
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = candor_store_record_ids(app->store, tbl, col, v, &ids, &n);

	for (size_t i = 0; !rc && i < n; i++) {
		count(p, tbl);
		if (p->write)
			rc = candor_store_record_delete(app->store, tbl, ids[i]);
	}
	free(ids);
	return rc;
}

static const char *const contact_tables[] = {
	"interactions", "signals", "proposals", "corrections", "commitments", "expectations",
	"facts", "value_exchanged", "fits", "decisions",
};

/*
 * A contact moved to another account takes everything of theirs along (the
 * deleted records too, so an undo of their deletion finds them with the
 * contact): the rows of contact_tables, each promise's steps, and (in the
 * store) each call's utterances.
 */
static int contact_move(struct candor_app *app, int64_t id, int64_t account)
{
	int64_t *promises = NULL;
	size_t n = 0, moved = 0;
	int rc = 0;

	for (size_t i = 0; !rc && i < CANDOR_ARRAY_SIZE(contact_tables); i++)
		rc = candor_store_records_move(app->store, contact_tables[i], "contact_id", id,
					       account, &moved);
	rc = rc ? rc : candor_store_record_ids_all(app->store, "commitments", "contact_id", id,
						   &promises, &n);
	for (size_t i = 0; !rc && i < n; i++)
		rc = candor_store_records_move(app->store, "commitment_events", "commitment_id",
					       promises[i], account, &moved);
	free(promises);
	return rc;
}

static int take_contact(struct candor_app *app, struct plan *p, int64_t id)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < CANDOR_ARRAY_SIZE(contact_tables); i++)
		rc = take_rows(app, p, contact_tables[i], "contact_id", id);
	return rc;
}

static int take_evidence(struct candor_app *app, struct plan *p, const struct kind *k, int64_t id)
{
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = 0;

	if (!strcmp(k->tbl, "contacts"))
		return take_contact(app, p, id);
	if (!strcmp(k->tbl, "interactions")) {
		rc = take_rows(app, p, "signals", "interaction_id", id);
		rc = rc ? rc : take_rows(app, p, "proposals", "interaction_id", id);
		return rc ? rc : take_rows(app, p, "corrections", "interaction_id", id);
	}
	if (strcmp(k->tbl, "accounts"))
		return 0;
	rc = candor_store_record_ids(app->store, "contacts", "account_id", id, &ids, &n);
	for (size_t i = 0; !rc && i < n; i++) {
		count(p, "contacts");
		rc = take_contact(app, p, ids[i]);
		if (!rc && p->write)
			rc = candor_store_record_delete(app->store, "contacts", ids[i]);
	}
	free(ids);
	return rc;
}

static void describe_row(const struct kind *k, json_t *row, char *out, size_t n)
{
	const char *name = jtext(row, "name"), *text = jtext(row, "text");
	const char *label = *name ? name : *text ? text : jtext(row, "note");

	if (*label)
		snprintf(out, n, "%s #%" PRId64 " '%.120s'", k->name, jint(row, "id"), label);
	else
		snprintf(out, n, "%s #%" PRId64, k->name, jint(row, "id"));
}

static int deletion(struct candor_app *app, const char *kind, int64_t id,
		    struct candor_app_deletion *out, bool write)
{
	const struct kind *k = kind_named(kind);
	struct plan p = { out, write };
	json_t *row = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!k)
		return candor_error_set(app->err, CANDOR_EINVALID, "kind",
					"'%s' is not a kind of record: %s", kind, candor_app_record_kinds);
	if ((rc = record_load(app, k, id, &row)))
		return rc;
	describe_row(k, row, out->what, sizeof(out->what));
	if (!strcmp(k->name, "event")) {
		int64_t *ids = NULL;
		size_t n = 0;

		rc = candor_store_record_ids(app->store, "commitment_events", "commitment_id",
					     jint(row, "commitment_id"), &ids, &n);
		if (!rc && n && ids[0] == id)
			rc = candor_error_set(app->err, CANDOR_EINVALID, "id",
					      "event #%" PRId64 " is the promise itself: delete the "
					      "promise ('candor delete promise %" PRId64 "')", id,
					      jint(row, "commitment_id"));
		else if (!rc && n && ids[n - 1] != id)
			rc = candor_error_set(app->err, CANDOR_ECONFLICT, "id",
					      "event #%" PRId64 " is not the promise's last change: "
					      "delete the later ones first (#%" PRId64 ")", id, ids[n - 1]);
		free(ids);
	}
	rc = rc ? rc : take_evidence(app, &p, k, id);
	if (!rc && write)
		rc = candor_store_record_delete(app->store, k->tbl, id);
	if (!rc && write && !candor_audit_described(app->store))
		rc = candor_audit_describe(app->store, "delete %s", out->what);
	json_decref(row);
	return rc;
}

int candor_app_record_delete_plan(struct candor_app *app, const char *kind, int64_t id,
				  struct candor_app_deletion *out)
{
	return deletion(app, kind, id, out, false);
}

int candor_app_record_delete(struct candor_app *app, const char *kind, int64_t id,
			     struct candor_app_deletion *out)
{
	return deletion(app, kind, id, out, true);
}

/* Undo. */
static int no_batch(struct candor_app *app, int64_t id)
{
	return candor_error_set(app->err, CANDOR_ENOTFOUND, "batch", "no batch %" PRId64
				": 'candor log --audit' lists them", id);
}

/* Whether the asker may change every account the changes touch. */
static int changes_allowed(struct candor_app *app, const struct candor_change *c, size_t n,
			   bool *ok)
{
	int rc = 0;

	*ok = true;
	for (size_t i = 0; !rc && *ok && i < n; i++)
		if (c[i].account_id)
			rc = may_change(app, c[i].account_id, ok);
	return rc;
}

/* The newest batch by by that is not undone. */
static int last_batch(struct candor_app *app, const char *by, int64_t *out)
{
	struct candor_batch *b = NULL;
	size_t n = 0;
	int rc = candor_store_batches(app->store, 0, 0, by, 0, &b, &n);

	*out = 0;
	for (size_t i = 0; !rc && i < n && !*out; i++)
		if (!b[i].undone_at)
			*out = b[i].id;
	candor_batches_free(b, n);
	if (!rc && !*out)
		rc = candor_error_set(app->err, CANDOR_ENOTFOUND, "batch",
				      "%s%s%s made no change that can be undone", by && *by ? "'" : "",
				      by && *by ? by : "you", by && *by ? "'" : "");
	return rc;
}

/* An undo of an undo puts the batch it undid back in force. */
static int redone(struct candor_app *app, int64_t undo_id)
{
	int64_t target = 0;
	int rc = candor_store_batch_undid(app->store, undo_id, &target);

	return rc || !target ? rc : candor_store_batch_undone(app->store, target, 0, 0);
}

static int undo_checks(struct candor_app *app, const struct candor_batch *b, const char *only_kind,
		       const struct candor_change *c, size_t n, int64_t *in_the_way)
{
	int64_t later = 0;
	bool ok = true;
	int rc;

	if ((rc = changes_allowed(app, c, n, &ok)) || !ok)
		return rc ? rc : no_batch(app, b->id);
	if (only_kind && strcmp(b->kind, only_kind))
		return candor_error_set(app->err, CANDOR_ECONFLICT, "batch",
					"batch %" PRId64 " is not an %s but a %s ('%s'): "
					"'candor undo %" PRId64 "' undoes it", b->id, only_kind,
					b->kind, b->what, b->id);
	if (b->undone_at) {
		char d[CANDOR_DATE_MAX];

		return candor_error_set(app->err, CANDOR_ECONFLICT, "batch",
					"batch %" PRId64 " ('%s') was already undone on %s, by batch %"
					PRId64 ": 'candor undo %" PRId64 "' redoes it", b->id, b->what,
					day(d, b->undone_at), b->undone_by, b->undone_by);
	}
	for (size_t i = 0; !rc && i < n && !later; i++)
		rc = candor_store_change_later(app->store, &c[i], &later);
	if (!rc && later) {
		struct candor_batch lb = { 0 };

		if (in_the_way)
			*in_the_way = later;
		if (!(rc = candor_store_batch_get(app->store, later, &lb)))
			rc = candor_error_set(app->err, CANDOR_ECONFLICT, "batch",
					      "batch %" PRId64 " ('%s') cannot be undone: batch %"
					      PRId64 " ('%s', by %s) changed the same records since; "
					      "undo that first", b->id, b->what, lb.id, lb.what,
					      *lb.by ? lb.by : "someone");
		candor_batch_release(&lb);
	}
	return rc;
}

/*
 * A contact or an account an undo brought back (or renamed back) must not
 * share its name with one added since: the names stay unique, as on add.
 */
static int still_unique(struct candor_app *app, const struct candor_change *c)
{
	const struct kind *k = kind_of_table(c->tbl);
	json_t *row = NULL;
	char *json = NULL;
	int rc;

	if (!k || (strcmp(k->tbl, "contacts") && strcmp(k->tbl, "accounts")))
		return 0;
	if ((rc = candor_store_record_get(app->store, k->tbl, c->record_id, &json)))
		return rc;
	if (!(row = candor_json_read(json)))
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	else if (!jint(row, "deleted") && (rc = name_unique(app, k, row)) == CANDOR_ECONFLICT) {
		char why[sizeof(app->err->msg)];

		snprintf(why, sizeof(why), "%s", app->err->msg);
		rc = candor_error_set(app->err, CANDOR_ECONFLICT, "batch",
				      "batch %" PRId64 " cannot be undone: it would bring back %s "
				      "#%" PRId64 " '%s', and %s; rename one first", c->batch_id,
				      k->name, c->record_id, jtext(row, "name"), why);
	}
	json_decref(row);
	free(json);
	return rc;
}

int candor_app_undo(struct candor_app *app, int64_t id, const char *by, const char *only_kind,
		    struct candor_app_undone *out)
{
	struct candor_batch b = { 0 };
	struct candor_change *c = NULL;
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!id && (rc = last_batch(app, by, &id)))
		return rc;
	if ((rc = candor_store_batch_get(app->store, id, &b)))
		return rc == CANDOR_ENOTFOUND ? no_batch(app, id) : rc;
	if ((rc = candor_store_changes(app->store, id, &c, &n)) ||
	    (rc = undo_checks(app, &b, only_kind, c, n, NULL)))
		goto cleanup;
	rc = candor_audit_kind(app->store, "undo");
	rc = rc ? rc : candor_audit_describe(app->store, "undo batch %" PRId64 " (%s)", b.id, b.what);
	for (size_t i = n; !rc && i-- > 0;)
		rc = c[i].before[0] ? candor_store_record_restore(app->store, c[i].tbl, c[i].record_id,
								  c[i].before)
				    : candor_store_record_delete(app->store, c[i].tbl, c[i].record_id);
	for (size_t i = 0; !rc && i < n; i++)
		rc = still_unique(app, &c[i]);
	rc = rc ? rc : candor_audit_batch(app->store, &out->undo);
	rc = rc ? rc : redone(app, b.id);
	rc = rc ? rc : candor_store_batch_undone(app->store, b.id, app->now, out->undo);
	if (!rc) {
		out->batch = b.id;
		out->changes = n;
		snprintf(out->kind, sizeof(out->kind), "%s", b.kind);
		snprintf(out->what, sizeof(out->what), "%s", b.what);
	}
cleanup:
	candor_changes_free(c, n);
	candor_batch_release(&b);
	return rc;
}

int candor_app_undo_check(struct candor_app *app, int64_t id, const char *only_kind,
			  int64_t *in_the_way)
{
	struct candor_batch b = { 0 };
	struct candor_change *c = NULL;
	size_t n = 0;
	int rc = candor_store_batch_get(app->store, id, &b);

	*in_the_way = 0;
	if (rc)
		return rc == CANDOR_ENOTFOUND ? no_batch(app, id) : rc;
	if (!(rc = candor_store_changes(app->store, id, &c, &n)))
		rc = undo_checks(app, &b, only_kind, c, n, in_the_way);
	candor_changes_free(c, n);
	candor_batch_release(&b);
	return rc;
}

/* The log. */
static int batch_visible(struct candor_app *app, int64_t id, bool *ok)
{
	struct candor_change *c = NULL;
	size_t n = 0;
	int rc = 0;

	*ok = true;
	if (!app->who)
		return 0;
	if (!(rc = candor_store_changes(app->store, id, &c, &n)))
		for (size_t i = 0; !rc && *ok && i < n; i++) {
			struct candor_account a = { 0 };
			char ref[32];

			if (!c[i].account_id)
				continue;
			snprintf(ref, sizeof(ref), "%" PRId64, c[i].account_id);
			rc = candor_store_account_find(app->store, ref, &a);
			/* a deleted account's batch: seen by whoever saw the account */
			*ok = rc == CANDOR_ENOTFOUND ? app->who->role != CANDOR_ROLE_SELLER
						     : candor_app_may_see(app->who, a.owner);
			if (rc == CANDOR_ENOTFOUND)
				rc = 0;
			candor_account_release(&a);
		}
	candor_changes_free(c, n);
	return rc;
}

int candor_app_audit_log(struct candor_app *app, int64_t contact_id, int64_t account_id,
			 size_t limit, struct candor_batch **out, size_t *n)
{
	struct candor_batch *b = NULL;
	size_t nb = 0, k = 0;
	int rc = candor_store_batches(app->store, contact_id, account_id, NULL,
				      app->who ? 0 : limit, &b, &nb);

	for (size_t i = 0; !rc && i < nb; i++) {
		bool ok = true;

		if ((rc = batch_visible(app, b[i].id, &ok)))
			break;
		if (ok && (!limit || k < limit)) {
			struct candor_batch t = b[k];

			b[k++] = b[i];
			b[i] = t;
		}
	}
	for (size_t i = k; i < nb; i++)
		candor_batch_release(&b[i]);
	if (rc) {
		candor_batches_free(b, k);
		*out = NULL;
		*n = 0;
		return rc;
	}
	*out = b;
	*n = k;
	return 0;
}

static bool date_col(const char *key)
{
	static const char *const dates[] = { "at", "made", "due", "set_at", "by_at", "resolved_at",
					     "created" };

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(dates); i++)
		if (!strcmp(key, dates[i]))
			return true;
	return false;
}

static void add_value(struct candor_buf *out, const char *key, json_t *v)
{
	char d[CANDOR_DATE_MAX];

	if (!v)
		candor_buf_adds(out, "(none)");
	else if (json_is_integer(v) && date_col(key) && json_integer_value(v))
		candor_buf_adds(out, day(d, json_integer_value(v)));
	else if (json_is_integer(v))
		candor_buf_addf(out, "%" PRId64, (int64_t)json_integer_value(v));
	else if (json_is_real(v))
		candor_buf_addf(out, "%g", json_real_value(v));
	else
		candor_buf_addf(out, "'%.200s'", json_string_value(v));
}

void candor_app_change_diff(const struct candor_change *c, struct candor_buf *out)
{
	json_t *b = candor_json_read(c->before), *a = candor_json_read(c->after);
	const char *key;
	json_t *v;
	bool first = true;

	if (a && b && !strcmp(c->action, "edit"))
		json_object_foreach(a, key, v) {
			json_t *was = json_object_get(b, key);

			if (json_equal(was, v))
				continue;
			candor_buf_addf(out, "%s%s: ", first ? "" : "; ", key);
			add_value(out, key, was);
			candor_buf_adds(out, " -> ");
			add_value(out, key, v);
			first = false;
		}
	json_decref(a);
	json_decref(b);
}

static json_t *change_json(const struct candor_change *c)
{
	json_t *before = c->before[0] ? candor_json_read(c->before) : json_null();
	json_t *after = c->after[0] ? candor_json_read(c->after) : json_null();
	char subject[64];

	candor_app_change_subject(c, subject, sizeof(subject));
	return json_pack("{s:I,s:s,s:s,s:I,s:s,s:o*,s:o*,s:s}", "id", (json_int_t)c->id,
			 "record", subject, "table", c->tbl, "record_id", (json_int_t)c->record_id,
			 "action", c->action, "before", before, "after", after, "source", c->source);
}

json_t *candor_app_batch_json(const struct candor_batch *b, const struct candor_change *c,
			      size_t n)
{
	char at[CANDOR_DATE_MAX], undone[CANDOR_DATE_MAX];
	json_t *arr = json_array();
	bool bad = false;

	for (size_t i = 0; i < n; i++) {
		json_t *v = change_json(&c[i]);

		if (!v || json_array_append_new(arr, v))
			bad = true;
	}
	if (bad) {
		json_decref(arr);
		return NULL;
	}
	candor_date_format(at, sizeof(at), b->at);
	candor_date_format(undone, sizeof(undone), b->undone_at);
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:I,s:o}", "id", (json_int_t)b->id, "kind", b->kind,
			 "what", b->what, "by", b->by, "at", at,
			 "undone_at", b->undone_at ? json_string(undone) : json_null(),
			 "undone_by", (json_int_t)b->undone_by, "changes", arr);
}

void candor_app_change_subject(const struct candor_change *c, char *out, size_t n)
{
	const struct kind *k = kind_of_table(c->tbl);

	snprintf(out, n, "%s #%" PRId64, k ? k->name : c->tbl, c->record_id);
}
