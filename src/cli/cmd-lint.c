/*
 * cmd-lint.c: `candor lint`, a seller's draft checked before it is sent:
 * pressure, closing and seller-centred language, and (with --to) words
 * that do not mirror how this buyer decides.  Like grep, it exits 1 when
 * it found something.
 */
#include "util/common.h"
#include "util/utf8.h"
#include "cli/transcript-file.h"
#include "text/lint.h"

#define LINT_MAX_BYTES ((size_t)16 << 20)

struct lint_opts {
	struct cli_talk_opts talk;
	const char *to;
	bool json;
};

static int lint_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct lint_opts *o = data;

	if (code == 't')
		o->to = arg;
	else if (code == 'j')
		o->json = true;
	else
		return cli_talk_opt(ctx, &o->talk, code, arg);
	return CLI_OK;
}

static const struct option lint_options[] = {
	{ "to", required_argument, NULL, 't' },
	{ "json", no_argument, NULL, 'j' },
	{ "lexicon", required_argument, NULL, 'L' },
	{ 0 }
};

/* 0, or the 1-based line of the first NUL or invalid UTF-8 sequence. */
static size_t bad_utf8_line(const char *s, size_t len)
{
	size_t line = 1, bad = candor_utf8_check(s, len);
	const char *nul = memchr(s, '\0', len);

	if (nul && (size_t)(nul - s) < bad)
		bad = (size_t)(nul - s);
	if (bad == len)
		return 0;
	for (size_t i = 0; i < bad; i++)
		line += s[i] == '\n';
	return line;
}

/* The buyer's profile from what they said in stored conversations. */
static int buyer_profile(struct candor_ctx *ctx, const char *ref, struct candor_profile *out)
{
	struct candor_contact c = { 0 };
	struct candor_evidence_set set = { 0 };
	struct candor_scope sc;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = cli_store(ctx, false)) || (rc = cli_contact(ctx, ref, &c)))
		return rc;
	sc.account_id = c.account_id;
	sc.contact_id = c.id;
	if ((rc = candor_store_evidence(ctx->store, &sc, &set))) {
		candor_contact_release(&c);
		return cli_fail(ctx, rc);
	}
	for (size_t i = 0; i < set.nsignals; i++) {
		const struct candor_signal *g = &set.signals[i];

		if (g->side != CANDOR_SIDE_BUYER)
			continue;
		out->toward += !strcmp(g->category, "toward");
		out->away += !strcmp(g->category, "away");
		out->options += !strcmp(g->category, "options");
		out->procedures += !strcmp(g->category, "procedures");
	}
	fprintf(stderr, "%s: %s, %s\n", c.name, candor_profile_direction(out),
		candor_profile_style(out));
	candor_evidence_set_release(&set);
	candor_contact_release(&c);
	return CLI_OK;
}

static void print_findings(const char *name, const struct candor_lint_result *r)
{
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct candor_lint_finding *f = &r->findings[i];

		size_t wl = strlen(f->why);

		printf("%s:%zu:%zu: %s: \"%s\" — %s%s", name, f->line, f->column, f->category,
		       f->words, f->why, wl && !strchr(".!?", f->why[wl - 1]) ? "." : "");
		if (f->better && *f->better)
			printf(" Better: %s", f->better);
		printf("\n");
	}
}

static json_t *findings_json(const char *name, const struct candor_lint_result *r)
{
	json_t *arr = json_array();
	bool bad = false;

	for (size_t i = 0; i < r->nfindings; i++) {
		const struct candor_lint_finding *f = &r->findings[i];

		candor_json_push(arr, json_pack("{s:I,s:I,s:s,s:s,s:s,s:s}",
			"line", (json_int_t)f->line, "column", (json_int_t)f->column,
			"category", f->category, "words", f->words, "why", f->why,
			"better", f->better ? f->better : ""), &bad);
	}
	return json_pack("{s:s,s:o}", "file", name, "findings", candor_json_checked(arr, bad));
}

int cmd_lint(int argc, char **argv, struct candor_ctx *ctx)
{
	struct lint_opts o = { 0 };
	struct candor_lexicon *lx = NULL;
	struct candor_lint_result r = CANDOR_LINT_RESULT_INIT;
	struct candor_profile profile;
	struct candor_buf text;
	const char *name;
	char **pos;
	int npos, rc;
	size_t bad;

	CLI_PARSE(ctx, argc, argv, lint_options, lint_opt, &o, &pos, &npos);
	if (npos != 1)
		return cli_usage_error(ctx, "give one FILE with the draft, or - to read standard input");
	name = strcmp(pos[0], "-") ? pos[0] : "standard input";
	candor_buf_init(&text, LINT_MAX_BYTES);
	if ((rc = candor_buf_read_file(&text, pos[0], &ctx->err))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	if ((bad = bad_utf8_line(text.ptr, text.len))) {
		rc = cli_errorf(ctx, CLI_INVALID, "%s:%zu: not UTF-8 text", name, bad);
		goto cleanup;
	}
	if ((o.to && (rc = buyer_profile(ctx, o.to, &profile))) ||
	    (rc = cli_lexicon(ctx, &o.talk, &lx)))
		goto cleanup;
	if (candor_lint(&r, lx, text.ptr, text.len, o.to ? &profile : NULL, &ctx->err)) {
		rc = cli_fail(ctx, ctx->err.code);
		goto cleanup;
	}
	if (o.json)
		rc = cli_print_json(ctx, findings_json(name, &r));
	else
		print_findings(name, &r);
	if (!rc && r.nfindings)
		rc = CLI_USAGE; /* 1: found something, like grep */
cleanup:
	candor_lint_release(&r);
	candor_lexicon_free(lx);
	candor_buf_release(&text);
	return rc;
}
