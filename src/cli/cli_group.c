/* SPDX-License-Identifier: MIT */
/*
 * Row groups for --by (cli_group.h).
 */
#include "cli_group.h"

#include "kehu/alloc.h"
#include "kehu/classify.h"

#include <stdlib.h>
#include <string.h>

#define BY_TIER  (-1)
#define BY_STAGE (-2)

static int classify_keys(cli_ctx *c, const kehu_summary *s,
                         const double *p_alive, cli_groups *g)
{
    kehu_standards std;
    kehu_class_inputs in = {p_alive, NULL};
    kehu_class *cls = NULL;
    kehu_status rc;
    size_t i;

    kehu_standards_init(&std);
    rc = kehu_classify(s, &std, p_alive ? &in : NULL, &cls);
    if (rc != KEHU_OK) {
        return cli_error(c, cli_exit_code(rc), "classification failed: %s",
                         kehu_strerror(rc));
    }
    for (i = 0; i < s->n; i++) {
        g->key[i] = g->dim == BY_TIER ? cls[i].tier : cls[i].stage;
    }
    g->n_keys = g->dim == BY_TIER ? 4 : KEHU_STAGE_COUNT;
    kehu_free(cls);
    return 0;
}

static const char *const by_names[] = {"region", "branch", "channel", "tier",
                                       "stage"};

int cli_groups_check(cli_ctx *c)
{
    const char *by = cli_get(c, "by");
    size_t k;

    if (by == NULL) {
        return 0;
    }
    for (k = 0; k < 5 && strcmp(by, by_names[k]) != 0; k++) {
    }
    if (k == 5) {
        return cli_error(c, 2,
                         "--by %s: use region, branch, channel, tier or "
                         "stage",
                         by);
    }
    return 0;
}

int cli_groups_init(cli_ctx *c, const kehu_ledger *l, const kehu_summary *s,
                    const double *p_alive, cli_groups *g)
{
    static const int dims[] = {KEHU_DIM_REGION, KEHU_DIM_BRANCH,
                               KEHU_DIM_CHANNEL, BY_TIER, BY_STAGE};
    size_t i, k;

    memset(g, 0, sizeof *g);
    g->l = l;
    g->by = cli_get(c, "by");
    if (g->by == NULL) {
        return 0;
    }
    if (cli_groups_check(c) != 0) {
        return 2;
    }
    for (k = 0; strcmp(g->by, by_names[k]) != 0; k++) {
    }
    g->dim = dims[k];
    g->key = malloc((s->n ? s->n : 1) * sizeof *g->key);
    if (g->key == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    if (g->dim < 0) {
        return classify_keys(c, s, p_alive, g);
    }
    g->n_keys = kehu_ledger_dim_count(l, (kehu_dim)g->dim);
    for (i = 0; i < s->n; i++) {
        g->key[i] = s->rows[i].dim[g->dim];
    }
    return 0;
}

void cli_groups_free(cli_groups *g)
{
    free(g->key);
    g->key = NULL;
}

kehu_slice cli_groups_label(const cli_groups *g, uint32_t k)
{
    kehu_slice s;
    const char *t;

    if (g->dim >= 0) {
        return kehu_ledger_dim_slice(g->l, (kehu_dim)g->dim, k);
    }
    t = g->dim == BY_TIER ? kehu_tier_name((kehu_tier)k)
                          : kehu_stage_name((kehu_stage)k);
    s.ptr = t;
    s.len = strlen(t);
    return s;
}
