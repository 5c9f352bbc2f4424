/*
 * cmd-token.c: `candor token list|revoke`, the API tokens `candor user
 * token` made.  A token is shown by its id, user, dates and the end of its
 * selector: never its secret, which is not stored.
 */
#include "util/common.h"
#include "cli/cli.h"
#include "app/users.h"

struct token_opts { bool json; };

static int token_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct token_opts *o = data;

	if (code == 'j')
		o->json = true;
	return CLI_OK;
}

static const struct option token_options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ 0 }
};

/* t as a date, or "never" when 0. */
static void when(char *out, size_t n, int64_t t)
{
	if (t)
		candor_date_format(out, n, t);
	else
		snprintf(out, n, "never");
}

static json_t *token_json(const struct candor_app_token *t)
{
	char made[CANDOR_DATE_MAX], ends[CANDOR_DATE_MAX];

	candor_date_format(made, sizeof(made), t->created);
	when(ends, sizeof(ends), t->expires);
	return json_pack("{s:I,s:s,s:s,s:o,s:s,s:s}", "id", (json_int_t)t->id, "user", t->user,
			 "created", made, "expires", t->expires ? json_string(ends) : json_null(),
			 "selector_end", t->tail, "scope", t->scope);
}

static int token_list(struct candor_ctx *ctx, const char *name, const struct token_opts *o)
{
	struct candor_app app;
	struct candor_app_token *v = NULL;
	json_t *arr = json_array();
	size_t n = 0;
	bool bad = false;
	int rc;

	if ((rc = cli_store(ctx, false)))
		goto cleanup;
	cli_app(ctx, &app);
	if ((rc = candor_app_tokens(&app, name, &v, &n))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		char made[CANDOR_DATE_MAX], ends[CANDOR_DATE_MAX];

		if (o->json) {
			candor_json_push(arr, token_json(&v[i]), &bad);
			continue;
		}
		candor_date_format(made, sizeof(made), v[i].created);
		when(ends, sizeof(ends), v[i].expires);
		printf("%-4" PRId64 " %-24s made %-16s expires %-16s ...%s%s\n", v[i].id, v[i].user,
		       made, ends, v[i].tail, strcmp(v[i].scope, "feed") ? "" : "  (calendar feed)");
	}
	if (!o->json && !n)
		printf("no API tokens%s%s\n", name ? " for " : "", name ? name : "");
	if (o->json) {
		rc = cli_print_json(ctx, candor_json_checked(arr, bad));
		arr = NULL;
	}
cleanup:
	json_decref(arr);
	free(v);
	return rc;
}

static int token_revoke(struct candor_ctx *ctx, const char *arg)
{
	struct candor_app app;
	int64_t id;
	int rc;

	if ((rc = cli_id(ctx, arg, "token", &id)) || (rc = cli_store(ctx, false)))
		return rc;
	cli_app(ctx, &app);
	if ((rc = candor_app_token_revoke(&app, id)))
		return cli_fail(ctx, rc);
	return cli_say(ctx, "revoked API token #%" PRId64 ": it no longer signs anyone in", id);
}

int cmd_token(int argc, char **argv, struct candor_ctx *ctx)
{
	struct token_opts o = { 0 };
	char **pos;
	int npos;

	CLI_PARSE(ctx, argc, argv, token_options, token_opt, &o, &pos, &npos);
	if ((npos == 1 || npos == 2) && !strcmp(pos[0], "list"))
		return token_list(ctx, npos == 2 ? pos[1] : NULL, &o);
	if (npos == 2 && !strcmp(pos[0], "revoke"))
		return token_revoke(ctx, pos[1]);
	return cli_usage_error(ctx, "write 'candor token list [NAME]' or 'candor token revoke ID'");
}
