/*
 * app/proposals.c: accepting and dismissing what an analysis proposed
 * (proposals.h).
 */
#include "util/common.h"
#include "core/model.h"
#include "app/proposals.h"

int candor_app_proposal_scope(struct candor_app *app, int64_t id, struct candor_scope *out)
{
	return candor_store_locate(app->store, CANDOR_RECORD_PROPOSAL, id, out);
}

/* The time of the call interaction_id (now when it cannot be found). */
static int call_time(struct candor_app *app, const struct candor_proposal_row *p, int64_t *out)
{
	struct candor_evidence_set set = { 0 };
	struct candor_scope sc = { p->account_id, p->contact_id };
	int rc = candor_store_evidence(app->store, &sc, &set);

	*out = app->now;
	for (size_t i = 0; !rc && i < set.ninteractions; i++)
		if (set.interactions[i].id == p->interaction_id)
			*out = set.interactions[i].at;
	candor_evidence_set_release(&set);
	return rc;
}

/* Load proposal id, which must still be open; and the time of its call. */
static int proposal_load(struct candor_app *app, int64_t id, struct candor_proposal_row **p,
			 size_t *n, int64_t *call_at)
{
	int rc = candor_store_proposals(app->store, 0, id, 0, p, n);

	if (!rc && !*n)
		rc = candor_error_set(app->err, CANDOR_ENOTFOUND, NULL, "no proposal #%" PRId64
				      " (see 'candor show interaction ID')", id);
	else if (!rc && (*p)->status != CANDOR_PROPOSAL_PROPOSED)
		rc = candor_error_set(app->err, CANDOR_ECONFLICT, NULL,
				      "proposal #%" PRId64 " is already %s", id,
				      candor_name_of(candor_proposal_statuses, (*p)->status));
	else if (!rc)
		rc = call_time(app, *p, call_at);
	return rc;
}

/* Whether the seller may accept p as a promise due on due, made at call_at. */
static int check_commitment(struct candor_app *app, const struct candor_proposal_row *p,
			    int64_t due, int64_t call_at)
{
	if (p->side != CANDOR_SIDE_SELLER)
		return candor_error_set(app->err, CANDOR_ECONFLICT, NULL, "proposal #%" PRId64
					" is a promise the buyer made: it stays on the "
					"conversation; your own promises are what you can accept",
					p->id);
	if (!due)
		return candor_error_set(app->err, CANDOR_EINVALID, "due", "proposal #%" PRId64
					" has no date: give 'due' (when will you do it?)", p->id);
	if (candor_due_end(due) <= call_at - call_at % CANDOR_DAY_SECONDS)
		return candor_error_set(app->err, CANDOR_EINVALID, "due",
					"'due' is before the call it was made in");
	return 0;
}

static int accept_commitment(struct candor_app *app, struct candor_proposal_row *p, int64_t due,
			     int64_t call_at)
{
	struct candor_commitment_event made = { .at = call_at, .status = CANDOR_COMMITMENT_OPEN,
						.due = due ? due : p->due, .note = "" };
	struct candor_commitment c = { .account_id = p->account_id, .contact_id = p->contact_id,
				       .text = p->text, .made = call_at, .events = &made,
				       .nevents = 1 };
	int rc;

	if (!(rc = check_commitment(app, p, made.due, call_at)) &&
	    !(rc = candor_store_commitment_add(app->store, &c)))
		p->record_id = c.id;
	return rc;
}

static int accept_fact(struct candor_app *app, struct candor_proposal_row *p, int64_t call_at)
{
	char source[64];
	struct candor_fact f = { .account_id = p->account_id, .contact_id = p->contact_id,
				 .kind = p->fact_kind, .text = p->text, .source = source,
				 .confidence = CANDOR_CONF_MEDIUM, .at = call_at };
	int rc;

	snprintf(source, sizeof(source), "interaction #%" PRId64, p->interaction_id);
	if (f.kind < 0)
		rc = candor_error_set(app->err, CANDOR_EDB, NULL,
				      "proposal #%" PRId64 " has no fact kind", p->id);
	else if (!(rc = candor_store_fact_add(app->store, &f)))
		p->record_id = f.id;
	return rc;
}

static int proposal_decide(struct candor_app *app, int64_t id, bool accept, int64_t due,
			   struct candor_app_proposal_result *out)
{
	struct candor_proposal_row *p = NULL;
	size_t n = 0;
	int64_t call_at = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = proposal_load(app, id, &p, &n, &call_at)))
		goto cleanup;
	if (accept && (rc = p->kind == CANDOR_PROPOSAL_FACT ? accept_fact(app, p, call_at)
							    : accept_commitment(app, p, due, call_at)))
		goto cleanup;
	p->status = accept ? CANDOR_PROPOSAL_ACCEPTED : CANDOR_PROPOSAL_DISMISSED;
	if ((rc = candor_store_proposal_resolve(app->store, p)))
		goto cleanup;
	out->interaction_id = p->interaction_id;
	out->contact_id = p->contact_id;
	out->kind = p->kind;
	out->fact_kind = p->kind == CANDOR_PROPOSAL_FACT ? p->fact_kind : -1;
	out->record_id = p->record_id;
	if (!(out->text = strdup(p->text)))
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
cleanup:
	candor_proposals_free(p, n);
	return rc;
}

void candor_app_proposal_result_release(struct candor_app_proposal_result *r)
{
	free(r->text);
	memset(r, 0, sizeof(*r));
}

int candor_app_proposal_accept(struct candor_app *app, int64_t id, int64_t due,
			       struct candor_app_proposal_result *out)
{
	return proposal_decide(app, id, true, due, out);
}

int candor_app_proposal_dismiss(struct candor_app *app, int64_t id,
				struct candor_app_proposal_result *out)
{
	return proposal_decide(app, id, false, 0, out);
}
