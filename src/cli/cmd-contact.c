/*
 * cmd-contact.c: `candor contact add|list|show`.  'show' prints the whole
 * ledger of one person: every record the model reads, with its id.
 */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/ledger.h"
#include "app/records.h"

struct contact_opts {
	const char *account, *role, *email;
	bool json;
};

static int contact_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct contact_opts *o = data;

	if (code == 'a')
		o->account = arg;
	else if (code == 'r')
		o->role = arg;
	else if (code == 'e')
		o->email = arg;
	else if (code == 'j')
		o->json = true;
	return CLI_OK;
}

static const struct option contact_options[] = {
	{ "account", required_argument, NULL, 'a' },
	{ "role", required_argument, NULL, 'r' },
	{ "email", required_argument, NULL, 'e' },
	{ "json", no_argument, NULL, 'j' },
	{ 0 }
};

static int contact_add(struct candor_ctx *ctx, struct contact_opts *o, char **pos, int npos)
{
	struct candor_buf name = CANDOR_BUF_INIT;
	struct candor_account a = { 0 };
	struct candor_app app;
	int64_t id;
	int rc;

	if ((rc = cli_text(ctx, &name, pos, npos, "the contact's name")))
		goto cleanup;
	if (!o->account) {
		rc = cli_usage_error(ctx, "which account does '%s' work at? add --account ACCOUNT",
				     name.ptr);
		goto cleanup;
	}
	if ((rc = cli_store(ctx, false)))
		goto cleanup;
	if ((rc = candor_store_account_find(ctx->store, o->account, &a))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	cli_app(ctx, &app);
	if ((rc = candor_app_contact_add(&app, a.id, name.ptr, o->role, o->email, &id))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	rc = cli_print_id(ctx, o->json, "contact", id, name.ptr);
cleanup:
	candor_account_release(&a);
	candor_buf_release(&name);
	return rc;
}

static int contact_list(struct candor_ctx *ctx, struct contact_opts *o)
{
	struct candor_account a = { 0 };
	struct candor_contact_list l = { 0 };
	json_t *arr;
	int rc;
	bool bad = false;

	if ((rc = cli_store(ctx, false)))
		return rc;
	if ((o->account && (rc = candor_store_account_find(ctx->store, o->account, &a))) ||
	    (rc = candor_store_contact_list(ctx->store, a.id, &l))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	if (o->json) {
		arr = json_array();
		for (size_t i = 0; i < l.n; i++)
			candor_json_push(arr, candor_json_contact(&l.v[i]), &bad);
		rc = cli_print_json(ctx, candor_json_checked(arr, bad));
		goto cleanup;
	}
	for (size_t i = 0; i < l.n; i++)
		printf("%-5" PRId64 " %-26s %-20s %s\n", l.v[i].id, l.v[i].name,
		       l.v[i].account_name, l.v[i].role);
	if (!l.n)
		printf("no contacts yet: add one with 'candor contact add NAME --account ACCOUNT'\n");
cleanup:
	candor_account_release(&a);
	candor_contact_list_release(&l);
	return rc;
}

static int contact_show(struct candor_ctx *ctx, struct contact_opts *o, const char *ref)
{
	struct candor_contact c = { 0 };
	struct candor_evidence_set ev = { 0 };
	struct candor_scope scope = { 0 };
	struct candor_evidence view;
	json_t *j;
	int rc;
	bool bad = false;

	if ((rc = cli_store(ctx, false)) || (rc = cli_contact(ctx, ref, &c)))
		return rc;
	scope.account_id = c.account_id;
	scope.contact_id = c.id;
	if ((rc = candor_store_evidence(ctx->store, &scope, &ev))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	candor_evidence_view(&view, &ev, 0);
	if (o->json) {
		j = candor_json_contact(&c);
		candor_json_put(j, "ledger", candor_json_ledger(&view, ctx->now), &bad);
		rc = cli_print_json(ctx, candor_json_checked(j, bad));
		goto cleanup;
	}
	printf("%s — %s%sat %s (contact #%" PRId64 ")\n", c.name, c.role, *c.role ? " " : "",
	       c.account_name, c.id);
	if (*c.email)
		printf("email: %s\n", c.email);
	cli_ledger_print(&view, ctx->now);
cleanup:
	candor_evidence_set_release(&ev);
	candor_contact_release(&c);
	return rc;
}

int cmd_contact(int argc, char **argv, struct candor_ctx *ctx)
{
	struct contact_opts o = { 0 };
	char **pos;
	int npos;

	CLI_PARSE(ctx, argc, argv, contact_options, contact_opt, &o, &pos, &npos);
	if (npos < 1)
		return cli_usage_error(ctx, "say what to do: add, list or show");
	if (!strcmp(pos[0], "add"))
		return contact_add(ctx, &o, pos + 1, npos - 1);
	if (!strcmp(pos[0], "list") && npos == 1)
		return contact_list(ctx, &o);
	if (!strcmp(pos[0], "show") && npos == 2)
		return contact_show(ctx, &o, pos[1]);
	if (!strcmp(pos[0], "show"))
		return cli_usage_error(ctx, "show takes one CONTACT (quote a name with spaces)");
	return cli_usage_error(ctx, "'%s' is not add, list or show", pos[0]);
}
