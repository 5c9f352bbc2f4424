/*
 * candor.c: the `candor` command: global options, the command table, and
 * the one transaction each command runs in.
 */
#include "util/common.h"
#include "util/utf8.h"
#include "cli/cli.h"
#include "store/audit.h"

#define VERSION "0.1.0"

const struct cli_command cli_commands[] = {
#include "cli/commands.inc"
	{ NULL, NULL, NULL, NULL }
};

const struct cli_command *cli_command_find(const char *name)
{
	for (const struct cli_command *c = cli_commands; name && c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

static void usage_all(FILE *f)
{
	fprintf(f,
		"usage: candor [--db PATH] COMMAND [ARGS...]\n"
		"\n"
		"Candor keeps an honest ledger of each relationship on the buying side:\n"
		"what you promised and kept, what you learned, what was said, and from that\n"
		"where each buyer stands on Know -> Like -> Trust -> Buy, and why.\n"
		"Stages are inferred from evidence, never set by hand.\n"
		"\n"
		"Commands:\n");
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(f, "  %-12s %s\n", c->name, c->summary);
	fprintf(f,
		"\n"
		"A first session:\n"
		"  candor init\n"
		"  candor account add \"Northwind\"\n"
		"  candor contact add \"Dana Reyes\" --account Northwind --role CFO\n"
		"  candor log Dana --kind call \"first call: month-end close takes 9 days\"\n"
		"  candor learn \"Dana Reyes\" --kind bothering \"month-end close takes 9 days\"\n"
		"  candor promise Dana --due 2026-12-01 \"send the Fabrikam case study\"\n"
		"  candor status Dana\n"
		"  candor pipeline\n"
		"\n"
		"Global options:\n"
		"  --db PATH     the database: a file, sqlite:PATH or postgresql://HOST/DB (else\n"
		"                $CANDOR_DB, else $XDG_DATA_HOME/candor/candor.db, i.e.\n"
		"                ~/.local/share/candor/candor.db)\n"
		"  --version     print the version and the trust model's version\n"
		"  -h, --help    this help; 'candor COMMAND --help' explains one command\n"
		"\n"
		"Environment: CANDOR_DB (database), CANDOR_SELLER (your name on what you log,\n"
		"else $USER), CANDOR_NOW (pretend it is this date: for reproducible runs).\n"
		"\n"
		"Dates are ISO 8601: 2026-11-20 or 2026-11-20T14:30 (UTC unless an offset\n"
		"such as +01:00 is given).  Writing commands take --at DATE for when it\n"
		"happened; status and pipeline take --at DATE to look back in time.\n"
		"\n"
		"Exit codes: 0 ok; 1 usage (a wrong flag or missing argument); 2 invalid\n"
		"input (a bad date, an empty name, a bad file); 3 not found; 4 ambiguous\n"
		"name; 5 conflict (e.g. keeping a promise already kept); 6 database missing,\n"
		"locked, damaged or newer than this candor; 70 internal error.\n"
		"A command that fails changes nothing.\n");
}

int cmd_help(int argc, char **argv, struct candor_ctx *ctx)
{
	const struct cli_command *c;

	if (argc < 2) {
		usage_all(stdout);
		return CLI_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cli_help(ctx);
	c = cli_command_find(argv[1]);
	if (!c)
		return cli_errorf(ctx, CLI_USAGE, "no command '%s' (see 'candor --help')", argv[1]);
	printf("usage: candor %s", c->usage);
	return CLI_OK;
}

static const char *default_db(char *buf, size_t n)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (xdg && *xdg == '/')
		snprintf(buf, n, "%s/candor/candor.db", xdg);
	else
		snprintf(buf, n, "%s/.local/share/candor/candor.db", home && *home ? home : ".");
	return buf;
}

/* Parse the options before the command; returns the index of the command. */
static int global_options(int argc, char **argv, struct candor_ctx *ctx, int *exit_code)
{
	int i = 1;

	*exit_code = -1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 >= argc) {
			fprintf(stderr, "candor: --db needs a file path\n");
			*exit_code = CLI_USAGE;
		} else if (!strcmp(argv[i], "--db")) {
			ctx->db_path = argv[++i];
		} else if (!strncmp(argv[i], "--db=", 5)) {
			ctx->db_path = argv[i] + 5;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage_all(stdout);
			*exit_code = CLI_OK;
		} else if (!strcmp(argv[i], "--version")) {
			printf("candor %s (trust model %s, schema %d)\n", VERSION,
			       CANDOR_MODEL_VERSION, CANDOR_SCHEMA_VERSION);
			*exit_code = CLI_OK;
		} else {
			fprintf(stderr, "candor: unknown option '%s' (see 'candor --help')\n", argv[i]);
			*exit_code = CLI_USAGE;
		}
		if (*exit_code >= 0)
			return i;
	}
	if (ctx->db_path && !*ctx->db_path) {
		fprintf(stderr, "candor: --db needs a file path\n");
		*exit_code = CLI_USAGE;
	}
	return i;
}

/*
 * Every argument must be UTF-8: names and notes end up in JSON, CSV and web
 * pages, where bytes that are not text would be lost or break the output.
 */
static int check_utf8(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!candor_utf8_valid(argv[i], strlen(argv[i]))) {
			fprintf(stderr, "candor: argument %d is not UTF-8 text: write names and "
				"notes in UTF-8\n", i);
			return CLI_INVALID;
		}
	}
	return CLI_OK;
}

/* A batch no use case described is the command as typed (its first 300 bytes). */
static void describe(struct candor_store *s, int argc, char **argv)
{
	char line[320];
	size_t n = 0;

	n += (size_t)snprintf(line, sizeof(line), "candor");
	for (int i = 0; i < argc && n < 300; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, " %s", argv[i]);
	candor_audit_describe(s, "%.300s", line);
}

int main(int argc, char **argv)
{
	struct candor_ctx ctx = { 0 };
	char dbbuf[4096];
	const struct cli_command *cmd;
	int first, rc;

	first = global_options(argc, argv, &ctx, &rc);
	if (rc >= 0)
		return rc;
	if (first >= argc) {
		usage_all(stderr);
		return CLI_USAGE;
	}
	cmd = cli_command_find(argv[first]);
	if (!cmd) {
		fprintf(stderr, "candor: '%s' is not a command (see 'candor --help')\n", argv[first]);
		return CLI_USAGE;
	}
	ctx.command = cmd->name;
	if (!ctx.db_path)
		ctx.db_path = getenv("CANDOR_DB");
	if (!ctx.db_path || !*ctx.db_path) {
		ctx.db_path = default_db(dbbuf, sizeof(dbbuf));
		ctx.db_is_default = true;
	}
	ctx.seller = getenv("CANDOR_SELLER");
	if (!ctx.seller || !*ctx.seller)
		ctx.seller = getenv("USER") ? getenv("USER") : "";
	if (candor_now(&ctx.now, &ctx.err))
		return cli_fail(&ctx, ctx.err.code);
	if ((rc = check_utf8(argc, argv)))
		return rc;
	candor_buf_init(&ctx.after_commit, 0);
	rc = cmd->fn(argc - first, argv + first, &ctx);
	if (ctx.store && rc == CLI_OK && !candor_audit_described(ctx.store))
		describe(ctx.store, argc - first, argv + first);
	if (ctx.store) {
		if (rc == CLI_OK && candor_store_commit(ctx.store))
			rc = cli_fail(&ctx, ctx.err.code);
		else if (rc != CLI_OK)
			candor_store_rollback(ctx.store);
		candor_store_close(ctx.store);
	}
	if (rc == CLI_OK)
		fwrite(ctx.after_commit.ptr, 1, ctx.after_commit.len, stdout);
	candor_buf_release(&ctx.after_commit);
	/* a write that failed earlier (jansson goes on after some) counts too */
	if ((fflush(stdout) || ferror(stdout)) && rc == CLI_OK)
		rc = cli_errorf(&ctx, CLI_INTERNAL, "cannot write output: %s", strerror(errno));
	return rc;
}
