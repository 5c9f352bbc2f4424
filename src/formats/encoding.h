/*
 * formats/encoding.h: what encoding a file's bytes are in, and the file
 * made UTF-8: the one rule the transcript, CSV and vCard readers share.
 *
 * Windows tools still save Windows-1252 (Excel's "CSV (Comma delimited)",
 * SRT editors), older ones Latin-1, and "Unicode" means UTF-16 there.  The
 * rule (encoding.c):
 *   - a UTF-16 byte order mark (FF FE, FE FF) first: UTF-16LE or UTF-16BE;
 *   - a UTF-8 BOM, or bytes that are all valid UTF-8: UTF-8, as it is;
 *   - otherwise Windows-1252 when bytes 0x80-0x9F are present (curly
 *     quotes, dashes, the euro sign), Latin-1 when not (the two agree on
 *     every other byte, so the text is the same either way);
 * and refused, naming the file, the line and the byte, where the bytes
 * leave it open: valid UTF-8 in places and not in others is left to the
 * caller (it is UTF-8 with damage, and the caller names the bad byte), a
 * UTF-16 byte order mark inside the file, a byte Windows-1252 leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), or high bytes so dense that the
 * text is not in a Western European language (Cyrillic or Greek 8-bit
 * code pages, which no byte tells apart).
 */
#ifndef CANDOR_FORMATS_ENCODING_H
#define CANDOR_FORMATS_ENCODING_H

#include "util/common.h"

struct candor_error;

/*
 * The encoding of data[0..len) by the rule above: *encoding NULL for UTF-8
 * (or UTF-8 with damage), else "UTF-16LE", "UTF-16BE", "Windows-1252" or
 * "Latin-1" (static).  0, or CANDOR_EINVALID "'NAME' line N: cannot tell
 * the file's encoding: ... byte 0xXX ..." (field "file").
 */
int candor_encoding_guess(const char **encoding, const char *data, size_t len,
			  const char *name, struct candor_error *err);

/* "UTF-16LE" or "UTF-16BE" when data starts with that byte order mark, else NULL. */
const char *candor_encoding_bom(const char *data, size_t len);

/*
 * Transcode data[0..len) from encoding (a name candor_encoding_guess gives,
 * or any iconv knows, such as a vCard's CHARSET) to UTF-8: *out malloc'd
 * and NUL-terminated (the caller frees it), *outlen its length.  A UTF-16
 * name skips the byte order mark.  0, CANDOR_EINVALID "'NAME' is not valid
 * ENCODING", CANDOR_ENOTFOUND "... is not an encoding Candor knows" (iconv
 * has no such name), or CANDOR_ERROR.
 */
int candor_encoding_transcode(char **out, size_t *outlen, const char *encoding,
			      const char *data, size_t len, const char *name,
			      struct candor_error *err);

/*
 * Both: guess, then transcode unless it is UTF-8.  *out NULL (and
 * *encoding NULL) when data is to be read as it is.
 */
int candor_encoding_decode(char **out, size_t *outlen, const char **encoding,
			   const char *data, size_t len, const char *name,
			   struct candor_error *err);

#endif
