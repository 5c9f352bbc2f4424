/*
 * cmd-proposal.c: `candor accept` and `candor dismiss`, the seller's word
 * on what a transcript's analysis proposed.  Accepting a promise the seller
 * made records it as a commitment (made at the call, due when they said);
 * accepting a disclosure records it as a discovery fact quoting the sentence.
 */
#include "util/common.h"
#include "cli/cli.h"

struct proposal_opts {
	const char *due;
	bool json;
};

static int proposal_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	if (code == 'd')
		((struct proposal_opts *)data)->due = arg;
	else if (code == 'j')
		((struct proposal_opts *)data)->json = true;
	return CLI_OK;
}

static const struct option proposal_options[] = {
	{ "due", required_argument, NULL, 'd' },
	{ "json", no_argument, NULL, 'j' },
	{ 0 }
};

/* Load proposal id, which must still be open, and the time of its call. */
static int proposal_load(struct candor_ctx *ctx, int64_t id, struct candor_proposal_row **p,
			 size_t *n, int64_t *call_at)
{
	struct candor_evidence_set set = { 0 };
	struct candor_scope sc;
	int rc;

	if ((rc = candor_store_proposals(ctx->store, id, 0, p, n)))
		return cli_fail(ctx, rc);
	if (!*n)
		return cli_errorf(ctx, CLI_NOTFOUND, "no proposal #%" PRId64
				  " (see 'candor show interaction ID')", id);
	if ((*p)->status != CANDOR_PROPOSAL_PROPOSED)
		return cli_errorf(ctx, CLI_CONFLICT, "proposal #%" PRId64 " is already %s", id,
				  candor_name_of(candor_proposal_statuses, (*p)->status));
	sc.account_id = (*p)->account_id;
	sc.contact_id = (*p)->contact_id;
	if ((rc = candor_store_evidence(ctx->store, &sc, &set)))
		return cli_fail(ctx, rc);
	*call_at = ctx->now;
	for (size_t i = 0; i < set.ninteractions; i++)
		if (set.interactions[i].id == (*p)->interaction_id)
			*call_at = set.interactions[i].at;
	candor_evidence_set_release(&set);
	return CLI_OK;
}

static int accept_commitment(struct candor_ctx *ctx, struct candor_proposal_row *p,
			     const struct proposal_opts *o, int64_t call_at)
{
	struct candor_commitment_event made = { .at = call_at, .status = CANDOR_COMMITMENT_OPEN,
						.due = p->due, .note = "" };
	struct candor_commitment c = { .account_id = p->account_id, .contact_id = p->contact_id,
				       .text = p->text, .made = call_at, .events = &made,
				       .nevents = 1 };
	int rc;

	if (p->side != CANDOR_SIDE_SELLER)
		return cli_errorf(ctx, CLI_CONFLICT, "proposal #%" PRId64 " is a promise the buyer "
				  "made: it stays on the conversation; your own promises are "
				  "what you can accept", p->id);
	if (o->due && (rc = cli_date(ctx, &made.due, o->due, "--due")))
		return rc;
	if (!made.due)
		return cli_usage_error(ctx, "proposal #%" PRId64 " has no date: give --due DATE", p->id);
	if (candor_due_end(made.due) <= call_at - call_at % CANDOR_DAY)
		return cli_errorf(ctx, CLI_INVALID, "--due is before the call it was made in");
	if ((rc = candor_store_commitment_add(ctx->store, &c)))
		return cli_fail(ctx, rc);
	p->record_id = c.id;
	fprintf(stderr, "promise #%" PRId64 " recorded: \"%s\"\n", c.id, c.text);
	return cli_print_id(ctx, o->json, "promise", c.id, NULL);
}

static int accept_fact(struct candor_ctx *ctx, struct candor_proposal_row *p,
		       const struct proposal_opts *o, int64_t call_at)
{
	char source[64];
	struct candor_fact f = { .account_id = p->account_id, .contact_id = p->contact_id,
				 .kind = p->fact_kind, .text = p->text, .source = source,
				 .confidence = CANDOR_CONF_MEDIUM, .at = call_at };
	int rc;

	snprintf(source, sizeof(source), "interaction #%" PRId64, p->interaction_id);
	if (f.kind < 0)
		return cli_errorf(ctx, CLI_DATABASE, "proposal #%" PRId64 " has no fact kind", p->id);
	if ((rc = candor_store_fact_add(ctx->store, &f)))
		return cli_fail(ctx, rc);
	p->record_id = f.id;
	fprintf(stderr, "fact #%" PRId64 " (%s) recorded\n", f.id,
		candor_name_of(candor_fact_kinds, f.kind));
	return cli_print_id(ctx, o->json, "fact", f.id, NULL);
}

static int proposal_decide(int argc, char **argv, struct candor_ctx *ctx, bool accept)
{
	struct proposal_opts o = { 0 };
	struct candor_proposal_row *p = NULL;
	size_t n = 0;
	char **pos;
	int npos, rc;
	int64_t id, call_at = 0;

	CLI_PARSE(ctx, argc, argv, proposal_options, proposal_opt, &o, &pos, &npos);
	if (npos != 1)
		return cli_usage_error(ctx, "give one proposal id (see 'candor show interaction ID')");
	if (!accept && o.due)
		return cli_usage_error(ctx, "--due is for 'accept'");
	if ((rc = cli_id(ctx, pos[0], "proposal", &id)) || (rc = cli_store(ctx, false)) ||
	    (rc = proposal_load(ctx, id, &p, &n, &call_at)))
		goto cleanup;
	if (accept)
		rc = p->kind == CANDOR_PROPOSAL_FACT ? accept_fact(ctx, p, &o, call_at)
						     : accept_commitment(ctx, p, &o, call_at);
	if (rc)
		goto cleanup;
	p->status = accept ? CANDOR_PROPOSAL_ACCEPTED : CANDOR_PROPOSAL_DISMISSED;
	if ((rc = candor_store_proposal_resolve(ctx->store, p)))
		rc = cli_fail(ctx, rc);
	else if (!accept)
		printf("proposal #%" PRId64 " dismissed\n", id);
cleanup:
	candor_proposals_free(p, n);
	return rc;
}

int cmd_accept(int argc, char **argv, struct candor_ctx *ctx)
{
	return proposal_decide(argc, argv, ctx, true);
}

int cmd_dismiss(int argc, char **argv, struct candor_ctx *ctx)
{
	return proposal_decide(argc, argv, ctx, false);
}
