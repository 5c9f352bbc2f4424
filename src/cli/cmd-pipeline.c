/*
 * cmd-pipeline.c: `candor pipeline`, every buyer by stage, stalled first,
 * or a page of them with --limit (and --after the cursor the last page
 * printed); --search (name, email or account, without case or accents)
 * and --seller (any part of a seller's name, or a list) filter, --sort
 * orders (urgency, trust, contact, due); the loading, kept answers,
 * assessing, order and each buyer's reason: app/assess.h.
 */
#include "util/common.h"
#include "cli/cli.h"
#include <ctype.h>
#include <strings.h>
#include "cli/ledger.h"
#include "app/assess.h"
#include "util/json-text.h"

struct pipeline_opts {
	const char *at, *account, *seller, *search, *after, *limit, *sort;
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
	else if (code == 'l')
		o->limit = arg;
	else if (code == 'f')
		o->after = arg;
	else if (code == 'q')
		o->search = arg;
	else if (code == 'o')
		o->sort = arg;
	return CLI_OK;
}

static const struct option pipeline_options[] = {
	{ "at", required_argument, NULL, 'A' },
	{ "account", required_argument, NULL, 'a' },
	{ "seller", required_argument, NULL, 's' },
	{ "json", no_argument, NULL, 'j' },
	{ "limit", required_argument, NULL, 'l' },
	{ "after", required_argument, NULL, 'f' },
	{ "search", required_argument, NULL, 'q' },
	{ "sort", required_argument, NULL, 'o' },
	{ 0 }
};

/*
 * One line a buyer: stalled mark, name, account, trust and the reason
 * (candor_app_buyer_reason, the board's card says the same).  In the
 * urgency order the buyers come under their stage; in another order each
 * line names its stage.
 */
static void print_rows(const struct candor_app_buyer *rows, size_t n, int64_t at, int sort,
		       bool filtered)
{
	char d[CANDOR_DATE_MAX];
	int stage = -1;

	candor_date_format(d, sizeof(d), at);
	printf("pipeline as of %s (model %s): %zu buyer%s%s%s\n", d, CANDOR_MODEL_VERSION, n,
	       n == 1 ? "" : "s", sort ? ", by " : "", sort ? candor_name_of(candor_pipeline_sorts, sort) : "");
	if (sort && n)
		printf("\n");
	for (size_t i = 0; i < n; i++) {
		if (!sort && rows[i].a.stage != stage) {
			stage = rows[i].a.stage;
			printf("\n%s\n", cli_stage_label(stage));
		}
		printf("  %s %-22s %-18s %.2f  ", rows[i].a.stalled ? "!" : " ",
		       rows[i].c->name, rows[i].c->account_name, rows[i].a.trust);
		if (sort)
			printf("%s: ", candor_name_of(candor_stages, rows[i].a.stage));
		printf("%s\n", rows[i].reason);
	}
	if (!n && filtered)
		printf("no buyer matches --search, --seller or --account: try fewer of them\n");
	else if (!n)
		printf("no buyers yet: add one with 'candor contact add NAME --account ACCOUNT'\n");
}

/* An argument as the shell reads it back: bare when plain, else in single quotes. */
static void print_arg(const char *flag, const char *v)
{
	bool plain = *v != '\0';

	for (const char *p = v; *p; p++)
		plain &= isalnum((unsigned char)*p) || strchr("-_.,@:/", *p) != NULL;
	printf(" %s ", flag);
	if (plain) {
		fputs(v, stdout);
		return;
	}
	putchar('\'');
	for (const char *p = v; *p; p++)
		fputs(*p == '\'' ? "'\\''" : (char[2]){ *p, 0 }, stdout);
	putchar('\'');
}

/* The command that prints the next page: the same filters, sort and limit, after next. */
static void print_more(const struct pipeline_opts *o, const struct candor_app_pipeline_query *q,
		       const char *next)
{
	printf("\nmore: candor pipeline --limit %zu", q->limit);
	if (o->at)
		print_arg("--at", o->at);
	if (o->account)
		print_arg("--account", o->account);
	if (o->seller)
		print_arg("--seller", o->seller);
	if (o->search)
		print_arg("--search", o->search);
	if (q->sort)
		print_arg("--sort", candor_name_of(candor_pipeline_sorts, q->sort));
	printf(" --after %s\n", next);
}

/* --limit N: a whole number from 1 to 10000. */
static int parse_limit(struct candor_ctx *ctx, const char *arg, size_t *out)
{
	long v = 0;
	int rc;

	*out = 0;
	if (!arg)
		return CLI_OK;
	if ((rc = cli_whole(ctx, "--limit (buyers)", arg, 1, 10000, &v)))
		return rc;
	*out = (size_t)v;
	return CLI_OK;
}

static json_t *rows_json(const struct candor_app_buyer *rows, size_t n, int64_t at)
{
	json_t *arr = json_array();
	bool bad = false;

	for (size_t i = 0; i < n; i++) {
		json_t *j = candor_json_assessment(&rows[i].a);

		candor_json_put(j, "contact", candor_json_contact(rows[i].c), &bad);
		candor_json_put(j, "reason", json_string(rows[i].reason), &bad);
		candor_json_push(arr, j, &bad);
	}
	return json_pack("{s:o,s:s,s:o}", "at", candor_json_date(at), "model_version",
			 CANDOR_MODEL_VERSION, "buyers", candor_json_checked(arr, bad));
}

/*
 * pipeline --json over every buyer, streamed: the same text cli_print_json
 * would print for rows_json (two-space indent), one buyer at a time, each
 * buyer's whole answer as kept (app/assess.h, the query's whole flag).
 */
struct stream { size_t n; bool failed, json_failed; struct candor_buf text; };

static int stream_one(void *data, const struct candor_app_buyer *b)
{
	struct stream *st = data;

	candor_buf_reset(&st->text);
	if (!b->whole || candor_json_buyers_add(&st->text, st->n++, b->whole, b->c, b->reason)) {
		st->json_failed = true;
		return CANDOR_ERROR;
	}
	fwrite(st->text.ptr, 1, st->text.len, stdout);
	return ferror(stdout) ? CANDOR_ERROR : 0;
}

static int stream_json(struct candor_ctx *ctx, struct candor_app *app,
		       const struct candor_app_pipeline_query *q)
{
	struct stream st = { .text = CANDOR_BUF_INIT };
	int rc;

	if (candor_json_buyers_begin(&st.text, q->at)) {
		candor_buf_release(&st.text);
		return cli_errorf(ctx, CLI_INTERNAL, "out of memory");
	}
	fwrite(st.text.ptr, 1, st.text.len, stdout);
	rc = candor_app_pipeline_each(app, q, stream_one, &st);
	candor_buf_reset(&st.text);
	if (!rc && candor_json_buyers_end(&st.text, st.n, false, NULL))
		rc = CANDOR_ERROR;
	if (rc) {
		candor_buf_release(&st.text);
		return cli_fail(ctx, rc == CANDOR_ERROR && !ctx->err.msg[0]
				? candor_error_set(&ctx->err, CANDOR_ERROR, NULL, "%s", st.json_failed ? CLI_JSON_FAILED
						    : "cannot write output") : rc);
	}
	fwrite(st.text.ptr, 1, st.text.len, stdout);
	candor_buf_release(&st.text);
	return ferror(stdout) ? cli_errorf(ctx, CLI_INTERNAL, "cannot write output") : CLI_OK;
}

int cmd_pipeline(int argc, char **argv, struct candor_ctx *ctx)
{
	struct pipeline_opts o = { 0 };
	struct candor_account acc = { 0 };
	struct candor_app app;
	struct candor_app_pipeline_page p = { 0 };
	struct candor_app_pipeline_query q = { 0 };
	char **pos;
	int npos, rc;
	bool bad = false;

	CLI_PARSE(ctx, argc, argv, pipeline_options, pipeline_opt, &o, &pos, &npos);
	if (npos)
		return cli_usage_error(ctx, "pipeline takes no arguments (filter with --account, "
				       "--seller or --search)");
	if ((rc = parse_limit(ctx, o.limit, &q.limit)) ||
	    (rc = cli_asof_date(ctx, &q.at, o.at, "--at")) || (rc = cli_store(ctx, false)))
		return rc;
	cli_app(ctx, &app);
	if ((rc = candor_app_pipeline_sort(&app, o.sort, &q.sort)))
		return cli_fail(ctx, rc);
	q.asof = o.at != NULL;
	/* the lines print what each buyer's kept answer holds (stage, stalled,
	 * trust, the reason), as the board does: no evidence read per buyer;
	 * --json writes whole assessments: every buyer's kept one when all are
	 * listed (stream_json), a page's made from the evidence */
	q.kept = !o.json;
	q.seller = o.seller;
	q.search = o.search;
	q.after = o.after;
	if (o.account && (rc = candor_store_account_find(ctx->store, o.account, &acc))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	q.account_id = acc.id;
	if (o.json && !q.limit && !q.asof) {
		q.whole = true;
		rc = stream_json(ctx, &app, &q);
		goto cleanup;
	}
	if ((rc = candor_app_pipeline_page(&app, &q, &p))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	if (o.json) {
		json_t *j = rows_json(p.v, p.n, q.at);

		if (q.limit)
			candor_json_put(j, "next", p.next[0] ? json_string(p.next) : json_null(), &bad);
		rc = cli_print_json(ctx, candor_json_checked(j, bad));
	} else {
		print_rows(p.v, p.n, q.at, q.sort,
			   (q.search && *q.search) || (q.seller && *q.seller) || q.account_id);
		if (p.next[0])
			print_more(&o, &q, p.next);
	}
cleanup:
	candor_app_pipeline_page_release(&p);
	candor_account_release(&acc);
	return rc;
}
