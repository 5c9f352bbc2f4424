/*
 * when.h: due dates from everyday words (internal to src/text).
 *
 * The resolver reads normalised text (text/normalize.h) and a reference
 * time (the call), and returns the due day as midnight UTC, epoch seconds.
 * The words it knows, with the call on Wednesday 2026-11-18:
 *   today, tonight, end of (the) day, eod         -> 2026-11-18
 *   tomorrow                                      -> 2026-11-19
 *   (by|on|this) friday                           -> 2026-11-20 (the next
 *       one strictly after the call day: "wednesday" is a week later)
 *   next friday                                   -> 2026-11-27 (the Friday
 *       of next week, weeks starting Monday)
 *   end of (the|this) week, this week             -> 2026-11-20 (Friday)
 *   next week, end of next week                   -> 2026-11-27 (Friday)
 *   early next week, beginning of next week       -> 2026-11-23 (Monday)
 *   end of (the|this) month, this month           -> 2026-11-30
 *   next month, end of next month                 -> 2026-12-31
 *   end of (the|this) quarter                     -> 2026-12-31
 *   in|within N days|weeks (N digits, one..twelve, a, a couple of, a few)
 *   november 20, nov 20th, 20 november, the 20th of november [2027]
 *       (without a year: the next such day on or after the call)
 *   the 20th (this month, or next month once passed), 11/20 (month/day),
 *   2026-11-20
 * Deadline words name the last day of a period ("next week" is its
 * Friday), because a promise "next week" is kept if it is done by then.
 */
#ifndef CANDOR_TEXT_WHEN_H
#define CANDOR_TEXT_WHEN_H

#include "util/common.h"

/*
 * The first date expression in s[from..len) (normalised text); 0 when none
 * or call_time is 0.  *ms, *me receive the expression's normalised range.
 */
int64_t candor_when_resolve(const char *s, size_t len, size_t from,
			    int64_t call_time, size_t *ms, size_t *me);

#endif
