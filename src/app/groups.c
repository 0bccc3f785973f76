/* SPDX-License-Identifier: MIT */
/*
 * Grouping dimensions and groups (groups.h): parsing by, keys per
 * customer, and the cells of keys.
 */
#include "groups.h"
#include "needs.h"

#include "kehu/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const kehu__dim_def defs[] = {
    {"region", 0, KEHU_DIM_REGION},
    {"branch", 0, KEHU_DIM_BRANCH},
    {"channel", 0, KEHU_DIM_CHANNEL},
    {"stage", 1, KEHU__CLASS_STAGE},
    {"tier", 1, KEHU__CLASS_TIER},
    {"abcd", 1, KEHU__CLASS_ABCD},
    {"rfm8", 1, KEHU__CLASS_RFM8},
    {"segment", 1, KEHU__CLASS_SEGMENT},
    {"value_tier", 1, KEHU__CLASS_VALUE_TIER},
    {"needs", 1, KEHU__CLASS_NEEDS},
};
#define N_DEFS       (sizeof defs / sizeof defs[0])
#define N_ATTRIBUTES 3

/* qsort has no context argument: the ledger and dimension being sorted. */
typedef struct by_name {
    const kehu_ledger *l;
    kehu_dim d;
    uint32_t v;
} by_name;

static int cmp_name(const void *a, const void *b)
{
    const by_name *x = a, *y = b;

    return strcmp(kehu_ledger_dim_value(x->l, x->d, x->v),
                  kehu_ledger_dim_value(y->l, y->d, y->v));
}

/* Ranks of the attribute values by name (0, unknown, sorts first as ""). */
static kehu_status bind_attribute(kehu__group_dim *dim)
{
    kehu_dim d = (kehu_dim)dim->def->which;
    uint32_t i, n = kehu_ledger_dim_count(dim->l, d);
    by_name *tmp = kehu_calloc(n ? n : 1, sizeof *tmp);

    dim->rank = kehu_calloc(n ? n : 1, sizeof *dim->rank);
    dim->value = kehu_calloc(n ? n : 1, sizeof *dim->value);
    if (tmp == NULL || dim->rank == NULL || dim->value == NULL) {
        kehu_free(tmp);
        return KEHU_ENOMEM;
    }
    for (i = 0; i < n; i++) {
        tmp[i].l = dim->l;
        tmp[i].d = d;
        tmp[i].v = i;
    }
    qsort(tmp, n, sizeof *tmp, cmp_name);
    for (i = 0; i < n; i++) {
        dim->rank[tmp[i].v] = i;
        dim->value[i] = tmp[i].v;
    }
    kehu_free(tmp);
    return KEHU_OK;
}

static kehu_status unknown_dim(const char *param, const char *name, size_t len,
                               int attributes_only, kehu_error *err)
{
    char allowed[192];
    size_t i, used = 0, n = attributes_only ? N_ATTRIBUTES : N_DEFS;

    allowed[0] = '\0';
    for (i = 0; i < n && used < sizeof allowed; i++) {
        int w = snprintf(allowed + used, sizeof allowed - used, "%s%s",
                         i ? ", " : "", defs[i].name);
        used += w > 0 ? (size_t)w : 0;
    }
    return kehu_error_set(err, KEHU_EINVAL,
                          "%s: unknown dimension '%.*s'; use %s", param,
                          (int)len, name, allowed);
}

kehu_status kehu__dims_parse(const char *param, const char *list,
                             int attributes_only, const kehu_ledger *l,
                             kehu__group_dim *dims, size_t max, size_t *n,
                             kehu_error *err)
{
    size_t ndefs = attributes_only ? N_ATTRIBUTES : N_DEFS;
    const char *p = list;

    *n = 0;
    memset(dims, 0, max * sizeof *dims);
    for (;;) {
        size_t len = strcspn(p, ","), i;
        for (i = 0; i < ndefs; i++) {
            if (strlen(defs[i].name) == len &&
                memcmp(defs[i].name, p, len) == 0) {
                break;
            }
        }
        if (i == ndefs) {
            return unknown_dim(param, p, len, attributes_only, err);
        }
        if (*n == max) {
            return kehu_error_set(err, KEHU_EINVAL,
                                  "%s: at most %zu dimensions", param, max);
        }
        dims[*n].def = &defs[i];
        dims[*n].l = l;
        (*n)++;
        if (!defs[i].is_class && bind_attribute(&dims[*n - 1]) != KEHU_OK) {
            return KEHU_ENOMEM;
        }
        if (p[len] == '\0') {
            break;
        }
        p += len + 1;
    }
    if (*n == 2 && dims[0].def == dims[1].def) {
        return kehu_error_set(err, KEHU_EINVAL, "%s: the same dimension twice",
                              param);
    }
    return KEHU_OK;
}

void kehu__dims_reset(kehu__group_dim *dims, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        kehu_free(dims[i].rank);
        kehu_free(dims[i].value);
        dims[i].rank = NULL;
        dims[i].value = NULL;
    }
}

uint32_t kehu__dim_key(const kehu__group_dim *d, const kehu_summary_row *r,
                       const kehu_class *k)
{
    if (d->def->is_class) {
        return kehu__class_value(k, (kehu__class_dim)d->def->which);
    }
    return d->rank[r->dim[d->def->which]];
}

void kehu__cell_dim_key(const kehu_cells *c, const kehu__group_dim *d,
                        uint32_t key)
{
    uint32_t v;

    if (d->def->is_class) {
        kehu__cell_class(c, (kehu__class_dim)d->def->which, key);
        return;
    }
    v = d->value[key];
    if (v != 0) {
        kehu_cell_str(c,
                      kehu_ledger_dim_value(d->l, (kehu_dim)d->def->which, v));
    } else if (c->display) {
        kehu_cell_label(c, "", "(unknown)", "（未知）");
    } else {
        kehu_cell_null(c);
    }
}

static kehu_status class_keys(const kehu_dataset *d, const kehu_ledger *l,
                              const kehu_summary *s, kehu__groups *g,
                              kehu_error *err)
{
    kehu_class_inputs extra = {NULL, NULL, NULL, 0};
    kehu_class *cls = NULL;
    uint8_t *tags = NULL;
    size_t i;
    kehu_status rc = kehu__category_map(d, l, &extra, &tags, err);

    if (rc == KEHU_OK) {
        rc = kehu__classify_rows(s, &d->standards, &extra, NULL, &cls, err);
    }
    kehu_free(tags);
    if (rc != KEHU_OK) {
        return rc;
    }
    for (i = 0; i < s->n; i++) {
        g->key[i] = kehu__dim_key(&g->dim, &s->rows[i], &cls[i]);
    }
    kehu_free(cls);
    return KEHU_OK;
}

kehu_status kehu__groups_init(const kehu_dataset *d, const kehu_ledger *l,
                              const char *by, const kehu_summary *s,
                              kehu__groups *g, kehu_error *err)
{
    size_t i, n = 0;
    kehu_status rc;

    memset(g, 0, sizeof *g);
    if (by == NULL) {
        return KEHU_OK;
    }
    if (strchr(by, ',') != NULL) {
        return kehu_error_set(err, KEHU_EINVAL, "by takes one dimension");
    }
    rc = kehu__dims_parse("by", by, 0, l, &g->dim, 1, &n, err);
    if (rc != KEHU_OK) {
        return rc;
    }
    g->key = kehu_malloc((s->n ? s->n : 1) * sizeof *g->key);
    if (g->key == NULL) {
        return KEHU_ENOMEM;
    }
    if (g->dim.def->is_class) {
        rc = class_keys(d, l, s, g, err);
    } else {
        for (i = 0; i < s->n; i++) {
            g->key[i] = kehu__dim_key(&g->dim, &s->rows[i], NULL);
        }
    }
    for (i = 0; rc == KEHU_OK && i < s->n; i++) {
        if (g->key[i] >= g->n_keys) {
            g->n_keys = g->key[i] + 1;
        }
    }
    return rc;
}

void kehu__groups_free(kehu__groups *g)
{
    kehu__dims_reset(&g->dim, g->dim.def != NULL ? 1 : 0);
    kehu_free(g->key);
    g->key = NULL;
}

void kehu__groups_cell(const kehu_cells *c, const kehu__groups *g, uint32_t k)
{
    kehu__cell_dim_key(c, &g->dim, k);
}
