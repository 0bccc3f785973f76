/* SPDX-License-Identifier: MIT */
/*
 * Calibration/holdout split on a hand-worked ledger (inclusive D, T = D -
 * first purchase, purchase days, a return-only day, a customer after D,
 * a purchase after E), buckets, and the evaluation against direct calls.
 */
#include "check.h"
#include "kehu/bgnbd.h"
#include "kehu/date.h"
#include "kehu/holdout.h"
#include "oom.h"

void test_holdout(void);

static void add(kehu_ledger *l, const char *id, int m, int d, double amount)
{
    kehu_txn t;

    memset(&t, 0, sizeof t);
    t.customer_id.ptr = id;
    t.customer_id.len = strlen(id);
    t.day = kehu_date_from_ymd(2024, m, d);
    t.second = -1;
    t.amount = (int64_t)(amount * KEHU_MONEY_SCALE);
    t.quantity = 1;
    CHECK_EQ_I64(kehu_ledger_add(l, &t), KEHU_OK);
}

void test_holdout(void)
{
    static const double p[4] = {0.2426, 4.4136, 0.7929, 2.4259};
    kehu_purchase_model m = {"bgnbd", p, kehu_bgnbd_p_alive,
                             kehu_bgnbd_conditional, kehu_bgnbd_pmf};
    int32_t D = kehu_date_from_ymd(2024, 1, 31);
    int32_t E = kehu_date_from_ymd(2024, 3, 31);
    kehu_ledger *l = NULL;
    kehu_holdout_data *d = NULL;
    kehu_holdout_result r;
    double want, v, sum;
    int k;

    CHECK_EQ_I64(kehu_ledger_new(&l), KEHU_OK);
    if (l == NULL) {
        return;
    }
    add(l, "a", 1, 1, 10);
    add(l, "a", 1, 8, 10);
    add(l, "a", 1, 8, 5); /* same day: one purchase */
    add(l, "a", 2, 5, 10);
    add(l, "a", 2, 6, 10);
    add(l, "a", 4, 1, 10);  /* after E */
    add(l, "b", 1, 31, 10); /* on D: calibration */
    add(l, "b", 2, 1, 10);
    add(l, "c", 2, 10, 10); /* first purchase after D: not in cohort */
    add(l, "d", 1, 5, -5);  /* a return is not a purchase */
    for (k = 1; k <= 9; k++) {
        add(l, "e", 1, 2 * k, 10); /* x = 8: bucket 7+ */
    }
    CHECK_EQ_I64(kehu_holdout_split(l, D, D, 7, &d), KEHU_EINVAL);
    CHECK_EQ_I64(kehu_holdout_split(l, D, E, 7, &d), KEHU_OK);
    if (d == NULL) {
        kehu_ledger_free(l);
        return;
    }
    CHECK_EQ_I64(d->n, 3); /* a, b, e in id order */
    CHECK_NEAR(d->t_holdout, 60.0 / 7.0, 1e-15);
    CHECK_NEAR(d->x[0], 1, 0);
    CHECK_NEAR(d->t_x[0], 1, 1e-15);
    CHECK_NEAR(d->T[0], 30.0 / 7.0, 1e-15);
    CHECK_NEAR(d->actual[0], 2, 0);
    CHECK_NEAR(d->x[1], 0, 0);
    CHECK_NEAR(d->T[1], 0, 0);
    CHECK_NEAR(d->actual[1], 1, 0);
    CHECK_NEAR(d->x[2], 8, 0);
    CHECK_NEAR(d->t_x[2], 16.0 / 7.0, 1e-15);
    CHECK_NEAR(d->T[2], 29.0 / 7.0, 1e-15);
    CHECK_NEAR(d->actual[2], 0, 0);

    CHECK_EQ_I64(kehu_holdout_evaluate(&m, d, &r), KEHU_OK);
    CHECK_NEAR(r.total.customers, 3, 0);
    CHECK_NEAR(r.total.actual, 3, 0);
    CHECK_NEAR(r.bucket[0].customers, 1, 0);
    CHECK_NEAR(r.bucket[1].actual, 2, 0);
    CHECK_NEAR(r.bucket[7].customers, 1, 0);
    CHECK_NEAR(r.cal_actual[7], 1, 0);
    CHECK_EQ_I64(kehu_bgnbd_conditional(p, 1, 1, 30.0 / 7, 60.0 / 7, &want),
                 KEHU_OK);
    CHECK_NEAR(r.bucket[1].predicted, want, 1e-12);
    sum = want;
    CHECK_EQ_I64(kehu_bgnbd_conditional(p, 0, 0, 0, 60.0 / 7, &v), KEHU_OK);
    sum += v;
    CHECK_EQ_I64(kehu_bgnbd_conditional(p, 8, 16.0 / 7, 29.0 / 7, 60.0 / 7, &v),
                 KEHU_OK);
    sum += v;
    CHECK_NEAR(r.total.predicted, sum, 1e-12);
    CHECK(r.has_cal_expected);
    sum = 0;
    for (k = 0; k < KEHU_HOLDOUT_BUCKETS; k++) {
        sum += r.cal_expected[k];
    }
    CHECK_NEAR(sum, 3, 1e-12);
    /* Customer b has T = 0: certainly 0 repeat purchases. */
    CHECK(r.cal_expected[0] > 1);
    m.pmf = NULL;
    CHECK_EQ_I64(kehu_holdout_evaluate(&m, d, &r), KEHU_OK);
    CHECK(!r.has_cal_expected);
    kehu_holdout_data_free(d);

    /* OOM sweep of the split: ENOMEM or success, no leak. */
    {
        int f, ok = 0;
        for (f = 1; f < 50 && !ok; f++) {
            kehu_status rc;
            d = NULL;
            oom_begin(f);
            rc = kehu_holdout_split(l, D, E, 7, &d);
            oom_end();
            CHECK(rc == KEHU_OK || (rc == KEHU_ENOMEM && d == NULL));
            ok = rc == KEHU_OK;
            kehu_holdout_data_free(d);
        }
        CHECK(ok);
    }
    kehu_ledger_free(l);
}
