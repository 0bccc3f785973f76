/* SPDX-License-Identifier: MIT */
/*
 * Calibration/holdout validation of a purchase model (docs/value.md),
 * as in the BTYD papers: the calibration period holds the purchases on or
 * before D (inclusive) and T = D - first purchase; the holdout holds the
 * purchase days after D up to E (inclusive). The cohort is every customer
 * whose first purchase is on or before D. Counting is by purchase day,
 * the same as the model's x (several orders on a day are one purchase).
 *
 * kehu_holdout_split extracts the histories and holdout counts from the
 * ledger; kehu_holdout_evaluate compares a model fitted on them with what
 * happened: predicted vs actual holdout repeat purchases in total and per
 * calibration frequency (0..6, 7+), and the calibration fit (customers
 * with 0, 1, ..., 7+ repeat purchases, actual vs sum_i P(X(T_i) = x)).
 */
#ifndef KEHU_HOLDOUT_H
#define KEHU_HOLDOUT_H

#include "kehu/clv.h"
#include "kehu/ledger.h"

#define KEHU_HOLDOUT_BUCKETS 8 /* x = 0..6 and 7+ */

typedef struct kehu_holdout_data {
    double *x;        /* calibration repeat purchase days */
    double *t_x;      /* first to last calibration purchase, units */
    double *T;        /* first purchase to D, units */
    double *actual;   /* purchase days in (D, E] */
    size_t *customer; /* ledger index */
    size_t n;         /* customers in the cohort */
    int32_t cal_end;  /* D */
    int32_t hold_end; /* E */
    double unit_days;
    double t_holdout; /* (E - D) / unit_days */
} kehu_holdout_data;

/* Split the ledger at D (cal_end, inclusive) with the holdout up to E
 * (hold_end, inclusive). OUT: *out, free with kehu_holdout_data_free.
 * KEHU_EINVAL when E <= D or unit_days <= 0; KEHU_ENOMEM. A cohort of
 * zero customers is not an error (n = 0). */
kehu_status kehu_holdout_split(const kehu_ledger *l, int32_t cal_end,
                               int32_t hold_end, double unit_days,
                               kehu_holdout_data **out);
void kehu_holdout_data_free(kehu_holdout_data *d);

typedef struct kehu_holdout_bucket {
    double customers; /* cohort customers with this calibration x */
    double actual;    /* their holdout repeat purchases */
    double predicted; /* sum of E[Y(t_holdout) | x, t_x, T] */
} kehu_holdout_bucket;

typedef struct kehu_holdout_result {
    kehu_holdout_bucket bucket[KEHU_HOLDOUT_BUCKETS];
    kehu_holdout_bucket total;
    double cal_actual[KEHU_HOLDOUT_BUCKETS];   /* customers with x = k */
    double cal_expected[KEHU_HOLDOUT_BUCKETS]; /* sum_i P(X(T_i) = k);
                                                  7+: the rest */
    int has_cal_expected;                      /* 0 when the model has no pmf */
} kehu_holdout_result;

/* Evaluate model m (fitted on d's histories). OUT: *out. KEHU_ERANGE or
 * the model's error for an invalid history. */
kehu_status kehu_holdout_evaluate(const kehu_purchase_model *m,
                                  const kehu_holdout_data *d,
                                  kehu_holdout_result *out);

#endif
