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
 * outside the domain. ws is the model's workspace for h (from prepare),
 * or NULL when the model has none. */
typedef double (*kehu__nll_fn)(const double *lp, const kehu_hist *h, void *ws,
                               double *g);

typedef struct kehu__model {
    const char *name;
    size_t n_params;
    kehu__nll_fn nll;
    /* Optional (NULL: none): rows valid for the likelihood (KEHU_OK or
     * KEHU_ERANGE), checked by kehu__mle_ll. */
    kehu_status (*check)(const kehu_hist *h);
    /* Optional (NULL: none): a workspace for the data h, built once per
     * fit or likelihood call and passed to nll; freed by release. */
    kehu_status (*prepare)(const kehu_hist *h, void **ws);
    void (*release)(void *ws);
} kehu__model;

/* The public kehu_<model>_ll of every model: the total log-likelihood at
 * natural-scale parameters p (n_params of them) and, when grad is not
 * NULL, its gradient w.r.t. log p. KEHU_ERANGE for a parameter that is not
 * positive and finite, an invalid row, or a non-finite value. */
kehu_status kehu__mle_ll(const kehu__model *m, const double *p,
                         const kehu_hist *h, double *ll, double *grad);

/* Parameters of an accepted optimum lie in [KEHU__PMIN, KEHU__PMAX]; an
 * optimum outside is a run-away parameter the data do not identify. */
#define KEHU__PMIN      1e-6
#define KEHU__PMAX      1e6
/* Largest standard error of log p_i (se(p_i) / p_i) of an accepted fit:
 * beyond it the data leave the parameter's order of magnitude open. */
#define KEHU__LOGSE_MAX 10.0

/*
 * Fit model m to h from the natural-scale starts (n_starts rows of
 * KEHU_MAX_PARAMS; o->n_start = 1 replaces them by o->start). Fills *out.
 * KEHU_EIDENT when there are no more unique histories than parameters,
 * when every start ran to the parameter box or converged with a parameter
 * outside [KEHU__PMIN, KEHU__PMAX], or the information matrix is
 * singular or leaves some se(log p) above KEHU__LOGSE_MAX; else the last
 * start's error. Never a silent absurd optimum.
 */
kehu_status kehu__mle_fit(const kehu__model *m, const kehu_hist *h,
                          const double (*starts)[KEHU_MAX_PARAMS],
                          size_t n_starts, const kehu_fit_options *o,
                          kehu_fit_result *out);

/* Central-difference gradient of m->nll w.r.t. lp (step h_step), for
 * models whose likelihood has no practical analytic gradient. */
void kehu__mle_numgrad(kehu__nll_fn nll, const double *lp, size_t n,
                       const kehu_hist *h, void *ws, double h_step, double *g);

/* log(exp(a) + exp(b)) without overflow; -inf inputs allowed. */
double kehu__logsumexp(double a, double b);

/* Checks shared by the (x, t_x, T) models: every row has x >= 0,
 * 0 <= t_x <= T, t_x = 0 when x = 0 (KEHU_ERANGE otherwise), and the
 * data hold some repeat purchases and more than one distinct history
 * (KEHU_EIDENT otherwise). *mean_T receives the weighted mean of T. */
kehu_status kehu__mle_check_rfm(const kehu_hist *h, double *mean_T);

#endif
