/*
 * web/cookie.c: reading a cookie from a Cookie header (cookie.h).
 */
#include "util/common.h"
#include "web/cookie.h"

bool web_cookie_get(const char *header, const char *name, char *out, size_t n)
{
	size_t nl = strlen(name);

	for (const char *p = header; p && *p;) {
		const char *end;

		while (*p == ' ' || *p == ';')
			p++;
		end = strchrnul(p, ';');
		if ((size_t)(end - p) > nl && !strncmp(p, name, nl) && p[nl] == '=') {
			size_t vl = (size_t)(end - p) - nl - 1;

			if (vl >= n)
				return false;
			memcpy(out, p + nl + 1, vl);
			out[vl] = '\0';
			return true;
		}
		p = end;
	}
	return false;
}
