/*
 * transcript.c: reading a transcript (see transcript.h).
 *
 * The steps: transcode a legacy encoding (encoding.c), check and normalise
 * the input (size, NUL bytes, UTF-8, line length; drop a BOM; make every
 * line end LF), tell the format from the content, run that reader, clean
 * each cue (speaker, plain text; a WebVTT cue whose payload is JSON, as the
 * Graph API gives Teams transcripts, gives both from its fields), then
 * merge cues into utterances and list the speakers.
 */
#include "util/common.h"
#include <sodium.h>
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"
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
	case CANDOR_FORMAT_MEET_CHAT: return "meet-chat";
	case CANDOR_FORMAT_TEAMS_TEXT: return "teams-text";
	case CANDOR_FORMAT_FATHOM: return "fathom";
	}
	return "unknown";
}

int candor_format_parse(enum candor_format *out, const char *name,
			struct candor_error *err)
{
	for (int f = CANDOR_FORMAT_VTT; f <= CANDOR_FORMAT_LAST; f++) {
		if (!strcmp(name, candor_format_name((enum candor_format)f))) {
			*out = (enum candor_format)f;
			return 0;
		}
	}
	return candor_error_set(err, CANDOR_EINVALID, "format",
				"unknown transcript format '%s' (use vtt, srt, plain, "
				"zoom-chat, otter, meet, meet-chat, teams-text or fathom)", name);
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

static int line_too_long(const char *name, size_t line, struct candor_error *err)
{
	return candor_error_set(err, CANDOR_EINVALID, "file",
				"'%s' line %zu is longer than 1 MiB (is this a transcript?)", name, line);
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
		size_t r = i;

		/* a run of plain ASCII (no NUL, CR, LF), 8 bytes at a time */
		while (len - r >= 8) {
			const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
			uint64_t x;

			memcpy(&x, s + r, 8);
			if ((x | ((x - ones * 0x0E) & ~x)) & high)
				break;
			r += 8;
		}
		if (r > i) {
			n = r - i;
			if ((col += n) > CANDOR_TRANSCRIPT_MAX_LINE) {
				rc = line_too_long(name, line, err);
				goto cleanup;
			}
			memcpy(p + o, s + i, n);
			o += n;
			i = r;
			continue;
		}
		if (s[i] == '\r' || s[i] == '\n') {
			i += s[i] == '\r' && i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
			p[o++] = '\n';
			line++;
			col = 0;
			continue;
		}
		n = s[i] < 0x80 ? 1 : candor_utf8_seq(s + i, len - i);
		if (!n || !s[i]) {
			rc = bad_byte(name, line, col + 1, !s[i], err);
			goto cleanup;
		}
		if ((col += n) > CANDOR_TRANSCRIPT_MAX_LINE) {
			rc = line_too_long(name, line, err);
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
	bool chat;
} readers[] = {
	[CANDOR_FORMAT_VTT] = { fmt_read_vtt, FMT_CLEAN_TAGS | FMT_CLEAN_PREFIX | FMT_CLEAN_JSON, false },
	[CANDOR_FORMAT_SRT] = { fmt_read_srt, FMT_CLEAN_TAGS | FMT_CLEAN_PREFIX, false },
	[CANDOR_FORMAT_PLAIN] = { fmt_read_plain, FMT_CLEAN_PREFIX, false },
	[CANDOR_FORMAT_ZOOM_CHAT] = { fmt_read_zoom_chat, 0, true },
	[CANDOR_FORMAT_OTTER] = { fmt_read_otter, 0, false },
	[CANDOR_FORMAT_MEET] = { fmt_read_meet, FMT_CLEAN_PREFIX, false },
	[CANDOR_FORMAT_MEET_CHAT] = { fmt_read_meet_chat, 0, true },
	[CANDOR_FORMAT_TEAMS_TEXT] = { fmt_read_teams_text, 0, false },
	[CANDOR_FORMAT_FATHOM] = { fmt_read_fathom, 0, false },
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
		if ((rc = fmt_cue_clean(&cues.v[i], readers[format].clean, err)) ||
		    ((readers[format].clean & FMT_CLEAN_JSON) &&
		     (rc = fmt_cue_json(&cues.v[i], in, err))))
			goto cleanup;
	t->format = format;
	t->chat = readers[format].chat;
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
/* The SHA-256 of the bytes as given (libsodium's), in hex. */
static void content_hash(char out[65], const char *data, size_t len)
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)data, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

static int read_any(struct candor_transcript *out, int format, const char *data,
		    size_t len, const char *name, struct candor_error *err)
{
	const char *original = data;
	size_t originallen = len;
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;
	struct fmt_input in = { NULL, 0, name ? name : "transcript" };
	enum candor_format f = (enum candor_format)format;
	const char *encoding = NULL;
	char *text = NULL, *decoded = NULL;
	size_t decodedlen = 0;
	int rc;

	/* (too large: fmt_normalize refuses it, without transcoding it first) */
	if (len <= CANDOR_TRANSCRIPT_MAX_BYTES &&
	    (rc = candor_encoding_decode(&decoded, &decodedlen, &encoding, data, len, in.name, err)))
		goto cleanup;
	if (decoded)
		data = decoded, len = decodedlen;
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
	t.encoding = encoding;
	content_hash(t.sha256, original, originallen);
	*out = t;
	memset(&t, 0, sizeof(t));
cleanup:
	candor_transcript_release(&t);
	free(text);
	free(decoded);
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

void candor_transcript_release(struct candor_transcript *t)
{
	fmt_release_utterances(t);
	for (size_t i = 0; i < t->ncues; i++)
		fmt_cue_release(&t->cues[i]);
	free(t->cues);
	memset(t, 0, sizeof(*t));
}
