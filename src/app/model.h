/* SPDX-License-Identifier: MIT */
/*
 * Purchase models for the operations that fit one (fit, holdout, churn,
 * forecast, clv, classify's stage model): the model names as parameter
 * choices, histories from a summary, the fit (or parameters given as
 * text instead), its parameters as a model note of the result, the
 * values a customer ranking needs (P(alive), the ranking CLV of the
 * potential tier), and Gamma-Gamma for spend. The models are kehu/model.h's
 * continuous-time purchase models (BG/NBD, Pareto/NBD, MBG/NBD). Nothing
 * here prints: failures come back as a status with err filled.
 */
#ifndef KEHU_APP_MODEL_H
#define KEHU_APP_MODEL_H

#include "kehu/app/result.h"
#include "kehu/btyd.h"
#include "kehu/clv.h"
#include "kehu/model.h"
#include "kehu/summary.h"

/* "bgnbd", "pnbd", "mbgnbd", NULL: the choices of a model parameter
 * (bgnbd first, the default). */
extern const char *const kehu__model_choices[];

/* The unit of the model's time axis unless one is given: week, as in the
 * papers (a "unit" parameter's default). */
#define KEHU__MODEL_UNIT      KEHU_UNIT_WEEK
#define KEHU__MODEL_UNIT_NAME "week"

/* A fitted (or given) model. */
typedef struct kehu__model {
    const kehu_model_def *def;
    kehu_fit_result fit;
    kehu_purchase_model m; /* m.params points into fit.params */
    int given;             /* 1: parameters given, not fitted */
} kehu__model;

/* Histories (x, t_x, T) of the buying rows of a summary, observed up to
 * end_day (see kehu_clv_history); row[i] is the summary row of history i. */
typedef struct kehu__histories {
    double *x, *t_x, *T;
    size_t *row;
    size_t n;
} kehu__histories;

/* m: the model of choice index `choice` in kehu__model_choices, not yet
 * fitted. */
void kehu__model_init(kehu__model *m, int choice);

/* Histories of s up to end_day in units of unit_days. OUT: *out (free
 * with kehu__histories_free). KEHU_ENOMEM. */
kehu_status kehu__histories_build(const kehu_summary *s, int32_t end_day,
                                  double unit_days, kehu__histories *out);
void kehu__histories_free(kehu__histories *h);

/*
 * Fit m on h, or, when given is not NULL, take its parameters from the
 * text "v1,v2,..." of parameter `param` (m->given set). KEHU_EINVAL with
 * err when the text is malformed or there is no history; KEHU_EIDENT or
 * KEHU_EINVAL when the data cannot identify the model (err says why);
 * another failure of the fit with err filled.
 */
kehu_status kehu__model_fit(kehu__model *m, const kehu__histories *h,
                            const char *param, const char *given,
                            kehu_error *err);

/*
 * The model note of a fit of model `name` (parameters named by names):
 * "NAME: r=0.2425 ... LL=-9582.21 customers=2357", or "(given, not
 * fitted)", with fields model, each parameter, ll, customers, converged
 * and given. KEHU_ENOMEM.
 */
kehu_status kehu__note_fit(kehu_result *r, const char *name,
                           const char *const *names, const kehu_fit_result *fit,
                           int given);

/* The note of m (kehu__note_fit). */
kehu_status kehu__model_note(kehu_result *r, const kehu__model *m);

/*
 * Fit m on the summary s (histories up to s->as_of_day in units of
 * unit_days; parameters from `given` as in kehu__model_fit) and return
 * P(alive) per summary row in *p_alive (NaN for a row without a
 * purchase), and when clv is not NULL a CLV per row for ranking (the
 * potential tier): the model's expected purchases over one year
 * (discounted 10% a year) times the customer's mean spend per purchase
 * day; NaN for rows without a purchase or where the model fails. Free
 * both with kehu_free. Statuses as kehu__model_fit, KEHU_ENOMEM.
 */
kehu_status kehu__model_values(const kehu_summary *s, double unit_days,
                               kehu__model *m, const char *given,
                               double **p_alive, double **clv, kehu_error *err);

/*
 * Gamma-Gamma on the repeat buyers of s with a positive repeat spend
 * (x = purchase_days - 1, zbar = repeat_monetary_avg), or the parameters
 * p,q,gamma of the text `given` of parameter "gg-params" (*was_given
 * set). OUT: *res. KEHU_EINVAL or KEHU_EIDENT with err when the data or
 * the given parameters do not make a model; other fit failures.
 */
kehu_status kehu__gg_fit(const kehu_summary *s, const char *given,
                         kehu_fit_result *res, int *was_given, kehu_error *err);

/* Expected spend per purchase of row r under the Gamma-Gamma parameters
 * gg: E[M | x, zbar], the population mean when the customer has no repeat
 * purchase with a positive spend. NaN when undefined. */
double kehu__gg_spend(const double *gg, const kehu_summary_row *r);

#endif
