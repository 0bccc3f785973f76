/* SPDX-License-Identifier: MIT */
/*
 * Loyalty and satisfaction (SPEC.md section 8) from survey answers joined
 * to the classification as of A:
 *   CSAT   share of answers on a 5-point scale scoring 4 or 5;
 *   NPS    100 x (share of 0-10 answers scoring 9-10 - share scoring 0-6);
 *   mean   average score, kept apart per scale (5 and 10);
 * per group of customers: everybody, tier, lifecycle stage, RFM segment,
 * churned vs retained, satisfaction band and optionally a dimension. Each
 * group also has its churn rate: churned customers / customers. A
 * customer's band is that of his latest answer before A: low (1-2 of 5,
 * 0-6 of 10), mid (3; 7-8) or high (4-5; 9-10); none without an answer.
 * The customers are the summary's buyers; answers on or after A, and
 * answers of customers not in the summary, are left out. Pure computation.
 */
#ifndef KEHU_SATISFACTION_H
#define KEHU_SATISFACTION_H

#include "kehu/classify.h"

typedef struct kehu_sat_answer {
    size_t customer; /* ledger index */
    int32_t day;
    double score;
    int scale; /* 5 or 10 */
} kehu_sat_answer;

typedef struct kehu_sat_stats {
    int64_t customers;   /* buyers in the group */
    int64_t respondents; /* of them, with an answer before A */
    int64_t churned;     /* of them, stage churned */
    int64_t answers;
    int64_t n5, csat_hits; /* 5-point answers, those scoring 4-5 */
    int64_t n10, promoters, detractors;
    double sum5, sum10;
} kehu_sat_stats;

typedef enum kehu_sat_view {
    KEHU_SAT_ALL = 0, /* one group */
    KEHU_SAT_TIER,    /* by kehu_tier */
    KEHU_SAT_STAGE,   /* by kehu_stage */
    KEHU_SAT_SEGMENT, /* by kehu_segment */
    KEHU_SAT_STATUS,  /* 0 retained, 1 churned */
    KEHU_SAT_BAND,    /* by kehu_sat_band */
    KEHU_SAT_DIM,     /* by the dimension value (when asked) */
    KEHU_SAT_VIEWS
} kehu_sat_view;

typedef enum kehu_sat_band {
    KEHU_BAND_NONE = 0,
    KEHU_BAND_LOW,
    KEHU_BAND_MID,
    KEHU_BAND_HIGH,
    KEHU_BAND_COUNT
} kehu_sat_band;

typedef struct kehu_satisfaction {
    kehu_sat_stats *group[KEHU_SAT_VIEWS];
    size_t n_groups[KEHU_SAT_VIEWS];
    int by; /* the dimension of KEHU_SAT_DIM, or -1 */
    int64_t answers_used, answers_late, answers_unknown;
} kehu_satisfaction;

/* Band of one answer; KEHU_BAND_NONE for a score outside its scale. */
kehu_sat_band kehu_sat_band_of(double score, int scale);

/* Add one answer to a group's statistics (scale 5 or 10). */
void kehu_sat_add_answer(kehu_sat_stats *st, double score, int scale);

/* The measures of a group; NaN when it has no answer of that scale (or
 * no customer, for the churn rate). NPS is in points, -100..100. */
double kehu_sat_csat(const kehu_sat_stats *st);
double kehu_sat_nps(const kehu_sat_stats *st);
double kehu_sat_mean5(const kehu_sat_stats *st);
double kehu_sat_mean10(const kehu_sat_stats *st);
double kehu_sat_churn_rate(const kehu_sat_stats *st);

/* Group the answers (any order) by every view. s and cls are a summary
 * and its classification (kehu_classify); by is a kehu_dim or -1. OUT:
 * *out, free with kehu_satisfaction_free. KEHU_EINVAL for a scale other
 * than 5 or 10, a score outside its scale, a bad customer index or
 * dimension; KEHU_ENOMEM. */
kehu_status kehu_satisfaction_compute(const kehu_ledger *l,
                                      const kehu_summary *s,
                                      const kehu_class *cls,
                                      const kehu_sat_answer *answers, size_t n,
                                      int by, kehu_satisfaction **out);
void kehu_satisfaction_free(kehu_satisfaction *sat);

/* "low", "mid", "high", "none"; never NULL. */
const char *kehu_sat_band_name(kehu_sat_band b);

#endif
