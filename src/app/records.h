/*
 * app/records.h: the use cases that add one record about a buyer: log an
 * interaction, make a promise, set an expectation, learn a fact, record
 * value exchanged, fit explored and the buyer's decision; and the accounts
 * and contacts they hang on.
 *
 * Each takes the contact already found (who: borrowed; the web has checked
 * that the user may change its account) and parsed arguments, checks them
 * all (app.h: the field named on failure), adds the record and sets *out to
 * its id.  Strings are borrowed for the call: the store copies them.
 */
#ifndef CANDOR_APP_RECORDS_H
#define CANDOR_APP_RECORDS_H

#include "app/app.h"

int candor_app_account_add(struct candor_app *app, const char *name, const char *owner,
			   const char *note, int64_t *out);
int candor_app_contact_add(struct candor_app *app, int64_t account_id, const char *name,
			   const char *role, const char *email, int64_t *out);
/* The same, the contact starting with extra fields (a JSON object; NULL: none). */
int candor_app_contact_add_extra(struct candor_app *app, int64_t account_id, const char *name,
				 const char *role, const char *email, const char *extra,
				 int64_t *out);

/* One thing the buyer (or the seller) said, logged with an interaction. */
struct candor_app_said {
	const char *category;  /* a signal category: "stall", "candor"... ('-' for '_') */
	const char *words;     /* what was said */
};

struct candor_app_log {
	int kind;              /* enum candor_interaction_kind */
	bool inbound;          /* they reached out */
	int64_t at;
	const char *seller;    /* who talked to them */
	const char *text;      /* what happened */
	const struct candor_app_said *said;
	size_t nsaid;
};

/* Log an interaction and what was said in it (field "said" for a bad one). */
int candor_app_interaction_log(struct candor_app *app, const struct candor_contact *who,
			       const struct candor_app_log *in, int64_t *out);

/* Whether category names a signal a seller may log with --said / "said". */
bool candor_app_said_category(const char *category);

/* A promise the seller made at at, due on due (not before the day of at). */
int candor_app_promise_make(struct candor_app *app, const struct candor_contact *who,
			    const char *text, int64_t at, int64_t due, int64_t *out);

/* What the seller expects of the buyer, set at at, to be true by by. */
int candor_app_expectation_set(struct candor_app *app, const struct candor_contact *who,
			       const char *text, int64_t at, int64_t by, int64_t *out);

struct candor_app_fact {
	int kind;              /* enum candor_fact_kind; -1: missing */
	const char *text;
	const char *source;    /* "" or NULL when not said */
	int confidence;        /* enum candor_confidence */
	int64_t at;
};
int candor_app_fact_learn(struct candor_app *app, const struct candor_contact *who,
			  const struct candor_app_fact *in, int64_t *out);

/* Value given to or received from the buyer (direction: enum candor_value_direction). */
int candor_app_value_record(struct candor_app *app, const struct candor_contact *who,
			    int direction, const char *text, int64_t at, int64_t *out);
/* Fit explored together (verdict: enum candor_fit_verdict). */
int candor_app_fit_record(struct candor_app *app, const struct candor_contact *who,
			  int verdict, const char *text, int64_t at, int64_t *out);
/* The buyer's decision (kind: enum candor_decision_kind); note may be NULL. */
int candor_app_decision_record(struct candor_app *app, const struct candor_contact *who,
			       int kind, const char *note, int64_t at, int64_t *out);

#endif
