/*
 * store/audit.h: the audit trail (schema 7): who changed what, when, and
 * the rows as they were, so that any change can be shown and undone.
 *
 * A batch is one use of Candor that changed anything: a command, a web
 * request, an API call, an import, a merge, an undo.  A front door opens
 * one with its transaction (candor_audit_begin, after candor_store_begin);
 * from then on every write through the store (store.h: the _add, _resolve,
 * _delete... calls, and the record calls below) writes a change row: the
 * table, the record, add / edit / delete, the row as JSON before and
 * after, the source given last (candor_audit_source).  The batch row is
 * written with the first change, so a command that changed nothing leaves
 * no batch; candor_store_commit writes its final description and ends it,
 * candor_store_rollback forgets it along with everything else.  With no
 * batch open, writes are not recorded (copying a store, tests, upgrades).
 *
 * Nothing is deleted: a deleted record's column deleted holds the batch
 * that deleted it, and every read leaves it out.  Undo (app/audit.h)
 * writes each row back as it was (candor_store_record_restore).
 *
 * Strings given here are copied; strings returned are owned by the result
 * and freed by its _release / _free.
 */
#ifndef CANDOR_STORE_AUDIT_H
#define CANDOR_STORE_AUDIT_H

#include "store/store.h"

/* The batch being recorded (s->audit), private to audit.c. */
struct candor_audit;

/*
 * Start recording a batch of kind ("command", "web", "api", "import",
 * "merge", "undo") by user by at at; what is the human line for it ("" or
 * NULL: say it later with candor_audit_describe).  A batch already open is
 * ended first (its rows are already written; the new one starts afresh).
 */
int candor_audit_begin(struct candor_store *s, const char *kind, const char *what,
		       const char *by, int64_t at);
/* Replace the batch's description (when one is open). */
int candor_audit_describe(struct candor_store *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Change the open batch's kind ("undo" for an undo), before its first change
 * (after it, only to the kind it has). */
int candor_audit_kind(struct candor_store *s, const char *kind);
/* Whether a batch is open and already has a description. */
bool candor_audit_described(const struct candor_store *s);
/* Where the records written next came from ("hubspot.csv:12"; "" or NULL: none). */
int candor_audit_source(struct candor_store *s, const char *source);
/* The open batch's id, writing its row now if it has none yet (0: none open). */
int candor_audit_batch(struct candor_store *s, int64_t *out);
/* Write the description and stop recording (candor_store_commit calls it). */
int candor_audit_end(struct candor_store *s);
/* Stop recording, writing nothing more (candor_store_rollback calls it). */
void candor_audit_abandon(struct candor_store *s);

/*
 * Record-level writes (each recorded in the open batch, and each bumping the
 * evidence counter of the contact the record belongs to).  tbl is a table
 * of schema.h that carries deleted ("commitments", "contacts", ...);
 * anything else is CANDOR_EINVALID.  A record that does not exist (or is
 * deleted, for _set and _delete) is CANDOR_ENOTFOUND with the message of
 * candor_store_absent_record.
 */
struct candor_field {
	const char *col;   /* a column of tbl (not id, not deleted) */
	int64_t i;         /* for an integer column */
	double d;          /* for a real one */
	const char *t;     /* for a text one */
};
/* The row as JSON (its columns, a contact's evidence counter left out);
 * *json malloc'd. */
int candor_store_record_get(struct candor_store *s, const char *tbl, int64_t id, char **json);
/* Set some columns of a standing record; a field that does not change is
 * no change, and when nothing changes nothing is recorded. */
int candor_store_record_set(struct candor_store *s, const char *tbl, int64_t id,
			    const struct candor_field *f, size_t n);
/* Mark a standing record deleted by the open batch (candor_audit_batch). */
int candor_store_record_delete(struct candor_store *s, const char *tbl, int64_t id);
/* Put the row back as json says (every column json has; deleted too). */
int candor_store_record_restore(struct candor_store *s, const char *tbl, int64_t id,
				const char *json);
/* The ids of the standing records of tbl whose column col is v (in id
 * order): a contact's facts, an interaction's signals.  *out malloc'd. */
int candor_store_record_ids(struct candor_store *s, const char *tbl, const char *col, int64_t v,
			    int64_t **out, size_t *n);

/* As candor_store_record_ids, the deleted records too. */
int candor_store_record_ids_all(struct candor_store *s, const char *tbl, const char *col,
				int64_t v, int64_t **out, size_t *n);
/*
 * Move every record of tbl whose column col is v, standing or deleted, to
 * account account_id (a contact moved to another account takes its
 * evidence along), each move a change of the open batch; *n is increased
 * by the records moved.  An interaction's utterances go with it.
 */
int candor_store_records_move(struct candor_store *s, const char *tbl, const char *col, int64_t v,
			      int64_t account_id, size_t *n);

/* As candor_store_record_ids for a text column: interactions by content_sha256. */
int candor_store_record_ids_text(struct candor_store *s, const char *tbl, const char *col,
				 const char *text, int64_t **out, size_t *n);

/* A batch and its changes, as stored. */
struct candor_batch {
	int64_t id;
	char kind[16];
	char *what, *by;
	int64_t at, undone_at, undone_by;
};
struct candor_change {
	int64_t id, batch_id, account_id, contact_id;
	char tbl[32];
	int64_t record_id;
	char action[8];
	char *before, *after, *source;   /* JSON ("" when none), and "file:row" or "" */
	int64_t at;
};

/* Batch id; CANDOR_ENOTFOUND ("no batch N") when none.  Release *out. */
int candor_store_batch_get(struct candor_store *s, int64_t id, struct candor_batch *out);
/*
 * Batches newest first: those with a change of contact_id (when not 0), else
 * of account_id (when not 0), else all; by (when not NULL) only those by
 * that user (any case); at most limit (0: all).  Free with
 * candor_batches_free.
 */
int candor_store_batches(struct candor_store *s, int64_t contact_id, int64_t account_id,
			 const char *by, size_t limit, struct candor_batch **out, size_t *n);
/* The changes of batch id, in the order they were made. */
int candor_store_changes(struct candor_store *s, int64_t batch_id, struct candor_change **out,
			 size_t *n);
/* Mark batch id undone at at by batch by_batch (0 and 0: not undone). */
int candor_store_batch_undone(struct candor_store *s, int64_t id, int64_t at, int64_t by_batch);
/* The batch undo_id undid (0: none, or it is redone). */
int candor_store_batch_undid(struct candor_store *s, int64_t undo_id, int64_t *out);
/* The first batch after c's that is not undone and changed c's row (0: none);
 * an undo of a batch made after c's cancels that batch out, and counts not. */
int candor_store_change_later(struct candor_store *s, const struct candor_change *c,
			      int64_t *out);

void candor_batch_release(struct candor_batch *b);
void candor_batches_free(struct candor_batch *b, size_t n);
void candor_changes_free(struct candor_change *c, size_t n);

/* Recording from store.c: record_id of tbl was just added. */
int candor_audit_added(struct candor_store *s, const char *tbl, int64_t account_id, int64_t id);
/*
 * A snapshot of the rows of tbl whose col is v (and col2 v2, col2 may be
 * NULL), taken before an update; candor_audit_changed then records each
 * one the update changed, and frees the snapshot.  Both do nothing (and
 * take nothing) when no batch is open.
 */
struct candor_audit_snap;
int candor_audit_snap(struct candor_store *s, const char *tbl, const char *col, int64_t v,
		      const char *col2, int64_t v2, struct candor_audit_snap **out);
int candor_audit_changed(struct candor_store *s, int rc, struct candor_audit_snap *snap);

#endif
