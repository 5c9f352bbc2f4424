/*
 * cmd-status.c: `candor status`, where one buyer or one account stands and why.
 */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/assessment.h"
#include <strings.h>
#include "cli/ledger.h"
#include "app/assess.h"

struct status_opts {
	const char *at, *contact, *account;
	bool json, explain;
};

static int status_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct status_opts *o = data;

	if (code == 'A')
		o->at = arg;
	else if (code == 'c')
		o->contact = arg;
	else if (code == 'a')
		o->account = arg;
	else if (code == 'j')
		o->json = true;
	else if (code == 'e')
		o->explain = true;
	return CLI_OK;
}

static const struct option status_options[] = {
	{ "at", required_argument, NULL, 'A' },
	{ "contact", required_argument, NULL, 'c' },
	{ "account", required_argument, NULL, 'a' },
	{ "json", no_argument, NULL, 'j' },
	{ "explain", no_argument, NULL, 'e' },
	{ 0 }
};

/* "signals  by signal model X (2 calls), the phrases alone (1 call)" */
static int print_analysers(struct candor_ctx *ctx, const struct candor_evidence_set *set,
			   int64_t at)
{
	json_t *a = candor_json_analysers(set, at), *v;
	size_t i;

	if (!a)
		return cli_errorf(ctx, CLI_INTERNAL, "out of memory");
	json_array_foreach(a, i, v) {
		const char *name = json_string_value(json_object_get(v, "analyser"));
		json_int_t n = json_integer_value(json_object_get(v, "calls"));

		printf("%s%s%s%s (%lld call%s)", i ? ", " : "signals found by ",
		       strcmp(name, "phrases") ? "signal model " : "the phrases alone",
		       strcmp(name, "phrases") ? name : "", "", (long long)n, n == 1 ? "" : "s");
	}
	if (json_array_size(a))
		printf("\n");
	json_decref(a);
	return CLI_OK;
}

static int contact_status(struct candor_ctx *ctx, const struct status_opts *o,
			  const struct candor_contact *c, int64_t at)
{
	struct candor_evidence_set set = { 0 };
	struct candor_evidence ev;
	struct candor_assessment a;
	struct candor_explanation why = { 0 };
	struct candor_app app;
	json_t *j;
	int rc;
	bool bad = false;

	cli_app(ctx, &app);
	if ((rc = candor_app_contact_assess(&app, c, at, &set, &ev, &a))) {
		candor_evidence_set_release(&set);
		return cli_fail(ctx, rc);
	}
	if (o->explain && candor_model_explain(&a, &why, &ev, at, NULL)) {
		candor_explanation_release(&why);
		candor_evidence_set_release(&set);
		return cli_errorf(ctx, CLI_INTERNAL, "out of memory");
	}
	if (o->json) {
		j = candor_json_assessment(&a);
		candor_json_put(j, "contact", candor_json_contact(c), &bad);
		candor_json_put(j, "signal_models", candor_json_analysers(&set, a.at), &bad);
		rc = cli_print_json(ctx, candor_json_checked(j, bad));
	} else {
		printf("%s — %s%sat %s (contact #%" PRId64 ")\n", c->name, c->role,
		       *c->role ? " " : "", c->account_name, c->id);
		cli_assessment_print(&a);
		if (o->explain && cli_explanation_print(&a, &why))
			rc = cli_errorf(ctx, CLI_INTERNAL, "out of memory");
		else
			rc = print_analysers(ctx, &set, a.at);
	}
	candor_explanation_release(&why);
	candor_evidence_set_release(&set);
	return rc;
}

static int account_status(struct candor_ctx *ctx, const struct status_opts *o,
			  const struct candor_account *acc, int64_t at)
{
	struct candor_app app;
	struct candor_app_account_view v;
	const struct candor_contact_list *l = &v.contacts;
	json_t *j = NULL, *people = NULL;
	int rc;
	bool bad = false;

	cli_app(ctx, &app);
	if ((rc = candor_app_account_assess(&app, acc, at, &v))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	if (o->json) {
		j = candor_json_assessment(&v.whole);
		candor_json_put(j, "account", json_pack("{s:I,s:s}", "id", (json_int_t)acc->id,
							    "name", acc->name), &bad);
		people = json_array();
		candor_json_put(j, "contacts", people, &bad);
	} else {
		printf("%s (account #%" PRId64 "): all %zu contact%s together\n", acc->name, acc->id,
		       l->n, l->n == 1 ? "" : "s");
		cli_assessment_print(&v.whole);
		printf("\nbuyers\n");
	}
	for (size_t i = 0; i < l->n; i++) {
		const struct candor_assessment *ca = &v.each[i];
		const struct candor_reason *head = candor_assessment_headline(ca);

		if (o->json) {
			json_t *cj = candor_json_assessment(ca);

			candor_json_put(cj, "contact", candor_json_contact(&l->v[i]), &bad);
			candor_json_push(people, cj, &bad);
			continue;
		}
		printf("  %s%-7s %-24s %.2f  %s\n", ca->stalled ? "!" : " ", cli_stage_label(ca->stage),
		       l->v[i].name, ca->trust, head ? head->text : "");
	}
	rc = o->json ? cli_print_json(ctx, candor_json_checked(j, bad)) : CLI_OK;
cleanup:
	candor_app_account_view_release(&v);
	return rc;
}

/*
 * Resolve the argument as a contact or an account.  A bare id is a
 * contact's; a name that is both is ambiguous; --contact or --account says
 * which.
 */
static int status_target(struct candor_ctx *ctx, const struct status_opts *o, const char *ref,
			 struct candor_contact *c, struct candor_account *a)
{
	int rc_c = CANDOR_ENOTFOUND, rc_a = CANDOR_ENOTFOUND;

	if (o->contact || !o->account)
		rc_c = candor_store_contact_find(ctx->store, o->contact ? o->contact : ref, c);
	if (o->contact)
		return rc_c ? cli_fail(ctx, rc_c) : CLI_OK;
	if (rc_c == CANDOR_EAMBIGUOUS || (!o->account && ref && strspn(ref, "#0123456789") == strlen(ref)))
		return rc_c ? cli_fail(ctx, rc_c) : CLI_OK; /* an id names a contact */
	rc_a = candor_store_account_find(ctx->store, o->account ? o->account : ref, a);
	if (o->account || rc_c == CANDOR_ENOTFOUND) {
		if (rc_a == CANDOR_ENOTFOUND && !o->account)
			return cli_errorf(ctx, CLI_NOTFOUND, "no contact or account '%s' "
					  "(see 'candor contact list')", ref);
		return rc_a ? cli_fail(ctx, rc_a) : CLI_OK;
	}
	/* a whole-name match wins over a match of some words of the other */
	if (rc_a == 0 && rc_c == 0 && !strcasecmp(c->name, ref) != !strcasecmp(a->name, ref)) {
		if (!strcasecmp(c->name, ref))
			candor_account_release(a);
		else
			candor_contact_release(c);
		return CLI_OK;
	}
	if (rc_a == 0 && rc_c == 0)
		return cli_errorf(ctx, CLI_AMBIGUOUS, "'%s' is both a contact (#%" PRId64 ") and an "
				  "account (#%" PRId64 "): use --contact or --account", ref, c->id, a->id);
	return CLI_OK;
}

int cmd_status(int argc, char **argv, struct candor_ctx *ctx)
{
	struct status_opts o = { 0 };
	struct candor_contact c = { 0 };
	struct candor_account a = { 0 };
	char **pos;
	int npos, rc;
	int64_t at;

	CLI_PARSE(ctx, argc, argv, status_options, status_opt, &o, &pos, &npos);
	if (npos != (o.contact || o.account ? 0 : 1))
		return cli_usage_error(ctx, "give one CONTACT or ACCOUNT (quote a name with spaces)");
	if ((rc = cli_asof_date(ctx, &at, o.at, "--at")) || (rc = cli_store(ctx, false)))
		return rc;
	if ((rc = status_target(ctx, &o, npos ? pos[0] : NULL, &c, &a)))
		goto cleanup;
	rc = c.id ? contact_status(ctx, &o, &c, at) : account_status(ctx, &o, &a, at);
cleanup:
	candor_contact_release(&c);
	candor_account_release(&a);
	return rc;
}
