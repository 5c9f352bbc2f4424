/*
 * vtt.c: the WebVTT reader, after the W3C WebVTT file parsing algorithm
 * (https://www.w3.org/TR/webvtt1/#file-parsing).
 *
 * The input reaches us with the spec's preprocessing done (CR LF and CR made
 * LF, BOM dropped; NUL bytes are refused earlier rather than replaced).  We
 * follow the spec's steps for the signature, the header block, blocks and
 * cue timings, so that cues, ids and raw cue text come out exactly as a
 * conforming parser yields them; blocks whose timings do not parse are
 * dropped, as the spec says, and counted in nskipped.  STYLE, REGION and
 * NOTE blocks produce no cue, which is all the spec asks of them here; the
 * style sheets and regions themselves are not kept.
 *
 * One departure, for one dialect: Teams transcripts fetched from the
 * Microsoft Graph API have timings without padding ("0:0:1.23 --> 0:0:4.5"),
 * which the spec drops, leaving nothing.  A file whose first timing line
 * fails the spec but reads as such a timing (teams.c) is read with those
 * timings throughout; every other file exactly as the spec says.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/error.h"
#include "formats/reader.h"

struct vtt {
	const char *s;
	size_t len;
	size_t pos;    /* the spec's "position" */
	size_t no;     /* line number of the line at pos */
	struct fmt_cues *cues;
	struct candor_buf buf;
	int dialect;   /* 0: not known yet; 1: the spec's timings; 2: Teams' (Graph) */
};

static bool vtt_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* Collect the line at p->pos; *eof when it ran to the end of input. */
static void vtt_line(struct vtt *p, const char **s, size_t *n, bool *eof)
{
	const char *start = p->s + p->pos;
	const char *nl = memchr(start, '\n', p->len - p->pos);

	*s = start;
	*n = nl ? (size_t)(nl - start) : p->len - p->pos;
	p->pos += *n;
	*eof = p->pos >= p->len;
	if (!*eof) {
		p->pos++;
		p->no++;
	}
}

static void vtt_skip_newlines(struct vtt *p)
{
	while (p->pos < p->len && p->s[p->pos] == '\n') {
		p->pos++;
		p->no++;
	}
}

/* Collect ASCII digits from s[*i]: their count, value capped to avoid overflow. */
static size_t vtt_digits(const char *s, size_t n, size_t *i, double *value)
{
	size_t start = *i;

	*value = 0;
	while (*i < n && fmt_isdigit(s[*i])) {
		if (*value < 1e15)
			*value = *value * 10 + (s[*i] - '0');
		(*i)++;
	}
	return *i - start;
}

/* The spec's "collect a WebVTT timestamp". */
static bool vtt_timestamp(const char *s, size_t n, size_t *i, double *out)
{
	double v1, v2, v3, v4;
	size_t len1;
	bool hours;

	if (*i >= n || !fmt_isdigit(s[*i]))
		return false;
	len1 = vtt_digits(s, n, i, &v1);
	hours = len1 != 2 || v1 > 59;
	if (*i >= n || s[*i] != ':')
		return false;
	(*i)++;
	if (*i >= n || !fmt_isdigit(s[*i]) || vtt_digits(s, n, i, &v2) != 2)
		return false;
	if (hours || (*i < n && s[*i] == ':')) {
		if (*i >= n || s[*i] != ':')
			return false;
		(*i)++;
		if (*i >= n || !fmt_isdigit(s[*i]) || vtt_digits(s, n, i, &v3) != 2)
			return false;
	} else {
		v3 = v2;
		v2 = v1;
		v1 = 0;
	}
	if (*i >= n || s[*i] != '.')
		return false;
	(*i)++;
	if (*i >= n || !fmt_isdigit(s[*i]) || vtt_digits(s, n, i, &v4) != 3)
		return false;
	if (v2 > 59 || v3 > 59)
		return false;
	*out = v1 * 3600 + v2 * 60 + v3 + v4 / 1000;
	return true;
}

/*
 * The spec's "collect WebVTT cue timings and settings": the settings are
 * kept as written (trimmed), not interpreted.
 */
static bool vtt_timings(const char *s, size_t n, double *start, double *end,
			size_t *settings, size_t *settingslen)
{
	size_t i = 0;

	while (i < n && vtt_ws(s[i]))
		i++;
	if (!vtt_timestamp(s, n, &i, start))
		return false;
	while (i < n && vtt_ws(s[i]))
		i++;
	if (n - i < 3 || memcmp(s + i, "-->", 3))
		return false;
	i += 3;
	while (i < n && vtt_ws(s[i]))
		i++;
	if (!vtt_timestamp(s, n, &i, end))
		return false;
	while (i < n && vtt_ws(s[i]))
		i++;
	*settings = i;
	*settingslen = n - i;
	while (*settingslen && vtt_ws(s[i + *settingslen - 1]))
		(*settingslen)--;
	return true;
}

static bool has_arrow(const char *s, size_t n)
{
	for (size_t i = 0; i + 3 <= n; i++)
		if (s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>')
			return true;
	return false;
}

struct vtt_cue {
	bool ok;
	char *id;
	double start, end;
	const char *settings;
	size_t settingslen;
	size_t line;
};

/* A line holding "-->" at line 1, or at line 2 after an id. */
static int vtt_arrow_line(struct vtt *p, struct vtt_cue *cue, const char *s,
			  size_t n, size_t no, struct candor_error *err)
{
	size_t off = 0, len = 0;

	free(cue->id);
	cue->id = NULL;
	cue->ok = vtt_timings(s, n, &cue->start, &cue->end, &off, &len);
	if (!p->dialect)
		p->dialect = !cue->ok && fmt_teams_timing(s, n, &cue->start, &cue->end) ? 2 : 1;
	if (!cue->ok && p->dialect == 2 &&
	    (cue->ok = fmt_teams_timing_at(s, n, &cue->start, &cue->end, &off))) {
		len = n - off;
		while (len && vtt_ws(s[off + len - 1]))
			len--;
	}
	if (!cue->ok) {
		if (!p->cues->nskipped++)
			p->cues->skipped_line = no;
		return 0;
	}
	cue->id = fmt_strndup(p->buf.ptr, p->buf.len);
	if (!cue->id)
		return fmt_oom(err);
	cue->settings = s + off;
	cue->settingslen = len;
	cue->line = no;
	candor_buf_reset(&p->buf);
	return 0;
}

/*
 * The spec's "collect a WebVTT block".  Appends the cue when the block is
 * one; other blocks (header, NOTE, STYLE, REGION, garbage) leave no trace.
 */
static int vtt_block(struct vtt *p, bool in_header, struct candor_error *err)
{
	struct vtt_cue cue = { 0 };
	size_t count = 0, prev_pos = p->pos, prev_no = p->no, n, no;
	bool eof = false, seen_arrow = false;
	const char *s;
	int rc = 0;

	candor_buf_reset(&p->buf);
	while (!eof) {
		no = p->no;
		vtt_line(p, &s, &n, &eof);
		count++;
		if (has_arrow(s, n)) {
			if (in_header || !(count == 1 || (count == 2 && !seen_arrow))) {
				p->pos = prev_pos;
				p->no = prev_no;
				break;
			}
			seen_arrow = true;
			prev_pos = p->pos;
			prev_no = p->no;
			if ((rc = vtt_arrow_line(p, &cue, s, n, no, err)))
				goto cleanup;
			continue;
		}
		if (!n)
			break;
		if (p->buf.len)
			candor_buf_addch(&p->buf, '\n');
		candor_buf_add(&p->buf, s, n);
		if (candor_buf_error(&p->buf)) {
			rc = fmt_oom(err);
			goto cleanup;
		}
		prev_pos = p->pos;
		prev_no = p->no;
	}
	if (cue.ok)
		rc = fmt_cues_add(p->cues, cue.id, strlen(cue.id), cue.start, cue.end,
				  cue.settings, cue.settingslen, p->buf.ptr, p->buf.len,
				  cue.line, err);
cleanup:
	free(cue.id);
	return rc;
}

static bool vtt_signature(const char *s, size_t n)
{
	return n >= 6 && !memcmp(s, "WEBVTT", 6) &&
	       (n == 6 || s[6] == ' ' || s[6] == '\t' || s[6] == '\n');
}

int fmt_read_vtt(struct fmt_cues *out, const struct fmt_input *in,
		 struct candor_error *err)
{
	struct vtt p = { in->s, in->len, 0, 1, out, CANDOR_BUF_INIT, 0 };
	const char *s;
	size_t n;
	bool eof;
	int rc = 0;

	candor_buf_init(&p.buf, CANDOR_TRANSCRIPT_MAX_BYTES);
	if (!vtt_signature(in->s, in->len)) {
		rc = candor_error_set(err, CANDOR_EINVALID, "file",
				      "'%s' line 1: a WebVTT file must start with 'WEBVTT'",
				      in->name);
		goto cleanup;
	}
	vtt_line(&p, &s, &n, &eof);
	if (eof)
		goto cleanup;
	if (p.pos < p.len && p.s[p.pos] != '\n' && (rc = vtt_block(&p, true, err)))
		goto cleanup;
	vtt_skip_newlines(&p);
	while (p.pos < p.len) {
		if ((rc = vtt_block(&p, false, err)))
			goto cleanup;
		vtt_skip_newlines(&p);
	}
cleanup:
	candor_buf_release(&p.buf);
	return rc;
}
