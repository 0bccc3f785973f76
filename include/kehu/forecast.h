/* SPDX-License-Identifier: MIT */
/*
 * Forecasts of a per-period count series (active or new customers,
 * docs/counts.md) by two methods, each with a backtest on held-back periods:
 *
 *   Holt-Winters, additive trend and season (Holt 1957, Winters 1960;
 *   Hyndman & Athanasopoulos, "Forecasting: Principles and Practice",
 *   section 8.3). Level, trend and seasonal smoothing alpha, beta, gamma
 *   in [0, 1] are fitted by minimising the sum of squared one-step errors
 *   (a grid, then a shrinking pattern search). Start values (classical
 *   decomposition of the first two seasons): trend = (mean of the second
 *   season - mean of the first) / m, level at the end of the first season
 *   = its mean + trend x (m - 1) / 2, season i = y_i less the trend line.
 *
 *   Seasonal naive with drift: the value one season back plus the mean
 *   season-over-season change per season elapsed; with m = 1 the naive
 *   forecast with drift (last value + h x mean change).
 *
 * A third, model-based method (the expected active customers of a fitted
 * purchase model, kehu/activity.h) is computed by the caller, which has
 * the transactions, and added with kehu_forecast_add; it is scored on the
 * same held-back periods and competes for best.
 *
 * A seasonal model needs two full seasons to start, so with fewer than
 * 2m + holdout periods both methods fall back to m = 1 (Holt's linear
 * trend, naive with drift), and the result says so. Pure computation.
 */
#ifndef KEHU_FORECAST_H
#define KEHU_FORECAST_H

#include "kehu/status.h"

#include <stddef.h>

typedef enum kehu_forecast_method {
    KEHU_FC_HOLT_WINTERS = 0,
    KEHU_FC_SEASONAL_NAIVE,
    KEHU_FC_MODEL, /* from a purchase model (kehu/activity.h), computed
                      by the caller and added with kehu_forecast_add */
    KEHU_FC_COUNT
} kehu_forecast_method;

/* The time-series methods kehu_forecast_run fits itself. */
#define KEHU_FC_SERIES_METHODS 2

/* Periods needed beyond the holdout for a non-seasonal (m = 1) fit. */
#define KEHU_FC_MIN_FIT 4

typedef struct kehu_hw_params {
    double alpha, beta, gamma; /* smoothing of level, trend, season */
} kehu_hw_params;

/* Holt-Winters one-step sum of squared errors of y[0..n) (errors from
 * t = m on, after the first season used to start), and its state at the
 * end: level, trend and the m seasonal terms (season may be NULL).
 * Requires n >= 2m. */
double kehu_hw_sse(const double *y, size_t n, int m, const kehu_hw_params *p,
                   double *level, double *trend, double *season);

/* Fit alpha, beta, gamma (gamma = 0 when m = 1) by minimising
 * kehu_hw_sse. OUT: *p, and *sse (may be NULL). KEHU_EINVAL when
 * n < 2m or n < KEHU_FC_MIN_FIT, KEHU_ENOMEM. */
kehu_status kehu_hw_fit(const double *y, size_t n, int m, kehu_hw_params *p,
                        double *sse);

/* Forecast h periods after y[0..n) with fitted parameters. */
kehu_status kehu_hw_forecast(const double *y, size_t n, int m,
                             const kehu_hw_params *p, size_t h, double *out);

/* Seasonal naive with drift, h periods after y[0..n). KEHU_EINVAL when
 * n < m + 1. */
kehu_status kehu_snaive_forecast(const double *y, size_t n, int m, size_t h,
                                 double *out);

/* Mean absolute percentage error over the periods where actual != 0;
 * NaN when there is none. */
double kehu_mape(const double *actual, const double *predicted, size_t n);

typedef struct kehu_forecast_result {
    kehu_forecast_method method;
    int present;           /* 0: not computed (the model before
                              kehu_forecast_add) */
    int season;            /* m used (1 after a fallback) */
    kehu_hw_params params; /* Holt-Winters only */
    double mape;           /* of the backtest */
    double *backtest;      /* holdout predictions, [holdout] */
    double *forecast;      /* [horizon], fitted on the whole series */
} kehu_forecast_result;

typedef struct kehu_forecast {
    size_t n, holdout, horizon;
    int season_wanted; /* m asked for */
    int fallback;      /* 1 when too short for m: m = 1 was used */
    size_t needed;     /* periods a seasonal fit with this holdout
                          needs (2m + holdout) */
    kehu_forecast_result r[KEHU_FC_COUNT];
    kehu_forecast_method best; /* lowest backtest MAPE among the present
                                  methods (ties: first) */
} kehu_forecast;

/* Backtest each method on the last `holdout` periods of y[0..n) (fitted
 * on the periods before), then fit on all of y and forecast `horizon`
 * periods. OUT: *out, free with kehu_forecast_free. Returns KEHU_ERANGE
 * when n < holdout + KEHU_FC_MIN_FIT (too short even without a season;
 * kehu_forecast_min_periods says how many are needed), KEHU_EINVAL for
 * holdout or horizon 0 or m < 1, KEHU_ENOMEM. */
kehu_status kehu_forecast_run(const double *y, size_t n, int m, size_t holdout,
                              size_t horizon, kehu_forecast **out);
void kehu_forecast_free(kehu_forecast *f);

/* Add the predictions of a method computed elsewhere (KEHU_FC_MODEL) for
 * the series y[0..n) given to kehu_forecast_run: backtest[0..holdout)
 * made from the periods before the holdout, and forecast[0..horizon)
 * from all of them. Scores the backtest against y and picks
 * the best method again. KEHU_EINVAL for a time-series method,
 * KEHU_ENOMEM. */
kehu_status kehu_forecast_add(kehu_forecast *f, const double *y,
                              kehu_forecast_method method,
                              const double *backtest, const double *forecast);

/* Periods needed for any forecast with this holdout, and for a seasonal
 * one. */
size_t kehu_forecast_min_periods(size_t holdout);
size_t kehu_forecast_seasonal_periods(int m, size_t holdout);

/* "holt_winters", "seasonal_naive_drift", "model"; never NULL. */
const char *kehu_forecast_method_name(kehu_forecast_method m);

#endif
