/* SPDX-License-Identifier: MIT */
/*
 * The NBD point probabilities and tail (see nbd.h). The terms follow the
 * recurrence NB(j+1) = NB(j) (r+j)/(j+1) t/(alpha+t) from NB(0) =
 * (alpha/(alpha+t))^r, so the cost is O(x) and there is no lgamma per
 * term; the tail is 1 minus the running sum, clamped at 0 against
 * rounding.
 */
#include "nbd.h"

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
