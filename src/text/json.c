/*
 * json.c: an analysis as the JSON contract of analyze.h.
 *
 * Every setter goes through put()/push(), which remember any failure, so a
 * whole document is checked once at the end; on failure the partial
 * document is dropped and NULL returned.
 */
#include "util/common.h"
#include "util/date.h"
#include "text/analyze.h"
#include <math.h>

/* Set o[k] = v (stolen: freed too when o is NULL, out of memory). */
static void put(json_t *o, const char *k, json_t *v, int *bad)
{
	if (!o) {
		json_decref(v);
		*bad = 1;
	} else if (!v || json_object_set_new(o, k, v)) {
		*bad = 1;
	}
}

static void push(json_t *a, json_t *v, int *bad)
{
	if (!a) {
		json_decref(v);
		*bad = 1;
	} else if (!v || json_array_append_new(a, v)) {
		*bad = 1;
	}
}

static json_t *real_or_null(double v)
{
	return v < 0 ? json_null() : json_real(v);
}

double candor_confidence_3(double c)
{
	if (!(c > 0))
		return 0;
	return c >= 1 ? 1 : round(c * 1000) / 1000;
}

static json_t *signal_json(const struct candor_text_signal *s, int *bad)
{
	json_t *o = json_object();

	put(o, "category", json_string(s->category), bad);
	put(o, "text", json_string(s->text), bad);
	put(o, "start", json_integer((json_int_t)s->cstart), bad);
	put(o, "end", json_integer((json_int_t)s->cend), bad);
	put(o, "confidence", json_real(candor_confidence_3(s->confidence)), bad);
	return o;
}

static json_t *utterances_json(const struct candor_analysis *a,
			       const struct candor_utterance *u, size_t n, int *bad)
{
	json_t *arr = json_array();
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object(), *sig = json_array();

		put(o, "index", json_integer((json_int_t)u[i].index), bad);
		put(o, "speaker", json_string(u[i].speaker), bad);
		put(o, "side", json_string(candor_side_name(u[i].side)), bad);
		put(o, "start", real_or_null(u[i].start), bad);
		put(o, "end", real_or_null(u[i].start < 0 ? -1 : u[i].end), bad);
		put(o, "text", json_string(u[i].text), bad);
		for (; k < a->nsignals && a->signals[k].utterance == i; k++)
			push(sig, signal_json(&a->signals[k], bad), bad);
		put(o, "signals", sig, bad);
		push(arr, o, bad);
	}
	return arr;
}

static json_t *side_json(const struct candor_side_metrics *m, int *bad)
{
	json_t *o = json_object();

	put(o, "utterances", json_integer((json_int_t)m->utterances), bad);
	put(o, "words", json_integer((json_int_t)m->words), bad);
	put(o, "questions", json_integer((json_int_t)m->questions), bad);
	put(o, "seconds", real_or_null(m->seconds), bad);
	put(o, "word_share", real_or_null(m->word_share), bad);
	put(o, "time_share", real_or_null(m->time_share), bad);
	put(o, "longest_monologue_words", json_integer((json_int_t)m->longest_words), bad);
	put(o, "longest_monologue_seconds", real_or_null(m->longest_seconds), bad);
	return o;
}

static json_t *metrics_json(const struct candor_metrics *m, int *bad)
{
	json_t *o = json_object();

	put(o, "seller", side_json(&m->seller, bad), bad);
	put(o, "buyer", side_json(&m->buyer, bad), bad);
	put(o, "timed", json_boolean(m->timed), bad);
	put(o, "duration", real_or_null(m->duration), bad);
	put(o, "switches", json_integer((json_int_t)m->switches), bad);
	put(o, "switches_per_minute", real_or_null(m->switches_per_minute), bad);
	put(o, "patience", real_or_null(m->patience), bad);
	put(o, "answers", json_integer((json_int_t)m->answers), bad);
	return o;
}

static json_t *date_or_null(int64_t t)
{
	char buf[CANDOR_DATE_MAX];

	if (!t)
		return json_null();
	candor_date_format(buf, sizeof(buf), t);
	return json_string(buf);
}

static json_t *commitments_json(const struct candor_analysis *a, int *bad)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < a->ncommitments; i++) {
		const struct candor_proposal *p = &a->commitments[i];
		json_t *o = json_object();

		put(o, "utterance", json_integer((json_int_t)p->utterance), bad);
		put(o, "speaker", json_string(p->speaker), bad);
		put(o, "side", json_string(candor_side_name(p->side)), bad);
		put(o, "text", json_string(p->text), bad);
		put(o, "words", json_string(p->words), bad);
		put(o, "due", date_or_null(p->due), bad);
		put(o, "due_words", p->due_words ? json_string(p->due_words) : json_null(), bad);
		push(arr, o, bad);
	}
	return arr;
}

static json_t *facts_json(const struct candor_analysis *a, int *bad)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < a->nfacts; i++) {
		const struct candor_fact_proposal *f = &a->facts[i];
		json_t *o = json_object();

		put(o, "utterance", json_integer((json_int_t)f->utterance), bad);
		put(o, "speaker", json_string(f->speaker), bad);
		put(o, "kind", json_string(f->kind), bad);
		put(o, "text", json_string(f->text), bad);
		put(o, "confidence", json_real(f->confidence), bad);
		push(arr, o, bad);
	}
	return arr;
}

static json_t *profile_json(const struct candor_profile *p, int *bad)
{
	json_t *o = json_object(), *ev = json_array();

	put(o, "direction", json_string(candor_profile_direction(p)), bad);
	put(o, "style", json_string(candor_profile_style(p)), bad);
	put(o, "toward", json_integer((json_int_t)p->toward), bad);
	put(o, "away", json_integer((json_int_t)p->away), bad);
	put(o, "options", json_integer((json_int_t)p->options), bad);
	put(o, "procedures", json_integer((json_int_t)p->procedures), bad);
	for (size_t i = 0; i < p->nevidence; i++) {
		json_t *e = json_object();

		put(e, "utterance", json_integer((json_int_t)p->evidence[i].utterance), bad);
		put(e, "pattern", json_string(p->evidence[i].pattern), bad);
		put(e, "text", json_string(p->evidence[i].text), bad);
		push(ev, e, bad);
	}
	put(o, "evidence", ev, bad);
	return o;
}

json_t *candor_analysis_to_json(const struct candor_analysis *a,
				const struct candor_utterance *u, size_t n)
{
	json_t *root = json_object();
	int bad = 0;

	put(root, "utterances", utterances_json(a, u, n, &bad), &bad);
	put(root, "metrics", metrics_json(&a->metrics, &bad), &bad);
	put(root, "commitments", commitments_json(a, &bad), &bad);
	put(root, "facts", facts_json(a, &bad), &bad);
	put(root, "profile", profile_json(&a->profile, &bad), &bad);
	if (bad) {
		json_decref(root);
		return NULL;
	}
	return root;
}

json_t *candor_metrics_to_json(const struct candor_metrics *m)
{
	int bad = 0;
	json_t *o = metrics_json(m, &bad);

	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}
