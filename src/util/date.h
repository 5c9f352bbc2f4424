/*
 * date.h: the ISO 8601 dates and times Candor reads and writes.
 *
 * Candor keeps time as seconds since the Unix epoch (int64_t), in UTC.
 * Input is a calendar date or a date and time:
 *     2026-11-20   2026-11-20T14:30   2026-11-20T14:30:05   2026-11-20 14:30
 * optionally followed by Z or an offset (+01:00, -0500).  Without an offset
 * the time is taken as UTC, so the same command gives the same answer on every
 * machine.  Output is the shortest of those forms that loses nothing.
 */
#ifndef CANDOR_DATE_H
#define CANDOR_DATE_H

#include "util/common.h"

struct candor_error;

#define CANDOR_DAY 86400

/*
 * Parse s into *out.  Fails with CANDOR_EINVALID, naming field and the text,
 * for anything that is not a real date (2026-02-30 is refused).
 */
int candor_date_parse(int64_t *out, const char *s, const char *field,
		      struct candor_error *err);

/* Format t as "2026-11-20" at midnight, else "2026-11-20T14:30[:05]". */
void candor_date_format(char *dst, size_t n, int64_t t);
#define CANDOR_DATE_MAX 32

/*
 * The proleptic Gregorian calendar, in days since 1970-01-01 (the era-based
 * formulas of H. Hinnant): a civil date's day number and back, and the
 * length of month m (1-12) of year y.
 */
int64_t candor_days_from_civil(int y, int m, int d);
void candor_civil_from_days(int64_t days, int *y, int *m, int *d);
int candor_days_in_month(int y, int m);

/*
 * The current time: $CANDOR_NOW when set (an ISO date, for reproducible runs
 * and tests), else the clock.  A bad $CANDOR_NOW is an error.
 */
int candor_now(int64_t *out, struct candor_error *err);

#endif
