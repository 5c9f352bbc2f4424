/*
 * fuzz.h: what the parser harnesses share (tests/fuzz/fuzz-*.c).
 *
 * fuzz_str() copies the input into a NUL-terminated string (most parsers
 * here take one); fuzz_file() writes it into a memory file and gives a
 * /proc/self/fd path for the readers that open a path.  fuzz_split()
 * cuts the input at its first newline: the head (a header value, a
 * cookie name) and the rest.  Each harness checks invariants by abort().
 */
#ifndef CANDOR_FUZZ_H
#define CANDOR_FUZZ_H

#include "util/common.h"
#include "util/error.h"
#include "util/utf8.h"
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of data; the caller frees it. */
static inline char *fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Write data to a memory file; path gets "/proc/self/fd/N".  Close the fd. */
static inline int fuzz_file(char *path, size_t n, const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz", 0);

	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size))
		abort();
	snprintf(path, n, "/proc/self/fd/%d", fd);
	return fd;
}

/* An error that says something, in valid UTF-8. */
static inline void fuzz_check_error(const struct candor_error *err)
{
	if (!err->msg[0] || !candor_utf8_valid(err->msg, strlen(err->msg))) {
		fprintf(stderr, "fuzz: bad error message: '%s'\n", err->msg);
		abort();
	}
}

#endif
