/*
 * cmd-export.c: `candor export`, everything as JSON or one table as CSV.
 *
 * CSV follows RFC 4180 (quoted when needed, CRLF line ends), and a cell that
 * a spreadsheet would run as a formula (starting with = + - @ or a tab) is
 * prefixed with a quote, so exported notes cannot run in Excel.
 */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/ledger.h"
#include "app/calendar.h"
#include "formats/vcard.h"

struct export_opts {
	const char *format, *table, *out, *at, *contact, *account, *seller;
	bool no_bom;
};

static int export_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct export_opts *o = data;

	if (code == 'f')
		o->format = arg;
	else if (code == 't')
		o->table = arg;
	else if (code == 'o')
		o->out = arg;
	else if (code == 'A')
		o->at = arg;
	else if (code == 'c')
		o->contact = arg;
	else if (code == 'a')
		o->account = arg;
	else if (code == 's')
		o->seller = arg;
	else if (code == 'B')
		o->no_bom = true;
	return CLI_OK;
}

static const struct option export_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "table", required_argument, NULL, 't' },
	{ "out", required_argument, NULL, 'o' },
	{ "at", required_argument, NULL, 'A' },
	{ "contact", required_argument, NULL, 'c' },
	{ "account", required_argument, NULL, 'a' },
	{ "seller", required_argument, NULL, 's' },
	{ "no-bom", no_argument, NULL, 'B' },
	{ 0 }
};

static void csv_cell(FILE *f, const char *s, bool last)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	bool formula = strchr("=+-@\t", s[0]) && s[0];

	if (quote || formula)
		fputc('"', f);
	if (formula)
		fputc('\'', f);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	if (quote || formula)
		fputc('"', f);
	fputs(last ? "\r\n" : ",", f);
}

/* Write one CSV row from a JSON object, cells in the order of cols. */
static void csv_row(FILE *f, json_t *obj, const char *const *cols)
{
	for (size_t i = 0; cols[i]; i++) {
		json_t *v = json_object_get(obj, cols[i]);
		char num[64];
		const char *s = "";

		if (json_is_string(v))
			s = json_string_value(v);
		else if (json_is_integer(v))
			snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v)), s = num;
		else if (json_is_real(v))
			snprintf(num, sizeof(num), "%.3f", json_real_value(v)), s = num;
		else if (json_is_boolean(v))
			s = json_is_true(v) ? "true" : "false";
		csv_cell(f, s, !cols[i + 1]);
	}
}

static void csv_header(FILE *f, const char *const *cols)
{
	for (size_t i = 0; cols[i]; i++)
		csv_cell(f, cols[i], !cols[i + 1]);
}

struct table {
	const char *name;       /* --table NAME and the ledger's key */
	const char *const *cols;
};

static const char *const contact_cols[] = { "id", "account", "name", "role", "email", "stage",
					    "stalled", "trust", "credibility", "reliability",
					    "intimacy", "self_orientation", "headline",
					    "model_version", NULL };
static const char *const interaction_cols[] = { "id", "contact_id", "at", "kind", "inbound",
						"seller", "text", NULL };
static const char *const commitment_cols[] = { "id", "contact_id", "made", "due", "status",
					       "overdue", "text", NULL };
static const char *const expectation_cols[] = { "id", "contact_id", "set", "by", "status",
						"resolved", "text", NULL };
static const char *const fact_cols[] = { "id", "contact_id", "at", "kind", "confidence",
					 "source", "text", NULL };
static const char *const value_cols[] = { "id", "contact_id", "at", "direction", "text", NULL };
static const char *const fit_cols[] = { "id", "contact_id", "at", "verdict", "text", NULL };
static const char *const decision_cols[] = { "id", "contact_id", "at", "decision", "text", NULL };

static const struct table tables[] = {
	{ "contacts", contact_cols }, { "interactions", interaction_cols },
	{ "commitments", commitment_cols }, { "expectations", expectation_cols },
	{ "facts", fact_cols }, { "values", value_cols }, { "fits", fit_cols },
	{ "decisions", decision_cols }, { NULL, NULL }
};

/* A flat JSON row for the contacts table: the contact and its assessment. */
static json_t *contact_row(const struct candor_contact *c, const struct candor_assessment *a)
{
	json_t *j = candor_json_contact(c), *as = candor_json_assessment(a), *comp;
	bool bad = false;

	json_object_update(j, as);
	comp = json_object_get(as, "components");
	if (json_object_update(j, comp))
		bad = true;
	json_object_del(j, "components");
	candor_json_put(j, "stage", json_string(cli_stage_label(a->stage)), &bad);
	if (!as || !comp || json_object_update(j, as))
		bad = true;
	json_decref(as);
	return candor_json_checked(j, bad);
}

/* Whether every row could be written (a row that cannot be built as JSON
 * first is an error, never a row left out). */
static bool export_csv(FILE *f, const struct table *t, const struct candor_contact_list *l,
		       const struct candor_evidence_set *set, int64_t at, bool bom)
{
	if (bom)
		fputs("\xEF\xBB\xBF", f);  /* so Excel reads UTF-8 */
	csv_header(f, t->cols);
	for (size_t k = 0; k < l->n; k++) {
		struct candor_evidence ev;
		json_t *rows;

		candor_evidence_view(&ev, set, l->v[k].id);
		if (t->cols == contact_cols) {
			struct candor_assessment as;

			candor_model_assess(&as, &ev, at, NULL);
			rows = json_pack("[o]", contact_row(&l->v[k], &as));
		} else {
			json_t *ledger = candor_json_ledger(&ev, at);

			rows = json_incref(json_object_get(ledger, t->name));
			json_decref(ledger);
		}
		if (!rows)
			return false;
		for (size_t i = 0; i < json_array_size(rows); i++)
			csv_row(f, json_array_get(rows, i), t->cols);
		json_decref(rows);
	}
	return true;
}

static int export_run(struct candor_ctx *ctx, const struct export_opts *o,
		      const struct table *t, FILE *f, int64_t at)
{
	struct candor_account_list accts = { 0 };
	struct candor_contact_list l = { 0 };
	struct candor_evidence_set set = { 0 };
	struct candor_scope all = { 0 };
	int rc;

	if ((rc = cli_store(ctx, false)))
		return rc;
	if ((rc = candor_store_account_list(ctx->store, &accts)) ||
	    (rc = candor_store_contact_list(ctx->store, 0, &l)) ||
	    (rc = candor_store_evidence(ctx->store, &all, &set))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	if (!t) {
		json_t *j = candor_json_export(&accts, &l, &set, at), *cj = NULL;
		struct candor_correction *c = NULL;
		size_t nc = 0;

		/* the user's corrections of the analyser go with the data */
		if (j && (rc = candor_store_corrections(ctx->store, 0, 0, 0, &c, &nc))) {
			json_decref(j);
			rc = cli_fail(ctx, rc);
			goto cleanup;
		}
		cj = j ? candor_json_corrections(c, nc) : NULL;
		candor_corrections_free(c, nc);
		if (!j || !cj || json_object_set_new(j, "corrections", cj) ||
		    json_object_set_new(j, "audit", cli_audit_json(ctx))) {
			rc = cli_errorf(ctx, CLI_INTERNAL, "%s", CLI_JSON_FAILED);
		} else if (json_dumpf(j, f, JSON_INDENT(2) | JSON_REAL_PRECISION(12)) || fputc('\n', f) < 0) {
			rc = cli_errorf(ctx, CLI_INTERNAL, "cannot write the export: %s", strerror(errno));
		}
		json_decref(j);
	} else if (!export_csv(f, t, &l, &set, at, !o->no_bom)) {
		rc = cli_errorf(ctx, CLI_INTERNAL, "%s", CLI_JSON_FAILED);
	}
cleanup:
	candor_evidence_set_release(&set);
	candor_contact_list_release(&l);
	candor_account_list_release(&accts);
	return rc;
}

/* --format ics: the promises and expectations of --contact, --account or --seller. */
static int export_ics(struct candor_ctx *ctx, const struct export_opts *o, FILE *f)
{
	struct candor_app_calendar_query q = { .seller = o->seller };
	struct candor_contact c = { 0 };
	struct candor_account a = { 0 };
	struct candor_buf out = CANDOR_BUF_INIT;
	struct candor_app app;
	int rc;

	if ((rc = cli_store(ctx, false)))
		return rc;
	if (o->contact && (rc = cli_contact(ctx, o->contact, &c)))
		goto cleanup;
	if (o->account && (rc = candor_store_account_find(ctx->store, o->account, &a))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	q.contact_id = c.id, q.account_id = a.id;
	cli_app(ctx, &app);
	if ((rc = candor_app_calendar(&app, &q, &out)))
		rc = cli_fail(ctx, rc);
	else if (fwrite(out.ptr, 1, out.len, f) != out.len)
		rc = cli_errorf(ctx, CLI_INTERNAL, "cannot write the export: %s", strerror(errno));
cleanup:
	candor_buf_release(&out);
	candor_contact_release(&c);
	candor_account_release(&a);
	return rc;
}

/* --format vcf: every contact as a vCard 3.0. */
static int export_vcf(struct candor_ctx *ctx, FILE *f)
{
	struct candor_contact_list l = { 0 };
	struct candor_buf out = CANDOR_BUF_INIT;
	int rc;

	if ((rc = cli_store(ctx, false)))
		return rc;
	if ((rc = candor_store_contact_list(ctx->store, 0, &l))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct candor_contact *c = &l.v[i];
		struct candor_vcard_out v = { .name = c->name, .email = c->email, .role = c->role,
					      .org = c->account_name ? c->account_name : "",
					      .id = c->id };

		candor_vcard_write(&out, &v);
	}
	if (candor_buf_error(&out))
		rc = cli_errorf(ctx, CLI_INTERNAL, "out of memory");
	else if (fwrite(out.ptr, 1, out.len, f) != out.len)
		rc = cli_errorf(ctx, CLI_INTERNAL, "cannot write the export: %s", strerror(errno));
cleanup:
	candor_buf_release(&out);
	candor_contact_list_release(&l);
	return rc;
}

int cmd_export(int argc, char **argv, struct candor_ctx *ctx)
{
	struct export_opts o = { 0 };
	const struct table *t = NULL;
	char **pos, tmp[4200];
	FILE *f = stdout;
	int npos, rc;
	int64_t at;

	CLI_PARSE(ctx, argc, argv, export_options, export_opt, &o, &pos, &npos);
	if (npos)
		return cli_usage_error(ctx, "export takes no arguments; write to a file with --out FILE");
	if (!o.format)
		return cli_usage_error(ctx, "--format json|csv|ics|vcf is required");
	if (strcmp(o.format, "json") && strcmp(o.format, "csv") && strcmp(o.format, "ics") &&
	    strcmp(o.format, "vcf"))
		return cli_errorf(ctx, CLI_INVALID, "--format: '%s' is not json, csv, ics or vcf",
				  o.format);
	if ((o.contact || o.account || o.seller) && strcmp(o.format, "ics"))
		return cli_usage_error(ctx, "--contact, --account and --seller are for --format ics");
	if ((o.contact != NULL) + (o.account != NULL) + (o.seller != NULL) > 1)
		return cli_usage_error(ctx, "choose one of --contact, --account or --seller");
	if (o.no_bom && strcmp(o.format, "csv"))
		return cli_usage_error(ctx, "--no-bom is for --format csv");
	if (!strcmp(o.format, "csv")) {
		for (t = tables; t->name && strcmp(t->name, o.table ? o.table : "contacts"); t++)
			;
		if (!t->name)
			return cli_errorf(ctx, CLI_INVALID, "--table: '%s' is not one of contacts, "
					  "interactions, commitments, expectations, facts, values, "
					  "fits, decisions", o.table);
	} else if (o.table) {
		return cli_usage_error(ctx, "--table is for --format csv");
	}
	if ((rc = cli_asof_date(ctx, &at, o.at, "--at")))
		return rc;
	/* write to a temporary file and rename: a failed export leaves no half file */
	if (o.out) {
		snprintf(tmp, sizeof(tmp), "%s.tmp", o.out);
		if (!(f = fopen(tmp, "wb")))
			return cli_errorf(ctx, CLI_INVALID, "cannot write '%s': %s", o.out, strerror(errno));
	}
	rc = !strcmp(o.format, "ics") ? export_ics(ctx, &o, f)
	     : !strcmp(o.format, "vcf") ? export_vcf(ctx, f) : export_run(ctx, &o, t, f, at);
	if (o.out) {
		if (fclose(f) && !rc)
			rc = cli_errorf(ctx, CLI_INTERNAL, "cannot write '%s': %s", o.out, strerror(errno));
		if (!rc && rename(tmp, o.out))
			rc = cli_errorf(ctx, CLI_INTERNAL, "cannot write '%s': %s", o.out, strerror(errno));
		if (rc)
			remove(tmp);
	}
	return rc;
}
