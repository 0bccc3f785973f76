/* SPDX-License-Identifier: MIT */
/*
 * Calibration/holdout split and evaluation (kehu/holdout.h). One pass over
 * each customer's activity days; the evaluation is one conditional
 * expectation and (for the fit table) seven pmf values per customer.
 */
#include "kehu/holdout.h"

#include "kehu/alloc.h"
#include "kehu/date.h"

#include <math.h>
#include <string.h>

void kehu_holdout_data_free(kehu_holdout_data *d)
{
    if (d == NULL) {
        return;
    }
    kehu_free(d->x);
    kehu_free(d->t_x);
    kehu_free(d->T);
    kehu_free(d->actual);
    kehu_free(d->customer);
    kehu_free(d);
}

/* Calibration history and holdout count of customer c; 0 when the
 * customer's first purchase is after D. */
static int split_customer(const kehu_customer *c, const kehu_holdout_data *d,
                          size_t k)
{
    int32_t first = KEHU_DAY_NONE, last = KEHU_DAY_NONE;
    double cal_days = 0, hold_days = 0;
    size_t j;

    for (j = 0; j < c->n_days; j++) {
        const kehu_activity *a = &c->days[j];
        if (a->purchases == 0 || a->day > d->hold_end) {
            continue;
        }
        if (a->day <= d->cal_end) {
            if (first == KEHU_DAY_NONE) {
                first = a->day;
            }
            last = a->day;
            cal_days++;
        } else {
            hold_days++;
        }
    }
    if (first == KEHU_DAY_NONE) {
        return 0;
    }
    d->x[k] = cal_days - 1;
    d->t_x[k] = (double)(last - first) / d->unit_days;
    d->T[k] = (double)(d->cal_end - first) / d->unit_days;
    d->actual[k] = hold_days;
    return 1;
}

kehu_status kehu_holdout_split(const kehu_ledger *l, int32_t cal_end,
                               int32_t hold_end, double unit_days,
                               kehu_holdout_data **out)
{
    size_t *order = NULL, i, n = kehu_ledger_count(l), m = n ? n : 1;
    kehu_holdout_data *d;
    kehu_status rc;

    *out = NULL;
    if (hold_end <= cal_end || !(unit_days > 0)) {
        return KEHU_EINVAL;
    }
    d = kehu_calloc(1, sizeof *d);
    if (d == NULL) {
        return KEHU_ENOMEM;
    }
    d->x = kehu_malloc(m * sizeof *d->x);
    d->t_x = kehu_malloc(m * sizeof *d->t_x);
    d->T = kehu_malloc(m * sizeof *d->T);
    d->actual = kehu_malloc(m * sizeof *d->actual);
    d->customer = kehu_malloc(m * sizeof *d->customer);
    if (d->x == NULL || d->t_x == NULL || d->T == NULL || d->actual == NULL ||
        d->customer == NULL) {
        rc = KEHU_ENOMEM;
        goto fail_data;
    }
    rc = kehu_ledger_sorted(l, &order);
    if (rc != KEHU_OK) {
        goto fail_data;
    }
    d->cal_end = cal_end;
    d->hold_end = hold_end;
    d->unit_days = unit_days;
    d->t_holdout = (double)(hold_end - cal_end) / unit_days;
    for (i = 0; i < n; i++) {
        kehu_customer c;
        kehu_ledger_customer(l, order[i], &c);
        if (split_customer(&c, d, d->n)) {
            d->customer[d->n++] = order[i];
        }
    }
    kehu_free(order);
    *out = d;
    return KEHU_OK;

fail_data:
    kehu_holdout_data_free(d);
    return rc;
}

/* The calibration fit: sum over customers of P(X(T_i) = k), k = 0..6,
 * and the rest for 7+. */
static kehu_status expected_counts(const kehu_purchase_model *m,
                                   const kehu_holdout_data *d, double *exp_k)
{
    size_t i;
    int k;

    for (i = 0; i < d->n; i++) {
        double rest = 1.0;
        for (k = 0; k < KEHU_HOLDOUT_BUCKETS - 1; k++) {
            double p;
            kehu_status rc = m->pmf(m->params, k, d->T[i], &p);
            if (rc != KEHU_OK) {
                return rc;
            }
            exp_k[k] += p;
            rest -= p;
        }
        exp_k[KEHU_HOLDOUT_BUCKETS - 1] += fmax(0.0, rest);
    }
    return KEHU_OK;
}

kehu_status kehu_holdout_evaluate(const kehu_purchase_model *m,
                                  const kehu_holdout_data *d,
                                  kehu_holdout_result *out)
{
    size_t i;

    memset(out, 0, sizeof *out);
    for (i = 0; i < d->n; i++) {
        double pred;
        int b = d->x[i] >= KEHU_HOLDOUT_BUCKETS - 1 ? KEHU_HOLDOUT_BUCKETS - 1
                                                    : (int)d->x[i];
        kehu_status rc = m->conditional(m->params, d->x[i], d->t_x[i], d->T[i],
                                        d->t_holdout, &pred);
        if (rc != KEHU_OK) {
            return rc;
        }
        out->bucket[b].customers += 1;
        out->bucket[b].actual += d->actual[i];
        out->bucket[b].predicted += pred;
        out->total.customers += 1;
        out->total.actual += d->actual[i];
        out->total.predicted += pred;
        out->cal_actual[b] += 1;
    }
    if (m->pmf != NULL) {
        kehu_status rc = expected_counts(m, d, out->cal_expected);
        if (rc != KEHU_OK) {
            return rc;
        }
        out->has_cal_expected = 1;
    }
    return KEHU_OK;
}
