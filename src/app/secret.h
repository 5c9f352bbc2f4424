/*
 * app/secret.h: passwords, session and API tokens and CSRF tokens, on
 * libsodium, shared by `candor user` and `candor serve` (no I/O, no store
 * calls: app/user.h stores and checks them).
 *
 * Passwords are hashed with argon2id (crypto_pwhash_str, interactive
 * limits).  A session or API token is a split token "SELECTOR.SECRET" of
 * random hex: the selector finds the stored row, the secret's BLAKE2b hash
 * is what is stored, and the check compares hashes in constant time.  A
 * session's CSRF token is random and stored with it; every POST must carry
 * it (candor_token_equal compares in constant time).
 */
#ifndef CANDOR_APP_SECRET_H
#define CANDOR_APP_SECRET_H

#include "util/common.h"
#include "store/store.h"

#define CANDOR_SELECTOR_BYTES 12  /* 24 hex characters */
#define CANDOR_SECRET_BYTES 32    /* 64 hex characters */
#define CANDOR_TOKEN_MAX (2 * CANDOR_SELECTOR_BYTES + 1 + 2 * CANDOR_SECRET_BYTES + 1)
#define CANDOR_PASSWORD_MAX 1024

/* Initialise libsodium; -1 when it cannot be (no randomness). */
int candor_secret_init(void);

/* Fill out with nbytes random bytes as hex (out holds 2 * nbytes + 1). */
void candor_random_hex(char *out, size_t nbytes);

/* Hash a secret for storing: 64 hex characters. */
void candor_secret_hash(char out[65], const char *secret);

/*
 * A new split token: fills sec->selector and sec->hash, and token (at least
 * CANDOR_TOKEN_MAX bytes) with "SELECTOR.SECRET" for the client.
 */
void candor_token_new(struct candor_secret *sec, char *token);

/* Split token into its selector (copied) and secret; false when malformed. */
bool candor_token_split(const char *token, char selector[33], const char **secret);

/* Whether secret hashes to sec->hash (constant time). */
bool candor_token_check(const struct candor_secret *sec, const char *secret);

/* Whether two NUL-terminated tokens are equal, in time independent of content. */
bool candor_token_equal(const char *expected, const char *given);

/* Hash a password into out (crypto_pwhash_STRBYTES); -1 out of memory. */
int candor_password_hash(char *out, size_t n, const char *password);
/* Whether password matches hash (an argon2id string); false for NULL. */
bool candor_password_check(const char *hash, const char *password);

#endif
