/*
 * web/chart.h: the trust chart (chart.c): which records are events on
 * it, at which moments the model is run to draw it, and the drawing.
 */
#ifndef CANDOR_WEB_CHART_H
#define CANDOR_WEB_CHART_H

#include "util/common.h"
#include "core/model.h"

#define WEB_CHART_GRID 120   /* even moments from the first evidence to now */
#define WEB_CHART_MARKS 80   /* moments marked and drawn as steps (the latest); older
                                records show through the grid, and in the timeline */

/* One record that can move the model, dated: a mark on the chart. */
struct web_chart_event {
	int64_t at;
	const char *kind;    /* "interaction", "commitment", ... as the page's anchors */
	int64_t id;
	char text[200];
};

/*
 * The events of ev dated in (from, to], sorted by date (then by kind and
 * id): interactions, promises made and each fate (and the end of the due
 * day of a promise left open past it), expectations set and resolved,
 * facts, value, fit and decisions.  *out is malloc'd (free it, also on
 * failure).  0, or -1 when out of memory.
 */
int web_chart_events(struct web_chart_event **out, size_t *n, const struct candor_evidence *ev,
		     int64_t from, int64_t to);

/*
 * The moments to run the model at: from, to, WEB_CHART_GRID even steps
 * between, and for each event t in (from, to] both t - 1 and t, so that a
 * change made by one record is a step on its date, not a slope.  Sorted,
 * each once.  out must hold WEB_CHART_GRID + 2 + 2 * nevents.  Returns
 * how many were written.
 */
size_t web_chart_times(int64_t *out, const int64_t *events, size_t nevents, int64_t from,
		       int64_t to);

/*
 * Append to b the SVG chart of trust and its components over the evidence
 * ev from "from" (the first evidence) to "to" (now), its legend, and the
 * list of the events marked on it.  0, or -1 when out of memory (b may
 * then hold part of it).
 */
struct candor_buf;
int web_chart(struct candor_buf *b, const struct candor_evidence *ev, int64_t from, int64_t to);

#endif
