/* SPDX-License-Identifier: MIT */
/*
 * What every customer-base model shares: the histories it is fitted on
 * (unique rows with counts, so the likelihood costs grow with distinct
 * histories, not customers) and the result of a maximum-likelihood fit.
 *
 * A history is (x, t_x, T): repeat purchases, time of the last purchase
 * and age, both measured from the first purchase in model units; for
 * BG/BB it is (x, t_x, n) in opportunities; for Gamma-Gamma it is
 * (x, zbar, unused). Weights are counts of customers (any positive number).
 */
#ifndef KEHU_BTYD_H
#define KEHU_BTYD_H

#include "kehu/optim.h"
#include "kehu/status.h"

#include <stddef.h>

#define KEHU_MAX_PARAMS 4

/* Unique histories, sorted by (x, t_x, T), with their weights. */
typedef struct kehu_hist {
    double *x;
    double *t_x;
    double *T;
    double *w;    /* weight (customers) of each unique row */
    size_t n;     /* unique rows */
    double total; /* sum of weights */
} kehu_hist;

/*
 * Collapse n rows into unique (x, t_x, T) rows with summed weights (w may
 * be NULL: weight 1 each). Rows with a non-finite value or a non-positive
 * weight are an error: KEHU_ERANGE. KEHU_EINVAL when n is 0.
 * OUT: *out, free with kehu_hist_free.
 */
kehu_status kehu_hist_new(const double *x, const double *t_x, const double *T,
                          const double *w, size_t n, kehu_hist **out);
void kehu_hist_free(kehu_hist *h);

/*
 * The same, one row at a time, for callers that read rows as a stream:
 * memory grows with the unique rows only. add: KEHU_ERANGE for a
 * non-finite value or a non-positive weight (the row is not added),
 * KEHU_ENOMEM, KEHU_ETOOBIG (2^32 unique rows). finish: the histories so
 * far (KEHU_EINVAL when none); the builder is then only fit for free.
 */
typedef struct kehu_hist_builder kehu_hist_builder;
kehu_status kehu_hist_builder_new(kehu_hist_builder **out);
kehu_status kehu_hist_builder_add(kehu_hist_builder *b, double x, double t_x,
                                  double T, double w);
kehu_status kehu_hist_builder_finish(kehu_hist_builder *b, kehu_hist **out);
void kehu_hist_builder_free(kehu_hist_builder *b);

/* The result of a fit. Parameters in natural scale, in the model's order
 * (kehu_<model>_param_names). */
typedef struct kehu_fit_result {
    size_t n_params;
    double params[KEHU_MAX_PARAMS];
    double se[KEHU_MAX_PARAMS]; /* standard errors from the observed
                                   information; valid when se_ok */
    int se_ok;                  /* 0 when the Hessian was not PD */
    double ll;                  /* maximised log-likelihood */
    double aic, bic;            /* 2k - 2LL, k ln(N) - 2LL */
    double customers;           /* N: sum of weights */
    size_t unique;              /* unique histories */
    int converged;
    size_t iterations;  /* of the accepted start */
    size_t starts;      /* starts tried */
    double grad_norm;   /* max |d(-LL/N)/d log p| at the optimum */
    kehu_status status; /* KEHU_OK or why it failed */
    /* Best log-likelihood a start reached when it ran to the edge of the
     * parameter space (-inf when none did): a likelihood rising to a
     * limit, e.g. no dropout visible. */
    double ll_edge;
    int boundary; /* 1: this is the limit of the model asked for, fitted
                     instead (kehu_model_fit_or_limit) */
} kehu_fit_result;

#endif
