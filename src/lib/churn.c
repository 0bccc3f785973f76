/* SPDX-License-Identifier: MIT */
/*
 * Churn early warning and its backtest (kehu/churn.h). One pass over the
 * summary for the gaps and warnings, one sort for the ranking; the
 * backtest reads each eligible customer's activity after A.
 */
#include "kehu/churn.h"

#include "kehu/alloc.h"
#include "kehu/classify.h"
#include "kehu/date.h"
#include "sort.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void kehu_churn_options_init(kehu_churn_options *o)
{
    o->p_alive_below = 0.5;
    o->overdue_ratio = 2.0;
    o->lost_days = 365;
}

/* Median typical gap over repeat buyers (NaN when there is none). */
static kehu_status median_gap(const kehu_summary *s, double *out)
{
    double *w = kehu_malloc((s->n ? s->n : 1) * sizeof *w);
    size_t i, m = 0;

    if (w == NULL) {
        return KEHU_ENOMEM;
    }
    for (i = 0; i < s->n; i++) {
        const kehu_summary_row *r = &s->rows[i];
        if (r->purchase_days >= 2) {
            w[m++] = (double)(r->last_purchase - r->first_purchase) /
                     (double)(r->purchase_days - 1);
        }
    }
    *out = NAN;
    if (m > 0) {
        kehu__sort_doubles(w, m);
        *out = kehu_quantile7(w, m, 1, 2);
    }
    kehu_free(w);
    return KEHU_OK;
}

/* Rank rows[0..m) in place: customers with a warning first, then by value
 * at risk descending, ties in row order (the input's). A stable radix
 * sort by value, then a stable split by warning. */
static kehu_status rank_rows(kehu_churn_row *rows, size_t m)
{
    kehu__keyed *k = kehu_reallocarray(NULL, m ? m : 1, sizeof *k);
    kehu_churn_row *copy = kehu_reallocarray(NULL, m ? m : 1, sizeof *copy);
    size_t i, at = 0;
    int warned;

    if (k == NULL || copy == NULL) {
        kehu_free(k);
        kehu_free(copy);
        return KEHU_ENOMEM;
    }
    for (i = 0; i < m; i++) {
        k[i].key = ~kehu__sort_key(rows[i].value_at_risk); /* descending */
        k[i].pos = i;
    }
    if (kehu__sort_keyed(k, m) != 0) {
        kehu_free(k);
        kehu_free(copy);
        return KEHU_ENOMEM;
    }
    memcpy(copy, rows, m * sizeof *rows);
    for (warned = 1; warned >= 0; warned--) {
        for (i = 0; i < m; i++) {
            if ((copy[k[i].pos].reasons != 0) == warned) {
                rows[at++] = copy[k[i].pos];
            }
        }
    }
    kehu_free(k);
    kehu_free(copy);
    return KEHU_OK;
}

static void score_row(const kehu_summary *s, size_t i, double pa, double median,
                      const kehu_churn_options *o, kehu_churn_row *c)
{
    const kehu_summary_row *r = &s->rows[i];
    double tenure = (double)(s->as_of_day - r->first_purchase);

    memset(c, 0, sizeof *c);
    c->row = i;
    c->p_alive = pa;
    c->gap_days = r->purchase_days >= 2
                      ? (double)(r->last_purchase - r->first_purchase) /
                            (double)(r->purchase_days - 1)
                      : median;
    c->overdue = c->gap_days > 0 ? r->days_since_last / c->gap_days : NAN;
    c->annual_spend = r->monetary_total * 365.25 / fmax(tenure, 365.25);
    c->value_at_risk =
        isfinite(pa) ? c->annual_spend * (1.0 - pa) : c->annual_spend;
    if (isfinite(pa) && pa < o->p_alive_below) {
        c->reasons |= KEHU_CHURN_P_ALIVE;
    }
    if (isfinite(c->overdue) && c->overdue > o->overdue_ratio) {
        c->reasons |= KEHU_CHURN_OVERDUE;
    }
}

kehu_status kehu_churn_score(const kehu_summary *s, const double *p_alive,
                             const kehu_churn_options *o, kehu_churn_row **out,
                             size_t *n)
{
    kehu_churn_row *rows;
    double median;
    size_t i, m = 0;
    kehu_status rc;

    *out = NULL;
    *n = 0;
    if (!(o->p_alive_below >= 0 && o->p_alive_below <= 1) ||
        !(o->overdue_ratio > 0) || o->lost_days < 1) {
        return KEHU_EINVAL;
    }
    rc = median_gap(s, &median);
    if (rc != KEHU_OK) {
        return rc;
    }
    rows = kehu_malloc((s->n ? s->n : 1) * sizeof *rows);
    if (rows == NULL) {
        return KEHU_ENOMEM;
    }
    for (i = 0; i < s->n; i++) {
        const kehu_summary_row *r = &s->rows[i];
        if (r->purchase_days < 1 || r->days_since_last > o->lost_days) {
            continue;
        }
        score_row(s, i, p_alive != NULL ? p_alive[i] : NAN, median, o,
                  &rows[m++]);
    }
    rc = rank_rows(rows, m);
    if (rc != KEHU_OK) {
        kehu_free(rows);
        return rc;
    }
    *out = rows;
    *n = m;
    return KEHU_OK;
}

double kehu_churn_median(double *v, size_t n)
{
    if (n == 0) {
        return NAN;
    }
    kehu__sort_doubles(v, n);
    return kehu_quantile7(v, n, 1, 2);
}

/* 1 when customer c has a purchase day in [from, to). */
static int bought_in(const kehu_customer *c, int32_t from, int32_t to)
{
    size_t j;

    for (j = 0; j < c->n_days; j++) {
        const kehu_activity *a = &c->days[j];
        if (a->day >= from && a->day < to && a->purchases > 0) {
            return 1;
        }
    }
    return 0;
}

kehu_status kehu_churn_backtest(const kehu_ledger *l, const kehu_summary *s,
                                const kehu_churn_row *rows, size_t n,
                                const kehu_churn_options *o,
                                int32_t outcome_days, kehu_churn_eval *out,
                                double *leads)
{
    double *lead;
    size_t i, nl = 0;
    int32_t a = s->as_of_day;

    memset(out, 0, sizeof *out);
    if (outcome_days < 1) {
        return KEHU_EINVAL;
    }
    lead = kehu_malloc((n ? n : 1) * sizeof *lead);
    if (lead == NULL) {
        return KEHU_ENOMEM;
    }
    for (i = 0; i < n; i++) {
        const kehu_summary_row *r = &s->rows[rows[i].row];
        kehu_customer c;
        int churned, warned = rows[i].reasons != 0;

        kehu_ledger_customer(l, r->customer, &c);
        churned = !bought_in(&c, a, a + outcome_days);
        out->customers++;
        out->warned += (size_t)warned;
        out->churned += (size_t)churned;
        if (warned && churned) {
            out->true_pos++;
            lead[nl++] = (double)(r->last_purchase + o->lost_days + 1 - a);
        }
    }
    out->precision =
        out->warned ? (double)out->true_pos / (double)out->warned : NAN;
    out->recall =
        out->churned ? (double)out->true_pos / (double)out->churned : NAN;
    if (leads != NULL) {
        memcpy(leads, lead, nl * sizeof *lead);
    }
    out->median_lead_days = kehu_churn_median(lead, nl);
    kehu_free(lead);
    return KEHU_OK;
}
