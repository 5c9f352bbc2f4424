/*
 * cmd-import.c: `candor import`, transcripts stored as interactions.
 *
 * Every file is read and analysed before the database is touched, and all
 * of them are stored in the command's one transaction: a bad file (or a
 * seller who is not in it) imports nothing.  Each call becomes an
 * interaction with its utterances, the signals found in them (who said
 * what, with offsets), the metrics, and proposals (promises made, facts
 * disclosed) for the seller to accept or dismiss.
 */
#include "util/common.h"
#include <libgen.h>
#include "cli/transcript-file.h"
#include "app/import.h"
#include "app/audit.h"
#include "formats/crm.h"

struct import_opts {
	struct cli_talk_opts talk;
	const char *with, *at, *kind;
	bool json, again;
};

static int import_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct import_opts *o = data;

	if (code == 'w')
		o->with = arg;
	else if (code == 'A')
		o->at = arg;
	else if (code == 'k')
		o->kind = arg;
	else if (code == 'j')
		o->json = true;
	else if (code == 'g')
		o->again = true;
	else
		return cli_talk_opt(ctx, &o->talk, code, arg);
	return CLI_OK;
}

static const struct option import_options[] = {
	{ "with", required_argument, NULL, 'w' },
	{ "at", required_argument, NULL, 'A' },
	{ "kind", required_argument, NULL, 'k' },
	{ "json", no_argument, NULL, 'j' },
	{ "again", no_argument, NULL, 'g' },
	CLI_TALK_OPTIONS,
	{ 0 }
};

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Store one analysed transcript as an interaction with contact c. */
static int store_talk(struct candor_ctx *ctx, const struct import_opts *o,
		      const struct candor_contact *c, const struct cli_talk *t, int kind,
		      int64_t at, int64_t *id)
{
	struct candor_app_call call = {
		.contact = c, .t = &t->t, .a = &t->a, .kind = kind, .at = at,
		.seller = o->talk.seller ? o->talk.seller : ctx->seller,
		.source = base_name(t->path), .again = o->again,
	};
	struct candor_app app;

	if (cli_progress_wanted())
		fprintf(stderr, "storing %s: %zu utterances, %zu signals...\r", t->path,
			t->t.nutts, t->a.nsignals);
	cli_app(ctx, &app);
	return candor_app_call_store(&app, &call, id);
}

/* The command is a batch of kind import ('candor undo import BATCH'). */
static int import_batch(struct candor_ctx *ctx, const struct candor_contact *c, char **files,
			int n)
{
	struct candor_buf what = CANDOR_BUF_INIT;
	struct candor_app app;
	int rc;

	candor_buf_adds(&what, "import");
	for (int i = 0; i < n && what.len < 240; i++)
		candor_buf_addf(&what, " %s", base_name(files[i]));
	candor_buf_addf(&what, " with %s", c->name);
	cli_app(ctx, &app);
	rc = candor_buf_error(&what) ? CANDOR_ERROR
	   : candor_app_batch_open(&app, "import", ctx->seller, what.ptr);
	candor_buf_release(&what);
	return rc ? cli_fail(ctx, rc) : CLI_OK;
}

static void summary(const struct cli_talk *t, int64_t id)
{
	size_t stalls = 0, candid = 0;

	for (size_t i = 0; i < t->a.nsignals; i++) {
		stalls += !strcmp(t->a.signals[i].category, "stall");
		candid += !strcmp(t->a.signals[i].category, "candor") ||
			  !strcmp(t->a.signals[i].category, "disclosure");
	}
	fprintf(stderr, "imported %s as %sinteraction #%" PRId64 ": %zu %s, %zu signals "
		"(%zu stall, %zu candid), %zu proposed promise%s, %zu proposed fact%s "
		"(see 'candor show interaction %" PRId64 "')\n", t->path, t->t.chat ? "chat " : "",
		id, t->t.nutts, t->t.chat ? "messages" : "utterances",
		t->a.nsignals, stalls, candid, t->a.ncommitments, t->a.ncommitments == 1 ? "" : "s",
		t->a.nfacts, t->a.nfacts == 1 ? "" : "s", id);
}

int cmd_import(int argc, char **argv, struct candor_ctx *ctx)
{
	struct import_opts o = { .talk.strict_sides = true };
	struct candor_lexicon *lx = NULL;
	struct candor_analyzer *az = NULL;
	struct candor_contact c = { 0 };
	struct cli_talk *talks = NULL;
	json_t *ids = NULL;
	char **pos;
	int npos, rc, kind = CANDOR_APP_KIND_FROM_FILE;  /* a chat file is a chat */
	int64_t at;
	bool bad = false;

	if (argc >= 2 && !strcmp(argv[1], "contacts"))
		return cli_import_crm(argc - 1, argv + 1, ctx, CANDOR_CRM_CONTACTS);
	if (argc >= 2 && !strcmp(argv[1], "accounts"))
		return cli_import_crm(argc - 1, argv + 1, ctx, CANDOR_CRM_ACCOUNTS);
	CLI_PARSE(ctx, argc, argv, import_options, import_opt, &o, &pos, &npos);
	if (npos < 1)
		return cli_usage_error(ctx, "which transcript? give one or more FILEs");
	if (!o.with)
		return cli_usage_error(ctx, "who was the call with? add --with CONTACT");
	if (!o.talk.seller && !getenv("CANDOR_SELLER"))
		return cli_usage_error(ctx, "who are you in the call? add --seller \"YOUR NAME\" "
				       "as the file names you (or set CANDOR_SELLER)");
	if ((o.kind && (rc = cli_enum(ctx, candor_interaction_kinds, o.kind, "--kind", &kind))) ||
	    (rc = cli_date(ctx, &at, o.at, "--at")) || (rc = cli_lexicon(ctx, &o.talk, &lx)))
		goto cleanup;
	if (candor_analyzer_new(&az, lx, &ctx->err) ||
	    !(talks = calloc((size_t)npos, sizeof(*talks)))) {
		rc = cli_fail(ctx, ctx->err.code ? ctx->err.code : CANDOR_ERROR);
		goto cleanup;
	}
	/* read and analyse everything first: a bad file stops before any write */
	for (int i = 0; i < npos; i++)
		if ((rc = cli_talk_read(ctx, &o.talk, &talks[i], pos[i])) ||
		    (rc = cli_talk_analyse(ctx, az, &talks[i], at)))
			goto cleanup;
	if ((rc = cli_store(ctx, false)) || (rc = cli_contact(ctx, o.with, &c)) ||
	    (rc = import_batch(ctx, &c, pos, npos)))
		goto cleanup;
	if (!(ids = json_array())) {
		rc = cli_errorf(ctx, CLI_INTERNAL, "out of memory");
		goto cleanup;
	}
	for (int i = 0; i < npos; i++) {
		int64_t id = 0;

		if ((rc = store_talk(ctx, &o, &c, &talks[i], kind, at, &id))) {
			rc = cli_fail(ctx, rc);
			goto cleanup;
		}
		candor_json_push(ids, json_pack("{s:I,s:s}", "id", (json_int_t)id, "file", pos[i]), &bad);
		if (!o.json)
			candor_buf_addf(&ctx->after_commit, "%" PRId64 "\n", id);
		summary(&talks[i], id);
	}
	if (o.json)
		rc = cli_hold_json(ctx, bad ? NULL : npos == 1 ? json_incref(json_array_get(ids, 0))
						: json_incref(ids));
cleanup:
	for (int i = 0; talks && i < npos; i++)
		cli_talk_release(&talks[i]);
	free(talks);
	json_decref(ids);
	candor_contact_release(&c);
	candor_analyzer_free(az);
	candor_lexicon_free(lx);
	return rc;
}
