/* SPDX-License-Identifier: MIT */
/*
 * One table over the customer-base models, so callers (CLI, server, CLV)
 * choose a model by name and call it without a switch of their own. Each
 * entry holds pointers to the per-model functions of kehu/bgnbd.h,
 * kehu/pnbd.h, kehu/mbgnbd.h, kehu/bgbb.h and kehu/gg.h; this module adds
 * nothing but the lookup and a status for "this model has no such
 * quantity" (Gamma-Gamma has no P(alive); the count models no spend).
 *
 * Histories follow kehu/btyd.h: (x, t_x, T) in model time units for
 * BG/NBD, Pareto/NBD and MBG/NBD; (x, t_x, n) in opportunities for BG/BB,
 * where the horizon t of the predictions is a number of opportunities;
 * (x, zbar, 0) for Gamma-Gamma.
 */
#ifndef KEHU_MODEL_H
#define KEHU_MODEL_H

#include "kehu/btyd.h"

typedef enum kehu_model_kind {
    KEHU_MODEL_BGNBD = 0,
    KEHU_MODEL_PNBD,
    KEHU_MODEL_MBGNBD,
    KEHU_MODEL_BGBB,
    KEHU_MODEL_GG,
    KEHU_MODEL_NBD /* no dropout: the limit of the three above */
} kehu_model_kind;

#define KEHU_MODEL_COUNT 6

typedef struct kehu_model_def {
    kehu_model_kind kind;
    const char *name;  /* "bgnbd", "pnbd", "mbgnbd", ... */
    const char *title; /* "BG/NBD", "Pareto/NBD", ... */
    size_t n_params;
    const char *const *param_names; /* n_params names, the fit's order */
    int discrete;                   /* 1: histories in opportunities */
    int spend;                      /* 1: a spend model, (x, zbar) rows */
    kehu_status (*fit)(const kehu_hist *h, const kehu_fit_options *o,
                       kehu_fit_result *out);
    kehu_status (*ll)(const double *p, const kehu_hist *h, double *ll,
                      double *grad);
    /* Count models only (NULL for Gamma-Gamma). */
    double (*p_alive)(const double *p, double x, double t_x, double T);
    kehu_status (*expected)(const double *p, double t, double *out);
    kehu_status (*conditional)(const double *p, double x, double t_x, double T,
                               double t, double *out);
    /* Spend models only (NULL for the count models). */
    kehu_status (*expected_spend)(const double *p, double x, double zbar,
                                  double *out);
} kehu_model_def;

/* The entry of kind (NULL when kind is out of range). */
const kehu_model_def *kehu_model_get(kehu_model_kind kind);

/* The entry named name ("bgnbd", "pnbd", "mbgnbd", "bgbb", "gg"), NULL
 * when there is none. */
const kehu_model_def *kehu_model_find(const char *name);

/* Fit m to h (o may be NULL). The model's own status: KEHU_EIDENT when
 * the data cannot identify it, KEHU_ERANGE for invalid rows. */
kehu_status kehu_model_fit(const kehu_model_def *m, const kehu_hist *h,
                           const kehu_fit_options *o, kehu_fit_result *out);

/*
 * Fit m to h, and when m is a dropout model (BG/NBD, Pareto/NBD, MBG/NBD)
 * whose likelihood rises to its no-dropout limit, answer with that limit:
 * every start ran to the edge of the parameter space and the NBD's
 * log-likelihood is as high as the best point they reached (within 0.01),
 * so the maximum is the limit. Then *used is the NBD entry and out its fit
 * with out->boundary = 1; otherwise *used = m and out as kehu_model_fit.
 * The refusal stays for data that identify neither (no repeat buyers).
 */
kehu_status kehu_model_fit_or_limit(const kehu_model_def *m, const kehu_hist *h,
                                    const kehu_fit_options *o,
                                    kehu_fit_result *out,
                                    const kehu_model_def **used);

/* P(alive | x, t_x, T) at parameters p. OUT: *out. KEHU_EINVAL for a
 * spend model. */
kehu_status kehu_model_p_alive(const kehu_model_def *m, const double *p,
                               double x, double t_x, double T, double *out);

/* E[purchases in (T, T + t] | x, t_x, T]. OUT: *out. KEHU_EINVAL for a
 * spend model, KEHU_ERANGE for an invalid history or horizon. */
kehu_status kehu_model_conditional(const kehu_model_def *m, const double *p,
                                   double x, double t_x, double T, double t,
                                   double *out);

/* E[X(t)] for a new customer. OUT: *out. KEHU_EINVAL for a spend model. */
kehu_status kehu_model_expected(const kehu_model_def *m, const double *p,
                                double t, double *out);

/* E[M | x, zbar]: expected spend per transaction. OUT: *out. KEHU_EINVAL
 * for a count model. */
kehu_status kehu_model_expected_spend(const kehu_model_def *m, const double *p,
                                      double x, double zbar, double *out);

#endif
