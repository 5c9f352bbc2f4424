/*
 * web/chart.c: trust and its four components over time, as an SVG line
 * chart drawn by the server.  The model is pure and takes "at", so the
 * history is the model run at WEB_CHART_POINTS moments from the first
 * evidence to now; no score is stored.
 */
#include "util/common.h"
#include "web/web.h"

#define WEB_CHART_POINTS 24
#define W 640
#define H 240
#define LEFT 40
#define RIGHT 10
#define TOP 10
#define BOTTOM 30

static const struct { const char *name, *color, *dash; int width; } series[] = {
	{ "trust", "#1d2330", "", 3 },
	{ "credibility", "#1f5fbf", "", 1 },
	{ "reliability", "#1e7b34", "", 1 },
	{ "intimacy", "#8a4baf", "", 1 },
	{ "self-orientation", "#b3261e", "4 3", 1 },
};

static double value(const struct candor_assessment *a, size_t k)
{
	const double v[] = { a->trust, a->credibility, a->reliability, a->intimacy,
			     a->self_orientation };

	return v[k];
}

static void axes(struct candor_buf *b, int64_t from, int64_t to)
{
	for (int i = 0; i <= 4; i++) {
		int y = TOP + (H - TOP - BOTTOM) * i / 4;

		web_html(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#e3e6ec\"/>"
			 "<text x=\"4\" y=\"%d\" font-size=\"11\" fill=\"#5b6475\">%F</text>",
			 LEFT, y, W - RIGHT, y, y + 4, 1.0 - i / 4.0);
	}
	web_html(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#5b6475\">%T</text>"
		 "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#5b6475\" text-anchor=\"end\">%T</text>",
		 LEFT, H - 10, from, W - RIGHT, H - 10, to);
}

void web_chart(struct candor_buf *b, const struct candor_evidence *ev, int64_t from, int64_t to)
{
	struct candor_assessment a[WEB_CHART_POINTS];
	const int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;

	if (to - from < CANDOR_DAY)
		from = to - 7 * CANDOR_DAY;
	for (int i = 0; i < WEB_CHART_POINTS; i++)
		candor_model_assess(&a[i], ev, from + (to - from) * i / (WEB_CHART_POINTS - 1), NULL);
	web_html(b, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"chart-t\" "
		 "xmlns=\"http://www.w3.org/2000/svg\"><title id=\"chart-t\">Trust %F now, from %F on "
		 "%T</title>", W, H, a[WEB_CHART_POINTS - 1].trust, a[0].trust, from);
	axes(b, from, to);
	for (size_t k = 0; k < CANDOR_ARRAY_SIZE(series); k++) {
		web_html(b, "<polyline class=\"series\" data-series=\"%s\" fill=\"none\" stroke=\"%s\" "
			 "stroke-width=\"%d\" stroke-dasharray=\"%s\" points=\"", series[k].name,
			 series[k].color, series[k].width, *series[k].dash ? series[k].dash : "none");
		for (int i = 0; i < WEB_CHART_POINTS; i++)
			candor_buf_addf(b, "%.1f,%.1f ", LEFT + (double)pw * i / (WEB_CHART_POINTS - 1),
					TOP + ph * (1.0 - value(&a[i], k)));
		web_html(b, "\"><title>%s</title></polyline>", series[k].name);
	}
	web_html(b, "</svg><p class=\"legend\">");
	for (size_t k = 0; k < CANDOR_ARRAY_SIZE(series); k++)
		web_html(b, "<span><svg width=\"18\" height=\"8\" aria-hidden=\"true\"><line x1=\"0\" "
			 "y1=\"4\" x2=\"18\" y2=\"4\" stroke=\"%s\" stroke-width=\"3\"/></svg> %s %F</span>",
			 series[k].color, series[k].name, value(&a[WEB_CHART_POINTS - 1], k));
	web_html(b, "</p>");
}
