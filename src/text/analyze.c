/*
 * analyze.c: a conversation's signals, commitments, facts and profile
 * (see analyze.h).
 *
 * Each utterance is scanned once (scan.c); every signal found is copied
 * out with its original words and offsets, and the few categories with a
 * meaning beyond the signal feed the proposals: "commitment" (unless
 * hedged) becomes a proposed commitment with a due date read from its
 * sentence (when.c), a section with an @kind (the disclosure sections) or
 * "objection" becomes a proposed discovery fact, and "toward", "away",
 * "options", "procedures" on the buyer side build the profile.
 */
#include "util/common.h"
#include "util/array.h"
#include "util/error.h"
#include "text/analyze-priv.h"
#include "text/features.h"
#include "text/scan.h"
#include "text/sigmodel.h"
#include "text/stack.h"
#include "text/when.h"

#include <math.h>

struct candor_analyzer {
	const struct candor_lexicon *lx;
	const struct candor_signal_model *model;   /* lx's, or NULL */
	struct candor_scanner sc;
	struct candor_featurizer *fz;
	struct candor_utt_feats *feats;
	size_t afeats;
	size_t *words, *questions;
	size_t acount;
	/* with second stages: each utterance's first-stage log-odds, its
	 * stack columns and second-stage probabilities (n of each) */
	bool second;
	struct candor_stack_turn *turns;
	float *cols;
	double *p2;
	size_t asecond;
};

struct run {
	struct candor_analyzer *az;
	struct candor_analysis *a;
	const struct candor_utterance *u;
	size_t n;
	int64_t call_time;
	size_t asignals, acommit, afacts, aevidence;
	size_t cp_byte, cp_count; /* code points before cp_byte, this utterance */
};

static char *copy_span(const char *s, size_t start, size_t end)
{
	char *p = malloc(end - start + 1);

	if (p) {
		memcpy(p, s + start, end - start);
		p[end - start] = '\0';
	}
	return p;
}

int candor_analyzer_new(struct candor_analyzer **out, const struct candor_lexicon *lx,
			struct candor_error *err)
{
	struct candor_analyzer *az = calloc(1, sizeof(*az));

	*out = NULL;
	if (!az || candor_scanner_init(&az->sc, lx)) {
		free(az);
		return candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
	}
	az->lx = lx;
	az->model = candor_lexicon_model(lx);
	for (int c = 0; az->model && c < CANDOR_NCATS; c++)
		az->second |= candor_signal_model_second(az->model, c) != NULL;
	if (az->model && candor_featurizer_new(&az->fz, lx)) {
		candor_analyzer_free(az);
		return candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
	}
	*out = az;
	return 0;
}

void candor_analyzer_free(struct candor_analyzer *az)
{
	if (!az)
		return;
	candor_scanner_release(&az->sc);
	candor_featurizer_free(az->fz);
	for (size_t i = 0; i < az->afeats; i++)
		candor_utt_feats_release(&az->feats[i]);
	free(az->feats);
	free(az->words);
	free(az->questions);
	free(az->turns);
	free(az->cols);
	free(az->p2);
	free(az);
}

static int add_signal(struct run *r, size_t ui, const struct candor_found *f, double conf)
{
	const char *text = r->u[ui].text;
	struct candor_text_signal *s;

	if (candor_array_grow((void **)&r->a->signals, &r->asignals, r->a->nsignals, sizeof(*s)))
		return CANDOR_ERROR;
	s = &r->a->signals[r->a->nsignals];
	s->utterance = ui;
	s->category = f->category;
	s->kind = f->section ? f->section->kind : NULL;
	s->phrase = f->phrase;
	s->start = f->start;
	s->end = f->end;
	if (f->start < r->cp_byte)
		r->cp_byte = r->cp_count = 0;
	r->cp_count += candor_utf8_count(text + r->cp_byte, f->start - r->cp_byte);
	r->cp_byte = f->start;
	s->cstart = r->cp_count;
	s->cend = s->cstart + candor_utf8_count(text + f->start, f->end - f->start);
	s->hedged = f->hedged;
	s->confidence = conf;
	if (!(s->text = copy_span(text, f->start, f->end)))
		return CANDOR_ERROR;
	r->a->nsignals++;
	return 0;
}

/* The due date of a commitment: in its sentence after the promise, else
 * anywhere in the sentence. */
static int64_t due_of(struct run *r, const struct candor_found *f, size_t *ms, size_t *me)
{
	const struct candor_norm *n = &r->az->sc.norm;
	int64_t t;

	t = candor_when_resolve(n->s, f->nsend, f->nstart, r->call_time, ms, me);
	if (!t)
		t = candor_when_resolve(n->s, f->nsend, f->nsstart, r->call_time, ms, me);
	return t;
}

static int add_commitment(struct run *r, size_t ui, const struct candor_found *f)
{
	const struct candor_utterance *u = &r->u[ui];
	struct candor_proposal *p;
	size_t ms, me, os, oe;

	if (candor_array_grow((void **)&r->a->commitments, &r->acommit, r->a->ncommitments, sizeof(*p)))
		return CANDOR_ERROR;
	p = &r->a->commitments[r->a->ncommitments++];
	memset(p, 0, sizeof(*p));
	p->utterance = ui;
	p->side = u->side;
	p->due = due_of(r, f, &ms, &me);
	p->speaker = strdup(u->speaker);
	p->text = copy_span(u->text, f->sstart, f->send);
	p->words = copy_span(u->text, f->start, f->end);
	if (p->due) {
		candor_norm_span(&r->az->sc.norm, u->text, ms, me, &os, &oe);
		if (!(p->due_words = copy_span(u->text, os, oe)))
			return CANDOR_ERROR;
	}
	return p->speaker && p->text && p->words ? 0 : CANDOR_ERROR;
}

static int add_fact(struct run *r, size_t ui, const struct candor_found *f, const char *kind,
		    double conf)
{
	const struct candor_utterance *u = &r->u[ui];
	struct candor_fact_proposal *p;

	for (size_t i = r->a->nfacts; i-- > 0;) {
		p = &r->a->facts[i];
		if (p->utterance != ui)
			break;
		if (p->kind == kind || !strcmp(p->kind, kind))
			if (!strncmp(p->text, u->text + f->sstart, f->send - f->sstart) &&
			    !p->text[f->send - f->sstart])
				return 0;
	}
	if (candor_array_grow((void **)&r->a->facts, &r->afacts, r->a->nfacts, sizeof(*p)))
		return CANDOR_ERROR;
	p = &r->a->facts[r->a->nfacts++];
	p->utterance = ui;
	p->kind = kind;
	p->confidence = conf;
	p->speaker = strdup(u->speaker);
	p->text = copy_span(u->text, f->sstart, f->send);
	return p->speaker && p->text ? 0 : CANDOR_ERROR;
}

static int add_evidence(struct run *r, size_t ui, const struct candor_found *f,
			const char *pattern, size_t *count)
{
	struct candor_profile *pr = &r->a->profile;
	struct candor_profile_evidence *e;

	if (candor_array_grow((void **)&pr->evidence, &r->aevidence, pr->nevidence, sizeof(*e)))
		return CANDOR_ERROR;
	e = &pr->evidence[pr->nevidence];
	e->utterance = ui;
	e->pattern = pattern;
	if (!(e->text = copy_span(r->u[ui].text, f->start, f->end)))
		return CANDOR_ERROR;
	pr->nevidence++;
	(*count)++;
	return 0;
}

static int profile_signal(struct run *r, size_t ui, const struct candor_found *f)
{
	struct candor_profile *pr = &r->a->profile;
	const char *c = f->category;

	if (r->u[ui].side == CANDOR_SIDE_SELLER)
		return 0;
	if (!strcmp(c, "toward"))
		return add_evidence(r, ui, f, "toward", &pr->toward);
	if (!strcmp(c, "away"))
		return add_evidence(r, ui, f, "away", &pr->away);
	if (!strcmp(c, "options"))
		return add_evidence(r, ui, f, "options", &pr->options);
	if (!strcmp(c, "procedures"))
		return add_evidence(r, ui, f, "procedures", &pr->procedures);
	return 0;
}

/*
 * With the model, which discovery fact a signal proposes: a disclosure
 * (of the lexicon's kind, else what bothers them), a goal (what they hope
 * for), an objection; nothing for the other categories.
 */
static const char *model_fact_kind(const char *category, const char *kind)
{
	if (!strcmp(category, "disclosure"))
		return kind ? kind : "bothering";
	if (!strcmp(category, "toward"))
		return kind ? kind : "hoped";
	if (!strcmp(category, "objection"))
		return "objection";
	return NULL;
}

/* Everything one found signal feeds; conf is its confidence. */
static int use_found(struct run *r, size_t ui, const struct candor_found *f, double conf)
{
	const char *kind = f->section ? f->section->kind : NULL;

	if (add_signal(r, ui, f, conf))
		return CANDOR_ERROR;
	if (!strcmp(f->category, "question")) {
		r->az->questions[ui]++;
		return 0;
	}
	if (!kind && !strcmp(f->category, "objection"))
		kind = "objection";
	if (r->az->model)
		kind = model_fact_kind(f->category, kind);
	if (kind && r->u[ui].side != CANDOR_SIDE_SELLER && add_fact(r, ui, f, kind, conf))
		return CANDOR_ERROR;
	if (!strcmp(f->category, "commitment") && !f->hedged && add_commitment(r, ui, f))
		return CANDOR_ERROR;
	return profile_signal(r, ui, f);
}

/* Hedged commitments are not kept as signals either: drop them here. */
static bool dropped(const struct candor_found *f)
{
	return f->hedged && !strcmp(f->category, "commitment");
}

/* The sentence of text around byte at: [*s, *e), spaces trimmed. */
static void sentence_around(const char *text, size_t at, size_t *s, size_t *e)
{
	size_t len = strlen(text), i;

	for (i = at; i > 0; i--)
		if (strchr(".?!", text[i - 1]) && (text[i] == ' ' || text[i] == '\t'))
			break;
	*s = i;
	for (i = at; i < len; i++)
		if (strchr(".?!", text[i]) && (i + 1 == len || text[i + 1] == ' ')) {
			i++;
			break;
		}
	*e = i;
	while (*s < *e && (text[*s] == ' ' || text[*s] == '\t'))
		(*s)++;
	while (*e > *s && (text[*e - 1] == ' ' || text[*e - 1] == '\t'))
		(*e)--;
}

/*
 * A category the model found where the lexicon has no phrase of it: a
 * money or vendor mention covers the words that raised it most; the other
 * categories are about what a sentence does, so they cover the sentence
 * holding those words (the whole utterance when none stands out).
 */
static void model_span(struct run *r, size_t ui, int c, const struct candor_utt_feats *ft,
		       struct candor_found *f)
{
	const char *text = r->u[ui].text, *cat = candor_signal_categories[c];
	size_t tok = 0, ntok = 0, at = 0;
	bool words = candor_signal_model_words(r->az->model, ft, c, &tok, &ntok);

	memset(f, 0, sizeof(*f));
	f->phrase = SIZE_MAX;
	f->category = cat;
	f->nend = f->nsend = r->az->sc.norm.len;
	f->send = strlen(text);
	if (words)
		at = ft->words[tok].start;
	else if (ft->w1 > ft->w0 && ft->w0 < ft->nwords)
		at = ft->words[ft->w0].start;
	if (words && (!strcmp(cat, "price") || !strcmp(cat, "competitor"))) {
		f->start = ft->words[tok].start;
		f->end = ft->words[tok + ntok - 1].end;
	} else {
		sentence_around(text, at, &f->start, &f->end);
	}
	f->sstart = f->start;
	f->send = f->end;
}

/* Whether a lexicon signal lies in the sentence the model found its
 * category in (NULL: the whole utterance). */
static bool in_part(const struct candor_found *f, const struct candor_utt_feats *part)
{
	if (!part || part->w1 <= part->w0 || part->w1 > part->nwords)
		return true;
	return f->start >= part->words[part->w0].start && f->start < part->words[part->w1 - 1].end;
}

static int cmp_signal(const void *a, const void *b)
{
	const struct candor_text_signal *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return strcmp(x->category, y->category);
}

/*
 * The model decides which categories utterance ui carries; the lexicon's
 * phrases of those categories give the words (and the due date of a
 * promise, the kind of a disclosure); a category without one gets the
 * model's own words.  Confidence is the model's probability.
 */
/* One part of utterance ui (a sentence, or the whole: part NULL) carries
 * category c with probability prob: its lexicon phrases of c give the
 * words, else the model's own span. */
static int model_part(struct run *r, size_t ui, int c, const struct candor_utt_feats *part,
		      double prob)
{
	const struct candor_scanner *sc = &r->az->sc;
	struct candor_found f;
	bool any = false;

	for (size_t k = 0; k < sc->nfound; k++)
		if (!strcmp(sc->found[k].category, candor_signal_categories[c]) &&
		    in_part(&sc->found[k], part)) {
			if (use_found(r, ui, &sc->found[k], prob))
				return CANDOR_ERROR;
			any = true;
		}
	if (any)
		return 0;
	model_span(r, ui, c, part ? part : &r->az->feats[ui], &f);
	return use_found(r, ui, &f, prob);
}

/*
 * The model decides which categories utterance ui carries, and where: in
 * each sentence of a long turn that reaches the threshold on its own, or
 * in the turn as a whole when no single sentence does.  Confidence is the
 * model's probability.  A category with a second stage is found when the
 * second stage says so (second_pass), in the sentences its first stage
 * finds it in, else in the whole turn, with the second stage's
 * probability as its confidence.
 */
static int model_signals(struct run *r, size_t ui)
{
	const struct candor_signal_model *m = r->az->model;
	const struct candor_utterance *u = &r->u[ui];
	size_t first = r->a->nsignals, nsent = 0;
	struct candor_utt_feats *sent = NULL;
	double whole[CANDOR_NCATS], ps[CANDOR_NCATS], p2[CANDOR_NCATS];
	const struct candor_second_stage *st[CANDOR_NCATS];
	uint32_t done = 0, found2 = 0, open = 0;

	for (int c = 0; c < CANDOR_NCATS; c++) {
		st[c] = candor_signal_model_second(m, c);
		p2[c] = st[c] ? r->az->p2[ui * CANDOR_NCATS + c] : 0;
		if (st[c] && candor_signal_side_ok(c, u->side) && p2[c] >= st[c]->threshold)
			found2 |= 1u << c;
		if (!st[c] && candor_signal_side_ok(c, u->side))
			open |= 1u << c;
	}
	/* every category decided by a second stage, and none found: the
	 * sentences (scored once already, by second_pass) place nothing */
	if (!found2 && !open)
		return 0;
	if (candor_featurize_sentences(r->az->fz, r->u, r->n, ui, &sent, &nsent, NULL))
		return CANDOR_ERROR;
	candor_signal_model_score(m, &r->az->feats[ui], u->side, whole);
	for (size_t k = 0; k < nsent; k++) {
		candor_signal_model_score(m, &sent[k], u->side, ps);
		for (int c = 0; c < CANDOR_NCATS; c++) {
			if (ps[c] < candor_signal_model_params(m, c)->threshold ||
			    (st[c] && !(found2 & (1u << c))))
				continue;
			if (model_part(r, ui, c, &sent[k], st[c] ? p2[c] : ps[c]))
				return CANDOR_ERROR;
			done |= 1u << c;
		}
	}
	for (int c = 0; c < CANDOR_NCATS; c++) {
		bool found = st[c] ? (found2 & (1u << c)) != 0
				   : whole[c] >= candor_signal_model_params(m, c)->threshold;

		if (!(done & (1u << c)) && found &&
		    model_part(r, ui, c, NULL, st[c] ? p2[c] : whole[c]))
			return CANDOR_ERROR;
	}
	if (r->a->nsignals > first)
		qsort(r->a->signals + first, r->a->nsignals - first, sizeof(*r->a->signals),
		      cmp_signal);
	/* the code-point cursor of add_signal assumed order: recount */
	for (size_t k = first; k < r->a->nsignals; k++) {
		struct candor_text_signal *sg = &r->a->signals[k];

		sg->cstart = candor_utf8_count(u->text, sg->start);
		sg->cend = sg->cstart + candor_utf8_count(u->text + sg->start, sg->end - sg->start);
	}
	return 0;
}

static int analyze_one(struct run *r, size_t ui)
{
	struct candor_scanner *sc = &r->az->sc;
	const struct candor_utterance *u = &r->u[ui];
	int rc;

	r->az->words[ui] = candor_count_words(u->text);
	r->az->questions[ui] = 0;
	r->cp_byte = r->cp_count = 0;
	if ((rc = candor_scanner_run(sc, u->text, strlen(u->text), u->side)))
		return rc;
	if (r->az->model)
		return model_signals(r, ui);
	for (size_t k = 0; k < sc->nfound; k++)
		if (!dropped(&sc->found[k]) &&
		    use_found(r, ui, &sc->found[k], sc->found[k].hedged ? 0.5 : 1.0))
			return CANDOR_ERROR;
	return 0;
}

static int ensure_feats(struct candor_analyzer *az, const struct candor_utterance *u, size_t n)
{
	if (!az->model)
		return 0;
	if (n > az->afeats) {
		struct candor_utt_feats *f = realloc(az->feats, n * sizeof(*f));

		if (!f)
			return CANDOR_ERROR;
		memset(f + az->afeats, 0, (n - az->afeats) * sizeof(*f));
		az->feats = f;
		az->afeats = n;
	}
	return candor_featurize(az->fz, u, n, az->feats, NULL);
}

/* The first stage's log-odds of every category for utterance i: the
 * highest of the whole turn and its sentences, as the trainer scores a
 * row (text/train.c, logit_of). */
static int first_logits(const struct candor_signal_model *m, struct candor_featurizer *fz,
			const struct candor_utt_feats *f, const struct candor_utterance *u,
			size_t n, size_t i, double logit[CANDOR_NCATS])
{
	struct candor_utt_feats *sent = NULL;
	size_t nsent = 0;
	double s[CANDOR_NCATS];

	if (candor_featurize_sentences(fz, u, n, i, &sent, &nsent, NULL))
		return CANDOR_ERROR;
	candor_signal_model_logits(m, &f[i], logit);
	for (size_t k = 0; k < nsent; k++) {
		candor_signal_model_logits(m, &sent[k], s);
		for (int c = 0; c < CANDOR_NCATS; c++)
			logit[c] = fmax(logit[c], s[c]);
	}
	return 0;
}

int candor_second_scores(const struct candor_signal_model *m, struct candor_featurizer *fz,
			 const struct candor_utt_feats *f, const struct candor_utterance *u,
			 size_t n, struct candor_stack_turn *turns, float *cols, double *p2)
{
	for (size_t i = 0; i < n; i++) {
		if (first_logits(m, fz, f, u, n, i, turns[i].logit))
			return CANDOR_ERROR;
		turns[i].side = u[i].side;
		turns[i].speaker = u[i].speaker;
	}
	candor_stack_columns(turns, n, cols);
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < CANDOR_NCATS; c++) {
			const struct candor_second_stage *st = candor_signal_model_second(m, c);

			p2[i * CANDOR_NCATS + c] =
				st ? candor_second_stage_prob(st, cols + i * CANDOR_STACK_DIM) : 0;
		}
	return 0;
}

/* The second stages' probabilities of every utterance (az->p2). */
static int second_pass(struct candor_analyzer *az, const struct candor_utterance *u, size_t n)
{
	if (!az->second)
		return 0;
	if (n > az->asecond) {
		free(az->turns);
		free(az->cols);
		free(az->p2);
		az->turns = calloc(n, sizeof(*az->turns));
		az->cols = malloc(n * CANDOR_STACK_DIM * sizeof(*az->cols));
		az->p2 = malloc(n * CANDOR_NCATS * sizeof(*az->p2));
		az->asecond = az->turns && az->cols && az->p2 ? n : 0;
		if (!az->asecond)
			return CANDOR_ERROR;
	}
	return candor_second_scores(az->model, az->fz, az->feats, u, n, az->turns, az->cols,
				    az->p2);
}

static int ensure_counts(struct candor_analyzer *az, size_t n)
{
	size_t *w, *q;

	if (n <= az->acount)
		return 0;
	w = realloc(az->words, n * sizeof(*w));
	if (w)
		az->words = w;
	q = realloc(az->questions, n * sizeof(*q));
	if (q)
		az->questions = q;
	if (!w || !q)
		return CANDOR_ERROR;
	az->acount = n;
	return 0;
}

int candor_analyzer_run(struct candor_analyzer *az, struct candor_analysis *out,
			const struct candor_utterance *u, size_t n,
			int64_t call_time, struct candor_error *err)
{
	struct run r = { az, out, u, n, call_time, 0, 0, 0, 0, 0, 0 };
	int rc = 0;

	memset(out, 0, sizeof(*out));
	out->call_time = call_time;
	out->analyser = candor_analyser_id(az->lx);
	if (ensure_counts(az, n)) {
		rc = CANDOR_ERROR;
		goto cleanup;
	}
	if ((rc = ensure_feats(az, u, n)) || (az->model && (rc = second_pass(az, u, n))))
		goto cleanup;
	for (size_t i = 0; i < n && !rc; i++)
		rc = analyze_one(&r, i);
	if (!rc)
		candor_metrics_compute(&out->metrics, u, n, az->words, az->questions);
cleanup:
	if (rc) {
		candor_analysis_release(out);
		if (rc == CANDOR_EINVALID)
			return candor_error_set(err, rc, "text", "an utterance is too long");
		return candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
	}
	return 0;
}

int candor_analyze(struct candor_analysis *out, const struct candor_lexicon *lx,
		   const struct candor_utterance *u, size_t n, int64_t call_time,
		   struct candor_error *err)
{
	struct candor_analyzer *az = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = candor_analyzer_new(&az, lx, err)))
		return rc;
	rc = candor_analyzer_run(az, out, u, n, call_time, err);
	candor_analyzer_free(az);
	return rc;
}

void candor_analysis_release(struct candor_analysis *a)
{
	for (size_t i = 0; i < a->nsignals; i++)
		free(a->signals[i].text);
	for (size_t i = 0; i < a->ncommitments; i++) {
		free(a->commitments[i].speaker);
		free(a->commitments[i].text);
		free(a->commitments[i].words);
		free(a->commitments[i].due_words);
	}
	for (size_t i = 0; i < a->nfacts; i++) {
		free(a->facts[i].speaker);
		free(a->facts[i].text);
	}
	for (size_t i = 0; i < a->profile.nevidence; i++)
		free(a->profile.evidence[i].text);
	free(a->signals);
	free(a->commitments);
	free(a->facts);
	free(a->profile.evidence);
	memset(a, 0, sizeof(*a));
}

static const char *lean(size_t a, size_t b, const char *an, const char *bn)
{
	if (!a && !b)
		return "unknown";
	if (a >= 2 * b + 1 || (a > b && b == 0))
		return an;
	if (b >= 2 * a + 1 || (b > a && a == 0))
		return bn;
	return "mixed";
}

const char *candor_profile_direction(const struct candor_profile *p)
{
	return lean(p->toward, p->away, "toward", "away");
}

const char *candor_profile_style(const struct candor_profile *p)
{
	return lean(p->options, p->procedures, "options", "procedures");
}
