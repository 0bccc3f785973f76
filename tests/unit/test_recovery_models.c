/* SPDX-License-Identifier: MIT */
/*
 * Parameter recovery: customers simulated from each model's own process
 * with known parameters (fixed seeds, kehu's rng), fitted, and every
 * estimate checked to lie within three standard errors (from the fit's
 * observed information) of the truth. BG/NBD, MBG/NBD and Pareto/NBD in
 * weeks with CDNOW-like ages T (27 to 39 weeks, whole days); BG/BB on 6
 * opportunities; Gamma-Gamma on mean spends. A wrong likelihood, gradient
 * or standard error shows up as a miss.
 */
#include "check.h"
#include "kehu/bgbb.h"
#include "kehu/bgnbd.h"
#include "kehu/gg.h"
#include "kehu/mbgnbd.h"
#include "kehu/pnbd.h"
#include "kehu/rng.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

void test_recovery_models(void);

#define N_COUNT 20000 /* customers for the count models */
#define N_GG    5000

enum { PROC_BGNBD, PROC_MBGNBD, PROC_PNBD };

/* Histories of N_COUNT customers of process `proc` with parameters p
 * (r, alpha, a, b or r, alpha, s, beta; rates per week). */
static void simulate_rfm(int proc, const double *p, uint64_t seed, double *x,
                         double *tx, double *T)
{
    size_t i;

    for (i = 0; i < N_COUNT; i++) {
        kehu_rng g;
        double lambda, drop, t = 0, life = INFINITY;
        kehu_rng_seed_stream(&g, seed, i);
        /* joined on one of the first 84 days, observed to day 273 */
        T[i] = (double)(273 - (int)(84 * i / N_COUNT)) / 7.0;
        lambda = kehu_rng_gamma(&g, p[0], 1.0 / p[1]);
        x[i] = 0;
        tx[i] = 0;
        if (proc == PROC_PNBD) {
            /* lifetime ~ Exponential(mu), mu ~ Gamma(s, beta) */
            double mu = kehu_rng_gamma(&g, p[2], 1.0 / p[3]);
            life = kehu_rng_exponential(&g, mu);
            drop = 0;
        } else {
            drop = kehu_rng_beta(&g, p[2], p[3]);
            /* MBG/NBD: may drop out right after the first purchase */
            if (proc == PROC_MBGNBD && kehu_rng_uniform(&g) < drop) {
                continue;
            }
        }
        for (;;) {
            t += kehu_rng_exponential(&g, lambda);
            if (t > T[i] || t > life) {
                break;
            }
            x[i] += 1;
            tx[i] = t;
            if (proc != PROC_PNBD && kehu_rng_uniform(&g) < drop) {
                break;
            }
        }
    }
}

/* Each estimate within 3 standard errors of the truth. */
static void check_recovered(const char *model, const kehu_fit_result *r,
                            const double *truth, kehu_status rc)
{
    size_t i;

    CHECK_EQ_I64(rc, KEHU_OK);
    CHECK(r->converged);
    CHECK(r->se_ok);
    if (rc != KEHU_OK) {
        return;
    }
    for (i = 0; i < r->n_params; i++) {
        double z = (r->params[i] - truth[i]) / r->se[i];
        CHECK_REPORT(fabs(z) <= 3.0 && r->se[i] > 0,
                     "%s parameter %zu: %g, truth %g, se %g (z = %.2f)", model,
                     i, r->params[i], truth[i], r->se[i], z);
    }
}

static double *columns(size_t n, size_t k)
{
    return calloc(n * k, sizeof(double));
}

typedef kehu_status (*fit_fn)(const kehu_hist *, const kehu_fit_options *,
                              kehu_fit_result *);

/* Fit the n histories in the columns v (x, then t_x, then T) with fit and
 * check the estimates against truth. */
static void fit_and_check(const char *model, const double *v, size_t n,
                          const double *truth, fit_fn fit)
{
    kehu_fit_result r;
    kehu_hist *h = NULL;

    memset(&r, 0, sizeof r);
    CHECK_EQ_I64(kehu_hist_new(v, v + n, v + 2 * n, NULL, n, &h), KEHU_OK);
    if (h != NULL) {
        kehu_status rc = fit(h, NULL, &r); /* fills r before it is read */
        check_recovered(model, &r, truth, rc);
    }
    kehu_hist_free(h);
}

/* Simulate process `proc` at `truth` with `seed`, fit with `fit`, check. */
static void recover_one(const char *model, int proc, const double *truth,
                        uint64_t seed, fit_fn fit, double *v)
{
    simulate_rfm(proc, truth, seed, v, v + N_COUNT, v + (size_t)2 * N_COUNT);
    fit_and_check(model, v, N_COUNT, truth, fit);
}

static void recover_rfm(void)
{
    static const double bg[4] = {0.243, 4.414, 0.793, 2.426};
    static const double mbg[4] = {0.525, 6.183, 0.891, 1.614};
    static const double pn[4] = {0.553, 10.578, 0.606, 11.664};
    double *v = columns(N_COUNT, 3);

    if (v == NULL) {
        CHECK(0);
        return;
    }
    recover_one("bgnbd", PROC_BGNBD, bg, 11, kehu_bgnbd_fit, v);
    recover_one("mbgnbd", PROC_MBGNBD, mbg, 12, kehu_mbgnbd_fit, v);
    recover_one("pnbd", PROC_PNBD, pn, 13, kehu_pnbd_fit, v);
    free(v);
}

/* BG/BB (Fader, Hardie & Shang 2010): at each of n opportunities an
 * alive customer first dies with probability theta ~ Beta(gamma, delta),
 * else buys with probability p ~ Beta(alpha, beta). */
static void recover_bgbb(void)
{
    static const double truth[4] = {1.2035, 0.7497, 0.6567, 2.7834};
    const int n = 6;
    double *v = columns(N_COUNT, 3);
    size_t i;

    if (v == NULL) {
        CHECK(0);
        return;
    }
    for (i = 0; i < N_COUNT; i++) {
        kehu_rng g;
        double p, theta;
        int t;
        kehu_rng_seed_stream(&g, 14, i);
        p = kehu_rng_beta(&g, truth[0], truth[1]);
        theta = kehu_rng_beta(&g, truth[2], truth[3]);
        v[i] = v[N_COUNT + i] = 0;
        v[(size_t)2 * N_COUNT + i] = n;
        for (t = 1; t <= n; t++) {
            if (kehu_rng_uniform(&g) < theta) {
                break;
            }
            if (kehu_rng_uniform(&g) < p) {
                v[i] += 1;
                v[N_COUNT + i] = t;
            }
        }
    }
    fit_and_check("bgbb", v, N_COUNT, truth, kehu_bgbb_fit);
    free(v);
}

/* Gamma-Gamma (Fader, Hardie & Lee 2005b): nu ~ Gamma(q, rate gamma), each
 * of x >= 1 transactions ~ Gamma(p, rate nu); the fit sees (x, mean). */
static void recover_gg(void)
{
    static const double truth[3] = {6.25, 3.74, 15.44};
    double *v = columns(N_GG, 3);
    size_t i;

    if (v == NULL) {
        CHECK(0);
        return;
    }
    for (i = 0; i < N_GG; i++) {
        kehu_rng g;
        double nu, sum = 0;
        int k, x;
        kehu_rng_seed_stream(&g, 15, i);
        nu = kehu_rng_gamma(&g, truth[1], 1.0 / truth[2]);
        x = 1 + (int)kehu_rng_below(&g, 8);
        for (k = 0; k < x; k++) {
            sum += kehu_rng_gamma(&g, truth[0], 1.0 / nu);
        }
        v[i] = x;
        v[N_GG + i] = sum / x;
        v[(size_t)2 * N_GG + i] = 0;
    }
    fit_and_check("gg", v, N_GG, truth, kehu_gg_fit);
    free(v);
}

void test_recovery_models(void)
{
    gsl_set_error_handler_off();
    recover_rfm();
    recover_bgbb();
    recover_gg();
}
