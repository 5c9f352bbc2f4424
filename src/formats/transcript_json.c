/*
 * transcript_json.c: cues and utterances as JSON (see transcript_json.h).
 */
#include "util/common.h"
#include "formats/transcript_json.h"

static json_t *seconds(double t)
{
	return t < 0 ? json_null() : json_real(t);
}

/* Set key to value (stolen); false when value is NULL or the set fails. */
static bool put(json_t *obj, const char *key, json_t *value)
{
	return value && !json_object_set_new(obj, key, value);
}

static json_t *cue_to_json(const struct candor_cue *c)
{
	json_t *o = json_object();

	if (o && put(o, "id", json_string(c->id)) &&
	    put(o, "startTime", seconds(c->start)) &&
	    put(o, "endTime", seconds(c->end)) &&
	    put(o, "settings", json_string(c->settings)) &&
	    put(o, "text", json_string(c->text)) &&
	    put(o, "speaker", json_string(c->speaker)) &&
	    put(o, "plain", json_string(c->plain)) &&
	    put(o, "line", json_integer((json_int_t)c->line)) &&
	    (!c->reply_to || put(o, "replyTo", json_integer((json_int_t)c->reply_to - 1))))
		return o;
	json_decref(o);
	return NULL;
}

static json_t *utt_to_json(const struct candor_utterance *u)
{
	json_t *o = json_object();

	if (o && put(o, "index", json_integer((json_int_t)u->index)) &&
	    put(o, "speaker", json_string(u->speaker)) &&
	    put(o, "side", json_string(candor_side_name(u->side))) &&
	    put(o, "start", seconds(u->start)) &&
	    put(o, "end", seconds(u->end)) &&
	    put(o, "text", json_string(u->text)) &&
	    put(o, "line", json_integer((json_int_t)u->line)))
		return o;
	json_decref(o);
	return NULL;
}

json_t *candor_cues_to_json(const struct candor_transcript *t)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < t->ncues; i++) {
		if (json_array_append_new(a, cue_to_json(&t->cues[i]))) {
			json_decref(a);
			a = NULL;
		}
	}
	return a;
}

json_t *candor_utterances_to_json(const struct candor_transcript *t)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < t->nutts; i++) {
		if (json_array_append_new(a, utt_to_json(&t->utts[i]))) {
			json_decref(a);
			a = NULL;
		}
	}
	return a;
}
