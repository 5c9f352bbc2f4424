/*
 * web/auth.h: passwords, session cookies, API tokens and CSRF tokens,
 * on libsodium.
 *
 * Passwords are hashed with argon2id (crypto_pwhash_str, interactive
 * limits).  A session or API token is a split token "SELECTOR.SECRET" of
 * random hex: the selector finds the stored row, the secret's BLAKE2b hash
 * is what is stored, and the check compares hashes in constant time.  A
 * session's CSRF token is random and stored with it; every POST must carry
 * it (web_csrf_equal compares in constant time).
 */
#ifndef CANDOR_WEB_AUTH_H
#define CANDOR_WEB_AUTH_H

#include "util/common.h"
#include "store/store.h"

#define WEB_SELECTOR_BYTES 12  /* 24 hex characters */
#define WEB_SECRET_BYTES 32    /* 64 hex characters */
#define WEB_TOKEN_MAX (2 * WEB_SELECTOR_BYTES + 1 + 2 * WEB_SECRET_BYTES + 1)
#define WEB_PASSWORD_MAX 1024

/* Initialise libsodium; -1 when it cannot be (no randomness). */
int web_auth_init(void);

/* Fill out with nbytes random bytes as hex (out holds 2 * nbytes + 1). */
void web_random_hex(char *out, size_t nbytes);

/* Hash a secret for storing: 64 hex characters. */
void web_secret_hash(char out[65], const char *secret);

/*
 * A new split token: fills sec->selector and sec->hash, and token (at least
 * WEB_TOKEN_MAX bytes) with "SELECTOR.SECRET" for the client.
 */
void web_token_new(struct candor_secret *sec, char *token);

/* Split token into its selector (copied) and secret; false when malformed. */
bool web_token_split(const char *token, char selector[33], const char **secret);

/* Whether secret hashes to sec->hash (constant time). */
bool web_token_check(const struct candor_secret *sec, const char *secret);

/* Whether two NUL-terminated tokens are equal, in time independent of content. */
bool web_csrf_equal(const char *expected, const char *given);

/* Hash a password into out (crypto_pwhash_STRBYTES); -1 out of memory. */
int web_password_hash(char *out, size_t n, const char *password);
bool web_password_check(const char *hash, const char *password);

/* The value of cookie name in a Cookie header, copied to out; false when absent. */
bool web_cookie_get(const char *header, const char *name, char *out, size_t n);

#endif
