/*
 * cmd-init.c: `candor init`, create or upgrade the database.
 */
#include "util/common.h"
#include "cli/cli.h"

static int no_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	return CLI_OK;
}

int cmd_init(int argc, char **argv, struct candor_ctx *ctx)
{
	char **pos;
	int npos, rc;

	CLI_PARSE(ctx, argc, argv, NULL, no_opt, NULL, &pos, &npos);
	if (npos)
		return cli_usage_error(ctx, "init takes no arguments; use --db PATH before 'init'");
	if ((rc = cli_store(ctx, true)))
		return rc;
	printf("Candor database ready at %s\n", ctx->db_path);
	return CLI_OK;
}
