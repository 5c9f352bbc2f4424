/*
 * web/cookie.h: the value of one cookie in a request's Cookie header.
 * The session cookie's token is checked by the application layer
 * (app/secret.h, app/user.h); this only finds it.
 */
#ifndef CANDOR_WEB_COOKIE_H
#define CANDOR_WEB_COOKIE_H

#include "util/common.h"

/* The value of cookie name in header, copied to out (n bytes); false when
 * absent or longer than out.  header may be NULL. */
bool web_cookie_get(const char *header, const char *name, char *out, size_t n);

#endif
