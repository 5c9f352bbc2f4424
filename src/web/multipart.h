/*
 * web/multipart.h: a bounded parser for multipart/form-data bodies
 * (RFC 7578), used for transcript uploads instead of libmicrohttpd's
 * post processor.
 *
 * The whole body is in memory (the server caps its size); parts point into
 * it.  Each part must have a Content-Disposition: form-data header with a
 * name; headers are at most WEB_PART_HEADERS_MAX bytes, a body at most
 * WEB_PARTS_MAX parts.  Anything else is CANDOR_EINVALID with a message.
 */
#ifndef CANDOR_WEB_MULTIPART_H
#define CANDOR_WEB_MULTIPART_H

#include "util/common.h"

struct candor_error;

#define WEB_PARTS_MAX 32
#define WEB_PART_HEADERS_MAX 4096
#define WEB_BOUNDARY_MAX 70

struct web_part {
	char name[128];
	char filename[256];  /* "" when the part is not a file */
	bool is_file;
	char type[128];      /* Content-Type, "" when not given */
	const char *data;    /* borrowed from the body */
	size_t len;
};

struct web_multipart {
	struct web_part parts[WEB_PARTS_MAX];
	size_t n;
};

/* The boundary from a Content-Type header value; CANDOR_EINVALID when none. */
int web_multipart_boundary(char out[WEB_BOUNDARY_MAX + 1], const char *content_type,
			   struct candor_error *err);

/* Parse body into out (which borrows body).  0 or CANDOR_EINVALID. */
int web_multipart_parse(struct web_multipart *out, const char *body, size_t len,
			const char *content_type, struct candor_error *err);

/* The first part called name, or NULL. */
const struct web_part *web_multipart_get(const struct web_multipart *m, const char *name);

#endif
