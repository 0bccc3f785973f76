/* SPDX-License-Identifier: MIT */
/*
 * Customer composition: see kehu/composition.h. One sort of the customer
 * indices by key pair, one pass to form groups, one sort of the groups.
 * Money is summed in integer units of KEHU_MONEY_SCALE so that group sums
 * add up exactly to the total; it does not know what the keys mean.
 */
#include "kehu/composition.h"

#include "kehu/alloc.h"
#include "kehu/txn.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct item {
    uint32_t key[2];
    int64_t revenue, profit; /* money units */
} item;

static int cmp_item(const void *a, const void *b)
{
    const item *x = a, *y = b;

    if (x->key[0] != y->key[0]) {
        return x->key[0] < y->key[0] ? -1 : 1;
    }
    return (x->key[1] > y->key[1]) - (x->key[1] < y->key[1]);
}

static int cmp_group(const void *a, const void *b)
{
    const kehu_comp_group *x = a, *y = b;

    if (x->revenue != y->revenue) {
        return x->revenue < y->revenue ? 1 : -1;
    }
    if (x->key[0] != y->key[0]) {
        return x->key[0] < y->key[0] ? -1 : 1;
    }
    return (x->key[1] > y->key[1]) - (x->key[1] < y->key[1]);
}

static int64_t units(double currency)
{
    return (int64_t)llround(currency * KEHU_MONEY_SCALE);
}

static double share(int64_t part, int64_t total)
{
    return total > 0 ? (double)part / (double)total : NAN;
}

void kehu_composition_free(kehu_composition *c)
{
    if (c == NULL) {
        return;
    }
    kehu_free(c->groups);
    kehu_free(c);
}

kehu_status kehu_composition_compute(size_t n, const uint32_t *key1,
                                     const uint32_t *key2,
                                     const double *revenue,
                                     const double *profit,
                                     kehu_composition **out)
{
    kehu_composition *c;
    item *it;
    int64_t *sums; /* revenue, profit per group */
    int64_t tr = 0, tp = 0;
    size_t i, g = 0, cap = n > 0 ? n : 1;

    *out = NULL;
    c = kehu_calloc(1, sizeof *c);
    if (c == NULL) {
        goto fail;
    }
    it = kehu_calloc(cap, sizeof *it);
    if (it == NULL) {
        goto fail_c;
    }
    c->groups = kehu_calloc(cap, sizeof *c->groups);
    if (c->groups == NULL) {
        goto fail_it;
    }
    sums = kehu_calloc(cap * 2, sizeof *sums);
    if (sums == NULL) {
        goto fail_groups;
    }
    for (i = 0; i < n; i++) {
        it[i].key[0] = key1[i];
        it[i].key[1] = key2 != NULL ? key2[i] : 0;
        it[i].revenue = units(revenue[i]);
        it[i].profit = profit != NULL ? units(profit[i]) : 0;
        tr += it[i].revenue;
        tp += it[i].profit;
    }
    qsort(it, n, sizeof *it, cmp_item);
    for (i = 0; i < n; i++) {
        kehu_comp_group *gr;
        if (i == 0 || cmp_item(&it[i - 1], &it[i]) != 0) {
            g++;
            c->groups[g - 1].key[0] = it[i].key[0];
            c->groups[g - 1].key[1] = it[i].key[1];
        }
        gr = &c->groups[g - 1];
        gr->customers++;
        sums[2 * (g - 1)] += it[i].revenue;
        sums[2 * (g - 1) + 1] += it[i].profit;
    }
    for (i = 0; i < g; i++) {
        kehu_comp_group *gr = &c->groups[i];
        gr->customer_share = (double)gr->customers / (double)n;
        gr->revenue = (double)sums[2 * i] / KEHU_MONEY_SCALE;
        gr->revenue_share = share(sums[2 * i], tr);
        gr->profit = (double)sums[2 * i + 1] / KEHU_MONEY_SCALE;
        gr->profit_share = share(sums[2 * i + 1], tp);
    }
    qsort(c->groups, g, sizeof *c->groups, cmp_group);
    c->n = g;
    c->total.customers = n;
    c->total.customer_share = n > 0 ? 1 : NAN;
    c->total.revenue = (double)tr / KEHU_MONEY_SCALE;
    c->total.revenue_share = share(tr, tr);
    c->total.profit = (double)tp / KEHU_MONEY_SCALE;
    c->total.profit_share = share(tp, tp);
    kehu_free(sums);
    kehu_free(it);
    *out = c;
    return KEHU_OK;

fail_groups:
    kehu_free(c->groups);
fail_it:
    kehu_free(it);
fail_c:
    kehu_free(c);
fail:
    return KEHU_ENOMEM;
}
