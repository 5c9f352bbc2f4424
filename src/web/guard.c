/*
 * web/guard.c: connection deadlines and limits per client address (guard.h).
 */
#include "util/common.h"
#include <arpa/inet.h>
#include <sys/socket.h>
#include <time.h>
#include "web/guard.h"

struct web_conn {
	struct web_conn *prev, *next;
	int fd;
	int64_t start;                /* ms (monotonic): the current request's start */
	bool proxy;                   /* from the trusted proxy: not counted here */
	bool cut;                     /* shut down at the deadline */
	char addr[WEB_ADDR_MAX];      /* the peer */
};

struct web_addr_count {
	struct web_addr_count *next;
	unsigned n;
	char addr[WEB_ADDR_MAX];
};

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static size_t addr_hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h % CANDOR_ARRAY_SIZE(((struct web_guard *)0)->counts);
}

/* Count one more for addr, unless it has per_addr already; under the lock. */
static bool count_add(struct web_guard *g, const char *addr)
{
	struct web_addr_count **head = &g->counts[addr_hash(addr)], *c;

	for (c = *head; c && strcmp(c->addr, addr); c = c->next)
		;
	if (c && c->n >= g->per_addr)
		return false;
	if (!c) {
		if (!(c = calloc(1, sizeof(*c))))
			return false;
		snprintf(c->addr, sizeof(c->addr), "%s", addr);
		c->next = *head;
		*head = c;
	}
	c->n++;
	return true;
}

/* Count one less for addr; under the lock. */
static void count_del(struct web_guard *g, const char *addr)
{
	for (struct web_addr_count **p = &g->counts[addr_hash(addr)]; *p; p = &(*p)->next) {
		struct web_addr_count *c = *p;

		if (strcmp(c->addr, addr))
			continue;
		if (--c->n == 0) {
			*p = c->next;
			free(c);
		}
		return;
	}
}

/*
 * The reaper: twice a second, shut down the sockets of requests older than
 * the deadline.  A socket stays in the list (and open) until libmicrohttpd
 * says it closed it, which it does under the same lock, so the fd shut
 * down is always this connection's.
 */
static void *reaper(void *arg)
{
	struct web_guard *g = arg;

	pthread_mutex_lock(&g->lock);
	while (!g->stop) {
		struct timespec until;
		int64_t now = now_ms();

		for (struct web_conn *c = g->conns; c; c = c->next)
			if (!c->cut && now - c->start > (int64_t)g->deadline * 1000) {
				shutdown(c->fd, SHUT_RDWR);
				c->cut = true;
			}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 500000000;
		if (until.tv_nsec >= 1000000000) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&g->wake, &g->lock, &until);
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

int web_guard_start(struct web_guard *g)
{
	g->conns = NULL;
	memset(g->counts, 0, sizeof(g->counts));
	g->stop = false;
	pthread_mutex_init(&g->lock, NULL);
	pthread_cond_init(&g->wake, NULL);
	if (pthread_create(&g->reaper, NULL, reaper, g)) {
		pthread_cond_destroy(&g->wake);
		pthread_mutex_destroy(&g->lock);
		return -1;
	}
	g->running = true;
	return 0;
}

void web_guard_stop(struct web_guard *g)
{
	if (!g->running)
		return;
	pthread_mutex_lock(&g->lock);
	g->stop = true;
	pthread_cond_signal(&g->wake);
	pthread_mutex_unlock(&g->lock);
	pthread_join(g->reaper, NULL);
	while (g->conns) {
		struct web_conn *c = g->conns;

		g->conns = c->next;
		free(c);
	}
	for (size_t i = 0; i < CANDOR_ARRAY_SIZE(g->counts); i++)
		while (g->counts[i]) {
			struct web_addr_count *c = g->counts[i];

			g->counts[i] = c->next;
			free(c);
		}
	pthread_cond_destroy(&g->wake);
	pthread_mutex_destroy(&g->lock);
	g->running = false;
}

static void addr_text(const struct sockaddr *sa, char out[WEB_ADDR_MAX])
{
	*out = '\0';
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, WEB_ADDR_MAX);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, WEB_ADDR_MAX);
}

bool web_guard_open(struct web_guard *g, int fd, const struct sockaddr *peer,
		    struct web_conn **slot)
{
	struct web_conn *c = calloc(1, sizeof(*c));
	bool ok;

	*slot = NULL;
	if (!c) {
		shutdown(fd, SHUT_RDWR);
		return false;
	}
	c->fd = fd;
	c->start = now_ms();
	addr_text(peer, c->addr);
	c->proxy = g->has_proxy && peer && peer->sa_family == AF_INET &&
		   ((const struct sockaddr_in *)peer)->sin_addr.s_addr == g->proxy.s_addr;
	pthread_mutex_lock(&g->lock);
	ok = c->proxy || count_add(g, c->addr);
	if (ok) {
		c->next = g->conns;
		if (g->conns)
			g->conns->prev = c;
		g->conns = c;
	}
	pthread_mutex_unlock(&g->lock);
	if (!ok) {
		shutdown(fd, SHUT_RDWR);
		free(c);
		return false;
	}
	*slot = c;
	return true;
}

void web_guard_close(struct web_guard *g, struct web_conn *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&g->lock);
	if (c->prev)
		c->prev->next = c->next;
	else
		g->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	if (!c->proxy)
		count_del(g, c->addr);
	pthread_mutex_unlock(&g->lock);
	free(c);
}

void web_guard_request_done(struct web_guard *g, struct web_conn *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&g->lock);
	c->start = now_ms();
	pthread_mutex_unlock(&g->lock);
}

bool web_guard_from_proxy(const struct web_conn *c)
{
	return c && c->proxy;
}

const char *web_guard_peer(const struct web_conn *c)
{
	return c ? c->addr : "";
}

/* The last address of an X-Forwarded-For list, trimmed, into out ("" when none). */
static void last_forwarded(const char *xff, char out[WEB_ADDR_MAX])
{
	const char *p = xff ? strrchr(xff, ',') : NULL;
	size_t n;

	*out = '\0';
	if (!xff)
		return;
	p = p ? p + 1 : xff;
	p += strspn(p, " \t");
	n = strcspn(p, " \t");
	if (n && n < WEB_ADDR_MAX && strspn(p, "0123456789abcdefABCDEF.:") == n) {
		memcpy(out, p, n);
		out[n] = '\0';
	}
}

bool web_guard_client_enter(struct web_guard *g, const struct web_conn *c,
			    const char *xff, char out[WEB_ADDR_MAX])
{
	bool ok;

	last_forwarded(xff, out);
	if (!*out)
		snprintf(out, WEB_ADDR_MAX, "%s", web_guard_peer(c));
	pthread_mutex_lock(&g->lock);
	ok = count_add(g, out);
	pthread_mutex_unlock(&g->lock);
	return ok;
}

void web_guard_client_leave(struct web_guard *g, const char *client)
{
	pthread_mutex_lock(&g->lock);
	count_del(g, client);
	pthread_mutex_unlock(&g->lock);
}
