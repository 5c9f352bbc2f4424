/*
 * cmd-resolve.c: what happened to a promise or an expectation:
 * `kept`, `broken`, `renegotiate`, `met` and `missed`.
 *
 * The history of a promise is kept as events; these commands append one
 * through the use cases of app/fates.h, which check that it can happen now
 * and decide what it is (kept, or kept late).
 */
#include "util/common.h"
#include "cli/cli.h"
#include "app/fates.h"

struct resolve {
	const char *at, *due, *note;
	char **pos;
	int npos;
};

static int resolve_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct resolve *r = data;

	if (code == 'A')
		r->at = arg;
	else if (code == 'd')
		r->due = arg;
	else if (code == 'n')
		r->note = arg;
	return CLI_OK;
}

static const struct option resolve_options[] = {
	{ "at", required_argument, NULL, 'A' },
	{ "note", required_argument, NULL, 'n' },
	{ "due", required_argument, NULL, 'd' },
	{ 0 }
};

static const char *day(char *buf, int64_t t)
{
	candor_date_format(buf, CANDOR_DATE_MAX, t);
	return buf;
}

/* Parse ID and the options; open the store. */
static int resolve_open(struct candor_ctx *ctx, struct resolve *r, int argc, char **argv,
			const char *what, int64_t *id, int64_t *when)
{
	int rc = cli_parse(ctx, argc, argv, resolve_options, resolve_opt, r, &r->pos, &r->npos);

	if (rc)
		return rc;
	if (r->npos != 1)
		return cli_usage_error(ctx, "give one %s id", what);
	if ((rc = cli_id(ctx, r->pos[0], what, id)) || (rc = cli_date(ctx, when, r->at, "--at")))
		return rc;
	return cli_store(ctx, false);
}

static void print_fate(const struct candor_app_fate *f)
{
	char d[CANDOR_DATE_MAX];

	printf("promise #%" PRId64 " \"%s\": %s%s%s\n", f->id, f->text,
	       f->status == CANDOR_COMMITMENT_RENEGOTIATED ? "now due " :
	       candor_name_of(candor_commitment_statuses, f->status),
	       f->status == CANDOR_COMMITMENT_RENEGOTIATED ? day(d, f->due) : "",
	       f->status == CANDOR_COMMITMENT_KEPT_LATE ? " (it was due earlier)" : "");
}

/* kept, broken or renegotiate: parse, call the use case, say what was recorded. */
static int commitment_change(struct candor_ctx *ctx, int argc, char **argv, int status)
{
	struct resolve r = { 0 };
	struct candor_app app;
	struct candor_app_fate f = { 0 };
	int64_t id, at, due = 0;
	int rc;

	if ((rc = resolve_open(ctx, &r, argc, argv, "promise", &id, &at)))
		return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
	if (status != CANDOR_COMMITMENT_RENEGOTIATED && r.due)
		return cli_usage_error(ctx, "--due is only for 'renegotiate'");
	if (status == CANDOR_COMMITMENT_RENEGOTIATED &&
	    (rc = r.due ? cli_date(ctx, &due, r.due, "--due")
			: cli_usage_error(ctx, "--due DATE (the new due date) is required")))
		return rc;
	cli_app(ctx, &app);
	rc = status == CANDOR_COMMITMENT_KEPT ? candor_app_promise_keep(&app, id, at, r.note, &f)
	   : status == CANDOR_COMMITMENT_BROKEN ? candor_app_promise_break(&app, id, at, r.note, &f)
	   : candor_app_promise_renegotiate(&app, id, at, due, r.note, &f);
	if (rc)
		rc = cli_fail(ctx, rc);
	else
		print_fate(&f);
	candor_app_fate_release(&f);
	return rc;
}

int cmd_kept(int argc, char **argv, struct candor_ctx *ctx)
{
	return commitment_change(ctx, argc, argv, CANDOR_COMMITMENT_KEPT);
}

int cmd_broken(int argc, char **argv, struct candor_ctx *ctx)
{
	return commitment_change(ctx, argc, argv, CANDOR_COMMITMENT_BROKEN);
}

int cmd_renegotiate(int argc, char **argv, struct candor_ctx *ctx)
{
	return commitment_change(ctx, argc, argv, CANDOR_COMMITMENT_RENEGOTIATED);
}

static int expectation_change(struct candor_ctx *ctx, int argc, char **argv, int status)
{
	struct resolve r = { 0 };
	struct candor_app app;
	struct candor_app_fate f = { 0 };
	int64_t id, when;
	int rc;

	if ((rc = resolve_open(ctx, &r, argc, argv, "expectation", &id, &when)))
		return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
	if (r.due)
		return cli_usage_error(ctx, "--due is only for 'renegotiate'");
	cli_app(ctx, &app);
	rc = status == CANDOR_EXPECTATION_MET ? candor_app_expectation_meet(&app, id, when, &f)
					      : candor_app_expectation_miss(&app, id, when, &f);
	if (rc)
		rc = cli_fail(ctx, rc);
	else
		printf("expectation #%" PRId64 " \"%s\": %s\n", id, f.text,
		       candor_name_of(candor_expectation_statuses, f.status));
	candor_app_fate_release(&f);
	return rc;
}

int cmd_met(int argc, char **argv, struct candor_ctx *ctx)
{
	return expectation_change(ctx, argc, argv, CANDOR_EXPECTATION_MET);
}

int cmd_missed(int argc, char **argv, struct candor_ctx *ctx)
{
	return expectation_change(ctx, argc, argv, CANDOR_EXPECTATION_MISSED);
}
