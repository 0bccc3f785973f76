/* SPDX-License-Identifier: MIT */
/*
 * CSAT, NPS and mean scores, churn by satisfaction band, and churned vs
 * retained satisfaction (docs/satisfaction.md); definitions in
 * include/kehu/satisfaction.h. One pass over the responses accumulates
 * the metrics and finds each customer's latest response; a pass over the
 * customers then counts respondents and bands. No I/O.
 */
#include "kehu/satisfaction.h"

#include "kehu/alloc.h"

#include <math.h>

#define CSAT_MIN      4.0 /* 5-point: satisfied from 4 ("4-5") */
#define PROMOTER_MIN  9.0 /* 10-point: promoters 9-10 */
#define DETRACTOR_MAX 7.0 /* 10-point: detractors below 7 ("0-6") */

kehu_status kehu_sat_resolve_scales(kehu_sat_response *r, size_t n,
                                    int *inferred)
{
    int any_unscaled = 0, scale = 5;
    size_t i;

    for (i = 0; i < n; i++) {
        if (r[i].scale != 0 && r[i].scale != 5 && r[i].scale != 10) {
            return KEHU_EINVAL;
        }
        if (!(r[i].score >= 0) || r[i].score > (r[i].scale == 5 ? 5.0 : 10.0)) {
            return KEHU_EINVAL;
        }
        if (r[i].scale == 0) {
            any_unscaled = 1;
            if (r[i].score > 5.0) {
                scale = 10;
            }
        }
    }
    for (i = 0; i < n && any_unscaled; i++) {
        if (r[i].scale == 0) {
            r[i].scale = scale;
        }
    }
    if (inferred != NULL) {
        *inferred = any_unscaled ? scale : 0;
    }
    return KEHU_OK;
}

kehu_sat_band kehu_sat_band_of(double score, int scale)
{
    if (scale == 5) {
        return score >= CSAT_MIN ? KEHU_SAT_SATISFIED : KEHU_SAT_DISSATISFIED;
    }
    if (score >= PROMOTER_MIN) {
        return KEHU_SAT_PROMOTER;
    }
    return score < DETRACTOR_MAX ? KEHU_SAT_DETRACTOR : KEHU_SAT_PASSIVE;
}

void kehu_sat_metrics_add(kehu_sat_metrics *m, double score, int scale)
{
    m->responses++;
    if (scale == 5) {
        m->n5++;
        m->sum5 += score;
        m->satisfied += kehu_sat_band_of(score, 5) == KEHU_SAT_SATISFIED;
        return;
    }
    m->n10++;
    m->sum10 += score;
    switch (kehu_sat_band_of(score, 10)) {
    case KEHU_SAT_PROMOTER:
        m->promoters++;
        break;
    case KEHU_SAT_DETRACTOR:
        m->detractors++;
        break;
    default:
        m->passives++;
        break;
    }
}

void kehu_sat_metrics_finish(kehu_sat_metrics *m)
{
    double n5 = (double)m->n5, n10 = (double)m->n10;

    m->csat = m->n5 > 0 ? (double)m->satisfied / n5 : NAN;
    m->mean5 = m->n5 > 0 ? m->sum5 / n5 : NAN;
    m->nps = m->n10 > 0
                 ? 100.0 * ((double)m->promoters - (double)m->detractors) / n10
                 : NAN;
    m->mean10 = m->n10 > 0 ? m->sum10 / n10 : NAN;
}

/* 1 when response b is later than a (ties: the later position wins,
 * which the caller gets by scanning in order and using >=). */
static int not_earlier(const kehu_sat_response *b, const kehu_sat_response *a)
{
    if (b->day != a->day) {
        return b->day > a->day;
    }
    return b->second >= a->second;
}

static kehu_status check_input(const kehu_sat_response *r, size_t n,
                               const kehu_sat_options *o)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (r[i].customer == KEHU_SAT_NO_CUSTOMER) {
            continue;
        }
        if (r[i].customer >= o->n_customers ||
            (r[i].scale != 5 && r[i].scale != 10)) {
            return KEHU_EINVAL;
        }
    }
    for (i = 0; i < o->n_customers; i++) {
        if ((o->group != NULL && o->group[i] >= o->n_groups) ||
            (o->churn != NULL && o->churn[i] > KEHU_SAT_EXCLUDED)) {
            return KEHU_EINVAL;
        }
    }
    return KEHU_OK;
}

/* Metrics of every response, per group and per churn status; latest[c]
 * gets the index of customer c's latest response (n when none). */
static void accumulate(const kehu_sat_response *r, size_t n,
                       const kehu_sat_options *o, kehu_sat_result *res,
                       size_t *latest)
{
    size_t i;

    for (i = 0; i < o->n_customers; i++) {
        latest[i] = n;
    }
    for (i = 0; i < n; i++) {
        size_t c = r[i].customer;
        if (c == KEHU_SAT_NO_CUSTOMER) {
            continue;
        }
        kehu_sat_metrics_add(&res->total, r[i].score, r[i].scale);
        if (o->group != NULL) {
            kehu_sat_metrics_add(&res->groups[o->group[c]], r[i].score,
                                 r[i].scale);
        }
        if (o->churn != NULL && o->churn[c] == KEHU_SAT_CHURNED) {
            kehu_sat_metrics_add(&res->churned, r[i].score, r[i].scale);
        } else if (o->churn != NULL && o->churn[c] == KEHU_SAT_RETAINED) {
            kehu_sat_metrics_add(&res->retained, r[i].score, r[i].scale);
        }
        if (latest[c] == n || not_earlier(&r[i], &r[latest[c]])) {
            latest[c] = i;
        }
    }
}

/* Respondents per set, and the band counts of the churn analyses. */
static void count_customers(const kehu_sat_response *r, size_t n,
                            const kehu_sat_options *o, kehu_sat_result *res,
                            const size_t *latest)
{
    size_t c;

    for (c = 0; c < o->n_customers; c++) {
        int responded = latest[c] < n;
        uint8_t status = o->churn != NULL ? o->churn[c] : KEHU_SAT_EXCLUDED;
        kehu_sat_band b;
        res->total.customers++;
        res->total.respondents += (uint64_t)responded;
        if (o->group != NULL) {
            res->groups[o->group[c]].customers++;
            res->groups[o->group[c]].respondents += (uint64_t)responded;
        }
        if (status == KEHU_SAT_EXCLUDED) {
            continue;
        }
        if (status == KEHU_SAT_CHURNED) {
            res->churned.customers++;
            res->churned.respondents += (uint64_t)responded;
        } else {
            res->retained.customers++;
            res->retained.respondents += (uint64_t)responded;
        }
        b = responded ? kehu_sat_band_of(r[latest[c]].score, r[latest[c]].scale)
                      : KEHU_SAT_NO_RESPONSE;
        res->bands[b].customers++;
        res->bands[b].churned += (uint64_t)(status == KEHU_SAT_CHURNED);
    }
}

static void finish(kehu_sat_result *res)
{
    uint32_t g;
    int b;

    kehu_sat_metrics_finish(&res->total);
    kehu_sat_metrics_finish(&res->churned);
    kehu_sat_metrics_finish(&res->retained);
    for (g = 0; g < res->n_groups; g++) {
        kehu_sat_metrics_finish(&res->groups[g]);
    }
    for (b = 0; b < KEHU_SAT_BAND_COUNT; b++) {
        kehu_sat_band_row *x = &res->bands[b];
        x->churn_rate =
            x->customers > 0 ? (double)x->churned / (double)x->customers : NAN;
    }
}

kehu_status kehu_sat_compute(const kehu_sat_response *r, size_t n,
                             const kehu_sat_options *o, kehu_sat_result **out)
{
    kehu_sat_result *res;
    size_t *latest;
    kehu_status rc;

    *out = NULL;
    rc = check_input(r, n, o);
    if (rc != KEHU_OK) {
        return rc;
    }
    res = kehu_calloc(1, sizeof *res);
    if (res == NULL) {
        return KEHU_ENOMEM;
    }
    if (o->group != NULL) {
        res->n_groups = o->n_groups;
        res->groups =
            kehu_calloc(o->n_groups ? o->n_groups : 1, sizeof *res->groups);
        if (res->groups == NULL) {
            goto fail_result;
        }
    }
    latest = kehu_calloc(o->n_customers ? o->n_customers : 1, sizeof *latest);
    if (latest == NULL) {
        goto fail_result;
    }
    accumulate(r, n, o, res, latest);
    count_customers(r, n, o, res, latest);
    finish(res);
    kehu_free(latest);
    *out = res;
    return KEHU_OK;

fail_result:
    kehu_sat_free(res);
    return KEHU_ENOMEM;
}

void kehu_sat_free(kehu_sat_result *res)
{
    if (res == NULL) {
        return;
    }
    kehu_free(res->groups);
    kehu_free(res);
}

const char *kehu_sat_band_name(kehu_sat_band b)
{
    static const char *const names[KEHU_SAT_BAND_COUNT] = {
        "dissatisfied", "satisfied", "detractor",
        "passive",      "promoter",  "no_response"};

    return (unsigned)b < KEHU_SAT_BAND_COUNT ? names[b] : "unknown";
}
