/* SPDX-License-Identifier: MIT */
/*
 * `kehu churn FILE`: churn early warning (SPEC.md section 6): customers
 * whose P(alive) fell below --p-alive-below or whose overdue ratio rose
 * above --overdue-ratio, ranked by value at risk, with the reason; and
 * with --backtest, the precision, recall and lead time of those warnings
 * at the last K period ends. Definitions are kehu/churn.h's.
 */
#include "cli_model.h"

#include "kehu/alloc.h"
#include "kehu/churn.h"
#include "kehu/date.h"
#include "kehu/period.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const cli_option options[] = {
    {"model", "M",
     "bgnbd (default), pnbd, mbgnbd, or none (overdue rule only)"},
    {"params", "P1,P2,..",
     "use these model parameters instead of "
     "fitting"},
    {"p-alive-below", "P", "warn when P(alive) < P (default 0.5)"},
    {"overdue-ratio", "R",
     "warn when days since last purchase > R x the "
     "typical gap (default 2)"},
    {"lost-days", "N",
     "customers silent longer than N days are lost, not "
     "warned (default 365)"},
    {"backtest", NULL, "check the warnings at the last --periods cut-offs"},
    {"periods", "K", "backtest cut-offs (default 6)"},
    {"period", "P",
     "backtest period: day, week, month (default), quarter, "
     "year"},
    {"outcome-days", "N",
     "backtest: churned = no purchase within N days "
     "after the cut-off (default 180)"},
    {NULL, NULL, NULL},
};

static const out_column columns[] = {
    {"customer_id", "客户编号", OUT_STR, 0},
    {"reason", "原因", OUT_STR, 0},
    {"p_alive", "存活概率", OUT_NUM, 4},
    {"days_since_last", "距最近购买天数", OUT_INT, 0},
    {"gap_days", "典型购买间隔天数", OUT_NUM, 1},
    {"overdue_ratio", "逾期倍数", OUT_NUM, 2},
    {"annual_spend", "年均消费", OUT_NUM, 2},
    {"value_at_risk", "风险价值", OUT_NUM, 2},
    {"region", "地区", OUT_STR, 0},
    {"branch", "网点", OUT_STR, 0},
    {"channel", "渠道", OUT_STR, 0},
};

static const out_column bt_columns[] = {
    {"cutoff", "截止日", OUT_STR, 0},
    {"customers", "客户数", OUT_INT, 0},
    {"warned", "预警数", OUT_INT, 0},
    {"churned", "实际流失", OUT_INT, 0},
    {"true_positive", "预警且流失", OUT_INT, 0},
    {"precision", "精确率", OUT_NUM, 4},
    {"recall", "召回率", OUT_NUM, 4},
    {"median_lead_days", "提前天数中位数", OUT_NUM, 1},
};

#define NCOLS   (sizeof columns / sizeof columns[0])
#define NBTCOLS (sizeof bt_columns / sizeof bt_columns[0])

typedef struct churn_run {
    kehu_ledger *l;
    kehu_summary_options so;
    kehu_churn_options o;
    cli_model model;
    int use_model;
    long periods;
    long outcome_days;
    kehu_period_kind period;
} churn_run;

static int parse_options(cli_ctx *c, churn_run *r)
{
    const char *name = cli_get(c, "model");
    const char *period = cli_get(c, "period");
    long lost = 365;

    kehu_churn_options_init(&r->o);
    r->use_model = name == NULL || strcmp(name, "none") != 0;
    if (r->use_model && cli_model_parse(c, "model", "bgnbd", &r->model)) {
        return 2;
    }
    r->periods = 6;
    r->outcome_days = 180;
    r->period = KEHU_PERIOD_MONTH;
    if (cli_opt_double(c, "p-alive-below", &r->o.p_alive_below) != 0 ||
        cli_opt_double(c, "overdue-ratio", &r->o.overdue_ratio) != 0 ||
        cli_opt_long(c, "lost-days", &lost) != 0 ||
        cli_opt_long(c, "periods", &r->periods) != 0 ||
        cli_opt_long(c, "outcome-days", &r->outcome_days) != 0) {
        return 2;
    }
    if (!(r->o.p_alive_below >= 0 && r->o.p_alive_below <= 1)) {
        return cli_error(c, 2, "--p-alive-below must be in [0, 1]");
    }
    if (!(r->o.overdue_ratio > 0 && r->o.overdue_ratio < 1e6)) {
        return cli_error(c, 2, "--overdue-ratio must be a positive number");
    }
    if (lost < 1 || lost > 100000) {
        return cli_error(c, 2, "--lost-days must be 1..100000");
    }
    r->o.lost_days = (int32_t)lost;
    if (r->periods < 1 || r->periods > 1000) {
        return cli_error(c, 2, "--periods must be 1..1000");
    }
    if (r->outcome_days < 1 || r->outcome_days > 100000) {
        return cli_error(c, 2, "--outcome-days must be 1..100000");
    }
    if (period != NULL &&
        kehu_period_parse(period, strlen(period), &r->period) != KEHU_OK) {
        return cli_error(
            c, 2, "--period %s: use day, week, month, quarter or year", period);
    }
    if (!cli_has(c, "backtest") &&
        (cli_has(c, "periods") || cli_has(c, "period") ||
         cli_has(c, "outcome-days"))) {
        return cli_error(c, 2,
                         "--periods, --period and --outcome-days go "
                         "with --backtest");
    }
    if (cli_has(c, "backtest") && cli_has(c, "as-of")) {
        return cli_error(c, 2,
                         "--backtest chooses its own cut-offs; drop "
                         "--as-of");
    }
    return 0;
}

/* Summary as of a, P(alive) when a model is used, and the scored rows. */
static int score_at(cli_ctx *c, churn_run *r, int32_t a, kehu_summary **s,
                    kehu_churn_row **rows, size_t *n)
{
    kehu_summary_options so = r->so;
    double *pa = NULL;
    kehu_status rc;
    int code = 0;

    so.as_of_day = a;
    code = cli_summary(c, r->l, &so, s);
    if (code != 0) {
        return code;
    }
    if (r->use_model) {
        code = cli_model_p_alive(c, *s, kehu_unit_days((*s)->unit), &r->model,
                                 &pa);
    }
    if (code == 0) {
        rc = kehu_churn_score(*s, pa, &r->o, rows, n);
        if (rc != KEHU_OK) {
            code = cli_error(c, cli_exit_code(rc), "scoring failed: %s",
                             kehu_strerror(rc));
        }
    }
    free(pa);
    return code;
}

static void reason_text(const cli_ctx *c, const churn_run *r,
                        const kehu_churn_row *w, char *buf, size_t len)
{
    int k = 0;

    buf[0] = '\0';
    if (w->reasons & KEHU_CHURN_P_ALIVE) {
        k = snprintf(buf, len,
                     cli_tr(c, "P(alive) %.2f < %.2f", "存活概率 %.2f < %.2f"),
                     w->p_alive, r->o.p_alive_below);
    }
    if ((w->reasons & KEHU_CHURN_OVERDUE) && k >= 0 && (size_t)k < len) {
        (void)snprintf(buf + k, len - (size_t)k,
                       cli_tr(c,
                              "%soverdue %.1fx the typical gap of %.0f "
                              "days (> %.1f)",
                              "%s逾期 %.1f 倍典型间隔 %.0f 天 (> %.1f)"),
                       k > 0 ? "; " : "", w->overdue, w->gap_days,
                       r->o.overdue_ratio);
    }
}

static void dim_cell(out_table *t, const kehu_ledger *l, kehu_dim d, uint32_t v)
{
    kehu_slice s = kehu_ledger_dim_slice(l, d, v);

    out_strn(t, s.ptr, s.len);
}

static int print_warnings(cli_ctx *c, const churn_run *r, const kehu_summary *s,
                          const kehu_churn_row *rows, size_t n)
{
    out_table *t = out_table_begin(c->out, c->fmt, c->lang, columns, NCOLS);
    char reason[256];
    size_t i, warned = 0;

    if (t == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < n && rows[i].reasons != 0; i++) {
        const kehu_churn_row *w = &rows[i];
        const kehu_summary_row *row = &s->rows[w->row];
        kehu_customer cu;

        kehu_ledger_customer(r->l, row->customer, &cu);
        reason_text(c, r, w, reason, sizeof reason);
        out_strn(t, cu.id.ptr, cu.id.len);
        out_str(t, reason);
        out_num(t, w->p_alive);
        out_int(t, row->days_since_last);
        out_num(t, w->gap_days);
        out_num(t, w->overdue);
        out_num(t, w->annual_spend);
        out_num(t, w->value_at_risk);
        dim_cell(t, r->l, KEHU_DIM_REGION, row->dim[KEHU_DIM_REGION]);
        dim_cell(t, r->l, KEHU_DIM_BRANCH, row->dim[KEHU_DIM_BRANCH]);
        dim_cell(t, r->l, KEHU_DIM_CHANNEL, row->dim[KEHU_DIM_CHANNEL]);
        warned++;
    }
    if (!c->quiet) {
        char d[16];
        kehu_date_format(s->as_of_day, d);
        (void)fprintf(stderr, "churn: %zu of %zu customers warned (as of %s)\n",
                      warned, n, d);
    }
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
}

static int run_warnings(cli_ctx *c, churn_run *r)
{
    kehu_summary *s = NULL;
    kehu_churn_row *rows = NULL;
    size_t n = 0;
    int32_t a = r->so.as_of_day;
    int32_t first, last;
    int code;

    if (a == KEHU_DAY_NONE) {
        kehu_ledger_span(r->l, &first, &last);
        a = last + 1;
    }
    code = score_at(c, r, a, &s, &rows, &n);
    if (code == 0) {
        code = print_warnings(c, r, s, rows, n);
    }
    kehu_free(rows);
    kehu_summary_free(s);
    return code;
}

static void eval_row(out_table *t, const char *label, const kehu_churn_eval *e)
{
    out_str(t, label);
    out_int(t, (int64_t)e->customers);
    out_int(t, (int64_t)e->warned);
    out_int(t, (int64_t)e->churned);
    out_int(t, (int64_t)e->true_pos);
    out_num(t, e->precision);
    out_num(t, e->recall);
    out_num(t, e->median_lead_days);
}

/* One cut-off: score as of a and evaluate into *e; the lead times of its
 * true warnings are appended to *leads. */
static int backtest_at(cli_ctx *c, churn_run *r, int32_t a, kehu_churn_eval *e,
                       double **leads, size_t *n_leads)
{
    kehu_summary *s = NULL;
    kehu_churn_row *rows = NULL;
    size_t n = 0;
    int code = score_at(c, r, a, &s, &rows, &n);

    if (code != 0) {
        char label[16];
        kehu_date_format(a, label);
        (void)cli_error(c, code,
                        "at the cut-off %s (use --model none for "
                        "the overdue rule alone)",
                        label);
    }
    if (code == 0) {
        double *grown = realloc(*leads, (*n_leads + n + 1) * sizeof **leads);
        if (grown == NULL) {
            code = cli_error(c, 1, "out of memory");
        } else {
            *leads = grown;
        }
    }
    if (code == 0 &&
        kehu_churn_backtest(r->l, s, rows, n, &r->o, (int32_t)r->outcome_days,
                            e, *leads + *n_leads) != KEHU_OK) {
        code = cli_error(c, 1, "out of memory");
    }
    if (code == 0) {
        *n_leads += e->true_pos;
    }
    kehu_free(rows);
    kehu_summary_free(s);
    return code;
}

/* Every cut-off is evaluated before anything is printed, so a failure
 * leaves no partial table. */
static int print_backtest(cli_ctx *c, const int32_t *cut,
                          const kehu_churn_eval *e, size_t n,
                          const kehu_churn_eval *all)
{
    out_table *t =
        out_table_begin(c->out, c->fmt, c->lang, bt_columns, NBTCOLS);
    size_t k;

    if (t == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    for (k = 0; k < n; k++) {
        char label[16];
        kehu_date_format(cut[k], label);
        eval_row(t, label, &e[k]);
    }
    eval_row(t, "all", all);
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
}

/* The cut-offs: the first days of the last K periods whose outcome window
 * ends within the data (A + outcome_days <= last order day + 1). */
static int run_backtest(cli_ctx *c, churn_run *r)
{
    int32_t first, last, latest, p0, cut[1000];
    kehu_churn_eval all, e[1000];
    double *leads = NULL;
    size_t n_leads = 0, k, n = (size_t)r->periods;
    int code = 0;

    kehu_ledger_span(r->l, &first, &last);
    latest = last + 1 - (int32_t)r->outcome_days;
    p0 = kehu_period_of(r->period, latest);
    if (kehu_period_first_day(r->period, p0 - (int32_t)r->periods + 1) <=
        first) {
        return cli_error(c, 2,
                         "not enough history for %ld %s cut-offs with "
                         "%ld outcome days (data %d days long)",
                         r->periods, kehu_period_name(r->period),
                         r->outcome_days, (int)(last - first + 1));
    }
    memset(&all, 0, sizeof all);
    for (k = 0; k < n && code == 0; k++) {
        cut[k] = kehu_period_first_day(r->period, p0 - (int32_t)(n - 1 - k));
        code = backtest_at(c, r, cut[k], &e[k], &leads, &n_leads);
        all.customers += e[k].customers;
        all.warned += e[k].warned;
        all.churned += e[k].churned;
        all.true_pos += e[k].true_pos;
    }
    if (code == 0) {
        all.precision =
            all.warned ? (double)all.true_pos / (double)all.warned : NAN;
        all.recall =
            all.churned ? (double)all.true_pos / (double)all.churned : NAN;
        all.median_lead_days = kehu_churn_median(leads, n_leads);
        code = print_backtest(c, cut, e, n, &all);
    }
    free(leads);
    return code;
}

static int run(cli_ctx *c)
{
    churn_run r;
    int code;

    memset(&r, 0, sizeof r);
    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu churn "
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
    code = cli_summary_options(c, r.l, &r.so);
    if (code == 0) {
        cli_model_unit(c, &r.so);
        code =
            cli_has(c, "backtest") ? run_backtest(c, &r) : run_warnings(c, &r);
    }
    kehu_ledger_free(r.l);
    return code;
}

const cli_command cli_cmd_churn = {
    "churn",
    "churn early warning by P(alive) and overdue ratio, ranked by value at "
    "risk; --backtest (SPEC 6)",
    "FILE [options]",
    "As of A (--as-of): customers with a purchase, silent for at most\n"
    "--lost-days, are warned when P(alive) < --p-alive-below (the model\n"
    "fitted on the summary, --unit default week) or overdue ratio =\n"
    "days_since_last / typical gap > --overdue-ratio; typical gap = (last -\n"
    "first purchase) / (purchase days - 1), for one-time buyers the median\n"
    "over repeat buyers. Ranked by value_at_risk = annual_spend * (1 -\n"
    "p_alive) (annual_spend without a model), where annual_spend =\n"
    "monetary_total * 365.25 / max(days since first purchase, 365.25).\n"
    "--backtest: at the first day of each of the last --periods periods\n"
    "whose outcome window fits in the data, the warnings are issued from\n"
    "the data before that day and a customer counts as churned when he\n"
    "makes no purchase in the next --outcome-days days. precision =\n"
    "warned and churned / warned; recall = warned and churned / churned;\n"
    "lead time = (last purchase + lost-days + 1) - cut-off: how many days\n"
    "earlier than the day rule (silent > lost-days) the warning came. The\n"
    "row 'all' pools the cut-offs.",
    options,
    1,
    run,
    NULL,
};
