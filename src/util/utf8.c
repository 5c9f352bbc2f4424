/*
 * util/utf8.c: strict UTF-8 (utf8.h).
 */
#include "util/common.h"
#include "util/utf8.h"

size_t candor_utf8_check(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		uint64_t x;

		if (n - i >= 8) {  /* plain ASCII 8 bytes at a time */
			memcpy(&x, p + i, 8);
			if (!(x & 0x8080808080808080u)) {
				i += 8;
				continue;
			}
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (!(k = candor_utf8_seq(p + i, n - i)))
			return i;
		i += k;
	}
	return n;
}

bool candor_utf8_valid(const char *s, size_t n)
{
	return candor_utf8_check(s, n) == n;
}

bool candor_utf8_text_ok(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < n; i++)
		if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
			return false;
	return candor_utf8_valid(s, n);
}

bool candor_utf8_str_ok(const char *s)
{
	return !s || candor_utf8_text_ok(s, strlen(s));
}
