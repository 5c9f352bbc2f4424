/*
 * app/fates.c: kept, broken, renegotiated; met, missed (fates.h).  The one
 * place the rules of a promise's fate are written.
 */
#include "util/common.h"
#include "util/date.h"
#include "core/model.h"
#include "app/fates.h"
#include "app/audit.h"

void candor_app_fate_release(struct candor_app_fate *f)
{
	free(f->text);
	memset(f, 0, sizeof(*f));
}

static const char *day(char *buf, int64_t t)
{
	candor_date_format(buf, CANDOR_DATE_MAX, t);
	return buf;
}

/*
 * The due date a keeping is judged against: the latest one agreed before
 * the promise fell due.  A renegotiation made when the promise was already
 * late moves the date but does not make the keeping on time.
 */
static int64_t honest_due(const struct candor_commitment *c)
{
	int64_t due = c->events[0].due;

	for (size_t i = 1; i < c->nevents; i++) {
		if (c->events[i].status != CANDOR_COMMITMENT_RENEGOTIATED)
			continue;
		if (c->events[i].at >= candor_due_end(due))
			break;
		due = c->events[i].due;
	}
	return due;
}

int candor_app_keeping_status(const struct candor_commitment *c, int64_t at)
{
	return at >= candor_due_end(honest_due(c)) ? CANDOR_COMMITMENT_KEPT_LATE
						    : CANDOR_COMMITMENT_KEPT;
}

/* Whether event e may be appended to c now: open, not before its last change. */
static int check_open(struct candor_app *app, const struct candor_commitment *c,
		      const struct candor_commitment_state *st, int64_t at)
{
	char d1[CANDOR_DATE_MAX], d2[CANDOR_DATE_MAX];
	int64_t last = c->events[c->nevents - 1].at;

	if (st->status != CANDOR_COMMITMENT_OPEN)
		return candor_error_set(app->err, CANDOR_ECONFLICT, NULL,
					"promise #%" PRId64 " is already %s (on %s)", c->id,
					candor_name_of(candor_commitment_statuses, st->status),
					day(d1, st->resolved_at));
	if (at < last)
		return candor_error_set(app->err, CANDOR_EINVALID, "at",
					"'at' %s is before the promise's last change (%s)",
					day(d1, at), day(d2, last));
	return candor_app_check_past(app, "at", at);
}

/* Fill e (status, due) for a change to c at e->at; 0 or the failure. */
static int plan_change(struct candor_app *app, const struct candor_commitment *c,
		       struct candor_commitment_event *e, int64_t due)
{
	struct candor_commitment_state st;
	int rc;

	candor_commitment_state_at(&st, c, INT64_MAX);
	if ((rc = check_open(app, c, &st, e->at)))
		return rc;
	e->due = st.due;
	if (e->status == CANDOR_COMMITMENT_RENEGOTIATED) {
		if ((rc = candor_app_check_due(app, "due", due, e->at, "the day of the change")))
			return rc;
		e->due = due;
	}
	if (e->status == CANDOR_COMMITMENT_KEPT)
		e->status = candor_app_keeping_status(c, e->at);
	return 0;
}

static int promise_change(struct candor_app *app, int64_t id, struct candor_commitment_event *e,
			  int64_t due, struct candor_app_fate *out)
{
	struct candor_evidence_set set = { 0 };
	struct candor_commitment *c = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = candor_app_check_optional(app, "note", e->note)) ||
	    (rc = candor_store_commitment_load(app->store, id, &set, &c)) ||
	    (rc = plan_change(app, c, e, due)))
		goto cleanup;
	if (!e->note)
		e->note = "";
	if ((rc = candor_store_commitment_event_add(app->store, c, e)))
		goto cleanup;
	candor_app_batch_say(app, "promise #%" PRId64 " '%.200s' %s", id, c->text,
			     candor_name_of(candor_commitment_statuses, e->status));
	*out = (struct candor_app_fate){ .id = id, .contact_id = c->contact_id,
					 .status = e->status, .due = e->due,
					 .text = strdup(c->text) };
	if (!out->text)
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
cleanup:
	candor_evidence_set_release(&set);
	return rc;
}

int candor_app_promise_keep(struct candor_app *app, int64_t id, int64_t at, const char *note,
			    struct candor_app_fate *out)
{
	struct candor_commitment_event e = { .at = at, .status = CANDOR_COMMITMENT_KEPT,
					     .note = (char *)note };

	return promise_change(app, id, &e, 0, out);
}

int candor_app_promise_break(struct candor_app *app, int64_t id, int64_t at, const char *note,
			     struct candor_app_fate *out)
{
	struct candor_commitment_event e = { .at = at, .status = CANDOR_COMMITMENT_BROKEN,
					     .note = (char *)note };

	return promise_change(app, id, &e, 0, out);
}

int candor_app_promise_renegotiate(struct candor_app *app, int64_t id, int64_t at, int64_t due,
				   const char *note, struct candor_app_fate *out)
{
	struct candor_commitment_event e = { .at = at, .status = CANDOR_COMMITMENT_RENEGOTIATED,
					     .note = (char *)note };

	return promise_change(app, id, &e, due, out);
}

static int check_expectation(struct candor_app *app, const struct candor_expectation *e,
			     int64_t at)
{
	char d1[CANDOR_DATE_MAX], d2[CANDOR_DATE_MAX];

	if (e->status != CANDOR_EXPECTATION_OPEN)
		return candor_error_set(app->err, CANDOR_ECONFLICT, NULL,
					"expectation #%" PRId64 " is already %s (on %s)", e->id,
					candor_name_of(candor_expectation_statuses, e->status),
					day(d1, e->resolved_at));
	if (at < e->set_at)
		return candor_error_set(app->err, CANDOR_EINVALID, "at",
					"'at' %s is before the expectation was set (%s)",
					day(d1, at), day(d2, e->set_at));
	return candor_app_check_past(app, "at", at);
}

static int expectation_change(struct candor_app *app, int64_t id, int64_t at, int status,
			      struct candor_app_fate *out)
{
	struct candor_evidence_set set = { 0 };
	struct candor_expectation *e = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = candor_store_expectation_load(app->store, id, &set, &e)) ||
	    (rc = check_expectation(app, e, at)))
		goto cleanup;
	e->status = status;
	e->resolved_at = at;
	if ((rc = candor_store_expectation_resolve(app->store, e)))
		goto cleanup;
	candor_app_batch_say(app, "expectation #%" PRId64 " '%.200s' %s", id, e->text,
			     candor_name_of(candor_expectation_statuses, status));
	*out = (struct candor_app_fate){ .id = id, .contact_id = e->contact_id, .status = status,
					 .due = e->by, .text = strdup(e->text) };
	if (!out->text)
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
cleanup:
	candor_evidence_set_release(&set);
	return rc;
}

int candor_app_expectation_meet(struct candor_app *app, int64_t id, int64_t at,
				struct candor_app_fate *out)
{
	return expectation_change(app, id, at, CANDOR_EXPECTATION_MET, out);
}

int candor_app_expectation_miss(struct candor_app *app, int64_t id, int64_t at,
				struct candor_app_fate *out)
{
	return expectation_change(app, id, at, CANDOR_EXPECTATION_MISSED, out);
}
