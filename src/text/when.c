/*
 * when.c: resolving "by Friday" against the call date (see when.h).
 *
 * The text is cut into words (letters and digits runs, keeping their
 * offsets); each position is tried against the forms in when.h, longest
 * forms first, and the first position that gives a date wins.  Day
 * arithmetic is on day numbers since 1970-01-01 (a Thursday), converted
 * to and from the civil calendar by util/date.h.
 */
#include "util/common.h"
#include "util/date.h"
#include "text/when.h"

#include <ctype.h>

#define MAXW 64

struct word {
	size_t s, e;
	char w[16];
};

struct when_ctx {
	struct word *w;
	size_t n;
	int64_t today;       /* day number of the call */
	int y, m, d;         /* the call's civil date */
	int dow;             /* 0 Monday .. 6 Sunday */
};

static bool is(const struct when_ctx *c, size_t i, const char *w)
{
	return i < c->n && !strcmp(c->w[i].w, w);
}

static int weekday(const char *w)
{
	static const char *const names[][2] = {
		{ "monday", "mon" }, { "tuesday", "tue" }, { "wednesday", "wed" },
		{ "thursday", "thu" }, { "friday", "fri" }, { "saturday", "sat" },
		{ "sunday", "sun" },
	};

	for (int i = 0; i < 7; i++)
		if (!strcmp(w, names[i][0]))
			return i;
	return -1;
}

static int month(const char *w)
{
	static const char *const names[] = {
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december",
	};

	for (int i = 0; i < 12; i++)
		if (!strcmp(w, names[i]) || (strlen(w) == 3 && !strncmp(w, names[i], 3) &&
					     strcmp(w, "may")) || (!strcmp(w, "sept") && i == 8))
			return i + 1;
	return -1;
}

/* A day of the month: "20", "20th", "1st", "2nd", "3rd"; -1 otherwise. */
static int mday(const char *w)
{
	char *end;
	long v;

	if (*w < '0' || *w > '9')
		return -1;
	v = strtol(w, &end, 10);
	if (*end && strcmp(end, "th") && strcmp(end, "st") && strcmp(end, "nd") &&
	    strcmp(end, "rd"))
		return -1;
	return v >= 1 && v <= 31 ? (int)v : -1;
}

static int number(const char *w)
{
	static const char *const names[] = {
		"zero", "one", "two", "three", "four", "five", "six", "seven",
		"eight", "nine", "ten", "eleven", "twelve",
	};
	char *end;
	long v;

	if (*w >= '0' && *w <= '9') {
		v = strtol(w, &end, 10);
		return !*end && v < 1000 ? (int)v : -1;
	}
	if (!strcmp(w, "a") || !strcmp(w, "an"))
		return 1;
	for (int i = 0; i < 13; i++)
		if (!strcmp(w, names[i]))
			return i;
	return -1;
}

static int64_t monday_of_week(const struct when_ctx *c, int weeks_ahead)
{
	return c->today - c->dow + 7 * weeks_ahead;
}

static int64_t end_of_month(const struct when_ctx *c, int ahead)
{
	int y = c->y, m = c->m + ahead;

	while (m > 12) {
		m -= 12;
		y++;
	}
	return candor_days_from_civil(y, m, candor_days_in_month(y, m));
}

/* Month m, day d: in year y when given (> 0), else the next on/after today. */
static int64_t month_day(const struct when_ctx *c, int m, int d, int y)
{
	int64_t t;

	if (y <= 0) {
		y = c->y;
		if (d > candor_days_in_month(y, m))
			return -1;
		t = candor_days_from_civil(y, m, d);
		if (t < c->today)
			y++;
	}
	if (d > candor_days_in_month(y, m))
		return -1;
	return candor_days_from_civil(y, m, d);
}

static int year_at(const struct when_ctx *c, size_t i)
{
	char *end;
	long v;

	if (i >= c->n)
		return 0;
	v = strtol(c->w[i].w, &end, 10);
	return !*end && v >= 1970 && v <= 9999 ? (int)v : 0;
}

/* "end of ...", "end of the ...", "the end of ..." starting at word i. */
static int64_t end_of(const struct when_ctx *c, size_t i, size_t *last)
{
	size_t j = i + 2;
	int ahead = 0;

	if (!is(c, i, "end") || !is(c, i + 1, "of"))
		return -1;
	if (is(c, j, "the") || is(c, j, "this"))
		j++;
	else if (is(c, j, "next")) {
		ahead = 1;
		j++;
	}
	*last = j;
	if (is(c, j, "day") || is(c, j, "today"))
		return ahead ? c->today + 1 : c->today;
	if (is(c, j, "week"))
		return monday_of_week(c, ahead) + 4 < c->today && !ahead ?
		       monday_of_week(c, 1) + 4 : monday_of_week(c, ahead) + 4;
	if (is(c, j, "month"))
		return end_of_month(c, ahead);
	if (is(c, j, "quarter"))
		return end_of_month(c, (3 - (c->m - 1) % 3) % 3 + 3 * ahead);
	return -1;
}

/* "in|within N days|weeks|months" at word i. */
static int64_t in_n(const struct when_ctx *c, size_t i, size_t *last)
{
	size_t j = i + 1;
	int k;

	if (!is(c, i, "in") && !is(c, i, "within"))
		return -1;
	if (is(c, j, "the") && is(c, j + 1, "next"))
		j += 2;
	if (is(c, j, "a") && (is(c, j + 1, "couple") || is(c, j + 1, "few"))) {
		k = is(c, j + 1, "couple") ? 2 : 3;
		j += is(c, j + 2, "of") ? 3 : 2;
	} else if ((k = number(j < c->n ? c->w[j].w : "")) >= 0) {
		j++;
	} else {
		return -1;
	}
	*last = j;
	if (is(c, j, "day") || is(c, j, "days"))
		return c->today + k;
	if (is(c, j, "week") || is(c, j, "weeks"))
		return c->today + 7 * k;
	if (is(c, j, "month") || is(c, j, "months"))
		return c->today + 30 * k;
	return -1;
}

static int64_t named_day(const struct when_ctx *c, size_t i, size_t *last)
{
	int wd, delta;

	*last = i;
	if (is(c, i, "today") || is(c, i, "tonight") || is(c, i, "eod"))
		return c->today;
	if (is(c, i, "tomorrow"))
		return c->today + 1;
	if (is(c, i, "next") || is(c, i, "this")) {
		bool next = is(c, i, "next");

		*last = i + 1;
		if (is(c, i + 1, "week"))
			return monday_of_week(c, next) + 4 < c->today ?
			       monday_of_week(c, 1) + 4 : monday_of_week(c, next) + 4;
		if (is(c, i + 1, "month"))
			return end_of_month(c, next);
		if (i + 1 < c->n && (wd = weekday(c->w[i + 1].w)) >= 0) {
			if (next)
				return monday_of_week(c, 1) + wd;
			delta = (wd - c->dow + 7) % 7;
			return c->today + (delta ? delta : 7);
		}
		return -1;
	}
	if (i < c->n && (wd = weekday(c->w[i].w)) >= 0) {
		delta = (wd - c->dow + 7) % 7;
		return c->today + (delta ? delta : 7);
	}
	return -1;
}

static int64_t calendar_day(const struct when_ctx *c, size_t i, size_t *last)
{
	int m, d;
	size_t j = i;

	if (is(c, j, "the"))
		j++;
	if (j < c->n && (m = month(c->w[j].w)) > 0 && j + 1 < c->n &&
	    (d = mday(c->w[j + 1].w)) > 0) {
		*last = j + 1 + (year_at(c, j + 2) > 0);
		return month_day(c, m, d, year_at(c, j + 2));
	}
	if (j < c->n && (d = mday(c->w[j].w)) > 0) {
		size_t k = j + 1 + is(c, j + 1, "of");

		if (k < c->n && (m = month(c->w[k].w)) > 0) {
			*last = k + (year_at(c, k + 1) > 0);
			return month_day(c, m, d, year_at(c, k + 1));
		}
		if (j > i && isalpha((unsigned char)c->w[j].w[strlen(c->w[j].w) - 1])) {
			*last = j;
			m = d >= c->d ? c->m : c->m % 12 + 1;
			return month_day(c, m, d, 0);
		}
	}
	return -1;
}

/* "2026-11-20" or "11/20" starting at byte p of s; -1 otherwise. */
static int64_t numeric_date(const struct when_ctx *c, const char *s, size_t len,
			    size_t p, size_t *end)
{
	int y, m, d, k = 0;

	if (p + 10 <= len && sscanf(s + p, "%4d-%2d-%2d%n", &y, &m, &d, &k) == 3 &&
	    k == 10 && m >= 1 && m <= 12 && d >= 1 && d <= candor_days_in_month(y, m)) {
		*end = p + 10;
		return candor_days_from_civil(y, m, d);
	}
	if (sscanf(s + p, "%2d/%2d%n", &m, &d, &k) == 2 && m >= 1 && m <= 12 &&
	    d >= 1 && d <= 31 && (p + (size_t)k >= len || !isdigit((unsigned char)s[p + k]))) {
		*end = p + (size_t)k;
		return month_day(c, m, d, 0);
	}
	return -1;
}

static size_t split_words(const char *s, size_t len, size_t from, struct word *w)
{
	size_t n = 0, i = from;

	while (i < len && n < MAXW) {
		size_t b;

		while (i < len && !isalnum((unsigned char)s[i]))
			i++;
		b = i;
		while (i < len && isalnum((unsigned char)s[i]))
			i++;
		if (i == b)
			break;
		w[n].s = b;
		w[n].e = i;
		snprintf(w[n].w, sizeof(w[n].w), "%.*s", (int)(i - b), s + b);
		n++;
	}
	return n;
}

/* Try every form at word i; the day number or -1, *last its last word. */
static int64_t try_at(const struct when_ctx *c, size_t i, size_t *last)
{
	int64_t t;

	if ((is(c, i, "early") || is(c, i, "beginning")) &&
	    is(c, i + 1 + is(c, i + 1, "of"), "next") &&
	    is(c, i + 2 + is(c, i + 1, "of"), "week")) {
		*last = i + 2 + is(c, i + 1, "of");
		return monday_of_week(c, 1);
	}
	if (is(c, i, "the") && is(c, i + 1, "end")) {
		if ((t = end_of(c, i + 1, last)) >= 0)
			return t;
	}
	if ((t = end_of(c, i, last)) >= 0 || (t = in_n(c, i, last)) >= 0 ||
	    (t = named_day(c, i, last)) >= 0 || (t = calendar_day(c, i, last)) >= 0)
		return t;
	return -1;
}

int64_t candor_when_resolve(const char *s, size_t len, size_t from,
			    int64_t call_time, size_t *ms, size_t *me)
{
	struct word w[MAXW];
	struct when_ctx c;
	size_t last = 0, end = 0;
	int64_t t;

	*ms = *me = 0;
	if (!call_time)
		return 0;
	c.w = w;
	c.n = split_words(s, len, from, w);
	c.today = call_time >= 0 ? call_time / 86400 : -((-call_time + 86399) / 86400);
	candor_civil_from_days(c.today, &c.y, &c.m, &c.d);
	c.dow = (int)(((c.today + 3) % 7 + 7) % 7);
	for (size_t i = 0; i < c.n; i++) {
		if (isdigit((unsigned char)s[w[i].s]) &&
		    (t = numeric_date(&c, s, len, w[i].s, &end)) >= 0) {
			*ms = w[i].s;
			*me = end;
			return t * 86400;
		}
		if ((t = try_at(&c, i, &last)) >= 0) {
			*ms = w[i].s;
			*me = w[last < c.n ? last : c.n - 1].e;
			return t * 86400;
		}
	}
	return 0;
}
