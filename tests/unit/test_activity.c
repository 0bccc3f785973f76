/* SPDX-License-Identifier: MIT */
/* P(active in a future window) (kehu/activity.h) against simulated
 * customers of each model, its closed-form edge, and the per-period
 * forecast built from it. */
#include "check.h"
#include "kehu/activity.h"
#include "kehu/rng.h"

#include <stdio.h>

#include <math.h>

void test_activity(void);

#define SIM_N 100000

/* One simulated customer: history at T and whether he bought in
 * (T + s, T + s + d]. Time 0 is the first purchase. */
static void simulate(kehu_model_kind kind, const double *p, kehu_rng *g,
                     double T, double s, double d, double *x, double *t_x,
                     int *active)
{
    double lam = kehu_rng_gamma(g, p[0], 1.0 / p[1]);
    double drop = 0, death = INFINITY, t = 0;
    int alive = 1;

    if (kind == KEHU_MODEL_PNBD) {
        death = kehu_rng_exponential(g, kehu_rng_gamma(g, p[2], 1.0 / p[3]));
    } else {
        drop = kehu_rng_beta(g, p[2], p[3]);
        /* MBG/NBD: a drop-out can follow the first purchase too. */
        alive = kind != KEHU_MODEL_MBGNBD || kehu_rng_uniform(g) >= drop;
    }
    *x = 0;
    *t_x = 0;
    *active = 0;
    while (alive) {
        t += kehu_rng_exponential(g, lam);
        if (t > T + s + d || t > death) {
            break;
        }
        if (t <= T) {
            *x += 1;
            *t_x = t;
        } else if (t > T + s) {
            *active = 1;
        }
        alive = kind == KEHU_MODEL_PNBD || kehu_rng_uniform(g) >= drop;
    }
}

/* Predicted against simulated counts of active customers, over all
 * customers and over the repeat buyers alone: within 4 standard
 * deviations (the outcomes are independent Bernoulli draws with the
 * predicted probabilities when the formula is right). */
static void check_model(kehu_model_kind kind, const double *p, uint64_t seed,
                        double T, double s, double d)
{
    kehu_rng g;
    double pred[2] = {0, 0}, var[2] = {0, 0}, obs[2] = {0, 0};
    int i, k, bad = 0;

    kehu_rng_seed(&g, seed);
    for (i = 0; i < SIM_N; i++) {
        double x, t_x, pa = NAN;
        int active;

        simulate(kind, p, &g, T, s, d, &x, &t_x, &active);
        if (kehu_p_active(kind, p, x, t_x, T, s, d, &pa) != KEHU_OK ||
            !(pa >= 0 && pa <= 1)) {
            bad++;
            continue;
        }
        for (k = 0; k < 2; k++) {
            if (k == 0 || x >= 1) {
                pred[k] += pa;
                var[k] += pa * (1 - pa);
                obs[k] += active;
            }
        }
    }
    CHECK_EQ_I64(bad, 0);
    for (k = 0; k < 2; k++) {
        CHECK_REPORT(fabs(obs[k] - pred[k]) < 4 * sqrt(var[k]) + 1,
                     "model %d window (%g, %g] group %d: simulated %.0f, "
                     "predicted %.1f (sd %.1f)",
                     (int)kind, T + s, T + s + d, k, obs[k], pred[k],
                     sqrt(var[k]));
        CHECK(obs[k] > 50); /* the window sees real activity */
    }
}

static void check_simulated(void)
{
    static const double bg[4] = {0.6, 4.0, 0.8, 2.5};
    static const double pn[4] = {0.6, 4.0, 0.7, 12.0};
    /* Frequent buyers who drop out fast: the drop-out posterior matters. */
    static const double fast[4] = {2.0, 4.0, 2.0, 3.0};

    check_model(KEHU_MODEL_BGNBD, fast, 17, 13, 13, 8);
    {
        static const double f2[4] = {2.0, 4.0, 1.0, 4.0};
        static const double f3[4] = {1.0, 1.0, 1.0, 2.0};
        check_model(KEHU_MODEL_BGNBD, f2, 19, 10, 10, 4);
        check_model(KEHU_MODEL_BGNBD, f3, 20, 10, 10, 4);
        check_model(KEHU_MODEL_BGNBD, f3, 21, 20, 5, 10);
    }
    check_model(KEHU_MODEL_MBGNBD, fast, 18, 13, 13, 8);
    /* Right after the origin, and a quarter later. */
    check_model(KEHU_MODEL_BGNBD, bg, 11, 26, 0, 4.3);
    check_model(KEHU_MODEL_BGNBD, bg, 12, 26, 13, 4.3);
    check_model(KEHU_MODEL_MBGNBD, bg, 13, 26, 0, 4.3);
    check_model(KEHU_MODEL_MBGNBD, bg, 14, 52, 8.6, 4.3);
    check_model(KEHU_MODEL_PNBD, pn, 15, 26, 0, 4.3);
    check_model(KEHU_MODEL_PNBD, pn, 16, 26, 13, 13);
}

static void check_edges(void)
{
    static const double bg[4] = {0.6, 4.0, 0.8, 2.5};
    static const double pn[4] = {0.6, 4.0, 0.7, 12.0};
    double v = NAN, w = NAN;

    /* A new customer (alive for sure) right away: 1 - P(no purchase in
     * d) = 1 - (alpha / (alpha + d))^r for BG/NBD. */
    CHECK(kehu_p_active(KEHU_MODEL_BGNBD, bg, 0, 0, 0, 0, 3, &v) == KEHU_OK);
    CHECK_NEAR(v, 1 - pow(4.0 / 7.0, 0.6), 1e-12);
    /* Pareto/NBD at s = 0: E[lambda / (lambda + mu) (1 - e^-(lambda +
     * mu) d)]; with a tiny mu it is the BG/NBD-free Poisson value. */
    {
        static const double slow[4] = {0.6, 4.0, 1e-9, 1.0};
        CHECK(kehu_p_active(KEHU_MODEL_PNBD, slow, 0, 0, 0, 0, 3, &v) ==
              KEHU_OK);
        CHECK_NEAR(v, 1 - pow(4.0 / 7.0, 0.6), 1e-6);
    }
    /* Later windows of equal length are less likely (drop-out). */
    CHECK(kehu_p_active(KEHU_MODEL_BGNBD, bg, 2, 10, 20, 0, 4, &v) == KEHU_OK);
    CHECK(kehu_p_active(KEHU_MODEL_BGNBD, bg, 2, 10, 20, 20, 4, &w) == KEHU_OK);
    CHECK(w < v && w > 0);
    CHECK(kehu_p_active(KEHU_MODEL_PNBD, pn, 2, 10, 20, 20, 0, &v) == KEHU_OK);
    CHECK(v == 0);
    CHECK(kehu_p_active(KEHU_MODEL_BGNBD, bg, 2, 30, 20, 0, 4, &v) ==
          KEHU_ERANGE);
    CHECK(kehu_p_active(KEHU_MODEL_BGNBD, bg, 2, 10, 20, -1, 4, &v) ==
          KEHU_ERANGE);
    CHECK(kehu_p_active(KEHU_MODEL_BGBB, bg, 2, 10, 20, 0, 4, &v) ==
          KEHU_EINVAL);
}

/* The per-period sum: known customers' probabilities, plus the new ones
 * of the period, plus the returns of earlier new ones. */
static void check_forecast(void)
{
    static const double bg[4] = {0.6, 4.0, 0.8, 2.5};
    const double x[3] = {0, 2, 2}, t_x[3] = {0, 5, 8}, T[3] = {6, 9, 9};
    const double start[2] = {0, 4}, len[2] = {4, 5}, nw[2] = {10, 20};
    kehu_active_forecast in;
    double out[2], want[2] = {0, 0}, v, f;
    int i, k;

    for (k = 0; k < 2; k++) {
        for (i = 0; i < 3; i++) {
            CHECK(kehu_p_active(KEHU_MODEL_BGNBD, bg, x[i], t_x[i], T[i],
                                start[k], len[k], &v) == KEHU_OK);
            want[k] += v;
        }
        want[k] += nw[k];
    }
    CHECK(kehu_p_active(KEHU_MODEL_BGNBD, bg, 0, 0, 0, 4 - 2, 5, &f) ==
          KEHU_OK);
    want[1] += 10 * f;
    in.kind = KEHU_MODEL_BGNBD;
    in.params = bg;
    in.x = x;
    in.t_x = t_x;
    in.T = T;
    in.n = 3;
    in.periods = 2;
    in.start = start;
    in.len = len;
    in.new_customers = nw;
    CHECK(kehu_forecast_active(&in, out) == KEHU_OK);
    CHECK_NEAR(out[0], want[0], 1e-9);
    CHECK_NEAR(out[1], want[1], 1e-9);
    in.kind = KEHU_MODEL_GG;
    CHECK(kehu_forecast_active(&in, out) == KEHU_EINVAL);
}

void test_activity(void)
{
    check_edges();
    check_forecast();
    check_simulated();
}
