/*
 * cmd-copy.c: `candor copy FROM TO`, move a whole database to another
 * store, either way between SQLite and PostgreSQL.  The copying and its
 * checks are the store's (store/copy.h); this only opens the two stores
 * and prints what was copied.
 */
#include "util/common.h"
#include "cli/cli.h"
#include "store/copy.h"

static void report(const struct candor_copy_report *r, const struct candor_store *from,
		   const struct candor_store *to)
{
	printf("copied %s to %s: %" PRId64 " rows in %zu tables; row counts and checksums match\n",
	       from->location, to->location, r->rows, r->ntables);
	for (size_t i = 0; i < r->ntables; i++)
		printf("  %-18s %8" PRId64 "  %s\n", r->tables[i].name, r->tables[i].rows,
		       r->tables[i].checksum);
}

int cmd_copy(int argc, char **argv, struct candor_ctx *ctx)
{
	struct candor_store *from = NULL, *to = NULL;
	struct candor_copy_report r;
	char **pos;
	int npos, rc = CLI_OK;

	CLI_PARSE(ctx, argc, argv, NULL, NULL, NULL, &pos, &npos);
	if (npos != 2)
		return cli_usage_error(ctx, "copy takes two addresses, FROM and TO");
	if (!strcmp(pos[0], pos[1]))
		return cli_usage_error(ctx, "FROM and TO are the same: '%s'", pos[0]);
	if ((rc = candor_store_open(&from, pos[0], false, &ctx->err)) ||
	    (rc = candor_store_open(&to, pos[1], true, &ctx->err)) ||
	    (rc = candor_store_copy(from, to, &r))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	report(&r, from, to);
cleanup:
	candor_store_close(to);
	candor_store_close(from);
	return rc;
}
