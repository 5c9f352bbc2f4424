/*
 * textfmt.c: the plain-text transcript readers.
 *
 *   plain      "Name: text" lines; a line without a name continues the cue
 *              before it; no timings.
 *   meet       Google Meet: "Name: text" lines under "00:05:00" markers;
 *              lines before the first marker (title, attendees) and the
 *              closing lines ("Meeting ended after ...", "This editable
 *              transcript ...") are not talk and are skipped.
 *   zoom-chat  "[Name] 11:02:09" then the text; clock times are made
 *              relative to the first block (crossing midnight is allowed).
 *   otter      "Name  0:34" then the text; times are already offsets.
 *
 * Text before the first recognised speaker is kept as a speaker-less cue
 * rather than dropped.  The cue text is the lines as read; the speaker
 * prefix of plain and Meet lines is taken off in cuetext.c.
 */
#include "util/common.h"
#include "util/error.h"
#include "formats/reader.h"

static bool is_upper_start(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || fmt_isdigit(c) || c >= 0x80 || c == '(';
}

static bool is_letter(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
}

/* Lowercase words that may sit inside a name: "Schalk van Wyk". */
static bool is_particle(const char *s, size_t n)
{
	static const char *const words[] = { "van", "von", "de", "da", "del", "der",
		"di", "du", "la", "le", "den", "ter", "ten", "bin", "al", "el", "dos", "das", "y" };

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(words); i++)
		if (strlen(words[i]) == n && !memcmp(words[i], s, n))
			return true;
	return false;
}

/*
 * Does s[0..n) look like a person's name?  At most 64 bytes and 5 words, a
 * letter somewhere, no markup or sentence punctuation; a name of several
 * words has capitalised words (or particles), so "Here is the thing" is not
 * taken for one.
 */
static bool name_ok(const char *s, size_t n)
{
	size_t words = 0, i = 0, w;
	bool letter = false;

	if (!n || n > 64 || s[0] == ' ' || s[n - 1] == ' ')
		return false;
	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)s[k];

		if (c < 0x20 || c == 0x7f || strchr("<>[]{}\":?!;=|\\/", c))
			return false;
		letter = letter || is_letter(c);
	}
	while (i < n) {
		for (w = i; w < n && s[w] != ' '; w++)
			;
		if (w == i || ++words > 5)
			return false;
		if (!is_upper_start((unsigned char)s[i]) && !is_particle(s + i, w - i) &&
		    !(i == 0 && w == n))
			return false;
		i = w + 1;
	}
	return letter;
}

bool fmt_speaker_prefix(const char *s, size_t n, size_t *namelen, size_t *textoff)
{
	const char *colon = memchr(s, ':', n < 66 ? n : 66);
	size_t k;

	if (!colon)
		return false;
	k = (size_t)(colon - s);
	if (k + 1 < n && !fmt_isblank(s[k + 1]))
		return false;
	if (!name_ok(s, k))
		return false;
	*namelen = k;
	for (k++; k < n && fmt_isblank(s[k]); k++)
		;
	*textoff = k;
	return true;
}

static bool parse_field(const char *s, size_t n, size_t *i, size_t maxdigits,
			double *v, size_t *ndigits)
{
	size_t start = *i;

	*v = 0;
	while (*i < n && fmt_isdigit(s[*i]) && *i - start < maxdigits)
		*v = *v * 10 + (s[(*i)++] - '0');
	*ndigits = *i - start;
	return *ndigits > 0;
}

bool fmt_parse_hms(const char *s, size_t n, bool hours_required, double *t)
{
	double f[3];
	size_t i = 0, nf = 0, nd;

	while (nf < 3) {
		if (!parse_field(s, n, &i, nf ? 2 : 6, &f[nf], &nd))
			return false;
		if (nf && (nd != 2 || f[nf] > 59))
			return false;
		nf++;
		if (i >= n || s[i] != ':')
			break;
		i++;
	}
	if (i != n || nf < (hours_required ? 3u : 2u))
		return false;
	*t = nf == 3 ? f[0] * 3600 + f[1] * 60 + f[2] : f[0] * 60 + f[1];
	return true;
}

static size_t rtrim_len(const char *s, size_t n)
{
	while (n && fmt_isblank(s[n - 1]))
		n--;
	return n;
}

bool fmt_clock_line(const char *s, size_t n, double *t)
{
	size_t i = 0;

	while (i < n && fmt_isblank(s[i]))
		i++;
	n = rtrim_len(s, n);
	return n > i && n - i <= 9 && fmt_parse_hms(s + i, n - i, true, t);
}

bool fmt_zoom_header(const char *s, size_t n, size_t *nameoff, size_t *namelen,
		     double *t)
{
	size_t sp;

	n = rtrim_len(s, n);
	if (n < 4 || s[0] != '[')
		return false;
	for (sp = n; sp > 0 && s[sp - 1] != ' '; sp--)
		;
	if (sp < 3 || s[sp - 2] != ']' || !fmt_parse_hms(s + sp, n - sp, true, t))
		return false;
	*nameoff = 1;
	*namelen = sp - 3;
	return *namelen > 0 && *namelen <= 128;
}

bool fmt_otter_header(const char *s, size_t n, size_t *namelen, double *t)
{
	size_t sp, end;

	n = rtrim_len(s, n);
	for (sp = n; sp > 0 && !fmt_isblank(s[sp - 1]); sp--)
		;
	if (sp == 0 || sp == n || !fmt_parse_hms(s + sp, n - sp, false, t))
		return false;
	end = rtrim_len(s, sp);
	if (!name_ok(s, end))
		return false;
	*namelen = end;
	return true;
}

static bool blank_line(const struct fmt_line *l)
{
	return rtrim_len(l->s, l->len) == 0;
}

/* A line of "Name: text" talk at time t (plain, Meet). */
static int talk_line(struct fmt_cues *out, const struct fmt_line *l, double t,
		     struct candor_error *err)
{
	size_t namelen, off;

	if (out->n && !fmt_speaker_prefix(l->s, l->len, &namelen, &off))
		return fmt_cues_add_line(out, l->s, l->len, err);
	return fmt_cues_add(out, NULL, 0, t, -1, NULL, 0, l->s, l->len, l->no, err);
}

int fmt_read_plain(struct fmt_cues *out, const struct fmt_input *in,
		   struct candor_error *err)
{
	struct fmt_cursor cur;
	struct fmt_line l;
	int rc = 0;

	fmt_cursor_init(&cur, in);
	while (!rc && fmt_cursor_next(&cur, &l))
		if (!blank_line(&l))
			rc = talk_line(out, &l, -1, err);
	return rc;
}

static bool starts_with(const struct fmt_line *l, const char *prefix)
{
	size_t n = strlen(prefix);

	return l->len >= n && !memcmp(l->s, prefix, n);
}

static bool meet_footer(const struct fmt_line *l)
{
	return starts_with(l, "Meeting ended after ") ||
	       starts_with(l, "This editable transcript was computer generated");
}

/* "Meeting ended after 00:07:12 ..." gives the end of the last cues. */
static void meet_ended(const struct fmt_line *l, double *ended)
{
	size_t start = strlen("Meeting ended after "), end = start;
	double t;

	while (end < l->len && (fmt_isdigit(l->s[end]) || l->s[end] == ':'))
		end++;
	if (fmt_parse_hms(l->s + start, end - start, false, &t))
		*ended = t;
}

static void meet_last_ends(struct fmt_cues *out, double ended)
{
	double last = out->n ? out->v[out->n - 1].start : -1;

	for (size_t i = out->n; i-- > 0 && out->v[i].start == last;)
		if (ended > out->v[i].start)
			out->v[i].end = ended;
}

int fmt_read_meet(struct fmt_cues *out, const struct fmt_input *in,
		  struct candor_error *err)
{
	struct fmt_cursor cur;
	struct fmt_line l;
	double t = -1, m, ended = -1;
	size_t namelen, off;
	int rc = 0;

	fmt_cursor_init(&cur, in);
	while (!rc && fmt_cursor_next(&cur, &l)) {
		if (starts_with(&l, "Meeting ended after "))
			meet_ended(&l, &ended);
		if (blank_line(&l) || meet_footer(&l))
			continue;
		if (fmt_clock_line(l.s, l.len, &m))
			t = m;
		else if (t >= 0 || fmt_speaker_prefix(l.s, l.len, &namelen, &off))
			rc = talk_line(out, &l, t < 0 ? 0 : t, err);
	}
	if (!rc) {
		fmt_cues_fill_ends(out);
		meet_last_ends(out, ended);
	}
	return rc;
}

typedef bool (*header_fn)(const char *s, size_t n, size_t *nameoff,
			  size_t *namelen, double *t);

static bool zoom_header(const char *s, size_t n, size_t *nameoff, size_t *namelen,
			double *t)
{
	return fmt_zoom_header(s, n, nameoff, namelen, t);
}

static bool otter_header(const char *s, size_t n, size_t *nameoff, size_t *namelen,
			 double *t)
{
	*nameoff = 0;
	return fmt_otter_header(s, n, namelen, t);
}

static bool otter_footer(const struct fmt_line *l)
{
	return starts_with(l, "Transcribed by https://otter.ai");
}

/*
 * Blocks of a header line and text lines (Zoom chat, Otter).  clock: the
 * times are wall-clock times, made relative to the first block.
 */
static int read_blocks(struct fmt_cues *out, const struct fmt_input *in,
		       header_fn header, bool clock, struct candor_error *err)
{
	struct fmt_cursor cur;
	struct fmt_line l;
	double t, first = -1;
	size_t off, len;
	int rc = 0;

	fmt_cursor_init(&cur, in);
	while (!rc && fmt_cursor_next(&cur, &l)) {
		if (blank_line(&l) || otter_footer(&l))
			continue;
		if (header(l.s, l.len, &off, &len, &t)) {
			if (clock && first < 0)
				first = t;
			if (clock)
				t = t >= first ? t - first : t + 86400 - first;
			rc = fmt_cues_add(out, NULL, 0, t, -1, NULL, 0, NULL, 0, l.no, err);
			if (!rc)
				rc = fmt_cues_set_speaker(out, l.s + off, len, err);
		} else if (out->n) {
			rc = fmt_cues_add_line(out, l.s, l.len, err);
		} else {
			rc = fmt_cues_add(out, NULL, 0, -1, -1, NULL, 0, l.s, l.len, l.no, err);
		}
	}
	if (!rc)
		fmt_cues_fill_ends(out);
	return rc;
}

int fmt_read_zoom_chat(struct fmt_cues *out, const struct fmt_input *in,
		       struct candor_error *err)
{
	return read_blocks(out, in, zoom_header, true, err);
}

int fmt_read_otter(struct fmt_cues *out, const struct fmt_input *in,
		   struct candor_error *err)
{
	return read_blocks(out, in, otter_header, false, err);
}
