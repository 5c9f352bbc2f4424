/*
 * cmd-account.c: `candor account add|list|show`.
 */
#include "util/common.h"
#include "cli/cli.h"
#include "app/records.h"

struct account_opts {
	const char *owner, *note;
	bool json;
};

static int account_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct account_opts *o = data;

	if (code == 'o')
		o->owner = arg;
	else if (code == 'n')
		o->note = arg;
	else if (code == 'j')
		o->json = true;
	return CLI_OK;
}

static const struct option account_options[] = {
	{ "owner", required_argument, NULL, 'o' },
	{ "note", required_argument, NULL, 'n' },
	{ "json", no_argument, NULL, 'j' },
	{ 0 }
};

static int account_add(struct candor_ctx *ctx, struct account_opts *o, char **pos, int npos)
{
	struct candor_buf name = CANDOR_BUF_INIT;
	struct candor_app app;
	int64_t id;
	int rc;

	if ((rc = cli_text(ctx, &name, pos, npos, "the account's name")) ||
	    (rc = cli_store(ctx, false)))
		goto cleanup;
	cli_app(ctx, &app);
	if ((rc = candor_app_account_add(&app, name.ptr, o->owner ? o->owner : ctx->seller, o->note,
					 &id))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	rc = cli_print_id(ctx, o->json, "account", id, name.ptr);
cleanup:
	candor_buf_release(&name);
	return rc;
}

static int account_list(struct candor_ctx *ctx, struct account_opts *o)
{
	struct candor_account_list l = { 0 };
	json_t *arr;
	bool bad = false;
	int rc;

	if ((rc = cli_store(ctx, false)))
		return rc;
	if ((rc = candor_store_account_list(ctx->store, &l)))
		return cli_fail(ctx, rc);
	if (o->json) {
		arr = json_array();
		for (size_t i = 0; i < l.n; i++)
			candor_json_push(arr, candor_json_account(&l.v[i]), &bad);
		rc = cli_print_json(ctx, candor_json_checked(arr, bad));
	} else {
		for (size_t i = 0; i < l.n; i++)
			printf("%-5" PRId64 " %-30s %s\n", l.v[i].id, l.v[i].name, l.v[i].owner);
		if (!l.n)
			printf("no accounts yet: add one with 'candor account add NAME'\n");
	}
	candor_account_list_release(&l);
	return rc;
}

static int account_show(struct candor_ctx *ctx, struct account_opts *o, const char *ref)
{
	struct candor_account a = { 0 };
	struct candor_contact_list l = { 0 };
	json_t *j, *people;
	bool bad = false;
	int rc;

	if ((rc = cli_store(ctx, false)))
		return rc;
	if ((rc = candor_store_account_find(ctx->store, ref, &a)) ||
	    (rc = candor_store_contact_list(ctx->store, a.id, &l))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	if (o->json) {
		j = candor_json_account(&a);
		people = json_array();
		for (size_t i = 0; i < l.n; i++)
			candor_json_push(people, json_pack("{s:I,s:s,s:s}", "id",
					      (json_int_t)l.v[i].id, "name", l.v[i].name,
					      "role", l.v[i].role), &bad);
		candor_json_put(j, "contacts", people, &bad);
		rc = cli_print_json(ctx, candor_json_checked(j, bad));
		goto cleanup;
	}
	printf("%s (account #%" PRId64 ")\nowner: %s\n", a.name, a.id, a.owner);
	if (*a.note)
		printf("note:  %s\n", a.note);
	printf("contacts:%s\n", l.n ? "" : " none yet");
	for (size_t i = 0; i < l.n; i++)
		printf("  %-5" PRId64 " %-28s %s\n", l.v[i].id, l.v[i].name, l.v[i].role);
cleanup:
	candor_account_release(&a);
	candor_contact_list_release(&l);
	return rc;
}

int cmd_account(int argc, char **argv, struct candor_ctx *ctx)
{
	struct account_opts o = { 0 };
	char **pos;
	int npos;

	CLI_PARSE(ctx, argc, argv, account_options, account_opt, &o, &pos, &npos);
	if (npos < 1)
		return cli_usage_error(ctx, "say what to do: add, list or show");
	if (!strcmp(pos[0], "add"))
		return account_add(ctx, &o, pos + 1, npos - 1);
	if (!strcmp(pos[0], "list") && npos == 1)
		return account_list(ctx, &o);
	if (!strcmp(pos[0], "show") && npos == 2)
		return account_show(ctx, &o, pos[1]);
	if (!strcmp(pos[0], "show"))
		return cli_usage_error(ctx, "show takes one ACCOUNT (quote a name with spaces)");
	return cli_usage_error(ctx, "'%s' is not add, list or show", pos[0]);
}
