/*
 * conversation.c: transcript files for the CLI (see conversation.h).
 */
#include "util/common.h"
#include <unistd.h>
#include "cli/transcript-file.h"

int cli_talk_opt(struct candor_ctx *ctx, struct cli_talk_opts *o, int code, const char *arg)
{
	if (code == 'S') {
		o->seller = arg;
		o->seller_given = true;
	} else if (code == 'L') {
		o->lexicon = arg;
	} else if (code == 'a') {
		if (o->naliases == CLI_MAX_ALIASES)
			return cli_usage_error(ctx, "at most %d --as", CLI_MAX_ALIASES);
		o->aliases[o->naliases++] = arg;
	}
	return CLI_OK;
}

int cli_lexicon(struct candor_ctx *ctx, const struct cli_talk_opts *o,
		struct candor_lexicon **out)
{
	int rc = candor_analyser_load(out, o->lexicon, NULL, &ctx->err);

	return rc ? cli_fail(ctx, rc) : CLI_OK;
}

bool cli_progress_wanted(void)
{
	return isatty(STDERR_FILENO);
}

int cli_talk_read(struct candor_ctx *ctx, const struct cli_talk_opts *o, struct cli_talk *t,
		  const char *path)
{
	const char *seller = o->seller ? o->seller : (getenv("CANDOR_SELLER") ? ctx->seller : NULL);
	int rc;

	t->path = path;
	if (cli_progress_wanted())
		fprintf(stderr, "reading %s...\r", path);
	rc = candor_transcript_read_file(&t->t, path, &ctx->err);
	if (rc)
		return cli_fail(ctx, rc);
	if (t->t.encoding)  /* transcoded: say from what, never silently */
		fprintf(stderr, "candor %s: note: '%s': read as %s (not UTF-8)\n", ctx->command,
			path, t->t.encoding);
	rc = candor_transcript_assign_sides(&t->t, seller && *seller ? seller : NULL,
					    o->aliases, o->naliases, &ctx->err);
	if (rc == CANDOR_EINVALID || (rc && o->strict_sides))
		return cli_errorf(ctx, cli_exit_code(rc), "'%s': %s", path, ctx->err.msg);
	if (rc)  /* the seller is not in the file: sides stay unknown */
		fprintf(stderr, "candor %s: note: '%s': %s\n", ctx->command, path, ctx->err.msg);
	return CLI_OK;
}

int cli_talk_analyse(struct candor_ctx *ctx, struct candor_analyzer *az, struct cli_talk *t,
		     int64_t call_time)
{
	int rc;

	if (cli_progress_wanted())
		fprintf(stderr, "analysing %s (%zu utterances)...\r", t->path, t->t.nutts);
	rc = candor_analyzer_run(az, &t->a, t->t.utts, t->t.nutts, call_time, &ctx->err);
	if (rc)
		return cli_fail(ctx, rc);
	t->analysed = true;
	return CLI_OK;
}

void cli_talk_release(struct cli_talk *t)
{
	if (t->analysed)
		candor_analysis_release(&t->a);
	candor_transcript_release(&t->t);
	t->analysed = false;
}

