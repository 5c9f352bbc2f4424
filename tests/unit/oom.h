/*
 * oom.h: allocation-failure injection for the unit tests test-*-oom.c.
 *
 * A test binary that includes this is linked with -Wl,--wrap=malloc,
 * --wrap=calloc, --wrap=realloc, --wrap=strdup and --wrap=strndup, so
 * every allocation Candor's own code makes goes through the wrappers
 * below.  oom_install() routes the libraries' allocations through them too:
 * SQLite (SQLITE_CONFIG_MALLOC), jansson (through util/json-text.c's
 * allocator, set at start, which calls the wrapped malloc) and
 * Hyperscan (hs_set_allocator), which allocate through malloc inside their
 * shared objects, out of reach of --wrap.  (libpq, utf8proc and liblinear
 * have no such hook: their own allocations never fail here.)
 *
 * oom_fail_at(n) makes the allocation n from now fail (0: the next one),
 * and every one after it succeed; oom_off() stops the countdown.
 * oom_walk() runs an operation failing allocation 0, 1, 2 ... in turn and
 * prints what it walked as a TAP comment.
 */
#ifndef CANDOR_TEST_OOM_H
#define CANDOR_TEST_OOM_H

#include <malloc.h>
#include <sqlite3.h>
#include <jansson.h>
#include <hs/hs.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static long oom_countdown = -1;  /* fail when it reaches 0; -1: never */
static long oom_failed;          /* allocations failed on purpose */
static long oom_calls;           /* allocations asked for, failed or not */

static inline bool oom_now(void)
{
	oom_calls++;
	if (oom_countdown >= 0 && oom_countdown-- == 0) {
		oom_failed++;
		return true;
	}
	return false;
}

static inline void oom_fail_at(long n) { oom_countdown = n; }
static inline void oom_off(void) { oom_countdown = -1; }

void *__wrap_malloc(size_t n) { return oom_now() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t size) { return oom_now() ? NULL : __real_calloc(n, size); }
void *__wrap_realloc(void *p, size_t n) { return oom_now() ? NULL : __real_realloc(p, n); }
char *__wrap_strdup(const char *s) { return oom_now() ? NULL : __real_strdup(s); }
char *__wrap_strndup(const char *s, size_t n) { return oom_now() ? NULL : __real_strndup(s, n); }

/* SQLite's allocator: libc's, through the countdown. */
static void *oom_sqlite_malloc(int n) { return oom_now() ? NULL : __real_malloc((size_t)n); }
static void oom_sqlite_free(void *p) { free(p); }
static void *oom_sqlite_realloc(void *p, int n)
{
	return oom_now() ? NULL : __real_realloc(p, (size_t)n);
}
static int oom_sqlite_size(void *p) { return p ? (int)malloc_usable_size(p) : 0; }
static int oom_sqlite_roundup(int n) { return (n + 7) & ~7; }
static int oom_sqlite_init(void *arg) { (void)arg; return SQLITE_OK; }
static void oom_sqlite_shutdown(void *arg) { (void)arg; }

static void *oom_lib_malloc(size_t n) { return oom_now() ? NULL : __real_malloc(n); }

/* Route SQLite's, jansson's and Hyperscan's allocations through the countdown. */
static inline void oom_install(void)
{
	static const sqlite3_mem_methods m = {
		oom_sqlite_malloc, oom_sqlite_free, oom_sqlite_realloc, oom_sqlite_size,
		oom_sqlite_roundup, oom_sqlite_init, oom_sqlite_shutdown, NULL
	};

	if (sqlite3_config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK ||
	    sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0) != SQLITE_OK) {
		fprintf(stderr, "oom: sqlite3_config refused\n");
		abort();
	}
	/* jansson's allocations already go through util/json-text.c's
	 * allocator, which calls malloc: __wrap_malloc, the countdown */
	/* OOM_ONLY=test_oom_x runs that test alone */
	if (getenv("OOM_ONLY"))
		cmocka_set_test_filter(getenv("OOM_ONLY"));
	if (hs_set_allocator(oom_lib_malloc, free) != HS_SUCCESS)
		abort();
}

/*
 * The allocation point to fail after n in a walk over an operation that
 * made total allocations with memory to spare: every one of the first
 * OOM_EVERY (oom_every()), then (when total is larger) a spread of about
 * as many more, so a walk costs at most some thousands of runs.
 */
#define OOM_EVERY 1500
/* OOM_EVERY, or CANDOR_OOM_EVERY (make check sets a smaller one; make oom
 * walks with OOM_EVERY). */
static inline long oom_every(void)
{
	const char *v = getenv("CANDOR_OOM_EVERY");
	long n = v ? strtol(v, NULL, 10) : 0;

	return n >= 50 && n <= 100000 ? n : OOM_EVERY;
}

static inline long oom_next(long n, long total)
{
	long every = oom_every();
	long step = total > 2 * every ? total / every : 1;

	return n < every ? n + 1 : n + step;
}


/*
 * Walk an operation: op(arg) runs it once (0 on success), after(arg, rc)
 * checks what a run left (memory to spare again), releases it and, after
 * a success, puts back what op changed.  First a run with memory to spare
 * counts the allocations op makes; then op runs failing allocation 0, 1,
 * ... (oom_next) up to that count, each run an error or (when the failure
 * was one the code may survive, a cache it goes without) a success that
 * after() checks as any other; then a run failing nothing must succeed.  The runs are printed; the failed ones returned.
 */
static long oom_at = -1;  /* the allocation point of the run under way */

static inline long oom_walk(const char *what, int (*op)(void *), void (*after)(void *, int),
			    void *arg)
{
	long total, n, runs = 0, fails = 0, before = oom_calls;
	int rc = op(arg);

	total = oom_calls - before;
	after(arg, rc);
	if (rc) {
		fprintf(stderr, "oom: %s fails with memory to spare (%d)\n", what, rc);
		abort();
	}
	for (n = 0; n <= total; n = oom_next(n, total)) {
		oom_at = n;
		oom_fail_at(n);
		rc = op(arg);
		oom_off();
		after(arg, rc);
		runs++;
		fails += rc != 0;
	}
	oom_at = -1;
	rc = op(arg);
	after(arg, rc);
	if (rc) {
		fprintf(stderr, "oom: %s fails failing nothing (%d)\n", what, rc);
		abort();
	}
	printf("# %s: %ld allocations; %ld runs, each failing one, %ld of them failed cleanly, "
	       "%ld went on without it\n", what, total, runs, fails, runs - fails);
	fflush(stdout);
	return fails;
}

#endif
