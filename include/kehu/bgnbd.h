/* SPDX-License-Identifier: MIT */
/*
 * BG/NBD: Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy
 * Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2).
 * Parameters p = {r, alpha, a, b}; histories (x, t_x, T) in model units.
 */
#ifndef KEHU_BGNBD_H
#define KEHU_BGNBD_H

#include "kehu/btyd.h"

extern const char *const kehu_bgnbd_param_names[4]; /* r alpha a b */

/* Maximum-likelihood fit. KEHU_ERANGE for an invalid history (x < 0,
 * t_x < 0, t_x > T, or x = 0 with t_x > 0); KEHU_EIDENT when the data
 * cannot identify the model (no repeat purchases, one distinct history,
 * or a run-away parameter). o may be NULL. */
kehu_status kehu_bgnbd_fit(const kehu_hist *h, const kehu_fit_options *o,
                           kehu_fit_result *out);

/* Log-likelihood at p (eq. 6 summed with weights). OUT: *ll; grad, when
 * not NULL, gets dLL/d(log p_i). KEHU_ERANGE if p is not positive or the
 * value is not finite. */
kehu_status kehu_bgnbd_ll(const double *p, const kehu_hist *h, double *ll,
                          double *grad);

/* P(alive | x, t_x, T), eq. (A10)-(A11) of the technical note; exactly 1
 * when x = 0, and 0 without overflow when the customer is surely gone. */
double kehu_bgnbd_p_alive(const double *p, double x, double t_x, double T);

/* E[X(t)] for a new customer, eq. (7). */
kehu_status kehu_bgnbd_expected(const double *p, double t, double *out);

/* E[Y(t) | x, t_x, T]: expected purchases in (T, T + t], eq. (10). */
kehu_status kehu_bgnbd_conditional(const double *p, double x, double t_x,
                                   double T, double t, double *out);

/* P(X(t) = x) for a new customer, eq. (8): the probability of exactly x
 * purchases in (0, t] (x a whole number >= 0). KEHU_ERANGE otherwise. */
kehu_status kehu_bgnbd_pmf(const double *p, double x, double t, double *out);

#endif
