/* SPDX-License-Identifier: MIT */
/*
 * `kehu profit FILE [--service-costs COSTS]`: customer profitability
 * (SPEC.md sections 2 and 7): revenue, cost, profit, margin, service cost,
 * profit after service cost and profit per unit of service cost, per
 * customer or --by a dimension (definitions in kehu/profit.h). Service
 * costs dated in the summary window [since, A) are charged.
 */
#include "cli_group.h"
#include "cli_input.h"
#include "cli_needs.h"

#include "kehu/date.h"
#include "kehu/profit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const cli_option options[] = {
    {"service-costs", "FILE",
     "service costs CSV (customer_id, date, cost "
     "[, type])"},
    {"margin", "M",
     "assumed gross margin when the input has no cost "
     "column, e.g. 0.3"},
    {"by", "DIM",
     "aggregate by region, branch, channel, stage, tier, abcd, "
     "rfm8, segment, value_tier or needs"},
    CLI_CATEGORY_MAP_OPTION,
    {NULL, NULL, NULL},
};

static const out_column columns[] = {
    {"customer_id", "客户编号", OUT_STR, 0},
    {"revenue", "收入", OUT_NUM, 2},
    {"cost", "成本", OUT_NUM, 2},
    {"profit", "利润", OUT_NUM, 2},
    {"margin", "利润率", OUT_NUM, 4},
    {"service_cost", "服务成本", OUT_NUM, 2},
    {"profit_after_service", "扣除服务成本后利润", OUT_NUM, 2},
    {"profit_per_service_cost", "单位服务成本利润", OUT_NUM, 4},
    {"region", "地区", OUT_STR, 0},
    {"branch", "网点", OUT_STR, 0},
    {"channel", "渠道", OUT_STR, 0},
};

static const out_column group_columns[] = {
    {"group", "分组", OUT_STR, 0},
    {"customers", "客户数", OUT_INT, 0},
    {"revenue", "收入", OUT_NUM, 2},
    {"cost", "成本", OUT_NUM, 2},
    {"profit", "利润", OUT_NUM, 2},
    {"margin", "利润率", OUT_NUM, 4},
    {"service_cost", "服务成本", OUT_NUM, 2},
    {"profit_after_service", "扣除服务成本后利润", OUT_NUM, 2},
    {"profit_per_service_cost", "单位服务成本利润", OUT_NUM, 4},
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

/* Read --service-costs into cc->by_customer, with the input options
 * (delimiter, date format, --map service_costs.FIELD=HEADER, reject
 * rate); the file has its own rejects file next to it. Returns an exit
 * code. */
static int read_costs(cli_ctx *c, const char *path, cost_ctx *cc)
{
    kehu_row_fn fn;
    int code;

    fn.service_cost = add_cost;
    code = cli_read_side(c, KEHU_INPUT_SERVICE_COSTS, path, fn, cc);
    if (code == 0 && !c->quiet && (cc->unmatched > 0 || cc->outside > 0)) {
        (void)fprintf(stderr,
                      "%s: %llu rows outside the window, %llu rows (%.2f) for "
                      "unknown customers: not charged\n",
                      path, (unsigned long long)cc->outside,
                      (unsigned long long)cc->unmatched, cc->unmatched_cost);
    }
    return code;
}

static void dim_cell(out_table *t, const kehu_ledger *l, kehu_dim d, uint32_t v)
{
    kehu_slice s = kehu_ledger_dim_slice(l, d, v);

    out_strn(t, s.ptr, s.len);
}

static void money_cells(out_table *t, const kehu_profit_row *r)
{
    out_num(t, r->revenue);
    out_num(t, r->cost);
    out_num(t, r->profit);
    out_num(t, r->margin);
    out_num(t, r->service_cost);
    out_num(t, r->profit_after_service);
    out_num(t, r->profit_per_service_cost);
}

/* A row is listed when the customer bought in the window or was charged
 * a service cost. */
static int listed(const kehu_summary_row *s, const kehu_profit_row *r)
{
    return s->purchase_days > 0 || r->service_cost > 0;
}

static int print_customers(cli_ctx *c, const kehu_ledger *l,
                           const kehu_summary *s, const kehu_profit_row *p)
{
    out_table *t = out_table_begin(c->out, c->fmt, c->lang, columns, NCOLS);
    size_t i;

    if (t == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < s->n; i++) {
        const kehu_summary_row *row = &s->rows[i];
        kehu_customer cu;
        if (!listed(row, &p[i])) {
            continue;
        }
        kehu_ledger_customer(l, row->customer, &cu);
        out_strn(t, cu.id.ptr, cu.id.len);
        money_cells(t, &p[i]);
        dim_cell(t, l, KEHU_DIM_REGION, row->dim[KEHU_DIM_REGION]);
        dim_cell(t, l, KEHU_DIM_BRANCH, row->dim[KEHU_DIM_BRANCH]);
        dim_cell(t, l, KEHU_DIM_CHANNEL, row->dim[KEHU_DIM_CHANNEL]);
    }
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
}

static int print_groups(cli_ctx *c, const kehu_summary *s,
                        const kehu_profit_row *p, const cli_groups *g)
{
    kehu_profit_sum *sum = calloc(g->n_keys ? g->n_keys : 1, sizeof *sum);
    kehu_profit_sum all;
    out_table *t = NULL;
    uint32_t k;
    size_t i;
    int code;

    if (sum == NULL || (t = out_table_begin(c->out, c->fmt, c->lang,
                                            group_columns, NGCOLS)) == NULL) {
        free(sum);
        return cli_error(c, 1, "out of memory");
    }
    memset(&all, 0, sizeof all);
    for (i = 0; i < s->n; i++) {
        if (listed(&s->rows[i], &p[i])) {
            kehu_profit_add(&sum[g->key[i]], &p[i]);
            kehu_profit_add(&all, &p[i]);
        }
    }
    for (k = 0; k < g->n_keys; k++) {
        kehu_profit_sum *gs = &sum[k];
        if (gs->customers == 0) {
            continue;
        }
        kehu_profit_finish(gs);
        cli_groups_cell(c, t, g, k);
        out_int(t, (int64_t)gs->customers);
        money_cells(t, &gs->sum);
    }
    kehu_profit_finish(&all);
    out_str(t, "total");
    out_int(t, (int64_t)all.customers);
    money_cells(t, &all.sum);
    code = out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
    free(sum);
    return code;
}

static int compute_and_print(cli_ctx *c, const kehu_ledger *l,
                             const kehu_summary *s, double margin,
                             const double *by_customer)
{
    kehu_profit_row *p = calloc(s->n ? s->n : 1, sizeof *p);
    double *sc = malloc((s->n ? s->n : 1) * sizeof *sc);
    cli_groups g;
    kehu_status rc;
    size_t i;
    int code;

    memset(&g, 0, sizeof g);
    if (p == NULL || sc == NULL) {
        free(p);
        free(sc);
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < s->n; i++) {
        sc[i] = by_customer[s->rows[i].customer];
    }
    rc = kehu_profit_compute(s, sc, margin, p);
    if (rc == KEHU_EINVAL) {
        code = cli_error(c, 2,
                         "the input has no cost column: give --margin "
                         "(assumed gross margin) or map a cost column "
                         "(--map cost=HEADER)");
    } else if (rc != KEHU_OK) {
        code = cli_error(c, 2, "profit: %s (negative service cost?)",
                         kehu_strerror(rc));
    } else if (cli_has(c, "by")) {
        code = cli_groups_init(c, l, s, &g);
        if (code == 0) {
            code = print_groups(c, s, p, &g);
        }
    } else {
        code = print_customers(c, l, s, p);
    }
    cli_groups_free(&g);
    free(p);
    free(sc);
    return code;
}

static int run(cli_ctx *c)
{
    const char *costs = cli_get(c, "service-costs");
    kehu_summary_options so;
    kehu_summary *s = NULL;
    kehu_ledger *l = NULL;
    cost_ctx cc;
    double margin = NAN;
    int code;

    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu profit "
                         "--help)");
    }
    if (cli_opt_double(c, "margin", &margin) != 0) {
        return 2;
    }
    if (cli_has(c, "margin") && !(margin <= 1 && margin >= -10)) {
        return cli_error(c, 2,
                         "--margin is a share of revenue, at most 1 "
                         "(e.g. 0.3)");
    }
    code = cli_load_ledger(c, c->args[0], &l);
    if (code != 0) {
        return code;
    }
    memset(&cc, 0, sizeof cc);
    code = cli_summary_options(c, l, &so);
    if (code == 0) {
        so.include_idle = 1;
        code = cli_summary(c, l, &so, &s);
    }
    if (code == 0) {
        cc.l = l;
        cc.since = s->since_day;
        cc.as_of = s->as_of_day;
        cc.by_customer = calloc(kehu_ledger_count(l) + 1, sizeof(double));
        code = cc.by_customer == NULL ? cli_error(c, 1, "out of memory") : 0;
    }
    if (code == 0 && costs != NULL) {
        code = read_costs(c, costs, &cc);
    }
    if (code == 0) {
        code = compute_and_print(c, l, s, margin, cc.by_customer);
    }
    free(cc.by_customer);
    kehu_summary_free(s);
    kehu_ledger_free(l);
    return code;
}

const cli_command cli_cmd_profit = {
    "profit",
    "customer profitability: profit, margin, service cost, profit per unit "
    "of service cost (SPEC 7)",
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
    options,
    1,
    run,
    NULL,
};
