/* SPDX-License-Identifier: MIT */
/*
 * The NBD model without dropout, and dropout models answering with it when
 * their likelihood rises to that limit. Histories simulated without
 * dropout (every customer alive, Gamma-Poisson rates; kehu's rng, fixed
 * seed): the NBD recovers its parameters within three standard errors, its
 * gradient matches central differences, and BG/NBD, MBG/NBD and Pareto/NBD
 * either find an interior optimum at least as good as the NBD's or answer
 * with the NBD as their limit. Histories whose last purchase is at the
 * end of the window leave no room for dropout at all: there every dropout
 * model's fit ends on the limit.
 */
#include "check.h"
#include "kehu/model.h"
#include "kehu/nbd.h"
#include "kehu/rng.h"

#include <math.h>
#include <stdlib.h>

void test_nbd(void);

#define N 20000

static kehu_hist *simulate(const double *p, uint64_t seed)
{
    static double x[N], tx[N], T[N];
    kehu_hist *h = NULL;
    size_t i;

    for (i = 0; i < N; i++) {
        kehu_rng g;
        double lambda, t = 0;
        kehu_rng_seed_stream(&g, seed, i);
        T[i] = (double)(273 - (int)(84 * i / N)) / 7.0;
        lambda = kehu_rng_gamma(&g, p[0], 1.0 / p[1]);
        x[i] = 0;
        tx[i] = 0;
        for (;;) {
            t += kehu_rng_exponential(&g, lambda);
            if (t > T[i]) {
                break;
            }
            x[i] += 1;
            tx[i] = t;
        }
    }
    CHECK_EQ_I64(kehu_hist_new(x, tx, T, NULL, N, &h), KEHU_OK);
    return h;
}

static void check_gradient(const kehu_hist *h)
{
    const double p[2] = {0.7385, 5.2417};
    double g[2], ll, lp, lm, q[2];
    int k;

    CHECK_EQ_I64(kehu_nbd_ll(p, h, &ll, g), KEHU_OK);
    for (k = 0; k < 2; k++) {
        const double e = 1e-5;
        q[0] = p[0];
        q[1] = p[1];
        q[k] = p[k] * exp(e);
        CHECK_EQ_I64(kehu_nbd_ll(q, h, &lp, NULL), KEHU_OK);
        q[k] = p[k] * exp(-e);
        CHECK_EQ_I64(kehu_nbd_ll(q, h, &lm, NULL), KEHU_OK);
        CHECK_NEAR(g[k], (lp - lm) / (2 * e), 1e-5);
    }
}

static void check_limits(const kehu_hist *h, const kehu_fit_result *nbd,
                         int must_be_limit)
{
    static const char *const names[] = {"bgnbd", "mbgnbd", "pnbd"};
    size_t k;

    for (k = 0; k < 3; k++) {
        const kehu_model_def *m = kehu_model_find(names[k]), *used = NULL;
        kehu_fit_result r;
        kehu_status rc = kehu_model_fit_or_limit(m, h, NULL, &r, &used);
        CHECK_EQ_I64(rc, KEHU_OK);
        CHECK(r.ll >= nbd->ll - 0.01);
        if (used == kehu_model_find("nbd")) {
            CHECK(r.boundary == 1);
            CHECK_NEAR(r.params[0], nbd->params[0], 1e-4);
        } else {
            CHECK(!must_be_limit);
            CHECK(r.boundary == 0);
        }
    }
}

void test_nbd(void)
{
    const double truth[2] = {0.8, 6.0};
    static double x[6] = {0, 1, 2, 5, 3, 0}, tx[6] = {0, 10, 20, 30, 15, 0},
                  T[6] = {12, 10, 20, 30, 15, 40},
                  w[6] = {50, 20, 15, 5, 9, 30};
    kehu_hist *h = simulate(truth, 11), *edge = NULL;
    kehu_fit_result fit, efit;
    double v;
    size_t i;

    if (h == NULL) {
        return;
    }
    check_gradient(h);
    CHECK_EQ_I64(kehu_nbd_fit(h, NULL, &fit), KEHU_OK);
    CHECK(fit.converged && fit.se_ok);
    for (i = 0; i < 2; i++) {
        CHECK(fabs(fit.params[i] - truth[i]) <= 3 * fit.se[i]);
    }
    check_limits(h, &fit, 0);

    /* Every repeat buyer bought last at the end of his window: no sign
     * of dropout, so the maximum of every dropout model is the limit. */
    CHECK_EQ_I64(kehu_hist_new(x, tx, T, w, 6, &edge), KEHU_OK);
    if (edge != NULL) {
        CHECK_EQ_I64(kehu_nbd_fit(edge, NULL, &efit), KEHU_OK);
        check_limits(edge, &efit, 1);
        CHECK_EQ_I64(kehu_model_fit(kehu_model_find("bgnbd"), edge, NULL, &fit),
                     KEHU_EIDENT);
    }

    /* The limit's predictions: nobody drops out. */
    CHECK_NEAR(kehu_nbd_p_alive(truth, 3, 1, 40), 1.0, 0);
    CHECK_EQ_I64(kehu_nbd_conditional(truth, 2, 5, 10, 8, &v), KEHU_OK);
    CHECK_NEAR(v, (0.8 + 2) * 8 / (6.0 + 10), 1e-12);
    CHECK_EQ_I64(kehu_nbd_expected(truth, 8, &v), KEHU_OK);
    CHECK_NEAR(v, 0.8 * 8 / 6.0, 1e-12);
    CHECK_EQ_I64(kehu_nbd_conditional(truth, 2, 11, 10, 8, &v), KEHU_ERANGE);

    /* No repeat buyer: nothing to identify, even the limit. */
    {
        double zx[3] = {0, 0, 0}, zt[3] = {0, 0, 0}, zT[3] = {5, 6, 7};
        kehu_hist *z = NULL;
        const kehu_model_def *used;
        CHECK_EQ_I64(kehu_hist_new(zx, zt, zT, NULL, 3, &z), KEHU_OK);
        if (z != NULL) {
            CHECK_EQ_I64(kehu_model_fit_or_limit(kehu_model_find("bgnbd"), z,
                                                 NULL, &efit, &used),
                         KEHU_EIDENT);
        }
        kehu_hist_free(z);
    }
    kehu_hist_free(edge);
    kehu_hist_free(h);
}
