/*
 * query.h: the query string of a request's address, read once.
 *
 * libmicrohttpd splits the address, but Candor reads the values (filters,
 * cursors, sort orders, dates, ids, limits) from the raw query string the
 * server is given (MHD_OPTION_URI_LOG_CALLBACK), through these functions
 * alone, so one fuzz harness (tests/fuzz/fuzz-query.c) covers all of it.
 * The fields are those of a form (html.h: percent-decoded, '+' a space,
 * valid text without control characters, at most WEB_FORM_MAX of them); a
 * query that breaks those rules is refused whole.
 */
#ifndef CANDOR_WEB_QUERY_H
#define CANDOR_WEB_QUERY_H

#include "util/common.h"
#include "web/html.h"

struct candor_error;

/*
 * Parse the query of uri (len bytes: a path, then '?' and the query, maybe
 * a '#' fragment, which is dropped) into q, which must start zeroed.  No
 * '?' is an empty query.  CANDOR_EINVALID (field "query") with a message
 * for a query that is not valid; CANDOR_ERROR when out of memory.  Release
 * q with web_form_release(), also after a failure.
 */
int web_query_parse(struct web_form *q, const char *uri, size_t len, struct candor_error *err);

/*
 * The value of name as a whole number from 1 to max: 0 with *out as it was
 * when name is absent or empty; CANDOR_EINVALID naming name otherwise.
 */
int web_query_count(const struct web_form *q, const char *name, size_t max, size_t *out,
		    struct candor_error *err);

/*
 * The value of name as a record id (1 to 2^63 - 1): 0 with *out = 0 when
 * absent or empty; CANDOR_EINVALID naming name when it is not one.
 */
int web_query_id(const struct web_form *q, const char *name, int64_t *out,
		 struct candor_error *err);

#endif
