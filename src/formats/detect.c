/*
 * detect.c: telling a transcript's format from its content.
 *
 * WebVTT announces itself ("WEBVTT" first).  SRT starts with a number and a
 * timing line, or a timing line.  The plain-text formats are told apart by
 * counting, over the first lines, the lines each would recognise: Zoom chat
 * headers of every generation, Otter's (and Teams') "Name  0:34" headers,
 * Fathom's "0:07 - Name" headers, Teams' unpadded "0:0:1.2 --> 0:0:3.4"
 * timings, Meet chat's name line followed by a "10:02 AM" line, "Name:
 * text" lines, and Meet's lone "00:05:00" markers and closing lines.
 */
#include "util/common.h"
#include "util/error.h"
#include "formats/reader.h"

#define DETECT_LINES 2000

struct counts {
	size_t zoom, otter, prefix, clock, meet, srt, teams, fathom, meetchat;
	bool prev_name;   /* the line before looked like a name on its own */
};

static bool vtt_signature(const char *s, size_t n)
{
	return n >= 6 && !memcmp(s, "WEBVTT", 6) &&
	       (n == 6 || s[6] == ' ' || s[6] == '\t' || s[6] == '\n');
}

static bool blank(const struct fmt_line *l)
{
	for (size_t i = 0; i < l->len; i++)
		if (!fmt_isblank(l->s[i]))
			return false;
	return true;
}

/* SRT: the first non-blank line is a timing, or a number before one. */
static bool looks_srt(const struct fmt_input *in)
{
	struct fmt_cursor cur;
	struct fmt_line a, b;
	bool found;

	fmt_cursor_init(&cur, in);
	while ((found = fmt_cursor_next(&cur, &a)) && blank(&a))
		;
	if (!found)
		return false;
	if (fmt_is_srt_timing(a.s, a.len))
		return true;
	return fmt_is_digits(a.s, a.len) && fmt_cursor_next(&cur, &b) &&
	       fmt_is_srt_timing(b.s, b.len);
}

static bool starts(const struct fmt_line *l, const char *p)
{
	return l->len >= strlen(p) && !memcmp(l->s, p, strlen(p));
}

static void count_line(struct counts *k, const struct fmt_line *l)
{
	size_t a, b, c;
	double t, e;
	bool prev_name = k->prev_name;

	k->prev_name = l->len && fmt_name_ok(l->s, l->len);
	if (prev_name && fmt_meet_chat_time(l->s, l->len, &t))
		k->meetchat++;
	else if (fmt_zoom_chat_line(l->s, l->len))
		k->zoom++;
	else if (fmt_fathom_header(l->s, l->len, &a, &b, &t))
		k->fathom++;
	else if (fmt_clock_line(l->s, l->len, &t))
		k->clock++;
	else if (fmt_otter_header(l->s, l->len, &a, &b, &t))
		k->otter++;
	else if (fmt_speaker_prefix(l->s, l->len, &a, &b, &c))
		k->prefix++;
	else if (fmt_is_srt_timing(l->s, l->len))
		k->srt++;
	else if (fmt_teams_timing(l->s, l->len, &t, &e))
		k->teams++;
	if (starts(l, "VIEW RECORDING"))
		k->fathom++;
	if (starts(l, "This editable transcript was computer generated") ||
	    starts(l, "Meeting ended after "))
		k->meet++;
}

/*
 * SRT-like timings, but the older Teams text shape: no cue numbers, and
 * most cues start with the speaker's name on a line of its own, a name
 * that comes back ("0:00:01.000 --> 0:00:03.960", "Sam Seller", the text).
 */
static bool teams_text_shape(const struct fmt_input *in)
{
	struct fmt_cursor cur;
	struct fmt_line l, prev = { "", 0, 0 }, names[8];
	size_t timings = 0, named = 0, again = 0, nnames = 0;
	bool after_timing = false;
	double a, b;

	fmt_cursor_init(&cur, in);
	while (cur.no <= DETECT_LINES && fmt_cursor_next(&cur, &l)) {
		bool timing = fmt_teams_timing(l.s, l.len, &a, &b);

		if (timing && fmt_is_digits(prev.s, prev.len))
			return false;  /* a numbered cue: SRT */
		if (after_timing && !blank(&l) && fmt_name_ok(l.s, l.len)) {
			size_t k = 0;

			named++;
			while (k < nnames && !(names[k].len == l.len && !memcmp(names[k].s, l.s, l.len)))
				k++;
			if (k < nnames)
				again++;
			else if (nnames < CANDOR_ARRAY_SIZE(names))
				names[nnames++] = l;
		}
		timings += timing;
		after_timing = timing;
		prev = l;
	}
	return timings >= 2 && 2 * named > timings && again;
}

static int unknown(const struct fmt_input *in, struct candor_error *err)
{
	return candor_error_set(err, CANDOR_EINVALID, "file",
				"'%s' does not look like a transcript: expected WebVTT "
				"('WEBVTT' on line 1), SRT (numbered timings), a Zoom or "
				"Meet chat, an Otter, Teams or Fathom text export, or "
				"lines of 'Name: text'", in->name);
}

int fmt_detect(enum candor_format *out, const struct fmt_input *in,
	       struct candor_error *err)
{
	struct counts k = { 0 };
	struct fmt_cursor cur;
	struct fmt_line l;

	if (vtt_signature(in->s, in->len))
		return *out = CANDOR_FORMAT_VTT, 0;
	if (looks_srt(in))
		return *out = teams_text_shape(in) ? CANDOR_FORMAT_TEAMS_TEXT : CANDOR_FORMAT_SRT, 0;
	fmt_cursor_init(&cur, in);
	while (cur.no <= DETECT_LINES && fmt_cursor_next(&cur, &l))
		count_line(&k, &l);
	if (k.teams && k.teams >= k.srt && k.teams >= k.otter && 2 * k.teams >= k.prefix)
		*out = CANDOR_FORMAT_TEAMS_TEXT;
	else if (k.zoom && k.zoom >= k.otter && 2 * k.zoom >= k.prefix)
		*out = CANDOR_FORMAT_ZOOM_CHAT;
	else if (k.fathom && k.fathom >= k.otter && 2 * k.fathom >= k.prefix)
		*out = CANDOR_FORMAT_FATHOM;
	else if (k.meetchat && k.meetchat >= k.otter && 2 * k.meetchat >= k.prefix)
		*out = CANDOR_FORMAT_MEET_CHAT;
	else if (k.otter && k.otter >= k.prefix)
		*out = CANDOR_FORMAT_OTTER;
	else if (k.srt && k.srt >= k.prefix)
		*out = teams_text_shape(in) ? CANDOR_FORMAT_TEAMS_TEXT : CANDOR_FORMAT_SRT;
	else if (k.prefix && (k.clock || k.meet))
		*out = CANDOR_FORMAT_MEET;
	else if (k.prefix)
		*out = CANDOR_FORMAT_PLAIN;
	else
		return unknown(in, err);
	return 0;
}

int candor_format_detect(enum candor_format *out, const char *data, size_t len,
			 const char *name, struct candor_error *err)
{
	struct fmt_input in = { NULL, 0, name ? name : "transcript" };
	const char *encoding;
	char *text = NULL, *decoded = NULL;
	size_t decodedlen;
	int rc;

	if (len > 65536) {
		/* the start is enough; do not cut a UTF-8 sequence in two */
		len = 65536;
		while (len && ((unsigned char)data[len - 1] & 0xC0) == 0x80)
			len--;
		if (len && (unsigned char)data[len - 1] >= 0xC0)
			len--;
		len -= len % 2;  /* nor a UTF-16 one */
	}
	if ((rc = candor_encoding_decode(&decoded, &decodedlen, &encoding, data, len, in.name, err)))
		return rc;
	if (decoded)
		data = decoded, len = decodedlen;
	if (!(rc = fmt_normalize(&text, &in.len, data, len, in.name, err))) {
		in.s = text;
		rc = fmt_detect(out, &in, err);
	}
	free(text);
	free(decoded);
	return rc;
}
