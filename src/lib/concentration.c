/* SPDX-License-Identifier: MIT */
/*
 * Revenue concentration: see kehu/concentration.h. Sorts a copy of the
 * values once (O(n log n)); every figure comes from the cumulative shares.
 * Gini is computed exactly as 2 x (area under the Pareto curve) - 1, the
 * trapezoid sum over the n steps, which equals the textbook
 * sum((2i - n - 1) x_i) / (n sum x) over ascending values. Sums are
 * taken in integer money units, as ABCD does, so that n_for_80 is exactly
 * the number of class A customers.
 */
#include "kehu/concentration.h"

#include "kehu/alloc.h"
#include "kehu/txn.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_desc(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

    return (x < y) - (x > y);
}

kehu_status kehu_concentration_compute(const double *values, size_t n,
                                       kehu_concentration *out)
{
    int64_t *u, total = 0, cum = 0;
    double *v, area = 0;
    size_t i, k;

    memset(out, 0, sizeof *out);
    out->n = n;
    u = kehu_calloc(n > 0 ? n : 1, sizeof *u);
    v = kehu_calloc(n > 0 ? n : 1, sizeof *v);
    if (u == NULL || v == NULL) {
        kehu_free(v);
        kehu_free(u);
        return KEHU_ENOMEM;
    }
    for (i = 0; i < n; i++) {
        int64_t x = (int64_t)llround(values[i] * KEHU_MONEY_SCALE);
        u[i] = x > 0 ? x : 0;
        total += u[i];
    }
    qsort(u, n, sizeof *u, cmp_desc);
    out->revenue = (double)total / KEHU_MONEY_SCALE;
    if (total <= 0) {
        for (k = 0; k < KEHU_PARETO_POINTS; k++) {
            out->pareto[k] = NAN;
        }
        out->top20_share = out->share_for_80 = out->gini = NAN;
        kehu_free(v);
        kehu_free(u);
        return KEHU_OK;
    }
    /* v[i]: the cumulative share of the best i + 1 customers. */
    for (i = 0; i < n; i++) {
        double prev = (double)cum / (double)total;
        cum += u[i];
        v[i] = (double)cum / (double)total;
        area += (prev + v[i]) / 2;
        if (out->n_for_80 == 0 && v[i] >= 0.80) {
            out->n_for_80 = i + 1;
        }
    }
    v[n - 1] = 1; /* no rounding drift at the end */
    out->gini = 2 * area / (double)n - 1;
    for (k = 0; k < KEHU_PARETO_POINTS; k++) {
        /* x = k / 20 of n customers, at position x n on the step grid. */
        size_t num = k * n, lo = num / 20;
        double frac = (double)(num % 20) / 20.0;
        double y_lo = lo == 0 ? 0 : v[lo - 1];
        double y_hi = lo < n ? v[lo] : 1;
        out->pareto[k] = y_lo + frac * (y_hi - y_lo);
    }
    out->top20_share = out->pareto[4];
    out->share_for_80 = (double)out->n_for_80 / (double)n;
    kehu_free(v);
    kehu_free(u);
    return KEHU_OK;
}
