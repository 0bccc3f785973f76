/* SPDX-License-Identifier: MIT */
/*
 * Churn early warning (docs/counts.md): the customers whose P(alive)
 * fell below a threshold or whose overdue ratio rose above one, ranked
 * by value at risk, and the backtest of those warnings.
 *
 * Definitions (days, as of A):
 *   eligible      a customer with a purchase whose days_since_last is at
 *                 most lost_days (365: past it the lifecycle stage calls him
 * churned already; a warning comes before that); gap_days      typical
 * inter-purchase gap: (last - first) / (purchase_days - 1) for a repeat buyer;
 * for a one-time buyer the median of that over the repeat buyers (type 7);
 *   overdue       days_since_last / gap_days;
 *   annual_spend  monetary_total * 365.25 / max(A - first_purchase,
 *                 365.25): spend per year of tenure, a first year counted
 *                 as a whole year;
 *   value_at_risk annual_spend * (1 - P(alive)): the yearly revenue
 *                 expected to be lost; annual_spend without a model.
 * A warning is raised when P(alive) < p_alive_below (with a model) or
 * overdue > overdue_ratio.
 *
 * Backtest at a cut-off A: the outcome "churned" is no purchase day in
 * [A, A + outcome_days); precision = warned and churned / warned, recall
 * = warned and churned / churned, over the eligible customers. Lead time
 * of a true warning = (last_purchase + lost_days + 1) - A: the days by
 * which the warning precedes the day rule (days_since_last > lost_days)
 * labelling the same lapse as churned.
 */
#ifndef KEHU_CHURN_H
#define KEHU_CHURN_H

#include "kehu/summary.h"

#define KEHU_CHURN_P_ALIVE 1u /* P(alive) below the threshold */
#define KEHU_CHURN_OVERDUE 2u /* overdue ratio above the threshold */

typedef struct kehu_churn_options {
    double p_alive_below; /* 0.5 */
    double overdue_ratio; /* 2 */
    int32_t lost_days;    /* 365 */
} kehu_churn_options;

void kehu_churn_options_init(kehu_churn_options *o);

typedef struct kehu_churn_row {
    size_t row;           /* summary row */
    unsigned reasons;     /* KEHU_CHURN_* bits; 0 = no warning */
    double p_alive;       /* NaN without a model */
    double gap_days;      /* NaN when no typical gap exists */
    double overdue;       /* days_since_last / gap_days, or NaN */
    double annual_spend;  /* currency per year */
    double value_at_risk; /* currency per year */
} kehu_churn_row;

/*
 * Score every eligible customer of s. p_alive is per summary row (NULL:
 * no model; NaN entries: no model value for that row). OUT: *out, *n
 * eligible rows, warned ones first by value_at_risk descending, then the
 * others by the same order; ties by summary row (id order). Free with
 * kehu_free. KEHU_EINVAL for bad options, KEHU_ENOMEM.
 */
kehu_status kehu_churn_score(const kehu_summary *s, const double *p_alive,
                             const kehu_churn_options *o, kehu_churn_row **out,
                             size_t *n);

typedef struct kehu_churn_eval {
    size_t customers; /* eligible at the cut-off */
    size_t warned;
    size_t churned;          /* no purchase in [A, A + outcome_days) */
    size_t true_pos;         /* warned and churned */
    double precision;        /* NaN when nobody was warned */
    double recall;           /* NaN when nobody churned */
    double median_lead_days; /* NaN without true positives */
} kehu_churn_eval;

/* Compare the scored rows (as kehu_churn_score gave them for summary s of
 * ledger l as of s->as_of_day) with what the ledger shows after A.
 * OUT: *out; leads (NULL, or room for n) gets the lead time of each true
 * warning, out->true_pos of them, for pooling over cut-offs.
 * KEHU_EINVAL when outcome_days < 1, KEHU_ENOMEM. */
kehu_status kehu_churn_backtest(const kehu_ledger *l, const kehu_summary *s,
                                const kehu_churn_row *rows, size_t n,
                                const kehu_churn_options *o,
                                int32_t outcome_days, kehu_churn_eval *out,
                                double *leads);

/* Median of n lead times (sorts them in place); NaN when n is 0. */
double kehu_churn_median(double *v, size_t n);

#endif
