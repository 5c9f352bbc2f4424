/*
 * web/page-buyer-forms.c: the forms of the buyer page that add evidence
 * about the buyer (page-buyer.c draws the rest of the page).
 */
#include "util/common.h"
#include "web/web.h"

void web_buyer_forms(struct web_request *req, const struct candor_contact *c)
{
	struct candor_buf *b = &req->out;
	int64_t id = c->id;

	web_html(b, "<div class=\"grid2\"><section class=\"card\"><h2>Log an interaction</h2>"
		 "<form method=\"post\" action=\"/buyers/%D/log\">", id);
	web_csrf_field(req);
	web_html(b, "<label>Kind <select name=\"kind\"><option>call</option><option>meeting</option>"
		 "<option>email</option><option>note</option></select></label>"
		 "<label><input type=\"checkbox\" name=\"inbound\"> the buyer reached out</label>"
		 "<label>What happened <textarea name=\"text\" required></textarea></label>"
		 "<label>When (ISO date, default now) <input type=\"text\" name=\"at\"></label>"
		 "<button>Log it</button></form></section>"
		 "<section class=\"card\"><h2>Make a promise</h2><form method=\"post\" "
		 "action=\"/buyers/%D/promise\">", id);
	web_csrf_field(req);
	web_html(b, "<label>What you will do <input type=\"text\" name=\"text\" required></label>"
		 "<label>Due (YYYY-MM-DD) <input type=\"text\" name=\"due\" required></label>"
		 "<button>Promise</button></form></section>"
		 "<section class=\"card\"><h2>Record what you learned</h2><form method=\"post\" "
		 "action=\"/buyers/%D/fact\">", id);
	web_csrf_field(req);
	web_html(b, "<label>Kind <select name=\"kind\">");
	for (int k = 0; k < CANDOR_FACT_KINDS; k++)
		web_html(b, "<option>%s</option>", candor_name_of(candor_fact_kinds, k));
	web_html(b, "</select></label><label>What <input type=\"text\" name=\"text\" required></label>"
		 "<label>Source <input type=\"text\" name=\"source\"></label>"
		 "<button>Record</button></form></section>"
		 "<section class=\"card\"><h2>Upload a transcript</h2><form method=\"post\" "
		 "action=\"/buyers/%D/upload\" enctype=\"multipart/form-data\">", id);
	web_csrf_field(req);
	web_html(b, "<label>File (a transcript or a meeting chat) <input type=\"file\" name=\"file\" required>"
		 "</label><label>Your name in the file <input type=\"text\" name=\"seller\" "
		 "value=\"%s\"></label><label>Date of the call <input type=\"text\" name=\"at\"></label>"
		 "<button>Upload</button></form></section></div>", req->user.name);
}
