/* SPDX-License-Identifier: MIT */
/*
 * Pareto/NBD: Schmittlein, Morrison & Colombo (1987), "Counting Your
 * Customers: Who Are They and What Will They Do Next?", Management Science
 * 33(1):1-24; the likelihood and its expressions as in Fader & Hardie
 * (2005), "A Note on Deriving the Pareto/NBD Model and Related
 * Expressions". Parameters p = {r, alpha, s, beta}; histories (x, t_x, T)
 * in model units.
 */
#ifndef KEHU_PNBD_H
#define KEHU_PNBD_H

#include "kehu/btyd.h"

extern const char *const kehu_pnbd_param_names[4]; /* r alpha s beta */

/* Maximum-likelihood fit. KEHU_ERANGE for an invalid history (x < 0,
 * t_x < 0, t_x > T, or x = 0 with t_x > 0); KEHU_EIDENT when the data
 * cannot identify the model (no repeat purchases, one distinct history,
 * or a run-away parameter). o may be NULL. */
kehu_status kehu_pnbd_fit(const kehu_hist *h, const kehu_fit_options *o,
                          kehu_fit_result *out);

/* Log-likelihood at p (FH 2005 eq. 17 summed with weights). OUT: *ll;
 * grad, when not NULL, gets dLL/d(log p_i). KEHU_ERANGE if p is not
 * positive or the value is not finite. */
kehu_status kehu_pnbd_ll(const double *p, const kehu_hist *h, double *ll,
                         double *grad);

/* P(alive | x, t_x, T) (FH 2005 eq. 18); 1 when t_x = T, 0 without
 * overflow when the customer is surely gone; NAN for invalid input. */
double kehu_pnbd_p_alive(const double *p, double x, double t_x, double T);

/* E[X(t)] for a new customer (SMC 1987 eq. 17; FH 2005 eq. 19). */
kehu_status kehu_pnbd_expected(const double *p, double t, double *out);

/* E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] (FH 2005
 * eq. 21), without underflow for long histories. */
kehu_status kehu_pnbd_conditional(const double *p, double x, double t_x,
                                  double T, double t, double *out);

/* P(X(t) = x) for a new customer (x a whole number >= 0): Fader & Hardie
 * (2006), "Deriving an Expression for P(X(t) = x) Under the Pareto/NBD
 * Model". KEHU_ERANGE for a bad argument or a non-finite value. */
kehu_status kehu_pnbd_pmf(const double *p, double x, double t, double *out);

#endif
