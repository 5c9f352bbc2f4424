/*
 * formats/ics.c: promises and expectations as iCalendar (ics.h), built and
 * serialised by libical, which folds lines and escapes text as RFC 5545 says.
 */
#include "util/common.h"
#include <time.h>
#include <libical/ical.h>
#include "util/error.h"
#include "formats/ics.h"

#define REMIND_BEFORE (15 * 3600)  /* 09:00 the day before an all-day event */

static struct icaltimetype day_of(int64_t t)
{
	struct icaltimetype d = icaltime_null_date();
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	d.year = tm.tm_year + 1900, d.month = tm.tm_mon + 1, d.day = tm.tm_mday;
	d.is_date = 1;
	return d;
}

static struct icaltimetype utc(int64_t t)
{
	return icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
}

static icalcomponent *alarm(const struct candor_ics_event *e)
{
	struct icaltriggertype trigger = { icaltime_null_time(),
					   icaldurationtype_from_int(-REMIND_BEFORE) };

	return icalcomponent_vanew(ICAL_VALARM_COMPONENT,
				   icalproperty_new_action(ICAL_ACTION_DISPLAY),
				   icalproperty_new_trigger(trigger),
				   icalproperty_new_description(e->summary), (void *)0);
}

static icalcomponent *event(const struct candor_ics_event *e, int64_t now)
{
	struct icaltimetype start = day_of(e->date), end = start;
	icalcomponent *ev;

	icaltime_adjust(&end, 1, 0, 0, 0);
	ev = icalcomponent_vanew(ICAL_VEVENT_COMPONENT,
				 icalproperty_new_uid(e->uid),
				 icalproperty_new_dtstamp(utc(now)),
				 icalproperty_new_created(utc(e->created)),
				 icalproperty_new_dtstart(start),
				 icalproperty_new_dtend(end),
				 icalproperty_new_summary(e->summary),
				 icalproperty_new_description(e->description),
				 icalproperty_new_sequence(e->sequence),
				 icalproperty_new_status(e->cancelled ? ICAL_STATUS_CANCELLED
							 : ICAL_STATUS_CONFIRMED),
				 icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT),
				 (void *)0);
	if (ev && !e->cancelled)
		icalcomponent_add_component(ev, alarm(e));
	return ev;
}

int candor_ics_write(struct candor_buf *out, const struct candor_ics_event *v, size_t n,
		     const char *name, int64_t now, struct candor_error *err)
{
	icalcomponent *cal = icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT,
						 icalproperty_new_version("2.0"),
						 icalproperty_new_prodid("-//Candor//Candor//EN"),
						 icalproperty_new_calscale("GREGORIAN"),
						 icalproperty_new_method(ICAL_METHOD_PUBLISH),
						 (void *)0);
	icalproperty *calname = icalproperty_new_x(name);
	char *s = NULL;
	int rc = 0;

	if (!cal || !calname) {
		rc = candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	icalproperty_set_x_name(calname, "X-WR-CALNAME");
	icalcomponent_add_property(cal, calname);
	calname = NULL;
	for (size_t i = 0; i < n; i++)
		icalcomponent_add_component(cal, event(&v[i], now));
	if (!(s = icalcomponent_as_ical_string_r(cal)) || candor_buf_adds(out, s))
		rc = candor_error_set(err, CANDOR_ERROR, NULL, "cannot write the calendar: %s",
				      icalerror_strerror(icalerrno));
cleanup:
	free(s);
	if (calname)
		icalproperty_free(calname);
	if (cal)
		icalcomponent_free(cal);
	return rc;
}
