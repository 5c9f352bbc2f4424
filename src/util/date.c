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

int candor_days_in_month(int y, int m)
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
	    d > candor_days_in_month(y, mo) || h > 23 || mi > 59 || se > 59)
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

int64_t candor_days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void candor_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static char *two(char *p, int v)
{
	*p++ = (char)('0' + v / 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

/* 1000-01-01 and 9999-12-31T23:59:59: where the year has four digits */
#define FAST_FROM (-30610224000LL)
#define FAST_TO   253402300799LL

void candor_date_format(char *dst, size_t n, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char tmp[24], *p = tmp;
	int64_t day, sec;
	int y, m, d;

	/* gmtime_r and strftime take glibc's time-zone lock; a page or a
	 * pipeline writes thousands of dates, so the four-digit years are
	 * written here, the same bytes */
	if (t >= FAST_FROM && t <= FAST_TO && n > 0) {
		day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
		sec = t - day * 86400;
		candor_civil_from_days(day, &y, &m, &d);
		p = two(p, y / 100);
		p = two(p, y % 100);
		*p++ = '-';
		p = two(p, m);
		*p++ = '-';
		p = two(p, d);
		if (sec) {
			*p++ = 'T';
			p = two(p, (int)(sec / 3600));
			*p++ = ':';
			p = two(p, (int)(sec / 60 % 60));
			if (sec % 60) {
				*p++ = ':';
				p = two(p, (int)(sec % 60));
			}
		}
		if ((size_t)(p - tmp) >= n)
			p = tmp + n - 1;
		memcpy(dst, tmp, (size_t)(p - tmp));
		dst[p - tmp] = '\0';
		return;
	}
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
