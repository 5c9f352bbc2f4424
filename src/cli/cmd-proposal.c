/*
 * cmd-proposal.c: `candor accept` and `candor dismiss`, the seller's word
 * on what a transcript's analysis proposed.  Accepting a promise the seller
 * made records it as a commitment (made at the call, due when they said);
 * accepting a disclosure records it as a discovery fact quoting the sentence.
 */
#include "util/common.h"
#include "cli/cli.h"
#include "app/proposals.h"

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

/* What accepting recorded, on stderr; the new record's id on stdout once committed. */
static int accepted(struct candor_ctx *ctx, const struct proposal_opts *o,
		    const struct candor_app_proposal_result *r)
{
	if (r->kind == CANDOR_PROPOSAL_FACT) {
		fprintf(stderr, "fact #%" PRId64 " (%s) recorded\n", r->record_id,
			candor_name_of(candor_fact_kinds, r->fact_kind));
		return cli_print_id(ctx, o->json, "fact", r->record_id, NULL);
	}
	fprintf(stderr, "promise #%" PRId64 " recorded: \"%s\"\n", r->record_id, r->text);
	return cli_print_id(ctx, o->json, "promise", r->record_id, NULL);
}

/* Report the use case's answer: a missing date without --due is a usage error. */
static int decided(struct candor_ctx *ctx, const struct proposal_opts *o, int rc,
		   const struct candor_app_proposal_result *r, int64_t id, bool accept)
{
	if (rc == CANDOR_EINVALID && !o->due && !strcmp(ctx->err.field, "due"))
		rc = cli_usage_error(ctx, "%s", ctx->err.msg);
	else if (rc)
		rc = cli_fail(ctx, rc);
	else if (accept)
		rc = accepted(ctx, o, r);
	else
		printf("proposal #%" PRId64 " dismissed\n", id);
	return rc;
}

static int proposal_decide(int argc, char **argv, struct candor_ctx *ctx, bool accept)
{
	struct proposal_opts o = { 0 };
	struct candor_app app;
	struct candor_app_proposal_result r = { 0 };
	char **pos;
	int npos, rc;
	int64_t id, due = 0;

	CLI_PARSE(ctx, argc, argv, proposal_options, proposal_opt, &o, &pos, &npos);
	if (npos != 1)
		return cli_usage_error(ctx, "give one proposal id (see 'candor show interaction ID')");
	if (!accept && o.due)
		return cli_usage_error(ctx, "--due is for 'accept'");
	if ((rc = cli_id(ctx, pos[0], "proposal", &id)) ||
	    (o.due && (rc = cli_date(ctx, &due, o.due, "--due"))) || (rc = cli_store(ctx, false)))
		return rc;
	cli_app(ctx, &app);
	rc = accept ? candor_app_proposal_accept(&app, id, due, &r)
		    : candor_app_proposal_dismiss(&app, id, &r);
	rc = decided(ctx, &o, rc, &r, id, accept);
	candor_app_proposal_result_release(&r);
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
