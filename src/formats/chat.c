/*
 * chat.c: the meeting chat readers, one cue per message.
 *
 *   zoom-chat  Zoom's saved meeting chat, every generation of it:
 *                [Name] 11:02:09                     then the text lines
 *                11:02:09	 From  Name : text          (older, one line)
 *                11:02:09 From Name to Everyone : text
 *                11:02:09 From  Name  to  Everyone:   then the indented text
 *                00:01:02	Name:	text                 (cloud recordings)
 *              The recipient ("Everyone", "Name(Direct Message)") is not
 *              kept.  Clock times are made relative to the first message
 *              (crossing midnight is allowed); the cloud chat's times are
 *              offsets already.  A reaction ("Reacted to "..." with 👍",
 *              "Removed a 👍 reaction from "..."") is no message and is
 *              dropped; a reply ("Replying to "..." text") is one, with
 *              the quote taken off and reply_to naming the message quoted.
 *   meet-chat  Google Meet's chat as copied from the side panel: a name
 *              line, a time line ("10:02 AM", "14:02"), then the messages,
 *              one a line, until the next name and time.  The panel's own
 *              lines ("In-call messages", ...) are skipped.
 *
 * Lines before the first message are kept as a speaker-less cue.  A line
 * shaped like a message header whose time is no time is an error naming
 * the line and the field.
 */
#include "util/common.h"
#include "util/error.h"
#include "formats/reader.h"

static size_t rtrim(const char *s, size_t n)
{
	while (n && fmt_isblank(s[n - 1]))
		n--;
	return n;
}

static size_t skip_blanks(const char *s, size_t n, size_t i)
{
	while (i < n && fmt_isblank(s[i]))
		i++;
	return i;
}

static bool word_at(const char *s, size_t n, size_t i, const char *w)
{
	size_t k = strlen(w);

	if (n - i < k)
		return false;
	for (size_t j = 0; j < k; j++)
		if (fmt_tolower((unsigned char)s[i + j]) != w[j])
			return false;
	return true;
}

/* --- Zoom ---------------------------------------------------------------- */

struct zoom_msg {
	size_t nameoff, namelen;
	size_t textoff;      /* text on the header line; == line length when none */
	double t;
	bool clock;          /* a wall-clock time (not an offset) */
};

/* A sender's name as Zoom shows it: anything short on one line. */
static bool zoom_name_ok(const char *s, size_t n)
{
	if (!n || n > 128)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20)
			return false;
	return true;
}

/* "Name to Recipient" (or "Name"): the sender's span, trimmed. */
static void zoom_sender(const char *s, size_t a, size_t b, struct zoom_msg *m)
{
	size_t end = b;

	for (size_t i = a; i + 4 <= b; i++)
		if (fmt_isblank(s[i]) && word_at(s, b, i + 1, "to") && i + 3 < b &&
		    fmt_isblank(s[i + 3])) {
			end = i;
			break;
		}
	while (a < end && fmt_isblank(s[a]))
		a++;
	end = rtrim(s, end);
	m->nameoff = a;
	m->namelen = end > a ? end - a : 0;
}

/* After "From ": the sender (and recipient) up to the colon, then the text. */
static bool zoom_from(const char *s, size_t n, size_t i, struct zoom_msg *m)
{
	for (size_t k = i; k < n; k++) {
		if (s[k] != ':' || (k + 1 < n && !fmt_isblank(s[k + 1])))
			continue;
		zoom_sender(s, i, k, m);
		m->textoff = skip_blanks(s, n, k + 1);
		return zoom_name_ok(s + m->nameoff, m->namelen);
	}
	return false;
}

/* The cloud chat's "NAME:<TAB>text" (or "NAME:" at the end) after the tab. */
static bool zoom_tab(const char *s, size_t n, size_t i, struct zoom_msg *m)
{
	for (size_t k = i; k < n; k++) {
		if (s[k] != ':' || (k + 1 < n && s[k + 1] != '\t'))
			continue;
		m->nameoff = i;
		m->namelen = k - i;
		m->textoff = k + 1 < n ? k + 2 : n;
		return zoom_name_ok(s + i, k - i);
	}
	return false;
}

/*
 * A message header: 1 (and *m), 0 when the line is none, -1 when it is
 * shaped like one ("10:61:00 From ...") but its time does not parse.
 */
static int zoom_parse(const char *s, size_t n, struct zoom_msg *m)
{
	size_t i = 0, off, len;
	bool ok;

	memset(m, 0, sizeof(*m));
	if (fmt_zoom_header(s, n, &off, &len, &m->t)) {
		m->nameoff = off;
		m->namelen = len;
		m->textoff = n;
		m->clock = true;
		return 1;
	}
	while (i < n && i < 9 && (fmt_isdigit(s[i]) || s[i] == ':'))
		i++;
	if (i < 5 || i == n || !fmt_isblank(s[i]) || !memchr(s, ':', i))
		return 0;
	ok = fmt_parse_hms(s, i, true, &m->t);
	if (s[i] == '\t' && !word_at(s, n, skip_blanks(s, n, i), "from ")) {
		m->clock = false;
		if (!zoom_tab(s, n, i + 1, m))
			return 0;
	} else {
		size_t k = skip_blanks(s, n, i);

		m->clock = true;
		if (!word_at(s, n, k, "from") || k + 4 >= n || !fmt_isblank(s[k + 4]) ||
		    !zoom_from(s, n, skip_blanks(s, n, k + 4), m))
			return 0;
	}
	return ok ? 1 : -1;
}

bool fmt_zoom_chat_line(const char *s, size_t n)
{
	struct zoom_msg m;

	return zoom_parse(s, n, &m) == 1;
}

/* Does text start with quote, ignoring how whitespace runs differ? */
static bool quote_prefix(const char *text, const char *q, size_t qn)
{
	size_t i = 0, j = 0;

	while (j < qn) {
		bool ws_t = text[i] && strchr(" \t\n", text[i]), ws_q = strchr(" \t\n", q[j]) != NULL;

		if (ws_t && ws_q) {
			while (text[i] && strchr(" \t\n", text[i]))
				i++;
			while (j < qn && strchr(" \t\n", q[j]))
				j++;
			continue;
		}
		if (!text[i] || text[i] != q[j])
			return false;
		i++, j++;
	}
	return true;
}

/* How far back a reply's quote is looked for, so a long chat stays linear. */
#define REPLY_LOOKBACK 500

/* The latest message before cue last (at most REPLY_LOOKBACK back) whose
 * text starts with the quote: 1 + its index, or 0. */
static size_t find_quoted(const struct fmt_cues *out, size_t last, const char *q, size_t qn)
{
	if (qn >= 3 && !memcmp(q + qn - 3, "...", 3))
		qn -= 3;
	else if (qn >= 3 && !memcmp(q + qn - 3, "\xE2\x80\xA6", 3))  /* … */
		qn -= 3;
	while (qn && fmt_isblank(q[qn - 1]))
		qn--;
	if (!qn)
		return 0;
	for (size_t i = last; i-- > 0 && last - i <= REPLY_LOOKBACK;)
		if (quote_prefix(out->v[i].text, q, qn))
			return i + 1;
	return 0;
}

/* The end of a quote opened at s[i] (after '"'): the first '"' on the line
 * that a blank, a colon or the line's end follows, or 0. */
static size_t quote_end(const char *s, size_t i)
{
	const char *nl = strchr(s + i, '\n');
	size_t end = nl ? (size_t)(nl - s) : strlen(s);

	for (size_t k = i; k < end; k++)
		if (s[k] == '"' && (k + 1 == end || fmt_isblank(s[k + 1]) || s[k + 1] == ':'))
			return k;
	return 0;
}

static bool is_reaction(const char *s)
{
	static const char react[] = "Reacted to \"", removed[] = "Removed a ";

	if (!strncmp(s, react, strlen(react)))
		return strstr(s, "\" with ") != NULL;
	return !strncmp(s, removed, strlen(removed)) && strstr(s, " reaction from \"");
}

/* The last cue is complete: drop it if a reaction, take a reply's quote off. */
static int zoom_finish(struct fmt_cues *out, struct candor_error *err)
{
	static const char reply[] = "Replying to \"";
	struct candor_cue *c;
	size_t open = strlen(reply), close, rest;
	char *text;

	if (!out->n || !(c = &out->v[out->n - 1])->speaker[0])
		return 0;
	if (is_reaction(c->text)) {
		fmt_cue_release(c);
		out->n--;
		return 0;
	}
	if (strncmp(c->text, reply, open) || !(close = quote_end(c->text, open)))
		return 0;
	c->reply_to = find_quoted(out, out->n - 1, c->text + open, close - open);
	rest = close + 1;
	if (c->text[rest] == ':')
		rest++;
	while (c->text[rest] && strchr(" \t\n", c->text[rest]))
		rest++;
	if (!(text = fmt_strndup(c->text + rest, strlen(c->text + rest))))
		return fmt_oom(err);
	free(c->text);
	c->text = text;
	return 0;
}

static int zoom_bad_time(const struct fmt_input *in, const struct fmt_line *l,
			 struct candor_error *err)
{
	size_t n = 0;

	while (n < l->len && (fmt_isdigit(l->s[n]) || l->s[n] == ':'))
		n++;
	return candor_error_set(err, CANDOR_EINVALID, "time",
				"'%s' line %zu: the message time '%.*s' is not a time "
				"(expected HH:MM:SS)", in->name, l->no, (int)n, l->s);
}

/* A header line: finish the message before, start a new one. */
static int zoom_start(struct fmt_cues *out, const struct fmt_line *l,
		      const struct zoom_msg *m, double *first, struct candor_error *err)
{
	double t = m->t;
	int rc;

	if ((rc = zoom_finish(out, err)))
		return rc;
	if (m->clock) {
		if (*first < 0)
			*first = t;
		t = t >= *first ? t - *first : t + 86400 - *first;
	}
	rc = fmt_cues_add(out, NULL, 0, t, -1, NULL, 0, l->s + m->textoff,
			  rtrim(l->s + m->textoff, l->len - m->textoff), l->no, err);
	if (!rc)
		rc = fmt_cues_set_speaker(out, l->s + m->nameoff, m->namelen, err);
	return rc;
}

int fmt_read_zoom_chat(struct fmt_cues *out, const struct fmt_input *in,
		       struct candor_error *err)
{
	struct fmt_cursor cur;
	struct fmt_line l;
	struct zoom_msg m;
	double first = -1;
	int rc = 0, h;

	fmt_cursor_init(&cur, in);
	while (!rc && fmt_cursor_next(&cur, &l)) {
		size_t a = skip_blanks(l.s, l.len, 0), n = rtrim(l.s, l.len);

		if (a >= n)
			continue;
		if ((h = zoom_parse(l.s, l.len, &m)) == 1)
			rc = zoom_start(out, &l, &m, &first, err);
		else if (h < 0)
			rc = zoom_bad_time(in, &l, err);
		else if (out->n)
			rc = fmt_cues_add_line(out, l.s + a, n - a, err);
		else
			rc = fmt_cues_add(out, NULL, 0, -1, -1, NULL, 0, l.s + a, n - a, l.no, err);
	}
	if (!rc)
		rc = zoom_finish(out, err);
	if (!rc)
		fmt_cues_fill_ends(out);
	return rc;
}

/* --- Google Meet chat ---------------------------------------------------- */

/* "AM", "PM", "a.m.", "p.m." at s[i..n): 1 for PM, 0 for AM, -1 none. */
static int meridiem(const char *s, size_t n, size_t i)
{
	static const char *const seps[] = { " ", "\xC2\xA0", "\xE2\x80\xAF" };
	int pm;

	for (size_t k = 0; k < CANDOR_ARRAY_SIZE(seps); k++)
		if (n - i >= strlen(seps[k]) && !memcmp(s + i, seps[k], strlen(seps[k]))) {
			i += strlen(seps[k]);
			break;
		}
	if (i >= n || !strchr("apAP", s[i]))
		return -1;
	pm = fmt_tolower((unsigned char)s[i]) == 'p';
	if ((n - i == 2 && fmt_tolower((unsigned char)s[i + 1]) == 'm') ||
	    (n - i == 4 && !memcmp(s + i + 1, ".m.", 3)))
		return pm;
	return -1;
}

bool fmt_meet_chat_time(const char *s, size_t n, double *t)
{
	size_t i = 0, start;
	double h = 0, m = 0;
	int pm = -1;

	n = rtrim(s, n);
	for (start = i; i < n && fmt_isdigit(s[i]) && i - start < 2; i++)
		h = h * 10 + (s[i] - '0');
	if (i == start || i >= n || s[i] != ':' || n - i < 3 ||
	    !fmt_isdigit(s[i + 1]) || !fmt_isdigit(s[i + 2]))
		return false;
	m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
	i += 3;
	if (i < n && (pm = meridiem(s, n, i)) < 0)
		return false;
	if (m > 59 || (pm < 0 && h > 23) || (pm >= 0 && (h < 1 || h > 12)))
		return false;
	if (pm >= 0)
		h = (h == 12 ? 0 : h) + (pm ? 12 : 0);
	*t = h * 3600 + m * 60;
	return true;
}

/* A line meant as a Meet chat time ("25:99 PM"): digits, ':', short. */
static bool meet_timeish(const char *s, size_t n)
{
	n = rtrim(s, n);
	return n >= 3 && n <= 12 && fmt_isdigit(s[0]) && memchr(s, ':', n < 3 ? n : 3);
}

static bool meet_panel_line(const struct fmt_line *l)
{
	static const char *const lines[] = { "In-call messages", "Messages can only be seen by",
		"Messages won't be saved", "Continuous chat is", "Let everyone send messages" };

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(lines); i++)
		if (l->len >= strlen(lines[i]) && !memcmp(l->s, lines[i], strlen(lines[i])))
			return true;
	return false;
}

struct meet_chat {
	const char *name;    /* of the messages being read; NULL before the first */
	size_t namelen;
	double t, first;
};

/* A name line with the time line after it: a new sender.  1, 0, or an error. */
static int meet_header(struct meet_chat *st, const struct fmt_input *in,
		       struct fmt_cursor *cur, const struct fmt_line *l,
		       struct candor_error *err)
{
	struct fmt_cursor peek = *cur;
	struct fmt_line next;
	size_t n = rtrim(l->s, l->len);
	double t;

	if (!fmt_name_ok(l->s, n) || !fmt_cursor_next(&peek, &next))
		return 0;
	if (!fmt_meet_chat_time(next.s, next.len, &t)) {
		if (!meet_timeish(next.s, next.len))
			return 0;
		return candor_error_set(err, CANDOR_EINVALID, "time",
					"'%s' line %zu: the time '%.*s' under '%.*s' is not a "
					"time (expected like '10:02 AM')", in->name, next.no,
					fmt_excerpt(next.s, rtrim(next.s, next.len)), next.s,
					(int)n, l->s);
	}
	*cur = peek;
	if (st->first < 0)
		st->first = t;
	st->t = t >= st->first ? t - st->first : t + 86400 - st->first;
	st->name = l->s;
	st->namelen = n;
	return 1;
}

int fmt_read_meet_chat(struct fmt_cues *out, const struct fmt_input *in,
		       struct candor_error *err)
{
	struct meet_chat st = { NULL, 0, -1, -1 };
	struct fmt_cursor cur;
	struct fmt_line l;
	int rc = 0;

	fmt_cursor_init(&cur, in);
	while (!rc && fmt_cursor_next(&cur, &l)) {
		size_t n = rtrim(l.s, l.len);

		if (!n || meet_panel_line(&l))
			continue;
		if ((rc = meet_header(&st, in, &cur, &l, err))) {
			rc = rc > 0 ? 0 : rc;
		} else if (st.name) {  /* each line a message */
			rc = fmt_cues_add(out, NULL, 0, st.t, -1, NULL, 0, l.s, n, l.no, err);
			if (!rc)
				rc = fmt_cues_set_speaker(out, st.name, st.namelen, err);
		} else if (out->n) {
			rc = fmt_cues_add_line(out, l.s, n, err);
		} else {
			rc = fmt_cues_add(out, NULL, 0, -1, -1, NULL, 0, l.s, n, l.no, err);
		}
	}
	if (!rc)
		fmt_cues_fill_ends(out);
	return rc;
}
