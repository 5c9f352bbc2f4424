/*
 * web/router.h: which handler answers a request.
 *
 * A route is a method and a path pattern whose segments are literal or
 * "{id}" (a positive decimal id, at most 18 digits).  Matching is exact: no
 * trailing slash, no dot segments, no percent-decoding of the path.  The
 * table is an array ended by a route with a NULL pattern.
 */
#ifndef CANDOR_WEB_ROUTER_H
#define CANDOR_WEB_ROUTER_H

#include "util/common.h"

enum web_method { WEB_GET = 1, WEB_POST = 2, WEB_OTHER = 4, WEB_PATCH = 8, WEB_DELETE = 16 };

#define WEB_ROUTE_API 1     /* answers JSON: under /api/v1 */
#define WEB_ROUTE_PUBLIC 2  /* answers without signing in */

struct web_request;
typedef int (*web_handler)(struct web_request *req);

struct web_route {
	int method;          /* WEB_GET, WEB_POST, WEB_PATCH or WEB_DELETE */
	const char *pattern; /* "/api/v1/contacts/{id}/status" */
	web_handler fn;
	int flags;           /* WEB_ROUTE_* */
};

#define WEB_MAX_IDS 4

enum web_match { WEB_MATCH = 0, WEB_NO_ROUTE = 404, WEB_BAD_METHOD = 405 };

/*
 * Find the route for method and path in routes.  WEB_MATCH with *out set and
 * the {id}s in ids[0..*nids); WEB_BAD_METHOD when the path matches only
 * with another method; WEB_NO_ROUTE otherwise.
 */
int web_route_find(const struct web_route *routes, int method, const char *path,
		   const struct web_route **out, int64_t ids[WEB_MAX_IDS], size_t *nids);

/* Whether path matches pattern, filling ids as web_route_find does. */
bool web_path_match(const char *pattern, const char *path, int64_t ids[WEB_MAX_IDS],
		    size_t *nids);

/* "GET" -> WEB_GET, "POST" -> WEB_POST, "PATCH", "DELETE", else WEB_OTHER. */
int web_method_parse(const char *m);
/* The name of a method of web_method_parse ("GET"...; "OTHER"). */
const char *web_method_name(int method);

#endif
