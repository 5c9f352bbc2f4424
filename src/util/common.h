/*
 * common.h: the first include of every Candor source file.
 *
 * Pulls in the system headers nearly every file needs, then banned.h, so
 * that the banned libc functions are a build error in our code without
 * breaking the system headers' own declarations.
 */
#ifndef CANDOR_COMMON_H
#define CANDOR_COMMON_H

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/banned.h"

#define CANDOR_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
