/*
 * cmd-record.c: the commands that add one record about a contact:
 * `log`, `promise`, `expect`, `learn`, `value`, `fit` and `decide`.
 *
 * They share one shape (options, a contact, a text, one use case in
 * app/records.h, print the id), so they share one option parser and one
 * opening; each command's function is the part that differs.  The rules
 * (dates, required fields, categories) are the use cases'; a missing
 * option is a usage error here.
 */
#include "util/common.h"
#include "cli/cli.h"
#include "app/records.h"

#define MAX_SAID 32

struct rec {
	const char *at, *due, *by, *kind, *source, *confidence, *verdict, *note, *seller;
	const char *said[MAX_SAID];
	int nsaid;
	bool json, inbound;
	/* filled by rec_open */
	struct candor_app app;
	struct candor_contact contact;
	struct candor_buf text;
	int64_t when;
	char **pos;
	int npos;
};

static int rec_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct rec *r = data;

	switch (code) {
	case 'A': r->at = arg; break;
	case 'd': r->due = arg; break;
	case 'b': r->by = arg; break;
	case 'k': r->kind = arg; break;
	case 's': r->source = arg; break;
	case 'c': r->confidence = arg; break;
	case 'v': r->verdict = arg; break;
	case 'n': r->note = arg; break;
	case 'S': r->seller = arg; break;
	case 'i': r->inbound = true; break;
	case 'j': r->json = true; break;
	case 'y':
		if (r->nsaid == MAX_SAID)
			return cli_usage_error(ctx, "at most %d --said per interaction", MAX_SAID);
		r->said[r->nsaid++] = arg;
		break;
	}
	return CLI_OK;
}

#define OPT_AT { "at", required_argument, NULL, 'A' }
#define OPT_JSON { "json", no_argument, NULL, 'j' }

/*
 * Parse options, find the contact named by the first positional, join the
 * rest (from positional "first_text") into r->text, and open the database.
 * min_text: 1 when a text is required.
 */
static int rec_open(struct candor_ctx *ctx, struct rec *r, int argc, char **argv,
		    const struct option *opts, int first_text, const char *what)
{
	int rc = cli_parse(ctx, argc, argv, opts, rec_opt, r, &r->pos, &r->npos);

	if (rc)
		return rc;
	if (r->npos < 1)
		return cli_usage_error(ctx, "which contact? give a name or an id");
	if (first_text == 2 && r->npos < 2)  /* `value CONTACT given|received TEXT` */
		return cli_usage_error(ctx, "say given or received, then what");
	if (first_text == 2 && candor_name_lookup(candor_value_directions, r->pos[1]) < 0)
		return cli_errorf(ctx, CLI_INVALID, "'%s' is not given or received: write "
				  "'candor value CONTACT given|received TEXT'", r->pos[1]);
	if (what && (rc = cli_text(ctx, &r->text, r->pos + first_text,
				   r->npos - first_text, what)))
		return rc;
	if ((rc = cli_date(ctx, &r->when, r->at, "--at")) || (rc = cli_store(ctx, false)))
		return rc;
	cli_app(ctx, &r->app);
	return cli_contact(ctx, r->pos[0], &r->contact);
}

static int rec_close(struct rec *r, int rc)
{
	candor_contact_release(&r->contact);
	candor_buf_release(&r->text);
	return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
}

/* A use case's result: 0, or the failure reported. */
static int stored(struct candor_ctx *ctx, int rc)
{
	return rc ? cli_fail(ctx, rc) : CLI_OK;
}

/* A required date option (DATE; the use case checks it against the record's date). */
static int due_date(struct candor_ctx *ctx, const char *arg, const char *opt, int64_t *out)
{
	if (!arg)
		return cli_usage_error(ctx, "%s DATE is required", opt);
	return cli_date(ctx, out, arg, opt);
}

/* Split "category:words" (category lowercased, '-' as '_'); the use case checks the category. */
static int parse_said(struct candor_ctx *ctx, const char *arg, char *cat, size_t n,
		      const char **words)
{
	const char *colon = strchr(arg, ':');

	if (!colon || colon == arg || !colon[1])
		return cli_errorf(ctx, CLI_INVALID, "--said '%s': write CATEGORY:WORDS, e.g. "
				  "stall:\"let me think about it\"", arg);
	snprintf(cat, n, "%.*s", (int)(colon - arg), arg);
	for (char *p = cat; *p; p++)
		*p = *p == '-' ? '_' : (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	*words = colon + 1;
	if (candor_app_said_category(cat))
		return CLI_OK;
	return cli_errorf(ctx, CLI_INVALID, "--said: '%s' is not a category (see 'candor log --help')",
			  cat);
}

int cmd_log(int argc, char **argv, struct candor_ctx *ctx)
{
	static const struct option opts[] = {
		OPT_AT, OPT_JSON, { "kind", required_argument, NULL, 'k' },
		{ "inbound", no_argument, NULL, 'i' }, { "seller", required_argument, NULL, 'S' },
		{ "said", required_argument, NULL, 'y' }, { 0 }
	};
	struct rec r = { .text = CANDOR_BUF_INIT };
	char cats[MAX_SAID][32];
	struct candor_app_said said[MAX_SAID];
	struct candor_app_log in = { .kind = CANDOR_INTERACTION_CALL, .said = said };
	int64_t id;
	int rc;

	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--audit"))
			return cmd_log_audit(argc, argv, ctx);
	if ((rc = rec_open(ctx, &r, argc, argv, opts, 1, "what happened (TEXT)")) ||
	    (r.kind && (rc = cli_enum(ctx, candor_interaction_kinds, r.kind, "--kind", &in.kind))))
		return rec_close(&r, rc);
	for (int i = 0; i < r.nsaid; i++, in.nsaid++) {
		if ((rc = parse_said(ctx, r.said[i], cats[i], sizeof(cats[i]), &said[i].words)))
			return rec_close(&r, rc);
		said[i].category = cats[i];
	}
	in.inbound = r.inbound;
	in.at = r.when;
	in.seller = r.seller ? r.seller : ctx->seller;
	in.text = r.text.ptr;
	if (!(rc = stored(ctx, candor_app_interaction_log(&r.app, &r.contact, &in, &id))))
		rc = cli_print_id(ctx, r.json, "interaction", id, NULL);
	return rec_close(&r, rc);
}

/* promise and expect: a text, --at, and a date it is due by. */
static int dated(int argc, char **argv, struct candor_ctx *ctx, const char *opt, int code,
		 const char *what, const char *noun,
		 int (*use)(struct candor_app *, const struct candor_contact *, const char *,
			    int64_t, int64_t, int64_t *))
{
	const struct option opts[] = {
		OPT_AT, OPT_JSON, { opt + 2, required_argument, NULL, code }, { 0 }
	};
	struct rec r = { .text = CANDOR_BUF_INIT };
	int64_t due, id;
	int rc;

	if ((rc = rec_open(ctx, &r, argc, argv, opts, 1, what)) ||
	    (rc = due_date(ctx, code == 'd' ? r.due : r.by, opt, &due)))
		return rec_close(&r, rc);
	if (!(rc = stored(ctx, use(&r.app, &r.contact, r.text.ptr, r.when, due, &id))))
		rc = cli_print_id(ctx, r.json, noun, id, r.text.ptr);
	return rec_close(&r, rc);
}

int cmd_promise(int argc, char **argv, struct candor_ctx *ctx)
{
	return dated(argc, argv, ctx, "--due", 'd', "what you promised (TEXT)", "promise",
		     candor_app_promise_make);
}

int cmd_expect(int argc, char **argv, struct candor_ctx *ctx)
{
	return dated(argc, argv, ctx, "--by", 'b', "the expectation (TEXT)", "expectation",
		     candor_app_expectation_set);
}

int cmd_learn(int argc, char **argv, struct candor_ctx *ctx)
{
	static const struct option opts[] = {
		OPT_AT, OPT_JSON, { "kind", required_argument, NULL, 'k' },
		{ "source", required_argument, NULL, 's' },
		{ "confidence", required_argument, NULL, 'c' }, { 0 }
	};
	struct rec r = { .text = CANDOR_BUF_INIT };
	struct candor_app_fact f = { .confidence = CANDOR_CONF_MEDIUM };
	int64_t id;
	int rc;

	if ((rc = rec_open(ctx, &r, argc, argv, opts, 1, "what you learned (TEXT)")))
		return rec_close(&r, rc);
	if (!r.kind)
		return rec_close(&r, cli_usage_error(ctx, "--kind KIND is required"));
	if ((rc = cli_enum(ctx, candor_fact_kinds, r.kind, "--kind", &f.kind)) ||
	    (r.confidence && (rc = cli_enum(ctx, candor_confidences, r.confidence,
					    "--confidence", &f.confidence))))
		return rec_close(&r, rc);
	f.text = r.text.ptr;
	f.source = r.source;
	f.at = r.when;
	if (!(rc = stored(ctx, candor_app_fact_learn(&r.app, &r.contact, &f, &id))))
		rc = cli_print_id(ctx, r.json, "fact", id, f.text);
	return rec_close(&r, rc);
}

int cmd_value(int argc, char **argv, struct candor_ctx *ctx)
{
	static const struct option opts[] = { OPT_AT, OPT_JSON, { 0 } };
	struct rec r = { .text = CANDOR_BUF_INIT };
	int64_t id;
	int rc, direction;

	if ((rc = rec_open(ctx, &r, argc, argv, opts, 2, "what was exchanged (TEXT)")))
		return rec_close(&r, rc);
	if ((rc = cli_enum(ctx, candor_value_directions, r.pos[1], "direction (given or received)",
			   &direction)))
		return rec_close(&r, rc);
	if (!(rc = stored(ctx, candor_app_value_record(&r.app, &r.contact, direction, r.text.ptr,
						       r.when, &id))))
		rc = cli_print_id(ctx, r.json, "value", id, r.text.ptr);
	return rec_close(&r, rc);
}

int cmd_fit(int argc, char **argv, struct candor_ctx *ctx)
{
	static const struct option opts[] = {
		OPT_AT, OPT_JSON, { "verdict", required_argument, NULL, 'v' }, { 0 }
	};
	struct rec r = { .text = CANDOR_BUF_INIT };
	int64_t id;
	int rc, verdict;

	if ((rc = rec_open(ctx, &r, argc, argv, opts, 1, "what you found together (TEXT)")))
		return rec_close(&r, rc);
	if (!r.verdict)
		return rec_close(&r, cli_usage_error(ctx, "--verdict good|partial|poor|refer is required"));
	if ((rc = cli_enum(ctx, candor_fit_verdicts, r.verdict, "--verdict", &verdict)))
		return rec_close(&r, rc);
	if (!(rc = stored(ctx, candor_app_fit_record(&r.app, &r.contact, verdict, r.text.ptr,
						     r.when, &id))))
		rc = cli_print_id(ctx, r.json, "fit", id, r.text.ptr);
	return rec_close(&r, rc);
}

int cmd_decide(int argc, char **argv, struct candor_ctx *ctx)
{
	static const struct option opts[] = {
		OPT_AT, OPT_JSON, { "note", required_argument, NULL, 'n' }, { 0 }
	};
	struct rec r = { .text = CANDOR_BUF_INIT };
	int64_t id;
	int rc, kind;

	if ((rc = rec_open(ctx, &r, argc, argv, opts, 0, NULL)))
		return rec_close(&r, rc);
	if (r.npos != 2)
		return rec_close(&r, cli_usage_error(ctx, "say what they decided: bought, "
				 "chose-another, decided-not-to-buy or still-deciding"));
	if ((rc = cli_enum(ctx, candor_decision_kinds, r.pos[1], "decision", &kind)))
		return rec_close(&r, rc);
	if (!(rc = stored(ctx, candor_app_decision_record(&r.app, &r.contact, kind, r.note, r.when,
							  &id))))
		rc = cli_print_id(ctx, r.json, "decision", id, NULL);
	return rec_close(&r, rc);
}
