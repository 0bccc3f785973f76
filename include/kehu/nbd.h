/* SPDX-License-Identifier: MIT */
/*
 * The NBD purchase model without dropout (Ehrenberg 1959; the limit of
 * BG/NBD as a -> 0, of MBG/NBD likewise, and of Pareto/NBD as s -> 0 or
 * beta -> infinity). Every customer stays alive and buys at a Poisson rate
 * drawn from Gamma(r, alpha). It is the answer kehu gives when a dropout
 * model's likelihood rises to this limit, i.e. when the histories show no
 * dropout: the fit is then the limit, reported as such, not a failure.
 *
 * The likelihood of (x, t_x, T) is the limit of the dropout models'
 *   L = G(r+x) alpha^r / (G(r) (alpha+T)^(r+x)),
 * the same scale, so log-likelihoods compare directly with theirs.
 */
#ifndef KEHU_NBD_MODEL_H
#define KEHU_NBD_MODEL_H

#include "kehu/btyd.h"

extern const char *const kehu_nbd_param_names[2]; /* r alpha */

/* Maximum-likelihood fit. KEHU_ERANGE for an invalid history, KEHU_EIDENT
 * when no customer repeats. */
kehu_status kehu_nbd_fit(const kehu_hist *h, const kehu_fit_options *o,
                         kehu_fit_result *out);

/* Log-likelihood at p (the equation above, summed with weights). OUT:
 * *ll; grad (may be NULL) d LL / d log p. */
kehu_status kehu_nbd_ll(const double *p, const kehu_hist *h, double *ll,
                        double *grad);

/* P(alive): always 1 (nobody drops out). */
double kehu_nbd_p_alive(const double *p, double x, double t_x, double T);

/* E[X(t)] = r t / alpha for a new customer. */
kehu_status kehu_nbd_expected(const double *p, double t, double *out);

/* E[Y(t) | x, t_x, T] = (r + x) t / (alpha + T). */
kehu_status kehu_nbd_conditional(const double *p, double x, double t_x,
                                 double T, double t, double *out);

/* P(X(t) = x) for a new customer: the NBD probability. */
kehu_status kehu_nbd_pmf(const double *p, double x, double t, double *out);

#endif
