/*
 * web/chart.c: trust and its components over time, as an SVG chart drawn
 * by the server.  The model is pure and takes "at", so the history is the
 * model run at even moments from the first evidence to now and just
 * before and at each event (chart.h): a broken promise is a drop on its
 * day, and days without contact show as cooling.  No score is stored.
 *
 * Two panels: trust, credibility, reliability (with its uncertainty band:
 * the Beta opinion's belief to belief + uncertainty) and intimacy above;
 * self-orientation, where lower is better, below on its own.  Each event
 * is a mark (a link with a title, focusable) and a line of the list under
 * the chart, which is what a touch screen or a screen reader uses.
 */
#include "util/common.h"
#include <time.h>
#include "util/array.h"
#include "web/web.h"
#include "web/chart.h"
#include "app/words.h"

#define W 640
#define LEFT 62
#define RIGHT 12
#define TOP 16
#define P1H 200               /* the upper panel: trust, C, R, I */
#define P2TOP 262             /* the lower panel: self-orientation */
#define P2H 70
#define H 372
#define TICKS 6               /* date labels besides the first (odd ones not on a phone) */

static const struct { const char *name, *color, *dash; int width; } series[] = {
	{ "trust", "#1d2330", "", 3 },
	{ "credibility", "#1f5fbf", "", 1 },
	{ "reliability", "#1e7b34", "", 1 },
	{ "intimacy", "#8a4baf", "", 1 },
	{ "self-orientation", "#b3261e", "4 3", 2 },
};
#define SELF 4

struct sample {
	int64_t t;
	double v[5];
	double lo, hi;            /* reliability's uncertainty band */
	int64_t last_two_way;     /* 0 when none */
};

static void sample_at(struct sample *s, const struct candor_evidence *ev, int64_t t)
{
	struct candor_assessment a;
	double n;

	candor_model_assess_numbers(&a, ev, t, NULL);
	n = a.r + a.s + 2.0;
	*s = (struct sample){ t, { a.trust, a.credibility, a.reliability, a.intimacy,
				   a.self_orientation }, a.r / n, (a.r + 2.0) / n, a.last_two_way };
}

static int event_add(struct web_chart_event **v, size_t *n, size_t *alloc, int64_t at,
		     const char *kind, int64_t id, const char *fmt, const char *what,
		     const char *text)
{
	struct web_chart_event *e;

	if (candor_array_grow((void **)v, alloc, *n, sizeof(**v)))
		return -1;
	e = &(*v)[(*n)++];
	e->at = at;
	e->kind = kind;
	e->id = id;
	snprintf(e->text, sizeof(e->text), fmt, what, text);
	return 0;
}

static int event_cmp(const void *x, const void *y)
{
	const struct web_chart_event *a = x, *b = y;
	int k;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if ((k = strcmp(a->kind, b->kind)))
		return k;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* A promise's events: made, each renegotiation and fate, and overdue. */
static int commitment_events(struct web_chart_event **v, size_t *n, size_t *alloc,
			     const struct candor_commitment *c)
{
	struct candor_commitment_state st;
	int rc = event_add(v, n, alloc, c->made, "commitment", c->id, "%s: %s", "promised", c->text);

	for (size_t k = 1; !rc && k < c->nevents; k++)
		rc = event_add(v, n, alloc, c->events[k].at, "commitment", c->id, "promise %s: %s",
			       candor_words_code(candor_name_of(candor_commitment_statuses,
								c->events[k].status)), c->text);
	for (size_t k = 0; !rc && k < c->nevents; k++) {
		int64_t end = candor_due_end(c->events[k].due);

		if (c->events[k].status != CANDOR_COMMITMENT_OPEN &&
		    c->events[k].status != CANDOR_COMMITMENT_RENEGOTIATED)
			continue;
		candor_commitment_state_at(&st, c, end);
		if (st.overdue && st.due == c->events[k].due)
			rc = event_add(v, n, alloc, end, "commitment", c->id, "%s: %s",
				       "promise overdue", c->text);
	}
	return rc;
}

/* When silence turns into cooling (the model's cooling period without two-way contact). */
static int64_t cooling_from(int64_t last_two_way)
{
	return last_two_way + (int64_t)candor_model_default.cooling_days * CANDOR_DAY + 1;
}

/*
 * Add an event where each silence becomes cooling (the model's LIKE gate
 * shuts on it, while the numbers themselves only fade): the cooling period
 * after a two-way contact with no other before it ends.
 */
static int cooling_events(struct web_chart_event **v, size_t *n, const struct candor_evidence *ev,
			  int64_t from, int64_t to)
{
	size_t alloc = *n;
	char when[CANDOR_DATE_MAX], days[32];

	snprintf(days, sizeof(days), "%d days", candor_model_default.cooling_days);
	for (size_t i = 0; i < ev->ninteractions; i++) {
		const struct candor_interaction *it = &ev->interactions[i];
		int64_t c = cooling_from(it->at);
		bool later = false;

		if (!candor_interaction_two_way(it) || c > to || c <= from)
			continue;
		for (size_t k = 0; k < ev->ninteractions && !later; k++)
			later = k != i && candor_interaction_two_way(&ev->interactions[k]) &&
				ev->interactions[k].at >= it->at && ev->interactions[k].at < c &&
				(ev->interactions[k].at > it->at || k > i);
		if (later)
			continue;
		candor_date_format(when, sizeof(when), it->at);
		when[10] = '\0';
		if (event_add(v, n, &alloc, c, "interaction", it->id,
			      "cooling: %s since the last two-way contact (%s)", days, when))
			return -1;
	}
	return 0;
}

int web_chart_events(struct web_chart_event **out, size_t *n, const struct candor_evidence *ev,
		     int64_t from, int64_t to)
{
	struct web_chart_event *v = NULL;
	size_t alloc = 0, k = 0;
	int rc = 0;

	*n = 0;
	for (size_t i = 0; !rc && i < ev->ninteractions; i++)
		rc = event_add(&v, n, &alloc, ev->interactions[i].at, "interaction",
			       ev->interactions[i].id, "%s: %s",
			       candor_name_of(candor_interaction_kinds, ev->interactions[i].kind),
			       ev->interactions[i].text);
	for (size_t i = 0; !rc && i < ev->ncommitments; i++)
		rc = commitment_events(&v, n, &alloc, &ev->commitments[i]);
	for (size_t i = 0; !rc && i < ev->nexpectations; i++) {
		const struct candor_expectation *e = &ev->expectations[i];

		rc = event_add(&v, n, &alloc, e->set_at, "expectation", e->id, "%s: %s",
			       "expectation set", e->text);
		if (!rc && e->status != CANDOR_EXPECTATION_OPEN)
			rc = event_add(&v, n, &alloc, e->resolved_at, "expectation", e->id,
				       "expectation %s: %s",
				       candor_name_of(candor_expectation_statuses, e->status), e->text);
	}
	for (size_t i = 0; !rc && i < ev->nfacts; i++)
		rc = event_add(&v, n, &alloc, ev->facts[i].at, "fact", ev->facts[i].id,
			       "learned (%s): %s", candor_name_of(candor_fact_kinds, ev->facts[i].kind),
			       ev->facts[i].text);
	for (size_t i = 0; !rc && i < ev->nvalues; i++)
		rc = event_add(&v, n, &alloc, ev->values[i].at, "value", ev->values[i].id,
			       "value %s: %s",
			       candor_name_of(candor_value_directions, ev->values[i].direction),
			       ev->values[i].text);
	for (size_t i = 0; !rc && i < ev->nfits; i++)
		rc = event_add(&v, n, &alloc, ev->fits[i].at, "fit", ev->fits[i].id, "fit: %s, %s",
			       candor_words_code(candor_name_of(candor_fit_verdicts, ev->fits[i].verdict)),
			       ev->fits[i].text);
	for (size_t i = 0; !rc && i < ev->ndecisions; i++)
		rc = event_add(&v, n, &alloc, ev->decisions[i].at, "decision", ev->decisions[i].id,
			       "decided: %s%s", candor_words_code(candor_name_of(candor_decision_kinds,
										 ev->decisions[i].kind)), "");
	/* keep those in (from, to] */
	for (size_t i = 0; !rc && i < *n; i++)
		if (v[i].at > from && v[i].at <= to)
			v[k++] = v[i];
	*n = rc ? 0 : k;
	if (!rc)
		rc = cooling_events(&v, n, ev, from, to);
	if (!rc && *n)
		qsort(v, *n, sizeof(*v), event_cmp);
	*out = v;
	return rc;
}

static int time_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return a < b ? -1 : a > b;
}

size_t web_chart_times(int64_t *out, const int64_t *events, size_t nevents, int64_t from,
		       int64_t to)
{
	size_t n = 0, k = 0;

	for (int i = 0; i <= WEB_CHART_GRID + 1 && to > from; i++)
		out[n++] = from + (to - from) * i / (WEB_CHART_GRID + 1);
	if (to <= from)
		out[n++] = to;
	for (size_t i = 0; i < nevents; i++) {
		if (events[i] <= from || events[i] > to)
			continue;
		out[n++] = events[i] - 1;
		out[n++] = events[i];
	}
	qsort(out, n, sizeof(*out), time_cmp);
	for (size_t i = 0; i < n; i++)
		if (!k || out[i] != out[k - 1])
			out[k++] = out[i];
	return k;
}

/* The date of t, "2026-11-04" (the time of day, if any, left out). */
struct day { char s[CANDOR_DATE_MAX]; };
static struct day day(int64_t t)
{
	struct day d;

	candor_date_format(d.s, sizeof(d.s), t);
	d.s[10] = '\0';
	return d;
}

/* "6 Oct", or "6 Oct 2026" with the year. */
static void short_date(char *dst, size_t n, int64_t t, bool year)
{
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
					   "Sep", "Oct", "Nov", "Dec" };
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	if (year)
		snprintf(dst, n, "%d %s %d", tm.tm_mday, mon[tm.tm_mon], tm.tm_year + 1900);
	else
		snprintf(dst, n, "%d %s", tm.tm_mday, mon[tm.tm_mon]);
}

struct frame { int64_t from, to; };

static double xof(const struct frame *f, int64_t t)
{
	return LEFT + (double)(W - LEFT - RIGHT) * (double)(t - f->from) / (double)(f->to - f->from);
}

static double y1of(double v) { return TOP + P1H * (1.0 - v); }
static double y2of(double v) { return P2TOP + P2H * (1.0 - v); }

static void axes(struct candor_buf *b, const struct frame *f)
{
	char d[32];

	for (int i = 0; i <= 4; i++) {
		double y = y1of(1.0 - i / 4.0);

		web_html(b, "<line x1=\"%d\" x2=\"%d\" stroke=\"#e3e6ec\" ", LEFT, W - RIGHT);
		candor_buf_addf(b, "y1=\"%.1f\" y2=\"%.1f\"/><text class=\"axis\" x=\"4\" y=\"%.1f\" "
				"font-size=\"11\" fill=\"#5b6475\">%.2f</text>", y, y, y + 4, 1.0 - i / 4.0);
	}
	web_html(b, "<text class=\"axis\" x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#b3261e\">"
		 "self-orientation: lower is better</text>", LEFT, P2TOP - 8);
	for (int i = 0; i <= 2; i++) {
		double y = y2of(1.0 - i / 2.0);

		web_html(b, "<line x1=\"%d\" x2=\"%d\" stroke=\"#e3e6ec\" ", LEFT, W - RIGHT);
		candor_buf_addf(b, "y1=\"%.1f\" y2=\"%.1f\"/><text class=\"axis\" x=\"4\" y=\"%.1f\" "
				"font-size=\"11\" fill=\"#5b6475\">%.1f</text>", y, y, y + 4, 1.0 - i / 2.0);
	}
	for (int i = 0; i <= TICKS; i++) {
		int64_t t = f->from + (f->to - f->from) * i / TICKS;
		double x = xof(f, t);

		short_date(d, sizeof(d), t, i == 0);
		candor_buf_addf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#c4cad4\"/>",
				x, x, TOP + P1H, TOP + P1H + 4);
		candor_buf_addf(b, "<text class=\"axis tick%s\" x=\"%.1f\" y=\"%d\" font-size=\"11\" "
				"fill=\"#5b6475\" text-anchor=\"%s\">", i % 2 && i < TICKS ? " minor" : "", x, H - 8,
				i == 0 ? "start" : i == TICKS ? "end" : "middle");
		web_html(b, "%s</text>", i == TICKS ? "today" : d);
	}
}

/* Shade the spans in which the buyer is cooling (no two-way contact for the cooling period). */
static void cooling(struct candor_buf *b, const struct frame *f, const struct sample *s, size_t n)
{
	for (size_t i = 0, j; i < n; i = j) {
		bool c = s[i].last_two_way && s[i].t >= cooling_from(s[i].last_two_way);

		for (j = i + 1; j < n && c == (s[j].last_two_way && s[j].t >=
					       cooling_from(s[j].last_two_way)); j++)
			;
		if (!c)
			continue;
		candor_buf_addf(b, "<rect class=\"cooling\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
				"height=\"%d\" fill=\"#9aa5b8\" fill-opacity=\"0.18\">",
				xof(f, s[i].t), TOP, xof(f, s[j - 1].t) - xof(f, s[i].t), P1H);
		web_html(b, "<title>cooling: no two-way contact for %d days or more</title></rect>"
			 "<text class=\"axis\" x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#5b6475\" "
			 "text-anchor=\"end\">cooling</text>", candor_model_default.cooling_days,
			 (int)xof(f, s[j - 1].t) - 4, TOP + 14);
	}
}

/* One "x,y " of a polyline (printf's %.1f, faster: a chart has hundreds). */
static void point(struct candor_buf *b, double x, const char *y)
{
	candor_buf_add_fixed(b, x, 1);
	candor_buf_addch(b, ',');
	candor_buf_adds(b, y);
	candor_buf_addch(b, ' ');
}

/*
 * A line's points, left to right, each written as "x,y " but that the
 * middle ones of a run at one height (as written) are left out: the same
 * line, drawn from its ends.  Most series are flat for long spans, so a
 * buyer page is some 5 KB shorter.  r is where the run stands: its height
 * as written ("" before the first point) and its last point, when that is
 * not written yet.
 */
struct run { char y[32], last_y[32]; double last_x; bool pending; };

static void run_point(struct candor_buf *b, struct candor_buf *scratch, struct run *r, double x,
		      double y)
{
	candor_buf_reset(scratch);
	candor_buf_add_fixed(scratch, y, 1);
	if (scratch->len >= sizeof(r->y))
		candor_buf_truncate(scratch, sizeof(r->y) - 1);
	if (r->y[0] && !strcmp(scratch->ptr, r->y)) {
		r->last_x = x;          /* the run goes on: its end is written when it stops */
		memcpy(r->last_y, scratch->ptr, scratch->len + 1);
		r->pending = true;
		return;
	}
	if (r->pending)
		point(b, r->last_x, r->last_y);
	memcpy(r->y, scratch->ptr, scratch->len + 1);
	r->pending = false;
	point(b, x, r->y);
}

static void run_end(struct candor_buf *b, struct run *r)
{
	if (r->pending)
		point(b, r->last_x, r->last_y);
	*r = (struct run){ 0 };
}

static void lines(struct candor_buf *b, const struct frame *f, const struct sample *s, size_t n)
{
	struct candor_buf scratch = CANDOR_BUF_INIT;
	struct run r = { 0 };

	web_html(b, "<polygon class=\"band\" data-series=\"reliability-uncertainty\" fill=\"#1e7b34\" "
		 "fill-opacity=\"0.12\" points=\"");
	for (size_t i = 0; i < n; i++)
		run_point(b, &scratch, &r, xof(f, s[i].t), y1of(s[i].hi));
	run_end(b, &r);
	for (size_t i = n; i-- > 0;)
		run_point(b, &scratch, &r, xof(f, s[i].t), y1of(s[i].lo));
	run_end(b, &r);
	web_html(b, "\"><title>reliability: the range it could still move to (uncertainty)</title>"
		 "</polygon>");
	for (size_t k = 0; k < CANDOR_ARRAY_SIZE(series); k++) {
		web_html(b, "<polyline class=\"series\" data-series=\"%s\" fill=\"none\" stroke=\"%s\" "
			 "stroke-width=\"%d\" stroke-dasharray=\"%s\" points=\"", series[k].name,
			 series[k].color, series[k].width, *series[k].dash ? series[k].dash : "none");
		for (size_t i = 0; i < n; i++)
			run_point(b, &scratch, &r, xof(f, s[i].t),
				  k == SELF ? y2of(s[i].v[k]) : y1of(s[i].v[k]));
		run_end(b, &r);
		web_html(b, "\"><title>%s</title></polyline>", series[k].name);
	}
	if (scratch.err && !b->err)
		b->err = scratch.err;   /* out of memory: the page is not written (see web_chart) */
	candor_buf_release(&scratch);
}

/* The events from i on with the same date as events[i]; returns the first after them. */
static size_t same_moment(const struct web_chart_event *e, size_t n, size_t i)
{
	size_t j = i;

	while (j < n && e[j].at == e[i].at)
		j++;
	return j;
}

/* The sample at t (the chart samples each marked moment and the second before it). */
static const struct sample *sample_of(const struct sample *s, size_t n, int64_t t)
{
	size_t lo = 0, hi = n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (s[mid].t <= t)
			lo = mid;
		else
			hi = mid;
	}
	return &s[lo];
}

struct drawn { const struct sample *s; size_t n; };

/* Each moment's label, "2026-10-12: call: ...; learned (...): ... (trust 0.40 → 0.52)". */
static void label(struct candor_buf *b, const struct web_chart_event *e, size_t i, size_t j,
		  const struct drawn *d)
{
	web_html(b, "%s: ", day(e[i].at).s);
	for (size_t k = i; k < j; k++)
		web_html(b, "%R%s", k > i ? "; " : "", e[k].text);
	web_html(b, " (trust %F → %F)", sample_of(d->s, d->n, e[i].at - 1)->v[0],
		 sample_of(d->s, d->n, e[i].at)->v[0]);
}

static void marks(struct candor_buf *b, const struct frame *f, const struct web_chart_event *e,
		  size_t n, size_t first, const struct drawn *d)
{
	for (size_t i = first, j; i < n; i = j) {
		double y = y1of(sample_of(d->s, d->n, e[i].at)->v[0]);

		j = same_moment(e, n, i);
		web_html(b, "<a class=\"mark\" href=\"#ev-%D\" data-at=\"%s\"><title>", (int64_t)i,
			 day(e[i].at).s);
		label(b, e, i, j, d);
		candor_buf_addf(b, "</title><circle cx=\"%.1f\" cy=\"%.1f\" r=\"14\" fill=\"transparent\"/>"
				"<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#fff\" stroke=\"#1d2330\" "
				"stroke-width=\"2\"/></a>", xof(f, e[i].at), y, xof(f, e[i].at), y);
	}
}

static void event_list(struct candor_buf *b, const struct web_chart_event *e, size_t n,
		       size_t first, const struct drawn *d)
{
	web_html(b, "<h3 id=\"h-events\">What moved it</h3>");
	if (first)
		web_html(b, "<p class=\"muted\">the latest %D moments, each a step on the chart; %D "
			 "earlier records are in the timeline and the lists below</p>",
			 (int64_t)WEB_CHART_MARKS, (int64_t)first);
	web_html(b, "<ol class=\"events\" aria-labelledby=\"h-events\" reversed>");
	for (size_t i = n, j; i-- > first; ) {
		for (j = i; j > first && e[j - 1].at == e[i].at; j--)
			;
		web_html(b, "<li id=\"ev-%D\">", (int64_t)j);
		label(b, e, j, i + 1, d);
		for (size_t k = j; k <= i; k++)
			web_html(b, " <a href=\"#%s-%D\">%s #%D</a>", e[k].kind, e[k].id, e[k].kind,
				 e[k].id);
		web_html(b, "</li>");
		i = j;
	}
	if (n == 0)
		web_html(b, "<li class=\"muted\">nothing recorded yet</li>");
	web_html(b, "</ol>");
}

/* The index of the first event drawn: the latest WEB_CHART_MARKS moments. */
static size_t first_mark(const struct web_chart_event *e, size_t n)
{
	size_t moments = 0, i = n;

	while (i > 0 && moments < WEB_CHART_MARKS) {
		size_t j = i - 1;

		while (j > 0 && e[j - 1].at == e[i - 1].at)
			j--;
		moments++;
		i = j;
	}
	return i;
}

static void legend(struct candor_buf *b, const struct sample *now)
{
	web_html(b, "<p class=\"legend\">");
	for (size_t k = 0; k < CANDOR_ARRAY_SIZE(series); k++)
		web_html(b, "<span><svg width=\"18\" height=\"8\" aria-hidden=\"true\"><line x1=\"0\" "
			 "y1=\"4\" x2=\"18\" y2=\"4\" stroke=\"%s\" stroke-width=\"3\" "
			 "stroke-dasharray=\"%s\"/></svg> %s %F%R</span>", series[k].color,
			 *series[k].dash ? series[k].dash : "none", series[k].name, now->v[k],
			 k == SELF ? " (lower is better)" : "");
	web_html(b, "<span><svg width=\"18\" height=\"8\" aria-hidden=\"true\"><rect width=\"18\" "
		 "height=\"8\" fill=\"#1e7b34\" fill-opacity=\"0.2\"/></svg> shaded: where reliability "
		 "could still move (%F to %F): the less follow-through on record, the wider</span></p>",
		 now->lo, now->hi);
}

int web_chart(struct candor_buf *b, const struct candor_evidence *ev, int64_t from, int64_t to)
{
	struct web_chart_event *e = NULL;
	int64_t *at = NULL, *times = NULL;
	struct sample *s = NULL;
	struct frame f = { from, to };
	struct drawn d;
	size_t n = 0, nt, first;
	int rc = -1;

	f.from -= CANDOR_DAY; /* a day before the first evidence: its step shows */
	if (f.to - f.from < 7 * CANDOR_DAY)
		f.from = f.to - 7 * CANDOR_DAY;
	if (web_chart_events(&e, &n, ev, f.from, f.to))
		goto cleanup;
	at = calloc(n + 1, sizeof(*at));
	times = calloc(WEB_CHART_GRID + 2 + 2 * n, sizeof(*times));
	s = calloc(WEB_CHART_GRID + 2 + 2 * n, sizeof(*s));
	if (!at || !times || !s)
		goto cleanup;
	first = first_mark(e, n);
	for (size_t i = first; i < n; i++)
		at[i - first] = e[i].at;
	nt = web_chart_times(times, at, n - first, f.from, f.to);
	for (size_t i = 0; i < nt; i++)
		sample_at(&s[i], ev, times[i]);
	d = (struct drawn){ s, nt };
	web_html(b, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"group\" aria-labelledby=\"chart-t\" "
		 "xmlns=\"http://www.w3.org/2000/svg\"><title id=\"chart-t\">Trust %F now, from %F on "
		 "%T; each mark is an event (listed under the chart)</title>", W, H, s[nt - 1].v[0],
		 s[0].v[0], f.from);
	axes(b, &f);
	cooling(b, &f, s, nt);
	lines(b, &f, s, nt);
	marks(b, &f, e, n, first, &d);
	web_html(b, "</svg>");
	legend(b, &s[nt - 1]);
	event_list(b, e, n, first, &d);
	rc = 0;
cleanup:
	free(e);
	free(at);
	free(times);
	free(s);
	return rc;
}
