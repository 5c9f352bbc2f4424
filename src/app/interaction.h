/*
 * app/interaction.h: one interaction as the conversation view shows it
 * (`candor show interaction`, the web's conversation page and
 * /api/v1/interactions/ID): the interaction, its contact's evidence (for
 * the signals), its utterances in order and what its analysis proposed.
 */
#ifndef CANDOR_APP_INTERACTION_H
#define CANDOR_APP_INTERACTION_H

#include "app/app.h"

/* All owned, freed by candor_app_interaction_release (also after a failure). */
struct candor_app_interaction {
	struct candor_scope scope;            /* its account and contact */
	struct candor_evidence_set set;       /* the contact's evidence */
	const struct candor_interaction *it;  /* points into set */
	struct candor_utterance *utts;
	size_t nutts;
	struct candor_proposal_row *props;
	size_t nprops;
	int64_t from, total;                  /* the page: utts[0] is index from, of total */
};

/* Load interaction id; CANDOR_ENOTFOUND when there is none. */
int candor_app_interaction_load(struct candor_app *app, int64_t id,
				struct candor_app_interaction *out);
/* The same with only limit utterances from index from (a page of a huge call). */
int candor_app_interaction_load_page(struct candor_app *app, int64_t id, int64_t from,
				     int64_t limit, struct candor_app_interaction *out);
void candor_app_interaction_release(struct candor_app_interaction *x);

#endif
