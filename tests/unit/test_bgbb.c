/* SPDX-License-Identifier: MIT */
/*
 * BG/BB: likelihood at a hand-computed point (eq. 5 with python's lgamma),
 * the analytic gradient against central differences, the published
 * donations fit and P(alive) (Fader, Hardie & Shang 2010), expectations
 * against direct sums, edge cases.
 */
#include "check.h"
#include "csvnum.h"
#include "kehu/bgbb.h"

#include <gsl/gsl_errno.h>

void test_bgbb(void);

#define DON_N 22

static kehu_hist *load_donations(void)
{
    static double x[DON_N], tx[DON_N], n[DON_N], w[DON_N];
    const char *names[4] = {"frequency", "recency", "periods", "weights"};
    double *cols[4] = {x, tx, n, w};
    kehu_hist *h = NULL;
    size_t k = csvnum_read("tests/data/donations.csv", names, 4, cols, DON_N);

    CHECK_EQ_I64(k, DON_N);
    if (k != DON_N || kehu_hist_new(x, tx, n, w, k, &h) != KEHU_OK) {
        return NULL;
    }
    return h;
}

static void check_gradient(const double *p, const kehu_hist *h)
{
    double ll, g[4], q[4];
    int i, k;

    CHECK_EQ_I64(kehu_bgbb_ll(p, h, &ll, g), KEHU_OK);
    for (i = 0; i < 4; i++) {
        double lp, lm, eps = 1e-5, num;
        for (k = 0; k < 4; k++) {
            q[k] = p[k];
        }
        q[i] = p[i] * exp(eps);
        (void)kehu_bgbb_ll(q, h, &lp, NULL);
        q[i] = p[i] * exp(-eps);
        (void)kehu_bgbb_ll(q, h, &lm, NULL);
        num = (lp - lm) / (2 * eps);
        CHECK_NEAR(g[i], num, 1e-6 * fmax(1.0, fabs(num)));
    }
}

static void check_small(void)
{
    const double x[3] = {3, 0, 4}, tx[3] = {5, 0, 4}, n[3] = {7, 7, 4};
    const double w[3] = {2, 3, 1};
    const double q[4] = {0.487, 1.3, 2.24, 0.77};
    kehu_hist *h = NULL;
    double ll;

    CHECK_EQ_I64(kehu_hist_new(x, tx, n, w, 3, &h), KEHU_OK);
    if (h == NULL) {
        return;
    }
    CHECK_EQ_I64(kehu_bgbb_ll(q, h, &ll, NULL), KEHU_OK);
    CHECK_NEAR(ll, -23.93712185121761, 1e-12);
    check_gradient(q, h);
    kehu_hist_free(h);
}

static void check_donations(void)
{
    const double p[4] = {1.2035, 0.7497, 0.6567, 2.7834};
    const double hi[4] = {0.385, 3.77, 1.6181, 2.219};
    kehu_hist *h = load_donations();
    kehu_fit_result res;
    double ll, v;

    if (h == NULL) {
        return;
    }
    CHECK_NEAR(h->total, 11104, 0);
    CHECK_EQ_I64(kehu_bgbb_ll(p, h, &ll, NULL), KEHU_OK);
    CHECK_NEAR(ll, -33225.581275028555, 1e-11);
    check_gradient(hi, h);
    check_gradient(p, h);
    CHECK_EQ_I64(kehu_bgbb_fit(h, NULL, &res), KEHU_OK);
    CHECK(res.converged);
    CHECK_NEAR(res.params[0], 1.2035, 1e-4);
    CHECK_NEAR(res.params[1], 0.7497, 1e-4);
    CHECK_NEAR(res.params[2], 0.6567, 1e-4);
    CHECK_NEAR(res.params[3], 2.7834, 1e-4);
    CHECK_NEAR(res.ll, -33225.58, 0.005 / 33225.58);
    CHECK(res.se_ok);

    /* P(alive in 2002), FHS 2010 */
    CHECK_NEAR(kehu_bgbb_p_alive(p, 0, 0, 6), 0.108, 5e-4);
    CHECK_NEAR(kehu_bgbb_p_alive(p, 2, 4, 6), 0.590, 5e-4);
    CHECK_NEAR(kehu_bgbb_p_alive(p, 6, 6, 6), 0.930, 5e-4);
    CHECK(isnan(kehu_bgbb_p_alive(p, 3, 2, 6)));
    CHECK(isnan(kehu_bgbb_p_alive(p, 1.5, 2, 6)));

    /* Expectations against the direct sums (python, lgamma). */
    CHECK_EQ_I64(kehu_bgbb_conditional(p, 2, 4, 6, 5, &v), KEHU_OK);
    CHECK_NEAR(v, 1.0576152500565392, 1e-12);
    CHECK_EQ_I64(kehu_bgbb_conditional(p, 6, 6, 6, 10, &v), KEHU_OK);
    CHECK_NEAR(v, 6.706435330448225, 1e-12);
    CHECK_EQ_I64(kehu_bgbb_expected(p, 6, &v), KEHU_OK);
    CHECK_NEAR(v, 2.2201881364619025, 1e-12);
    /* gamma = 1 takes the summed path; it must agree with its
       neighbours. */
    {
        const double g1[4] = {1.2, 0.75, 1.0, 2.8};
        const double g2[4] = {1.2, 0.75, 1.0 + 2e-6, 2.8};
        double u;
        CHECK_EQ_I64(kehu_bgbb_conditional(g1, 2, 4, 6, 5, &v), KEHU_OK);
        CHECK_EQ_I64(kehu_bgbb_conditional(g2, 2, 4, 6, 5, &u), KEHU_OK);
        CHECK_NEAR(v, u, 1e-5);
    }
    CHECK_EQ_I64(kehu_bgbb_conditional(p, 2, 4, 6, 0, &v), KEHU_OK);
    CHECK(v == 0);
    CHECK_EQ_I64(kehu_bgbb_conditional(p, 2, 7, 6, 1, &v), KEHU_ERANGE);
    CHECK_EQ_I64(kehu_bgbb_expected(p, -1, &v), KEHU_ERANGE);
    kehu_hist_free(h);
}

static void check_edges(void)
{
    const double x0[2] = {0, 0}, t0[2] = {0, 0}, n0[2] = {6, 6};
    const double xs[1] = {2}, ts[1] = {4}, ns[1] = {6};
    const double xb[2] = {2, 1}, tb[2] = {1, 3}, nb[2] = {6, 6};
    const double p[4] = {1, 1, 1, 1};
    kehu_hist *h = NULL;
    kehu_fit_result res;
    double ll;

    CHECK_EQ_I64(kehu_hist_new(x0, t0, n0, NULL, 2, &h), KEHU_OK);
    CHECK_EQ_I64(kehu_bgbb_fit(h, NULL, &res), KEHU_EIDENT);
    kehu_hist_free(h);
    CHECK_EQ_I64(kehu_hist_new(xs, ts, ns, NULL, 1, &h), KEHU_OK);
    CHECK_EQ_I64(kehu_bgbb_fit(h, NULL, &res), KEHU_EIDENT);
    kehu_hist_free(h);
    CHECK_EQ_I64(kehu_hist_new(xb, tb, nb, NULL, 2, &h), KEHU_OK);
    CHECK_EQ_I64(kehu_bgbb_fit(h, NULL, &res), KEHU_ERANGE);
    CHECK_EQ_I64(kehu_bgbb_ll(p, h, &ll, NULL), KEHU_ERANGE);
    kehu_hist_free(h);
}

void test_bgbb(void)
{
    gsl_set_error_handler_off();
    check_small();
    check_donations();
    check_edges();
}
