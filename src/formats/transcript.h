/*
 * transcript.h: reading meeting transcripts into cues and utterances.
 *
 * A transcript file comes from a meeting tool: a WebVTT caption file
 * (Microsoft Teams, also as the Graph API gives it; Zoom), an SRT subtitle
 * file, or one of the plain-text exports (lines of "Name: text"; Otter's and
 * Teams' "Name  0:34" blocks, in Markdown too; Google Meet's text with
 * periodic "00:05:00" markers; Teams' older "0:0:1.2 --> 0:0:3.4" text;
 * Fathom's "0:07 - Name" blocks).  A chat is read the same way, one message a
 * cue: Zoom's saved meeting chats of every generation and Google Meet's chat
 * as copied from the side panel.
 * candor_transcript_read() tells the format from the content, never from the
 * file name, and fills a struct candor_transcript with
 *
 *   - cues: the file's own units exactly as read (a WebVTT cue keeps its id,
 *     timings, settings and raw text with tags, as the WebVTT parsing
 *     algorithm yields them), plus the speaker and a cleaned "plain" text;
 *   - utterances (struct candor_utterance, core/conversation.h): consecutive
 *     cues of one named speaker merged into one turn of talk (not in a
 *     chat, where each message is one, nor for "Unknown Speaker" labels);
 *   - speakers, in order of first appearance.
 *
 * candor_transcript_assign_sides() then says which speaker is the seller (the
 * user) and which are buyers, renaming speakers first where the file's names
 * differ from the real ones.
 *
 * Limits: input over CANDOR_TRANSCRIPT_MAX_BYTES or with a line over
 * CANDOR_TRANSCRIPT_MAX_LINE is refused; so are empty input, damaged UTF-8
 * and NUL bytes, each with a message naming the line.  A UTF-8 byte order
 * mark is skipped; CR LF, CR and LF all end a line.  Input in UTF-16 (with
 * a byte order mark), Windows-1252 or Latin-1 is transcoded first, only
 * where the bytes say which (encoding.c), and t->encoding says so.
 *
 * Timings are seconds from the start of the meeting as doubles; -1 where the
 * format has none.  Formats that give only a start time (Zoom chat, Otter,
 * Meet) end each cue where the next later cue starts (the last Meet cues
 * where "Meeting ended after ..." says).
 *
 * The JSON form of cues and utterances is in formats/transcript_json.h.
 */
#ifndef CANDOR_FORMATS_TRANSCRIPT_H
#define CANDOR_FORMATS_TRANSCRIPT_H

#include "util/common.h"
#include "core/conversation.h"

struct candor_error;

#define CANDOR_TRANSCRIPT_MAX_BYTES ((size_t)512 << 20) /* 512 MiB */
#define CANDOR_TRANSCRIPT_MAX_LINE ((size_t)1 << 20)    /* 1 MiB */

enum candor_format {
	CANDOR_FORMAT_VTT = 0,   /* WebVTT (Teams, Zoom and others) */
	CANDOR_FORMAT_SRT,       /* SubRip subtitles */
	CANDOR_FORMAT_PLAIN,     /* lines of "Name: text" */
	CANDOR_FORMAT_ZOOM_CHAT, /* "[Name] 11:02:09" then the text */
	CANDOR_FORMAT_OTTER,     /* "Name  0:34" then the text */
	CANDOR_FORMAT_MEET,      /* Google Meet: "Name: text" and "00:05:00" markers */
	CANDOR_FORMAT_MEET_CHAT, /* Google Meet chat: name, "10:02 AM", messages */
	CANDOR_FORMAT_TEAMS_TEXT, /* Teams text: "0:0:1.5 --> 0:0:4.2", name, text */
	CANDOR_FORMAT_FATHOM,    /* Fathom: "0:07 - Name" then indented text */
};

/* zoom-chat reads every generation of Zoom's saved meeting chat ("[Name]
 * 11:02:09" blocks, "11:02:09 From NAME to Everyone: text", the same with
 * the text on the next lines, "00:01:02<TAB>NAME:<TAB>text"). */
#define CANDOR_FORMAT_LAST CANDOR_FORMAT_FATHOM

/* "vtt", "srt", "plain", "zoom-chat", "otter", "meet", "meet-chat",
 * "teams-text", "fathom"; never NULL. */
const char *candor_format_name(enum candor_format format);

/* The format called name (as candor_format_name gives it): 0, or
 * CANDOR_EINVALID with a message listing the names (for a --format option). */
int candor_format_parse(enum candor_format *out, const char *name,
			struct candor_error *err);

/*
 * One cue (block) of the file.  All strings are owned by the transcript and
 * never NULL ("" when absent).
 */
struct candor_cue {
	char *id;         /* WebVTT cue id, SRT index; "" when none */
	double start;     /* seconds; -1 when the format has no timings */
	double end;       /* seconds; may be below start where the file says so */
	char *settings;   /* WebVTT cue settings (or SRT coordinates) as written, trimmed */
	char *text;       /* the cue text as read, lines joined by "\n", tags kept */
	char *speaker;    /* from <v Name>, a leading "Name:", or the block header */
	char *plain;      /* text without tags and speaker prefix, entities decoded,
			     whitespace collapsed to single spaces */
	size_t line;      /* 1-based: the timing line (VTT, SRT, Teams text), the
			     header line (chats, Otter, Fathom) or the first text
			     line (plain, Meet) */
	size_t reply_to;  /* a chat reply: 1 + the index of the cue it quotes;
			     0 when it is no reply or the quoted one is not found */
};

/*
 * A transcript as read.  Fill with candor_transcript_read(); free the
 * contents with candor_transcript_release().  Everything is owned by the
 * struct; utts[i].speaker and speakers[j] are separate copies.
 */
struct candor_transcript {
	enum candor_format format;
	struct candor_cue *cues;
	size_t ncues;
	struct candor_utterance *utts;  /* speaker-less cues are utterances of their own */
	size_t nutts;
	char **speakers;                /* named speakers, in order of first appearance */
	size_t nspeakers;
	size_t nskipped;                /* WebVTT blocks dropped by the spec (bad timings) */
	size_t skipped_line;            /* line of the first of those; 0 when none */
	bool chat;                      /* a chat: one utterance per message, none merged */
	const char *encoding;           /* static: the encoding transcoded from
					   ("Windows-1252", "Latin-1", "UTF-16LE",
					   "UTF-16BE"); NULL when the file was UTF-8 */
	char sha256[65];                /* the SHA-256 of the bytes read, in hex: a
					   file imported twice is known by it */
};

#define CANDOR_TRANSCRIPT_INIT { CANDOR_FORMAT_VTT, NULL, 0, NULL, 0, NULL, 0, 0, 0, false, NULL, "" }

/*
 * Whether speaker is a label the tools give unidentified voices ("Unknown
 * Speaker", "Unknown", "Guest", "Unidentified Speaker", any case): not one
 * person, so its turns are never merged and it gets no side.
 */
bool candor_speaker_unidentified(const char *speaker);

/*
 * Tell the format of data from its content.  0 and *out set, or
 * CANDOR_EINVALID (message names the file) when it looks like no transcript
 * format.  data need not be validated; only the start of it is examined.
 */
int candor_format_detect(enum candor_format *out, const char *data, size_t len,
			 const char *name, struct candor_error *err);

/*
 * Read a transcript from data (len bytes, need not be NUL-terminated).  name
 * is used in messages only ("standard input", a file name).  On success out
 * is filled and owns everything in it.  On failure out is left empty
 * (CANDOR_TRANSCRIPT_INIT), and the code is CANDOR_EINVALID for bad input
 * (the message names the file and line) or CANDOR_ERROR for out of memory.
 * out must not hold a transcript already.
 */
int candor_transcript_read(struct candor_transcript *out, const char *data,
			   size_t len, const char *name, struct candor_error *err);

/*
 * As candor_transcript_read, but read data as the given format instead of
 * telling it from the content (for a user who knows better, and for
 * fuzzing each reader on its own).
 */
int candor_transcript_read_as(struct candor_transcript *out, enum candor_format format,
			      const char *data, size_t len, const char *name,
			      struct candor_error *err);

/* Read the file at path ("-": standard input); as candor_transcript_read. */
int candor_transcript_read_file(struct candor_transcript *out, const char *path,
				struct candor_error *err);

/* Free everything t owns and leave it empty.  t may be empty already. */
void candor_transcript_release(struct candor_transcript *t);

/*
 * Say who is who.  First each alias "File Name=Real Name" renames the
 * speaker called File Name (case-insensitively) to Real Name, in cues,
 * utterances and the speaker list; utterances are merged again, since two
 * file names may be one person.  Then every utterance gets a side: the
 * speaker matching seller is CANDOR_SIDE_SELLER, other named speakers are
 * buyers, speaker-less utterances stay unknown.  With seller NULL every side
 * is unknown.
 *
 * A speaker matches seller when equal ignoring case, after dropping a
 * trailing "(Company)" from either, or when one of the two is a single word
 * equal to the other's first name ("Sam" matches "Sam Seller").  An exact
 * match wins over first-name matches.
 *
 * Fails with CANDOR_EINVALID for an alias without "=" or with an empty side,
 * CANDOR_ENOTFOUND when no speaker matches seller, CANDOR_EAMBIGUOUS when
 * several do only by first name; the message lists the speakers and says to
 * add an alias.  A bad alias changes nothing; after the other failures the
 * aliases stay applied and every side is unknown.
 */
int candor_transcript_assign_sides(struct candor_transcript *t, const char *seller,
				   const char *const *aliases, size_t naliases,
				   struct candor_error *err);

#endif
