/* SPDX-License-Identifier: MIT */
/*
 * Customer profitability (kehu/profit.h).
 */
#include "kehu/profit.h"

#include <math.h>
#include <string.h>

static void ratios(kehu_profit_row *r)
{
    r->margin = r->revenue != 0 ? r->profit / r->revenue : NAN;
    r->profit_after_service = r->profit - r->service_cost;
    r->profit_per_service_cost =
        r->service_cost > 0 ? r->profit / r->service_cost : NAN;
}

kehu_status kehu_profit_compute(const kehu_summary *s,
                                const double *service_cost,
                                double assumed_margin, kehu_profit_row *out)
{
    size_t i;

    if (!s->has_cost && isnan(assumed_margin)) {
        return KEHU_EINVAL;
    }
    if (!s->has_cost && !(assumed_margin <= 1 && assumed_margin > -1e6)) {
        return KEHU_ERANGE;
    }
    for (i = 0; i < s->n; i++) {
        const kehu_summary_row *row = &s->rows[i];
        kehu_profit_row *r = &out[i];
        double sc = service_cost != NULL ? service_cost[i] : 0.0;

        if (!(sc >= 0) || !isfinite(sc)) {
            return KEHU_ERANGE;
        }
        memset(r, 0, sizeof *r);
        r->revenue = row->monetary_total;
        r->profit = s->has_cost ? row->profit_total
                                : row->monetary_total * assumed_margin;
        r->cost = r->revenue - r->profit;
        r->service_cost = sc;
        ratios(r);
    }
    return KEHU_OK;
}

void kehu_profit_add(kehu_profit_sum *acc, const kehu_profit_row *r)
{
    acc->customers++;
    acc->sum.revenue += r->revenue;
    acc->sum.cost += r->cost;
    acc->sum.profit += r->profit;
    acc->sum.service_cost += r->service_cost;
}

void kehu_profit_finish(kehu_profit_sum *acc)
{
    ratios(&acc->sum);
}
