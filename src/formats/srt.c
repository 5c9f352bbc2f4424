/*
 * srt.c: the SubRip (.srt) reader.
 *
 * SRT has no specification, only habits, so this reader is lenient where
 * files in the wild differ and strict where a mistake would misplace text:
 *   - a block is an optional number line, a timing line, then text lines up
 *     to a blank line (or the end, with or without a final newline);
 *   - a timing is "H:MM:SS,mmm --> H:MM:SS,mmm"; "." for ",", one to three
 *     fraction digits, or none at all ("00:00:01") are accepted, and what
 *     follows the end time (the X1: Y1: box) is kept as settings;
 *   - text lines after a blank line that start no new block belong to the
 *     cue before them (editors leave blank lines inside cues);
 *   - a number line not followed by a timing, or a timing that does not
 *     parse, is an error naming the line.
 * Text is kept raw: <b>, <i>, <u>, <font ...> tags and {\an8} overrides are
 * removed only from the plain text.
 */
#include "util/common.h"
#include "util/error.h"
#include "formats/reader.h"

/* "H+:MM:SS[(,|.)f{1,3}]" at s[*i...]; advances *i. */
static bool srt_time(const char *s, size_t n, size_t *i, double *out)
{
	size_t start = *i, end, frac = 0;
	double t, f = 0, scale = 1;

	while (*i < n && (fmt_isdigit(s[*i]) || s[*i] == ':'))
		(*i)++;
	end = *i;
	if (!fmt_parse_hms(s + start, end - start, false, &t))
		return false;
	if (*i < n && (s[*i] == ',' || s[*i] == '.')) {
		(*i)++;
		while (*i < n && fmt_isdigit(s[*i]) && frac < 3) {
			scale /= 10;
			f += (s[*i] - '0') * scale;
			(*i)++;
			frac++;
		}
		if (!frac || (*i < n && fmt_isdigit(s[*i])))
			return false;
	}
	*out = t + f;
	return true;
}

static bool srt_timing(const char *s, size_t n, double *start, double *end,
		       size_t *settings)
{
	size_t i = 0;

	while (i < n && fmt_isblank(s[i]))
		i++;
	if (!srt_time(s, n, &i, start))
		return false;
	while (i < n && fmt_isblank(s[i]))
		i++;
	if (n - i < 3 || memcmp(s + i, "-->", 3))
		return false;
	i += 3;
	while (i < n && fmt_isblank(s[i]))
		i++;
	if (!srt_time(s, n, &i, end))
		return false;
	if (i < n && !fmt_isblank(s[i]))
		return false;
	while (i < n && fmt_isblank(s[i]))
		i++;
	*settings = i;
	return true;
}

bool fmt_is_srt_timing(const char *s, size_t n)
{
	double a, b;
	size_t off;

	return srt_timing(s, n, &a, &b, &off);
}

bool fmt_is_digits(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && fmt_isblank(s[n - 1]))
		n--;
	if (!n || n > 18)
		return false;
	for (i = 0; i < n; i++)
		if (!fmt_isdigit(s[i]))
			return false;
	return true;
}

static bool srt_has_arrow(const char *s, size_t n)
{
	for (size_t i = 0; i + 3 <= n; i++)
		if (!memcmp(s + i, "-->", 3))
			return true;
	return false;
}

static bool srt_blank(const struct fmt_line *l)
{
	for (size_t i = 0; i < l->len; i++)
		if (!fmt_isblank(l->s[i]))
			return false;
	return true;
}

/* Between blocks, a line after a number that is meant as a timing. */
static bool srt_timeish(const char *s, size_t n)
{
	return srt_has_arrow(s, n) || (n && fmt_isdigit(s[0]) && memchr(s, ':', n));
}

static int srt_bad_timing(const struct fmt_input *in, const struct fmt_line *l,
			  struct candor_error *err)
{
	return candor_error_set(err, CANDOR_EINVALID, "file",
				"'%s' line %zu: bad subtitle timing '%.*s' "
				"(expected 'HH:MM:SS,mmm --> HH:MM:SS,mmm')",
				in->name, l->no, fmt_excerpt(l->s, l->len), l->s);
}

/* Start a cue at the timing line l, with the index line idx (or none). */
static int srt_start_cue(struct fmt_cues *out, const struct fmt_input *in,
			 const struct fmt_line *idx, const struct fmt_line *l,
			 struct candor_error *err)
{
	double start, end;
	size_t off, setlen;
	size_t idlen = idx ? idx->len : 0;

	if (!srt_timing(l->s, l->len, &start, &end, &off))
		return srt_bad_timing(in, l, err);
	setlen = l->len - off;
	while (setlen && fmt_isblank(l->s[off + setlen - 1]))
		setlen--;
	while (idlen && fmt_isblank(idx->s[idlen - 1]))
		idlen--;
	return fmt_cues_add(out, idx ? idx->s : NULL, idlen, start, end,
			    l->s + off, setlen, NULL, 0, l->no, err);
}

static int srt_orphan(const struct fmt_input *in, const struct fmt_line *l,
		      struct candor_error *err)
{
	return candor_error_set(err, CANDOR_EINVALID, "file",
				"'%s' line %zu: expected a subtitle number or timing, found '%.*s'",
				in->name, l->no, fmt_excerpt(l->s, l->len), l->s);
}

/*
 * One line of the file.  *in_text: the last cue's text is being read, so a
 * line starts a new block only when it is surely one (a timing that parses,
 * or a number followed by one); between blocks any "-->" line must parse.
 */
static int srt_line(struct fmt_cues *out, const struct fmt_input *in,
		    struct fmt_cursor *cur, const struct fmt_line *l,
		    bool *in_text, struct candor_error *err)
{
	struct fmt_line next;
	struct fmt_cursor peek = *cur;
	bool has_next;

	if (srt_blank(l)) {
		*in_text = false;
		return 0;
	}
	has_next = fmt_cursor_next(&peek, &next);
	if (fmt_is_digits(l->s, l->len) && has_next &&
	    (*in_text ? fmt_is_srt_timing(next.s, next.len) : srt_timeish(next.s, next.len))) {
		*cur = peek;
		*in_text = true;
		return srt_start_cue(out, in, l, &next, err);
	}
	if (*in_text ? fmt_is_srt_timing(l->s, l->len) : srt_has_arrow(l->s, l->len)) {
		*in_text = true;
		return srt_start_cue(out, in, NULL, l, err);
	}
	if (!*in_text && fmt_is_digits(l->s, l->len) && !has_next)
		return candor_error_set(err, CANDOR_EINVALID, "file",
					"'%s' line %zu: subtitle %.*s has no timing (is the file cut short?)",
					in->name, l->no, fmt_excerpt(l->s, l->len), l->s);
	if (!out->n)
		return srt_orphan(in, l, err);
	*in_text = true;
	return fmt_cues_add_line(out, l->s, l->len, err);
}

int fmt_read_srt(struct fmt_cues *out, const struct fmt_input *in,
		 struct candor_error *err)
{
	struct fmt_cursor cur;
	struct fmt_line l;
	bool in_text = false;
	int rc = 0;

	fmt_cursor_init(&cur, in);
	while (fmt_cursor_next(&cur, &l)) {
		if ((rc = srt_line(out, in, &cur, &l, &in_text, err)))
			break;
	}
	return rc;
}
