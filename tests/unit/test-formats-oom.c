/*
 * test-formats-oom.c: the transcript readers when memory runs out.
 *
 * Linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc, so every
 * allocation the library makes goes through the wrappers below, which can
 * be told to fail the Nth one.  Each test fails the first allocation, then
 * the second, and so on until the call succeeds, and checks that every
 * failure is CANDOR_ERROR with a message and leaves nothing behind (the
 * sanitizer build catches leaks and double frees on these paths).
 */
#include "util/common.h"
#include <setjmp.h>
#include <cmocka.h>

#include "util/error.h"
#include "formats/transcript.h"

#define DATA(name) CANDOR_TEST_DATA "/" name

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);

static long countdown = -1;  /* fail when it reaches 0; -1: never */

static bool fail_now(void)
{
	return countdown >= 0 && countdown-- == 0;
}

void *__wrap_malloc(size_t n)
{
	return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __real_realloc(p, n);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = __real_malloc(1 << 16);

	assert_non_null(f);
	assert_non_null(p);
	*len = fread(p, 1, 1 << 16, f);
	fclose(f);
	return p;
}

/* Read path failing allocation n, n = 0, 1, ... until reading succeeds. */
static void read_under_oom(const char *path)
{
	struct candor_error err = CANDOR_ERROR_INIT;
	size_t len;
	char *data = slurp(path, &len);
	long n;
	int rc = CANDOR_ERROR;

	for (n = 0; rc && n < 100000; n++) {
		struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

		countdown = n;
		rc = candor_transcript_read(&t, data, len, path, &err);
		countdown = -1;
		if (rc) {
			assert_int_equal(rc, CANDOR_ERROR);
			assert_non_null(strstr(err.msg, "out of memory"));
			assert_null(t.cues);
			assert_null(t.utts);
		}
		candor_transcript_release(&t);
	}
	assert_int_equal(rc, 0);
	assert_true(n > 3);
	free(data);
}

/* assign_sides with aliases, failing allocation n until it succeeds. */
static void sides_under_oom(const char *path)
{
	const char *aliases[] = { "Priya Patel (Acme)=Dana Buyer (Acme)" };
	struct candor_error err = CANDOR_ERROR_INIT;
	long n;
	int rc = CANDOR_ERROR;

	for (n = 0; rc && n < 100000; n++) {
		struct candor_transcript t = CANDOR_TRANSCRIPT_INIT;

		assert_int_equal(candor_transcript_read_file(&t, path, &err), 0);
		countdown = n;
		rc = candor_transcript_assign_sides(&t, "Sam", aliases, 1, &err);
		countdown = -1;
		if (rc)
			assert_int_equal(rc, CANDOR_ERROR);
		for (size_t i = 0; i < t.nutts; i++)
			assert_non_null(t.utts[i].text);
		candor_transcript_release(&t);
	}
	assert_int_equal(rc, 0);
}

static void test_oom_vtt(void **state)
{
	(void)state;
	read_under_oom(DATA("teams-discovery.vtt"));
	read_under_oom(DATA("zoom-pricing.vtt"));
}

static void test_oom_srt(void **state)
{
	(void)state;
	read_under_oom(DATA("quirks.srt"));
}

static void test_oom_text(void **state)
{
	(void)state;
	read_under_oom(DATA("plain-notes.txt"));
	read_under_oom(DATA("meet-kickoff.txt"));
	read_under_oom(DATA("otter-followup.txt"));
	read_under_oom(DATA("zoom-chat.txt"));
	read_under_oom(DATA("zoom-chat-2022.txt"));
	read_under_oom(DATA("zoom-chat-cloud.txt"));
	read_under_oom(DATA("meet-chat.txt"));
	read_under_oom(DATA("teams-text.txt"));
	read_under_oom(DATA("fathom-call.txt"));
	read_under_oom(DATA("otter-markdown.md"));
}

static void test_oom_teams_and_encodings(void **state)
{
	(void)state;
	read_under_oom(DATA("teams-graph.vtt"));
	read_under_oom(DATA("teams-graph-json.vtt"));
	read_under_oom(DATA("legacy-cp1252.srt"));
	read_under_oom(DATA("utf16le.srt"));
}

static void test_oom_sides(void **state)
{
	(void)state;
	sides_under_oom(DATA("teams-discovery.vtt"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oom_vtt),
		cmocka_unit_test(test_oom_srt),
		cmocka_unit_test(test_oom_text),
		cmocka_unit_test(test_oom_teams_and_encodings),
		cmocka_unit_test(test_oom_sides),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
