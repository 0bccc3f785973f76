/* SPDX-License-Identifier: MIT */
/* Small ledgers for unit tests: rows given as text, plus a seeded PRNG
 * for generated order logs. */
#ifndef KEHU_TEST_FIXTURE_H
#define KEHU_TEST_FIXTURE_H

#include "check.h"
#include "kehu/date.h"
#include "kehu/ledger.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static inline kehu_slice fx_slice(const char *s)
{
    kehu_slice x = {s, strlen(s)};
    return x;
}

static inline int32_t fx_day(const char *s)
{
    int y = 0, m = 0, d = 0;

    sscanf(s, "%d-%d-%d", &y, &m, &d);
    return kehu_date_from_ymd(y, m, d);
}

/* One row: customer, date, amount (currency), region, branch. */
static inline kehu_status fx_try_add(kehu_ledger *l, const char *id,
                                     const char *date, double amount,
                                     const char *region, const char *branch)
{
    kehu_txn t;

    memset(&t, 0, sizeof t);
    t.customer_id = fx_slice(id);
    t.day = fx_day(date);
    t.second = -1;
    t.amount = (int64_t)(amount * KEHU_MONEY_SCALE);
    t.quantity = 1;
    t.region = fx_slice(region);
    t.branch = fx_slice(branch);
    return kehu_ledger_add(l, &t);
}

static inline void fx_add(kehu_ledger *l, const char *id, const char *date,
                          double amount, const char *region, const char *branch)
{
    CHECK(fx_try_add(l, id, date, amount, region, branch) == KEHU_OK);
}

/* splitmix64: explicit state, reproducible. */
static inline uint64_t fx_rand(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static inline int32_t fx_uniform(uint64_t *s, int32_t n)
{
    return (int32_t)(fx_rand(s) % (uint64_t)n);
}

/* n_customers customers buying from day `from` over `span` days: each
 * starts on a random day and buys a random number of times with random
 * gaps, in one of three branches. */
static inline void fx_generate(kehu_ledger *l, uint64_t seed, int n_customers,
                               int32_t from, int32_t span)
{
    static const char *const branch[] = {"east", "north", "west"};
    uint64_t s = seed;
    long failed = 0;
    int i;

    for (i = 0; i < n_customers; i++) {
        char id[16], date[11];
        int32_t day = from + fx_uniform(&s, span);
        int k, n = 1 + fx_uniform(&s, 8);
        const char *b = branch[fx_uniform(&s, 3)];

        snprintf(id, sizeof id, "%d", i + 1);
        for (k = 0; k < n && day < from + span; k++) {
            kehu_date_format(day, date);
            failed += fx_try_add(l, id, date, 5 + fx_uniform(&s, 200), "", b) !=
                      KEHU_OK;
            day += 1 + fx_uniform(&s, 1 + fx_uniform(&s, 400));
        }
    }
    CHECK_EQ_I64(failed, 0); /* once, not a check per row */
}

#endif
