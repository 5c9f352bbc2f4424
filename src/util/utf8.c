/*
 * util/utf8.c: strict UTF-8 text (utf8.h).
 */
#include "util/common.h"
#include "util/utf8.h"

bool candor_utf8_text_ok(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		size_t k = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 0;

		if (!k || (size_t)(end - p) < k || (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r'))
			return false;
		if (k == 2 && *p < 0xc2)
			return false;
		for (size_t i = 1; i < k; i++)
			if ((p[i] & 0xc0) != 0x80)
				return false;
		p += k;
	}
	return true;
}
