/* SPDX-License-Identifier: MIT */
/* The classifier's radix sorts against qsort, on ties, negatives, zeros
 * of both signs, huge and tiny values, with and without memory. */
#include "../../src/lib/sort.h"
#include "check.h"
#include "fixture.h"
#include "kehu/alloc.h"

#include <stdlib.h>

void test_sort(void);

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int cmp_r(const void *a, const void *b)
{
    const kehu__ranked *x = a, *y = b;
    if (x->key != y->key) {
        return x->key < y->key ? 1 : -1;
    }
    return (x->row > y->row) - (x->row < y->row);
}

static double value(uint64_t *s, int kind)
{
    static const double special[] = {0.0,    -0.0, 1e300, -1e300,
                                     5e-324, -2.5, 3.0,   1e-9};
    switch (kind) {
    case 0:
        return (double)fx_uniform(s, 50); /* many ties */
    case 1:
        return special[fx_uniform(s, 8)];
    default:
        return ((double)fx_uniform(s, 2000000) - 1e6) / 7.0;
    }
}

static void *failing_malloc(size_t size, void *ctx)
{
    (void)size;
    (void)ctx;
    return NULL;
}

static void *failing_realloc(void *p, size_t size, void *ctx)
{
    (void)p;
    (void)size;
    (void)ctx;
    return NULL;
}

static void plain_free(void *p, void *ctx)
{
    (void)ctx;
    free(p);
}

static long compare_once(uint64_t *s, size_t n, int kind)
{
    /* n + 1: a zero-size malloc may return NULL. */
    double *a = malloc((n + 1) * sizeof *a), *b = malloc((n + 1) * sizeof *b);
    kehu__ranked *r = malloc((n + 1) * sizeof *r);
    kehu__ranked *q = malloc((n + 1) * sizeof *q);
    long bad = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        a[i] = b[i] = value(s, kind);
        r[i].key = q[i].key = value(s, kind);
        r[i].row = q[i].row = i;
    }
    kehu__sort_doubles(a, n);
    qsort(b, n, sizeof *b, cmp_d);
    kehu__sort_ranked_desc(r, n);
    qsort(q, n, sizeof *q, cmp_r);
    for (i = 0; i < n; i++) {
        bad += a[i] != b[i];
        bad += r[i].key != q[i].key || r[i].row != q[i].row;
    }
    free(a);
    free(b);
    free(r);
    free(q);
    return bad;
}

typedef struct triple {
    double a, b, c;
    size_t i;
} triple;

static int cmp_triple(const void *pa, const void *pb)
{
    const triple *x = pa, *y = pb;

    if (x->a != y->a) {
        return x->a < y->a ? -1 : 1;
    }
    if (x->b != y->b) {
        return x->b < y->b ? -1 : 1;
    }
    if (x->c != y->c) {
        return x->c < y->c ? -1 : 1;
    }
    return (x->i > y->i) - (x->i < y->i);
}

/* kehu__sort_by3 orders as a comparison sort by the three keys and the
 * index: few distinct values (many ties), negatives, -0.0. */
static void test_by3(void)
{
    enum { N = 5000 };
    static triple t[N], want[N];
    static double k[N][3];
    static size_t perm[N];
    size_t i, same = 0;
    uint64_t s = 42;

    for (i = 0; i < N; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        k[i][0] = (double)((s >> 33) % 4) - 1.5;
        k[i][1] = (s >> 40) % 3 == 0 ? -0.0 : (double)((s >> 20) % 5);
        k[i][2] = (double)((s >> 10) % 7) * 0.25;
        t[i].a = k[i][0];
        t[i].b = k[i][1];
        t[i].c = k[i][2];
        t[i].i = i;
    }
    memcpy(want, t, sizeof t);
    qsort(want, N, sizeof *want, cmp_triple);
    CHECK(kehu__sort_by3(&k[0][0], &k[0][1], &k[0][2], 3, N, perm) == 0);
    for (i = 0; i < N; i++) {
        same += perm[i] == want[i].i;
    }
    CHECK_EQ_I64(same, N);
    CHECK(kehu__sort_by3(&k[0][0], &k[0][1], &k[0][2], 3, 1, perm) == 0);
    CHECK(perm[0] == 0);
}

void test_sort(void)
{
    test_by3();
    static const size_t sizes[] = {0, 1, 2, 255, 256, 1000, 70000};
    kehu_allocator fail = {failing_malloc, failing_realloc, plain_free, NULL};
    uint64_t s = 99;
    size_t i;
    int kind;

    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        for (kind = 0; kind < 3; kind++) {
            CHECK_EQ_I64(compare_once(&s, sizes[i], kind), 0);
        }
    }
    /* Without memory the sorts fall back to qsort: same result. */
    kehu_set_allocator(&fail);
    CHECK_EQ_I64(compare_once(&s, 5000, 0), 0);
    CHECK_EQ_I64(compare_once(&s, 5000, 2), 0);
    kehu_set_allocator(NULL);
}
