/*
 * cmd-init.c: `candor init`, create or upgrade the database.
 */
#include "util/common.h"
#include "cli/cli.h"

static int init_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	if (code == 'D') {
		if (!*arg)
			return cli_usage_error(ctx, "--db needs a file path");
		ctx->db_path = arg;
		ctx->db_is_default = false;
	}
	return CLI_OK;
}

static const struct option init_options[] = {
	{ "db", required_argument, NULL, 'D' },
	{ 0 }
};

int cmd_init(int argc, char **argv, struct candor_ctx *ctx)
{
	char **pos;
	int npos, rc;

	CLI_PARSE(ctx, argc, argv, init_options, init_opt, NULL, &pos, &npos);
	if (npos)
		return cli_usage_error(ctx, "init takes no arguments; name the file with --db PATH");
	if ((rc = cli_store(ctx, true)))
		return rc;
	/* the store's own name for it: a password in the address shows as *** */
	printf("Candor database ready at %s\n", ctx->store->location);
	return CLI_OK;
}
