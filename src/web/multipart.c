/*
 * web/multipart.c: multipart/form-data, parsed in place (multipart.h).
 *
 * The body is scanned once: the delimiter "\r\n--BOUNDARY" is searched with
 * memmem, part headers are bounded, and every copy out of the body is into
 * a fixed-size field (too long is an error, never a truncation).
 */
#include "util/common.h"
#include <strings.h>
#include "web/multipart.h"
#include "util/error.h"
#include "util/utf8.h"

#define BAD(err, ...) candor_error_set(err, CANDOR_EINVALID, "file", __VA_ARGS__)

static bool bchar(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c && strchr("'()+_,-./:=? ", c));
}

/* Copy the value of parameter key from "a; key=value; ..." into dst. */
static int param(const char *s, size_t n, const char *key, char *dst, size_t dn, bool *found)
{
	size_t kl = strlen(key), i = 0;

	*found = false;
	while (i < n) {
		size_t w = 0;

		while (i < n && (s[i] == ';' || s[i] == ' ' || s[i] == '\t'))
			i++;
		if (n - i > kl && !strncasecmp(s + i, key, kl) && s[i + kl] == '=') {
			bool q;

			i += kl + 1;
			q = i < n && s[i] == '"';
			i += q;
			while (i < n && (q ? s[i] != '"' : (s[i] != ';' && s[i] != ' '))) {
				if (q && s[i] == '\\' && i + 1 < n)
					i++;
				if (w + 1 >= dn)
					return -1;
				dst[w++] = s[i++];
			}
			if (q && (i >= n || s[i] != '"'))
				return -1;
			dst[w] = '\0';
			*found = true;
			return 0;
		}
		for (bool inq = false; i < n && (inq || s[i] != ';'); i++) {
			if (s[i] == '"')
				inq = !inq;
			else if (inq && s[i] == '\\')
				i++;
		}
	}
	return 0;
}

int web_multipart_boundary(char out[WEB_BOUNDARY_MAX + 1], const char *ct,
			   struct candor_error *err)
{
	bool found = false;
	size_t n;

	if (!ct || strncasecmp(ct, "multipart/form-data", 19))
		return BAD(err, "send the file as multipart/form-data");
	if (param(ct + 19, strlen(ct + 19), "boundary", out, WEB_BOUNDARY_MAX + 1, &found) || !found)
		return BAD(err, "the multipart body has no usable boundary");
	n = strlen(out);
	if (!n || out[n - 1] == ' ')
		return BAD(err, "the multipart boundary is empty");
	for (size_t i = 0; i < n; i++)
		if (!bchar((unsigned char)out[i]))
			return BAD(err, "the multipart boundary has a bad character");
	return 0;
}

/* Parse one header line of a part into p. */
static int header(struct web_part *p, const char *s, size_t n, bool *disposition,
		  struct candor_error *err)
{
	const char *colon = memchr(s, ':', n);
	size_t nl, vi;
	bool found;

	if (!colon)
		return BAD(err, "a multipart header has no ':'");
	nl = (size_t)(colon - s);
	for (vi = nl + 1; vi < n && (s[vi] == ' ' || s[vi] == '\t'); vi++)
		;
	if (nl == 19 && !strncasecmp(s, "Content-Disposition", 19)) {
		if (*disposition)
			return BAD(err, "a part has two Content-Disposition headers");
		if (n - vi < 9 || strncasecmp(s + vi, "form-data", 9))
			return BAD(err, "a part is not form-data");
		if (param(s + vi + 9, n - vi - 9, "name", p->name, sizeof(p->name), &found) ||
		    !found || !p->name[0])
			return BAD(err, "a part has no usable name");
		if (param(s + vi + 9, n - vi - 9, "filename", p->filename, sizeof(p->filename),
			  &p->is_file))
			return BAD(err, "a file name is too long");
		if (!candor_utf8_str_ok(p->name) || !candor_utf8_str_ok(p->filename))
			return BAD(err, "a part's name or file name is not UTF-8 text");
		*disposition = true;
	} else if (nl == 12 && !strncasecmp(s, "Content-Type", 12)) {
		if (n - vi >= sizeof(p->type))
			return BAD(err, "a part's Content-Type is too long");
		memcpy(p->type, s + vi, n - vi);
		p->type[n - vi] = '\0';
	}
	return 0;
}

/* Parse the headers of a part, [s, s + n) without the blank line. */
static int headers(struct web_part *p, const char *s, size_t n, struct candor_error *err)
{
	bool disposition = false;
	size_t i = 0;
	int rc = 0;

	while (i < n && !rc) {
		const char *eol = memmem(s + i, n - i, "\r\n", 2);
		size_t ln = eol ? (size_t)(eol - (s + i)) : n - i;

		if (memchr(s + i, '\0', ln))
			return BAD(err, "a multipart header holds a NUL byte");
		rc = header(p, s + i, ln, &disposition, err);
		i += ln + 2;
	}
	if (!rc && !disposition)
		rc = BAD(err, "a part has no Content-Disposition");
	return rc;
}

int web_multipart_parse(struct web_multipart *out, const char *body, size_t len,
			const char *content_type, struct candor_error *err)
{
	char boundary[WEB_BOUNDARY_MAX + 1], delim[WEB_BOUNDARY_MAX + 5];
	size_t dl, pos;
	const char *first;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = web_multipart_boundary(boundary, content_type, err)))
		return rc;
	dl = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
	if (len >= dl - 2 && !memcmp(body, delim + 2, dl - 2))
		first = body;  /* no preamble */
	else if ((first = memmem(body, len, delim, dl)))
		first += 2;
	else
		return BAD(err, "the multipart body has no boundary line");
	pos = (size_t)(first - body) + dl - 2;
	for (;;) {
		const char *hend, *dend;
		struct web_part *p;

		if (len - pos >= 2 && !memcmp(body + pos, "--", 2))
			return out->n ? 0 : BAD(err, "the multipart body has no parts");
		if (len - pos < 2 || memcmp(body + pos, "\r\n", 2))
			return BAD(err, "a multipart boundary line does not end in CRLF");
		pos += 2;
		if (out->n == WEB_PARTS_MAX)
			return BAD(err, "too many parts (at most %d)", WEB_PARTS_MAX);
		hend = memmem(body + pos, len - pos < WEB_PART_HEADERS_MAX ? len - pos
			      : WEB_PART_HEADERS_MAX, "\r\n\r\n", 4);
		if (!hend)
			return BAD(err, "a part's headers are missing or too long");
		p = &out->parts[out->n++];
		if ((rc = headers(p, body + pos, (size_t)(hend - (body + pos)), err)))
			return rc;
		pos = (size_t)(hend - body) + 4;
		if (!(dend = memmem(body + pos, len - pos, delim, dl)))
			return BAD(err, "the multipart body ends before its closing boundary");
		p->data = body + pos;
		p->len = (size_t)(dend - p->data);
		pos = (size_t)(dend - body) + dl;
	}
}

const struct web_part *web_multipart_get(const struct web_multipart *m, const char *name)
{
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->parts[i].name, name))
			return &m->parts[i];
	return NULL;
}
