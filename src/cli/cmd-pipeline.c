/*
 * cmd-pipeline.c: `candor pipeline`, every buyer by stage, stalled first.
 *
 * The whole store's evidence is read once, ordered by contact, and each
 * contact's slice is assessed: one pass, no query per buyer.
 */
#include "util/common.h"
#include "cli/cli.h"
#include <strings.h>
#include "cli/ledger.h"

struct pipeline_opts {
	const char *at, *account, *seller;
	bool json;
};

static int pipeline_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct pipeline_opts *o = data;

	if (code == 'A')
		o->at = arg;
	else if (code == 'a')
		o->account = arg;
	else if (code == 's')
		o->seller = arg;
	else if (code == 'j')
		o->json = true;
	return CLI_OK;
}

static const struct option pipeline_options[] = {
	{ "at", required_argument, NULL, 'A' },
	{ "account", required_argument, NULL, 'a' },
	{ "seller", required_argument, NULL, 's' },
	{ "json", no_argument, NULL, 'j' },
	{ 0 }
};

struct row {
	const struct candor_contact *c;
	struct candor_assessment a;
};

static int row_cmp(const void *x, const void *y)
{
	const struct row *a = x, *b = y;
	int order = candor_assessment_order(&a->a, &b->a);

	return order ? order : a->c->id < b->c->id ? -1 : a->c->id > b->c->id;
}

static void print_rows(const struct row *rows, size_t n, int64_t at)
{
	char d[CANDOR_DATE_MAX];
	int stage = -1;

	candor_date_format(d, sizeof(d), at);
	printf("pipeline as of %s (model %s): %zu buyer%s\n", d, CANDOR_MODEL_VERSION, n,
	       n == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++) {
		const struct candor_reason *head = candor_assessment_headline(&rows[i].a);

		if (rows[i].a.stage != stage) {
			stage = rows[i].a.stage;
			printf("\n%s\n", cli_stage_label(stage));
		}
		printf("  %s %-22s %-18s %.2f  ", rows[i].a.stalled ? "!" : " ",
		       rows[i].c->name, rows[i].c->account_name, rows[i].a.trust);
		if (rows[i].a.stage == CANDOR_STAGE_DECIDED) {
			candor_date_format(d, sizeof(d), rows[i].a.decided_at);
			printf("%s on %s%s%s\n", candor_name_of(candor_decision_kinds, rows[i].a.decision),
			       d, head ? "; since then: " : "", head ? head->text : "");
		} else {
			printf("%s\n", head ? head->text : "every gate open: ready when they are");
		}
	}
	if (!n)
		printf("no buyers yet: add one with 'candor contact add NAME --account ACCOUNT'\n");
}

static json_t *rows_json(const struct row *rows, size_t n, int64_t at)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *j = candor_json_assessment(&rows[i].a);

		json_object_set_new(j, "contact", candor_json_contact(rows[i].c));
		json_array_append_new(arr, j);
	}
	return json_pack("{s:o,s:s,s:o}", "at", candor_json_date(at), "model_version",
			 CANDOR_MODEL_VERSION, "buyers", arr);
}

int cmd_pipeline(int argc, char **argv, struct candor_ctx *ctx)
{
	struct pipeline_opts o = { 0 };
	struct candor_account acc = { 0 };
	struct candor_account_list accounts = { 0 };
	struct candor_contact_list l = { 0 };
	struct candor_evidence_set set = { 0 };
	struct candor_scope scope = { 0 };
	struct row *rows = NULL;
	size_t n = 0;
	char **pos;
	int npos, rc;
	int64_t at;

	CLI_PARSE(ctx, argc, argv, pipeline_options, pipeline_opt, &o, &pos, &npos);
	if (npos)
		return cli_usage_error(ctx, "pipeline takes no arguments (filter with --account or --seller)");
	if ((rc = cli_asof_date(ctx, &at, o.at, "--at")) || (rc = cli_store(ctx, false)))
		return rc;
	if ((o.account && (rc = candor_store_account_find(ctx->store, o.account, &acc))) ||
	    (rc = candor_store_account_list(ctx->store, &accounts)) ||
	    (rc = candor_store_contact_list(ctx->store, acc.id, &l)) ||
	    ((scope.account_id = acc.id), (rc = candor_store_evidence(ctx->store, &scope, &set)))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	rows = calloc(l.n + 1, sizeof(*rows));
	if (!rows) {
		rc = cli_errorf(ctx, CLI_INTERNAL, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < l.n; i++) {
		struct candor_evidence ev;
		bool mine = !o.seller;

		for (size_t k = 0; !mine && k < accounts.n; k++)
			mine = accounts.v[k].id == l.v[i].account_id &&
			       !strcasecmp(accounts.v[k].owner, o.seller);
		if (!mine)
			continue;
		rows[n].c = &l.v[i];
		candor_evidence_view(&ev, &set, l.v[i].id);
		candor_model_assess(&rows[n++].a, &ev, at, NULL);
	}
	qsort(rows, n, sizeof(*rows), row_cmp);
	if (o.json)
		rc = cli_print_json(ctx, rows_json(rows, n, at));
	else
		print_rows(rows, n, at);
cleanup:
	free(rows);
	candor_evidence_set_release(&set);
	candor_contact_list_release(&l);
	candor_account_list_release(&accounts);
	candor_account_release(&acc);
	return rc;
}
