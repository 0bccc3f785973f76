/* SPDX-License-Identifier: MIT */
/*
 * CLV: the per-unit rate, a hand-computed two-period discount on a linear
 * model, the zero-discount case, the published BG/NBD predictions and
 * Gamma-Gamma spends on CDNOW, a discounted case checked against an
 * independent evaluation of eq. (10) (python, direct 2F1 series), the
 * BG/NBD and MBG/NBD pmf (python, lgamma per term), and bad arguments.
 */
#include "check.h"
#include "csvnum.h"
#include "kehu/bgnbd.h"
#include "kehu/clv.h"
#include "kehu/gg.h"
#include "kehu/mbgnbd.h"
#include "kehu/pnbd.h"
#include "kehu/threads.h"

void test_clv(void);

/* A model with E[X(t) | ...] = 0.5 t and P(alive) = 0.75, for hand
   computation. */
static double lin_alive(const double *p, double x, double t_x, double T)
{
    (void)p;
    (void)x;
    (void)t_x;
    (void)T;
    return 0.75;
}

static kehu_status lin_cond(const double *p, double x, double t_x, double T,
                            double t, double *out)
{
    (void)x;
    (void)t_x;
    (void)T;
    *out = p[0] * t;
    return KEHU_OK;
}

static void test_hand(void)
{
    const double half[1] = {0.5};
    kehu_purchase_model m = {"lin", half, lin_alive, lin_cond, NULL};
    kehu_clv_options o;
    kehu_clv_value v;
    double rate;

    /* An annual rate over a year-long unit is itself; over a week it is
       1.1^(7/365.25) - 1. */
    CHECK_EQ_I64(kehu_clv_unit_rate(0.10, 365.25, &rate), KEHU_OK);
    CHECK_NEAR(rate, 0.10, 1e-15);
    CHECK_EQ_I64(kehu_clv_unit_rate(0.10, 7, &rate), KEHU_OK);
    CHECK_NEAR(rate, 0.0018282846336430403, 1e-12);
    CHECK_NEAR(pow(1 + rate, 365.25 / 7), 1.10, 1e-12);

    /* Two yearly periods at 10%, margin 0.3, spend 40: 0.5 purchases in
       each year: 0.3 * 40 * (0.5/1.1 + 0.5/1.21) = 10.41322314. */
    kehu_clv_options_init(&o);
    o.horizon = 2;
    o.unit_days = 365.25;
    o.discount = 0.10;
    o.margin = 0.3;
    CHECK_EQ_I64(kehu_clv_customer(&m, &o, 1, 2, 3, 40, &v), KEHU_OK);
    CHECK_NEAR(v.clv, 0.3 * 40 * (0.5 / 1.1 + 0.5 / 1.21), 1e-14);
    CHECK_NEAR(v.clv, 10.413223140495868, 1e-12);
    CHECK_NEAR(v.expected_purchases, 1.0, 1e-15);
    CHECK_NEAR(v.expected_spend, 40.0, 1e-15);
    CHECK_NEAR(v.p_alive, 0.75, 0);
    /* No discount: margin * spend * E[X(H)]. */
    o.discount = 0;
    CHECK_EQ_I64(kehu_clv_customer(&m, &o, 1, 2, 3, 40, &v), KEHU_OK);
    CHECK_NEAR(v.clv, 12.0, 1e-15);

    /* Bad options and histories. */
    o.horizon = 0;
    CHECK_EQ_I64(kehu_clv_customer(&m, &o, 1, 2, 3, 40, &v), KEHU_ERANGE);
    o.horizon = 2;
    o.discount = -0.1;
    CHECK_EQ_I64(kehu_clv_check(&o), KEHU_ERANGE);
    o.discount = 0.1;
    o.margin = NAN;
    CHECK_EQ_I64(kehu_clv_check(&o), KEHU_ERANGE);
    o.margin = 1;
    o.unit_days = 0;
    CHECK_EQ_I64(kehu_clv_check(&o), KEHU_ERANGE);
    o.unit_days = 7;
    CHECK_EQ_I64(kehu_clv_customer(&m, &o, 1, 4, 3, 40, &v), KEHU_ERANGE);
}

static void test_bgnbd_clv(void)
{
    static const double p[4] = {0.2426, 4.4136, 0.7929, 2.4259};
    kehu_purchase_model m = {"bgnbd", p, kehu_bgnbd_p_alive,
                             kehu_bgnbd_conditional, kehu_bgnbd_pmf};
    kehu_clv_options o;
    kehu_clv_value v, v0;
    double e1 = 0.03744350836552531, e2 = 0.07447011474102376;
    double du = 0.0018282846336430403;

    /* A customer with history (0, 0, 0) is a new one: expected_purchases
       over H is the unconditional E[X(H)], FHL (2005): 0.0532, 0.1506,
       1.0437, 1.8576 for 1, 3, 32, 78 weeks (the last is 1.85796 at the
       unrounded fit, so 3e-4). */
    {
        static const long hs[4] = {1, 3, 32, 78};
        static const double want[4] = {0.0532, 0.1506, 1.0437, 1.8576};
        int i;
        kehu_clv_options_init(&o);
        o.discount = 0;
        for (i = 0; i < 4; i++) {
            o.horizon = hs[i];
            CHECK_EQ_I64(kehu_clv_customer(&m, &o, 0, 0, 0, 1, &v), KEHU_OK);
            CHECK_NEAR(v.expected_purchases, want[i], i == 3 ? 3e-4 : 1e-4);
        }
    }
    kehu_clv_options_init(&o);
    o.horizon = 39;
    o.discount = 0;
    o.margin = 1;
    /* FHL (2005): E[X(39) | x=2, t_x=30.43, T=38.86] = 1.226. */
    CHECK_EQ_I64(kehu_clv_customer(&m, &o, 2, 30.43, 38.86, 1, &v0), KEHU_OK);
    CHECK_NEAR(v0.expected_purchases, 1.226, 1e-3);
    CHECK_NEAR(v0.clv, v0.expected_purchases, 1e-15);
    /* Discounting only lowers value, and the undiscounted sum is the
       zero-rate limit. */
    o.discount = 0.10;
    CHECK_EQ_I64(kehu_clv_customer(&m, &o, 2, 30.43, 38.86, 1, &v), KEHU_OK);
    CHECK(v.clv < v0.clv);
    CHECK(v.clv > v0.clv / 1.10);
    o.discount = 1e-9;
    CHECK_EQ_I64(kehu_clv_customer(&m, &o, 2, 30.43, 38.86, 1, &v), KEHU_OK);
    CHECK_NEAR(v.clv, v0.clv, 1e-8);
    /* Two weekly periods at 10% a year, margin 0.3, spend 24.66, against
       E_1, E_2 from an independent series evaluation of eq. (10). */
    o.horizon = 2;
    o.discount = 0.10;
    o.margin = 0.3;
    CHECK_EQ_I64(kehu_clv_customer(&m, &o, 2, 30.43, 38.86, 24.66, &v),
                 KEHU_OK);
    CHECK_NEAR(v.expected_purchases, e2, 1e-9);
    CHECK_NEAR(v.clv,
               0.3 * 24.66 * (e1 / (1 + du) + (e2 - e1) / pow(1 + du, 2)),
               1e-9);
    CHECK_NEAR(v.clv, 0.5494255076831911, 1e-9);
}

static void test_pmf(void)
{
    static const double p[4] = {0.2426, 4.4136, 0.7929, 2.4259};
    static const double q[4] = {0.525, 6.183, 0.891, 1.614};
    static const double want_bg[4] = {0.5742999197005054, 0.19919386048701554,
                                      0.08532423127557026,
                                      0.008681999995139866};
    static const double want_mbg[4] = {0.5824731894932886, 0.1827830772875406,
                                       0.08689482567349065,
                                       0.009240696566742816};
    static const double xs[4] = {0, 1, 2, 7};
    double v, sum = 0, mean = 0, e;
    int i;

    for (i = 0; i < 4; i++) {
        CHECK_EQ_I64(kehu_bgnbd_pmf(p, xs[i], 39, &v), KEHU_OK);
        CHECK_NEAR(v, want_bg[i], 1e-10);
        CHECK_EQ_I64(kehu_mbgnbd_pmf(q, xs[i], 39, &v), KEHU_OK);
        CHECK_NEAR(v, want_mbg[i], 1e-10);
    }
    /* Each pmf sums to 1 and has the mean E[X(t)] of its model. */
    for (i = 0; i < 400; i++) {
        CHECK_EQ_I64(kehu_bgnbd_pmf(p, i, 38.86, &v), KEHU_OK);
        sum += v;
        mean += i * v;
    }
    CHECK_NEAR(sum, 1.0, 1e-9);
    CHECK_EQ_I64(kehu_bgnbd_expected(p, 38.86, &e), KEHU_OK);
    CHECK_NEAR(mean, e, 1e-6);
    sum = mean = 0;
    for (i = 0; i < 400; i++) {
        CHECK_EQ_I64(kehu_mbgnbd_pmf(q, i, 20, &v), KEHU_OK);
        sum += v;
        mean += i * v;
    }
    CHECK_NEAR(sum, 1.0, 1e-9);
    CHECK_EQ_I64(kehu_mbgnbd_expected(q, 20, &e), KEHU_OK);
    CHECK_NEAR(mean, e, 1e-6);
    CHECK_EQ_I64(kehu_bgnbd_pmf(p, 0, 0, &v), KEHU_OK);
    CHECK_NEAR(v, 1.0, 0);
    CHECK_EQ_I64(kehu_bgnbd_pmf(p, 1.5, 3, &v), KEHU_ERANGE);
    CHECK_EQ_I64(kehu_bgnbd_pmf(p, -1, 3, &v), KEHU_ERANGE);
    CHECK_EQ_I64(kehu_mbgnbd_pmf(q, 1, -3, &v), KEHU_ERANGE);
}

/* Pareto/NBD P(X(t) = x) against an independent evaluation of the FH
   (2006) expression (python: lgamma and 2F1 series), both branches
   (alpha < beta at the CDNOW fit, alpha > beta swapped), sum and mean. */
static void test_pnbd_pmf(void)
{
    static const double p[4] = {0.5533, 10.5777, 0.6062, 11.6687};
    static const double q[4] = {0.55, 11.67, 0.61, 10.58};
    static const double xs[4] = {0, 1, 2, 7};
    static const double want[4] = {0.5935127766872056, 0.16558909166621893,
                                   0.08250801059414259, 0.010712872696604182};
    double v, sum = 0, mean = 0, e;
    int i;

    for (i = 0; i < 4; i++) {
        CHECK_EQ_I64(kehu_pnbd_pmf(p, xs[i], 39, &v), KEHU_OK);
        CHECK_NEAR(v, want[i], 1e-9);
    }
    CHECK_EQ_I64(kehu_pnbd_pmf(q, 2, 39, &v), KEHU_OK);
    CHECK_NEAR(v, 0.07828708522705272, 1e-9);
    /* s < 1: a heavy tail, so the first 400 terms hold all but ~1e-5. */
    for (i = 0; i < 400; i++) {
        CHECK_EQ_I64(kehu_pnbd_pmf(q, i, 38.86, &v), KEHU_OK);
        sum += v;
        mean += i * v;
    }
    CHECK_NEAR(sum, 1.0, 1e-6);
    CHECK_EQ_I64(kehu_pnbd_expected(q, 38.86, &e), KEHU_OK);
    CHECK_NEAR(mean, e, 1e-3);
    CHECK_EQ_I64(kehu_pnbd_pmf(p, 0, 0, &v), KEHU_OK);
    CHECK_NEAR(v, 1.0, 0);
    CHECK_EQ_I64(kehu_pnbd_pmf(p, 0.5, 3, &v), KEHU_ERANGE);
}

/* Gamma-Gamma E[M | x, zbar] at the published fit for the first CDNOW
   customers (FHL 2005 JMR; Hardie's note 025): 24.66, 18.92, 35.22. */
static void test_gg_spend(void)
{
    /* cppcheck-suppress unassignedVariable ; csvnum_read fills it */
    static double id[8], x[8], zbar[8];
    const char *names[3] = {"ID", "x", "zbar"};
    double *cols[3] = {id, x, zbar};
    static const double p[3] = {6.25, 3.74, 15.44};
    static const double want[3] = {24.66, 18.92, 35.22};
    size_t n =
        csvnum_read("tests/data/cdnow_customers_summary_with_transactions.csv",
                    names, 3, cols, 3);
    size_t i;

    CHECK_EQ_I64(n, 3);
    for (i = 0; i < n && i < 3; i++) {
        double v;
        CHECK_EQ_I64(kehu_gg_expected_spend(p, x[i], zbar[i], &v), KEHU_OK);
        CHECK(fabs(v - want[i]) < 0.005);
    }
}

static void test_history(void)
{
    kehu_summary_row r;
    double x, tx, T;

    memset(&r, 0, sizeof r);
    r.first_purchase = 100;
    r.last_purchase = 114;
    r.purchase_days = 3;
    CHECK_EQ_I64(kehu_clv_history(&r, 128, 7, &x, &tx, &T), KEHU_OK);
    CHECK_NEAR(x, 2, 0);
    CHECK_NEAR(tx, 2, 0);
    CHECK_NEAR(T, 4, 0);
    CHECK_EQ_I64(kehu_clv_history(&r, 113, 7, &x, &tx, &T), KEHU_ERANGE);
    r.purchase_days = 0;
    CHECK_EQ_I64(kehu_clv_history(&r, 128, 7, &x, &tx, &T), KEHU_EINVAL);
}

/* kehu_clv_customers gives each customer exactly what kehu_clv_customer
 * gives him: 70,000 customers (two threads) over 300 distinct histories,
 * each customer with his own spend. */
/* The same numbers (computed the same way, so equal, not near). */
static int same_value(const kehu_clv_value *a, const kehu_clv_value *b)
{
    return a->p_alive == b->p_alive &&
           a->expected_purchases == b->expected_purchases &&
           a->spend == b->spend && a->expected_spend == b->expected_spend &&
           a->clv == b->clv;
}

static void test_many(void)
{
    enum { N = 70000 };
    static const double p[4] = {0.2426, 4.4136, 0.7929, 2.4259};
    kehu_purchase_model m = {"bgnbd", p, kehu_bgnbd_p_alive,
                             kehu_bgnbd_conditional, kehu_bgnbd_pmf};
    static double x[N], t_x[N], T[N], spend[N];
    static kehu_clv_value got[N], one[N];
    kehu_clv_options o;
    size_t i, same = 0, differ = 0;

    kehu_clv_options_init(&o);
    for (i = 0; i < N; i++) {
        size_t h = (i * 7919) % 300;
        x[i] = (double)(h % 6);
        t_x[i] = (double)(h % 6) * 3.5;
        T[i] = t_x[i] + (double)(h - h % 6) / 6.0 * 0.75;
        spend[i] = 10.0 + (double)(i % 97);
    }
    CHECK(kehu_clv_customers(&m, &o, N, x, t_x, T, spend, got) == KEHU_OK);
    for (i = 0; i < N; i += 7) {
        kehu_clv_value want;
        same += kehu_clv_customer(&m, &o, x[i], t_x[i], T[i], spend[i],
                                  &want) == KEHU_OK &&
                same_value(&want, &got[i]);
    }
    CHECK_EQ_I64(same, (N + 6) / 7);
    /* On one thread: the same values. */
    kehu_set_threads(1);
    CHECK(kehu_threads() == 1);
    CHECK(kehu_clv_customers(&m, &o, N, x, t_x, T, spend, one) == KEHU_OK);
    kehu_set_threads(2);
    for (i = 0; i < N; i++) {
        differ += !same_value(&one[i], &got[i]);
    }
    CHECK_EQ_I64(differ, 0);
    /* An invalid history is an error, as for one customer. */
    T[5] = -1;
    CHECK(kehu_clv_customers(&m, &o, N, x, t_x, T, spend, got) == KEHU_ERANGE);
}

void test_clv(void)
{
    test_many();
    test_hand();
    test_bgnbd_clv();
    test_pmf();
    test_pnbd_pmf();
    test_gg_spend();
    test_history();
}
