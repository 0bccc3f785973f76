/* SPDX-License-Identifier: MIT */
/*
 * Special functions for the customer-base models: reentrant log-gamma,
 * digamma (recurrence to x >= 10, then the asymptotic series, Abramowitz
 * & Stegun 6.3.18), and log 2F1 for positive-term series (A&S 15.1.1)
 * with a GSL path for slowly converging cases. GSL is called only through
 * its _e functions; whether GSL's error handler aborts is the adapter's
 * choice (the CLI turns it off), and for the arguments used here GSL
 * reports failure through the status.
 */
#include "special.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_hyperg.h>
#include <math.h>

#define SERIES_EPS    1e-17
#define SHORT_TERMS   4000
#define LONG_TERMS    4000000
#define RESCALE_ABOVE 1e200

double kehu__lgamma(double x)
{
    int sign;

    return lgamma_r(x, &sign);
}

double kehu__digamma(double x)
{
    double r = 0.0, x2, t;

    while (x < 10.0) {
        r -= 1.0 / x;
        x += 1.0;
    }
    x2 = 1.0 / (x * x);
    /* A&S 6.3.18 */
    t = x2 * (1.0 / 12 -
              x2 * (1.0 / 120 -
                    x2 * (1.0 / 252 - x2 * (1.0 / 240 - x2 * (1.0 / 132)))));
    return r + log(x) - 0.5 / x - t;
}

double kehu__log1mexp(double d)
{
    /* Maechler's accurate log(1 - e^-d). */
    return d > 0.6931471805599453 ? log1p(-exp(-d)) : log(-expm1(-d));
}

/* Series in log space; KEHU_CONTINUE when max_terms were not enough. */
static kehu_status series(double a, double b, double c, double z,
                          long max_terms, double *out)
{
    double sum = 1.0, term = 1.0, scale = 0.0;
    long k;

    if (z == 0.0) {
        *out = 0.0;
        return KEHU_OK;
    }
    for (k = 0; k < max_terms; k++) {
        double kk = (double)k;
        double ratio = (a + kk) * (b + kk) / ((c + kk) * (kk + 1.0)) * z;
        term *= ratio;
        sum += term;
        if (sum > RESCALE_ABOVE) {
            sum *= 1.0 / RESCALE_ABOVE;
            term *= 1.0 / RESCALE_ABOVE;
            scale += log(RESCALE_ABOVE);
        }
        if (ratio < 1.0 && term <= SERIES_EPS * sum) {
            /* The remaining tail is below term * ratio / (1 - ratio). */
            if (term * ratio / (1.0 - ratio) <= SERIES_EPS * sum) {
                *out = scale + log(sum);
                return isfinite(*out) ? KEHU_OK : KEHU_ERANGE;
            }
        }
    }
    return KEHU_CONTINUE;
}

kehu_status kehu__log_hyp2f1(double a, double b, double c, double z,
                             double *out)
{
    gsl_sf_result res;
    kehu_status rc;
    int st;

    if (!(a > 0) || !(b > 0) || !(c > 0) || !(z >= 0) || !(z < 1)) {
        return KEHU_ERANGE;
    }
    rc = series(a, b, c, z, SHORT_TERMS, out);
    if (rc != KEHU_CONTINUE) {
        return rc;
    }
    st = gsl_sf_hyperg_2F1_e(a, b, c, z, &res);
    if (st == GSL_SUCCESS && isfinite(res.val) && res.val > 0 &&
        res.err <= 1e-8 * res.val) {
        *out = log(res.val);
        return KEHU_OK;
    }
    rc = series(a, b, c, z, LONG_TERMS, out);
    return rc == KEHU_OK ? KEHU_OK : KEHU_ERANGE;
}
