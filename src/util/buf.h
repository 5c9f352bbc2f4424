/*
 * buf.h: the one growable byte buffer.
 *
 * Invariants, after candor_buf_init or CANDOR_BUF_INIT:
 *  - ptr is never NULL: an empty buffer points at a shared "" it does not own;
 *  - ptr[len] == '\0' always, so ptr can be used as a C string (the buffer
 *    may also hold NUL bytes inside, for binary data);
 *  - the buffer never grows past max (0 means SIZE_MAX/2): growth beyond it
 *    fails with CANDOR_EINVALID, which is how input from files and the network
 *    is bounded.
 *
 * Failed growth is sticky, like SQLite's sqlite3_str: once an append fails,
 * later appends do nothing and candor_buf_error() returns the code, so a run
 * of appends can be checked once at the end.
 *
 * Ownership: the buffer owns ptr (unless it is the shared ""). _release frees
 * it and leaves an empty buffer; _detach hands ptr to the caller (who frees it
 * with free()) and leaves an empty buffer.
 */
#ifndef CANDOR_BUF_H
#define CANDOR_BUF_H

#include "util/common.h"

struct candor_buf {
	char *ptr;
	size_t len;
	size_t alloc; /* 0 while ptr is the shared "" */
	size_t max;   /* 0: no cap beyond SIZE_MAX/2 */
	int err;      /* sticky: 0, or the code of the first failed growth */
};

extern char candor_buf_empty[];
#define CANDOR_BUF_INIT { candor_buf_empty, 0, 0, 0, 0 }

void candor_buf_init(struct candor_buf *b, size_t max);
void candor_buf_release(struct candor_buf *b);
char *candor_buf_detach(struct candor_buf *b, size_t *len_out);

/* Make room for n more bytes. 0, or the sticky error code. */
int candor_buf_grow(struct candor_buf *b, size_t n);

int candor_buf_add_slow(struct candor_buf *b, const void *data, size_t n);
int candor_buf_adds(struct candor_buf *b, const char *s);

/* Append n bytes; inline when they fit (the readers call this per character). */
static inline int candor_buf_add(struct candor_buf *b, const void *data, size_t n)
{
	if (b->len + n < b->alloc && !b->err) {
		memcpy(b->ptr + b->len, data, n);
		b->len += n;
		b->ptr[b->len] = '\0';
		return 0;
	}
	return candor_buf_add_slow(b, data, n);
}

static inline int candor_buf_addch(struct candor_buf *b, int c)
{
	if (b->len + 1 < b->alloc && !b->err) {
		b->ptr[b->len++] = (char)c;
		b->ptr[b->len] = '\0';
		return 0;
	}
	{
		char ch = (char)c;

		return candor_buf_add_slow(b, &ch, 1);
	}
}
int candor_buf_addf(struct candor_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int candor_buf_vaddf(struct candor_buf *b, const char *fmt, va_list ap);

/*
 * Append v with decimals (0 to 3) digits after the point, exactly as
 * printf's "%.Nf" writes it (the same rounding of the same binary value),
 * without printf's arbitrary-precision path: the web's charts and cards
 * write thousands of these.  Values printf must spell out in full
 * (non-finite, or 1e15 and more) go through printf.
 */
int candor_buf_add_fixed(struct candor_buf *b, double v, int decimals);
/* Append v in decimal, as "%" PRId64 writes it. */
int candor_buf_add_int(struct candor_buf *b, int64_t v);

/* A malloc'd formatted string ("" when it comes out empty); NULL when out of memory. */
char *candor_strf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Shorten to len (len <= b->len). */
void candor_buf_truncate(struct candor_buf *b, size_t len);
static inline void candor_buf_reset(struct candor_buf *b) { candor_buf_truncate(b, 0); }

/* Remove trailing ASCII whitespace. */
void candor_buf_rtrim(struct candor_buf *b);

/* 0, or the code of the first failed growth. */
static inline int candor_buf_error(const struct candor_buf *b) { return b->err; }

/*
 * Read a whole file (or standard input when path is "-") into b, appending.
 * Fails with CANDOR_EINVALID if it would exceed b->max, CANDOR_ENOTFOUND if
 * the file does not exist, CANDOR_ERROR for other I/O errors; the message
 * names the file.
 */
struct candor_error;
int candor_buf_read_file(struct candor_buf *b, const char *path,
			 struct candor_error *err);

#endif
