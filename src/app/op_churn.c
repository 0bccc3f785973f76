/* SPDX-License-Identifier: MIT */
/*
 * churn: churn early warning: customers whose P(alive) fell below
 * p-alive-below or whose overdue ratio rose above overdue-ratio, ranked by
 * value at risk, with the reason; and with backtest, the precision,
 * recall and lead time of those warnings at the first days of the last K
 * periods (the backtest rule lives here, once). Definitions are
 * kehu/churn.h's.
 */
#include "dims.h"
#include "model.h"
#include "window.h"

#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/churn.h"
#include "kehu/date.h"
#include "kehu/period.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* kehu__model_choices and "none" (the overdue rule alone). */
static const char *const model_choices[] = {"bgnbd", "pnbd", "mbgnbd", "none",
                                            NULL};
#define MODEL_NONE 3

#define MAX_PERIODS 1000

typedef struct churn_opts {
    int model;
    const char *params; /* given model parameters, or NULL */
    double p_alive_below;
    double overdue_ratio;
    long lost_days;
    int backtest;
    long periods;
    int period; /* kehu_period_kind */
    long outcome_days;
    int unit;
    kehu__window win;
} churn_opts;

static const kehu_param rows[] = {
    {"model", KEHU_PARAM_CHOICE, offsetof(churn_opts, model), "bgnbd", 0, -1,
     model_choices, "M",
     "bgnbd (default), pnbd, mbgnbd, or none (overdue rule only)"},
    {"params", KEHU_PARAM_TEXT, offsetof(churn_opts, params), NULL, 0, -1, NULL,
     "P1,P2,..", "use these model parameters instead of fitting"},
    {"p-alive-below", KEHU_PARAM_NUM, offsetof(churn_opts, p_alive_below),
     "0.5", 0, 1, NULL, "P", "warn when P(alive) < P (default 0.5)"},
    {"overdue-ratio", KEHU_PARAM_NUM, offsetof(churn_opts, overdue_ratio), "2",
     0, -1, NULL, "R",
     "warn when days since last purchase > R x the typical gap (default 2)"},
    {"lost-days", KEHU_PARAM_INT, offsetof(churn_opts, lost_days), "365", 1,
     100000, NULL, "N",
     "customers silent longer than N days are lost, not warned (default "
     "365)"},
    {"backtest", KEHU_PARAM_FLAG, offsetof(churn_opts, backtest), NULL, 0, -1,
     NULL, NULL, "check the warnings at the last --periods cut-offs"},
    {"periods", KEHU_PARAM_INT, offsetof(churn_opts, periods), "6", 1,
     MAX_PERIODS, NULL, "K", "backtest cut-offs (default 6)"},
    {"period", KEHU_PARAM_CHOICE, offsetof(churn_opts, period), "month", 0, -1,
     kehu__period_choices, "P",
     "backtest period: day, week, month (default), quarter, year"},
    {"outcome-days", KEHU_PARAM_INT, offsetof(churn_opts, outcome_days), "180",
     1, 100000, NULL, "N",
     "backtest: churned = no purchase within N days after the cut-off "
     "(default 180)"},
    {"unit", KEHU_PARAM_CHOICE, offsetof(churn_opts, unit),
     KEHU__MODEL_UNIT_NAME, 0, -1, kehu__unit_choices, "UNIT",
     "day, week (default), month or year for the model's time axis"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {
    {rows, 0}, {kehu__window_rows, offsetof(churn_opts, win)}, {NULL, 0}};

static const kehu_column columns[] = {
    {"customer_id", KEHU_COL_STR, 0, NULL},
    {"reason", KEHU_COL_STR, 0, NULL},
    {"p_alive", KEHU_COL_NUM, 4, "share"},
    {"days_since_last", KEHU_COL_INT, 0, "days"},
    {"gap_days", KEHU_COL_NUM, 1, "days"},
    {"overdue_ratio", KEHU_COL_NUM, 2, NULL},
    {"annual_spend", KEHU_COL_NUM, 2, "money"},
    {"value_at_risk", KEHU_COL_NUM, 2, "money"},
    {"region", KEHU_COL_STR, 0, NULL},
    {"branch", KEHU_COL_STR, 0, NULL},
    {"channel", KEHU_COL_STR, 0, NULL},
};

static const kehu_column bt_columns[] = {
    {"cutoff", KEHU_COL_STR, 0, NULL},
    {"customers", KEHU_COL_INT, 0, "customers"},
    {"warned", KEHU_COL_INT, 0, "customers"},
    {"churned", KEHU_COL_INT, 0, "customers"},
    {"true_positive", KEHU_COL_INT, 0, "customers"},
    {"precision", KEHU_COL_NUM, 4, "share"},
    {"recall", KEHU_COL_NUM, 4, "share"},
    {"median_lead_days", KEHU_COL_NUM, 1, "days"},
};

/* One scoring: the summary as of a day and its scored rows. */
typedef struct scored {
    const kehu_ledger *l;
    kehu_churn_options o;
    kehu_summary *s;
    kehu_churn_row *rows;
    size_t n;
} scored;

static void scored_free(void *p)
{
    scored *sc = p;

    kehu_free(sc->rows);
    kehu_summary_free(sc->s);
    kehu_free(sc);
}

static void churn_options(const churn_opts *o, kehu_churn_options *out)
{
    kehu_churn_options_init(out);
    out->p_alive_below = o->p_alive_below;
    out->overdue_ratio = o->overdue_ratio;
    out->lost_days = (int32_t)o->lost_days;
}

/* Summary as of a, P(alive) when a model is used (its note added), and the
 * scored rows into sc. */
static kehu_status score_at(const kehu_op_ctx *c, int32_t a, kehu_result *out,
                            scored *sc)
{
    const churn_opts *o = c->opts;
    kehu_summary_options so;
    double *pa = NULL;
    kehu_status rc;

    sc->l = c->data->ledger;
    churn_options(o, &sc->o);
    rc = kehu__window_options(&o->win, o->unit, sc->l, &so, c->err);
    if (rc != KEHU_OK) {
        return rc;
    }
    so.as_of_day = a;
    rc = kehu_summary_compute(sc->l, &so, &sc->s);
    if (rc != KEHU_OK) {
        return kehu_error_set(c->err, rc, "summary failed: %s",
                              kehu_strerror(rc));
    }
    if (o->model != MODEL_NONE) {
        kehu__model m;
        kehu__model_init(&m, o->model);
        rc = kehu__model_values(sc->s, kehu_unit_days(sc->s->unit), &m,
                                o->params, &pa, NULL, c->err);
        if (rc == KEHU_OK) {
            rc = kehu__model_note(out, &m);
        }
    }
    if (rc == KEHU_OK) {
        rc = kehu_churn_score(sc->s, pa, &sc->o, &sc->rows, &sc->n);
        if (rc != KEHU_OK && rc != KEHU_ENOMEM) {
            rc = kehu_error_set(c->err, rc, "scoring failed: %s",
                                kehu_strerror(rc));
        }
    }
    kehu_free(pa);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Warnings                                                             */

static void reason_text(const kehu_cells *out, const kehu_churn_options *o,
                        const kehu_churn_row *w, char *buf, size_t len)
{
    int zh = out->lang == KEHU_LANG_ZH;
    int k = 0;

    buf[0] = '\0';
    if (w->reasons & KEHU_CHURN_P_ALIVE) {
        k = snprintf(buf, len,
                     zh ? "存活概率 %.2f < %.2f" : "P(alive) %.2f < %.2f",
                     w->p_alive, o->p_alive_below);
    }
    if ((w->reasons & KEHU_CHURN_OVERDUE) && k >= 0 && (size_t)k < len) {
        (void)snprintf(buf + k, len - (size_t)k,
                       zh ? "%s逾期 %.1f 倍典型间隔 %.0f 天 (> %.1f)"
                          : "%soverdue %.1fx the typical gap of %.0f days "
                            "(> %.1f)",
                       k > 0 ? "; " : "", w->overdue, w->gap_days,
                       o->overdue_ratio);
    }
}

static kehu_status emit_warnings(const void *data, const kehu_cells *out)
{
    const scored *sc = data;
    char reason[256];
    size_t i;

    for (i = 0; i < sc->n && sc->rows[i].reasons != 0; i++) {
        const kehu_churn_row *w = &sc->rows[i];
        const kehu_summary_row *row = &sc->s->rows[w->row];
        kehu_customer cu;

        kehu_ledger_customer(sc->l, row->customer, &cu);
        reason_text(out, &sc->o, w, reason, sizeof reason);
        kehu_cell_strn(out, cu.id.ptr, cu.id.len);
        kehu_cell_str(out, reason);
        kehu_cell_num(out, w->p_alive);
        kehu_cell_int(out, row->days_since_last);
        kehu_cell_num(out, w->gap_days);
        kehu_cell_num(out, w->overdue);
        kehu_cell_num(out, w->annual_spend);
        kehu_cell_num(out, w->value_at_risk);
        kehu__cell_dim(out, sc->l, KEHU_DIM_REGION, row->dim[KEHU_DIM_REGION]);
        kehu__cell_dim(out, sc->l, KEHU_DIM_BRANCH, row->dim[KEHU_DIM_BRANCH]);
        kehu__cell_dim(out, sc->l, KEHU_DIM_CHANNEL,
                       row->dim[KEHU_DIM_CHANNEL]);
    }
    return KEHU_OK;
}

static kehu_status run_warnings(const kehu_op_ctx *c, kehu_result *out)
{
    const churn_opts *o = c->opts;
    scored *sc = kehu_calloc(1, sizeof *sc);
    int32_t first, last, a = o->win.as_of_day;
    kehu_status rc;
    kehu_note *n;
    size_t warned = 0;
    char d[16];

    if (sc == NULL) {
        return KEHU_ENOMEM;
    }
    rc = kehu_result_keep(out, sc, scored_free);
    if (rc != KEHU_OK) {
        return rc;
    }
    if (a == KEHU_DAY_NONE) {
        kehu_ledger_span(c->data->ledger, &first, &last);
        a = last + 1;
    }
    rc = score_at(c, a, out, sc);
    if (rc != KEHU_OK) {
        return rc;
    }
    while (warned < sc->n && sc->rows[warned].reasons != 0) {
        warned++;
    }
    rc = kehu_result_table(out, "churn", columns,
                           sizeof columns / sizeof columns[0], emit_warnings,
                           sc, NULL);
    kehu_date_format(sc->s->as_of_day, d);
    if (rc == KEHU_OK) {
        rc = kehu_result_note(out, KEHU_NOTE_INFO, "churn", &n,
                              "churn: %zu of %zu customers warned (as of %s)",
                              warned, sc->n, d);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "warned", (double)warned);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "customers", (double)sc->n);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_text(out, n, "as_of", d);
    }
    return rc;
}

/* ------------------------------------------------------------------ */
/* Backtest                                                             */

typedef struct backtest {
    size_t n;            /* cut-offs */
    int32_t *cut;        /* n first days */
    kehu_churn_eval *e;  /* n evaluations */
    kehu_churn_eval all; /* pooled */
    double *leads;       /* lead times of the true warnings */
    size_t n_leads;
} backtest;

static void backtest_free(void *p)
{
    backtest *b = p;

    kehu_free(b->cut);
    kehu_free(b->e);
    kehu_free(b->leads);
    kehu_free(b);
}

static void eval_row(const kehu_cells *out, const char *label,
                     const kehu_churn_eval *e)
{
    kehu_cell_str(out, label);
    kehu_cell_int(out, (int64_t)e->customers);
    kehu_cell_int(out, (int64_t)e->warned);
    kehu_cell_int(out, (int64_t)e->churned);
    kehu_cell_int(out, (int64_t)e->true_pos);
    kehu_cell_num(out, e->precision);
    kehu_cell_num(out, e->recall);
    kehu_cell_num(out, e->median_lead_days);
}

static kehu_status emit_backtest(const void *data, const kehu_cells *out)
{
    const backtest *b = data;
    size_t k;

    for (k = 0; k < b->n; k++) {
        char label[16];
        kehu_date_format(b->cut[k], label);
        eval_row(out, label, &b->e[k]);
    }
    eval_row(out, "all", &b->all);
    return KEHU_OK;
}

/* One cut-off: score as of a and evaluate into *e; the lead times of its
 * true warnings are appended to b->leads. */
static kehu_status backtest_at(const kehu_op_ctx *c, kehu_result *out,
                               int32_t a, backtest *b, kehu_churn_eval *e)
{
    const churn_opts *o = c->opts;
    scored sc;
    kehu_status rc;
    double *grown;

    memset(&sc, 0, sizeof sc);
    rc = score_at(c, a, out, &sc);
    if (rc != KEHU_OK && rc != KEHU_ENOMEM) {
        char label[16], why[sizeof c->err->msg];
        kehu_date_format(a, label);
        memcpy(why, c->err->msg, sizeof why);
        rc = kehu_error_set(c->err, rc,
                            "at the cut-off %s (use --model none for the "
                            "overdue rule alone): %s",
                            label, why);
    }
    if (rc == KEHU_OK) {
        grown = kehu_realloc(b->leads, (b->n_leads + sc.n + 1) * sizeof *grown);
        rc = grown == NULL ? KEHU_ENOMEM : KEHU_OK;
        b->leads = grown != NULL ? grown : b->leads;
    }
    if (rc == KEHU_OK) {
        rc = kehu_churn_backtest(sc.l, sc.s, sc.rows, sc.n, &sc.o,
                                 (int32_t)o->outcome_days, e,
                                 b->leads + b->n_leads);
    }
    if (rc == KEHU_OK) {
        b->n_leads += e->true_pos;
    }
    kehu_free(sc.rows);
    kehu_summary_free(sc.s);
    return rc;
}

/* The cut-offs: the first days of the last K periods whose outcome window
 * ends within the data (A + outcome_days <= last order day + 1). Every
 * cut-off is evaluated before the table exists, so a failure leaves no
 * partial table. */
static kehu_status run_backtest(const kehu_op_ctx *c, kehu_result *out)
{
    const churn_opts *o = c->opts;
    kehu_period_kind pk = (kehu_period_kind)o->period;
    int32_t first, last, latest, p0;
    backtest *b = kehu_calloc(1, sizeof *b);
    kehu_status rc;
    size_t k, n = (size_t)o->periods;

    if (b == NULL) {
        return KEHU_ENOMEM;
    }
    rc = kehu_result_keep(out, b, backtest_free);
    if (rc != KEHU_OK) {
        return rc;
    }
    kehu_ledger_span(c->data->ledger, &first, &last);
    latest = last + 1 - (int32_t)o->outcome_days;
    p0 = kehu_period_of(pk, latest);
    if (kehu_period_first_day(pk, p0 - (int32_t)o->periods + 1) <= first) {
        return kehu_error_set(c->err, KEHU_EINVAL,
                              "not enough history for %ld %s cut-offs with "
                              "%ld outcome days (data %d days long)",
                              o->periods, kehu_period_name(pk), o->outcome_days,
                              (int)(last - first + 1));
    }
    b->cut = kehu_calloc(n, sizeof *b->cut);
    b->e = kehu_calloc(n, sizeof *b->e);
    if (b->cut == NULL || b->e == NULL) {
        return KEHU_ENOMEM;
    }
    for (k = 0; k < n && rc == KEHU_OK; k++) {
        b->cut[k] = kehu_period_first_day(pk, p0 - (int32_t)(n - 1 - k));
        rc = backtest_at(c, out, b->cut[k], b, &b->e[k]);
        if (rc == KEHU_OK) {
            b->all.customers += b->e[k].customers;
            b->all.warned += b->e[k].warned;
            b->all.churned += b->e[k].churned;
            b->all.true_pos += b->e[k].true_pos;
        }
    }
    if (rc != KEHU_OK) {
        return rc;
    }
    b->n = n;
    b->all.precision =
        b->all.warned ? (double)b->all.true_pos / (double)b->all.warned : NAN;
    b->all.recall =
        b->all.churned ? (double)b->all.true_pos / (double)b->all.churned : NAN;
    b->all.median_lead_days = kehu_churn_median(b->leads, b->n_leads);
    return kehu_result_table(out, "backtest", bt_columns,
                             sizeof bt_columns / sizeof bt_columns[0],
                             emit_backtest, b, NULL);
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    const churn_opts *o = c->opts;

    return o->backtest ? run_backtest(c, out) : run_warnings(c, out);
}

static kehu_status check(const kehu_params *p, kehu_error *err)
{
    const churn_opts *o = p->opts;

    if (!(o->overdue_ratio > 0 && o->overdue_ratio < 1e6)) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "overdue-ratio must be a positive number");
    }
    if (!o->backtest &&
        (kehu_params_given(p, "periods") || kehu_params_given(p, "period") ||
         kehu_params_given(p, "outcome-days"))) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "periods, period and outcome-days go with "
                              "backtest");
    }
    if (o->backtest && kehu_params_given(p, "as-of")) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "backtest chooses its own cut-offs; drop as-of");
    }
    return KEHU_OK;
}

static void init(void *opts)
{
    churn_opts *o = opts;

    kehu__window_init(&o->win);
}

const kehu_op kehu_op_churn = {
    "churn",
    "churn early warning by P(alive) and overdue ratio, ranked by value at "
    "risk; --backtest",
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
    params,
    sizeof(churn_opts),
    init,
    KEHU_NEEDS_LEDGER,
    check,
    run,
};
