/* SPDX-License-Identifier: MIT */
/* Customer-day arrays in the ledger's slab (and beyond it, on the heap)
 * across growth, out-of-order days, kehu_ledger_merge_take handing arrays
 * and ids over, reuse of freed arrays afterwards, and allocation failure;
 * kehu_ledger_sorted (radix for numeric ids) against kehu_id_compare. */
#include "../../src/lib/hash.h"
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
    (void)snprintf(buf, cap, k % 3 ? "c%d" : "long-customer-id-%d", k);
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

    (void)snprintf(order, sizeof order, "o%d", (int)day);
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

/* Part of customer k when parting by hash bit 32, as the split reader. */
static int hash_part(int k)
{
    char id[40];

    id_of(k, id, sizeof id);
    return (int)((kehu__hash_bytes(id, strlen(id), 0) >> 32) & 1);
}

/* Rows of customers [from, to) with k % parts == part (parts -2: by
 * hash_part), on every other day from base; days run backwards for odd k
 * (inserted in the middle, not appended). */
static int fill(kehu_ledger *l, int from, int to, int parts, int part,
                int32_t base)
{
    char id[40];
    int k, j, ok = 1;

    for (k = from; k < to; k++) {
        if (parts > 0 ? k % parts != part : hash_part(k) != part) {
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

/* Halves by customer plus customers in both (parts 2), or halves by a
 * bit of the hash as the split reader makes (parts -2, no customer in
 * both), moved into one ledger, equal the ledger of all rows; both keep
 * growing alike afterwards (the merged one reusing arrays it was handed). */
static void merge_then_grow(int parts)
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
    CHECK(fill(a, 0, NCUST, parts, 0, 1000));
    CHECK(fill(b, 0, NCUST, parts, 1, 1000));
    if (parts > 0) {
        /* Customers 0..19 again in b, on other days: in both halves. */
        CHECK(fill(all, 0, 20, 1, 0, 1001) && fill(b, 0, 20, 1, 0, 1001));
    }
    CHECK(kehu_ledger_merge_take(a, b) == KEHU_OK);
    CHECK(same(all, a));
    CHECK(fill(all, NCUST, NCUST + 100, 1, 0, 1000));
    CHECK(fill(a, NCUST, NCUST + 100, 1, 0, 1000));
    CHECK(fill(all, 0, 50, 1, 0, 3001) && fill(a, 0, 50, 1, 0, 3001));
    CHECK(same(all, a));
    kehu_ledger_free(all);
    kehu_ledger_free(a);
}

/* Enough customers, parted by hash, for merge_take to shrink from's array
 * as it moves them (every 65536): all are found with their one day, and
 * from's customers follow into's in their order (as a merge in order
 * numbers them; ties in the output order go by number). */
static void merge_many(void)
{
    kehu_ledger *l[2] = {NULL, NULL};
    char id[40];
    size_t i, n0, moved = 0;
    int k, ok = 1;

    CHECK(kehu_ledger_new(&l[0]) == KEHU_OK);
    CHECK(kehu_ledger_new(&l[1]) == KEHU_OK);
    if (l[0] == NULL || l[1] == NULL) {
        kehu_ledger_free(l[0]);
        kehu_ledger_free(l[1]);
        return;
    }
    for (k = 0; k < 300000; k++) {
        id_of(k, id, sizeof id);
        ok &= add(l[hash_part(k)], id, 5000 + k % 1000, k, "r") == KEHU_OK;
    }
    CHECK(ok);
    CHECK(kehu_ledger_count(l[1]) > (size_t)2 * 65536);
    n0 = kehu_ledger_count(l[0]);
    CHECK(kehu_ledger_merge_take(l[0], l[1]) == KEHU_OK);
    CHECK_EQ_I64(kehu_ledger_count(l[0]), 300000);
    for (k = 0; k < 300000; k++) {
        kehu_customer c;

        id_of(k, id, sizeof id);
        if (kehu_ledger_find(l[0], sl(id), &i) != KEHU_OK) {
            ok = 0;
            continue;
        }
        if (hash_part(k) == 1) {
            ok &= i == n0 + moved++;
        }
        kehu_ledger_customer(l[0], i, &c);
        ok &= c.n_days == 1 && c.days[0].day == 5000 + k % 1000 &&
              c.days[0].amount == k;
    }
    CHECK(ok);
    kehu_ledger_free(l[0]);
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

/* Index order by kehu_id_compare, ties by index: the reference. */
static const kehu_ledger *ref_ledger;

static int ref_cmp(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    kehu_customer x, y;
    int c;

    kehu_ledger_customer(ref_ledger, a, &x);
    kehu_ledger_customer(ref_ledger, b, &y);
    c = kehu_id_compare(x.id, y.id);
    return c != 0 ? c : (a > b) - (a < b);
}

/* Numbers with and without leading zeros (equal values: "7", "007"),
 * around 19 and 20 digits, words, and ids mixing both; sorted as the
 * comparison says, also when allocation k fails (any k). */
static void sorted_ids(void)
{
    static const char *fixed[] = {"7",
                                  "007",
                                  "0",
                                  "000",
                                  "b",
                                  "a",
                                  "10",
                                  "9",
                                  "9999999999999999999",
                                  "10000000000000000000",
                                  "18446744073709551616",
                                  "0000000000000000000000000000042",
                                  "42",
                                  "12a",
                                  "-1",
                                  "1.5",
                                  "99999999999999999999",
                                  "x7",
                                  "07"};
    kehu_ledger *l = NULL;
    size_t *want = NULL, *got = NULL, i, n;
    char id[40];
    int k, ok = 1, done = 0;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    if (l == NULL) {
        return;
    }
    for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        ok &= add(l, fixed[i], 100, 1, "r") == KEHU_OK;
    }
    for (k = 0; k < 600; k++) {
        unsigned v = (unsigned)k * 2654435761u;
        if (k % 4 == 0) {
            (void)snprintf(id, sizeof id, "%u", v % 1000);
        } else if (k % 4 == 1) {
            (void)snprintf(id, sizeof id, "%0*u", 1 + k % 23, v % 5000);
        } else if (k % 4 == 2) {
            (void)snprintf(id, sizeof id, "%u%u%u", v, v / 7, v / 3);
        } else {
            (void)snprintf(id, sizeof id, "id%u", v % 300);
        }
        ok &= add(l, id, 100, 1, "r") == KEHU_OK;
    }
    CHECK(ok);
    n = kehu_ledger_count(l);
    want = malloc(n * sizeof *want);
    if (want == NULL) {
        kehu_ledger_free(l);
        return;
    }
    for (i = 0; i < n; i++) {
        want[i] = i;
    }
    ref_ledger = l;
    qsort(want, n, sizeof *want, ref_cmp);
    for (k = 1; k < 10 && !done; k++) {
        kehu_status rc;

        oom_begin(k);
        rc = kehu_ledger_sorted(l, &got);
        oom_end();
        CHECK(rc == KEHU_OK || rc == KEHU_ENOMEM);
        if (rc == KEHU_OK) {
            CHECK(memcmp(got, want, n * sizeof *want) == 0);
            done = k > 4; /* past the scratch of the radix sort */
        }
        kehu_free(got);
        got = NULL;
    }
    CHECK(done);
    CHECK(kehu_ledger_sorted(l, &got) == KEHU_OK);
    CHECK(got != NULL && memcmp(got, want, n * sizeof *want) == 0);
    kehu_free(got);
    free(want);
    kehu_ledger_free(l);
}

void test_ledger_slab(void)
{
    merge_then_grow(2);
    merge_then_grow(-2);
    merge_many();
    merge_oom();
    sorted_ids();
}
