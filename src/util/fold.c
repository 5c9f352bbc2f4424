/*
 * util/fold.c: search without case or accents (fold.h).  Each character's
 * fold is utf8proc's case fold with the marks stripped, kept only when it
 * is one character; the table is made once, on first use.
 */
#include "util/common.h"
#include <pthread.h>
#include <utf8proc.h>
#include "util/fold.h"

/* The ranges folded: Latin-1 and Latin Extended A/B, Greek and Cyrillic,
 * Latin Extended Additional (Vietnamese). */
static const struct { int32_t lo, hi; } ranges[] = {
	{ 0x00C0, 0x024F }, { 0x0370, 0x04FF }, { 0x1E00, 0x1EFF },
};
#define MARKS_LO 0x0300
#define MARKS_HI 0x036F

static int32_t table[0x250 + 0x190 + 0x100];
static char *from_text, *to_text;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* The one-character fold of c by utf8proc, or c. */
static int32_t fold_one(int32_t c)
{
	utf8proc_int32_t out[8];
	utf8proc_ssize_t n = utf8proc_decompose_char(c, out, 8, UTF8PROC_CASEFOLD |
						     UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE, NULL);
	utf8proc_int32_t kept[8];
	size_t k = 0;

	for (utf8proc_ssize_t i = 0; i < n && i < 8; i++)
		if (out[i] < MARKS_LO || out[i] > MARKS_HI)
			kept[k++] = out[i];
	return n > 0 && n <= 8 && k == 1 ? kept[0] : c;
}

static size_t slot(int32_t c)
{
	size_t base = 0;

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(ranges); i++) {
		if (c >= ranges[i].lo && c <= ranges[i].hi)
			return base + (size_t)(c - ranges[i].lo);
		base += (size_t)(ranges[i].hi - ranges[i].lo + 1);
	}
	return SIZE_MAX;
}

static void put(struct candor_buf *b, int32_t c)
{
	utf8proc_uint8_t enc[4];
	utf8proc_ssize_t n = utf8proc_encode_char(c, enc);

	candor_buf_add(b, enc, (size_t)n);
}

static void build(void)
{
	struct candor_buf from = CANDOR_BUF_INIT, to = CANDOR_BUF_INIT;

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(ranges); i++)
		for (int32_t c = ranges[i].lo; c <= ranges[i].hi; c++)
			table[slot(c)] = fold_one(c);
	for (int32_t c = 'A'; c <= 'Z'; c++) {
		put(&from, c);
		put(&to, c + 32);
	}
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(ranges); i++)
		for (int32_t c = ranges[i].lo; c <= ranges[i].hi; c++)
			if (table[slot(c)] != c) {
				put(&from, c);
				put(&to, table[slot(c)]);
			}
	for (int32_t c = MARKS_LO; c <= MARKS_HI; c++)
		put(&from, c);
	from_text = candor_buf_detach(&from, NULL);
	to_text = candor_buf_detach(&to, NULL);
}

int32_t candor_fold_char(int32_t c)
{
	size_t i;

	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c < 0x80)
		return c;
	if (c >= MARKS_LO && c <= MARKS_HI)
		return -1;
	if ((i = slot(c)) == SIZE_MAX)
		return c;
	pthread_once(&once, build);
	return table[i];
}

void candor_fold(struct candor_buf *out, const char *in, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)in;
	size_t left = n;

	while (left) {
		utf8proc_int32_t c;
		utf8proc_ssize_t len = utf8proc_iterate(p, (utf8proc_ssize_t)left, &c);

		if (len <= 0) {
			candor_buf_add(out, p, 1);
			len = 1;
		} else if ((c = candor_fold_char(c)) >= 0) {
			put(out, c);
		}
		p += len;
		left -= (size_t)len;
	}
}

void candor_fold_tables(const char **from, const char **to)
{
	pthread_once(&once, build);
	*from = from_text ? from_text : "";
	*to = to_text ? to_text : "";
}
