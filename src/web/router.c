/*
 * web/router.c: matching a request's path against the route table (router.h).
 */
#include "util/common.h"
#include "web/router.h"

int web_method_parse(const char *m)
{
	if (m && !strcmp(m, "GET"))
		return WEB_GET;
	if (m && !strcmp(m, "POST"))
		return WEB_POST;
	if (m && !strcmp(m, "PATCH"))
		return WEB_PATCH;
	if (m && !strcmp(m, "DELETE"))
		return WEB_DELETE;
	return WEB_OTHER;
}

const char *web_method_name(int method)
{
	return method == WEB_GET ? "GET" : method == WEB_POST ? "POST" : method == WEB_PATCH ? "PATCH"
	     : method == WEB_DELETE ? "DELETE" : "OTHER";
}

/* Parse an {id} segment of n bytes: 1..18 digits, no leading zero. */
static bool parse_id(const char *s, size_t n, int64_t *out)
{
	int64_t v = 0;

	if (!n || n > 18 || s[0] == '0')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool web_path_match(const char *pattern, const char *path, int64_t ids[WEB_MAX_IDS],
		    size_t *nids)
{
	*nids = 0;
	while (*pattern && *path) {
		const char *pe = strchrnul(pattern + 1, '/'), *se = strchrnul(path + 1, '/');
		size_t pn = (size_t)(pe - pattern), sn = (size_t)(se - path);

		if (*pattern != '/' || *path != '/')
			return false;
		if (pn == 5 && !memcmp(pattern, "/{id}", 5)) {
			if (*nids == WEB_MAX_IDS || !parse_id(path + 1, sn - 1, &ids[*nids]))
				return false;
			(*nids)++;
		} else if (pn != sn || memcmp(pattern, path, pn)) {
			return false;
		}
		pattern = pe;
		path = se;
	}
	return !*pattern && !*path;
}

int web_route_find(const struct web_route *routes, int method, const char *path,
		   const struct web_route **out, int64_t ids[WEB_MAX_IDS], size_t *nids)
{
	int found = WEB_NO_ROUTE;

	*out = NULL;
	for (const struct web_route *r = routes; r->pattern; r++) {
		if (!web_path_match(r->pattern, path, ids, nids))
			continue;
		if (r->method == method) {
			*out = r;
			return WEB_MATCH;
		}
		found = WEB_BAD_METHOD;
	}
	*nids = 0;
	return found;
}
