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

#include "hash.h"
#include "job.h"
#include "kehu/alloc.h"
#include "kehu/date.h"
#include "sort.h"

#include <math.h>
#include <string.h>

/* From this many customers kehu_clv_customers works on two threads. */
#define CLV_THREAD_MIN 65536

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

/* What the model says of one history (all but the spend). */
typedef struct history_value {
    double p_alive, e_h, disc;
} history_value;

static kehu_status history_of(const kehu_purchase_model *m,
                              const kehu_clv_options *o, double x, double t_x,
                              double T, history_value *out)
{
    double rate = 0;
    kehu_status rc = kehu_clv_check(o);

    if (rc != KEHU_OK) {
        return rc;
    }
    (void)kehu_clv_unit_rate(o->discount, o->unit_days, &rate);
    if (!(x >= 0) || !(t_x >= 0) || !(T >= t_x) || !isfinite(T)) {
        return KEHU_ERANGE;
    }
    rc = m->conditional(m->params, x, t_x, T, (double)o->horizon, &out->e_h);
    if (rc != KEHU_OK) {
        return rc;
    }
    if (rate > 0) {
        rc = discounted_purchases(m, o->horizon, rate, x, t_x, T, &out->disc);
        if (rc != KEHU_OK) {
            return rc;
        }
    } else {
        out->disc = out->e_h; /* the sum telescopes */
    }
    out->p_alive = m->p_alive(m->params, x, t_x, T);
    return KEHU_OK;
}

static kehu_status value_of(const kehu_clv_options *o, const history_value *h,
                            double spend, kehu_clv_value *out)
{
    if (!isfinite(spend)) {
        return KEHU_ERANGE;
    }
    out->p_alive = h->p_alive;
    out->expected_purchases = h->e_h;
    out->spend = spend;
    out->expected_spend = spend * h->e_h;
    out->clv = o->margin * spend * h->disc;
    return KEHU_OK;
}

kehu_status kehu_clv_customer(const kehu_purchase_model *m,
                              const kehu_clv_options *o, double x, double t_x,
                              double T, double spend, kehu_clv_value *out)
{
    history_value h;
    kehu_status rc;

    if (!isfinite(spend)) {
        return KEHU_ERANGE;
    }
    rc = history_of(m, o, x, t_x, T, &h);
    return rc == KEHU_OK ? value_of(o, &h, spend, out) : rc;
}

/* Key of a history: a hash of its three values' bits. */
static uint64_t history_key(double x, double t_x, double T)
{
    double v[3];

    v[0] = x + 0.0; /* -0.0 as 0.0 */
    v[1] = t_x + 0.0;
    v[2] = T + 0.0;
    return kehu__hash_bytes(v, sizeof v, 0x636c76);
}

static int same_history(const double *x, const double *t_x, const double *T,
                        size_t a, size_t b)
{
    return x[a] == x[b] && t_x[a] == t_x[b] && T[a] == T[b];
}

/* A share of kehu_clv_customers: the runs of k[from..to). */
typedef struct clv_part {
    const kehu_purchase_model *m;
    const kehu_clv_options *o;
    const kehu__keyed *k;
    size_t from, to;
    const double *x, *t_x, *T, *spend;
    kehu_clv_value *out;
    kehu_status rc;
} clv_part;

/* Runs of one key: the model's work once for the run's first history,
 * again only for a history that merely shares its key. */
static void *clv_part_run(void *arg)
{
    clv_part *w = arg;
    const kehu__keyed *k = w->k;
    size_t i, j;

    w->rc = KEHU_OK;
    for (i = w->from; i < w->to && w->rc == KEHU_OK; i = j) {
        size_t lead = k[i].pos;
        history_value h;

        w->rc =
            history_of(w->m, w->o, w->x[lead], w->t_x[lead], w->T[lead], &h);
        for (j = i; w->rc == KEHU_OK && j < w->to && k[j].key == k[i].key;
             j++) {
            size_t p = k[j].pos;
            if (same_history(w->x, w->t_x, w->T, p, lead)) {
                w->rc = value_of(w->o, &h, w->spend[p], &w->out[p]);
            } else {
                w->rc = kehu_clv_customer(w->m, w->o, w->x[p], w->t_x[p],
                                          w->T[p], w->spend[p], &w->out[p]);
            }
        }
    }
    return NULL;
}

kehu_status kehu_clv_customers(const kehu_purchase_model *m,
                               const kehu_clv_options *o, size_t n,
                               const double *x, const double *t_x,
                               const double *T, const double *spend,
                               kehu_clv_value *out)
{
    kehu__keyed *k = kehu_reallocarray(NULL, n ? n : 1, sizeof *k);
    clv_part part[2];
    kehu__job job;
    size_t i, mid = n;

    if (k == NULL) {
        return KEHU_ENOMEM;
    }
    for (i = 0; i < n; i++) {
        k[i].key = history_key(x[i], t_x[i], T[i]);
        k[i].pos = i;
    }
    if (kehu__sort_keyed(k, n) != 0) {
        kehu_free(k);
        return KEHU_ENOMEM;
    }
    /* Two halves split between runs, the second on another thread. */
    if (n >= CLV_THREAD_MIN) {
        for (mid = n / 2; mid < n && k[mid].key == k[mid - 1].key; mid++) {
        }
    }
    for (i = 0; i < 2; i++) {
        part[i].m = m;
        part[i].o = o;
        part[i].k = k;
        part[i].from = i == 0 ? 0 : mid;
        part[i].to = i == 0 ? mid : n;
        part[i].x = x;
        part[i].t_x = t_x;
        part[i].T = T;
        part[i].spend = spend;
        part[i].out = out;
        part[i].rc = KEHU_OK;
    }
    kehu__job_start(&job, clv_part_run, &part[1], mid < n);
    clv_part_run(&part[0]);
    kehu__job_wait(&job);
    kehu_free(k);
    return part[0].rc != KEHU_OK ? part[0].rc : part[1].rc;
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
