/* SPDX-License-Identifier: MIT */
/*
 * `kehu forecast FILE --period P --horizon H`: active and new customers
 * per period (the lifecycle counts), forecast H periods ahead by
 * Holt-Winters, by seasonal naive with drift and (active customers) by a
 * fitted purchase model (kehu/activity.h), each with a backtest on the
 * last periods (actual beside predicted, MAPE); the method with the
 * lowest backtest error is marked best.
 */
#include "cli_counts.h"
#include "cli_model.h"

#include "kehu/activity.h"
#include "kehu/alloc.h"
#include "kehu/date.h"
#include "kehu/forecast.h"
#include "kehu/lifecycle.h"
#include "kehu/summary.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const cli_option options[] = {
    {"period", "P", "day, week (ISO), month (default), quarter or year"},
    {"horizon", "H", "periods to forecast (default 6)"},
    {"holdout", "K",
     "periods held back for the backtest (default: H, at "
     "most one season)"},
    {"model", "NAME",
     "purchase model of the model-based method: bgnbd (default), pnbd, "
     "mbgnbd, or none"},
    {NULL, NULL, NULL},
};

static const out_column columns[] = {
    {"series", "序列", OUT_STR, 0},   {"method", "方法", OUT_STR, 0},
    {"type", "类型", OUT_STR, 0},     {"period", "周期", OUT_STR, 0},
    {"actual", "实际值", OUT_NUM, 0}, {"predicted", "预测值", OUT_NUM, 1},
    {"mape", "回测MAPE", OUT_NUM, 4}, {"best", "最优", OUT_INT, 0},
};

#define NCOLS       (sizeof columns / sizeof columns[0])
#define MAX_HORIZON 1000

typedef struct series {
    const char *name;
    double *y;
    kehu_forecast *f;
    const char *model; /* name of the purchase model, NULL without one */
} series;

static const char *method_label(const series *s, const kehu_forecast_result *r)
{
    if (r->method == KEHU_FC_MODEL) {
        return s->model;
    }
    if (r->method == KEHU_FC_HOLT_WINTERS) {
        return r->season > 1 ? "holt_winters" : "holt_linear";
    }
    return r->season > 1 ? "seasonal_naive_drift" : "naive_drift";
}

static void print_series(out_table *t, const series *s,
                         const kehu_lifecycle *lc, size_t n)
{
    const kehu_forecast *f = s->f;
    int k;
    size_t i;

    for (k = 0; k < KEHU_FC_COUNT; k++) {
        const kehu_forecast_result *r = &f->r[k];
        int best = f->best == r->method;

        if (!r->present) {
            continue;
        }
        for (i = 0; i < f->holdout + f->horizon; i++) {
            int back = i < f->holdout;
            size_t p = n - f->holdout + i;
            double v = back ? r->backtest[i] : r->forecast[i - f->holdout];

            out_str(t, s->name);
            out_str(t, method_label(s, r));
            out_str(t, back ? "backtest" : "forecast");
            counts_period_cell(t, lc->kind, lc->first_period + (int32_t)p);
            if (back) {
                out_num(t, s->y[p]);
            } else {
                out_null(t);
            }
            out_num(t, v < 0 ? 0 : v); /* counts are never negative */
            out_num(t, r->mape);
            out_int(t, best);
        }
    }
}

/* "0.0312", or "n/a" when every actual was zero. */
static const char *mape_text(double mape, char *buf, size_t cap)
{
    if (isnan(mape)) {
        return "n/a";
    }
    snprintf(buf, cap, "%.4f", mape);
    return buf;
}

/* The fitted methods on stderr: parameters and backtest error. */
static void note(const cli_ctx *c, const series *s)
{
    const kehu_forecast *f = s->f;
    const kehu_forecast_result *hw = &f->r[KEHU_FC_HOLT_WINTERS];
    const kehu_forecast_result *sn = &f->r[KEHU_FC_SEASONAL_NAIVE];
    const kehu_forecast_result *md = &f->r[KEHU_FC_MODEL];
    char a[32], b[32], m[32];

    if (c->quiet) {
        return;
    }
    fprintf(stderr,
            "%s: %s alpha=%.4f beta=%.4f gamma=%.4f MAPE=%s; %s MAPE=%s",
            s->name, method_label(s, hw), hw->params.alpha, hw->params.beta,
            hw->params.gamma, mape_text(hw->mape, a, sizeof a),
            method_label(s, sn), mape_text(sn->mape, b, sizeof b));
    if (md->present) {
        fprintf(stderr, "; %s MAPE=%s", method_label(s, md),
                mape_text(md->mape, m, sizeof m));
    }
    fprintf(stderr, "; best: %s (backtest on the last %zu periods)\n",
            method_label(s, &f->r[f->best]), f->holdout);
    if (f->fallback) {
        fprintf(stderr,
                "%s: %zu periods are too few for a season of %d (a seasonal "
                "model needs %zu with this holdout): no seasonal term used\n",
                s->name, f->n, f->season_wanted, f->needed);
    }
}

/* Fit m on the histories before `day`. A model asked for with --model
 * must fit (cli_model_fit: exit 2 and why); the default one may not (too
 * few repeat buyers): then -1, after a note on stderr. */
static int fit_model(cli_ctx *c, const cli_histories *h, cli_model *m,
                     const char *day)
{
    kehu_hist *hist = NULL;
    kehu_status rc;
    size_t i;

    if (!c->quiet) {
        fprintf(stderr, "model-based method, history before %s: ", day);
    }
    if (cli_has(c, "model")) {
        return cli_model_fit(c, h, m);
    }
    rc = h->n == 0 ? KEHU_EIDENT
                   : kehu_hist_new(h->x, h->t_x, h->T, NULL, h->n, &hist);
    if (rc == KEHU_OK) {
        rc = kehu_model_fit(m->def, hist, NULL, &m->fit);
    }
    kehu_hist_free(hist);
    if (rc == KEHU_ENOMEM) {
        return cli_error(c, 1, "out of memory");
    }
    if (rc != KEHU_OK) {
        if (!c->quiet) {
            fprintf(stderr,
                    "%s cannot be fitted (%s): the model-based method is "
                    "left out and the time-series methods stand alone "
                    "(--model %s makes this an error, --model none "
                    "skips it)\n",
                    m->def->name, kehu_strerror(rc), m->def->name);
        }
        return -1;
    }
    m->m.params = m->fit.params;
    if (!c->quiet) {
        fprintf(stderr, "%s:", m->def->name);
        for (i = 0; i < m->fit.n_params; i++) {
            fprintf(stderr, " %s=%.4f", m->def->param_names[i],
                    m->fit.params[i]);
        }
        fprintf(stderr, " LL=%.2f customers=%.0f%s\n", m->fit.ll,
                m->fit.customers, m->fit.converged ? "" : " (not converged)");
    }
    return 0;
}

/* Active customers predicted by the purchase model from the origin, the
 * first day of period offset o: the model fitted on the histories before
 * that day (in weeks), each known customer's probability of a purchase in
 * each of the h periods from o on, plus the new customers new_fc[0..h)
 * of the time-series forecast (the model does not predict acquisition)
 * and their later returns. 0, -1 when the default model cannot be fitted
 * (said on stderr), or the exit code after a message. */
static int model_predict(cli_ctx *c, const kehu_ledger *l,
                         const kehu_lifecycle *lc, cli_model *m, size_t o,
                         size_t h, const double *new_fc, double *out)
{
    int32_t origin =
        kehu_period_first_day(lc->kind, lc->first_period + (int32_t)o);
    kehu_summary_options so;
    kehu_summary *sum = NULL;
    cli_histories hist;
    kehu_active_forecast in;
    double *start, *len;
    char day[16];
    kehu_status rc;
    size_t k;
    int code;

    kehu_summary_options_init(&so);
    so.as_of_day = origin;
    so.unit = KEHU_UNIT_WEEK;
    code = cli_summary(c, l, &so, &sum);
    if (code != 0) {
        return code;
    }
    code = cli_histories_build(c, sum, origin, 7.0, &hist);
    kehu_summary_free(sum);
    if (code != 0) {
        return code;
    }
    kehu_date_format(origin, day);
    code = fit_model(c, &hist, m, day);
    start = kehu_calloc(h, sizeof *start);
    len = kehu_calloc(h, sizeof *len);
    if (code == 0 && (start == NULL || len == NULL)) {
        code = cli_error(c, 1, "out of memory");
    }
    for (k = 0; k < h && code == 0; k++) {
        int32_t p = lc->first_period + (int32_t)(o + k);
        int32_t a = kehu_period_first_day(lc->kind, p);
        int32_t b = kehu_period_first_day(lc->kind, p + 1);
        start[k] = (double)(a - origin) / 7.0;
        len[k] = (double)(b - a) / 7.0;
    }
    if (code == 0) {
        in.kind = m->def->kind;
        in.params = m->m.params;
        in.x = hist.x;
        in.t_x = hist.t_x;
        in.T = hist.T;
        in.n = hist.n;
        in.periods = h;
        in.start = start;
        in.len = len;
        in.new_customers = new_fc;
        rc = kehu_forecast_active(&in, out);
        if (rc != KEHU_OK) {
            code = cli_error(c, cli_exit_code(rc),
                             "%s: active customers could not be computed: %s",
                             m->def->name, kehu_strerror(rc));
        }
    }
    kehu_free(start);
    kehu_free(len);
    cli_histories_free(&hist);
    return code;
}

/* The model-based method of the active series: backtest from the start of
 * the holdout, forecast from the end of the data. 0 when added or when
 * the default model cannot be fitted (left out; stderr says so), else
 * the exit code. */
static int add_model(cli_ctx *c, const kehu_ledger *l, const kehu_lifecycle *lc,
                     cli_model *m, series *act, const series *nw, size_t n)
{
    kehu_forecast *f = act->f;
    const kehu_forecast_result *hw = &nw->f->r[KEHU_FC_HOLT_WINTERS];
    double *back = kehu_calloc(f->holdout, sizeof *back);
    double *fore = kehu_calloc(f->horizon, sizeof *fore);
    int code = back == NULL || fore == NULL
                   ? cli_error(c, 1, "out of memory")
                   : model_predict(c, l, lc, m, n - f->holdout, f->holdout,
                                   hw->backtest, back);

    if (code == 0) {
        code = model_predict(c, l, lc, m, n, f->horizon, hw->forecast, fore);
    }
    if (code == 0) {
        kehu_status rc =
            kehu_forecast_add(f, act->y, KEHU_FC_MODEL, back, fore);
        code = rc == KEHU_OK ? 0 : cli_error(c, 1, "out of memory");
        act->model = m->def->name;
    } else if (code == -1) {
        code = 0; /* the default model does not fit: left out */
    }
    kehu_free(back);
    kehu_free(fore);
    return code;
}

/* Periods in the series: the lifecycle's, less the last one when the data
 * stops before its last day (a partial period would look like a fall). */
static size_t usable_periods(const kehu_ledger *l, const kehu_lifecycle *lc,
                             int32_t as_of)
{
    int32_t end = as_of, last;

    if (lc->n_periods == 0) {
        return 0;
    }
    if (end == KEHU_DAY_NONE) {
        kehu_ledger_span(l, NULL, &last);
        end = last + 1;
    }
    if (end < kehu_period_first_day(lc->kind, lc->first_period +
                                                  (int32_t)lc->n_periods)) {
        return lc->n_periods - 1;
    }
    return lc->n_periods;
}

static int forecast_all(cli_ctx *c, const kehu_ledger *l,
                        const kehu_lifecycle *lc, int32_t as_of, long horizon,
                        long holdout, cli_model *model)
{
    series s[2] = {{"active", NULL, NULL, NULL}, {"new", NULL, NULL, NULL}};
    size_t n = usable_periods(l, lc, as_of), p;
    int m = kehu_period_season(lc->kind), k, code = 0;
    out_table *t = NULL;

    if (n < lc->n_periods && !c->quiet) {
        fprintf(stderr, "the last period is incomplete: left out\n");
    }
    if (n < kehu_forecast_min_periods((size_t)holdout)) {
        return cli_error(c, 2,
                         "%zu complete periods of history: a forecast with a "
                         "backtest on %ld periods needs at least %zu (%zu "
                         "with a season of %d); use a finer --period or a "
                         "smaller --holdout",
                         n, holdout, kehu_forecast_min_periods((size_t)holdout),
                         kehu_forecast_seasonal_periods(m, (size_t)holdout), m);
    }
    for (k = 0; k < 2 && code == 0; k++) {
        kehu_status rc;

        s[k].y = kehu_calloc(n, sizeof *s[k].y);
        if (s[k].y == NULL) {
            code = cli_error(c, 1, "out of memory");
            break;
        }
        for (p = 0; p < n; p++) {
            const kehu_lifecycle_cell *x = kehu_lifecycle_cell_at(lc, 0, p);
            s[k].y[p] = (double)(k == 0 ? x->active : x->new_customers);
        }
        rc = kehu_forecast_run(s[k].y, n, m, (size_t)holdout, (size_t)horizon,
                               &s[k].f);
        if (rc != KEHU_OK) {
            code = cli_error(c, cli_exit_code(rc), "forecast failed: %s",
                             kehu_strerror(rc));
        }
    }
    /* The new series first: its forecast is the model's acquisition. */
    if (code == 0 && model != NULL) {
        code = add_model(c, l, lc, model, &s[0], &s[1], n);
    }
    for (k = 0; k < 2 && code == 0; k++) {
        note(c, &s[k]);
    }
    if (code == 0) {
        t = out_table_begin(c->out, c->fmt, c->lang, columns, NCOLS);
        if (t == NULL) {
            code = cli_error(c, 1, "out of memory");
        } else {
            print_series(t, &s[0], lc, n);
            print_series(t, &s[1], lc, n);
            code =
                out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
        }
    }
    for (k = 0; k < 2; k++) {
        kehu_free(s[k].y);
        kehu_forecast_free(s[k].f);
    }
    return code;
}

static int run(cli_ctx *c)
{
    kehu_lifecycle_options o;
    kehu_lifecycle *lc = NULL;
    kehu_ledger *l;
    kehu_status rc;
    long horizon = 6, holdout = 0;
    cli_model model;
    const char *mname = cli_get(c, "model");
    int code, use_model = mname == NULL || strcmp(mname, "none") != 0;

    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu forecast "
                         "--help)");
    }
    kehu_lifecycle_options_init(&o);
    if (counts_opt_period(c, KEHU_PERIOD_MONTH, &o.kind) != 0 ||
        cli_opt_long(c, "horizon", &horizon) != 0 ||
        cli_opt_long(c, "holdout", &holdout) != 0 ||
        cli_opt_day(c, "as-of", &o.as_of_day) != 0 ||
        (use_model && cli_model_parse(c, "model", "bgnbd", &model) != 0)) {
        return 2;
    }
    if (horizon < 1 || horizon > MAX_HORIZON) {
        return cli_error(c, 2, "--horizon must be 1..%d periods", MAX_HORIZON);
    }
    if (holdout == 0) {
        int m = kehu_period_season(o.kind);
        holdout = horizon < (m > 1 ? m : 3) ? horizon : (m > 1 ? m : 3);
    }
    if (holdout < 1 || holdout > MAX_HORIZON) {
        return cli_error(c, 2, "--holdout must be 1..%d periods", MAX_HORIZON);
    }
    code = cli_load_ledger(c, c->args[0], &l);
    if (code != 0) {
        return code;
    }
    rc = kehu_lifecycle_compute(l, &o, &lc);
    code = rc == KEHU_OK
               ? forecast_all(c, l, lc, o.as_of_day, horizon, holdout,
                              use_model ? &model : NULL)
               : cli_error(c, rc == KEHU_ETOOBIG ? 2 : 1,
                           "counting periods failed: %s", kehu_strerror(rc));
    kehu_lifecycle_free(lc);
    kehu_ledger_free(l);
    return code;
}

const cli_command cli_cmd_forecast = {
    "forecast",
    "forecast active and new customers per period, with a backtest",
    "FILE [--period P] [--horizon H] [--holdout K] [--model M] [options]",
    "Series: active and new customers per period (as `kehu lifecycle`); a\n"
    "last period the data stops inside is left out. Methods: Holt-Winters\n"
    "(additive trend and season of 7 days, 52 weeks, 12 months or 4\n"
    "quarters; alpha, beta, gamma fitted by least one-step squared error),\n"
    "seasonal naive with drift (the value a season back plus the mean\n"
    "season-over-season change), and for active customers a model-based\n"
    "one (--model, default bgnbd): the purchase model is fitted on the\n"
    "customers' histories (in weeks) before the forecast origin, and a\n"
    "period's active customers are the sum over known customers of\n"
    "P(alive) x P(a purchase in the period | alive), plus the new customers\n"
    "of the Holt-Winters forecast of new customers and their later returns.\n"
    "A BTYD model does not predict acquisition: new customers always come\n"
    "from the time series. When the default model cannot be fitted it is\n"
    "left out (stderr says so); a --model given explicitly must fit.\n"
    "Each method is refitted without the last K periods and scored on them\n"
    "(rows of type backtest: actual beside predicted, MAPE); best = 1 marks\n"
    "the method with the lowest MAPE. With fewer than 2 seasons + K periods\n"
    "the time-series methods drop the season (holt_linear, naive_drift) and\n"
    "stderr says how many periods a season needs; with fewer than K + 4\n"
    "there is no forecast (exit 2).",
    options,
    1,
    run,
    NULL,
};
