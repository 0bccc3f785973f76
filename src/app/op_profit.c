/* SPDX-License-Identifier: MIT */
/*
 * profit: customer profitability: revenue, cost, profit, margin, service
 * cost, profit after service cost and profit per unit of service cost,
 * per customer or by a dimension (definitions in kehu/profit.h). Service
 * costs dated in the summary window [since, A) are charged.
 */
#include "groups.h"
#include "window.h"

#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/date.h"
#include "kehu/profit.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

typedef struct profit_options {
    kehu__window w;
    double margin; /* NaN: not given */
    const char *by;
} profit_options;

static const kehu_param rows[] = {
    {"margin", KEHU_PARAM_NUM, offsetof(profit_options, margin), NULL, -10, 1,
     NULL, "M",
     "assumed gross margin when the input has no cost column, e.g. 0.3"},
    {"by", KEHU_PARAM_TEXT, offsetof(profit_options, by), NULL, 0, -1, NULL,
     "DIM",
     "aggregate by region, branch, channel, stage, tier, abcd, rfm8, "
     "segment, value_tier or needs"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {
    {rows, 0},
    {kehu__window_params, offsetof(profit_options, w)},
    {NULL, 0},
};

#define MONEY_COLUMNS                                                          \
    {"revenue", KEHU_COL_NUM, 2, "money"}, {"cost", KEHU_COL_NUM, 2, "money"}, \
        {"profit", KEHU_COL_NUM, 2, "money"},                                  \
        {"margin", KEHU_COL_NUM, 4, "share"},                                  \
        {"service_cost", KEHU_COL_NUM, 2, "money"},                            \
        {"profit_after_service", KEHU_COL_NUM, 2, "money"},                    \
    {                                                                          \
        "profit_per_service_cost", KEHU_COL_NUM, 4, NULL                       \
    }

static const kehu_column columns[] = {
    {"customer_id", KEHU_COL_STR, 0, NULL}, MONEY_COLUMNS,
    {"region", KEHU_COL_STR, 0, NULL},      {"branch", KEHU_COL_STR, 0, NULL},
    {"channel", KEHU_COL_STR, 0, NULL},
};

static const kehu_column group_columns[] = {
    {"group", KEHU_COL_STR, 0, NULL},
    {"customers", KEHU_COL_INT, 0, "customers"},
    MONEY_COLUMNS,
};

#define NCOLS  (sizeof columns / sizeof columns[0])
#define NGCOLS (sizeof group_columns / sizeof group_columns[0])

/* Service costs charged to ledger customers within [since, as_of). */
typedef struct cost_ctx {
    const kehu_ledger *l;
    double *by_customer; /* per ledger index, currency */
    int32_t since, as_of;
    uint64_t unmatched; /* rows of unknown customers */
    uint64_t outside;   /* rows dated outside the window */
    double unmatched_cost;
} cost_ctx;

typedef struct table_data {
    const kehu_ledger *l;
    kehu_summary *s;
    kehu_profit_row *p; /* per summary row */
    kehu__groups g;
    kehu_profit_sum *sum; /* per group key */
    kehu_profit_sum all;
} table_data;

static void table_data_free(void *ptr)
{
    table_data *d = ptr;

    kehu_free(d->sum);
    kehu__groups_free(&d->g);
    kehu_free(d->p);
    kehu_summary_free(d->s);
    kehu_free(d);
}

static kehu_status add_cost(void *ctx, const kehu_service_cost_row *r)
{
    cost_ctx *cc = ctx;
    size_t i;

    if (r->day >= cc->as_of ||
        (cc->since != KEHU_DAY_NONE && r->day < cc->since)) {
        cc->outside++;
        return KEHU_OK;
    }
    if (kehu_ledger_find(cc->l, r->customer_id, &i) != KEHU_OK) {
        cc->unmatched++;
        cc->unmatched_cost += (double)r->cost / KEHU_MONEY_SCALE;
        return KEHU_OK;
    }
    cc->by_customer[i] += (double)r->cost / KEHU_MONEY_SCALE;
    return KEHU_OK;
}

/* Stream the service costs, when given, into cc->by_customer; a note on
 * those not charged. */
static kehu_status read_costs(const kehu_op_ctx *c, cost_ctx *cc,
                              kehu_result *out)
{
    kehu_row_fn fn;
    kehu_note *n;
    kehu_status rc;

    if (!kehu_dataset_has(c->data, KEHU_INPUT_SERVICE_COSTS)) {
        return KEHU_OK;
    }
    fn.service_cost = add_cost;
    rc = kehu_dataset_each(c->data, KEHU_INPUT_SERVICE_COSTS, fn, cc, c->err);
    if (rc != KEHU_OK || (cc->unmatched == 0 && cc->outside == 0)) {
        return rc;
    }
    rc = kehu_result_note(
        out, KEHU_NOTE_RECONCILE, "uncharged_costs", &n,
        "%s: %llu rows outside the window, %llu rows (%.2f) for unknown "
        "customers: not charged",
        kehu_dataset_side_name(c->data, KEHU_INPUT_SERVICE_COSTS),
        (unsigned long long)cc->outside, (unsigned long long)cc->unmatched,
        cc->unmatched_cost);
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "outside_window", (double)cc->outside);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "unknown_customer", (double)cc->unmatched);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "unknown_customer_cost", cc->unmatched_cost);
    }
    return rc;
}

/* A row is listed when the customer bought in the window or was charged
 * a service cost. */
static int listed(const kehu_summary_row *s, const kehu_profit_row *r)
{
    return s->purchase_days > 0 || r->service_cost > 0;
}

static void money_cells(const kehu_cells *out, const kehu_profit_row *r)
{
    kehu_cell_num(out, r->revenue);
    kehu_cell_num(out, r->cost);
    kehu_cell_num(out, r->profit);
    kehu_cell_num(out, r->margin);
    kehu_cell_num(out, r->service_cost);
    kehu_cell_num(out, r->profit_after_service);
    kehu_cell_num(out, r->profit_per_service_cost);
}

static void dim_cell(const kehu_cells *out, const kehu_ledger *l, kehu_dim d,
                     uint32_t v)
{
    kehu_slice s = kehu_ledger_dim_slice(l, d, v);

    kehu_cell_strn(out, s.ptr, s.len);
}

static kehu_status emit_customers(const void *data, const kehu_cells *out)
{
    const table_data *d = data;
    size_t i;

    for (i = 0; i < d->s->n; i++) {
        const kehu_summary_row *row = &d->s->rows[i];
        kehu_customer cu;
        if (!listed(row, &d->p[i])) {
            continue;
        }
        kehu_ledger_customer(d->l, row->customer, &cu);
        kehu_cell_strn(out, cu.id.ptr, cu.id.len);
        money_cells(out, &d->p[i]);
        dim_cell(out, d->l, KEHU_DIM_REGION, row->dim[KEHU_DIM_REGION]);
        dim_cell(out, d->l, KEHU_DIM_BRANCH, row->dim[KEHU_DIM_BRANCH]);
        dim_cell(out, d->l, KEHU_DIM_CHANNEL, row->dim[KEHU_DIM_CHANNEL]);
    }
    return KEHU_OK;
}

static kehu_status emit_groups(const void *data, const kehu_cells *out)
{
    const table_data *d = data;
    uint32_t k;

    for (k = 0; k < d->g.n_keys; k++) {
        const kehu_profit_sum *gs = &d->sum[k];
        if (gs->customers == 0) {
            continue;
        }
        kehu__groups_cell(out, &d->g, k);
        kehu_cell_int(out, (int64_t)gs->customers);
        money_cells(out, &gs->sum);
    }
    kehu_cell_str(out, "total");
    kehu_cell_int(out, (int64_t)d->all.customers);
    money_cells(out, &d->all.sum);
    return KEHU_OK;
}

/* The sums per group and over every listed row. */
static kehu_status sum_groups(table_data *d)
{
    uint32_t k;
    size_t i;

    d->sum = kehu_calloc(d->g.n_keys ? d->g.n_keys : 1, sizeof *d->sum);
    if (d->sum == NULL) {
        return KEHU_ENOMEM;
    }
    for (i = 0; i < d->s->n; i++) {
        if (listed(&d->s->rows[i], &d->p[i])) {
            kehu_profit_add(&d->sum[d->g.key[i]], &d->p[i]);
            kehu_profit_add(&d->all, &d->p[i]);
        }
    }
    for (k = 0; k < d->g.n_keys; k++) {
        if (d->sum[k].customers > 0) {
            kehu_profit_finish(&d->sum[k]);
        }
    }
    kehu_profit_finish(&d->all);
    return KEHU_OK;
}

/* The summary over the window, idle customers included. */
static kehu_status summarise(const kehu_op_ctx *c, table_data *d)
{
    const profit_options *o = c->opts;
    kehu_summary_options so;
    kehu_status rc = kehu__window_summary(&o->w, d->l, &so, c->err);

    if (rc != KEHU_OK) {
        return rc;
    }
    so.include_idle = 1;
    rc = kehu_summary_compute(d->l, &so, &d->s);
    if (rc != KEHU_OK) {
        return kehu_error_set(c->err, rc, "summary failed: %s",
                              kehu_strerror(rc));
    }
    return KEHU_OK;
}

/* Every summary row's profit, its service costs charged. */
static kehu_status compute(const kehu_op_ctx *c, table_data *d,
                           kehu_result *out)
{
    const profit_options *o = c->opts;
    size_t n = d->s->n ? d->s->n : 1, i;
    double *sc = kehu_malloc(n * sizeof *sc);
    cost_ctx cc;
    kehu_status rc = KEHU_ENOMEM;

    memset(&cc, 0, sizeof cc);
    cc.l = d->l;
    cc.since = d->s->since_day;
    cc.as_of = d->s->as_of_day;
    cc.by_customer = kehu_calloc(kehu_ledger_count(d->l) + 1, sizeof(double));
    d->p = kehu_calloc(n, sizeof *d->p);
    if (sc == NULL || cc.by_customer == NULL || d->p == NULL) {
        goto done;
    }
    rc = read_costs(c, &cc, out);
    if (rc != KEHU_OK) {
        goto done;
    }
    for (i = 0; i < d->s->n; i++) {
        sc[i] = cc.by_customer[d->s->rows[i].customer];
    }
    rc = kehu_profit_compute(d->s, sc, o->margin, d->p);
    if (rc == KEHU_EINVAL) {
        rc = kehu_error_set(c->err, rc,
                            "the input has no cost column: give --margin "
                            "(assumed gross margin) or map a cost column "
                            "(--map cost=HEADER)");
    } else if (rc != KEHU_OK) {
        rc = kehu_error_set(c->err, rc, "profit: %s (negative service cost?)",
                            kehu_strerror(rc));
    }
done:
    kehu_free(cc.by_customer);
    kehu_free(sc);
    return rc;
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    const profit_options *o = c->opts;
    table_data *d = kehu_calloc(1, sizeof *d);
    kehu_status rc;

    if (d == NULL) {
        return kehu_error_set(c->err, KEHU_ENOMEM, "out of memory");
    }
    d->l = c->data->ledger;
    rc = kehu_result_keep(out, d, table_data_free);
    if (rc == KEHU_OK) {
        rc = summarise(c, d);
    }
    if (rc == KEHU_OK) {
        rc = compute(c, d, out);
    }
    if (rc == KEHU_OK && o->by != NULL) {
        rc = kehu__groups_init(c->data, d->l, o->by, d->s, &d->g, c->err);
        if (rc == KEHU_OK) {
            rc = sum_groups(d);
        }
        if (rc == KEHU_OK) {
            rc = kehu_result_table(out, "profit", group_columns, NGCOLS,
                                   emit_groups, d, NULL);
        }
    } else if (rc == KEHU_OK) {
        rc = kehu_result_table(out, "profit", columns, NCOLS, emit_customers, d,
                               NULL);
    }
    if (rc == KEHU_ENOMEM && c->err->msg[0] == '\0') {
        return kehu_error_set(c->err, rc, "out of memory");
    }
    return rc;
}

static void init(void *opts)
{
    profit_options *o = opts;

    kehu__window_init(&o->w);
    o->margin = NAN;
}

const kehu_op kehu_op_profit = {
    "profit",
    "customer profitability: profit, margin, service cost, profit per unit "
    "of service cost",
    "FILE [--service-costs COSTS] [options]",
    "Per customer over the summary window [since, A): revenue (returns\n"
    "netted), cost (the cost column, or revenue * (1 - --margin) when there\n"
    "is none), profit = revenue - cost, margin = profit / revenue,\n"
    "service_cost = the --service-costs rows dated in the window,\n"
    "profit_after_service = profit - service_cost and\n"
    "profit_per_service_cost = profit / service_cost (empty when there is\n"
    "no service cost). Customers with a purchase or a service cost in the\n"
    "window are listed (a --customers master customer without orders is\n"
    "charged too); costs of customers in neither file, and rows outside\n"
    "the window, are counted on stderr, not charged. --by sums per group\n"
    "(ratios from the sums) and adds a total row.",
    params,
    sizeof(profit_options),
    init,
    KEHU_NEEDS_LEDGER | KEHU_NEEDS_STANDARDS | KEHU_NEEDS_CATEGORY_MAP |
        KEHU_NEEDS_SERVICE_COSTS | KEHU_SIDE_OPTIONAL(KEHU_INPUT_SERVICE_COSTS),
    NULL,
    run,
};
