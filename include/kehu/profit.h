/* SPDX-License-Identifier: MIT */
/*
 * Customer profitability (docs/inputs.md and docs/value.md): per customer
 * revenue, cost of goods, profit and margin from the summary, the service cost
 * charged to him (support, returns handling, visits: the service-costs
 * input), profit after service cost and profit per unit of service cost.
 * Pure computation.
 *
 *   revenue  = monetary_total (returns netted)
 *   cost     = the cost column's total, or revenue * (1 - assumed margin)
 *              when the input has none
 *   profit   = revenue - cost;            margin = profit / revenue
 *   profit_after_service = profit - service_cost
 *   profit_per_service_cost = profit / service_cost (gross profit earned
 *              per unit of service spent; NaN when service_cost is 0)
 */
#ifndef KEHU_PROFIT_H
#define KEHU_PROFIT_H

#include "kehu/summary.h"

typedef struct kehu_profit_row {
    double revenue, cost, profit;
    double margin; /* NaN when revenue is 0 */
    double service_cost;
    double profit_after_service;
    double profit_per_service_cost; /* NaN when service_cost is 0 */
} kehu_profit_row;

/* Totals of any set of rows (kehu_profit_add), with margin and the ratio
 * recomputed from the sums by kehu_profit_finish. */
typedef struct kehu_profit_sum {
    size_t customers;
    kehu_profit_row sum;
} kehu_profit_sum;

/*
 * One row per summary row into out (s->n entries). service_cost: per
 * summary row, currency, or NULL for none. assumed_margin is used only
 * when s->has_cost is 0; pass NaN to require a cost column (KEHU_EINVAL
 * then). KEHU_ERANGE for a negative service cost or an assumed margin
 * above 1.
 */
kehu_status kehu_profit_compute(const kehu_summary *s,
                                const double *service_cost,
                                double assumed_margin, kehu_profit_row *out);

void kehu_profit_add(kehu_profit_sum *acc, const kehu_profit_row *r);
void kehu_profit_finish(kehu_profit_sum *acc);

#endif
