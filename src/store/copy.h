/*
 * copy.h: moving a whole store into another, either way between backends
 * (SQLite -> PostgreSQL for a team server, PostgreSQL -> SQLite for a
 * laptop or a backup).  `candor copy FROM TO` is its front door.
 */
#ifndef CANDOR_COPY_H
#define CANDOR_COPY_H

#include "store/store.h"

/* What was copied, per table: the rows and their checksum (hex BLAKE2b-128). */
struct candor_copy_table { const char *name; int64_t rows; char checksum[33]; };
struct candor_copy_report {
	struct candor_copy_table tables[32];
	size_t ntables;
	int64_t rows;   /* all tables together */
};

/*
 * Copy every row of every table of from into to, ids included, so every
 * reference and every id a person has written down stays the same.
 *
 * to must hold no rows at all (a fresh 'candor init'): else
 * CANDOR_ECONFLICT naming a table that has some, and nothing is written.
 * from is read in one snapshot (begin_read), to written in one transaction.
 * After writing, every table of to is read back inside that transaction and
 * its row count and checksum (over each row's values, in id order)
 * compared with what was read from from; any difference is CANDOR_ERROR
 * naming the table and both counts, to is rolled back, and nothing was
 * written.  Only when every table matches is to committed; *out then says
 * what was copied.  Both stores must be open, at the same schema version,
 * and outside any transaction; messages go to to->err (let both stores
 * share one struct candor_error).
 */
int candor_store_copy(struct candor_store *from, struct candor_store *to,
		      struct candor_copy_report *out);

#endif
