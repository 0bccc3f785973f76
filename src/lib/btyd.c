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

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct row3 {
    double x, t_x, T, w;
} row3;

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

static int cmp_row(const void *pa, const void *pb)
{
    const row3 *a = pa, *b = pb;

    if (a->x != b->x) {
        return a->x < b->x ? -1 : 1;
    }
    if (a->t_x != b->t_x) {
        return a->t_x < b->t_x ? -1 : 1;
    }
    if (a->T != b->T) {
        return a->T < b->T ? -1 : 1;
    }
    return 0;
}

kehu_status kehu_hist_new(const double *x, const double *t_x,
                          const double *T, const double *w, size_t n,
                          kehu_hist **out)
{
    dedupe d = {NULL, 0, 0, NULL, 0};
    kehu_hist *h = NULL;
    kehu_status rc = KEHU_OK;
    size_t i;

    *out = NULL;
    if (n == 0) {
        return KEHU_EINVAL;
    }
    for (i = 0; i < n; i++) {
        row3 r = {x[i] + 0.0, t_x[i] + 0.0, T[i] + 0.0, w ? w[i] : 1.0};
        if (!isfinite(r.x) || !isfinite(r.t_x) || !isfinite(r.T) ||
            !isfinite(r.w) || !(r.w > 0)) {
            rc = KEHU_ERANGE;
            goto fail;
        }
        rc = add_row(&d, &r);
        if (rc != KEHU_OK) {
            goto fail;
        }
    }
    qsort(d.rows, d.n, sizeof *d.rows, cmp_row);
    h = kehu_calloc(1, sizeof *h);
    if (h == NULL) {
        rc = KEHU_ENOMEM;
        goto fail;
    }
    h->x = kehu_calloc(4 * d.n, sizeof(double));
    if (h->x == NULL) {
        rc = KEHU_ENOMEM;
        goto fail_h;
    }
    h->t_x = h->x + d.n;
    h->T = h->t_x + d.n;
    h->w = h->T + d.n;
    h->n = d.n;
    for (i = 0; i < d.n; i++) {
        h->x[i] = d.rows[i].x;
        h->t_x[i] = d.rows[i].t_x;
        h->T[i] = d.rows[i].T;
        h->w[i] = d.rows[i].w;
        h->total += d.rows[i].w;
    }
    kehu_free(d.rows);
    kehu_free(d.slot);
    *out = h;
    return KEHU_OK;

fail_h:
    kehu_free(h);
fail:
    kehu_free(d.rows);
    kehu_free(d.slot);
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
