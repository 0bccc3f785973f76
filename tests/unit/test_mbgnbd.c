/* SPDX-License-Identifier: MIT */
/*
 * Modified BG/NBD: likelihood at a hand-computed point, gradient against
 * central differences, the published CDNOW fit, prediction identities.
 */
#include "check.h"
#include "csvnum.h"
#include "kehu/mbgnbd.h"

#include <gsl/gsl_errno.h>

void test_mbgnbd(void);

#define CDNOW_N 2357

static void check_gradient(const double *p, const kehu_hist *h)
{
    double ll, g[4], q[4];
    int i, k;

    CHECK_EQ_I64(kehu_mbgnbd_ll(p, h, &ll, g), KEHU_OK);
    for (i = 0; i < 4; i++) {
        double lp, lm, eps = 1e-5, num;
        for (k = 0; k < 4; k++) {
            q[k] = p[k];
        }
        q[i] = p[i] * exp(eps);
        (void)kehu_mbgnbd_ll(q, h, &lp, NULL);
        q[i] = p[i] * exp(-eps);
        (void)kehu_mbgnbd_ll(q, h, &lm, NULL);
        num = (lp - lm) / (2 * eps);
        CHECK_NEAR(g[i], num, 1e-6 * fmax(1.0, fabs(num)));
    }
}

void test_mbgnbd(void)
{
    static double x[CDNOW_N], tx[CDNOW_N], T[CDNOW_N];
    const char *names[3] = {"frequency", "recency", "T"};
    double *cols[3] = {x, tx, T};
    const double hx[2] = {3, 0}, htx[2] = {4.5, 0}, hT[2] = {10, 7.25};
    const double hw[2] = {2, 3};
    const double hp[4] = {0.5, 2.0, 0.7, 1.9};
    const double hi[4] = {0.385, 3.77, 0.6181, 2.219};
    kehu_hist *h = NULL;
    kehu_fit_result res;
    double ll, v, u;
    size_t n;

    gsl_set_error_handler_off();
    CHECK_EQ_I64(kehu_hist_new(hx, htx, hT, hw, 2, &h), KEHU_OK);
    if (h == NULL) {
        return;
    }
    /* Hand-computed with Gamma functions directly (python math). */
    CHECK_EQ_I64(kehu_mbgnbd_ll(hp, h, &ll, NULL), KEHU_OK);
    CHECK_NEAR(ll, -16.99239243184685, 1e-12);
    check_gradient(hi, h);
    kehu_hist_free(h);
    h = NULL;

    n = csvnum_read("tests/data/cdnow_customers_summary.csv", names, 3, cols,
                    CDNOW_N);
    CHECK_EQ_I64(n, CDNOW_N);
    if (kehu_hist_new(x, tx, T, NULL, n, &h) != KEHU_OK) {
        return;
    }
    check_gradient(hi, h);
    CHECK_EQ_I64(kehu_mbgnbd_fit(h, NULL, &res), KEHU_OK);
    CHECK_NEAR(res.params[0], 0.5248, 1e-4);
    CHECK_NEAR(res.params[1], 6.1830, 1e-4);
    CHECK_NEAR(res.params[2], 0.8914, 1e-4);
    CHECK_NEAR(res.params[3], 1.6140, 1e-4);
    CHECK_NEAR(res.ll, -9582.13, 0.005 / 9582.13);
    CHECK(res.se_ok);
    kehu_hist_free(h);

    {
        const double p[4] = {0.5248, 6.1830, 0.8914, 1.6140};
        /* A brand-new customer: conditional = unconditional. */
        CHECK_EQ_I64(kehu_mbgnbd_expected(p, 20, &u), KEHU_OK);
        CHECK_EQ_I64(kehu_mbgnbd_conditional(p, 0, 0, 0, 20, &v), KEHU_OK);
        CHECK_NEAR(v, u, 1e-10);
        CHECK(u > 0 && u < 20);
        /* Unlike BG/NBD, a one-time buyer may be gone. */
        v = kehu_mbgnbd_p_alive(p, 0, 0, 38.86);
        CHECK(v < 1.0 && v > 0.0);
        /* P(alive | x=0, T) = 1/(1 + a/b ((alpha+T)/alpha)^r) */
        CHECK_NEAR(v,
                   1.0 / (1.0 + p[2] / p[3] * pow((p[1] + 38.86) / p[1], p[0])),
                   1e-12);
        CHECK(kehu_mbgnbd_p_alive(p, 1000, 10, 100) == 0.0);
    }
}
