/* SPDX-License-Identifier: MIT */
/*
 * Gamma-Gamma spend (Fader, Hardie & Lee 2005, "RFM and CLV", JMR 42(4);
 * the likelihood as in Fader & Hardie 2013, "The Gamma-Gamma Model of
 * Monetary Value"): each transaction value z_i ~ Gamma(p, nu),
 * nu ~ Gamma(q, gamma) across customers, so for x transactions with mean
 * zbar
 *   L = G(px+q) / (G(px) G(q)) gamma^q zbar^(px-1) x^(px)
 *       / (gamma + x zbar)^(px+q)
 * The gradient w.r.t. log-parameters is analytic. Customers without
 * repeat transactions carry no information and must be left out by the
 * caller.
 */
#include "kehu/gg.h"

#include "mle.h"
#include "special.h"

#include <math.h>

const char *const kehu_gg_param_names[3] = {"p", "q", "gamma"};

static double nll(const double *lp, const kehu_hist *h, void *ws, double *g)
{
    double p = exp(lp[0]), q = exp(lp[1]), gm = exp(lp[2]);
    double lgq = kehu__lgamma(q), psq = kehu__digamma(q);
    double sum = 0, gp = 0, gq = 0, gg = 0;
    size_t i;

    (void)ws; /* no workspace */
    for (i = 0; i < h->n; i++) {
        double x = h->x[i], z = h->t_x[i], w = h->w[i], px = p * x;
        double lz = log(z), lx = log(x), lden = log(gm + x * z);
        /* the density of zbar (FH 2013) */
        double ll = kehu__lgamma(px + q) - kehu__lgamma(px) - lgq + q * lp[2] +
                    (px - 1.0) * lz + px * lx - (px + q) * lden;
        sum += w * ll;
        if (g != NULL) {
            double ps = kehu__digamma(px + q);
            gp += w * x * (ps - kehu__digamma(px) + lz + lx - lden);
            gq += w * (ps - psq + lp[2] - lden);
            gg += w * (q / gm - (px + q) / (gm + x * z));
        }
    }
    if (g != NULL) {
        g[0] = -gp * p / h->total;
        g[1] = -gq * q / h->total;
        g[2] = -gg * gm / h->total;
    }
    return -sum / h->total;
}

static const kehu__model model = {"gg", 3, nll, NULL, NULL, NULL};

kehu_status kehu_gg_ll(const double *p, const kehu_hist *h, double *ll,
                       double *grad)
{
    return kehu__mle_ll(&model, p, h, ll, grad);
}

kehu_status kehu_gg_fit(const kehu_hist *h, const kehu_fit_options *o,
                        kehu_fit_result *out)
{
    double zmin = INFINITY, zmax = -INFINITY, mean = 0;
    size_t i;

    for (i = 0; i < h->n; i++) {
        if (!(h->x[i] > 0) || !(h->t_x[i] > 0)) {
            out->status = KEHU_ERANGE;
            out->n_params = 3;
            return KEHU_ERANGE;
        }
        zmin = fmin(zmin, h->t_x[i]);
        zmax = fmax(zmax, h->t_x[i]);
        mean += h->w[i] * h->t_x[i];
    }
    mean /= h->total;
    if (h->n < 2 || !(zmax > zmin)) {
        out->status = KEHU_EIDENT;
        out->n_params = 3;
        return KEHU_EIDENT;
    }
    {
        /* Starts: lifetimes' all-ones, then points with mean spend
           p gamma / (q - 1) on the scale of the data. */
        const double starts[3][KEHU_MAX_PARAMS] = {
            {1.0, 1.0, 1.0, 0.0},
            {5.0, 3.0, 0.4 * mean, 0.0},
            {2.0, 5.0, 2.0 * mean, 0.0},
        };
        return kehu__mle_fit(&model, h, starts, 3, o, out);
    }
}

kehu_status kehu_gg_expected_spend(const double *p, double x, double zbar,
                                   double *out)
{
    double den = p[0] * x + p[1] - 1.0;
    double v;

    /* The posterior mean (FH 2013): a weighted mean of the population mean p
       gamma/(q-1) and the customer's own zbar. */
    if (!(den > 0) || !(x >= 0)) {
        return KEHU_ERANGE;
    }
    v = p[0] * (p[2] + x * zbar) / den;
    if (!isfinite(v)) {
        return KEHU_ERANGE;
    }
    *out = v;
    return KEHU_OK;
}
