/*
 * web/actions.c: what the forms and the API both do.  Each action reads
 * its fields (web_arg(), so the same code reads a form and a JSON body),
 * checks that the user may change the buyer's account, and calls one use
 * case (src/app/); the use case checks every value, and a bad one is a 422
 * naming the field with nothing written (the request's transaction is
 * rolled back).  Only what HTTP adds is checked here: a field's size and
 * whether a date or an id can be read at all.
 */
#include "util/common.h"
#include "web/web.h"
#include "app/access.h"
#include "app/fates.h"
#include "app/import.h"
#include "app/proposals.h"
#include "app/records.h"
#include "text/lexicon.h"

/* A text field (NULL when absent), at most WEB_TEXT_MAX bytes. */
static int text_arg(struct web_request *req, const char *name, const char **out)
{
	*out = web_arg(req, name);
	if (*out && strlen(*out) > WEB_TEXT_MAX)
		return web_error(req, 422, name, "'%s' must be text of at most %d bytes", name,
				 WEB_TEXT_MAX);
	return 0;
}

/*
 * A date field, def when absent.  On a form, "at" given as today's date
 * (what a date field offers) is now: a promise made this afternoon can be
 * kept "today" without being kept before it was made.
 */
static int date_arg(struct web_request *req, const char *name, int64_t def, int64_t *out)
{
	const char *v = web_arg(req, name);

	*out = def;
	if (!v || !*v)
		return 0;
	if (candor_date_parse(out, v, name, &req->err))
		return web_error(req, 422, name, "%s", req->err.msg);
	if (!req->api && !strcmp(name, "at") && !strchr(v, 'T') &&
	    *out == req->now - req->now % CANDOR_DAY)
		*out = req->now;
	return 0;
}

/* A name from table t, def when absent; -2 when it is not one (the use case says so). */
static int enum_arg(struct web_request *req, const char *name, const struct candor_name *t,
		    int def)
{
	const char *v = web_arg(req, name);
	int k;

	if (!v || !*v)
		return def;
	k = candor_name_lookup(t, v);
	return k < 0 ? -2 : k;
}

static int done(struct web_request *req, int rc)
{
	return rc ? web_fail(req, rc) : 0;
}

int web_act_account(struct web_request *req, int64_t *id)
{
	struct candor_app_actor who = { req->user.name, req->user.role };
	struct candor_app app;
	const char *name, *note, *owner;
	int rc;

	web_app(req, &app);
	app.who = &who;  /* names are unique among what the user may see */
	if ((rc = text_arg(req, "name", &name)) || (rc = text_arg(req, "note", &note)) ||
	    (rc = text_arg(req, "owner", &owner)))
		return rc;
	/* only an admin gives an account to someone else */
	if (!owner || !*owner || req->user.role != CANDOR_ROLE_ADMIN)
		owner = req->user.name;
	return done(req, candor_app_account_add(&app, name, owner, note, id));
}

int web_act_contact(struct web_request *req, int64_t *id)
{
	struct candor_app app;
	const char *name, *role, *email, *account;
	int64_t account_id;
	int rc;

	web_app(req, &app);
	/* the account: its id from the board's menu, or its #id or name typed in */
	if ((rc = text_arg(req, "name", &name)) || (rc = text_arg(req, "account", &account)) ||
	    (rc = text_arg(req, "role", &role)) || (rc = text_arg(req, "email", &email)) ||
	    (rc = web_see_account(req, account, true, &account_id)))
		return rc;
	return done(req, candor_app_contact_add(&app, account_id, name, role, email, id));
}

#define SAID_MAX 8

/*
 * What was said (the CLI's --said CATEGORY:WORDS), from the fields
 * said_kind_N and said_words_N (N from 1); a row with both empty is
 * skipped, the use case checks the rest.
 */
static int said_args(struct web_request *req, struct candor_app_said *out, size_t *n)
{
	char kname[24], wname[24];
	const char *k, *w;
	int rc;

	*n = 0;
	for (int i = 1; i <= SAID_MAX; i++) {
		snprintf(kname, sizeof(kname), "said_kind_%d", i);
		snprintf(wname, sizeof(wname), "said_words_%d", i);
		if ((rc = text_arg(req, kname, &k)) || (rc = text_arg(req, wname, &w)))
			return rc;
		if ((!k || !*k) && (!w || !*w))
			continue;
		if (!k || !*k)
			return web_error(req, 422, kname, "say what these words were (a stall, a "
					 "question...)");
		out[*n].category = k ? k : "";
		out[(*n)++].words = w ? w : "";
	}
	return 0;
}

int web_act_log(struct web_request *req, int64_t contact_id, int64_t *id)
{
	struct candor_app app;
	struct candor_contact c = { 0 };
	struct candor_app_said said[SAID_MAX];
	struct candor_app_log in = { .seller = req->user.name, .said = said };
	const char *inbound;
	int rc;

	web_app(req, &app);
	if ((rc = web_see_contact(req, contact_id, true, &c)))
		return rc;
	in.kind = enum_arg(req, "kind", candor_interaction_kinds, CANDOR_INTERACTION_CALL);
	if (!(rc = text_arg(req, "text", &in.text)) && !(rc = text_arg(req, "inbound", &inbound)) &&
	    !(rc = date_arg(req, "at", req->now, &in.at)) && !(rc = said_args(req, said, &in.nsaid))) {
		in.inbound = inbound && (!strcmp(inbound, "on") || !strcmp(inbound, "true"));
		rc = done(req, candor_app_interaction_log(&app, &c, &in, id));
	}
	candor_contact_release(&c);
	return rc;
}

/* A record with a text and two dates (a promise's due, an expectation's by). */
static int act_dated(struct web_request *req, int64_t contact_id, const char *due_field,
		     int (*use)(struct candor_app *, const struct candor_contact *, const char *,
				int64_t, int64_t, int64_t *), int64_t *id)
{
	struct candor_app app;
	struct candor_contact c = { 0 };
	const char *text;
	int64_t at, due;
	int rc;

	web_app(req, &app);
	if ((rc = web_see_contact(req, contact_id, true, &c)))
		return rc;
	if (!(rc = text_arg(req, "text", &text)) && !(rc = date_arg(req, "at", req->now, &at)) &&
	    !(rc = date_arg(req, due_field, 0, &due)))
		rc = done(req, use(&app, &c, text, at, due, id));
	candor_contact_release(&c);
	return rc;
}

int web_act_promise(struct web_request *req, int64_t contact_id, int64_t *id)
{
	return act_dated(req, contact_id, "due", candor_app_promise_make, id);
}

int web_act_expect(struct web_request *req, int64_t contact_id, int64_t *id)
{
	return act_dated(req, contact_id, "by", candor_app_expectation_set, id);
}

int web_act_resolve(struct web_request *req, int64_t cid, int status, struct candor_app_fate *out)
{
	struct candor_app app;
	struct candor_scope sc;
	const char *note;
	int64_t at, due = 0;
	int rc;

	web_app(req, &app);
	if ((rc = web_see_record(req, CANDOR_RECORD_COMMITMENT, cid, true, &sc)) ||
	    (rc = text_arg(req, "note", &note)) || (rc = date_arg(req, "at", req->now, &at)) ||
	    (rc = date_arg(req, "due", 0, &due)))
		return rc;
	if (status == CANDOR_COMMITMENT_KEPT)
		rc = candor_app_promise_keep(&app, cid, at, note, out);
	else if (status == CANDOR_COMMITMENT_BROKEN)
		rc = candor_app_promise_break(&app, cid, at, note, out);
	else
		rc = candor_app_promise_renegotiate(&app, cid, at, due, note, out);
	return done(req, rc);
}

int web_act_expectation(struct web_request *req, int64_t eid, int status,
			struct candor_app_fate *out)
{
	struct candor_app app;
	struct candor_scope sc;
	int64_t at;
	int rc;

	web_app(req, &app);
	if ((rc = web_see_record(req, CANDOR_RECORD_EXPECTATION, eid, true, &sc)) ||
	    (rc = date_arg(req, "at", req->now, &at)))
		return rc;
	return done(req, status == CANDOR_EXPECTATION_MET
			 ? candor_app_expectation_meet(&app, eid, at, out)
			 : candor_app_expectation_miss(&app, eid, at, out));
}

int web_act_fact(struct web_request *req, int64_t contact_id, int64_t *id)
{
	struct candor_app app;
	struct candor_contact c = { 0 };
	struct candor_app_fact f = { 0 };
	int rc;

	web_app(req, &app);
	if ((rc = web_see_contact(req, contact_id, true, &c)))
		return rc;
	f.kind = enum_arg(req, "kind", candor_fact_kinds, -1);
	f.confidence = enum_arg(req, "confidence", candor_confidences, CANDOR_CONF_MEDIUM);
	if (!(rc = text_arg(req, "text", &f.text)) && !(rc = text_arg(req, "source", &f.source)) &&
	    !(rc = date_arg(req, "at", req->now, &f.at)))
		rc = done(req, candor_app_fact_learn(&app, &c, &f, id));
	candor_contact_release(&c);
	return rc;
}

/* value, fit or decision: a kind from table (field kind_field), a text, a date. */
int web_act_judged(struct web_request *req, int64_t contact_id, enum web_judged what,
		   int64_t *id)
{
	static const struct { const char *field, *text; const struct candor_name *t; } f[] = {
		[WEB_VALUE] = { "direction", "text", candor_value_directions },
		[WEB_FIT] = { "verdict", "text", candor_fit_verdicts },
		[WEB_DECISION] = { "decision", "note", candor_decision_kinds },
	};
	struct candor_app app;
	struct candor_contact c = { 0 };
	const char *text;
	int64_t at;
	int kind = enum_arg(req, f[what].field, f[what].t, -1), rc;

	web_app(req, &app);
	if ((rc = web_see_contact(req, contact_id, true, &c)))
		return rc;
	if (!(rc = text_arg(req, f[what].text, &text)) && !(rc = date_arg(req, "at", req->now, &at)))
		rc = done(req, what == WEB_VALUE ? candor_app_value_record(&app, &c, kind, text, at, id)
			       : what == WEB_FIT ? candor_app_fit_record(&app, &c, kind, text, at, id)
			       : candor_app_decision_record(&app, &c, kind, text, at, id));
	candor_contact_release(&c);
	return rc;
}

int web_act_proposal(struct web_request *req, int64_t id, bool yes, int64_t *interaction_id)
{
	struct candor_app app;
	struct candor_app_proposal_result r = { 0 };
	struct candor_scope sc;
	int64_t due = 0;
	int rc;

	web_app(req, &app);
	if ((rc = web_see_record(req, CANDOR_RECORD_PROPOSAL, id, true, &sc)) ||
	    (rc = date_arg(req, "due", 0, &due)))
		return rc;
	rc = yes ? candor_app_proposal_accept(&app, id, due, &r)
		 : candor_app_proposal_dismiss(&app, id, &r);
	if (!rc)
		*interaction_id = r.interaction_id;
	candor_app_proposal_result_release(&r);
	return done(req, rc);
}

/* A multipart text field, copied (bounded) into dst. */
static int part_text(struct web_request *req, const char *name, char *dst, size_t n)
{
	const struct web_part *p = web_multipart_get(req->mp, name);

	dst[0] = '\0';
	if (!p)
		return 0;
	if (p->len >= n || !web_text_ok(p->data, p->len))
		return web_error(req, 422, name, "'%s' must be short text", name);
	memcpy(dst, p->data, p->len);
	dst[p->len] = '\0';
	return 0;
}

#define ALIASES_MAX 8

/*
 * The aliases field, "Sam, Sam S." (other names the file gives the
 * seller) or "Name in file=Real Name" entries, comma-separated, as the
 * transcript's "File Name=Real Name" aliases in out (each up to 256 bytes).
 */
static int aliases_parse(struct web_request *req, const char *in, const char *seller,
			 char out[][256], size_t *n)
{
	*n = 0;
	while (*in) {
		size_t len = strcspn(in, ",");
		const char *b = in, *e = in + len;
		bool renames;

		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		renames = memchr(b, '=', (size_t)(e - b)) != NULL;
		if (e > b && *n == ALIASES_MAX)
			return web_error(req, 422, "aliases", "'aliases' takes at most %d names",
					 ALIASES_MAX);
		if (e > b && snprintf(out[(*n)++], 256, "%.*s%s%s", (int)(e - b), b,
				      renames ? "" : "=", renames ? "" : seller) >= 256)
			return web_error(req, 422, "aliases", "'aliases' has a name too long");
		in += len + (in[len] == ',');
	}
	return 0;
}

/* Read the uploaded file, say who is who, and import it as a call. */
static int upload_store(struct web_request *req, struct candor_app_call *call,
			const struct web_part *file, const char *seller, const char *aliases,
			int64_t *id)
{
	struct candor_app app;
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;
	struct candor_analyzer *az = NULL;
	char alias[ALIASES_MAX][256];
	const char *alias_p[ALIASES_MAX];
	size_t nalias;
	int rc;

	web_app(req, &app);
	if ((rc = aliases_parse(req, aliases, seller, alias, &nalias)))
		goto cleanup;
	for (size_t i = 0; i < nalias; i++)
		alias_p[i] = alias[i];
	if ((rc = candor_transcript_read(&t, file->data, file->len, file->filename, &req->err))) {
		/* a file that is not a transcript is the user's to mend; memory is not */
		rc = rc == CANDOR_ERROR ? web_fail(req, rc) : web_error(req, 422, "file", "%s", req->err.msg);
		goto cleanup;
	}
	if ((rc = candor_transcript_assign_sides(&t, seller, alias_p, nalias, &req->err))) {
		rc = rc == CANDOR_ERROR ? web_fail(req, rc) : web_error(req, 422, "seller", "%s", req->err.msg);
		goto cleanup;
	}
	call->t = &t;
	if ((rc = candor_analyzer_new(&az, req->srv->lx, &req->err)) ||
	    (rc = candor_app_call_import(&app, call, az, id))) {
		if (rc == CANDOR_ECONFLICT && !strcmp(req->err.field, "file"))
			req->fail_duplicate = *id;
		rc = web_fail(req, rc);
	}
cleanup:
	candor_analyzer_free(az);
	candor_transcript_release(&t);
	return rc;
}

int web_act_upload(struct web_request *req, int64_t contact_id, int64_t *id)
{
	struct candor_contact c = { 0 };
	const struct web_part *file;
	char seller[128], at_s[64], kind_s[16], aliases[1024];
	struct candor_app_call call = { .contact = &c, .at = req->now,
					.kind = CANDOR_APP_KIND_FROM_FILE };
	int rc;

	if (!req->mp)
		return web_error(req, 400, "file", "send the transcript as multipart/form-data");
	file = web_multipart_get(req->mp, "file");
	if (!file || !file->is_file || !file->len)
		return web_error(req, 422, "file", "choose a transcript file to upload");
	if (strchr(file->filename, '/') || !web_text_ok(file->filename, strlen(file->filename)))
		return web_error(req, 422, "file", "the file name is not usable");
	if ((rc = part_text(req, "seller", seller, sizeof(seller))) ||
	    (rc = part_text(req, "at", at_s, sizeof(at_s))) ||
	    (rc = part_text(req, "aliases", aliases, sizeof(aliases))) ||
	    (rc = part_text(req, "kind", kind_s, sizeof(kind_s))))
		return rc;
	if (*at_s && candor_date_parse(&call.at, at_s, "at", &req->err))
		return web_error(req, 422, "at", "%s", req->err.msg);
	if (*kind_s && (call.kind = candor_name_lookup(candor_interaction_kinds, kind_s)) < 0)
		call.kind = -2;
	if ((rc = web_see_contact(req, contact_id, true, &c)))
		return rc;
	/* seller names the speaker in the file; the call is recorded as the
	 * signed-in user's (an admin may record it for the named seller) */
	call.source = file->filename;
	call.again = web_multipart_get(req->mp, "again") != NULL;  /* the same file, on purpose */
	call.seller = req->user.role == CANDOR_ROLE_ADMIN && *seller ? seller : req->user.name;
	rc = upload_store(req, &call, file, *seller ? seller : req->user.name, aliases, id);
	candor_contact_release(&c);
	return rc;
}
