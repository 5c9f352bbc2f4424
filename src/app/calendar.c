/*
 * app/calendar.c: commitments and expectations as calendar events
 * (calendar.h), written by formats/ics.c.
 */
#include "util/common.h"
#include <strings.h>
#include "util/date.h"
#include "core/model.h"
#include "formats/ics.h"
#include "app/access.h"
#include "app/calendar.h"

/* The strings of the events, kept until they are written. */
struct events {
	struct candor_ics_event *v;
	size_t n;
	char **own;
	size_t nown;
};

static const char *keep(struct events *e, char *s)
{
	if (s)
		e->own[e->nown++] = s;
	return s ? s : "";
}

static bool in_scope(const struct candor_app *app, const struct candor_app_calendar_query *q,
		     const struct candor_account *a)
{
	if (app->who && !candor_app_may_see(app->who, a->owner))
		return false;
	if (q->account_id && a->id != q->account_id)
		return false;
	return !q->seller || !*q->seller || !strcasecmp(q->seller, a->owner);
}

/* The lists are sorted by id (by_id), then looked up with bsearch. */
static int account_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct candor_account *)a)->id, y = ((const struct candor_account *)b)->id;

	return (x > y) - (x < y);
}

static int contact_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct candor_contact *)a)->id, y = ((const struct candor_contact *)b)->id;

	return (x > y) - (x < y);
}

static const struct candor_account *account_of(const struct candor_account_list *l, int64_t id)
{
	struct candor_account key = { .id = id };

	return l->n ? bsearch(&key, l->v, l->n, sizeof(*l->v), account_cmp) : NULL;
}

static const struct candor_contact *contact_of(const struct candor_contact_list *l, int64_t id)
{
	struct candor_contact key = { .id = id };

	return l->n ? bsearch(&key, l->v, l->n, sizeof(*l->v), contact_cmp) : NULL;
}

static void add_commitment(struct events *e, const struct candor_commitment *c,
			   const struct candor_contact *who, int64_t now)
{
	struct candor_commitment_state st;
	struct candor_ics_event *ev = &e->v[e->n++];
	char made[32], due[32];

	candor_commitment_state_at(&st, c, now);
	candor_date_format(made, sizeof(made), c->made);
	candor_date_format(due, sizeof(due), st.due);
	ev->uid = keep(e, candor_strf("commitment-%" PRId64 "@candor", c->id));
	ev->date = st.due;
	ev->summary = keep(e, candor_strf("Promise to %s: %s", who->name, c->text));
	ev->description = keep(e, candor_strf("You promised %s (%s) on %.10s: %s\nDue %.10s%s; %s. "
				       "Candor promise #%" PRId64 ".", who->name,
				       who->account_name ? who->account_name : "", made, c->text,
				       due, st.renegotiations ? " (renegotiated)" : "",
				       st.status == CANDOR_COMMITMENT_OPEN ? "open"
				       : st.status == CANDOR_COMMITMENT_BROKEN ? "broken" : "kept",
				       c->id));
	ev->sequence = st.renegotiations;
	ev->cancelled = st.status != CANDOR_COMMITMENT_OPEN;
	ev->created = c->made;
}

static void add_expectation(struct events *e, const struct candor_expectation *x,
			    const struct candor_contact *who)
{
	struct candor_ics_event *ev = &e->v[e->n++];
	char set[32];

	candor_date_format(set, sizeof(set), x->set_at);
	ev->uid = keep(e, candor_strf("expectation-%" PRId64 "@candor", x->id));
	ev->date = x->by;
	ev->summary = keep(e, candor_strf("Expectation with %s: %s", who->name, x->text));
	ev->description = keep(e, candor_strf("You set this expectation with %s on %.10s: %s\n%s. "
				       "Candor expectation #%" PRId64 ".", who->name, set, x->text,
				       x->status == CANDOR_EXPECTATION_OPEN ? "Open"
				       : x->status == CANDOR_EXPECTATION_MET ? "Met" : "Missed",
				       x->id));
	ev->sequence = 0;
	ev->cancelled = x->status != CANDOR_EXPECTATION_OPEN;
	ev->created = x->set_at;
}

static bool wanted(const struct candor_app *app, const struct candor_app_calendar_query *q,
		   const struct candor_account_list *accts, int64_t account_id, int64_t contact_id)
{
	const struct candor_account *a = account_of(accts, account_id);

	return a && in_scope(app, q, a) && (!q->contact_id || q->contact_id == contact_id);
}

int candor_app_calendar(struct candor_app *app, const struct candor_app_calendar_query *q,
			struct candor_buf *out)
{
	struct candor_account_list accts = { 0 };
	struct candor_contact_list contacts = { 0 };
	struct candor_evidence_set set = { 0 };
	struct candor_scope scope = { q->account_id, q->contact_id };
	struct events e = { 0 };
	size_t most;
	int rc;

	if ((rc = candor_store_account_list(app->store, &accts)) ||
	    (rc = candor_store_contact_list(app->store, 0, &contacts)) ||
	    (rc = candor_store_evidence(app->store, &scope, &set)))
		goto cleanup;
	if (accts.n)
		qsort(accts.v, accts.n, sizeof(*accts.v), account_cmp);
	if (contacts.n)
		qsort(contacts.v, contacts.n, sizeof(*contacts.v), contact_cmp);
	most = set.ncommitments + set.nexpectations;
	if (!(e.v = calloc(most + 1, sizeof(*e.v))) || !(e.own = calloc(3 * most + 1, sizeof(char *)))) {
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < set.ncommitments; i++) {
		const struct candor_commitment *c = &set.commitments[i];
		const struct candor_contact *who = contact_of(&contacts, c->contact_id);

		if (who && wanted(app, q, &accts, c->account_id, c->contact_id))
			add_commitment(&e, c, who, app->now);
	}
	for (size_t i = 0; i < set.nexpectations; i++) {
		const struct candor_expectation *x = &set.expectations[i];
		const struct candor_contact *who = contact_of(&contacts, x->contact_id);

		if (who && wanted(app, q, &accts, x->account_id, x->contact_id))
			add_expectation(&e, x, who);
	}
	if (e.nown != 3 * e.n)  /* a string could not be made */
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	else
		rc = candor_ics_write(out, e.v, e.n, q->seller && *q->seller ? q->seller : "Candor",
				      app->now, app->err);
cleanup:
	for (size_t i = 0; i < e.nown; i++)
		free(e.own[i]);
	free(e.own);
	free(e.v);
	candor_evidence_set_release(&set);
	candor_contact_list_release(&contacts);
	candor_account_list_release(&accts);
	return rc;
}
