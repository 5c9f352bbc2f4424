/*
 * json-stream.c: the JSON contract of analyze.h, written straight to a
 * FILE without building a jansson tree.
 *
 * candor_analysis_write_json() emits the same document as
 * json_dumpf(candor_analysis_to_json(...), f, JSON_COMPACT): same keys,
 * same order, strings escaped as jansson does (", \, control characters;
 * UTF-8 passed through after validation), null for missing times.  Reals
 * are printed in the shortest form that reads back as the same double
 * ("7.018", never "7.0179999999999998"), always with a "." or an exponent
 * so they stay reals, with a fast path for whole milliseconds.
 *
 * Output goes through one 64 KiB buffer on the stack, flushed with fwrite;
 * nothing is allocated.  Errors are sticky: the first one stops further
 * output and is returned at the end.
 */
#include "util/common.h"
#include "util/date.h"
#include "util/error.h"
#include "util/utf8.h"
#include "text/analyze.h"

#include <math.h>

#define JW_CAP 65536

struct jw {
	FILE *f;
	size_t n;
	int err;
	char buf[JW_CAP];
};

static void jw_flush(struct jw *w)
{
	if (w->n && !w->err && fwrite(w->buf, 1, w->n, w->f) != w->n)
		w->err = CANDOR_ERROR;
	w->n = 0;
}

static void jw_put(struct jw *w, const char *s, size_t len)
{
	if (w->err)
		return;
	if (len > JW_CAP - w->n) {
		jw_flush(w);
		if (len > JW_CAP) {
			if (!w->err && fwrite(s, 1, len, w->f) != len)
				w->err = CANDOR_ERROR;
			return;
		}
	}
	memcpy(w->buf + w->n, s, len);
	w->n += len;
}

/* A string literal (its length known at compile time). */
#define jw_lit(w, s) jw_put((w), "" s, sizeof(s) - 1)

static void jw_puts(struct jw *w, const char *s)
{
	jw_put(w, s, strlen(s));
}

static void jw_ch(struct jw *w, char c)
{
	if (w->n == JW_CAP)
		jw_flush(w);
	w->buf[w->n++] = c;
}

/* Whether any of the 8 bytes in x needs a look in jw_str: a control
 * character, '"', '\\' or a byte of a multibyte sequence. */
static inline bool jw_word_special(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');

	return ((x | ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b)) & high) != 0;
}

/* A JSON string; NULL or invalid UTF-8 is CANDOR_EINVALID (the tree
 * builder fails on both too).  Runs of plain ASCII are skipped 8 bytes at
 * a time and copied in one piece. */
static void jw_str(struct jw *w, const char *str)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)str, *run, *end;

	if (!s) {
		w->err = w->err ? w->err : CANDOR_EINVALID;
		return;
	}
	end = s + strlen(str);
	jw_ch(w, '"');
	for (run = s; s < end && !w->err;) {
		unsigned char c;
		char esc[6] = { '\\', 'u', '0', '0', 0, 0 };
		size_t l;

		while (end - s >= 8) {
			uint64_t x;

			memcpy(&x, s, 8);
			if (jw_word_special(x))
				break;
			s += 8;
		}
		if (s == end)
			break;
		c = *s;
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0x80) {
			if (!(l = candor_utf8_seq(s, (size_t)(end - s))))
				w->err = CANDOR_EINVALID;
			s += l;
			continue;
		}
		jw_put(w, (const char *)run, (size_t)(s - run));
		switch (c) {
		case '"': jw_lit(w, "\\\""); break;
		case '\\': jw_lit(w, "\\\\"); break;
		case '\b': jw_lit(w, "\\b"); break;
		case '\f': jw_lit(w, "\\f"); break;
		case '\n': jw_lit(w, "\\n"); break;
		case '\r': jw_lit(w, "\\r"); break;
		case '\t': jw_lit(w, "\\t"); break;
		default:
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			jw_put(w, esc, 6);
		}
		run = ++s;
	}
	jw_put(w, (const char *)run, (size_t)(s - run));
	jw_ch(w, '"');
}

static void jw_uint(struct jw *w, uint64_t v)
{
	char tmp[24], *p = tmp + sizeof(tmp);

	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	jw_put(w, p, (size_t)(tmp + sizeof(tmp) - p));
}

/* A double that reads back exactly, always with "." or "e". */
static void jw_real(struct jw *w, double v)
{
	char tmp[40];
	int len = 0;

	if (!isfinite(v)) {           /* jansson refuses these too */
		w->err = w->err ? w->err : CANDOR_EINVALID;
		return;
	}
	if (v >= 0 && v < 1e12) {
		double ms = nearbyint(v * 1000.0);

		if (ms / 1000.0 == v) {        /* whole milliseconds: X.YYY */
			uint64_t k = (uint64_t)ms, frac = k % 1000;

			jw_uint(w, k / 1000);
			tmp[0] = '.';
			tmp[1] = (char)('0' + frac / 100);
			tmp[2] = (char)('0' + frac / 10 % 10);
			tmp[3] = (char)('0' + frac % 10);
			len = frac % 10 ? 4 : frac % 100 ? 3 : 2;
			jw_put(w, tmp, (size_t)len);
			return;
		}
	}
	for (int prec = 15; prec <= 17; prec++) {
		len = snprintf(tmp, sizeof(tmp), "%.*g", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	jw_put(w, tmp, (size_t)len);
	if (!strpbrk(tmp, ".eEn"))
		jw_lit(w, ".0");
}

static void jw_real_or_null(struct jw *w, double v)
{
	if (v < 0)
		jw_lit(w, "null");
	else
		jw_real(w, v);
}

/* ,"key": with the comma unless first. */
static void jw_key(struct jw *w, const char *key, bool first)
{
	if (!first)
		jw_ch(w, ',');
	jw_ch(w, '"');
	jw_put(w, key, strlen(key));
	jw_lit(w, "\":");
}

static void write_utterances(struct jw *w, const struct candor_analysis *a,
			     const struct candor_utterance *u, size_t n)
{
	size_t k = 0;

	jw_lit(w, "\"utterances\":[");
	for (size_t i = 0; i < n && !w->err; i++) {
		jw_puts(w, i ? ",{\"index\":" : "{\"index\":");
		jw_uint(w, u[i].index);
		jw_lit(w, ",\"speaker\":");
		jw_str(w, u[i].speaker);
		jw_lit(w, ",\"side\":");
		jw_str(w, candor_side_name(u[i].side));
		jw_lit(w, ",\"start\":");
		jw_real_or_null(w, u[i].start);
		jw_lit(w, ",\"end\":");
		jw_real_or_null(w, u[i].start < 0 ? -1 : u[i].end);
		jw_lit(w, ",\"text\":");
		jw_str(w, u[i].text);
		jw_lit(w, ",\"signals\":[");
		for (bool first = true; k < a->nsignals && a->signals[k].utterance == i;
		     k++, first = false) {
			const struct candor_text_signal *s = &a->signals[k];

			jw_puts(w, first ? "{\"category\":" : ",{\"category\":");
			jw_str(w, s->category);
			jw_lit(w, ",\"text\":");
			jw_str(w, s->text);
			jw_lit(w, ",\"start\":");
			jw_uint(w, s->cstart);
			jw_lit(w, ",\"end\":");
			jw_uint(w, s->cend);
			jw_lit(w, ",\"confidence\":");
			jw_real(w, candor_confidence_3(s->confidence));
			jw_ch(w, '}');
		}
		jw_lit(w, "]}");
	}
	jw_ch(w, ']');
}

static void write_side(struct jw *w, const struct candor_side_metrics *m)
{
	jw_lit(w, "{\"utterances\":");
	jw_uint(w, m->utterances);
	jw_lit(w, ",\"words\":");
	jw_uint(w, m->words);
	jw_lit(w, ",\"questions\":");
	jw_uint(w, m->questions);
	jw_lit(w, ",\"seconds\":");
	jw_real_or_null(w, m->seconds);
	jw_lit(w, ",\"word_share\":");
	jw_real_or_null(w, m->word_share);
	jw_lit(w, ",\"time_share\":");
	jw_real_or_null(w, m->time_share);
	jw_lit(w, ",\"longest_monologue_words\":");
	jw_uint(w, m->longest_words);
	jw_lit(w, ",\"longest_monologue_seconds\":");
	jw_real_or_null(w, m->longest_seconds);
	jw_ch(w, '}');
}

static void write_metrics(struct jw *w, const struct candor_metrics *m)
{
	jw_lit(w, ",\"metrics\":{\"seller\":");
	write_side(w, &m->seller);
	jw_lit(w, ",\"buyer\":");
	write_side(w, &m->buyer);
	jw_lit(w, ",\"timed\":");
	if (m->timed)
		jw_lit(w, "true");
	else
		jw_lit(w, "false");
	jw_lit(w, ",\"duration\":");
	jw_real_or_null(w, m->duration);
	jw_lit(w, ",\"switches\":");
	jw_uint(w, m->switches);
	jw_lit(w, ",\"switches_per_minute\":");
	jw_real_or_null(w, m->switches_per_minute);
	jw_lit(w, ",\"patience\":");
	jw_real_or_null(w, m->patience);
	jw_lit(w, ",\"answers\":");
	jw_uint(w, m->answers);
	jw_ch(w, '}');
}

static void write_commitments(struct jw *w, const struct candor_analysis *a)
{
	jw_lit(w, ",\"commitments\":[");
	for (size_t i = 0; i < a->ncommitments; i++) {
		const struct candor_proposal *p = &a->commitments[i];
		char date[CANDOR_DATE_MAX];

		jw_puts(w, i ? ",{\"utterance\":" : "{\"utterance\":");
		jw_uint(w, p->utterance);
		jw_key(w, "speaker", false);
		jw_str(w, p->speaker);
		jw_key(w, "side", false);
		jw_str(w, candor_side_name(p->side));
		jw_key(w, "text", false);
		jw_str(w, p->text);
		jw_key(w, "words", false);
		jw_str(w, p->words);
		jw_key(w, "due", false);
		if (p->due) {
			candor_date_format(date, sizeof(date), p->due);
			jw_str(w, date);
		} else {
			jw_lit(w, "null");
		}
		jw_key(w, "due_words", false);
		if (p->due_words)
			jw_str(w, p->due_words);
		else
			jw_lit(w, "null");
		jw_ch(w, '}');
	}
	jw_ch(w, ']');
}

static void write_facts(struct jw *w, const struct candor_analysis *a)
{
	jw_lit(w, ",\"facts\":[");
	for (size_t i = 0; i < a->nfacts; i++) {
		const struct candor_fact_proposal *f = &a->facts[i];

		jw_puts(w, i ? ",{\"utterance\":" : "{\"utterance\":");
		jw_uint(w, f->utterance);
		jw_key(w, "speaker", false);
		jw_str(w, f->speaker);
		jw_key(w, "kind", false);
		jw_str(w, f->kind);
		jw_key(w, "text", false);
		jw_str(w, f->text);
		jw_key(w, "confidence", false);
		jw_real(w, f->confidence);
		jw_ch(w, '}');
	}
	jw_ch(w, ']');
}

static void write_profile(struct jw *w, const struct candor_profile *p)
{
	jw_lit(w, ",\"profile\":{\"direction\":");
	jw_str(w, candor_profile_direction(p));
	jw_key(w, "style", false);
	jw_str(w, candor_profile_style(p));
	jw_key(w, "toward", false);
	jw_uint(w, p->toward);
	jw_key(w, "away", false);
	jw_uint(w, p->away);
	jw_key(w, "options", false);
	jw_uint(w, p->options);
	jw_key(w, "procedures", false);
	jw_uint(w, p->procedures);
	jw_lit(w, ",\"evidence\":[");
	for (size_t i = 0; i < p->nevidence; i++) {
		jw_puts(w, i ? ",{\"utterance\":" : "{\"utterance\":");
		jw_uint(w, p->evidence[i].utterance);
		jw_key(w, "pattern", false);
		jw_str(w, p->evidence[i].pattern);
		jw_key(w, "text", false);
		jw_str(w, p->evidence[i].text);
		jw_ch(w, '}');
	}
	jw_lit(w, "]}");
}

int candor_analysis_write_json(FILE *f, const struct candor_analysis *a,
			       const struct candor_utterance *u, size_t n)
{
	struct jw w;

	w.f = f;
	w.n = 0;
	w.err = 0;
	jw_ch(&w, '{');
	write_utterances(&w, a, u, n);
	write_metrics(&w, &a->metrics);
	write_commitments(&w, a);
	write_facts(&w, a);
	write_profile(&w, &a->profile);
	jw_ch(&w, '}');
	jw_flush(&w);
	return w.err;
}
