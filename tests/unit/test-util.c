/*
 * test-util.c: the buffer, dates and error helpers.
 */
#include "util/common.h"
#include <setjmp.h>
#include <cmocka.h>
#include "util/buf.h"
#include "util/date.h"
#include "util/error.h"
#include "util/utf8.h"
#include "util/fold.h"

static void buf_grows_and_stays_terminated(void **state)
{
	struct candor_buf b = CANDOR_BUF_INIT;

	assert_string_equal(b.ptr, "");
	for (int i = 0; i < 1000; i++)
		assert_int_equal(candor_buf_addf(&b, "%d,", i % 10), 0);
	assert_int_equal(b.len, 2000);
	assert_int_equal(b.ptr[b.len], '\0');
	assert_memory_equal(b.ptr, "0,1,2,", 6);
	candor_buf_rtrim(&b);
	candor_buf_truncate(&b, 3);
	assert_string_equal(b.ptr, "0,1");
	candor_buf_release(&b);
	assert_string_equal(b.ptr, "");
}

static void buf_cap_is_sticky(void **state)
{
	struct candor_buf b;

	candor_buf_init(&b, 8);
	assert_int_equal(candor_buf_adds(&b, "12345678"), 0);
	assert_int_equal(candor_buf_adds(&b, "9"), CANDOR_EINVALID);
	assert_int_equal(candor_buf_adds(&b, ""), CANDOR_EINVALID);
	assert_int_equal(candor_buf_error(&b), CANDOR_EINVALID);
	assert_string_equal(b.ptr, "12345678");
	candor_buf_release(&b);
}

/* candor_buf_add_int writes what printf's PRId64 writes, the extremes included. */
static void buf_int_is_printf(void **state)
{
	static const int64_t edges[] = { 0, 1, -1, 9, 10, -10, 99, 100, INT64_MAX, INT64_MIN,
					 INT64_MIN + 1, 1234567890123456789 };
	char want[32];
	uint64_t x = 88172645463325252u;

	(void)state;
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(edges) + 10000; i++) {
		struct candor_buf b = CANDOR_BUF_INIT;
		int64_t v = i < CANDOR_ARRAY_SIZE(edges) ? edges[i] : (int64_t)(x ^= x << 13, x ^= x >> 7,
										  x ^= x << 17) >> (i % 60);

		snprintf(want, sizeof(want), "%" PRId64, v);
		assert_int_equal(candor_buf_add_int(&b, v), 0);
		assert_string_equal(b.ptr, want);
		candor_buf_release(&b);
	}
}

/* candor_buf_add_fixed writes what printf's %.Nf writes, ties and signs included. */
static void buf_fixed_is_printf(void **state)
{
	static const double edges[] = { 0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375, -0.125, 0.05, 0.15,
					2.675, 1.005, 0.045, -0.04, -0.004, 99.995, 1e14 + 0.5,
					999999999999999.0, 1e15, -1e15, 1e300, 0.1 + 0.2, 5e-324 };
	char want[400];
	uint64_t x = 88172645463325252u;

	(void)state;
	for (int d = 0; d <= 3; d++) {
		for (size_t i = 0; i < CANDOR_ARRAY_SIZE(edges) + 50000; i++) {
			struct candor_buf b = CANDOR_BUF_INIT;
			double v;

			if (i < CANDOR_ARRAY_SIZE(edges)) {
				v = edges[i];
			} else {
				x ^= x << 13, x ^= x >> 7, x ^= x << 17;   /* xorshift */
				/* halves, quarters and eighths (exact ties) and arbitrary values */
				v = i % 3 ? (double)(int64_t)(x % 4000001) / (i % 3 == 1 ? 8 : 1000) - 2000
					  : (double)(int64_t)(x >> 11) / 9007199254740992.0 * 2e6 - 1e6;
			}
			snprintf(want, sizeof(want), "%.*f", d, v);
			assert_int_equal(candor_buf_add_fixed(&b, v, d), 0);
			if (strcmp(b.ptr, want))
				fail_msg("%.17g with %d decimals: '%s', printf '%s'", v, d, b.ptr, want);
			candor_buf_release(&b);
		}
	}
}

static void buf_detach_hands_over(void **state)
{
	struct candor_buf b = CANDOR_BUF_INIT;
	size_t n;
	char *p;

	p = candor_buf_detach(&b, &n);
	assert_non_null(p);
	assert_int_equal(n, 0);
	free(p);
	candor_buf_adds(&b, "hello");
	p = candor_buf_detach(&b, &n);
	assert_string_equal(p, "hello");
	assert_int_equal(n, 5);
	assert_string_equal(b.ptr, "");
	free(p);
}

static void dates_parse(void **state)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	int64_t t;

	assert_int_equal(candor_date_parse(&t, "2026-11-20", "at", &err), 0);
	assert_int_equal(t, 1795132800);
	assert_int_equal(candor_date_parse(&t, "2026-11-20T14:30", "at", &err), 0);
	assert_int_equal(t, 1795132800 + 14 * 3600 + 30 * 60);
	assert_int_equal(candor_date_parse(&t, "2026-11-20 14:30:05Z", "at", &err), 0);
	assert_int_equal(t, 1795132800 + 14 * 3600 + 30 * 60 + 5);
	assert_int_equal(candor_date_parse(&t, "2026-11-20T14:30+01:00", "at", &err), 0);
	assert_int_equal(t, 1795132800 + 13 * 3600 + 30 * 60);
	assert_int_equal(candor_date_parse(&t, "2024-02-29", "at", &err), 0);
}

static void dates_refuse(void **state)
{
	static const char *const bad[] = { "", "tomorrow", "2026-02-30", "2025-02-29",
					   "2026-13-01", "2026-11-20T25:00", "2026-11-20T",
					   "2026-11-2", "2026-11-20x", "20261120", "2026-11-20 " };
	struct candor_error err = CANDOR_ERROR_INIT;
	int64_t t;

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(bad); i++) {
		assert_int_equal(candor_date_parse(&t, bad[i], "due", &err), CANDOR_EINVALID);
		assert_string_equal(err.field, "due");
		assert_non_null(strstr(err.msg, "is not a date"));
	}
}

/* Found by fuzz-date: a date that is not UTF-8 was quoted in the message,
 * which then was not UTF-8 either (and a JSON error could not carry it). */
static void dates_refuse_bytes(void **state)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	int64_t t;

	assert_int_equal(candor_date_parse(&t, "2026-11\xd3\xcd\xcf\xae" "14:30", "at", &err),
			 CANDOR_EINVALID);
	assert_string_equal(err.field, "at");
	assert_true(candor_utf8_valid(err.msg, strlen(err.msg)));
	assert_non_null(strstr(err.msg, "is not a date"));
}

/* Found by fuzz-date: a long message cut at the buffer's end could end in
 * half a character, and then was not UTF-8. */
static void error_cut_whole(void **state)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	char text[2001];

	for (size_t i = 0; i < 1000; i++)
		memcpy(text + 2 * i, "\xc3\xa9", 2);  /* e acute */
	text[2000] = '\0';
	candor_error_set(&err, CANDOR_EINVALID, text, "%s", text);
	assert_true(candor_utf8_valid(err.msg, strlen(err.msg)));
	assert_true(candor_utf8_valid(err.field, strlen(err.field)));
	assert_int_equal(strlen(err.msg), sizeof(err.msg) - 2);  /* 511 whole ones */
	assert_int_equal(strlen(err.field), sizeof(err.field) - 2);
}

static void dates_round_trip(void **state)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	static const char *const forms[] = { "2026-11-20", "2026-11-20T14:30", "2026-11-20T14:30:05" };
	char out[CANDOR_DATE_MAX];
	int64_t t;

	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(forms); i++) {
		assert_int_equal(candor_date_parse(&t, forms[i], NULL, &err), 0);
		candor_date_format(out, sizeof(out), t);
		assert_string_equal(out, forms[i]);
	}
}

/* candor_date_format writes its dates itself where years have four digits:
 * the same bytes as gmtime_r and strftime, edges and a spread of moments */
static void dates_as_strftime(void **state)
{
	static const int64_t edges[] = { 0, -1, 1, 59, 60, 86399, 86400, -86400, -86401,
					 951782400, 951868799, 4107542400, -30610224000LL,
					 -30610224001LL, 253402300799LL, 253402300800LL,
					 -62135596800LL };
	char out[CANDOR_DATE_MAX], want[64];
	uint64_t x = 88172645463325252u;

	(void)state;
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(edges) + 200000; i++) {
		int64_t t;
		time_t tt;
		struct tm tm;

		if (i < CANDOR_ARRAY_SIZE(edges)) {
			t = edges[i];
		} else {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			t = (int64_t)(x % 300000000000ULL) - 40000000000LL;
			if (i % 3 == 0)
				t -= t % 60;       /* on the minute */
			else if (i % 3 == 1)
				t -= t % 86400;    /* midnight, or a day's end below zero */
		}
		tt = (time_t)t;
		assert_non_null(gmtime_r(&tt, &tm));
		strftime(want, sizeof(want), tm.tm_hour == 0 && tm.tm_min == 0 && tm.tm_sec == 0 ?
			 "%Y-%m-%d" : tm.tm_sec == 0 ? "%Y-%m-%dT%H:%M" : "%Y-%m-%dT%H:%M:%S", &tm);
		candor_date_format(out, sizeof(out), t);
		if (strcmp(out, want))
			fail_msg("%lld: '%s', strftime '%s'", (long long)t, out, want);
	}
}

static void now_from_environment(void **state)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	int64_t t;

	setenv("CANDOR_NOW", "2026-11-20", 1);
	assert_int_equal(candor_now(&t, &err), 0);
	assert_int_equal(t, 1795132800);
	setenv("CANDOR_NOW", "soon", 1);
	assert_int_equal(candor_now(&t, &err), CANDOR_EINVALID);
	unsetenv("CANDOR_NOW");
	assert_int_equal(candor_now(&t, &err), 0);
	assert_true(t > 1700000000);
}

/* The one validator: RFC 3629 well-formed, and text without C0 controls. */
static void utf8_strict(void **state)
{
	static const char *good[] = {
		"", "plain", "h\xc3\xa9llo\tthere\n", "\xe2\x82\xac", "\xed\x9f\xbf",
		"\xee\x80\x80", "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "\xef\xbf\xbd",
	};
	static const char *bad[] = {
		"\xc3", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xe0\x9f\xbf",
		"\xed\xa0\x80", "\xed\xbf\xbf", "\xf0\x80\x80\xaf", "\xf0\x8f\xbf\xbf",
		"\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\x80", "\xe2\x82",
		"\xf0\x90\x80", "a\x01", "\x1b[31m", "ok\xe2\x28\xa1",
	};

	(void)state;
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(good); i++)
		assert_true(candor_utf8_text_ok(good[i], strlen(good[i])));
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(bad); i++) {
		if (candor_utf8_text_ok(bad[i], strlen(bad[i])))
			fail_msg("accepted bad[%zu]", i);
	}
	assert_false(candor_utf8_text_ok("a\0b", 3));
	assert_true(candor_utf8_valid("a\x01", 2));
	assert_int_equal(candor_utf8_check("ab\xed\xa0\x80", 5), 2);
	assert_int_equal(candor_utf8_seq((const unsigned char *)"\xf4\x8f\xbf\xbf", 3), 0);
	assert_int_equal(candor_utf8_seq((const unsigned char *)"\xf4\x8f\xbf\xbf", 4), 4);
}

static void folded_is(const char *in, const char *want)
{
	struct candor_buf b = CANDOR_BUF_INIT;

	candor_fold(&b, in, strlen(in));
	assert_string_equal(b.ptr, want);
	candor_buf_release(&b);
}

/* The search fold: case and accents go, one character at a time; the SQL
 * tables say the same thing as candor_fold_char, character for character. */
static void search_folds_case_and_accents(void **state)
{
	const char *from, *to;
	const unsigned char *p, *q;
	size_t nto = 0;

	(void)state;
	folded_is("JOS\xc3\x89 N\xc3\xba\xc3\xb1\x65z", "jose nunez");
	folded_is("Jose\xcc\x81", "jose");                         /* a combining accent goes */
	folded_is("\xc3\x9f\xe2\x82\xac 42", "\xc3\x9f\xe2\x82\xac 42");  /* ß and € stay */
	folded_is("\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1", "\xce\xb1\xce\xb8\xce\xb7\xce\xbd\xce\xb1");
	folded_is("Ti\xe1\xba\xbfng Vi\xe1\xbb\x87t", "tieng viet");
	folded_is("\xff", "\xff");
	candor_fold_tables(&from, &to);
	assert_true(strlen(from) > strlen(to));
	for (q = (const unsigned char *)to; *q; q++)
		nto += (*q & 0xC0) != 0x80;
	p = (const unsigned char *)from;
	q = (const unsigned char *)to;
	for (size_t i = 0; *p; i++) {
		int32_t c, d = -1;
		size_t n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;

		c = n == 1 ? *p : n == 2 ? ((p[0] & 0x1F) << 6) | (p[1] & 0x3F)
			: ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		if (i < nto) {
			size_t m = *q < 0x80 ? 1 : *q < 0xE0 ? 2 : *q < 0xF0 ? 3 : 4;

			d = m == 1 ? *q : m == 2 ? ((q[0] & 0x1F) << 6) | (q[1] & 0x3F)
				: ((q[0] & 0x0F) << 12) | ((q[1] & 0x3F) << 6) | (q[2] & 0x3F);
			q += m;
		}
		assert_int_equal(candor_fold_char(c), d);
		p += n;
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_grows_and_stays_terminated),
		cmocka_unit_test(buf_cap_is_sticky),
		cmocka_unit_test(buf_detach_hands_over),
		cmocka_unit_test(buf_fixed_is_printf),
		cmocka_unit_test(buf_int_is_printf),
		cmocka_unit_test(dates_parse),
		cmocka_unit_test(dates_refuse),
		cmocka_unit_test(dates_refuse_bytes),
		cmocka_unit_test(error_cut_whole),
		cmocka_unit_test(dates_round_trip),
		cmocka_unit_test(dates_as_strftime),
		cmocka_unit_test(now_from_environment),
		cmocka_unit_test(utf8_strict),
		cmocka_unit_test(search_folds_case_and_accents),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
