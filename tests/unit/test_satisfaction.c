/* SPDX-License-Identifier: MIT */
/*
 * Satisfaction metrics on a case worked by hand (numbers in the comments),
 * scale inference, band boundaries, bad input and an OOM sweep.
 */
#include "check.h"
#include "kehu/alloc.h"
#include "kehu/satisfaction.h"
#include "oom.h"

#include <stdlib.h>

void test_satisfaction(void);

static void test_bands(void)
{
    CHECK(kehu_sat_band_of(3.5, 5) == KEHU_SAT_DISSATISFIED);
    CHECK(kehu_sat_band_of(4, 5) == KEHU_SAT_SATISFIED);
    CHECK(kehu_sat_band_of(0, 5) == KEHU_SAT_DISSATISFIED);
    CHECK(kehu_sat_band_of(6.9, 10) == KEHU_SAT_DETRACTOR);
    CHECK(kehu_sat_band_of(7, 10) == KEHU_SAT_PASSIVE);
    CHECK(kehu_sat_band_of(8.99, 10) == KEHU_SAT_PASSIVE);
    CHECK(kehu_sat_band_of(9, 10) == KEHU_SAT_PROMOTER);
    CHECK(kehu_sat_band_of(0, 10) == KEHU_SAT_DETRACTOR);
    CHECK_STR(kehu_sat_band_name(KEHU_SAT_PASSIVE), "passive");
    CHECK_STR(kehu_sat_band_name(KEHU_SAT_NO_RESPONSE), "no_response");
}

static void test_scales(void)
{
    kehu_sat_response a[3] = {
        {0, 1, -1, 4, 0}, {0, 2, -1, 3, 0}, {0, 3, -1, 9, 10}};
    kehu_sat_response b[2] = {{0, 1, -1, 4, 0}, {0, 2, -1, 7, 0}};
    kehu_sat_response c[1] = {{0, 1, -1, 4, 5}};
    kehu_sat_response bad_scale[1] = {{0, 1, -1, 4, 7}};
    kehu_sat_response bad_score[2] = {{0, 1, -1, 4, 0}, {0, 1, -1, 6, 5}};
    kehu_sat_response negative[1] = {{0, 1, -1, -1, 0}};
    int inferred = -1;

    /* Unscaled scores all <= 5: 5 points; the scaled row keeps 10. */
    CHECK_EQ_I64(kehu_sat_resolve_scales(a, 3, &inferred), KEHU_OK);
    CHECK_EQ_I64(inferred, 5);
    CHECK_EQ_I64(a[0].scale, 5);
    CHECK_EQ_I64(a[1].scale, 5);
    CHECK_EQ_I64(a[2].scale, 10);
    /* A 7 cannot be on 5 points: the whole unscaled survey is 0-10. */
    CHECK_EQ_I64(kehu_sat_resolve_scales(b, 2, &inferred), KEHU_OK);
    CHECK_EQ_I64(inferred, 10);
    CHECK_EQ_I64(b[0].scale, 10);
    CHECK_EQ_I64(kehu_sat_resolve_scales(c, 1, &inferred), KEHU_OK);
    CHECK_EQ_I64(inferred, 0);
    CHECK_EQ_I64(kehu_sat_resolve_scales(bad_scale, 1, NULL), KEHU_EINVAL);
    CHECK_EQ_I64(kehu_sat_resolve_scales(bad_score, 2, NULL), KEHU_EINVAL);
    CHECK_EQ_I64(bad_score[0].scale, 0); /* unchanged on failure */
    CHECK_EQ_I64(kehu_sat_resolve_scales(negative, 1, NULL), KEHU_EINVAL);
    CHECK_EQ_I64(kehu_sat_resolve_scales(NULL, 0, &inferred), KEHU_OK);
    CHECK_EQ_I64(inferred, 0);
}

/*
 * Six customers. Groups: c0 c1 c5 -> 0, c2 c3 c4 -> 1. Churn: c1 c3
 * churned; c0 c2 c5 retained; c4 excluded (not a buyer). c5 never
 * answered. The last response belongs to no customer and is skipped.
 */
static const kehu_sat_response hand[] = {
    {0, 10, -1, 10, 10},
    {0, 20, -1, 6, 10}, /* c0: latest 6 detractor */
    {1, 5, -1, 9, 10},  /* c1: promoter */
    {2, 7, -1, 8, 10},
    {2, 7, -1, 3, 10}, /* c2: same time, the later
                          row wins: 3 detractor */
    {3, 3, 100, 4, 5},
    {3, 3, 50, 2, 5}, /* c3: 4 at 100 s: satisfied */
    {4, 2, -1, 5, 5}, /* c4 */
    {KEHU_SAT_NO_CUSTOMER, 1, -1, 0, 10},
};
#define N_HAND (sizeof hand / sizeof hand[0])
static const uint32_t hand_group[6] = {0, 0, 1, 1, 1, 0};
static const uint8_t hand_churn[6] = {KEHU_SAT_RETAINED, KEHU_SAT_CHURNED,
                                      KEHU_SAT_RETAINED, KEHU_SAT_CHURNED,
                                      KEHU_SAT_EXCLUDED, KEHU_SAT_RETAINED};

static void check_hand(const kehu_sat_result *r)
{
    const kehu_sat_metrics *t = &r->total, *g0 = &r->groups[0],
                           *g1 = &r->groups[1];

    /* Total: 10-point 10 6 9 8 3 -> 2 promoters, 1 passive, 2 detractors,
     * NPS 0, mean 36/5; 5-point 4 2 5 -> CSAT 2/3, mean 11/3. */
    CHECK_EQ_I64(t->customers, 6);
    CHECK_EQ_I64(t->responses, 8);
    CHECK_EQ_I64(t->respondents, 5);
    CHECK_EQ_I64(t->n10, 5);
    CHECK_EQ_I64(t->promoters, 2);
    CHECK_EQ_I64(t->passives, 1);
    CHECK_EQ_I64(t->detractors, 2);
    CHECK_NEAR(t->nps, 0.0, 1e-12);
    CHECK_NEAR(t->mean10, 7.2, 1e-12);
    CHECK_EQ_I64(t->n5, 3);
    CHECK_EQ_I64(t->satisfied, 2);
    CHECK_NEAR(t->csat, 2.0 / 3.0, 1e-12);
    CHECK_NEAR(t->mean5, 11.0 / 3.0, 1e-12);
    /* Group 0: 10 6 9 -> NPS 100 (2 - 1)/3, mean 25/3, no 5-point. */
    CHECK_EQ_I64(r->n_groups, 2);
    CHECK_EQ_I64(g0->customers, 3);
    CHECK_EQ_I64(g1->customers, 3);
    CHECK_EQ_I64(g0->responses, 3);
    CHECK_EQ_I64(g0->respondents, 2);
    CHECK_NEAR(g0->nps, 100.0 / 3.0, 1e-12);
    CHECK_NEAR(g0->mean10, 25.0 / 3.0, 1e-12);
    CHECK(isnan(g0->csat) && isnan(g0->mean5));
    /* Group 1: 8 3 -> NPS -50, mean 5.5; 4 2 5 -> CSAT 2/3. */
    CHECK_EQ_I64(g1->responses, 5);
    CHECK_EQ_I64(g1->respondents, 3);
    CHECK_NEAR(g1->nps, -50.0, 1e-12);
    CHECK_NEAR(g1->mean10, 5.5, 1e-12);
    CHECK_NEAR(g1->csat, 2.0 / 3.0, 1e-12);
    /* Churned c1 c3: 9 -> NPS 100; 4 2 -> CSAT 1/2, mean 3. */
    CHECK_EQ_I64(r->churned.customers, 2);
    CHECK_EQ_I64(r->churned.respondents, 2);
    CHECK_EQ_I64(r->churned.responses, 3);
    CHECK_NEAR(r->churned.nps, 100.0, 1e-12);
    CHECK_NEAR(r->churned.csat, 0.5, 1e-12);
    CHECK_NEAR(r->churned.mean5, 3.0, 1e-12);
    /* Retained c0 c2 c5: 10 6 8 3 -> (1 - 2)/4 = NPS -25, mean 6.75. */
    CHECK_EQ_I64(r->retained.customers, 3);
    CHECK_EQ_I64(r->retained.respondents, 2);
    CHECK_NEAR(r->retained.nps, -25.0, 1e-12);
    CHECK_NEAR(r->retained.mean10, 6.75, 1e-12);
    CHECK(isnan(r->retained.csat));
    /* Bands of the latest response: c0, c2 detractors (retained); c1
     * promoter (churned); c3 satisfied (churned); c5 no response. */
    CHECK_EQ_I64(r->bands[KEHU_SAT_DETRACTOR].customers, 2);
    CHECK_EQ_I64(r->bands[KEHU_SAT_DETRACTOR].churned, 0);
    CHECK_NEAR(r->bands[KEHU_SAT_DETRACTOR].churn_rate, 0.0, 1e-12);
    CHECK_EQ_I64(r->bands[KEHU_SAT_PROMOTER].customers, 1);
    CHECK_NEAR(r->bands[KEHU_SAT_PROMOTER].churn_rate, 1.0, 1e-12);
    CHECK_EQ_I64(r->bands[KEHU_SAT_SATISFIED].churned, 1);
    CHECK_EQ_I64(r->bands[KEHU_SAT_PASSIVE].customers, 0);
    CHECK(isnan(r->bands[KEHU_SAT_PASSIVE].churn_rate));
    CHECK(isnan(r->bands[KEHU_SAT_DISSATISFIED].churn_rate));
    CHECK_EQ_I64(r->bands[KEHU_SAT_NO_RESPONSE].customers, 1);
    CHECK_NEAR(r->bands[KEHU_SAT_NO_RESPONSE].churn_rate, 0.0, 1e-12);
}

static void hand_options(kehu_sat_options *o)
{
    o->n_customers = 6;
    o->group = hand_group;
    o->n_groups = 2;
    o->churn = hand_churn;
}

static void test_hand(void)
{
    kehu_sat_options o;
    kehu_sat_result *r = NULL;

    hand_options(&o);
    CHECK_EQ_I64(kehu_sat_compute(hand, N_HAND, &o, &r), KEHU_OK);
    if (r != NULL) {
        check_hand(r);
    }
    kehu_sat_free(r);
    /* Without groups or churn: the total alone. */
    o.group = NULL;
    o.churn = NULL;
    CHECK_EQ_I64(kehu_sat_compute(hand, N_HAND, &o, &r), KEHU_OK);
    if (r != NULL) {
        CHECK(r->groups == NULL);
        CHECK_EQ_I64(r->total.respondents, 5);
        CHECK_EQ_I64(r->bands[KEHU_SAT_NO_RESPONSE].customers, 0);
        CHECK_EQ_I64(r->churned.responses, 0);
        CHECK(isnan(r->churned.nps));
    }
    kehu_sat_free(r);
}

static void test_bad_input(void)
{
    kehu_sat_response unresolved[1] = {{0, 1, -1, 4, 0}};
    kehu_sat_response far[1] = {{6, 1, -1, 4, 5}};
    uint32_t group[6] = {0, 0, 2, 0, 0, 0};
    uint8_t churn[6] = {0, 0, 3, 0, 0, 0};
    kehu_sat_options o;
    kehu_sat_result *r = NULL;

    hand_options(&o);
    CHECK_EQ_I64(kehu_sat_compute(unresolved, 1, &o, &r), KEHU_EINVAL);
    CHECK(r == NULL);
    CHECK_EQ_I64(kehu_sat_compute(far, 1, &o, &r), KEHU_EINVAL);
    o.group = group;
    CHECK_EQ_I64(kehu_sat_compute(hand, N_HAND, &o, &r), KEHU_EINVAL);
    hand_options(&o);
    o.churn = churn;
    CHECK_EQ_I64(kehu_sat_compute(hand, N_HAND, &o, &r), KEHU_EINVAL);
    hand_options(&o);
    o.n_customers = 0;
    o.group = NULL;
    o.churn = NULL;
    CHECK_EQ_I64(kehu_sat_compute(NULL, 0, &o, &r), KEHU_OK);
    if (r != NULL) {
        CHECK_EQ_I64(r->total.responses, 0);
        CHECK(isnan(r->total.csat) && isnan(r->total.nps));
    }
    kehu_sat_free(r);
    kehu_sat_free(NULL);
}

/* Fail allocation k for every k: ENOMEM with *out NULL, or success. */
static void test_oom(void)
{
    kehu_sat_options o;
    int k, ok = 0, failures = 0;

    hand_options(&o);
    for (k = 1; k < 20 && !ok; k++) {
        kehu_sat_result *r = NULL;
        kehu_status rc;
        oom_begin(k);
        rc = kehu_sat_compute(hand, N_HAND, &o, &r);
        oom_end();
        CHECK(rc == KEHU_OK || (rc == KEHU_ENOMEM && r == NULL));
        failures += rc == KEHU_ENOMEM;
        ok = rc == KEHU_OK;
        kehu_sat_free(r);
    }
    CHECK(ok);
    CHECK_EQ_I64(failures, 3);
}

void test_satisfaction(void)
{
    test_bands();
    test_scales();
    test_hand();
    test_bad_input();
    test_oom();
}
