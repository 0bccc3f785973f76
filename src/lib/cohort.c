/* SPDX-License-Identifier: MIT */
/*
 * Cohort tables (see kehu/cohort.h). The table is a full square of
 * periods x offsets; cells past the last observed period stay zero and
 * are reported as unobserved.
 */
#include "kehu/cohort.h"

#include "kehu/alloc.h"
#include "kehu/date.h"

#include <math.h>
#include <string.h>

static int before(int32_t day, int32_t as_of)
{
    return as_of == KEHU_DAY_NONE || day < as_of;
}

/* Periods of the first and the last purchase day over all customers. */
static int purchase_span(const kehu_ledger *l, kehu_period_kind kind,
                         int32_t as_of, int32_t *first, int32_t *last)
{
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    size_t i, k, n = kehu_ledger_count(l);

    for (i = 0; i < n; i++) {
        kehu_customer c;
        kehu_ledger_customer(l, i, &c);
        for (k = 0; k < c.n_days; k++) {
            const kehu_activity *a = &c.days[k];
            if (a->purchases > 0 && before(a->day, as_of)) {
                lo = a->day < lo ? a->day : lo;
                hi = a->day > hi ? a->day : hi;
            }
        }
    }
    if (lo > hi) {
        return 0;
    }
    *first = kehu_period_of(kind, lo);
    *last = kehu_period_of(kind, hi);
    return 1;
}

/* Add one customer to his cohort's row. */
static void add_customer(kehu_cohort *co, const kehu_customer *c, int32_t as_of)
{
    int64_t *active = NULL, *revenue = NULL;
    int32_t cohort = -1, last_active = -1;
    size_t k;

    for (k = 0; k < c->n_days; k++) {
        const kehu_activity *a = &c->days[k];
        int32_t p;

        if (!before(a->day, as_of)) {
            break;
        }
        p = kehu_period_of(co->kind, a->day) - co->first_period;
        if (cohort < 0) {
            if (a->purchases == 0) {
                continue; /* a return before the first purchase */
            }
            cohort = p;
            co->size[cohort]++;
            active = co->active + (size_t)cohort * co->n_periods;
            revenue = co->revenue + (size_t)cohort * co->n_periods;
        }
        revenue[p - cohort] += a->amount;
        if (a->purchases > 0 && p != last_active) {
            active[p - cohort]++;
            last_active = p;
        }
    }
}

kehu_status kehu_cohort_compute(const kehu_ledger *l, kehu_period_kind kind,
                                int32_t as_of_day, kehu_cohort **out)
{
    kehu_cohort *co;
    int32_t first = 0, last = -1;
    size_t i, cells, n = kehu_ledger_count(l);
    kehu_status rc;

    *out = NULL;
    if ((unsigned)kind >= KEHU_PERIOD_COUNT) {
        return KEHU_EINVAL;
    }
    co = kehu_calloc(1, sizeof *co);
    if (co == NULL) {
        return KEHU_ENOMEM;
    }
    co->kind = kind;
    if (purchase_span(l, kind, as_of_day, &first, &last)) {
        co->first_period = first;
        co->n_periods = (size_t)(last - first) + 1;
    }
    if (co->n_periods > KEHU_COHORT_MAX_PERIODS) {
        rc = KEHU_ETOOBIG;
        goto fail_co;
    }
    cells = co->n_periods * co->n_periods;
    co->size = kehu_calloc(co->n_periods + 1, sizeof *co->size);
    co->active = kehu_calloc(cells + 1, sizeof *co->active);
    co->revenue = kehu_calloc(cells + 1, sizeof *co->revenue);
    if (co->size == NULL || co->active == NULL || co->revenue == NULL) {
        rc = KEHU_ENOMEM;
        goto fail_co;
    }
    for (i = 0; i < n && co->n_periods > 0; i++) {
        kehu_customer c;
        kehu_ledger_customer(l, i, &c);
        add_customer(co, &c, as_of_day);
    }
    *out = co;
    return KEHU_OK;

fail_co:
    kehu_cohort_free(co);
    return rc;
}

void kehu_cohort_free(kehu_cohort *co)
{
    if (co == NULL) {
        return;
    }
    kehu_free(co->size);
    kehu_free(co->active);
    kehu_free(co->revenue);
    kehu_free(co);
}

int kehu_cohort_observed(const kehu_cohort *co, size_t cohort, size_t k)
{
    return cohort < co->n_periods && k < co->n_periods - cohort;
}

double kehu_cohort_retention(const kehu_cohort *co, size_t cohort, size_t k)
{
    if (!kehu_cohort_observed(co, cohort, k) || co->size[cohort] == 0) {
        return NAN;
    }
    return (double)co->active[cohort * co->n_periods + k] /
           (double)co->size[cohort];
}

double kehu_cohort_revenue_retention(const kehu_cohort *co, size_t cohort,
                                     size_t k)
{
    const int64_t *row;

    if (!kehu_cohort_observed(co, cohort, k)) {
        return NAN;
    }
    row = co->revenue + cohort * co->n_periods;
    if (row[0] <= 0) {
        return NAN;
    }
    return (double)row[k] / (double)row[0];
}
