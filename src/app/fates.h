/*
 * app/fates.h: what became of a promise (kept, broken, renegotiated) or an
 * expectation (met, missed).
 *
 * A promise's history is a list of events (core/domain.h); these append one
 * after checking it can happen now: the promise is still open (else
 * CANDOR_ECONFLICT), and the event is not dated before the promise's last
 * change nor in the future (CANDOR_EINVALID, field "at").  Keeping is judged
 * against the honest due date: the latest one agreed before the promise
 * fell due, with a day's grace (due 2026-11-20 means by the end of that
 * day).  Renegotiating after the due date moves the date, but keeping it
 * then is still "kept late".
 */
#ifndef CANDOR_APP_FATES_H
#define CANDOR_APP_FATES_H

#include "app/app.h"

/* What a change did: filled by the use cases below; release with
 * candor_app_fate_release (text is owned). */
struct candor_app_fate {
	int64_t id;            /* the promise or expectation */
	int64_t contact_id;
	int status;            /* what was recorded: kept, kept late, broken, renegotiated,
				  or met, missed (enum candor_commitment_status or
				  candor_expectation_status) */
	int64_t due;           /* the due date in force after the change */
	char *text;            /* the promise's or expectation's text (malloc'd) */
};

void candor_app_fate_release(struct candor_app_fate *f);

/* note may be NULL.  On failure *out is left empty. */
int candor_app_promise_keep(struct candor_app *app, int64_t id, int64_t at, const char *note,
			    struct candor_app_fate *out);
int candor_app_promise_break(struct candor_app *app, int64_t id, int64_t at, const char *note,
			     struct candor_app_fate *out);
/* due: the new due date, required, not before the day of at (field "due"). */
int candor_app_promise_renegotiate(struct candor_app *app, int64_t id, int64_t at, int64_t due,
				   const char *note, struct candor_app_fate *out);

/*
 * The status keeping c at at records: kept, or kept late when at is past the
 * end of the honest due date's day.
 */
int candor_app_keeping_status(const struct candor_commitment *c, int64_t at);

int candor_app_expectation_meet(struct candor_app *app, int64_t id, int64_t at,
				struct candor_app_fate *out);
int candor_app_expectation_miss(struct candor_app *app, int64_t id, int64_t at,
				struct candor_app_fate *out);

#endif
