/* SPDX-License-Identifier: MIT */
/*
 * Lifecycle counts (see kehu/lifecycle.h). Each customer's purchase days
 * are walked once and turned into his distinct active periods; every
 * active period is new, returning or resurrecting by how it follows the
 * previous one, and the period after each run of active periods (when it
 * is inside the range) gets one dormant.
 */
#include "kehu/lifecycle.h"

#include "kehu/alloc.h"
#include "kehu/date.h"

#include <math.h>
#include <string.h>

void kehu_lifecycle_options_init(kehu_lifecycle_options *o)
{
    memset(o, 0, sizeof *o);
    o->kind = KEHU_PERIOD_MONTH;
    o->by = -1;
    o->as_of_day = KEHU_DAY_NONE;
}

static int counts_day(const kehu_activity *a, int32_t as_of)
{
    return a->purchases > 0 && (as_of == KEHU_DAY_NONE || a->day < as_of);
}

/* First and last period with a purchase; 0 when there is none. */
static int period_span(const kehu_ledger *l, const kehu_lifecycle_options *o,
                       int32_t *first, int32_t *last)
{
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    size_t i, k, n = kehu_ledger_count(l);

    for (i = 0; i < n; i++) {
        kehu_customer c;
        kehu_ledger_customer(l, i, &c);
        for (k = 0; k < c.n_days; k++) {
            if (counts_day(&c.days[k], o->as_of_day)) {
                lo = c.days[k].day < lo ? c.days[k].day : lo;
                hi = c.days[k].day > hi ? c.days[k].day : hi;
            }
        }
    }
    if (lo > hi) {
        return 0;
    }
    *first = kehu_period_of(o->kind, lo);
    *last = kehu_period_of(o->kind, hi);
    return 1;
}

/* Add one customer's periods to the cells of his group; returns 1 when he
 * was active at all. */
static int count_customer(const kehu_customer *c, const kehu_lifecycle *lc,
                          int32_t as_of, kehu_lifecycle_cell *cells)
{
    int32_t prev = INT32_MIN; /* last active period seen, as an offset */
    size_t k;

    for (k = 0; k < c->n_days; k++) {
        int32_t p;

        if (!counts_day(&c->days[k], as_of)) {
            continue;
        }
        p = kehu_period_of(lc->kind, c->days[k].day) - lc->first_period;
        if (p == prev) {
            continue;
        }
        if (prev == INT32_MIN) {
            cells[p].new_customers++;
        } else if (p == prev + 1) {
            cells[p].returning++;
        } else {
            cells[p].resurrecting++;
            cells[prev + 1].dormant++;
        }
        cells[p].active++;
        prev = p;
    }
    if (prev != INT32_MIN && (size_t)prev + 1 < lc->n_periods) {
        cells[prev + 1].dormant++;
    }
    return prev != INT32_MIN;
}

kehu_status kehu_lifecycle_compute(const kehu_ledger *l,
                                   const kehu_lifecycle_options *o,
                                   kehu_lifecycle **out)
{
    kehu_lifecycle *lc;
    int32_t first = 0, last = -1;
    size_t i, n = kehu_ledger_count(l), cells;
    kehu_status rc;

    *out = NULL;
    if ((unsigned)o->kind >= KEHU_PERIOD_COUNT || o->by < -1 ||
        o->by >= KEHU_DIM_COUNT) {
        return KEHU_EINVAL;
    }
    lc = kehu_calloc(1, sizeof *lc);
    if (lc == NULL) {
        return KEHU_ENOMEM;
    }
    lc->kind = o->kind;
    lc->by = o->by;
    lc->n_groups = o->by < 0 ? 1 : kehu_ledger_dim_count(l, (kehu_dim)o->by);
    if (period_span(l, o, &first, &last)) {
        lc->first_period = first;
        lc->n_periods = (size_t)(last - first) + 1;
    }
    if (lc->n_periods > KEHU_PERIOD_MAX ||
        lc->n_periods > KEHU_LIFECYCLE_MAX_CELLS / lc->n_groups) {
        rc = KEHU_ETOOBIG;
        goto fail_lc;
    }
    cells = lc->n_periods * lc->n_groups;
    lc->cells = kehu_calloc(cells ? cells : 1, sizeof *lc->cells);
    lc->group_customers = kehu_calloc(lc->n_groups, sizeof(int64_t));
    if (lc->cells == NULL || lc->group_customers == NULL) {
        rc = KEHU_ENOMEM;
        goto fail_lc;
    }
    for (i = 0; i < n && lc->n_periods > 0; i++) {
        kehu_customer c;
        size_t g;

        kehu_ledger_customer(l, i, &c);
        g = o->by < 0 ? 0 : c.dim[o->by];
        lc->group_customers[g] +=
            count_customer(&c, lc, o->as_of_day, lc->cells + g * lc->n_periods);
    }
    *out = lc;
    return KEHU_OK;

fail_lc:
    kehu_lifecycle_free(lc);
    return rc;
}

void kehu_lifecycle_free(kehu_lifecycle *lc)
{
    if (lc == NULL) {
        return;
    }
    kehu_free(lc->cells);
    kehu_free(lc->group_customers);
    kehu_free(lc);
}

const kehu_lifecycle_cell *kehu_lifecycle_cell_at(const kehu_lifecycle *lc,
                                                  size_t group, size_t p)
{
    return &lc->cells[group * lc->n_periods + p];
}

double kehu_lifecycle_churn_rate(const kehu_lifecycle *lc, size_t group,
                                 size_t p)
{
    const kehu_lifecycle_cell *c;

    if (p == 0 || p >= lc->n_periods) {
        return NAN;
    }
    c = kehu_lifecycle_cell_at(lc, group, p);
    if (c[-1].active == 0) {
        return NAN;
    }
    return (double)c->dormant / (double)c[-1].active;
}
