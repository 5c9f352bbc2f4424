/*
 * cli.h: what every `candor` subcommand shares.
 *
 * A subcommand is a function
 *     int cmd_foo(int argc, char **argv, struct candor_ctx *ctx);
 * listed in the table in candor.c as {name, fn, summary, usage}; the table
 * drives dispatch and `candor --help`.  argv[0] is the subcommand's name.
 * It returns an exit code (enum cli_exit).  To add a command: write
 * cmd-NAME.c with cmd_NAME(), declare it below, add a row to the table,
 * add the file to src/cli/meson.build, and a test script under tests/cli/.
 *
 * Every command runs in one transaction: cli_store() opens the database and
 * begins it; main() commits when the command returns CLI_OK and rolls back
 * otherwise, so a failed command changes nothing.
 */
#ifndef CANDOR_CLI_H
#define CANDOR_CLI_H

#include "util/common.h"
#include <getopt.h>
#include <jansson.h>
#include "util/buf.h"
#include "util/date.h"
#include "util/error.h"
#include "core/domain.h"
#include "core/model.h"
#include "store/store.h"
#include "app/app.h"
#include "app/json.h"

/* Exit codes, documented in `candor --help` and the README. */
enum cli_exit {
	CLI_OK = 0,
	CLI_USAGE = 1,      /* a wrong flag or a missing argument (lint: something found) */
	CLI_INVALID = 2,    /* bad input: a date, an empty name, a bad file */
	CLI_NOTFOUND = 3,   /* the contact, account, promise or file does not exist */
	CLI_AMBIGUOUS = 4,  /* a name matches more than one record */
	CLI_CONFLICT = 5,   /* valid, but not now: keeping a promise already kept */
	CLI_DATABASE = 6,   /* the database is missing, locked, damaged or too new */
	CLI_INTERNAL = 70,  /* a bug or out of memory */
};

/* cli_parse() showed --help: the command returns CLI_OK at once. */
#define CLI_HELP_SHOWN (-1)
/* The usual opening of a command: parse, or return what parsing decided. */
#define CLI_PARSE(ctx, argc, argv, opts, fn, data, pos, npos)                     \
	do {                                                                      \
		int parse_rc_ = cli_parse(ctx, argc, argv, opts, fn, data, pos, npos); \
		if (parse_rc_)                                                    \
			return parse_rc_ == CLI_HELP_SHOWN ? CLI_OK : parse_rc_;  \
	} while (0)

struct candor_ctx {
	const char *db_path;        /* resolved: --db, $CANDOR_DB, or the XDG default */
	bool db_is_default;         /* true when it came from the XDG default */
	struct candor_store *store; /* NULL until cli_store() */
	struct candor_error err;
	int64_t now;                /* $CANDOR_NOW or the clock, read once */
	const char *seller;         /* $CANDOR_SELLER, else $USER */
	const char *command;        /* the subcommand's name, for messages */
	struct candor_buf after_commit; /* output held until the commit succeeds (new ids) */
};

struct cli_command {
	const char *name;
	int (*fn)(int argc, char **argv, struct candor_ctx *ctx);
	const char *summary;
	const char *usage;          /* the whole --help text after "usage: candor " */
};

extern const struct cli_command cli_commands[];
const struct cli_command *cli_command_find(const char *name);

/* `candor import contacts|accounts` (cmd-import-crm.c); kind: enum candor_crm_kind. */
int cli_import_crm(int argc, char **argv, struct candor_ctx *ctx, int kind);

/* Open the database and begin the command's transaction (create: for init). */
int cli_store(struct candor_ctx *ctx, bool create);

/* Report ctx->err (or code with a message) on stderr; return the exit code. */
int cli_fail(struct candor_ctx *ctx, int code);
int cli_errorf(struct candor_ctx *ctx, int exit_code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int cli_exit_code(int candor_code);

/* Print the command's usage to stdout (help) and return CLI_OK. */
int cli_help(struct candor_ctx *ctx);
/* Say how to get help, after a usage error; return CLI_USAGE. */
int cli_usage_error(struct candor_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Parse options with getopt_long.  Each option calls back with its short
 * code and optarg; positional arguments are moved to the front of argv and
 * returned as *pos (argv + 1) and *npos.  Handles --help.  Returns CLI_OK,
 * CLI_HELP_SHOWN, or an exit code (after printing a usage error).
 */
typedef int (*cli_opt_fn)(struct candor_ctx *ctx, int code, const char *arg, void *data);
int cli_parse(struct candor_ctx *ctx, int argc, char **argv, const struct option *opts,
	      cli_opt_fn fn, void *data, char ***pos, int *npos);

/* --at DATE, defaulting to ctx->now; name the option in errors. */
int cli_date(struct candor_ctx *ctx, int64_t *out, const char *arg, const char *opt);

/* --at for looking back: a date alone means the end of that day. */
int cli_asof_date(struct candor_ctx *ctx, int64_t *out, const char *arg, const char *opt);

/* The use cases' context for this command (src/app/), once cli_store() has opened it. */
void cli_app(struct candor_ctx *ctx, struct candor_app *app);

/* Join args into one text with spaces (owned by out); an empty text is an error. */
int cli_text(struct candor_ctx *ctx, struct candor_buf *out, char **args, int n, const char *what);

/* Parse a name from a table, with an error that lists the choices. */
int cli_enum(struct candor_ctx *ctx, const struct candor_name *t, const char *arg,
	     const char *opt, int *out);

/*
 * Print JSON to stdout, indented, with a final newline. Consumes j.  NULL
 * (a writer that could not build the whole answer, app/json.h) prints
 * nothing and is CLI_INTERNAL with CLI_JSON_FAILED: never a partial answer.
 */
#define CLI_JSON_FAILED "cannot write the answer as JSON (out of memory, or text that " \
	"is not UTF-8): nothing was printed"
int cli_print_json(struct candor_ctx *ctx, json_t *j);

/* Print the id of a new record, as text or {"id": N}, once the command commits. */
int cli_print_id(struct candor_ctx *ctx, bool json, const char *what, int64_t id,
		 const char *detail);

/* Say what was done, a line on stdout, once the command commits. */
int cli_say(struct candor_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Hold JSON (consumed) for printing once the command commits. */
int cli_hold_json(struct candor_ctx *ctx, json_t *j);

/* The contact or account referred to by ref; messages on failure. */
int cli_contact(struct candor_ctx *ctx, const char *ref, struct candor_contact *out);

/* Parse a record id ("12" or "#12"). */
int cli_id(struct candor_ctx *ctx, const char *arg, const char *what, int64_t *out);
/* The value of option opt ("--jobs"): a whole number from min to max, or a
 * usage error (exit 1) that says so. */
int cli_whole(struct candor_ctx *ctx, const char *opt, const char *arg, long min, long max,
	      long *out);

/*
 * Print text with each mark shown inline as [category: words], then a
 * newline.  Marks are byte ranges, in order of start; a question (which
 * covers a whole sentence) is left out where a finer mark overlaps it.
 */
struct cli_mark { size_t start, end; const char *category; };
void cli_print_marked(const char *text, const struct cli_mark *marks, size_t n);
/* The same, saying in shown[i] whether mark i could be shown inline (one
 * overlapping a mark before it is not). */
void cli_print_marked_shown(const char *text, const struct cli_mark *marks, size_t n, bool *shown);

/* A stage as the text output shows it ("TRUST"), shared by status and pipeline. */
const char *cli_stage_label(int stage);

int cmd_init(int argc, char **argv, struct candor_ctx *ctx);
int cmd_account(int argc, char **argv, struct candor_ctx *ctx);
int cmd_contact(int argc, char **argv, struct candor_ctx *ctx);
int cmd_log(int argc, char **argv, struct candor_ctx *ctx);
int cmd_log_audit(int argc, char **argv, struct candor_ctx *ctx);
/* The whole audit trail as JSON (export): batches oldest first, each with
 * its changes; NULL on failure (message in ctx->err when the store failed). */
json_t *cli_audit_json(struct candor_ctx *ctx);
int cmd_edit(int argc, char **argv, struct candor_ctx *ctx);
int cmd_delete(int argc, char **argv, struct candor_ctx *ctx);
int cmd_undo(int argc, char **argv, struct candor_ctx *ctx);
int cmd_merge(int argc, char **argv, struct candor_ctx *ctx);
int cmd_promise(int argc, char **argv, struct candor_ctx *ctx);
int cmd_kept(int argc, char **argv, struct candor_ctx *ctx);
int cmd_broken(int argc, char **argv, struct candor_ctx *ctx);
int cmd_renegotiate(int argc, char **argv, struct candor_ctx *ctx);
int cmd_expect(int argc, char **argv, struct candor_ctx *ctx);
int cmd_met(int argc, char **argv, struct candor_ctx *ctx);
int cmd_missed(int argc, char **argv, struct candor_ctx *ctx);
int cmd_learn(int argc, char **argv, struct candor_ctx *ctx);
int cmd_value(int argc, char **argv, struct candor_ctx *ctx);
int cmd_fit(int argc, char **argv, struct candor_ctx *ctx);
int cmd_decide(int argc, char **argv, struct candor_ctx *ctx);
int cmd_status(int argc, char **argv, struct candor_ctx *ctx);
int cmd_pipeline(int argc, char **argv, struct candor_ctx *ctx);
int cmd_export(int argc, char **argv, struct candor_ctx *ctx);
int cmd_import(int argc, char **argv, struct candor_ctx *ctx);
int cmd_analyze(int argc, char **argv, struct candor_ctx *ctx);
int cmd_show(int argc, char **argv, struct candor_ctx *ctx);
int cmd_accept(int argc, char **argv, struct candor_ctx *ctx);
int cmd_dismiss(int argc, char **argv, struct candor_ctx *ctx);
int cmd_lint(int argc, char **argv, struct candor_ctx *ctx);
int cmd_serve(int argc, char **argv, struct candor_ctx *ctx);
int cmd_copy(int argc, char **argv, struct candor_ctx *ctx);
int cmd_signal(int argc, char **argv, struct candor_ctx *ctx);
int cmd_reanalyze(int argc, char **argv, struct candor_ctx *ctx);
int cmd_model(int argc, char **argv, struct candor_ctx *ctx);
int cmd_user(int argc, char **argv, struct candor_ctx *ctx);
int cmd_token(int argc, char **argv, struct candor_ctx *ctx);
int cmd_help(int argc, char **argv, struct candor_ctx *ctx);

#endif
