/* SPDX-License-Identifier: MIT */
/*
 * Classification of SPEC.md section 4: RFM scores, the RFM 8 classes, named
 * RFM segments, value tiers, ABCD, core/potential/ordinary tiers and
 * lifecycle stages, all from a kehu_summary and one kehu_standards.
 * Pure computation; deterministic (ties broken by customer id).
 */
#ifndef KEHU_CLASSIFY_H
#define KEHU_CLASSIFY_H

#include "kehu/summary.h"

typedef enum kehu_rfm8 {
    KEHU_RFM8_NONE = 0, /* no purchase */
    KEHU_RFM8_IMPORTANT_VALUE,
    KEHU_RFM8_IMPORTANT_DEVELOPMENT,
    KEHU_RFM8_IMPORTANT_RETENTION,
    KEHU_RFM8_IMPORTANT_WINBACK,
    KEHU_RFM8_GENERAL_VALUE,
    KEHU_RFM8_GENERAL_DEVELOPMENT,
    KEHU_RFM8_GENERAL_RETENTION,
    KEHU_RFM8_GENERAL_WINBACK,
    KEHU_RFM8_COUNT
} kehu_rfm8;

typedef enum kehu_segment {
    KEHU_SEG_NONE = 0,
    KEHU_SEG_CHAMPIONS,
    KEHU_SEG_LOYAL,
    KEHU_SEG_POTENTIAL_LOYALISTS,
    KEHU_SEG_NEW,
    KEHU_SEG_PROMISING,
    KEHU_SEG_NEED_ATTENTION,
    KEHU_SEG_ABOUT_TO_SLEEP,
    KEHU_SEG_AT_RISK,
    KEHU_SEG_CANT_LOSE,
    KEHU_SEG_HIBERNATING,
    KEHU_SEG_LOST,
    KEHU_SEG_COUNT
} kehu_segment;

typedef enum kehu_value_tier {
    KEHU_VALUE_NONE = 0,
    KEHU_VALUE_HIGH,
    KEHU_VALUE_MID,
    KEHU_VALUE_LOW
} kehu_value_tier;

typedef enum kehu_abcd {
    KEHU_ABCD_NONE = 0,
    KEHU_ABCD_A,
    KEHU_ABCD_B,
    KEHU_ABCD_C,
    KEHU_ABCD_D /* known (master) customer without a purchase */
} kehu_abcd;

typedef enum kehu_tier {
    KEHU_TIER_NONE = 0, /* no purchase in the window */
    KEHU_TIER_CORE,
    KEHU_TIER_POTENTIAL,
    KEHU_TIER_ORDINARY
} kehu_tier;

typedef enum kehu_stage {
    KEHU_STAGE_PROSPECT = 0,
    KEHU_STAGE_CHURNED,
    KEHU_STAGE_NEW,
    KEHU_STAGE_AT_RISK,
    KEHU_STAGE_LOYAL,
    KEHU_STAGE_ACTIVE,
    KEHU_STAGE_COUNT
} kehu_stage;

/* The classification standard in force (SPEC.md section 4 defaults from
 * kehu_standards_init; a standards file or options override them). */
typedef struct kehu_standards {
    int n_r_cuts, n_f_cuts, n_m_cuts; /* 0 = percentile cut points */
    double r_cuts[4];                 /* days_since_last, ascending */
    double f_cuts[4];                 /* purchase_days */
    double m_cuts[4];                 /* monetary_total, currency */
    double value_high_min;            /* R+F+M >= this: high (12) */
    double value_mid_min;             /* >= this: mid (8) */
    double abcd_a_share;              /* 0.80 */
    double abcd_b_share;              /* 0.95 */
    int core_use_share;               /* 1: core needs class A */
    double core_min_amount;           /* 0 = not used */
    int core_min_purchase_days;       /* 2 */
    int core_max_days_since_last;     /* 180 */
    int potential_min_r;              /* 4 */
    int potential_min_f_or_m;         /* 3 */
    double potential_top_clv_share;   /* 0.20 when a CLV is given */
    int churn_days;                   /* 365 */
    int new_days;                     /* 90 */
    double at_risk_gap_factor;        /* 2 */
    int loyal_min_days;               /* 3 purchase days ... */
    int loyal_window_days;            /* ... within 365 days */
    double model_churned_below;       /* P(alive) < 0.2 */
    double model_at_risk_below;       /* P(alive) < 0.5 */
    double price_sensitive_share;     /* 0.5 of spend discounted */
} kehu_standards;

void kehu_standards_init(kehu_standards *s);

/* Optional model inputs, per summary row, or NULL. */
typedef struct kehu_class_inputs {
    const double *p_alive; /* replaces the day rules for at_risk/churned */
    const double *clv;     /* top share makes a customer potential */
} kehu_class_inputs;

typedef struct kehu_class {
    uint8_t r, f, m;     /* 1..5, 0 without a purchase */
    uint8_t rfm8;        /* kehu_rfm8 */
    uint8_t segment;     /* kehu_segment */
    uint8_t value_tier;  /* kehu_value_tier */
    uint8_t abcd;        /* kehu_abcd */
    uint8_t tier;        /* kehu_tier */
    uint8_t stage;       /* kehu_stage */
} kehu_class;

/* Classify every row of s. OUT: *out has s->n entries, caller frees with
 * kehu_free. extra may be NULL. */
kehu_status kehu_classify(const kehu_summary *s, const kehu_standards *std,
                          const kehu_class_inputs *extra, kehu_class **out);

/* Machine names ("important_value", "champions", "core", "at_risk", "A")
 * and Chinese labels ("重要价值客户", ...); never NULL. */
const char *kehu_rfm8_name(kehu_rfm8 c);
const char *kehu_rfm8_zh(kehu_rfm8 c);
const char *kehu_segment_name(kehu_segment s);
const char *kehu_segment_zh(kehu_segment s);
const char *kehu_value_tier_name(kehu_value_tier v);
const char *kehu_abcd_name(kehu_abcd a);
const char *kehu_tier_name(kehu_tier t);
const char *kehu_tier_zh(kehu_tier t);
const char *kehu_stage_name(kehu_stage s);
const char *kehu_stage_zh(kehu_stage s);

#endif
