/* SPDX-License-Identifier: MIT */
/*
 * Gamma-Gamma: likelihood at a hand-computed point, gradient against
 * central differences, the published CDNOW fit and E[M | x, zbar].
 */
#include "check.h"
#include "csvnum.h"
#include "kehu/gg.h"

void test_gg(void);

#define CDNOW_N 2357

static void check_gradient(const double *p, const kehu_hist *h)
{
    double ll, g[3], q[3];
    int i, k;

    CHECK_EQ_I64(kehu_gg_ll(p, h, &ll, g), KEHU_OK);
    for (i = 0; i < 3; i++) {
        double lp, lm, eps = 1e-5, num;
        for (k = 0; k < 3; k++) {
            q[k] = p[k];
        }
        q[i] = p[i] * exp(eps);
        (void)kehu_gg_ll(q, h, &lp, NULL);
        q[i] = p[i] * exp(-eps);
        (void)kehu_gg_ll(q, h, &lm, NULL);
        num = (lp - lm) / (2 * eps);
        CHECK_NEAR(g[i], num, 1e-6 * fmax(1.0, fabs(num)));
    }
}

void test_gg(void)
{
    static double x[CDNOW_N], z[CDNOW_N], xs[CDNOW_N], zs[CDNOW_N];
    static double zero[CDNOW_N];
    const char *names[2] = {"x", "zbar"};
    double *cols[2] = {x, z};
    const double hx[2] = {2, 1}, hz[2] = {22.35, 11.77}, hw[2] = {2, 1};
    const double hp[3] = {6.1, 3.3, 14.2}, hi[3] = {3.385, 2.77, 12.181};
    kehu_hist *h = NULL;
    kehu_fit_result res;
    double ll, v;
    size_t n, i, m = 0;

    CHECK_EQ_I64(kehu_hist_new(hx, hz, zero, hw, 2, &h), KEHU_OK);
    if (h == NULL) {
        return;
    }
    CHECK_EQ_I64(kehu_gg_ll(hp, h, &ll, NULL), KEHU_OK);
    CHECK_NEAR(ll, -10.980698869196598, 1e-12); /* python math */
    check_gradient(hi, h);
    kehu_hist_free(h);
    h = NULL;

    n = csvnum_read("tests/data/cdnow_customers_summary_with_transactions.csv",
                    names, 2, cols, CDNOW_N);
    CHECK_EQ_I64(n, CDNOW_N);
    for (i = 0; i < n; i++) {
        if (x[i] > 0) {
            xs[m] = x[i];
            zs[m] = z[i];
            m++;
        }
    }
    CHECK_EQ_I64(m, 946);
    if (kehu_hist_new(xs, zs, zero, NULL, m, &h) != KEHU_OK) {
        return;
    }
    check_gradient(hi, h);
    CHECK_EQ_I64(kehu_gg_fit(h, NULL, &res), KEHU_OK);
    CHECK_NEAR(res.params[0], 6.249, 1e-3);
    CHECK_NEAR(res.params[1], 3.745, 1e-3);
    CHECK_NEAR(res.params[2], 15.448, 1e-3);
    CHECK_NEAR(res.ll, -4055.92, 0.005 / 4055.92);
    kehu_hist_free(h);
    h = NULL;

    {
        const double p[3] = {6.25, 3.74, 15.44};
        static const double want[3] = {24.66, 18.92, 35.22};
        for (i = 0; i < 3; i++) {
            /* The first three CDNOW customers; the third has no repeat
               purchase and gets the population mean. */
            CHECK_EQ_I64(kehu_gg_expected_spend(p, x[i], z[i], &v), KEHU_OK);
            CHECK_NEAR(v, want[i], 0.005 / want[i]);
        }
        CHECK_EQ_I64(kehu_gg_expected_spend(p, 0, 0, &v), KEHU_OK);
        CHECK_NEAR(v, 6.25 * 15.44 / 2.74, 1e-12);
    }
    /* Edge cases: a zero spend; one spend level. */
    {
        const double ex[3] = {1, 2, 3}, ez[3] = {10, 0, 5};
        const double sz[3] = {10, 10, 10};
        CHECK_EQ_I64(kehu_hist_new(ex, ez, zero, NULL, 3, &h), KEHU_OK);
        CHECK_EQ_I64(kehu_gg_fit(h, NULL, &res), KEHU_ERANGE);
        kehu_hist_free(h);
        CHECK_EQ_I64(kehu_hist_new(ex, sz, zero, NULL, 3, &h), KEHU_OK);
        CHECK_EQ_I64(kehu_gg_fit(h, NULL, &res), KEHU_EIDENT);
        kehu_hist_free(h);
    }
}
