/*
 * schema.h: the schema migrations, shared by the SQL backends.
 *
 * candor_migrations[i] takes a store from schema version i to i + 1.  A new
 * version appends a migration and bumps CANDOR_SCHEMA_VERSION; existing
 * migrations never change.  The SQL is kept to what SQLite and PostgreSQL
 * both accept (the PostgreSQL backend rewrites INTEGER PRIMARY KEY).
 */
#ifndef CANDOR_SCHEMA_H
#define CANDOR_SCHEMA_H

extern const char *const candor_migrations[];
/* SQLite's triggers that keep stage_counts, after migration 9 -> 10. */
extern const char candor_stage_count_triggers[];
extern const char candor_owner_count_triggers[];
/*
 * The derived counts made from the kept answers (migrations 9 -> 10 and
 * 10 -> 11; triggers keep them after): a store's buyers per account and
 * stage not deleted, and those per seller.  Also run by PostgreSQL after a
 * copy (pg_copied).
 */
#define CANDOR_STAGE_COUNTS_FILL "INSERT INTO stage_counts(account_id, stage, n)" \
	"  SELECT x.account_id, x.stage, count(*) FROM assessments x JOIN contacts c ON c.id = x.id" \
	"  WHERE c.deleted = 0 GROUP BY x.account_id, x.stage;"
#define CANDOR_OWNER_COUNTS_FILL "INSERT INTO owner_stage_counts(owner, stage, n)" \
	"  SELECT a.owner, k.stage, sum(k.n) FROM stage_counts k JOIN accounts a ON a.id = k.account_id" \
	"  WHERE a.deleted = 0 GROUP BY a.owner, k.stage;"
/* SQLite's rebuild of the interactions table after migration 4 -> 5. */
extern const char candor_interactions_v5[];

/*
 * The tables of schema CANDOR_SCHEMA_VERSION and their columns, for
 * copying a whole store (copy.c): in an order that puts every table after
 * the tables it refers to.  A migration that adds a table or a column
 * adds it here too.  type: 'i' an integer, 'd' a double, 't' text.  Every
 * table's first column is its id.
 */
struct candor_column { const char *name; char type; };
struct candor_table {
	const char *name;
	const struct candor_column *cols;
	size_t ncols;
};
extern const struct candor_table candor_tables[];
extern const size_t candor_ntables;

#endif
