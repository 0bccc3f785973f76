/* SPDX-License-Identifier: MIT */
/*
 * Internal: the NBD counting distribution the BG/NBD family shares. A
 * customer alive throughout (0, t] buys Poisson(lambda t) times with
 * lambda ~ Gamma(r, alpha), so the count is negative binomial:
 *   NB(j) = G(r+j) / (G(r) j!) (alpha/(alpha+t))^r (t/(alpha+t))^j.
 */
#ifndef KEHU_NBD_H
#define KEHU_NBD_H

#include "kehu/btyd.h"
#include "kehu/status.h"

/* NB(x) and P(N >= x) = 1 - sum_{j<x} NB(j) (the tail, clamped to
 * [0, 1]) for integer x >= 0 and t >= 0. KEHU_ERANGE for a bad
 * argument or a non-finite result. */
kehu_status kehu__nbd_point_tail(double r, double alpha, double t, double x,
                                 double *nb_x, double *tail_x);

/* log B(a2, b2) - log B(a, b). */
double kehu__log_beta_ratio(double a2, double b2, double a, double b);

/*
 * Mean negative log-likelihood of the BG/NBD family at log-parameters
 * (r, alpha, a, b) and, when g is not NULL, its gradient (bgnbd.c). shift
 * 0 is BG/NBD (FHL 2005 eq. 6: the dropout term needs x > 0); shift 1 is
 * MBG/NBD (Batislam et al. 2007: a customer may also drop out after the
 * first purchase, so b+x becomes b+x+1 and the dropout term is always
 * present).
 */
double kehu__bg_family_nll(const double *lp, const kehu_hist *h, double *g,
                           double shift);

/* E[X(T, T + t) | x, t_x, T] of the BG/NBD family given the customer's
 * P(alive) pa (FHL 2005 eq. 10; shift 1, MBG/NBD, puts b + 1 for b). */
kehu_status kehu__bg_family_conditional(const double *p, double shift, double x,
                                        double T, double t, double pa,
                                        double *out);

#endif
