/*
 * web/page-edit.c: correcting a record from the web.  GET /edit?kind=K&id=N
 * is a form with the record's fields as they are; POST /edit saves them
 * (one change in the audit trail, undoable from the buyer's Changes page).
 * GET /delete?kind=K&id=N says what deleting it takes with it and asks;
 * POST /delete does it.  The rules (which fields, how each is checked, who
 * may change what, what a deletion takes) are app/audit.h's, as for
 * `candor edit` and `candor delete`; a refused edit comes back as the same
 * form with what was typed and the reason by the field.
 */
#include "util/common.h"
#include "web/web.h"
#include "app/access.h"
#include "app/audit.h"

/* A field as a salesperson reads it. */
static const char *label_of(const char *kind, const char *field)
{
	static const struct { const char *kind, *field, *label; } labels[] = {
		{ "", "text", "What it says" }, { "", "at", "Date" }, { "promise", "at", "Made on" },
		{ "", "due", "Due date" }, { "", "note", "Note" }, { "", "by", "By (date)" },
		{ "expectation", "at", "Set on" }, { "", "kind", "Kind" },
		{ "", "source", "Where from" }, { "", "confidence", "How sure you are" },
		{ "", "direction", "Given or received" }, { "", "verdict", "Fit" },
		{ "", "seller", "Who talked to them" }, { "", "inbound", "They reached out" },
		{ "", "name", "Name" }, { "", "role", "Role" }, { "", "email", "Email" },
		{ "contact", "account", "Account" },
		{ "account", "owner", "Owner" },
	};
	const char *any = field;

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(labels); i++)
		if (!strcmp(labels[i].field, field)) {
			if (!strcmp(labels[i].kind, kind))
				return labels[i].label;
			if (!*labels[i].kind && any == field)
				any = labels[i].label;
		}
	return any;
}

/* Where the buyer page shows record id of kind (its anchor), for the way back. */
static void way_back(char *dst, size_t n, const char *kind, int64_t id, int64_t contact)
{
	static const struct { const char *kind, *anchor; } anchors[] = {
		{ "promise", "commitment" }, { "expectation", "expectation" }, { "fact", "fact" },
		{ "value", "value" }, { "fit", "fit" }, { "decision", "decision" },
		{ "interaction", "interaction" },
	};

	if (!contact) {
		snprintf(dst, n, "/");
		return;
	}
	snprintf(dst, n, "/buyers/%" PRId64, contact);
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(anchors); i++)
		if (!strcmp(anchors[i].kind, kind))
			snprintf(dst, n, "/buyers/%" PRId64 "#%s-%" PRId64, contact, anchors[i].anchor, id);
}

/* The record the request names (?kind=&id= on a GET, the form's on a POST). */
static int record_ref(struct web_request *req, const char **kind, int64_t *id)
{
	const char *k = req->method == WEB_GET ? web_query(req, "kind") : web_arg(req, "kind");
	const char *v = req->method == WEB_GET ? web_query(req, "id") : web_arg(req, "id");
	char *end = NULL;
	long long n = v && *v ? strtoll(v, &end, 10) : 0;

	if (!k || !candor_app_record_table(k))
		return web_error(req, 400, "kind", "say which kind of record: %s",
				 candor_app_record_kinds);
	if (!v || !*v || *end || n <= 0)
		return web_error(req, 400, "id", "say which %s (its number)", k);
	*kind = k;
	*id = n;
	return 0;
}

/* The record a request names, with the asker's use-case context and the
 * record's fields as they are now (app.who points into the struct: keep it put). */
struct target {
	struct candor_app app;
	struct candor_app_actor who;
	const char *kind;
	int64_t id, contact;
	struct candor_app_field f[CANDOR_APP_FIELDS_MAX];
	size_t n;
};

static int target_open(struct web_request *req, struct target *t)
{
	int rc;

	if ((rc = record_ref(req, &t->kind, &t->id)))
		return rc;
	t->who = (struct candor_app_actor){ req->user.name, req->user.role };
	web_app(req, &t->app);
	t->app.who = req->user.local ? NULL : &t->who;
	if ((rc = candor_app_record_fields(&t->app, t->kind, t->id, t->f, &t->n, &t->contact)))
		return web_fail(req, rc);
	return 0;
}

/* The accounts a contact may move to: those the user may change (the one
 * it is at, v, among them).  With none to read, the account's number. */
static void account_select(struct web_request *req, const struct candor_app_field *f, const char *v)
{
	struct candor_app_actor who = { req->user.name, req->user.role };
	struct candor_list_query q = { .owner = candor_app_visible_owner(&who), .limit = 1000 };
	struct candor_account_list l = { 0 };
	char next[CANDOR_CURSOR_MAX];

	if (q.owner && !*q.owner)
		q.owner = "\n";   /* a user named "" owns nothing */
	if (candor_store_account_page(req->store, &q, &l, next)) {
		candor_error_clear(&req->err);
		web_html(&req->out, "<input type=\"text\" id=\"f-%s\" name=\"%s\" value=\"%s\">",
			 f->field, f->field, v);
	} else {
		web_html(&req->out, "<select id=\"f-%s\" name=\"%s\">", f->field, f->field);
		for (size_t i = 0; i < l.n; i++) {
			char id[32];

			snprintf(id, sizeof(id), "%" PRId64, l.v[i].id);
			if (web_may_change(req, l.v[i].owner) || !strcmp(id, v))
				web_html(&req->out, "<option value=\"%s\"%R>%s</option>", id,
					 !strcmp(id, v) ? " selected" : "", l.v[i].name);
		}
		web_html(&req->out, "</select>");
	}
	candor_account_list_release(&l);
}

/* One field of the form: the value typed (typed != NULL) or stored. */
static void field_input(struct web_request *req, const char *kind, const struct candor_app_field *f,
			const char *typed, const char *bad_field, const char *bad_msg)
{
	const char *v = typed ? typed : f->value;
	bool bad = bad_field && !strcmp(bad_field, f->field);
	struct candor_buf *b = &req->out;

	web_html(b, "<div class=\"field\">");
	if (f->type == 'b') {
		web_html(b, "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"1\"%R> %s"
			 "</label>", f->field, !strcmp(v, "1") ? " checked" : "", label_of(kind, f->field));
	} else {
		web_html(b, "<label for=\"f-%s\">%s</label>", f->field, label_of(kind, f->field));
		if (f->type == 'a') {
			account_select(req, f, v);
		} else if (f->type == 'e') {
			web_html(b, "<select id=\"f-%s\" name=\"%s\">", f->field, f->field);
			for (const struct candor_name *o = f->names; o->name; o++)
				web_html(b, "<option value=\"%s\"%R>%s</option>", o->name,
					 !strcmp(o->name, v) ? " selected" : "", o->name);
			web_html(b, "</select>");
		} else {
			web_html(b, "<input type=\"text\" id=\"f-%s\" name=\"%s\" value=\"%s\"%R%R",
				 f->field, f->field, v, f->type == 't' || f->type == 'n' ? " required" : "",
				 f->type == 'd' ? " placeholder=\"YYYY-MM-DD\" inputmode=\"numeric\"" : "");
			if (bad)
				web_html(b, " aria-invalid=\"true\" aria-describedby=\"e-%s\" autofocus",
					 f->field);
			web_html(b, ">");
		}
	}
	if (bad) {
		web_html(b, "<p class=\"why\" id=\"e-%s\" role=\"alert\">", f->field);
		web_field_message(b, bad_msg, f->field, label_of(kind, f->field));
		web_html(b, " Nothing was changed.</p>");
	}
	web_html(b, "</div>");
}

static int edit_page(struct web_request *req, const char *kind, int64_t id, int status,
		     const struct candor_app_field *f, size_t n, int64_t contact, bool typed,
		     const char *bad_field, const char *bad_msg)
{
	char back[96];
	bool placed = false;

	way_back(back, sizeof(back), kind, id, contact);
	web_page_begin(req, "Edit");
	web_html(&req->out, "<h1>Edit the %s #%D</h1><p class=\"muted\"><a href=\"%s\">back, "
		 "changing nothing</a> · saved changes are listed on the buyer's Changes page, "
		 "where the last one can be undone</p>", kind, id, back);
	for (size_t i = 0; i < n && bad_field; i++)
		placed |= !strcmp(bad_field, f[i].field);
	if (bad_msg && !placed) {
		web_html(&req->out, "<p class=\"why\" role=\"alert\">");
		web_plain_message(&req->out, bad_msg);
		web_html(&req->out, " Nothing was changed.</p>");
	}
	web_html(&req->out, "<section class=\"card narrow\"><form method=\"post\" action=\"/edit\">");
	web_csrf_field(req);
	web_html(&req->out, "<input type=\"hidden\" name=\"kind\" value=\"%s\">"
		 "<input type=\"hidden\" name=\"id\" value=\"%D\">", kind, id);
	for (size_t i = 0; i < n; i++) {
		const char *v = typed ? web_arg(req, f[i].field) : NULL;

		field_input(req, kind, &f[i], typed ? (v ? v : f[i].type == 'b' ? "0" : "") : NULL,
			    placed ? bad_field : NULL, bad_msg);
	}
	web_html(&req->out, "<button>Save</button></form></section>");
	web_page_end(req);
	return req->status = status;
}

int web_page_edit(struct web_request *req)
{
	struct target t;
	int rc = target_open(req, &t);

	return rc ? rc : edit_page(req, t.kind, t.id, 200, t.f, t.n, t.contact, false, NULL, NULL);
}

int web_form_edit(struct web_request *req)
{
	struct candor_app_edit e[CANDOR_APP_FIELDS_MAX];
	struct target t;
	char back[96], field[64], msg[1024];
	bool changed = false;
	int rc;

	if ((rc = target_open(req, &t)))
		return rc;
	for (size_t i = 0; i < t.n; i++) {
		const char *v = web_arg(req, t.f[i].field);

		e[i] = (struct candor_app_edit){ t.f[i].field, v ? v : t.f[i].type == 'b' ? "0" : "" };
	}
	if ((rc = candor_app_record_edit(&t.app, t.kind, t.id, e, t.n, &changed))) {
		if (rc != CANDOR_EINVALID)
			return web_fail(req, rc);
		snprintf(field, sizeof(field), "%s", req->err.field);
		snprintf(msg, sizeof(msg), "%s", req->err.msg);
		if ((rc = web_restart_read(req)))
			return rc;
		return edit_page(req, t.kind, t.id, 422, t.f, t.n, t.contact, true, field, msg);
	}
	way_back(back, sizeof(back), t.kind, t.id, t.contact);
	return web_redirect(req, "%s", back);
}

int web_page_delete(struct web_request *req)
{
	struct candor_app_deletion d;
	struct target t;
	char back[96];
	int rc;

	if ((rc = target_open(req, &t)))
		return rc;
	if ((rc = candor_app_record_delete_plan(&t.app, t.kind, t.id, &d)))
		return web_fail(req, rc);
	way_back(back, sizeof(back), t.kind, t.id, t.contact);
	web_page_begin(req, "Delete");
	web_html(&req->out, "<h1>Delete %s?</h1><section class=\"card narrow\">", d.what);
	if (d.total) {
		web_html(&req->out, "<p>It takes with it:</p><ul>");
		for (size_t i = 0; i < CANDOR_ARRAY_SIZE(d.n); i++)
			if (d.n[i])
				web_html(&req->out, "<li>%D %s</li>", (int64_t)d.n[i],
					 candor_app_deletion_kinds[i]);
		web_html(&req->out, "</ul>");
	}
	web_html(&req->out, "<p>The trust shown is worked out again without it. You can undo this "
		 "from the buyer's Changes page.</p><form method=\"post\" action=\"/delete\">");
	web_csrf_field(req);
	web_html(&req->out, "<input type=\"hidden\" name=\"kind\" value=\"%s\">"
		 "<input type=\"hidden\" name=\"id\" value=\"%D\"><button>Delete it</button> "
		 "<a href=\"%s\">Keep it</a></form></section>", t.kind, t.id, back);
	web_page_end(req);
	return req->status = 200;
}

int web_form_delete(struct web_request *req)
{
	struct candor_app_deletion d;
	struct target t;
	int rc;

	if ((rc = target_open(req, &t)))
		return rc;
	if ((rc = candor_app_record_delete(&t.app, t.kind, t.id, &d)))
		return web_fail(req, rc);
	if (!strcmp(t.kind, "contact") || !strcmp(t.kind, "account") || !t.contact)
		return web_redirect(req, "/");
	return web_redirect(req, "/buyers/%" PRId64 "/changes", t.contact);
}
