/*
 * fuzz-query.c: a libFuzzer harness for request query strings (web/query.c):
 * the raw address as libmicrohttpd hands it over (a path, '?', the query,
 * maybe a fragment), into the parsed, checked values the pages and the
 * API read.
 *
 * A parsed query holds at most WEB_FORM_MAX fields, each name and value
 * valid text that web_form_get() finds again; a refused one says why,
 * naming "query".  Each value the code reads as a number (limit, ids) is
 * either refused with a message naming it, or in range.
 */
#include "fuzz.h"
#include "web/query.h"

static const char *const ids[] = { "account", "id", "from", "undone" };

static void checked(const struct web_form *q)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	size_t limit = 7;
	int64_t id;

	if (web_query_count(q, "limit", 1000, &limit, &err)) {
		if (strcmp(err.field, "limit"))
			abort();
		fuzz_check_error(&err);
	} else if (limit < 1 || limit > 1000) {
		abort();
	}
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(ids); i++) {
		candor_error_clear(&err);
		if (web_query_id(q, ids[i], &id, &err)) {
			if (strcmp(err.field, ids[i]) || id != 0)
				abort();
			fuzz_check_error(&err);
		} else if (id < 0 || (id == 0 && web_form_get(q, ids[i]) &&
				      *web_form_get(q, ids[i]))) {
			abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *uri = fuzz_str(data, size);  /* libmicrohttpd gives a C string */
	struct web_form q = { 0 };
	struct candor_error err = CANDOR_ERROR_INIT;
	int rc = web_query_parse(&q, uri, strlen(uri), &err);

	if (rc) {
		if (rc == CANDOR_EINVALID && strcmp(err.field, "query"))
			abort();
		fuzz_check_error(&err);
	} else {
		if (q.n > WEB_FORM_MAX)
			abort();
		for (size_t i = 0; i < q.n; i++)
			if (!candor_utf8_str_ok(q.v[i].name) || !candor_utf8_str_ok(q.v[i].value) ||
			    !web_form_get(&q, q.v[i].name))
				abort();
		checked(&q);
	}
	web_form_release(&q);
	free(uri);
	return 0;
}
