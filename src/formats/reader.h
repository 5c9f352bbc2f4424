/*
 * reader.h: internals shared by the transcript readers (not a public API).
 *
 * transcript.c transcodes a legacy encoding (formats/encoding.h), checks the input
 * (size, UTF-8, NUL bytes, line length), drops a BOM and turns every CR LF
 * and lone CR into LF, then hands the result to one reader (vtt.c, srt.c,
 * textfmt.c, chat.c, teams.c).  A reader appends cues to a struct fmt_cues; the
 * cleaning of cue text (speaker, plain) and the merging into utterances
 * happen after it, in transcript.c and cuetext.c.
 */
#ifndef CANDOR_FORMATS_READER_H
#define CANDOR_FORMATS_READER_H

#include "util/common.h"
#include "formats/transcript.h"
#include "formats/encoding.h"

struct candor_error;

/* The normalised input: only LF ends lines; s[len] == '\0'. */
struct fmt_input {
	const char *s;
	size_t len;
	const char *name;  /* for messages */
};

/* A line cursor over fmt_input. */
struct fmt_line {
	const char *s;   /* the line, not NUL-terminated */
	size_t len;
	size_t no;       /* 1-based line number */
};

struct fmt_cursor {
	const struct fmt_input *in;
	size_t pos;      /* offset of the next line */
	size_t no;       /* number of the next line */
};

void fmt_cursor_init(struct fmt_cursor *c, const struct fmt_input *in);
/* Take the next line; false at the end of the input. */
bool fmt_cursor_next(struct fmt_cursor *c, struct fmt_line *out);

/* The cues a reader collects; owned until moved into the transcript. */
struct fmt_cues {
	struct candor_cue *v;
	size_t n, alloc;
	size_t nskipped, skipped_line;
	size_t textlen, textalloc;   /* of the last cue's text, so appends stay linear */
};

/*
 * Append a cue with copies of id, settings and text (each may be NULL for
 * ""), its timings and line.  The new cue's speaker and plain are "".
 * 0 or CANDOR_ERROR (out of memory, message set).
 */
int fmt_cues_add(struct fmt_cues *cues, const char *id, size_t idlen,
		 double start, double end, const char *settings, size_t settingslen,
		 const char *text, size_t textlen, size_t line,
		 struct candor_error *err);
/*
 * Add a line to the text of the last cue: after a "\n" unless the text is
 * still empty.  0 or CANDOR_ERROR.
 */
int fmt_cues_add_line(struct fmt_cues *cues, const char *s, size_t n,
			 struct candor_error *err);
/* Set the last cue's speaker to a copy of s. 0 or CANDOR_ERROR. */
int fmt_cues_set_speaker(struct fmt_cues *cues, const char *s, size_t n,
			 struct candor_error *err);
void fmt_cues_release(struct fmt_cues *cues);
void fmt_cue_release(struct candor_cue *c);

/* How much of s[0..n) to quote in a message: at most 80 bytes, whole characters. */
int fmt_excerpt(const char *s, size_t n);

/* A malloc'd NUL-terminated copy of s[0..n), or NULL when out of memory. */
char *fmt_strndup(const char *s, size_t n);
int fmt_oom(struct candor_error *err);

/* The readers.  Each returns 0 or a negative candor_code with err set. */
int fmt_read_vtt(struct fmt_cues *out, const struct fmt_input *in, struct candor_error *err);
int fmt_read_srt(struct fmt_cues *out, const struct fmt_input *in, struct candor_error *err);
int fmt_read_plain(struct fmt_cues *out, const struct fmt_input *in, struct candor_error *err);
int fmt_read_meet(struct fmt_cues *out, const struct fmt_input *in, struct candor_error *err);
int fmt_read_zoom_chat(struct fmt_cues *out, const struct fmt_input *in, struct candor_error *err);
int fmt_read_otter(struct fmt_cues *out, const struct fmt_input *in, struct candor_error *err);
int fmt_read_meet_chat(struct fmt_cues *out, const struct fmt_input *in, struct candor_error *err);
int fmt_read_teams_text(struct fmt_cues *out, const struct fmt_input *in, struct candor_error *err);
int fmt_read_fathom(struct fmt_cues *out, const struct fmt_input *in, struct candor_error *err);

/* Recognisers used by detection and by the readers (s is one line). */
bool fmt_is_srt_timing(const char *s, size_t n);
bool fmt_is_digits(const char *s, size_t n);
/*
 * If s starts with "Name:" followed by a space, a tab or the end, and Name
 * looks like a person's name, store where the name starts and its length in
 * *nameoff and *namelen and the offset of the text after the colon and
 * blanks in *textoff and return true.  A name in Markdown bold counts
 * without its asterisks: "**Name:** text" and "**Name**: text".
 */
bool fmt_speaker_prefix(const char *s, size_t n, size_t *nameoff, size_t *namelen,
			size_t *textoff);
/* Does s[0..n) look like a person's name (textfmt.c)? */
bool fmt_name_ok(const char *s, size_t n);
/* Take Markdown emphasis ("**x**", "__x__", "*x*") off both ends of *s, *n. */
void fmt_md_unwrap(const char **s, size_t *n);
/* "[Name] 11:02:09": name span and the clock time in seconds. */
bool fmt_zoom_header(const char *s, size_t n, size_t *nameoff, size_t *namelen,
		     double *t);
/* "Name  0:34" or "Name  1:02:03" (the name or all of it in Markdown bold
 * too): name span and the time in seconds. */
bool fmt_otter_header(const char *s, size_t n, size_t *nameoff, size_t *namelen, double *t);
/* A Zoom saved-chat message header of any generation (chat.c): true for
 * "[Name] 11:02:09", "11:02:09 From Name to Everyone: ..." and
 * "00:01:02<TAB>Name:<TAB>...". */
bool fmt_zoom_chat_line(const char *s, size_t n);
/* A Meet chat time line: "10:02 AM", "10:02\u202fPM", "14:02" (chat.c). */
bool fmt_meet_chat_time(const char *s, size_t n, double *t);
/* Fathom's "0:07 - Name" header (textfmt.c). */
bool fmt_fathom_header(const char *s, size_t n, size_t *nameoff, size_t *namelen, double *t);
/*
 * Teams' timing "0:0:1.23 --> 0:0:4.5" (hours, minutes and seconds of one
 * or two digits, any fraction; teams.c).  Also true for padded timings.
 */
bool fmt_teams_timing(const char *s, size_t n, double *start, double *end);
/* The same, with the offset of what follows the end time in *settings. */
bool fmt_teams_timing_at(const char *s, size_t n, double *start, double *end,
			 size_t *settings);
/* A line that is only "HH:MM:SS" (or "H:MM:SS"): the time in seconds. */
bool fmt_clock_line(const char *s, size_t n, double *t);

/*
 * Parse "[h+:]m[m]:ss" at s[0..n) exactly (no fraction): seconds in *t.
 * hours_required: demand three fields.  false when malformed.
 */
bool fmt_parse_hms(const char *s, size_t n, bool hours_required, double *t);

/*
 * Clean a cue: set c->speaker (from the first <v> tag when tags, else from
 * a leading "Name:" when prefix, unless already set by the reader) and
 * c->plain.  tags: strip <...> tags and {\...} overrides and decode
 * character references.  0 or CANDOR_ERROR.
 */
#define FMT_CLEAN_TAGS 1u
#define FMT_CLEAN_PREFIX 2u
#define FMT_CLEAN_JSON 4u   /* for transcript.c: then fmt_cue_json */
int fmt_cue_clean(struct candor_cue *c, unsigned flags, struct candor_error *err);
/*
 * A cleaned WebVTT cue whose text (inside its <v> tag, if any) is a JSON
 * object, as Teams transcripts from the Graph API have them: its
 * "spokenText" becomes the plain text and its "speakerName" the speaker.
 * Other cues are left alone.  CANDOR_EINVALID naming the file, line and
 * field for a payload that is broken JSON or has no "spokenText" (teams.c).
 */
int fmt_cue_json(struct candor_cue *c, const struct fmt_input *in, struct candor_error *err);

/* Give cues without an end time the start of the next later cue. */
void fmt_cues_fill_ends(struct fmt_cues *cues);

/*
 * Check data and copy it to a malloc'd, NUL-terminated *out with LF line
 * ends and no BOM (transcript.c).  CANDOR_EINVALID names the line at fault.
 */
int fmt_normalize(char **out, size_t *outlen, const char *data, size_t len,
		  const char *name, struct candor_error *err);
/* Tell the format of normalised input (detect.c). */
int fmt_detect(enum candor_format *out, const struct fmt_input *in,
	       struct candor_error *err);
/* (Re)build t->utts and t->speakers from t->cues (utterances.c). */
int fmt_build_utterances(struct candor_transcript *t, struct candor_error *err);
/* Free t->utts and t->speakers, leaving them empty. */
void fmt_release_utterances(struct candor_transcript *t);

/* ASCII helpers that do not depend on the locale. */
static inline bool fmt_isdigit(int c) { return c >= '0' && c <= '9'; }
static inline bool fmt_isblank(int c) { return c == ' ' || c == '\t'; }
static inline int fmt_tolower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

#endif
