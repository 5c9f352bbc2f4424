/*
 * web/server.c: libmicrohttpd glue, signing in, and the life of a request
 * (see web.h).
 *
 * libmicrohttpd runs an epoll loop in each of a pool of threads, so a
 * slow or silent client holds a socket and a little memory, not a thread.
 * The guard (guard.h) gives each request a deadline that trickling bytes
 * do not extend and limits connections per client address; an idle
 * connection is closed after TIMEOUT_SECONDS.  Credentials are checked as
 * soon as the headers have come, before the body: without a valid session
 * or token the body is capped at ANONYMOUS_BODY_MAX, and at srv->max_body
 * otherwise (413 beyond it, told from Content-Length before anything is
 * read where the client sends one).  Requests whose length is ambiguous
 * (two Content-Lengths, or one with Transfer-Encoding) are refused and the
 * connection closed, so no bytes of one request run as another.
 *
 * Handlers block their pool thread while they run (the store, argon2):
 * THREAD_POOL threads, each request with its own store connection (taken
 * from srv->pool), so handlers that write stay as correct as with a thread
 * per connection.
 */
#include "util/common.h"
#include <arpa/inet.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <strings.h>
#include <sys/resource.h>
#include "web/web.h"
#include "web/query.h"
#include "app/access.h"
#include "app/users.h"
#include "app/audit.h"
#include "store/audit.h"
#include "web/cookie.h"
#include "util/json-text.h"

#define CONNECTION_LIMIT 4000         /* lowered to what RLIMIT_NOFILE allows */
#define THREAD_POOL 16
#define TIMEOUT_SECONDS 10
#define MEMORY_LIMIT (64 * 1024)      /* headers and MHD's own buffers, per connection */
#define ANONYMOUS_BODY_MAX (16 * 1024) /* the sign-in form, with room to spare */
#define STORE_CACHE_MAX (64 * 1024 * 1024) /* SQLite's page caches, all connections together */
#define TRIM_SECONDS 2                /* at most this often, freed heap pages go back */

static const char security_headers[][2][64] = {
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "same-origin" },
	{ "X-Frame-Options", "DENY" },
	{ "Cache-Control", "no-store" },
};
static const char csp[] = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
			  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

static struct web_request *request_new(struct web_server *srv, struct MHD_Connection *conn)
{
	struct web_request *req = calloc(1, sizeof(*req));

	if (!req)
		return NULL;
	req->srv = srv;
	req->conn = conn;
	candor_buf_init(&req->body, srv->max_body);
	candor_buf_init(&req->out, 0);
	return req;
}

static void request_free(struct web_request *req)
{
	if (!req)
		return;
	candor_buf_release(&req->body);
	candor_buf_release(&req->out);
	web_form_release(&req->form);
	web_form_release(&req->query);
	json_decref(req->json);
	free(req->mp);
	if (req->store)
		candor_store_close(req->store);
	free(req);
}

/*
 * The store of a request: the one it has, one from the pool, else a new one.  A store goes
 * back to the pool after its transaction ends (finish), and is closed when
 * the pool is full.  Each is used by one request at a time.
 */
static int store_take(struct web_request *req)
{
	struct web_server *srv = req->srv;

	if (req->store)
		return 0;  /* kept from checking the credentials */
	pthread_mutex_lock(&srv->pool_lock);
	req->store = srv->npool ? srv->pool[--srv->npool] : NULL;
	pthread_mutex_unlock(&srv->pool_lock);
	if (req->store) {
		req->store->err = &req->err;
		return 0;
	}
	return candor_store_open(&req->store, srv->db_path, false, &req->err);
}

static void store_give_back(struct web_request *req)
{
	struct web_server *srv = req->srv;
	struct candor_store *s = req->store;

	req->store = NULL;
	pthread_mutex_lock(&srv->pool_lock);
	if (srv->npool < CANDOR_ARRAY_SIZE(srv->pool)) {
		srv->pool[srv->npool++] = s;
		s = NULL;
	}
	pthread_mutex_unlock(&srv->pool_lock);
	candor_store_close(s);
}

/* Responses ------------------------------------------------------------ */

int web_json(struct web_request *req, int status, json_t *j)
{
	char *s = j ? candor_json_text(j, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(12)) : NULL;

	json_decref(j);
	candor_buf_reset(&req->out);
	candor_buf_adds(&req->out, s ? s : "{\"error\":\"out of memory\",\"field\":null}");
	candor_buf_addch(&req->out, '\n');
	free(s);
	req->ctype = "application/json";
	return req->status = s ? status : 500;
}

int web_error(struct web_request *req, int status, const char *field, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(req->fail_field, sizeof(req->fail_field), "%s", field ? field : "");
	snprintf(req->fail_msg, sizeof(req->fail_msg), "%s", msg);
	if (req->api)
		return web_json(req, status, json_pack("{s:s,s:o}", "error", msg, "field",
						       field && *field ? json_string(field) : json_null()));
	candor_buf_reset(&req->out);
	web_page_begin(req, status == 404 ? "Not found" : "Error");
	web_html(&req->out, "<section class=\"error\" role=\"alert\"><h1>%s</h1><p>",
		 status == 404 ? "Not found" : status == 403 ? "Not allowed" :
		 status == 401 ? "Please sign in" : "That did not work");
	web_plain_message(&req->out, msg);
	web_html(&req->out, "</p>%R", req->method == WEB_POST ? "<p>Nothing was changed.</p>" : "");
	web_way_back(req, status);
	web_html(&req->out, "</section>");
	web_page_end(req);
	return req->status = status;
}

/*
 * The link out of an error page: the page the user came from when it is
 * of this site (Referer with this Host) and not the failed page itself,
 * signing in for a 401, else the board.
 */
void web_way_back(struct web_request *req, int status)
{
	const char *ref = req->conn ? MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND,
								"Referer") : NULL;
	const char *host = req->conn ? MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND,
								 "Host") : NULL;
	const char *p = ref ? strstr(ref, "://") : NULL;
	size_t hl = host ? strlen(host) : 0;

	if (status == 401 || (!req->signed_in && req->route &&
				   !(req->route->flags & WEB_ROUTE_PUBLIC))) {
		web_html(&req->out, "<p><a href=\"/login\">Sign in</a></p>");
		return;
	}
	if (p && hl && !strncmp(p + 3, host, hl) && web_local_path(p + 3 + hl) &&
	    (req->method == WEB_POST || strcmp(p + 3 + hl, req->path))) {
		web_html(&req->out, "<p><a href=\"%s\">Back to the page you were on</a> · "
			 "<a href=\"/\">the pipeline</a></p>", p + 3 + hl);
		return;
	}
	web_html(&req->out, "<p><a href=\"/\">Back to the pipeline</a></p>");
}

int web_fail(struct web_request *req, int code)
{
	static const struct { int code, status; } map[] = {
		{ CANDOR_EINVALID, 422 }, { CANDOR_ENOTFOUND, 404 }, { CANDOR_EAMBIGUOUS, 409 },
		{ CANDOR_ECONFLICT, 409 }, { CANDOR_EDB, 503 },
	};
	int status = 500;

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(map); i++)
		if (map[i].code == code)
			status = map[i].status;
	return web_error(req, status, req->err.field, "%s",
			 *req->err.msg ? req->err.msg : candor_code_name(code));
}

int web_redirect(struct web_request *req, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(req->location, sizeof(req->location), fmt, ap);
	va_end(ap);
	candor_buf_reset(&req->out);
	req->ctype = "text/plain; charset=utf-8";
	candor_buf_adds(&req->out, "see other\n");
	return req->status = 303;
}

/* Request data ----------------------------------------------------------- */

const char *web_query(struct web_request *req, const char *name)
{
	return web_form_get(&req->query, name);
}

const char *web_arg(struct web_request *req, const char *name)
{
	json_t *v;

	if (!req->api)
		return web_form_get(&req->form, name);
	v = json_object_get(req->json, name);
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(req->argbuf, sizeof(req->argbuf), "%" JSON_INTEGER_FORMAT,
			 json_integer_value(v));
		return req->argbuf;
	}
	if (json_is_boolean(v))
		return json_is_true(v) ? "true" : "false";
	return NULL;
}

void web_app(struct web_request *req, struct candor_app *app)
{
	candor_app_init(app, req->store, req->now);
	app->err = &req->err;
}

/* Access ------------------------------------------------------------------ */

/* The rules are the application's (app/access.h); these apply them to the user. */
bool web_may_see(const struct web_request *req, const char *owner)
{
	struct candor_app_actor who = { req->user.name, req->user.role };

	return candor_app_may_see(&who, owner);
}

bool web_may_change(const struct web_request *req, const char *owner)
{
	struct candor_app_actor who = { req->user.name, req->user.role };

	return candor_app_may_change(&who, owner);
}

int web_account_access(struct web_request *req, int64_t account_id, bool change)
{
	struct candor_account a = { 0 };
	char ref[32];
	int rc, status = 0;

	snprintf(ref, sizeof(ref), "%" PRId64, account_id);
	if ((rc = candor_store_account_find(req->store, ref, &a)))
		return web_fail(req, rc);
	if (!web_may_see(req, a.owner))  /* as if it did not exist: ids are not revealed */
		status = web_error(req, 404, NULL, "not found");
	else if (change && !web_may_change(req, a.owner))
		status = web_error(req, 403, NULL, "account '%s' belongs to '%s': you may look, "
				   "not change", a.name, a.owner);
	candor_account_release(&a);
	return status;
}

int web_account_changeable(struct web_request *req, int64_t account_id, bool *yes)
{
	struct candor_account a = { 0 };
	char ref[32];
	int rc;

	*yes = false;
	snprintf(ref, sizeof(ref), "%" PRId64, account_id);
	if ((rc = candor_store_account_find(req->store, ref, &a)))
		return rc == CANDOR_ENOTFOUND ? 0 : web_fail(req, rc);
	*yes = web_may_change(req, a.owner);
	candor_account_release(&a);
	return 0;
}

int web_contact_access(struct web_request *req, int64_t contact_id, bool change,
		       struct candor_contact *out)
{
	char ref[32];
	int rc;

	snprintf(ref, sizeof(ref), "%" PRId64, contact_id);
	if ((rc = candor_store_contact_find(req->store, ref, out)))
		return web_fail(req, rc);
	if ((rc = web_account_access(req, out->account_id, change))) {
		candor_contact_release(out);
		return rc;
	}
	return 0;
}

int web_record_access(struct web_request *req, enum candor_record what, int64_t id,
		      bool change, struct candor_scope *out)
{
	int rc = candor_store_locate(req->store, what, id, out);

	if (rc)
		return web_fail(req, rc);
	return web_account_access(req, out->account_id, change);
}

/* Signing in -------------------------------------------------------------- */

/* A secret from a header: the session cookie, or a Bearer token. */
static int secret_user(struct web_request *req, int kind, const char *token)
{
	struct candor_app app;
	struct candor_app_signed_in who;

	web_app(req, &app);
	if (candor_app_signed_in(&app, kind, token, &who))
		return -1;
	req->user.id = who.user.id;
	snprintf(req->user.name, sizeof(req->user.name), "%s", who.user.name);
	req->user.role = who.user.role;
	req->signed_in = true;
	candor_user_release(&who.user);
	if (kind == CANDOR_SECRET_SESSION) {
		snprintf(req->csrf, sizeof(req->csrf), "%s", who.csrf);
		snprintf(req->session, sizeof(req->session), "%s", who.selector);
	}
	return 0;
}

/* The 413 answer: the cap, or that an anonymous caller must sign in first. */
static int too_big(struct web_request *req)
{
	if (req->body.max < req->srv->max_body)
		return web_error(req, 413, NULL, "sign in first: without a session, a request "
				 "may carry at most %d KiB", ANONYMOUS_BODY_MAX / 1024);
	return web_error(req, 413, NULL, "the request is too large (at most %zu MiB)",
			 req->srv->max_body >> 20);
}

/*
 * Whether the request names this machine (Host 127.x.x.x, localhost or
 * [::1], any port) and, for a POST carrying an Origin, comes from the same
 * place.  Without users the server trusts whoever reaches it on loopback,
 * so a page elsewhere must not reach it through DNS rebinding.
 */
static bool local_host(struct web_request *req)
{
	const char *host = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Host");
	const char *origin = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Origin");
	size_t n;

	if (!host)
		return false;
	n = strcspn(host, host[0] == '[' ? "]" : ":");
	if (host[0] == '[')
		n++;
	if (!((n >= 4 && !strncmp(host, "127.", 4) && strspn(host, "0123456789.") == n) ||
	      (n == 9 && !strncasecmp(host, "localhost", 9)) ||
	      (n == 5 && !strncmp(host, "[::1]", 5))))
		return false;
	if (host[n] && (host[n] != ':' || strspn(host + n + 1, "0123456789") != strlen(host + n + 1)))
		return false;
	return !origin || req->method == WEB_GET ||
	       (!strncmp(origin, "http://", 7) && !strcmp(origin + 7, host));
}

static const char *header(struct web_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

/* Whether the request carries a session cookie or an API token (unchecked yet). */
static bool has_credentials(struct web_request *req)
{
	char token[CANDOR_TOKEN_MAX + 8];

	return header(req, "Authorization") ||
	       web_cookie_get(header(req, "Cookie"), "candor_session", token, sizeof(token));
}

/*
 * Look the request's Bearer token or session cookie up, in the store's
 * current transaction: req->user and req->signed_in when one is valid,
 * req->bad_token when an Authorization header is not.
 */
static void credentials_check(struct web_request *req)
{
	const char *auth = header(req, "Authorization");
	char token[CANDOR_TOKEN_MAX + 8];

	req->checked = true;
	if (auth) {
		req->bad_token = strncasecmp(auth, "Bearer ", 7) ||
				 secret_user(req, CANDOR_SECRET_TOKEN, auth + 7);
		return;
	}
	if (web_cookie_get(header(req, "Cookie"), "candor_session", token, sizeof(token)))
		secret_user(req, CANDOR_SECRET_SESSION, token);
}

/*
 * The same, as soon as the headers have come, in a read transaction of its
 * own, so that the body cap can depend on it; the request keeps the store
 * for its handler.  When the store cannot be
 * reached now, the request stays unchecked (anonymous until dispatch
 * looks again).
 */
static void credentials_early(struct web_request *req)
{
	if (!has_credentials(req)) {
		req->checked = true;
		return;
	}
	if (candor_now(&req->now, &req->err) || store_take(req))
		return;
	if (candor_store_begin_read(req->store)) {
		candor_store_close(req->store);
		req->store = NULL;
		return;
	}
	credentials_check(req);
	candor_store_rollback(req->store);  /* the request's own transaction comes later */
	candor_error_clear(&req->err);
}

static int sign_in(struct web_request *req)
{
	struct candor_user_list users = { 0 };

	if (!req->checked)
		credentials_check(req);
	if (req->bad_token)
		return web_error(req, 401, "Authorization", "the API token is not valid "
				 "(make one with 'candor user token NAME')");
	if (req->signed_in)
		return 0;
	if (candor_store_users(req->store, 0, NULL, &users))
		return web_fail(req, req->err.code);
	if (!users.n && req->srv->loopback && !local_host(req)) {
		candor_user_list_release(&users);
		/* a page elsewhere that rebinds its name to 127.0.0.1 is not the local user */
		return web_error(req, 421, "Host", "this server answers only to localhost");
	}
	if (!users.n && req->srv->loopback) {
		req->user.local = true;
		req->user.role = CANDOR_ROLE_ADMIN;
		snprintf(req->user.name, sizeof(req->user.name), "%s", req->srv->local_user);
		snprintf(req->csrf, sizeof(req->csrf), "%s", req->srv->csrf_local);
		req->signed_in = true;
	}
	candor_user_list_release(&users);
	return 0;
}

/*
 * Whether content type ct is media type type exactly (any case), with
 * parameters after a ';' at most, and a charset among them, if any, UTF-8.
 */
static bool media_type_is(const char *ct, const char *type)
{
	size_t n = strlen(type);
	const char *cs;

	if (!ct || strncasecmp(ct, type, n))
		return false;
	ct += n;
	ct += strspn(ct, " \t");
	if (*ct && *ct != ';')
		return false;
	for (cs = ct; (cs = strcasestr(cs, "charset=")); cs += 8) {
		const char *v = cs + 8 + (cs[8] == '"');

		if (strncasecmp(v, "utf-8", 5) || (v[5] && !strchr("\"; \t", v[5])))
			return false;
	}
	return true;
}

/* Decode the body by its type: a form, JSON for the API, multipart as is. */
static int body_decode(struct web_request *req)
{
	const char *ct = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Content-Type");
	json_error_t jerr;
	bool oom = false;

	if ((req->method != WEB_POST && req->method != WEB_PATCH) || req->decoded)
		return 0;
	req->decoded = true;
	if (req->api) {
		if (!media_type_is(ct, "application/json"))
			return web_error(req, 415, NULL, "send the body as application/json");
		req->json = candor_json_readb(req->body.ptr, req->body.len, JSON_REJECT_DUPLICATES,
					      &jerr, &oom);
		if (oom)
			return web_error(req, 500, NULL, "out of memory: try again");
		if (!json_is_object(req->json))
			return web_error(req, 400, NULL, "the body is not a JSON object: %s",
					 req->json ? "an object is needed" : jerr.text);
		return 0;
	}
	if (media_type_is(ct, "multipart/form-data")) {
		if (!(req->mp = calloc(1, sizeof(*req->mp))))
			return web_error(req, 500, NULL, "out of memory");
		if (web_multipart_parse(req->mp, req->body.ptr, req->body.len, ct, &req->err))
			return web_error(req, 400, req->err.field, "%s", req->err.msg);
		return 0;
	}
	if ((ct || req->body.len) && !media_type_is(ct, "application/x-www-form-urlencoded"))
		return web_error(req, 415, NULL, "send the form as application/x-www-form-urlencoded");
	if (web_form_parse(&req->form, req->body.ptr, req->body.len, &req->err))
		return web_error(req, 400, req->err.field, "%s", req->err.msg);
	return 0;
}

/* The CSRF token of a form (urlencoded or multipart). */
static const char *form_csrf(struct web_request *req)
{
	const struct web_part *p;

	if (!req->mp)
		return web_form_get(&req->form, "csrf");
	p = req->mp ? web_multipart_get(req->mp, "csrf") : NULL;
	if (!p || p->len >= sizeof(req->argbuf))
		return NULL;
	memcpy(req->argbuf, p->data, p->len);
	req->argbuf[p->len] = '\0';
	return req->argbuf;
}

/* To the sign-in page, which comes back here afterwards (?next=). */
static int login_redirect(struct web_request *req)
{
	struct candor_buf next = CANDOR_BUF_INIT;
	int rc;

	if (!strcmp(req->path, "/") || !web_local_path(req->path))
		return web_redirect(req, "/login");
	web_url_encode(&next, req->path);
	rc = web_redirect(req, "/login?next=%s", next.ptr);
	candor_buf_release(&next);
	return rc;
}

static int check_access(struct web_request *req)
{
	const char *hdr;

	if (req->route->flags & WEB_ROUTE_PUBLIC)
		return 0;
	if (!req->signed_in) {
		if (!req->api && req->method == WEB_GET)
			return login_redirect(req);
		return web_error(req, 401, NULL, "sign in first");
	}
	if (req->method == WEB_GET || (req->api && req->user.id && !*req->session))
		return 0;  /* a Bearer token needs no CSRF token; every other write does */
	hdr = req->api ? MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "X-CSRF-Token")
		       : form_csrf(req);
	if (req->api && req->user.local)
		return 0;  /* JSON only (checked above): a cross-site form cannot send it */
	if (!candor_token_equal(req->csrf, hdr))
		return web_error(req, 403, "csrf", "the form is stale or not from this site: "
				 "reload the page and try again");
	return 0;
}

/* A request that may write is one batch of the audit trail (app/audit.h). */
static int batch_open(struct web_request *req)
{
	struct candor_app app;

	candor_app_init(&app, req->store, req->now);
	app.err = &req->err;
	return candor_app_batch_open(&app, req->api ? "api" : "web", req->user.name, NULL)
		? web_fail(req, req->err.code) : 0;
}

static int dispatch(struct web_request *req, const char *method)
{
	int rc;

	req->method = web_method_parse(method);
	req->api = !strncmp(req->path, "/api/", 5);
	rc = web_route_find(web_routes, req->method, req->path, &req->route, req->ids, &req->nids);
	if (rc == WEB_NO_ROUTE)
		return web_error(req, 404, NULL, "no such page: '%s'", req->path);
	if (rc == WEB_BAD_METHOD)
		return web_error(req, 405, NULL, "'%s' does not take %s", req->path, method);
	if (req->too_big)
		return too_big(req);
	if (candor_now(&req->now, &req->err))
		return web_fail(req, req->err.code);
	/* GET only reads: a deferred transaction, so readers do not queue for
	 * the write lock that BEGIN IMMEDIATE takes */
	/* signing in reads until the password is checked (slowly, on purpose),
	 * so failed attempts never hold the write lock */
	/* run again (dispatch_retrying) when the store was busy: then write */
	if (store_take(req) || ((req->method == WEB_GET || req->route->fn == web_login) && !req->attempt
				? candor_store_begin_read(req->store)
				: candor_store_begin(req->store)))
		return web_fail(req, req->err.code);
	if ((rc = sign_in(req)) || (rc = body_decode(req)) || (rc = check_access(req)) ||
	    (req->method != WEB_GET && (rc = batch_open(req))))
		return rc;
	return web_answer_whole(req, req->route->fn(req));
}

int web_answer_whole(struct web_request *req, int rc)
{
	if (!candor_buf_error(&req->out))
		return rc;
	candor_buf_release(&req->out);
	candor_buf_init(&req->out, 0);
	req->location[0] = '\0';
	req->cookie[0] = '\0';
	candor_error_set(&req->err, CANDOR_ERROR, NULL, "out of memory writing the answer");
	return web_fail(req, CANDOR_ERROR);
}

/*
 * Dispatch, and again (up to WEB_ATTEMPTS times in all) when the store
 * failed in a way it says is safe to retry: nothing was written, and the
 * answer so far is dropped.  A GET reads in a snapshot, and keeping a
 * buyer's recomputed answer (the board does) must then become a write,
 * which SQLite refuses once another writer committed after the snapshot
 * began; the next attempt begins as a write and waits its turn.
 */
#define WEB_ATTEMPTS 3
static void dispatch_retrying(struct web_request *req, const char *method)
{
	for (;;) {
		dispatch(req, method);
		if (req->status != 503 || !req->store || !candor_store_retryable(req->store) ||
		    req->attempt + 1 >= WEB_ATTEMPTS)
			return;
		candor_store_rollback(req->store);
		req->attempt++;
		req->status = 0;
		req->retry_after = 0;
		req->ctype = NULL;
		req->location[0] = '\0';
		req->cookie[0] = '\0';
		candor_buf_reset(&req->out);
		candor_error_clear(&req->err);
	}
}

int web_restart_read(struct web_request *req)
{
	candor_store_rollback(req->store);
	if (candor_store_begin_read(req->store))
		return web_fail(req, req->err.code);
	candor_buf_reset(&req->out);
	return 0;
}

static void finish(struct web_request *req)
{
	if (!req->store)
		return;
	/* a batch no use case described says the request */
	if (req->status < 400 && !candor_audit_described(req->store))
		candor_audit_describe(req->store, "%s %.280s", web_method_name(req->method), req->path);
	if (req->status < 400 && candor_store_commit(req->store))
		web_fail(req, req->err.code);
	else if (req->status >= 400)
		candor_store_rollback(req->store);
	store_give_back(req);
}

void web_cookie_set(struct web_request *req, const char *name, const char *value, int max_age)
{
	snprintf(req->cookie, sizeof(req->cookie), "%s=%s; Path=/; HttpOnly; SameSite=Strict; "
		 "Max-Age=%d%s", name, value, max_age, req->https ? "; Secure" : "");
}

static enum MHD_Result respond(struct web_request *req)
{
	static const char oom[] = "out of memory: try again\n";
	struct MHD_Response *r;
	enum MHD_Result ret;
	char n[32];

	if (candor_buf_error(&req->out)) {  /* even the error page did not fit: never half of one */
		req->status = 500;
		req->ctype = "text/plain; charset=utf-8";
		req->location[0] = req->cookie[0] = '\0';
		r = MHD_create_response_from_buffer(sizeof(oom) - 1, (void *)oom,
						    MHD_RESPMEM_PERSISTENT);
	} else {
		r = MHD_create_response_from_buffer(req->out.len, req->out.ptr,
						    MHD_RESPMEM_MUST_COPY);
	}
	if (!r)
		return MHD_NO;
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(security_headers); i++)
		MHD_add_response_header(r, security_headers[i][0], security_headers[i][1]);
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "Content-Type", req->ctype ? req->ctype : "text/html; charset=utf-8");
	if (*req->location)
		MHD_add_response_header(r, "Location", req->location);
	if (*req->cookie)
		MHD_add_response_header(r, "Set-Cookie", req->cookie);
	if (req->retry_after) {
		snprintf(n, sizeof(n), "%" PRId64, req->retry_after);
		MHD_add_response_header(r, "Retry-After", n);
	}
	if (req->close)
		MHD_add_response_header(r, "Connection", "close");
	ret = MHD_queue_response(req->conn, (unsigned)req->status, r);
	MHD_destroy_response(r);
	return ret;
}

static bool declared_too_big(struct web_request *req)
{
	const char *cl = header(req, "Content-Length");
	char *end;
	unsigned long long n;

	if (!cl)
		return false;
	errno = 0;
	n = strtoull(cl, &end, 10);
	return errno || *end || n > req->body.max;
}

struct framing {
	unsigned lengths;             /* Content-Length headers */
	bool differ;                  /* with different values */
	const char *first;
};

static enum MHD_Result count_length(void *cls, enum MHD_ValueKind kind, const char *key,
				    const char *value)
{
	struct framing *f = cls;

	(void)kind;
	if (strcasecmp(key, "Content-Length"))
		return MHD_YES;
	if (f->lengths++ && strcmp(f->first, value ? value : ""))
		f->differ = true;
	if (!f->first)
		f->first = value ? value : "";
	return MHD_YES;
}

/*
 * Refuse (400, and close) a request whose body's length is ambiguous: two
 * different Content-Lengths, one that is not a number, or a Content-Length
 * beside a Transfer-Encoding; or a Transfer-Encoding other than chunked.
 * A proxy in front and this server could otherwise read different
 * requests from the same bytes.
 */
static int framing_check(struct web_request *req)
{
	struct framing f = { 0 };
	const char *te = header(req, "Transfer-Encoding");

	MHD_get_connection_values(req->conn, MHD_HEADER_KIND, count_length, &f);
	req->close = f.lengths > 1 || te;
	if (f.differ)
		return web_error(req, 400, "Content-Length", "the request has two different "
				 "Content-Length headers");
	if (f.lengths && strspn(f.first, "0123456789") != strlen(f.first))
		return web_error(req, 400, "Content-Length", "Content-Length '%s' is not a "
				 "number of bytes", f.first);
	if (f.lengths && te)
		return web_error(req, 400, "Transfer-Encoding", "the request has both "
				 "Content-Length and Transfer-Encoding");
	if (te && strcasecmp(te, "chunked"))
		return web_error(req, 400, "Transfer-Encoding", "Transfer-Encoding '%s' is not "
				 "supported (only chunked)", te);
	req->close = false;
	return 0;
}

/*
 * Who the client is: the peer, or, through the trusted proxy, the address
 * it forwards for (counted while the request runs: 429 beyond the limit);
 * and whether its cookies go over HTTPS only.
 */
static int client_check(struct web_request *req)
{
	struct web_server *srv = req->srv;
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	const char *proto;

	req->slot = ci ? ci->socket_context : NULL;
	req->https = srv->secure_cookies;
	if (!web_guard_from_proxy(req->slot)) {
		snprintf(req->client, sizeof(req->client), "%s", web_guard_peer(req->slot));
		return 0;
	}
	proto = header(req, "X-Forwarded-Proto");
	if (proto && !strcasecmp(proto, "https"))
		req->https = true;
	if (!web_guard_client_enter(&srv->guard, req->slot, header(req, "X-Forwarded-For"),
				    req->client)) {
		req->retry_after = 5;
		req->close = true;
		return web_error(req, 429, NULL, "too many requests at once from '%s': at most "
				 "%u", req->client, srv->guard.per_addr);
	}
	req->client_counted = true;
	return 0;
}

/*
 * The first call for a request, when its headers have come: who the client
 * is, whether the request is well framed, who signs in, and how large a
 * body it may send.  Answers at once (0) when it must be refused: its body
 * is never read.
 */
static enum MHD_Result request_begin(struct web_request *req, const char *url)
{
	struct web_server *srv = req->srv;

	req->path = url;
	req->api = !strncmp(url, "/api/", 5);
	if (client_check(req) || framing_check(req))
		return respond(req);
	if (req->query_rc) {
		web_form_release(&req->query);
		if (req->query_rc == CANDOR_EINVALID)
			web_error(req, 400, "query", "%s", req->query_msg);
		else
			web_fail(req, req->query_rc);
		return respond(req);
	}
	/* with users, a caller without a valid session or token gets room for
	 * the sign-in form, not for an upload */
	if (!srv->loopback || !srv->no_users) {
		credentials_early(req);
		if (!req->signed_in)
			candor_buf_init(&req->body, ANONYMOUS_BODY_MAX);
	}
	req->too_big = declared_too_big(req);
	if (!req->too_big)
		return MHD_YES;
	req->close = true;
	too_big(req);
	return respond(req);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *data,
				  size_t *size, void **state)
{
	struct web_request *req = *state;

	(void)version;
	if (!req) {  /* on_uri ran out of memory */
		if (!(req = request_new(cls, conn)))
			return MHD_NO;
		*state = req;
		req->query_rc = CANDOR_ERROR;
		snprintf(req->query_msg, sizeof(req->query_msg), "out of memory");
	}
	if (!req->begun) {
		req->begun = true;
		return request_begin(req, url);
	}
	if (*size) {
		if (!req->too_big && candor_buf_add(&req->body, data, *size))
			req->too_big = true;
		*size = 0;
		return MHD_YES;
	}
	if (req->status)
		return MHD_YES;  /* already answered */
	req->path = url;
	dispatch_retrying(req, method);
	finish(req);
	return respond(req);
}

/*
 * The raw address, before libmicrohttpd splits it: the request starts
 * here, its query read (query.h) for web_query.  What this returns is the
 * request's state in on_request (NULL when out of memory).
 */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct web_request *req = request_new(cls, conn);
	struct candor_error err = CANDOR_ERROR_INIT;

	if (!req)
		return NULL;
	req->query_rc = web_query_parse(&req->query, uri, strlen(uri), &err);
	if (req->query_rc)
		snprintf(req->query_msg, sizeof(req->query_msg), "%s", err.msg);
	return req;
}

/*
 * Give freed heap pages back to the system, at most every TRIM_SECONDS and
 * by one thread at a time.  glibc returns only the top of each heap by
 * itself; the pages freed below live data (a large answer's buffer, an
 * upload's utterances) stay with the process, and over hours the heaps of
 * the pool's threads grow to the most each ever held at once.
 */
static _Atomic int64_t trimmed; /* when the heap was last trimmed (the heap is the process's) */

static void trim_heap(void)
{
#ifdef M_TRIM_THRESHOLD
	int64_t now = (int64_t)time(NULL), last = atomic_load(&trimmed);

	if (now - last >= TRIM_SECONDS && atomic_compare_exchange_strong(&trimmed, &last, now))
		malloc_trim(0);
#endif
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **state,
			 enum MHD_RequestTerminationCode toe)
{
	struct web_server *srv = cls;
	struct web_request *req = *state;
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	(void)toe;
	if (req && req->client_counted)
		web_guard_client_leave(&srv->guard, req->client);
	web_guard_request_done(&srv->guard, ci ? ci->socket_context : NULL);
	request_free(req);
	*state = NULL;
	trim_heap();
}

/* A connection opened or closed: the guard keeps count (guard.h). */
static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	struct web_server *srv = cls;
	const union MHD_ConnectionInfo *fd, *addr;
	struct web_conn *slot;

	if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		web_guard_close(&srv->guard, *socket_context);
		*socket_context = NULL;
		return;
	}
	fd = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	addr = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	*socket_context = NULL;
	if (fd && web_guard_open(&srv->guard, fd->connect_fd, addr ? addr->client_addr : NULL, &slot))
		*socket_context = slot;
}

/* Parse "ADDR:PORT" (IPv4) into sa; loopback tells whether it is 127.x. */
static int parse_listen(const char *listen, struct sockaddr_in *sa, bool *loopback,
			struct candor_error *err)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	char *end;
	long port;

	memset(sa, 0, sizeof(*sa));
	if (!colon || (size_t)(colon - listen) >= sizeof(host))
		return candor_error_set(err, CANDOR_EINVALID, "--listen",
					"--listen '%s' is not ADDR:PORT (e.g. 127.0.0.1:8080)", listen);
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (errno || *end || end == colon + 1 || port < 0 || port > 65535)
		return candor_error_set(err, CANDOR_EINVALID, "--listen",
					"'%s' is not a port number (0-65535)", colon + 1);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	if (!strcmp(host, "localhost"))
		snprintf(host, sizeof(host), "127.0.0.1");
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return candor_error_set(err, CANDOR_EINVALID, "--listen",
					"'%s' is not an IPv4 address", host);
	*loopback = (ntohl(sa->sin_addr.s_addr) >> 24) == 127;
	return 0;
}

/*
 * Room for connections: raise the soft limit on open files to the hard
 * one, and keep what the store, the logs and the listening socket need.
 */
static unsigned connection_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		return 256;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > CONNECTION_LIMIT + 128)
		return CONNECTION_LIMIT;
	return rl.rlim_cur > 256 ? (unsigned)(rl.rlim_cur - 128) : 128;
}

/* The guard's settings from the server's (--trusted-proxy, the deadline). */
static int guard_setup(struct web_server *srv, struct candor_error *err)
{
	struct web_guard *g = &srv->guard;

	g->per_addr = WEB_PER_ADDR;
	g->deadline = srv->deadline ? srv->deadline : WEB_REQUEST_SECONDS;
	g->has_proxy = srv->trusted_proxy != NULL;
	if (g->has_proxy && inet_pton(AF_INET, srv->trusted_proxy, &g->proxy) != 1)
		return candor_error_set(err, CANDOR_EINVALID, "--trusted-proxy",
					"--trusted-proxy '%s' is not an IPv4 address (e.g. 127.0.0.1)",
					srv->trusted_proxy);
	if (web_guard_start(g))
		return candor_error_set(err, CANDOR_ERROR, NULL, "cannot start a thread: %s",
					strerror(errno));
	if (web_throttle_init(&srv->throttle)) {
		web_guard_stop(g);
		return candor_error_set(err, CANDOR_ERROR, NULL, "cannot make a semaphore: %s",
					strerror(errno));
	}
	return 0;
}

static void guard_teardown(struct web_server *srv)
{
	web_throttle_release(&srv->throttle);
	web_guard_stop(&srv->guard);
}

int web_serve(struct web_server *srv, const char *listen, struct candor_error *err)
{
	struct sockaddr_in sa;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	sigset_t set;
	int rc, sig;

	if ((rc = parse_listen(listen, &sa, &srv->loopback, err)))
		return rc;
#ifdef M_MMAP_THRESHOLD
	/* A long-running server's memory stays where its work puts it: glibc
	 * would raise its mmap threshold after the first large upload is freed
	 * and serve the next ones from the heap of whichever thread, keeping
	 * their pages after; a fixed threshold gives each large buffer its own
	 * mapping, returned when freed, and the heap is trimmed past 1 MB. */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
	mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
#endif
	candor_store_memory_limit(STORE_CACHE_MAX);
	if (!srv->loopback && srv->no_users)
		return candor_error_set(err, CANDOR_EINVALID, "--listen",
					"refusing to listen on '%s' with no users: anyone could "
					"read and change everything.  Add one with 'candor user add "
					"NAME --role admin', or listen on 127.0.0.1", listen);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);  /* the server's threads inherit this */
	if ((rc = guard_setup(srv, err)))
		return rc;
	pthread_mutex_init(&srv->pool_lock, NULL);
	srv->npool = 0;
	d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD,
			     0, NULL, NULL, on_request, srv,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)THREAD_POOL,
			     MHD_OPTION_CONNECTION_LIMIT, connection_limit(),
			     MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)TIMEOUT_SECONDS,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)MEMORY_LIMIT,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
			     MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv,
			     MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
			     MHD_OPTION_END);
	if (!d) {
		pthread_mutex_destroy(&srv->pool_lock);
		guard_teardown(srv);
		return candor_error_set(err, CANDOR_ERROR, "--listen",
					"cannot listen on '%s': %s", listen,
					errno ? strerror(errno) : "the address is in use or not ours");
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("candor: serving %s on http://%s:%u/ (stop with Ctrl-C)\n", srv->db_shown,
	       inet_ntoa(sa.sin_addr), info ? info->port : ntohs(sa.sin_port));
	fflush(stdout);
	sigwait(&set, &sig);
	MHD_stop_daemon(d);
	guard_teardown(srv);
	while (srv->npool)
		candor_store_close(srv->pool[--srv->npool]);
	pthread_mutex_destroy(&srv->pool_lock);
	return 0;
}
