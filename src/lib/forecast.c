/* SPDX-License-Identifier: MIT */
/*
 * Holt-Winters (additive) and seasonal naive with drift, with backtests
 * (see kehu/forecast.h). The parameter search is a 3-D grid over [0, 1]
 * followed by a pattern search that halves its step until it is below
 * FIT_TOL; the objective is cheap (one pass over the series), so this is
 * robust and deterministic where a gradient method could stall on the
 * box edges.
 */
#include "kehu/forecast.h"

#include "kehu/alloc.h"

#include <math.h>
#include <string.h>

#define GRID_STEPS   10   /* grid points per parameter: 0.05, 0.15 .. 0.95 */
#define FIT_TOL      1e-4 /* pattern search stops below this step */
#define FIT_MAX_ITER 2000

static double mean(const double *y, size_t n)
{
    double s = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        s += y[i];
    }
    return n > 0 ? s / (double)n : 0;
}

double kehu_hw_sse(const double *y, size_t n, int m, const kehu_hw_params *p,
                   double *level, double *trend, double *season)
{
    double first = mean(y, (size_t)m), l, b, sse = 0;
    double s_local[1] = {0};
    double *s = season != NULL ? season : s_local;
    size_t t, mm = (size_t)m;

    /* The first two seasons' means give the trend; the first season's
     * mean is the level at its middle, so the level at its end (the state
     * before t = m) is that plus half a season of trend, and each seasonal
     * term is its value less the trend line. Exact on trend + season. */
    b = (mean(y + mm, mm) - first) / m;
    l = first + b * (m - 1) / 2.0;
    for (t = 0; t < mm && m > 1; t++) {
        s[t] = y[t] - (first + b * ((double)t - (m - 1) / 2.0));
    }
    if (m == 1) {
        s[0] = 0;
    }
    /* The first season only starts the state: update from t = m on. */
    for (t = mm; t < n; t++) {
        double st = m > 1 ? s[t % mm] : 0;
        double e = y[t] - (l + b + st);
        double l_new = p->alpha * (y[t] - st) + (1 - p->alpha) * (l + b);

        sse += e * e;
        b = p->beta * (l_new - l) + (1 - p->beta) * b;
        if (m > 1) {
            s[t % mm] = p->gamma * (y[t] - l_new) + (1 - p->gamma) * st;
        }
        l = l_new;
    }
    if (level != NULL) {
        *level = l;
    }
    if (trend != NULL) {
        *trend = b;
    }
    return sse;
}

static double clamp01(double x)
{
    return x < 0 ? 0 : (x > 1 ? 1 : x);
}

/* Pattern search from *p with step h over the free parameters. */
static void refine(const double *y, size_t n, int m, double *season,
                   kehu_hw_params *p, double *best, double h)
{
    int dims = m > 1 ? 3 : 2, iter = 0;

    while (h > FIT_TOL && iter++ < FIT_MAX_ITER) {
        int improved = 0, d, sgn;

        for (d = 0; d < dims; d++) {
            for (sgn = -1; sgn <= 1; sgn += 2) {
                kehu_hw_params q = *p;
                double *x = d == 0 ? &q.alpha : (d == 1 ? &q.beta : &q.gamma);
                double f;

                *x = clamp01(*x + sgn * h);
                f = kehu_hw_sse(y, n, m, &q, NULL, NULL, season);
                if (f < *best) {
                    *best = f;
                    *p = q;
                    improved = 1;
                }
            }
        }
        if (!improved) {
            h /= 2;
        }
    }
}

kehu_status kehu_hw_fit(const double *y, size_t n, int m, kehu_hw_params *p,
                        double *sse)
{
    double *season, best = INFINITY;
    int i, j, k, kmax = m > 1 ? GRID_STEPS : 1;

    if (m < 1 || n < 2 * (size_t)m || n < KEHU_FC_MIN_FIT) {
        return KEHU_EINVAL;
    }
    season = kehu_calloc((size_t)m, sizeof *season);
    if (season == NULL) {
        return KEHU_ENOMEM;
    }
    memset(p, 0, sizeof *p);
    for (i = 0; i < GRID_STEPS; i++) {
        for (j = 0; j < GRID_STEPS; j++) {
            for (k = 0; k < kmax; k++) {
                kehu_hw_params q;
                double f;

                q.alpha = (i + 0.5) / GRID_STEPS;
                q.beta = (j + 0.5) / GRID_STEPS;
                q.gamma = m > 1 ? (k + 0.5) / GRID_STEPS : 0;
                f = kehu_hw_sse(y, n, m, &q, NULL, NULL, season);
                if (f < best) {
                    best = f;
                    *p = q;
                }
            }
        }
    }
    refine(y, n, m, season, p, &best, 0.5 / GRID_STEPS);
    kehu_free(season);
    if (sse != NULL) {
        *sse = best;
    }
    return isfinite(best) ? KEHU_OK : KEHU_EBADFUNC;
}

kehu_status kehu_hw_forecast(const double *y, size_t n, int m,
                             const kehu_hw_params *p, size_t h, double *out)
{
    double *season, l, b;
    size_t k;

    if (m < 1 || n < 2 * (size_t)m || n < 2) {
        return KEHU_EINVAL;
    }
    season = kehu_calloc((size_t)m, sizeof *season);
    if (season == NULL) {
        return KEHU_ENOMEM;
    }
    (void)kehu_hw_sse(y, n, m, p, &l, &b, season);
    for (k = 1; k <= h; k++) {
        double s = m > 1 ? season[(n + k - 1) % (size_t)m] : 0;
        out[k - 1] = l + (double)k * b + s;
    }
    kehu_free(season);
    return KEHU_OK;
}

kehu_status kehu_snaive_forecast(const double *y, size_t n, int m, size_t h,
                                 double *out)
{
    size_t mm = (size_t)m, t, k;
    double drift = 0;

    if (m < 1 || n < mm + 1) {
        return KEHU_EINVAL;
    }
    /* Mean change from one season to the next. */
    for (t = mm; t < n; t++) {
        drift += y[t] - y[t - mm];
    }
    drift /= (double)(n - mm);
    for (k = 1; k <= h; k++) {
        size_t seasons = (k + mm - 1) / mm; /* ceil(k / m) */
        out[k - 1] = y[n + k - 1 - seasons * mm] + (double)seasons * drift;
    }
    return KEHU_OK;
}

double kehu_mape(const double *actual, const double *predicted, size_t n)
{
    double s = 0;
    size_t i, used = 0;

    for (i = 0; i < n; i++) {
        if (actual[i] != 0) {
            s += fabs(actual[i] - predicted[i]) / fabs(actual[i]);
            used++;
        }
    }
    return used > 0 ? s / (double)used : NAN;
}

size_t kehu_forecast_min_periods(size_t holdout)
{
    return holdout + KEHU_FC_MIN_FIT;
}

size_t kehu_forecast_seasonal_periods(int m, size_t holdout)
{
    size_t fit = 2 * (size_t)m;

    return holdout + (fit > KEHU_FC_MIN_FIT ? fit : KEHU_FC_MIN_FIT);
}

/* Fit method on y[0..n) and forecast h periods into out. */
static kehu_status predict(kehu_forecast_method method, const double *y,
                           size_t n, int m, size_t h, kehu_hw_params *p,
                           double *out)
{
    kehu_status rc;

    if (method == KEHU_FC_SEASONAL_NAIVE) {
        return kehu_snaive_forecast(y, n, m, h, out);
    }
    rc = kehu_hw_fit(y, n, m, p, NULL);
    if (rc != KEHU_OK) {
        return rc;
    }
    return kehu_hw_forecast(y, n, m, p, h, out);
}

/* The present method with the lowest MAPE (NaN loses; ties: first). */
static void pick_best(kehu_forecast *f)
{
    int k;

    f->best = KEHU_FC_HOLT_WINTERS;
    for (k = 0; k < KEHU_FC_COUNT; k++) {
        const kehu_forecast_result *r = &f->r[k];
        const kehu_forecast_result *b = &f->r[f->best];

        if (r->present && !isnan(r->mape) &&
            (isnan(b->mape) || r->mape < b->mape)) {
            f->best = (kehu_forecast_method)k;
        }
    }
}

void kehu_forecast_free(kehu_forecast *f)
{
    int k;

    if (f == NULL) {
        return;
    }
    for (k = 0; k < KEHU_FC_COUNT; k++) {
        kehu_free(f->r[k].backtest);
        kehu_free(f->r[k].forecast);
    }
    kehu_free(f);
}

kehu_status kehu_forecast_run(const double *y, size_t n, int m, size_t holdout,
                              size_t horizon, kehu_forecast **out)
{
    kehu_forecast *f;
    kehu_status rc = KEHU_OK;
    int k, season;

    *out = NULL;
    if (m < 1 || holdout == 0 || horizon == 0) {
        return KEHU_EINVAL;
    }
    if (n < kehu_forecast_min_periods(holdout)) {
        return KEHU_ERANGE;
    }
    f = kehu_calloc(1, sizeof *f);
    if (f == NULL) {
        return KEHU_ENOMEM;
    }
    f->n = n;
    f->holdout = holdout;
    f->horizon = horizon;
    f->season_wanted = m;
    f->needed = kehu_forecast_seasonal_periods(m, holdout);
    f->fallback = m > 1 && n < f->needed;
    season = f->fallback ? 1 : m;
    for (k = 0; k < KEHU_FC_COUNT; k++) {
        f->r[k].method = (kehu_forecast_method)k;
        f->r[k].season = season;
        f->r[k].mape = NAN;
    }
    for (k = 0; k < KEHU_FC_SERIES_METHODS && rc == KEHU_OK; k++) {
        kehu_forecast_result *r = &f->r[k];

        r->present = 1;
        r->backtest = kehu_calloc(holdout, sizeof *r->backtest);
        r->forecast = kehu_calloc(horizon, sizeof *r->forecast);
        if (r->backtest == NULL || r->forecast == NULL) {
            rc = KEHU_ENOMEM;
            break;
        }
        rc = predict(r->method, y, n - holdout, season, holdout, &r->params,
                     r->backtest);
        if (rc == KEHU_OK) {
            r->mape = kehu_mape(y + n - holdout, r->backtest, holdout);
            rc = predict(r->method, y, n, season, horizon, &r->params,
                         r->forecast);
        }
    }
    if (rc != KEHU_OK) {
        kehu_forecast_free(f);
        return rc;
    }
    pick_best(f);
    *out = f;
    return KEHU_OK;
}

kehu_status kehu_forecast_add(kehu_forecast *f, const double *y,
                              kehu_forecast_method method,
                              const double *backtest, const double *forecast)
{
    kehu_forecast_result *r;

    if (method != KEHU_FC_MODEL) {
        return KEHU_EINVAL;
    }
    r = &f->r[method];
    if (r->backtest == NULL) {
        r->backtest = kehu_calloc(f->holdout, sizeof *r->backtest);
        r->forecast = kehu_calloc(f->horizon, sizeof *r->forecast);
        if (r->backtest == NULL || r->forecast == NULL) {
            kehu_free(r->backtest);
            kehu_free(r->forecast);
            r->backtest = r->forecast = NULL;
            return KEHU_ENOMEM;
        }
    }
    memcpy(r->backtest, backtest, f->holdout * sizeof *backtest);
    memcpy(r->forecast, forecast, f->horizon * sizeof *forecast);
    r->season = 1;
    r->present = 1;
    r->mape = kehu_mape(y + f->n - f->holdout, r->backtest, f->holdout);
    pick_best(f);
    return KEHU_OK;
}

const char *kehu_forecast_method_name(kehu_forecast_method m)
{
    return m == KEHU_FC_HOLT_WINTERS     ? "holt_winters"
           : m == KEHU_FC_SEASONAL_NAIVE ? "seasonal_naive_drift"
           : m == KEHU_FC_MODEL          ? "model"
                                         : "unknown";
}
