/* SPDX-License-Identifier: MIT */
/*
 * BG/BB: Fader, Hardie & Shang (2010), "Customer-Base Analysis in a
 * Discrete-Time Noncontractual Setting", Marketing Science 29(6):1086-1108.
 * Parameters p = {alpha, beta, gamma, delta}. A history (x, t_x, n):
 * x transactions in n opportunities, the last at opportunity t_x (0 when
 * x = 0), given to kehu_hist_new as (x, t_x, n) with customer counts as
 * weights.
 */
#ifndef KEHU_BGBB_H
#define KEHU_BGBB_H

#include "kehu/btyd.h"

extern const char *const kehu_bgbb_param_names[4]; /* alpha beta gamma
                                                      delta */

/* Maximum-likelihood fit. KEHU_ERANGE for an invalid history (not whole
 * numbers, x > t_x, t_x > n, x = 0 with t_x > 0, x > 0 with t_x = 0);
 * KEHU_EIDENT when the data cannot identify the model (no transactions,
 * one distinct history, or a run-away parameter). o may be NULL. */
kehu_status kehu_bgbb_fit(const kehu_hist *h, const kehu_fit_options *o,
                          kehu_fit_result *out);

/* Log-likelihood at p (FHS 2010 eq. 5 summed with weights). OUT: *ll;
 * grad, when not NULL, gets dLL/d(log p_i). KEHU_ERANGE if p is not
 * positive, a history is invalid, or the value is not finite. */
kehu_status kehu_bgbb_ll(const double *p, const kehu_hist *h, double *ll,
                         double *grad);

/* P(alive at opportunity n + 1 | x, t_x, n) (FHS 2010 eq. 11); NAN for
 * an invalid history. */
double kehu_bgbb_p_alive(const double *p, double x, double t_x, double n);

/* E[X(n)]: expected transactions of a new customer in n opportunities
 * (FHS 2010 eq. 7). */
kehu_status kehu_bgbb_expected(const double *p, double n, double *out);

/* E[X(n, n + n_star) | x, t_x, n]: expected transactions in the next
 * n_star opportunities (FHS 2010 eq. 13). */
kehu_status kehu_bgbb_conditional(const double *p, double x, double t_x,
                                  double n, double n_star, double *out);

#endif
