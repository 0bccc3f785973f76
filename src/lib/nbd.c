/* SPDX-License-Identifier: MIT */
/*
 * The NBD point probabilities and tail (see nbd.h). The terms follow the
 * recurrence NB(j+1) = NB(j) (r+j)/(j+1) t/(alpha+t) from NB(0) =
 * (alpha/(alpha+t))^r, so the cost is O(x) and there is no lgamma per
 * term; the tail is 1 minus the running sum, clamped at 0 against
 * rounding.
 */
#include "nbd.h"

#include "kehu/nbd.h"
#include "mle.h"
#include "special.h"

#include <math.h>

kehu_status kehu__nbd_point_tail(double r, double alpha, double t, double x,
                                 double *nb_x, double *tail_x)
{
    double term, sum = 0, q;
    long j, n;

    if (!(r > 0) || !(alpha > 0) || !(t >= 0) || !(x >= 0) || x != floor(x) ||
        !isfinite(t) || x > 1e7) {
        return KEHU_ERANGE;
    }
    if (t == 0) {
        *nb_x = x == 0 ? 1.0 : 0.0;
        *tail_x = x == 0 ? 1.0 : 0.0;
        return KEHU_OK;
    }
    term = exp(-r * log1p(t / alpha)); /* NB(0) */
    q = t / (alpha + t);
    n = (long)x;
    for (j = 0; j < n; j++) {
        sum += term;
        term *= (r + (double)j) / ((double)j + 1.0) * q;
    }
    *nb_x = term;
    *tail_x = fmin(1.0, fmax(0.0, 1.0 - sum));
    if (!isfinite(term)) {
        return KEHU_ERANGE;
    }
    return KEHU_OK;
}

double kehu__log_beta_ratio(double a2, double b2, double a, double b)
{
    return kehu__lgamma(a2) + kehu__lgamma(b2) - kehu__lgamma(a2 + b2) -
           kehu__lgamma(a) - kehu__lgamma(b) + kehu__lgamma(a + b);
}

/* ------------------------------------------------------------------------
 * The NBD model without dropout (kehu/nbd.h)
 */

const char *const kehu_nbd_param_names[2] = {"r", "alpha"};

/* Mean negative log-likelihood at log-parameters lp; g (may be NULL) its
 * gradient w.r.t. lp. */
static double nbd_nll(const double *lp, const kehu_hist *h, void *ws, double *g)
{
    double r = exp(lp[0]), al = exp(lp[1]), lr = kehu__lgamma(r);
    double dgr = kehu__digamma(r), la = lp[1], sum = 0, gr = 0, gal = 0;
    size_t i;

    (void)ws;
    for (i = 0; i < h->n; i++) {
        double x = h->x[i], w = h->w[i], laT = log(al + h->T[i]);
        sum += w * (kehu__lgamma(r + x) - lr + r * la - (r + x) * laT);
        if (g != NULL) {
            gr += w * (kehu__digamma(r + x) - dgr + la - laT);
            gal += w * (r / al - (r + x) / (al + h->T[i]));
        }
    }
    if (g != NULL) {
        g[0] = -gr * r / h->total;
        g[1] = -gal * al / h->total;
    }
    return -sum / h->total;
}

static const kehu__model nbd_model = {"nbd", 2, nbd_nll, NULL, NULL, NULL};

kehu_status kehu_nbd_ll(const double *p, const kehu_hist *h, double *ll,
                        double *grad)
{
    return kehu__mle_ll(&nbd_model, p, h, ll, grad);
}

kehu_status kehu_nbd_fit(const kehu_hist *h, const kehu_fit_options *o,
                         kehu_fit_result *out)
{
    double mean_T;
    kehu_status rc = kehu__mle_check_rfm(h, &mean_T);
    const double starts[3][KEHU_MAX_PARAMS] = {
        {1.0, mean_T},
        {1.0, 1.0},
        {0.3, mean_T / 8.0},
    };

    if (rc != KEHU_OK) {
        out->status = rc;
        out->n_params = 2;
        return rc;
    }
    return kehu__mle_fit(&nbd_model, h, starts, 3, o, out);
}

double kehu_nbd_p_alive(const double *p, double x, double t_x, double T)
{
    (void)p;
    (void)x;
    (void)t_x;
    (void)T;
    return 1.0;
}

kehu_status kehu_nbd_expected(const double *p, double t, double *out)
{
    if (!(t >= 0)) {
        return KEHU_ERANGE;
    }
    *out = p[0] * t / p[1];
    return KEHU_OK;
}

kehu_status kehu_nbd_conditional(const double *p, double x, double t_x,
                                 double T, double t, double *out)
{
    if (!(t >= 0) || !(x >= 0) || !(t_x >= 0) || !(T >= t_x)) {
        return KEHU_ERANGE;
    }
    *out = (p[0] + x) * t / (p[1] + T);
    return KEHU_OK;
}

kehu_status kehu_nbd_pmf(const double *p, double x, double t, double *out)
{
    double tail;

    return kehu__nbd_point_tail(p[0], p[1], t, x, out, &tail);
}
