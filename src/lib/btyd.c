/* SPDX-License-Identifier: MIT */
/*
 * Unique histories with counts (kehu/btyd.h). One pass over the rows with
 * an open-addressing hash on the exact bit patterns of (x, t_x, T) (with
 * -0 folded into +0), then a sort of the unique rows so the result, and
 * every sum over it, is deterministic. Memory grows with unique rows only.
 */
#include "kehu/btyd.h"

#include "hash.h"
#include "kehu/alloc.h"
#include "sort.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct row3 {
    double x, t_x, T, w;
} row3;

_Static_assert(sizeof(row3) == 4 * sizeof(double), "rows sort by stride");

typedef struct dedupe {
    row3 *rows;
    size_t n, cap;
    uint32_t *slot; /* 1-based row index, 0 = empty */
    size_t nslot;   /* power of two */
} dedupe;

static uint64_t row_hash(const row3 *r)
{
    double k[3] = {r->x + 0.0, r->t_x + 0.0, r->T + 0.0};

    return kehu__hash_bytes(k, sizeof k, 0x6b656875);
}

static kehu_status grow_slots(dedupe *d)
{
    size_t ns = d->nslot ? d->nslot * 2 : 4096, i;
    uint32_t *s = kehu_calloc(ns, sizeof *s);

    if (s == NULL) {
        return KEHU_ENOMEM;
    }
    for (i = 0; i < d->n; i++) {
        size_t j = (size_t)row_hash(&d->rows[i]) & (ns - 1);
        while (s[j] != 0) {
            j = (j + 1) & (ns - 1);
        }
        s[j] = (uint32_t)(i + 1);
    }
    kehu_free(d->slot);
    d->slot = s;
    d->nslot = ns;
    return KEHU_OK;
}

static kehu_status add_row(dedupe *d, const row3 *r)
{
    size_t j;

    if (2 * (d->n + 1) > d->nslot) {
        kehu_status rc = grow_slots(d);
        if (rc != KEHU_OK) {
            return rc;
        }
    }
    j = (size_t)row_hash(r) & (d->nslot - 1);
    while (d->slot[j] != 0) {
        row3 *o = &d->rows[d->slot[j] - 1];
        if (o->x == r->x && o->t_x == r->t_x && o->T == r->T) {
            o->w += r->w;
            return KEHU_OK;
        }
        j = (j + 1) & (d->nslot - 1);
    }
    if (d->n == d->cap) {
        size_t nc = d->cap ? d->cap * 2 : 1024;
        row3 *nr;
        if (nc >= UINT32_MAX) {
            return KEHU_ETOOBIG; /* slots hold 32-bit row numbers */
        }
        nr = kehu_reallocarray(d->rows, nc, sizeof *nr);
        if (nr == NULL) {
            return KEHU_ENOMEM;
        }
        d->rows = nr;
        d->cap = nc;
    }
    d->rows[d->n] = *r;
    d->slot[j] = (uint32_t)(d->n + 1);
    d->n++;
    return KEHU_OK;
}

/* Order the distinct rows by (x, t_x, T). KEHU_ENOMEM without scratch. */
static kehu_status sort_rows(dedupe *d)
{
    size_t *perm = kehu_reallocarray(NULL, d->n, sizeof *perm);
    row3 *sorted = kehu_reallocarray(NULL, d->n, sizeof *sorted);
    size_t stride = sizeof(row3) / sizeof(double);
    kehu_status rc = KEHU_ENOMEM;

    if (perm != NULL && sorted != NULL &&
        kehu__sort_by3(&d->rows[0].x, &d->rows[0].t_x, &d->rows[0].T, stride,
                       d->n, perm) == 0) {
        size_t i;
        for (i = 0; i < d->n; i++) {
            sorted[i] = d->rows[perm[i]];
        }
        memcpy(d->rows, sorted, d->n * sizeof *sorted);
        rc = KEHU_OK;
    }
    kehu_free(perm);
    kehu_free(sorted);
    return rc;
}

struct kehu_hist_builder {
    dedupe d;
};

kehu_status kehu_hist_builder_new(kehu_hist_builder **out)
{
    *out = kehu_calloc(1, sizeof **out);
    return *out == NULL ? KEHU_ENOMEM : KEHU_OK;
}

void kehu_hist_builder_free(kehu_hist_builder *b)
{
    if (b == NULL) {
        return;
    }
    kehu_free(b->d.rows);
    kehu_free(b->d.slot);
    kehu_free(b);
}

kehu_status kehu_hist_builder_add(kehu_hist_builder *b, double x, double t_x,
                                  double T, double w)
{
    row3 r = {x + 0.0, t_x + 0.0, T + 0.0, w};

    if (!isfinite(r.x) || !isfinite(r.t_x) || !isfinite(r.T) ||
        !isfinite(r.w) || !(r.w > 0)) {
        return KEHU_ERANGE;
    }
    return add_row(&b->d, &r);
}

kehu_status kehu_hist_builder_finish(kehu_hist_builder *b, kehu_hist **out)
{
    dedupe *d = &b->d;
    kehu_hist *h;
    size_t i;

    *out = NULL;
    if (d->n == 0) {
        return KEHU_EINVAL;
    }
    if (sort_rows(d) != KEHU_OK) {
        return KEHU_ENOMEM;
    }
    h = kehu_calloc(1, sizeof *h);
    if (h == NULL) {
        return KEHU_ENOMEM;
    }
    h->x = kehu_calloc(4 * d->n, sizeof(double));
    if (h->x == NULL) {
        kehu_free(h);
        return KEHU_ENOMEM;
    }
    h->t_x = h->x + d->n;
    h->T = h->t_x + d->n;
    h->w = h->T + d->n;
    h->n = d->n;
    for (i = 0; i < d->n; i++) {
        h->x[i] = d->rows[i].x;
        h->t_x[i] = d->rows[i].t_x;
        h->T[i] = d->rows[i].T;
        h->w[i] = d->rows[i].w;
        h->total += d->rows[i].w;
    }
    *out = h;
    return KEHU_OK;
}

kehu_status kehu_hist_new(const double *x, const double *t_x, const double *T,
                          const double *w, size_t n, kehu_hist **out)
{
    kehu_hist_builder *b = NULL;
    kehu_status rc;
    size_t i;

    *out = NULL;
    if (n == 0) {
        return KEHU_EINVAL;
    }
    rc = kehu_hist_builder_new(&b);
    for (i = 0; rc == KEHU_OK && i < n; i++) {
        rc = kehu_hist_builder_add(b, x[i], t_x[i], T[i], w ? w[i] : 1.0);
    }
    if (rc == KEHU_OK) {
        rc = kehu_hist_builder_finish(b, out);
    }
    kehu_hist_builder_free(b);
    return rc;
}

void kehu_hist_free(kehu_hist *h)
{
    if (h == NULL) {
        return;
    }
    kehu_free(h->x);
    kehu_free(h);
}
