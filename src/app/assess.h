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
 * Contact c's whole answer as text (candor_json_assessment_text), in *out
 * (malloc'd; free it).  As of now (asof false; at is now) it is the kept
 * one when that is current (the answer as of its row's at, the same day,
 * from the evidence as it stands: as the board and the pipeline show it),
 * else made from the evidence as of at and not kept; asof true: made as
 * of at.  *out is NULL only with an error.
 */
int candor_app_contact_whole(struct candor_app *app, const struct candor_contact *c, int64_t at,
			     bool asof, char **out);

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
	char reason[320];             /* candor_app_buyer_reason: the card's one line */
	int64_t last_contact, due;    /* pages as of now: as store.h's row says; else 0 */
	/* with the query's whole flag: the whole answer as text
	 * (candor_json_assessment_text), kept or made now; else NULL */
	const char *whole;
};

/*
 * Why a buyer stands where they are, in one line: the card on the board
 * and the line of `candor pipeline` print this and nothing else.
 *   decided    "bought on 2026-11-12" (and "; since then: " the first shut
 *              gate's reason, when one is)
 *   a shut gate  its headline reason (candor_assessment_headline)
 *   ready      "every gate open since DATE: ask what would make it safe to
 *              choose now", DATE the day the last gate opened
 *   otherwise  "nothing logged yet: log a first conversation"
 * ev is the evidence a was assessed from (for the READY date; NULL when
 * not at hand: the date is left out).
 */
void candor_app_buyer_reason(char *dst, size_t n, const struct candor_assessment *a,
			     const struct candor_evidence *ev);

/* Every buyer shown, in pipeline order; all owned, freed by _release. */
struct candor_app_pipeline {
	struct candor_account_list accounts;
	struct candor_contact_list contacts;
	struct candor_evidence_set set;   /* the evidence of every contact listed */
	struct candor_app_buyer *v;
	size_t n;
};

/*
 * Whether owner is one of sellers: a list of parts separated by commas,
 * each a part of a seller's name compared folded (util/fold.h), so "sam"
 * is "Sam Seller" and "sam,ann" either of two.  NULL or "" is everyone.
 */
bool candor_app_seller_matches(const char *owner, const char *sellers);

/*
 * The owners of the accounts (only only_owner's when set) that sellers
 * (as above) names, as store.h's owners list ("\nSam Seller\nAnn\n")
 * in *out (malloc'd; free it).  A part that names no seller is
 * CANDOR_ENOTFOUND, field "seller": "no buyer's seller matches 'nobody'".
 */
int candor_app_pipeline_sellers(struct candor_app *app, const char *sellers,
				const char *only_owner, char **out);

/* The order named by text (store.h, candor_pipeline_sorts; NULL or "": urgency);
 * another is CANDOR_EINVALID, field "sort", naming the ones there are. */
int candor_app_pipeline_sort(struct candor_app *app, const char *text, int *out);

/* Which buyers: 0 / NULL for "any". */
struct candor_app_pipeline_filter {
	int64_t account_id;
	const char *seller;                         /* sellers, as candor_app_seller_matches */
	bool (*visible)(const char *owner, void *data); /* the caller's own rule */
	void *data;
};

/* Load and assess the buyers that pass filter (which may be NULL), as of at. */
int candor_app_pipeline_load(struct candor_app *app, const struct candor_app_pipeline_filter *f,
			     int64_t at, struct candor_app_pipeline *out);
void candor_app_pipeline_release(struct candor_app_pipeline *p);

/*
 * A page of the pipeline, for `candor pipeline --limit` and the board:
 * the buyers that pass the filters, in pipeline order, limit at a time.
 *   account_id, seller  as for candor_app_pipeline_filter (seller: the
 *                       account's owner, any case)
 *   seller              a list of parts of sellers' names (as
 *                       candor_app_seller_matches); one that names no
 *                       seller is CANDOR_ENOTFOUND
 *   search              a part of the buyer's name, email or account
 *                       name, without case or accents (util/fold.h)
 *   sort                the order (store.h): urgency, trust, last contact, due
 *   only_owner          the caller's visibility rule as an owner (a
 *                       seller sees their own accounts): NULL for all
 *   limit, after        at most limit buyers (0: all) after the cursor a
 *                       previous page gave as next
 *   at, asof            as of at; asof false means at is now
 * As of now the order comes from the kept answers (store.h): the stale
 * ones (evidence written since, another model, a threshold passed) are
 * computed again first and kept, in the caller's transaction, so a score
 * is never one from before the last write; then the page is read in order
 * from the store, and only its buyers are assessed from their evidence.
 * As of another moment (asof true: `--at`) every buyer is assessed from
 * the evidence, as candor_app_pipeline_load does, and the page cut from
 * that.  Within a day the kept order may lag the fading of trust (see
 * candor_model_valid_until); the scores shown are always computed as of at.
 */
struct candor_app_pipeline_query {
	int64_t account_id;
	const char *seller, *search, *only_owner;
	const char *owners;   /* seller resolved (candor_app_pipeline_sellers): when
	                         set, seller is not looked at again */
	int sort;             /* enum candor_pipeline_sort (store.h) */
	size_t limit;
	const char *after;
	int64_t at;
	bool asof;
	int in_stage;     /* 1 + the one stage to list; 0: every stage */
	bool kept;        /* as of now: show the kept stage, stalled, trust and
	                     headline reason (as of the row's at, the same day)
	                     without reading the evidence */
	bool whole;       /* as of now: each buyer's whole answer as text (b->whole),
	                     the kept one (as of its row's at, the same day) where
	                     it is kept, else made from the evidence; a has the
	                     kept numbers and headline only, as with kept */
};
/* The page: buyers v[0..n) (owner NULL), their contacts, and next ("" on the last). */
struct candor_app_pipeline_page {
	struct candor_contact_list contacts;
	struct candor_app_buyer *v;
	size_t n;
	char next[CANDOR_CURSOR_MAX];
	struct candor_app_pipeline all;   /* asof: everything loaded */
	char **whole;                     /* q->whole: v[i].whole, owned */
};
int candor_app_pipeline_page(struct candor_app *app, const struct candor_app_pipeline_query *q,
			     struct candor_app_pipeline_page *out);
void candor_app_pipeline_page_release(struct candor_app_pipeline_page *p);

/*
 * Every buyer of q (as of now; q->limit and q->asof are ignored) in
 * pipeline order, handed to fn one at a time (b is valid during the call),
 * read and assessed a chunk at a time so memory stays flat however many
 * buyers there are.  A non-zero return from fn stops the walk and is
 * returned.
 */
int candor_app_pipeline_each(struct candor_app *app, const struct candor_app_pipeline_query *q,
			     int (*fn)(void *data, const struct candor_app_buyer *b), void *data);

/*
 * What falls due for the buyers of q (its filters; as of now): the open
 * promises and expectations due before the end of q->at's day (UTC), at
 * most limit of them, soonest first; *more when there are more.  Release
 * *out with candor_due_list_release.  Whether one is overdue or due today
 * is candor_app_due_overdue.
 */
int candor_app_pipeline_due(struct candor_app *app, const struct candor_app_pipeline_query *q,
			    size_t limit, struct candor_due_list *out, bool *more);
/* Whether due (a due date) was past before the day of at began. */
bool candor_app_due_overdue(int64_t due, int64_t at);

/* How many buyers pass q's filters in each stage (as of now, kept answers brought up to date). */
int candor_app_pipeline_counts(struct candor_app *app, const struct candor_app_pipeline_query *q,
			       int64_t counts[CANDOR_STAGE_DECIDED + 1]);

#endif
