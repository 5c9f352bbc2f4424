/*
 * web/page-admin.c: /admin/users, where an admin takes access away: each
 * user with their role and sessions, forms to change a role, end their
 * sessions or remove them, and every API token with a form to revoke it.
 * The rules (the last admin stays, nobody removes themselves) live in
 * app/users.c, as for `candor user` and `candor token`.  To anyone but a
 * signed-in admin these routes answer as a page that does not exist.
 */
#include "util/common.h"
#include "web/web.h"
#include "app/access.h"
#include "app/users.h"

/* 0 for an admin; else the 404 of a missing page, word for word. */
static int admin_only(struct web_request *req)
{
	if (req->signed_in && !req->user.local && req->user.role == CANDOR_ROLE_ADMIN)
		return 0;
	return web_error(req, 404, NULL, "no such page: '%s'", req->path);
}

static void role_form(struct web_request *req, const struct candor_user *u)
{
	struct candor_buf *b = &req->out;

	web_html(b, "<form class=\"inline\" method=\"post\" action=\"/admin/users/%D/role\">", u->id);
	web_csrf_field(req);
	web_html(b, "<label class=\"inline\">Role <select name=\"role\">");
	for (const struct candor_name *r = candor_roles; r->name; r++)
		web_html(b, "<option%R>%s</option>", r->value == u->role ? " selected" : "", r->name);
	web_html(b, "</select></label> <button class=\"plain\">Change role</button></form>");
}

static void user_row(struct web_request *req, const struct candor_user *u, size_t sessions)
{
	struct candor_buf *b = &req->out;

	web_html(b, "<tr id=\"user-%D\"><td>%s</td><td>%s</td><td>%d</td><td>", u->id, u->name,
		 candor_name_of(candor_roles, u->role), (int)sessions);
	role_form(req, u);
	web_html(b, " <form class=\"inline\" method=\"post\" action=\"/admin/users/%D/sessions/end\">",
		 u->id);
	web_csrf_field(req);
	web_html(b, "<button class=\"plain\">End sessions</button></form>"
		 " <form class=\"inline\" method=\"post\" action=\"/admin/users/%D/remove\">", u->id);
	web_csrf_field(req);
	web_html(b, "<button>Remove</button></form></td></tr>");
}

static int users_table(struct web_request *req, struct candor_app *app)
{
	struct candor_user_list l = { 0 };
	struct candor_secret *s = NULL;
	size_t ns = 0;
	int rc;

	if ((rc = candor_store_users(app->store, 0, NULL, &l)) ||
	    (rc = candor_store_secrets(app->store, CANDOR_SECRET_SESSION, 0, &s, &ns)))
		goto cleanup;
	web_html(&req->out, "<section class=\"card\"><h2>Users</h2><table><thead><tr><th>Name</th>"
		 "<th>Role</th><th>Sessions</th><th>Change</th></tr></thead><tbody>");
	for (size_t i = 0; i < l.n; i++) {
		size_t k = 0;

		for (size_t j = 0; j < ns; j++)
			k += s[j].user_id == l.v[i].id && (!s[j].expires || s[j].expires >= req->now);
		user_row(req, &l.v[i], k);
	}
	web_html(&req->out, "</tbody></table><p class=\"muted\">A new role holds from the user's "
		 "next request.  Removing a user ends their sessions and tokens; the accounts "
		 "they own keep their name as owner.</p></section>");
cleanup:
	if (s)
		memset(s, 0, ns * sizeof(*s));
	free(s);
	candor_user_list_release(&l);
	return rc;
}

static int tokens_table(struct web_request *req, struct candor_app *app)
{
	struct candor_buf *b = &req->out;
	struct candor_app_token *t = NULL;
	size_t n = 0;
	int rc = candor_app_tokens(app, NULL, &t, &n);

	if (rc)
		return rc;
	web_html(b, "<section class=\"card\"><h2>API tokens</h2>");
	if (!n)
		web_html(b, "<p class=\"muted\">No API tokens ('candor user token NAME' makes one).</p>");
	else
		web_html(b, "<table><thead><tr><th>Id</th><th>User</th><th>Made</th><th>Expires</th>"
			 "<th>Ends in</th><th></th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		web_html(b, "<tr id=\"token-%D\"><td>%D</td><td>%s</td><td>%T</td><td>", t[i].id,
			 t[i].id, t[i].user, t[i].created);
		if (t[i].expires)
			web_html(b, "%T", t[i].expires);
		else
			web_html(b, "never");
		web_html(b, "</td><td>…%s</td><td><form class=\"inline\" method=\"post\" "
			 "action=\"/admin/tokens/%D/revoke\">", t[i].tail, t[i].id);
		web_csrf_field(req);
		web_html(b, "<button>Revoke</button></form></td></tr>");
	}
	if (n)
		web_html(b, "</tbody></table>");
	web_html(b, "</section>");
	free(t);
	return 0;
}

int web_page_admin_users(struct web_request *req)
{
	struct candor_app app;
	int rc;

	if ((rc = admin_only(req)))
		return rc;
	web_app(req, &app);
	web_page_begin(req, "Users");
	web_html(&req->out, "<h1>Users and access</h1>");
	if ((rc = users_table(req, &app)) || (rc = tokens_table(req, &app))) {
		candor_buf_reset(&req->out);
		return web_fail(req, rc);
	}
	web_page_end(req);
	return req->status = 200;
}

/* The user of the path's id, for a form; a 404 when there is none. */
static int path_user(struct web_request *req, struct candor_user *u)
{
	int rc = candor_store_user_find(req->store, req->ids[0], NULL, u);

	return rc ? web_fail(req, rc) : 0;
}

/* Run one change to user {id} as the admin signed in; back to the page. */
static int user_change(struct web_request *req, int what)
{
	struct candor_app_actor who = { req->user.name, req->user.role };
	struct candor_user u = { 0 };
	struct candor_app app;
	const char *role = web_arg(req, "role");
	int64_t n;
	int rc;

	if ((rc = admin_only(req)) || (rc = path_user(req, &u)))
		return rc;
	web_app(req, &app);
	app.who = &who;
	if (what == 'r')
		rc = candor_app_user_role(&app, u.name, !role || !*role ? -1
					  : candor_name_lookup(candor_roles, role) < 0 ? -2
					  : candor_name_lookup(candor_roles, role));
	else if (what == 'e')
		rc = candor_app_sessions_end(&app, u.name, &n);
	else
		rc = candor_app_user_remove(&app, u.name, &n);
	candor_user_release(&u);
	return rc ? web_fail(req, rc) : web_redirect(req, "/admin/users");
}

int web_form_user_role(struct web_request *req)
{
	return user_change(req, 'r');
}

int web_form_user_sessions_end(struct web_request *req)
{
	return user_change(req, 'e');
}

int web_form_user_remove(struct web_request *req)
{
	return user_change(req, 'x');
}

int web_form_token_revoke(struct web_request *req)
{
	struct candor_app app;
	int rc;

	if ((rc = admin_only(req)))
		return rc;
	web_app(req, &app);
	rc = candor_app_token_revoke(&app, req->ids[0]);
	return rc ? web_fail(req, rc) : web_redirect(req, "/admin/users");
}
