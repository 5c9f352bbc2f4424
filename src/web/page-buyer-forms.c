/*
 * web/page-buyer-forms.c: the forms of the buyer page that record what
 * the CLI records (page-buyer.c draws the rest of the page): an
 * interaction and what was said in it, a promise, an expectation, a fact,
 * value given or received, a fit verdict, the buyer's decision, a
 * transcript; and on each open promise kept, broken (after a step that
 * says what it costs) or a new date, on each open expectation met or
 * missed.
 *
 * Fields are named in words, choices as a salesperson says them.  A form
 * the use case refused comes back (forms.c sets req->again to its name)
 * with what was typed and the message beside the field it is about
 * (aria-invalid, aria-describedby), or above the form when it names none
 * of its fields.
 */
#include "util/common.h"
#include "web/web.h"

struct choice { const char *value, *words; };

static const struct choice interaction_kinds[] = {
	{ "call", "A call" }, { "meeting", "A meeting" }, { "email", "An email" },
	{ "note", "A note" }, { "chat", "A chat" }, { NULL, NULL }
};
static const struct choice fact_kinds[] = {
	{ "bothering", "What is bothering them" }, { "tried", "What they have tried" },
	{ "worried", "What worries them" }, { "hoped", "What they hope for" },
	{ "objection", "An objection" }, { "criteria", "How they will choose" },
	{ "concern", "A concern" }, { "motivation", "Why they want it" }, { NULL, NULL }
};
static const struct choice confidences[] = {
	{ "high", "Sure (they said so)" }, { "medium", "Fairly sure" },
	{ "low", "A guess" }, { NULL, NULL }
};
static const struct choice directions[] = {
	{ "given", "You gave them something" }, { "received", "They gave you something" },
	{ NULL, NULL }
};
static const struct choice verdicts[] = {
	{ "good", "A good fit" }, { "partial", "A partial fit" }, { "poor", "A poor fit" },
	{ "refer", "Not for us: refer them elsewhere" }, { NULL, NULL }
};
static const struct choice decisions[] = {
	{ "bought", "They bought" }, { "chose_another", "They chose another supplier" },
	{ "decided_not_to_buy", "They decided not to buy" },
	{ "still_deciding", "They are still deciding" }, { NULL, NULL }
};
static const struct choice said_kinds[] = {
	{ "", "(nothing)" }, { "stall", "Put it off (\"let me think about it\")" },
	{ "candor", "Spoke frankly" }, { "disclosure", "Shared something private" },
	{ "toward", "A goal they move toward" }, { "away", "A problem they move away from" },
	{ "options", "Wants options" }, { "procedures", "Wants a clear procedure" },
	{ "objection", "An objection" }, { "question", "A question" }, { "price", "Price" },
	{ "competitor", "A competitor" }, { "next_step", "A next step" },
	{ "commitment", "A commitment" }, { "social", "Small talk" },
	{ "pressure", "You pushed (pressure)" }, { "closing", "You tried to close" },
	{ "seller_centric", "You talked about yourself" }, { NULL, NULL }
};

#define SAID_ROWS 3

/* Whether this form is the one that came back refused. */
static bool is_again(const struct web_request *req, const char *form)
{
	return *req->again && !strcmp(req->again, form);
}

/* What was typed into name when form came back, else def. */
static const char *typed(struct web_request *req, const char *form, const char *name,
			 const char *def)
{
	const char *v;

	if (!is_again(req, form))
		return def;
	v = web_form_get(&req->form, name);
	return v ? v : "";
}

static bool refused(const struct web_request *req, const char *form, const char *name)
{
	return is_again(req, form) && !strcmp(req->fail_field, name);
}

/*
 * The refusal's message, its field's code name said as the label ("'due'
 * is before" or "due: not a date" as "Due date ..."), ending in a full stop.
 */
static void message(struct web_request *req, const char *label)
{
	char quoted[80], prefix[80];
	const char *m = req->fail_msg, *at = NULL;
	size_t n = 0, len;
	struct candor_buf tmp = CANDOR_BUF_INIT;

	snprintf(quoted, sizeof(quoted), "'%s'", req->fail_field);
	snprintf(prefix, sizeof(prefix), "%s:", req->fail_field);
	if (label && *req->fail_field) {
		if (!strncmp(m, prefix, strlen(prefix)))
			at = m, n = strlen(prefix) - 1;
		else if ((at = strstr(m, quoted)))
			n = strlen(quoted);
	}
	if (at) {
		candor_buf_add(&tmp, m, (size_t)(at - m));
		candor_buf_adds(&tmp, label);
		candor_buf_adds(&tmp, at + n);
		m = tmp.ptr;
	}
	web_plain_message(&req->out, m);
	len = strlen(m);
	if (len && !strchr(".!?", m[len - 1]))
		candor_buf_addch(&req->out, '.');
	candor_buf_release(&tmp);
}

/* The attributes that tie a control to its refusal, if it has one (and bring it into view). */
static void invalid_attrs(struct web_request *req, const char *form, const char *name)
{
	if (refused(req, form, name))
		web_html(&req->out, " aria-invalid=\"true\" aria-describedby=\"e-%s-%s\" autofocus",
			 form, name);
}

static void refusal(struct web_request *req, const char *form, const char *name,
		    const char *label)
{
	if (!refused(req, form, name))
		return;
	web_html(&req->out, "<p class=\"why\" id=\"e-%s-%s\" role=\"alert\">", form, name);
	message(req, label);
	web_html(&req->out, " Nothing was recorded.</p>");
}

/*
 * Open a form posting to action; names lists its fields (NULL-terminated):
 * a refusal about none of them is said above the form.
 */
static void form_begin(struct web_request *req, const char *form, const char *action,
		       const char *const *names, bool multipart)
{
	bool mine = false;

	for (const char *const *n = names; *n; n++)
		mine |= refused(req, form, *n);
	web_html(&req->out, "<form method=\"post\" action=\"%s\"%R>", action,
		 multipart ? " enctype=\"multipart/form-data\"" : "");
	if (is_again(req, form) && !mine) {
		web_html(&req->out, "<p class=\"why\" role=\"alert\">");
		message(req, NULL);
		web_html(&req->out, " Nothing was recorded.</p>");
	}
	web_csrf_field(req);
}

/* A text or date input with its label, its refusal and its list of suggestions (or NULL). */
static void input_list(struct web_request *req, const char *form, const char *name,
		       const char *label, const char *type, const char *def, bool required,
		       const char *list)
{
	web_html(&req->out, "<div class=\"field\"><label for=\"f-%s-%s\">%s</label>"
		 "<input type=\"%s\" id=\"f-%s-%s\" name=\"%s\" value=\"%s\"%R", form, name, label,
		 type, form, name, name, typed(req, form, name, def), required ? " required" : "");
	if (list)
		web_html(&req->out, " list=\"%s\"", list);
	invalid_attrs(req, form, name);
	web_html(&req->out, ">");
	refusal(req, form, name, label);
	web_html(&req->out, "</div>");
}

static void input(struct web_request *req, const char *form, const char *name,
		  const char *label, const char *type, const char *def, bool required)
{
	input_list(req, form, name, label, type, def, required, NULL);
}

static void textarea(struct web_request *req, const char *form, const char *name,
		     const char *label, bool required)
{
	web_html(&req->out, "<div class=\"field\"><label for=\"f-%s-%s\">%s</label>"
		 "<textarea id=\"f-%s-%s\" name=\"%s\" rows=\"3\"%R", form, name, label, form, name,
		 name, required ? " required" : "");
	invalid_attrs(req, form, name);
	web_html(&req->out, ">%s</textarea>", typed(req, form, name, ""));
	refusal(req, form, name, label);
	web_html(&req->out, "</div>");
}

static void pick(struct web_request *req, const char *form, const char *name,
		    const char *label, const struct choice *c, const char *def)
{
	const char *v = typed(req, form, name, def);

	web_html(&req->out, "<div class=\"field\"><label for=\"f-%s-%s\">%s</label>"
		 "<select id=\"f-%s-%s\" name=\"%s\"", form, name, label, form, name, name);
	invalid_attrs(req, form, name);
	web_html(&req->out, ">");
	for (; c->value; c++)
		web_html(&req->out, "<option value=\"%s\"%R>%s</option>", c->value,
			 !strcmp(v, c->value) ? " selected" : "", c->words);
	web_html(&req->out, "</select>");
	refusal(req, form, name, label);
	web_html(&req->out, "</div>");
}

/* The day of req->now, for a date field's default. */
static void today(const struct web_request *req, char out[CANDOR_DATE_MAX])
{
	candor_date_format(out, CANDOR_DATE_MAX, req->now - req->now % 86400);
}

static void log_form(struct web_request *req, int64_t id)
{
	static const char *const names[] = { "kind", "inbound", "text", "at", "said", NULL };
	char action[64];
	const char *in;

	snprintf(action, sizeof(action), "/buyers/%" PRId64 "/log", id);
	web_html(&req->out, "<section class=\"card\" aria-labelledby=\"h-f-log\">"
		 "<h2 id=\"h-f-log\">Log an interaction</h2>");
	form_begin(req, "log", action, names, false);
	pick(req, "log", "kind", "What it was", interaction_kinds, "call");
	in = typed(req, "log", "inbound", "");
	web_html(&req->out, "<div class=\"field check\"><input type=\"checkbox\" id=\"f-log-inbound\" "
		 "name=\"inbound\"%R><label for=\"f-log-inbound\">They reached out to you</label></div>",
		 *in ? " checked" : "");
	textarea(req, "log", "text", "What happened", true);
	input(req, "log", "at", "Date (today when empty)", "date", "", false);
	web_html(&req->out, "<fieldset><legend>What they said, in their words (optional)</legend>");
	if (refused(req, "log", "said")) {
		web_html(&req->out, "<p class=\"why\" id=\"e-log-said\" role=\"alert\">");
		message(req, "What they said");
		web_html(&req->out, " Nothing was recorded.</p>");
	}
	for (int i = 1; i <= SAID_ROWS; i++) {
		char kind[24], words[24], kl[40], wl[40];

		snprintf(kind, sizeof(kind), "said_kind_%d", i);
		snprintf(words, sizeof(words), "said_words_%d", i);
		snprintf(kl, sizeof(kl), "What it was (%d)", i);
		snprintf(wl, sizeof(wl), "Their words (%d)", i);
		web_html(&req->out, "<div class=\"said\">");
		pick(req, "log", kind, kl, said_kinds, "");
		input(req, "log", words, wl, "text", "", false);
		web_html(&req->out, "</div>");
	}
	web_html(&req->out, "</fieldset><button>Log it</button></form></section>");
}

/* A form of a text, a date it is due and when it was made (promise, expectation). */
static void dated_form(struct web_request *req, int64_t id, const char *form, const char *title,
		       const char *what, const char *due, const char *due_label, const char *button)
{
	const char *const names[] = { "text", due, "at", NULL };
	char action[64];

	snprintf(action, sizeof(action), "/buyers/%" PRId64 "/%s", id, form);
	web_html(&req->out, "<section class=\"card\" aria-labelledby=\"h-f-%s\">"
		 "<h2 id=\"h-f-%s\">%s</h2>", form, form, title);
	form_begin(req, form, action, names, false);
	input(req, form, "text", what, "text", "", true);
	input(req, form, due, due_label, "date", "", true);
	web_html(&req->out, "<button>%s</button></form></section>", button);
}

static void fact_form(struct web_request *req, int64_t id)
{
	static const char *const names[] = { "kind", "text", "source", "confidence", "at", NULL };
	char action[64];

	snprintf(action, sizeof(action), "/buyers/%" PRId64 "/fact", id);
	web_html(&req->out, "<section class=\"card\" aria-labelledby=\"h-f-fact\">"
		 "<h2 id=\"h-f-fact\">Record what you learned</h2>");
	form_begin(req, "fact", action, names, false);
	pick(req, "fact", "kind", "What you learned", fact_kinds, "bothering");
	input(req, "fact", "text", "In their words", "text", "", true);
	input(req, "fact", "source", "Where from (a call, an email; optional)", "text", "", false);
	pick(req, "fact", "confidence", "How sure you are", confidences, "medium");
	web_html(&req->out, "<button>Record it</button></form></section>");
}

/* Value, fit or decision: a choice, a text and a date (what was recorded so far is in the
 * buyer page's "Decisions, value and fit" card). */
static void judged_form(struct web_request *req, int64_t id, const char *form, const char *title,
			const char *field, const char *label, const struct choice *c,
			const char *text, const char *text_label, bool required, const char *button,
			const struct candor_evidence *ev)
{
	const char *const names[] = { field, text, "at", NULL };
	char action[64];

	snprintf(action, sizeof(action), "/buyers/%" PRId64 "/%s", id, form);
	web_html(&req->out, "<section class=\"card\" aria-labelledby=\"h-f-%s\">"
		 "<h2 id=\"h-f-%s\">%s</h2>", form, form, title);
	form_begin(req, form, action, names, false);
	pick(req, form, field, label, c, c->value);
	input(req, form, text, text_label, "text", "", required);
	input(req, form, "at", "Date (today when empty)", "date", "", false);
	web_html(&req->out, "<button>%s</button></form>", button);
	web_html(&req->out, "</section>");
}

/* Who the seller is in an uploaded file, before anyone has typed it. */
static const char *default_seller(const struct web_request *req)
{
	if (!req->user.local)
		return req->user.name;
	return req->srv->seller ? req->srv->seller : "";
}

/*
 * The names the seller had in this buyer's imported calls, newest first,
 * as a <datalist> for the seller field (which stays free text) when write;
 * returns how many there are.
 */
static size_t seller_names(struct web_request *req, const struct candor_evidence *ev, bool write)
{
	size_t shown = 0;

	for (size_t i = ev->ninteractions; i-- > 0 && shown < 8;) {
		const struct candor_interaction *it = &ev->interactions[i];
		bool seen = false;

		if (!*it->source || !*it->seller)
			continue;
		for (size_t k = i + 1; k < ev->ninteractions && !seen; k++)
			seen = *ev->interactions[k].source &&
			       !strcmp(ev->interactions[k].seller, it->seller);
		if (seen)
			continue;
		if (write)
			web_html(&req->out, "%R<option value=\"%s\">", shown ? "" :
				 "<datalist id=\"f-upload-sellers\">", it->seller);
		shown++;
	}
	if (shown && write)
		web_html(&req->out, "</datalist>");
	return shown;
}

static void upload_form(struct web_request *req, int64_t id, const struct candor_evidence *ev)
{
	static const char *const names[] = { "file", "seller", "aliases", "at", NULL };
	char action[64];

	snprintf(action, sizeof(action), "/buyers/%" PRId64 "/upload", id);
	web_html(&req->out, "<section class=\"card\" aria-labelledby=\"h-f-upload\">"
		 "<h2 id=\"h-f-upload\">Upload a transcript</h2>");
	form_begin(req, "upload", action, names, true);
	web_html(&req->out, "<div class=\"field\"><label for=\"f-upload-file\">The file (a transcript "
		 "or a meeting chat: <a href=\"/help#formats\">which files</a>)</label>"
		 "<input type=\"file\" id=\"f-upload-file\" name=\"file\" required");
	invalid_attrs(req, "upload", "file");
	web_html(&req->out, ">");
	refusal(req, "upload", "file", "The file");
	if (is_again(req, "upload") && req->fail_duplicate > 0)
		web_html(&req->out, "<p><a href=\"/interactions/%D\">See the call it became</a></p>"
			 "<label class=\"check\"><input type=\"checkbox\" name=\"again\" value=\"1\"> "
			 "Import it again anyway (a second call from the same file)</label>",
			 req->fail_duplicate);
	if (is_again(req, "upload"))
		web_html(&req->out, "<p class=\"muted\">Choose the file again: a browser does not keep "
			 "it.</p>");
	web_html(&req->out, "</div>");
	input_list(req, "upload", "seller", "Your name as the file writes it", "text",
		   default_seller(req), true,
		   seller_names(req, ev, false) ? "f-upload-sellers" : NULL);
	seller_names(req, ev, true);
	input(req, "upload", "aliases", "Other names the file gives you (e.g. Sam, Sam S.; "
	      "optional)", "text", "", false);
	input(req, "upload", "at", "Date of the call (today when empty)", "date", "", false);
	web_html(&req->out, "<button>Upload</button></form></section>");
}

void web_buyer_forms(struct web_request *req, const struct candor_contact *c,
		     const struct candor_evidence *ev)
{
	int64_t id = c->id;

	web_html(&req->out, "<h2 id=\"record\">Record</h2><div class=\"grid2\">");
	log_form(req, id);
	dated_form(req, id, "promise", "Make a promise", "What you will do", "due", "Due date",
		   "Promise it");
	dated_form(req, id, "expect", "Expect something of them", "What they will do", "by",
		   "By when", "Expect it");
	fact_form(req, id);
	judged_form(req, id, "value", "Value given or received", "direction", "Which way",
		    directions, "text", "What it was", true, "Record it", ev);
	judged_form(req, id, "fit", "How well you fit", "verdict", "Your verdict", verdicts,
		    "text", "Why", true, "Record it", ev);
	judged_form(req, id, "decision", "Their decision", "decision", "What they decided",
		    decisions, "note", "A note (optional)", false, "Record it", ev);
	upload_form(req, id, ev);
	web_html(&req->out, "</div>");
}

/* One step on a record: a <details> opening a form (open when it came back refused). */
static void step_begin(struct web_request *req, const char *form, const char *summary,
		       const char *action, const char *const *names)
{
	web_html(&req->out, "<details class=\"step\"%R><summary>%s</summary>",
		 is_again(req, form) ? " open" : "", summary);
	form_begin(req, form, action, names, false);
}

void web_promise_forms(struct web_request *req, const struct candor_commitment *c)
{
	static const char *const kept_names[] = { "at", NULL };
	static const char *const broken_names[] = { "at", "note", "confirm", NULL };
	static const char *const new_names[] = { "due", "at", "note", NULL };
	char form[48], action[64], day[CANDOR_DATE_MAX];

	today(req, day);
	web_html(&req->out, "<div class=\"steps\">");
	snprintf(form, sizeof(form), "kept-%" PRId64, c->id);
	snprintf(action, sizeof(action), "/commitments/%" PRId64 "/kept", c->id);
	step_begin(req, form, "Kept…", action, kept_names);
	input(req, form, "at", "Kept on", "date", day, true);
	web_html(&req->out, "<p class=\"muted\">After the due date it counts as kept late.</p>"
		 "<button>Record as kept</button></form></details>");

	snprintf(form, sizeof(form), "broken-%" PRId64, c->id);
	snprintf(action, sizeof(action), "/commitments/%" PRId64 "/broken", c->id);
	step_begin(req, form, "Broken…", action, broken_names);
	web_html(&req->out, "<p class=\"warn\">Recording this promise as broken lowers your "
		 "reliability with this buyer, and so their trust.</p>");
	input(req, form, "at", "Broken on", "date", day, true);
	input(req, form, "note", "What happened", "text", "", true);
	web_html(&req->out, "<div class=\"field check\"><input type=\"checkbox\" id=\"f-%s-confirm\" "
		 "name=\"confirm\" value=\"yes\" required", form);
	invalid_attrs(req, form, "confirm");
	web_html(&req->out, "><label for=\"f-%s-confirm\">Yes, it was broken</label></div>", form);
	refusal(req, form, "confirm", "Yes, it was broken");
	web_html(&req->out, "<button>Record as broken</button></form></details>");

	snprintf(form, sizeof(form), "renegotiate-%" PRId64, c->id);
	snprintf(action, sizeof(action), "/commitments/%" PRId64 "/renegotiate", c->id);
	step_begin(req, form, "New date…", action, new_names);
	input(req, form, "due", "New due date", "date", "", true);
	input(req, form, "note", "Why (what you agreed)", "text", "", false);
	web_html(&req->out, "<button>Agree the new date</button></form></details></div>");
}

void web_expectation_forms(struct web_request *req, const struct candor_expectation *e)
{
	static const char *const names[] = { "at", NULL };
	static const struct { const char *what, *summary, *label, *button; } k[] = {
		{ "met", "Met…", "Met on", "They did it" },
		{ "missed", "Missed…", "Missed on", "They did not" },
	};
	char form[48], action[64], day[CANDOR_DATE_MAX];

	today(req, day);
	web_html(&req->out, "<div class=\"steps\">");
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(k); i++) {
		snprintf(form, sizeof(form), "%s-%" PRId64, k[i].what, e->id);
		snprintf(action, sizeof(action), "/expectations/%" PRId64 "/%s", e->id, k[i].what);
		step_begin(req, form, k[i].summary, action, names);
		input(req, form, "at", k[i].label, "date", day, true);
		web_html(&req->out, "<button>%s</button></form></details>", k[i].button);
	}
	web_html(&req->out, "</div>");
}
