/* SPDX-License-Identifier: MIT */
/*
 * forecast: active and new customers per period (the lifecycle counts),
 * forecast H periods ahead by Holt-Winters, by seasonal naive with drift
 * and (active customers) by a fitted purchase model (kehu/activity.h),
 * each with a backtest on the last periods (actual beside predicted,
 * MAPE); the method with the lowest backtest error is marked best.
 */
#include "dims.h"
#include "model.h"

#include "kehu/activity.h"
#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/date.h"
#include "kehu/forecast.h"
#include "kehu/lifecycle.h"
#include "kehu/summary.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define MAX_HORIZON 1000

/* kehu__model_choices and "none" (time series alone). */
static const char *const model_choices[] = {"bgnbd", "pnbd", "mbgnbd", "none",
                                            NULL};
#define MODEL_NONE 3

typedef struct forecast_opts {
    kehu_lifecycle_options lc; /* kind (period), as_of_day */
    long horizon;
    long holdout; /* 0: H, at most one season */
    int model;
} forecast_opts;

static const kehu_param rows[] = {
    {"period", KEHU_PARAM_CHOICE, offsetof(forecast_opts, lc.kind), "month", 0,
     -1, kehu__period_choices, "P",
     "day, week (ISO), month (default), quarter or year"},
    {"horizon", KEHU_PARAM_INT, offsetof(forecast_opts, horizon), "6", 1,
     MAX_HORIZON, NULL, "H", "periods to forecast (default 6)"},
    {"holdout", KEHU_PARAM_INT, offsetof(forecast_opts, holdout), "0", 0,
     MAX_HORIZON, NULL, "K",
     "periods held back for the backtest (default: H, at most one season)"},
    {"model", KEHU_PARAM_CHOICE, offsetof(forecast_opts, model), "bgnbd", 0, -1,
     model_choices, "NAME",
     "purchase model of the model-based method: bgnbd (default), pnbd, "
     "mbgnbd, or none"},
    {"as-of", KEHU_PARAM_DATE, offsetof(forecast_opts, lc.as_of_day), NULL, 0,
     -1, NULL, "DATE", "analysis date A (default: day after the last order)"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {{rows, 0}, {NULL, 0}};

static const kehu_column columns[] = {
    {"series", KEHU_COL_STR, 0, NULL},
    {"method", KEHU_COL_STR, 0, NULL},
    {"type", KEHU_COL_STR, 0, NULL},
    {"period", KEHU_COL_STR, 0, NULL},
    {"actual", KEHU_COL_NUM, 0, "customers"},
    {"predicted", KEHU_COL_NUM, 1, "customers"},
    {"mape", KEHU_COL_NUM, 4, "share"},
    {"best", KEHU_COL_INT, 0, NULL},
};

typedef struct series {
    const char *name;
    double *y;
    kehu_forecast *f;
    const char *model; /* name of the purchase model, NULL without one */
} series;

/* What the table shows. */
typedef struct fc_data {
    kehu_lifecycle *lc;
    series s[2]; /* active, new */
    size_t n;    /* periods in the series */
} fc_data;

static void fc_data_free(void *p)
{
    fc_data *d = p;
    int k;

    for (k = 0; k < 2; k++) {
        kehu_free(d->s[k].y);
        kehu_forecast_free(d->s[k].f);
    }
    kehu_lifecycle_free(d->lc);
    kehu_free(d);
}

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

static void emit_series(const kehu_cells *out, const series *s,
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

            kehu_cell_str(out, s->name);
            kehu_cell_str(out, method_label(s, r));
            kehu_cell_str(out, back ? "backtest" : "forecast");
            kehu__cell_period(out, lc->kind, lc->first_period + (int32_t)p);
            if (back) {
                kehu_cell_num(out, s->y[p]);
            } else {
                kehu_cell_null(out);
            }
            kehu_cell_num(out, v < 0 ? 0 : v); /* counts are never negative */
            kehu_cell_num(out, r->mape);
            kehu_cell_int(out, best);
        }
    }
}

static kehu_status emit(const void *data, const kehu_cells *out)
{
    const fc_data *d = data;

    emit_series(out, &d->s[0], d->lc, d->n);
    emit_series(out, &d->s[1], d->lc, d->n);
    return KEHU_OK;
}

/* "0.0312", or "n/a" when every actual was zero. */
static const char *mape_text(double mape, char *buf, size_t cap)
{
    if (isnan(mape)) {
        return "n/a";
    }
    (void)snprintf(buf, cap, "%.4f", mape);
    return buf;
}

/* The fitted methods as notes: parameters and backtest error. */
static kehu_status note_series(kehu_result *out, const series *s)
{
    const kehu_forecast *f = s->f;
    const kehu_forecast_result *hw = &f->r[KEHU_FC_HOLT_WINTERS];
    const kehu_forecast_result *sn = &f->r[KEHU_FC_SEASONAL_NAIVE];
    const kehu_forecast_result *md = &f->r[KEHU_FC_MODEL];
    char a[32], b[32], m[64], mm[32];
    kehu_note *n;
    kehu_status rc;

    m[0] = '\0';
    if (md->present) {
        (void)snprintf(m, sizeof m, "; %s MAPE=%s", method_label(s, md),
                       mape_text(md->mape, mm, sizeof mm));
    }
    rc = kehu_result_note(
        out, KEHU_NOTE_MODEL, "forecast", &n,
        "%s: %s alpha=%.4f beta=%.4f gamma=%.4f MAPE=%s; %s MAPE=%s%s; "
        "best: %s (backtest on the last %zu periods)",
        s->name, method_label(s, hw), hw->params.alpha, hw->params.beta,
        hw->params.gamma, mape_text(hw->mape, a, sizeof a), method_label(s, sn),
        mape_text(sn->mape, b, sizeof b), m, method_label(s, &f->r[f->best]),
        f->holdout);
    if (rc == KEHU_OK) {
        rc = kehu_note_text(out, n, "series", s->name);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_text(out, n, "best", method_label(s, &f->r[f->best]));
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "alpha", hw->params.alpha);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "beta", hw->params.beta);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "gamma", hw->params.gamma);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "mape_holt_winters", hw->mape);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "mape_seasonal_naive", sn->mape);
    }
    if (rc == KEHU_OK && md->present) {
        rc = kehu_note_num(out, n, "mape_model", md->mape);
    }
    if (rc == KEHU_OK && f->fallback) {
        rc = kehu_result_note(out, KEHU_NOTE_WARNING, "season", NULL,
                              "%s: %zu periods are too few for a season of "
                              "%d (a seasonal model needs %zu with this "
                              "holdout): no seasonal term used",
                              s->name, f->n, f->season_wanted, f->needed);
    }
    return rc;
}

/* Fit m on the histories before `day`. A model asked for by the model
 * parameter must fit (an error says why); the default one may not (too
 * few repeat buyers): then *left_out, after a note. */
static kehu_status fit_model(const kehu_op_ctx *c, kehu_result *out,
                             const kehu__histories *h, kehu__model *m,
                             const char *day, int *left_out)
{
    char text[600];
    kehu_hist *hist = NULL;
    kehu_status rc;

    if (kehu_params_given(c->params, "model")) {
        rc = kehu__model_fit(m, h, "params", NULL, c->err);
    } else {
        rc = h->n == 0 ? KEHU_EIDENT
                       : kehu_hist_new(h->x, h->t_x, h->T, NULL, h->n, &hist);
        if (rc == KEHU_OK) {
            rc = kehu_model_fit(m->def, hist, NULL, &m->fit);
        }
        kehu_hist_free(hist);
        m->m.params = m->fit.params;
        if (rc != KEHU_OK && rc != KEHU_ENOMEM) {
            *left_out = 1;
            return kehu_result_note(
                out, KEHU_NOTE_WARNING, "model", NULL,
                "model-based method, history before %s: %s cannot be "
                "fitted (%s): the model-based method is left out and the "
                "time-series methods stand alone (--model %s makes this an "
                "error, --model none skips it)",
                day, m->def->name, kehu_strerror(rc), m->def->name);
        }
    }
    if (rc != KEHU_OK) {
        return rc;
    }
    kehu__fit_text(text, sizeof text, m->def->name, m->def->param_names,
                   &m->fit, 0);
    return kehu_result_note(out, KEHU_NOTE_MODEL, "model", NULL,
                            "model-based method, history before %s: %s", day,
                            text);
}

/* Week starts and lengths of the h periods from offset o, from origin. */
static void period_weeks(const kehu_lifecycle *lc, size_t o, size_t h,
                         int32_t origin, double *start, double *len)
{
    double ud = kehu_unit_days(KEHU__MODEL_UNIT);
    size_t k;

    for (k = 0; k < h; k++) {
        int32_t p = lc->first_period + (int32_t)(o + k);
        int32_t a = kehu_period_first_day(lc->kind, p);
        int32_t b = kehu_period_first_day(lc->kind, p + 1);
        start[k] = (double)(a - origin) / ud;
        len[k] = (double)(b - a) / ud;
    }
}

/* Active customers predicted by the purchase model from the origin, the
 * first day of period offset o: the model fitted on the histories before
 * that day (in the model unit, weeks), each known customer's probability
 * of a purchase in each of the h periods from o on, plus the new
 * customers new_fc[0..h) of the time-series forecast (the model does not
 * predict acquisition) and their later returns. */
static kehu_status model_predict(const kehu_op_ctx *c, kehu_result *out,
                                 const kehu_lifecycle *lc, kehu__model *m,
                                 size_t o, size_t h, const double *new_fc,
                                 double *pred, int *left_out)
{
    int32_t origin =
        kehu_period_first_day(lc->kind, lc->first_period + (int32_t)o);
    kehu_summary_options so;
    kehu_summary *sum = NULL;
    kehu__histories hist;
    kehu_active_forecast in;
    double *start = NULL, *len = NULL;
    char day[16];
    kehu_status rc;

    kehu_summary_options_init(&so);
    so.as_of_day = origin;
    so.unit = KEHU__MODEL_UNIT;
    rc = kehu_summary_compute(c->data->ledger, &so, &sum);
    if (rc != KEHU_OK) {
        return kehu_error_set(c->err, rc, "summary failed: %s",
                              kehu_strerror(rc));
    }
    rc = kehu__histories_build(sum, origin, kehu_unit_days(KEHU__MODEL_UNIT),
                               &hist);
    kehu_summary_free(sum);
    if (rc != KEHU_OK) {
        return rc;
    }
    kehu_date_format(origin, day);
    rc = fit_model(c, out, &hist, m, day, left_out);
    if (rc == KEHU_OK && !*left_out) {
        start = kehu_calloc(h, sizeof *start);
        len = kehu_calloc(h, sizeof *len);
        rc = start == NULL || len == NULL ? KEHU_ENOMEM : KEHU_OK;
    }
    if (rc == KEHU_OK && !*left_out) {
        period_weeks(lc, o, h, origin, start, len);
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
        rc = kehu_forecast_active(&in, pred);
        if (rc != KEHU_OK && rc != KEHU_ENOMEM) {
            rc = kehu_error_set(c->err, rc,
                                "%s: active customers could not be "
                                "computed: %s",
                                m->def->name, kehu_strerror(rc));
        }
    }
    kehu_free(start);
    kehu_free(len);
    kehu__histories_free(&hist);
    return rc;
}

/* The model-based method of the active series: backtest from the start of
 * the holdout, forecast from the end of the data; left out when the
 * default model cannot be fitted (a note says so). */
static kehu_status add_model(const kehu_op_ctx *c, kehu_result *out, fc_data *d,
                             int model)
{
    series *act = &d->s[0];
    kehu_forecast *f = act->f;
    const kehu_forecast_result *hw = &d->s[1].f->r[KEHU_FC_HOLT_WINTERS];
    double *back = kehu_calloc(f->holdout, sizeof *back);
    double *fore = kehu_calloc(f->horizon, sizeof *fore);
    kehu__model m;
    int left_out = 0;
    kehu_status rc = back == NULL || fore == NULL ? KEHU_ENOMEM : KEHU_OK;

    kehu__model_init(&m, model);
    if (rc == KEHU_OK) {
        rc = model_predict(c, out, d->lc, &m, d->n - f->holdout, f->holdout,
                           hw->backtest, back, &left_out);
    }
    if (rc == KEHU_OK && !left_out) {
        rc = model_predict(c, out, d->lc, &m, d->n, f->horizon, hw->forecast,
                           fore, &left_out);
    }
    if (rc == KEHU_OK && !left_out) {
        rc = kehu_forecast_add(f, act->y, KEHU_FC_MODEL, back, fore);
        act->model = m.def->name;
    }
    kehu_free(back);
    kehu_free(fore);
    return rc;
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

/* The two series and their time-series forecasts. */
static kehu_status run_series(const kehu_op_ctx *c, fc_data *d, long horizon,
                              long holdout)
{
    int m = kehu_period_season(d->lc->kind), k;
    size_t p;
    kehu_status rc = KEHU_OK;

    if (d->n < kehu_forecast_min_periods((size_t)holdout)) {
        return kehu_error_set(
            c->err, KEHU_EINVAL,
            "%zu complete periods of history: a backtest on %ld periods "
            "needs at least %zu (%zu with a season of %d); use a finer "
            "period or a smaller holdout",
            d->n, holdout, kehu_forecast_min_periods((size_t)holdout),
            kehu_forecast_seasonal_periods(m, (size_t)holdout), m);
    }
    for (k = 0; k < 2 && rc == KEHU_OK; k++) {
        d->s[k].y = kehu_calloc(d->n, sizeof *d->s[k].y);
        if (d->s[k].y == NULL) {
            return KEHU_ENOMEM;
        }
        for (p = 0; p < d->n; p++) {
            const kehu_lifecycle_cell *x = kehu_lifecycle_cell_at(d->lc, 0, p);
            d->s[k].y[p] = (double)(k == 0 ? x->active : x->new_customers);
        }
        rc = kehu_forecast_run(d->s[k].y, d->n, m, (size_t)holdout,
                               (size_t)horizon, &d->s[k].f);
        if (rc != KEHU_OK && rc != KEHU_ENOMEM) {
            rc = kehu_error_set(c->err, rc, "forecast failed: %s",
                                kehu_strerror(rc));
        }
    }
    return rc;
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    const forecast_opts *o = c->opts;
    fc_data *d = kehu_calloc(1, sizeof *d);
    long holdout = o->holdout;
    kehu_status rc;
    int k;

    if (d == NULL) {
        return KEHU_ENOMEM;
    }
    rc = kehu_result_keep(out, d, fc_data_free);
    if (rc != KEHU_OK) {
        return rc;
    }
    d->s[0].name = "active";
    d->s[1].name = "new";
    if (holdout == 0) {
        int m = kehu_period_season(o->lc.kind);
        holdout = o->horizon < (m > 1 ? m : 3) ? o->horizon : (m > 1 ? m : 3);
    }
    rc = kehu_lifecycle_compute(c->data->ledger, &o->lc, &d->lc);
    if (rc != KEHU_OK) {
        return rc == KEHU_ENOMEM ? rc
                                 : kehu_error_set(c->err, rc,
                                                  "counting periods failed: "
                                                  "%s",
                                                  kehu_strerror(rc));
    }
    d->n = usable_periods(c->data->ledger, d->lc, o->lc.as_of_day);
    if (d->n < d->lc->n_periods) {
        rc = kehu_result_note(out, KEHU_NOTE_INFO, "incomplete", NULL,
                              "the last period is incomplete: left out");
    }
    if (rc == KEHU_OK) {
        rc = run_series(c, d, o->horizon, holdout);
    }
    /* The new series first: its forecast is the model's acquisition. */
    if (rc == KEHU_OK && o->model != MODEL_NONE) {
        rc = add_model(c, out, d, o->model);
    }
    for (k = 0; k < 2 && rc == KEHU_OK; k++) {
        rc = note_series(out, &d->s[k]);
    }
    if (rc == KEHU_OK) {
        rc = kehu_result_table(out, "forecast", columns,
                               sizeof columns / sizeof columns[0], emit, d,
                               NULL);
    }
    return rc;
}

static void init(void *opts)
{
    kehu_lifecycle_options_init(&((forecast_opts *)opts)->lc);
}

const kehu_op kehu_op_forecast = {
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
    params,
    sizeof(forecast_opts),
    init,
    KEHU_NEEDS_LEDGER,
    NULL,
    run,
};
