/*
 * fuzz-cookie.c: a libFuzzer harness for the Cookie header reader
 * (web/cookie.c).  The input's first line is the cookie's name, the rest
 * the header; the first byte also sets the size of the out buffer.  A
 * value found fits its buffer and appears in the header after "name=".
 */
#include "fuzz.h"
#include "web/cookie.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t hl = nl ? (size_t)(nl - data) : 0;
	char *name = fuzz_str(data, hl);
	char *header = nl ? fuzz_str(nl + 1, size - hl - 1) : NULL;
	size_t n = size ? (size_t)data[0] % 80 + 1 : 33;
	char *out = malloc(n);  /* exactly n bytes: ASan sees an overflow */

	if (!out)
		abort();
	if (web_cookie_get(header, name, out, n)) {
		if (!header || strlen(out) >= n || !strstr(header, out))
			abort();
	}
	free(out);
	free(header);
	free(name);
	return 0;
}
