/*
 * analyze-driver.c: the analyse benchmark's stand-in for "candor analyze".
 *
 *     bench-analyze [--lexicon DIR] [--json | --json-tree | --quiet] FILE...
 *
 * Reads WebVTT files as bench/gen-transcripts writes them (cue timings,
 * "<v Name>" speaker tags, a "NOTE seller: Name" line naming the seller;
 * everyone else is the buyer), merges consecutive cues of one speaker into
 * utterances, and analyses each file with one reused analyser.  --json
 * prints each analysis as JSON (the real contract), one line per file,
 * with the streaming writer; --json-tree prints the same through a jansson
 * tree (candor_analysis_to_json + json_dumpf), to compare; by default a summary
 * line per run is printed.  This is a deliberately small reader: the real
 * ones live in src/formats/, and once "candor analyze" exists bench/
 * analyze.sh can time that instead (set CANDOR_ANALYZE).
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/error.h"
#include "text/analyze.h"
#include "text/lexicon.h"

struct vtt {
	struct candor_utterance *u;
	size_t n, alloc;
	char seller[128];
};

/* Read up to two digits' worth of number at *p; -1 if none. */
static long digits(const char **p)
{
	char *end;
	long v = strtol(*p, &end, 10);

	if (end == *p)
		return -1;
	*p = end;
	return v;
}

/* "HH:MM:SS.mmm" or "MM:SS.mmm" in seconds; -1 when malformed. */
static double vtt_time(const char *s)
{
	long part[3] = { 0, 0, 0 }, ms;
	int n = 0;

	while (n < 3) {
		long v = digits(&s);

		if (v < 0)
			return -1;
		part[n++] = v;
		if (*s != ':')
			break;
		s++;
	}
	if (*s++ != '.' || (ms = digits(&s)) < 0)
		return -1;
	if (n == 2)
		return part[0] * 60.0 + part[1] + ms / 1000.0;
	return part[0] * 3600.0 + part[1] * 60.0 + part[2] + ms / 1000.0;
}

static void vtt_release(struct vtt *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->u[i].speaker);
		free(v->u[i].text);
	}
	v->n = 0;
}

/* Add a cue: merge into the last utterance when the speaker is the same. */
static int add_cue(struct vtt *v, const char *who, size_t wl, const char *text,
		   size_t tl, double start, double end)
{
	struct candor_utterance *u = v->n ? &v->u[v->n - 1] : NULL;
	struct candor_buf b = CANDOR_BUF_INIT;

	if (u && strlen(u->speaker) == wl && !memcmp(u->speaker, who, wl)) {
		candor_buf_adds(&b, u->text);
		candor_buf_addch(&b, ' ');
		candor_buf_add(&b, text, tl);
		if (candor_buf_error(&b))
			return -1;
		free(u->text);
		u->text = candor_buf_detach(&b, NULL);
		u->end = end;
		return 0;
	}
	if (v->n == v->alloc) {
		size_t cap = v->alloc ? v->alloc * 2 : 256;
		void *p = realloc(v->u, cap * sizeof(*v->u));

		if (!p)
			return -1;
		v->u = p;
		v->alloc = cap;
	}
	u = &v->u[v->n];
	memset(u, 0, sizeof(*u));
	u->index = v->n++;
	u->speaker = strndup(who, wl);
	u->text = strndup(text, tl);
	u->side = !strcmp(u->speaker, v->seller) ? CANDOR_SIDE_SELLER : CANDOR_SIDE_BUYER;
	u->start = start;
	u->end = end;
	return u->speaker && u->text ? 0 : -1;
}

/* One "<v Name>text</v>" line. */
static int parse_voice(struct vtt *v, const char *line, size_t len, double start, double end)
{
	const char *gt = memchr(line, '>', len), *name = line + 3;
	const char *text, *stop = line + len;

	if (len < 4 || memcmp(line, "<v ", 3) || !gt)
		return add_cue(v, "", 0, line, len, start, end);
	text = gt + 1;
	if (stop - text >= 4 && !memcmp(stop - 4, "</v>", 4))
		stop -= 4;
	return add_cue(v, name, (size_t)(gt - name), text, (size_t)(stop - text), start, end);
}

static int parse_vtt(struct vtt *v, char *s, size_t len)
{
	char *p = s, *end = s + len;
	double start = -1, stop = -1;

	v->seller[0] = '\0';
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = (size_t)((nl ? nl : end) - p);
		char *arrow;

		if (l && p[l - 1] == '\r')
			l--;
		p[l] = '\0';
		if (!strncmp(p, "NOTE seller: ", 13))
			snprintf(v->seller, sizeof(v->seller), "%s", p + 13);
		else if ((arrow = strstr(p, " --> "))) {
			start = vtt_time(p);
			stop = vtt_time(arrow + 5);
		} else if (l && start >= 0 && parse_voice(v, p, l, start, stop))
			return -1;
		else if (!l)
			start = -1;
		p = nl ? nl + 1 : end;
	}
	return 0;
}

struct totals {
	size_t files, bytes, utterances, signals, commitments, facts;
};

enum output { OUT_SUMMARY, OUT_JSON, OUT_JSON_TREE };

static int run_file(struct candor_analyzer *az, const char *path, enum output out,
		    struct totals *t, struct candor_error *err)
{
	struct candor_buf b = CANDOR_BUF_INIT;
	struct candor_analysis a = CANDOR_ANALYSIS_INIT;
	struct vtt v = { 0 };
	int rc;

	if ((rc = candor_buf_read_file(&b, path, err)))
		goto cleanup;
	rc = -1;
	if (parse_vtt(&v, b.ptr, b.len)) {
		candor_error_set(err, CANDOR_ERROR, NULL, "out of memory reading '%s'", path);
		goto cleanup;
	}
	if ((rc = candor_analyzer_run(az, &a, v.u, v.n, 0, err)))
		goto cleanup;
	if (out == OUT_JSON) {
		rc = candor_analysis_write_json(stdout, &a, v.u, v.n);
		putchar('\n');
	} else if (out == OUT_JSON_TREE) {
		json_t *j = candor_analysis_to_json(&a, v.u, v.n);

		rc = j ? json_dumpf(j, stdout, JSON_COMPACT | JSON_REAL_PRECISION(6)) : -1;
		putchar('\n');
		json_decref(j);
	}
	if (rc) {
		candor_error_set(err, CANDOR_ERROR, NULL, "cannot write the JSON of '%s'", path);
		goto cleanup;
	}
	t->files++;
	t->bytes += b.len;
	t->utterances += v.n;
	t->signals += a.nsignals;
	t->commitments += a.ncommitments;
	t->facts += a.nfacts;
cleanup:
	candor_analysis_release(&a);
	vtt_release(&v);
	free(v.u);
	candor_buf_release(&b);
	return rc;
}

int main(int argc, char **argv)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	struct candor_lexicon *lx = NULL;
	struct candor_analyzer *az = NULL;
	struct totals t = { 0 };
	const char *dir = candor_lexicon_default_dir();
	enum output out = OUT_SUMMARY;
	bool quiet = false;
	int i = 1, rc = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--lexicon") && i + 1 < argc)
			dir = argv[++i];
		else if (!strcmp(argv[i], "--json"))
			out = OUT_JSON;
		else if (!strcmp(argv[i], "--json-tree"))
			out = OUT_JSON_TREE;
		else if (!strcmp(argv[i], "--quiet"))
			quiet = true;
		else {
			fprintf(stderr, "usage: bench-analyze [--lexicon DIR] [--json|--json-tree|--quiet] FILE...\n");
			return 2;
		}
	}
	if (candor_lexicon_load(&lx, dir, &err) || candor_analyzer_new(&az, lx, &err))
		goto cleanup;
	for (; i < argc; i++)
		if (run_file(az, argv[i], out, &t, &err))
			goto cleanup;
	if (!quiet && out == OUT_SUMMARY)
		printf("%zu files, %zu bytes, %zu utterances, %zu signals, %zu commitments, %zu facts\n",
		       t.files, t.bytes, t.utterances, t.signals, t.commitments, t.facts);
	rc = 0;
cleanup:
	if (rc)
		fprintf(stderr, "bench-analyze: %s\n", err.msg[0] ? err.msg : "failed");
	candor_analyzer_free(az);
	candor_lexicon_free(lx);
	return rc;
}
