/*
 * utterances.c: merging cues into utterances and listing the speakers.
 *
 * Consecutive cues of one named speaker become one utterance: its text is
 * the cues' plain texts joined with single spaces, it starts with the first
 * cue and ends with the latest end among them.  Cues without a speaker are
 * utterances of their own (nothing says they continue anyone), and so are
 * cues of a label for unidentified voices ("Unknown Speaker": two turns of
 * it may be two people) and every message of a chat.  Cues whose plain
 * text is empty are left out.  Run again after speakers are renamed, so
 * that two file names for one person merge.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/error.h"
#include "formats/reader.h"

void fmt_release_utterances(struct candor_transcript *t)
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

bool candor_speaker_unidentified(const char *speaker)
{
	static const char *const labels[] = { "unknown speaker", "unknown", "guest",
		"unidentified speaker", "unidentified", "unknown participant" };

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(labels); i++) {
		size_t n = strlen(labels[i]), k = 0;

		while (k < n && fmt_tolower((unsigned char)speaker[k]) == labels[i][k])
			k++;
		if (k == n && !speaker[n])
			return true;
	}
	return false;
}

static bool continues(const struct candor_transcript *t, const struct candor_cue *c)
{
	const struct candor_utterance *u = t->nutts ? &t->utts[t->nutts - 1] : NULL;

	return u && !t->chat && c->speaker[0] && !strcmp(u->speaker, c->speaker) &&
	       !candor_speaker_unidentified(c->speaker);
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

	fmt_release_utterances(t);
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
		fmt_release_utterances(t);
		rc = fmt_oom(err);
	}
	return rc;
}
