/* SPDX-License-Identifier: MIT */
/*
 * Churn early warning on a hand-worked ledger: typical gaps, the median
 * gap of one-time buyers, lost customers left out, annual spend, value at
 * risk with and without P(alive), ranking, and the backtest's precision,
 * recall and lead times.
 */
#include "check.h"
#include "kehu/alloc.h"
#include "kehu/churn.h"
#include "kehu/date.h"
#include "oom.h"

void test_churn(void);

static void add(kehu_ledger *l, const char *id, int y, int m, int d,
                double amount)
{
    kehu_txn t;

    memset(&t, 0, sizeof t);
    t.customer_id.ptr = id;
    t.customer_id.len = strlen(id);
    t.day = kehu_date_from_ymd(y, m, d);
    t.second = -1;
    t.amount = (int64_t)(amount * KEHU_MONEY_SCALE);
    t.quantity = 1;
    CHECK_EQ_I64(kehu_ledger_add(l, &t), KEHU_OK);
}

static void fill(kehu_ledger *l)
{
    /* a: gap 60/2 = 30 days, silent 122 days: overdue 4.07. */
    add(l, "a", 2024, 1, 1, 100);
    add(l, "a", 2024, 1, 31, 100);
    add(l, "a", 2024, 3, 1, 100);
    add(l, "a", 2024, 8, 15, 100); /* after the 30-day outcome window */
    /* b: gap 20, silent 10. */
    add(l, "b", 2024, 6, 1, 50);
    add(l, "b", 2024, 6, 21, 50);
    add(l, "b", 2024, 7, 10, 50); /* buys again: not churned */
    /* c: one-time buyer, silent 304 days; the median gap of a, b, d, e
       (30, 20, 181, 701) is 105.5: overdue 2.88. */
    add(l, "c", 2023, 9, 1, 1000);
    /* d: gap 181, silent 366 days: lost, not warned. */
    add(l, "d", 2023, 1, 1, 10);
    add(l, "d", 2023, 7, 1, 10);
    /* e: tenure 731 days, gap 701, silent 30. */
    add(l, "e", 2022, 7, 1, 100);
    add(l, "e", 2024, 6, 1, 100);
}

void test_churn(void)
{
    int32_t A = kehu_date_from_ymd(2024, 7, 1);
    kehu_ledger *l = NULL;
    kehu_summary_options so;
    kehu_summary *s = NULL;
    kehu_churn_options o;
    kehu_churn_row *w = NULL;
    kehu_churn_eval e;
    double leads[8];
    /* per summary row a, b, c, d, e */
    const double pa[5] = {0.9, 0.3, 0.6, 0.1, 0.8};
    size_t n = 0;

    CHECK_EQ_I64(kehu_ledger_new(&l), KEHU_OK);
    if (l == NULL) {
        return;
    }
    fill(l);
    kehu_summary_options_init(&so);
    so.as_of_day = A;
    CHECK_EQ_I64(kehu_summary_compute(l, &so, &s), KEHU_OK);
    if (s == NULL) {
        kehu_ledger_free(l);
        return;
    }
    CHECK_EQ_I64(s->n, 5);
    kehu_churn_options_init(&o);

    /* Without a model: c (1000) and a (300) warned, then b, e. */
    CHECK_EQ_I64(kehu_churn_score(s, NULL, &o, &w, &n), KEHU_OK);
    CHECK_EQ_I64(n, 4);
    if (n == 4) {
        CHECK_EQ_I64(w[0].row, 2);
        CHECK_EQ_I64(w[0].reasons, KEHU_CHURN_OVERDUE);
        CHECK_NEAR(w[0].gap_days, 105.5, 0);
        CHECK_NEAR(w[0].overdue, 304.0 / 105.5, 1e-15);
        CHECK_NEAR(w[0].value_at_risk, 1000, 1e-12);
        CHECK_EQ_I64(w[1].row, 0);
        CHECK_NEAR(w[1].overdue, 122.0 / 30, 1e-15);
        CHECK_NEAR(w[1].annual_spend, 300, 1e-12);
        CHECK_EQ_I64(w[2].row, 1);
        CHECK_EQ_I64(w[2].reasons, 0);
        CHECK_NEAR(w[2].overdue, 0.5, 1e-15);
        CHECK_EQ_I64(w[3].row, 4);
        CHECK_NEAR(w[3].annual_spend, 200 * 365.25 / 731, 1e-12);
        CHECK(isnan(w[3].p_alive));
    }
    /* Backtest over 30 days: churned a, c, e; warned a, c. Leads: a
       366 - 122 = 244, c 366 - 304 = 62. */
    CHECK_EQ_I64(kehu_churn_backtest(l, s, w, n, &o, 30, &e, leads), KEHU_OK);
    CHECK_EQ_I64(e.customers, 4);
    CHECK_EQ_I64(e.warned, 2);
    CHECK_EQ_I64(e.churned, 3);
    CHECK_EQ_I64(e.true_pos, 2);
    CHECK_NEAR(e.precision, 1.0, 0);
    CHECK_NEAR(e.recall, 2.0 / 3, 1e-15);
    CHECK_NEAR(e.median_lead_days, 153, 0);
    CHECK_NEAR(leads[0] + leads[1], 244 + 62, 0);
    /* 60 days: a's return on 2024-08-15 is inside; b, a bought. */
    CHECK_EQ_I64(kehu_churn_backtest(l, s, w, n, &o, 60, &e, NULL), KEHU_OK);
    CHECK_EQ_I64(e.churned, 2);
    CHECK_EQ_I64(e.true_pos, 1);
    CHECK_NEAR(e.precision, 0.5, 0);
    CHECK_EQ_I64(kehu_churn_backtest(l, s, w, n, &o, 0, &e, NULL), KEHU_EINVAL);
    kehu_free(w);

    /* With P(alive): b warned by the model; value at risk shrinks with
       P(alive): c 400, b 70, a 30, then e. */
    CHECK_EQ_I64(kehu_churn_score(s, pa, &o, &w, &n), KEHU_OK);
    CHECK_EQ_I64(n, 4);
    if (n == 4) {
        CHECK_EQ_I64(w[0].row, 2);
        CHECK_NEAR(w[0].value_at_risk, 400, 1e-12);
        CHECK_EQ_I64(w[1].row, 1);
        CHECK_EQ_I64(w[1].reasons, KEHU_CHURN_P_ALIVE);
        CHECK_NEAR(w[1].value_at_risk, 70, 1e-12);
        CHECK_EQ_I64(w[2].row, 0);
        CHECK_NEAR(w[2].value_at_risk, 30, 1e-12);
        CHECK_EQ_I64(w[3].reasons, 0);
    }
    kehu_free(w);
    o.p_alive_below = 0.95; /* a too: both reasons */
    CHECK_EQ_I64(kehu_churn_score(s, pa, &o, &w, &n), KEHU_OK);
    CHECK(n == 4 && w[2].row == 0 &&
          w[2].reasons == (KEHU_CHURN_P_ALIVE | KEHU_CHURN_OVERDUE));
    kehu_free(w);
    o.lost_days = 400; /* d is back in, overdue 366/181 = 2.02 */
    o.p_alive_below = 0;
    CHECK_EQ_I64(kehu_churn_score(s, NULL, &o, &w, &n), KEHU_OK);
    CHECK_EQ_I64(n, 5);
    CHECK(n == 5 && w[2].row == 3 && w[2].reasons == KEHU_CHURN_OVERDUE);
    kehu_free(w);
    o.overdue_ratio = 0;
    CHECK_EQ_I64(kehu_churn_score(s, NULL, &o, &w, &n), KEHU_EINVAL);
    CHECK(w == NULL);
    CHECK(isnan(kehu_churn_median(leads, 0)));

    /* OOM sweep of scoring and backtest. */
    {
        int k, ok = 0;
        kehu_churn_options_init(&o);
        for (k = 1; k < 50 && !ok; k++) {
            kehu_status rc;
            w = NULL;
            oom_begin(k);
            rc = kehu_churn_score(s, pa, &o, &w, &n);
            if (rc == KEHU_OK) {
                rc = kehu_churn_backtest(l, s, w, n, &o, 30, &e, NULL);
            }
            oom_end();
            CHECK(rc == KEHU_OK || rc == KEHU_ENOMEM);
            ok = rc == KEHU_OK;
            kehu_free(w);
        }
        CHECK(ok);
    }
    kehu_summary_free(s);
    kehu_ledger_free(l);
}
