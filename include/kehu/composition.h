/* SPDX-License-Identifier: MIT */
/*
 * Customer composition (docs/classification.md): customers grouped by one
 * dimension or two crossed, with counts, revenue and profit and their
 * shares of the total. Groups are identified by caller-chosen keys (a
 * dimension value, a class enum); the caller turns keys into names.
 * Sums are exact (money units), so the groups add up to the total row.
 */
#ifndef KEHU_COMPOSITION_H
#define KEHU_COMPOSITION_H

#include "kehu/status.h"

typedef struct kehu_comp_group {
    uint32_t key[2]; /* key[1] is 0 for one dimension */
    size_t customers;
    double customer_share; /* customers / all customers */
    double revenue;        /* sum of monetary totals (net of returns) */
    double revenue_share;  /* revenue / total revenue; NaN if total <= 0 */
    double profit;
    double profit_share; /* NaN when total profit <= 0 */
} kehu_comp_group;

typedef struct kehu_composition {
    kehu_comp_group *groups; /* revenue descending, then key[0], key[1] */
    size_t n;
    kehu_comp_group total; /* every customer; shares 1 (or NaN) */
} kehu_composition;

/*
 * Group n customers by key1[i] (and key2[i] when key2 is not NULL).
 * revenue[i] and profit[i] are currency (profit may be NULL: zeros).
 * Callers that want groups ordered by name on equal revenue number their
 * keys in name order. OUT: *out, free with kehu_composition_free.
 * KEHU_OK or KEHU_ENOMEM.
 */
kehu_status kehu_composition_compute(size_t n, const uint32_t *key1,
                                     const uint32_t *key2,
                                     const double *revenue,
                                     const double *profit,
                                     kehu_composition **out);
void kehu_composition_free(kehu_composition *c);

#endif
