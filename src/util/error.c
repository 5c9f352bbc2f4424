/*
 * error.c: recording failures for the caller (see error.h).
 */
#include "util/common.h"
#include "util/error.h"
#include "util/utf8.h"

/* After s was cut to fit its buffer: drop a last character cut in half, so
 * a message that was UTF-8 stays UTF-8 (found by fuzz-date). */
static void cut_whole(char *s)
{
	size_t n = strlen(s), i = n;

	while (i > 0 && n - i < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0 && (unsigned char)s[i - 1] >= 0xC0 &&
	    candor_utf8_seq((const unsigned char *)s + i - 1, n - i + 1) != n - i + 1)
		s[i - 1] = '\0';
}

int candor_error_set(struct candor_error *err, int code, const char *field,
		     const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	if (snprintf(err->field, sizeof(err->field), "%s", field ? field : "") >=
	    (int)sizeof(err->field))
		cut_whole(err->field);
	va_start(ap, fmt);
	if (vsnprintf(err->msg, sizeof(err->msg), fmt, ap) >= (int)sizeof(err->msg))
		cut_whole(err->msg);
	va_end(ap);
	return code;
}

void candor_error_clear(struct candor_error *err)
{
	if (!err)
		return;
	err->code = CANDOR_OK;
	err->field[0] = '\0';
	err->msg[0] = '\0';
}

const char *candor_code_name(int code)
{
	switch (code) {
	case CANDOR_OK: return "ok";
	case CANDOR_EINVALID: return "invalid input";
	case CANDOR_ENOTFOUND: return "not found";
	case CANDOR_EAMBIGUOUS: return "ambiguous";
	case CANDOR_ECONFLICT: return "conflict";
	case CANDOR_EDB: return "database unavailable";
	default: return "error";
	}
}
