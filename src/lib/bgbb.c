/* SPDX-License-Identifier: MIT */
/*
 * BG/BB (Fader, Hardie & Shang 2010, "Customer-Base Analysis in a
 * Discrete-Time Noncontractual Setting", Marketing Science 29(6); equation
 * numbers refer to that paper). While alive a customer transacts at each
 * opportunity with probability p ~ Beta(alpha, beta) and dies before the
 * next with probability theta ~ Beta(gamma, delta). The likelihood of
 * (x, t_x, n) is eq. (5):
 *   L = B(alpha+x, beta+n-x)/B(alpha,beta) B(gamma, delta+n)/B(gamma,delta)
 *     + sum_{i=0}^{n-t_x-1} B(alpha+x, beta+t_x-x+i)/B(alpha,beta)
 *                           B(gamma+1, delta+t_x+i)/B(gamma,delta)
 * summed in log space (a running log-sum-exp carrying each term's
 * gradient); the gradient w.r.t. the log-parameters is analytic (digamma).
 * The sums over future opportunities in eq. (7) and (13) are
 *   sum_{k=1}^{K} B(gamma, delta+j+k)/B(gamma,delta)
 *     = delta/(gamma-1) G(gamma+delta)/G(1+delta)
 *       [G(1+delta+j)/G(gamma+delta+j) - G(1+delta+j+K)/G(gamma+delta+j+K)]
 * taken in closed form except near gamma = 1, where it is summed.
 *
 * Does not: accept fractional opportunities; the histories are whole
 * numbers of opportunities.
 */
#include "kehu/bgbb.h"

#include "mle.h"
#include "special.h"

#include <math.h>

const char *const kehu_bgbb_param_names[4] = {"alpha", "beta", "gamma",
                                              "delta"};

#define GAMMA_ONE_EPS 1e-6 /* |gamma - 1| below: sum instead of closed form */

typedef struct bgbb_par {
    double al, be, ga, de;
    double lbab, lbgd;                     /* log B(al,be), log B(ga,de) */
    double psa, psb, psab, psg, psd, psgd; /* digammas at al, be, al+be... */
} bgbb_par;

static void par_init(const double *p, int grad, bgbb_par *q)
{
    q->al = p[0];
    q->be = p[1];
    q->ga = p[2];
    q->de = p[3];
    q->lbab =
        kehu__lgamma(q->al) + kehu__lgamma(q->be) - kehu__lgamma(q->al + q->be);
    q->lbgd =
        kehu__lgamma(q->ga) + kehu__lgamma(q->de) - kehu__lgamma(q->ga + q->de);
    if (grad) {
        q->psa = kehu__digamma(q->al);
        q->psb = kehu__digamma(q->be);
        q->psab = kehu__digamma(q->al + q->be);
        q->psg = kehu__digamma(q->ga);
        q->psd = kehu__digamma(q->de);
        q->psgd = kehu__digamma(q->ga + q->de);
    }
}

/* log[B(al+u, be+v)/B(al,be) B(ga+g, de+d)/B(ga,de)] and, when d4 is not
 * NULL, its derivatives w.r.t. (al, be, ga, de). */
static double log_term(const bgbb_par *q, double u, double v, double g,
                       double d, double *d4)
{
    double lt = kehu__lgamma(q->al + u) + kehu__lgamma(q->be + v) -
                kehu__lgamma(q->al + q->be + u + v) - q->lbab +
                kehu__lgamma(q->ga + g) + kehu__lgamma(q->de + d) -
                kehu__lgamma(q->ga + q->de + g + d) - q->lbgd;

    if (d4 != NULL) {
        double pab = kehu__digamma(q->al + q->be + u + v);
        double pgd = kehu__digamma(q->ga + q->de + g + d);
        d4[0] = kehu__digamma(q->al + u) - pab - q->psa + q->psab;
        d4[1] = kehu__digamma(q->be + v) - pab - q->psb + q->psab;
        d4[2] = kehu__digamma(q->ga + g) - pgd - q->psg + q->psgd;
        d4[3] = kehu__digamma(q->de + d) - pgd - q->psd + q->psgd;
    }
    return lt;
}

/* A running log-sum-exp of terms with gradients: value M + log S, gradient
 * D / S. */
typedef struct lse {
    double M, S, D[4];
} lse;

static void lse_add(lse *a, double l, const double *d4, int grad)
{
    int k;

    if (l > a->M) {
        double f = exp(a->M - l);
        a->S = a->S * f + 1.0;
        for (k = 0; grad && k < 4; k++) {
            a->D[k] = a->D[k] * f + d4[k];
        }
        a->M = l;
    } else {
        double f = exp(l - a->M);
        a->S += f;
        for (k = 0; grad && k < 4; k++) {
            a->D[k] += f * d4[k];
        }
    }
}

/* log L of one history, eq. (5); d4 (may be NULL) gets dlogL/dp. */
static double row_ll(const bgbb_par *q, double x, double t_x, double n,
                     double *d4)
{
    lse a = {-INFINITY, 0, {0, 0, 0, 0}};
    double dt[4] = {0, 0, 0, 0};
    long i, steps = (long)ceil(n - t_x); /* whole counts, as doubles */
    int grad = d4 != NULL;

    /* alive through opportunity n */
    lse_add(&a, log_term(q, x, n - x, 0, n, grad ? dt : NULL), dt, grad);
    /* died after opportunity t_x + i, i = 0 .. n - t_x - 1 */
    for (i = 0; i < steps; i++) {
        double di = (double)i;
        lse_add(&a, log_term(q, x, t_x - x + di, 1, t_x + di, grad ? dt : NULL),
                dt, grad);
    }
    if (d4 != NULL) {
        int k;
        for (k = 0; k < 4; k++) {
            d4[k] = a.D[k] / a.S;
        }
    }
    return a.M + log(a.S);
}

static int valid_history(double x, double t_x, double n)
{
    return x >= 0 && x <= t_x && t_x <= n && n >= 1 && n < 1e6 &&
           x == floor(x) && t_x == floor(t_x) && n == floor(n) &&
           (x == 0) == (t_x == 0);
}

static double nll(const double *lp, const kehu_hist *h, void *ws, double *g)
{
    const double p[4] = {exp(lp[0]), exp(lp[1]), exp(lp[2]), exp(lp[3])};
    bgbb_par q;
    double sum = 0, gs[4] = {0, 0, 0, 0}, d4[4] = {0, 0, 0, 0};
    size_t i;
    int k;

    (void)ws; /* no workspace */
    par_init(p, g != NULL, &q);
    for (i = 0; i < h->n; i++) {
        double w = h->w[i];
        sum +=
            w * row_ll(&q, h->x[i], h->t_x[i], h->T[i], g != NULL ? d4 : NULL);
        for (k = 0; g != NULL && k < 4; k++) {
            gs[k] += w * d4[k];
        }
    }
    for (k = 0; g != NULL && k < 4; k++) {
        g[k] = -gs[k] * p[k] / h->total;
    }
    return -sum / h->total;
}

static kehu_status check_rows(const kehu_hist *h)
{
    double tx_total = 0;
    size_t i;

    for (i = 0; i < h->n; i++) {
        if (!valid_history(h->x[i], h->t_x[i], h->T[i])) {
            return KEHU_ERANGE;
        }
        tx_total += h->w[i] * h->x[i];
    }
    if (!(tx_total > 0) || h->n < 2) {
        return KEHU_EIDENT;
    }
    return KEHU_OK;
}

/* Rows valid for the likelihood. */
static kehu_status check_valid(const kehu_hist *h)
{
    size_t i;

    for (i = 0; i < h->n; i++) {
        if (!valid_history(h->x[i], h->t_x[i], h->T[i])) {
            return KEHU_ERANGE;
        }
    }
    return KEHU_OK;
}

static const kehu__model model = {"bgbb", 4, nll, check_valid, NULL, NULL};

kehu_status kehu_bgbb_ll(const double *p, const kehu_hist *h, double *ll,
                         double *grad)
{
    return kehu__mle_ll(&model, p, h, ll, grad);
}

kehu_status kehu_bgbb_fit(const kehu_hist *h, const kehu_fit_options *o,
                          kehu_fit_result *out)
{
    kehu_status rc = check_rows(h);
    /* Starts: lifetimes' all-ones, then a low and a high point. */
    const double starts[3][KEHU_MAX_PARAMS] = {
        {1.0, 1.0, 1.0, 1.0},
        {0.5, 0.5, 0.5, 2.0},
        {2.0, 2.0, 2.0, 5.0},
    };

    if (rc != KEHU_OK) {
        out->status = rc;
        out->n_params = 4;
        return rc;
    }
    return kehu__mle_fit(&model, h, starts, 3, o, out);
}

/* log sum_{k=1}^{K} B(gamma, delta+j+k)/B(gamma,delta): the probability
 * mass of being alive at opportunities j+1 .. j+K. K >= 1. */
static double log_alive_sum(const bgbb_par *q, double j, double K)
{
    double ga = q->ga, de = q->de;

    if (fabs(ga - 1.0) < GAMMA_ONE_EPS) {
        double l = -INFINITY;
        long k, nk = (long)floor(K); /* K is a whole count */
        for (k = 1; k <= nk; k++) {
            double dk = (double)k;
            l = kehu__logsumexp(l,
                                kehu__lgamma(ga) + kehu__lgamma(de + j + dk) -
                                    kehu__lgamma(ga + de + j + dk) - q->lbgd);
        }
        return l;
    }
    {
        double lr0 = kehu__lgamma(1 + de + j) - kehu__lgamma(ga + de + j);
        double lr1 =
            kehu__lgamma(1 + de + j + K) - kehu__lgamma(ga + de + j + K);
        /* delta/(gamma-1) [R(j) - R(j+K)] > 0 for either sign of
           gamma - 1 */
        double frac = -expm1(lr1 - lr0) / (ga - 1.0);
        return log(de) + log(frac) + lr0 + kehu__lgamma(ga + de) -
               kehu__lgamma(1 + de);
    }
}

double kehu_bgbb_p_alive(const double *p, double x, double t_x, double n)
{
    bgbb_par q;
    double l;

    if (!valid_history(x, t_x, n) || !(p[0] > 0) || !(p[1] > 0) ||
        !(p[2] > 0) || !(p[3] > 0)) {
        return NAN;
    }
    par_init(p, 0, &q);
    /* eq. (11): alive at n+1 and the observed transactions, over L */
    l = log_term(&q, x, n - x, 0, n + 1, NULL) - row_ll(&q, x, t_x, n, NULL);
    return exp(fmin(l, 0.0));
}

kehu_status kehu_bgbb_expected(const double *p, double n, double *out)
{
    bgbb_par q;
    double v;

    if (!(n >= 0) || !(p[0] > 0) || !(p[1] > 0) || !(p[2] > 0) || !(p[3] > 0)) {
        return KEHU_ERANGE;
    }
    if (n == 0) {
        *out = 0;
        return KEHU_OK;
    }
    par_init(p, 0, &q);
    /* eq. (7): alpha/(alpha+beta) times the expected opportunities
       alive */
    v = q.al / (q.al + q.be) * exp(log_alive_sum(&q, 0, n));
    if (!isfinite(v)) {
        return KEHU_ERANGE;
    }
    *out = v;
    return KEHU_OK;
}

kehu_status kehu_bgbb_conditional(const double *p, double x, double t_x,
                                  double n, double n_star, double *out)
{
    bgbb_par q;
    double l, v;

    if (!valid_history(x, t_x, n) || !(n_star >= 0) || !(p[0] > 0) ||
        !(p[1] > 0) || !(p[2] > 0) || !(p[3] > 0)) {
        return KEHU_ERANGE;
    }
    if (n_star == 0) {
        *out = 0;
        return KEHU_OK;
    }
    par_init(p, 0, &q);
    /* eq. (13): B(alpha+x+1, beta+n-x)/B(alpha,beta) times the alive mass
       at n+1 .. n+n_star, over L */
    l = kehu__lgamma(q.al + x + 1) + kehu__lgamma(q.be + n - x) -
        kehu__lgamma(q.al + q.be + n + 1) - q.lbab +
        log_alive_sum(&q, n, n_star) - row_ll(&q, x, t_x, n, NULL);
    v = exp(l);
    if (!isfinite(v)) {
        return KEHU_ERANGE;
    }
    *out = v;
    return KEHU_OK;
}
