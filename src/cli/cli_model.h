/* SPDX-License-Identifier: MIT */
/*
 * Fitting a purchase model (and Gamma-Gamma) from a command: --model
 * names, histories from a summary, the fit with its parameter line on
 * stderr, and the kehu_purchase_model the value commands (clv, holdout,
 * churn, classify --stage-model) evaluate. The models are kehu/model.h's
 * continuous-time purchase models (BG/NBD, Pareto/NBD, MBG/NBD).
 */
#ifndef KEHU_CLI_MODEL_H
#define KEHU_CLI_MODEL_H

#include "cli.h"
#include "kehu/btyd.h"
#include "kehu/clv.h"
#include "kehu/model.h"

/* A fitted model. */
typedef struct cli_model {
    const kehu_model_def *def;
    kehu_fit_result fit;
    kehu_purchase_model m; /* m.params points into fit.params */
} cli_model;

/* Histories (x, t_x, T) of the buying rows of a summary, observed up to
 * end_day (see kehu_clv_history); row[i] is the summary row of history i. */
typedef struct cli_histories {
    double *x, *t_x, *T;
    size_t *row;
    size_t n;
} cli_histories;

/* The model named by option `opt` (default dflt): 0, or 2 after a usage
 * error listing the names. */
int cli_model_parse(cli_ctx *c, const char *opt, const char *dflt,
                    cli_model *out);

/* The names accepted, for messages: "bgnbd, pnbd, mbgnbd". */
const char *cli_model_names(void);

/* Build histories from s up to end_day in units of unit_days. 0 or 1
 * (out of memory, printed). */
int cli_histories_build(cli_ctx *c, const kehu_summary *s, int32_t end_day,
                        double unit_days, cli_histories *out);
void cli_histories_free(cli_histories *h);

/* Fit m on the histories; prints "MODEL: r=... LL=... customers=N" on
 * stderr unless --quiet. With --params v1,v2,... (for commands that take
 * it) the given parameters are used instead of a fit. 0, or 2 after
 * saying why the data cannot be fitted (too few repeat buyers and the
 * like) or the parameters are malformed. */
int cli_model_fit(cli_ctx *c, const cli_histories *h, cli_model *m);

/* Fit m on the summary s (histories up to s->as_of_day in units of
 * unit_days) and return P(alive) per summary row in *out (NaN for a row
 * without a purchase; free with free()). 0, 1 or 2 after a message. */
int cli_model_p_alive(cli_ctx *c, const kehu_summary *s, double unit_days,
                      cli_model *m, double **out);

/* As cli_model_p_alive, and when clv is not NULL also a CLV per row for
 * ranking (SPEC 4 potential tier): the model's expected purchases over
 * one year (discounted 10% a year) times the customer's mean spend per
 * purchase day; NaN for rows without a purchase. Free both with free(). */
int cli_model_values(cli_ctx *c, const kehu_summary *s, double unit_days,
                     cli_model *m, double **p_alive, double **clv);

/* Gamma-Gamma on the repeat buyers of s with a positive repeat spend
 * (x = purchase_days - 1, zbar = repeat_monetary_avg), or the parameters
 * of --gg-params p,q,gamma; OUT: *res. Prints the parameter line unless
 * --quiet. 0, or 2 after a message. */
int cli_gg_fit(cli_ctx *c, const kehu_summary *s, kehu_fit_result *res);

/* Expected spend per purchase of row r under the fitted Gamma-Gamma
 * parameters: E[M | x, zbar], the population mean when the customer has
 * no repeat purchase with a positive spend. NaN when undefined. */
double cli_gg_spend(const double *gg, const kehu_summary_row *r);

/* The model unit in days: --unit (default week, as in the papers). 0, or
 * 2 after a usage error. */
int cli_model_unit(cli_ctx *c, kehu_summary_options *o);

#endif
