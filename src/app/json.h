/*
 * app/json.h: the JSON the two front doors share, so `candor ... --json`,
 * `candor export --format json` and the /api/v1 answers say the same thing
 * in the same words.
 *
 * Each writer returns a new jansson value the caller owns (json_decref), or
 * NULL when any part of it could not be built (out of memory, a string
 * that is not UTF-8): never a value with a record left out.  A caller
 * checks for NULL and fails with an error.  The records passed in are borrowed for the call
 * only: every string is copied into the value.  Dates are strings
 * ("2026-11-20" or "2026-11-20T15:00", util/date.h), or null for 0.
 */
#ifndef CANDOR_APP_JSON_H
#define CANDOR_APP_JSON_H

#include "util/common.h"
#include <jansson.h>
#include "core/domain.h"
#include "core/model.h"
#include "util/buf.h"

/*
 * Checked building, for the writers here and the front doors' own
 * additions: put sets o[key] = v, push appends v to a; both consume v and
 * set *bad when anything is NULL or fails.  candor_json_checked returns j,
 * or releases it and returns NULL when bad (or j is NULL).
 */
void candor_json_put(json_t *o, const char *key, json_t *v, bool *bad);
void candor_json_push(json_t *a, json_t *v, bool *bad);
json_t *candor_json_checked(json_t *j, bool bad);

/* A date as a JSON string, or null for 0. */
json_t *candor_json_date(int64_t t);

json_t *candor_json_account(const struct candor_account *a);
/* A contact with its account's name ("" when not loaded). */
json_t *candor_json_contact(const struct candor_contact *c);
/* An interaction without its signals (the ledger lists those). */
json_t *candor_json_interaction(const struct candor_interaction *it);

/*
 * A promise with its whole history; its status counts everything recorded,
 * and only "overdue" depends on at.
 */
json_t *candor_json_commitment(const struct candor_commitment *c, int64_t at);

/* The ledger of ev as an object of arrays (interactions with what was said,
 * commitments as of at, expectations, facts, values, fits, decisions). */
json_t *candor_json_ledger(const struct candor_evidence *ev, int64_t at);

/* An assessment: stage, trust and its components, gates with their
 * reasons, the headline, the next step, the profile and the evidence counts. */
json_t *candor_json_assessment(const struct candor_assessment *a);

/*
 * The same as text, as the CLI prints JSON (two-space indent, reals to 12
 * digits): malloc'd, or NULL (out of memory, not UTF-8).  This is what a
 * kept answer holds (store.h, candor_assessment_row.doc).
 */
char *candor_json_assessment_text(const struct candor_assessment *a);

/*
 * A buyer of the pipeline as text (the same flags), appended to out: the
 * assessment text doc (candor_json_assessment_text, kept or made now) with
 * "contact" (candor_json_contact) and "reason" (unless reason is NULL) added, byte for byte what
 * dumping that object would write, with indent before every line (the
 * object nested in an array: "    " two levels in).  0, or CANDOR_ERROR
 * when a part cannot be written (out is then cut back to where it was).
 */
int candor_json_buyer_text(struct candor_buf *out, const char *doc, const struct candor_contact *c,
			   const char *reason, const char *indent);

/*
 * The pipeline's listing as text, appended to out a part at a time (so
 * `pipeline --json` can stream it): _begin writes {"at", "model_version",
 * "buyers": [, _add buyer i (from 0) as candor_json_buyer_text, _end closes
 * the list of n buyers and, when paged, gives "next" (the cursor, or null
 * on the last page).  The same text as dumping that object with the CLI's
 * flags.  0, or CANDOR_ERROR (out of memory, text that is not UTF-8).
 */
int candor_json_buyers_begin(struct candor_buf *out, int64_t at);
int candor_json_buyers_add(struct candor_buf *out, size_t i, const char *doc,
			   const struct candor_contact *c, const char *reason);
int candor_json_buyers_end(struct candor_buf *out, size_t n, bool paged, const char *next);

/*
 * The whole store as `candor export --format json` writes it: every account
 * with its contacts, each with its ledger and its assessment as of at.
 */
struct candor_account_list;
struct candor_contact_list;
struct candor_evidence_set;
json_t *candor_json_export(const struct candor_account_list *accounts,
			  const struct candor_contact_list *contacts,
			  const struct candor_evidence_set *set, int64_t at);

/*
 * A user's correction of the analyser, {"id","interaction","utterance",
 * "category","verdict","side","text","by","at"}; and an array of n of
 * them (the export's "corrections").  NULL when out of memory.
 */
json_t *candor_json_correction(const struct candor_correction *c);

/*
 * Which analysers found the signals of set's interactions up to at, most
 * calls first: [{"analyser": "21b0f384021f95ac" | "phrases", "calls": N}]
 * (interactions logged by hand are left out).  For status: the scores say
 * which models made their evidence.  NULL when out of memory.
 */
json_t *candor_json_analysers(const struct candor_evidence_set *set, int64_t at);
json_t *candor_json_corrections(const struct candor_correction *c, size_t n);

#endif
