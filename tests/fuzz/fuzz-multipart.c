/*
 * fuzz-multipart.c: a libFuzzer harness for the multipart/form-data parser
 * (web/multipart.c).  The input's first line is the Content-Type header
 * value, the rest the body.  A parsed body's parts lie inside the body,
 * have a name, and are found again by web_multipart_get(); a refused one
 * has a message.
 */
#include "fuzz.h"
#include "web/multipart.h"

static void check(const struct web_multipart *m, const char *body, size_t len)
{
	if (m->n > WEB_PARTS_MAX)
		abort();
	for (size_t i = 0; i < m->n; i++) {
		const struct web_part *p = &m->parts[i];

		if (!p->name[0] || !memchr(p->name, '\0', sizeof(p->name)) ||
		    !memchr(p->filename, '\0', sizeof(p->filename)) ||
		    !memchr(p->type, '\0', sizeof(p->type)))
			abort();
		if (p->data < body || p->len > len || p->data + p->len > body + len)
			abort();
		if (p->is_file != (p->filename[0] != '\0') && p->filename[0])
			abort();
		if (!candor_utf8_str_ok(p->name) || !candor_utf8_str_ok(p->filename))
			abort();
		if (!web_multipart_get(m, p->name))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t hl = nl ? (size_t)(nl - data) : size;
	char *ct = fuzz_str(data, hl);
	size_t len = nl ? size - hl - 1 : 0;
	char *body = malloc(len ? len : 1);  /* exactly len bytes: ASan sees overreads */
	struct web_multipart *m = calloc(1, sizeof(*m));
	struct candor_error err = CANDOR_ERROR_INIT;
	char boundary[WEB_BOUNDARY_MAX + 1];

	if (!body || !m)
		abort();
	if (len)
		memcpy(body, nl + 1, len);
	if (!web_multipart_boundary(boundary, ct, &err)) {
		if (!boundary[0] || strlen(boundary) > WEB_BOUNDARY_MAX)
			abort();
	} else {
		fuzz_check_error(&err);
	}
	candor_error_clear(&err);
	if (!web_multipart_parse(m, body, len, ct, &err))
		check(m, body, len);
	else
		fuzz_check_error(&err);
	free(m);
	free(body);
	free(ct);
	return 0;
}
