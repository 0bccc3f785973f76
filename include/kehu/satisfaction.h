/* SPDX-License-Identifier: MIT */
/*
 * Loyalty and satisfaction (docs/satisfaction.md) from survey responses:
 * CSAT, NPS and the mean score, overall and per group of customers; the
 * churn rate per satisfaction band (the band of a customer's latest
 * response); and the satisfaction of churned versus retained customers.
 *
 * Definitions (scores may be fractional):
 * - 5-point scale: CSAT = share of responses scoring >= 4 ("4-5").
 *   Band of a customer: satisfied (>= 4) or dissatisfied (< 4, "1-3").
 * - 10-point (0-10) scale: NPS = 100 x (promoters - detractors) /
 *   responses, promoters scoring >= 9, detractors < 7 ("0-6"), passives
 *   the rest; the band is detractor, passive or promoter.
 * - The mean score is kept per scale: a mean mixing the two would mean
 *   nothing.
 * CSAT, NPS and means of a set without responses on their scale are NaN.
 *
 * This module knows nothing of ledgers or files: responses carry a
 * customer index into the caller's per-customer arrays (group, churn
 * status). Pure computation.
 */
#ifndef KEHU_SATISFACTION_H
#define KEHU_SATISFACTION_H

#include "kehu/status.h"

#include <stddef.h>
#include <stdint.h>

#define KEHU_SAT_NO_CUSTOMER SIZE_MAX /* a response outside the analysis */

typedef struct kehu_sat_response {
    size_t customer; /* caller's customer index, or KEHU_SAT_NO_CUSTOMER */
    int32_t day;     /* days since 1970-01-01 */
    int32_t second;  /* seconds into the day, -1 when not given */
    double score;    /* 0..scale */
    int scale;       /* 5 or 10; 0 = not given (see resolve_scales) */
} kehu_sat_response;

/* Satisfaction bands of a customer's latest response. */
typedef enum kehu_sat_band {
    KEHU_SAT_DISSATISFIED = 0, /* 5-point, < 4 */
    KEHU_SAT_SATISFIED,        /* 5-point, >= 4 */
    KEHU_SAT_DETRACTOR,        /* 10-point, < 7 */
    KEHU_SAT_PASSIVE,          /* 10-point, 7 to < 9 */
    KEHU_SAT_PROMOTER,         /* 10-point, >= 9 */
    KEHU_SAT_NO_RESPONSE,      /* no response in the analysis */
    KEHU_SAT_BAND_COUNT
} kehu_sat_band;

/* Churn status of a customer for the churn analyses. */
typedef enum kehu_sat_churn {
    KEHU_SAT_RETAINED = 0,
    KEHU_SAT_CHURNED,
    KEHU_SAT_EXCLUDED /* not a buyer: left out of the churn analyses */
} kehu_sat_churn;

/* Counts and figures of one set of responses. */
typedef struct kehu_sat_metrics {
    uint64_t customers;   /* customers in the set, respondents or not */
    uint64_t responses;   /* both scales */
    uint64_t respondents; /* distinct customers */
    uint64_t n5;          /* 5-point responses */
    uint64_t satisfied;   /* of them scoring >= 4 */
    double sum5;          /* sum of 5-point scores */
    uint64_t n10;         /* 10-point responses */
    uint64_t promoters, passives, detractors;
    double sum10;  /* sum of 10-point scores */
    double csat;   /* satisfied / n5, 0..1 */
    double mean5;  /* sum5 / n5 */
    double nps;    /* 100 (promoters - detractors) / n10, -100..100 */
    double mean10; /* sum10 / n10 */
} kehu_sat_metrics;

/* Churn of the customers whose latest response falls in one band. */
typedef struct kehu_sat_band_row {
    uint64_t customers; /* buyers (not excluded) in the band */
    uint64_t churned;
    double churn_rate; /* churned / customers; NaN when empty */
} kehu_sat_band_row;

typedef struct kehu_sat_options {
    size_t n_customers;
    const uint32_t *group; /* per customer, 0..n_groups-1; NULL: no groups */
    uint32_t n_groups;
    const uint8_t *churn; /* per customer kehu_sat_churn; NULL: no churn
                             analyses (bands and churned/retained empty) */
} kehu_sat_options;

typedef struct kehu_sat_result {
    kehu_sat_metrics total;
    kehu_sat_metrics *groups; /* n_groups entries (NULL without groups) */
    uint32_t n_groups;
    kehu_sat_band_row bands[KEHU_SAT_BAND_COUNT];
    kehu_sat_metrics churned;  /* responses of churned customers */
    kehu_sat_metrics retained; /* responses of retained customers */
} kehu_sat_result;

/*
 * Give every response with scale 0 the scale inferred from those
 * responses: 5 when all their scores are <= 5, else 10 (a survey without
 * a scale column is one survey; scores above 5 cannot be on 5 points).
 * Responses with a scale keep it. OUT: *inferred (may be NULL) gets the
 * inferred scale, or 0 when every response had one.
 * Returns KEHU_OK, or KEHU_EINVAL for a scale other than 0, 5 or 10 or a
 * score outside 0..scale (nothing is changed then).
 */
kehu_status kehu_sat_resolve_scales(kehu_sat_response *r, size_t n,
                                    int *inferred);

/* Band of one response (scale 5 or 10). */
kehu_sat_band kehu_sat_band_of(double score, int scale);

/* Add one response (scale 5 or 10) to m; respondents are not counted. */
void kehu_sat_metrics_add(kehu_sat_metrics *m, double score, int scale);

/* Fill csat, mean5, nps and mean10 from the counts (NaN when empty). */
void kehu_sat_metrics_finish(kehu_sat_metrics *m);

/*
 * All figures of the responses r (scales resolved, customer indices <
 * o->n_customers or KEHU_SAT_NO_CUSTOMER, which are skipped). A
 * customer's band is that of the latest response (by day, second, then
 * position in r). The churned/retained metrics hold every response of
 * the customers of that status. OUT: *out, free with kehu_sat_free.
 * Returns KEHU_OK, KEHU_EINVAL (a scale other than 5 or 10, a customer
 * or group out of range, a churn status other than those defined), or
 * KEHU_ENOMEM.
 */
kehu_status kehu_sat_compute(const kehu_sat_response *r, size_t n,
                             const kehu_sat_options *o, kehu_sat_result **out);
void kehu_sat_free(kehu_sat_result *res);

/* Machine name of a band ("dissatisfied", ..., "no_response"). */
const char *kehu_sat_band_name(kehu_sat_band b);

#endif
