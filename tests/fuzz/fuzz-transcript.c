/*
 * fuzz-transcript.c: a libFuzzer harness for the transcript readers.
 *
 * Built by tests/fuzz/run once per reader: without FUZZ_FORMAT the input
 * goes through format detection (candor_transcript_read); with
 * -DFUZZ_FORMAT=CANDOR_FORMAT_SRT (etc.) it goes straight to that reader.
 * Whatever is read is then given sides and aliases, turned into JSON and
 * released, and a few invariants are checked: every string is set, the
 * JSON encoder accepts the text (so it is valid UTF-8), utterances
 * never outnumber cues, a reply quotes an earlier message, a chat has one
 * utterance per message with text, and a transcoded file says from what.
 */
#include "util/common.h"
#include "util/error.h"
#include "formats/transcript.h"
#include "formats/transcript_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct candor_transcript *t)
{
	size_t withtext = 0;
	json_t *j;

	if (t->nutts > t->ncues)
		abort();
	if (t->encoding && strcmp(t->encoding, "Windows-1252") && strcmp(t->encoding, "Latin-1") &&
	    strcmp(t->encoding, "UTF-16LE") && strcmp(t->encoding, "UTF-16BE"))
		abort();
	for (size_t i = 0; i < t->ncues; i++) {
		const struct candor_cue *c = &t->cues[i];

		if (!c->id || !c->text || !c->speaker || !c->plain || !c->settings || !c->line)
			abort();
		if (c->reply_to > i)
			abort();
		withtext += c->plain[0] != '\0';
	}
	if (t->chat && t->nutts != withtext)
		abort();
	for (size_t i = 0; i < t->nutts; i++)
		if (!t->utts[i].text || !t->utts[i].speaker || t->utts[i].index != i)
			abort();
	if (!(j = candor_cues_to_json(t)))
		abort();
	json_decref(j);
	if (!(j = candor_utterances_to_json(t)))
		abort();
	json_decref(j);
}

static void sides(struct candor_transcript *t)
{
	static const char *const aliases[] = { "Speaker 1=Sam Seller", "sam = Dana (Acme)" };
	struct candor_error err = CANDOR_ERROR_INIT;
	const char *first = t->nspeakers ? t->speakers[0] : "Sam";
	size_t n = strlen(first);
	char *seller = malloc(n + 1);
	json_t *msg;

	if (!seller)
		return;
	memcpy(seller, first, n + 1);  /* speakers[] is rebuilt by the call */
	if (candor_transcript_assign_sides(t, seller, aliases, CANDOR_ARRAY_SIZE(aliases), &err)) {
		if (!(msg = json_string(err.msg)))
			abort();
		json_decref(msg);
	}
	check(t);
	candor_transcript_assign_sides(t, NULL, NULL, 0, &err);
	free(seller);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;
	struct candor_error err = CANDOR_ERROR_INIT;
	const char *s = (const char *)data;
	int rc;

#ifdef FUZZ_FORMAT
	rc = candor_transcript_read_as(&t, FUZZ_FORMAT, s, size, "fuzz", &err);
#else
	enum candor_format f;

	candor_format_detect(&f, s, size, "fuzz", &err);
	rc = candor_transcript_read(&t, s, size, "fuzz", &err);
#endif
	if (!rc) {
		check(&t);
		sides(&t);
	} else {
		/* a message, valid UTF-8 (json_string checks), and nothing kept */
		json_t *msg = json_string(err.msg);

		if (!err.msg[0] || !msg || t.cues || t.utts)
			abort();
		json_decref(msg);
	}
	candor_transcript_release(&t);
	return 0;
}
