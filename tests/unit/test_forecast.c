/* SPDX-License-Identifier: MIT */
/* Forecasts on series with a known trend and season: both methods recover
 * them, Holt's trend is exact on a line, MAPE by hand, the fallback and
 * the too-short error. */
#include "check.h"
#include "kehu/forecast.h"

#include <math.h>

void test_forecast(void);

/* Twelve monthly effects summing to zero. */
static const double effect[12] = {-30, -20, -5, 0, 5, 10, 15, 10, 5, 0, -5, 15};

static double truth(size_t t)
{
    return 200 + 3.0 * (double)t + effect[t % 12];
}

static void check_seasonal(void)
{
    double y[48], fc[12];
    kehu_hw_params p;
    kehu_forecast *f = NULL;
    double sse = -1;
    size_t t;

    for (t = 0; t < 48; t++) {
        y[t] = truth(t);
    }
    /* Seasonal naive with drift is exact on trend + fixed season. */
    CHECK(kehu_snaive_forecast(y, 48, 12, 12, fc) == KEHU_OK);
    for (t = 0; t < 12; t++) {
        CHECK_NEAR(fc[t], truth(48 + t), 1e-12);
    }
    /* Holt-Winters starts from the exact decomposition: no error. */
    CHECK(kehu_hw_fit(y, 48, 12, &p, &sse) == KEHU_OK);
    CHECK(sse >= 0 && sse < 1e-12);
    CHECK(p.alpha >= 0 && p.alpha <= 1 && p.beta >= 0 && p.beta <= 1 &&
          p.gamma >= 0 && p.gamma <= 1);
    CHECK(kehu_hw_forecast(y, 48, 12, &p, 12, fc) == KEHU_OK);
    for (t = 0; t < 12; t++) {
        CHECK_NEAR(fc[t], truth(48 + t), 1e-9);
    }
    /* The whole run: backtest on 12, forecast 6, both close. */
    CHECK(kehu_forecast_run(y, 48, 12, 12, 6, &f) == KEHU_OK);
    if (f != NULL) {
        CHECK_EQ_I64(f->fallback, 0);
        CHECK_EQ_I64(f->r[0].season, 12);
        CHECK(f->r[0].mape < 1e-9);
        CHECK(f->r[1].mape < 1e-9);
        CHECK_NEAR(f->r[0].forecast[5], truth(53), 1e-9);
        CHECK_NEAR(f->r[1].backtest[0], truth(36), 1e-12);
    }
    kehu_forecast_free(f);
}

/* A season hidden under noise: the seasonal methods beat a season-blind
 * forecast (the fallback) on the backtest. */
static void check_noisy(void)
{
    double y[60];
    kehu_forecast *f = NULL, *blind = NULL;
    uint64_t s = 5;
    size_t t;

    for (t = 0; t < 60; t++) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        y[t] = truth(t) + (double)((s >> 33) % 11) - 5.0;
    }
    CHECK(kehu_forecast_run(y, 60, 12, 12, 12, &f) == KEHU_OK);
    CHECK(kehu_forecast_run(y, 60, 1, 12, 12, &blind) == KEHU_OK);
    if (f != NULL && blind != NULL) {
        CHECK(f->r[f->best].mape < 0.03);
        CHECK(f->r[0].mape < blind->r[0].mape);
    }
    kehu_forecast_free(f);
    kehu_forecast_free(blind);
}

/* A season whose shape shifts in the third year: the methods differ, and
 * the one with the lower backtest MAPE is marked best. */
static void check_best(void)
{
    double y[48];
    kehu_forecast *f = NULL;
    size_t t;

    for (t = 0; t < 48; t++) {
        y[t] = truth(t) + (t >= 24 && t % 12 == 3 ? 40 : 0);
    }
    CHECK(kehu_forecast_run(y, 48, 12, 12, 3, &f) == KEHU_OK);
    if (f != NULL) {
        CHECK(f->r[0].mape != f->r[1].mape);
        CHECK(f->r[f->best].mape <= f->r[1 - f->best].mape);
    }
    kehu_forecast_free(f);
}

static void check_line(void)
{
    double y[10], fc[3];
    kehu_hw_params p;
    size_t t;

    for (t = 0; t < 10; t++) {
        y[t] = 7 + 2.5 * (double)t;
    }
    CHECK(kehu_hw_fit(y, 10, 1, &p, NULL) == KEHU_OK);
    CHECK_NEAR(kehu_hw_sse(y, 10, 1, &p, NULL, NULL, NULL), 0, 1e-12);
    CHECK(kehu_hw_forecast(y, 10, 1, &p, 3, fc) == KEHU_OK);
    CHECK_NEAR(fc[2], 7 + 2.5 * 12, 1e-12);
    CHECK(kehu_snaive_forecast(y, 10, 1, 3, fc) == KEHU_OK);
    CHECK_NEAR(fc[0], 7 + 2.5 * 10, 1e-12);
    CHECK_NEAR(fc[2], 7 + 2.5 * 12, 1e-12);
}

static void check_edges(void)
{
    static const double a[4] = {100, 0, 50, 200}, p[4] = {110, 5, 40, 150};
    double y[20];
    kehu_forecast *f = NULL;
    kehu_hw_params hp;
    size_t t;

    /* (0.10 + 0.20 + 0.25) / 3; the zero actual is skipped. */
    CHECK_NEAR(kehu_mape(a, p, 4), 0.55 / 3, 1e-12);
    CHECK(isnan(kehu_mape(a + 1, p + 1, 1)));
    for (t = 0; t < 20; t++) {
        y[t] = truth(t);
    }
    /* 20 months with a holdout of 6: 30 needed for a season. */
    CHECK_EQ_I64(kehu_forecast_seasonal_periods(12, 6), 30);
    CHECK(kehu_forecast_run(y, 20, 12, 6, 3, &f) == KEHU_OK);
    if (f != NULL) {
        CHECK_EQ_I64(f->fallback, 1);
        CHECK_EQ_I64(f->needed, 30);
        CHECK_EQ_I64(f->r[0].season, 1);
        CHECK_EQ_I64(f->r[1].season, 1);
    }
    kehu_forecast_free(f);
    CHECK_EQ_I64(kehu_forecast_min_periods(6), 10);
    CHECK(kehu_forecast_run(y, 9, 12, 6, 3, &f) == KEHU_ERANGE);
    CHECK(f == NULL);
    CHECK(kehu_forecast_run(y, 20, 12, 0, 3, &f) == KEHU_EINVAL);
    CHECK(kehu_forecast_run(y, 20, 0, 6, 3, &f) == KEHU_EINVAL);
    CHECK(kehu_hw_fit(y, 20, 12, &hp, NULL) == KEHU_EINVAL);
    CHECK(kehu_snaive_forecast(y, 12, 12, 3, y) == KEHU_EINVAL);
    CHECK_STR(kehu_forecast_method_name(KEHU_FC_HOLT_WINTERS), "holt_winters");
}

/* A method computed elsewhere: scored on the same held-back periods,
 * and best only when its error is lower. */
static void check_added(void)
{
    double y[40], back[6], fore[3] = {1, 2, 3};
    kehu_forecast *f = NULL;
    size_t t;

    for (t = 0; t < 40; t++) {
        y[t] = truth(t) + (double)(t * 7 % 5) * 3; /* period 5: not a season */
    }
    CHECK(kehu_forecast_run(y, 40, 12, 6, 3, &f) == KEHU_OK);
    if (f == NULL) {
        return;
    }
    CHECK_EQ_I64(f->r[KEHU_FC_MODEL].present, 0);
    CHECK(f->best != KEHU_FC_MODEL);
    for (t = 0; t < 6; t++) {
        back[t] = y[34 + t] * 1.5; /* 50% off */
    }
    CHECK(kehu_forecast_add(f, y, KEHU_FC_MODEL, back, fore) == KEHU_OK);
    CHECK_NEAR(f->r[KEHU_FC_MODEL].mape, 0.5, 1e-12);
    CHECK(f->best != KEHU_FC_MODEL);
    for (t = 0; t < 6; t++) {
        back[t] = y[34 + t]; /* exact */
    }
    CHECK(kehu_forecast_add(f, y, KEHU_FC_MODEL, back, fore) == KEHU_OK);
    CHECK_NEAR(f->r[KEHU_FC_MODEL].mape, 0, 1e-12);
    CHECK_EQ_I64(f->best, KEHU_FC_MODEL);
    CHECK_NEAR(f->r[KEHU_FC_MODEL].forecast[2], 3, 1e-12);
    CHECK(kehu_forecast_add(f, y, KEHU_FC_HOLT_WINTERS, back, fore) ==
          KEHU_EINVAL);
    CHECK_STR(kehu_forecast_method_name(KEHU_FC_MODEL), "model");
    kehu_forecast_free(f);
}

void test_forecast(void)
{
    check_added();
    check_seasonal();
    check_noisy();
    check_best();
    check_line();
    check_edges();
}
