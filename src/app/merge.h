/*
 * app/merge.h: two contacts that are one person, made one (`candor merge
 * CONTACT INTO CONTACT`), as one batch of kind "merge" that `candor undo
 * merge BATCH` reverses (app/audit.h).
 *
 * Everything the first (from) holds moves to the second (into):
 * interactions, signals, promises, expectations, facts, value, fits,
 * decisions, proposals and corrections; then from is deleted (soft).  A
 * field both have with different values (name, role, email) is a
 * conflict, never decided silently: keep says whose value stays, per
 * field; an unresolved one is CANDOR_ECONFLICT naming it, before anything
 * is written.  A field only one has is kept.  Extra fields are merged,
 * into's winning.  Both must be at the same account (move one first with
 * `candor edit contact ID --account`), and the asker must be allowed to
 * change it.
 */
#ifndef CANDOR_APP_MERGE_H
#define CANDOR_APP_MERGE_H

#include "app/app.h"

enum candor_merge_keep { CANDOR_MERGE_ASK, CANDOR_MERGE_FROM, CANDOR_MERGE_INTO };

/* What to keep of each field that differs (CANDOR_MERGE_ASK: refuse). */
struct candor_app_merge {
	int name, role, email;    /* enum candor_merge_keep */
	const char *by;           /* who merges, for the batch */
};

/* What a merge did. */
struct candor_app_merged {
	int64_t batch;            /* the merge's batch, for undo merge */
	size_t moved;             /* records moved to into */
};

int candor_app_contact_merge(struct candor_app *app, const struct candor_contact *from,
			     const struct candor_contact *into, const struct candor_app_merge *m,
			     struct candor_app_merged *out);

/* A merge as recorded: the batch, the two contacts, and whether it is undone. */
struct candor_app_merge_record {
	int64_t batch, from, into;
	bool undone;
};

/*
 * Read merge batch (as a page after a merge or its undo says what happened):
 * CANDOR_ENOTFOUND when there is no such batch or it is not a merge.  It
 * says nothing about access: the caller shows it only on a contact the
 * asker may see.
 */
int candor_app_merge_read(struct candor_app *app, int64_t batch,
			  struct candor_app_merge_record *out);

#endif
