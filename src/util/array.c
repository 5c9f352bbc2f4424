/*
 * array.c: growing a malloc'd array (see array.h).
 */
#include "util/common.h"
#include "util/array.h"
#include "util/error.h"

int candor_array_grow(void **p, size_t *alloc, size_t n, size_t size)
{
	size_t cap = *alloc ? *alloc * 2 : 16;
	void *q;

	if (n < *alloc)
		return 0;
	if (cap > SIZE_MAX / size)
		return CANDOR_ERROR;
	q = realloc(*p, cap * size);
	if (!q)
		return CANDOR_ERROR;
	*p = q;
	*alloc = cap;
	return 0;
}
