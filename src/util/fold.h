/*
 * util/fold.h: the one way Candor compares names, accounts and emails when
 * a person searches: without case and without accents, so "jose" finds
 * "José" and "ANN" finds "Ann".  The fold works one character at a time
 * (ASCII letters, Latin, Greek, Cyrillic and Vietnamese letters; the
 * combining accents U+0300..U+036F are dropped), so the SQL of both stores
 * can do the very same: SQLite calls candor_fold as a function, PostgreSQL
 * translate()s with the tables candor_fold_tables gives, in its own
 * candor_fold() that keeps each searched column's fold (schema 12,
 * store/postgres-schema.c): a change to the fold needs a migration that
 * makes that function and its columns again.  A character
 * outside those ranges, or one whose fold is more than one character
 * ("ß"), stays as it is.
 */
#ifndef CANDOR_UTIL_FOLD_H
#define CANDOR_UTIL_FOLD_H

#include "util/common.h"
#include "util/buf.h"

/* The fold of code point c: another code point, itself, or -1 (dropped). */
int32_t candor_fold_char(int32_t c);

/* Append the fold of the UTF-8 text in[0..n) to out (bytes that are not
 * UTF-8 are copied as they are). */
void candor_fold(struct candor_buf *out, const char *in, size_t n);

/*
 * The fold as two strings for SQL translate(text, from, to): from lists
 * every character that changes, to the character each becomes, and the
 * dropped ones come last in from, beyond the end of to.  Built once;
 * borrowed for the life of the program.
 */
void candor_fold_tables(const char **from, const char **to);

#endif
