/* SPDX-License-Identifier: MIT */
/*
 * Classification: type-7 quantiles against R's quantile(type = 7), the
 * 125 score triples against the segment grid of docs/classification.md,
 * fixed-cut boundaries, and a 10-customer case whose scores and classes were
 * worked out by hand (docs/internals/classify.md shows the working).
 */
#include "check.h"

#include "kehu/alloc.h"
#include "kehu/classify.h"
#include "kehu/date.h"
#include "kehu/rng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void test_classify(void);

static void test_quantile7(void)
{
    /* R: quantile(1:10, c(.2,.4,.6,.8), type = 7) = 2.8 4.6 6.4 8.2 */
    const double a[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    /* R: quantile(c(1,2,2,3,10), c(.2,.4,.6,.8)) = 1.8 2.0 2.4 4.4 */
    const double b[5] = {1, 2, 2, 3, 10};
    const double c[4] = {1, 2, 3, 4};
    const double one[1] = {7};

    CHECK_NEAR(kehu_quantile7(a, 10, 1, 5), 2.8, 1e-12);
    CHECK_NEAR(kehu_quantile7(a, 10, 2, 5), 4.6, 1e-12);
    CHECK_NEAR(kehu_quantile7(a, 10, 3, 5), 6.4, 1e-12);
    CHECK_NEAR(kehu_quantile7(a, 10, 4, 5), 8.2, 1e-12);
    CHECK_NEAR(kehu_quantile7(b, 5, 1, 5), 1.8, 1e-12);
    CHECK(kehu_quantile7(b, 5, 2, 5) == 2.0); /* exact: no interpolation */
    CHECK_NEAR(kehu_quantile7(b, 5, 3, 5), 2.4, 1e-12);
    CHECK_NEAR(kehu_quantile7(b, 5, 4, 5), 4.4, 1e-12);
    CHECK_NEAR(kehu_quantile7(c, 4, 1, 2), 2.5, 1e-12); /* median */
    CHECK(kehu_quantile7(one, 1, 4, 5) == 7);
    CHECK(kehu_quantile7(a, 10, 0, 5) == 1);
    CHECK(kehu_quantile7(a, 10, 5, 5) == 10);
    CHECK(isnan(kehu_quantile7(a, 0, 1, 5)));
}

static void test_score(void)
{
    const double cuts[4] = {1, 2, 2, 5};

    CHECK_EQ_I64(kehu_rfm_score(0, cuts), 1);
    CHECK_EQ_I64(kehu_rfm_score(1, cuts), 1); /* at a cut: lower score */
    CHECK_EQ_I64(kehu_rfm_score(1.5, cuts), 2);
    CHECK_EQ_I64(kehu_rfm_score(2, cuts), 2);
    CHECK_EQ_I64(kehu_rfm_score(3, cuts), 4); /* two equal cuts passed */
    CHECK_EQ_I64(kehu_rfm_score(5, cuts), 4);
    CHECK_EQ_I64(kehu_rfm_score(6, cuts), 5);
}

/* The segment grid of docs/classification.md, typed in again independently:
 * rows R = 5..1, columns FM = 1..5. */
static const char *const spec_grid[5][5] = {
    {"new_customers", "potential_loyalists", "loyal_customers", "champions",
     "champions"},
    {"promising", "potential_loyalists", "potential_loyalists",
     "loyal_customers", "champions"},
    {"promising", "need_attention", "potential_loyalists", "loyal_customers",
     "loyal_customers"},
    {"about_to_sleep", "need_attention", "need_attention", "at_risk",
     "at_risk"},
    {"lost", "hibernating", "at_risk", "cant_lose_them", "cant_lose_them"},
};

static void test_grid(void)
{
    int r, f, m, seen[KEHU_SEG_COUNT] = {0}, n = 0;

    for (r = 1; r <= 5; r++) {
        for (f = 1; f <= 5; f++) {
            for (m = 1; m <= 5; m++) {
                kehu_segment s = kehu_segment_of(r, f, m);
                /* FM = (F + M) / 2 rounded half up: 1+2 -> 2, 4+5 -> 5. */
                int fm = (int)floor((f + m) / 2.0 + 0.5);
                CHECK_STR(kehu_segment_name(s), spec_grid[5 - r][fm - 1]);
                CHECK(s > KEHU_SEG_NONE && s < KEHU_SEG_COUNT);
                seen[s]++;
                n++;
            }
        }
    }
    CHECK_EQ_I64(n, 125);
    for (r = 1; r < KEHU_SEG_COUNT; r++) {
        CHECK(seen[r] > 0); /* every segment is reachable */
    }
    CHECK_EQ_I64(kehu_segment_of(0, 3, 3), KEHU_SEG_NONE);
    CHECK_EQ_I64(kehu_segment_of(3, 6, 3), KEHU_SEG_NONE);
    CHECK_STR(kehu_segment_title(KEHU_SEG_CANT_LOSE), "Can't Lose Them");
    CHECK_STR(kehu_segment_zh(KEHU_SEG_CHAMPIONS), "冠军客户");
    CHECK_STR(kehu_rfm8_zh(KEHU_RFM8_IMPORTANT_VALUE), "重要价值客户");
    CHECK_STR(kehu_rfm8_name(KEHU_RFM8_GENERAL_WINBACK), "general_winback");
    CHECK_STR(kehu_stage_zh(KEHU_STAGE_CHURNED), "流失客户");
    CHECK_STR(kehu_tier_name(KEHU_TIER_CORE), "core");
    CHECK_STR(kehu_abcd_name(KEHU_ABCD_D), "D");
    CHECK_STR(kehu_rfm8_name((kehu_rfm8)99), "");
}

#define A_DAY 10000

typedef struct hand_row {
    int32_t dsl, pd;
    double mt;
    int32_t first_ago, diy;
} hand_row;

static void fill(kehu_summary *s, kehu_summary_row *rows, const hand_row *h,
                 size_t n)
{
    size_t i;

    memset(s, 0, sizeof *s);
    memset(rows, 0, n * sizeof *rows);
    s->rows = rows;
    s->n = n;
    s->as_of_day = A_DAY;
    s->since_day = KEHU_DAY_NONE;
    for (i = 0; i < n; i++) {
        rows[i].customer = i;
        rows[i].purchase_days = h[i].pd;
        rows[i].orders = h[i].pd;
        rows[i].monetary_total = h[i].mt;
        if (h[i].pd == 0) {
            rows[i].first_purchase = rows[i].last_purchase = KEHU_DAY_NONE;
            continue;
        }
        rows[i].days_since_last = h[i].dsl;
        rows[i].last_purchase = A_DAY - h[i].dsl;
        rows[i].first_purchase = A_DAY - h[i].first_ago;
        rows[i].T = h[i].first_ago;
        rows[i].t_x = h[i].first_ago - h[i].dsl;
        rows[i].frequency = h[i].pd - 1;
        rows[i].days_in_year = h[i].diy;
        rows[i].monetary_avg = h[i].mt / h[i].pd;
    }
}

/* The hand-worked case: see docs/internals/classify.md. */
static const hand_row hand[11] = {
    {5, 10, 1000, 400, 8}, {10, 6, 500, 300, 6}, {20, 4, 300, 200, 4},
    {40, 3, 260, 90, 3},   {60, 2, 150, 160, 2}, {100, 2, 100, 130, 2},
    {200, 1, 80, 200, 1},  {300, 5, 50, 700, 2}, {400, 1, 600, 400, 0},
    {30, 3, -10, 300, 3},  {0, 0, 0, 0, 0},
};

static void test_hand_case(void)
{
    static const int r[10] = {5, 5, 4, 3, 3, 2, 2, 1, 1, 4};
    static const int f[10] = {5, 5, 4, 3, 2, 2, 1, 4, 1, 3};
    static const int m[10] = {5, 4, 4, 3, 3, 2, 2, 1, 5, 1};
    static const char *const seg[10] = {"champions",
                                        "champions",
                                        "loyal_customers",
                                        "potential_loyalists",
                                        "potential_loyalists",
                                        "need_attention",
                                        "need_attention",
                                        "at_risk",
                                        "at_risk",
                                        "potential_loyalists"};
    static const char *const rfm8[10] = {
        "important_value",     "important_value",     "general_value",
        "general_development", "general_development", "general_development",
        "general_winback",     "general_retention",   "important_winback",
        "general_development"};
    static const char *const value[10] = {"high", "high", "high", "mid", "mid",
                                          "low",  "low",  "low",  "low", "mid"};
    static const char *const abcd[11] = {"A", "A", "A", "A", "B", "B",
                                         "C", "C", "A", "C", "D"};
    static const char *const tier[11] = {
        "core",     "core",     "core",     "core",      "ordinary", "ordinary",
        "ordinary", "ordinary", "ordinary", "potential", ""};
    static const char *const stage[11] = {
        "loyal",   "loyal",   "loyal",   "new",   "active",  "at_risk",
        "at_risk", "at_risk", "churned", "loyal", "prospect"};
    kehu_summary s;
    kehu_summary_row rows[11];
    kehu_standards std;
    kehu_class_info info;
    kehu_class *c = NULL;
    size_t i;

    fill(&s, rows, hand, 11);
    kehu_standards_init(&std);
    CHECK_EQ_I64(kehu_classify_info(&s, &std, NULL, &info, &c), KEHU_OK);
    if (c == NULL) {
        return;
    }
    for (i = 0; i < 10; i++) {
        CHECK_EQ_I64(c[i].r, r[i]);
        CHECK_EQ_I64(c[i].f, f[i]);
        CHECK_EQ_I64(c[i].m, m[i]);
        CHECK_STR(kehu_segment_name((kehu_segment)c[i].segment), seg[i]);
        CHECK_STR(kehu_rfm8_name((kehu_rfm8)c[i].rfm8), rfm8[i]);
        CHECK_STR(kehu_value_tier_name((kehu_value_tier)c[i].value_tier),
                  value[i]);
    }
    for (i = 0; i < 11; i++) {
        CHECK_STR(kehu_abcd_name((kehu_abcd)c[i].abcd), abcd[i]);
        CHECK_STR(kehu_tier_name((kehu_tier)c[i].tier), tier[i]);
        CHECK_STR(kehu_stage_name((kehu_stage)c[i].stage), stage[i]);
    }
    CHECK_EQ_I64(c[10].r, 0);
    CHECK_EQ_I64(c[10].segment, KEHU_SEG_NONE);
    /* Cut points: R in days 220 76 36 18; F 1.8 2.6 3.4 5.2; M 74 130
     * 276 520. */
    CHECK_NEAR(info.r_cuts[0], 220, 1e-12);
    CHECK_NEAR(info.r_cuts[1], 76, 1e-12);
    CHECK_NEAR(info.r_cuts[2], 36, 1e-12);
    CHECK_NEAR(info.r_cuts[3], 18, 1e-12);
    CHECK_NEAR(info.f_cuts[0], 1.8, 1e-12);
    CHECK_NEAR(info.f_cuts[3], 5.2, 1e-12);
    CHECK_NEAR(info.m_cuts[0], 74, 1e-12);
    CHECK_NEAR(info.m_cuts[1], 130, 1e-12);
    CHECK_NEAR(info.m_cuts[2], 276, 1e-12);
    CHECK_NEAR(info.m_cuts[3], 520, 1e-12);
    CHECK_NEAR(info.mean_days_since_last, 116.5, 1e-12);
    CHECK_NEAR(info.mean_purchase_days, 3.7, 1e-12);
    CHECK_NEAR(info.mean_monetary, 303, 1e-12);
    CHECK_NEAR(info.revenue_total, 3040, 1e-12);
    CHECK_NEAR(info.abcd_a_min, 260, 1e-12);
    CHECK_NEAR(info.abcd_b_min, 100, 1e-12);
    CHECK_NEAR(info.median_gap_days, 59, 1e-12);
    CHECK_EQ_I64(info.n_repeat, 8);
    CHECK_EQ_I64(info.n_buying, 10);
    CHECK_EQ_I64(info.n_abcd[KEHU_ABCD_A], 5);
    CHECK_EQ_I64(info.n_abcd[KEHU_ABCD_D], 1);
    CHECK_EQ_I64(info.n_tier[KEHU_TIER_CORE], 4);
    CHECK_EQ_I64(info.n_stage[KEHU_STAGE_AT_RISK], 3);
    CHECK_EQ_I64(info.core_needs_a, 1);
    kehu_free(c);
}

/* Fixed R cuts 30,90,180,365 days: R = 1 + cuts strictly above the days,
 * so a value exactly at a cut takes the lower score. */
static void test_fixed_cuts(void)
{
    static const int32_t days[12] = {1,  29,  30,  31,  89,  90,
                                     91, 179, 180, 364, 365, 366};
    static const int want[12] = {5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 1, 1};
    hand_row h[12];
    kehu_summary s;
    kehu_summary_row rows[12];
    kehu_standards std;
    kehu_class *c = NULL;
    size_t i;

    for (i = 0; i < 12; i++) {
        h[i].dsl = days[i];
        h[i].pd = (int32_t)i + 1;
        h[i].mt = 10.0 * (double)i;
        h[i].first_ago = 400;
        h[i].diy = 0;
    }
    fill(&s, rows, h, 12);
    kehu_standards_init(&std);
    std.n_r_cuts = std.n_f_cuts = std.n_m_cuts = 4;
    std.r_cuts[0] = 30;
    std.r_cuts[1] = 90;
    std.r_cuts[2] = 180;
    std.r_cuts[3] = 365;
    std.f_cuts[0] = 1;
    std.f_cuts[1] = 2;
    std.f_cuts[2] = 5;
    std.f_cuts[3] = 10;
    std.m_cuts[0] = 0;
    std.m_cuts[1] = 20;
    std.m_cuts[2] = 50;
    std.m_cuts[3] = 100;
    CHECK_EQ_I64(kehu_classify(&s, &std, NULL, &c), KEHU_OK);
    if (c == NULL) {
        return;
    }
    for (i = 0; i < 12; i++) {
        CHECK_EQ_I64(c[i].r, want[i]);
    }
    /* F: pd 1 -> 1, 2 -> 2, 3 -> 3, 5 -> 3, 6 -> 4, 10 -> 4, 11 -> 5. */
    CHECK_EQ_I64(c[0].f, 1);
    CHECK_EQ_I64(c[1].f, 2);
    CHECK_EQ_I64(c[2].f, 3);
    CHECK_EQ_I64(c[4].f, 3);
    CHECK_EQ_I64(c[5].f, 4);
    CHECK_EQ_I64(c[9].f, 4);
    CHECK_EQ_I64(c[10].f, 5);
    /* M: 0 -> 1, 10 -> 2, 20 -> 2, 50 -> 3, 60 -> 4, 110 -> 5. */
    CHECK_EQ_I64(c[0].m, 1);
    CHECK_EQ_I64(c[1].m, 2);
    CHECK_EQ_I64(c[2].m, 2);
    CHECK_EQ_I64(c[5].m, 3);
    CHECK_EQ_I64(c[6].m, 4);
    CHECK_EQ_I64(c[11].m, 5);
    kehu_free(c);
    std.r_cuts[2] = 10; /* not ascending */
    CHECK_EQ_I64(kehu_classify(&s, &std, NULL, &c), KEHU_EINVAL);
    CHECK(c == NULL);
}

/* ABCD boundaries: totals 80, 10, 5, 5 of 100: share_before 0, 0.80,
 * 0.90, 0.95 gives A, B (0.80 is not < 0.80), B, C (0.95 is not < 0.95).
 * Equal totals rank by row (customer id). Returns are class C. */
static void test_abcd(void)
{
    static const hand_row h[7] = {{10, 1, 5, 10, 1},  {10, 1, 80, 10, 1},
                                  {10, 1, 5, 10, 1},  {10, 1, 10, 10, 1},
                                  {10, 1, -3, 10, 1}, {10, 1, 0, 10, 1},
                                  {0, 0, 0, 0, 0}};
    static const char *const want[7] = {"B", "A", "C", "B", "C", "C", "D"};
    kehu_summary s;
    kehu_summary_row rows[7];
    kehu_standards std;
    kehu_class *c = NULL;
    kehu_class_info info;
    size_t i;

    fill(&s, rows, h, 7);
    kehu_standards_init(&std);
    CHECK_EQ_I64(kehu_classify_info(&s, &std, NULL, &info, &c), KEHU_OK);
    if (c == NULL) {
        return;
    }
    for (i = 0; i < 7; i++) {
        CHECK_STR(kehu_abcd_name((kehu_abcd)c[i].abcd), want[i]);
    }
    CHECK_NEAR(info.revenue_total, 100, 1e-12);
    kehu_free(c);

    /* No positive revenue: every buyer is C. */
    rows[0].monetary_total = rows[1].monetary_total = -1;
    /* cppcheck-suppress unreadVariable ; s points at rows */
    rows[2].monetary_total = rows[3].monetary_total = 0;
    CHECK_EQ_I64(kehu_classify(&s, &std, NULL, &c), KEHU_OK);
    if (c != NULL) {
        for (i = 0; i < 6; i++) {
            CHECK_EQ_I64(c[i].abcd, KEHU_ABCD_C);
            CHECK_EQ_I64(c[i].tier, KEHU_TIER_ORDINARY);
        }
        kehu_free(c);
    }
}

/* The reference ABCD: every buyer ranked by monetary total (descending,
 * ties by row), classes by the revenue share ranked above. */
static const double *ref_values;

static int ref_cmp(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    double x = ref_values[a], y = ref_values[b];

    if (x != y) {
        return x < y ? 1 : -1;
    }
    return (a > b) - (a < b);
}

static void ref_abcd(const kehu_summary_row *rows, size_t n, uint8_t *cls)
{
    size_t *order = malloc(n * sizeof *order), i;
    double *v = malloc(n * sizeof *v);
    int64_t total = 0, before = 0;

    if (order == NULL || v == NULL) {
        free(order);
        free(v);
        return;
    }
    for (i = 0; i < n; i++) {
        int64_t u = llround(rows[i].monetary_total * KEHU_MONEY_SCALE);
        order[i] = i;
        v[i] = rows[i].monetary_total;
        total += u > 0 ? u : 0;
    }
    ref_values = v;
    qsort(order, n, sizeof *order, ref_cmp);
    for (i = 0; i < n; i++) {
        int64_t u = llround(v[order[i]] * KEHU_MONEY_SCALE);
        double share = (double)before / (double)total;
        cls[order[i]] = u <= 0 || total == 0 ? KEHU_ABCD_C
                        : share < 0.80       ? KEHU_ABCD_A
                        : share < 0.95       ? KEHU_ABCD_B
                                             : KEHU_ABCD_C;
        before += u > 0 ? u : 0;
    }
    free(order);
    free(v);
}

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

/* M cut points as kehu_quantile7 gives them on every total, sorted. */
static void ref_m_cuts(const kehu_summary_row *rows, size_t n, double cuts[4])
{
    double *v = malloc(n * sizeof *v);
    size_t i;
    unsigned k;

    if (v == NULL) {
        return;
    }
    for (i = 0; i < n; i++) {
        v[i] = rows[i].monetary_total;
    }
    qsort(v, n, sizeof *v, cmp_double);
    for (k = 0; k < 4; k++) {
        cuts[k] = kehu_quantile7(v, n, k + 1, 5);
    }
    free(v);
}

/* ABCD and M cut points on 60,000 customers against the references:
 * continuous amounts, and amounts from a few values, so that runs of
 * equal totals straddle the class boundaries and the cut points. */
static void test_abcd_random(void)
{
    enum { N = 60000 };
    static hand_row h[N];
    static kehu_summary_row rows[N];
    static uint8_t want[N];
    kehu_summary s;
    kehu_standards std;
    kehu_class *c = NULL;
    kehu_class_info info;
    kehu_rng r;
    double cuts[4] = {0, 0, 0, 0};
    size_t i, same;
    int round;

    kehu_standards_init(&std);
    kehu_rng_seed(&r, 11);
    for (round = 0; round < 3; round++) {
        for (i = 0; i < N; i++) {
            double x = kehu_rng_uniform(&r);
            h[i].dsl = 10;
            h[i].pd = 1;
            h[i].first_ago = 10;
            h[i].diy = 1;
            h[i].mt = round == 0   ? floor(exp(8 * x)) / 100
                      : round == 1 ? (double)(1 + (int)(x * 4)) * 25 - 30.5
                                   : exp(20 * x) / 7;
        }
        fill(&s, rows, h, N);
        ref_abcd(rows, N, want);
        ref_m_cuts(rows, N, cuts);
        CHECK_EQ_I64(kehu_classify_info(&s, &std, NULL, &info, &c), KEHU_OK);
        if (c == NULL) {
            return;
        }
        for (i = 0; i < 4; i++) {
            CHECK(info.m_cuts[i] == cuts[i]);
        }
        for (i = 0, same = 0; i < N; i++) {
            same += c[i].abcd == want[i];
        }
        CHECK_EQ_I64(same, N);
        kehu_free(c);
    }
    /* Ten buyers an octave apart: each order statistic the cuts need
     * (two per cut) in a bucket of its own. */
    fill(&s, rows, h, 10);
    for (i = 0; i < 10; i++) {
        rows[i].monetary_total = 1.5 * (double)(1u << (3 * i));
    }
    ref_m_cuts(rows, 10, cuts);
    CHECK_EQ_I64(kehu_classify_info(&s, &std, NULL, &info, &c), KEHU_OK);
    for (i = 0; i < 4; i++) {
        CHECK(info.m_cuts[i] == cuts[i]);
    }
    kehu_free(c);
    /* One buyer: every cut is his total. */
    fill(&s, rows, h, 1);
    rows[0].monetary_total = 12.34;
    CHECK_EQ_I64(kehu_classify_info(&s, &std, NULL, &info, &c), KEHU_OK);
    for (i = 0; i < 4; i++) {
        CHECK(info.m_cuts[i] == 12.34);
    }
    kehu_free(c);
}

/* Core thresholds, CLV top share and P(alive) stages. */
static void test_tiers_and_model(void)
{
    /* Customer 0: A, 3 days, 10 days ago; 1: A, 1 day; 2: 200 days ago;
     * 3..4 small. */
    static const hand_row h[5] = {{10, 3, 500, 200, 3},
                                  {10, 1, 400, 10, 1},
                                  {200, 4, 300, 500, 1},
                                  {300, 1, 5, 300, 0},
                                  {300, 1, 4, 300, 0}};
    const double clv[5] = {1, 2, 3, 9, 4};
    const double pa[5] = {0.9, 0.1, 0.3, 0.6, NAN};
    kehu_class_inputs in = {pa, clv, NULL, 0};
    kehu_summary s;
    kehu_summary_row rows[5];
    kehu_standards std;
    kehu_class *c = NULL;
    kehu_class_info info;

    fill(&s, rows, h, 5);
    kehu_standards_init(&std);
    CHECK_EQ_I64(kehu_classify_info(&s, &std, &in, &info, &c), KEHU_OK);
    if (c == NULL) {
        return;
    }
    CHECK_EQ_I64(c[0].tier, KEHU_TIER_CORE);
    CHECK_EQ_I64(c[1].abcd, KEHU_ABCD_A); /* 500/1209 before: < 0.8 */
    CHECK(c[1].tier != KEHU_TIER_CORE);   /* one purchase day */
    CHECK(c[2].tier != KEHU_TIER_CORE);   /* 200 > 180 days */
    /* top 20% of 5 buyers by CLV = 1 customer: row 3 (CLV 9). */
    CHECK_EQ_I64(c[3].tier, KEHU_TIER_POTENTIAL);
    CHECK_EQ_I64(c[4].tier, KEHU_TIER_ORDINARY);
    CHECK_NEAR(info.clv_cut, 9, 1e-12);
    /* P(alive): 0.1 churned, 0.3 at_risk (T = 500), NaN: day rules. */
    CHECK_EQ_I64(c[1].stage, KEHU_STAGE_CHURNED);
    CHECK_EQ_I64(c[2].stage, KEHU_STAGE_AT_RISK);
    CHECK_EQ_I64(c[0].stage, KEHU_STAGE_LOYAL);
    kehu_free(c);

    /* --core-min-amount 450 replaces the class A rule ("auto"); 1 order
     * day allowed. */
    std.core_min_amount = 450;
    std.core_min_purchase_days = 1;
    CHECK_EQ_I64(kehu_classify_info(&s, &std, NULL, &info, &c), KEHU_OK);
    if (c != NULL) {
        CHECK_EQ_I64(c[0].tier, KEHU_TIER_CORE);
        CHECK(c[1].tier != KEHU_TIER_CORE); /* 400 < 450 */
        CHECK_EQ_I64(info.core_needs_a, 0);
        kehu_free(c);
    }
    std.core_min_amount = 300;
    std.core_use_share = 1; /* both rules */
    CHECK_EQ_I64(kehu_classify_info(&s, &std, NULL, &info, &c), KEHU_OK);
    if (c != NULL) {
        CHECK_EQ_I64(c[1].tier, KEHU_TIER_CORE); /* A, 400 >= 300 */
        CHECK_EQ_I64(info.core_needs_a, 1);
        kehu_free(c);
    }
}

/* Needs-based type: the discount share (>= the share, exactly 0.5 too)
 * first, only with a discount column and spend; then the category map's
 * tag of the dominant category; else unknown. */
static void test_needs(void)
{
    static const hand_row h[9] = {
        {10, 1, 100, 10, 1}, {10, 1, 100, 10, 1}, {10, 1, 100, 10, 1},
        {10, 1, 100, 10, 1}, {10, 1, 100, 10, 1}, {10, 1, 100, 10, 1},
        {0, 0, 0, 0, 0},     {10, 1, -10, 10, 1}, {10, 1, 100, 10, 1}};
    /* category 1 emotional, 2 functional, 3 in the data but untagged */
    static const uint8_t tags[4] = {KEHU_NEEDS_UNKNOWN, KEHU_NEEDS_EMOTIONAL,
                                    KEHU_NEEDS_FUNCTIONAL, KEHU_NEEDS_UNKNOWN};
    static const double share[9] = {100.0 / 200.0, 0.4999, 0, 0, 0,
                                    0.9,           0,      0, 0};
    static const uint32_t cat[9] = {2, 1, 2, 3, 0, 2, 1, 1, 9};
    static const kehu_needs with_discount[9] = {
        KEHU_NEEDS_PRICE_SENSITIVE, KEHU_NEEDS_EMOTIONAL,
        KEHU_NEEDS_FUNCTIONAL,      KEHU_NEEDS_UNKNOWN,
        KEHU_NEEDS_UNKNOWN,         KEHU_NEEDS_PRICE_SENSITIVE,
        KEHU_NEEDS_EMOTIONAL,       KEHU_NEEDS_EMOTIONAL,
        KEHU_NEEDS_UNKNOWN};
    static const kehu_needs no_discount[9] = {
        KEHU_NEEDS_FUNCTIONAL, KEHU_NEEDS_EMOTIONAL, KEHU_NEEDS_FUNCTIONAL,
        KEHU_NEEDS_UNKNOWN,    KEHU_NEEDS_UNKNOWN,   KEHU_NEEDS_FUNCTIONAL,
        KEHU_NEEDS_EMOTIONAL,  KEHU_NEEDS_EMOTIONAL, KEHU_NEEDS_UNKNOWN};
    kehu_summary s;
    kehu_summary_row rows[9];
    kehu_standards std;
    kehu_class_inputs map = {NULL, NULL, tags, 4};
    kehu_class *c = NULL;
    kehu_class_info info;
    size_t i;

    fill(&s, rows, h, 9);
    for (i = 0; i < 9; i++) {
        rows[i].discounted_share = share[i];
        rows[i].dim[KEHU_DIM_CATEGORY] = cat[i];
    }
    kehu_standards_init(&std);
    CHECK_NEAR(std.price_sensitive_share, 0.5, 0);

    /* Discount column and map. */
    s.has_discount = 1;
    CHECK_EQ_I64(kehu_classify_info(&s, &std, &map, &info, &c), KEHU_OK);
    if (c == NULL) {
        return;
    }
    for (i = 0; i < 9; i++) {
        CHECK_STR(kehu_needs_name((kehu_needs)c[i].needs),
                  kehu_needs_name(with_discount[i]));
    }
    CHECK_EQ_I64(info.needs_discount, 1);
    CHECK_EQ_I64(info.needs_map, 1);
    CHECK_EQ_I64(info.n_needs[KEHU_NEEDS_PRICE_SENSITIVE], 2);
    CHECK_EQ_I64(info.n_needs[KEHU_NEEDS_EMOTIONAL], 3);
    CHECK_EQ_I64(info.n_needs[KEHU_NEEDS_FUNCTIONAL], 1);
    CHECK_EQ_I64(info.n_needs[KEHU_NEEDS_UNKNOWN], 3);
    kehu_free(c);

    /* No discount column: the shares are not looked at. */
    s.has_discount = 0;
    CHECK_EQ_I64(kehu_classify_info(&s, &std, &map, &info, &c), KEHU_OK);
    if (c != NULL) {
        for (i = 0; i < 9; i++) {
            CHECK_EQ_I64(c[i].needs, no_discount[i]);
        }
        CHECK_EQ_I64(info.needs_discount, 0);
        kehu_free(c);
    }

    /* Neither input: unknown for everyone, never a guess. */
    CHECK_EQ_I64(kehu_classify_info(&s, &std, NULL, &info, &c), KEHU_OK);
    if (c != NULL) {
        for (i = 0; i < 9; i++) {
            CHECK_EQ_I64(c[i].needs, KEHU_NEEDS_UNKNOWN);
        }
        CHECK_EQ_I64(info.needs_map, 0);
        CHECK_EQ_I64(info.n_needs[KEHU_NEEDS_UNKNOWN], 9);
        kehu_free(c);
    }

    /* Share 0: every customer with spend is price-sensitive; without
     * spend (row 6 no purchase, row 7 returns only) the share is
     * undefined and the tag decides. */
    s.has_discount = 1;
    std.price_sensitive_share = 0;
    for (i = 0; i < 9; i++) {
        kehu_needs n = kehu_needs_of(&rows[i], 1, &std, &map);
        CHECK_EQ_I64(n, (i == 6 || i == 7) ? KEHU_NEEDS_EMOTIONAL
                                           : KEHU_NEEDS_PRICE_SENSITIVE);
    }
    CHECK_STR(kehu_needs_name(KEHU_NEEDS_UNKNOWN), "unknown");
    CHECK_STR(kehu_needs_name(KEHU_NEEDS_PRICE_SENSITIVE), "price_sensitive");
    CHECK_STR(kehu_needs_zh(KEHU_NEEDS_PRICE_SENSITIVE), "价格敏感型");
    CHECK_STR(kehu_needs_zh(KEHU_NEEDS_EMOTIONAL), "情感型");
    CHECK_STR(kehu_needs_zh(KEHU_NEEDS_FUNCTIONAL), "功能型");
    CHECK_STR(kehu_needs_zh(KEHU_NEEDS_UNKNOWN), "未知");
}

static void test_empty_and_oom(void)
{
    kehu_summary s;
    kehu_standards std;
    kehu_class *c = NULL;

    memset(&s, 0, sizeof s);
    kehu_standards_init(&std);
    CHECK_EQ_I64(kehu_classify(&s, &std, NULL, &c), KEHU_OK);
    kehu_free(c);
}

void test_classify(void)
{
    test_quantile7();
    test_score();
    test_grid();
    test_hand_case();
    test_fixed_cuts();
    test_abcd();
    test_abcd_random();
    test_tiers_and_model();
    test_needs();
    test_empty_and_oom();
}
