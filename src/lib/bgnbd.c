/* SPDX-License-Identifier: MIT */
/*
 * BG/NBD (Fader, Hardie & Lee 2005, "'Counting Your Customers' the Easy
 * Way", Marketing Science 24(2):275-284; equation numbers refer to that
 * paper, "A10"-"A11" to its appendix / the technical note "Computing
 * P(alive) using the BG/NBD model").
 *
 * The likelihood (eq. 6) of a history (x, t_x, T) is
 *   L = B(a, b+x)/B(a, b) G(r+x) a^r / (G(r) (alpha+T)^(r+x))
 *     + [x > 0] B(a+1, b+x-1)/B(a, b) G(r+x) alpha^r / (G(r) (alpha+t_x)^(r+x))
 * evaluated in log space: log L = A1 + A2 + logsumexp(A3, A4) with
 * A4 = log a - log(b+x-1) - (r+x) log(alpha+t_x) (the ratio of the two
 * Beta functions is a/(b+x-1)). The gradient w.r.t. the log-parameters is
 * analytic. Rows are sorted by x, so the gamma-function terms, which
 * depend on x only, are computed once per distinct x. The same code,
 * with b+x shifted to b+x+1, is MBG/NBD's likelihood (kehu__bg_family_nll
 * in nbd.h).
 *
 * Does not: fit anything but (x, t_x, T) histories; check a > 1 for the
 * expectations (the formulas hold by analytic continuation).
 */
#include "kehu/bgnbd.h"

#include "mle.h"
#include "nbd.h"
#include "special.h"

#include <math.h>

const char *const kehu_bgnbd_param_names[4] = {"r", "alpha", "a", "b"};

/* Terms that depend on x only. */
typedef struct xterms {
    double a12; /* A1 + A2 */
    double la4; /* log a - log(b+x-1+shift), when the term is present */
    double dr;  /* d(A1+A2)/dr */
    double da;  /* d(A1+A2)/da */
    double db;  /* d(A1+A2)/db */
    double bx1; /* b + x - 1 + shift */
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

static void x_terms(const pterms *q, double x, double shift, int grad,
                    xterms *t)
{
    double xs = x + shift;

    /* eq. (6): A1 = log G(r+x) - log G(r) + r log alpha,
       A2 = log B(a, b+x+shift) - log B(a, b) */
    t->a12 = kehu__lgamma(q->r + x) - q->lgr + q->r * q->lnal + q->lgab +
             kehu__lgamma(q->b + xs) - q->lgb - kehu__lgamma(q->a + q->b + xs);
    t->bx1 = q->b + xs - 1.0;
    t->la4 = xs > 0 ? log(q->a) - log(t->bx1) : -INFINITY;
    if (grad) {
        double psabx = kehu__digamma(q->a + q->b + xs);
        t->dr = kehu__digamma(q->r + x) - q->psr + q->lnal;
        t->da = q->psab - psabx;
        t->db = q->psab + kehu__digamma(q->b + xs) - q->psb - psabx;
    }
}

double kehu__bg_family_nll(const double *lp, const kehu_hist *h, double *g,
                           double shift)
{
    pterms q;
    xterms t = {0, 0, 0, 0, 0, 0};
    double sum = 0, gr = 0, gal = 0, ga = 0, gb = 0, cur = NAN;
    size_t i;

    param_terms(lp, &q);
    for (i = 0; i < h->n; i++) {
        double x = h->x[i], w = h->w[i], rx = q.r + x;
        double lT = log(q.al + h->T[i]);
        double a3 = -rx * lT, ll, e4 = 0, ltx = 0;
        int drop = x + shift > 0; /* the dropout term is present */
        if (x != cur) {
            x_terms(&q, x, shift, g != NULL, &t);
            cur = x;
        }
        if (drop) {
            double a4;
            ltx = log(q.al + h->t_x[i]);
            a4 = t.la4 - rx * ltx;
            ll = t.a12 + kehu__logsumexp(a3, a4); /* eq. (6) */
            e4 = 1.0 / (1.0 + exp(a3 - a4));
        } else {
            ll = t.a12 + a3; /* eq. (6), x = 0 */
        }
        sum += w * ll;
        if (g != NULL) {
            double e3 = 1.0 - e4;
            gr += w * (t.dr - e3 * lT - e4 * ltx);
            gal += w * (q.r / q.al -
                        rx * (e3 / (q.al + h->T[i]) + e4 / (q.al + h->t_x[i])));
            ga += w * (t.da + e4 / q.a);
            gb += w * (t.db - (drop ? e4 / t.bx1 : 0.0));
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

static double nll(const double *lp, const kehu_hist *h, void *ws, double *g)
{
    (void)ws; /* no workspace */
    return kehu__bg_family_nll(lp, h, g, 0.0);
}

static const kehu__model model = {"bgnbd", 4, nll, NULL, NULL, NULL};

kehu_status kehu_bgnbd_ll(const double *p, const kehu_hist *h, double *ll,
                          double *grad)
{
    return kehu__mle_ll(&model, p, h, ll, grad);
}

kehu_status kehu_bgnbd_fit(const kehu_hist *h, const kehu_fit_options *o,
                           kehu_fit_result *out)
{
    double mean_T;
    kehu_status rc = kehu__mle_check_rfm(h, &mean_T);
    /* Starts: a point near CDNOW-like fits with alpha on the scale of
       the data first (fewer iterations), then CLVTools' and lifetimes'
       all-ones, then a high point. */
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

/* log of the odds (dead : alive) given the history, eq. (A10). */
static double log_dead_odds(const double *p, double x, double t_x, double T)
{
    double r = p[0], al = p[1], a = p[2], b = p[3];

    return log(a) - log(b + x - 1.0) + (r + x) * log1p((T - t_x) / (al + t_x));
}

double kehu_bgnbd_p_alive(const double *p, double x, double t_x, double T)
{
    double l;

    if (x == 0) {
        return 1.0; /* eq. (A11): nobody can have died before buying */
    }
    l = log_dead_odds(p, x, t_x, T);
    if (l > 700.0) {
        return 0.0;
    }
    if (l < -700.0) {
        return 1.0;
    }
    return 1.0 / (1.0 + exp(l));
}

kehu_status kehu_bgnbd_expected(const double *p, double t, double *out)
{
    double r = p[0], al = p[1], a = p[2], b = p[3], lf, v;
    kehu_status rc;

    if (!(t >= 0)) {
        return KEHU_ERANGE;
    }
    /* eq. (7) */
    rc = kehu__log_hyp2f1(r, b, a + b - 1.0, t / (al + t), &lf);
    if (rc != KEHU_OK) {
        return rc;
    }
    v = (a + b - 1.0) / (a - 1.0) * -expm1(lf - r * log1p(t / al));
    if (!isfinite(v)) {
        return KEHU_ERANGE;
    }
    *out = v;
    return KEHU_OK;
}

kehu_status kehu__bg_family_conditional(const double *p, double shift, double x,
                                        double T, double t, double pa,
                                        double *out)
{
    double r = p[0], al = p[1], a = p[2], b = p[3] + shift, lf, v;
    kehu_status rc;

    if (pa == 0.0 || t == 0.0) {
        *out = 0.0;
        return KEHU_OK;
    }
    /* eq. (10): the numerator, then the P(alive) denominator */
    rc = kehu__log_hyp2f1(r + x, b + x, a + b + x - 1.0, t / (al + T + t), &lf);
    if (rc != KEHU_OK) {
        return rc;
    }
    v = (a + b + x - 1.0) / (a - 1.0) *
        -expm1(lf - (r + x) * log1p(t / (al + T))) * pa;
    if (!isfinite(v)) {
        return KEHU_ERANGE;
    }
    *out = v;
    return KEHU_OK;
}

kehu_status kehu_bgnbd_conditional(const double *p, double x, double t_x,
                                   double T, double t, double *out)
{
    if (!(t >= 0) || !(x >= 0) || !(t_x >= 0) || !(T >= t_x)) {
        return KEHU_ERANGE;
    }
    return kehu__bg_family_conditional(p, 0.0, x, T, t,
                                       kehu_bgnbd_p_alive(p, x, t_x, T), out);
}

kehu_status kehu_bgnbd_pmf(const double *p, double x, double t, double *out)
{
    double r = p[0], al = p[1], a = p[2], b = p[3], nb, tail, v;
    kehu_status rc = kehu__nbd_point_tail(r, al, t, x, &nb, &tail);

    if (rc != KEHU_OK) {
        return rc;
    }
    /* eq. (8): alive after all x purchases and exactly x of them, or gone
       after the x-th with at least x by t */
    v = exp(kehu__log_beta_ratio(a, b + x, a, b)) * nb;
    if (x > 0) {
        v += exp(kehu__log_beta_ratio(a + 1.0, b + x - 1.0, a, b)) * tail;
    }
    if (!isfinite(v)) {
        return KEHU_ERANGE;
    }
    *out = v;
    return KEHU_OK;
}
