/* SPDX-License-Identifier: MIT */
/*
 * Radix sorts (see sort.h). A double maps to a 64-bit key whose unsigned
 * order is the numeric order (flip every bit of negatives, the sign bit
 * of the rest); 8 passes of 8 bits, skipping passes where every key has
 * the same byte (most passes for day counts and small integers).
 */
#include "sort.h"

#include "kehu/alloc.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Below this a comparison sort is as fast and needs no scratch. */
#define RADIX_MIN 256

uint64_t kehu__sort_key(double x)
{
    uint64_t u;

    if (x == 0) {
        x = fabs(x); /* -0.0 and 0.0 compare equal: give them one key */
    }
    memcpy(&u, &x, sizeof u);
    return (u >> 63) ? ~u : u | ((uint64_t)1 << 63);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static int cmp_ranked_desc(const void *a, const void *b)
{
    const kehu__ranked *x = a, *y = b;

    if (x->key != y->key) {
        return x->key < y->key ? 1 : -1;
    }
    return (x->row > y->row) - (x->row < y->row);
}

/* A key and the position it came from, moved together by the sort. */
typedef kehu__keyed keyed;

/* Byte histograms of every pass, counted in one read of the keys. */
static void histograms(const keyed *a, size_t n, size_t count[8][256])
{
    size_t i;
    int b;

    memset(count, 0, (size_t)8 * 256 * sizeof count[0][0]);
    for (i = 0; i < n; i++) {
        uint64_t k = a[i].key;
        for (b = 0; b < 8; b++) {
            count[b][(k >> (8 * b)) & 0xff]++;
        }
    }
}

/* Stable LSD radix sort of a[0..n) by key; tmp has room for n. Returns
 * the buffer holding the result (a or tmp). */
static keyed *radix_sort(keyed *a, keyed *tmp, size_t n)
{
    size_t count[8][256], i;
    int b;

    histograms(a, n, count);
    for (b = 0; b < 8; b++) {
        size_t sum = 0, *c = count[b];
        keyed *t;

        if (c[(a[0].key >> (8 * b)) & 0xff] == n) {
            continue; /* every key has this byte */
        }
        for (i = 0; i < 256; i++) {
            size_t x = c[i];
            c[i] = sum;
            sum += x;
        }
        for (i = 0; i < n; i++) {
            tmp[c[(a[i].key >> (8 * b)) & 0xff]++] = a[i];
        }
        t = a;
        a = tmp;
        tmp = t;
    }
    return a;
}

/* keys[i] with positions, sorted ascending and stable, or NULL when out
 * of memory. OUT: free *block with kehu_free. */
static keyed *sorted_keys(const uint64_t *keys, size_t n, keyed **block)
{
    keyed *a = kehu_reallocarray(NULL, n, 2 * sizeof *a);
    size_t i;

    *block = a;
    if (a == NULL) {
        return NULL;
    }
    for (i = 0; i < n; i++) {
        a[i].key = keys[i];
        a[i].pos = i;
    }
    return radix_sort(a, a + n, n);
}

void kehu__sort_doubles(double *a, size_t n)
{
    uint64_t *keys;
    keyed *block = NULL, *sorted;
    size_t i;

    if (n < RADIX_MIN) {
        qsort(a, n, sizeof *a, cmp_double);
        return;
    }
    keys = kehu_malloc(n * sizeof *keys);
    sorted = NULL;
    if (keys != NULL) {
        for (i = 0; i < n; i++) {
            keys[i] = kehu__sort_key(a[i]);
        }
        sorted = sorted_keys(keys, n, &block);
    }
    if (sorted == NULL) {
        qsort(a, n, sizeof *a, cmp_double);
    } else {
        /* Sorted keys map back to their doubles exactly (0.0 for -0.0,
         * which compares equal). */
        for (i = 0; i < n; i++) {
            uint64_t u = sorted[i].key;
            u = (u >> 63) ? u & ~((uint64_t)1 << 63) : ~u;
            memcpy(&a[i], &u, sizeof u);
        }
    }
    kehu_free(block);
    kehu_free(keys);
}

void kehu__sort_ranked_desc(kehu__ranked *a, size_t n)
{
    uint64_t *keys;
    kehu__ranked *copy;
    keyed *block = NULL, *sorted = NULL;
    size_t i;

    if (n < RADIX_MIN) {
        qsort(a, n, sizeof *a, cmp_ranked_desc);
        return;
    }
    keys = kehu_malloc(n * sizeof *keys);
    copy = kehu_malloc(n * sizeof *copy);
    if (keys != NULL && copy != NULL) {
        for (i = 0; i < n; i++) {
            keys[i] = ~kehu__sort_key(a[i].key); /* descending */
        }
        sorted = sorted_keys(keys, n, &block);
    }
    if (sorted == NULL) {
        qsort(a, n, sizeof *a, cmp_ranked_desc);
    } else {
        memcpy(copy, a, n * sizeof *a);
        for (i = 0; i < n; i++) {
            a[i] = copy[sorted[i].pos];
        }
    }
    kehu_free(block);
    kehu_free(keys);
    kehu_free(copy);
}

int kehu__sort_keyed(kehu__keyed *a, size_t n)
{
    keyed *tmp, *sorted;

    if (n < 2) {
        return 0;
    }
    tmp = kehu_reallocarray(NULL, n, sizeof *tmp);
    if (tmp == NULL) {
        return -1;
    }
    sorted = radix_sort(a, tmp, n);
    if (sorted != a) {
        memcpy(a, sorted, n * sizeof *a);
    }
    kehu_free(tmp);
    return 0;
}

int kehu__sort_by3(const double *k1, const double *k2, const double *k3,
                   size_t stride, size_t n, size_t *perm)
{
    const double *key[3] = {k3, k2, k1}; /* least significant first */
    keyed *a, *sorted;
    size_t i;
    int f;

    for (i = 0; i < n; i++) {
        perm[i] = i;
    }
    if (n < 2) {
        return 0;
    }
    a = kehu_reallocarray(NULL, n, 2 * sizeof *a);
    if (a == NULL) {
        return -1;
    }
    /* Stable sorts by each key in turn, least significant first. */
    for (f = 0; f < 3; f++) {
        for (i = 0; i < n; i++) {
            a[i].key = kehu__sort_key(key[f][perm[i] * stride]);
            a[i].pos = perm[i];
        }
        sorted = radix_sort(a, a + n, n);
        for (i = 0; i < n; i++) {
            perm[i] = sorted[i].pos;
        }
    }
    kehu_free(a);
    return 0;
}
