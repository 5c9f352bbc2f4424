/*
 * util/utf8.h: whether bytes are text Candor stores: strict UTF-8 (no
 * overlong two-byte forms) without NUL or C0 control characters other
 * than tab, newline and carriage return.  Shared by the application layer
 * (every stored text field) and the web (form fields, file names).
 */
#ifndef CANDOR_UTIL_UTF8_H
#define CANDOR_UTIL_UTF8_H

#include "util/common.h"

/* Whether the n bytes at s are such text. */
bool candor_utf8_text_ok(const char *s, size_t n);

#endif
