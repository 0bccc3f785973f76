/* SPDX-License-Identifier: MIT */
/*
 * Cohort retention (docs/counts.md): a customer's cohort is the period
 * of his first purchase; cell (cohort, k) counts the cohort's customers
 * active (with a purchase day) k periods later, and the cohort's revenue
 * in that period (every activity day's amount, returns included). Shares
 * are cell / cohort size and cell revenue / the revenue of period k = 0.
 * Derived from the ledger in one walk over each customer's days; no I/O.
 */
#ifndef KEHU_COHORT_H
#define KEHU_COHORT_H

#include "kehu/ledger.h"
#include "kehu/period.h"

/* Cap on periods: the table is periods x periods. */
#define KEHU_COHORT_MAX_PERIODS 4096

typedef struct kehu_cohort {
    kehu_period_kind kind;
    int32_t first_period; /* period index of cohort 0 */
    size_t n_periods;     /* cohorts and offsets k = 0 .. n_periods - 1 */
    int64_t *size;        /* customers per cohort */
    int64_t *active;      /* [cohort * n_periods + k] customers */
    int64_t *revenue;     /* [cohort * n_periods + k] money units */
} kehu_cohort;

/* Cohort table of every buying customer of l, counting activity before
 * as_of_day (KEHU_DAY_NONE: all). Periods run from the first to the last
 * with a purchase. OUT: *out, free with kehu_cohort_free. Returns
 * KEHU_EINVAL (bad kind), KEHU_ETOOBIG (more than KEHU_COHORT_MAX_PERIODS
 * periods), KEHU_ENOMEM. */
kehu_status kehu_cohort_compute(const kehu_ledger *l, kehu_period_kind kind,
                                int32_t as_of_day, kehu_cohort **out);
void kehu_cohort_free(kehu_cohort *co);

/* 1 when cell (cohort, k) lies inside the observed periods. */
int kehu_cohort_observed(const kehu_cohort *co, size_t cohort, size_t k);

/* Share of the cohort active k periods later; NaN for an empty cohort or
 * an unobserved cell. */
double kehu_cohort_retention(const kehu_cohort *co, size_t cohort, size_t k);

/* Revenue k periods later / revenue in the first period; NaN for an
 * unobserved cell or when the first period's revenue is not positive. */
double kehu_cohort_revenue_retention(const kehu_cohort *co, size_t cohort,
                                     size_t k);

#endif
