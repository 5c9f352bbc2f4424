/*
 * cmd-show.c: `candor show interaction ID`, one stored conversation with
 * the signals marked in its words, its metrics and its proposals.
 */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/ledger.h"
#include "app/interaction.h"
#include "util/json-text.h"

struct show_opts {
	bool json;
};

static int show_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	((struct show_opts *)data)->json = code == 'j' || ((struct show_opts *)data)->json;
	return CLI_OK;
}

static const struct option show_options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ 0 }
};

/* Everything shown about one interaction; released by show_release(). */
struct shown {
	struct candor_contact contact;
	struct candor_app_interaction x;
};

static void show_release(struct shown *s)
{
	candor_contact_release(&s->contact);
	candor_app_interaction_release(&s->x);
}

static int show_load(struct candor_ctx *ctx, int64_t id, struct shown *s)
{
	struct candor_app app;
	char ref[32];
	int rc;

	cli_app(ctx, &app);
	if ((rc = candor_app_interaction_load(&app, id, &s->x)))
		return cli_fail(ctx, rc);
	snprintf(ref, sizeof(ref), "%" PRId64, s->x.scope.contact_id);
	return cli_contact(ctx, ref, &s->contact);
}

/* The byte offset of code point cp in s (its length when past the end). */
static size_t byte_at(const char *s, int64_t cp)
{
	size_t i = 0;

	for (int64_t n = 0; s[i] && n < cp; n++)
		do
			i++;
		while ((s[i] & 0xc0) == 0x80);
	return i;
}

static json_t *proposal_json(const struct candor_proposal_row *p)
{
	json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:I,s:s}", "id", (json_int_t)p->id,
			      "kind", candor_name_of(candor_proposal_kinds, p->kind),
			      "side", candor_name_of(candor_sides, p->side), "text", p->text,
			      "utterance", (json_int_t)p->utterance,
			      "status", candor_name_of(candor_proposal_statuses, p->status));
	bool bad = !j;

	if (p->kind == CANDOR_PROPOSAL_COMMITMENT)
		candor_json_put(j, "due", candor_json_date(p->due), &bad);
	else
		candor_json_put(j, "fact_kind", json_string(candor_name_of(candor_fact_kinds,
								     p->fact_kind)), &bad);
	if (p->record_id)
		candor_json_put(j, "record_id", json_integer((json_int_t)p->record_id), &bad);
	return candor_json_checked(j, bad);
}

static json_t *show_json(const struct shown *s)
{
	json_t *utts = json_array(), *props = json_array(), *metrics;
	bool bad = false;

	for (size_t i = 0; i < s->x.nutts; i++) {
		const struct candor_utterance *u = &s->x.utts[i];
		json_t *sigs = json_array();

		for (size_t k = 0; k < s->x.set.nsignals; k++) {
			const struct candor_signal *g = &s->x.set.signals[k];

			if (g->interaction_id == s->x.it->id && g->utterance == (int64_t)u->index)
				candor_json_push(sigs, json_pack("{s:I,s:s,s:s,s:I,s:I,s:o}", "id",
					(json_int_t)g->id, "category", g->category, "text", g->text,
					"start", (json_int_t)g->start, "end", (json_int_t)g->end,
					"confidence", g->confidence < 0 ? json_null()
									: json_real(g->confidence)), &bad);
		}
		candor_json_push(utts, json_pack("{s:I,s:s,s:s,s:o,s:o,s:s,s:o}", "index",
			(json_int_t)u->index, "speaker", u->speaker, "side", candor_side_name(u->side),
			"start", u->start < 0 ? json_null() : json_real(u->start),
			"end", u->end < 0 ? json_null() : json_real(u->end), "text", u->text,
			"signals", sigs), &bad);
	}
	for (size_t i = 0; i < s->x.nprops; i++)
		candor_json_push(props, proposal_json(&s->x.props[i]), &bad);
	metrics = *s->x.it->metrics ? candor_json_read(s->x.it->metrics) : NULL;
	return json_pack("{s:I,s:s,s:o,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o}", "id", (json_int_t)s->x.it->id,
		"kind", candor_name_of(candor_interaction_kinds, s->x.it->kind),
		"at", candor_json_date(s->x.it->at), "source", s->x.it->source, "seller", s->x.it->seller,
		"analyser", s->x.it->analyser ? s->x.it->analyser : "",
		"text", s->x.it->text, "contact", candor_json_contact(&s->contact),
		"metrics", metrics ? metrics : json_null(), "utterances", candor_json_checked(utts, bad),
		"proposals", props);
}

static void print_utterance(const struct shown *s, const struct candor_utterance *u)
{
	struct cli_mark marks[64];
	char labels[64][48], ref[48];
	size_t n = 0;

	const char *who = *u->speaker ? u->speaker : "?";
	int chars = 0;

	for (const char *c = who; *c; c++)
		chars += (*c & 0xc0) != 0x80; /* pad by characters, not bytes */
	/* the utterance as 'candor signal add' names it, then who said it */
	snprintf(ref, sizeof(ref), "%" PRId64 ":%zu", s->x.it->id, u->index);
	printf("  %-7s %s%*s ", ref, who, chars < 18 ? 18 - chars : 0, "");
	for (size_t k = 0; k < s->x.set.nsignals && n < CANDOR_ARRAY_SIZE(marks); k++) {
		const struct candor_signal *g = &s->x.set.signals[k];

		if (g->interaction_id == s->x.it->id && g->utterance == (int64_t)u->index &&
		    g->start >= 0) {
			snprintf(labels[n], sizeof(labels[n]), "%s #%" PRId64, g->category, g->id);
			marks[n] = (struct cli_mark){ byte_at(u->text, g->start),
						      byte_at(u->text, g->end), labels[n] };
			n++;
		}
	}
	{
		bool shown[64];
		bool any = false;

		cli_print_marked_shown(u->text, marks, n, shown);
		/* a signal over the words of another (one you added over the whole
		 * line) is listed under it, so it can be seen and taken back */
		for (size_t k = 0; k < n; k++)
			if (!shown[k]) {
				printf("%s[%s]", any ? " " : "          also: ", marks[k].category);
				any = true;
			}
		if (any)
			printf("\n");
	}
}

static void show_print(const struct shown *s)
{
	char d[CANDOR_DATE_MAX];

	candor_date_format(d, sizeof(d), s->x.it->at);
	printf("interaction #%" PRId64 ": %s with %s (%s), %s%s%s\n", s->x.it->id,
	       candor_name_of(candor_interaction_kinds, s->x.it->kind), s->contact.name,
	       s->contact.account_name, d, *s->x.it->source ? ", from " : "", s->x.it->source);
	printf("%s\n", s->x.it->text);
	if (s->x.nutts)
		printf("signals found by %s%s; correct them with 'candor signal wrong SIGNAL-ID' or "
		       "'candor signal add INTERACTION:UTTERANCE CATEGORY'\n",
		       !s->x.it->analyser || !*s->x.it->analyser ? "an earlier analyser"
		       : !strcmp(s->x.it->analyser, "phrases") ? "the phrases alone" : "signal model ",
		       s->x.it->analyser && *s->x.it->analyser && strcmp(s->x.it->analyser, "phrases")
		       ? s->x.it->analyser : "");
	if (s->x.it->seller_share >= 0)
		printf("the seller talked %.0f%% of the words (top sellers: about 43%%)\n",
		       s->x.it->seller_share * 100);
	if (s->x.nutts)
		printf("\n");
	for (size_t i = 0; i < s->x.nutts; i++)
		print_utterance(s, &s->x.utts[i]);
	if (s->x.nprops)
		printf("\nproposed (accept with 'candor accept ID', or 'candor dismiss ID'):\n");
	for (size_t i = 0; i < s->x.nprops; i++) {
		const struct candor_proposal_row *p = &s->x.props[i];

		printf("  #%-4" PRId64 " %-9s %-10s ", p->id, candor_name_of(candor_proposal_statuses,
		       p->status), p->kind == CANDOR_PROPOSAL_FACT
		       ? candor_name_of(candor_fact_kinds, p->fact_kind)
		       : p->side == CANDOR_SIDE_SELLER ? "you promised" : "they promised");
		printf("\"%s\"", p->text);
		if (p->due)
			candor_date_format(d, sizeof(d), p->due), printf(" (due %s)", d);
		printf("\n");
	}
}

int cmd_show(int argc, char **argv, struct candor_ctx *ctx)
{
	struct show_opts o = { 0 };
	struct shown s = { 0 };
	char **pos;
	int npos, rc;
	int64_t id;

	CLI_PARSE(ctx, argc, argv, show_options, show_opt, &o, &pos, &npos);
	if (npos != 2 || strcmp(pos[0], "interaction"))
		return cli_usage_error(ctx, "write 'candor show interaction ID'");
	if ((rc = cli_id(ctx, pos[1], "interaction", &id)) || (rc = cli_store(ctx, false)))
		return rc;
	if (!(rc = show_load(ctx, id, &s))) {
		if (o.json)
			rc = cli_print_json(ctx, show_json(&s));
		else
			show_print(&s);
	}
	show_release(&s);
	return rc;
}
