/* SPDX-License-Identifier: MIT */
/*
 * Internal: the NBD counting distribution the BG/NBD family shares. A
 * customer alive throughout (0, t] buys Poisson(lambda t) times with
 * lambda ~ Gamma(r, alpha), so the count is negative binomial:
 *   NB(j) = G(r+j) / (G(r) j!) (alpha/(alpha+t))^r (t/(alpha+t))^j.
 */
#ifndef KEHU_NBD_H
#define KEHU_NBD_H

#include "kehu/status.h"

/* NB(x) and P(N >= x) = 1 - sum_{j<x} NB(j) (the tail, clamped to
 * [0, 1]) for integer x >= 0 and t >= 0. KEHU_ERANGE for a bad
 * argument or a non-finite result. */
kehu_status kehu__nbd_point_tail(double r, double alpha, double t, double x,
                                 double *nb_x, double *tail_x);

/* log B(a2, b2) - log B(a, b). */
double kehu__log_beta_ratio(double a2, double b2, double a, double b);

#endif
