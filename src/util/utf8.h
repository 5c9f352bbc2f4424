/*
 * util/utf8.h: Candor's one UTF-8 validator.  Every entry where text comes
 * in (command-line arguments, files, web forms and uploads, JSON bodies,
 * text read back from the database) checks it here, so they all agree.
 *
 * Well-formed means RFC 3629: no stray continuation bytes, no overlong
 * forms (C0, C1, E0 80..9F, F0 80..8F), no surrogates (U+D800..DFFF,
 * ED A0..BF), nothing above U+10FFFF (F4 90.., F5..FF), no sequence cut
 * short.  "Text" is well-formed UTF-8 without NUL or C0 control
 * characters other than tab, newline and carriage return.
 */
#ifndef CANDOR_UTIL_UTF8_H
#define CANDOR_UTIL_UTF8_H

#include "util/common.h"

/*
 * The length (1 to 4) of the well-formed sequence that starts at s, of the
 * n > 0 bytes there; 0 when none starts there.  Inline: the transcript
 * readers call it for every non-ASCII character.
 */
static inline size_t candor_utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned lo = 0x80, hi = 0xBF;  /* the range of the second byte */

	if (c < 0x80)
		return 1;
	if (c < 0xC2 || c > 0xF4)
		return 0;
	len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (c == 0xE0)
		lo = 0xA0;              /* overlong below U+0800 */
	else if (c == 0xED)
		hi = 0x9F;              /* surrogates */
	else if (c == 0xF0)
		lo = 0x90;              /* overlong below U+10000 */
	else if (c == 0xF4)
		hi = 0x8F;              /* above U+10FFFF */
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return len;
}

/* The offset of the first byte of s[0..n) that is not well-formed UTF-8,
 * or n when all of it is (NUL counts as well-formed here). */
size_t candor_utf8_check(const char *s, size_t n);

/* Whether the n bytes at s are well-formed UTF-8. */
bool candor_utf8_valid(const char *s, size_t n);

/* Whether the n bytes at s are text (see above). */
bool candor_utf8_text_ok(const char *s, size_t n);

/* candor_utf8_text_ok on a NUL-terminated string; NULL is text (absent). */
bool candor_utf8_str_ok(const char *s);

#endif
