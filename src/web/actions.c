/*
 * web/actions.c: what the forms and the API both do, with every input
 * checked: a bad field is a 422 naming it, and nothing is written (the
 * request's transaction is rolled back).  Fields come from web_arg(), so
 * the same code reads a form and a JSON body.
 */
#include "util/common.h"
#include "web/web.h"
#include "app/import.h"
#include "text/lexicon.h"

/* A text field: valid UTF-8, at most WEB_TEXT_MAX bytes; non-blank when required. */
static int text_arg(struct web_request *req, const char *name, bool required, const char **out)
{
	const char *v = web_arg(req, name);
	size_t n = v ? strlen(v) : 0, i = 0;

	while (i < n && strchr(" \t\r\n", v[i]))
		i++;
	*out = v ? v : "";
	if (required && i == n)
		return web_error(req, 422, name, "'%s' is required", name);
	if (n > WEB_TEXT_MAX || !web_text_ok(*out, n))
		return web_error(req, 422, name, "'%s' must be text of at most %d bytes", name,
				 WEB_TEXT_MAX);
	return 0;
}

/* A date field, default def; past: at most a day ahead of now. */
static int date_arg(struct web_request *req, const char *name, int64_t def, bool past,
		    int64_t *out)
{
	const char *v = web_arg(req, name);

	*out = def;
	if (!v || !*v)
		return 0;
	if (candor_date_parse(out, v, name, &req->err))
		return web_error(req, 422, name, "%s", req->err.msg);
	if (past && *out > req->now + CANDOR_DAY)
		return web_error(req, 422, name, "'%s' is in the future", name);
	return 0;
}

static int enum_arg(struct web_request *req, const char *name, const struct candor_name *t,
		    int def, int *out)
{
	const char *v = web_arg(req, name);
	char list[256];

	*out = def;
	if (!v || !*v)
		return 0;
	if ((*out = candor_name_lookup(t, v)) < 0) {
		candor_name_list(list, sizeof(list), t);
		return web_error(req, 422, name, "'%s' must be one of %s", name, list);
	}
	return 0;
}

static int id_arg(struct web_request *req, const char *name, int64_t *out)
{
	const char *v = web_arg(req, name);
	char *end;

	errno = 0;
	*out = v ? strtoll(v + (*v == '#'), &end, 10) : 0;
	if (!v || !*v || errno || *end || *out <= 0)
		return web_error(req, 422, name, "'%s' must be a record id", name);
	return 0;
}

static int stored(struct web_request *req, int rc)
{
	return rc ? web_fail(req, rc) : 0;
}

int web_act_account(struct web_request *req, int64_t *id)
{
	struct candor_account a = { .created = req->now };
	const char *owner;
	int rc;

	if ((rc = text_arg(req, "name", true, (const char **)&a.name)) ||
	    (rc = text_arg(req, "note", false, (const char **)&a.note)) ||
	    (rc = text_arg(req, "owner", false, &owner)))
		return rc;
	/* only an admin gives an account to someone else */
	a.owner = (char *)(*owner && req->user.role == CANDOR_ROLE_ADMIN ? owner : req->user.name);
	if (!(rc = stored(req, candor_store_account_add(req->store, &a))))
		*id = a.id;
	return rc;
}

int web_act_contact(struct web_request *req, int64_t *id)
{
	struct candor_contact c = { .created = req->now };
	int rc;

	if ((rc = text_arg(req, "name", true, (const char **)&c.name)) ||
	    (rc = id_arg(req, "account", &c.account_id)) ||
	    (rc = text_arg(req, "role", false, (const char **)&c.role)) ||
	    (rc = text_arg(req, "email", false, (const char **)&c.email)) ||
	    (rc = web_account_access(req, c.account_id, true)))
		return rc;
	if (!(rc = stored(req, candor_store_contact_add(req->store, &c))))
		*id = c.id;
	return rc;
}

static int contact_for_change(struct web_request *req, int64_t contact_id, struct candor_contact *c)
{
	return web_contact_access(req, contact_id, true, c);
}

int web_act_log(struct web_request *req, int64_t contact_id, int64_t *id)
{
	struct candor_contact c = { 0 };
	struct candor_interaction it = { .seller = req->user.name, .source = "", .metrics = "",
					 .seller_share = -1 };
	const char *inbound;
	int rc;

	if ((rc = contact_for_change(req, contact_id, &c)))
		return rc;
	if (!(rc = enum_arg(req, "kind", candor_interaction_kinds, CANDOR_INTERACTION_CALL, &it.kind)) &&
	    !(rc = text_arg(req, "text", true, (const char **)&it.text)) &&
	    !(rc = text_arg(req, "inbound", false, &inbound)) &&
	    !(rc = date_arg(req, "at", req->now, true, &it.at))) {
		it.account_id = c.account_id;
		it.contact_id = c.id;
		it.inbound = !strcmp(inbound, "on") || !strcmp(inbound, "true");
		if (!(rc = stored(req, candor_store_interaction_add(req->store, &it))))
			*id = it.id;
	}
	candor_contact_release(&c);
	return rc;
}

int web_act_promise(struct web_request *req, int64_t contact_id, int64_t *id)
{
	struct candor_contact c = { 0 };
	struct candor_commitment_event made = { .status = CANDOR_COMMITMENT_OPEN, .note = "" };
	struct candor_commitment p = { .events = &made, .nevents = 1 };
	int rc;

	if ((rc = contact_for_change(req, contact_id, &c)))
		return rc;
	if (!(rc = text_arg(req, "text", true, (const char **)&p.text)) &&
	    !(rc = date_arg(req, "at", req->now, true, &p.made)) &&
	    !(rc = date_arg(req, "due", 0, false, &made.due))) {
		made.at = p.made;
		if (!made.due)
			rc = web_error(req, 422, "due", "'due' is required: when will you do it?");
		else if (candor_due_end(made.due) <= p.made)
			rc = web_error(req, 422, "due", "'due' is before the promise was made");
	}
	if (!rc) {
		p.account_id = c.account_id;
		p.contact_id = c.id;
		if (!(rc = stored(req, candor_store_commitment_add(req->store, &p))))
			*id = p.id;
	}
	candor_contact_release(&c);
	return rc;
}

int web_act_resolve(struct web_request *req, int64_t cid, int status, int64_t *contact_id)
{
	struct candor_evidence_set set = { 0 };
	struct candor_scope sc;
	struct candor_commitment *c;
	struct candor_commitment_state st;
	struct candor_commitment_event e = { .status = status };
	int rc;

	if ((rc = web_record_access(req, CANDOR_RECORD_COMMITMENT, cid, true, &sc)) ||
	    (rc = text_arg(req, "note", false, (const char **)&e.note)) ||
	    (rc = date_arg(req, "at", req->now, true, &e.at)))
		return rc;
	if ((rc = candor_store_commitment_load(req->store, cid, &set, &c)))
		return web_fail(req, rc);
	candor_commitment_state_at(&st, c, INT64_MAX);
	if (st.status != CANDOR_COMMITMENT_OPEN)
		rc = web_error(req, 409, NULL, "promise #%" PRId64 " is already %s", cid,
			       candor_name_of(candor_commitment_statuses, st.status));
	else if (e.at < c->events[c->nevents - 1].at)
		rc = web_error(req, 422, "at", "'at' is before the promise's last change");
	if (!rc) {
		e.due = st.due;
		if (status == CANDOR_COMMITMENT_KEPT && e.at >= candor_due_end(st.due))
			e.status = CANDOR_COMMITMENT_KEPT_LATE;
		rc = stored(req, candor_store_commitment_event_add(req->store, c, &e));
		*contact_id = c->contact_id;
	}
	candor_evidence_set_release(&set);
	return rc;
}

int web_act_fact(struct web_request *req, int64_t contact_id, int64_t *id)
{
	struct candor_contact c = { 0 };
	struct candor_fact f = { 0 };
	int rc;

	if ((rc = contact_for_change(req, contact_id, &c)))
		return rc;
	if (!(rc = enum_arg(req, "kind", candor_fact_kinds, -1, &f.kind)) &&
	    !(rc = text_arg(req, "text", true, (const char **)&f.text)) &&
	    !(rc = text_arg(req, "source", false, (const char **)&f.source)) &&
	    !(rc = enum_arg(req, "confidence", candor_confidences, CANDOR_CONF_MEDIUM, &f.confidence)) &&
	    !(rc = date_arg(req, "at", req->now, true, &f.at))) {
		if (f.kind < 0)
			rc = web_error(req, 422, "kind", "'kind' is required (what did you learn?)");
	}
	if (!rc) {
		f.account_id = c.account_id;
		f.contact_id = c.id;
		if (!(rc = stored(req, candor_store_fact_add(req->store, &f))))
			*id = f.id;
	}
	candor_contact_release(&c);
	return rc;
}

/* The time of the call a proposal came from. */
static int64_t call_time(struct web_request *req, const struct candor_proposal_row *p)
{
	struct candor_evidence_set set = { 0 };
	struct candor_scope sc = { p->account_id, p->contact_id };
	int64_t at = req->now;

	if (!candor_store_evidence(req->store, &sc, &set))
		for (size_t i = 0; i < set.ninteractions; i++)
			if (set.interactions[i].id == p->interaction_id)
				at = set.interactions[i].at;
	candor_evidence_set_release(&set);
	return at;
}

static int proposal_accept(struct web_request *req, struct candor_proposal_row *p)
{
	int64_t at = call_time(req, p);
	char source[64];
	int rc;

	if (p->kind == CANDOR_PROPOSAL_FACT) {
		struct candor_fact f = { .account_id = p->account_id, .contact_id = p->contact_id,
					 .kind = p->fact_kind, .text = p->text, .source = source,
					 .confidence = CANDOR_CONF_MEDIUM, .at = at };

		snprintf(source, sizeof(source), "interaction #%" PRId64, p->interaction_id);
		if ((rc = stored(req, candor_store_fact_add(req->store, &f))))
			return rc;
		p->record_id = f.id;
		return 0;
	}
	struct candor_commitment_event made = { .at = at, .status = CANDOR_COMMITMENT_OPEN,
						.due = p->due, .note = "" };
	struct candor_commitment c = { .account_id = p->account_id, .contact_id = p->contact_id,
				       .text = p->text, .made = at, .events = &made, .nevents = 1 };

	if (p->side != CANDOR_SIDE_SELLER)
		return web_error(req, 409, NULL, "this is a promise the buyer made: only your "
				 "own promises can be accepted");
	if ((rc = date_arg(req, "due", p->due, false, &made.due)))
		return rc;
	if (!made.due)
		return web_error(req, 422, "due", "the promise has no date: give 'due'");
	if (candor_due_end(made.due) <= at - at % CANDOR_DAY)
		return web_error(req, 422, "due", "'due' is before the call it was made in");
	if ((rc = stored(req, candor_store_commitment_add(req->store, &c))))
		return rc;
	p->record_id = c.id;
	return 0;
}

int web_act_proposal(struct web_request *req, int64_t id, bool yes, int64_t *interaction_id)
{
	struct candor_proposal_row *p = NULL;
	size_t n = 0;
	int rc;

	if ((rc = candor_store_proposals(req->store, id, 0, &p, &n)))
		return web_fail(req, rc);
	if (!n)
		rc = web_error(req, 404, NULL, "no proposal #%" PRId64, id);
	else if (!(rc = web_account_access(req, p->account_id, true)) &&
		 p->status != CANDOR_PROPOSAL_PROPOSED)
		rc = web_error(req, 409, NULL, "proposal #%" PRId64 " is already %s", id,
			       candor_name_of(candor_proposal_statuses, p->status));
	if (!rc && yes)
		rc = proposal_accept(req, p);
	if (!rc) {
		p->status = yes ? CANDOR_PROPOSAL_ACCEPTED : CANDOR_PROPOSAL_DISMISSED;
		rc = stored(req, candor_store_proposal_resolve(req->store, p));
		*interaction_id = p->interaction_id;
	}
	candor_proposals_free(p, n);
	return rc;
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

static int upload_store(struct web_request *req, const struct candor_contact *c,
			const struct web_part *file, const char *seller, int64_t at, int kind,
			int64_t *id)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;
	struct candor_analysis a = CANDOR_ANALYSIS_INIT;
	struct candor_analyzer *az = NULL;
	/* seller names the speaker in the file; the call is recorded as the
	 * signed-in user's (an admin may record it for the named seller) */
	struct candor_conversation conv = { .contact = c, .t = &t, .a = &a, .kind = kind,
					    .at = at, .source = file->filename,
					    .seller = req->user.role == CANDOR_ROLE_ADMIN
						      ? seller : req->user.name };
	int rc;

	if ((rc = candor_transcript_read(&t, file->data, file->len, file->filename, &req->err))) {
		rc = web_error(req, 422, "file", "%s", req->err.msg);
		goto cleanup;
	}
	if (candor_transcript_assign_sides(&t, seller, NULL, 0, &req->err)) {
		rc = web_error(req, 422, "seller", "%s", req->err.msg);
		goto cleanup;
	}
	if (candor_analyzer_new(&az, req->srv->lx, &req->err) ||
	    candor_analyzer_run(az, &a, t.utts, t.nutts, at, &req->err)) {
		rc = web_fail(req, req->err.code);
		goto cleanup;
	}
	rc = stored(req, candor_conversation_store(req->store, &conv, id, &req->err));
	candor_analysis_release(&a);
cleanup:
	candor_analyzer_free(az);
	candor_transcript_release(&t);
	return rc;
}

int web_act_upload(struct web_request *req, int64_t contact_id, int64_t *id)
{
	struct candor_contact c = { 0 };
	const struct web_part *file;
	char seller[128], at_s[64], kind_s[16];
	int64_t at = req->now;
	int kind = CANDOR_INTERACTION_CALL, rc;

	if (!req->mp)
		return web_error(req, 400, "file", "send the transcript as multipart/form-data");
	file = web_multipart_get(req->mp, "file");
	if (!file || !file->is_file || !file->len)
		return web_error(req, 422, "file", "choose a transcript file to upload");
	if (strchr(file->filename, '/') || !web_text_ok(file->filename, strlen(file->filename)))
		return web_error(req, 422, "file", "the file name is not usable");
	if ((rc = part_text(req, "seller", seller, sizeof(seller))) ||
	    (rc = part_text(req, "at", at_s, sizeof(at_s))) ||
	    (rc = part_text(req, "kind", kind_s, sizeof(kind_s))))
		return rc;
	if (*at_s && candor_date_parse(&at, at_s, "at", &req->err))
		return web_error(req, 422, "at", "%s", req->err.msg);
	if (at > req->now + CANDOR_DAY)
		return web_error(req, 422, "at", "the date of the call is in the future");
	if (*kind_s && (kind = candor_name_lookup(candor_interaction_kinds, kind_s)) < 0)
		return web_error(req, 422, "kind", "'kind' must be call or meeting");
	if ((rc = contact_for_change(req, contact_id, &c)))
		return rc;
	rc = upload_store(req, &c, file, *seller ? seller : req->user.name, at, kind, id);
	candor_contact_release(&c);
	return rc;
}
