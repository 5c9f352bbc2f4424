/*
 * cmd-init.c: `candor init`, create or upgrade the database; with
 * --partitions N (PostgreSQL), a new one spread over hash partitions by
 * account (docs/scaling.md).
 */
#include "util/common.h"
#include "cli/cli.h"

static int init_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	int *parts = data;

	if (code == 'p') {
		long n = 0;
		int rc = cli_whole(ctx, "--partitions", arg, 2, 256, &n);

		if (rc)
			return rc;
		*parts = (int)n;
	} else if (code == 'D') {
		if (!*arg)
			return cli_usage_error(ctx, "--db needs a file path");
		ctx->db_path = arg;
		ctx->db_is_default = false;
	}
	return CLI_OK;
}

static const struct option init_options[] = {
	{ "db", required_argument, NULL, 'D' },
	{ "partitions", required_argument, NULL, 'p' },
	{ 0 }
};

int cmd_init(int argc, char **argv, struct candor_ctx *ctx)
{
	char **pos;
	int npos, rc, parts = 0;

	CLI_PARSE(ctx, argc, argv, init_options, init_opt, &parts, &pos, &npos);
	if (npos)
		return cli_usage_error(ctx, "init takes no arguments; name the file with --db PATH");
	if (parts && !candor_store_is_server(ctx->db_path))
		return cli_errorf(ctx, 2, "--partitions is for a PostgreSQL team server "
				  "(postgresql://...); '%s' is one SQLite file: nothing was made",
				  ctx->db_path);
	if ((rc = cli_store(ctx, true)))
		return rc;
	if (parts && candor_store_partition(ctx->store, parts))
		return cli_fail(ctx, ctx->err.code);
	if (parts)
		printf("Its ledger is spread over %d partitions by account\n", parts);
	/* the store's own name for it: a password in the address shows as *** */
	printf("Candor database ready at %s\n", ctx->store->location);
	return CLI_OK;
}
