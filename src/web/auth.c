/*
 * web/auth.c: secrets for signing in (auth.h).
 */
#include "util/common.h"
#include <sodium.h>
#include "web/auth.h"

int web_auth_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void web_random_hex(char *out, size_t nbytes)
{
	unsigned char raw[64];

	if (nbytes > sizeof(raw))
		nbytes = sizeof(raw);
	randombytes_buf(raw, nbytes);
	sodium_bin2hex(out, 2 * nbytes + 1, raw, nbytes);
	sodium_memzero(raw, sizeof(raw));
}

void web_secret_hash(char out[65], const char *secret)
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)secret, strlen(secret), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

void web_token_new(struct candor_secret *sec, char *token)
{
	char secret[2 * WEB_SECRET_BYTES + 1];

	web_random_hex(sec->selector, WEB_SELECTOR_BYTES);
	web_random_hex(secret, WEB_SECRET_BYTES);
	web_secret_hash(sec->hash, secret);
	memcpy(token, sec->selector, 2 * WEB_SELECTOR_BYTES);
	token[2 * WEB_SELECTOR_BYTES] = '.';
	memcpy(token + 2 * WEB_SELECTOR_BYTES + 1, secret, sizeof(secret));
	sodium_memzero(secret, sizeof(secret));
}

static bool all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

bool web_token_split(const char *token, char selector[33], const char **secret)
{
	const size_t sl = 2 * WEB_SELECTOR_BYTES, kl = 2 * WEB_SECRET_BYTES;

	if (!token || strlen(token) != sl + 1 + kl || token[sl] != '.' ||
	    !all_hex(token, sl) || !all_hex(token + sl + 1, kl))
		return false;
	memcpy(selector, token, sl);
	selector[sl] = '\0';
	*secret = token + sl + 1;
	return true;
}

bool web_token_check(const struct candor_secret *sec, const char *secret)
{
	char h[65];

	web_secret_hash(h, secret);
	return strlen(sec->hash) == 64 && sodium_memcmp(h, sec->hash, 64) == 0;
}

bool web_csrf_equal(const char *expected, const char *given)
{
	size_t n = strlen(expected);

	return n > 0 && given && strlen(given) == n && sodium_memcmp(expected, given, n) == 0;
}

int web_password_hash(char *out, size_t n, const char *password)
{
	if (n < crypto_pwhash_STRBYTES)
		return -1;
	return crypto_pwhash_str(out, password, strlen(password),
				 crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE) ? -1 : 0;
}

bool web_password_check(const char *hash, const char *password)
{
	return hash && password &&
	       crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool web_cookie_get(const char *header, const char *name, char *out, size_t n)
{
	size_t nl = strlen(name);

	for (const char *p = header; p && *p;) {
		const char *end;

		while (*p == ' ' || *p == ';')
			p++;
		end = strchrnul(p, ';');
		if ((size_t)(end - p) > nl && !strncmp(p, name, nl) && p[nl] == '=') {
			size_t vl = (size_t)(end - p) - nl - 1;

			if (vl >= n)
				return false;
			memcpy(out, p + nl + 1, vl);
			out[vl] = '\0';
			return true;
		}
		p = end;
	}
	return false;
}
