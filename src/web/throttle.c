/*
 * web/throttle.c: sign-in throttling and the password hashing gate (throttle.h).
 */
#include "util/common.h"
#include <ctype.h>
#include <time.h>
#include "web/throttle.h"

struct web_throttle_entry {
	struct web_throttle_entry *next;
	unsigned failures;
	int64_t until;                /* ms (monotonic): no attempt before this */
	int64_t last;                 /* ms: the last failure */
	char key[];                   /* "n:" name or "a:" address */
};

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int web_throttle_init(struct web_throttle *t)
{
	memset(t->e, 0, sizeof(t->e));
	t->n = 0;
	if (sem_init(&t->hashing, 0, WEB_HASH_CONCURRENCY))
		return -1;
	pthread_mutex_init(&t->lock, NULL);
	return 0;
}

void web_throttle_release(struct web_throttle *t)
{
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(t->e); i++)
		while (t->e[i]) {
			struct web_throttle_entry *e = t->e[i];

			t->e[i] = e->next;
			free(e);
		}
	t->n = 0;
	sem_destroy(&t->hashing);
	pthread_mutex_destroy(&t->lock);
}

/* The key of a name (case and surrounding spaces do not make another) or an address. */
static void make_key(char *out, size_t n, char kind, const char *s)
{
	size_t len;

	s = s ? s : "";
	s += strspn(s, " \t");
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	snprintf(out, n, "%c:%.*s", kind, (int)len, s);
	for (char *p = out + 2; *p; p++)
		*p = (char)tolower((unsigned char)*p);
}

static size_t key_hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h % CANDOR_ARRAY_SIZE(((struct web_throttle *)0)->e);
}

static bool stale(const struct web_throttle_entry *e, int64_t now)
{
	return now > (e->until > e->last ? e->until : e->last) + WEB_THROTTLE_FORGET * 1000;
}

/* Drop the entries nobody has failed with for a while; under the lock. */
static void sweep(struct web_throttle *t, int64_t now)
{
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(t->e); i++)
		for (struct web_throttle_entry **p = &t->e[i]; *p;) {
			struct web_throttle_entry *e = *p;

			if (stale(e, now)) {
				*p = e->next;
				free(e);
				t->n--;
			} else {
				p = &e->next;
			}
		}
}

/* The entry of key, made when make (and there is room); under the lock. */
static struct web_throttle_entry *entry(struct web_throttle *t, const char *key, bool make,
					int64_t now)
{
	struct web_throttle_entry **head = &t->e[key_hash(key)], *e;

	for (e = *head; e; e = e->next)
		if (!strcmp(e->key, key)) {
			if (stale(e, now))
				e->failures = 0;
			return e;
		}
	if (!make)
		return NULL;
	if (t->n >= WEB_THROTTLE_ENTRIES)
		sweep(t, now);
	/* full of fresh failures: the names and addresses already counted
	 * stay counted, a new one is not (the table cannot grow without end) */
	if (t->n >= WEB_THROTTLE_ENTRIES || !(e = calloc(1, sizeof(*e) + strlen(key) + 1)))
		return NULL;
	memcpy(e->key, key, strlen(key) + 1);
	e->next = *head;
	*head = e;
	t->n++;
	return e;
}

static int64_t wait_of(struct web_throttle *t, const char *key, int64_t now)
{
	struct web_throttle_entry *e = entry(t, key, false, now);

	return e && e->until > now ? (e->until - now + 999) / 1000 : 0;
}

int64_t web_throttle_wait(struct web_throttle *t, const char *name, const char *addr)
{
	char kn[192], ka[64];
	int64_t now = now_ms(), a, b;

	make_key(kn, sizeof(kn), 'n', name);
	make_key(ka, sizeof(ka), 'a', addr);
	pthread_mutex_lock(&t->lock);
	a = wait_of(t, kn, now);
	b = wait_of(t, ka, now);
	pthread_mutex_unlock(&t->lock);
	return a > b ? a : b;
}

/* One more failure for key: from the free-th on, a wait that doubles each time. */
static void fail_one(struct web_throttle *t, const char *key, unsigned free, int64_t now)
{
	struct web_throttle_entry *e = entry(t, key, true, now);
	int64_t wait = 1;

	if (!e)
		return;
	e->failures++;
	e->last = now;
	if (e->failures < free)
		return;
	for (unsigned i = free; i < e->failures && wait < WEB_THROTTLE_MAX_WAIT; i++)
		wait *= 2;
	e->until = now + 1000 * (wait < WEB_THROTTLE_MAX_WAIT ? wait : WEB_THROTTLE_MAX_WAIT);
}

void web_throttle_failed(struct web_throttle *t, const char *name, const char *addr)
{
	char kn[192], ka[64];
	int64_t now = now_ms();

	make_key(kn, sizeof(kn), 'n', name);
	make_key(ka, sizeof(ka), 'a', addr);
	pthread_mutex_lock(&t->lock);
	fail_one(t, kn, WEB_THROTTLE_FREE_NAME, now);
	fail_one(t, ka, WEB_THROTTLE_FREE_ADDR, now);
	pthread_mutex_unlock(&t->lock);
}

void web_throttle_passed(struct web_throttle *t, const char *name)
{
	char kn[192];
	struct web_throttle_entry *e;

	make_key(kn, sizeof(kn), 'n', name);
	pthread_mutex_lock(&t->lock);
	if ((e = entry(t, kn, false, now_ms()))) {
		e->failures = 0;
		e->until = 0;
	}
	pthread_mutex_unlock(&t->lock);
}

bool web_throttle_hash_begin(struct web_throttle *t)
{
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += WEB_HASH_WAIT;
	while (sem_timedwait(&t->hashing, &until))
		if (errno != EINTR)
			return false;
	return true;
}

void web_throttle_hash_end(struct web_throttle *t)
{
	sem_post(&t->hashing);
}
