/* SPDX-License-Identifier: MIT */
/*
 * `kehu composition FILE --by DIM[,DIM]`: customers, revenue and profit
 * by one dimension or two crossed, with their shares and a total row
 * (SPEC.md section 5). The customers are those classify lists: buyers in
 * the window and the master's customers without a purchase (revenue 0),
 * so prospects and class D appear as groups of their own.
 */
#include "cli.h"
#include "cli_dims.h"
#include "cli_needs.h"
#include "cli_standards.h"

#include "kehu/alloc.h"
#include "kehu/composition.h"

#include <stdlib.h>

static const cli_option options[] = {
    {"by", "DIM[,DIM]",
     "region, branch, channel, stage, tier, abcd, rfm8, segment, "
     "value_tier or needs; two crossed with a comma"},
    CLI_CATEGORY_MAP_OPTION,
    CLI_STANDARDS_OPTIONS,
    {NULL, NULL, NULL},
};

/* The figure columns after the dimension columns. */
/* clang-format off */
static const out_column figures[] = {
    {"customers", "客户数", OUT_INT, 0},
    {"customer_share", "客户占比", OUT_NUM, 4},
    {"revenue", "收入", OUT_NUM, 2},
    {"revenue_share", "收入占比", OUT_NUM, 4},
    {"profit", "利润", OUT_NUM, 2},
    {"profit_share", "利润占比", OUT_NUM, 4},
};
/* clang-format on */
#define N_FIGURES (sizeof figures / sizeof figures[0])

static void figure_cells(out_table *t, const kehu_comp_group *g, int cost)
{
    out_int(t, (int64_t)g->customers);
    out_num(t, g->customer_share);
    out_num(t, g->revenue);
    out_num(t, g->revenue_share);
    if (cost) {
        out_num(t, g->profit);
        out_num(t, g->profit_share);
    } else {
        out_null(t);
        out_null(t);
    }
}

static int print(cli_ctx *c, const cli_dim *dims, size_t nd,
                 const kehu_composition *comp, int cost)
{
    out_column cols[2 + N_FIGURES];
    out_table *t;
    size_t i, j;

    for (j = 0; j < nd; j++) {
        cols[j].key = dims[j].def->name;
        cols[j].zh = dims[j].def->zh;
        cols[j].type = OUT_STR;
        cols[j].decimals = 0;
    }
    for (j = 0; j < N_FIGURES; j++) {
        cols[nd + j] = figures[j];
    }
    t = out_table_begin(c->out, c->fmt, c->lang, cols, nd + N_FIGURES);
    if (t == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < comp->n; i++) {
        for (j = 0; j < nd; j++) {
            cli_dim_cell(c, t, &dims[j], comp->groups[i].key[j]);
        }
        figure_cells(t, &comp->groups[i], cost);
    }
    out_str(t, c->fmt == OUT_TABLE ? cli_tr(c, "total", "合计") : "total");
    for (j = 1; j < nd; j++) {
        out_null(t);
    }
    figure_cells(t, &comp->total, cost);
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
}

/* Group the classified rows of s by dims and print. */
static int compose(cli_ctx *c, const cli_dim *dims, size_t nd,
                   const kehu_summary *s, const kehu_class *cls)
{
    size_t n = s->n ? s->n : 1, i;
    uint32_t *key1 = calloc(n, sizeof *key1);
    uint32_t *key2 = calloc(n, sizeof *key2);
    double *revenue = calloc(n, sizeof *revenue);
    double *profit = calloc(n, sizeof *profit);
    kehu_composition *comp = NULL;
    int code;

    if (key1 == NULL || key2 == NULL || revenue == NULL || profit == NULL) {
        code = cli_error(c, 1, "out of memory");
        goto done;
    }
    for (i = 0; i < s->n; i++) {
        key1[i] = cli_dim_key(&dims[0], &s->rows[i], &cls[i]);
        key2[i] = nd > 1 ? cli_dim_key(&dims[1], &s->rows[i], &cls[i]) : 0;
        revenue[i] = s->rows[i].monetary_total;
        profit[i] = s->rows[i].profit_total;
    }
    if (kehu_composition_compute(s->n, key1, nd > 1 ? key2 : NULL, revenue,
                                 profit, &comp) != KEHU_OK) {
        code = cli_error(c, 1, "out of memory");
        goto done;
    }
    code = print(c, dims, nd, comp, s->has_cost);
done:
    kehu_composition_free(comp);
    free(profit);
    free(revenue);
    free(key2);
    free(key1);
    return code;
}

static int run(cli_ctx *c)
{
    const char *by = cli_get(c, "by");
    kehu_ledger *l;
    kehu_standards std;
    kehu_summary_options o;
    kehu_summary *s = NULL;
    kehu_class *cls = NULL;
    kehu_class_inputs extra = {NULL, NULL, NULL, 0};
    uint8_t *tags = NULL;
    cli_dim dims[2];
    const char *source;
    size_t nd = 0;
    int code;

    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu "
                         "composition --help)");
    }
    if (by == NULL) {
        return cli_error(c, 2,
                         "give --by DIM[,DIM] (see kehu composition "
                         "--help)");
    }
    code = cli_standards_load(c, &std, &source);
    if (code != 0) {
        return code;
    }
    code = cli_load_ledger(c, c->args[0], &l);
    if (code != 0) {
        return code;
    }
    code = cli_dims_parse(c, "by", by, 0, l, dims, 2, &nd);
    if (code == 0) {
        code = cli_summary_options(c, l, &o);
    }
    if (code == 0) {
        code = cli_known_summary(c, l, &o, &s);
    }
    if (code == 0) {
        code = cli_category_map(c, l, &extra, &tags);
    }
    if (code == 0) {
        code = cli_classify_rows(c, s, &std, &extra, NULL, &cls);
    }
    if (code == 0) {
        cli_standards_note(c, source);
        code = compose(c, dims, nd, s, cls);
    }
    cli_dims_reset(dims, nd);
    free(tags);
    kehu_free(cls);
    kehu_summary_free(s);
    kehu_ledger_free(l);
    return code;
}

const cli_command cli_cmd_composition = {
    "composition",
    "customers, revenue and profit by region, branch, stage, tier, class "
    "(SPEC 5)",
    "FILE --by DIM[,DIM] [options]",
    "Groups the customers classify lists (as of --as-of over the window;\n"
    "with --customers also those without a purchase, revenue 0) by one\n"
    "dimension or two crossed (--by branch,tier). Each group: customers,\n"
    "share of customers, revenue (net of returns), share of revenue,\n"
    "profit and share of profit (empty without a cost column). Groups are\n"
    "sorted by revenue, largest first; the last row is the total. Classes\n"
    "follow the standard in force, as in classify.",
    options,
    1,
    run,
    NULL,
};
