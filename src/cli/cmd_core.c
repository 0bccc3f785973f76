/* SPDX-License-Identifier: MIT */
/*
 * `kehu core FILE`: core / potential / ordinary customer counts at the end
 * of every period, per dimension value, with the change against the
 * previous period and a flag when the core count falls (SPEC.md section
 * 5). Each period's state is a full classification as of the day after
 * the period's last day, by the same standard and window as `kehu
 * classify --as-of` that day, so the two always agree. The current
 * period, when A falls inside it, is counted as of A (period to date).
 * `--pareto` prints the revenue concentration as of A instead.
 */
#include "cli.h"
#include "cli_dims.h"
#include "cli_standards.h"

#include "kehu/alloc.h"
#include "kehu/bridge.h"
#include "kehu/concentration.h"
#include "kehu/date.h"
#include "kehu/period.h"

#include <stdlib.h>
#include <string.h>

#define MAX_PERIODS 100000

static const cli_option options[] = {
    {"by", "DIM", "count per region, branch or channel"},
    {"period", "P", "week, month, quarter or year (default month)"},
    {"pareto", NULL,
     "revenue concentration as of A instead: Pareto curve, top-20% "
     "share, share of customers making 80%, Gini"},
    CLI_STANDARDS_OPTIONS,
    {NULL, NULL, NULL},
};

/* clang-format off */
static const out_column count_columns[] = {
    {"customers", "客户数", OUT_INT, 0},
    {"core", "核心客户", OUT_INT, 0},
    {"potential", "潜力客户", OUT_INT, 0},
    {"ordinary", "普通客户", OUT_INT, 0},
    {"core_share", "核心占比", OUT_NUM, 4},
    {"core_change", "核心变化", OUT_INT, 0},
    {"core_fell", "核心下降", OUT_INT, 0},
};
/* clang-format on */
#define N_COUNT_COLUMNS (sizeof count_columns / sizeof count_columns[0])

/* One run of the period counts. */
typedef struct core_run {
    cli_ctx *c;
    const kehu_ledger *l;
    const kehu_standards *std;
    const cli_dim *dim; /* NULL: one row per period */
    kehu_period_kind kind;
    int32_t as_of;  /* A: the last period ends here */
    int32_t since;  /* fixed window start, or KEHU_DAY_NONE */
    long window;    /* trailing window in days, 0 = none */
    uint32_t nkeys; /* dimension keys (1 without --by) */
    uint32_t *key;  /* per ledger customer, with --by */
    int32_t first;  /* the first period counted */
    int32_t nperiods;
    size_t (*count)[4]; /* per key: customers, core, potential, ordinary */
    int64_t *prev_core; /* per key; -1 until the key has had customers */
    out_column cols[3 + N_COUNT_COLUMNS]; /* outlive the table */
    out_table *t;
} core_run;

/* ------------------------------------------------------------------ */
/* Period counts.                                                       */

static void tally(core_run *r, const kehu_summary *head, const size_t *customer,
                  const kehu_class *cls)
{
    size_t i;

    memset(r->count, 0, r->nkeys * sizeof *r->count);
    for (i = 0; i < head->n; i++) {
        uint32_t key = r->key != NULL ? r->key[customer[i]] : 0;
        if (cls[i].tier == KEHU_TIER_NONE) {
            continue;
        }
        r->count[key][0]++;
        r->count[key][cls[i].tier]++;
    }
}

static void emit(core_run *r, const char *label, int32_t as_of)
{
    uint32_t key;

    for (key = 0; key < r->nkeys; key++) {
        const size_t *n = r->count[key];
        int64_t core = (int64_t)n[KEHU_TIER_CORE];
        if (n[0] == 0 && r->prev_core[key] < 0) {
            continue; /* the value has had no customer yet */
        }
        out_str(r->t, label);
        if (r->dim != NULL) {
            cli_dim_cell(r->c, r->t, r->dim, key);
        }
        out_date(r->t, as_of);
        out_int(r->t, (int64_t)n[0]);
        out_int(r->t, core);
        out_int(r->t, (int64_t)n[KEHU_TIER_POTENTIAL]);
        out_int(r->t, (int64_t)n[KEHU_TIER_ORDINARY]);
        out_num(r->t, n[0] > 0 ? (double)core / (double)n[0] : 0.0);
        if (r->prev_core[key] < 0) {
            out_null(r->t);
            out_int(r->t, 0);
        } else {
            out_int(r->t, core - r->prev_core[key]);
            out_int(r->t, core < r->prev_core[key]);
        }
        r->prev_core[key] = core;
    }
}

/* Count and print period d's rows (a kehu_tiers_fn). */
static kehu_status one_period(void *ctx, size_t d, const kehu_summary *head,
                              const size_t *customer, const kehu_class *cls)
{
    core_run *r = ctx;
    char label[KEHU_PERIOD_LABEL_MAX];

    tally(r, head, customer, cls);
    kehu_period_label(r->kind, r->first + (int32_t)d, label);
    emit(r, label, head->as_of_day);
    cli_progress(r->c, "periods", d + 1, (uint64_t)r->nperiods);
    return KEHU_OK;
}

static void set_column(out_column *col, const char *key, const char *zh)
{
    col->key = key;
    col->zh = zh;
    col->type = OUT_STR;
    col->decimals = 0;
}

static int begin_counts(core_run *r)
{
    size_t nc = 0, j;

    set_column(&r->cols[nc++], "period", "周期");
    if (r->dim != NULL) {
        set_column(&r->cols[nc++], r->dim->def->name, r->dim->def->zh);
    }
    set_column(&r->cols[nc++], "as_of", "截至");
    for (j = 0; j < N_COUNT_COLUMNS; j++) {
        r->cols[nc++] = count_columns[j];
    }
    r->t = out_table_begin(r->c->out, r->c->fmt, r->c->lang, r->cols, nc);
    return r->t != NULL ? 0 : -1;
}

/* The periods to count, start..end (indices): from the one holding the
 * first activity (or the fixed --since) to the one holding A - 1. */
static int period_range(core_run *r, int32_t *start, int32_t *end)
{
    int32_t first, last;
    char day[16];

    kehu_ledger_span(r->l, &first, &last);
    if (first == KEHU_DAY_NONE || r->as_of <= first) {
        kehu_date_format(r->as_of, day);
        return cli_error(r->c, 2, "no order before the analysis date %s", day);
    }
    if (r->window == 0 && r->since != KEHU_DAY_NONE && r->since > first) {
        first = r->since;
    }
    *start = kehu_period_of(r->kind, first);
    *end = kehu_period_of(r->kind, r->as_of - 1);
    if (*end - *start >= MAX_PERIODS) {
        return cli_error(r->c, 2, "more than %d periods; use a longer --period",
                         MAX_PERIODS);
    }
    return 0;
}

/* Each customer's --by key, as cli_dim_key gives it for his summary row. */
static void customer_keys(core_run *r)
{
    size_t i, n = kehu_ledger_count(r->l);

    for (i = 0; i < n; i++) {
        kehu_customer c;
        kehu_ledger_customer(r->l, i, &c);
        r->key[i] = r->dim->rank[c.dim[r->dim->def->which]];
    }
}

static int run_counts(core_run *r)
{
    int32_t start = 0, end = -1, i, *as_of;
    size_t n = kehu_ledger_count(r->l);
    kehu_status rc;
    int code = period_range(r, &start, &end);

    if (code != 0) {
        return code;
    }
    r->first = start;
    r->nperiods = end - start + 1;
    r->nkeys = 1;
    if (r->dim != NULL) {
        r->nkeys = kehu_ledger_dim_count(r->l, (kehu_dim)r->dim->def->which);
        r->key = malloc((n ? n : 1) * sizeof *r->key);
    }
    r->count = calloc(r->nkeys, sizeof *r->count);
    r->prev_core = malloc(r->nkeys * sizeof *r->prev_core);
    as_of = malloc((size_t)r->nperiods * sizeof *as_of);
    if (r->count == NULL || r->prev_core == NULL || as_of == NULL ||
        (r->dim != NULL && r->key == NULL) || begin_counts(r) != 0) {
        free(r->count);
        free(r->prev_core);
        free(r->key);
        free(as_of);
        return cli_error(r->c, 1, "out of memory");
    }
    memset(r->prev_core, 0xff, r->nkeys * sizeof *r->prev_core); /* -1 */
    if (r->key != NULL) {
        customer_keys(r);
    }
    /* Each period ends on its last day; the last one at A. */
    for (i = 0; i < r->nperiods; i++) {
        as_of[i] = kehu_period_first_day(r->kind, start + i + 1);
        as_of[i] = as_of[i] > r->as_of ? r->as_of : as_of[i];
    }
    rc = kehu_tiers_over_dates(r->l, r->std, as_of, (size_t)r->nperiods,
                               (int32_t)r->window, r->since, one_period, r);
    if (rc != KEHU_OK) {
        code = cli_error(r->c, cli_exit_code(rc), "classification failed: %s",
                         kehu_strerror(rc));
    }
    if (out_table_end(r->t) != 0 && code == 0) {
        code = cli_error(r->c, 1, "writing failed");
    }
    free(r->count);
    free(r->prev_core);
    free(r->key);
    free(as_of);
    return code;
}

/* ------------------------------------------------------------------ */
/* Concentration (--pareto).                                            */

#define N_HEAD_METRICS 6

static void metric_name(const cli_ctx *c, int m, char *buf, size_t cap)
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

    if (m < N_HEAD_METRICS) {
        (void)snprintf(buf, cap, "%s",
                       c->fmt == OUT_TABLE && c->lang == OUT_ZH ? zh[m]
                                                                : en[m]);
    } else if (c->fmt == OUT_TABLE && c->lang == OUT_ZH) {
        (void)snprintf(buf, cap, "前%d%%客户收入占比", pct);
    } else {
        (void)snprintf(buf, cap, "pareto_%02d", pct);
    }
}

/* The figures of one group: the headline, then the Pareto curve at 5%,
 * 10%, ..., 100% of customers (0% is always 0). */
static void pareto_rows(cli_ctx *c, out_table *t, const cli_dim *dim,
                        uint32_t key, int total, const kehu_concentration *k)
{
    const double head[N_HEAD_METRICS] = {(double)k->n,    k->revenue,
                                         k->top20_share,  (double)k->n_for_80,
                                         k->share_for_80, k->gini};
    int m;

    for (m = 0; m < N_HEAD_METRICS + KEHU_PARETO_POINTS - 1; m++) {
        char name[64];
        if (dim != NULL && total) {
            out_str(t,
                    c->fmt == OUT_TABLE ? cli_tr(c, "total", "合计") : "total");
        } else if (dim != NULL) {
            cli_dim_cell(c, t, dim, key);
        }
        metric_name(c, m, name, sizeof name);
        out_str(t, name);
        out_num(t, m < N_HEAD_METRICS ? head[m]
                                      : k->pareto[m - N_HEAD_METRICS + 1]);
    }
}

/* Buyers' monetary totals grouped by key (counting sort). */
static int pareto_groups(cli_ctx *c, out_table *t, const cli_dim *dim,
                         const kehu_ledger *l, const kehu_summary *s)
{
    uint32_t nkeys = 1, key;
    size_t *start, i;
    double *v;
    kehu_concentration k;
    int code = 0;

    if (dim != NULL) {
        nkeys = kehu_ledger_dim_count(l, (kehu_dim)dim->def->which);
    }
    start = calloc((size_t)nkeys + 1, sizeof *start);
    v = calloc(s->n ? s->n : 1, sizeof *v);
    if (start == NULL || v == NULL) {
        code = cli_error(c, 1, "out of memory");
        goto done;
    }
    for (i = 0; i < s->n; i++) {
        key = dim != NULL ? cli_dim_key(dim, &s->rows[i], NULL) : 0;
        start[key + 1]++;
    }
    for (key = 0; key < nkeys; key++) {
        start[key + 1] += start[key];
    }
    for (i = 0; i < s->n; i++) {
        key = dim != NULL ? cli_dim_key(dim, &s->rows[i], NULL) : 0;
        v[start[key]++] = s->rows[i].monetary_total;
    }
    /* start[key] is now the end of group key; groups are in key order. */
    for (key = 0; dim != NULL && key < nkeys && code == 0; key++) {
        size_t from = key > 0 ? start[key - 1] : 0;
        if (start[key] == from) {
            continue;
        }
        if (kehu_concentration_compute(v + from, start[key] - from, &k) !=
            KEHU_OK) {
            code = cli_error(c, 1, "out of memory");
        } else {
            pareto_rows(c, t, dim, key, 0, &k);
        }
    }
    if (code == 0) {
        if (kehu_concentration_compute(v, s->n, &k) != KEHU_OK) {
            code = cli_error(c, 1, "out of memory");
        } else {
            pareto_rows(c, t, dim, 0, 1, &k);
        }
    }
done:
    free(v);
    free(start);
    return code;
}

static int run_pareto(cli_ctx *c, const kehu_ledger *l, const cli_dim *dim)
{
    out_column cols[3];
    size_t nc = 0;
    kehu_summary_options o;
    kehu_summary *s = NULL;
    out_table *t;
    int code = cli_summary_options(c, l, &o);

    if (code != 0) {
        return code;
    }
    code = cli_summary(c, l, &o, &s);
    if (code != 0) {
        return code;
    }
    if (dim != NULL) {
        set_column(&cols[nc++], dim->def->name, dim->def->zh);
    }
    set_column(&cols[nc++], "metric", "指标");
    cols[nc].key = "value";
    cols[nc].zh = "数值";
    cols[nc].type = OUT_NUM;
    cols[nc++].decimals = 4;
    t = out_table_begin(c->out, c->fmt, c->lang, cols, nc);
    if (t == NULL) {
        kehu_summary_free(s);
        return cli_error(c, 1, "out of memory");
    }
    code = pareto_groups(c, t, dim, l, s);
    if (out_table_end(t) != 0 && code == 0) {
        code = cli_error(c, 1, "writing failed");
    }
    kehu_summary_free(s);
    return code;
}

/* ------------------------------------------------------------------ */
/* The command.                                                         */

static int parse_period(cli_ctx *c, kehu_period_kind *kind)
{
    const char *p = cli_get(c, "period");

    *kind = KEHU_PERIOD_MONTH;
    if (p == NULL) {
        return 0;
    }
    if (kehu_period_parse(p, strlen(p), kind) != KEHU_OK ||
        *kind == KEHU_PERIOD_DAY) {
        return cli_error(c, 2,
                         "--period %s: use week, month, quarter or "
                         "year",
                         p);
    }
    return 0;
}

/* The window of run r from the summary options: A, and either a fixed
 * start or a trailing length applied to every period's end. */
static int set_window(cli_ctx *c, core_run *r)
{
    kehu_summary_options o;
    int32_t first, last;
    int code = cli_summary_options(c, r->l, &o);

    if (code == 0) {
        code = cli_opt_long(c, "window", &r->window);
    }
    if (code != 0) {
        return code;
    }
    kehu_ledger_span(r->l, &first, &last);
    r->as_of = o.as_of_day != KEHU_DAY_NONE ? o.as_of_day : last + 1;
    r->since = r->window > 0 ? KEHU_DAY_NONE : o.since_day;
    return 0;
}

static int run(cli_ctx *c)
{
    const char *by = cli_get(c, "by");
    kehu_ledger *l;
    kehu_standards std;
    core_run r;
    cli_dim dim;
    const char *source = NULL;
    size_t nd = 0;
    int code;

    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu core "
                         "--help)");
    }
    memset(&r, 0, sizeof r);
    r.c = c;
    code = parse_period(c, &r.kind);
    if (code == 0) {
        code = cli_standards_load(c, &std, &source);
    }
    if (code != 0) {
        return code;
    }
    code = cli_load_ledger(c, c->args[0], &l);
    if (code != 0) {
        return code;
    }
    r.l = l;
    r.std = &std;
    if (by != NULL) {
        code = cli_dims_parse(c, "by", by, 1, l, &dim, 1, &nd);
        r.dim = &dim;
    }
    if (code == 0 && cli_has(c, "pareto")) {
        code = run_pareto(c, l, r.dim);
    } else if (code == 0) {
        cli_standards_note(c, source);
        code = set_window(c, &r);
        if (code == 0) {
            code = run_counts(&r);
        }
    }
    cli_dims_reset(&dim, nd);
    kehu_ledger_free(l);
    return code;
}

const cli_command cli_cmd_core = {
    "core",
    "core / potential / ordinary counts per period and branch; --pareto "
    "concentration (SPEC 5)",
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
    options,
    1,
    run,
    NULL,
};
