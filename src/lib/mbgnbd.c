/* SPDX-License-Identifier: MIT */
/*
 * Modified BG/NBD (Batislam, Denizel & Filiztekin 2007, "Empirical
 * validation and comparison of models for customer base analysis", IJRM
 * 24(3):201-209). It differs from BG/NBD (Fader, Hardie & Lee 2005) in
 * one assumption: a customer may also drop out right after the first
 * purchase, so the second term of the likelihood is present for x = 0:
 *   L = B(a, b+x+1)/B(a, b) G(r+x) alpha^r / (G(r) (alpha+T)^(r+x))
 *     + B(a+1, b+x)/B(a, b) G(r+x) alpha^r / (G(r) (alpha+t_x)^(r+x))
 * (their likelihood, which is FHL 2005 eq. (6) with the indicator [x > 0]
 * removed and b+x replaced by b+x+1). In log space: A1 + A2 +
 * logsumexp(A3, A4) with A4 = log a - log(b+x) - (r+x) log(alpha+t_x).
 * Expectations follow by the same derivation as FHL 2005 eqs. (7) and (10):
 *   E[X(t)] = b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))]
 *   E[Y(t)|x,t_x,T] = (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x)
 *       2F1(r+x, b+x+1; a+b+x; t/(alpha+T+t))] P(alive | x, t_x, T).
 * The likelihood and its analytic gradient are BG/NBD's code with the
 * shift (kehu__bg_family_nll, bgnbd.c); x-only terms are computed once
 * per distinct x (rows are sorted by x).
 */
#include "kehu/mbgnbd.h"

#include "mle.h"
#include "nbd.h"
#include "special.h"

#include <math.h>

const char *const kehu_mbgnbd_param_names[4] = {"r", "alpha", "a", "b"};

static double nll(const double *lp, const kehu_hist *h, void *ws, double *g)
{
    (void)ws;                                  /* no workspace */
    return kehu__bg_family_nll(lp, h, g, 1.0); /* BG/NBD's, b+x -> b+x+1 */
}

static const kehu__model model = {"mbgnbd", 4, nll, NULL, NULL, NULL};

kehu_status kehu_mbgnbd_ll(const double *p, const kehu_hist *h, double *ll,
                           double *grad)
{
    return kehu__mle_ll(&model, p, h, ll, grad);
}

kehu_status kehu_mbgnbd_fit(const kehu_hist *h, const kehu_fit_options *o,
                            kehu_fit_result *out)
{
    double mean_T;
    kehu_status rc = kehu__mle_check_rfm(h, &mean_T);
    /* Starts as BG/NBD's: data-scaled first, all-ones, a high point. */
    const double starts[3][KEHU_MAX_PARAMS] = {
        {0.3, mean_T / 8.0, 0.8, 2.5},
        {1.0, 1.0, 1.0, 1.0},
        {2.0, mean_T, 2.0, 5.0},
    };

    if (rc != KEHU_OK) {
        out->status = rc;
        out->n_params = 4;
        return rc;
    }
    return kehu__mle_fit(&model, h, starts, 3, o, out);
}

double kehu_mbgnbd_p_alive(const double *p, double x, double t_x, double T)
{
    double r = p[0], al = p[1], a = p[2], b = p[3];
    double l = log(a) - log(b + x) + (r + x) * log1p((T - t_x) / (al + t_x));

    if (l > 700.0) {
        return 0.0;
    }
    if (l < -700.0) {
        return 1.0;
    }
    return 1.0 / (1.0 + exp(l));
}

kehu_status kehu_mbgnbd_expected(const double *p, double t, double *out)
{
    double r = p[0], al = p[1], a = p[2], b = p[3], lf, v;
    kehu_status rc;

    if (!(t >= 0)) {
        return KEHU_ERANGE;
    }
    rc = kehu__log_hyp2f1(r, b + 1.0, a + b, t / (al + t), &lf);
    if (rc != KEHU_OK) {
        return rc;
    }
    v = b / (a - 1.0) * -expm1(lf - r * log1p(t / al));
    if (!isfinite(v)) {
        return KEHU_ERANGE;
    }
    *out = v;
    return KEHU_OK;
}

kehu_status kehu_mbgnbd_conditional(const double *p, double x, double t_x,
                                    double T, double t, double *out)
{
    if (!(t >= 0) || !(x >= 0) || !(t_x >= 0) || !(T >= t_x)) {
        return KEHU_ERANGE;
    }
    /* Batislam et al. 2007: the BG/NBD form with b + 1 for b. */
    return kehu__bg_family_conditional(p, 1.0, x, T, t,
                                       kehu_mbgnbd_p_alive(p, x, t_x, T), out);
}

kehu_status kehu_mbgnbd_pmf(const double *p, double x, double t, double *out)
{
    double r = p[0], al = p[1], a = p[2], b = p[3], nb, tail, v;
    kehu_status rc = kehu__nbd_point_tail(r, al, t, x, &nb, &tail);

    if (rc != KEHU_OK) {
        return rc;
    }
    v = exp(kehu__log_beta_ratio(a, b + x + 1.0, a, b)) * nb +
        exp(kehu__log_beta_ratio(a + 1.0, b + x, a, b)) * tail;
    if (!isfinite(v)) {
        return KEHU_ERANGE;
    }
    *out = v;
    return KEHU_OK;
}
