/*
 * oom-store.h: what "the database as it was" means in the allocation-
 * failure tests (test-store-oom.c, test-app-oom.c, test-web-oom.c): every
 * row of every table of the schema (store/schema.h), each cell as text, in
 * id order, read through the backend's own row walk (the one `candor copy`
 * uses).  Two snapshots are equal when no record was added, changed or
 * removed.  Include after cmocka.h and oom.h; read with memory to spare.
 */
#ifndef CANDOR_TEST_OOM_STORE_H
#define CANDOR_TEST_OOM_STORE_H

#include "util/buf.h"
#include "store/store.h"
#include "store/schema.h"

struct oom_dump { struct candor_buf *b; const struct candor_table *t; };

static int oom_dump_row(void *arg, const struct candor_cell *row)
{
	struct oom_dump *d = arg;

	for (size_t c = 0; c < d->t->ncols; c++) {
		switch (d->t->cols[c].type) {
		case 'i': candor_buf_addf(d->b, "%lld|", (long long)row[c].i); break;
		case 'd': candor_buf_addf(d->b, "%.17g|", row[c].d); break;
		default: candor_buf_addf(d->b, "'%s'|", row[c].t ? row[c].t : "(null)"); break;
		}
	}
	candor_buf_addch(d->b, '\n');
	return 0;
}

/* Every row of s, as a malloc'd text; the caller frees it. */
static inline char *oom_snapshot(struct candor_store *s)
{
	struct candor_buf b = CANDOR_BUF_INIT;

	for (size_t i = 0; i < candor_ntables; i++) {
		struct oom_dump d = { &b, &candor_tables[i] };

		candor_buf_addf(&b, "[%s]\n", candor_tables[i].name);
		assert_int_equal(s->be->rows(s, &candor_tables[i], oom_dump_row, &d), 0);
	}
	assert_int_equal(candor_buf_error(&b), 0);
	return candor_buf_detach(&b, NULL);
}

/* s holds what before says it held. */
static inline void oom_same_records(struct candor_store *s, const char *before)
{
	char *now = oom_snapshot(s);

	assert_string_equal(now, before);
	free(now);
}

#endif
