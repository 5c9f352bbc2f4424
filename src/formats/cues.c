/*
 * cues.c: the line cursor and the growing cue list the readers share.
 */
#include "util/common.h"
#include "util/error.h"
#include "formats/reader.h"

void fmt_cursor_init(struct fmt_cursor *c, const struct fmt_input *in)
{
	c->in = in;
	c->pos = 0;
	c->no = 1;
}

bool fmt_cursor_next(struct fmt_cursor *c, struct fmt_line *out)
{
	const char *start, *nl;
	size_t left;

	if (c->pos >= c->in->len)
		return false;
	start = c->in->s + c->pos;
	left = c->in->len - c->pos;
	nl = memchr(start, '\n', left);
	out->s = start;
	out->len = nl ? (size_t)(nl - start) : left;
	out->no = c->no++;
	c->pos += out->len + (nl ? 1 : 0);
	return true;
}

char *fmt_strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int fmt_excerpt(const char *s, size_t n)
{
	if (n <= 80)
		return (int)n;
	n = 80;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

int fmt_oom(struct candor_error *err)
{
	return candor_error_set(err, CANDOR_ERROR, NULL, "out of memory reading a transcript");
}

void fmt_cue_release(struct candor_cue *c)
{
	free(c->id);
	free(c->settings);
	free(c->text);
	free(c->speaker);
	free(c->plain);
	memset(c, 0, sizeof(*c));
}

void fmt_cues_release(struct fmt_cues *cues)
{
	for (size_t i = 0; i < cues->n; i++)
		fmt_cue_release(&cues->v[i]);
	free(cues->v);
	memset(cues, 0, sizeof(*cues));
}

static int cues_grow(struct fmt_cues *cues)
{
	size_t cap;
	struct candor_cue *v;

	if (cues->n < cues->alloc)
		return 0;
	cap = cues->alloc ? cues->alloc * 2 : 64;
	if (cap > SIZE_MAX / sizeof(*v))
		return CANDOR_ERROR;
	v = realloc(cues->v, cap * sizeof(*v));
	if (!v)
		return CANDOR_ERROR;
	cues->v = v;
	cues->alloc = cap;
	return 0;
}

int fmt_cues_add(struct fmt_cues *cues, const char *id, size_t idlen,
		 double start, double end, const char *settings, size_t settingslen,
		 const char *text, size_t textlen, size_t line,
		 struct candor_error *err)
{
	struct candor_cue c = { 0 };

	if (cues_grow(cues))
		return fmt_oom(err);
	c.id = fmt_strndup(id ? id : "", id ? idlen : 0);
	c.settings = fmt_strndup(settings ? settings : "", settings ? settingslen : 0);
	c.text = fmt_strndup(text ? text : "", text ? textlen : 0);
	c.speaker = fmt_strndup("", 0);
	c.plain = fmt_strndup("", 0);
	c.start = start;
	c.end = end;
	c.line = line;
	if (!c.id || !c.settings || !c.text || !c.speaker || !c.plain) {
		fmt_cue_release(&c);
		return fmt_oom(err);
	}
	cues->v[cues->n++] = c;
	cues->textlen = text ? textlen : 0;
	cues->textalloc = cues->textlen + 1;
	return 0;
}

int fmt_cues_add_line(struct fmt_cues *cues, const char *s, size_t n,
		      struct candor_error *err)
{
	struct candor_cue *c = &cues->v[cues->n - 1];
	size_t nl = cues->textlen ? 1 : 0, want = cues->textlen + nl + n + 1;
	size_t cap = cues->textalloc;
	char *p;

	if (want > cap) {
		while (cap < want)
			cap = cap < 64 ? 64 : cap * 2;
		if (!(p = realloc(c->text, cap)))
			return fmt_oom(err);
		c->text = p;
		cues->textalloc = cap;
	}
	if (nl)
		c->text[cues->textlen] = '\n';
	if (n)
		memcpy(c->text + cues->textlen + nl, s, n);
	cues->textlen += nl + n;
	c->text[cues->textlen] = '\0';
	return 0;
}

int fmt_cues_set_speaker(struct fmt_cues *cues, const char *s, size_t n,
			 struct candor_error *err)
{
	struct candor_cue *c = &cues->v[cues->n - 1];
	char *p = fmt_strndup(s, n);

	if (!p)
		return fmt_oom(err);
	free(c->speaker);
	c->speaker = p;
	return 0;
}

/*
 * Walk backwards so that a run of cues sharing one start time (Meet gives
 * one marker to several lines) costs nothing extra: each cue ends where the
 * next cue with a later start begins, or at its own start.
 */
void fmt_cues_fill_ends(struct fmt_cues *cues)
{
	double later = -1;

	for (size_t i = cues->n; i-- > 0;) {
		struct candor_cue *c = &cues->v[i];
		double next = i + 1 < cues->n ? cues->v[i + 1].start : -1;

		if (next > c->start)
			later = next;
		else if (next < c->start)
			later = -1;
		if (c->start >= 0 && c->end < 0)
			c->end = later > c->start ? later : c->start;
	}
}
