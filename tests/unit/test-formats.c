/*
 * test-formats.c: the transcript readers (src/formats/).
 *
 * Each format is read from a small realistic file in tests/data/transcripts/
 * (or from a string here, for the WebVTT parsing rules), checking cue
 * counts, ids, timings, speakers, merged utterances and, for bad input, the
 * error code and the line the message names.
 */
#include "util/common.h"
#include <setjmp.h>
#include <cmocka.h>

#include "util/error.h"
#include "formats/transcript.h"
#include "formats/transcript_json.h"

#define DATA(name) CANDOR_TEST_DATA "/" name

static void read_file(struct candor_transcript *t, const char *name)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	int rc = candor_transcript_read_file(t, name, &err);

	if (rc)
		print_error("%s\n", err.msg);
	assert_int_equal(rc, 0);
}

static void read_str(struct candor_transcript *t, const char *s)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	int rc = candor_transcript_read(t, s, strlen(s), "test", &err);

	if (rc)
		print_error("%s\n", err.msg);
	assert_int_equal(rc, 0);
}

/* Reading must fail with code, and the message must contain want. */
static void read_fails(const char *data, size_t len, int code, const char *want)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;

	assert_int_equal(candor_transcript_read(&t, data, len, "bad", &err), code);
	if (!strstr(err.msg, want))
		print_error("message '%s' lacks '%s'\n", err.msg, want);
	assert_non_null(strstr(err.msg, want));
	assert_int_equal(t.ncues, 0);
	assert_null(t.cues);
}

static void file_fails(const char *path, int code, const char *want)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;

	assert_int_equal(candor_transcript_read_file(&t, path, &err), code);
	if (!strstr(err.msg, want))
		print_error("message '%s' lacks '%s'\n", err.msg, want);
	assert_non_null(strstr(err.msg, want));
	assert_null(t.cues);
}

static void assert_time(double got, double want)
{
	if (got < want - 1e-9 || got > want + 1e-9)
		fail_msg("time %.6f, expected %.6f", got, want);
}

/* --- WebVTT parsing rules ------------------------------------------------ */

static void test_vtt_signature_bom_crlf(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_str(&t, "\xEF\xBB\xBFWEBVTT - a title\r\nKind: captions\r\n\r\n"
		     "intro\r\n00:01.500 --> 01:00:02.250 align:start  line:0 \r\n"
		     "Hello\r\nthere\r\n");
	assert_int_equal(t.format, CANDOR_FORMAT_VTT);
	assert_int_equal(t.ncues, 1);
	assert_string_equal(t.cues[0].id, "intro");
	assert_time(t.cues[0].start, 1.5);
	assert_time(t.cues[0].end, 3602.25);
	assert_string_equal(t.cues[0].settings, "align:start  line:0");
	assert_string_equal(t.cues[0].text, "Hello\nthere");
	assert_string_equal(t.cues[0].plain, "Hello there");
	assert_int_equal(t.cues[0].line, 5);
	candor_transcript_release(&t);
}

static void test_vtt_blocks_and_bad_timings(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_str(&t, "WEBVTT\n\nSTYLE\n::cue { color: red }\n\n"
		     "NOTE a comment\nspanning lines\n\n"
		     "00:00:01.000 --> 00:00:02.000\none\n\n"
		     "bad\n00:00:03.000 --> 00:00:60.000\nskipped\n\n"
		     "00:00:04.0 --> 00:00:05.000\nskipped too\n\n"
		     "00:00:06.000 --> 00:00:07.000\ntwo <b>bold</b>\n"
		     "00:00:08.000 --> 00:00:09.000\nthree, no blank line before\n"
		     "\n00:00:10.000 -->");
	assert_int_equal(t.ncues, 3);
	assert_string_equal(t.cues[0].text, "one");
	assert_string_equal(t.cues[1].text, "two <b>bold</b>");
	assert_string_equal(t.cues[1].plain, "two bold");
	assert_string_equal(t.cues[2].text, "three, no blank line before");
	assert_int_equal(t.nskipped, 3);
	assert_int_equal(t.skipped_line, 13);
	candor_transcript_release(&t);
}

static void test_vtt_cr_only_and_no_cues(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_str(&t, "WEBVTT\r\r00:00.000 --> 00:01.000\rcr text\r");
	assert_int_equal(t.ncues, 1);
	assert_string_equal(t.cues[0].text, "cr text");
	assert_int_equal(t.cues[0].line, 3);
	candor_transcript_release(&t);

	read_str(&t, "WEBVTT");
	assert_int_equal(t.format, CANDOR_FORMAT_VTT);
	assert_int_equal(t.ncues, 0);
	assert_int_equal(t.nutts, 0);
	candor_transcript_release(&t);
}

static void test_vtt_entities_and_voice(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_str(&t, "WEBVTT\n\n00:00.000 --> 00:01.000\n"
		     "<v.loud Esm\xC3\xA9 Ortiz>caf&#233; &lt;3 &#x1F600; &bogus; a&b<00:00.500> x</v>\n");
	assert_string_equal(t.cues[0].speaker, "Esm\xC3\xA9 Ortiz");
	assert_string_equal(t.cues[0].plain, "caf\xC3\xA9 <3 \xF0\x9F\x98\x80 &bogus; a&b x");
	candor_transcript_release(&t);
}

/* --- the sample files ---------------------------------------------------- */

static void test_teams(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("teams-discovery.vtt"));
	assert_int_equal(t.format, CANDOR_FORMAT_VTT);
	assert_int_equal(t.ncues, 7);
	assert_string_equal(t.cues[0].id, "9f1c2a77-3b0e-4c51-9d2e-6a1f0c4b7e21/11-0");
	assert_string_equal(t.cues[0].text, "<v Sam Seller>Thanks for making the time, Dana.\n"
			    "Before I say anything about us,</v>");
	assert_int_equal(t.cues[0].line, 6);
	assert_int_equal(t.nspeakers, 3);
	assert_string_equal(t.speakers[0], "Sam Seller");
	assert_string_equal(t.speakers[1], "Dana Buyer (Acme)");
	assert_string_equal(t.speakers[2], "Priya Patel (Acme)");
	/* cues 11-0 and 11-1 are one utterance; the overlap stays in file order */
	assert_int_equal(t.nutts, 6);
	assert_string_equal(t.utts[0].text, "Thanks for making the time, Dana. Before I say "
			    "anything about us, what made you take this call?");
	assert_time(t.utts[0].start, 1.25);
	assert_time(t.utts[0].end, 8.12);
	assert_string_equal(t.utts[1].text, "Honestly? Our renewals team is drowning & we "
			    "keep missing the signals.");
	assert_string_equal(t.utts[2].speaker, "Priya Patel (Acme)");
	assert_true(t.utts[2].start < t.utts[1].end);
	assert_string_equal(t.utts[3].speaker, "Dana Buyer (Acme)");
	assert_string_equal(t.utts[5].text, "That's useful. What would good look like by June?");
	assert_int_equal(t.utts[5].index, 5);
	candor_transcript_release(&t);
}

static void test_zoom_vtt(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("zoom-pricing.vtt"));
	assert_int_equal(t.ncues, 4);
	assert_string_equal(t.cues[1].id, "2");
	assert_string_equal(t.cues[1].speaker, "Lee Wong");
	assert_string_equal(t.cues[1].plain, "Yes, that works.");
	assert_int_equal(t.nutts, 3);
	assert_string_equal(t.utts[1].text, "Yes, that works. Send me some information "
			    "and we'll think about it.");
	assert_time(t.utts[1].start, 3.6);
	assert_time(t.utts[1].end, 9.95);
	assert_int_equal(t.utts[1].line, 8);
	candor_transcript_release(&t);
}

static void test_srt_quirks(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("quirks.srt"));
	assert_int_equal(t.format, CANDOR_FORMAT_SRT);
	assert_int_equal(t.ncues, 4);
	assert_string_equal(t.cues[0].id, "1");
	assert_string_equal(t.cues[0].speaker, "Sam Seller");
	assert_string_equal(t.cues[0].plain, "Shall we look at the numbers?");
	assert_time(t.cues[1].start, 4.25);
	assert_time(t.cues[1].end, 6);
	assert_string_equal(t.cues[1].plain, "Sure & quickly.");
	assert_string_equal(t.cues[2].id, "");
	assert_string_equal(t.cues[2].settings, "X1:100 X2:600 Y1:50 Y2:90");
	assert_string_equal(t.cues[2].text, "Lee Wong: We have <b>ten</b> minutes.");
	assert_int_equal(t.cues[3].line, 13);
	assert_string_equal(t.cues[3].plain, "Then I'll be brief.");
	assert_int_equal(t.nutts, 3);
	assert_string_equal(t.utts[1].text, "Sure & quickly. We have ten minutes.");
	candor_transcript_release(&t);
}

static void test_plain(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("plain-notes.txt"));
	assert_int_equal(t.format, CANDOR_FORMAT_PLAIN);
	assert_int_equal(t.ncues, 4);
	assert_string_equal(t.cues[1].text, "Dana Buyer: A shared inbox, then a ticketing tool.\n"
			    "It helped for a month.");
	assert_time(t.cues[1].start, -1);
	assert_time(t.cues[1].end, -1);
	assert_int_equal(t.nutts, 3);
	assert_string_equal(t.utts[1].speaker, "Dana Buyer");
	assert_string_equal(t.utts[1].text, "A shared inbox, then a ticketing tool. It helped "
			    "for a month. Then people stopped updating it.");
	assert_int_equal(t.utts[2].line, 5);
	candor_transcript_release(&t);
}

static void test_meet(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("meet-kickoff.txt"));
	assert_int_equal(t.format, CANDOR_FORMAT_MEET);
	assert_int_equal(t.ncues, 4);
	assert_int_equal(t.nspeakers, 2);
	assert_string_equal(t.cues[0].speaker, "Sam Seller");
	assert_int_equal(t.cues[0].line, 7);
	assert_time(t.cues[0].start, 0);
	assert_time(t.cues[0].end, 300);
	assert_time(t.cues[3].start, 300);
	assert_time(t.cues[3].end, 432); /* "Meeting ended after 00:07:12" */
	assert_string_equal(t.cues[3].plain, "If we leave knowing whether this fits our "
			    "renewals process. That is all I need today.");
	candor_transcript_release(&t);
}

static void test_otter(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("otter-followup.txt"));
	assert_int_equal(t.format, CANDOR_FORMAT_OTTER);
	assert_int_equal(t.ncues, 4);
	assert_int_equal(t.nutts, 3);
	assert_string_equal(t.utts[1].speaker, "Dana Buyer");
	assert_string_equal(t.utts[1].text, "Yes. And to be fair, it mostly works. But nobody "
			    "trusts the numbers in it.");
	assert_time(t.utts[1].start, 11);
	assert_time(t.cues[3].start, 3725);
	assert_int_equal(t.cues[3].line, 10);
	candor_transcript_release(&t);
}

static void test_zoom_chat(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("zoom-chat.txt"));
	assert_int_equal(t.format, CANDOR_FORMAT_ZOOM_CHAT);
	assert_int_equal(t.ncues, 3);
	assert_string_equal(t.cues[1].speaker, "Lee Wong");
	assert_string_equal(t.cues[1].text, "Yes.\nLooks good.");
	assert_time(t.cues[0].start, 0);
	assert_time(t.cues[1].start, 8);
	assert_time(t.cues[2].start, 20); /* past midnight */
	assert_time(t.cues[0].end, 8);
	candor_transcript_release(&t);
}

static void test_detect(void **state)
{
	static const struct { const char *text; enum candor_format want; } cases[] = {
		{ "WEBVTT\n", CANDOR_FORMAT_VTT },
		{ "\n\n1\n00:00:01,000 --> 00:00:02,000\nhi\n", CANDOR_FORMAT_SRT },
		{ "00:00:01.000 --> 00:00:02.000\nno header, so SRT\n", CANDOR_FORMAT_SRT },
		{ "Ann: hi\nBo: hello\n", CANDOR_FORMAT_PLAIN },
		{ "Title\n00:00:00\nAnn: hi\n", CANDOR_FORMAT_MEET },
		{ "Ann Lee  0:01\nhi\n", CANDOR_FORMAT_OTTER },
		{ "[Ann Lee] 10:00:01\nhi\n", CANDOR_FORMAT_ZOOM_CHAT },
		{ "10:00:01\t From  Ann Lee : hi\n", CANDOR_FORMAT_ZOOM_CHAT },
		{ "10:00:01 From Ann Lee to Everyone:\n\thi\n", CANDOR_FORMAT_ZOOM_CHAT },
		{ "00:00:01\tAnn Lee:\thi\n", CANDOR_FORMAT_ZOOM_CHAT },
		{ "Ann Lee\n10:00 AM\nhi\n", CANDOR_FORMAT_MEET_CHAT },
		{ "0:0:1.5 --> 0:0:3.0\nAnn Lee\nhi\n", CANDOR_FORMAT_TEAMS_TEXT },
		{ "0:01 - Ann Lee\n  hi\n", CANDOR_FORMAT_FATHOM },
		{ "**Ann Lee**  0:01\nhi\n", CANDOR_FORMAT_OTTER },
		{ "Ann Lee   0:01\nhi\n\nBo Chen   0:05\nho\n", CANDOR_FORMAT_OTTER },
	};
	struct candor_error err = CANDOR_ERROR_INIT;
	enum candor_format f;

	(void)state;
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(cases); i++) {
		assert_int_equal(candor_format_detect(&f, cases[i].text, strlen(cases[i].text),
						      "x", &err), 0);
		assert_int_equal(f, cases[i].want);
	}
	assert_int_equal(candor_format_detect(&f, "just words\n", 11, "x", &err),
			 CANDOR_EINVALID);
	assert_non_null(strstr(err.msg, "does not look like a transcript"));
	assert_int_equal(candor_format_detect(&f, "", 0, "x", &err), CANDOR_EINVALID);
	assert_int_equal(candor_format_detect(&f, "\n \n", 3, "x", &err), CANDOR_EINVALID);
	assert_string_equal(candor_format_name(CANDOR_FORMAT_ZOOM_CHAT), "zoom-chat");
	assert_int_equal(candor_format_parse(&f, "otter", &err), 0);
	assert_int_equal(f, CANDOR_FORMAT_OTTER);
	assert_int_equal(candor_format_parse(&f, "fathom", &err), 0);
	assert_int_equal(f, CANDOR_FORMAT_FATHOM);
	assert_int_equal(candor_format_parse(&f, "meet-chat", &err), 0);
	assert_int_equal(f, CANDOR_FORMAT_MEET_CHAT);
	/* a Windows-1252 start is told apart like any other */
	assert_int_equal(candor_format_detect(&f, "Ann: caf\xE9 \x93ok\x94\n", 15, "x", &err), 0);
	assert_int_equal(f, CANDOR_FORMAT_PLAIN);
	assert_int_equal(candor_format_parse(&f, "docx", &err), CANDOR_EINVALID);
	assert_non_null(strstr(err.msg, "unknown transcript format 'docx'"));
}

/* --- chats ----------------------------------------------------------------- */

static void test_zoom_chat_2020(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("zoom-chat-2020.txt"));
	assert_int_equal(t.format, CANDOR_FORMAT_ZOOM_CHAT);
	assert_true(t.chat);
	assert_int_equal(t.ncues, 4);
	assert_int_equal(t.nspeakers, 3);
	assert_string_equal(t.speakers[2], "Lee Wong");
	/* "to Dana Buyer(Privately)" is the recipient, not part of the name */
	assert_string_equal(t.cues[2].speaker, "Sam Seller");
	assert_string_equal(t.cues[2].plain, "Sure: I will share the sheet.");
	assert_string_equal(t.cues[3].plain, "Note: I have to drop at 10:30.");
	assert_time(t.cues[1].start, 29);
	assert_time(t.cues[3].start, 221);
	assert_int_equal(t.cues[3].line, 4);
	/* a chat: every message is an utterance, Sam's two are not merged */
	assert_int_equal(t.nutts, 4);
	assert_null(t.encoding);
	candor_transcript_release(&t);
}

static void test_zoom_chat_2022_reactions_replies(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("zoom-chat-2022.txt"));
	assert_int_equal(t.format, CANDOR_FORMAT_ZOOM_CHAT);
	/* Lee's reaction and its removal are no messages */
	assert_int_equal(t.ncues, 4);
	assert_int_equal(t.nspeakers, 2);
	assert_string_equal(t.cues[1].plain, "Thanks Sam. Can you send the pricing after the call?");
	assert_int_equal(t.cues[1].line, 3);
	/* the reply keeps its own words and names the message it quotes */
	assert_string_equal(t.cues[2].plain, "Yes, I will send it by Friday.");
	assert_int_equal(t.cues[2].reply_to, 2);
	assert_int_equal(t.cues[1].reply_to, 0);
	assert_time(t.cues[2].start, 50);
	assert_int_equal(t.nutts, 4);
	assert_string_equal(t.utts[3].text, "Lee, are you the right person for security questions?");
	candor_transcript_release(&t);
}

static void test_zoom_chat_cloud(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("zoom-chat-cloud.txt"));
	assert_int_equal(t.format, CANDOR_FORMAT_ZOOM_CHAT);
	assert_int_equal(t.ncues, 4);
	assert_int_equal(t.nspeakers, 3);
	/* offsets from the recording's start, kept as they are */
	assert_time(t.cues[0].start, 99);
	assert_time(t.cues[0].end, 130);
	assert_string_equal(t.cues[2].speaker, "Lee Wong");
	assert_string_equal(t.cues[2].plain, "We still need legal to sign off.");
	assert_int_equal(t.cues[2].reply_to, 2);
	/* a line without a time continues the message */
	assert_string_equal(t.utts[3].text, "Understood. Who in legal should I talk to? "
			    "It would help to have a name before Friday.");
	candor_transcript_release(&t);
}

static void test_meet_chat(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("meet-chat.txt"));
	assert_int_equal(t.format, CANDOR_FORMAT_MEET_CHAT);
	assert_true(t.chat);
	/* the panel's own lines are skipped; each line under a name is a message */
	assert_int_equal(t.ncues, 4);
	assert_int_equal(t.nutts, 4);
	assert_int_equal(t.nspeakers, 3);
	assert_string_equal(t.speakers[2], "You");
	assert_string_equal(t.cues[1].speaker, "Sam Seller");
	assert_string_equal(t.cues[1].plain, "Please have a look before Thursday.");
	assert_time(t.cues[0].start, 0);    /* 10:02 AM (a narrow no-break space before AM) */
	assert_time(t.cues[2].start, 120);  /* 10:04 AM */
	assert_time(t.cues[3].start, 180);
	assert_int_equal(t.cues[2].line, 9);
	candor_transcript_release(&t);
}

static void test_chat_times(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	/* 12-hour clock across noon, and across midnight */
	read_str(&t, "Ann Lee\n11:59 AM\nbefore noon\nBo Chen\n12:01 PM\nafter noon\n"
		     "Ann Lee\n11:59 PM\nlate\nBo Chen\n12:00 AM\nmidnight\n");
	assert_int_equal(t.format, CANDOR_FORMAT_MEET_CHAT);
	assert_time(t.cues[1].start, 120);
	assert_time(t.cues[2].start, 43200);
	assert_time(t.cues[3].start, 43260);
	candor_transcript_release(&t);
	read_fails("Ann Lee\n10:02 AM\nhi\nBo Chen\n0:75 PM\nho\n", 36, CANDOR_EINVALID,
		   "line 5: the time '0:75 PM' under 'Bo Chen' is not a time");
	read_fails("10:00:00 From Ann to Everyone:\n\thi\n10:00:99 From Bo to Everyone:\n\tho\n",
		   69, CANDOR_EINVALID, "line 3: the message time '10:00:99' is not a time");
}

/* --- Teams, Fathom, Otter in Markdown --------------------------------------- */

static void test_teams_graph_timings(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("teams-graph.vtt"));
	assert_int_equal(t.format, CANDOR_FORMAT_VTT);
	/* "0:0:5.320 --> 0:0:9.85": the spec drops these; Teams' dialect reads them */
	assert_int_equal(t.ncues, 4);
	assert_int_equal(t.nskipped, 0);
	assert_time(t.cues[1].start, 5.32);
	assert_time(t.cues[1].end, 9.85);
	assert_time(t.cues[2].end, 62.5);
	assert_time(t.cues[3].start, 3603);
	assert_int_equal(t.nutts, 2);
	assert_string_equal(t.utts[1].speaker, "Dana Buyer");
	assert_string_equal(t.utts[1].text, "Our renewals team keeps missing the signals. "
			    "Can you send me the security paper?");
	candor_transcript_release(&t);
	/* a spec file with one such timing still drops it, as the spec says */
	read_str(&t, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nkept\n\n"
		     "0:0:3.0 --> 0:0:4.0\ndropped\n");
	assert_int_equal(t.ncues, 1);
	assert_int_equal(t.nskipped, 1);
	candor_transcript_release(&t);
}

static void test_teams_json_cues(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("teams-graph-json.vtt"));
	assert_int_equal(t.ncues, 3);
	assert_int_equal(t.nspeakers, 2);
	assert_string_equal(t.cues[0].speaker, "Sam Seller");
	assert_string_equal(t.cues[0].plain, "Thanks for joining, Dana.");
	/* no voice tag: the speaker comes from "speakerName"; no markup is stripped */
	assert_string_equal(t.cues[1].speaker, "Dana Buyer");
	assert_string_equal(t.cues[1].plain, "We need <this> sorted & signed by June.");
	assert_string_equal(t.cues[2].plain, "Two weeks, at most.");
	assert_int_equal(t.nutts, 2);
	assert_time(t.utts[1].start, 5.32);
	assert_time(t.utts[1].end, 12);
	candor_transcript_release(&t);
	file_fails(DATA("bad-teams-json.vtt"), CANDOR_EINVALID,
		   "line 6: the cue's JSON payload does not parse");
	file_fails(DATA("bad-teams-json-field.vtt"), CANDOR_EINVALID,
		   "line 6: the cue's JSON payload has no \"spokenText\"");
}

static void test_teams_text(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("teams-text.txt"));
	assert_int_equal(t.format, CANDOR_FORMAT_TEAMS_TEXT);
	assert_int_equal(t.ncues, 4);
	assert_string_equal(t.cues[0].speaker, "");  /* the title */
	assert_int_equal(t.nspeakers, 2);
	assert_string_equal(t.speakers[1], "Dana Buyer (Acme)");
	assert_time(t.cues[3].start, 9.1);
	assert_time(t.cues[3].end, 15.2);
	assert_int_equal(t.cues[3].line, 11);
	assert_int_equal(t.nutts, 3);
	assert_string_equal(t.utts[1].text, "Thanks for making the time, Dana. "
			    "What would make this worth it for you?");
	assert_string_equal(t.utts[2].text, "Knowing whether this fits our renewals process. "
			    "That is all I need today.");
	candor_transcript_release(&t);
	file_fails(DATA("bad-teams-timing.txt"), CANDOR_EINVALID, "line 5: bad timing");
	/* padded timings, no cue numbers, a name line under each: Teams, not SRT */
	read_str(&t, "00:00:00.000 --> 00:00:03.960\nSam Seller\nThanks for the time.\n\n"
		     "00:00:04.330 --> 00:00:08.510\nDana Buyer\nSure.\n\n"
		     "00:00:09.000 --> 00:00:10.000\nSam Seller\nGreat.\n");
	assert_int_equal(t.format, CANDOR_FORMAT_TEAMS_TEXT);
	assert_int_equal(t.nspeakers, 2);
	assert_string_equal(t.utts[2].text, "Great.");
	candor_transcript_release(&t);
	/* an SRT whose cues start with a word is still SRT */
	read_str(&t, "00:00:01,000 --> 00:00:02,000\nHello\nthere\n\n"
		     "00:00:03,000 --> 00:00:04,000\nWorld\npeace\n");
	assert_int_equal(t.format, CANDOR_FORMAT_SRT);
	candor_transcript_release(&t);
}

static void test_teams_transcript_unknown_speaker(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;

	(void)state;
	read_file(&t, DATA("teams-transcript.txt"));
	assert_int_equal(t.format, CANDOR_FORMAT_OTTER);
	/* "Sam Seller started transcription" is an event, not talk */
	assert_int_equal(t.ncues, 6);
	assert_string_equal(t.cues[1].plain, "Thanks for making the time, Dana.");
	assert_int_equal(t.nspeakers, 3);
	assert_string_equal(t.speakers[2], "Unknown Speaker");
	/* two turns of "Unknown Speaker" may be two people: not merged */
	assert_int_equal(t.nutts, 6);
	assert_string_equal(t.utts[3].text, "Sorry, I just joined.");
	assert_string_equal(t.utts[4].text, "Can someone repeat the agenda?");
	assert_time(t.utts[4].start, 21);
	assert_int_equal(candor_transcript_assign_sides(&t, "Sam Seller", NULL, 0, &err), 0);
	assert_int_equal(t.utts[2].side, CANDOR_SIDE_BUYER);
	assert_int_equal(t.utts[3].side, CANDOR_SIDE_UNKNOWN);
	assert_int_equal(t.utts[5].side, CANDOR_SIDE_SELLER);
	candor_transcript_release(&t);
	assert_true(candor_speaker_unidentified("unknown speaker"));
	assert_true(candor_speaker_unidentified("Guest"));
	assert_false(candor_speaker_unidentified("Speaker 1"));
	assert_false(candor_speaker_unidentified("Unknown Speakers Inc"));
}

static void test_fathom(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("fathom-call.txt"));
	assert_int_equal(t.format, CANDOR_FORMAT_FATHOM);
	/* the preamble (title, VIEW RECORDING, ---) is not talk */
	assert_int_equal(t.ncues, 3);
	assert_int_equal(t.nspeakers, 2);
	assert_string_equal(t.speakers[0], "Sam Seller (Candor)");
	assert_string_equal(t.cues[1].plain, "Sure. I have a hard stop at half past. "
			    "Let us keep it short.");
	assert_time(t.cues[1].start, 7);
	assert_time(t.cues[1].end, 3729);
	assert_int_equal(t.cues[2].line, 13);
	assert_int_equal(t.nutts, 3);
	candor_transcript_release(&t);
	file_fails(DATA("bad-fathom-time.txt"), CANDOR_EINVALID,
		   "line 9: bad time in the header '0:7 - Dana Buyer (Acme)'");
}

static void test_otter_markdown(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("otter-markdown.md"));
	assert_int_equal(t.format, CANDOR_FORMAT_OTTER);
	assert_int_equal(t.ncues, 5);
	assert_int_equal(t.nspeakers, 3);
	assert_string_equal(t.speakers[0], "Sam Seller");
	assert_string_equal(t.speakers[1], "Dana Buyer");
	assert_time(t.cues[2].start, 11);
	assert_int_equal(t.nutts, 5);  /* the heading, and Unknown Speaker twice */
	assert_string_equal(t.utts[2].text, "Yes. And to be fair, it mostly works.");
	candor_transcript_release(&t);
	/* bold names in "Name: text" lines, both ways Markdown writes them */
	read_str(&t, "**Sam Seller:** Shall we start?\n**Dana Buyer**: Yes.\n__Sam Seller__: Good.\n");
	assert_int_equal(t.format, CANDOR_FORMAT_PLAIN);
	assert_int_equal(t.nspeakers, 2);
	assert_string_equal(t.utts[0].speaker, "Sam Seller");
	assert_string_equal(t.utts[0].text, "Shall we start?");
	assert_string_equal(t.utts[1].speaker, "Dana Buyer");
	assert_string_equal(t.utts[1].text, "Yes.");
	assert_string_equal(t.utts[2].speaker, "Sam Seller");
	candor_transcript_release(&t);
}

/* --- legacy encodings ------------------------------------------------------ */

static void test_encoding_cp1252(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("legacy-cp1252.srt"));
	assert_int_equal(t.format, CANDOR_FORMAT_SRT);
	assert_non_null(t.encoding);
	assert_string_equal(t.encoding, "Windows-1252");
	assert_int_equal(t.ncues, 2);
	assert_string_equal(t.cues[0].plain, "The price is \xE2\x82\xAC 4,000 \xE2\x80\x93 per year.");
	assert_string_equal(t.speakers[1], "Ren\xC3\xA9" "e Dubois");
	assert_string_equal(t.utts[1].text, "\xE2\x80\x9CThat works\xE2\x80\x9D for our caf\xC3\xA9s.");
	assert_time(t.utts[1].start, 4);
	assert_int_equal(t.cues[1].line, 6);
	candor_transcript_release(&t);
}

static void test_encoding_latin1_utf16(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("legacy-latin1.txt"));
	assert_string_equal(t.encoding, "Latin-1");
	assert_string_equal(t.speakers[1], "J\xC3\xBCrgen M\xC3\xBCller");
	assert_string_equal(t.utts[0].text, "Gr\xC3\xBC\xC3\x9F Gott, J\xC3\xBCrgen.");
	candor_transcript_release(&t);
	read_file(&t, DATA("utf16le.srt"));
	assert_string_equal(t.encoding, "UTF-16LE");
	assert_int_equal(t.format, CANDOR_FORMAT_SRT);
	assert_int_equal(t.ncues, 2);
	assert_string_equal(t.utts[1].text, "Yes \xE2\x80\x94 go ahead \xF0\x9F\x91\x8D");
	assert_time(t.utts[1].end, 5);
	candor_transcript_release(&t);
	read_file(&t, DATA("utf16be.txt"));
	assert_string_equal(t.encoding, "UTF-16BE");
	assert_string_equal(t.speakers[1], "Zo\xC3\xAB Martin");
	candor_transcript_release(&t);
	/* UTF-8 stays untouched and says nothing */
	read_file(&t, DATA("quirks.srt"));
	assert_null(t.encoding);
	candor_transcript_release(&t);
}

static void test_encoding_undecided(void **state)
{
	(void)state;
	file_fails(DATA("bad-encoding-cp1252.txt"), CANDOR_EINVALID,
		   "line 2: cannot tell the file's encoding");
	file_fails(DATA("bad-encoding-cp1252.txt"), CANDOR_EINVALID, "byte 0x81");
	/* Cyrillic in an 8-bit code page: no byte says which one */
	file_fails(DATA("bad-encoding-cp1251.txt"), CANDOR_EINVALID,
		   "line 1: cannot tell the file's encoding");
	/* UTF-8 with damage is not taken for Latin-1 */
	read_fails("Ann: caf\xC3\xA9\nBo: th\xE9\n", 18, CANDOR_EINVALID, "line 2: invalid UTF-8");
	read_fails("Ann: hi\nBo: \xFF\xFE\n", 15, CANDOR_EINVALID, "line 2: cannot tell");
	read_fails("\xFF\xFE" "A\x00\x00\xD8", 6, CANDOR_EINVALID, "not valid UTF-16LE");
}

/* --- bad input ----------------------------------------------------------- */

static void test_bad_files(void **state)
{
	(void)state;
	file_fails(DATA("bad-empty.txt"), CANDOR_EINVALID, "is empty");
	file_fails(DATA("bad-binary.bin"), CANDOR_EINVALID, "line 1: NUL byte");
	file_fails(DATA("bad-utf8.txt"), CANDOR_EINVALID, "line 2: invalid UTF-8");
	file_fails(DATA("bad-truncated.srt"), CANDOR_EINVALID, "line 6: bad subtitle timing");
	file_fails(DATA("bad-timestamp.srt"), CANDOR_EINVALID, "line 6: bad subtitle timing");
	file_fails(DATA("no-such-file.vtt"), CANDOR_ENOTFOUND, "cannot open");
	read_fails("1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\n", 38, CANDOR_EINVALID,
		   "line 5: subtitle 2 has no timing");
	read_fails(" \n\t\r\n", 5, CANDOR_EINVALID, "is empty");
	read_fails("WEBVTT\n\xED\xA0\x80\n", 11, CANDOR_EINVALID, "line 2: invalid UTF-8");
	read_fails("WEBVTT\n\xC0\xAF\n", 10, CANDOR_EINVALID, "line 2: invalid UTF-8");
	read_fails("WEBVTT\n\xF0\x9F\x98", 10, CANDOR_EINVALID, "line 2: invalid UTF-8");
	read_fails("WEBVTTX\n", 8, CANDOR_EINVALID, "does not look like a transcript");
}

static void test_vtt_recovers_as_spec(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

	(void)state;
	read_file(&t, DATA("bad-timing-recovered.vtt"));
	assert_int_equal(t.ncues, 2);
	assert_string_equal(t.cues[0].text, "kept");
	assert_string_equal(t.cues[1].text, "kept too");
	assert_int_equal(t.nskipped, 2);
	assert_int_equal(t.skipped_line, 8);
	candor_transcript_release(&t);
}

static void test_huge_line(void **state)
{
	size_t n = 10u << 20;
	char *big = malloc(n + 16);

	(void)state;
	assert_non_null(big);
	memcpy(big, "WEBVTT\n\n", 8);
	memset(big + 8, 'a', n);
	read_fails(big, n + 8, CANDOR_EINVALID, "line 3 is longer than 1 MiB");
	memset(big, 'x', n);
	read_fails(big, n, CANDOR_EINVALID, "line 1 is longer than 1 MiB");
	free(big);
	/* the size is checked before the data is looked at */
	read_fails("", CANDOR_TRANSCRIPT_MAX_BYTES + 1, CANDOR_EINVALID, "too large");
}

static void test_read_as(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;
	const char *s = "Ann: hi\nBo: hello\n";

	(void)state;
	assert_int_equal(candor_transcript_read_as(&t, CANDOR_FORMAT_PLAIN, s, strlen(s),
						   "x", &err), 0);
	assert_int_equal(t.nutts, 2);
	candor_transcript_release(&t);
	assert_int_equal(candor_transcript_read_as(&t, CANDOR_FORMAT_SRT, s, strlen(s),
						   "x", &err), CANDOR_EINVALID);
	assert_non_null(strstr(err.msg, "line 1: expected a subtitle number or timing"));
	assert_int_equal(candor_transcript_read_as(&t, CANDOR_FORMAT_VTT, s, strlen(s),
						   "x", &err), CANDOR_EINVALID);
	assert_non_null(strstr(err.msg, "line 1: a WebVTT file must start with 'WEBVTT'"));
	assert_int_equal(candor_transcript_read_as(&t, (enum candor_format)42, s, strlen(s),
						   "x", &err), CANDOR_EINVALID);
}

/* Many speakers and very long cues must stay linear (a slow run times out). */
static void test_large_inputs(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;
	size_t n = 200000, cap = n * 32, len = 0;
	char *s = malloc(cap);

	(void)state;
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, cap - len, "Person %zu: hello\n", i);
	assert_int_equal(candor_transcript_read(&t, s, len, "many", &err), 0);
	assert_int_equal(t.nspeakers, n);
	assert_int_equal(t.nutts, n);
	assert_string_equal(t.speakers[n - 1], "Person 199999");
	candor_transcript_release(&t);

	len = (size_t)snprintf(s, cap, "1\n00:00:01,000 --> 00:00:02,000\n");
	while (len + 16 < cap)
		len += (size_t)snprintf(s + len, cap - len, "more words here\n");
	assert_int_equal(candor_transcript_read(&t, s, len, "long", &err), 0);
	assert_int_equal(t.ncues, 1);
	assert_int_equal(strlen(t.cues[0].plain), (len - 32) / 16 * 16 - 1);
	candor_transcript_release(&t);

	/* a long chat of replies whose quotes match nothing */
	for (len = 0; len + 64 < cap;)
		len += (size_t)snprintf(s + len, cap - len,
					"00:00:01\tAnn Lee:\tReplying to \"zz%zu\" ok\n", len);
	assert_int_equal(candor_transcript_read(&t, s, len, "chat", &err), 0);
	assert_true(t.chat);
	assert_int_equal(t.cues[t.ncues - 1].reply_to, 0);
	assert_string_equal(t.cues[t.ncues - 1].plain, "ok");
	candor_transcript_release(&t);
	free(s);
}

/* --- sides and aliases --------------------------------------------------- */

static void test_sides_first_name_and_company(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;

	(void)state;
	read_file(&t, DATA("teams-discovery.vtt"));
	assert_int_equal(candor_transcript_assign_sides(&t, "sam", NULL, 0, &err), 0);
	assert_int_equal(t.utts[0].side, CANDOR_SIDE_SELLER);
	assert_int_equal(t.utts[1].side, CANDOR_SIDE_BUYER);
	assert_int_equal(t.utts[5].side, CANDOR_SIDE_SELLER);
	assert_int_equal(candor_transcript_assign_sides(&t, "Priya Patel", NULL, 0, &err), 0);
	assert_int_equal(t.utts[2].side, CANDOR_SIDE_SELLER);
	assert_int_equal(t.utts[0].side, CANDOR_SIDE_BUYER);
	assert_int_equal(candor_transcript_assign_sides(&t, NULL, NULL, 0, &err), 0);
	assert_int_equal(t.utts[0].side, CANDOR_SIDE_UNKNOWN);
	candor_transcript_release(&t);
}

static void test_sides_aliases(void **state)
{
	const char *aliases[] = { " priya patel (acme) = Dana Buyer", "Sam Seller=Samantha Seller" };
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;

	(void)state;
	read_file(&t, DATA("teams-discovery.vtt"));
	assert_int_equal(candor_transcript_assign_sides(&t, "Samantha Seller", aliases, 2, &err), 0);
	assert_int_equal(t.nspeakers, 3);
	assert_string_equal(t.speakers[0], "Samantha Seller");
	assert_string_equal(t.speakers[2], "Dana Buyer");
	assert_string_equal(t.cues[3].speaker, "Dana Buyer");
	/* "Dana Buyer" and "Dana Buyer (Acme)" are still two names */
	assert_int_equal(t.nutts, 6);
	assert_int_equal(t.utts[0].side, CANDOR_SIDE_SELLER);
	assert_int_equal(t.utts[2].side, CANDOR_SIDE_BUYER);
	candor_transcript_release(&t);
}

static void test_sides_alias_merges(void **state)
{
	const char *aliases[] = { "Dana Buyer (Acme)=Dana", "Priya Patel (Acme)=dana" };
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;

	(void)state;
	read_file(&t, DATA("teams-discovery.vtt"));
	/* distinct spellings stay distinct speakers, so nothing merges yet */
	assert_int_equal(candor_transcript_assign_sides(&t, "Sam Seller", aliases, 2, &err), 0);
	assert_int_equal(t.nutts, 6);
	candor_transcript_release(&t);

	aliases[1] = "Priya Patel (Acme)=Dana";
	read_file(&t, DATA("teams-discovery.vtt"));
	assert_int_equal(candor_transcript_assign_sides(&t, "Sam Seller", aliases, 2, &err), 0);
	assert_int_equal(t.nspeakers, 2);
	assert_int_equal(t.nutts, 3);
	assert_string_equal(t.utts[1].speaker, "Dana");
	assert_int_equal(t.utts[1].side, CANDOR_SIDE_BUYER);
	assert_time(t.utts[1].end, 19.25);
	candor_transcript_release(&t);
}

static void test_sides_errors(void **state)
{
	const char *bad[] = { "no equals sign" };
	const char *empty[] = { "Sam Seller= " };
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;

	(void)state;
	read_str(&t, "Sam Lee: hi\nSam Park: hello\nAnn: hey\n");
	assert_int_equal(candor_transcript_assign_sides(&t, "Sam", NULL, 0, &err),
			 CANDOR_EAMBIGUOUS);
	assert_non_null(strstr(err.msg, "'Sam Lee', 'Sam Park'"));
	assert_int_equal(t.utts[0].side, CANDOR_SIDE_UNKNOWN);
	assert_int_equal(candor_transcript_assign_sides(&t, "Sam Park", NULL, 0, &err), 0);
	assert_int_equal(t.utts[0].side, CANDOR_SIDE_BUYER);
	assert_int_equal(t.utts[1].side, CANDOR_SIDE_SELLER);
	assert_int_equal(candor_transcript_assign_sides(&t, "Zed", NULL, 0, &err),
			 CANDOR_ENOTFOUND);
	assert_non_null(strstr(err.msg, "no speaker matches the seller 'Zed'"));
	assert_int_equal(candor_transcript_assign_sides(&t, "Ann", bad, 1, &err),
			 CANDOR_EINVALID);
	assert_non_null(strstr(err.msg, "alias 'no equals sign'"));
	assert_int_equal(candor_transcript_assign_sides(&t, "Ann", empty, 1, &err),
			 CANDOR_EINVALID);
	candor_transcript_release(&t);
	candor_transcript_release(&t);
}

/* --- JSON ---------------------------------------------------------------- */

static void test_json(void **state)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;
	json_t *cues, *utts, *c;

	(void)state;
	read_file(&t, DATA("plain-notes.txt"));
	cues = candor_cues_to_json(&t);
	utts = candor_utterances_to_json(&t);
	assert_non_null(cues);
	assert_non_null(utts);
	assert_int_equal(json_array_size(cues), 4);
	c = json_array_get(cues, 0);
	assert_string_equal(json_string_value(json_object_get(c, "text")),
			    "Sam Seller: What did you try before?");
	assert_true(json_is_null(json_object_get(c, "startTime")));
	assert_int_equal(json_integer_value(json_object_get(c, "line")), 1);
	assert_int_equal(json_array_size(utts), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(utts, 1), "side")),
			    "unknown");
	json_decref(cues);
	json_decref(utts);
	candor_transcript_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vtt_signature_bom_crlf),
		cmocka_unit_test(test_vtt_blocks_and_bad_timings),
		cmocka_unit_test(test_vtt_cr_only_and_no_cues),
		cmocka_unit_test(test_vtt_entities_and_voice),
		cmocka_unit_test(test_teams),
		cmocka_unit_test(test_zoom_vtt),
		cmocka_unit_test(test_srt_quirks),
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_meet),
		cmocka_unit_test(test_otter),
		cmocka_unit_test(test_zoom_chat),
		cmocka_unit_test(test_zoom_chat_2020),
		cmocka_unit_test(test_zoom_chat_2022_reactions_replies),
		cmocka_unit_test(test_zoom_chat_cloud),
		cmocka_unit_test(test_meet_chat),
		cmocka_unit_test(test_chat_times),
		cmocka_unit_test(test_teams_graph_timings),
		cmocka_unit_test(test_teams_json_cues),
		cmocka_unit_test(test_teams_text),
		cmocka_unit_test(test_teams_transcript_unknown_speaker),
		cmocka_unit_test(test_fathom),
		cmocka_unit_test(test_otter_markdown),
		cmocka_unit_test(test_encoding_cp1252),
		cmocka_unit_test(test_encoding_latin1_utf16),
		cmocka_unit_test(test_encoding_undecided),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_vtt_recovers_as_spec),
		cmocka_unit_test(test_huge_line),
		cmocka_unit_test(test_read_as),
		cmocka_unit_test(test_large_inputs),
		cmocka_unit_test(test_sides_first_name_and_company),
		cmocka_unit_test(test_sides_aliases),
		cmocka_unit_test(test_sides_alias_merges),
		cmocka_unit_test(test_sides_errors),
		cmocka_unit_test(test_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
