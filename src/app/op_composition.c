/* SPDX-License-Identifier: MIT */
/*
 * composition: customers, revenue and profit by one dimension or two
 * crossed, with their shares and a total row. The customers are those
 * classify lists: buyers in the window and the master's customers without
 * a purchase (revenue 0), so prospects and class D appear as groups of
 * their own.
 */
#include "classes.h"
#include "groups.h"
#include "needs.h"
#include "standard.h"
#include "window.h"

#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/composition.h"

#include <stddef.h>

typedef struct composition_opts {
    const char *by;
    kehu__window win;
} composition_opts;

static const kehu_param rows[] = {
    {"by", KEHU_PARAM_TEXT, offsetof(composition_opts, by), NULL, 0, -1, NULL,
     "DIM[,DIM]",
     "region, branch, channel, stage, tier, abcd, rfm8, segment, "
     "value_tier or needs; two crossed with a comma"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {
    {rows, 0},
    {kehu__window_params, offsetof(composition_opts, win)},
    {NULL, 0},
};

/* The figure columns after the dimension columns. */
static const kehu_column figures[] = {
    {"customers", KEHU_COL_INT, 0, "customers"},
    {"customer_share", KEHU_COL_NUM, 4, "share"},
    {"revenue", KEHU_COL_NUM, 2, "money"},
    {"revenue_share", KEHU_COL_NUM, 4, "share"},
    {"profit", KEHU_COL_NUM, 2, "money"},
    {"profit_share", KEHU_COL_NUM, 4, "share"},
};
#define N_FIGURES (sizeof figures / sizeof figures[0])

typedef struct table_data {
    kehu__group_dim dims[2];
    size_t nd;
    kehu_composition *comp;
    int cost; /* 1: the input has costs (profit columns filled) */
} table_data;

static void table_data_free(void *p)
{
    table_data *d = p;

    kehu__dims_reset(d->dims, d->nd);
    kehu_composition_free(d->comp);
    kehu_free(d);
}

static void figure_cells(const kehu_cells *out, const kehu_comp_group *g,
                         int cost)
{
    kehu_cell_int(out, (int64_t)g->customers);
    kehu_cell_num(out, g->customer_share);
    kehu_cell_num(out, g->revenue);
    kehu_cell_num(out, g->revenue_share);
    if (cost) {
        kehu_cell_num(out, g->profit);
        kehu_cell_num(out, g->profit_share);
    } else {
        kehu_cell_null(out);
        kehu_cell_null(out);
    }
}

static kehu_status emit(const void *data, const kehu_cells *out)
{
    const table_data *d = data;
    const kehu_composition *comp = d->comp;
    size_t i, j;

    for (i = 0; i < comp->n; i++) {
        for (j = 0; j < d->nd; j++) {
            kehu__cell_dim_key(out, &d->dims[j], comp->groups[i].key[j]);
        }
        figure_cells(out, &comp->groups[i], d->cost);
    }
    kehu_cell_label(out, "total", "total", "合计");
    for (j = 1; j < d->nd; j++) {
        kehu_cell_null(out);
    }
    figure_cells(out, &comp->total, d->cost);
    return KEHU_OK;
}

/* Group the classified rows of s by d's dimensions. */
static kehu_status compose(table_data *d, const kehu_summary *s,
                           const kehu_class *cls)
{
    size_t n = s->n ? s->n : 1, i;
    uint32_t *key1 = kehu_calloc(n, sizeof *key1);
    uint32_t *key2 = kehu_calloc(n, sizeof *key2);
    double *revenue = kehu_calloc(n, sizeof *revenue);
    double *profit = kehu_calloc(n, sizeof *profit);
    kehu_status rc = KEHU_ENOMEM;

    if (key1 == NULL || key2 == NULL || revenue == NULL || profit == NULL) {
        goto done;
    }
    for (i = 0; i < s->n; i++) {
        key1[i] = kehu__dim_key(&d->dims[0], &s->rows[i], &cls[i]);
        key2[i] =
            d->nd > 1 ? kehu__dim_key(&d->dims[1], &s->rows[i], &cls[i]) : 0;
        revenue[i] = s->rows[i].monetary_total;
        profit[i] = s->rows[i].profit_total;
    }
    rc = kehu_composition_compute(s->n, key1, d->nd > 1 ? key2 : NULL, revenue,
                                  profit, &d->comp);
done:
    kehu_free(profit);
    kehu_free(revenue);
    kehu_free(key2);
    kehu_free(key1);
    return rc;
}

/* The classified summary of c, composed into d. */
static kehu_status classify_and_compose(const kehu_op_ctx *c, table_data *d)
{
    const composition_opts *o = c->opts;
    const kehu_ledger *l = c->data->ledger;
    kehu_summary_options so;
    kehu_summary *s = NULL;
    kehu_class *cls = NULL;
    kehu_class_inputs extra = {NULL, NULL, NULL, 0};
    uint8_t *tags = NULL;
    kehu_status rc;

    rc = kehu__window_summary(&o->win, l, &so, c->err);
    if (rc == KEHU_OK) {
        rc = kehu__known_summary(l, &so, &s, c->err);
    }
    if (rc == KEHU_OK) {
        rc = kehu__category_map(c->data, l, &extra, &tags, c->err);
    }
    if (rc == KEHU_OK) {
        rc = kehu__classify_rows(s, &c->data->standards, &extra, NULL, &cls,
                                 c->err);
    }
    if (rc == KEHU_OK) {
        d->cost = s->has_cost;
        rc = compose(d, s, cls);
    }
    kehu_free(tags);
    kehu_free(cls);
    kehu_summary_free(s);
    return rc;
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    const composition_opts *o = c->opts;
    kehu_column cols[2 + N_FIGURES];
    table_data *d = kehu_calloc(1, sizeof *d);
    size_t j;
    kehu_status rc;

    if (d == NULL) {
        return KEHU_ENOMEM;
    }
    rc = kehu_result_keep(out, d, table_data_free);
    if (rc != KEHU_OK) {
        return rc;
    }
    rc = kehu__dims_parse("by", o->by, 0, c->data->ledger, d->dims, 2, &d->nd,
                          c->err);
    if (rc == KEHU_OK) {
        rc = classify_and_compose(c, d);
    }
    if (rc == KEHU_OK) {
        rc = kehu__note_standard(out, c->data);
    }
    if (rc != KEHU_OK) {
        return rc;
    }
    for (j = 0; j < d->nd; j++) {
        cols[j].key = d->dims[j].def->name;
        cols[j].type = KEHU_COL_STR;
        cols[j].decimals = 0;
        cols[j].unit = NULL;
    }
    for (j = 0; j < N_FIGURES; j++) {
        cols[d->nd + j] = figures[j];
    }
    return kehu_result_table(out, "composition", cols, d->nd + N_FIGURES, emit,
                             d, NULL);
}

static void init(void *opts)
{
    kehu__window_init(&((composition_opts *)opts)->win);
}

static kehu_status check(const kehu_params *p, kehu_error *err)
{
    const composition_opts *o = p->opts;

    if (o->by == NULL) {
        return kehu_error_set(
            err, KEHU_EINVAL,
            "give --by DIM[,DIM] (see kehu composition --help)");
    }
    return KEHU_OK;
}

const kehu_op kehu_op_composition = {
    "composition",
    "customers, revenue and profit by region, branch, stage, tier, class",
    "FILE --by DIM[,DIM] [options]",
    "Groups the customers classify lists (as of --as-of over the window;\n"
    "with --customers also those without a purchase, revenue 0) by one\n"
    "dimension or two crossed (--by branch,tier). Each group: customers,\n"
    "share of customers, revenue (net of returns), share of revenue,\n"
    "profit and share of profit (empty without a cost column). Groups are\n"
    "sorted by revenue, largest first; the last row is the total. Classes\n"
    "follow the standard in force, as in classify.",
    params,
    sizeof(composition_opts),
    init,
    KEHU_NEEDS_LEDGER | KEHU_NEEDS_STANDARDS | KEHU_NEEDS_CATEGORY_MAP,
    check,
    run,
};
