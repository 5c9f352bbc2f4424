/*
 * web/guard.h: keeping the server up for everyone (server.c).
 *
 * The guard knows every open connection: when its current request began
 * (a deadline that trickling bytes do not extend), and who it is for, so
 * that no client address holds more than a few connections.  A client
 * address is the peer's, or, when the peer is the trusted reverse proxy
 * (--trusted-proxy), the last address of the request's X-Forwarded-For.
 *
 * Connections from a plain client are counted against its address when
 * they open; requests that come through the trusted proxy are counted
 * against their forwarded address while they run.  A reaper thread shuts
 * down (shutdown(2)) the sockets whose request has run past the deadline;
 * libmicrohttpd then closes them as if the client had gone.  Everything
 * is in memory and starts empty on each start of the server.
 */
#ifndef CANDOR_WEB_GUARD_H
#define CANDOR_WEB_GUARD_H

#include "util/common.h"
#include <pthread.h>
#include <netinet/in.h>

#define WEB_ADDR_MAX 46  /* INET6_ADDRSTRLEN */

struct web_addr_count;
struct web_conn;

struct web_guard {
	unsigned per_addr;            /* connections or requests per client address */
	unsigned deadline;            /* seconds a request may take, from its first byte */
	bool has_proxy;
	struct in_addr proxy;         /* the trusted proxy, when has_proxy */
	/* private */
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t reaper;
	bool running, stop;
	struct web_conn *conns;       /* open connections, a list */
	struct web_addr_count *counts[1024];  /* address -> count, chained */
};

/* Fill g (per_addr, deadline, proxy set by the caller before) and start its reaper. */
int web_guard_start(struct web_guard *g);
/* Stop the reaper and free what is left; after the daemon has stopped. */
void web_guard_stop(struct web_guard *g);

/*
 * A connection opened (fd, peer): *slot gets the guard's record of it.
 * False when its address already holds per_addr connections: the caller
 * closes it (it has been shut down already).
 */
bool web_guard_open(struct web_guard *g, int fd, const struct sockaddr *peer,
		    struct web_conn **slot);
/* The connection closed: forget it (slot may be NULL). */
void web_guard_close(struct web_guard *g, struct web_conn *slot);
/* A request on the connection ended: the next one's deadline starts now. */
void web_guard_request_done(struct web_guard *g, struct web_conn *slot);

/* Whether the connection comes from the trusted proxy. */
bool web_guard_from_proxy(const struct web_conn *slot);
/* The connection's peer address, as text. */
const char *web_guard_peer(const struct web_conn *slot);

/*
 * The client of a request from the trusted proxy (the last entry of
 * xff, which may be NULL: then the proxy itself), written to out, and
 * counted against it: false when it already has per_addr requests
 * running.  Each true is undone by one web_guard_client_leave().
 */
bool web_guard_client_enter(struct web_guard *g, const struct web_conn *slot,
			    const char *xff, char out[WEB_ADDR_MAX]);
void web_guard_client_leave(struct web_guard *g, const char *client);

#endif
