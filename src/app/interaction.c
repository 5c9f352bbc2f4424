/*
 * app/interaction.c: one interaction with its words, signals and proposals
 * (interaction.h).
 */
#include "util/common.h"
#include "app/interaction.h"

static int load(struct candor_app *app, int64_t id, int64_t from, int64_t limit,
		struct candor_app_interaction *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	out->from = from;
	if ((rc = candor_store_locate(app->store, CANDOR_RECORD_INTERACTION, id, &out->scope)) ||
	    (rc = candor_store_evidence(app->store, &out->scope, &out->set)) ||
	    (rc = limit ? candor_store_utterance_range(app->store, out->scope.account_id, id, from,
						       limit, &out->utts, &out->nutts, &out->total)
			: candor_store_utterances(app->store, out->scope.account_id, id, &out->utts,
						  &out->nutts)) ||
	    (rc = candor_store_proposals(app->store, out->scope.account_id, 0, id, &out->props,
					 &out->nprops)))
		return rc;
	for (size_t i = 0; i < out->set.ninteractions; i++)
		if (out->set.interactions[i].id == id)
			out->it = &out->set.interactions[i];
	if (!out->it)
		return candor_error_set(app->err, CANDOR_ENOTFOUND, NULL,
					"no interaction #%" PRId64, id);
	if (!limit)
		out->total = (int64_t)out->nutts;
	return 0;
}

int candor_app_interaction_load(struct candor_app *app, int64_t id,
				struct candor_app_interaction *out)
{
	return load(app, id, 0, 0, out);
}

int candor_app_interaction_load_page(struct candor_app *app, int64_t id, int64_t from,
				     int64_t limit, struct candor_app_interaction *out)
{
	return load(app, id, from < 0 ? 0 : from, limit > 0 ? limit : 1, out);
}

void candor_app_interaction_release(struct candor_app_interaction *x)
{
	candor_evidence_set_release(&x->set);
	candor_utterances_free(x->utts, x->nutts);
	candor_proposals_free(x->props, x->nprops);
	memset(x, 0, sizeof(*x));
}
