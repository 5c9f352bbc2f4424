/*
 * buf.c: the growable byte buffer (see buf.h for its invariants).
 */
#include "util/common.h"
#include <math.h>
#include <sys/stat.h>
#include "util/buf.h"
#include "util/error.h"

char candor_buf_empty[1];

void candor_buf_init(struct candor_buf *b, size_t max)
{
	b->ptr = candor_buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->max = max;
	b->err = 0;
}

void candor_buf_release(struct candor_buf *b)
{
	size_t max = b->max;

	if (b->alloc)
		free(b->ptr);
	candor_buf_init(b, max);
}

char *candor_buf_detach(struct candor_buf *b, size_t *len_out)
{
	char *p = b->alloc ? b->ptr : calloc(1, 1);

	if (len_out)
		*len_out = p ? b->len : 0;
	candor_buf_init(b, b->max);
	return p;
}

int candor_buf_grow(struct candor_buf *b, size_t n)
{
	size_t limit = b->max ? b->max : SIZE_MAX / 2;
	size_t want, cap;
	char *p;

	if (b->err)
		return b->err;
	if (n > limit || b->len > limit - n) {
		b->err = CANDOR_EINVALID;
		return b->err;
	}
	want = b->len + n + 1;
	if (want <= b->alloc)
		return 0;
	cap = b->alloc ? b->alloc : 64;
	while (cap < want)
		cap = cap < SIZE_MAX / 4 ? cap * 2 : want;
	if (cap > limit + 1)
		cap = limit + 1; /* never room past the cap: the inline appends rely on it */
	p = realloc(b->alloc ? b->ptr : NULL, cap);
	if (!p) {
		b->err = CANDOR_ERROR;
		return b->err;
	}
	if (!b->alloc)
		p[0] = '\0';
	b->ptr = p;
	b->alloc = cap;
	return 0;
}

int candor_buf_add_slow(struct candor_buf *b, const void *data, size_t n)
{
	if (candor_buf_grow(b, n))
		return b->err;
	if (n)
		memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return 0;
}

int candor_buf_adds(struct candor_buf *b, const char *s)
{
	return candor_buf_add(b, s, strlen(s));
}

int candor_buf_vaddf(struct candor_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return b->err ? b->err : (b->err = CANDOR_ERROR);
	if (candor_buf_grow(b, (size_t)n))
		return b->err;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int candor_buf_addf(struct candor_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = candor_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

int candor_buf_add_fixed(struct candor_buf *b, double v, int decimals)
{
	static const long double scale[] = { 1, 10, 100, 1000 };
	char tmp[32], *p = tmp + sizeof(tmp);
	long double t;
	double d;
	uint64_t r;

	if (decimals < 0 || decimals > 3 || !isfinite(v) || fabs(v) >= 1e15)
		return candor_buf_addf(b, "%.*f", decimals < 0 ? 0 : decimals, v);
	/* Below 2^40 the product in double is within 2^-12 of the exact one,
	 * so its fraction decides the rounding unless it is near a half (a
	 * chart writes hundreds of these; long double is slow) */
	d = fabs(v) * (double)scale[decimals];
	if (d < 1099511627776.0 && fabs((d - floor(d)) - 0.5) > 1.0 / 1024) {
		r = (uint64_t)d;
		r += d - (double)r > 0.5;
	} else {
		/* 53 bits times at most 10 bits is exact in long double's 64: the
		 * rounding below (to nearest, ties to even) is printf's on the exact value */
		t = fabsl((long double)v * scale[decimals]);
		r = (uint64_t)t;
		t -= (long double)r;   /* the fraction, exactly */
		if (t > 0.5L || (t == 0.5L && (r & 1)))
			r++;
	}
	for (int i = 0; i < decimals; i++, r /= 10)
		*--p = (char)('0' + r % 10);
	if (decimals)
		*--p = '.';
	do
		*--p = (char)('0' + r % 10);
	while (r /= 10);
	if (signbit(v))
		*--p = '-';
	return candor_buf_add(b, p, (size_t)(tmp + sizeof(tmp) - p));
}

int candor_buf_add_int(struct candor_buf *b, int64_t v)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	return candor_buf_add(b, p, (size_t)(tmp + sizeof(tmp) - p));
}

void candor_buf_truncate(struct candor_buf *b, size_t len)
{
	if (len > b->len)
		return;
	b->len = len;
	if (b->alloc)
		b->ptr[len] = '\0';
}

void candor_buf_rtrim(struct candor_buf *b)
{
	size_t n = b->len;

	while (n && strchr(" \t\r\n\f\v", b->ptr[n - 1]))
		n--;
	candor_buf_truncate(b, n);
}

int candor_buf_read_file(struct candor_buf *b, const char *path,
			 struct candor_error *err)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	const char *name = strcmp(path, "-") ? path : "standard input";
	char chunk[65536];
	size_t n;
	int rc = 0;

	struct stat st;

	if (!f)
		return candor_error_set(err, errno == ENOENT ? CANDOR_ENOTFOUND : CANDOR_EINVALID,
					"file", "cannot open '%s': %s", path, strerror(errno));
	if (!fstat(fileno(f), &st) && S_ISDIR(st.st_mode)) {
		fclose(f);
		return candor_error_set(err, CANDOR_EINVALID, "file",
					"'%s' is a folder: give the files in it", path);
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (candor_buf_add(b, chunk, n)) {
			rc = candor_error_set(err, b->err, "file",
					      b->err == CANDOR_EINVALID ? "'%s' is too large (over %zu bytes)"
					      : "out of memory reading '%s'%.0zu", name, b->max);
			goto cleanup;
		}
	}
	if (ferror(f))
		rc = candor_error_set(err, CANDOR_ERROR, "file", "cannot read '%s': %s",
				      name, strerror(errno));
cleanup:
	if (f != stdin)
		fclose(f);
	return rc;
}

char *candor_strf(const char *fmt, ...)
{
	struct candor_buf b = CANDOR_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	candor_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (candor_buf_error(&b)) {
		candor_buf_release(&b);
		return NULL;
	}
	return candor_buf_detach(&b, NULL);
}
