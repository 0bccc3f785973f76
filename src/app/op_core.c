/* SPDX-License-Identifier: MIT */
/*
 * core: core / potential / ordinary customer counts at the end of every
 * period, per dimension value, with the change against the previous
 * period and a flag when the core count falls. Each period's state is a
 * full classification as of the day after the period's last day, by the
 * same standard and window as classify with that as-of, so the two
 * always agree. The current period, when A falls inside it, is counted as
 * of A (period to date). pareto gives the revenue concentration as of A
 * instead.
 */
#include "dims.h"
#include "groups.h"
#include "standard.h"
#include "window.h"

#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/bridge.h"
#include "kehu/concentration.h"
#include "kehu/date.h"
#include "kehu/period.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define MAX_PERIODS 100000

typedef struct core_opts {
    const char *by;
    const char *period;
    int pareto;
    kehu__window win;
} core_opts;

static const kehu_param rows[] = {
    {"by", KEHU_PARAM_TEXT, offsetof(core_opts, by), NULL, 0, -1, NULL, "DIM",
     "count per region, branch or channel"},
    {"period", KEHU_PARAM_TEXT, offsetof(core_opts, period), NULL, 0, -1, NULL,
     "P", "week, month, quarter or year (default month)"},
    {"pareto", KEHU_PARAM_FLAG, offsetof(core_opts, pareto), NULL, 0, -1, NULL,
     NULL,
     "revenue concentration as of A instead: Pareto curve, top-20% "
     "share, share of customers making 80%, Gini"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {
    {rows, 0},
    {kehu__window_params, offsetof(core_opts, win)},
    {NULL, 0},
};

static const kehu_column count_columns[] = {
    {"period", KEHU_COL_STR, 0, NULL},
    {"", KEHU_COL_STR, 0, NULL}, /* the by dimension */
    {"as_of", KEHU_COL_STR, 0, NULL},
    {"customers", KEHU_COL_INT, 0, "customers"},
    {"core", KEHU_COL_INT, 0, "customers"},
    {"potential", KEHU_COL_INT, 0, "customers"},
    {"ordinary", KEHU_COL_INT, 0, "customers"},
    {"core_share", KEHU_COL_NUM, 4, "share"},
    {"core_change", KEHU_COL_INT, 0, "customers"},
    {"core_fell", KEHU_COL_INT, 0, NULL},
};
#define N_COUNT_COLUMNS (sizeof count_columns / sizeof count_columns[0])

static const kehu_column pareto_columns[] = {
    {"", KEHU_COL_STR, 0, NULL}, /* the by dimension */
    {"metric", KEHU_COL_STR, 0, NULL},
    {"value", KEHU_COL_NUM, 4, NULL},
};

/* One row of the counts: a dimension value at the end of a period. */
typedef struct count_row {
    int32_t period; /* index */
    int32_t as_of;
    uint32_t key;
    uint32_t n[4];  /* customers, core, potential, ordinary */
    int64_t change; /* core against the previous period */
    int has_prev;   /* 0: the value's first period with customers */
} count_row;

/* One group of the concentration (key, or the total). */
typedef struct pareto_group {
    uint32_t key;
    int total;
    kehu_concentration k;
} pareto_group;

typedef struct table_data {
    kehu__group_dim dim; /* dim.def NULL: no by */
    kehu_period_kind kind;
    count_row *rows;
    size_t n, cap;
    pareto_group *groups;
    size_t n_groups;
} table_data;

static void table_data_free(void *p)
{
    table_data *d = p;

    kehu__dims_reset(&d->dim, d->dim.def != NULL ? 1 : 0);
    kehu_free(d->rows);
    kehu_free(d->groups);
    kehu_free(d);
}

/* ------------------------------------------------------------------ */
/* Period counts.                                                       */

/* The state of one run of the period counts. */
typedef struct core_run {
    const kehu_op_ctx *c;
    const kehu_ledger *l;
    table_data *d;
    int32_t as_of;  /* A: the last period ends here */
    int32_t since;  /* fixed window start, or KEHU_DAY_NONE */
    long window;    /* trailing window in days, 0 = none */
    uint32_t nkeys; /* dimension keys (1 without by) */
    uint32_t *key;  /* per ledger customer, with by */
    int32_t first;  /* the first period counted */
    int32_t nperiods;
    uint32_t (*count)[4]; /* per key: customers, core, potential, ordinary */
    int64_t *prev_core;   /* per key; -1 until the key has had customers */
} core_run;

static kehu_status add_row(table_data *d, const count_row *row)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 256;
        count_row *p = kehu_reallocarray(d->rows, cap, sizeof *p);
        if (p == NULL) {
            return KEHU_ENOMEM;
        }
        d->rows = p;
        d->cap = cap;
    }
    d->rows[d->n++] = *row;
    return KEHU_OK;
}

/* Count period pd's customers per key and keep the rows (a
 * kehu_tiers_fn). */
static kehu_status one_period(void *ctx, size_t pd, const kehu_summary *head,
                              const size_t *customer, const kehu_class *cls)
{
    core_run *r = ctx;
    count_row row;
    uint32_t key;
    size_t i;

    memset(r->count, 0, r->nkeys * sizeof *r->count);
    for (i = 0; i < head->n; i++) {
        key = r->key != NULL ? r->key[customer[i]] : 0;
        if (cls[i].tier == KEHU_TIER_NONE) {
            continue;
        }
        r->count[key][0]++;
        r->count[key][cls[i].tier]++;
    }
    for (key = 0; key < r->nkeys; key++) {
        int64_t core = r->count[key][KEHU_TIER_CORE];
        if (r->count[key][0] == 0 && r->prev_core[key] < 0) {
            continue; /* the value has had no customer yet */
        }
        row.period = r->first + (int32_t)pd;
        row.as_of = head->as_of_day;
        row.key = key;
        memcpy(row.n, r->count[key], sizeof row.n);
        row.has_prev = r->prev_core[key] >= 0;
        row.change = row.has_prev ? core - r->prev_core[key] : 0;
        r->prev_core[key] = core;
        if (add_row(r->d, &row) != KEHU_OK) {
            return KEHU_ENOMEM;
        }
    }
    kehu_runtime_progress(r->c->rt, "periods", pd + 1, (uint64_t)r->nperiods);
    return KEHU_OK;
}

static kehu_status emit_counts(const void *data, const kehu_cells *out)
{
    const table_data *d = data;
    size_t i;

    for (i = 0; i < d->n; i++) {
        const count_row *row = &d->rows[i];
        int64_t core = row->n[KEHU_TIER_CORE];
        kehu__cell_period(out, d->kind, row->period);
        if (d->dim.def != NULL) {
            kehu__cell_dim_key(out, &d->dim, row->key);
        }
        kehu_cell_date(out, row->as_of);
        kehu_cell_int(out, row->n[0]);
        kehu_cell_int(out, core);
        kehu_cell_int(out, row->n[KEHU_TIER_POTENTIAL]);
        kehu_cell_int(out, row->n[KEHU_TIER_ORDINARY]);
        kehu_cell_num(out,
                      row->n[0] > 0 ? (double)core / (double)row->n[0] : 0.0);
        if (!row->has_prev) {
            kehu_cell_null(out);
            kehu_cell_int(out, 0);
        } else {
            kehu_cell_int(out, row->change);
            kehu_cell_int(out, row->change < 0);
        }
    }
    return KEHU_OK;
}

/* The periods to count, start..end (indices): from the one holding the
 * first activity (or the fixed since) to the one holding A - 1. */
static kehu_status period_range(core_run *r, int32_t *start, int32_t *end)
{
    int32_t first, last;
    char day[16];

    kehu_ledger_span(r->l, &first, &last);
    if (first == KEHU_DAY_NONE || r->as_of <= first) {
        kehu_date_format(r->as_of, day);
        return kehu_error_set(r->c->err, KEHU_EINVAL,
                              "no order before the analysis date %s", day);
    }
    if (r->window == 0 && r->since != KEHU_DAY_NONE && r->since > first) {
        first = r->since;
    }
    *start = kehu_period_of(r->d->kind, first);
    *end = kehu_period_of(r->d->kind, r->as_of - 1);
    if (*end - *start >= MAX_PERIODS) {
        return kehu_error_set(r->c->err, KEHU_EINVAL,
                              "more than %d periods; use a longer period",
                              MAX_PERIODS);
    }
    return KEHU_OK;
}

/* Each customer's by key, as kehu__dim_key gives it for his summary row. */
static void customer_keys(core_run *r)
{
    size_t i, n = kehu_ledger_count(r->l);
    const kehu__group_dim *dim = &r->d->dim;

    for (i = 0; i < n; i++) {
        kehu_customer cu;
        kehu_ledger_customer(r->l, i, &cu);
        r->key[i] = dim->rank[cu.dim[dim->def->which]];
    }
}

static kehu_status run_counts(core_run *r)
{
    int32_t start = 0, end = -1, i, *as_of = NULL;
    size_t n = kehu_ledger_count(r->l);
    kehu_status rc = period_range(r, &start, &end);

    if (rc != KEHU_OK) {
        return rc;
    }
    r->first = start;
    r->nperiods = end - start + 1;
    r->nkeys = 1;
    if (r->d->dim.def != NULL) {
        r->nkeys = kehu_ledger_dim_count(r->l, (kehu_dim)r->d->dim.def->which);
        r->key = kehu_malloc((n ? n : 1) * sizeof *r->key);
    }
    r->count = kehu_calloc(r->nkeys, sizeof *r->count);
    r->prev_core = kehu_malloc(r->nkeys * sizeof *r->prev_core);
    as_of = kehu_malloc((size_t)r->nperiods * sizeof *as_of);
    rc = KEHU_ENOMEM;
    if (r->count == NULL || r->prev_core == NULL || as_of == NULL ||
        (r->d->dim.def != NULL && r->key == NULL)) {
        goto done;
    }
    memset(r->prev_core, 0xff, r->nkeys * sizeof *r->prev_core); /* -1 */
    if (r->key != NULL) {
        customer_keys(r);
    }
    /* Each period ends on its last day; the last one at A. */
    for (i = 0; i < r->nperiods; i++) {
        as_of[i] = kehu_period_first_day(r->d->kind, start + i + 1);
        as_of[i] = as_of[i] > r->as_of ? r->as_of : as_of[i];
    }
    rc = kehu_tiers_over_dates(r->l, &r->c->data->standards, as_of,
                               (size_t)r->nperiods, (int32_t)r->window,
                               r->since, one_period, r);
    if (rc != KEHU_OK && rc != KEHU_ENOMEM) {
        kehu_error_set(r->c->err, rc, "classification failed: %s",
                       kehu_strerror(rc));
    }
done:
    kehu_free(r->count);
    kehu_free(r->prev_core);
    kehu_free(r->key);
    kehu_free(as_of);
    return rc;
}

static kehu_status counts(const kehu_op_ctx *c, table_data *d, kehu_result *out)
{
    const core_opts *o = c->opts;
    kehu_column cols[N_COUNT_COLUMNS];
    kehu_summary_options so;
    int32_t first, last;
    core_run r;
    kehu_status rc;

    memset(&r, 0, sizeof r);
    r.c = c;
    r.l = c->data->ledger;
    r.d = d;
    rc = kehu__note_standard(out, c->data);
    if (rc == KEHU_OK) {
        rc = kehu__window_summary(&o->win, r.l, &so, c->err);
    }
    if (rc != KEHU_OK) {
        return rc;
    }
    kehu_ledger_span(r.l, &first, &last);
    r.window = o->win.window_days;
    r.as_of = so.as_of_day != KEHU_DAY_NONE ? so.as_of_day : last + 1;
    r.since = r.window > 0 ? KEHU_DAY_NONE : so.since_day;
    rc = run_counts(&r);
    if (rc != KEHU_OK) {
        return rc;
    }
    memcpy(cols, count_columns, sizeof cols);
    if (d->dim.def != NULL) {
        cols[1].key = d->dim.def->name;
        return kehu_result_table(out, "core", cols, N_COUNT_COLUMNS,
                                 emit_counts, d, NULL);
    }
    cols[1] = cols[0]; /* no dimension column */
    return kehu_result_table(out, "core", cols + 1, N_COUNT_COLUMNS - 1,
                             emit_counts, d, NULL);
}

/* ------------------------------------------------------------------ */
/* Concentration (pareto).                                              */

#define N_HEAD_METRICS 6

static void metric_cell(const kehu_cells *out, int m)
{
    static const char *const en[N_HEAD_METRICS] = {"customers",
                                                   "revenue",
                                                   "top20_revenue_share",
                                                   "customers_for_80",
                                                   "customer_share_for_80",
                                                   "gini"};
    static const char *const zh[N_HEAD_METRICS] = {"客户数",
                                                   "收入",
                                                   "前20%客户收入占比",
                                                   "贡献80%收入的客户数",
                                                   "贡献80%收入的客户占比",
                                                   "基尼系数"};
    int pct = (m - N_HEAD_METRICS + 1) * 100 / (KEHU_PARETO_POINTS - 1);
    char name[32], name_zh[64];

    if (m < N_HEAD_METRICS) {
        kehu_cell_label(out, en[m], en[m], zh[m]);
        return;
    }
    (void)snprintf(name, sizeof name, "pareto_%02d", pct);
    (void)snprintf(name_zh, sizeof name_zh, "前%d%%客户收入占比", pct);
    kehu_cell_label(out, name, name, name_zh);
}

/* The figures of each group: the headline, then the Pareto curve at 5%,
 * 10%, ..., 100% of customers (0% is always 0). */
static kehu_status emit_pareto(const void *data, const kehu_cells *out)
{
    const table_data *d = data;
    size_t g;
    int m;

    for (g = 0; g < d->n_groups; g++) {
        const pareto_group *pg = &d->groups[g];
        const kehu_concentration *k = &pg->k;
        const double head[N_HEAD_METRICS] = {
            (double)k->n,        k->revenue,      k->top20_share,
            (double)k->n_for_80, k->share_for_80, k->gini};
        for (m = 0; m < N_HEAD_METRICS + KEHU_PARETO_POINTS - 1; m++) {
            if (d->dim.def != NULL && pg->total) {
                kehu_cell_label(out, "total", "total", "合计");
            } else if (d->dim.def != NULL) {
                kehu__cell_dim_key(out, &d->dim, pg->key);
            }
            metric_cell(out, m);
            kehu_cell_num(out, m < N_HEAD_METRICS
                                   ? head[m]
                                   : k->pareto[m - N_HEAD_METRICS + 1]);
        }
    }
    return KEHU_OK;
}

/* Buyers' monetary totals grouped by key (counting sort), then each
 * group's concentration and the total's. */
static kehu_status pareto_groups(table_data *d, const kehu_ledger *l,
                                 const kehu_summary *s)
{
    const kehu__group_dim *dim = d->dim.def != NULL ? &d->dim : NULL;
    uint32_t nkeys = 1, key;
    size_t *start, i;
    double *v;
    kehu_status rc = KEHU_ENOMEM;

    if (dim != NULL) {
        nkeys = kehu_ledger_dim_count(l, (kehu_dim)dim->def->which);
    }
    start = kehu_calloc((size_t)nkeys + 1, sizeof *start);
    v = kehu_calloc(s->n ? s->n : 1, sizeof *v);
    d->groups = kehu_calloc((size_t)nkeys + 1, sizeof *d->groups);
    if (start == NULL || v == NULL || d->groups == NULL) {
        goto done;
    }
    for (i = 0; i < s->n; i++) {
        key = dim != NULL ? kehu__dim_key(dim, &s->rows[i], NULL) : 0;
        start[key + 1]++;
    }
    for (key = 0; key < nkeys; key++) {
        start[key + 1] += start[key];
    }
    for (i = 0; i < s->n; i++) {
        key = dim != NULL ? kehu__dim_key(dim, &s->rows[i], NULL) : 0;
        v[start[key]++] = s->rows[i].monetary_total;
    }
    /* start[key] is now the end of group key; groups are in key order. */
    rc = KEHU_OK;
    for (key = 0; dim != NULL && key < nkeys && rc == KEHU_OK; key++) {
        size_t from = key > 0 ? start[key - 1] : 0;
        pareto_group *pg = &d->groups[d->n_groups];
        if (start[key] == from) {
            continue;
        }
        pg->key = key;
        rc = kehu_concentration_compute(v + from, start[key] - from, &pg->k);
        d->n_groups++;
    }
    if (rc == KEHU_OK) {
        d->groups[d->n_groups].total = 1;
        rc = kehu_concentration_compute(v, s->n, &d->groups[d->n_groups].k);
        d->n_groups++;
    }
done:
    kehu_free(v);
    kehu_free(start);
    return rc;
}

static kehu_status pareto(const kehu_op_ctx *c, table_data *d, kehu_result *out)
{
    const core_opts *o = c->opts;
    const kehu_ledger *l = c->data->ledger;
    kehu_summary_options so;
    kehu_summary *s = NULL;
    kehu_status rc = kehu__window_summary(&o->win, l, &so, c->err);

    if (rc == KEHU_OK) {
        rc = kehu_summary_compute(l, &so, &s);
        if (rc != KEHU_OK) {
            kehu_error_set(c->err, rc, "summary failed: %s", kehu_strerror(rc));
        }
    }
    if (rc == KEHU_OK) {
        rc = pareto_groups(d, l, s);
    }
    kehu_summary_free(s);
    if (rc != KEHU_OK) {
        return rc;
    }
    if (d->dim.def != NULL) {
        kehu_column cols[3];
        memcpy(cols, pareto_columns, sizeof cols);
        cols[0].key = d->dim.def->name;
        return kehu_result_table(out, "pareto", cols, 3, emit_pareto, d, NULL);
    }
    return kehu_result_table(out, "pareto", pareto_columns + 1, 2, emit_pareto,
                             d, NULL);
}

/* ------------------------------------------------------------------ */
/* The operation.                                                       */

static kehu_status parse_period(const char *p, kehu_period_kind *kind,
                                kehu_error *err)
{
    *kind = KEHU_PERIOD_MONTH;
    if (p == NULL) {
        return KEHU_OK;
    }
    if (kehu_period_parse(p, strlen(p), kind) != KEHU_OK ||
        *kind == KEHU_PERIOD_DAY) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "period %s: use week, month, quarter or year", p);
    }
    return KEHU_OK;
}

static kehu_status check(const kehu_params *p, kehu_error *err)
{
    const core_opts *o = p->opts;
    kehu_period_kind kind;

    return parse_period(o->period, &kind, err);
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    const core_opts *o = c->opts;
    table_data *d = kehu_calloc(1, sizeof *d);
    size_t nd = 0;
    kehu_status rc;

    if (d == NULL) {
        return KEHU_ENOMEM;
    }
    rc = kehu_result_keep(out, d, table_data_free);
    if (rc == KEHU_OK) {
        rc = parse_period(o->period, &d->kind, c->err);
    }
    if (rc == KEHU_OK && o->by != NULL) {
        rc = kehu__dims_parse("by", o->by, 1, c->data->ledger, &d->dim, 1, &nd,
                              c->err);
    }
    if (rc != KEHU_OK) {
        return rc;
    }
    return o->pareto ? pareto(c, d, out) : counts(c, d, out);
}

static void init(void *opts)
{
    kehu__window_init(&((core_opts *)opts)->win);
}

const kehu_op kehu_op_core = {
    "core",
    "core / potential / ordinary counts per period and branch; --pareto "
    "concentration",
    "FILE [--by DIM] [--period P] [--pareto] [options]",
    "For every --period (default month) from the first order to A: the\n"
    "customers with a purchase in the window and how many are core,\n"
    "potential and ordinary, classified as of the day after the period's\n"
    "last day (column as_of) by the standard in force. These are exactly\n"
    "the counts of `kehu classify --as-of AS_OF` with the same window:\n"
    "all history by default, --since a fixed start, --window N the N days\n"
    "before each as_of. The current period is counted as of A (--as-of,\n"
    "default the day after the last order). core_change is the change\n"
    "against the previous period of the same --by value (region, branch\n"
    "or channel); core_fell is 1 when it is negative.\n"
    "\n"
    "--pareto: revenue concentration of the buying customers as of A over\n"
    "the window (per --by value, then the total): customers, revenue, the\n"
    "revenue share of the top 20%, the number and share of the best\n"
    "customers making 80% of revenue (= class A), the Gini coefficient,\n"
    "and the Pareto curve: pareto_NN = revenue share of the best NN% of\n"
    "customers. Customers whose returns exceed purchases count 0.",
    params,
    sizeof(core_opts),
    init,
    KEHU_NEEDS_LEDGER | KEHU_NEEDS_STANDARDS,
    check,
    run,
};
