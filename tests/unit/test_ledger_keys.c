/* SPDX-License-Identifier: MIT */
/* Distinct orders and exact duplicate rows kept per customer-day in the
 * ledger (kehu_txn.row_key), and the reader handing that check to it. */
#include "../../src/io/csv_read.h"
#include "check.h"
#include "kehu/ledger.h"

void test_ledger_keys(void);

static kehu_slice sl(const char *s)
{
    kehu_slice x = {s, strlen(s)};
    return x;
}

/* Add a row of customer id with order `order` on day, amount, row_key. */
static kehu_status add(kehu_ledger *l, const char *id, const char *order,
                       int32_t day, int64_t amount, uint64_t row_key)
{
    kehu_txn t;

    memset(&t, 0, sizeof t);
    t.customer_id = sl(id);
    t.order_id = sl(order);
    t.day = day;
    t.second = -1;
    t.amount = amount;
    t.quantity = 1;
    t.row_key = row_key;
    return kehu_ledger_add(l, &t);
}

/* Sum of orders, purchases and amount of customer id. */
static void totals(const kehu_ledger *l, const char *id, int64_t *orders,
                   int64_t *rows, int64_t *amount)
{
    kehu_customer c;
    size_t i, k;

    *orders = *rows = *amount = 0;
    if (kehu_ledger_find(l, sl(id), &i) != KEHU_OK) {
        return;
    }
    kehu_ledger_customer(l, i, &c);
    for (k = 0; k < c.n_days; k++) {
        *orders += c.days[k].orders;
        *rows += c.days[k].purchases + c.days[k].returns;
        *amount += c.days[k].amount;
    }
}

static void small_customer(void)
{
    kehu_ledger *l = NULL;
    int64_t o, r, a;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    if (l == NULL) {
        return;
    }
    CHECK(add(l, "c", "o1", 100, 10, 11) == KEHU_OK);
    CHECK(add(l, "c", "o1", 100, 10, 11) == KEHU_DONE); /* exact repeat */
    CHECK(add(l, "c", "o1", 100, 20, 12) == KEHU_OK);   /* second line */
    CHECK(add(l, "c", "o1", 100, 20, 12) == KEHU_DONE); /* in the set */
    CHECK(add(l, "c", "o2", 100, 5, 13) == KEHU_OK);    /* 2nd order */
    CHECK(add(l, "c", "o1", 101, 1, 14) == KEHU_OK);    /* o1 next day */
    CHECK(add(l, "c", "o2", 99, 1, 15) == KEHU_OK);     /* o2, earlier */
    CHECK(add(l, "c", "o3", 99, 1, 16) == KEHU_OK);     /* new, earlier */
    CHECK(add(l, "c", "o1", 100, 10, 0) == KEHU_OK);    /* unkeyed row */
    CHECK(add(l, "d", "o1", 100, 10, 11) == KEHU_OK);   /* other customer */
    totals(l, "c", &o, &r, &a);
    CHECK_EQ_I64(o, 3);
    CHECK_EQ_I64(r, 7);
    CHECK_EQ_I64(a, 10 + 20 + 5 + 1 + 1 + 1 + 10);
    totals(l, "d", &o, &r, &a);
    CHECK_EQ_I64(o, 1);
    kehu_ledger_free(l);
}

/* A customer with many days moves to the set-only order lookup; orders
 * and rows seen before stay recognised across the move. */
static void big_customer(void)
{
    kehu_ledger *l = NULL;
    char order[16];
    int64_t o, r, a;
    int k, ok = 1;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    if (l == NULL) {
        return;
    }
    for (k = 0; k < 40; k++) {
        (void)snprintf(order, sizeof order, "o%d", k);
        ok &= add(l, "big", order, 1000 - k, 100, 500 + (uint64_t)k) == KEHU_OK;
        ok &= add(l, "big", "x", 1000 - k, 1, 900 + (uint64_t)k) == KEHU_OK;
    }
    CHECK(ok);
    CHECK(add(l, "big", "o3", 2000, 7, 77) == KEHU_OK);  /* old order */
    CHECK(add(l, "big", "o99", 2001, 7, 78) == KEHU_OK); /* new */
    CHECK(add(l, "big", "o5", 995, 100, 505) == KEHU_DONE);
    CHECK(add(l, "big", "x", 990, 1, 910) == KEHU_DONE);
    totals(l, "big", &o, &r, &a);
    CHECK_EQ_I64(o, 40 + 1 + 1); /* o0..o39, x, o99 */
    CHECK_EQ_I64(r, 82);
    kehu_ledger_free(l);
}

static kehu_status to_ledger(void *ctx, const kehu_txn *t)
{
    return kehu_ledger_add(ctx, t);
}

static kehu_status count_only(void *ctx, const kehu_txn *t)
{
    (void)t;
    ++*(int *)ctx;
    return KEHU_OK;
}

/* The reader counts the same duplicates either way. */
static void reader_hands_over(void)
{
    static const char text[] = "order_id,customer_id,order_date,amount\n"
                               "1,a,2024-01-01,5\n"
                               "1,a,2024-01-01,5\n"
                               "1,a,2024-01-01,6\n"
                               "2,b,2024-01-02,5\n"
                               "1,a,2024-01-01,6\n"
                               "1,a,2024-01-01,5\n"
                               "3,a,2024-01-03,5\n";
    kehu_read_opts o;
    kehu_read_stats st;
    kehu_row_fn fn;
    kehu_ledger *l = NULL;
    int n = 0;
    int64_t orders, rows, amount;

    kehu_read_opts_init(&o);
    o.rejects_path = "/dev/null";
    fn.txn = count_only;
    CHECK(kehu_read_buffer(KEHU_INPUT_TRANSACTIONS, text, strlen(text), NULL,
                           &o, fn, &n, &st) == KEHU_OK);
    CHECK_EQ_I64(st.duplicates, 3);
    CHECK_EQ_I64(st.accepted, 4);
    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    if (l == NULL) {
        return;
    }
    o.callback_dedupes = 1;
    fn.txn = to_ledger;
    CHECK(kehu_read_buffer(KEHU_INPUT_TRANSACTIONS, text, strlen(text), NULL,
                           &o, fn, l, &st) == KEHU_OK);
    CHECK_EQ_I64(st.read, 7);
    CHECK_EQ_I64(st.duplicates, 3);
    CHECK_EQ_I64(st.accepted, 4);
    totals(l, "a", &orders, &rows, &amount);
    CHECK_EQ_I64(orders, 2);
    CHECK_EQ_I64(rows, 3);
    CHECK_EQ_I64(amount, 16 * 10000);
    kehu_ledger_free(l);
}

/* Two ledgers of disjoint customers moved into one equal the ledger of
 * all rows, including orders and duplicates recorded in the sets; a shared
 * customer is merged day by day. */
static void merge_take(void)
{
    kehu_ledger *all = NULL, *a = NULL, *b = NULL;
    static const char *ids[] = {"p", "q", "r", "s"};
    char order[16];
    int64_t o1, r1, m1, o2, r2, m2;
    int k, i, ok = 1;

    CHECK(kehu_ledger_new(&all) == KEHU_OK);
    CHECK(kehu_ledger_new(&a) == KEHU_OK);
    CHECK(kehu_ledger_new(&b) == KEHU_OK);
    if (all == NULL || a == NULL || b == NULL) {
        kehu_ledger_free(all);
        kehu_ledger_free(a);
        kehu_ledger_free(b);
        return;
    }
    for (k = 0; k < 30; k++) {
        for (i = 0; i < 4; i++) {
            kehu_ledger *part = i % 2 ? b : a;
            uint64_t key = (uint64_t)k * 10 + (uint64_t)i + 1;

            (void)snprintf(order, sizeof order, "o%d", k % 20);
            ok &= add(all, ids[i], order, 100 + k, k + i, key) == KEHU_OK;
            ok &= add(part, ids[i], order, 100 + k, k + i, key) == KEHU_OK;
        }
    }
    CHECK(ok);
    CHECK(add(a, "t", "x", 5, 1, 999) == KEHU_OK); /* shared customer */
    CHECK(add(b, "t", "y", 6, 2, 998) == KEHU_OK);
    CHECK(add(all, "t", "x", 5, 1, 999) == KEHU_OK);
    CHECK(add(all, "t", "y", 6, 2, 998) == KEHU_OK);
    CHECK(kehu_ledger_merge_take(a, b) == KEHU_OK);
    CHECK_EQ_I64(kehu_ledger_count(a), 5);
    for (i = 0; i < 5; i++) {
        const char *id = i < 4 ? ids[i] : "t";

        totals(all, id, &o1, &r1, &m1);
        totals(a, id, &o2, &r2, &m2);
        CHECK_EQ_I64(o2, o1);
        CHECK_EQ_I64(r2, r1);
        CHECK_EQ_I64(m2, m1);
    }
    /* Orders and rows seen before the move are still recognised. */
    CHECK(add(a, "q", "o3", 140, 1, 4242) == KEHU_OK);
    CHECK(add(all, "q", "o3", 140, 1, 4242) == KEHU_OK);
    CHECK(add(a, "q", "o1", 101, 1, 12) == KEHU_DONE);
    totals(all, "q", &o1, &r1, &m1);
    totals(a, "q", &o2, &r2, &m2);
    CHECK_EQ_I64(o2, o1);
    kehu_ledger_free(all);
    kehu_ledger_free(a);
}

void test_ledger_keys(void)
{
    merge_take();
    small_customer();
    big_customer();
    reader_hands_over();
}
