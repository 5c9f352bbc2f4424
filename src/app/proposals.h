/*
 * app/proposals.h: the seller's word on what a call's analysis proposed.
 *
 * Accepting a promise the seller made records it as a commitment, made at
 * the call and due when they said (or on due, which overrides it);
 * accepting a disclosure records it as a discovery fact quoting the
 * sentence, sourced "interaction #N".  A promise the buyer made cannot be
 * accepted (CANDOR_ECONFLICT): it stays on the conversation.  A proposal
 * already accepted or dismissed is CANDOR_ECONFLICT; one that does not exist
 * CANDOR_ENOTFOUND.  On failure the result is left empty.
 */
#ifndef CANDOR_APP_PROPOSALS_H
#define CANDOR_APP_PROPOSALS_H

#include "app/app.h"

/* What accepting or dismissing did; release with candor_app_proposal_result_release. */
struct candor_app_proposal_result {
	int64_t interaction_id;  /* the call the proposal came from */
	int64_t contact_id;
	int kind;                /* enum candor_proposal_kind */
	int fact_kind;           /* for a fact: enum candor_fact_kind; else -1 */
	int64_t record_id;       /* the commitment or fact made; 0 when dismissed */
	char *text;              /* the proposal's text, for messages (owned) */
};

void candor_app_proposal_result_release(struct candor_app_proposal_result *r);

/* The account a proposal belongs to, for a front door's access check. */
int candor_app_proposal_scope(struct candor_app *app, int64_t id, struct candor_scope *out);

/*
 * Accept proposal id.  due (0: the date said in the call) is for a promise;
 * a promise with no date at all is CANDOR_EINVALID with field "due", as is
 * a due date before the day of the call.
 */
int candor_app_proposal_accept(struct candor_app *app, int64_t id, int64_t due,
			       struct candor_app_proposal_result *out);
int candor_app_proposal_dismiss(struct candor_app *app, int64_t id,
				struct candor_app_proposal_result *out);

#endif
