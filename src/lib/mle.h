/* SPDX-License-Identifier: MIT */
/*
 * Internal: the maximum-likelihood driver shared by the model modules.
 * A model supplies its mean negative log-likelihood over unique histories
 * as a function of log-parameters (and its gradient), its parameter count
 * and start values; the driver runs the BFGS loop of kehu/optim.h from
 * each start until one converges inside the box, then computes standard
 * errors (delta method from the observed information), AIC and BIC.
 */
#ifndef KEHU_MLE_H
#define KEHU_MLE_H

#include "kehu/btyd.h"

/* Mean negative LL (sum over rows of -w ll / total) at log-parameters lp;
 * when g is not NULL also its gradient w.r.t. lp. Non-finite when lp is
 * outside the domain. */
typedef double (*kehu__nll_fn)(const double *lp, const kehu_hist *h,
                               double *g);

typedef struct kehu__model {
    const char *name;
    size_t n_params;
    kehu__nll_fn nll;
} kehu__model;

/*
 * Fit model m to h from the natural-scale starts (n_starts rows of
 * KEHU_MAX_PARAMS; o->n_start = 1 replaces them by o->start). Fills *out.
 * KEHU_EIDENT when every start ran to the parameter box or the
 * information matrix is singular; else the last start's error.
 */
kehu_status kehu__mle_fit(const kehu__model *m, const kehu_hist *h,
                          const double (*starts)[KEHU_MAX_PARAMS],
                          size_t n_starts, const kehu_fit_options *o,
                          kehu_fit_result *out);

/* Central-difference gradient of m->nll w.r.t. lp (step h_step), for
 * models whose likelihood has no practical analytic gradient. */
void kehu__mle_numgrad(kehu__nll_fn nll, const double *lp, size_t n,
                       const kehu_hist *h, double h_step, double *g);

/* log(exp(a) + exp(b)) without overflow; -inf inputs allowed. */
double kehu__logsumexp(double a, double b);

/* Checks shared by the (x, t_x, T) models: every row has x >= 0,
 * 0 <= t_x <= T, t_x = 0 when x = 0 (KEHU_ERANGE otherwise), and the
 * data hold some repeat purchases and more than one distinct history
 * (KEHU_EIDENT otherwise). *mean_T receives the weighted mean of T. */
kehu_status kehu__mle_check_rfm(const kehu_hist *h, double *mean_T);

#endif
