/*
 * fuzz-json-body.c: a libFuzzer harness for JSON request bodies as the API
 * reads them: decoded as body_decode() in web/server.c does (an object,
 * duplicate keys refused), typed by body_typed() in web/api.c against the
 * OpenAPI document, then read field by field with web_arg() as the
 * handlers do.  api.c is included so its static body_typed() is reached
 * without a server or a store.
 *
 * The input's first byte picks one of the POST routes under /api/v1, the
 * rest is the body.  A body that passes is an object whose typed fields
 * have their types and whose strings are valid text; a refused one is a
 * 422 answer in JSON naming the field.
 */
#include "fuzz.h"
#include "web/api.c"

static const struct web_route *post_route(uint8_t pick)
{
	size_t n = 0, want;

	for (const struct web_route *r = web_routes; r->pattern; r++)
		n += r->method == WEB_POST && (r->flags & WEB_ROUTE_API);
	want = pick % n;
	for (const struct web_route *r = web_routes; r->pattern; r++)
		if (r->method == WEB_POST && (r->flags & WEB_ROUTE_API) && !want--)
			return r;
	abort();
}

static void typed(struct web_request *req)
{
	json_t *props = body_schema(req, openapi()), *v;
	const char *key;

	json_object_foreach(req->json, key, v) {
		const char *type = json_string_value(json_object_get(json_object_get(props, key),
								     "type"));
		const char *arg = web_arg(req, key);

		if (arg && !candor_utf8_str_ok(arg) && type)
			abort();
		if (!type || json_is_null(v))
			continue;
		if ((!strcmp(type, "string") && (!json_is_string(v) || !arg)) ||
		    (!strcmp(type, "integer") && (!json_is_integer(v) || !arg)) ||
		    (!strcmp(type, "boolean") && !json_is_boolean(v)))
			abort();
	}
}

static void refused(struct web_request *req)
{
	json_t *j = json_loadb(req->out.ptr, req->out.len, 0, NULL);

	if (req->status != 422 || !json_is_string(json_object_get(j, "field")) ||
	    !json_is_string(json_object_get(j, "error")))
		abort();
	json_decref(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct web_request req = { .api = true, .method = WEB_POST, .out = CANDOR_BUF_INIT };
	json_error_t jerr;

	if (!size)
		return 0;
	req.route = post_route(data[0]);
	req.path = req.route->pattern;
	req.json = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, &jerr);
	if (json_is_object(req.json)) {
		if (!body_typed(&req))
			typed(&req);
		else
			refused(&req);
	}
	json_decref(req.json);
	candor_buf_release(&req.out);
	return 0;
}
