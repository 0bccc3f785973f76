/* SPDX-License-Identifier: MIT */
/*
 * `kehu clv FILE`: per-customer P(alive), expected purchases, expected
 * spend and discounted CLV (SPEC.md section 7) from a purchase model and
 * Gamma-Gamma (or the customer's mean spend) fitted on the summary as of
 * A; --by aggregates by a dimension. The discounting convention is
 * kehu/clv.h's and is spelled out in the help text.
 */
#include "cli_group.h"
#include "cli_model.h"
#include "cli_needs.h"

#include "kehu/clv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const cli_option options[] = {
    {"model", "M", "purchase model: bgnbd (default), pnbd or mbgnbd"},
    {"spend", "S",
     "spend per purchase: gg (Gamma-Gamma, default) or mean "
     "(the customer's mean per purchase day)"},
    {"horizon", "H", "horizon in --unit periods, a whole number (52)"},
    {"discount", "D",
     "ANNUAL discount rate in [0, 1), e.g. 0.1 for 10% "
     "(default 0.1)"},
    {"margin", "M", "share of spend kept as profit (default 1: revenue)"},
    {"params", "P1,P2,..",
     "use these model parameters (a published or earlier fit) instead of "
     "fitting"},
    {"gg-params", "P,Q,G",
     "use these Gamma-Gamma parameters instead of "
     "fitting"},
    {"by", "DIM",
     "aggregate by region, branch, channel, stage, tier, abcd, "
     "rfm8, segment, value_tier or needs"},
    CLI_CATEGORY_MAP_OPTION,
    {NULL, NULL, NULL},
};

static const out_column columns[] = {
    {"customer_id", "客户编号", OUT_STR, 0},
    {"p_alive", "存活概率", OUT_NUM, 4},
    {"expected_purchases", "预期购买次数", OUT_NUM, 4},
    {"spend_per_purchase", "单次预期消费", OUT_NUM, 2},
    {"expected_spend", "预期消费", OUT_NUM, 2},
    {"clv", "客户终身价值", OUT_NUM, 2},
    {"region", "地区", OUT_STR, 0},
    {"branch", "网点", OUT_STR, 0},
    {"channel", "渠道", OUT_STR, 0},
};

static const out_column group_columns[] = {
    {"group", "分组", OUT_STR, 0},
    {"customers", "客户数", OUT_INT, 0},
    {"clv_sum", "终身价值合计", OUT_NUM, 2},
    {"clv_mean", "平均终身价值", OUT_NUM, 2},
    {"expected_purchases_sum", "预期购买次数合计", OUT_NUM, 2},
    {"p_alive_mean", "平均存活概率", OUT_NUM, 4},
};

#define NCOLS  (sizeof columns / sizeof columns[0])
#define NGCOLS (sizeof group_columns / sizeof group_columns[0])

typedef struct clv_run {
    kehu_ledger *l;
    kehu_summary *s;
    cli_histories h;
    cli_model model;
    kehu_fit_result gg;
    int spend_mean;
    kehu_clv_options o;
    kehu_clv_value *v; /* per history */
} clv_run;

static int parse_options(cli_ctx *c, clv_run *r)
{
    const char *spend = cli_get(c, "spend");
    int code = cli_model_parse(c, "model", "bgnbd", &r->model);

    if (code != 0) {
        return code;
    }
    if (spend != NULL && strcmp(spend, "gg") != 0 &&
        strcmp(spend, "mean") != 0) {
        return cli_error(c, 2, "--spend %s: use gg or mean", spend);
    }
    r->spend_mean = spend != NULL && strcmp(spend, "mean") == 0;
    kehu_clv_options_init(&r->o);
    if (cli_opt_long(c, "horizon", &r->o.horizon) != 0 ||
        cli_opt_double(c, "discount", &r->o.discount) != 0 ||
        cli_opt_double(c, "margin", &r->o.margin) != 0) {
        return 2;
    }
    if (r->o.horizon < 1 || r->o.horizon > KEHU_CLV_MAX_HORIZON) {
        return cli_error(c, 2,
                         "--horizon must be a whole number of periods, 1..%d",
                         KEHU_CLV_MAX_HORIZON);
    }
    /* Below 1: "--discount 5" meant as 5% must not pass as 500%. */
    if (!(r->o.discount >= 0 && r->o.discount < 1)) {
        return cli_error(c, 2,
                         "--discount is an annual rate in [0, 1), "
                         "e.g. 0.1 for 10%%");
    }
    if (!(r->o.margin >= 0 && r->o.margin <= 1000)) {
        return cli_error(c, 2,
                         "--margin must be >= 0 (a share of spend, "
                         "e.g. 0.3)");
    }
    return 0;
}

static int compute(cli_ctx *c, clv_run *r)
{
    double *spend = malloc((r->h.n ? r->h.n : 1) * sizeof *spend);
    kehu_status rc;
    size_t i;

    r->v = calloc(r->h.n ? r->h.n : 1, sizeof *r->v);
    if (r->v == NULL || spend == NULL) {
        free(spend);
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < r->h.n; i++) {
        const kehu_summary_row *row = &r->s->rows[r->h.row[i]];
        spend[i] =
            r->spend_mean ? row->monetary_avg : cli_gg_spend(r->gg.params, row);
    }
    cli_progress(c, "clv", 0, 1);
    rc = kehu_clv_customers(&r->model.m, &r->o, r->h.n, r->h.x, r->h.t_x,
                            r->h.T, spend, r->v);
    free(spend);
    if (rc != KEHU_OK) {
        return cli_error(c, cli_exit_code(rc), "clv failed: %s",
                         kehu_strerror(rc));
    }
    cli_progress(c, "clv", 1, 1);
    return 0;
}

static void dim_cell(out_table *t, const kehu_ledger *l, kehu_dim d, uint32_t v)
{
    kehu_slice s = kehu_ledger_dim_slice(l, d, v);

    out_strn(t, s.ptr, s.len);
}

static int print_customers(cli_ctx *c, const clv_run *r)
{
    out_table *t = out_table_begin(c->out, c->fmt, c->lang, columns, NCOLS);
    size_t i;

    if (t == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < r->h.n; i++) {
        const kehu_summary_row *row = &r->s->rows[r->h.row[i]];
        const kehu_clv_value *v = &r->v[i];
        kehu_customer cu;

        kehu_ledger_customer(r->l, row->customer, &cu);
        out_strn(t, cu.id.ptr, cu.id.len);
        out_num(t, v->p_alive);
        out_num(t, v->expected_purchases);
        out_num(t, v->spend);
        out_num(t, v->expected_spend);
        out_num(t, v->clv);
        dim_cell(t, r->l, KEHU_DIM_REGION, row->dim[KEHU_DIM_REGION]);
        dim_cell(t, r->l, KEHU_DIM_BRANCH, row->dim[KEHU_DIM_BRANCH]);
        dim_cell(t, r->l, KEHU_DIM_CHANNEL, row->dim[KEHU_DIM_CHANNEL]);
    }
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
}

typedef struct group_sum {
    int64_t n;
    double clv, purchases, p_alive;
} group_sum;

static int print_groups(cli_ctx *c, const clv_run *r, const cli_groups *g)
{
    group_sum *sum = calloc(g->n_keys ? g->n_keys : 1, sizeof *sum);
    out_table *t = NULL;
    uint32_t k;
    size_t i;
    int code;

    if (sum == NULL || (t = out_table_begin(c->out, c->fmt, c->lang,
                                            group_columns, NGCOLS)) == NULL) {
        free(sum);
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < r->h.n; i++) {
        group_sum *gs = &sum[g->key[r->h.row[i]]];
        gs->n++;
        gs->clv += r->v[i].clv;
        gs->purchases += r->v[i].expected_purchases;
        gs->p_alive += r->v[i].p_alive;
    }
    for (k = 0; k < g->n_keys; k++) {
        const group_sum *gs = &sum[k];
        if (gs->n == 0) {
            continue;
        }
        cli_groups_cell(c, t, g, k);
        out_int(t, gs->n);
        out_num(t, gs->clv);
        out_num(t, gs->clv / (double)gs->n);
        out_num(t, gs->purchases);
        out_num(t, gs->p_alive / (double)gs->n);
    }
    code = out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
    free(sum);
    return code;
}

static int fit_and_print(cli_ctx *c, clv_run *r)
{
    double unit_days = kehu_unit_days(r->s->unit);
    cli_groups g;
    int code;

    r->o.unit_days = unit_days;
    /* Groups first: a bad --by fails before the fits. */
    code = cli_groups_init(c, r->l, r->s, &g);
    if (code == 0) {
        code = cli_histories_build(c, r->s, r->s->as_of_day, unit_days, &r->h);
    }
    if (code == 0) {
        code = cli_model_fit(c, &r->h, &r->model);
    }
    if (code == 0 && !r->spend_mean) {
        code = cli_gg_fit(c, r->s, &r->gg);
    }
    if (code == 0) {
        code = compute(c, r);
    }
    if (code == 0) {
        code = g.n_keys > 0 || cli_has(c, "by") ? print_groups(c, r, &g)
                                                : print_customers(c, r);
    }
    cli_groups_free(&g);
    return code;
}

static int run(cli_ctx *c)
{
    clv_run r;
    kehu_summary_options so;
    int code;

    memset(&r, 0, sizeof r);
    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu clv "
                         "--help)");
    }
    code = parse_options(c, &r);
    if (code != 0) {
        return code;
    }
    code = cli_load_ledger(c, c->args[0], &r.l);
    if (code != 0) {
        return code;
    }
    code = cli_summary_options(c, r.l, &so);
    if (code == 0) {
        cli_model_unit(c, &so);
        code = cli_summary(c, r.l, &so, &r.s);
    }
    if (code == 0) {
        code = fit_and_print(c, &r);
    }
    free(r.v);
    cli_histories_free(&r.h);
    kehu_summary_free(r.s);
    kehu_ledger_free(r.l);
    return code;
}

const cli_command cli_cmd_clv = {
    "clv",
    "per-customer P(alive), expected purchases and spend, discounted CLV "
    "(SPEC 7)",
    "FILE [options]",
    "Fits --model on the summary as of A (--as-of; purchases before A) and\n"
    "Gamma-Gamma on the repeat buyers, then for every customer with a\n"
    "purchase: p_alive; expected_purchases = E[X(H) | x, t_x, T] over the\n"
    "next H units (--unit, default week); spend_per_purchase = Gamma-Gamma\n"
    "E[M | x, zbar] (population mean without a repeat purchase) or, with\n"
    "--spend mean, the customer's mean per purchase day; expected_spend =\n"
    "spend_per_purchase * expected_purchases (undiscounted); and\n"
    "  clv = margin * spend_per_purchase *\n"
    "        sum_{k=1..H} (E[X(k)|..] - E[X(k-1)|..]) / (1 + d_unit)^k\n"
    "where --discount d is an ANNUAL rate and d_unit = (1 + d)^(unit_days /\n"
    "365.25) - 1 is the rate per unit (weekly: 1.1^(7/365.25) - 1 = 0.183%\n"
    "for 10% a year): each unit period's expected purchases are discounted\n"
    "at its end. x counts repeat purchase days (as in the papers), t_x and\n"
    "T are in units from the first purchase. The fitted parameters are\n"
    "printed on stderr. --by aggregates: customers, sum and mean clv, sum\n"
    "of expected purchases, mean p_alive; classes (stage, tier, ...) are\n"
    "those of kehu classify under the standard in force (--standards).",
    options,
    1,
    run,
    NULL,
};
