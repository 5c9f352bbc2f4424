/*
 * error.c: recording failures for the caller (see error.h).
 */
#include "util/common.h"
#include "util/error.h"

int candor_error_set(struct candor_error *err, int code, const char *field,
		     const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
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
