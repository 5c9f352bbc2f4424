/*
 * array.h: growing a malloc'd array by doubling.
 */
#ifndef CANDOR_ARRAY_H
#define CANDOR_ARRAY_H

#include "util/common.h"

/*
 * Make room in *p (capacity *alloc elements of size bytes) for element n:
 * when n == *alloc the array doubles (first allocation: 16).  0, or
 * CANDOR_ERROR when out of memory (then *p and *alloc are unchanged).
 */
int candor_array_grow(void **p, size_t *alloc, size_t n, size_t size);

#endif
