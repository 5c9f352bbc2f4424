/*
 * error.h: how the library reports failure.
 *
 * Library functions return 0 on success, one of the named negative codes
 * below for failures the caller is expected to handle, or CANDOR_ERROR for
 * anything else.  The human-readable message goes into a struct candor_error
 * that the caller owns (usually the one in the CLI or server context), so a
 * front door can print it, map the code to an exit status or HTTP status, and
 * carry on.  The library never prints and never exits.
 *
 * Messages are lowercase, quote the subject, and say what to do where that is
 * known: "no contact named 'Dana' (see 'candor contact list')".
 */
#ifndef CANDOR_ERROR_H
#define CANDOR_ERROR_H

#include "util/common.h"

enum candor_code {
	CANDOR_OK = 0,
	CANDOR_ERROR = -1,      /* anything unexpected: out of memory, I/O */
	CANDOR_EINVALID = -2,   /* the input is wrong: bad date, empty name */
	CANDOR_ENOTFOUND = -3,  /* the thing named does not exist */
	CANDOR_EAMBIGUOUS = -4, /* a name matches more than one thing */
	CANDOR_ECONFLICT = -5,  /* valid, but not in the current state */
	CANDOR_EDB = -6,        /* the database is locked, corrupt or too new */
};

struct candor_error {
	int code;        /* the last code set; CANDOR_OK when none */
	char field[64];  /* the field at fault, "" when not about one field */
	char msg[1024];  /* the message, "" when none */
};

#define CANDOR_ERROR_INIT { CANDOR_OK, "", "" }

/*
 * Record a failure and return its code, so a caller can write
 *     return candor_error_set(err, CANDOR_EINVALID, "due", "bad date '%s'", s);
 * err may be NULL (the message is dropped).  field may be NULL.
 */
int candor_error_set(struct candor_error *err, int code, const char *field,
		     const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Forget any recorded failure. */
void candor_error_clear(struct candor_error *err);

/* A short lowercase name for a code ("not found"), never NULL. */
const char *candor_code_name(int code);

#endif
