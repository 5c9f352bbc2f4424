/*
 * web/html.c: escaping, the HTML printf, URL and form decoding (html.h).
 */
#include "util/common.h"
#include "util/utf8.h"
#include <strings.h>
#include "web/html.h"
#include "util/date.h"
#include "util/error.h"

int web_escape(struct candor_buf *b, const char *s, size_t n)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		const char *ent = NULL;

		switch (s[i]) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		default: continue;
		}
		candor_buf_add(b, s + run, i - run);
		candor_buf_adds(b, ent);
		run = i + 1;
	}
	candor_buf_add(b, s + run, n - run);
	return candor_buf_error(b);
}

int web_url_encode(struct candor_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			candor_buf_addch(b, c);
		} else {
			candor_buf_addch(b, '%');
			candor_buf_addch(b, hex[c >> 4]);
			candor_buf_addch(b, hex[c & 15]);
		}
	}
	return candor_buf_error(b);
}

static void one(struct candor_buf *b, char spec, va_list *ap)
{
	char tmp[64];
	const char *s;

	switch (spec) {
	case 's':
		s = va_arg(*ap, const char *);
		web_escape(b, s ? s : "", s ? strlen(s) : 0);
		break;
	case 'R':
		s = va_arg(*ap, const char *);
		candor_buf_adds(b, s ? s : "");
		break;
	case 'U':
		web_url_encode(b, va_arg(*ap, const char *));
		break;
	case 'd':
		candor_buf_add_int(b, va_arg(*ap, int));
		break;
	case 'D':
		candor_buf_add_int(b, va_arg(*ap, int64_t));
		break;
	case 'F':
		candor_buf_add_fixed(b, va_arg(*ap, double), 2);
		break;
	case 'P':
		candor_buf_add_fixed(b, va_arg(*ap, double) * 100.0, 0);
		break;
	case 'T':
		candor_date_format(tmp, sizeof(tmp), va_arg(*ap, int64_t));
		web_escape(b, tmp, strlen(tmp));
		break;
	default:
		candor_buf_addch(b, '%');
		candor_buf_addch(b, spec);
	}
}

int web_html(struct candor_buf *b, const char *fmt, ...)
{
	va_list ap;
	const char *p = fmt;

	va_start(ap, fmt);
	while (*p) {
		const char *pct = strchr(p, '%');

		if (!pct) {
			candor_buf_adds(b, p);
			break;
		}
		candor_buf_add(b, p, (size_t)(pct - p));
		if (!pct[1])
			break;
		if (pct[1] == '%')
			candor_buf_addch(b, '%');
		else
			one(b, pct[1], &ap);
		p = pct + 2;
	}
	va_end(ap);
	return candor_buf_error(b);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool web_url_decode(char *s)
{
	char *w = s;

	for (char *r = s; *r; r++) {
		if (*r == '+') {
			*w++ = ' ';
		} else if (*r == '%') {
			int hi = hexval(r[1]), lo = hi < 0 ? -1 : hexval(r[2]);

			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return false;
			*w++ = (char)(hi * 16 + lo);
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return true;
}

static int add_field(struct web_form *f, const char *p, size_t n, struct candor_error *err)
{
	const char *eq = memchr(p, '=', n);
	size_t nl = eq ? (size_t)(eq - p) : n;
	char *name = strndup(p, nl), *value = strndup(eq ? eq + 1 : "", eq ? n - nl - 1 : 0);

	if (!name || !value) {
		free(name), free(value);
		return candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
	}
	f->v[f->n].name = name;
	f->v[f->n++].value = value;
	if (!web_url_decode(name) || !web_url_decode(value) ||
	    !web_text_ok(value, strlen(value)) || !web_text_ok(name, strlen(name)))
		return candor_error_set(err, CANDOR_EINVALID, name,
					"the form field is not valid text");
	return 0;
}

int web_form_parse(struct web_form *f, const char *body, size_t len, struct candor_error *err)
{
	size_t i = 0;
	int rc = 0;

	if (memchr(body, '\0', len))
		return candor_error_set(err, CANDOR_EINVALID, NULL, "the form holds a NUL byte");
	while (i < len && !rc) {
		const char *amp = memchr(body + i, '&', len - i);
		size_t n = amp ? (size_t)(amp - (body + i)) : len - i;

		if (n && f->n == WEB_FORM_MAX)
			return candor_error_set(err, CANDOR_EINVALID, NULL,
						"too many form fields (at most %d)", WEB_FORM_MAX);
		if (n)
			rc = add_field(f, body + i, n, err);
		i += n + 1;
	}
	return rc;
}

const char *web_form_get(const struct web_form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].name, name))
			return f->v[i].value;
	return NULL;
}

void web_form_release(struct web_form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].name);
		free(f->v[i].value);
	}
	f->n = 0;
}

bool web_content_type_is(const char *ct, const char *type)
{
	size_t n = strlen(type);

	if (!ct || strncasecmp(ct, type, n))
		return false;
	ct += n;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	return !*ct || *ct == ';';
}

bool web_text_ok(const char *s, size_t n)
{
	return candor_utf8_text_ok(s, n);
}

bool web_local_path(const char *path)
{
	if (!path || path[0] != '/' || path[1] == '/' || path[1] == '\\')
		return false;
	for (const char *p = path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return false;
	return strlen(path) < 400;
}

/* Whether the parenthesis at p (up to its ')') gives command-line advice; its length in *n. */
static bool cli_advice(const char *p, size_t *n)
{
	const char *end = strchr(p, ')');
	const char *c;

	if (!end)
		return false;
	*n = (size_t)(end - p) + 1;
	c = strstr(p, "candor ");
	return (c && c < end) || ((c = strstr(p, "--")) && c < end);
}

void web_plain_message(struct candor_buf *b, const char *msg)
{
	const char *p = msg;
	size_t n;

	while (*p) {
		const char *q = strchr(p, '(');

		if (!q) {
			web_escape(b, p, strlen(p));
			break;
		}
		if (cli_advice(q, &n)) {
			const char *keep = q;

			while (keep > p && keep[-1] == ' ')
				keep--;
			web_escape(b, p, (size_t)(keep - p));
			p = q + n;
		} else {
			web_escape(b, p, (size_t)(q - p) + 1);
			p = q + 1;
		}
	}
}

void web_field_message(struct candor_buf *b, const char *msg, const char *field, const char *label)
{
	char quoted[80], lead[80];
	struct candor_buf tmp = CANDOR_BUF_INIT;
	const char *at = NULL;
	size_t n = 0;

	snprintf(quoted, sizeof(quoted), "'%s'", field ? field : "");
	snprintf(lead, sizeof(lead), "%s:", field ? field : "");
	if (field && *field && label && *label) {
		if (!strncmp(msg, lead, strlen(lead)))
			at = msg, n = strlen(lead) - 1;
		else if (!strncmp(msg, "--", 2) && !strncmp(msg + 2, lead, strlen(lead)))
			at = msg, n = strlen(lead) + 1;
		else if ((at = strstr(msg, quoted)))
			n = strlen(quoted);
	}
	if (at) {
		candor_buf_add(&tmp, msg, (size_t)(at - msg));
		candor_buf_adds(&tmp, label);
		candor_buf_adds(&tmp, at + n);
		msg = tmp.ptr;
	}
	web_plain_message(b, msg);
	candor_buf_release(&tmp);
}
