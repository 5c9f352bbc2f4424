/*
 * cmd-audit.c: correcting the record: `candor edit`, `candor delete`,
 * `candor undo` and `candor log --audit` (the use cases are app/audit.h).
 * Every command is one batch of the audit trail (cli_store opens it), so
 * each can itself be undone.
 */
#include "util/common.h"
#include "cli/cli.h"
#include "app/audit.h"

static bool is_help(const char *a)
{
	return !strcmp(a, "--help") || !strcmp(a, "-h");
}

/* edit KIND ID --FIELD VALUE... */
int cmd_edit(int argc, char **argv, struct candor_ctx *ctx)
{
	struct candor_app_edit f[16];
	struct candor_app app;
	const char *kind;
	size_t n = 0;
	int64_t id;
	bool changed = false;
	int rc;

	for (int i = 1; i < argc; i++)
		if (is_help(argv[i]))
			return cli_help(ctx);
	if (argc < 3)
		return cli_usage_error(ctx, "give what to edit and its id: candor edit promise 12 --due 2026-11-27");
	kind = argv[1];
	if (!candor_app_record_table(kind))
		return cli_usage_error(ctx, "'%s' is not a kind of record: %s", kind, candor_app_record_kinds);
	if ((rc = cli_id(ctx, argv[2], kind, &id)))
		return rc;
	for (int i = 3; i < argc; i++) {
		char *eq;

		if (strncmp(argv[i], "--", 2) || !argv[i][2])
			return cli_usage_error(ctx, "'%s': give each field as --FIELD VALUE", argv[i]);
		if (n == CANDOR_ARRAY_SIZE(f))
			return cli_usage_error(ctx, "too many fields");
		f[n].field = argv[i] + 2;
		if ((eq = strchr(argv[i], '='))) {
			*eq = '\0';
			f[n].value = eq + 1;
		} else if (i + 1 < argc) {
			f[n].value = argv[++i];
		} else {
			return cli_usage_error(ctx, "--%s needs a value", f[n].field);
		}
		n++;
	}
	if (!n)
		return cli_usage_error(ctx, "say what to change: --FIELD VALUE (see --help)");
	if ((rc = cli_store(ctx, false)))
		return rc;
	cli_app(ctx, &app);
	if ((rc = candor_app_record_edit(&app, kind, id, f, n, &changed))) {
		/* a field's error names the option it came from */
		return cli_fail(ctx, rc);
	}
	return changed ? cli_say(ctx, "edited %s #%" PRId64 " ('candor undo' takes it back)", kind, id)
		       : cli_say(ctx, "%s #%" PRId64 " already says that: nothing changed", kind, id);
}

static void print_deletion(const struct candor_app_deletion *d, bool done, FILE *to)
{
	fprintf(to, "%s %s", done ? "deleted" : "would delete", d->what);
	if (d->total) {
		const char *sep = " and with it ";

		for (size_t i = 0; i < CANDOR_ARRAY_SIZE(d->n); i++)
			if (d->n[i]) {
				fprintf(to, "%s%zu %s", sep, d->n[i], candor_app_deletion_kinds[i]);
				sep = ", ";
			}
	}
	fputc('\n', to);
}

/* delete KIND ID [--yes] */
int cmd_delete(int argc, char **argv, struct candor_ctx *ctx)
{
	struct candor_app_deletion d;
	struct candor_app app;
	const char *kind = NULL, *ref = NULL;
	bool yes = false;
	int64_t id;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (is_help(argv[i]))
			return cli_help(ctx);
		if (!strcmp(argv[i], "--yes") || !strcmp(argv[i], "-y"))
			yes = true;
		else if (!strncmp(argv[i], "-", 1))
			return cli_usage_error(ctx, "'%s' is not an option of delete", argv[i]);
		else if (!kind)
			kind = argv[i];
		else if (!ref)
			ref = argv[i];
		else
			return cli_usage_error(ctx, "'%s': delete takes one record", argv[i]);
	}
	if (!kind || !ref)
		return cli_usage_error(ctx, "give what to delete and its id: candor delete fact 12");
	if (!candor_app_record_table(kind))
		return cli_usage_error(ctx, "'%s' is not a kind of record: %s", kind, candor_app_record_kinds);
	if ((rc = cli_id(ctx, ref, kind, &id)) || (rc = cli_store(ctx, false)))
		return rc;
	cli_app(ctx, &app);
	if ((rc = candor_app_record_delete_plan(&app, kind, id, &d)))
		return cli_fail(ctx, rc);
	if (d.total && !yes) {
		print_deletion(&d, false, stdout);
		printf("nothing was deleted: add --yes to delete all of it ('candor undo' brings it back)\n");
		return CLI_USAGE;
	}
	if ((rc = candor_app_record_delete(&app, kind, id, &d)))
		return cli_fail(ctx, rc);
	print_deletion(&d, true, stdout);
	return CLI_OK;
}

/* undo [BATCH] | undo import BATCH | undo merge BATCH */
int cmd_undo(int argc, char **argv, struct candor_ctx *ctx)
{
	struct candor_app_undone u;
	struct candor_app app;
	const char *only = NULL;
	int64_t id = 0;
	int rc, at = 1;

	for (int i = 1; i < argc; i++)
		if (is_help(argv[i]))
			return cli_help(ctx);
	if (argc > 1 && (!strcmp(argv[1], "import") || !strcmp(argv[1], "merge"))) {
		only = argv[1];
		at = 2;
		if (argc < 3)
			return cli_usage_error(ctx, "which %s? give its batch (candor log --audit)", only);
	}
	if (argc > at + 1)
		return cli_usage_error(ctx, "'%s': undo takes one batch", argv[at + 1]);
	if (argc > at && (rc = cli_id(ctx, argv[at], "batch", &id)))
		return rc;
	if ((rc = cli_store(ctx, false)))
		return rc;
	cli_app(ctx, &app);
	if ((rc = candor_app_undo(&app, id, ctx->seller, only, &u)))
		return cli_fail(ctx, rc);
	return cli_say(ctx, "undid batch %" PRId64 " (%s: %s), %zu change%s put back; "
		       "'candor undo %" PRId64 "' redoes it", u.batch, u.kind, u.what, u.changes,
		       u.changes == 1 ? "" : "s", u.undo);
}

static json_t *change_json(const struct candor_change *c)
{
	json_t *before = c->before[0] ? json_loads(c->before, 0, NULL) : json_null();
	json_t *after = c->after[0] ? json_loads(c->after, 0, NULL) : json_null();
	char subject[64];

	candor_app_change_subject(c, subject, sizeof(subject));
	return json_pack("{s:I,s:s,s:s,s:I,s:s,s:o*,s:o*,s:s}", "id", (json_int_t)c->id,
			 "record", subject, "table", c->tbl, "record_id", (json_int_t)c->record_id,
			 "action", c->action, "before", before, "after", after, "source", c->source);
}

static json_t *batch_json(const struct candor_batch *b, const struct candor_change *c, size_t n)
{
	char at[CANDOR_DATE_MAX], undone[CANDOR_DATE_MAX];
	json_t *arr = json_array();
	bool bad = false;

	for (size_t i = 0; i < n; i++)
		candor_json_push(arr, change_json(&c[i]), &bad);
	candor_date_format(at, sizeof(at), b->at);
	candor_date_format(undone, sizeof(undone), b->undone_at);
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:I,s:o}", "id", (json_int_t)b->id, "kind", b->kind,
			 "what", b->what, "by", b->by, "at", at,
			 "undone_at", b->undone_at ? json_string(undone) : json_null(),
			 "undone_by", (json_int_t)b->undone_by, "changes",
			 candor_json_checked(arr, bad));
}

static void print_batch(const struct candor_batch *b, const struct candor_change *c, size_t n)
{
	char at[CANDOR_DATE_MAX];

	candor_date_format(at, sizeof(at), b->at);
	printf("batch %" PRId64 "  %s  %s  %s: %s", b->id, at, *b->by ? b->by : "-", b->kind, b->what);
	if (b->undone_at)
		printf("  (undone by batch %" PRId64 ")", b->undone_by);
	putchar('\n');
	for (size_t i = 0; i < n; i++) {
		struct candor_buf diff = CANDOR_BUF_INIT;
		char subject[64];

		candor_app_change_subject(&c[i], subject, sizeof(subject));
		candor_app_change_diff(&c[i], &diff);
		printf("    %-6s %s%s%s%s%s\n", c[i].action, subject, diff.len ? ": " : "",
		       diff.len ? diff.ptr : "", c[i].source[0] ? "  from " : "", c[i].source);
		candor_buf_release(&diff);
	}
}

struct audit_opts { const char *account; size_t limit; bool json; };

static int audit_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct audit_opts *o = data;
	char *end;

	switch (code) {
	case 'a':
		o->account = arg;
		break;
	case 'l':
		o->limit = (size_t)strtoul(arg, &end, 10);
		if (*end || !*arg || arg[0] == '-')
			return cli_usage_error(ctx, "--limit takes a number, not '%s'", arg);
		break;
	case 'j':
		o->json = true;
		break;
	}
	return CLI_OK;
}

/* log --audit [CONTACT | --account A] [--limit N] [--json] */
int cmd_log_audit(int argc, char **argv, struct candor_ctx *ctx)
{
	static const struct option opts[] = {
		{ "audit", no_argument, NULL, 'A' }, { "account", required_argument, NULL, 'a' },
		{ "limit", required_argument, NULL, 'l' }, { "json", no_argument, NULL, 'j' }, { 0 }
	};
	struct audit_opts o = { NULL, 20, false };
	struct candor_contact who = { 0 };
	struct candor_account acct = { 0 };
	struct candor_batch *b = NULL;
	struct candor_app app;
	json_t *arr = json_array();
	char **pos;
	size_t n = 0;
	bool bad = false;
	int npos, rc;

	CLI_PARSE(ctx, argc, argv, opts, audit_opt, &o, &pos, &npos);
	if (npos > 1 || (npos && o.account))
		return cli_usage_error(ctx, "give one contact, or --account");
	if ((rc = cli_store(ctx, false)))
		goto cleanup;
	if (npos && (rc = cli_contact(ctx, pos[0], &who)))
		goto cleanup;
	if (o.account && (rc = candor_store_account_find(ctx->store, o.account, &acct))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	cli_app(ctx, &app);
	if ((rc = candor_app_audit_log(&app, who.id, acct.id, o.limit, &b, &n))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		struct candor_change *c = NULL;
		size_t nc = 0;

		if ((rc = candor_store_changes(ctx->store, b[i].id, &c, &nc))) {
			rc = cli_fail(ctx, rc);
			break;
		}
		if (o.json)
			candor_json_push(arr, batch_json(&b[i], c, nc), &bad);
		else
			print_batch(&b[i], c, nc);
		candor_changes_free(c, nc);
	}
	if (!rc && !o.json && !n)
		printf("no changes recorded%s%s\n", who.id ? " for " : "", who.id ? who.name : "");
	if (!rc && o.json) {
		rc = cli_print_json(ctx, candor_json_checked(arr, bad));
		arr = NULL;
	}
cleanup:
	json_decref(arr);
	candor_batches_free(b, n);
	candor_contact_release(&who);
	candor_account_release(&acct);
	return rc;
}
