/*
 * app/secret.c: passwords and split tokens on libsodium (secret.h).
 */
#include "util/common.h"
#include <sodium.h>
#include "app/secret.h"

int candor_secret_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void candor_random_hex(char *out, size_t nbytes)
{
	unsigned char raw[64];

	if (nbytes > sizeof(raw))
		nbytes = sizeof(raw);
	randombytes_buf(raw, nbytes);
	sodium_bin2hex(out, 2 * nbytes + 1, raw, nbytes);
	sodium_memzero(raw, sizeof(raw));
}

void candor_secret_hash(char out[65], const char *secret)
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)secret, strlen(secret), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

void candor_token_new(struct candor_secret *sec, char *token)
{
	char secret[2 * CANDOR_SECRET_BYTES + 1];

	candor_random_hex(sec->selector, CANDOR_SELECTOR_BYTES);
	candor_random_hex(secret, CANDOR_SECRET_BYTES);
	candor_secret_hash(sec->hash, secret);
	memcpy(token, sec->selector, 2 * CANDOR_SELECTOR_BYTES);
	token[2 * CANDOR_SELECTOR_BYTES] = '.';
	memcpy(token + 2 * CANDOR_SELECTOR_BYTES + 1, secret, sizeof(secret));
	sodium_memzero(secret, sizeof(secret));
}

static bool all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

bool candor_token_split(const char *token, char selector[33], const char **secret)
{
	const size_t sl = 2 * CANDOR_SELECTOR_BYTES, kl = 2 * CANDOR_SECRET_BYTES;

	if (!token || strlen(token) != sl + 1 + kl || token[sl] != '.' ||
	    !all_hex(token, sl) || !all_hex(token + sl + 1, kl))
		return false;
	memcpy(selector, token, sl);
	selector[sl] = '\0';
	*secret = token + sl + 1;
	return true;
}

bool candor_token_check(const struct candor_secret *sec, const char *secret)
{
	char h[65];

	candor_secret_hash(h, secret);
	return strlen(sec->hash) == 64 && sodium_memcmp(h, sec->hash, 64) == 0;
}

bool candor_token_equal(const char *expected, const char *given)
{
	size_t n = strlen(expected);

	return n > 0 && given && strlen(given) == n && sodium_memcmp(expected, given, n) == 0;
}

int candor_password_hash(char *out, size_t n, const char *password)
{
	if (n < crypto_pwhash_STRBYTES)
		return -1;
	return crypto_pwhash_str(out, password, strlen(password),
				 crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE) ? -1 : 0;
}

bool candor_password_check(const char *hash, const char *password)
{
	return hash && password &&
	       crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}
