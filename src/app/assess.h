/*
 * app/assess.h: where buyers stand, for `status`, `pipeline`, `export` and
 * the board: the model's assessment (core/model.h) of the evidence in the
 * store, and the one pipeline order (candor_assessment_order: stage, then
 * stalled first, then trust; ties by contact id).
 */
#ifndef CANDOR_APP_ASSESS_H
#define CANDOR_APP_ASSESS_H

#include "app/app.h"
#include "core/model.h"

/*
 * Assess contact c as of at.  *set gets its evidence (release it with
 * candor_evidence_set_release, also on failure) and *ev a view of it, so the
 * caller can show the ledger beside the assessment; ev may be NULL.
 */
int candor_app_contact_assess(struct candor_app *app, const struct candor_contact *c, int64_t at,
			      struct candor_evidence_set *set, struct candor_evidence *ev,
			      struct candor_assessment *out);

/*
 * An account: all its contacts' evidence assessed together, and each
 * contact's alone (in the order of the contact list).  All owned, freed by
 * candor_app_account_view_release (also after a failure).
 */
struct candor_app_account_view {
	struct candor_evidence_set set;
	struct candor_contact_list contacts;
	struct candor_assessment whole;
	struct candor_assessment *each;   /* contacts.n of them */
};
int candor_app_account_assess(struct candor_app *app, const struct candor_account *a, int64_t at,
			      struct candor_app_account_view *out);
void candor_app_account_view_release(struct candor_app_account_view *v);

/* One buyer on the pipeline; c and owner point into the pipeline's lists. */
struct candor_app_buyer {
	const struct candor_contact *c;
	const char *owner;            /* the owner of c's account */
	struct candor_assessment a;
};

/* Every buyer shown, in pipeline order; all owned, freed by _release. */
struct candor_app_pipeline {
	struct candor_account_list accounts;
	struct candor_contact_list contacts;
	struct candor_evidence_set set;   /* the evidence of every contact listed */
	struct candor_app_buyer *v;
	size_t n;
};

/* Which buyers: 0 / NULL for "any". */
struct candor_app_pipeline_filter {
	int64_t account_id;
	const char *seller;                         /* the account's owner (any case) */
	bool (*visible)(const char *owner, void *data); /* the caller's own rule */
	void *data;
};

/* Load and assess the buyers that pass filter (which may be NULL), as of at. */
int candor_app_pipeline_load(struct candor_app *app, const struct candor_app_pipeline_filter *f,
			     int64_t at, struct candor_app_pipeline *out);
void candor_app_pipeline_release(struct candor_app_pipeline *p);

#endif
