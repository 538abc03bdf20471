/*
** harness.h — a tiny test harness (in the spirit of cmark's api_test).
** Each unit-test program prints one line per check, "PASS name" or
** "FAIL name: detail", and exits non-zero when any check failed.
** tests/run.sh counts the lines.
*/
#ifndef CJ_TEST_HARNESS_H
#define CJ_TEST_HARNESS_H
#include <stdio.h>
#include <string.h>

static int t_failed __attribute__((unused));

#define CHECK(name, cond)                                                       \
    do {                                                                        \
        if (cond) {                                                             \
            printf("PASS %s\n", (name));                                        \
        } else {                                                                \
            printf("FAIL %s: %s (%s:%d)\n", (name), #cond, __FILE__, __LINE__); \
            t_failed++;                                                         \
        }                                                                       \
    } while (0)

#define CHECK_STR(name, got, want)                                                     \
    do {                                                                               \
        const char *g_ = (got), *w_ = (want);                                          \
        if (g_ && w_ && strcmp(g_, w_) == 0) {                                         \
            printf("PASS %s\n", (name));                                               \
        } else {                                                                       \
            printf("FAIL %s: got '%s', want '%s' (%s:%d)\n", (name), g_ ? g_ : "(null)", \
                   w_ ? w_ : "(null)", __FILE__, __LINE__);                            \
            t_failed++;                                                                \
        }                                                                              \
    } while (0)

#define CHECK_INT(name, got, want)                                                      \
    do {                                                                                \
        long long g_ = (long long)(got), w_ = (long long)(want);                        \
        if (g_ == w_) {                                                                 \
            printf("PASS %s\n", (name));                                                \
        } else {                                                                        \
            printf("FAIL %s: got %lld, want %lld (%s:%d)\n", (name), g_, w_, __FILE__,  \
                   __LINE__);                                                           \
            t_failed++;                                                                 \
        }                                                                               \
    } while (0)

#define TEST_END() return t_failed ? 1 : 0

#endif
