/*
 * web/server.c: libmicrohttpd glue, signing in, and the life of a request
 * (see web.h).
 *
 * One thread per connection, with a connection limit, a per-IP limit and an
 * idle timeout, so a slow client holds one thread and nothing else.  The
 * body is accumulated by us, capped at srv->max_body (413 beyond it, told
 * from Content-Length before anything is read where the client sends one).
 */
#include "util/common.h"
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <strings.h>
#include "web/web.h"
#include "app/access.h"
#include "app/users.h"
#include "web/cookie.h"

#define CONNECTION_LIMIT 256
#define PER_IP_LIMIT 16
#define TIMEOUT_SECONDS 10
#define MEMORY_LIMIT (64 * 1024)
#define ANONYMOUS_BODY_MAX (16 * 1024) /* the sign-in form, with room to spare */   /* headers and MHD's own buffers, per connection */

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
	json_decref(req->json);
	free(req->mp);
	if (req->store)
		candor_store_close(req->store);
	free(req);
}

/*
 * The store of a request: one from the pool, else a new one.  A store goes
 * back to the pool after its transaction ends (finish), and is closed when
 * the pool is full.  Each is used by one request at a time.
 */
static int store_take(struct web_request *req)
{
	struct web_server *srv = req->srv;

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
	char *s = j ? json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(12)) : NULL;

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
	if (req->api)
		return web_json(req, status, json_pack("{s:s,s:o}", "error", msg, "field",
						       field && *field ? json_string(field) : json_null()));
	candor_buf_reset(&req->out);
	web_page_begin(req, "Error");
	web_html(&req->out, "<section class=\"error\" role=\"alert\"><h1>%s</h1><p>%s</p>",
		 status == 404 ? "Not found" : status == 403 ? "Not allowed" :
		 status == 401 ? "Please sign in" : "That did not work", msg);
	if (field && *field)
		web_html(&req->out, "<p>Field: <code>%s</code></p>", field);
	web_html(&req->out, "<p>Nothing was changed. <a href=\"/\">Back to the pipeline</a></p>"
		 "</section>");
	web_page_end(req);
	return req->status = status;
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
	const char *v = MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);

	return v && web_text_ok(v, strlen(v)) ? v : NULL;
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

bool web_account_changeable(struct web_request *req, int64_t account_id)
{
	struct candor_account a = { 0 };
	char ref[32];
	bool yes;

	snprintf(ref, sizeof(ref), "%" PRId64, account_id);
	if (candor_store_account_find(req->store, ref, &a))
		return false;
	yes = web_may_change(req, a.owner);
	candor_account_release(&a);
	return yes;
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
	return !origin || req->method != WEB_POST ||
	       (!strncmp(origin, "http://", 7) && !strcmp(origin + 7, host));
}

static int sign_in(struct web_request *req)
{
	const char *auth = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Authorization");
	const char *cookies = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Cookie");
	struct candor_user_list users = { 0 };
	char token[CANDOR_TOKEN_MAX + 8];

	if (auth) {
		if (strncasecmp(auth, "Bearer ", 7) || secret_user(req, CANDOR_SECRET_TOKEN, auth + 7))
			return web_error(req, 401, "Authorization", "the API token is not valid "
					 "(make one with 'candor user token NAME')");
		return 0;
	}
	if (web_cookie_get(cookies, "candor_session", token, sizeof(token)) &&
	    !secret_user(req, CANDOR_SECRET_SESSION, token))
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

/* Decode the body by its type: a form, JSON for the API, multipart as is. */
static int body_decode(struct web_request *req)
{
	const char *ct = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Content-Type");
	json_error_t jerr;

	if (req->method != WEB_POST)
		return 0;
	if (req->api) {
		if (!ct || strncasecmp(ct, "application/json", 16))
			return web_error(req, 415, NULL, "send the body as application/json");
		req->json = json_loadb(req->body.ptr, req->body.len, JSON_REJECT_DUPLICATES, &jerr);
		if (!json_is_object(req->json))
			return web_error(req, 400, NULL, "the body is not a JSON object: %s",
					 req->json ? "an object is needed" : jerr.text);
		return 0;
	}
	if (ct && !strncasecmp(ct, "multipart/form-data", 19)) {
		if (!(req->mp = calloc(1, sizeof(*req->mp))))
			return web_error(req, 500, NULL, "out of memory");
		if (web_multipart_parse(req->mp, req->body.ptr, req->body.len, ct, &req->err))
			return web_error(req, 400, req->err.field, "%s", req->err.msg);
		return 0;
	}
	if (ct && strncasecmp(ct, "application/x-www-form-urlencoded", 33))
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

static int check_access(struct web_request *req)
{
	const char *hdr;

	if (req->route->flags & WEB_ROUTE_PUBLIC)
		return 0;
	if (!req->signed_in) {
		if (!req->api && req->method == WEB_GET)
			return web_redirect(req, "/login");
		return web_error(req, 401, NULL, "sign in first");
	}
	if (req->method != WEB_POST || (req->api && req->user.id && !*req->session))
		return 0;  /* a Bearer token needs no CSRF token */
	hdr = req->api ? MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "X-CSRF-Token")
		       : form_csrf(req);
	if (req->api && req->user.local)
		return 0;  /* JSON only (checked above): a cross-site form cannot send it */
	if (!candor_token_equal(req->csrf, hdr))
		return web_error(req, 403, "csrf", "the form is stale or not from this site: "
				 "reload the page and try again");
	return 0;
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
	if (store_take(req) || (req->method == WEB_GET || req->route->fn == web_login
				? candor_store_begin_read(req->store)
				: candor_store_begin(req->store)))
		return web_fail(req, req->err.code);
	if ((rc = sign_in(req)) || (rc = body_decode(req)) || (rc = check_access(req)))
		return rc;
	return req->route->fn(req);
}

static void finish(struct web_request *req)
{
	if (!req->store)
		return;
	if (req->status < 400 && candor_store_commit(req->store))
		web_fail(req, req->err.code);
	else if (req->status >= 400)
		candor_store_rollback(req->store);
	store_give_back(req);
}

static enum MHD_Result respond(struct web_request *req)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(req->out.len, req->out.ptr,
								 MHD_RESPMEM_MUST_COPY);
	enum MHD_Result ret;

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
	ret = MHD_queue_response(req->conn, (unsigned)req->status, r);
	MHD_destroy_response(r);
	return ret;
}

static bool declared_too_big(struct web_request *req)
{
	const char *cl = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Content-Length");
	char *end;
	unsigned long long n;

	if (!cl)
		return false;
	errno = 0;
	n = strtoull(cl, &end, 10);
	return errno || *end || n > req->body.max;
}


/* Whether the request carries a session cookie or an API token (unchecked yet). */
static bool credentials(struct MHD_Connection *conn)
{
	const char *cookies = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Cookie");

	return MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization") ||
	       (cookies && strstr(cookies, "candor_session="));
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *data,
				  size_t *size, void **state)
{
	struct web_request *req = *state;

	if (!req) {
		if (!(req = request_new(cls, conn)))
			return MHD_NO;
		*state = req;
		/* with users, a caller without a session or a token gets room for
		 * the sign-in form, not for an upload */
		if ((!req->srv->loopback || !req->srv->no_users) && !credentials(conn))
			candor_buf_init(&req->body, ANONYMOUS_BODY_MAX);
		req->too_big = declared_too_big(req);
		if (!req->too_big)
			return MHD_YES;
		/* answer at once: the body is never read */
		req->path = url;
		req->api = !strncmp(url, "/api/", 5);
		too_big(req);
		return respond(req);
	}
	if (*size) {
		if (!req->too_big && candor_buf_add(&req->body, data, *size))
			req->too_big = true;
		*size = 0;
		return MHD_YES;
	}
	if (req->status)
		return MHD_YES;  /* already answered (413) */
	req->path = url;
	dispatch(req, method);
	finish(req);
	return respond(req);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **state,
			 enum MHD_RequestTerminationCode toe)
{
	request_free(*state);
	*state = NULL;
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

int web_serve(struct web_server *srv, const char *listen, struct candor_error *err)
{
	struct sockaddr_in sa;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	sigset_t set;
	int rc, sig;

	if ((rc = parse_listen(listen, &sa, &srv->loopback, err)))
		return rc;
	if (!srv->loopback && srv->no_users)
		return candor_error_set(err, CANDOR_EINVALID, "--listen",
					"refusing to listen on '%s' with no users: anyone could "
					"read and change everything.  Add one with 'candor user add "
					"NAME --role admin', or listen on 127.0.0.1", listen);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);  /* the server's threads inherit this */
	pthread_mutex_init(&srv->pool_lock, NULL);
	srv->npool = 0;
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION,
			     0, NULL, NULL, on_request, srv,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTION_LIMIT,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)PER_IP_LIMIT,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)TIMEOUT_SECONDS,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)MEMORY_LIMIT,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
			     MHD_OPTION_END);
	if (!d) {
		pthread_mutex_destroy(&srv->pool_lock);
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
	while (srv->npool)
		candor_store_close(srv->pool[--srv->npool]);
	pthread_mutex_destroy(&srv->pool_lock);
	return 0;
}
