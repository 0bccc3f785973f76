/* SPDX-License-Identifier: MIT */
/*
 * Point-in-time classification over periods (docs/classification.md and
 * docs/counts.md): each customer's base state as of a date, the customer-count
 * bridge per period, dimension value and tier, and the migration matrix between
 * two dates.
 *
 * A state as of day A is exactly what classification as of A says: the
 * summary of kehu_summary_compute as of A (A exclusive, over all history
 * or a trailing window), classified by kehu_classify with the same
 * standard, so the bridge, `classify --as-of` and core counts agree by
 * construction. The active base is the customers with a purchase whose
 * stage is not churned; their tier is core, potential or ordinary.
 *
 * The bridge of a period [D, E) per tier T, over the customers of one
 * dimension value (a customer's dimension value is fixed in the ledger):
 *   start        in the base with tier T as of D;
 *   new          first purchase ever in [D, E), in the base with T as of E;
 *   resurrected  bought before D, outside the base as of D, in it with T
 *                as of E;
 *   churned      with T as of D, outside the base as of E;
 *   moved_in     in the base at both ends, another tier as of D, T as of E;
 *   moved_out    in the base at both ends, T as of D, another tier as of E;
 *   end          in the base with tier T as of E;
 * so start + new + resurrected - churned + moved_in - moved_out = end, and
 * each period's end is the next period's start. A first purchase that is
 * already outside the base at E (possible only when a period is longer
 * than the churn threshold) is in neither new nor end.
 *
 * Cost (all history): each customer's activity days are read once over
 * all the boundaries (cursors that advance period by period), and each
 * boundary costs one classification of packed rows (its sorts and a few
 * passes over 32 bytes per buyer); with a trailing window, one summary
 * and one classification per boundary. See docs/internals/bridge.md.
 */
#ifndef KEHU_BRIDGE_H
#define KEHU_BRIDGE_H

#include "kehu/classify.h"
#include "kehu/period.h"

/* A customer's place as of a date. */
typedef enum kehu_base_state {
    KEHU_BASE_PROSPECT = 0, /* no purchase before the date */
    KEHU_BASE_CORE,         /* in the active base, tier core */
    KEHU_BASE_POTENTIAL,
    KEHU_BASE_ORDINARY,
    KEHU_BASE_CHURNED, /* bought before, outside the base now (stage
                          churned, or no purchase in the window) */
    KEHU_BASE_COUNT
} kehu_base_state;

#define KEHU_BRIDGE_TIERS 3 /* core, potential, ordinary */

/* Cap on periods x groups (the same reasoning as lifecycle counts). */
#define KEHU_BRIDGE_MAX_CELLS ((size_t)1 << 24)

typedef struct kehu_bridge_options {
    kehu_period_kind kind;
    int by;               /* a kehu_dim, or -1 for one group */
    kehu_unit unit;       /* summary unit (does not change classes) */
    int32_t window_days;  /* 0: all history before each date; else only
                             the window_days days before it */
    int32_t first_period; /* INT32_MIN: the first period with a purchase */
    int32_t last_period;  /* INT32_MIN: the last period with a purchase */
} kehu_bridge_options;

/* Defaults: months, one group, days, all history, the data's periods. */
void kehu_bridge_options_init(kehu_bridge_options *o);

typedef struct kehu_bridge_cell {
    int64_t start;
    int64_t new_customers;
    int64_t resurrected;
    int64_t churned;
    int64_t moved_in;
    int64_t moved_out;
    int64_t end;
} kehu_bridge_cell;

typedef struct kehu_bridge {
    kehu_period_kind kind;
    int by;
    int32_t first_period; /* period index of offset 0 */
    size_t n_periods;
    size_t n_groups;          /* 1, or the number of dim values */
    int64_t *group_customers; /* customers per group ever in the base */
    kehu_bridge_cell *cells;  /* [(p * n_groups + g) * 3 + tier - 1] */
} kehu_bridge;

/* State of every ledger customer as of as_of_day (exclusive) under std,
 * with o's unit and window. state has kehu_ledger_count(l) entries
 * (indexed by ledger customer). Returns KEHU_OK, or the status of
 * kehu_summary_compute / kehu_classify (KEHU_EINVAL for a bad standard,
 * KEHU_ENOMEM). */
kehu_status kehu_base_states(const kehu_ledger *l, const kehu_standards *std,
                             const kehu_bridge_options *o, int32_t as_of_day,
                             uint8_t *state);

/* For kehu_tiers_over_dates: the classes (tiers, ABCD and whether
 * churned are set; scores too) of the head->n customers with a purchase
 * in the window as of date number d, customer[r] being row r's ledger
 * index. Another status than KEHU_OK stops the run and is returned. */
typedef kehu_status (*kehu_tiers_fn)(void *ctx, size_t d,
                                     const kehu_summary *head,
                                     const size_t *customer,
                                     const kehu_class *cls);

/* The classification as of each of n_dates rising dates, over all history
 * (window_days 0, since_day KEHU_DAY_NONE), the window_days days before
 * each date, or from since_day on: what kehu_summary_compute and
 * kehu_classify give there, made as the bridge makes it (every activity
 * day read once over all the dates). KEHU_EINVAL for falling dates, both
 * kinds of window, or a bad standard. */
kehu_status kehu_tiers_over_dates(const kehu_ledger *l,
                                  const kehu_standards *std,
                                  const int32_t *as_of, size_t n_dates,
                                  int32_t window_days, int32_t since_day,
                                  kehu_tiers_fn fn, void *ctx);

/* The bridge over the periods of o. OUT: *out, free with
 * kehu_bridge_free. Returns KEHU_EINVAL (bad kind, dimension, period
 * range or standard), KEHU_ETOOBIG (more than KEHU_PERIOD_MAX periods or
 * KEHU_BRIDGE_MAX_CELLS period x group cells), KEHU_ENOMEM. */
kehu_status kehu_bridge_compute(const kehu_ledger *l, const kehu_standards *std,
                                const kehu_bridge_options *o,
                                kehu_bridge **out);
void kehu_bridge_free(kehu_bridge *b);

/* The cell of period offset p, group g and tier (KEHU_BASE_CORE ..
 * KEHU_BASE_ORDINARY). */
const kehu_bridge_cell *kehu_bridge_cell_at(const kehu_bridge *b, size_t p,
                                            size_t g, kehu_base_state tier);

/* The migration matrix between two dates: m[from * KEHU_BASE_COUNT + to]
 * counts the customers in state `from` as of from_day and `to` as of
 * to_day (m has KEHU_BASE_COUNT^2 entries). Prospects at both dates count
 * only when known by to_day (in the customer master, signed up before it,
 * or with activity before it), so customers who appear later are not in
 * the matrix. Returns as kehu_base_states. */
kehu_status kehu_migration(const kehu_ledger *l, const kehu_standards *std,
                           const kehu_bridge_options *o, int32_t from_day,
                           int32_t to_day, int64_t *m);

/* Machine and Chinese names of a state ("core", "核心客户"). */
const char *kehu_base_state_name(kehu_base_state s);
const char *kehu_base_state_zh(kehu_base_state s);

#endif
