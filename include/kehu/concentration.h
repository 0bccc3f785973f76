/* SPDX-License-Identifier: MIT */
/*
 * Revenue concentration (docs/classification.md): the Pareto curve (share of
 * customers, best first, against their share of revenue), the revenue
 * share of the top 20%, the share of customers making 80% of revenue and
 * the Gini coefficient. Revenue counts positive totals only, as ABCD does
 * (a customer whose returns exceed his purchases counts 0).
 */
#ifndef KEHU_CONCENTRATION_H
#define KEHU_CONCENTRATION_H

#include "kehu/status.h"

#define KEHU_PARETO_POINTS 21 /* 0%, 5%, ..., 100% of customers */

typedef struct kehu_concentration {
    size_t n;       /* customers */
    double revenue; /* sum of positive totals */
    /* pareto[k]: revenue share of the best k*5% of customers, the curve
     * through (i/n, cumulative share of the best i) interpolated linearly */
    double pareto[KEHU_PARETO_POINTS];
    double top20_share;  /* = pareto[4] */
    size_t n_for_80;     /* fewest best customers making >= 80% (the
                            ABCD class A count) */
    double share_for_80; /* n_for_80 / n */
    double gini;         /* 0 equal .. 1 - 1/n one customer has all */
} kehu_concentration;

/*
 * Concentration of the n values (monetary totals; the order does not
 * matter). With no positive revenue, shares and Gini are NaN and n_for_80
 * is 0. Returns KEHU_OK or KEHU_ENOMEM (it sorts a copy).
 */
kehu_status kehu_concentration_compute(const double *values, size_t n,
                                       kehu_concentration *out);

#endif
