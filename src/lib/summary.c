/* SPDX-License-Identifier: MIT */
/*
 * The per-customer summary (docs/summary.md) derived from the ledger as
 * of a date A over a window [since, A). One pass over each customer's
 * activity days: O(active days), so it is cheap to recompute for many
 * as-of dates (core counts, bridges). Rows come out in kehu_ledger_sorted
 * order.
 */
#include "kehu/summary.h"

#include "kehu/alloc.h"
#include "kehu/date.h"

#include <math.h>
#include <string.h>

void kehu_summary_options_init(kehu_summary_options *o)
{
    memset(o, 0, sizeof *o);
    o->as_of_day = KEHU_DAY_NONE;
    o->since_day = KEHU_DAY_NONE;
    o->unit = KEHU_UNIT_DAY;
}

double kehu_unit_days(kehu_unit u)
{
    switch (u) {
    case KEHU_UNIT_WEEK:
        return 7.0;
    case KEHU_UNIT_MONTH:
        return 365.25 / 12.0;
    case KEHU_UNIT_YEAR:
        return 365.25;
    default:
        return 1.0;
    }
}

static double money(int64_t units)
{
    return (double)units / KEHU_MONEY_SCALE;
}

/* Fill row from customer c's activity in [since, as_of); returns 1 when the
 * customer has a purchase day there. */
static int summarize(const kehu_customer *c, int32_t since, int32_t as_of,
                     double unit_days, kehu_summary_row *row)
{
    int64_t amount = 0, cost = 0, discounted = 0, first_amount = 0;
    int64_t orders = 0, last_bin = -1, bins = 0;
    int32_t first = KEHU_DAY_NONE, last = KEHU_DAY_NONE, pdays = 0, year = 0;
    size_t k;

    for (k = 0; k < c->n_days; k++) {
        const kehu_activity *a = &c->days[k];
        if (a->day >= as_of) {
            break;
        }
        if (since != KEHU_DAY_NONE && a->day < since) {
            continue;
        }
        amount += a->amount;
        cost += a->cost;
        discounted += a->discounted;
        orders += a->orders;
        if (a->purchases == 0) {
            continue;
        }
        if (first == KEHU_DAY_NONE) {
            first = a->day;
            first_amount = a->amount;
        }
        last = a->day;
        pdays++;
        if (as_of - a->day <= 365) {
            year++;
        }
        /* Purchase periods: unit-length bins from the first purchase. */
        int64_t bin = (int64_t)floor((double)(a->day - first) / unit_days);
        if (bin != last_bin) {
            bins++;
            last_bin = bin;
        }
    }
    memset(row, 0, sizeof *row);
    row->first_purchase = first;
    row->last_purchase = last;
    row->orders = orders;
    row->purchase_days = pdays;
    row->monetary_total = money(amount);
    row->profit_total = money(amount - cost);
    row->margin = amount != 0 ? (double)(amount - cost) / (double)amount : 0;
    row->discounted_share =
        amount > 0 ? (double)discounted / (double)amount : 0;
    memcpy(row->dim, c->dim, sizeof row->dim);
    if (pdays == 0) {
        return 0;
    }
    row->frequency = (double)(bins - 1);
    row->t_x = (double)(last - first) / unit_days;
    row->T = (double)(as_of - first) / unit_days;
    row->days_since_last = as_of - last;
    row->monetary_avg = money(amount) / pdays;
    row->repeat_monetary_avg =
        pdays > 1 ? money(amount - first_amount) / (pdays - 1) : 0;
    row->days_in_year = year;
    return 1;
}

void kehu_summary_prepare(const kehu_ledger *l, const kehu_summary_options *o,
                          kehu_summary *head)
{
    int32_t last;

    memset(head, 0, sizeof *head);
    kehu_ledger_span(l, NULL, &last);
    head->as_of_day = o->as_of_day;
    if (head->as_of_day == KEHU_DAY_NONE) {
        head->as_of_day = last == KEHU_DAY_NONE ? 0 : last + 1;
    }
    head->since_day = o->since_day;
    head->unit = o->unit;
    head->has_cost = kehu_ledger_has_cost(l);
    head->has_discount = kehu_ledger_has_discount(l);
}

int kehu_summary_row_of(const kehu_ledger *l, const kehu_summary *head,
                        int include_idle, size_t i, kehu_summary_row *row)
{
    kehu_customer c;
    int listed;

    kehu_ledger_customer(l, i, &c);
    listed = summarize(&c, head->since_day, head->as_of_day,
                       kehu_unit_days(head->unit), row) ||
             (include_idle && (c.in_master || c.n_days > 0));
    row->customer = i;
    return listed;
}

kehu_status kehu_summary_compute(const kehu_ledger *l,
                                 const kehu_summary_options *o,
                                 kehu_summary **out)
{
    size_t *order = NULL;
    kehu_status rc;

    *out = NULL;
    rc = kehu_ledger_sorted(l, &order);
    if (rc != KEHU_OK) {
        return rc;
    }
    rc = kehu_summary_compute_ordered(l, o, order, out);
    kehu_free(order);
    return rc;
}

kehu_status kehu_summary_compute_ordered(const kehu_ledger *l,
                                         const kehu_summary_options *o,
                                         const size_t *order,
                                         kehu_summary **out)
{
    kehu_summary *s;
    size_t i, n = kehu_ledger_count(l);

    *out = NULL;
    s = kehu_calloc(1, sizeof *s);
    if (s == NULL) {
        return KEHU_ENOMEM;
    }
    kehu_summary_prepare(l, o, s);
    s->rows = kehu_calloc(n ? n : 1, sizeof *s->rows);
    if (s->rows == NULL) {
        kehu_summary_free(s);
        return KEHU_ENOMEM;
    }
    for (i = 0; i < n; i++) {
        if (kehu_summary_row_of(l, s, o->include_idle, order[i],
                                &s->rows[s->n])) {
            s->n++;
        }
    }
    *out = s;
    return KEHU_OK;
}

void kehu_summary_free(kehu_summary *s)
{
    if (s == NULL) {
        return;
    }
    kehu_free(s->rows);
    kehu_free(s);
}
