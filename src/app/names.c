/*
 * app/names.c: the one way a name comes in (app.h, candor_app_name_clean):
 * account, contact, user and owner names, from the CLI and the web alike.
 * Unicode work is utf8proc's: NFC, and the general category that tells an
 * invisible or direction-changing character from a letter.
 */
#include "util/common.h"
#include <utf8proc.h>
#include "util/buf.h"
#include "app/app.h"

/* Characters that draw nothing but are letters or marks by category. */
static bool invisible_letter(utf8proc_int32_t c)
{
	return c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5 ||
	       c == 0x180E || c == 0x2800 || c == 0x3164 || c == 0xFFA0 ||
	       (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
}

/*
 * Whether c may be in a name: not a format character (Cf: the bidi
 * controls U+202A..202E, U+2066..2069, U+200E/200F, U+061C, the zero
 * widths, the soft hyphen, the BOM), a control, a line or paragraph
 * separator, a private-use or unassigned code point, or a blank letter.
 */
static bool name_char(utf8proc_int32_t c)
{
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_CO: case UTF8PROC_CATEGORY_CS:
	case UTF8PROC_CATEGORY_CN:
		return false;
	default:
		return !invisible_letter(c);
	}
}

static int bad_char(struct candor_app *app, const char *field, utf8proc_int32_t c, size_t at)
{
	return candor_error_set(app->err, CANDOR_EINVALID, field,
				"'%s' holds an invisible or direction-changing character "
				"(U+%04X) at character %zu: type the name without it",
				field, (unsigned)c, at);
}

int candor_app_name_clean(struct candor_app *app, const char *field, const char *in,
			  char **out)
{
	struct candor_buf b = CANDOR_BUF_INIT;
	utf8proc_uint8_t *nfc = NULL;
	const utf8proc_uint8_t *p;
	bool space = false;
	size_t at = 0;
	int rc;

	*out = NULL;
	if ((rc = candor_app_check_text(app, field, in)))
		return rc;
	if (!(nfc = utf8proc_NFC((const utf8proc_uint8_t *)in)))
		return candor_error_set(app->err, CANDOR_EINVALID, field,
					"'%s' is not text: write it in UTF-8", field);
	for (p = nfc; *p && !rc;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);

		at++;
		if (n <= 0) {
			rc = candor_error_set(app->err, CANDOR_EINVALID, field,
					      "'%s' is not text: write it in UTF-8", field);
		} else if (c == '\t' || utf8proc_category(c) == UTF8PROC_CATEGORY_ZS) {
			space = b.len > 0;  /* runs of spaces become one; none at the ends */
		} else if (!name_char(c)) {
			rc = bad_char(app, field, c, at);
		} else {
			if (space)
				candor_buf_addch(&b, ' ');
			space = false;
			candor_buf_add(&b, (const char *)p, (size_t)n);
		}
		p += n > 0 ? n : 1;
	}
	free(nfc);
	if (!rc && candor_buf_error(&b))
		rc = candor_error_set(app->err, CANDOR_ERROR, NULL, "out of memory");
	if (!rc && !b.len)
		rc = candor_error_set(app->err, CANDOR_EINVALID, field, "'%s' must not be empty",
				      field);
	if (!rc)
		*out = candor_buf_detach(&b, NULL);
	candor_buf_release(&b);
	return rc;
}
