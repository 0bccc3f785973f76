/* SPDX-License-Identifier: MIT */
/*
 * Classification (docs/classification.md): RFM scores, the RFM 8 classes, named
 * RFM segments, value tiers, ABCD, core/potential/ordinary tiers and
 * lifecycle stages and needs-based types, all from a kehu_summary and one
 * kehu_standards (and optionally a user category map).
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

/* Needs-based type (docs/classification.md). Unknown unless an input decides
 * it: never guessed. */
typedef enum kehu_needs {
    KEHU_NEEDS_UNKNOWN = 0,
    KEHU_NEEDS_PRICE_SENSITIVE, /* discounted share of spend >= the share */
    KEHU_NEEDS_EMOTIONAL,       /* dominant category tagged emotional */
    KEHU_NEEDS_FUNCTIONAL,      /* dominant category tagged functional */
    KEHU_NEEDS_COUNT
} kehu_needs;

/* The classification standard in force (docs/classification.md defaults from
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
    int core_use_share;               /* 1: core needs class A; 0: not;
                                         -1 (default): only while
                                         core_min_amount is 0 */
    double core_min_amount;           /* 0 = not used */
    int core_min_purchase_days;       /* 2 (--core-min-orders) */
    int core_max_days_since_last;     /* 180 */
    int potential_min_r;              /* 4 */
    int potential_min_f_or_m;         /* 3 */
    double potential_top_clv_share;   /* 0.20 when a CLV is given */
    int churn_days;                   /* 365 */
    int new_days;                     /* 90 */
    double at_risk_gap_factor;        /* 2 */
    int loyal_min_days;               /* 3 purchase days ... */
    int loyal_window_days;            /* ... within 365 days (the
                                         summary's days_in_year: only
                                         365 is supported) */
    double model_churned_below;       /* P(alive) < 0.2 */
    double model_at_risk_below;       /* P(alive) < 0.5 */
    double price_sensitive_share;     /* 0.5 of spend discounted */
} kehu_standards;

void kehu_standards_init(kehu_standards *s);

/* Optional inputs: model values per summary row, or NULL; a category
 * map, or NULL. */
typedef struct kehu_class_inputs {
    const double *p_alive; /* replaces the day rules for at_risk/churned */
    const double *clv;     /* top share makes a customer potential */
    /* The user's category map: category_need[v] is KEHU_NEEDS_EMOTIONAL,
     * KEHU_NEEDS_FUNCTIONAL or KEHU_NEEDS_UNKNOWN (untagged) for category
     * value v (the summary rows' dim[KEHU_DIM_CATEGORY] ids, 0 = none),
     * v < n_category. NULL: no map. */
    const uint8_t *category_need;
    uint32_t n_category;
} kehu_class_inputs;

typedef struct kehu_class {
    uint8_t r, f, m;    /* 1..5, 0 without a purchase */
    uint8_t rfm8;       /* kehu_rfm8 */
    uint8_t segment;    /* kehu_segment */
    uint8_t value_tier; /* kehu_value_tier */
    uint8_t abcd;       /* kehu_abcd */
    uint8_t tier;       /* kehu_tier */
    uint8_t stage;      /* kehu_stage */
    uint8_t needs;      /* kehu_needs */
} kehu_class;

/* What a classification computed: the thresholds actually in force, for
 * --explain and for reports. Cut points are on the scored value: for R
 * they are days_since_last (a customer scores 1 + the number of cuts his
 * days_since_last is strictly below). */
typedef struct kehu_class_info {
    size_t n_rows;                 /* summary rows */
    size_t n_buying;               /* rows with >= 1 purchase day */
    double r_cuts[4];              /* days, descending (c1..c4 of -days) */
    double f_cuts[4];              /* purchase_days, ascending */
    double m_cuts[4];              /* monetary_total, ascending */
    int r_fixed, f_fixed, m_fixed; /* 1: business cuts, 0: percentiles */
    double mean_days_since_last;   /* RFM8 means over buying customers */
    double mean_purchase_days;
    double mean_monetary;
    double revenue_total; /* sum of positive monetary totals */
    double abcd_a_min;    /* smallest monetary_total in class A */
    double abcd_b_min;    /* smallest in class B (NaN if none) */
    size_t n_abcd[5];     /* by kehu_abcd */
    size_t n_tier[4];     /* by kehu_tier */
    size_t n_stage[KEHU_STAGE_COUNT];
    size_t n_repeat;        /* buyers with >= 2 purchase days */
    double median_gap_days; /* typical gap of one-time buyers; NaN
                               when there is no repeat buyer */
    int core_needs_a;       /* the share rule in force */
    double clv_cut;         /* smallest CLV in the top share; NaN */
    int used_p_alive;       /* 1 when P(alive) replaced day rules */
    int needs_discount;     /* 1: the discount rule applied (the input
                               has a discount column) */
    int needs_map;          /* 1: a category map was given */
    size_t n_needs[KEHU_NEEDS_COUNT];
} kehu_class_info;

/* Classify every row of s. OUT: *out has s->n entries, caller frees with
 * kehu_free. extra may be NULL. Rows must be in customer-id order
 * (kehu_summary_compute's output order): ABCD and CLV ties are broken by
 * row position. Returns KEHU_EINVAL for a malformed standard (cuts not
 * ascending, loyal_window_days != 365), KEHU_ENOMEM. */
kehu_status kehu_classify(const kehu_summary *s, const kehu_standards *std,
                          const kehu_class_inputs *extra, kehu_class **out);

/* As kehu_classify, and fills *info (when not NULL) with the thresholds
 * in force. */
kehu_status kehu_classify_info(const kehu_summary *s, const kehu_standards *std,
                               const kehu_class_inputs *extra,
                               kehu_class_info *info, kehu_class **out);

/* Type-7 quantile (R's default) of n sorted values at probability k/d
 * (exact rational position, so integer data gives exact cut points). */
double kehu_quantile7(const double *sorted, size_t n, unsigned k, unsigned d);

/* Needs-based type of one summary row: price-sensitive when has_discount
 * and the row has spend (monetary_total > 0) with discounted_share >=
 * std->price_sensitive_share; else the tag of its dominant category in
 * the map of extra (may be NULL); else unknown. */
kehu_needs kehu_needs_of(const kehu_summary_row *r, int has_discount,
                         const kehu_standards *std,
                         const kehu_class_inputs *extra);

/* Score 1..5 of v against ascending cuts: 1 + cuts strictly below v. */
int kehu_rfm_score(double v, const double cuts[4]);

/* Named segment of an R, F, M score triple (1..5 each), segment grid. */
kehu_segment kehu_segment_of(int r, int f, int m);

/* Machine names ("important_value", "champions", "core", "at_risk", "A")
 * and Chinese labels ("重要价值客户", ...); never NULL. */
const char *kehu_rfm8_name(kehu_rfm8 c);
const char *kehu_rfm8_zh(kehu_rfm8 c);
const char *kehu_segment_name(kehu_segment s);
const char *kehu_segment_zh(kehu_segment s);
/* English display name as in the segment grid ("Can't Lose Them"). */
const char *kehu_segment_title(kehu_segment s);
const char *kehu_value_tier_name(kehu_value_tier v);
const char *kehu_value_tier_zh(kehu_value_tier v);
const char *kehu_abcd_name(kehu_abcd a);
const char *kehu_abcd_zh(kehu_abcd a);
const char *kehu_tier_name(kehu_tier t);
const char *kehu_tier_zh(kehu_tier t);
const char *kehu_stage_name(kehu_stage s);
const char *kehu_stage_zh(kehu_stage s);
const char *kehu_needs_name(kehu_needs n); /* "price_sensitive", ... */
const char *kehu_needs_zh(kehu_needs n);   /* "价格敏感型", ... */

#endif
