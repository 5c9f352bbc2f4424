/*
 * web/page.c: the frame of every page (head, header, the signed-in user),
 * the stylesheet and the icon (signing in and out: signin.c; error pages:
 * web_error() in server.c).  Pages work without JavaScript: every action
 * is a link or a POST form carrying the CSRF token.
 */
#include "util/common.h"
#include <pthread.h>
#include "web/web.h"
#include "app/users.h"


int web_style(struct web_request *req)
{
	candor_buf_adds(&req->out, web_css);
	req->ctype = "text/css; charset=utf-8";
	return req->status = 200;
}

int web_icon(struct web_request *req)
{
	candor_buf_adds(&req->out, web_icon_svg);
	req->ctype = "image/svg+xml";
	return req->status = 200;
}

void web_csrf_field(struct web_request *req)
{
	web_html(&req->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", req->csrf);
}

void web_page_begin(struct web_request *req, const char *title)
{
	struct candor_buf *b = &req->out;

	web_html(b, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		 "<title>%s · Candor</title><link rel=\"stylesheet\" href=\"/style.css\">"
		 "<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\"></head><body>"
		 "<a class=\"skip\" href=\"#main\">Skip to content</a>"
		 "<header class=\"top\"><a href=\"/\">Candor · pipeline</a>"
		 "<a href=\"/help\">Help</a>", title);
	if (req->signed_in)
		web_html(b, "<a href=\"/calendar\">Calendar</a>");
	if (req->signed_in && !req->user.local) {
		web_html(b, "<span>%s (%s) ", req->user.name,
			 candor_name_of(candor_roles, req->user.role));
		if (req->user.role == CANDOR_ROLE_ADMIN)
			web_html(b, "<a href=\"/admin/users\">Users</a> ");
		web_html(b, "<form class=\"inline\" method=\"post\" action=\"/logout\">");
		web_csrf_field(req);
		web_html(b, "<button class=\"plain\">Sign out</button></form></span>");
	} else if (req->signed_in) {
		web_html(b, "<span>%s · local</span>", req->user.name);
	}
	web_html(b, "</header><main id=\"main\">");
	req->ctype = "text/html; charset=utf-8";
}

void web_page_end(struct web_request *req)
{
	web_html(&req->out, "</main></body></html>\n");
}
