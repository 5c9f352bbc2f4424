/*
 * web/html.h: text that goes into a web page or comes out of a request.
 *
 * web_html() is the one way the server writes HTML: a small printf whose
 * %s escapes its argument (& < > " '), so a value from the database or a
 * request cannot become markup.  Trusted markup is written with %R (raw)
 * and never holds data.  Decoding is bounded: form bodies give at most
 * WEB_FORM_MAX fields.
 */
#ifndef CANDOR_WEB_HTML_H
#define CANDOR_WEB_HTML_H

#include "util/common.h"
#include "util/buf.h"

/* Append s (n bytes) to b with & < > " ' as entities.  0 or the buffer's error. */
int web_escape(struct candor_buf *b, const char *s, size_t n);

/*
 * Append to b by fmt, where
 *   %s  a string, escaped (NULL shows as "")     %R  a string, raw (markup)
 *   %d  an int        %D  an int64_t            %F  a double as %.2f
 *   %P  a double 0..1 as a whole percentage     %T  an int64_t time as a date
 *   %U  a string, percent-encoded for a URL     %%  a percent sign
 * Returns 0 or the buffer's sticky error.
 */
int web_html(struct candor_buf *b, const char *fmt, ...);

/* Percent-encode s into b (unreserved characters stay). */
int web_url_encode(struct candor_buf *b, const char *s);

/* Decode %XX and '+' in place; returns false on a bad escape or a NUL byte. */
bool web_url_decode(char *s);

#define WEB_FORM_MAX 64

/* Fields of an application/x-www-form-urlencoded body; owns its strings. */
struct web_form {
	struct { char *name, *value; } v[WEB_FORM_MAX];
	size_t n;
};

/*
 * Parse body (len bytes) into f (which must start zeroed).  CANDOR_EINVALID
 * with a message in err on bad encoding or too many fields.  Release with
 * web_form_release().
 */
struct candor_error;
int web_form_parse(struct web_form *f, const char *body, size_t len, struct candor_error *err);
/* The first value of name, or NULL. */
const char *web_form_get(const struct web_form *f, const char *name);
void web_form_release(struct web_form *f);

/*
 * Whether a Content-Type header value names exactly type (any case), with
 * nothing after it but optional white space and ";" parameters:
 * "application/json; charset=utf-8" is application/json,
 * "application/jsonfoo" is not.  NULL is no type.
 */
bool web_content_type_is(const char *ct, const char *type);

/* Whether s is valid UTF-8 without NUL or C0 controls other than tab/newline. */
bool web_text_ok(const char *s, size_t n);

/*
 * msg for a person at a browser, escaped into b: without the parentheses
 * that give command-line advice (" (see 'candor contact list')", "(--help)").
 */
void web_plain_message(struct candor_buf *b, const char *msg);
/* The same for a refusal of one field: its name as the code has it ('due',
 * or "due:" leading the message) said as label, the words beside it. */
void web_field_message(struct candor_buf *b, const char *msg, const char *field, const char *label);

/*
 * Whether path is a path of this site to send a browser to: "/buyers/3",
 * not "//evil.example" or "/\evil.example" (other hosts to a browser), not
 * a URL, no control characters or backslashes, under 400 bytes.  NULL is not.
 */
bool web_local_path(const char *path);

#endif
