/* SPDX-License-Identifier: MIT */
/*
 * Lifecycle counts per period (docs/counts.md), as product-analytics
 * tools define them. A customer is active in a period when he has at least
 * one purchase day in it. For each period p:
 *   new           first purchase ever is in p;
 *   returning     active in p and in p - 1;
 *   resurrecting  active in p, not in p - 1, active in some period before;
 *   dormant       active in p - 1, not in p (once per lapse: a customer who
 *                 stays away for three periods is dormant only in the first);
 *   active        = new + returning + resurrecting;
 *   churn rate    = dormant / active in p - 1.
 * Periods run from the first to the last period with a purchase. Derived
 * from the ledger alone (one walk over each customer's days); no I/O.
 */
#ifndef KEHU_LIFECYCLE_H
#define KEHU_LIFECYCLE_H

#include "kehu/ledger.h"
#include "kehu/period.h"

/* Cap on periods x groups, so a day-level run over decades by a
 * high-cardinality dimension fails cleanly instead of exhausting memory. */
#define KEHU_LIFECYCLE_MAX_CELLS ((size_t)1 << 26)

typedef struct kehu_lifecycle_options {
    kehu_period_kind kind;
    int by;            /* a kehu_dim to group by, or -1 for one group */
    int32_t as_of_day; /* ignore activity on or after this day;
                          KEHU_DAY_NONE = use everything */
} kehu_lifecycle_options;

/* Defaults: months, no grouping, all activity. */
void kehu_lifecycle_options_init(kehu_lifecycle_options *o);

typedef struct kehu_lifecycle_cell {
    int64_t new_customers;
    int64_t returning;
    int64_t resurrecting;
    int64_t dormant; /* a count (>= 0); reports show it negative */
    int64_t active;
} kehu_lifecycle_cell;

typedef struct kehu_lifecycle {
    kehu_period_kind kind;
    int by;                     /* as in the options */
    int32_t first_period;       /* period index of cells[.. + 0] */
    size_t n_periods;           /* 0 when there is no purchase */
    size_t n_groups;            /* 1, or the number of dim values */
    int64_t *group_customers;   /* buying customers per group */
    kehu_lifecycle_cell *cells; /* [group * n_periods + period offset] */
} kehu_lifecycle;

/* Count the lifecycle of every customer of l. With o->by >= 0 the groups
 * are the interned values of that dimension (0 = unknown), each customer
 * in the group of his dimension value. OUT: *out, free with
 * kehu_lifecycle_free. Returns KEHU_EINVAL (bad kind or dimension),
 * KEHU_ETOOBIG (more than KEHU_PERIOD_MAX periods or KEHU_LIFECYCLE_MAX_CELLS
 * cells), KEHU_ENOMEM. */
kehu_status kehu_lifecycle_compute(const kehu_ledger *l,
                                   const kehu_lifecycle_options *o,
                                   kehu_lifecycle **out);
void kehu_lifecycle_free(kehu_lifecycle *lc);

/* The cell of a group and period offset (0 <= p < n_periods). */
const kehu_lifecycle_cell *kehu_lifecycle_cell_at(const kehu_lifecycle *lc,
                                                  size_t group, size_t p);

/* dormant(p) / active(p - 1); NaN for the first period or when nobody
 * was active in p - 1. */
double kehu_lifecycle_churn_rate(const kehu_lifecycle *lc, size_t group,
                                 size_t p);

#endif
