/*
 * transcript.c: reading a transcript (see transcript.h).
 *
 * The steps: check and normalise the input (size, NUL bytes, UTF-8, line
 * length; drop a BOM; make every line end LF), tell the format from the
 * content, run that reader, clean each cue (speaker, plain text), then merge
 * cues into utterances and list the speakers.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/error.h"
#include "formats/reader.h"

const char *candor_format_name(enum candor_format format)
{
	switch (format) {
	case CANDOR_FORMAT_VTT: return "vtt";
	case CANDOR_FORMAT_SRT: return "srt";
	case CANDOR_FORMAT_PLAIN: return "plain";
	case CANDOR_FORMAT_ZOOM_CHAT: return "zoom-chat";
	case CANDOR_FORMAT_OTTER: return "otter";
	case CANDOR_FORMAT_MEET: return "meet";
	}
	return "unknown";
}

int candor_format_parse(enum candor_format *out, const char *name,
			struct candor_error *err)
{
	for (int f = CANDOR_FORMAT_VTT; f <= CANDOR_FORMAT_MEET; f++) {
		if (!strcmp(name, candor_format_name((enum candor_format)f))) {
			*out = (enum candor_format)f;
			return 0;
		}
	}
	return candor_error_set(err, CANDOR_EINVALID, "format",
				"unknown transcript format '%s' (use vtt, srt, plain, "
				"zoom-chat, otter or meet)", name);
}

/* Length of the valid UTF-8 sequence at s (lead byte >= 0x80), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
	uint32_t cp;

	if (s[0] < 0xC2 || s[0] > 0xF4 || n < len)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	cp = len == 2 ? (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F)
	   : len == 3 ? (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F)
	   : (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
	     (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
	if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return len;
}

static int bad_byte(const char *name, size_t line, size_t col, bool nul,
		    struct candor_error *err)
{
	if (nul)
		return candor_error_set(err, CANDOR_EINVALID, "file",
					"'%s' line %zu: NUL byte at column %zu (is this a binary file?)",
					name, line, col);
	return candor_error_set(err, CANDOR_EINVALID, "file",
				"'%s' line %zu: invalid UTF-8 at byte %zu of the line "
				"(save the transcript as UTF-8)", name, line, col);
}

/*
 * Copy data into a new NUL-terminated string with LF line ends and no BOM,
 * checking it on the way.  *out is malloc'd (the caller frees it).
 */
int fmt_normalize(char **out, size_t *outlen, const char *data, size_t len,
		  const char *name, struct candor_error *err)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0, o = 0, line = 1, col = 0, n;
	char *p = NULL;
	int rc = 0;

	if (len > CANDOR_TRANSCRIPT_MAX_BYTES)
		return candor_error_set(err, CANDOR_EINVALID, "file",
					"'%s' is too large for a transcript (over 512 MiB)", name);
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = 3;
	if (!(p = malloc(len - i + 1)))
		return fmt_oom(err);
	while (i < len) {
		if (s[i] == '\r' || s[i] == '\n') {
			i += s[i] == '\r' && i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
			p[o++] = '\n';
			line++;
			col = 0;
			continue;
		}
		n = s[i] < 0x80 ? 1 : utf8_seq(s + i, len - i);
		if (!n || !s[i]) {
			rc = bad_byte(name, line, col + 1, !s[i], err);
			goto cleanup;
		}
		if ((col += n) > CANDOR_TRANSCRIPT_MAX_LINE) {
			rc = candor_error_set(err, CANDOR_EINVALID, "file",
					      "'%s' line %zu is longer than 1 MiB (is this a transcript?)",
					      name, line);
			goto cleanup;
		}
		memcpy(p + o, s + i, n);
		o += n;
		i += n;
	}
	p[o] = '\0';
	*out = p;
	*outlen = o;
	p = NULL;
cleanup:
	free(p);
	return rc;
}

static bool all_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(" \t\n\f\v", s[i]))
			return false;
	return true;
}

typedef int (*reader_fn)(struct fmt_cues *out, const struct fmt_input *in,
			 struct candor_error *err);

static const struct {
	reader_fn read;
	unsigned clean;
} readers[] = {
	[CANDOR_FORMAT_VTT] = { fmt_read_vtt, FMT_CLEAN_TAGS | FMT_CLEAN_PREFIX },
	[CANDOR_FORMAT_SRT] = { fmt_read_srt, FMT_CLEAN_TAGS | FMT_CLEAN_PREFIX },
	[CANDOR_FORMAT_PLAIN] = { fmt_read_plain, FMT_CLEAN_PREFIX },
	[CANDOR_FORMAT_ZOOM_CHAT] = { fmt_read_zoom_chat, 0 },
	[CANDOR_FORMAT_OTTER] = { fmt_read_otter, 0 },
	[CANDOR_FORMAT_MEET] = { fmt_read_meet, FMT_CLEAN_PREFIX },
};

/* Read the normalised input in with the reader for format into t. */
static int read_format(struct candor_transcript *t, enum candor_format format,
		       const struct fmt_input *in, struct candor_error *err)
{
	struct fmt_cues cues = { 0 };
	int rc;

	if ((rc = readers[format].read(&cues, in, err)))
		goto cleanup;
	for (size_t i = 0; i < cues.n; i++)
		if ((rc = fmt_cue_clean(&cues.v[i], readers[format].clean, err)))
			goto cleanup;
	t->format = format;
	t->cues = cues.v;
	t->ncues = cues.n;
	t->nskipped = cues.nskipped;
	t->skipped_line = cues.skipped_line;
	memset(&cues, 0, sizeof(cues));
	rc = fmt_build_utterances(t, err);
cleanup:
	fmt_cues_release(&cues);
	return rc;
}

/* Normalise data, tell its format unless *format is given (>= 0), and read it. */
static int read_any(struct candor_transcript *out, int format, const char *data,
		    size_t len, const char *name, struct candor_error *err)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;
	struct fmt_input in = { NULL, 0, name ? name : "transcript" };
	enum candor_format f = (enum candor_format)format;
	char *text = NULL;
	int rc;

	if ((rc = fmt_normalize(&text, &in.len, data, len, in.name, err)))
		goto cleanup;
	in.s = text;
	if (all_blank(in.s, in.len)) {
		rc = candor_error_set(err, CANDOR_EINVALID, "file",
				      "'%s' is empty: there is no transcript in it", in.name);
		goto cleanup;
	}
	if (format < 0 && (rc = fmt_detect(&f, &in, err)))
		goto cleanup;
	if ((rc = read_format(&t, f, &in, err)))
		goto cleanup;
	*out = t;
	memset(&t, 0, sizeof(t));
cleanup:
	candor_transcript_release(&t);
	free(text);
	return rc;
}

int candor_transcript_read(struct candor_transcript *out, const char *data,
			   size_t len, const char *name, struct candor_error *err)
{
	return read_any(out, -1, data, len, name, err);
}

int candor_transcript_read_as(struct candor_transcript *out, enum candor_format format,
			      const char *data, size_t len, const char *name,
			      struct candor_error *err)
{
	if ((size_t)format >= CANDOR_ARRAY_SIZE(readers))
		return candor_error_set(err, CANDOR_EINVALID, "format",
					"unknown transcript format %d", (int)format);
	return read_any(out, (int)format, data, len, name, err);
}

int candor_transcript_read_file(struct candor_transcript *out, const char *path,
				struct candor_error *err)
{
	struct candor_buf b = CANDOR_BUF_INIT;
	int rc;

	candor_buf_init(&b, CANDOR_TRANSCRIPT_MAX_BYTES);
	rc = candor_buf_read_file(&b, path, err);
	if (!rc)
		rc = candor_transcript_read(out, b.ptr, b.len,
					    strcmp(path, "-") ? path : "standard input", err);
	candor_buf_release(&b);
	return rc;
}

static void release_utts(struct candor_transcript *t)
{
	for (size_t i = 0; i < t->nutts; i++) {
		free(t->utts[i].speaker);
		free(t->utts[i].text);
	}
	free(t->utts);
	t->utts = NULL;
	t->nutts = 0;
	for (size_t i = 0; i < t->nspeakers; i++)
		free(t->speakers[i]);
	free(t->speakers);
	t->speakers = NULL;
	t->nspeakers = 0;
}

void candor_transcript_release(struct candor_transcript *t)
{
	release_utts(t);
	for (size_t i = 0; i < t->ncues; i++)
		fmt_cue_release(&t->cues[i]);
	free(t->cues);
	memset(t, 0, sizeof(*t));
}

/*
 * The speaker list is built with a small hash set of indexes into
 * t->speakers, so a file naming many people stays linear.
 */
struct speaker_set {
	size_t *slot;   /* 0: empty, else index + 1 */
	size_t cap;     /* a power of two, or 0 */
	size_t alloc;   /* of t->speakers */
};

static size_t hash_name(const char *s)
{
	size_t h = 1469598103934665603u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

static size_t *set_find(struct speaker_set *set, char **names, const char *s)
{
	size_t i = hash_name(s) & (set->cap - 1);

	while (set->slot[i] && strcmp(names[set->slot[i] - 1], s))
		i = (i + 1) & (set->cap - 1);
	return &set->slot[i];
}

static int set_grow(struct speaker_set *set, struct candor_transcript *t)
{
	size_t cap = set->cap ? set->cap * 2 : 64;
	struct speaker_set bigger = { calloc(cap, sizeof(size_t)), cap, set->alloc };

	if (!bigger.slot)
		return CANDOR_ERROR;
	for (size_t i = 0; i < t->nspeakers; i++)
		*set_find(&bigger, t->speakers, t->speakers[i]) = i + 1;
	free(set->slot);
	*set = bigger;
	return 0;
}

/* Add speaker s to t->speakers unless it is there. 0 or CANDOR_ERROR. */
static int add_speaker(struct candor_transcript *t, struct speaker_set *set, const char *s)
{
	size_t *slot;
	char **v;

	if (t->nspeakers * 2 >= set->cap && set_grow(set, t))
		return CANDOR_ERROR;
	slot = set_find(set, t->speakers, s);
	if (*slot)
		return 0;
	if (t->nspeakers == set->alloc) {
		set->alloc = set->alloc ? set->alloc * 2 : 8;
		if (!(v = realloc(t->speakers, set->alloc * sizeof(*v))))
			return CANDOR_ERROR;
		t->speakers = v;
	}
	if (!(t->speakers[t->nspeakers] = fmt_strndup(s, strlen(s))))
		return CANDOR_ERROR;
	*slot = ++t->nspeakers;
	return 0;
}

/* Start utterance number t->nutts from cue c. */
static int start_utt(struct candor_transcript *t, const struct candor_cue *c,
		     size_t *alloc)
{
	struct candor_utterance *u, *v;

	if (t->nutts == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 64;
		if (!(v = realloc(t->utts, *alloc * sizeof(*v))))
			return CANDOR_ERROR;
		t->utts = v;
	}
	u = &t->utts[t->nutts];
	memset(u, 0, sizeof(*u));
	u->index = t->nutts;
	u->side = CANDOR_SIDE_UNKNOWN;
	u->start = c->start;
	u->end = c->end;
	u->line = c->line;
	u->text = NULL;
	if (!(u->speaker = fmt_strndup(c->speaker, strlen(c->speaker))))
		return CANDOR_ERROR;
	t->nutts++;
	return 0;
}

/* Finish the last utterance: its text is the joined buffer. */
static int end_utt(struct candor_transcript *t, struct candor_buf *text)
{
	if (!t->nutts || t->utts[t->nutts - 1].text)
		return 0;
	if (candor_buf_error(text))
		return CANDOR_ERROR;
	t->utts[t->nutts - 1].text = candor_buf_detach(text, NULL);
	return t->utts[t->nutts - 1].text ? 0 : CANDOR_ERROR;
}

static bool continues(const struct candor_transcript *t, const struct candor_cue *c)
{
	const struct candor_utterance *u = t->nutts ? &t->utts[t->nutts - 1] : NULL;

	return u && c->speaker[0] && !strcmp(u->speaker, c->speaker);
}

/* One cue into the utterance being built (or a new one). */
static int add_cue(struct candor_transcript *t, const struct candor_cue *c,
		   struct candor_buf *text, size_t *alloc)
{
	struct candor_utterance *u;

	if (!continues(t, c)) {
		if (end_utt(t, text) || start_utt(t, c, alloc))
			return CANDOR_ERROR;
	} else {
		candor_buf_addch(text, ' ');
	}
	u = &t->utts[t->nutts - 1];
	if (c->end > u->end)
		u->end = c->end;
	return candor_buf_adds(text, c->plain);
}

int fmt_build_utterances(struct candor_transcript *t, struct candor_error *err)
{
	struct candor_buf text = CANDOR_BUF_INIT;
	struct speaker_set set = { NULL, 0, 0 };
	size_t ualloc = 0;
	int rc = 0;

	release_utts(t);
	for (size_t i = 0; i < t->ncues && !rc; i++) {
		const struct candor_cue *c = &t->cues[i];

		if (c->speaker[0] && add_speaker(t, &set, c->speaker))
			rc = CANDOR_ERROR;
		else if (c->plain[0])
			rc = add_cue(t, c, &text, &ualloc);
	}
	if (!rc)
		rc = end_utt(t, &text);
	candor_buf_release(&text);
	free(set.slot);
	if (rc) {
		/* leave no half-built utterance without text */
		if (t->nutts && !t->utts[t->nutts - 1].text) {
			free(t->utts[t->nutts - 1].speaker);
			t->nutts--;
		}
		release_utts(t);
		rc = fmt_oom(err);
	}
	return rc;
}
