/*
 * app/records.c: adding one record about a buyer (records.h).  Every
 * argument is checked before the store is written, so invalid input
 * changes nothing.
 */
#include "util/common.h"
#include "core/model.h"
#include "app/access.h"
#include "app/records.h"
#include "app/audit.h"

/*
 * The owner an account is given to: when the store has users (a team
 * server), one of them, by the name they signed up with; with no users (one
 * seller on their own machine), any name.  *out is malloc'd.
 */
int candor_app_owner_clean(struct candor_app *app, const char *owner, char **out)
{
	struct candor_user_list all = { 0 };
	struct candor_user u = { 0 };
	char *name = NULL;
	int rc;

	*out = NULL;
	if (!owner || !*owner)
		return (*out = strdup("")) ? 0 : candor_error_set(app->err, CANDOR_ERROR, NULL,
								  "out of memory");
	if ((rc = candor_app_name_clean(app, "owner", owner, &name)) ||
	    (rc = candor_store_users(app->store, 0, NULL, &all)))
		goto cleanup;
	if (!all.n) {
		*out = name, name = NULL;
		goto cleanup;
	}
	if ((rc = candor_store_user_find(app->store, 0, name, &u))) {
		if (rc == CANDOR_ENOTFOUND)
			rc = candor_error_set(app->err, CANDOR_EINVALID, "owner",
					      "'owner': there is no user '%s' (see 'candor user "
					      "list'): an account belongs to a user", name);
		goto cleanup;
	}
	*out = u.name, u.name = NULL;
cleanup:
	candor_user_release(&u);
	candor_user_list_release(&all);
	free(name);
	return rc;
}

/*
 * Names are unique among the accounts the asker may see (app->who; all of
 * them for the local user): a seller is stopped by, and told of, only an
 * account they could look up anyway, so a name probes nothing of anyone
 * else's.  The store keeps them unique per owner in any case.
 */
static int name_free(struct candor_app *app, const char *name)
{
	struct candor_account_list l = { 0 };
	int rc = candor_store_accounts_named(app->store, name, &l);

	for (size_t i = 0; i < l.n && !rc; i++)
		if (!app->who || candor_app_may_see(app->who, l.v[i].owner))
			rc = candor_error_set(app->err, CANDOR_ECONFLICT, "name",
					      "there is already an account '%s' (#%" PRId64 ")",
					      l.v[i].name, l.v[i].id);
	candor_account_list_release(&l);
	return rc;
}

int candor_app_account_add(struct candor_app *app, const char *name, const char *owner,
			   const char *note, int64_t *out)
{
	struct candor_account a = { .note = (char *)(note ? note : ""), .created = app->now };
	int rc;

	if ((rc = candor_app_name_clean(app, "name", name, &a.name)) ||
	    (rc = candor_app_owner_clean(app, owner, &a.owner)) ||
	    (rc = candor_app_check_optional(app, "note", note)) ||
	    (rc = name_free(app, a.name)) ||
	    (rc = candor_store_account_add(app->store, &a)))
		goto cleanup;
	candor_app_batch_say(app, "account '%s'", a.name);
	*out = a.id;
cleanup:
	free(a.name);
	free(a.owner);
	return rc;
}

int candor_app_contact_add(struct candor_app *app, int64_t account_id, const char *name,
			   const char *role, const char *email, int64_t *out)
{
	return candor_app_contact_add_extra(app, account_id, name, role, email, NULL, out);
}

int candor_app_contact_add_extra(struct candor_app *app, int64_t account_id, const char *name,
				 const char *role, const char *email, const char *extra,
				 int64_t *out)
{
	struct candor_contact c = { .account_id = account_id,
				    .role = (char *)(role ? role : ""),
				    .email = (char *)(email ? email : ""), .created = app->now,
				    .extra = extra };
	int rc;

	if ((rc = candor_app_name_clean(app, "name", name, &c.name)) ||
	    (rc = candor_app_check_optional(app, "role", role)) ||
	    (rc = candor_app_check_optional(app, "email", email)) ||
	    (rc = candor_store_contact_add(app->store, &c)))
		goto cleanup;
	candor_app_batch_say(app, "contact '%s'", c.name);
	*out = c.id;
cleanup:
	free(c.name);
	return rc;
}

static const char *const said_categories[] = {
	"social", "stall", "candor", "disclosure", "toward", "away", "options", "procedures",
	"objection", "question", "price", "competitor", "next_step", "commitment",
	"pressure", "closing", "seller_centric", NULL
};

bool candor_app_said_category(const char *category)
{
	for (const char *const *c = said_categories; *c; c++)
		if (!strcmp(*c, category))
			return true;
	return false;
}

/* Who says a category: the seller pushes, closes and talks about themselves. */
static int said_side(const char *category)
{
	return strcmp(category, "pressure") && strcmp(category, "closing") &&
	       strcmp(category, "seller_centric") ? CANDOR_SIDE_BUYER : CANDOR_SIDE_SELLER;
}

static int check_said(struct candor_app *app, const struct candor_app_log *in)
{
	for (size_t i = 0; i < in->nsaid; i++) {
		const struct candor_app_said *s = &in->said[i];

		if (!s->category || !candor_app_said_category(s->category))
			return candor_error_set(app->err, CANDOR_EINVALID, "said",
						"'said': '%s' is not a category (see 'candor log "
						"--help')", s->category ? s->category : "");
		if (candor_app_check_text(app, "said", s->words))
			return app->err->code;
	}
	return 0;
}

static int add_said(struct candor_app *app, const struct candor_interaction *it,
		    const struct candor_app_log *in)
{
	int rc = 0;

	for (size_t i = 0; i < in->nsaid && !rc; i++) {
		struct candor_signal sg = {
			.interaction_id = it->id, .contact_id = it->contact_id,
			.category = (char *)in->said[i].category, .text = (char *)in->said[i].words,
			.side = said_side(in->said[i].category), .utterance = -1, .start = -1,
			.end = -1, .quote = "", .confidence = -1,
		};

		rc = candor_store_signal_add(app->store, it->account_id, &sg);
	}
	return rc;
}

int candor_app_interaction_log(struct candor_app *app, const struct candor_contact *who,
			       const struct candor_app_log *in, int64_t *out)
{
	struct candor_interaction it = {
		.account_id = who->account_id, .contact_id = who->id, .kind = in->kind,
		.inbound = in->inbound, .at = in->at, .seller = (char *)(in->seller ? in->seller : ""),
		.text = (char *)in->text, .source = "", .metrics = "", .seller_share = -1,
	};
	int rc;

	if ((rc = candor_app_check_enum(app, "kind", candor_interaction_kinds, in->kind,
					"call, meeting...")) ||
	    (rc = candor_app_check_text(app, "text", in->text)) ||
	    (rc = candor_app_check_optional(app, "seller", in->seller)) ||
	    (rc = candor_app_check_past(app, "at", in->at)) || (rc = check_said(app, in)) ||
	    (rc = candor_store_interaction_add(app->store, &it)) || (rc = add_said(app, &it, in)))
		return rc;
	candor_app_batch_say(app, "%s with %s", candor_name_of(candor_interaction_kinds, in->kind),
			     who->name);
	*out = it.id;
	return 0;
}

int candor_app_promise_make(struct candor_app *app, const struct candor_contact *who,
			    const char *text, int64_t at, int64_t due, int64_t *out)
{
	struct candor_commitment_event made = { .at = at, .status = CANDOR_COMMITMENT_OPEN,
						.due = due, .note = "" };
	struct candor_commitment c = { .account_id = who->account_id, .contact_id = who->id,
				       .text = (char *)text, .made = at, .events = &made,
				       .nevents = 1 };
	int rc;

	if ((rc = candor_app_check_text(app, "text", text)) ||
	    (rc = candor_app_check_past(app, "at", at)) ||
	    (rc = candor_app_check_due(app, "due", due, at, "the date it was made")) ||
	    (rc = candor_store_commitment_add(app->store, &c)))
		return rc;
	candor_app_batch_say(app, "promise '%.200s' for %s", text, who->name);
	*out = c.id;
	return 0;
}

int candor_app_expectation_set(struct candor_app *app, const struct candor_contact *who,
			       const char *text, int64_t at, int64_t by, int64_t *out)
{
	struct candor_expectation e = { .account_id = who->account_id, .contact_id = who->id,
					.text = (char *)text, .set_at = at, .by = by };
	int rc;

	if ((rc = candor_app_check_text(app, "text", text)) ||
	    (rc = candor_app_check_past(app, "at", at)) ||
	    (rc = candor_app_check_due(app, "by", by, at, "the date it was set")) ||
	    (rc = candor_store_expectation_add(app->store, &e)))
		return rc;
	candor_app_batch_say(app, "expectation '%.200s' for %s", text, who->name);
	*out = e.id;
	return 0;
}

int candor_app_fact_learn(struct candor_app *app, const struct candor_contact *who,
			  const struct candor_app_fact *in, int64_t *out)
{
	struct candor_fact f = { .account_id = who->account_id, .contact_id = who->id,
				 .kind = in->kind, .text = (char *)in->text,
				 .source = (char *)(in->source ? in->source : ""),
				 .confidence = in->confidence, .at = in->at };
	int rc;

	if ((rc = candor_app_check_enum(app, "kind", candor_fact_kinds, in->kind,
					"what did you learn?")) ||
	    (rc = candor_app_check_text(app, "text", in->text)) ||
	    (rc = candor_app_check_optional(app, "source", in->source)) ||
	    (rc = candor_app_check_enum(app, "confidence", candor_confidences, in->confidence,
					"how sure are you?")) ||
	    (rc = candor_app_check_past(app, "at", in->at)) ||
	    (rc = candor_store_fact_add(app->store, &f)))
		return rc;
	candor_app_batch_say(app, "fact '%.200s' about %s", in->text, who->name);
	*out = f.id;
	return 0;
}

int candor_app_value_record(struct candor_app *app, const struct candor_contact *who,
			    int direction, const char *text, int64_t at, int64_t *out)
{
	struct candor_value v = { .account_id = who->account_id, .contact_id = who->id,
				  .direction = direction, .text = (char *)text, .at = at };
	int rc;

	if ((rc = candor_app_check_enum(app, "direction", candor_value_directions, direction,
					"given or received?")) ||
	    (rc = candor_app_check_text(app, "text", text)) ||
	    (rc = candor_app_check_past(app, "at", at)) ||
	    (rc = candor_store_value_add(app->store, &v)))
		return rc;
	candor_app_batch_say(app, "value %s '%.200s' with %s",
			     candor_name_of(candor_value_directions, direction), text, who->name);
	*out = v.id;
	return 0;
}

int candor_app_fit_record(struct candor_app *app, const struct candor_contact *who,
			  int verdict, const char *text, int64_t at, int64_t *out)
{
	struct candor_fit f = { .account_id = who->account_id, .contact_id = who->id,
				.verdict = verdict, .text = (char *)text, .at = at };
	int rc;

	if ((rc = candor_app_check_enum(app, "verdict", candor_fit_verdicts, verdict,
					"how good a fit?")) ||
	    (rc = candor_app_check_text(app, "text", text)) ||
	    (rc = candor_app_check_past(app, "at", at)) ||
	    (rc = candor_store_fit_add(app->store, &f)))
		return rc;
	candor_app_batch_say(app, "fit %s '%.200s' with %s",
			     candor_name_of(candor_fit_verdicts, verdict), text, who->name);
	*out = f.id;
	return 0;
}

int candor_app_decision_record(struct candor_app *app, const struct candor_contact *who,
			       int kind, const char *note, int64_t at, int64_t *out)
{
	struct candor_decision d = { .account_id = who->account_id, .contact_id = who->id,
				     .kind = kind, .note = (char *)(note ? note : ""), .at = at };
	int rc;

	if ((rc = candor_app_check_enum(app, "decision", candor_decision_kinds, kind,
					"what did they decide?")) ||
	    (rc = candor_app_check_optional(app, "note", note)) ||
	    (rc = candor_app_check_past(app, "at", at)) ||
	    (rc = candor_store_decision_add(app->store, &d)))
		return rc;
	candor_app_batch_say(app, "decision '%s' of %s", candor_name_of(candor_decision_kinds, kind),
			     who->name);
	*out = d.id;
	return 0;
}
