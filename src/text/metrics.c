/*
 * metrics.c: the shape of a conversation, from turns and timings.
 *
 * Talk share by words always, by time when every utterance has timings
 * (start >= 0 and end >= start).  A monologue is a run of consecutive
 * turns by one side.  Interactivity is changes of side per minute of the
 * call; patience is the mean gap between a buyer's turn ending and the
 * seller's next turn starting (overlaps count as 0).  Unknown-side turns
 * count towards neither side and break monologues.
 */
#include "util/common.h"
#include "text/analyze-priv.h"

size_t candor_count_words(const char *text)
{
	size_t n = 0;
	bool in = false;

	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		bool ws = *p == ' ' || (*p >= '\t' && *p <= '\r');

		n += !ws && !in;
		in = !ws;
	}
	return n;
}

static bool all_timed(const struct candor_utterance *u, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (u[i].start < 0 || u[i].end < u[i].start)
			return false;
	return n > 0;
}

static struct candor_side_metrics *side_of(struct candor_metrics *m, enum candor_side s)
{
	return s == CANDOR_SIDE_SELLER ? &m->seller : s == CANDOR_SIDE_BUYER ? &m->buyer : NULL;
}

/* Longest runs of consecutive turns by one side. */
static void monologues(struct candor_metrics *m, const struct candor_utterance *u,
		       size_t n, const size_t *words)
{
	size_t i = 0;

	while (i < n) {
		struct candor_side_metrics *sm = side_of(m, u[i].side);
		size_t j = i, w = 0;

		while (j < n && u[j].side == u[i].side)
			w += words[j++];
		if (sm) {
			double secs = m->timed ? u[j - 1].end - u[i].start : -1;

			if (w > sm->longest_words)
				sm->longest_words = w;
			if (secs > sm->longest_seconds)
				sm->longest_seconds = secs;
		}
		i = j;
	}
}

static void shares(struct candor_metrics *m)
{
	size_t w = m->seller.words + m->buyer.words;
	double t = m->seller.seconds + m->buyer.seconds;

	m->seller.word_share = w ? (double)m->seller.words / (double)w : -1;
	m->buyer.word_share = w ? (double)m->buyer.words / (double)w : -1;
	m->seller.time_share = m->timed && t > 0 ? m->seller.seconds / t : -1;
	m->buyer.time_share = m->timed && t > 0 ? m->buyer.seconds / t : -1;
}

static void turn_taking(struct candor_metrics *m, const struct candor_utterance *u,
			size_t n)
{
	double pauses = 0;

	for (size_t i = 1; i < n; i++) {
		if (!u[i].side || !u[i - 1].side || u[i].side == u[i - 1].side)
			continue;
		m->switches++;
		if (u[i].side != CANDOR_SIDE_SELLER || !m->timed)
			continue;
		m->answers++;
		pauses += u[i].start > u[i - 1].end ? u[i].start - u[i - 1].end : 0;
	}
	m->patience = m->answers ? pauses / (double)m->answers : -1;
	m->duration = m->timed ? u[n - 1].end - u[0].start : -1;
	m->switches_per_minute = m->timed && m->duration > 0 ?
				 (double)m->switches * 60.0 / m->duration : -1;
}

void candor_metrics_compute(struct candor_metrics *m, const struct candor_utterance *u,
			    size_t n, const size_t *words, const size_t *questions)
{
	memset(m, 0, sizeof(*m));
	m->timed = all_timed(u, n);
	m->seller.seconds = m->buyer.seconds = m->timed ? 0 : -1;
	m->seller.longest_seconds = m->buyer.longest_seconds = -1;
	for (size_t i = 0; i < n; i++) {
		struct candor_side_metrics *sm = side_of(m, u[i].side);
		if (!sm)
			continue;
		sm->utterances++;
		sm->words += words[i];
		sm->questions += questions[i];
		if (m->timed)
			sm->seconds += u[i].end - u[i].start;
	}
	monologues(m, u, n, words);
	shares(m);
	turn_taking(m, u, n);
}
