/*
 * date.c: ISO 8601 parsing and formatting (see date.h).
 */
#include "util/common.h"
#include "util/date.h"
#include "util/error.h"
#include "util/utf8.h"

static int digits(const char **p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : d[m - 1];
}

/* Parse an optional "Z", "+HH:MM", "+HHMM" or "+HH" into seconds east of UTC. */
static int parse_offset(const char **p, int *secs)
{
	int sign, hh = 0, mm = 0;

	*secs = 0;
	if (**p == 'Z' || **p == 'z') {
		(*p)++;
		return 0;
	}
	if (**p != '+' && **p != '-')
		return 0;
	sign = **p == '-' ? -1 : 1;
	(*p)++;
	if (digits(p, 2, &hh))
		return -1;
	if (**p == ':')
		(*p)++;
	if (**p >= '0' && **p <= '9' && digits(p, 2, &mm))
		return -1;
	if (hh > 23 || mm > 59)
		return -1;
	*secs = sign * (hh * 3600 + mm * 60);
	return 0;
}

int candor_date_parse(int64_t *out, const char *s, const char *field,
		      struct candor_error *err)
{
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, se = 0, off = 0;
	struct tm tm = { 0 };

	if (!s || !*s)
		goto bad;
	if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' ||
	    digits(&p, 2, &d))
		goto bad;
	if (*p == 'T' || *p == 't' || (*p == ' ' && p[1])) {
		p++;
		if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi))
			goto bad;
		if (*p == ':' && (p++, digits(&p, 2, &se)))
			goto bad;
		if (parse_offset(&p, &off))
			goto bad;
	}
	if (*p || y < 1900 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 59)
		goto bad;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	*out = (int64_t)timegm(&tm) - off;
	return 0;
bad:
	if (s && !candor_utf8_valid(s, strlen(s)))  /* not quoted: the message stays UTF-8 */
		return candor_error_set(err, CANDOR_EINVALID, field,
					"%s%sthat is not a date: it is not UTF-8 text "
					"(use YYYY-MM-DD or YYYY-MM-DDTHH:MM)",
					field ? field : "", field ? ": " : "");
	return candor_error_set(err, CANDOR_EINVALID, field,
				"%s%s'%s' is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)",
				field ? field : "", field ? ": " : "", s ? s : "");
}

void candor_date_format(char *dst, size_t n, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm)) {
		snprintf(dst, n, "?");
		return;
	}
	if (tm.tm_hour == 0 && tm.tm_min == 0 && tm.tm_sec == 0)
		strftime(dst, n, "%Y-%m-%d", &tm);
	else if (tm.tm_sec == 0)
		strftime(dst, n, "%Y-%m-%dT%H:%M", &tm);
	else
		strftime(dst, n, "%Y-%m-%dT%H:%M:%S", &tm);
}

int candor_now(int64_t *out, struct candor_error *err)
{
	const char *env = getenv("CANDOR_NOW");

	if (env && *env)
		return candor_date_parse(out, env, "CANDOR_NOW", err);
	*out = (int64_t)time(NULL);
	return 0;
}
