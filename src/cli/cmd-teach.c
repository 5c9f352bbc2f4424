/*
 * cmd-teach.c: teaching the analyser from the command line: `candor
 * signal` (wrong, add, list, undo), `candor reanalyze` and `candor model`
 * (train, use, list).  The rules are the application layer's (app/teach.h).
 */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/transcript-file.h"
#include "app/teach.h"
#include "app/json.h"
#include "text/sigmodel.h"

struct teach_opts {
	struct cli_talk_opts talk;   /* --lexicon */
	bool json, all;
	const char *interaction;
	const char *weight, *jobs;
};

static int teach_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct teach_opts *o = data;

	switch (code) {
	case 'j': o->json = true; break;
	case 'A': o->all = true; break;
	case 'i': o->interaction = arg; break;
	case 'w': o->weight = arg; break;
	case 'J': o->jobs = arg; break;
	default: return cli_talk_opt(ctx, &o->talk, code, arg);
	}
	return CLI_OK;
}

static const struct option teach_options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "all", no_argument, NULL, 'A' },
	{ "interaction", required_argument, NULL, 'i' },
	{ "weight", required_argument, NULL, 'w' },
	{ "jobs", required_argument, NULL, 'J' },
	CLI_TALK_OPTIONS,
	{ 0 }
};

/* A whole number in [lo, hi] for option opt. */
static int cli_count(struct candor_ctx *ctx, const char *arg, const char *opt, long lo, long hi,
		     long *out)
{
	char *end;

	errno = 0;
	*out = strtol(arg, &end, 10);
	if (errno || end == arg || *end || *out < lo || *out > hi)
		return cli_errorf(ctx, CLI_INVALID, "%s '%s' is not a whole number from %ld to %ld",
				  opt, arg, lo, hi);
	return CLI_OK;
}

/* "12:3": interaction 12, its utterance 3 (as 'candor show interaction' numbers them). */
static int utterance_ref(struct candor_ctx *ctx, const char *arg, int64_t *id, int64_t *utt)
{
	const char *colon = strchr(arg, ':');
	char head[32];
	char *end;
	long long v;

	if (!colon || (size_t)(colon - arg) >= sizeof(head))
		return cli_errorf(ctx, CLI_INVALID, "'%s' is not an utterance: write INTERACTION:UTTERANCE "
				  "as 'candor show interaction ID' numbers them, e.g. 12:3", arg);
	memcpy(head, arg, (size_t)(colon - arg));
	head[colon - arg] = '\0';
	if (cli_id(ctx, head, "interaction", id))
		return CLI_INVALID;
	errno = 0;
	v = strtoll(colon + 1, &end, 10);
	if (errno || end == colon + 1 || *end || v < 0)
		return cli_errorf(ctx, CLI_INVALID, "'%s' is not an utterance number (0, 1, 2...)",
				  colon + 1);
	*utt = (int64_t)v;
	return CLI_OK;
}

/* Load the analyser and make one runner of it. */
static int analyser(struct candor_ctx *ctx, const struct teach_opts *o, struct candor_lexicon **lx,
		    struct candor_analyzer **az)
{
	int rc = cli_lexicon(ctx, &o->talk, lx);

	if (!rc && candor_analyzer_new(az, *lx, &ctx->err))
		rc = cli_fail(ctx, ctx->err.code ? ctx->err.code : CANDOR_ERROR);
	return rc;
}

/* Who found the signals, in words, into buf. */
static const char *analyser_name(char *buf, size_t n, const char *a)
{
	if (!*a)
		snprintf(buf, n, "an earlier analyser");
	else if (!strcmp(a, "phrases"))
		snprintf(buf, n, "the phrases alone");
	else
		snprintf(buf, n, "signal model %s", a);
	return buf;
}

static void say_reanalysed(const struct candor_app_reanalysed *r)
{
	char b1[96], b2[96];

	fprintf(stderr, "interaction #%" PRId64 ": %zu signal%s by %s, now %zu by %s", r->id,
		r->nbefore, r->nbefore == 1 ? "" : "s", analyser_name(b1, sizeof(b1), r->before),
		r->nafter, analyser_name(b2, sizeof(b2), r->after));
	if (r->ncorrections)
		fprintf(stderr, " (%zu of your corrections held)", r->ncorrections);
	fprintf(stderr, "\n");
}

static json_t *reanalysed_json(const struct candor_app_reanalysed *r)
{
	return json_pack("{s:I,s:s,s:s,s:I,s:I,s:I}", "id", (json_int_t)r->id, "analyser_before",
			 r->before, "analyser", r->after, "signals_before", (json_int_t)r->nbefore,
			 "signals", (json_int_t)r->nafter, "corrections_held",
			 (json_int_t)r->ncorrections);
}

static int signal_list(struct candor_ctx *ctx, const struct teach_opts *o)
{
	struct candor_correction *c = NULL;
	size_t n = 0;
	int64_t id = 0;
	int rc;

	if ((o->interaction && (rc = cli_id(ctx, o->interaction, "interaction", &id))) ||
	    (rc = cli_store(ctx, false)))
		return rc;
	if ((rc = candor_store_corrections(ctx->store, 0, 0, id, &c, &n)))
		return cli_fail(ctx, rc);
	if (o->json) {
		json_t *a = candor_json_corrections(c, n);

		rc = a ? cli_print_json(ctx, a) : cli_errorf(ctx, CLI_INTERNAL, "out of memory");
	} else {
		if (!n)
			printf("no corrections yet: 'candor signal wrong ID' or 'candor signal add "
			       "INTERACTION:UTTERANCE CATEGORY' records one\n");
		for (size_t i = 0; i < n; i++) {
			char d[CANDOR_DATE_MAX];

			candor_date_format(d, sizeof(d), c[i].at);
			size_t cut = 0;

			/* the first 60 characters, cut at a whole one */
			for (int k = 0; k < 60 && c[i].text[cut]; k++)
				do
					cut++;
				while ((c[i].text[cut] & 0xc0) == 0x80);
			printf("#%-4" PRId64 " %s  %" PRId64 ":%" PRId64 "  %-8s %-14s \"%.*s%s\"\n",
			       c[i].id, d, c[i].interaction_id, c[i].utterance,
			       candor_name_of(candor_verdicts, c[i].verdict), c[i].category, (int)cut,
			       c[i].text, c[i].text[cut] ? "..." : "");
		}
	}
	candor_corrections_free(c, n);
	return rc;
}

int cmd_signal(int argc, char **argv, struct candor_ctx *ctx)
{
	struct teach_opts o = { 0 };
	struct candor_app app;
	struct candor_lexicon *lx = NULL;
	struct candor_analyzer *az = NULL;
	char **pos;
	int npos, rc;
	int64_t id = 0, utt = 0, out = 0;

	CLI_PARSE(ctx, argc, argv, teach_options, teach_opt, &o, &pos, &npos);
	if (npos < 1)
		return cli_usage_error(ctx, "write 'candor signal wrong ID', 'signal add "
				       "INTERACTION:UTTERANCE CATEGORY', 'signal list' or 'signal undo ID'");
	if (!strcmp(pos[0], "list")) {
		if (npos != 1)
			return cli_usage_error(ctx, "'signal list' takes no arguments (--interaction ID)");
		return signal_list(ctx, &o);
	}
	if (!strcmp(pos[0], "wrong")) {
		if (npos != 2)
			return cli_usage_error(ctx, "give one signal id (see 'candor show interaction ID')");
		if ((rc = cli_id(ctx, pos[1], "signal", &id)) || (rc = cli_store(ctx, false)))
			return rc;
		struct candor_app_corrected done;

		cli_app(ctx, &app);
		if ((rc = candor_app_signal_wrong(&app, id, "", &done)))
			return cli_fail(ctx, rc);
		fprintf(stderr, "signal #%" PRId64 " taken away; correction #%" PRId64 " kept "
			"('candor model train' learns from it, 'candor signal undo %" PRId64 "' takes "
			"it back)\n", id, done.correction, done.correction);
		return cli_print_id(ctx, o.json, "correction", done.correction, NULL);
	}
	if (!strcmp(pos[0], "add")) {
		if (npos != 3)
			return cli_usage_error(ctx, "write 'candor signal add INTERACTION:UTTERANCE CATEGORY'");
		if ((rc = utterance_ref(ctx, pos[1], &id, &utt)) || (rc = cli_store(ctx, false)))
			return rc;
		cli_app(ctx, &app);
		if ((rc = candor_app_signal_add(&app, id, utt, pos[2], "", &out)))
			return cli_fail(ctx, rc);
		fprintf(stderr, "%s added to %" PRId64 ":%" PRId64 "; correction #%" PRId64 " kept\n",
			pos[2], id, utt, out);
		return cli_print_id(ctx, o.json, "correction", out, NULL);
	}
	if (!strcmp(pos[0], "undo")) {
		struct candor_app_reanalysed r;

		if (npos != 2)
			return cli_usage_error(ctx, "give one correction id (see 'candor signal list')");
		if ((rc = cli_id(ctx, pos[1], "correction", &id)) ||
		    (rc = analyser(ctx, &o, &lx, &az)) || (rc = cli_store(ctx, false)))
			goto cleanup;
		cli_app(ctx, &app);
		if ((rc = candor_app_correction_undo(&app, id, az, &r))) {
			rc = cli_fail(ctx, rc);
			goto cleanup;
		}
		printf("correction #%" PRId64 " taken back\n", id);
		say_reanalysed(&r);
		goto cleanup;
	}
	return cli_usage_error(ctx, "no 'signal %s': wrong, add, list or undo", pos[0]);
cleanup:
	candor_analyzer_free(az);
	candor_lexicon_free(lx);
	return rc;
}

int cmd_reanalyze(int argc, char **argv, struct candor_ctx *ctx)
{
	struct teach_opts o = { 0 };
	struct candor_app app;
	struct candor_lexicon *lx = NULL;
	struct candor_analyzer *az = NULL;
	json_t *all = NULL;
	int64_t *ids = NULL;
	size_t n = 0;
	char **pos;
	int npos, rc;

	CLI_PARSE(ctx, argc, argv, teach_options, teach_opt, &o, &pos, &npos);
	if ((npos == 0) == !o.all)
		return cli_usage_error(ctx, "give the interactions to analyse again (ids), or --all");
	if (npos && !(ids = calloc((size_t)npos, sizeof(*ids))))
		return cli_errorf(ctx, CLI_INTERNAL, "out of memory");
	for (int i = 0; i < npos; i++, n++)
		if ((rc = cli_id(ctx, pos[i], "interaction", &ids[i])))
			goto cleanup;
	if ((rc = analyser(ctx, &o, &lx, &az)) || (rc = cli_store(ctx, false)))
		goto cleanup;
	cli_app(ctx, &app);
	if (o.all && (rc = candor_app_transcripts(&app, &ids, &n))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	/* every id exists and has a transcript, before anything is said or changed */
	for (size_t i = 0; i < n; i++)
		if ((rc = candor_app_transcript_check(&app, ids[i]))) {
			rc = cli_fail(ctx, rc);
			goto cleanup;
		}
	if (!(all = json_array())) {
		rc = cli_errorf(ctx, CLI_INTERNAL, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		struct candor_app_reanalysed r;

		if ((rc = candor_app_interaction_reanalyse(&app, ids[i], az, &r))) {
			rc = cli_fail(ctx, rc);
			goto cleanup;
		}
		if (!o.json)
			say_reanalysed(&r);
		if (json_array_append_new(all, reanalysed_json(&r))) {
			rc = cli_errorf(ctx, CLI_INTERNAL, "out of memory");
			goto cleanup;
		}
	}
	if (o.json)
		rc = cli_hold_json(ctx, json_incref(all));
	else
	{
		char b[96];

		printf("%zu interaction%s analysed again by %s\n", n, n == 1 ? "" : "s",
		       analyser_name(b, sizeof(b), candor_analyser_id(lx)));
	}
cleanup:
	json_decref(all);
	free(ids);
	candor_analyzer_free(az);
	candor_lexicon_free(lx);
	return rc;
}

static void print_scores(const struct candor_app_trained *t)
{
	printf("cross-validated F1 by call    before   after\n");
	for (int c = 0; c <= CANDOR_NCATS; c++) {
		const char *name = c < CANDOR_NCATS ? candor_signal_categories[c] : "macro";

		printf("  %-26s", name);
		if (t->before[c] >= 0)
			printf(" %6.2f ", t->before[c]);
		else
			printf("      - ");
		if (t->after[c] >= 0)
			printf(" %6.2f\n", t->after[c]);
		else
			printf("      -\n");
	}
}

/* Which categories were trained, and why the others were not. */
static void print_trained(const struct candor_app_trained *t)
{
	uint32_t all = (1u << CANDOR_NCATS) - 1;
	const char *sep = "";

	if (t->trained == all) {
		printf("trained every category\n");
		return;
	}
	printf("trained %d categor%s, those the corrections are about:", __builtin_popcount(t->trained),
	       __builtin_popcount(t->trained) == 1 ? "y" : "ies");
	for (int c = 0; c < CANDOR_NCATS; c++)
		if (t->trained & (1u << c)) {
			printf("%s %s", sep, candor_signal_categories[c]);
			sep = ",";
		}
	printf("\nthe other %d are the shipped model's, unchanged: no label of theirs changed\n",
	       CANDOR_NCATS - __builtin_popcount(t->trained));
}

static int model_train(struct candor_ctx *ctx, const struct teach_opts *o)
{
	struct candor_app app;
	struct candor_app_train t = { 0 };
	struct candor_app_trained r;
	struct candor_lexicon *lx = NULL;
	long v;
	int rc;

	if ((o->weight && (rc = cli_count(ctx, o->weight, "--weight", 1, 1000, &v))))
		return rc;
	t.weight = o->weight ? (unsigned)v : 0;
	if ((o->jobs && (rc = cli_count(ctx, o->jobs, "--jobs", 1, 64, &v))))
		return rc;
	t.threads = o->jobs ? (int)v : 0;
	t.progress = stderr;
	if ((rc = cli_lexicon(ctx, &o->talk, &lx)) || (rc = cli_store(ctx, false)))
		goto cleanup;
	/* training reads the corrections and writes nothing to the store: a
	 * read snapshot, so other writers are not held back for its minute */
	if ((rc = candor_store_commit(ctx->store)) || (rc = candor_store_begin_read(ctx->store))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	cli_app(ctx, &app);
	if ((rc = candor_app_model_train(&app, lx, &t, &r))) {
		rc = cli_fail(ctx, rc);
		goto cleanup;
	}
	if (!r.trained) {
		printf("no corrections yet, so nothing to learn: the model in use stays (%s)\n"
		       "correct a signal first: 'candor signal wrong ID', 'candor signal add "
		       "INTERACTION:UTTERANCE CATEGORY'\n", r.previous);
		goto cleanup;
	}
	printf("model %s trained in %.1f s from the corpus and %zu correction%s (%zu utterance%s)\n",
	       r.id, r.seconds, r.corrections, r.corrections == 1 ? "" : "s", r.utterances,
	       r.utterances == 1 ? "" : "s");
	print_trained(&r);
	print_scores(&r);
	if (r.before[CANDOR_NCATS] >= 0 && r.after[CANDOR_NCATS] < r.before[CANDOR_NCATS] - 0.005)
		printf("note: its cross-validated macro-F1 is lower than the model before (%.2f, was "
		       "%.2f); 'candor model use previous' goes back\n", r.after[CANDOR_NCATS],
		       r.before[CANDOR_NCATS]);
	printf("now in use: %s\nthe one before: %s ('candor model use previous' goes back)\n",
	       r.path, r.previous);
	printf("stored conversations keep their signals until 'candor reanalyze --all'\n");
cleanup:
	candor_lexicon_free(lx);
	return rc;
}

static int model_list(struct candor_ctx *ctx, const struct teach_opts *o)
{
	struct candor_app_model_entry *v = NULL;
	size_t n = 0;
	int rc = candor_app_model_list(&v, &n, &ctx->err);
	json_t *a;

	if (rc)
		return cli_fail(ctx, rc);
	if (o->json) {
		a = json_array();
		for (size_t i = 0; a && i < n; i++)
			if (json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:b,s:b,s:f}", "id", v[i].id,
					"file", i ? v[i].file : "shipped", "about", v[i].about, "current",
					v[i].current, "previous", v[i].previous, "macro_f1", v[i].macro))) {
				json_decref(a);
				a = NULL;
			}
		rc = a ? cli_print_json(ctx, a) : cli_errorf(ctx, CLI_INTERNAL, "out of memory");
	} else {
		for (size_t i = 0; i < n; i++)
			printf("%s %s  %-28s macro-F1 %s%.2f  %s%s\n", v[i].current ? "*" : " ",
			       v[i].id, i ? v[i].file : "shipped", v[i].macro < 0 ? "-" : "",
			       v[i].macro < 0 ? 0 : v[i].macro, v[i].about,
			       v[i].previous ? " (previous)" : "");
		if (getenv("CANDOR_MODEL") && *getenv("CANDOR_MODEL"))
			printf("CANDOR_MODEL=%s is set: it decides instead\n", getenv("CANDOR_MODEL"));
	}
	free(v);
	return rc;
}

int cmd_model(int argc, char **argv, struct candor_ctx *ctx)
{
	struct teach_opts o = { 0 };
	char **pos;
	int npos, rc;

	CLI_PARSE(ctx, argc, argv, teach_options, teach_opt, &o, &pos, &npos);
	if (npos < 1)
		return cli_usage_error(ctx, "write 'candor model train', 'model use ID|previous|shipped' "
				       "or 'model list'");
	if (!strcmp(pos[0], "train")) {
		if (npos != 1)
			return cli_usage_error(ctx, "'model train' takes no arguments");
		return model_train(ctx, &o);
	}
	if (!strcmp(pos[0], "list")) {
		if (npos != 1)
			return cli_usage_error(ctx, "'model list' takes no arguments");
		return model_list(ctx, &o);
	}
	if (!strcmp(pos[0], "use")) {
		char id[64];

		if (npos != 2)
			return cli_usage_error(ctx, "which model? 'candor model use ID|previous|shipped' "
					       "(see 'candor model list')");
		if ((rc = candor_app_model_use(pos[1], id, sizeof(id), &ctx->err)))
			return cli_fail(ctx, rc);
		printf("model %s now decides the signals; 'candor reanalyze --all' applies it to "
		       "stored conversations\n", id);
		return CLI_OK;
	}
	return cli_usage_error(ctx, "no 'model %s': train, use or list", pos[0]);
}
