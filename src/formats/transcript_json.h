/*
 * transcript_json.h: a transcript's cues and utterances as JSON (jansson).
 *
 * For the CLI ("candor analyze --cues FILE --json") and the web API.  The
 * cue objects use the W3C test suite's names, so a list of them can be
 * compared with a conforming WebVTT parser's output:
 *   {"id", "startTime", "endTime", "settings", "text", "speaker", "plain", "line"}
 * with startTime/endTime in seconds, or null when the format has no timings,
 * and text the raw cue text (tags kept); a chat reply adds "replyTo", the
 * index of the cue it quotes.  Utterances are
 *   {"index", "speaker", "side", "start", "end", "text", "line"}.
 */
#ifndef CANDOR_FORMATS_TRANSCRIPT_JSON_H
#define CANDOR_FORMATS_TRANSCRIPT_JSON_H

#include <jansson.h>

#include "formats/transcript.h"

/* A new JSON array (the caller owns the reference), or NULL when out of memory. */
json_t *candor_cues_to_json(const struct candor_transcript *t);
json_t *candor_utterances_to_json(const struct candor_transcript *t);

#endif
