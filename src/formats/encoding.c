/*
 * encoding.c: a file's encoding told from its bytes, and the file made
 * UTF-8 with iconv (glibc): the one rule of formats/encoding.h, used by the
 * transcript reader (transcript.c, detect.c), CSV (csv.c) and vCard
 * (vcard.c: the guess is made over the values that name no CHARSET).
 *
 * The bytes say:
 *
 *   - a UTF-16 byte order mark (FF FE, FE FF): UTF-16LE or UTF-16BE;
 *   - a UTF-8 BOM, or bytes that are all valid UTF-8: nothing to do;
 *   - not UTF-8 and no BOM: Windows-1252 when bytes 0x80-0x9F are present
 *     (curly quotes, dashes, the euro sign live there; in Latin-1 they are
 *     control characters nobody types), Latin-1 otherwise (the two agree on
 *     every other byte, so the text is the same either way).
 *
 * It never guesses where the bytes leave it open, and refuses instead: a
 * file that is valid UTF-8 in places and not in others (damaged, or two
 * files pasted together), bytes shaped like UTF-8 that is broken (a lead
 * byte and its continuation bytes making an overlong form or a surrogate,
 * or cut off by the end), a UTF-16 byte order mark inside the file (a
 * pasted UTF-16 fragment), a byte Windows-1252 leaves undefined (0x81, 0x8D,
 * 0x8F, 0x90, 0x9D), or high bytes so dense that the text is not in a
 * Western European language (Cyrillic or Greek 8-bit code pages, which no
 * byte tells apart).  The encoding assumed is reported (t->encoding,
 * struct candor_csv's encoding) so the front doors can say so.
 */
#include "util/common.h"
#include <errno.h>
#include <iconv.h>
#include "util/error.h"
#include "formats/encoding.h"

static int oom(struct candor_error *err)
{
	return candor_error_set(err, CANDOR_ERROR, NULL, "out of memory");
}

/* Length of the valid UTF-8 sequence at s (s[0] >= 0x80), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;

	if (s[0] < 0xC2 || s[0] > 0xF4 || n < len)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
	    (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
		return 0;
	return len;
}

/* What the bytes of the input say about its encoding. */
struct scan {
	size_t valid_multi;     /* valid UTF-8 sequences of 2-4 bytes */
	size_t shaped;          /* invalid ones shaped like UTF-8 (lead + continuations) */
	size_t bad, bad_line;   /* offset of the first byte that is not UTF-8, and its line */
	bool any_bad;
	bool c1;                /* a byte 0x80-0x9F outside valid UTF-8 */
	size_t undef, undef_line; /* first byte undefined in Windows-1252 */
	bool any_undef;
	size_t high, letters;   /* bytes >= 0x80 not in UTF-8; ASCII letters */
	bool any_bom;           /* a UTF-16 byte order mark past the start */
	size_t bom, bom_line;
};

static bool cp1252_undefined(unsigned char c)
{
	return c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D;
}

/* A lead byte at s[0] with all its continuation bytes, or some up to the end. */
static bool utf8_shaped(const unsigned char *s, size_t n)
{
	size_t want = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2, k = 1;

	if (s[0] < 0xC0 || s[0] > 0xF7)
		return false;
	while (k < want && k < n && (s[k] & 0xC0) == 0x80)
		k++;
	return k == want || k == n;  /* whole, or cut off by the end */
}

static void scan_bytes(struct scan *k, const unsigned char *s, size_t len)
{
	size_t line = 1, n;

	memset(k, 0, sizeof(*k));
	for (size_t i = 0; i < len; i += n) {
		n = 1;
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n')))
			line++;
		if (s[i] < 0x80) {
			k->letters += (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z';
			continue;
		}
		if ((n = utf8_len(s + i, len - i))) {
			k->valid_multi++;
			continue;
		}
		n = 1;
		k->high++;
		k->shaped += utf8_shaped(s + i, len - i);
		if (i + 1 < len && s[i] >= 0xFE && s[i + 1] >= 0xFE && s[i] != s[i + 1] &&
		    !k->any_bom)
			k->any_bom = true, k->bom = i, k->bom_line = line;
		if (!k->any_bad)
			k->bad = i, k->bad_line = line, k->any_bad = true;
		if (s[i] <= 0x9F)
			k->c1 = true;
		if (cp1252_undefined(s[i]) && !k->any_undef)
			k->undef = i, k->undef_line = line, k->any_undef = true;
	}
}

/* iconv's name for an encoding candor_encoding_guess gives (others are iconv's already). */
static const char *iconv_name(const char *encoding)
{
	return !strcmp(encoding, "Windows-1252") ? "CP1252"
	       : !strcmp(encoding, "Latin-1") ? "ISO-8859-1" : encoding;
}

int candor_encoding_transcode(char **out, size_t *outlen, const char *encoding,
			      const char *data, size_t len, const char *name,
			      struct candor_error *err)
{
	iconv_t cd = iconv_open("UTF-8", iconv_name(encoding));
	size_t cap, left, room;
	char *in = (char *)data, *buf = NULL, *o;
	int rc = 0;

	*out = NULL;
	if (!strncmp(encoding, "UTF-16", 6) && candor_encoding_bom(data, len))
		in += 2, len -= 2;
	if (cd == (iconv_t)-1)
		return errno == ENOMEM ? oom(err)
		       : candor_error_set(err, CANDOR_ENOTFOUND, "file", "'%s': %s is not an "
					  "encoding Candor knows (iconv: %s)", name, encoding,
					  strerror(errno));
	/* UTF-8 takes at most 3 bytes for a byte (8-bit) or 2 bytes (UTF-16);
	 * 4 for anything else iconv knows */
	if (len > (SIZE_MAX - 1) / 4 || !(buf = malloc((cap = 4 * len) + 1))) {
		rc = oom(err);
		goto cleanup;
	}
	o = buf;
	left = len;
	room = cap;
	if (iconv(cd, &in, &left, &o, &room) == (size_t)-1 || left) {
		rc = errno == ENOMEM ? oom(err)
		     : candor_error_set(err, CANDOR_EINVALID, "file", "'%s' is not valid %s "
					"(save the file as UTF-8)", name, encoding);
		goto cleanup;
	}
	*o = '\0';
	*outlen = (size_t)(o - buf);
	*out = buf;
	buf = NULL;
cleanup:
	free(buf);
	iconv_close(cd);
	return rc;
}

static int undecided(const char *name, size_t line, const char *why, unsigned byte,
		     struct candor_error *err)
{
	return candor_error_set(err, CANDOR_EINVALID, "file",
				"'%s' line %zu: cannot tell the file's encoding: byte 0x%02X %s "
				"(save the file as UTF-8)", name, line, byte, why);
}

const char *candor_encoding_bom(const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data;

	if (len < 2 || !((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		return NULL;
	return s[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
}

int candor_encoding_guess(const char **encoding, const char *data, size_t len,
			  const char *name, struct candor_error *err)
{
	const unsigned char *s = (const unsigned char *)data;
	struct scan k;

	if ((*encoding = candor_encoding_bom(data, len)))
		return 0;
	scan_bytes(&k, s, len);
	if (!k.any_bad)
		return 0;
	if (k.valid_multi || k.shaped)  /* UTF-8 with damage: the caller names the byte */
		return 0;
	if (k.any_bom)
		return undecided(name, k.bom_line, "starts a UTF-16 byte order mark (FF FE) "
				 "inside it (is part of it UTF-16?)", s[k.bom], err);
	if (k.any_undef)
		return undecided(name, k.undef_line, "is neither UTF-8 nor Windows-1252 "
				 "(Latin-1 has a control character there)", s[k.undef], err);
	if (k.high * 2 > k.letters)
		return undecided(name, k.bad_line, "is not UTF-8, and too many of the file's "
				 "letters are outside ASCII for Windows-1252 or Latin-1",
				 s[k.bad], err);
	*encoding = k.c1 ? "Windows-1252" : "Latin-1";
	return 0;
}

int candor_encoding_decode(char **out, size_t *outlen, const char **encoding,
			   const char *data, size_t len, const char *name,
			   struct candor_error *err)
{
	int rc;

	*out = NULL;
	if ((rc = candor_encoding_guess(encoding, data, len, name, err)) || !*encoding)
		return rc;
	return candor_encoding_transcode(out, outlen, *encoding, data, len, name, err);
}
