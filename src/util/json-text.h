/*
 * util/json-text.h: a JSON value as text, whole or not at all.
 *
 * json_dumps() of jansson 2.14 can hand back a text cut short: when memory
 * runs out while it writes an object's key, it does not check that write
 * and goes on with the value, so a later, smaller write succeeds and the
 * text reads {"at":"…",":"candor-trust/2",…} (found by test-web-oom's walk
 * of the status API).  candor_json_text writes through a buffer whose
 * failure is sticky (util/buf.h): after one failed write every later one
 * fails too, so jansson's next checked write stops the dump.  Use it
 * instead of json_dumps everywhere.
 *
 * json_loads() has the same flaw: a string's bytes are saved unchecked
 * while it reads, so out of memory can give "2026-11-25T09:0" for
 * "2026-11-25T09:00" (the same walk, of the pipeline API).  jansson's
 * allocations go through this file's allocator (set when the program
 * starts), which notes a failure; candor_json_read refuses a value read
 * while one failed.  Use it instead of json_loads everywhere.
 */
#ifndef CANDOR_UTIL_JSON_TEXT_H
#define CANDOR_UTIL_JSON_TEXT_H

#include <jansson.h>

/* j as json_dumps(j, flags) writes it, malloc'd; NULL when j is NULL or
 * any part of it could not be written (out of memory, text not UTF-8). */
char *candor_json_text(const json_t *j, size_t flags);

/* text read as JSON (json_loads(text, 0, NULL)); NULL when text is NULL,
 * is not JSON, or memory ran out while it was read. */
json_t *candor_json_read(const char *text);
/* json_loadb(buf, len, flags, err), refused the same way; *oom (when not
 * NULL) says that memory ran out, so the caller answers that, not "not JSON". */
json_t *candor_json_readb(const char *buf, size_t len, size_t flags, json_error_t *err, bool *oom);

#endif
