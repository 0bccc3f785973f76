/* SPDX-License-Identifier: MIT */
/*
 * Row groups for --by (cli_group.h), on top of cli_dims and the standard
 * in force (cli_standards).
 */
#include "cli_group.h"
#include "cli_needs.h"

#include "kehu/alloc.h"

#include <stdlib.h>
#include <string.h>

static int class_keys(cli_ctx *c, const kehu_ledger *l, const kehu_summary *s,
                      cli_groups *g)
{
    kehu_standards std;
    kehu_class_inputs extra = {NULL, NULL, NULL, 0};
    kehu_class *cls = NULL;
    uint8_t *tags = NULL;
    size_t i;
    int code = cli_standards_load(c, &std, NULL);

    if (code == 0) {
        code = cli_category_map(c, l, &extra, &tags);
    }
    if (code == 0) {
        code = cli_classify_rows(c, s, &std, &extra, NULL, &cls);
    }
    free(tags);
    if (code != 0) {
        return code;
    }
    for (i = 0; i < s->n; i++) {
        g->key[i] = cli_dim_key(&g->dim, &s->rows[i], &cls[i]);
    }
    kehu_free(cls);
    return 0;
}

int cli_groups_init(cli_ctx *c, const kehu_ledger *l, const kehu_summary *s,
                    cli_groups *g)
{
    const char *by = cli_get(c, "by");
    size_t i, n = 0;
    int code;

    memset(g, 0, sizeof *g);
    if (by == NULL) {
        return 0;
    }
    if (strchr(by, ',') != NULL) {
        return cli_error(c, 2, "--by takes one dimension");
    }
    code = cli_dims_parse(c, "by", by, 0, l, &g->dim, 1, &n);
    if (code != 0) {
        return code;
    }
    g->key = malloc((s->n ? s->n : 1) * sizeof *g->key);
    if (g->key == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    if (g->dim.def->is_class) {
        code = class_keys(c, l, s, g);
    } else {
        for (i = 0; i < s->n; i++) {
            g->key[i] = cli_dim_key(&g->dim, &s->rows[i], NULL);
        }
    }
    for (i = 0; code == 0 && i < s->n; i++) {
        if (g->key[i] >= g->n_keys) {
            g->n_keys = g->key[i] + 1;
        }
    }
    return code;
}

void cli_groups_free(cli_groups *g)
{
    cli_dims_reset(&g->dim, g->dim.def != NULL ? 1 : 0);
    free(g->key);
    g->key = NULL;
}

void cli_groups_cell(const cli_ctx *c, out_table *t, const cli_groups *g,
                     uint32_t k)
{
    cli_dim_cell(c, t, &g->dim, k);
}
