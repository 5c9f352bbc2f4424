/*
 * cuetext.c: from a cue's raw text to its speaker and plain text.
 *
 * WebVTT and SRT cue text carries markup: <v Name> voice tags (Teams puts
 * the speaker there), <b>, <i>, <c.class>, <00:01.000> timestamps, <font>
 * in SRT, {\an8} overrides, and character references (&amp;, &#233;).  The
 * plain text drops the markup, decodes the references and collapses all
 * whitespace (line breaks too) to single spaces.  A speaker comes from the
 * first voice tag; failing that, from a leading "Name:" (Zoom writes the
 * speaker into the cue text that way, and so do plain transcripts).
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/error.h"
#include "formats/reader.h"

struct clean {
	struct candor_buf plain;
	struct candor_buf voice;
	bool have_voice;
	bool space;       /* whitespace seen since the last character emitted */
	bool no_gt;       /* no '>' left in the text: '<' is literal from now on */
	bool no_brace;    /* no '}' left in the text */
};

static bool is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Append s[0..n) to the plain text, whitespace runs collapsed to one space. */
static void emit(struct clean *cl, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t run = i;

		if (is_ws(s[i])) {
			cl->space = true;
			i++;
			continue;
		}
		while (run < n && !is_ws(s[run]))
			run++;
		if (cl->space && cl->plain.len)
			candor_buf_addch(&cl->plain, ' ');
		cl->space = false;
		candor_buf_add(&cl->plain, s + i, run - i);
		i = run;
	}
}

/* Encode code point cp as UTF-8 into out (4 bytes room); the length, 0 if invalid. */
static size_t utf8_encode(unsigned long cp, char *out)
{
	if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* "&#233;" or "&#xE9;" at s (s[0] == '&'): its bytes into out; consumed length or 0. */
static size_t numeric_ref(const char *s, char *out, size_t *outlen)
{
	bool hex = s[2] == 'x' || s[2] == 'X';
	size_t i = hex ? 3 : 2, start = i;
	unsigned long cp = 0;

	while (i - start < 7 && (fmt_isdigit(s[i]) ||
	       (hex && ((s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F'))))) {
		int d = fmt_isdigit(s[i]) ? s[i] - '0' : fmt_tolower(s[i]) - 'a' + 10;

		cp = cp * (hex ? 16 : 10) + (unsigned long)d;
		i++;
	}
	if (i == start || s[i] != ';')
		return 0;
	*outlen = utf8_encode(cp, out);
	return *outlen ? i + 1 : 0;
}

/* A character reference at s (s[0] == '&'): consumed length, or 0 to keep '&'. */
static size_t char_ref(const char *s, char *out, size_t *outlen)
{
	static const struct { const char *name; const char *text; } refs[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
		{ "&apos;", "'" }, { "&nbsp;", " " }, { "&lrm;", "" }, { "&rlm;", "" },
	};

	if (s[1] == '#')
		return numeric_ref(s, out, outlen);
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(refs); i++) {
		size_t n = strlen(refs[i].name);

		if (!strncmp(s, refs[i].name, n)) {
			*outlen = strlen(refs[i].text);
			memcpy(out, refs[i].text, *outlen);
			return n;
		}
	}
	return 0;
}

/* Keep the annotation of the first <v ...> tag (s points after '<'). */
static void voice_tag(struct clean *cl, const char *s, size_t n)
{
	size_t i = 1;

	if (cl->have_voice || n < 1 || s[0] != 'v' || (n > 1 && s[1] != '.' && !is_ws(s[1])))
		return;
	while (i < n && !is_ws(s[i]))
		i++;
	while (i < n && is_ws(s[i]))
		i++;
	while (n > i && is_ws(s[n - 1]))
		n--;
	cl->have_voice = true;
	candor_buf_add(&cl->voice, s + i, n - i);
}

/* A markup span at s: a tag "<...>" or an override "{\...}"; its length or 0. */
static size_t markup(struct clean *cl, const char *s)
{
	const char *close;

	if (s[0] == '<' && (s[1] == '/' || s[1] == '.' || fmt_isdigit(s[1]) ||
			    (fmt_tolower(s[1]) >= 'a' && fmt_tolower(s[1]) <= 'z'))) {
		close = cl->no_gt ? NULL : strchr(s, '>');
		if (!close) {
			cl->no_gt = true;
			return 0;
		}
		voice_tag(cl, s + 1, (size_t)(close - s - 1));
		return (size_t)(close - s) + 1;
	}
	if (s[0] == '{' && s[1] == '\\') {
		close = cl->no_brace ? NULL : strchr(s, '}');
		cl->no_brace = !close;
		return close ? (size_t)(close - s) + 1 : 0;
	}
	return 0;
}

static void clean_markup(struct clean *cl, const char *s)
{
	char ref[8];
	size_t n, reflen;

	while (*s) {
		if ((n = markup(cl, s))) {
			s += n;
		} else if (*s == '&' && (n = char_ref(s, ref, &reflen))) {
			emit(cl, ref, reflen);
			s += n;
		} else {
			/* plain text up to the next character that may start markup */
			n = 1 + strcspn(s + 1, "<&{");
			emit(cl, s, n);
			s += n;
		}
	}
}

static int set_string(char **dst, const char *s, size_t n)
{
	char *p = fmt_strndup(s, n);

	if (!p)
		return CANDOR_ERROR;
	free(*dst);
	*dst = p;
	return 0;
}

int fmt_cue_clean(struct candor_cue *c, unsigned flags, struct candor_error *err)
{
	struct clean cl = { CANDOR_BUF_INIT, CANDOR_BUF_INIT, false, false, false, false };
	size_t nameoff, namelen, off = 0;
	int rc = 0;

	if (flags & FMT_CLEAN_TAGS)
		clean_markup(&cl, c->text);
	else
		emit(&cl, c->text, strlen(c->text));
	if (candor_buf_error(&cl.plain) || candor_buf_error(&cl.voice)) {
		rc = fmt_oom(err);
		goto cleanup;
	}
	if (!c->speaker[0] && cl.have_voice) {
		rc = set_string(&c->speaker, cl.voice.ptr, cl.voice.len);
	} else if (!c->speaker[0] && (flags & FMT_CLEAN_PREFIX) &&
		   fmt_speaker_prefix(cl.plain.ptr, cl.plain.len, &nameoff, &namelen, &off)) {
		rc = set_string(&c->speaker, cl.plain.ptr + nameoff, namelen);
	}
	if (!rc)
		rc = set_string(&c->plain, cl.plain.ptr + off, cl.plain.len - off);
	if (rc)
		rc = fmt_oom(err);
cleanup:
	candor_buf_release(&cl.plain);
	candor_buf_release(&cl.voice);
	return rc;
}
