/*
 * cmd-analyze.c: `candor analyze`, what a transcript says, stored nowhere.
 */
#include "util/common.h"
#include <pthread.h>
#include <unistd.h>
#include "cli/transcript-file.h"
#include "formats/transcript_json.h"
#include "util/json-text.h"

struct analyze_opts {
	struct cli_talk_opts talk;
	const char *at;
	bool json, cues, explain;
	int jobs;              /* --jobs N: files analysed at once (default: the cores) */
};

static int analyze_opt(struct candor_ctx *ctx, int code, const char *arg, void *data)
{
	struct analyze_opts *o = data;

	if (code == 'j')
		o->json = true;
	else if (code == 'c')
		o->cues = true;
	else if (code == 'x')
		o->explain = true;
	else if (code == 'A')
		o->at = arg;
	else if (code == 'J') {
		long v = 0;
		int rc = cli_whole(ctx, "--jobs", arg, 1, 16, &v);

		if (rc)
			return rc;
		o->jobs = (int)v;
	}
	else
		return cli_talk_opt(ctx, &o->talk, code, arg);
	return CLI_OK;
}

static const struct option analyze_options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "cues", no_argument, NULL, 'c' },
	{ "explain", no_argument, NULL, 'x' },
	{ "at", required_argument, NULL, 'A' },
	{ "jobs", required_argument, NULL, 'J' },
	CLI_TALK_OPTIONS,
	{ 0 }
};

static const char *shown_name(const char *path)
{
	return strcmp(path, "-") ? path : "standard input";
}

static void clock_time(char *dst, size_t n, double secs)
{
	long s = secs < 0 || secs > 1e9 ? 0 : (long)secs;

	if (secs < 0)
		snprintf(dst, n, "--:--");
	else if (secs > 1e9)  /* a file may say anything; past 30 years, raw seconds */
		snprintf(dst, n, "%.0fs", secs);
	else if (s >= 3600)
		snprintf(dst, n, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(dst, n, "%02ld:%02ld", s / 60, s % 60);
}

static void print_cues(const struct cli_talk *t)
{
	char a[32], b[32];

	printf("%s: %s, %zu cues, %zu speakers\n", shown_name(t->path), candor_format_name(t->t.format),
	       t->t.ncues, t->t.nspeakers);
	for (size_t i = 0; i < t->t.ncues; i++) {
		const struct candor_cue *c = &t->t.cues[i];

		clock_time(a, sizeof(a), c->start);
		clock_time(b, sizeof(b), c->end);
		printf("  line %-5zu %s --> %s  %s%s%s\n", c->line, a, b, c->speaker,
		       *c->speaker ? ": " : "", c->plain);
	}
	if (t->t.nskipped)
		printf("  (%zu blocks skipped as the WebVTT spec says, the first at line %zu)\n",
		       t->t.nskipped, t->t.skipped_line);
}

/* The utterance text with each signal marked as [category: words]. */
static void print_marked(const struct candor_analysis *a, size_t u, const char *text)
{
	struct cli_mark marks[64];
	size_t n = 0;

	for (size_t i = 0; i < a->nsignals && n < CANDOR_ARRAY_SIZE(marks); i++)
		if (a->signals[i].utterance == u)
			marks[n++] = (struct cli_mark){ a->signals[i].start, a->signals[i].end,
							a->signals[i].category };
	cli_print_marked(text, marks, n);
}

static void print_metrics(const struct candor_metrics *m)
{
	if (m->seller.word_share < 0 || m->buyer.word_share < 0)
		printf("\ntalk      who is the seller? give --seller NAME for talk share\n");
	else
		printf("\ntalk      seller %.0f%% · buyer %.0f%% (of words%s)\n",
		       m->seller.word_share * 100, m->buyer.word_share * 100,
		       m->timed ? "; by time see --json" : "");
	printf("questions seller %zu · buyer %zu\n", m->seller.questions, m->buyer.questions);
	printf("longest   seller monologue %zu words", m->seller.longest_words);
	if (m->seller.longest_seconds >= 0)
		printf(" (%.0f s)", m->seller.longest_seconds);
	printf("\n");
	if (m->switches_per_minute >= 0)
		printf("pace      %.1f speaker switches a minute", m->switches_per_minute);
	if (m->patience >= 0)
		printf(" · %.1f s pause before answering", m->patience);
	if (m->switches_per_minute >= 0 || m->patience >= 0)
		printf("\n");
}

static void print_analysis(const struct cli_talk *t, char **why)
{
	const struct candor_analysis *a = &t->a;
	char when[32], due[CANDOR_DATE_MAX];

	printf("%s: %s, %zu utterances\n\n", shown_name(t->path), candor_format_name(t->t.format),
	       t->t.nutts);
	for (size_t i = 0; i < t->t.nutts; i++) {
		const struct candor_utterance *u = &t->t.utts[i];

		clock_time(when, sizeof(when), u->start);
		printf("%s %s (%s): ", when, *u->speaker ? u->speaker : "?", candor_side_name(u->side));
		print_marked(a, i, u->text);
		if (why && *why[i])
			fputs(why[i], stdout);
	}
	print_metrics(&a->metrics);
	if (strcmp(candor_profile_direction(&a->profile), "unknown") ||
	    strcmp(candor_profile_style(&a->profile), "unknown"))
		printf("profile   moves %s · decides by %s\n", candor_profile_direction(&a->profile),
		       candor_profile_style(&a->profile));
	else
		printf("profile   not known yet: no toward/away or options/procedures language\n");
	for (size_t i = 0; i < a->ncommitments; i++) {
		const struct candor_proposal *p = &a->commitments[i];

		if (p->due)
			candor_date_format(due, sizeof(due), p->due);
		printf("promise   %s (%s): \"%s\"%s%s\n", p->speaker, candor_side_name(p->side),
		       p->text, p->due ? " due " : "", p->due ? due : "");
	}
	for (size_t i = 0; i < a->nfacts; i++)
		printf("learned   %s: \"%s\"\n", a->facts[i].kind, a->facts[i].text);
}

/* The analysis, with --explain the model's reasons under each utterance. */
static int print_explained(struct candor_ctx *ctx, const struct cli_talk *t,
			   const struct candor_lexicon *lx, bool explain)
{
	char **why = NULL;

	if (explain && candor_analysis_explain(&why, lx, t->t.utts, t->t.nutts, 6, &ctx->err))
		return cli_fail(ctx, ctx->err.code);
	print_analysis(t, why);
	for (size_t i = 0; why && i < t->t.nutts; i++)
		free(why[i]);
	free(why);
	return CLI_OK;
}

static json_t *cues_json(const struct cli_talk *t)
{
	return candor_cues_to_json(&t->t);
}

/*
 * Write t's analysis as JSON, streamed (a tree for a large call would cost
 * more than the analysis).  With several files (file set), an array of
 * {"file": ..., "analysis": ...}: i and n place this one in it.
 */
static int stream_json(struct candor_ctx *ctx, FILE *f, const struct cli_talk *t,
		       const char *file, int i, int n)
{
	char *name;
	int rc;

	if (file) {
		json_t *js = json_string(file);

		name = js ? candor_json_text(js, JSON_ENCODE_ANY) : NULL;
		json_decref(js);
		if (!name)
			return cli_errorf(ctx, CLI_INVALID, "'%s': the file name is not UTF-8", file);
		fprintf(f, "%s{\"file\": %s, \"analysis\": ", i ? ",\n" : "[\n", name);
		free(name);
	}
	rc = candor_analysis_write_json(f, &t->a, t->t.utts, t->t.nutts);
	if (file)
		fprintf(f, "}%s", i == n - 1 ? "\n]" : "");
	fputc('\n', f);
	if (rc)
		return cli_errorf(ctx, rc == CANDOR_EINVALID ? CLI_INVALID : CLI_INTERNAL,
				  "cannot write the analysis of '%s'", t->path);
	return CLI_OK;
}

/*
 * --json over many files, on every core: each worker reads and analyses
 * one file into memory; the files are written out in their order.  Files
 * go in batches of one per worker, so memory holds at most one output per
 * worker.
 */
/*
 * A worker's output buffer, kept from one file to the next (an
 * open_memstream per file would grow a fresh buffer, page by page, for
 * every file).
 */
struct outbuf {
	char *p;
	size_t n, cap;
};

static ssize_t outbuf_write(void *cookie, const char *buf, size_t len)
{
	struct outbuf *ob = cookie;

	if (len > ob->cap - ob->n) {
		size_t cap = ob->cap ? ob->cap : 65536;
		char *p;

		while (len > cap - ob->n) {
			if (cap > SIZE_MAX / 2)
				return 0;
			cap *= 2;
		}
		if (!(p = realloc(ob->p, cap)))
			return 0;
		ob->p = p, ob->cap = cap;
	}
	memcpy(ob->p + ob->n, buf, len);
	ob->n += len;
	return (ssize_t)len;
}

struct job {
	struct candor_ctx ctx;          /* a copy: its own error */
	const struct analyze_opts *o;
	const struct candor_lexicon *lx;
	int64_t at;
	const char *path;
	int index, n;
	struct outbuf *out;
	int rc;
};

static void *job_run(void *arg)
{
	struct job *j = arg;
	struct candor_analyzer *az = NULL;
	struct cli_talk t = { 0 };
	FILE *f;

	j->out->n = 0;
	f = fopencookie(j->out, "w", (cookie_io_functions_t){ .write = outbuf_write });

	if (!f) {
		j->rc = cli_errorf(&j->ctx, CLI_INTERNAL, "out of memory");
		return NULL;
	}
	if (candor_analyzer_new(&az, j->lx, &j->ctx.err))
		j->rc = cli_fail(&j->ctx, j->ctx.err.code);
	if (!j->rc)
		j->rc = cli_talk_read(&j->ctx, &j->o->talk, &t, j->path);
	if (!j->rc)
		j->rc = cli_talk_analyse(&j->ctx, az, &t, j->at);
	if (!j->rc)
		j->rc = stream_json(&j->ctx, f, &t, j->n > 1 ? j->path : NULL, j->index, j->n);
	if (fclose(f) && !j->rc)
		j->rc = cli_errorf(&j->ctx, CLI_INTERNAL, "out of memory");
	cli_talk_release(&t);
	candor_analyzer_free(az);
	return NULL;
}

static int jobs_wanted(const struct analyze_opts *o, int npos)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int n = o->jobs > 0 ? o->jobs : cpus > 0 ? (int)cpus : 1;

	return n > npos ? npos : n > 16 ? 16 : n;
}

static int analyze_json_parallel(struct candor_ctx *ctx, const struct analyze_opts *o,
				 const struct candor_lexicon *lx, int64_t at, char **pos, int npos)
{
	int workers = jobs_wanted(o, npos), rc = CLI_OK;
	struct job jobs[16];
	struct outbuf out[16] = { { 0 } };
	pthread_t threads[16];
	int written = 0;

	for (int first = 0; first < npos && !rc; first += workers) {
		int batch = npos - first < workers ? npos - first : workers;

		for (int k = 0; k < batch; k++) {
			jobs[k] = (struct job){ .ctx = *ctx, .o = o, .lx = lx, .at = at,
						.path = pos[first + k], .index = first + k, .n = npos, .out = &out[k] };
			candor_error_clear(&jobs[k].ctx.err);
			jobs[k].ctx.store = NULL;
			if (batch == 1 || pthread_create(&threads[k], NULL, job_run, &jobs[k]))
				job_run(&jobs[k]), threads[k] = 0;
		}
		for (int k = 0; k < batch; k++) {
			if (threads[k])
				pthread_join(threads[k], NULL);
			if (!rc && !jobs[k].rc && out[k].n &&
			    fwrite(out[k].p, 1, out[k].n, stdout) != out[k].n)
				rc = cli_errorf(ctx, CLI_INTERNAL, "cannot write output");
			written += !rc && !jobs[k].rc;
			if (!rc)
				rc = jobs[k].rc;
		}
	}
	for (int k = 0; k < workers; k++)
		free(out[k].p);
	/* a file failed after others were written: close the array, so
	 * standard output stays JSON (of the files that were analysed) */
	if (rc && npos > 1 && written)
		printf("\n]\n");
	return rc;
}

int cmd_analyze(int argc, char **argv, struct candor_ctx *ctx)
{
	struct analyze_opts o = { 0 };
	struct candor_lexicon *lx = NULL;
	struct candor_analyzer *az = NULL;
	json_t *all = NULL;
	char **pos;
	int npos, rc = CLI_OK;
	int64_t at;
	bool bad = false;

	CLI_PARSE(ctx, argc, argv, analyze_options, analyze_opt, &o, &pos, &npos);
	if (npos < 1)
		return cli_usage_error(ctx, "which transcript? give one or more FILEs (- for standard input)");
	if ((rc = cli_date(ctx, &at, o.at, "--at")))
		return rc;
	if (o.explain && (o.json || o.cues))
		return cli_usage_error(ctx, "--explain prints the analysis for people: not with --json or --cues");
	if (!o.cues && ((rc = cli_lexicon(ctx, &o.talk, &lx)) ||
			(candor_analyzer_new(&az, lx, &ctx->err) && (rc = cli_fail(ctx, ctx->err.code)))))
		goto cleanup;
	if (o.json && !o.cues) {
		rc = analyze_json_parallel(ctx, &o, lx, at, pos, npos);
		goto cleanup;
	}
	if (o.json && o.cues && npos > 1)
		all = json_array();
	for (int i = 0; i < npos && !rc; i++) {
		struct cli_talk t = { 0 };

		rc = cli_talk_read(ctx, &o.talk, &t, pos[i]);
		if (!rc && !o.cues)
			rc = cli_talk_analyse(ctx, az, &t, at);
		if (!rc) {
			if (all)
				candor_json_push(all, json_pack("{s:s,s:o}", "file", pos[i],
								     "cues", cues_json(&t)), &bad);
			else if (o.json)
				rc = cli_print_json(ctx, cues_json(&t));
			else if (o.cues)
				print_cues(&t);
			else
				rc = print_explained(ctx, &t, lx, o.explain);
		}
		cli_talk_release(&t);
	}
	if (all && !rc)
		rc = cli_print_json(ctx, candor_json_checked(all, bad)), all = NULL;
cleanup:
	json_decref(all);
	candor_analyzer_free(az);
	candor_lexicon_free(lx);
	return rc;
}
