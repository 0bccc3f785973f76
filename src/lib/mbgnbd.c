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
 * The gradient w.r.t. log-parameters is analytic; x-only terms are
 * computed once per distinct x (rows are sorted by x).
 */
#include "kehu/mbgnbd.h"

#include "mle.h"
#include "nbd.h"
#include "special.h"

#include <math.h>

const char *const kehu_mbgnbd_param_names[4] = {"r", "alpha", "a", "b"};

typedef struct xterms {
    double a12, la4, dr, da, db, bx;
} xterms;

typedef struct pterms {
    double r, al, a, b, lnal, lgr, lgab, lgb, psr, psab, psb;
} pterms;

static void param_terms(const double *lp, pterms *q)
{
    q->r = exp(lp[0]);
    q->al = exp(lp[1]);
    q->a = exp(lp[2]);
    q->b = exp(lp[3]);
    q->lnal = lp[1];
    q->lgr = kehu__lgamma(q->r);
    q->lgab = kehu__lgamma(q->a + q->b);
    q->lgb = kehu__lgamma(q->b);
    q->psr = kehu__digamma(q->r);
    q->psab = kehu__digamma(q->a + q->b);
    q->psb = kehu__digamma(q->b);
}

static void x_terms(const pterms *q, double x, int grad, xterms *t)
{
    /* A1 = log G(r+x) - log G(r) + r log alpha,
       A2 = log B(a, b+x+1) - log B(a, b) */
    t->a12 = kehu__lgamma(q->r + x) - q->lgr + q->r * q->lnal + q->lgab +
             kehu__lgamma(q->b + x + 1.0) - q->lgb -
             kehu__lgamma(q->a + q->b + x + 1.0);
    t->bx = q->b + x;
    t->la4 = log(q->a) - log(t->bx);
    if (grad) {
        double psabx = kehu__digamma(q->a + q->b + x + 1.0);
        t->dr = kehu__digamma(q->r + x) - q->psr + q->lnal;
        t->da = q->psab - psabx;
        t->db = q->psab + kehu__digamma(q->b + x + 1.0) - q->psb - psabx;
    }
}

static double nll(const double *lp, const kehu_hist *h, void *ws, double *g)
{
    pterms q;
    xterms t = {0, 0, 0, 0, 0, 0};
    double sum = 0, gr = 0, gal = 0, ga = 0, gb = 0, cur = NAN;
    size_t i;

    (void)ws; /* no workspace */
    param_terms(lp, &q);
    for (i = 0; i < h->n; i++) {
        double x = h->x[i], w = h->w[i], rx = q.r + x;
        double lT = log(q.al + h->T[i]), ltx = log(q.al + h->t_x[i]);
        double a3 = -rx * lT, a4, e4;
        if (x != cur) {
            x_terms(&q, x, g != NULL, &t);
            cur = x;
        }
        a4 = t.la4 - rx * ltx;
        sum += w * (t.a12 + kehu__logsumexp(a3, a4));
        if (g != NULL) {
            double e3;
            e4 = 1.0 / (1.0 + exp(a3 - a4));
            e3 = 1.0 - e4;
            gr += w * (t.dr - e3 * lT - e4 * ltx);
            gal += w * (q.r / q.al -
                        rx * (e3 / (q.al + h->T[i]) + e4 / (q.al + h->t_x[i])));
            ga += w * (t.da + e4 / q.a);
            gb += w * (t.db - e4 / t.bx);
        }
    }
    if (g != NULL) {
        g[0] = -gr * q.r / h->total;
        g[1] = -gal * q.al / h->total;
        g[2] = -ga * q.a / h->total;
        g[3] = -gb * q.b / h->total;
    }
    return -sum / h->total;
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
    const double starts[3][KEHU_MAX_PARAMS] = {
        {1.0, 1.0, 1.0, 1.0},
        {0.3, mean_T / 8.0, 0.8, 2.5},
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
    double r = p[0], al = p[1], a = p[2], b = p[3], lf, v, pa;
    kehu_status rc;

    if (!(t >= 0) || !(x >= 0) || !(t_x >= 0) || !(T >= t_x)) {
        return KEHU_ERANGE;
    }
    pa = kehu_mbgnbd_p_alive(p, x, t_x, T);
    if (pa == 0.0 || t == 0.0) {
        *out = 0.0;
        return KEHU_OK;
    }
    rc = kehu__log_hyp2f1(r + x, b + x + 1.0, a + b + x, t / (al + T + t), &lf);
    if (rc != KEHU_OK) {
        return rc;
    }
    v = (a + b + x) / (a - 1.0) * -expm1(lf - (r + x) * log1p(t / (al + T))) *
        pa;
    if (!isfinite(v)) {
        return KEHU_ERANGE;
    }
    *out = v;
    return KEHU_OK;
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
