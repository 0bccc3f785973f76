/* SPDX-License-Identifier: MIT */
/* Cohort retention on a hand-worked log, and row sums on generated data. */
#include "fixture.h"
#include "kehu/cohort.h"

void test_cohort(void);

static void check_hand(void)
{
    /* Customers active k months after their first month, per cohort. */
    static const int64_t active[4][4] = {
        {2, 1, 1, 1}, {1, 0, 0, 0}, {1, 1, 0, 0}, {1, 0, 0, 0}};
    static const int64_t revenue[4][4] = {
        {20, 6, 10, 10}, {20, 0, 0, 0}, {10, 10, 0, 0}, {10, 0, 0, 0}};
    kehu_ledger *l = NULL;
    kehu_cohort *co = NULL;
    size_t i, k;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    fx_add(l, "A", "2025-01-05", 10, "", "");
    fx_add(l, "A", "2025-02-05", 10, "", "");
    fx_add(l, "A", "2025-02-05", -4, "", "");
    fx_add(l, "A", "2025-03-31", 10, "", "");
    fx_add(l, "B", "2025-01-31", 10, "", "");
    fx_add(l, "B", "2025-04-01", 10, "", "");
    fx_add(l, "C", "2025-02-01", 10, "", "");
    fx_add(l, "C", "2025-02-28", 10, "", "");
    fx_add(l, "D", "2025-03-01", 10, "", "");
    fx_add(l, "D", "2025-04-30", 10, "", "");
    fx_add(l, "E", "2025-01-10", -10, "", ""); /* return, not a cohort */
    fx_add(l, "E", "2025-04-15", 10, "", "");
    CHECK(kehu_cohort_compute(l, KEHU_PERIOD_MONTH, KEHU_DAY_NONE, &co) ==
          KEHU_OK);
    CHECK_EQ_I64(co->n_periods, 4);
    for (i = 0; i < 4 && i < co->n_periods; i++) {
        CHECK_EQ_I64(co->size[i], active[i][0]);
        for (k = 0; k < 4 - i; k++) {
            CHECK_EQ_I64(co->active[i * 4 + k], active[i][k]);
            CHECK_EQ_I64(co->revenue[i * 4 + k],
                         revenue[i][k] * KEHU_MONEY_SCALE);
        }
        CHECK(isnan(kehu_cohort_retention(co, i, 4 - i)));
    }
    CHECK_NEAR(kehu_cohort_retention(co, 0, 0), 1.0, 1e-12);
    CHECK_NEAR(kehu_cohort_retention(co, 0, 1), 0.5, 1e-12);
    CHECK_NEAR(kehu_cohort_retention(co, 1, 1), 0.0, 1e-12);
    CHECK_NEAR(kehu_cohort_revenue_retention(co, 0, 1), 0.3, 1e-12);
    CHECK_NEAR(kehu_cohort_revenue_retention(co, 2, 1), 1.0, 1e-12);
    CHECK(isnan(kehu_cohort_revenue_retention(co, 3, 1)));
    kehu_cohort_free(co);

    /* As of March: two periods, April's activity unseen. */
    CHECK(kehu_cohort_compute(l, KEHU_PERIOD_MONTH, fx_day("2025-03-01"),
                              &co) == KEHU_OK);
    CHECK_EQ_I64(co->n_periods, 2);
    CHECK_EQ_I64(co->size[0], 2);
    CHECK_EQ_I64(co->size[1], 1);
    kehu_cohort_free(co);

    CHECK(kehu_cohort_compute(l, KEHU_PERIOD_COUNT, KEHU_DAY_NONE, &co) ==
          KEHU_EINVAL);
    CHECK(kehu_cohort_compute(l, KEHU_PERIOD_DAY, KEHU_DAY_NONE, &co) ==
          KEHU_OK);
    CHECK_EQ_I64(co->n_periods, 31 + 28 + 31 + 30 - 4); /* Jan 5.. */
    kehu_cohort_free(co);
    kehu_ledger_free(l);
}

/* Cohort sizes add up to the buyers, k = 0 is the whole cohort, and no
 * cell exceeds its cohort. */
static void check_generated(void)
{
    kehu_ledger *l = NULL;
    int k;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    fx_generate(l, 7, 200, fx_day("2020-12-01"), 800);
    for (k = 0; k < KEHU_PERIOD_COUNT; k++) {
        kehu_cohort *co = NULL;
        int64_t total = 0;
        long bad = 0;
        size_t i, j;

        CHECK(kehu_cohort_compute(l, (kehu_period_kind)k, KEHU_DAY_NONE, &co) ==
              KEHU_OK);
        if (co == NULL) {
            continue;
        }
        for (i = 0; i < co->n_periods; i++) {
            total += co->size[i];
            bad += co->active[i * co->n_periods] != co->size[i];
            for (j = 0; j < co->n_periods; j++) {
                bad += co->active[i * co->n_periods + j] > co->size[i];
                bad += !kehu_cohort_observed(co, i, j) &&
                       co->active[i * co->n_periods + j] != 0;
            }
        }
        CHECK_EQ_I64(total, 200);
        CHECK_EQ_I64(bad, 0);
        kehu_cohort_free(co);
    }
    kehu_ledger_free(l);
}

void test_cohort(void)
{
    check_hand();
    check_generated();
}
