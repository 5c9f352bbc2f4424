/*
 * fuzz-form.c: a libFuzzer harness for application/x-www-form-urlencoded
 * bodies and the percent-decoding of query strings (web/html.c).
 *
 * A parsed form holds at most WEB_FORM_MAX fields, each name and value
 * valid text (util/utf8.h) that web_form_get() finds again; a refused
 * one has a message.  web_url_decode() never lengthens its string and
 * leaves no NUL inside it.  web_content_type_is() is given the input as a
 * header value too.
 */
#include "fuzz.h"
#include "web/html.h"

static void form(const uint8_t *data, size_t size)
{
	char *body = malloc(size ? size : 1);  /* not NUL-terminated, as a request body */
	struct web_form f = { 0 };
	struct candor_error err = CANDOR_ERROR_INIT;

	if (!body)
		abort();
	memcpy(body, data, size);
	if (!web_form_parse(&f, body, size, &err)) {
		if (f.n > WEB_FORM_MAX)
			abort();
		for (size_t i = 0; i < f.n; i++) {
			const char *v = web_form_get(&f, f.v[i].name);

			if (!candor_utf8_str_ok(f.v[i].name) || !candor_utf8_str_ok(f.v[i].value) ||
			    !v)
				abort();
		}
	} else {
		fuzz_check_error(&err);
	}
	web_form_release(&f);
	free(body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	size_t n = strlen(s);

	form(data, size);
	if (web_url_decode(s) && strlen(s) > n)
		abort();
	web_content_type_is(s, "application/x-www-form-urlencoded");
	free(s);
	return 0;
}
