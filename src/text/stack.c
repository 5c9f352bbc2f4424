/*
 * stack.c: the second stage's columns (see stack.h).
 */
#include "util/common.h"
#include "text/stack.h"

#include <math.h>

/* The two highest probabilities of each category over one call's turns
 * of one side, to leave a turn's own out. */
struct top2 {
	double v[2][CANDOR_NCATS];
	size_t at[CANDOR_NCATS];
};

static void top2_add(struct top2 *t, const float *p, size_t i)
{
	for (int c = 0; c < CANDOR_NCATS; c++) {
		if (p[c] > t->v[0][c]) {
			t->v[1][c] = t->v[0][c];
			t->v[0][c] = p[c];
			t->at[c] = i;
		} else if (p[c] > t->v[1][c])
			t->v[1][c] = p[c];
	}
}

static void top2_put(const struct top2 *t, size_t i, float *out)
{
	for (int c = 0; c < CANDOR_NCATS; c++)
		out[c] = (float)(t->at[c] == i ? t->v[1][c] : t->v[0][c]);
}

static void put_block(float *d, int block, const float *p)
{
	memcpy(d + block * CANDOR_NCATS, p, CANDOR_NCATS * sizeof(*p));
}

static bool same_speaker(const struct candor_stack_turn *a, const struct candor_stack_turn *b)
{
	return a->speaker && b->speaker && !strcmp(a->speaker, b->speaker);
}

void candor_stack_columns(const struct candor_stack_turn *t, size_t n, float *out)
{
	struct top2 seller = { 0 }, buyer = { 0 };

	memset(out, 0, n * CANDOR_STACK_DIM * sizeof(*out));
	/* the probabilities first, in the SELF block of each turn */
	for (size_t i = 0; i < n; i++) {
		float *d = out + i * CANDOR_STACK_DIM;

		for (int c = 0; c < CANDOR_NCATS; c++) {
			double x = t[i].logit[c];

			d[CANDOR_STACK_SELF * CANDOR_NCATS + c] = (float)(1 / (1 + exp(-x)));
			d[CANDOR_STACK_SELF_LOGIT * CANDOR_NCATS + c] = (float)fmax(-4, fmin(4, x / 4));
		}
		if (t[i].side == CANDOR_SIDE_SELLER)
			top2_add(&seller, d, i);
		else if (t[i].side == CANDOR_SIDE_BUYER)
			top2_add(&buyer, d, i);
	}
	for (size_t i = 0; i < n; i++) {
		float *d = out + i * CANDOR_STACK_DIM;

		if (i > 0) {
			put_block(d, CANDOR_STACK_PREV, out + (i - 1) * CANDOR_STACK_DIM);
			d[CANDOR_STACK_FIRST + 2] = t[i - 1].side == t[i].side;
		} else
			d[CANDOR_STACK_FIRST] = 1;
		if (i + 1 < n) {
			put_block(d, CANDOR_STACK_NEXT, out + (i + 1) * CANDOR_STACK_DIM);
			d[CANDOR_STACK_FIRST + 3] = t[i + 1].side == t[i].side;
		} else
			d[CANDOR_STACK_FIRST + 1] = 1;
		if (i > 1)
			put_block(d, CANDOR_STACK_PREV2, out + (i - 2) * CANDOR_STACK_DIM);
		for (size_t h = i; h-- > 0;)
			if (same_speaker(&t[h], &t[i])) {
				put_block(d, CANDOR_STACK_SPEAKER, out + h * CANDOR_STACK_DIM);
				break;
			}
		top2_put(&seller, i, d + CANDOR_STACK_SELLERS * CANDOR_NCATS);
		top2_put(&buyer, i, d + CANDOR_STACK_BUYERS * CANDOR_NCATS);
	}
}

double candor_second_stage_logit(const struct candor_second_stage *s, const float *cols)
{
	double x = s->bias;

	for (int d = 0; d < CANDOR_STACK_DIM; d++)
		x += (double)s->w[d] * cols[d];
	return x;
}

double candor_second_stage_prob(const struct candor_second_stage *s, const float *cols)
{
	return 1 / (1 + exp(-candor_second_stage_logit(s, cols)));
}

void candor_stack_column_name(int d, char *buf, size_t n)
{
	static const char *const block[CANDOR_STACK_NBLOCKS] = {
		"this turn", "this turn (log-odds)", "the turn before", "the turn after",
		"two turns before", "the same speaker's last turn", "the call's other seller turns",
		"the call's other buyer turns",
	};
	static const char *const place[4] = {
		"no turn before", "no turn after", "the turn before is the same side's",
		"the turn after is the same side's",
	};

	if (d < 0 || d >= CANDOR_STACK_DIM)
		snprintf(buf, n, "?");
	else if (d >= CANDOR_STACK_FIRST)
		snprintf(buf, n, "%s", place[d - CANDOR_STACK_FIRST]);
	else
		snprintf(buf, n, "%s: %s", block[d / CANDOR_NCATS],
			 candor_signal_categories[d % CANDOR_NCATS]);
}
