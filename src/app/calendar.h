/*
 * app/calendar.h: the seller's promises and what they expect of buyers, as
 * a calendar (`candor export --format ics`, the web's /calendar.ics feed).
 *
 * Every commitment and expectation in scope becomes an event on its due
 * date: UID commitment-ID@candor or expectation-ID@candor (stable, so a
 * subscribed calendar updates rather than duplicates), SEQUENCE the number
 * of renegotiations, CANCELLED once kept, broken, met or missed, else
 * CONFIRMED with a reminder.
 */
#ifndef CANDOR_APP_CALENDAR_H
#define CANDOR_APP_CALENDAR_H

#include "util/buf.h"
#include "app/app.h"

/* Which records: 0 / NULL for any.  A seller is an account's owner. */
struct candor_app_calendar_query {
	int64_t contact_id, account_id;
	const char *seller;
};

/*
 * Append the calendar of what q names, among the accounts app->who may
 * see, as of app->now, to out.  0 or a candor code with app->err set.
 */
int candor_app_calendar(struct candor_app *app, const struct candor_app_calendar_query *q,
			struct candor_buf *out);

#endif
