/* SPDX-License-Identifier: MIT */
/* Customer-day arrays in the ledger's slab (and beyond it, on the heap)
 * across growth, out-of-order days, kehu_ledger_merge_take handing arrays
 * and ids over, reuse of freed arrays afterwards, and allocation failure. */
#include "check.h"
#include "kehu/ledger.h"
#include "oom.h"

#include <stdio.h>

void test_ledger_slab(void);

#define NCUST 400

static kehu_slice sl(const char *s)
{
    kehu_slice x = {s, strlen(s)};
    return x;
}

/* Id of customer k: short (inline) or long (arena) by k. */
static void id_of(int k, char *buf, size_t cap)
{
    snprintf(buf, cap, k % 3 ? "c%d" : "long-customer-id-%d", k);
}

/* Days of customer k: 1 to 160, so arrays cross every slab class and the
 * heap limit (94 days). */
static int days_of(int k)
{
    return 1 + (k * 37) % 160;
}

static kehu_status add(kehu_ledger *l, const char *id, int32_t day,
                       int64_t amount, const char *region)
{
    kehu_txn t;
    char order[32];

    snprintf(order, sizeof order, "o%d", (int)day);
    memset(&t, 0, sizeof t);
    t.customer_id = sl(id);
    t.order_id = sl(order);
    t.region = sl(region);
    t.day = day;
    t.second = -1;
    t.amount = amount;
    t.quantity = 1;
    return kehu_ledger_add(l, &t);
}

/* Rows of customers [from, to) with k % parts == part, on every other
 * day from base; days run backwards for odd k (inserted in the middle,
 * not appended). */
static int fill(kehu_ledger *l, int from, int to, int parts, int part,
                int32_t base)
{
    char id[40];
    int k, j, ok = 1;

    for (k = from; k < to; k++) {
        if (k % parts != part) {
            continue;
        }
        id_of(k, id, sizeof id);
        for (j = 0; j < days_of(k); j++) {
            int32_t day = base + (k % 2 ? days_of(k) - j : j) * 2;
            ok &= add(l, id, day, k + j, k % 5 ? "north" : "south") == KEHU_OK;
        }
    }
    return ok;
}

/* 1 when every customer of want is in got with the same days and region. */
static int same(const kehu_ledger *want, const kehu_ledger *got)
{
    size_t i, j, k;
    int ok = kehu_ledger_count(want) == kehu_ledger_count(got);

    for (i = 0; ok && i < kehu_ledger_count(want); i++) {
        kehu_customer a, b;

        kehu_ledger_customer(want, i, &a);
        if (kehu_ledger_find(got, a.id, &j) != KEHU_OK) {
            return 0;
        }
        kehu_ledger_customer(got, j, &b);
        ok &= a.id.len == b.id.len && memcmp(a.id.ptr, b.id.ptr, a.id.len) == 0;
        ok &= strcmp(kehu_ledger_dim_value(want, KEHU_DIM_REGION,
                                           a.dim[KEHU_DIM_REGION]),
                     kehu_ledger_dim_value(got, KEHU_DIM_REGION,
                                           b.dim[KEHU_DIM_REGION])) == 0;
        ok &= a.n_days == b.n_days;
        for (k = 0; ok && k < a.n_days; k++) {
            ok &= a.days[k].day == b.days[k].day &&
                  a.days[k].amount == b.days[k].amount &&
                  a.days[k].orders == b.days[k].orders &&
                  a.days[k].purchases == b.days[k].purchases;
            ok &= k == 0 || b.days[k - 1].day < b.days[k].day;
        }
    }
    return ok;
}

/* Halves by customer (as the split reader makes) plus customers in both,
 * moved into one ledger, equal the ledger of all rows; both keep growing
 * alike afterwards (the merged one reusing arrays it was handed). */
static void merge_then_grow(void)
{
    kehu_ledger *all = NULL, *a = NULL, *b = NULL;

    CHECK(kehu_ledger_new(&all) == KEHU_OK);
    CHECK(kehu_ledger_new(&a) == KEHU_OK);
    CHECK(kehu_ledger_new(&b) == KEHU_OK);
    if (all == NULL || a == NULL || b == NULL) {
        kehu_ledger_free(all);
        kehu_ledger_free(a);
        kehu_ledger_free(b);
        return;
    }
    CHECK(fill(all, 0, NCUST, 1, 0, 1000));
    CHECK(fill(a, 0, NCUST, 2, 0, 1000));
    CHECK(fill(b, 0, NCUST, 2, 1, 1000));
    /* Customers 0..19 again in b, on other days: in both halves. */
    CHECK(fill(all, 0, 20, 1, 0, 1001) && fill(b, 0, 20, 1, 0, 1001));
    CHECK(kehu_ledger_merge_take(a, b) == KEHU_OK);
    CHECK(same(all, a));
    CHECK(fill(all, NCUST, NCUST + 100, 1, 0, 1000));
    CHECK(fill(a, NCUST, NCUST + 100, 1, 0, 1000));
    CHECK(fill(all, 0, 50, 1, 0, 3001) && fill(a, 0, 50, 1, 0, 3001));
    CHECK(same(all, a));
    kehu_ledger_free(all);
    kehu_ledger_free(a);
}

/* Fail allocation k of a merge_take and of the growth after it, for every
 * k: ENOMEM or success, no crash, no leak (ASan). */
static void merge_oom(void)
{
    int k, ok = 0;

    for (k = 1; k < 400 && !ok; k++) {
        kehu_ledger *a = NULL, *b = NULL;
        kehu_status rc;

        if (kehu_ledger_new(&a) != KEHU_OK || kehu_ledger_new(&b) != KEHU_OK ||
            !fill(a, 0, 60, 2, 0, 1000) || !fill(b, 0, 60, 2, 1, 1000) ||
            !fill(b, 0, 5, 1, 0, 1001)) {
            CHECK(0);
            kehu_ledger_free(a);
            kehu_ledger_free(b);
            return;
        }
        oom_begin(k);
        rc = kehu_ledger_merge_take(a, b);
        if (rc == KEHU_OK) {
            rc = fill(a, 0, 120, 1, 0, 3001) ? KEHU_OK : KEHU_ENOMEM;
        }
        oom_end();
        CHECK(rc == KEHU_OK || rc == KEHU_ENOMEM);
        ok = rc == KEHU_OK;
        kehu_ledger_free(a);
    }
    CHECK(ok);
}

void test_ledger_slab(void)
{
    merge_then_grow();
    merge_oom();
}
