/* SPDX-License-Identifier: MIT */
/*
 * Grouping dimensions (cli_dims.h): parsing --by, keys per customer, and
 * the names shown for keys.
 */
#include "cli_dims.h"

#include <stdlib.h>
#include <string.h>

static const cli_dim_def defs[] = {
    {"region", "地区", 0, KEHU_DIM_REGION},
    {"branch", "网点", 0, KEHU_DIM_BRANCH},
    {"channel", "渠道", 0, KEHU_DIM_CHANNEL},
    {"stage", "生命周期", 1, CLI_CLASS_STAGE},
    {"tier", "客户层级", 1, CLI_CLASS_TIER},
    {"abcd", "ABCD", 1, CLI_CLASS_ABCD},
    {"rfm8", "RFM八类", 1, CLI_CLASS_RFM8},
    {"segment", "RFM细分", 1, CLI_CLASS_SEGMENT},
    {"value_tier", "价值层级", 1, CLI_CLASS_VALUE_TIER},
    {"needs", "需求类型", 1, CLI_CLASS_NEEDS},
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
static int bind_attribute(cli_dim *dim)
{
    kehu_dim d = (kehu_dim)dim->def->which;
    uint32_t i, n = kehu_ledger_dim_count(dim->l, d);
    by_name *tmp = calloc(n ? n : 1, sizeof *tmp);

    dim->rank = calloc(n ? n : 1, sizeof *dim->rank);
    dim->value = calloc(n ? n : 1, sizeof *dim->value);
    if (tmp == NULL || dim->rank == NULL || dim->value == NULL) {
        free(tmp);
        return -1;
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
    free(tmp);
    return 0;
}

static int unknown_dim(cli_ctx *c, const char *opt, const char *name,
                       size_t len, int attributes_only)
{
    char allowed[192];
    size_t i, used = 0, n = attributes_only ? N_ATTRIBUTES : N_DEFS;

    allowed[0] = '\0';
    for (i = 0; i < n && used < sizeof allowed; i++) {
        int w = snprintf(allowed + used, sizeof allowed - used, "%s%s",
                         i ? ", " : "", defs[i].name);
        used += w > 0 ? (size_t)w : 0;
    }
    return cli_error(c, 2, "--%s: unknown dimension '%.*s'; use %s", opt,
                     (int)len, name, allowed);
}

int cli_dims_parse(cli_ctx *c, const char *opt, const char *list,
                   int attributes_only, const kehu_ledger *l, cli_dim *dims,
                   size_t max, size_t *n)
{
    const char *p = list;

    *n = 0;
    memset(dims, 0, max * sizeof *dims);
    for (;;) {
        size_t len = strcspn(p, ","), i;
        size_t ndefs = attributes_only ? N_ATTRIBUTES : N_DEFS;
        for (i = 0; i < ndefs; i++) {
            if (strlen(defs[i].name) == len &&
                memcmp(defs[i].name, p, len) == 0) {
                break;
            }
        }
        if (i == ndefs) {
            return unknown_dim(c, opt, p, len, attributes_only);
        }
        if (*n == max) {
            return cli_error(c, 2, "--%s: at most %zu dimensions", opt, max);
        }
        dims[*n].def = &defs[i];
        dims[*n].l = l;
        (*n)++;
        if (!defs[i].is_class && bind_attribute(&dims[*n - 1]) != 0) {
            return cli_error(c, 1, "out of memory");
        }
        if (p[len] == '\0') {
            break;
        }
        p += len + 1;
    }
    if (*n == 2 && dims[0].def == dims[1].def) {
        return cli_error(c, 2, "--%s: the same dimension twice", opt);
    }
    return 0;
}

void cli_dims_reset(cli_dim *dims, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free(dims[i].rank);
        free(dims[i].value);
        dims[i].rank = NULL;
        dims[i].value = NULL;
    }
}

uint32_t cli_dim_key(const cli_dim *d, const kehu_summary_row *r,
                     const kehu_class *k)
{
    if (d->def->is_class) {
        return cli_class_value(k, (cli_class_dim)d->def->which);
    }
    return d->rank[r->dim[d->def->which]];
}

void cli_dim_cell(const cli_ctx *c, out_table *t, const cli_dim *d,
                  uint32_t key)
{
    uint32_t v;

    if (d->def->is_class) {
        out_str(t, cli_class_label(c, (cli_class_dim)d->def->which, key));
        return;
    }
    v = d->value[key];
    if (v != 0) {
        out_str(t, kehu_ledger_dim_value(d->l, (kehu_dim)d->def->which, v));
    } else if (c->fmt == OUT_TABLE) {
        out_str(t, cli_tr(c, "(unknown)", "（未知）"));
    } else {
        out_null(t);
    }
}
