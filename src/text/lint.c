/*
 * lint.c: findings in a seller's draft (see lint.h).
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/error.h"
#include "text/analyze.h"
#include "text/features.h"
#include "text/lint.h"
#include "text/scan.h"
#include "text/sigmodel.h"

struct lint_run {
	struct candor_lint_result *out;
	const struct candor_lexicon *lx;
	const char *text;
	size_t alloc;
	const char *avoid;       /* the pattern the buyer does not use */
	const char *prefer;      /* the buyer's pattern */
	const struct candor_profile *profile;
};

/* The section of the buyer's own pattern, for its @mirror text. */
static const char *mirror_text(const struct candor_lexicon *lx, const char *pattern)
{
	for (size_t i = 0; i < lx->nsections; i++)
		if (!strcmp(lx->sections[i].category, pattern) && lx->sections[i].mirror)
			return lx->sections[i].mirror;
	return "";
}

static void position(const char *text, size_t at, size_t *line, size_t *col)
{
	size_t ls = 0;

	*line = 1;
	for (size_t i = 0; i < at; i++)
		if (text[i] == '\n') {
			(*line)++;
			ls = i + 1;
		}
	*col = 1 + candor_utf8_count(text + ls, at - ls);
}

static char *mirror_why(const struct lint_run *r)
{
	const struct candor_profile *p = r->profile;
	struct candor_buf b = CANDOR_BUF_INIT;
	bool dir = !strcmp(r->prefer, "toward") || !strcmp(r->prefer, "away");

	candor_buf_addf(&b, "the buyer's words lean '%s' (%zu vs %zu); this phrase frames it as '%s'",
			r->prefer,
			dir ? (!strcmp(r->prefer, "toward") ? p->toward : p->away) :
			      (!strcmp(r->prefer, "options") ? p->options : p->procedures),
			dir ? (!strcmp(r->prefer, "toward") ? p->away : p->toward) :
			      (!strcmp(r->prefer, "options") ? p->procedures : p->options),
			r->avoid);
	if (candor_buf_error(&b)) {
		candor_buf_release(&b);
		return NULL;
	}
	return candor_buf_detach(&b, NULL);
}

/* The first @lint section of category: its why and better framing. */
static const struct candor_lex_section *lint_section(const struct candor_lexicon *lx,
						     const char *category)
{
	for (size_t i = 0; i < lx->nsections; i++)
		if (lx->sections[i].lint && !strcmp(lx->sections[i].category, category))
			return &lx->sections[i];
	return NULL;
}

static int add_finding(struct lint_run *r, const struct candor_found *f, bool mirror)
{
	struct candor_lint_finding *x;
	struct candor_lint_result *out = r->out;

	if (out->nfindings == r->alloc) {
		size_t cap = r->alloc ? r->alloc * 2 : 8;
		void *p = realloc(out->findings, cap * sizeof(*x));

		if (!p)
			return CANDOR_ERROR;
		out->findings = p;
		r->alloc = cap;
	}
	x = &out->findings[out->nfindings++];
	memset(x, 0, sizeof(*x));
	position(r->text, f->start, &x->line, &x->column);
	x->start = f->start;
	x->end = f->end;
	x->category = mirror ? "mirror" : f->category;
	x->words = malloc(f->end - f->start + 1);
	if (x->words) {
		memcpy(x->words, r->text + f->start, f->end - f->start);
		x->words[f->end - f->start] = '\0';
		/* words quoted across a line break read as one line: a finding
		 * is one line of output (FILE:LINE:COL: ...) */
		for (char *c = x->words; *c; c++)
			if (*c == '\n' || *c == '\r')
				*c = ' ';
	}
	if (mirror) {
		x->why = mirror_why(r);
		x->better = mirror_text(r->lx, r->prefer);
	} else if (f->phrase != SIZE_MAX) {
		x->why = strdup(candor_lexicon_why(r->lx, f->phrase));
		x->better = candor_lexicon_better(r->lx, f->phrase);
	} else {
		/* found by the model alone: the category's own reason */
		const struct candor_lex_section *sec = lint_section(r->lx, f->category);

		x->why = strdup(sec && sec->why ? sec->why : f->category);
		x->better = sec && sec->better ? sec->better : "";
	}
	return x->words && x->why ? 0 : CANDOR_ERROR;
}

/* Which pattern to avoid, given the profile: "" when nothing to mirror. */
static void choose_mirror(struct lint_run *r, const struct candor_profile *p)
{
	const char *d = candor_profile_direction(p), *s = candor_profile_style(p);

	r->avoid = r->prefer = "";
	if (!strcmp(d, "toward") || !strcmp(d, "away")) {
		r->prefer = d;
		r->avoid = !strcmp(d, "toward") ? "away" : "toward";
	} else if (!strcmp(s, "options") || !strcmp(s, "procedures")) {
		r->prefer = s;
		r->avoid = !strcmp(s, "options") ? "procedures" : "options";
	}
}

/* The findings of one scanned text; base is its offset in the draft.  With
 * keep set, only lint categories whose bit is in keep (the model's
 * verdict) are reported, and missing ones get the model's words. */
static int lint_found(struct lint_run *r, const struct candor_scanner *sc, size_t base,
		      const uint32_t *keep, const struct candor_utt_feats *ft)
{
	uint32_t done = 0;

	for (size_t k = 0; k < sc->nfound; k++) {
		struct candor_found f = sc->found[k];
		int c = candor_signal_category(f.category);

		f.start += base;
		f.end += base;
		if (f.section && f.section->lint && (!keep || (c >= 0 && (*keep & (1u << c))))) {
			if (add_finding(r, &f, false))
				return CANDOR_ERROR;
			if (c >= 0)
				done |= 1u << c;
		}
		if (f.section && *r->avoid && !strcmp(f.category, r->avoid) &&
		    add_finding(r, &f, true))
			return CANDOR_ERROR;
	}
	for (int c = 0; keep && c < CANDOR_NCATS; c++) {
		struct candor_found f = { .phrase = SIZE_MAX, .category = candor_signal_categories[c] };

		if (!(*keep & (1u << c)) || (done & (1u << c)))
			continue;
		/* no phrase of the category: the sentence is what pushes */
		if (ft->nwords) {
			f.start = base + ft->words[0].start;
			f.end = base + ft->words[ft->nwords - 1].end;
		}
		if (add_finding(r, &f, false))
			return CANDOR_ERROR;
	}
	return 0;
}

static int cmp_finding(const void *a, const void *b)
{
	const struct candor_lint_finding *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

/* The draft's sentences, as seller utterances (borrowed text: copies). */
static int split_draft(const char *text, size_t len, struct candor_utterance **out,
		       size_t **offs, size_t *n)
{
	size_t alloc = 0, start = 0;

	*out = NULL;
	*offs = NULL;
	*n = 0;
	for (size_t i = 0; i <= len; i++) {
		/* a line break inside a paragraph is no sentence end; a blank
		 * line is */
		bool para = text[i] == '\n' && i + 1 < len &&
			    (text[i + 1] == '\n' || (text[i + 1] == '\r' && i + 2 < len &&
						     text[i + 2] == '\n'));
		bool stop = i == len || para ||
			    ((text[i] == '.' || text[i] == '?' || text[i] == '!') &&
			     (i + 1 == len || text[i + 1] == ' ' || text[i + 1] == '\n' ||
			      text[i + 1] == '\r'));
		struct candor_utterance *u;

		if (!stop)
			continue;
		if (i < len && text[i] != '\n')
			i++;
		while (start < i && strchr(" \t\r\n", text[start]))
			start++;
		if (i > start) {
			if (*n == alloc) {
				size_t cap = alloc ? 2 * alloc : 16;
				void *p = realloc(*out, cap * sizeof(**out)), *q;

				if (p)
					*out = p;
				q = p ? realloc(*offs, cap * sizeof(**offs)) : NULL;
				if (!q)
					return CANDOR_ERROR;
				*offs = q;
				alloc = cap;
			}
			u = &(*out)[*n];
			memset(u, 0, sizeof(*u));
			u->index = *n;
			u->side = CANDOR_SIDE_SELLER;
			u->speaker = (char *)"";
			u->start = u->end = -1;
			if (!(u->text = strndup(text + start, i - start)))
				return CANDOR_ERROR;
			/* the line breaks of a paragraph read as spaces */
			for (char *c = u->text; *c; c++)
				if (*c == '\n' || *c == '\r')
					*c = ' ';
			(*offs)[(*n)++] = start;
		}
		start = i + 1;
	}
	return 0;
}

/*
 * A letter's furniture: a paragraph of at most four words whose first line
 * ends in a comma ("Hi Dana,", "Best,\nSam", "Thanks again,\nSam").  The
 * model learned from calls, where "best" is a boast; it does not judge
 * these (the phrases still do).
 */
static bool furniture(const char *p, size_t len)
{
	const char *nl = memchr(p, '\n', len);
	size_t line = nl ? (size_t)(nl - p) : len, words = 0;
	bool in = false;

	while (line && strchr(" \t\r", p[line - 1]))
		line--;
	if (!line || p[line - 1] != ',')
		return false;
	for (size_t i = 0; i < len; i++) {
		bool w = !strchr(" \t\r\n", p[i]);

		words += w && !in;
		in = w;
	}
	return words <= 4;
}

/* With a model: it decides which sentences push, the lexicon points at words. */
static int lint_model(struct lint_run *r, struct candor_scanner *sc, const char *text,
		      size_t len)
{
	const struct candor_signal_model *m = candor_lexicon_model(r->lx);
	struct candor_featurizer *fz = NULL;
	struct candor_utterance *u = NULL;
	struct candor_utt_feats *ft = NULL;
	size_t *offs = NULL, n = 0;
	int rc;

	if ((rc = split_draft(text, len, &u, &offs, &n)))
		goto cleanup;
	if (!(ft = calloc(n ? n : 1, sizeof(*ft))) || candor_featurizer_new(&fz, r->lx)) {
		rc = CANDOR_ERROR;
		goto cleanup;
	}
	if ((rc = candor_featurize(fz, u, n, ft, NULL)))
		goto cleanup;
	for (size_t i = 0; i < n && !rc; i++) {
		double prob[CANDOR_NCATS];
		uint32_t keep = 0;

		bool judged = !furniture(text + offs[i], strlen(u[i].text));

		candor_signal_model_score(m, &ft[i], CANDOR_SIDE_SELLER, prob);
		for (int c = 0; judged && c < CANDOR_NCATS; c++) {
			const struct candor_lex_section *sec =
				lint_section(r->lx, candor_signal_categories[c]);

			if (sec && prob[c] >= candor_signal_model_params(m, c)->threshold)
				keep |= 1u << c;
		}
		if (!(rc = candor_scanner_run(sc, u[i].text, strlen(u[i].text), CANDOR_SIDE_UNKNOWN)))
			rc = lint_found(r, sc, offs[i], &keep, &ft[i]);
	}
	if (!rc && r->out->nfindings)
		qsort(r->out->findings, r->out->nfindings, sizeof(*r->out->findings), cmp_finding);
cleanup:
	for (size_t i = 0; u && i < n; i++) {
		free(u[i].text);
		candor_utt_feats_release(&ft[i]);
	}
	free(u);
	free(ft);
	free(offs);
	candor_featurizer_free(fz);
	return rc;
}

int candor_lint(struct candor_lint_result *out, const struct candor_lexicon *lx,
		const char *text, size_t len, const struct candor_profile *mirror,
		struct candor_error *err)
{
	struct candor_scanner sc;
	struct lint_run r = { out, lx, text, 0, "", "", mirror };
	int rc;

	memset(out, 0, sizeof(*out));
	if (candor_scanner_init(&sc, lx))
		return candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
	if (mirror)
		choose_mirror(&r, mirror);
	if (candor_lexicon_model(lx)) {
		rc = lint_model(&r, &sc, text, len);
	} else {
		rc = candor_scanner_run(&sc, text, len, CANDOR_SIDE_UNKNOWN);
		if (!rc)
			rc = lint_found(&r, &sc, 0, NULL, NULL);
	}
	candor_scanner_release(&sc);
	if (rc) {
		candor_lint_release(out);
		return candor_error_set(err, rc, NULL, rc == CANDOR_EINVALID ?
					"the draft is too long" : "out of memory");
	}
	return 0;
}

void candor_lint_release(struct candor_lint_result *r)
{
	for (size_t i = 0; i < r->nfindings; i++) {
		free(r->findings[i].words);
		free(r->findings[i].why);
	}
	free(r->findings);
	r->findings = NULL;
	r->nfindings = 0;
}
