/*
 * web/page-help.c: /help, for the people who use the web page: what each
 * page shows, how trust and the gates work, how to record, correct and
 * upload (the formats, as the README's table), and importing contacts.
 * It needs no sign-in (the sign-in page links it) and shows no data.
 */
#include "util/common.h"
#include "web/web.h"

static const char *const formats[][2] = {
	{ "WebVTT from Teams or Zoom (.vtt)", "<v Dana Buyer>Our renewals team is drowning.</v>" },
	{ "Teams, from the Graph API", "cues like {\"speakerName\":\"Dana Buyer\",\"spokenText\":\"...\"}" },
	{ "Teams text, older", "0:0:4.330 --> 0:0:8.510, then Dana Buyer, then the text" },
	{ "Teams and Otter text", "Dana Buyer   0:09, then the text" },
	{ "SRT subtitles", "00:00:01,000 --> 00:00:03,500, then Sam Seller: Shall we start?" },
	{ "Google Meet transcript", "00:05:00 markers over Dana Buyer: text lines" },
	{ "Fathom", "0:07 - Dana Buyer (Acme), then the indented text" },
	{ "Zoom chat", "10:02:40 From Dana Buyer to Everyone: text" },
	{ "Google Meet chat, copied from the panel", "Dana Buyer, 10:04 AM, then the messages" },
	{ "Lines of talk", "Dana Buyer: text" },
};

static void formats_table(struct candor_buf *b)
{
	web_html(b, "<table class=\"stack\"><thead><tr><th scope=\"col\">What the file is</th>"
		 "<th scope=\"col\">A line of it</th></tr></thead><tbody>");
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(formats); i++)
		web_html(b, "<tr><td data-label=\"File\">%s</td><td data-label=\"A line\"><code>%s</code>"
			 "</td></tr>", formats[i][0], formats[i][1]);
	web_html(b, "</tbody></table>");
}

int web_page_help(struct web_request *req)
{
	struct candor_buf *b = &req->out;

	web_page_begin(req, "Help");
	web_html(b, "<h1>Help</h1><nav class=\"card\" aria-label=\"On this page\"><ul class=\"links\">"
		 "<li><a href=\"#pages\">The pages</a></li><li><a href=\"#trust\">Trust and the gates"
		 "</a></li><li><a href=\"#record\">Recording and correcting</a></li>"
		 "<li><a href=\"#formats\">Uploading a call</a></li>"
		 "<li><a href=\"#import\">Importing contacts</a></li></ul></nav>"
		 "<section class=\"card\" id=\"pages\"><h2>The pages</h2>"
		 "<p><strong>The board</strong> (<a href=\"/\">the pipeline</a>) shows your buyers in "
		 "columns by stage, the stalled ones first with the reason they are stuck, and the "
		 "promises that are overdue across the top.  Search, filter by seller or account, or "
		 "add an account and a buyer with the forms below it.</p>"
		 "<p><strong>The buyer page</strong> shows one buyer: the stage and each gate with "
		 "what holds it shut (each reason links to its evidence), trust over time, what you "
		 "know and what is missing, your promises and what you expect of them, the next step, "
		 "the timeline, and the forms to record more.</p>"
		 "<p><strong>The conversation page</strong> shows the words of an uploaded call with "
		 "what was found in them highlighted (stalls, candour, questions, promises), how much "
		 "each side talked, and what the call suggests recording: accept or dismiss each "
		 "suggestion.</p></section>");
	web_html(b, "<section class=\"card\" id=\"trust\"><h2>Trust and the gates</h2>"
		 "<p><strong>Trust</strong> is worked out from the evidence, never typed in: "
		 "credibility (you know what you are talking about), reliability (you do what you "
		 "promise, on time), intimacy (they tell you what really matters) and, against them, "
		 "self-orientation (talking about yourself, pushing).  Keeping a promise raises it; "
		 "breaking one lowers it more; old evidence counts less over time.</p>"
		 "<p><strong>The gates</strong> are the stages a buyer passes, each needing the ones "
		 "before: <em>Know</em> (you have talked both ways and know their basics), "
		 "<em>Like</em> (they engage back), <em>Trust</em> (real conversation, promises kept, "
		 "no open stall such as \"let me think about it\"), <em>Ready</em> (how they will "
		 "choose is known, fit explored together, concerns out in the open), then their "
		 "decision.  A stage is never moved by hand: record what happened and the gates "
		 "follow, each saying what is still missing.</p></section>");
	web_html(b, "<section class=\"card\" id=\"record\"><h2>Recording and correcting</h2>"
		 "<p>On a buyer's page, under <em>Record</em>: log a call, meeting, email or note "
		 "(with what they said, in their words, if you like); make a promise with its due "
		 "date; say what you expect of them and by when; record what you learned; value "
		 "given or received; how well you fit; and their decision.  On each open promise, "
		 "<em>Kept…</em> records the day you kept it (late is worked out from the due "
		 "date), <em>Broken…</em> asks for the day and what happened first, and that you tick "
		 "that it was broken, since it lowers your reliability, and <em>New date…</em> records a due date you agreed again.  "
		 "Each expectation can be marked met or missed.</p>"
		 "<p>If a form is refused, it comes back with what you typed and the reason beside "
		 "the field; nothing is recorded until it is accepted.  On a conversation page, "
		 "<em>Correct what was found</em> under each line fixes the analysis: \"not a "
		 "stall\" on something it got wrong, or add what it missed.  The buyer's trust is "
		 "worked out again at once.</p></section>");
	web_html(b, "<section class=\"card\" id=\"formats\"><h2>Uploading a call</h2>"
		 "<p>On a buyer's page, <em>Upload a transcript</em> takes the file your meeting "
		 "tool wrote.  Give your name as the file writes it (and any other names it uses "
		 "for you, such as \"Sam, Sam S.\"), so that Candor knows which side said what.  "
		 "The kind of file is told from what is in it, not its name.  A file that cannot "
		 "be read is refused with the line and what is wrong, and nothing of it is "
		 "stored.  These are read:</p>");
	formats_table(b);
	web_html(b, "</section><section class=\"card\" id=\"import\"><h2>Importing contacts</h2>"
		 "<p>Contacts from another tool (a CSV export or vCards) are imported, for now, "
		 "by whoever runs Candor, on the machine it runs on: ask them.  There the "
		 "command is <code>candor import contacts FILE</code>.</p></section>");
	web_page_end(req);
	return req->status = 200;
}
