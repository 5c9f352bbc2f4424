/*
 * web/page.c: the frame of every page (head, header, the signed-in user),
 * and the stylesheet (signing in and out: signin.c).  Pages work without JavaScript:
 * every action is a link or a POST form carrying the CSRF token.
 */
#include "util/common.h"
#include <pthread.h>
#include "web/web.h"
#include "app/users.h"

const char web_css[] =
	":root{--fg:#1d2330;--muted:#5b6475;--line:#d8dde6;--bg:#f6f7f9;--card:#fff;"
	"--accent:#1f5fbf;--warn:#b3261e;--ok:#1e7b34}"
	"*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,sans-serif;color:var(--fg);"
	"background:var(--bg)}a{color:var(--accent)}"
	".skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px}"
	"header.top{display:flex;flex-wrap:wrap;gap:12px;align-items:center;justify-content:space-between;"
	"padding:10px 16px;background:#1d2330;color:#fff}header.top a{color:#fff;font-weight:600;"
	"text-decoration:none}header.top form{display:inline}main{padding:16px;max-width:1400px;margin:auto}"
	"h1{font-size:1.5rem;margin:.2em 0}h2{font-size:1.15rem;margin:1.2em 0 .4em}"
	".card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px;margin:8px 0}"
	".card>h1:first-child,.card>h2:first-child{margin-top:0}.narrow{max-width:26rem;margin:24px auto}"
	".board{display:grid;grid-template-columns:repeat(6,minmax(160px,1fr));gap:10px;overflow-x:auto}"
	".col{background:#eceff4;border-radius:8px;padding:8px;min-height:80px}.col h2{margin:0 0 6px;"
	"font-size:.95rem;letter-spacing:.05em}.buyer{display:block;background:#fff;border:1px solid var(--line);"
	"border-radius:6px;padding:8px;margin:6px 0;text-decoration:none;color:var(--fg)}"
	".buyer:focus,.buyer:hover{outline:3px solid var(--accent)}.stalled{border-left:4px solid var(--warn)}"
	".why{font-size:.85rem;color:var(--warn)}.muted{color:var(--muted);font-size:.9rem}"
	".strip{background:#fff4e5;border:1px solid #f0c27b;border-radius:8px;padding:8px 12px;margin-bottom:12px}"
	".grid2{display:grid;grid-template-columns:1fr 1fr;gap:12px}"
	"@media (max-width:900px){.board{grid-template-columns:1fr 1fr}.grid2{grid-template-columns:1fr}}"
	"@media (max-width:520px){.board{grid-template-columns:1fr}}"
	".gate{margin:4px 0}.open{color:var(--ok)}.shut{color:var(--warn)}"
	"table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--line);padding:4px 6px;"
	"text-align:left;vertical-align:top}form.inline{display:inline}"
	"label{display:block;margin:4px 0}input,select,textarea,button{font:inherit;max-width:100%}"
	"input[type=text],input[type=password],textarea,select{width:100%;padding:6px;border:1px solid #aab;"
	"border-radius:4px}button{padding:6px 12px;border-radius:4px;border:1px solid var(--accent);"
	"background:var(--accent);color:#fff;cursor:pointer}button.plain{background:#fff;color:var(--accent)}"
	":focus-visible{outline:3px solid #f5a623;outline-offset:2px}"
	"mark{background:#ffe58a;border-radius:3px;padding:0 2px}mark.stall{background:#ffc9c4}"
	"mark.candor,mark.disclosure{background:#c9f0d1}mark.pressure,mark.closing,"
	"mark.seller_centric{background:#f9c6f0}mark.question{background:#dbe7ff}"
	".utt{margin:6px 0}.utt .who{font-weight:600;margin-right:6px}.side-seller .who{color:var(--accent)}"
	"svg.chart{width:100%;height:auto;background:#fff;border:1px solid var(--line);border-radius:6px}"
	".legend span{margin-right:12px;font-size:.85rem}.k-trust{color:#1d2330}.k-c{color:#1f5fbf}"
	".k-r{color:#1e7b34}.k-i{color:#8a4baf}.k-s{color:#b3261e}"
	".known{color:var(--ok)}.missing{color:var(--warn)}.error{border-left:4px solid var(--warn);"
	"background:#fff;padding:8px 16px}details{margin:6px 0}";

int web_style(struct web_request *req)
{
	candor_buf_adds(&req->out, web_css);
	req->ctype = "text/css; charset=utf-8";
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
		 "<title>%s · Candor</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body>"
		 "<a class=\"skip\" href=\"#main\">Skip to content</a>"
		 "<header class=\"top\"><a href=\"/\">Candor · pipeline</a>", title);
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
