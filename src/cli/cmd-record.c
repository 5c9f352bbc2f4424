/*
 * cmd-record.c: the commands that add one record about a contact:
 * `log`, `promise`, `expect`, `learn`, `value`, `fit` and `decide`.
 *
 * They share one shape (options, a contact, a text, one insert, print the id),
 * so they share one option parser and one opening; each command's function
 * is the part that differs.
 */
#include "util/common.h"
#include "cli/cli.h"

#define MAX_SAID 32

struct rec {
	const char *at, *due, *by, *kind, *source, *confidence, *verdict, *note, *seller;
	const char *said[MAX_SAID];
	int nsaid;
	bool json, inbound;
	/* filled by rec_open */
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
	if ((rc = cli_past_date(ctx, &r->when, r->at, "--at")) || (rc = cli_store(ctx, false)))
		return rc;
	return cli_contact(ctx, r->pos[0], &r->contact);
}

static int rec_close(struct rec *r, int rc)
{
	candor_contact_release(&r->contact);
	candor_buf_release(&r->text);
	return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
}

/* A store call's result: 0, or the failure reported. */
static int stored(struct candor_ctx *ctx, int rc)
{
	return rc ? cli_fail(ctx, rc) : CLI_OK;
}

/* "due" must be a date no earlier than the record's own date. */
static int due_date(struct candor_ctx *ctx, const char *arg, const char *opt, int64_t since,
		    int64_t *out)
{
	char a[CANDOR_DATE_MAX], b[CANDOR_DATE_MAX];
	int rc;

	if (!arg)
		return cli_usage_error(ctx, "%s DATE is required", opt);
	if ((rc = cli_date(ctx, out, arg, opt)))
		return rc;
	if (*out >= since - (since % CANDOR_DAY))
		return CLI_OK;
	candor_date_format(a, sizeof(a), *out);
	candor_date_format(b, sizeof(b), since);
	return cli_errorf(ctx, CLI_INVALID, "%s %s is before the date it was made (%s)", opt, a, b);
}

static const char *const said_categories[] = {
	"social", "stall", "candor", "disclosure", "toward", "away", "options", "procedures",
	"objection", "question", "price", "competitor", "next_step", "commitment",
	"pressure", "closing", "seller_centric", NULL
};

/* Split "category:words" into a signal; the category must be a known one. */
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
	for (const char *const *c = said_categories; *c; c++)
		if (!strcmp(*c, cat)) {
			*words = colon + 1;
			return CLI_OK;
		}
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
	struct candor_interaction it = { 0 };
	int rc, kind = CANDOR_INTERACTION_CALL;

	if ((rc = rec_open(ctx, &r, argc, argv, opts, 1, "what happened (TEXT)")))
		return rec_close(&r, rc);
	if (r.kind && (rc = cli_enum(ctx, candor_interaction_kinds, r.kind, "--kind", &kind)))
		return rec_close(&r, rc);
	it = (struct candor_interaction){ .account_id = r.contact.account_id,
		.contact_id = r.contact.id, .kind = kind, .inbound = r.inbound, .at = r.when,
		.seller = (char *)(r.seller ? r.seller : ctx->seller), .text = r.text.ptr,
		.source = "", .metrics = "", .seller_share = -1 };
	if ((rc = stored(ctx, candor_store_interaction_add(ctx->store, &it))))
		return rec_close(&r, rc);
	for (int i = 0; i < r.nsaid && !rc; i++) {
		char cat[32];
		const char *words = NULL;
		struct candor_signal sg = { .interaction_id = it.id, .contact_id = it.contact_id };

		if ((rc = parse_said(ctx, r.said[i], cat, sizeof(cat), &words)))
			break;
		sg.category = cat;
		sg.text = (char *)words;
		sg.utterance = sg.start = sg.end = -1;
		sg.quote = "";
		sg.side = strcmp(cat, "pressure") && strcmp(cat, "closing") &&
			  strcmp(cat, "seller_centric") ? CANDOR_SIDE_BUYER : CANDOR_SIDE_SELLER;
		rc = stored(ctx, candor_store_signal_add(ctx->store, it.account_id, &sg));
	}
	if (!rc)
		rc = cli_print_id(ctx, r.json, "interaction", it.id, NULL);
	return rec_close(&r, rc);
}

int cmd_promise(int argc, char **argv, struct candor_ctx *ctx)
{
	static const struct option opts[] = {
		OPT_AT, OPT_JSON, { "due", required_argument, NULL, 'd' }, { 0 }
	};
	struct rec r = { .text = CANDOR_BUF_INIT };
	struct candor_commitment_event made = { .status = CANDOR_COMMITMENT_OPEN };
	struct candor_commitment c = { 0 };
	int rc;

	if ((rc = rec_open(ctx, &r, argc, argv, opts, 1, "what you promised (TEXT)")) ||
	    (rc = due_date(ctx, r.due, "--due", r.when, &made.due)))
		return rec_close(&r, rc);
	made.at = r.when;
	made.note = "";
	c = (struct candor_commitment){ .account_id = r.contact.account_id,
		.contact_id = r.contact.id, .text = r.text.ptr, .made = r.when,
		.events = &made, .nevents = 1 };
	if (!(rc = stored(ctx, candor_store_commitment_add(ctx->store, &c))))
		rc = cli_print_id(ctx, r.json, "promise", c.id, c.text);
	return rec_close(&r, rc);
}

int cmd_expect(int argc, char **argv, struct candor_ctx *ctx)
{
	static const struct option opts[] = {
		OPT_AT, OPT_JSON, { "by", required_argument, NULL, 'b' }, { 0 }
	};
	struct rec r = { .text = CANDOR_BUF_INIT };
	struct candor_expectation e = { 0 };
	int rc;

	if ((rc = rec_open(ctx, &r, argc, argv, opts, 1, "the expectation (TEXT)")) ||
	    (rc = due_date(ctx, r.by, "--by", r.when, &e.by)))
		return rec_close(&r, rc);
	e.account_id = r.contact.account_id;
	e.contact_id = r.contact.id;
	e.text = r.text.ptr;
	e.set_at = r.when;
	if (!(rc = stored(ctx, candor_store_expectation_add(ctx->store, &e))))
		rc = cli_print_id(ctx, r.json, "expectation", e.id, e.text);
	return rec_close(&r, rc);
}

int cmd_learn(int argc, char **argv, struct candor_ctx *ctx)
{
	static const struct option opts[] = {
		OPT_AT, OPT_JSON, { "kind", required_argument, NULL, 'k' },
		{ "source", required_argument, NULL, 's' },
		{ "confidence", required_argument, NULL, 'c' }, { 0 }
	};
	struct rec r = { .text = CANDOR_BUF_INIT };
	struct candor_fact f = { .confidence = CANDOR_CONF_MEDIUM };
	int rc;

	if ((rc = rec_open(ctx, &r, argc, argv, opts, 1, "what you learned (TEXT)")))
		return rec_close(&r, rc);
	if (!r.kind)
		return rec_close(&r, cli_usage_error(ctx, "--kind KIND is required"));
	if ((rc = cli_enum(ctx, candor_fact_kinds, r.kind, "--kind", &f.kind)) ||
	    (r.confidence && (rc = cli_enum(ctx, candor_confidences, r.confidence,
					    "--confidence", &f.confidence))))
		return rec_close(&r, rc);
	f.account_id = r.contact.account_id;
	f.contact_id = r.contact.id;
	f.text = r.text.ptr;
	f.source = (char *)(r.source ? r.source : "");
	f.at = r.when;
	if (!(rc = stored(ctx, candor_store_fact_add(ctx->store, &f))))
		rc = cli_print_id(ctx, r.json, "fact", f.id, f.text);
	return rec_close(&r, rc);
}

int cmd_value(int argc, char **argv, struct candor_ctx *ctx)
{
	static const struct option opts[] = { OPT_AT, OPT_JSON, { 0 } };
	struct rec r = { .text = CANDOR_BUF_INIT };
	struct candor_value v = { 0 };
	int rc;

	if ((rc = rec_open(ctx, &r, argc, argv, opts, 2, "what was exchanged (TEXT)")))
		return rec_close(&r, rc);
	if ((rc = cli_enum(ctx, candor_value_directions, r.pos[1], "direction (given or received)",
			   &v.direction)))
		return rec_close(&r, rc);
	v.account_id = r.contact.account_id;
	v.contact_id = r.contact.id;
	v.text = r.text.ptr;
	v.at = r.when;
	if (!(rc = stored(ctx, candor_store_value_add(ctx->store, &v))))
		rc = cli_print_id(ctx, r.json, "value", v.id, v.text);
	return rec_close(&r, rc);
}

int cmd_fit(int argc, char **argv, struct candor_ctx *ctx)
{
	static const struct option opts[] = {
		OPT_AT, OPT_JSON, { "verdict", required_argument, NULL, 'v' }, { 0 }
	};
	struct rec r = { .text = CANDOR_BUF_INIT };
	struct candor_fit f = { 0 };
	int rc;

	if ((rc = rec_open(ctx, &r, argc, argv, opts, 1, "what you found together (TEXT)")))
		return rec_close(&r, rc);
	if (!r.verdict)
		return rec_close(&r, cli_usage_error(ctx, "--verdict good|partial|poor|refer is required"));
	if ((rc = cli_enum(ctx, candor_fit_verdicts, r.verdict, "--verdict", &f.verdict)))
		return rec_close(&r, rc);
	f.account_id = r.contact.account_id;
	f.contact_id = r.contact.id;
	f.text = r.text.ptr;
	f.at = r.when;
	if (!(rc = stored(ctx, candor_store_fit_add(ctx->store, &f))))
		rc = cli_print_id(ctx, r.json, "fit", f.id, f.text);
	return rec_close(&r, rc);
}

int cmd_decide(int argc, char **argv, struct candor_ctx *ctx)
{
	static const struct option opts[] = {
		OPT_AT, OPT_JSON, { "note", required_argument, NULL, 'n' }, { 0 }
	};
	struct rec r = { .text = CANDOR_BUF_INIT };
	struct candor_decision d = { 0 };
	int rc;

	if ((rc = rec_open(ctx, &r, argc, argv, opts, 0, NULL)))
		return rec_close(&r, rc);
	if (r.npos != 2)
		return rec_close(&r, cli_usage_error(ctx, "say what they decided: bought, "
				 "chose-another, decided-not-to-buy or still-deciding"));
	if ((rc = cli_enum(ctx, candor_decision_kinds, r.pos[1], "decision", &d.kind)))
		return rec_close(&r, rc);
	d.account_id = r.contact.account_id;
	d.contact_id = r.contact.id;
	d.note = (char *)(r.note ? r.note : "");
	d.at = r.when;
	if (!(rc = stored(ctx, candor_store_decision_add(ctx->store, &d))))
		rc = cli_print_id(ctx, r.json, "decision", d.id, NULL);
	return rec_close(&r, rc);
}
