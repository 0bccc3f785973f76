/* SPDX-License-Identifier: MIT */
/*
 * The unit-test harness. A failed check prints file:line, the expression and
 * both values, then the suite goes on. Each tests/unit/test_<name>.c defines
 * `void test_<name>(void)`; the Makefile lists them for run.c.
 */
#ifndef KEHU_CHECK_H
#define KEHU_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

extern long check_passed, check_failed;

#define CHECK_REPORT(ok, ...)                                                  \
    do {                                                                       \
        if (ok) {                                                              \
            check_passed++;                                                    \
        } else {                                                               \
            check_failed++;                                                    \
            (void)fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__);        \
            (void)fprintf(stderr, __VA_ARGS__);                                \
            (void)fputc('\n', stderr);                                         \
        }                                                                      \
    } while (0)

#define CHECK(expr) CHECK_REPORT((expr), "%s", #expr)

#define CHECK_EQ_I64(a, b)                                                     \
    do {                                                                       \
        long long check_a_ = (long long)(a), check_b_ = (long long)(b);        \
        CHECK_REPORT(check_a_ == check_b_, "%s == %s (%lld vs %lld)", #a, #b,  \
                     check_a_, check_b_);                                      \
    } while (0)

#define CHECK_STR(a, b)                                                        \
    do {                                                                       \
        const char *check_a_ = (a), *check_b_ = (b);                           \
        CHECK_REPORT(check_a_ != NULL && check_b_ != NULL &&                   \
                         strcmp(check_a_, check_b_) == 0,                      \
                     "%s == %s (\"%s\" vs \"%s\")", #a, #b,                    \
                     check_a_ ? check_a_ : "(null)",                           \
                     check_b_ ? check_b_ : "(null)");                          \
    } while (0)

/* Relative tolerance rel (absolute near zero). */
#define CHECK_NEAR(a, b, rel)                                                  \
    do {                                                                       \
        double check_a_ = (double)(a), check_b_ = (double)(b);                 \
        double check_s_ = fmax(1.0, fmax(fabs(check_a_), fabs(check_b_)));     \
        CHECK_REPORT(fabs(check_a_ - check_b_) <= (rel)*check_s_,              \
                     "%s ~ %s (%.10g vs %.10g, rel %g)", #a, #b, check_a_,     \
                     check_b_, (double)(rel));                                 \
    } while (0)

#endif
