/* SPDX-License-Identifier: MIT */
/*
 * Internal: stable LSD radix sorts for the classifier's large sorts
 * (percentiles and rankings over every customer, recomputed per period by
 * bridges). They order exactly as a comparison sort with the same key
 * would, up to the order of equal keys, which they keep stable. Keys must
 * not be NaN. A scratch buffer is allocated per call; when that fails
 * they fall back to qsort, so they cannot fail.
 */
#ifndef KEHU_SORT_H
#define KEHU_SORT_H

#include <stddef.h>
#include <stdint.h>

/* A key and the row it belongs to. */
typedef struct kehu__ranked {
    double key;
    size_t row;
} kehu__ranked;

/* A key of x whose unsigned order is x's numeric order (-0.0 as 0.0). */
uint64_t kehu__sort_key(double x);

/* Sort a[0..n) ascending. */
void kehu__sort_doubles(double *a, size_t n);

/* Sort a[0..n) by key descending, equal keys by row ascending (kept in
 * input order, so the input must list equal keys by ascending row). */
void kehu__sort_ranked_desc(kehu__ranked *a, size_t n);

/* The order of n items by three double keys (k1, then k2, then k3, each
 * ascending; equal items in index order): perm[0..n) gets the item
 * indices. Item i's keys are k1[i * stride], k2[i * stride] and
 * k3[i * stride]. Returns 0, or -1 (perm unset) when out of memory. */
int kehu__sort_by3(const double *k1, const double *k2, const double *k3,
                   size_t stride, size_t n, size_t *perm);

/* A 64-bit key and what it belongs to. */
typedef struct kehu__keyed {
    uint64_t key;
    size_t pos;
} kehu__keyed;

/* Sort a[0..n) by key ascending, keeping equal keys in input order.
 * Returns 0, or -1 (a unchanged) when its scratch cannot be allocated. */
int kehu__sort_keyed(kehu__keyed *a, size_t n);

#endif
