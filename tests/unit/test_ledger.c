/* SPDX-License-Identifier: MIT */
/* Ledger and summary on a tiny hand-worked order log. */
#include "check.h"
#include "kehu/alloc.h"
#include "kehu/date.h"
#include "kehu/ledger.h"
#include "kehu/summary.h"

#include <stdio.h>
#include <stdlib.h>

void test_ledger(void);

static kehu_slice sl(const char *s)
{
    kehu_slice x = {s, strlen(s)};
    return x;
}

static void add(kehu_ledger *l, const char *id, const char *order,
                const char *date, double amount, const char *region)
{
    kehu_txn t;
    int y, m, d;

    memset(&t, 0, sizeof t);
    char *end;

    y = (int)strtol(date, &end, 10); /* YYYY-MM-DD, written by the tests */
    m = (int)strtol(end + 1, &end, 10);
    d = (int)strtol(end + 1, NULL, 10);
    t.customer_id = sl(id);
    t.order_id = sl(order);
    t.day = kehu_date_from_ymd(y, m, d);
    t.second = -1;
    t.amount = (int64_t)(amount * KEHU_MONEY_SCALE);
    t.cost = t.amount / 2;
    t.has_cost = 1;
    t.quantity = 1;
    t.region = sl(region);
    CHECK(kehu_ledger_add(l, &t) == KEHU_OK);
}

/* Orders of customer "7" (out of date order, two orders on one day, a
 * return) and "10", "007b". */
static void fill(kehu_ledger *l, int part)
{
    if (part != 2) {
        add(l, "7", "o1", "2024-01-10", 100, "north");
        add(l, "7", "o2", "2024-01-10", 50, "south");
        add(l, "10", "o3", "2024-02-01", 20, "east");
    }
    if (part != 1) {
        add(l, "7", "o4", "2024-03-01", 30, "south");
        add(l, "7", "o5", "2024-01-01", 10, "north");
        add(l, "7", "o6", "2024-03-05", -30, "");
        add(l, "007b", "o7", "2024-03-09", 5, "");
        add(l, "7", "o4", "2024-03-01", 0, ""); /* same order again */
    }
}

static void check_summary(const kehu_ledger *l)
{
    kehu_summary_options o;
    kehu_summary *s = NULL;
    const kehu_summary_row *r;
    kehu_customer c;

    kehu_summary_options_init(&o);
    CHECK(kehu_summary_compute(l, &o, &s) == KEHU_OK);
    if (s == NULL) {
        return;
    }
    /* Default A = day after the last activity (2024-03-09). */
    CHECK_EQ_I64(s->as_of_day, kehu_date_from_ymd(2024, 3, 10));
    CHECK_EQ_I64(s->n, 3);
    r = &s->rows[0]; /* "7" sorts before "10" numerically */
    kehu_ledger_customer(l, r->customer, &c);
    CHECK(c.id.len == 1 && c.id.ptr[0] == '7');
    CHECK_EQ_I64(r->first_purchase, kehu_date_from_ymd(2024, 1, 1));
    CHECK_EQ_I64(r->last_purchase, kehu_date_from_ymd(2024, 3, 1));
    CHECK_EQ_I64(r->orders, 5);        /* o1 o2 o4 o5 o6 */
    CHECK_EQ_I64(r->purchase_days, 3); /* 01-01, 01-10, 03-01 */
    CHECK_NEAR(r->frequency, 2, 1e-12);
    CHECK_NEAR(r->t_x, 60, 1e-12);
    CHECK_NEAR(r->T, 69, 1e-12);
    CHECK_EQ_I64(r->days_since_last, 9);
    CHECK_NEAR(r->monetary_total, 160, 1e-12);
    CHECK_NEAR(r->monetary_avg, 160.0 / 3, 1e-12);
    CHECK_NEAR(r->repeat_monetary_avg, 75, 1e-12); /* (160 - 10) / 2 */
    CHECK_NEAR(r->profit_total, 80, 1e-12);
    CHECK_NEAR(r->margin, 0.5, 1e-12);
    /* region: north 2 rows, south 2 rows: tie -> smallest text. */
    CHECK_STR(kehu_ledger_dim_value(l, KEHU_DIM_REGION, r->dim[0]), "north");
    kehu_ledger_customer(l, s->rows[2].customer, &c);
    CHECK(c.id.len == 4); /* non-numeric "007b" last */
    kehu_summary_free(s);

    /* As of 2024-03-01 (exclusive), weekly units, since 2024-01-05. */
    o.as_of_day = kehu_date_from_ymd(2024, 3, 1);
    o.since_day = kehu_date_from_ymd(2024, 1, 5);
    o.unit = KEHU_UNIT_WEEK;
    CHECK(kehu_summary_compute(l, &o, &s) == KEHU_OK);
    if (s == NULL) {
        return;
    }
    CHECK_EQ_I64(s->n, 2); /* "7" and "10"; "007b" buys later */
    r = &s->rows[0];
    CHECK_EQ_I64(r->purchase_days, 1);
    CHECK_NEAR(r->monetary_total, 150, 1e-12);
    CHECK_NEAR(r->T, (double)(31 + 20) / 7, 1e-12);
    CHECK_NEAR(r->frequency, 0, 1e-12);
    CHECK_NEAR(r->repeat_monetary_avg, 0, 1e-12);
    kehu_summary_free(s);
}

static int fail_at, calls;

static void *failing_malloc(size_t n, void *ctx)
{
    (void)ctx;
    return ++calls == fail_at ? NULL : malloc(n);
}

static void *failing_realloc(void *p, size_t n, void *ctx)
{
    (void)ctx;
    return ++calls == fail_at ? NULL : realloc(p, n);
}

static void plain_free(void *p, void *ctx)
{
    (void)ctx;
    free(p);
}

/* Fail allocation k for every k: always ENOMEM or success, never a crash
 * or a leak (ASan checks the leaks). */
static void oom_sweep(void)
{
    kehu_allocator a = {failing_malloc, failing_realloc, plain_free, NULL};
    int k, ok = 0;

    for (k = 1; k < 200 && !ok; k++) {
        kehu_ledger *l = NULL;
        kehu_summary *s = NULL;
        kehu_summary_options o;
        kehu_txn t;
        kehu_status rc;
        fail_at = k;
        calls = 0;
        kehu_set_allocator(&a);
        memset(&t, 0, sizeof t);
        t.customer_id = sl("c1");
        t.order_id = sl("o1");
        t.region = sl("r");
        t.day = 100;
        t.amount = 1;
        rc = kehu_ledger_new(&l);
        if (rc == KEHU_OK) {
            rc = kehu_ledger_add(l, &t);
        }
        if (rc == KEHU_OK) {
            kehu_summary_options_init(&o);
            rc = kehu_summary_compute(l, &o, &s);
        }
        kehu_summary_free(s);
        kehu_ledger_free(l);
        kehu_set_allocator(NULL);
        CHECK(rc == KEHU_OK || rc == KEHU_ENOMEM);
        ok = rc == KEHU_OK;
    }
    CHECK(ok);
}

/* Ids of every length around the 8 bytes kept inline (and the empty
 * master-less case aside), across table and array growth and a merge:
 * each is found again and read back as given. */
static void check_id_lengths(void)
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    kehu_ledger *l = NULL, *m = NULL;
    kehu_customer c;
    char id[40];
    size_t i, k, len;
    int ok = 1;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    CHECK(kehu_ledger_new(&m) == KEHU_OK);
    for (k = 0; k < 3000; k++) {
        len = 1 + k % 20;
        for (i = 0; i < len; i++) {
            id[i] = digits[(k * 7 + i * 13) % 36];
        }
        (void)snprintf(id + len, sizeof id - len, "%zu", k);
        add(k % 2 ? l : m, id, "o", "2024-01-01", 1, "r");
    }
    CHECK(kehu_ledger_merge(l, m) == KEHU_OK);
    CHECK_EQ_I64(kehu_ledger_count(l), 3000);
    for (k = 0; k < 3000; k++) {
        len = 1 + k % 20;
        for (i = 0; i < len; i++) {
            id[i] = digits[(k * 7 + i * 13) % 36];
        }
        (void)snprintf(id + len, sizeof id - len, "%zu", k);
        ok &= kehu_ledger_find(l, sl(id), &i) == KEHU_OK;
        kehu_ledger_customer(l, i, &c);
        ok &= c.id.len == strlen(id) && memcmp(c.id.ptr, id, c.id.len) == 0;
    }
    CHECK(ok);
    kehu_ledger_free(l);
    kehu_ledger_free(m);
}

/* The most frequent region of customer id in l. */
static const char *top_region(const kehu_ledger *l, const char *id)
{
    kehu_customer c;
    size_t i = 0;

    CHECK(kehu_ledger_find(l, sl(id), &i) == KEHU_OK);
    kehu_ledger_customer(l, i, &c);
    return kehu_ledger_dim_value(l, KEHU_DIM_REGION, c.dim[KEHU_DIM_REGION]);
}

/* Dimension counts outgrow the customer record: more values than fit
 * inline, and counts past 16 bits, keep exact counts. */
static void check_dim_counts(void)
{
    static const char *const regions[] = {"r1", "r2", "r3", "r4",
                                          "r5", "r5", "r5", "r6"};
    kehu_ledger *l = NULL;
    size_t k;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    for (k = 0; k < sizeof regions / sizeof *regions; k++) {
        add(l, "many", "", "2024-01-01", 1, regions[k]);
    }
    CHECK_STR(top_region(l, "many"), "r5");
    /* 70,000 rows in "a" beat 10,000 in "b", though 70,000 mod 2^16 would
     * not. */
    {
        kehu_txn t;
        size_t failed = 0;
        memset(&t, 0, sizeof t);
        t.customer_id = sl("heavy");
        t.day = kehu_date_from_ymd(2024, 1, 1);
        t.second = -1;
        t.amount = KEHU_MONEY_SCALE;
        t.quantity = 1;
        for (k = 0; k < 80000; k++) {
            t.region = sl(k < 70000 ? "a" : "b");
            failed += kehu_ledger_add(l, &t) != KEHU_OK;
        }
        CHECK_EQ_I64(failed, 0);
    }
    CHECK_STR(top_region(l, "heavy"), "a");
    kehu_ledger_free(l);
}

void test_ledger(void)
{
    kehu_ledger *whole = NULL, *a = NULL, *b = NULL;
    size_t i;

    CHECK(kehu_ledger_new(&whole) == KEHU_OK);
    CHECK(kehu_ledger_new(&a) == KEHU_OK);
    CHECK(kehu_ledger_new(&b) == KEHU_OK);
    fill(whole, 0);
    CHECK_EQ_I64(kehu_ledger_count(whole), 3);
    check_summary(whole);
    /* Merging two disjoint halves gives the same summary. */
    fill(a, 1);
    fill(b, 2);
    CHECK(kehu_ledger_merge(a, b) == KEHU_OK);
    check_summary(a);
    CHECK(kehu_ledger_find(whole, sl("10"), &i) == KEHU_OK);
    CHECK(kehu_ledger_find(whole, sl("11"), &i) == KEHU_DONE);
    CHECK(kehu_id_compare(sl("0009"), sl("10")) < 0);
    CHECK(kehu_id_compare(sl("9"), sl("a")) < 0);
    CHECK(kehu_id_compare(sl("ab"), sl("abc")) < 0);
    CHECK(kehu_ledger_add_master(whole, sl("99"), 5, sl("west"), sl(""),
                                 sl("web")) == KEHU_OK);
    CHECK(kehu_ledger_find(whole, sl("99"), &i) == KEHU_OK);
    {
        kehu_customer c;
        kehu_ledger_customer(whole, i, &c);
        CHECK(c.in_master && c.n_days == 0 && c.signup_day == 5);
        CHECK_STR(kehu_ledger_dim_value(whole, KEHU_DIM_CHANNEL,
                                        c.dim[KEHU_DIM_CHANNEL]),
                  "web");
    }
    kehu_ledger_free(whole);
    kehu_ledger_free(a);
    kehu_ledger_free(b);
    check_id_lengths();
    check_dim_counts();
    oom_sweep();
}
