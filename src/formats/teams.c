/*
 * teams.c: what Microsoft Teams writes besides spec-conforming WebVTT.
 *
 *   - Timings without padding, "0:0:1.23 --> 0:0:4.5", as the Graph API's
 *     transcript content has them (and older Teams text exports): hours,
 *     minutes and seconds of one or two digits, an optional fraction of up
 *     to seven digits.  vtt.c reads a file whose first timing is of this
 *     kind with these timings throughout.
 *   - Cues whose payload is a JSON object, as the Graph API's metadata
 *     content gives them: <v Name>{"speakerName":"Name","spokenText":"..."}</v>
 *     (with or without the voice tag).  fmt_cue_json() takes the text and
 *     the speaker from the fields.
 *   - teams-text, the older Teams transcript saved as text: blocks of a
 *     timing line, the speaker's name on a line of its own, and the text.
 *     Lines before the first timing (a title) are a speaker-less cue.
 */
#include "util/common.h"
#include <jansson.h>
#include "util/buf.h"
#include "util/error.h"
#include "formats/reader.h"
#include "util/json-text.h"
#include "util/utf8.h"

/* digits[1, max] at s[*i...] into *v; false when none. */
static bool digits(const char *s, size_t n, size_t *i, size_t max, double *v)
{
	size_t start = *i;

	*v = 0;
	while (*i < n && fmt_isdigit(s[*i]) && *i - start < max)
		*v = *v * 10 + (s[(*i)++] - '0');
	return *i > start && !(*i < n && fmt_isdigit(s[*i]));
}

/* "H:M:S[.f]" with fields of one or two digits (hours up to four). */
static bool teams_time(const char *s, size_t n, size_t *i, double *out)
{
	double h, m, sec, f = 0, scale = 1;

	if (!digits(s, n, i, 4, &h) || *i >= n || s[*i] != ':')
		return false;
	(*i)++;
	if (!digits(s, n, i, 2, &m) || m > 59 || *i >= n || s[*i] != ':')
		return false;
	(*i)++;
	if (!digits(s, n, i, 2, &sec) || sec > 59)
		return false;
	if (*i < n && (s[*i] == '.' || s[*i] == ',')) {
		size_t start = ++(*i);

		while (*i < n && fmt_isdigit(s[*i]) && *i - start < 7) {
			scale /= 10;
			f += (s[(*i)++] - '0') * scale;
		}
		if (*i == start || (*i < n && fmt_isdigit(s[*i])))
			return false;
	}
	*out = h * 3600 + m * 60 + sec + f;
	return true;
}

/* The timing and the offset of what follows it (settings); see reader.h. */
bool fmt_teams_timing_at(const char *s, size_t n, double *start, double *end,
			 size_t *settings)
{
	size_t i = 0;

	while (i < n && fmt_isblank(s[i]))
		i++;
	if (!teams_time(s, n, &i, start))
		return false;
	while (i < n && fmt_isblank(s[i]))
		i++;
	if (n - i < 3 || memcmp(s + i, "-->", 3))
		return false;
	i += 3;
	while (i < n && fmt_isblank(s[i]))
		i++;
	if (!teams_time(s, n, &i, end) || (i < n && !fmt_isblank(s[i])))
		return false;
	while (i < n && fmt_isblank(s[i]))
		i++;
	*settings = i;
	return true;
}

bool fmt_teams_timing(const char *s, size_t n, double *start, double *end)
{
	size_t off;

	return fmt_teams_timing_at(s, n, start, end, &off);
}

/* --- JSON payloads --------------------------------------------------------- */

/* The cue text inside its <v ...> ... </v> (or all of it), trimmed. */
static void payload(const char *text, const char **s, size_t *n)
{
	const char *p = text, *close;
	size_t len = strlen(text);

	if (!strncmp(p, "<v", 2) && (p[2] == ' ' || p[2] == '\t' || p[2] == '.') &&
	    (close = strchr(p, '>'))) {
		len -= (size_t)(close + 1 - p);
		p = close + 1;
	}
	while (len && strchr(" \t\n", p[len - 1]))
		len--;
	if (len >= 4 && !memcmp(p + len - 4, "</v>", 4))
		len -= 4;
	while (len && strchr(" \t\n", *p))
		p++, len--;
	while (len && strchr(" \t\n", p[len - 1]))
		len--;
	*s = p;
	*n = len;
}

static int set_collapsed(char **dst, const char *s)
{
	struct candor_buf b = CANDOR_BUF_INIT;
	bool space = false;

	for (; *s; s++) {
		if (strchr(" \t\n\r\f\v", *s)) {
			space = true;
			continue;
		}
		if (space && b.len)
			candor_buf_addch(&b, ' ');
		space = false;
		candor_buf_addch(&b, *s);
	}
	if (candor_buf_error(&b) || !(s = candor_buf_detach(&b, NULL))) {
		candor_buf_release(&b);
		return CANDOR_ERROR;
	}
	free(*dst);
	*dst = (char *)s;
	return 0;
}

int fmt_cue_json(struct candor_cue *c, const struct fmt_input *in, struct candor_error *err)
{
	json_error_t jerr;
	bool oom = false;
	json_t *j = NULL, *text, *name;
	const char *s;
	size_t n;
	int rc = 0;

	payload(c->text, &s, &n);
	if (n < 2 || s[0] != '{' || s[1] != '"')
		return 0;
	if (!(j = candor_json_readb(s, n, 0, &jerr, &oom))) {
		if (oom) {
			rc = fmt_oom(err);
			goto cleanup;
		}
		/* jansson's message may quote the bad bytes: keep it text */
		jerr.text[candor_utf8_check(jerr.text, strlen(jerr.text))] = '\0';
		rc = candor_error_set(err, CANDOR_EINVALID, "text",
				      "'%s' line %zu: the cue's JSON payload does not parse (%s)",
				      in->name, c->line, jerr.text);
		goto cleanup;
	}
	if (!json_is_object(j) || !json_is_string(text = json_object_get(j, "spokenText"))) {
		rc = candor_error_set(err, CANDOR_EINVALID, "spokenText",
				      "'%s' line %zu: the cue's JSON payload has no \"spokenText\" "
				      "string", in->name, c->line);
		goto cleanup;
	}
	name = json_object_get(j, "speakerName");
	if (set_collapsed(&c->plain, json_string_value(text)) ||
	    (json_is_string(name) && json_string_length(name) &&
	     set_collapsed(&c->speaker, json_string_value(name))))
		rc = fmt_oom(err);
cleanup:
	json_decref(j);
	return rc;
}

/* --- teams-text ------------------------------------------------------------ */

static size_t rtrim(const char *s, size_t n)
{
	while (n && fmt_isblank(s[n - 1]))
		n--;
	return n;
}

static bool has_arrow(const char *s, size_t n)
{
	for (size_t i = 0; i + 3 <= n; i++)
		if (!memcmp(s + i, "-->", 3))
			return true;
	return false;
}

int fmt_read_teams_text(struct fmt_cues *out, const struct fmt_input *in,
			struct candor_error *err)
{
	struct fmt_cursor cur;
	struct fmt_line l;
	bool want_speaker = false;
	double start, end;
	int rc = 0;

	fmt_cursor_init(&cur, in);
	while (!rc && fmt_cursor_next(&cur, &l)) {
		size_t n = rtrim(l.s, l.len);

		if (!n) {
			want_speaker = false;
		} else if (fmt_teams_timing(l.s, n, &start, &end)) {
			rc = fmt_cues_add(out, NULL, 0, start, end, NULL, 0, NULL, 0, l.no, err);
			want_speaker = true;
		} else if (has_arrow(l.s, n)) {
			rc = candor_error_set(err, CANDOR_EINVALID, "timing",
					      "'%s' line %zu: bad timing '%.*s' (expected "
					      "'0:0:1.5 --> 0:0:4.2')", in->name, l.no,
					      fmt_excerpt(l.s, n), l.s);
		} else if (want_speaker && fmt_name_ok(l.s, n)) {
			rc = fmt_cues_set_speaker(out, l.s, n, err);
			want_speaker = false;
		} else if (out->n) {
			rc = fmt_cues_add_line(out, l.s, n, err);
			want_speaker = false;
		} else {
			rc = fmt_cues_add(out, NULL, 0, -1, -1, NULL, 0, l.s, n, l.no, err);
		}
	}
	return rc;
}
