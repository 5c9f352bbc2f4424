/*
 * banned.h: libc functions we do not use, made a build error.
 *
 * Included into every translation unit by the build (-include).  Each of
 * these either overflows silently, keeps hidden state, or is easy to misuse;
 * use snprintf, candor_buf, strtok_r / explicit parsing, and strtol/strtod
 * with end-pointer checks instead.  Modelled on git's banned.h.
 */
#ifndef CANDOR_BANNED_H
#define CANDOR_BANNED_H

#define CANDOR_BANNED(func) sorry_##func##_is_banned_in_candor

#undef strcpy
#define strcpy(x, y) CANDOR_BANNED(strcpy)
#undef strcat
#define strcat(x, y) CANDOR_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) CANDOR_BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) CANDOR_BANNED(strncat)
#undef sprintf
#define sprintf(...) CANDOR_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) CANDOR_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) CANDOR_BANNED(strtok)
#undef gets
#define gets(x) CANDOR_BANNED(gets)
#undef atoi
#define atoi(x) CANDOR_BANNED(atoi)
#undef gmtime
#define gmtime(t) CANDOR_BANNED(gmtime)
#undef localtime
#define localtime(t) CANDOR_BANNED(localtime)

#endif
