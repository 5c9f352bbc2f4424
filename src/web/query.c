/*
 * query.c: reading a request's query string (query.h).
 */
#include "util/common.h"
#include "util/error.h"
#include "web/query.h"
#include <errno.h>

int web_query_parse(struct web_form *q, const char *uri, size_t len, struct candor_error *err)
{
	const char *mark = memchr(uri, '?', len), *end;
	int rc;

	if (!mark)
		return 0;
	mark++;
	end = memchr(mark, '#', len - (size_t)(mark - uri));
	if (!end)
		end = uri + len;
	rc = web_form_parse(q, mark, (size_t)(end - mark), err);
	if (rc == CANDOR_EINVALID && err) {
		char why[sizeof(err->msg)];

		snprintf(why, sizeof(why), "%s", err->msg);
		rc = candor_error_set(err, rc, "query", "the address's query is not valid: %s", why);
	}
	return rc;
}

/* v as a decimal number from 1 to max; false when it is not one. */
static bool whole_number(const char *v, unsigned long long max, unsigned long long *out)
{
	char *end;

	if (*v < '0' || *v > '9')
		return false;
	errno = 0;
	*out = strtoull(v, &end, 10);
	return !errno && !*end && *out >= 1 && *out <= max;
}

int web_query_count(const struct web_form *q, const char *name, size_t max, size_t *out,
		    struct candor_error *err)
{
	const char *v = web_form_get(q, name);
	unsigned long long n;

	if (!v || !*v)
		return 0;
	if (!whole_number(v, max, &n))
		return candor_error_set(err, CANDOR_EINVALID, name,
					"'%s' must be a number from 1 to %zu", name, max);
	*out = (size_t)n;
	return 0;
}

int web_query_id(const struct web_form *q, const char *name, int64_t *out,
		 struct candor_error *err)
{
	const char *v = web_form_get(q, name);
	unsigned long long n;

	*out = 0;
	if (!v || !*v)
		return 0;
	if (!whole_number(v, INT64_MAX, &n))
		return candor_error_set(err, CANDOR_EINVALID, name, "'%s' is not a record id",
					name);
	*out = (int64_t)n;
	return 0;
}
