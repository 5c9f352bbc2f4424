/*
 * cmd-import-crm.c: `candor import contacts|accounts FILE`, a CRM's or an
 * address book's export, planned and then applied (app/crm.h).
 *
 * The file is read and mapped (formats/csv.h, formats/crm.h; one not in
 * UTF-8 is said, "read as Windows-1252", dry run or not), the plan
 * made and printed with --dry-run; otherwise applied in the command's one
 * transaction, so a bad row or a conflict imports nothing.
 */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/transcript-file.h"
#include "app/crm.h"
#include "formats/vcard.h"
#include "util/json-text.h"

struct crm_opts {
	const char *prefer, *account;
	const char **maps;
	size_t nmaps;
	bool dry_run, json, bad_map;
};

static int crm_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct crm_opts *o = data;

	if (code == 'n') {
		o->dry_run = true;
	} else if (code == 'p') {
		o->prefer = arg;
	} else if (code == 'a') {
		o->account = arg;
	} else if (code == 'j') {
		o->json = true;
	} else if (code == 'm') {
		const char **v = realloc(o->maps, (o->nmaps + 1) * sizeof(*v));

		if (!v)
			return cli_errorf(ctx, CLI_INTERNAL, "out of memory");
		o->maps = v;
		o->maps[o->nmaps++] = arg;
	}
	return CLI_OK;
}

static const struct option crm_options[] = {
	{ "dry-run", no_argument, NULL, 'n' },
	{ "map", required_argument, NULL, 'm' },
	{ "prefer", required_argument, NULL, 'p' },
	{ "account", required_argument, NULL, 'a' },
	{ "json", no_argument, NULL, 'j' },
	{ 0 }
};

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static void progress(void *arg, size_t done, size_t total)
{
	fprintf(stderr, "importing %s: %zu of %zu rows\r%s", (const char *)arg, done, total,
		done == total ? "\n" : "");
}

static json_t *step_json(const struct candor_crm_step *s, const char *file)
{
	json_t *extra = candor_json_read(s->extra);

	return json_pack("{s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:I,s:b,s:s,s:o}",
			 "action", candor_crm_action_name(s->action), "file", file,
			 "line", (json_int_t)s->line, "name", s->name, "email", s->email,
			 "role", s->role, "account", s->account, "id", (json_int_t)s->id,
			 "new_account", s->new_account, "why", s->why,
			 "extra", extra ? extra : json_object());
}

static json_t *plan_json(const struct candor_crm_plan *p, const char *file,
			 const char *encoding, bool dry_run)
{
	json_t *rows = json_array(), *counts = json_object();
	bool bad = !rows || !counts;

	for (size_t i = 0; i < p->n && !bad; i++)
		bad = json_array_append_new(rows, step_json(&p->v[i], file)) != 0;
	for (int a = 0; a < CANDOR_CRM_NACTIONS && !bad; a++)
		bad = json_object_set_new(counts, candor_crm_action_name(a),
					  json_integer((json_int_t)p->count[a])) != 0;
	if (bad) {
		json_decref(rows);
		json_decref(counts);
		return NULL;
	}
	return json_pack("{s:s,s:s,s:s,s:b,s:o,s:I,s:I,s:o}", "file", file, "read_as", p->vendor,
			 "encoding", encoding, "dry_run", dry_run, "counts", counts, "accounts_created",
			 (json_int_t)p->accounts_created, "batch", (json_int_t)p->batch, "rows", rows);
}

static void print_step(struct candor_buf *b, const struct candor_crm_step *s, const char *file,
		       int kind)
{
	candor_buf_addf(b, "%s:%zu: %-9s %s", file, s->line, candor_crm_action_name(s->action),
			s->name);
	if (*s->email)
		candor_buf_addf(b, " <%s>", s->email);
	if (kind == CANDOR_CRM_CONTACTS)
		candor_buf_addf(b, " at %s", s->account);
	candor_buf_addf(b, ": %s", s->why ? s->why : "");
	if (s->nextra)
		candor_buf_addf(b, " (%zu extra field%s)", s->nextra, s->nextra == 1 ? "" : "s");
	candor_buf_addch(b, '\n');
}

static void summary(struct candor_buf *out, const struct candor_crm_plan *p, const char *file,
		    bool dry_run)
{
	const char *verb = dry_run ? " to" : "";

	candor_buf_addf(out, "%s (read as %s): %zu%s create, %zu%s update, %zu unchanged, "
			"%zu skipped, %zu in conflict", file, p->vendor, p->count[CANDOR_CRM_CREATE],
			verb, p->count[CANDOR_CRM_UPDATE], verb, p->count[CANDOR_CRM_UNCHANGED],
			p->count[CANDOR_CRM_SKIP], p->count[CANDOR_CRM_CONFLICT]);
	if (p->accounts_created)
		candor_buf_addf(out, "; %zu new account%s", p->accounts_created,
				p->accounts_created == 1 ? "" : "s");
	if (dry_run)
		candor_buf_adds(out, "; a dry run: nothing changed\n");
	else if (p->batch)
		candor_buf_addf(out, "; imported as batch %" PRId64 " (take it back with 'candor "
				"undo import %" PRId64 "')\n", p->batch, p->batch);
	else
		candor_buf_adds(out, "; nothing changed\n");
}

static int read_table(struct candor_ctx *ctx, const char *path, struct candor_csv *csv,
		      const char **version)
{
	struct candor_buf data = CANDOR_BUF_INIT;
	const char *name = base_name(path);
	int rc;

	*version = NULL;
	if ((rc = candor_buf_read_file(&data, path, &ctx->err)) ||
	    (rc = candor_vcard_detect(data.ptr, data.len)
		  ? candor_vcard_read(csv, version, data.ptr, data.len, name, &ctx->err)
		  : candor_csv_read(csv, data.ptr, data.len, name, &ctx->err)))
		rc = cli_fail(ctx, rc);
	candor_buf_release(&data);
	return rc;
}

static const char *vcard_vendor(const char *version)
{
	return !strcmp(version, "2.1") ? "vCard 2.1" : !strcmp(version, "3.0") ? "vCard 3.0"
	       : !strcmp(version, "4.0") ? "vCard 4.0" : "vCard";
}

int cli_import_crm(int argc, char **argv, struct candor_ctx *ctx, int kind)
{
	struct crm_opts o = { 0 };
	struct candor_csv csv = CANDOR_CSV_INIT;
	struct candor_crm_map map = { 0 };
	struct candor_crm_plan plan = { 0 };
	struct candor_crm_import in = { .kind = kind };
	struct candor_buf said = CANDOR_BUF_INIT;
	struct candor_app app;
	const char *version;
	char **pos;
	int npos, rc;

	rc = cli_parse(ctx, argc, argv, crm_options, crm_opt, &o, &pos, &npos);
	if (rc) {
		rc = rc == CLI_HELP_SHOWN ? CLI_OK : rc;
		goto cleanup;
	}
	if (npos != 1) {
		rc = cli_usage_error(ctx, npos ? "one file at a time, please" :
				     "which file? give the CSV file your CRM exported");
		goto cleanup;
	}
	if (o.prefer && strcmp(o.prefer, "file") && strcmp(o.prefer, "existing")) {
		rc = cli_usage_error(ctx, "--prefer '%s': choose file or existing", o.prefer);
		goto cleanup;
	}
	in.prefer = !o.prefer ? CANDOR_CRM_PREFER_NONE : !strcmp(o.prefer, "file")
		    ? CANDOR_CRM_PREFER_FILE : CANDOR_CRM_PREFER_EXISTING;
	in.account = o.account;
	in.by = ctx->seller;
	in.file = base_name(pos[0]);
	if ((rc = read_table(ctx, pos[0], &csv, &version)))
		goto cleanup;
	if (strcmp(csv.encoding, "UTF-8"))  /* transcoded: say from what, never silently */
		fprintf(stderr, "candor %s: note: '%s': read as %s (not UTF-8)\n", ctx->command,
			in.file, csv.encoding);
	if (version && kind != CANDOR_CRM_CONTACTS) {
		rc = cli_errorf(ctx, CLI_INVALID, "%s holds vCards: import them with 'candor "
				"import contacts'", in.file);
		goto cleanup;
	}
	if (candor_crm_map_detect(&map, &csv, kind, &ctx->err)) {
		rc = cli_fail(ctx, ctx->err.code);
		goto cleanup;
	}
	if (version)
		map.vendor = vcard_vendor(version);
	for (size_t i = 0; i < o.nmaps; i++)
		if (candor_crm_map_set(&map, &csv, o.maps[i], &ctx->err)) {
			rc = cli_fail(ctx, ctx->err.code);
			goto cleanup;
		}
	in.csv = &csv, in.map = &map;
	if (!o.dry_run && !o.json && cli_progress_wanted() && csv.nrows >= 1000)
		in.progress = progress, in.arg = (void *)in.file;
	if ((rc = cli_store(ctx, false)))
		goto cleanup;
	cli_app(ctx, &app);
	if ((rc = candor_app_crm_plan(&app, &in, &plan)) ||
	    (!o.dry_run && (rc = candor_app_crm_apply(&app, &in, &plan)))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	if (o.json) {
		rc = cli_hold_json(ctx, plan_json(&plan, in.file, csv.encoding, o.dry_run));
		goto cleanup;
	}
	for (size_t i = 0; i < plan.n; i++)
		if (o.dry_run || (plan.v[i].action != CANDOR_CRM_CREATE &&
				  plan.v[i].action != CANDOR_CRM_UNCHANGED))
			print_step(&said, &plan.v[i], in.file, kind);
	summary(&said, &plan, in.file, o.dry_run);
	if (o.dry_run)
		fputs(said.ptr, stdout);
	else
		candor_buf_adds(&ctx->after_commit, said.ptr);
cleanup:
	candor_crm_plan_release(&plan);
	candor_crm_map_release(&map);
	candor_csv_release(&csv);
	candor_buf_release(&said);
	free(o.maps);
	return rc;
}
