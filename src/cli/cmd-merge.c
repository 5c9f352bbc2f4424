/*
 * cmd-merge.c: `candor merge CONTACT INTO CONTACT`, two records of one
 * person made one (app/merge.h), undone with `candor undo merge BATCH`.
 */
#include "util/common.h"
#include <strings.h>
#include "cli/cli.h"
#include "app/merge.h"

struct merge_opts {
	struct candor_app_merge m;
	const char *bad;
	bool json;
};

static int merge_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct merge_opts *o = data;
	const char *eq = strchr(arg ? arg : "", '=');
	int keep, *field = NULL;

	if (code == 'j') {
		o->json = true;
		return CLI_OK;
	}
	keep = eq && !strcmp(eq + 1, "from") ? CANDOR_MERGE_FROM
	       : eq && !strcmp(eq + 1, "into") ? CANDOR_MERGE_INTO : -1;
	if (eq && (size_t)(eq - arg) == 4 && !strncmp(arg, "name", 4))
		field = &o->m.name;
	else if (eq && (size_t)(eq - arg) == 4 && !strncmp(arg, "role", 4))
		field = &o->m.role;
	else if (eq && (size_t)(eq - arg) == 5 && !strncmp(arg, "email", 5))
		field = &o->m.email;
	if (!field || keep < 0)
		return cli_usage_error(ctx, "--keep '%s': write FIELD=from or FIELD=into, FIELD "
				       "one of name, role, email", arg);
	*field = keep;
	return CLI_OK;
}

static const struct option merge_options[] = {
	{ "keep", required_argument, NULL, 'k' },
	{ "json", no_argument, NULL, 'j' },
	{ 0 }
};

int cmd_merge(int argc, char **argv, struct candor_ctx *ctx)
{
	struct merge_opts o = { .m.by = ctx->seller };
	struct candor_contact from = { 0 }, into = { 0 };
	struct candor_app_merged done;
	struct candor_app app;
	char **pos;
	int npos, rc;

	CLI_PARSE(ctx, argc, argv, merge_options, merge_opt, &o, &pos, &npos);
	if (npos != 3 || strcasecmp(pos[1], "into"))
		return cli_usage_error(ctx, "write 'candor merge CONTACT into CONTACT': the first "
				       "goes into the second");
	if ((rc = cli_store(ctx, false)) || (rc = cli_contact(ctx, pos[0], &from)) ||
	    (rc = cli_contact(ctx, pos[2], &into)))
		goto cleanup;
	cli_app(ctx, &app);
	if ((rc = candor_app_contact_merge(&app, &from, &into, &o.m, &done))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	if (o.json)
		rc = cli_hold_json(ctx, json_pack("{s:I,s:I,s:I}", "batch", (json_int_t)done.batch,
						  "into", (json_int_t)into.id, "moved",
						  (json_int_t)done.moved));
	else
		candor_buf_addf(&ctx->after_commit, "merged #%" PRId64 " '%s' into #%" PRId64
				" '%s': %zu records moved, as batch %" PRId64 " (take it back "
				"with 'candor undo merge %" PRId64 "')\n", from.id, from.name,
				into.id, into.name, done.moved, done.batch, done.batch);
cleanup:
	candor_contact_release(&from);
	candor_contact_release(&into);
	return rc;
}
