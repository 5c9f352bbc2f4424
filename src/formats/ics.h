/*
 * formats/ics.h: an iCalendar (RFC 5545) writer over libical, for promises
 * and expectations in a calendar.
 *
 * Each event is an all-day VEVENT on its date with a display reminder
 * (VALARM) at 09:00 UTC the day before, a stable
 * UID, a SEQUENCE that grows with each change of date, and STATUS
 * CONFIRMED, or CANCELLED once it no longer needs doing (a calendar that
 * subscribed then takes it away).
 */
#ifndef CANDOR_FORMATS_ICS_H
#define CANDOR_FORMATS_ICS_H

#include "util/common.h"
#include "util/buf.h"

struct candor_error;

/* One event.  Strings borrowed. */
struct candor_ics_event {
	const char *uid;          /* "commitment-12@candor" */
	int64_t date;             /* the day (any second of it, UTC) */
	const char *summary;
	const char *description;
	int sequence;             /* 0, raised by each renegotiation */
	bool cancelled;
	int64_t created;          /* when the record was made (CREATED) */
};

/*
 * Append to out a VCALENDAR named name (X-WR-CALNAME) holding the n events,
 * stamped now (DTSTAMP).  0 or CANDOR_ERROR with err set.
 */
int candor_ics_write(struct candor_buf *out, const struct candor_ics_event *v, size_t n,
		     const char *name, int64_t now, struct candor_error *err);

#endif
