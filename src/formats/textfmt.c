/*
 * textfmt.c: the plain-text transcript readers.
 *
 *   plain      "Name: text" lines; a line without a name continues the cue
 *              before it; no timings.
 *   meet       Google Meet: "Name: text" lines under "00:05:00" markers;
 *              lines before the first marker (title, attendees) and the
 *              closing lines ("Meeting ended after ...", "This editable
 *              transcript ...") are not talk and are skipped.
 *   otter      "Name  0:34" then the text; times are already offsets.
 *              Otter's and Teams' text exports both look like this; Teams'
 *              "Name started transcription" lines are events, not talk, and
 *              Otter's "Transcribed by https://otter.ai" is skipped.
 *   fathom     "0:07 - Name" then the text (indented); what comes before
 *              the first header is Fathom's preamble (title, "VIEW
 *              RECORDING" link, "---") and is skipped.
 *
 * A name in Markdown bold ("**Name**  0:34", "**Name:** text", as an Otter
 * export edited in a Markdown editor has them) is read without the
 * asterisks.  Text before the first recognised speaker is kept as a
 * speaker-less cue rather than dropped (not in Fathom).  The cue text is
 * the lines as read; the speaker prefix of plain and Meet lines is taken
 * off in cuetext.c.  The chats (Zoom, Meet) are read in chat.c.
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
bool fmt_name_ok(const char *s, size_t n)
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

static size_t md_marker(const char *s, size_t n)
{
	if (n >= 2 && (!memcmp(s, "**", 2) || !memcmp(s, "__", 2)))
		return 2;
	return n >= 1 && s[0] == '*' ? 1 : 0;
}

void fmt_md_unwrap(const char **s, size_t *n)
{
	size_t m;

	while ((m = md_marker(*s, *n)) && *n >= 2 * m + 1 &&
	       !memcmp(*s + *n - m, *s, m)) {
		*s += m;
		*n -= 2 * m;
	}
}

bool fmt_speaker_prefix(const char *s, size_t n, size_t *nameoff, size_t *namelen,
			size_t *textoff)
{
	size_t m = md_marker(s, n), k, off = m, len, close = 0;
	const char *colon = memchr(s, ':', n < 66 + 2 * m ? n : 66 + 2 * m);

	if (!colon)
		return false;
	k = (size_t)(colon - s);
	/* "**Name:** text": the closing marker is after the colon */
	if (m && k + 1 + m <= n && !memcmp(s + k + 1, s, m))
		close = m;
	if (k + 1 + close < n && !fmt_isblank(s[k + 1 + close]))
		return false;
	len = k - off;
	/* "**Name**: text": before it */
	if (m && !close) {
		if (len < m || memcmp(s + k - m, s, m))
			return false;
		len -= m;
	}
	if (!fmt_name_ok(s + off, len))
		return false;
	*nameoff = off;
	*namelen = len;
	for (k += 1 + close; k < n && fmt_isblank(s[k]); k++)
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

bool fmt_otter_header(const char *s, size_t n, size_t *nameoff, size_t *namelen, double *t)
{
	const char *line = s, *name, *time;
	size_t sp, namen, timen;

	n = rtrim_len(s, n);
	fmt_md_unwrap(&s, &n);  /* "**Name  0:34**" */
	for (sp = n; sp > 0 && !fmt_isblank(s[sp - 1]); sp--)
		;
	if (sp == 0 || sp == n)
		return false;
	time = s + sp;
	timen = n - sp;
	fmt_md_unwrap(&time, &timen);
	if (!fmt_parse_hms(time, timen, false, t))
		return false;
	name = s;
	namen = rtrim_len(s, sp);
	fmt_md_unwrap(&name, &namen);
	if (!fmt_name_ok(name, namen))
		return false;
	*nameoff = (size_t)(name - line);
	*namelen = namen;
	return true;
}

bool fmt_fathom_header(const char *s, size_t n, size_t *nameoff, size_t *namelen, double *t)
{
	const char *dash = memchr(s, '-', n < 16 ? n : 16), *name;
	size_t k, namen;

	if (!dash || dash == s || dash[-1] != ' ' || (size_t)(dash - s) + 1 >= n ||
	    dash[1] != ' ')
		return false;
	k = (size_t)(dash - s) - 1;
	if (!fmt_parse_hms(s, k, false, t))
		return false;
	name = dash + 2;
	namen = rtrim_len(name, n - (size_t)(name - s));
	fmt_md_unwrap(&name, &namen);
	if (!fmt_name_ok(name, namen))
		return false;
	*nameoff = (size_t)(name - s);
	*namelen = namen;
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
	size_t nameoff, namelen, off;

	if (out->n && !fmt_speaker_prefix(l->s, l->len, &nameoff, &namelen, &off))
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
	size_t nameoff, namelen, off;
	int rc = 0;

	fmt_cursor_init(&cur, in);
	while (!rc && fmt_cursor_next(&cur, &l)) {
		if (starts_with(&l, "Meeting ended after "))
			meet_ended(&l, &ended);
		if (blank_line(&l) || meet_footer(&l))
			continue;
		if (fmt_clock_line(l.s, l.len, &m))
			t = m;
		else if (t >= 0 || fmt_speaker_prefix(l.s, l.len, &nameoff, &namelen, &off))
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

static bool otter_skip(const struct fmt_line *l)
{
	static const char *const events[] = { " started transcription", " stopped transcription" };

	if (starts_with(l, "Transcribed by https://otter.ai"))
		return true;
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(events); i++) {
		size_t n = strlen(events[i]), len = rtrim_len(l->s, l->len);

		if (len > n && !memcmp(l->s + len - n, events[i], n) &&
		    fmt_name_ok(l->s, len - n))
			return true;
	}
	return false;
}

/* "0:7 - Name": a Fathom header whose time does not parse. */
static bool fathom_bad_header(const struct fmt_line *l)
{
	const char *dash = memchr(l->s, '-', l->len < 16 ? l->len : 16);
	size_t k, namen;
	double t;

	if (!dash || dash == l->s || dash[-1] != ' ' || !fmt_isdigit(l->s[0]) ||
	    (size_t)(dash - l->s) + 2 > l->len || dash[1] != ' ')
		return false;
	k = (size_t)(dash - l->s) - 1;
	for (size_t i = 0; i < k; i++)
		if (!fmt_isdigit(l->s[i]) && l->s[i] != ':')
			return false;
	namen = rtrim_len(dash + 2, l->len - k - 3);
	return memchr(l->s, ':', k) && !fmt_parse_hms(l->s, k, false, &t) &&
	       fmt_name_ok(dash + 2, namen);
}

/*
 * Blocks of a header line and text lines (Otter, Teams text, Fathom).
 * preamble: what comes before the first header is skipped.
 */
static int read_blocks(struct fmt_cues *out, const struct fmt_input *in,
		       header_fn header, bool preamble, struct candor_error *err)
{
	struct fmt_cursor cur;
	struct fmt_line l;
	double t;
	size_t off, len;
	int rc = 0;

	fmt_cursor_init(&cur, in);
	while (!rc && fmt_cursor_next(&cur, &l)) {
		if (blank_line(&l) || otter_skip(&l))
			continue;
		if (header(l.s, l.len, &off, &len, &t)) {
			rc = fmt_cues_add(out, NULL, 0, t, -1, NULL, 0, NULL, 0, l.no, err);
			if (!rc)
				rc = fmt_cues_set_speaker(out, l.s + off, len, err);
		} else if (preamble && fathom_bad_header(&l)) {
			rc = candor_error_set(err, CANDOR_EINVALID, "time",
					      "'%s' line %zu: bad time in the header '%.*s' "
					      "(expected '0:07 - Name')", in->name, l.no,
					      fmt_excerpt(l.s, l.len), l.s);
		} else if (out->n) {
			rc = fmt_cues_add_line(out, l.s, l.len, err);
		} else if (!preamble) {
			rc = fmt_cues_add(out, NULL, 0, -1, -1, NULL, 0, l.s, l.len, l.no, err);
		}
	}
	if (!rc)
		fmt_cues_fill_ends(out);
	return rc;
}

int fmt_read_otter(struct fmt_cues *out, const struct fmt_input *in,
		   struct candor_error *err)
{
	return read_blocks(out, in, fmt_otter_header, false, err);
}

int fmt_read_fathom(struct fmt_cues *out, const struct fmt_input *in,
		    struct candor_error *err)
{
	return read_blocks(out, in, fmt_fathom_header, true, err);
}
