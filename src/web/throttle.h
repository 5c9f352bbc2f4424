/*
 * web/throttle.h: slowing down password guessing at /login (page.c).
 *
 * Failed sign-ins are counted per name and per client address.  The first
 * WEB_THROTTLE_FREE_NAME failures of a name (WEB_THROTTLE_FREE_ADDR of an
 * address) cost nothing; from then on each failure makes the next attempt
 * wait 1, 2, 4, ... seconds, at most WEB_THROTTLE_MAX_WAIT.  The check
 * comes before any password is hashed, and answers 429 with Retry-After.
 * A right password clears its name's count; an address's count is
 * forgotten WEB_THROTTLE_FORGET seconds after its last wait ended.
 *
 * Hashing a password costs argon2's memory (64 MiB), so at most
 * WEB_HASH_CONCURRENCY hashes run at once; the others wait their turn, a
 * few seconds at most, then answer "busy".
 *
 * The counts live in memory: they start empty when the server starts.
 */
#ifndef CANDOR_WEB_THROTTLE_H
#define CANDOR_WEB_THROTTLE_H

#include "util/common.h"
#include <pthread.h>
#include <semaphore.h>

#define WEB_THROTTLE_FREE_NAME 5
#define WEB_THROTTLE_FREE_ADDR 20
#define WEB_THROTTLE_MAX_WAIT 900     /* seconds */
#define WEB_THROTTLE_FORGET 900       /* seconds */
#define WEB_THROTTLE_ENTRIES 100000   /* names and addresses kept, at most */
#define WEB_HASH_CONCURRENCY 2
#define WEB_HASH_WAIT 5               /* seconds a sign-in waits for its turn to hash */

struct web_throttle_entry;

struct web_throttle {
	pthread_mutex_t lock;
	struct web_throttle_entry *e[4096];  /* chained by hash of the key */
	size_t n;
	sem_t hashing;
};

int web_throttle_init(struct web_throttle *t);
void web_throttle_release(struct web_throttle *t);

/* Seconds to wait before name may try again from addr; 0 when it may now. */
int64_t web_throttle_wait(struct web_throttle *t, const char *name, const char *addr);
/* Record a failed sign-in of name from addr. */
void web_throttle_failed(struct web_throttle *t, const char *name, const char *addr);
/* Record a sign-in of name that succeeded: its count starts again. */
void web_throttle_passed(struct web_throttle *t, const char *name);

/* Take a turn to hash a password (false: none came free in WEB_HASH_WAIT s). */
bool web_throttle_hash_begin(struct web_throttle *t);
void web_throttle_hash_end(struct web_throttle *t);

#endif
