/* SPDX-License-Identifier: MIT */
/* The profit operation without argv: a ledger without a cost column and
 * service costs built here; per customer, by branch, without service
 * costs, bad parameters, and an out-of-memory sweep. */
#include "fixture.h"
#include "oom.h"
#include "op_record.h"

void test_op_profit(void);

typedef struct cost_src {
    const char *const (*rows)[2]; /* customer, date; 10.00 each */
    size_t n;
} cost_src;

static const char *const costs[][2] = {
    {"A", "2025-03-01"}, {"A", "2025-04-01"}, /* 20 charged to A */
    {"C", "2025-04-01"},                      /* no purchase, charged */
    {"Z", "2025-04-01"},                      /* unknown customer */
    {"B", "2025-09-01"},                      /* after A */
};

static kehu_status each_cost(void *src, kehu_input_kind kind, kehu_row_fn fn,
                             void *fn_ctx, kehu_error *err)
{
    const cost_src *s = src;
    size_t i;

    (void)err;
    CHECK(kind == KEHU_INPUT_SERVICE_COSTS);
    for (i = 0; i < s->n; i++) {
        kehu_service_cost_row r;
        kehu_status rc;
        memset(&r, 0, sizeof r);
        r.customer_id = fx_slice(s->rows[i][0]);
        r.day = fx_day(s->rows[i][1]);
        r.cost = 10 * KEHU_MONEY_SCALE;
        rc = fn.service_cost(fn_ctx, &r);
        if (rc != KEHU_OK) {
            return rc;
        }
    }
    return KEHU_OK;
}

static void check_customers(const kehu_dataset *d)
{
    static const char *const kv[] = {"as-of", "2025-07-01", "margin", "0.3",
                                     NULL};
    static rec r;
    kehu_result *res = NULL;
    kehu_error err;

    CHECK(rec_run("profit", kv, d, &r, &res, &err) == KEHU_OK);
    CHECK_EQ_I64(r.ncols, 11);
    CHECK_EQ_I64(rec_rows(&r), 3);
    CHECK_STR(rec_at(&r, 0, 0), "A");
    CHECK_STR(rec_at(&r, 0, 1), "100"); /* revenue */
    CHECK_STR(rec_at(&r, 0, 2), "70");  /* cost at margin 0.3 */
    CHECK_STR(rec_at(&r, 0, 3), "30");
    CHECK_STR(rec_at(&r, 0, 5), "20"); /* service cost */
    CHECK_STR(rec_at(&r, 0, 6), "10");
    CHECK_STR(rec_at(&r, 0, 7), "1.5");
    CHECK_STR(rec_at(&r, 1, 0), "B");
    CHECK_STR(rec_at(&r, 1, 7), ""); /* no service cost */
    CHECK_STR(rec_at(&r, 2, 0), "C");
    CHECK_STR(rec_at(&r, 2, 6), "-10");
    CHECK(rec_note_has(res, "costs.csv: 1 rows outside the window, 1 rows "
                            "(10.00) for unknown customers: not charged"));
    kehu_result_free(res);
}

static void check_groups(const kehu_dataset *d)
{
    static const char *const kv[] = {"as-of", "2025-07-01", "margin", "0.3",
                                     "by",    "branch",     NULL};
    static rec r;
    kehu_dataset plain = *d;
    kehu_error err;

    CHECK(rec_run("profit", kv, d, &r, NULL, &err) == KEHU_OK);
    CHECK_EQ_I64(r.ncols, 9);
    CHECK_EQ_I64(rec_rows(&r), 3);
    CHECK_STR(rec_at(&r, 0, 0), "east");
    CHECK_STR(rec_at(&r, 0, 1), "2");
    CHECK_STR(rec_at(&r, 0, 2), "300");
    CHECK_STR(rec_at(&r, 2, 0), "total");
    CHECK_STR(rec_at(&r, 2, 1), "3");
    CHECK_STR(rec_at(&r, 2, 6), "30");
    plain.side = NULL; /* service costs are optional */
    plain.side_kinds = 0;
    CHECK(rec_run("profit", kv, &plain, &r, NULL, &err) == KEHU_OK);
    CHECK_EQ_I64(rec_rows(&r), 2); /* C is not listed without a cost */
    CHECK_STR(rec_at(&r, 1, 6), "0");
}

static void check_errors(const kehu_dataset *d)
{
    static const char *const high[] = {"margin", "2", NULL};
    static const char *const by[] = {"margin", "0.3", "by", "tier,region",
                                     NULL};
    static rec r;
    kehu_error err;

    CHECK(rec_run("profit", NULL, d, &r, NULL, &err) == KEHU_EINVAL);
    CHECK(strstr(err.msg, "no cost column") != NULL);
    CHECK(rec_run("profit", high, d, &r, NULL, &err) == KEHU_ERANGE);
    CHECK_STR(err.field, "margin");
    CHECK(rec_run("profit", by, d, &r, NULL, &err) == KEHU_EINVAL);
    CHECK(strstr(err.msg, "one dimension") != NULL);
}

static void check_oom(const kehu_dataset *d)
{
    static const char *const kv[] = {"margin", "0.3", "by", "tier", NULL};
    static rec r;
    kehu_status rc = KEHU_ENOMEM;
    kehu_error err;
    int k, bad = 0;

    for (k = 1; k < 500 && rc == KEHU_ENOMEM; k++) {
        oom_begin(k);
        rc = rec_run("profit", kv, d, &r, NULL, &err);
        oom_end();
        bad += rc != KEHU_OK && rc != KEHU_ENOMEM;
    }
    CHECK(rc == KEHU_OK);
    CHECK_EQ_I64(bad, 0);
}

void test_op_profit(void)
{
    kehu_ledger *l = NULL;
    kehu_dataset d;
    cost_src src = {costs, sizeof costs / sizeof costs[0]};

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    fx_add(l, "A", "2025-05-01", 100, "", "east");
    fx_add(l, "B", "2025-03-01", 200, "", "east");
    fx_add(l, "C", "2025-08-01", 50, "", "west"); /* buys after A */
    kehu_dataset_init(&d);
    d.ledger = l;
    d.side = each_cost;
    d.side_src = &src;
    d.side_kinds = 1u << KEHU_INPUT_SERVICE_COSTS;
    d.side_name[KEHU_INPUT_SERVICE_COSTS] = "costs.csv";
    check_customers(&d);
    check_groups(&d);
    check_errors(&d);
    check_oom(&d);
    kehu_ledger_free(l);
}
