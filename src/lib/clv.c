/* SPDX-License-Identifier: MIT */
/*
 * Discounted customer lifetime value (see kehu/clv.h for the convention).
 * The expected purchases of each future unit period come from differences
 * of the model's conditional expectation E[X(k) | x, t_x, T], so every
 * model with that function (BG/NBD eq. 10, MBG/NBD, Pareto/NBD) gets the
 * same discounting. Cost: H conditional evaluations per customer when the
 * rate is positive, one when it is zero.
 */
#include "kehu/clv.h"

#include "kehu/date.h"

#include <math.h>

void kehu_clv_options_init(kehu_clv_options *o)
{
    o->horizon = 52;
    o->unit_days = 7.0;
    o->discount = 0.10;
    o->margin = 1.0;
}

kehu_status kehu_clv_unit_rate(double annual, double unit_days, double *out)
{
    if (!(annual >= 0 && annual < 10) || !(unit_days > 0) ||
        !isfinite(unit_days)) {
        return KEHU_ERANGE;
    }
    *out = expm1(log1p(annual) * unit_days / 365.25);
    return KEHU_OK;
}

kehu_status kehu_clv_check(const kehu_clv_options *o)
{
    double rate;

    if (o->horizon < 1 || o->horizon > KEHU_CLV_MAX_HORIZON) {
        return KEHU_ERANGE;
    }
    if (!(o->margin >= 0) || !isfinite(o->margin)) {
        return KEHU_ERANGE;
    }
    return kehu_clv_unit_rate(o->discount, o->unit_days, &rate);
}

/* sum_{k=1..H} (E_k - E_{k-1}) v^k with v = 1/(1+rate), E_0 = 0. */
static kehu_status discounted_purchases(const kehu_purchase_model *m,
                                        long horizon, double rate, double x,
                                        double t_x, double T, double *out)
{
    double prev = 0, sum = 0, log_v = -log1p(rate);
    long k;

    for (k = 1; k <= horizon; k++) {
        double e;
        kehu_status rc = m->conditional(m->params, x, t_x, T, (double)k, &e);
        if (rc != KEHU_OK) {
            return rc;
        }
        sum += (e - prev) * exp(log_v * (double)k);
        prev = e;
    }
    *out = sum;
    return KEHU_OK;
}

kehu_status kehu_clv_customer(const kehu_purchase_model *m,
                              const kehu_clv_options *o, double x, double t_x,
                              double T, double spend, kehu_clv_value *out)
{
    double rate, e_h, disc;
    kehu_status rc;

    rc = kehu_clv_check(o);
    if (rc != KEHU_OK) {
        return rc;
    }
    (void)kehu_clv_unit_rate(o->discount, o->unit_days, &rate);
    if (!(x >= 0) || !(t_x >= 0) || !(T >= t_x) || !isfinite(T) ||
        !isfinite(spend)) {
        return KEHU_ERANGE;
    }
    rc = m->conditional(m->params, x, t_x, T, (double)o->horizon, &e_h);
    if (rc != KEHU_OK) {
        return rc;
    }
    if (rate > 0) {
        rc = discounted_purchases(m, o->horizon, rate, x, t_x, T, &disc);
        if (rc != KEHU_OK) {
            return rc;
        }
    } else {
        disc = e_h; /* the sum telescopes */
    }
    out->p_alive = m->p_alive(m->params, x, t_x, T);
    out->expected_purchases = e_h;
    out->spend = spend;
    out->expected_spend = spend * e_h;
    out->clv = o->margin * spend * disc;
    return KEHU_OK;
}

kehu_status kehu_clv_history(const kehu_summary_row *r, int32_t end_day,
                             double unit_days, double *x, double *t_x,
                             double *T)
{
    if (r->purchase_days < 1 || r->first_purchase == KEHU_DAY_NONE) {
        return KEHU_EINVAL;
    }
    if (end_day < r->last_purchase || !(unit_days > 0)) {
        return KEHU_ERANGE;
    }
    *x = (double)(r->purchase_days - 1);
    *t_x = (double)(r->last_purchase - r->first_purchase) / unit_days;
    *T = (double)(end_day - r->first_purchase) / unit_days;
    return KEHU_OK;
}
