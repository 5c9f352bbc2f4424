/*
 * lint.c: findings in a seller's draft (see lint.h).
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/error.h"
#include "text/analyze.h"
#include "text/lint.h"
#include "text/scan.h"

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
	}
	x->why = mirror ? mirror_why(r) : strdup(candor_lexicon_why(r->lx, f->phrase));
	x->better = mirror ? mirror_text(r->lx, r->prefer) :
			     candor_lexicon_better(r->lx, f->phrase);
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

static int lint_found(struct lint_run *r, const struct candor_scanner *sc)
{
	for (size_t k = 0; k < sc->nfound; k++) {
		const struct candor_found *f = &sc->found[k];

		if (f->section && f->section->lint && add_finding(r, f, false))
			return CANDOR_ERROR;
		if (f->section && *r->avoid && !strcmp(f->category, r->avoid) &&
		    add_finding(r, f, true))
			return CANDOR_ERROR;
	}
	return 0;
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
	rc = candor_scanner_run(&sc, text, len, CANDOR_SIDE_UNKNOWN);
	if (!rc)
		rc = lint_found(&r, &sc);
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
