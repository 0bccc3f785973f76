/* SPDX-License-Identifier: MIT */
/*
 * Customer lifetime value from a fitted purchase model (BG/NBD, MBG/NBD,
 * Pareto/NBD) and a spend per purchase (Gamma-Gamma or the customer's
 * mean): P(alive), expected purchases over a horizon, expected spend and
 * the discounted CLV. Pure computation, no allocation.
 *
 * Discounting convention (stated once, used everywhere):
 *   d        the ANNUAL discount rate (0.10 = 10% a year);
 *   d_unit   the rate per model unit, (1 + d)^(unit_days / 365.25) - 1,
 *            so 52.18 weekly discounts compound to exactly one annual one
 *            (an annual rate applied per week is the known CLVTools trap);
 *   E_k      E[X(k) | x, t_x, T], the expected purchases in (T, T + k];
 *   CLV      = margin * spend * sum_{k=1..H} (E_k - E_{k-1}) / (1+d_unit)^k
 * with E_0 = 0: the purchases expected in the k-th future unit period are
 * discounted as if made at its end. With d = 0 it is margin * spend * E_H.
 *
 * Model histories: x = repeat purchase DAYS (purchase days - 1, as in the
 * papers, whatever the unit), t_x and T in model units from the first
 * purchase; kehu_clv_history derives them from a summary row.
 */
#ifndef KEHU_CLV_H
#define KEHU_CLV_H

#include "kehu/status.h"
#include "kehu/summary.h"

#include <stdint.h>

/* A fitted purchase model: its parameters and the functions CLV, holdout
 * and churn need. Borrowed pointers; pmf may be NULL when the model has
 * no closed form for P(X(t) = x). */
typedef struct kehu_purchase_model {
    const char *name;     /* "bgnbd" */
    const double *params; /* the model's parameters, natural scale */
    double (*p_alive)(const double *p, double x, double t_x, double T);
    kehu_status (*conditional)(const double *p, double x, double t_x, double T,
                               double t, double *out);
    kehu_status (*pmf)(const double *p, double x, double t, double *out);
} kehu_purchase_model;

#define KEHU_CLV_MAX_HORIZON 100000 /* unit periods */

typedef struct kehu_clv_options {
    long horizon;     /* H, whole model units, 1..KEHU_CLV_MAX_HORIZON */
    double unit_days; /* days in one model unit (7 for weeks) */
    double discount;  /* annual rate d, 0 <= d < 10 */
    double margin;    /* share of spend kept as profit (1: revenue CLV) */
} kehu_clv_options;

/* Defaults: 52 units of 7 days, 10% a year, margin 1. */
void kehu_clv_options_init(kehu_clv_options *o);

typedef struct kehu_clv_value {
    double p_alive;
    double expected_purchases; /* E[X(H) | history], undiscounted */
    double spend;              /* expected spend per purchase, currency */
    double expected_spend;     /* spend * expected_purchases */
    double clv;                /* discounted, times margin */
} kehu_clv_value;

/* The per-unit rate (1 + annual)^(unit_days / 365.25) - 1. KEHU_ERANGE
 * when annual is not in [0, 10) or unit_days <= 0. */
kehu_status kehu_clv_unit_rate(double annual, double unit_days, double *out);

/* Check o: KEHU_ERANGE for a horizon outside 1..KEHU_CLV_MAX_HORIZON, a
 * bad rate or unit, a negative or non-finite margin. */
kehu_status kehu_clv_check(const kehu_clv_options *o);

/* The value of one customer with history (x, t_x, T) and expected spend
 * per purchase `spend`. OUT: *out. KEHU_ERANGE for an invalid history or
 * options, or the model's error. */
kehu_status kehu_clv_customer(const kehu_purchase_model *m,
                              const kehu_clv_options *o, double x, double t_x,
                              double T, double spend, kehu_clv_value *out);

/* kehu_clv_customer for n customers (out[i] for x[i], t_x[i], T[i],
 * spend[i]), the same values; customers with the same history share the
 * model's work (H conditional expectations each), done once per distinct
 * history. KEHU_ENOMEM, or the first error of a customer (out then
 * partly filled). */
kehu_status kehu_clv_customers(const kehu_purchase_model *m,
                               const kehu_clv_options *o, size_t n,
                               const double *x, const double *t_x,
                               const double *T, const double *spend,
                               kehu_clv_value *out);

/* The model history of a summary row observed up to end_day (for a
 * summary as of A, end_day = A; for a calibration period ending on D
 * inclusive, end_day = D): x = purchase_days - 1, t_x = (last - first) /
 * unit_days, T = (end_day - first) / unit_days. KEHU_EINVAL when the row
 * has no purchase; KEHU_ERANGE when end_day < last purchase. */
kehu_status kehu_clv_history(const kehu_summary_row *r, int32_t end_day,
                             double unit_days, double *x, double *t_x,
                             double *T);

#endif
