/*
 * cli.c: helpers every subcommand uses (see cli.h): the transaction, option
 * parsing, errors with exit codes, and JSON output.
 */
#include "util/common.h"
#include <ctype.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "app/audit.h"
#include "util/json-text.h"

int cli_exit_code(int code)
{
	switch (code) {
	case CANDOR_OK: return CLI_OK;
	case CANDOR_EINVALID: return CLI_INVALID;
	case CANDOR_ENOTFOUND: return CLI_NOTFOUND;
	case CANDOR_EAMBIGUOUS: return CLI_AMBIGUOUS;
	case CANDOR_ECONFLICT: return CLI_CONFLICT;
	case CANDOR_EDB: return CLI_DATABASE;
	default: return CLI_INTERNAL;
	}
}

int cli_fail(struct candor_ctx *ctx, int code)
{
	const char *msg = ctx->err.msg[0] ? ctx->err.msg : candor_code_name(code);

	fprintf(stderr, "candor %s: %s\n", ctx->command ? ctx->command : "", msg);
	return cli_exit_code(code);
}

int cli_errorf(struct candor_ctx *ctx, int exit_code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "candor %s: ", ctx->command ? ctx->command : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return exit_code;
}

int cli_usage_error(struct candor_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "candor %s: ", ctx->command);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see 'candor %s --help')\n", ctx->command);
	return CLI_USAGE;
}

int cli_help(struct candor_ctx *ctx)
{
	const struct cli_command *c = cli_command_find(ctx->command);

	if (c)
		printf("usage: candor %s", c->usage);
	return CLI_OK;
}

/* mkdir -p for the folder that holds path. */
static int make_parent(struct candor_ctx *ctx, const char *path)
{
	char dir[4096];

	snprintf(dir, sizeof(dir), "%s", path);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) && errno != EEXIST)
			return candor_error_set(&ctx->err, CANDOR_EDB, "database",
						"cannot create folder '%s': %s", dir, strerror(errno));
		*p = '/';
	}
	return 0;
}

int cli_store(struct candor_ctx *ctx, bool create)
{
	int rc;

	if (ctx->store)
		return CLI_OK;
	if (create && ctx->db_is_default && (rc = make_parent(ctx, ctx->db_path)))
		return cli_fail(ctx, rc);
	rc = candor_store_open(&ctx->store, ctx->db_path, create, &ctx->err);
	if (!rc)
		rc = candor_store_begin(ctx->store);
	if (!rc) {
		/* the command is one batch of the audit trail (app/audit.h) */
		struct candor_app app;

		cli_app(ctx, &app);
		rc = candor_app_batch_open(&app, "command", ctx->seller, NULL);
	}
	return rc ? cli_fail(ctx, rc) : CLI_OK;
}

int cli_parse(struct candor_ctx *ctx, int argc, char **argv, const struct option *opts,
	      cli_opt_fn fn, void *data, char ***pos, int *npos)
{
	char shorts[128] = "+:h";
	struct option all[64];
	size_t n = strlen(shorts), k = 0;
	int c, rc, w = 1;

	for (const struct option *o = opts; o && o->name && k < 62; o++) {
		all[k++] = *o;
		if (o->val > 0 && o->val < 128 && n + 3 < sizeof(shorts)) {
			shorts[n++] = (char)o->val;
			if (o->has_arg)
				shorts[n++] = ':';
		}
	}
	shorts[n] = '\0';
	all[k++] = (struct option){ "help", no_argument, NULL, 'h' };
	all[k] = (struct option){ 0 };
	optind = 0;
	opterr = 0;
	/*
	 * '+' makes getopt stop at each positional argument; we move it down to
	 * argv[w] (a slot getopt has finished with) and go on, so positionals
	 * and options may be mixed and "--" ends the options.
	 */
	while (optind < argc || optind == 0) {
		c = getopt_long(argc, argv, shorts, all, NULL);
		if (c == -1) {
			if (optind > 1 && !strcmp(argv[optind - 1], "--")) {
				while (optind < argc)
					argv[w++] = argv[optind++];
				break;
			}
			if (optind >= argc)
				break;
			argv[w++] = argv[optind++];
			continue;
		}
		if (c == 'h')
			return cli_help(ctx) == CLI_OK ? CLI_HELP_SHOWN : CLI_USAGE;
		if (c == '?')
			return cli_usage_error(ctx, "unknown option '%s'", argv[optind - 1]);
		if (c == ':')
			return cli_usage_error(ctx, "option '%s' needs a value", argv[optind - 1]);
		if ((rc = fn(ctx, c, optarg, data)))
			return rc;
	}
	*pos = argv + 1;
	*npos = w - 1;
	return CLI_OK;
}

int cli_date(struct candor_ctx *ctx, int64_t *out, const char *arg, const char *opt)
{
	int rc;

	if (!arg) {
		*out = ctx->now;
		return CLI_OK;
	}
	rc = candor_date_parse(out, arg, opt, &ctx->err);
	return rc ? cli_fail(ctx, rc) : CLI_OK;
}

int cli_asof_date(struct candor_ctx *ctx, int64_t *out, const char *arg, const char *opt)
{
	int rc = cli_date(ctx, out, arg, opt);

	/* "as of 2026-11-20" means the whole of that day */
	if (!rc && arg && !strpbrk(arg, "Tt "))
		*out = candor_due_end(*out) - 1;
	return rc;
}

void cli_app(struct candor_ctx *ctx, struct candor_app *app)
{
	candor_app_init(app, ctx->store, ctx->now);
	app->err = &ctx->err;
}

int cli_text(struct candor_ctx *ctx, struct candor_buf *out, char **args, int n, const char *what)
{
	for (int i = 0; i < n; i++) {
		if (i)
			candor_buf_addch(out, ' ');
		candor_buf_adds(out, args[i]);
	}
	if (candor_buf_error(out))
		return cli_errorf(ctx, CLI_INTERNAL, "out of memory");
	for (const char *p = out->ptr; *p; p++)
		if (!isspace((unsigned char)*p))
			return CLI_OK;
	if (n)
		return cli_errorf(ctx, CLI_INVALID, "%s must not be empty", what);
	return cli_usage_error(ctx, "%s is missing", what);
}

int cli_enum(struct candor_ctx *ctx, const struct candor_name *t, const char *arg,
	     const char *opt, int *out)
{
	char list[256];

	*out = candor_name_lookup(t, arg);
	if (*out >= 0)
		return CLI_OK;
	candor_name_list(list, sizeof(list), t);
	return cli_errorf(ctx, CLI_INVALID, "%s: '%s' is not one of %s", opt, arg ? arg : "", list);
}

int cli_print_json(struct candor_ctx *ctx, json_t *j)
{
	int rc;

	if (!j)
		return cli_errorf(ctx, CLI_INTERNAL, "%s", CLI_JSON_FAILED);
	rc = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(12));
	json_decref(j);
	fputc('\n', stdout);
	return rc ? cli_errorf(ctx, CLI_INTERNAL, "cannot write output") : CLI_OK;
}

int cli_hold_json(struct candor_ctx *ctx, json_t *j)
{
	char *text = j ? candor_json_text(j, JSON_INDENT(2) | JSON_REAL_PRECISION(12)) : NULL;

	json_decref(j);
	if (!text)
		return cli_errorf(ctx, CLI_INTERNAL, "%s", CLI_JSON_FAILED);
	candor_buf_addf(&ctx->after_commit, "%s\n", text);
	free(text);
	return candor_buf_error(&ctx->after_commit) ? cli_errorf(ctx, CLI_INTERNAL, "out of memory")
						     : CLI_OK;
}

int cli_say(struct candor_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	candor_buf_vaddf(&ctx->after_commit, fmt, ap);
	va_end(ap);
	candor_buf_addch(&ctx->after_commit, '\n');
	return candor_buf_error(&ctx->after_commit) ? cli_errorf(ctx, CLI_INTERNAL, "out of memory")
						     : CLI_OK;
}

int cli_print_id(struct candor_ctx *ctx, bool json, const char *what, int64_t id,
		 const char *detail)
{
	/* held until the transaction commits: a script never sees an id that was not saved */
	if (json)
		return cli_hold_json(ctx, json_pack("{s:I}", "id", (json_int_t)id));
	candor_buf_addf(&ctx->after_commit, "%" PRId64 "\n", id);
	if (candor_buf_error(&ctx->after_commit))
		return cli_errorf(ctx, CLI_INTERNAL, "out of memory");
	if (detail && *detail && isatty(fileno(stderr)))
		fprintf(stderr, "%s #%" PRId64 ": %s\n", what, id, detail);
	return CLI_OK;
}

int cli_contact(struct candor_ctx *ctx, const char *ref, struct candor_contact *out)
{
	int rc = candor_store_contact_find(ctx->store, ref, out);

	return rc ? cli_fail(ctx, rc) : CLI_OK;
}

int cli_id(struct candor_ctx *ctx, const char *arg, const char *what, int64_t *out)
{
	const char *p = arg && arg[0] == '#' ? arg + 1 : arg;
	char *end;
	long long v;

	if (!p || !*p)
		return cli_usage_error(ctx, "which %s? give its id", what);
	errno = 0;
	v = strtoll(p, &end, 10);
	if (errno || *end || v <= 0)
		return cli_errorf(ctx, CLI_INVALID, "'%s' is not a %s id (a number such as 12)", arg, what);
	*out = (int64_t)v;
	return CLI_OK;
}

int cli_whole(struct candor_ctx *ctx, const char *opt, const char *arg, long min, long max,
	      long *out)
{
	char *end;
	long v;

	errno = 0;
	v = arg ? strtol(arg, &end, 10) : 0;
	if (!arg || errno || end == arg || *end || v < min || v > max)
		return cli_usage_error(ctx, "%s takes a whole number from %ld to %ld, not '%s'", opt,
				       min, max, arg ? arg : "");
	*out = v;
	return CLI_OK;
}

static bool overlaps(const struct cli_mark *a, const struct cli_mark *b)
{
	return a->start < b->end && b->start < a->end;
}

void cli_print_marked(const char *text, const struct cli_mark *marks, size_t n)
{
	cli_print_marked_shown(text, marks, n, NULL);
}

void cli_print_marked_shown(const char *text, const struct cli_mark *marks, size_t n, bool *shown)
{
	size_t at = 0, len = strlen(text);

	for (size_t i = 0; i < n; i++) {
		const struct cli_mark *m = &marks[i];
		bool hidden = m->start < at || m->end > len || m->start > m->end;

		for (size_t k = 0; k < n && !hidden && !strcmp(m->category, "question"); k++)
			hidden = k != i && strcmp(marks[k].category, "question") &&
				 overlaps(m, &marks[k]);
		if (shown)
			shown[i] = !hidden;
		if (hidden)
			continue;
		printf("%.*s[%s: %.*s]", (int)(m->start - at), text + at, m->category,
		       (int)(m->end - m->start), text + m->start);
		at = m->end;
	}
	printf("%s\n", text + at);
}
