/*
 * store/readback.c: the check of text read back from the database
 * (readback.h).  One rule, util/utf8.h's: well-formed UTF-8 (and there:
 * a copy that failed is out of memory).
 */
#include "util/common.h"
#include "util/utf8.h"
#include "store/readback.h"

/*
 * 0 when every one of the n strings is well-formed; else the error.  The
 * backends read a NULL column as "", so a NULL here is a copy that ran out
 * of memory: an error, never a name shown empty.
 */
static int check(struct candor_store *s, const char *table, int64_t id, const char *const *v,
		 const char *const *cols, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!v[i])
			return candor_error_set(s->err, CANDOR_ERROR, NULL, "out of memory reading "
						"%s #%" PRId64, table, id);
		if (candor_utf8_valid(v[i], strlen(v[i])))
			continue;
		return candor_error_set(s->err, CANDOR_EDB, cols[i],
					"the database holds text that is not UTF-8 in %s #%" PRId64
					" ('%s'): it was not written by Candor; repair that "
					"record with sqlite3 or psql", table, id, cols[i]);
	}
	return 0;
}

#define CHECK(table, id, ...)                                                          \
	do {                                                                          \
		const char *const v_[] = { __VA_ARGS__ };                             \
		int rc_ = check(s, table, id, v_, cols, CANDOR_ARRAY_SIZE(v_));       \
		if (rc_)                                                              \
			return rc_;                                                   \
	} while (0)

int store_readback_accounts(struct candor_store *s, const struct candor_account *v, size_t n)
{
	static const char *const cols[] = { "name", "owner", "note" };

	for (size_t i = 0; i < n; i++)
		CHECK("account", v[i].id, v[i].name, v[i].owner, v[i].note);
	return 0;
}

int store_readback_contacts(struct candor_store *s, const struct candor_contact *v, size_t n)
{
	static const char *const cols[] = { "name", "role", "email", "account" };

	for (size_t i = 0; i < n; i++)
		CHECK("contact", v[i].id, v[i].name, v[i].role, v[i].email, v[i].account_name);
	return 0;
}

static int interactions(struct candor_store *s, const struct candor_evidence_set *e)
{
	static const char *const cols[] = { "seller", "text", "source", "metrics", "analyser" };

	for (size_t i = 0; i < e->ninteractions; i++) {
		const struct candor_interaction *x = &e->interactions[i];

		CHECK("interaction", x->id, x->seller, x->text, x->source, x->metrics, x->analyser);
	}
	return 0;
}

static int signals(struct candor_store *s, const struct candor_evidence_set *e)
{
	static const char *const cols[] = { "category", "text", "quote" };

	for (size_t i = 0; i < e->nsignals; i++) {
		const struct candor_signal *x = &e->signals[i];

		CHECK("signal", x->id, x->category, x->text, x->quote);
	}
	return 0;
}

static int commitments(struct candor_store *s, const struct candor_evidence_set *e)
{
	static const char *const cols[] = { "text", "note" };

	for (size_t i = 0; i < e->ncommitments; i++) {
		const struct candor_commitment *x = &e->commitments[i];

		CHECK("promise", x->id, x->text);
		for (size_t k = 0; k < x->nevents; k++)
			CHECK("promise", x->id, x->text, x->events[k].note);
	}
	return 0;
}

static int the_rest(struct candor_store *s, const struct candor_evidence_set *e)
{
	static const char *const cols[] = { "text", "source" };
	static const char *const note[] = { "note" };

	for (size_t i = 0; i < e->nexpectations; i++)
		CHECK("expectation", e->expectations[i].id, e->expectations[i].text);
	for (size_t i = 0; i < e->nfacts; i++)
		CHECK("fact", e->facts[i].id, e->facts[i].text, e->facts[i].source);
	for (size_t i = 0; i < e->nvalues; i++)
		CHECK("value", e->values[i].id, e->values[i].text);
	for (size_t i = 0; i < e->nfits; i++)
		CHECK("fit", e->fits[i].id, e->fits[i].text);
	for (size_t i = 0; i < e->ndecisions; i++) {
		const char *const v[] = { e->decisions[i].note };
		int rc = check(s, "decision", e->decisions[i].id, v, note, 1);

		if (rc)
			return rc;
	}
	return 0;
}

int store_readback_evidence(struct candor_store *s, const struct candor_evidence_set *e)
{
	int rc;

	if ((rc = interactions(s, e)) || (rc = signals(s, e)) || (rc = commitments(s, e)))
		return rc;
	return the_rest(s, e);
}

int store_readback_utterances(struct candor_store *s, int64_t interaction_id,
			      const struct candor_utterance *u, size_t n)
{
	static const char *const cols[] = { "speaker", "text" };

	for (size_t i = 0; i < n; i++)
		CHECK("interaction", interaction_id, u[i].speaker, u[i].text);
	return 0;
}

int store_readback_proposals(struct candor_store *s, const struct candor_proposal_row *p,
			     size_t n)
{
	static const char *const cols[] = { "text" };

	for (size_t i = 0; i < n; i++)
		CHECK("proposal", p[i].id, p[i].text);
	return 0;
}

int store_readback_users(struct candor_store *s, const struct candor_user *v, size_t n)
{
	static const char *const cols[] = { "name" };

	for (size_t i = 0; i < n; i++)
		CHECK("user", v[i].id, v[i].name);
	return 0;
}

int store_readback_corrections(struct candor_store *s, const struct candor_correction *c,
			       size_t n)
{
	static const char *const cols[] = { "category", "text", "by_user" };

	for (size_t i = 0; i < n; i++)
		CHECK("correction", c[i].id, c[i].category, c[i].text, c[i].by);
	return 0;
}
