/*
 * app/words.c: the words for codes and for changes (words.h).  A change is
 * read from its rows as the store keeps them (JSON, store/audit.h): the
 * batch's chief change (an account before a buyer before a call before a
 * promise before the steps of a promise before a signal) says what the
 * batch did; an edit lists each field it changed, old -> new.
 */
#include "util/common.h"
#include <jansson.h>
#include <time.h>
#include "util/date.h"
#include "util/utf8.h"
#include "app/words.h"
#include "util/json-text.h"

#define WORDS_QUOTE_MAX 80   /* bytes of a record's text quoted in a sentence */
#define WORDS_DEPTH 3        /* an undo of an undo of ...: words of at most this many */

static const struct { const char *code, *words; } codes[] = {
	{ "kept_late", "kept late" }, { "renegotiated", "new date agreed" },
	{ "chose_another", "chose another supplier" },
	{ "decided_not_to_buy", "decided not to buy" }, { "still_deciding", "still deciding" },
	{ "refer", "refer them elsewhere" }, { "next_step", "next step" },
	{ "seller_centric", "seller-centred" }, { "by_at", "by" }, { "set_at", "set on" },
	{ "resolved_at", "settled on" },
};

const char *candor_words_code(const char *code)
{
	for (size_t i = 0; code && i < CANDOR_ARRAY_SIZE(codes); i++)
		if (!strcmp(codes[i].code, code))
			return codes[i].words;
	return code ? code : "";
}

void candor_words_day(char *dst, size_t n, int64_t t, int64_t now)
{
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t tt = (time_t)t, tn = (time_t)now;
	struct tm tm, tmn;

	if (!gmtime_r(&tt, &tm) || !gmtime_r(&tn, &tmn)) {
		snprintf(dst, n, "?");
		return;
	}
	if (tm.tm_year == tmn.tm_year)
		snprintf(dst, n, "%d %s", tm.tm_mday, months[tm.tm_mon]);
	else
		snprintf(dst, n, "%d %s %d", tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900);
}

/* What the words are written from: the batch, its changes, the asker's now. */
struct said {
	struct candor_app *app;
	const struct candor_batch *b;
	const struct candor_change *c;
	size_t n;
	struct candor_buf *out;
};

static int64_t jint(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static const char *jtext(json_t *o, const char *key)
{
	const char *t = json_string_value(json_object_get(o, key));

	return t ? t : "";
}

/* 'text', cut at a character near WORDS_QUOTE_MAX bytes. */
static void quote(struct candor_buf *out, const char *text)
{
	size_t n = strlen(text), k = 0;

	while (k < n && k < WORDS_QUOTE_MAX) {
		size_t len = candor_utf8_seq((const unsigned char *)text + k, n - k);

		k += len ? len : 1;
	}
	candor_buf_addf(out, "'%.*s%s'", (int)k, text, k < n ? "…" : "");
}

static void day(struct said *s, int64_t t)
{
	char d[CANDOR_WORDS_DAY_MAX];

	candor_words_day(d, sizeof(d), t, s->app->now);
	candor_buf_adds(s->out, d);
}

/* A change's row (after, else before), parsed; NULL when it has none. */
static json_t *row_of(const struct candor_change *c)
{
	return candor_json_read(c->after[0] ? c->after : c->before);
}

/* A record as stored (deleted or not), parsed; NULL when it cannot be read. */
static json_t *record(struct candor_app *app, const char *tbl, int64_t id)
{
	char *json = NULL;
	json_t *row = NULL;

	if (!candor_store_record_get(app->store, tbl, id, &json))
		row = candor_json_read(json);
	else
		candor_error_clear(app->err);
	free(json);
	return row;
}

static const struct { const char *tbl, *noun; int rank; } tables[] = {
	{ "accounts", "account", 0 }, { "contacts", "buyer", 1 }, { "interactions", "call", 2 },
	{ "commitments", "promise", 3 }, { "expectations", "expectation", 4 },
	{ "facts", "fact", 4 }, { "value_exchanged", "value", 4 }, { "fits", "fit verdict", 4 },
	{ "decisions", "decision", 4 }, { "commitment_events", "step of a promise", 5 },
	{ "proposals", "proposal", 6 }, { "signals", "signal", 6 }, { "corrections", "correction", 6 },
};

static int rank_of(const char *tbl)
{
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(tables); i++)
		if (!strcmp(tables[i].tbl, tbl))
			return tables[i].rank;
	return 7;
}

/* "the fact 'TEXT'", "the meeting 'TEXT'", "the buyer 'NAME'", "promise 'TEXT'". */
static void subject(struct said *s, const char *tbl, json_t *row)
{
	const char *noun = "record", *label = *jtext(row, "name") ? jtext(row, "name")
					     : *jtext(row, "text") ? jtext(row, "text") : jtext(row, "note");
	json_t *promise = NULL;

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(tables); i++)
		if (!strcmp(tables[i].tbl, tbl))
			noun = tables[i].noun;
	if (!strcmp(tbl, "interactions"))
		noun = jtext(row, "kind");
	if (!strcmp(tbl, "commitment_events") &&
	    (promise = record(s->app, "commitments", jint(row, "commitment_id")))) {
		candor_buf_adds(s->out, "a step of promise ");
		quote(s->out, jtext(promise, "text"));
		json_decref(promise);
		return;
	}
	candor_buf_addf(s->out, "%s%s", strcmp(tbl, "commitments") ? "the " : "", noun);
	if (*label) {
		candor_buf_addch(s->out, ' ');
		quote(s->out, label);
	}
}

/* A step of a promise: kept, kept late, broken, a new date. */
static void promise_step(struct said *s, json_t *row)
{
	const char *st = jtext(row, "status"), *note = jtext(row, "note");
	json_t *promise = record(s->app, "commitments", jint(row, "commitment_id"));
	const char *text = promise ? jtext(promise, "text") : "";

	if (!strcmp(st, "renegotiated") || !strcmp(st, "open"))
		candor_buf_adds(s->out, !strcmp(st, "open") ? "reopened promise " :
				"agreed a new date for promise ");
	else
		candor_buf_adds(s->out, "marked promise ");
	quote(s->out, text);
	if (!strcmp(st, "renegotiated") || !strcmp(st, "open")) {
		candor_buf_adds(s->out, ": due ");
		day(s, jint(row, "due"));
	} else {
		candor_buf_addf(s->out, " %s", candor_words_code(st));
	}
	if (*note) {
		candor_buf_adds(s->out, ", noting ");
		quote(s->out, note);
	}
	json_decref(promise);
}

/* The due date of promise id, from the first step added with it. */
static int64_t promise_due(struct said *s, int64_t id)
{
	int64_t due = 0;

	for (size_t i = 0; i < s->n && !due; i++) {
		json_t *row;

		if (strcmp(s->c[i].tbl, "commitment_events") || strcmp(s->c[i].action, "add") ||
		    !(row = row_of(&s->c[i])))
			continue;
		if (jint(row, "commitment_id") == id)
			due = jint(row, "due");
		json_decref(row);
	}
	return due;
}

/* Whether the batch accepted a proposal of the analyser (what it added came from a call). */
static bool accepted(struct said *s)
{
	bool yes = false;

	for (size_t i = 0; i < s->n && !yes; i++) {
		json_t *row;

		if (strcmp(s->c[i].tbl, "proposals") || strcmp(s->c[i].action, "edit") ||
		    !(row = row_of(&s->c[i])))
			continue;
		yes = !strcmp(jtext(row, "status"), "accepted");
		json_decref(row);
	}
	return yes;
}

static void add_words(struct said *s, const struct candor_change *c, json_t *row)
{
	struct candor_buf *out = s->out;
	const char *t = c->tbl, *text = jtext(row, "text");

	if (strcmp(t, "proposals") && accepted(s))
		candor_buf_adds(out, "took up what the call proposed: ");

	if (!strcmp(t, "commitment_events")) {
		promise_step(s, row);
		return;
	}
	if (!strcmp(t, "interactions") && !strcmp(s->b->kind, "import") && *jtext(row, "source")) {
		candor_buf_addf(out, "imported the %s ", jtext(row, "kind"));
		quote(out, jtext(row, "source"));
		return;
	}
	if (!strcmp(t, "commitments")) {
		int64_t due = promise_due(s, c->record_id);

		candor_buf_adds(out, "promised ");
		quote(out, text);
		if (due) {
			candor_buf_adds(out, ", due ");
			day(s, due);
		}
		return;
	}
	if (!strcmp(t, "interactions")) {
		candor_buf_addf(out, "logged a %s%s", jtext(row, "kind"),
				jint(row, "inbound") ? " (they reached out)" : "");
		if (*text) {
			candor_buf_adds(out, ": ");
			quote(out, text);
		}
		return;
	}
	if (!strcmp(t, "expectations")) {
		candor_buf_adds(out, "set the expectation ");
		quote(out, text);
		candor_buf_adds(out, ", by ");
		day(s, jint(row, "by_at"));
		return;
	}
	if (!strcmp(t, "decisions")) {
		candor_buf_addf(out, "recorded their decision: %s",
				candor_words_code(jtext(row, "kind")));
		if (*jtext(row, "note")) {
			candor_buf_adds(out, ", ");
			quote(out, jtext(row, "note"));
		}
		return;
	}
	if (!strcmp(t, "facts"))
		candor_buf_adds(out, "learned ");
	else if (!strcmp(t, "value_exchanged"))
		candor_buf_adds(out, !strcmp(jtext(row, "direction"), "given") ? "gave them "
				: "was given ");
	else if (!strcmp(t, "fits"))
		candor_buf_addf(out, "judged the fit %s: ", candor_words_code(jtext(row, "verdict")));
	else {
		candor_buf_adds(out, "added ");
		subject(s, t, row);
		return;
	}
	quote(out, text);
}

/* A column as a salesperson names it; NULL for one nobody reads. */
static const char *column_words(const char *col)
{
	static const struct { const char *col, *words; } cols[] = {
		{ "text", "the words" }, { "made", "the date made" }, { "due", "the due date" },
		{ "at", "the date" }, { "note", "the note" }, { "status", "the state" },
		{ "by_at", "the date expected" }, { "set_at", "the date set" },
		{ "resolved_at", "the date settled" }, { "kind", "the kind" },
		{ "source", "where it came from" }, { "confidence", "how sure" },
		{ "direction", "who gave it" }, { "verdict", "the verdict" },
		{ "seller", "who talked to them" }, { "inbound", "they reached out" },
		{ "name", "the name" }, { "role", "the role" }, { "email", "the email" },
		{ "account_id", "the account" }, { "owner", "the owner" },
	};

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(cols); i++)
		if (!strcmp(cols[i].col, col))
			return cols[i].words;
	return NULL;
}

static bool date_column(const char *col)
{
	return !strcmp(col, "at") || !strcmp(col, "made") || !strcmp(col, "due") ||
	       !strcmp(col, "by_at") || !strcmp(col, "set_at") || !strcmp(col, "resolved_at");
}

/* A field's value in words: a day, yes or no, an account's name, 'text'. */
static void value_words(struct said *s, const char *col, json_t *v)
{
	if (json_is_integer(v) && date_column(col)) {
		if (json_integer_value(v))
			day(s, json_integer_value(v));
		else
			candor_buf_adds(s->out, "none");
	} else if (json_is_integer(v) && !strcmp(col, "inbound")) {
		candor_buf_adds(s->out, json_integer_value(v) ? "yes" : "no");
	} else if (json_is_integer(v) && !strcmp(col, "account_id")) {
		json_t *a = record(s->app, "accounts", json_integer_value(v));

		quote(s->out, a ? jtext(a, "name") : "?");
		json_decref(a);
	} else if (json_is_string(v) && (!strcmp(col, "status") || !strcmp(col, "kind") ||
					 !strcmp(col, "verdict") || !strcmp(col, "direction") ||
					 !strcmp(col, "confidence"))) {
		candor_buf_adds(s->out, candor_words_code(json_string_value(v)));
	} else if (json_is_string(v) && *json_string_value(v)) {
		quote(s->out, json_string_value(v));
	} else {
		candor_buf_adds(s->out, "none");
	}
}

/* "the due date 18 Nov -> 19 Nov; the words 'a' -> 'b'" of one edit change;
 * a field said already (seen: "|col|...") is not said again: a contact's
 * move changes the account of each of their records. */
static void diff_words(struct said *s, const struct candor_change *c, struct candor_buf *seen)
{
	json_t *was = candor_json_read(c->before), *now = candor_json_read(c->after);
	const char *col;
	json_t *v;

	if (was && now)
		json_object_foreach(now, col, v) {
			const char *name = column_words(col);
			char key[64];

			snprintf(key, sizeof(key), "|%s|", col);
			if (!name || json_equal(json_object_get(was, col), v) ||
			    (seen->len && strstr(seen->ptr, key)))
				continue;
			candor_buf_adds(seen, key);
			candor_buf_addf(s->out, "%s%s ", seen->len == strlen(key) ? ": " : "; ", name);
			value_words(s, col, json_object_get(was, col));
			candor_buf_adds(s->out, " -> ");
			value_words(s, col, v);
		}
	json_decref(was);
	json_decref(now);
}

static void edit_words(struct said *s, const struct candor_change *c, json_t *row)
{
	json_t *was = candor_json_read(c->before);
	const char *st = jtext(row, "status"), *old = was ? jtext(was, "status") : "";
	struct candor_buf seen = CANDOR_BUF_INIT;

	if (strcmp(st, old) && (!strcmp(c->tbl, "expectations") || !strcmp(c->tbl, "proposals"))) {
		bool expectation = !strcmp(c->tbl, "expectations");

		candor_buf_addf(s->out, "%s ", expectation ? "marked the expectation" : st);
		if (!expectation)
			candor_buf_adds(s->out, "the proposal ");
		quote(s->out, jtext(row, "text"));
		if (expectation)
			candor_buf_addf(s->out, " %s", candor_words_code(st));
		json_decref(was);
		return;
	}
	json_decref(was);
	candor_buf_adds(s->out, "changed ");
	subject(s, c->tbl, row);
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->c[i].action, "edit"))
			diff_words(s, &s->c[i], &seen);
	candor_buf_release(&seen);
}

int candor_app_change_words(struct candor_app *app, const struct candor_change *c,
			    struct candor_buf *out)
{
	struct candor_batch none = { .kind = "command", .what = "", .by = "" };
	struct said s = { app, &none, c, 1, out };
	json_t *row = row_of(c);

	if (!row)
		return candor_buf_adds(out, "a change that cannot be read");
	if (!strcmp(c->action, "edit")) {
		struct candor_buf seen = CANDOR_BUF_INIT;

		candor_buf_adds(out, "changed ");
		subject(&s, c->tbl, row);
		diff_words(&s, c, &seen);
		candor_buf_release(&seen);
	} else {
		candor_buf_adds(out, !strcmp(c->action, "add") ? "added " : "deleted ");
		subject(&s, c->tbl, row);
	}
	json_decref(row);
	return candor_buf_error(out);
}

static int words(struct candor_app *app, const struct candor_batch *b, struct candor_buf *out,
		 int depth);

/* An undo says what it undid; an undo of an undo puts that back. */
static int undo_words(struct candor_app *app, const struct candor_batch *b, struct candor_buf *out,
		      int depth)
{
	struct candor_batch t = { 0 };
	int64_t target = 0;
	int rc;

	if ((rc = candor_store_batch_undid(app->store, b->id, &target)) || !target ||
	    depth >= WORDS_DEPTH)
		return rc ? rc : candor_buf_adds(out, b->what);
	if ((rc = candor_store_batch_get(app->store, target, &t)))
		return rc;
	candor_buf_adds(out, !strcmp(t.kind, "undo") ? "put back: " : "undid: ");
	if (!strcmp(t.kind, "undo")) {
		struct candor_batch u = { 0 };
		int64_t first = 0;

		rc = candor_store_batch_undid(app->store, t.id, &first);
		if (!rc && first && !(rc = candor_store_batch_get(app->store, first, &u)))
			rc = words(app, &u, out, depth + 2);
		else if (!rc)
			candor_buf_adds(out, t.what);
		candor_batch_release(&u);
	} else {
		rc = words(app, &t, out, depth + 1);
	}
	candor_batch_release(&t);
	return rc;
}

/* The file records came from ("hubspot.csv" of "hubspot.csv:12"). */
static void source_file(struct candor_buf *out, const char *source)
{
	const char *colon = strrchr(source, ':');
	char file[256];

	snprintf(file, sizeof(file), "%.*s", colon ? (int)(colon - source) : (int)strlen(source),
		 source);
	quote(out, file);
}

/* An import of contacts or accounts: how many of each it added, and from where. */
static bool import_words(struct said *s)
{
	size_t contacts = 0, accounts = 0, other = 0;
	const char *source = "";

	for (size_t i = 0; i < s->n; i++) {
		bool add = !strcmp(s->c[i].action, "add");

		contacts += add && !strcmp(s->c[i].tbl, "contacts");
		accounts += add && !strcmp(s->c[i].tbl, "accounts");
		other += !add || (strcmp(s->c[i].tbl, "contacts") && strcmp(s->c[i].tbl, "accounts"));
		if (!*source)
			source = s->c[i].source;
	}
	if (!*source || (!contacts && !accounts))
		return false;
	candor_buf_adds(s->out, "imported ");
	if (contacts)
		candor_buf_addf(s->out, "%zu buyer%s", contacts, contacts == 1 ? "" : "s");
	if (accounts)
		candor_buf_addf(s->out, "%s%zu account%s", contacts ? " and " : "", accounts,
				accounts == 1 ? "" : "s");
	if (other)
		candor_buf_adds(s->out, " (and changed others)");
	candor_buf_adds(s->out, " from ");
	source_file(s->out, source);
	return true;
}

/* A merge: the buyer it deleted into the one it kept. */
static bool merge_words(struct said *s)
{
	json_t *from = NULL, *into = NULL;
	bool done = false;

	for (size_t i = 0; i < s->n; i++) {
		if (strcmp(s->c[i].tbl, "contacts"))
			continue;
		if (!strcmp(s->c[i].action, "delete") && !from)
			from = candor_json_read(s->c[i].before);
		else if (!strcmp(s->c[i].action, "edit") && !into)
			into = candor_json_read(s->c[i].after);
	}
	/* the one kept had nothing to take: it is where the evidence went */
	for (size_t i = 0; from && !into && i < s->n; i++) {
		json_t *row = strcmp(s->c[i].action, "edit") ? NULL : row_of(&s->c[i]);
		int64_t to = jint(row, "contact_id");

		if (to && to != jint(from, "id"))
			into = record(s->app, "contacts", to);
		json_decref(row);
	}
	if (from && into && !jint(into, "deleted")) {
		candor_buf_adds(s->out, "merged the buyer ");
		quote(s->out, jtext(from, "name"));
		candor_buf_adds(s->out, " into ");
		quote(s->out, jtext(into, "name"));
		done = true;
	}
	json_decref(from);
	json_decref(into);
	return done;
}

/* The words of the batch's chief change; false when none are known for it. */
static bool chief_words(struct said *s)
{
	const struct candor_change *chief = NULL;
	json_t *row;

	for (size_t i = 0; i < s->n; i++)
		if (!chief || rank_of(s->c[i].tbl) < rank_of(chief->tbl))
			chief = &s->c[i];
	if (!chief || !strcmp(s->b->kind, "merge"))
		return chief && merge_words(s);
	if (!strcmp(s->b->kind, "import") && strcmp(chief->tbl, "interactions"))
		return import_words(s);
	if (!(row = row_of(chief)))
		return false;
	if (!strcmp(chief->action, "add")) {
		add_words(s, chief, row);
	} else if (!strcmp(chief->action, "edit")) {
		edit_words(s, chief, row);
	} else {
		candor_buf_adds(s->out, "deleted ");
		subject(s, chief->tbl, row);
		if (s->n > 1)
			candor_buf_addf(s->out, " and %zu record%s with it", s->n - 1,
					s->n > 2 ? "s" : "");
	}
	json_decref(row);
	return true;
}

static int words(struct candor_app *app, const struct candor_batch *b, struct candor_buf *out,
		 int depth)
{
	struct candor_change *c = NULL;
	size_t n = 0;
	int rc;

	if (!strcmp(b->kind, "undo"))
		return undo_words(app, b, out, depth);
	if ((rc = candor_store_changes(app->store, b->id, &c, &n)))
		return rc;
	{
		struct said s = { app, b, c, n, out };

		if (!chief_words(&s))
			candor_buf_adds(out, b->what);
	}
	candor_changes_free(c, n);
	return candor_buf_error(out);
}

int candor_app_batch_words(struct candor_app *app, const struct candor_batch *b,
			   struct candor_buf *out)
{
	return words(app, b, out, 0);
}
