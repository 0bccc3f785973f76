/* SPDX-License-Identifier: MIT */
/*
 * Modified BG/NBD: Batislam, Denizel & Filiztekin (2007), "Empirical
 * validation and comparison of models for customer base analysis",
 * International Journal of Research in Marketing 24(3):201-209.
 * Parameters p = {r, alpha, a, b}; histories (x, t_x, T) in model units.
 */
#ifndef KEHU_MBGNBD_H
#define KEHU_MBGNBD_H

#include "kehu/btyd.h"

extern const char *const kehu_mbgnbd_param_names[4]; /* r alpha a b */

/* Maximum-likelihood fit. KEHU_ERANGE for an invalid history (x < 0,
 * t_x < 0, t_x > T, or x = 0 with t_x > 0); KEHU_EIDENT when the data
 * cannot identify the model (no repeat purchases, one distinct history,
 * or a run-away parameter). o may be NULL. */
kehu_status kehu_mbgnbd_fit(const kehu_hist *h, const kehu_fit_options *o,
                            kehu_fit_result *out);

/* Log-likelihood at p (the MBG/NBD likelihood summed with weights). OUT: *ll;
 * grad, when not NULL, gets dLL/d(log p_i). KEHU_ERANGE if p is not positive or
 * the value is not finite. */
kehu_status kehu_mbgnbd_ll(const double *p, const kehu_hist *h, double *ll,
                           double *grad);

/* P(alive | x, t_x, T); below 1 even for x = 0 (a customer may drop out
 * right after the first purchase), 0 without overflow when surely gone. */
double kehu_mbgnbd_p_alive(const double *p, double x, double t_x, double T);

/* E[X(t)] for a new customer. */
kehu_status kehu_mbgnbd_expected(const double *p, double t, double *out);

/* E[Y(t) | x, t_x, T]: expected purchases in (T, T + t]. */
kehu_status kehu_mbgnbd_conditional(const double *p, double x, double t_x,
                                    double T, double t, double *out);

/* P(X(t) = x) for a new customer (x a whole number >= 0):
 *   B(a, b+x+1)/B(a, b) NB(x) + B(a+1, b+x)/B(a, b) P(N(t) >= x),
 * alive after the first purchase and each of the x repeat purchases, or
 * gone right after the x-th (x = 0: right after the first). */
kehu_status kehu_mbgnbd_pmf(const double *p, double x, double t, double *out);

#endif
