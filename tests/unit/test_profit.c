/* SPDX-License-Identifier: MIT */
/*
 * Profitability on hand-made summary rows: with a cost column, with an
 * assumed margin, zero revenue and zero service cost, sums and errors.
 */
#include "check.h"
#include "kehu/profit.h"

void test_profit(void);

void test_profit(void)
{
    kehu_summary_row rows[2];
    kehu_summary s;
    kehu_profit_row p[2];
    kehu_profit_sum sum;
    const double sc[2] = {15, 0}, bad[2] = {-1, 0};

    memset(rows, 0, sizeof rows);
    memset(&s, 0, sizeof s);
    rows[0].monetary_total = 130;
    rows[0].profit_total = 52;
    rows[1].monetary_total = 0;
    rows[1].profit_total = 0;
    s.rows = rows;
    s.n = 2;
    s.has_cost = 1;

    CHECK_EQ_I64(kehu_profit_compute(&s, sc, NAN, p), KEHU_OK);
    CHECK_NEAR(p[0].cost, 78, 1e-15);
    CHECK_NEAR(p[0].margin, 0.4, 1e-15);
    CHECK_NEAR(p[0].profit_after_service, 37, 1e-15);
    CHECK_NEAR(p[0].profit_per_service_cost, 52.0 / 15, 1e-15);
    CHECK(isnan(p[1].margin));
    CHECK(isnan(p[1].profit_per_service_cost));
    memset(&sum, 0, sizeof sum);
    kehu_profit_add(&sum, &p[0]);
    kehu_profit_add(&sum, &p[1]);
    kehu_profit_finish(&sum);
    CHECK_EQ_I64(sum.customers, 2);
    CHECK_NEAR(sum.sum.profit_per_service_cost, 52.0 / 15, 1e-15);
    CHECK_EQ_I64(kehu_profit_compute(&s, bad, NAN, p), KEHU_ERANGE);

    /* No cost column: an assumed margin, required. */
    s.has_cost = 0;
    CHECK_EQ_I64(kehu_profit_compute(&s, NULL, NAN, p), KEHU_EINVAL);
    CHECK_EQ_I64(kehu_profit_compute(&s, NULL, 1.5, p), KEHU_ERANGE);
    CHECK_EQ_I64(kehu_profit_compute(&s, NULL, 0.25, p), KEHU_OK);
    CHECK_NEAR(p[0].profit, 32.5, 1e-15);
    CHECK_NEAR(p[0].cost, 97.5, 1e-15);
    CHECK_NEAR(p[0].service_cost, 0, 0);
    CHECK_NEAR(p[0].profit_after_service, 32.5, 1e-15);
}
