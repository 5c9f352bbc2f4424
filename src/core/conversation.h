/*
 * conversation.h: a conversation as Candor sees it, between the transcript
 * readers (src/formats/) and the analyser (src/text/).
 *
 * A reader turns a file into cues (exactly as read) and then utterances
 * (consecutive cues of one speaker merged).  The analyser takes utterances
 * and finds signals in their text.  Both are plain data with owned strings;
 * the functions that fill them document how they are freed.
 */
#ifndef CANDOR_CONVERSATION_H
#define CANDOR_CONVERSATION_H

#include "util/common.h"

/* Which side of the table a speaker sits on. */
enum candor_side {
	CANDOR_SIDE_UNKNOWN = 0,
	CANDOR_SIDE_SELLER,
	CANDOR_SIDE_BUYER,
};

const char *candor_side_name(enum candor_side side); /* "seller", "buyer", "unknown" */

/* One merged turn of talk by one speaker. All strings owned (malloc'd). */
struct candor_utterance {
	size_t index;          /* 0-based position in the conversation */
	char *speaker;         /* "" when the file names nobody; never NULL */
	enum candor_side side;
	double start, end;     /* seconds from the start; -1 when the file has no timings */
	char *text;            /* UTF-8, cue text joined with single spaces */
	size_t line;           /* 1-based line in the file where it starts */
};

#endif
