/*
 * app/audit.h: the audit trail's use cases: a batch per use (store/audit.h
 * records every change in it), and edit, delete and undo of any record a
 * user made.
 *
 * A front door opens the batch with its transaction:
 *     candor_app_batch_open(app, "command", user, NULL);
 * every use case it calls then records its changes in that batch, and the
 * commit closes it (a rollback forgets it, with the rows).  Other code (an
 * import, a merge) opens its own kind and says where each record came
 * from with candor_app_batch_source(app, "hubspot.csv:12") before it adds
 * it.
 *
 * Record kinds, as users name them: promise, event (of a promise's
 * history), expectation, fact, value, fit, decision, interaction, contact,
 * account.  A record the asker (app->who) may not change answers exactly
 * as a missing one: "no promise #12".
 */
#ifndef CANDOR_APP_AUDIT_H
#define CANDOR_APP_AUDIT_H

#include "app/app.h"
#include "store/audit.h"
#include "util/buf.h"
#include <jansson.h>

/* Open a batch of kind ("command", "web", "api", "import", "merge") by user
 * by; what may be NULL (the use cases and the front door describe it). */
int candor_app_batch_open(struct candor_app *app, const char *kind, const char *by,
			  const char *what);
/* Describe the open batch ("promise 'send the case study' for Dana Reyes")
 * unless something said it already: the use cases say what they did. */
void candor_app_batch_say(struct candor_app *app, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Where the next records come from ("file:row"); NULL or "" for none. */
int candor_app_batch_source(struct candor_app *app, const char *source);

/* The table a record kind lives in, NULL when kind is not one. */
const char *candor_app_record_table(const char *kind);
/* "promise, event, ...": the kinds, for messages. */
extern const char candor_app_record_kinds[];

/* One field of an edit, as typed: name as the add command's option
 * ("text", "at", "due", "kind", "note", "role", "email"...), value text. */
struct candor_app_edit { const char *field; const char *value; };

/*
 * Edit record id of kind: every field checked as strictly as when the record
 * was added (dates, enums, names normalised and unique, a due date not
 * before the promise was made, an event not before it), then written in one
 * change.  A field the kind does not have is CANDOR_EINVALID naming it;
 * nothing changes on any error.  *changed says whether anything did (an
 * edit to the same values is no change).
 */
int candor_app_record_edit(struct candor_app *app, const char *kind, int64_t id,
			   const struct candor_app_edit *f, size_t n, bool *changed);

/* One editable field of a record, with its value now, as a form shows it. */
struct candor_app_field {
	const char *field;                  /* as candor_app_record_edit takes it */
	char type;                          /* 't' text, 'o' optional text, 'n' a name, 'd' a date,
					     * 'e' one of names, 'b' yes or no, 'a' an account
					     * (its id; any the asker may change) */
	const struct candor_name *names;    /* the choices of an 'e' */
	char value[1024];                   /* dates as YYYY-MM-DDTHH:MM, yes/no as 1/0 */
};
#define CANDOR_APP_FIELDS_MAX 8
/*
 * The fields of record id of kind that candor_app_record_edit takes, with
 * their values (checked like an edit: another's record is "no promise
 * #12"); *contact_id is the buyer it is about (0 for an account), for the
 * way back.
 */
int candor_app_record_fields(struct candor_app *app, const char *kind, int64_t id,
			     struct candor_app_field out[CANDOR_APP_FIELDS_MAX], size_t *n,
			     int64_t *contact_id);

/* What a deletion takes: the record, and the evidence with it. */
struct candor_app_deletion {
	char what[200];           /* "contact #3 'Dana Reyes'" */
	size_t total;             /* records besides the one named */
	size_t n[12];             /* by kind, in the order of candor_app_deletion_kinds */
};
extern const char *const candor_app_deletion_kinds[12];
/*
 * What deleting record id of kind would take (plan, writes nothing), or
 * delete it with that evidence (soft: marked deleted by the open batch).
 * A promise's first event (the promise itself) is deleted with the promise.
 */
int candor_app_record_delete_plan(struct candor_app *app, const char *kind, int64_t id,
				  struct candor_app_deletion *out);
int candor_app_record_delete(struct candor_app *app, const char *kind, int64_t id,
			     struct candor_app_deletion *out);

/* What an undo did. */
struct candor_app_undone {
	int64_t batch;            /* the batch undone */
	int64_t undo;             /* the batch of the undo itself */
	size_t changes;           /* rows put back */
	char kind[16];
	char what[400];
};
/*
 * Undo batch id (0: the newest batch by user by that is not undone), when
 * only_kind is not NULL only a batch of that kind ("import", "merge").
 * Every row is put back as it was before it; an added one is deleted; the
 * undo is its own batch of kind "undo" (undoing that redoes).  Refused:
 * a batch already undone, or one a later batch (not undone) changed a row
 * of (CANDOR_ECONFLICT, naming it); a batch of another kind
 * (CANDOR_ECONFLICT); a batch with a record the asker may not change
 * (CANDOR_ENOTFOUND, as if there were no such batch).
 */
int candor_app_undo(struct candor_app *app, int64_t id, const char *by, const char *only_kind,
		    struct candor_app_undone *out);
/*
 * Whether candor_app_undo would undo batch id, as far as can be told
 * before it runs (writes nothing): 0, or the error it would give, with its
 * message (already undone, changed by a later batch, another kind, a
 * record the asker may not change); *in_the_way is the later batch that
 * changed the same records, when that is why (else 0).  A name an undo
 * would bring back that another record took since is found only by the
 * undo itself.
 */
int candor_app_undo_check(struct candor_app *app, int64_t id, const char *only_kind,
			  int64_t *in_the_way);

/*
 * The audit log: batches newest first, of contact_id (when not 0), else
 * account_id (when not 0), else all, at most limit (0: all), only those
 * the asker may see.  Free with candor_batches_free.
 */
int candor_app_audit_log(struct candor_app *app, int64_t contact_id, int64_t account_id,
			 size_t limit, struct candor_batch **out, size_t *n);

/* A batch with its changes as JSON ({id, kind, what, by, at, undone_at,
 * undone_by, changes: [{id, record, table, record_id, action, before,
 * after, source}]}); NULL when it cannot be built. */
json_t *candor_app_batch_json(const struct candor_batch *b, const struct candor_change *c,
			      size_t n);

/* "text: 'a' -> 'b'; at: 2026-11-20 -> 2026-11-21" for a change of an edit
 * ("" for an add or a delete), appended to out. */
void candor_app_change_diff(const struct candor_change *c, struct candor_buf *out);
/* "promise #12" for a change's record, into out. */
void candor_app_change_subject(const struct candor_change *c, char *out, size_t n);

#endif
