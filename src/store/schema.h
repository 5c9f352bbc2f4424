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

#endif
