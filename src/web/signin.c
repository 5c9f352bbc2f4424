/*
 * web/signin.c: the sign-in page, signing in and signing out.
 *
 * The sign-in form is protected like the others, before anyone is signed
 * in: GET /login sets a pre-session cookie (candor_login, HttpOnly,
 * SameSite=Strict) and puts the same random value in the form's csrf
 * field; POST /login needs both, equal (the double-submit pattern), so a
 * page elsewhere cannot sign a browser in to an account of its choosing.
 *
 * After signing in the browser goes where it was going: ?next= (the
 * form carries it on as a hidden field), only a path of this site
 * (web_local_path: not "//elsewhere", not a URL), else the board.
 *
 * Before any password is hashed, the throttle (throttle.h) is asked
 * whether this name or this client address must wait (429 with
 * Retry-After); hashing itself takes a turn among WEB_HASH_CONCURRENCY.
 */
#include "util/common.h"
#include "web/web.h"
#include "web/cookie.h"
#include "app/users.h"

#define LOGIN_COOKIE "candor_login"
#define LOGIN_TOKEN_BYTES 32
#define LOGIN_COOKIE_SECONDS 3600

/* The request's pre-session token (64 hex digits), or NULL. */
static const char *login_token(struct web_request *req, char out[2 * LOGIN_TOKEN_BYTES + 1])
{
	const char *cookies = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Cookie");

	if (!web_cookie_get(cookies, LOGIN_COOKIE, out, 2 * LOGIN_TOKEN_BYTES + 1) ||
	    strlen(out) != 2 * LOGIN_TOKEN_BYTES ||
	    strspn(out, "0123456789abcdef") != 2 * LOGIN_TOKEN_BYTES)
		return NULL;
	return out;
}

/* Where to go after signing in: next (query or form) when it is of this site, else "". */
static const char *next_path(struct web_request *req)
{
	const char *n = req->method == WEB_POST ? web_form_get(&req->form, "next")
						: web_query(req, "next");

	return web_local_path(n) ? n : "";
}

/* The form, with the pre-session token (a new one, set as a cookie, if the request has none),
 * the name typed (after a refusal) and where to go next. */
static int login_form(struct web_request *req, int status, const char *msg)
{
	char token[2 * LOGIN_TOKEN_BYTES + 1];
	const char *name = req->method == WEB_POST ? web_form_get(&req->form, "name") : NULL;

	if (!login_token(req, token)) {
		candor_random_hex(token, LOGIN_TOKEN_BYTES);
		web_cookie_set(req, LOGIN_COOKIE, token, LOGIN_COOKIE_SECONDS);
	}
	web_page_begin(req, "Sign in");
	web_html(&req->out, "<section class=\"card narrow\"><h1>Sign in</h1>");
	if (msg)
		web_html(&req->out, "<p class=\"why\" id=\"login-why\" role=\"alert\">%s</p>", msg);
	web_html(&req->out, "<form method=\"post\" action=\"/login\">"
		 "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		 "<input type=\"hidden\" name=\"next\" value=\"%s\">"
		 "<div class=\"field\"><label for=\"f-login-name\">Name</label>"
		 "<input type=\"text\" id=\"f-login-name\" name=\"name\" value=\"%s\" "
		 "autocomplete=\"username\" required%R></div>"
		 "<div class=\"field\"><label for=\"f-login-password\">Password</label>"
		 "<input type=\"password\" id=\"f-login-password\" name=\"password\" "
		 "autocomplete=\"current-password\" required%R%R></div>"
		 "<button>Sign in</button></form><p class=\"muted\"><a href=\"/help\">Help</a></p>"
		 "</section>", token, next_path(req), name ? name : "",
		 name && *name ? "" : " autofocus", name && *name ? " autofocus" : "",
		 msg && status == 401 ? " aria-invalid=\"true\" aria-describedby=\"login-why\"" : "");
	web_page_end(req);
	return req->status = status;
}

int web_page_login(struct web_request *req)
{
	return login_form(req, 200, NULL);
}

/*
 * Check name's password, taking a turn to hash it, in the request's read
 * transaction; then make the session in a write transaction of its own
 * (BEGIN IMMEDIATE queues for the lock): the read's snapshot is stale when
 * another writer committed during the hashing, and SQLite refuses to turn
 * it into a write.  0, CANDOR_EINVALID, 1 (busy hashing) or another code.
 */
static int password_check(struct web_request *req, const char *name, struct candor_app_session *ses)
{
	struct candor_app app;
	int64_t id = 0;
	int rc;

	if (!web_throttle_hash_begin(&req->srv->throttle))
		return 1;
	web_app(req, &app);
	rc = candor_app_password_check(&app, name, web_form_get(&req->form, "password"), &id);
	web_throttle_hash_end(&req->srv->throttle);
	if (rc)
		return rc;
	candor_store_rollback(req->store);
	if ((rc = candor_store_begin(req->store)))
		return rc;
	return candor_app_session_open(&app, id, WEB_SESSION_SECONDS, ses);
}

int web_login(struct web_request *req)
{
	struct web_throttle *t = &req->srv->throttle;
	struct candor_app_session ses;
	const char *name = web_form_get(&req->form, "name");
	char token[2 * LOGIN_TOKEN_BYTES + 1], msg[160];
	int64_t wait;
	int rc;

	if (!login_token(req, token) || !candor_token_equal(token, web_form_get(&req->form, "csrf")))
		return login_form(req, 403, "The sign-in form is stale or not from this site: "
				  "please sign in again.");
	if ((wait = web_throttle_wait(t, name, req->client)) > 0) {
		req->retry_after = wait;
		snprintf(msg, sizeof(msg), "Too many failed sign-ins: try again in %" PRId64
			 " second%s.", wait, wait == 1 ? "" : "s");
		return login_form(req, 429, msg);
	}
	rc = password_check(req, name, &ses);
	if (rc == 1) {
		req->retry_after = 1;
		return login_form(req, 503, "The server is busy signing others in: please try again.");
	}
	if (rc == CANDOR_EINVALID) {
		web_throttle_failed(t, name, req->client);
		return login_form(req, 401, "That name and password do not match.");
	}
	if (rc)
		return web_fail(req, rc);
	web_throttle_passed(t, name);
	web_cookie_set(req, "candor_session", ses.token, WEB_SESSION_SECONDS);
	return *next_path(req) ? web_redirect(req, "%s", next_path(req)) : web_redirect(req, "/");
}

int web_logout(struct web_request *req)
{
	struct candor_app app;
	int rc;

	web_app(req, &app);
	if (*req->session && (rc = candor_app_session_end(&app, req->session)))
		return web_fail(req, rc);
	web_cookie_set(req, "candor_session", "", 0);
	return web_redirect(req, "/login");
}
