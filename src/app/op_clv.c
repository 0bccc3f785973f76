/* SPDX-License-Identifier: MIT */
/*
 * clv: per-customer P(alive), expected purchases, expected spend and
 * discounted CLV from a purchase model and Gamma-Gamma (or the customer's
 * mean spend) fitted on the summary as of A; by aggregates by a dimension
 * (a customer attribute or a class under the standard in force). The
 * discounting convention is kehu/clv.h's and is spelled out in the help.
 */
#include "dims.h"
#include "groups.h"
#include "model.h"
#include "window.h"

#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/clv.h"
#include "kehu/date.h"
#include "kehu/gg.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

static const char *const spend_choices[] = {"gg", "mean", NULL};

typedef struct clv_opts {
    int model;
    int spend_mean; /* index in spend_choices: 1 = mean */
    kehu_clv_options o;
    const char *params;    /* given model parameters, or NULL */
    const char *gg_params; /* given Gamma-Gamma parameters, or NULL */
    const char *by;
    int unit;
    kehu__window win;
} clv_opts;

static const kehu_param rows[] = {
    {"model", KEHU_PARAM_CHOICE, offsetof(clv_opts, model), "bgnbd", 0, -1,
     kehu__model_choices, "M",
     "purchase model: bgnbd (default), pnbd or mbgnbd"},
    {"spend", KEHU_PARAM_CHOICE, offsetof(clv_opts, spend_mean), "gg", 0, -1,
     spend_choices, "S",
     "spend per purchase: gg (Gamma-Gamma, default) or mean (the "
     "customer's mean per purchase day)"},
    {"horizon", KEHU_PARAM_INT, offsetof(clv_opts, o.horizon), NULL, 1,
     KEHU_CLV_MAX_HORIZON, NULL, "H",
     "horizon in --unit periods, a whole number (52)"},
    {"discount", KEHU_PARAM_NUM, offsetof(clv_opts, o.discount), NULL, 0, -1,
     NULL, "D",
     "ANNUAL discount rate in [0, 1), e.g. 0.1 for 10% (default 0.1)"},
    {"margin", KEHU_PARAM_NUM, offsetof(clv_opts, o.margin), NULL, 0, 1000,
     NULL, "M", "share of spend kept as profit (default 1: revenue)"},
    {"params", KEHU_PARAM_TEXT, offsetof(clv_opts, params), NULL, 0, -1, NULL,
     "P1,P2,..",
     "use these model parameters (a published or earlier fit) instead of "
     "fitting"},
    {"gg-params", KEHU_PARAM_TEXT, offsetof(clv_opts, gg_params), NULL, 0, -1,
     NULL, "P,Q,G", "use these Gamma-Gamma parameters instead of fitting"},
    {"by", KEHU_PARAM_TEXT, offsetof(clv_opts, by), NULL, 0, -1, NULL, "DIM",
     "aggregate by region, branch, channel, stage, tier, abcd, rfm8, "
     "segment, value_tier or needs"},
    {"unit", KEHU_PARAM_CHOICE, offsetof(clv_opts, unit), KEHU__MODEL_UNIT_NAME,
     0, -1, kehu__unit_choices, "UNIT",
     "day, week (default), month or year for frequency, t_x, T"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {
    {rows, 0}, {kehu__window_rows, offsetof(clv_opts, win)}, {NULL, 0}};

static const kehu_column columns[] = {
    {"customer_id", KEHU_COL_STR, 0, NULL},
    {"p_alive", KEHU_COL_NUM, 4, "share"},
    {"expected_purchases", KEHU_COL_NUM, 4, NULL},
    {"spend_per_purchase", KEHU_COL_NUM, 2, "money"},
    {"expected_spend", KEHU_COL_NUM, 2, "money"},
    {"clv", KEHU_COL_NUM, 2, "money"},
    {"region", KEHU_COL_STR, 0, NULL},
    {"branch", KEHU_COL_STR, 0, NULL},
    {"channel", KEHU_COL_STR, 0, NULL},
};

static const kehu_column group_columns[] = {
    {"group", KEHU_COL_STR, 0, NULL},
    {"customers", KEHU_COL_INT, 0, "customers"},
    {"clv_sum", KEHU_COL_NUM, 2, "money"},
    {"clv_mean", KEHU_COL_NUM, 2, "money"},
    {"expected_purchases_sum", KEHU_COL_NUM, 2, NULL},
    {"p_alive_mean", KEHU_COL_NUM, 4, "share"},
};

typedef struct group_sum {
    int64_t n;
    double clv, purchases, p_alive;
} group_sum;

/* What the tables show. */
typedef struct clv_data {
    const kehu_ledger *l;
    kehu_summary *s;
    kehu__histories h;
    kehu_clv_value *v; /* per history */
    kehu__groups g;
    group_sum *sum; /* per group key, with by */
} clv_data;

static void clv_data_free(void *p)
{
    clv_data *d = p;

    kehu_free(d->sum);
    kehu__groups_free(&d->g);
    kehu_free(d->v);
    kehu__histories_free(&d->h);
    kehu_summary_free(d->s);
    kehu_free(d);
}

static kehu_status emit_customers(const void *data, const kehu_cells *out)
{
    const clv_data *d = data;
    size_t i;

    for (i = 0; i < d->h.n; i++) {
        const kehu_summary_row *row = &d->s->rows[d->h.row[i]];
        const kehu_clv_value *v = &d->v[i];
        kehu_customer cu;

        kehu_ledger_customer(d->l, row->customer, &cu);
        kehu_cell_strn(out, cu.id.ptr, cu.id.len);
        kehu_cell_num(out, v->p_alive);
        kehu_cell_num(out, v->expected_purchases);
        kehu_cell_num(out, v->spend);
        kehu_cell_num(out, v->expected_spend);
        kehu_cell_num(out, v->clv);
        kehu__cell_dim(out, d->l, KEHU_DIM_REGION, row->dim[KEHU_DIM_REGION]);
        kehu__cell_dim(out, d->l, KEHU_DIM_BRANCH, row->dim[KEHU_DIM_BRANCH]);
        kehu__cell_dim(out, d->l, KEHU_DIM_CHANNEL, row->dim[KEHU_DIM_CHANNEL]);
    }
    return KEHU_OK;
}

static kehu_status emit_groups(const void *data, const kehu_cells *out)
{
    const clv_data *d = data;
    uint32_t k;

    for (k = 0; k < d->g.n_keys; k++) {
        const group_sum *gs = &d->sum[k];
        if (gs->n == 0) {
            continue;
        }
        kehu__groups_cell(out, &d->g, k);
        kehu_cell_int(out, gs->n);
        kehu_cell_num(out, gs->clv);
        kehu_cell_num(out, gs->clv / (double)gs->n);
        kehu_cell_num(out, gs->purchases);
        kehu_cell_num(out, gs->p_alive / (double)gs->n);
    }
    return KEHU_OK;
}

/* The values of every history under model m and the spend per purchase
 * (Gamma-Gamma gg, or the customer's mean when gg is NULL). */
static kehu_status compute(const kehu_op_ctx *c, clv_data *d,
                           const kehu__model *m, const kehu_clv_options *o,
                           const double *gg)
{
    size_t i, n = d->h.n ? d->h.n : 1;
    double *spend = kehu_malloc(n * sizeof *spend);
    kehu_status rc;

    d->v = kehu_calloc(n, sizeof *d->v);
    if (d->v == NULL || spend == NULL) {
        kehu_free(spend);
        return KEHU_ENOMEM;
    }
    for (i = 0; i < d->h.n; i++) {
        const kehu_summary_row *row = &d->s->rows[d->h.row[i]];
        spend[i] = gg == NULL ? row->monetary_avg : kehu__gg_spend(gg, row);
    }
    kehu_runtime_progress(c->rt, "clv", 0, 1);
    rc = kehu_clv_customers(&m->m, o, d->h.n, d->h.x, d->h.t_x, d->h.T, spend,
                            d->v);
    kehu_free(spend);
    if (rc != KEHU_OK) {
        return rc == KEHU_ENOMEM ? rc
                                 : kehu_error_set(c->err, rc, "clv failed: %s",
                                                  kehu_strerror(rc));
    }
    kehu_runtime_progress(c->rt, "clv", 1, 1);
    return KEHU_OK;
}

/* The fits (each noted) and the values. */
static kehu_status fit_and_compute(const kehu_op_ctx *c, kehu_result *out,
                                   clv_data *d, kehu_clv_options *o)
{
    const clv_opts *opt = c->opts;
    double unit_days = kehu_unit_days(d->s->unit);
    kehu_fit_result gg;
    kehu__model m;
    int gg_given = 0;
    kehu_status rc;

    o->unit_days = unit_days;
    kehu__model_init(&m, opt->model);
    rc = kehu__histories_build(d->s, d->s->as_of_day, unit_days, &d->h);
    if (rc == KEHU_OK) {
        rc = kehu__model_fit(&m, &d->h, "params", opt->params, c->err);
    }
    if (rc == KEHU_OK) {
        rc = kehu__model_note(out, &m);
    }
    if (rc == KEHU_OK && !opt->spend_mean) {
        memset(&gg, 0, sizeof gg);
        rc = kehu__gg_fit(d->s, opt->gg_params, &gg, &gg_given, c->err);
        if (rc == KEHU_OK) {
            rc = kehu__note_fit(out, "gg", kehu_gg_param_names, &gg, gg_given,
                                NULL);
        }
    }
    if (rc == KEHU_OK) {
        rc = compute(c, d, &m, o, opt->spend_mean ? NULL : gg.params);
    }
    return rc;
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    const clv_opts *opt = c->opts;
    kehu_clv_options o = opt->o;
    kehu_summary_options so;
    clv_data *d = kehu_calloc(1, sizeof *d);
    kehu_status rc;
    size_t i;

    if (d == NULL) {
        return KEHU_ENOMEM;
    }
    rc = kehu_result_keep(out, d, clv_data_free);
    if (rc != KEHU_OK) {
        return rc;
    }
    d->l = c->data->ledger;
    rc = kehu__window_options(&opt->win, opt->unit, d->l, &so, c->err);
    if (rc == KEHU_OK) {
        rc = kehu_summary_compute(d->l, &so, &d->s);
        if (rc != KEHU_OK && rc != KEHU_ENOMEM) {
            rc = kehu_error_set(c->err, rc, "summary failed: %s",
                                kehu_strerror(rc));
        }
    }
    /* Groups first: a bad by fails before the fits. */
    if (rc == KEHU_OK) {
        rc = kehu__groups_init(c->data, d->l, opt->by, d->s, &d->g, c->err);
    }
    if (rc == KEHU_OK) {
        rc = fit_and_compute(c, out, d, &o);
    }
    if (rc != KEHU_OK) {
        return rc;
    }
    if (d->g.n_keys == 0 && opt->by == NULL) {
        return kehu_result_table(out, "clv", columns,
                                 sizeof columns / sizeof columns[0],
                                 emit_customers, d, NULL);
    }
    d->sum = kehu_calloc(d->g.n_keys ? d->g.n_keys : 1, sizeof *d->sum);
    if (d->sum == NULL) {
        return KEHU_ENOMEM;
    }
    for (i = 0; i < d->h.n; i++) {
        group_sum *gs = &d->sum[d->g.key[d->h.row[i]]];
        gs->n++;
        gs->clv += d->v[i].clv;
        gs->purchases += d->v[i].expected_purchases;
        gs->p_alive += d->v[i].p_alive;
    }
    return kehu_result_table(out, "clv", group_columns,
                             sizeof group_columns / sizeof group_columns[0],
                             emit_groups, d, NULL);
}

static kehu_status check(const kehu_params *p, kehu_error *err)
{
    const clv_opts *o = p->opts;

    /* Below 1: "discount 5" meant as 5% must not pass as 500%. */
    if (!(o->o.discount >= 0 && o->o.discount < 1)) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "discount is an annual rate in [0, 1), e.g. "
                              "0.1 for 10%%");
    }
    return KEHU_OK;
}

static void init(void *opts)
{
    clv_opts *o = opts;

    kehu_clv_options_init(&o->o);
    kehu__window_init(&o->win);
}

const kehu_op kehu_op_clv = {
    "clv",
    "per-customer P(alive), expected purchases and spend, discounted CLV",
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
    params,
    sizeof(clv_opts),
    init,
    KEHU_NEEDS_LEDGER | KEHU_NEEDS_STANDARDS | KEHU_NEEDS_CATEGORY_MAP,
    check,
    run,
};
