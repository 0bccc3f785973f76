/* SPDX-License-Identifier: MIT */
/* Satisfaction by group on a hand-worked case: CSAT, NPS, means, bands,
 * churned vs retained, late and unknown answers. */
#include "fixture.h"
#include "kehu/alloc.h"
#include "kehu/satisfaction.h"

void test_satisfaction(void);

static void check_measures(void)
{
    kehu_sat_stats st;

    memset(&st, 0, sizeof st);
    CHECK(isnan(kehu_sat_csat(&st)) && isnan(kehu_sat_nps(&st)) &&
          isnan(kehu_sat_churn_rate(&st)));
    kehu_sat_add_answer(&st, 5, 5);
    kehu_sat_add_answer(&st, 4, 5);
    kehu_sat_add_answer(&st, 3, 5);
    kehu_sat_add_answer(&st, 10, 10);
    kehu_sat_add_answer(&st, 9, 10);
    kehu_sat_add_answer(&st, 8, 10);
    kehu_sat_add_answer(&st, 6, 10);
    kehu_sat_add_answer(&st, 0, 10);
    CHECK_NEAR(kehu_sat_csat(&st), 2.0 / 3, 1e-12);
    CHECK_NEAR(kehu_sat_mean5(&st), 4, 1e-12);
    CHECK_NEAR(kehu_sat_nps(&st), 0, 1e-12); /* 2 promoters, 2 detractors */
    CHECK_NEAR(kehu_sat_mean10(&st), 33.0 / 5, 1e-12);
    CHECK_EQ_I64(kehu_sat_band_of(2, 5), KEHU_BAND_LOW);
    CHECK_EQ_I64(kehu_sat_band_of(3, 5), KEHU_BAND_MID);
    CHECK_EQ_I64(kehu_sat_band_of(4, 5), KEHU_BAND_HIGH);
    CHECK_EQ_I64(kehu_sat_band_of(6, 10), KEHU_BAND_LOW);
    CHECK_EQ_I64(kehu_sat_band_of(8, 10), KEHU_BAND_MID);
    CHECK_EQ_I64(kehu_sat_band_of(9, 10), KEHU_BAND_HIGH);
    CHECK_EQ_I64(kehu_sat_band_of(0, 5), KEHU_BAND_NONE);
    CHECK_EQ_I64(kehu_sat_band_of(11, 10), KEHU_BAND_NONE);
    CHECK_EQ_I64(kehu_sat_band_of(4, 7), KEHU_BAND_NONE);
    CHECK_STR(kehu_sat_band_name(KEHU_BAND_MID), "mid");
}

static void check_groups(void)
{
    kehu_ledger *l = NULL;
    kehu_summary_options so;
    kehu_summary *s = NULL;
    kehu_class *cls = NULL;
    kehu_standards std;
    kehu_satisfaction *sat = NULL;
    kehu_sat_answer a[6];
    const kehu_sat_stats *g;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    fx_add(l, "A", "2025-01-10", 10, "", "east");
    fx_add(l, "A", "2025-02-10", 10, "", "east");
    fx_add(l, "B", "2023-06-01", 10, "", "west");
    fx_add(l, "C", "2025-02-01", 10, "", "east");
    fx_add(l, "D", "2025-01-05", 10, "", "west");
    fx_add(l, "E", "2025-01-07", -10, "", "west"); /* a return only */
    /* Ledger indices: A 0, B 1, C 2, D 3, E 4. */
    a[0] = (kehu_sat_answer){0, fx_day("2025-02-15"), 2, 5};
    a[1] = (kehu_sat_answer){0, fx_day("2025-02-01"), 5, 5};
    a[2] = (kehu_sat_answer){1, fx_day("2023-07-01"), 3, 10};
    a[3] = (kehu_sat_answer){2, fx_day("2025-02-05"), 9, 10};
    a[4] = (kehu_sat_answer){2, fx_day("2025-03-05"), 1, 10}; /* late */
    a[5] = (kehu_sat_answer){4, fx_day("2025-02-05"), 4, 5};  /* no buyer */
    kehu_summary_options_init(&so);
    so.as_of_day = fx_day("2025-03-01");
    kehu_standards_init(&std);
    CHECK(kehu_summary_compute(l, &so, &s) == KEHU_OK);
    CHECK(kehu_classify(s, &std, NULL, &cls) == KEHU_OK);
    CHECK(kehu_satisfaction_compute(l, s, cls, a, 6, KEHU_DIM_BRANCH,
                                    &sat) == KEHU_OK);
    if (sat == NULL) {
        goto done;
    }
    CHECK_EQ_I64(sat->answers_used, 4);
    CHECK_EQ_I64(sat->answers_late, 1);
    CHECK_EQ_I64(sat->answers_unknown, 1);
    g = &sat->group[KEHU_SAT_ALL][0];
    CHECK_EQ_I64(g->customers, 4);
    CHECK_EQ_I64(g->respondents, 3);
    CHECK_EQ_I64(g->churned, 1);
    CHECK_EQ_I64(g->answers, 4);
    CHECK_NEAR(kehu_sat_csat(g), 0.5, 1e-12);
    CHECK_NEAR(kehu_sat_mean5(g), 3.5, 1e-12);
    CHECK_NEAR(kehu_sat_nps(g), 0, 1e-12);
    CHECK_NEAR(kehu_sat_churn_rate(g), 0.25, 1e-12);
    g = &sat->group[KEHU_SAT_STATUS][0]; /* retained: A, C, D */
    CHECK_EQ_I64(g->customers, 3);
    CHECK_NEAR(kehu_sat_nps(g), 100, 1e-12);
    CHECK_NEAR(kehu_sat_csat(g), 0.5, 1e-12);
    g = &sat->group[KEHU_SAT_STATUS][1]; /* churned: B */
    CHECK_EQ_I64(g->customers, 1);
    CHECK_NEAR(kehu_sat_nps(g), -100, 1e-12);
    CHECK(isnan(kehu_sat_csat(g)));
    g = &sat->group[KEHU_SAT_BAND][KEHU_BAND_LOW]; /* A (latest 2), B */
    CHECK_EQ_I64(g->customers, 2);
    CHECK_EQ_I64(g->answers, 3);
    CHECK_NEAR(kehu_sat_churn_rate(g), 0.5, 1e-12);
    g = &sat->group[KEHU_SAT_BAND][KEHU_BAND_HIGH]; /* C */
    CHECK_EQ_I64(g->customers, 1);
    CHECK_NEAR(kehu_sat_churn_rate(g), 0, 1e-12);
    g = &sat->group[KEHU_SAT_BAND][KEHU_BAND_NONE]; /* D */
    CHECK_EQ_I64(g->customers, 1);
    CHECK_EQ_I64(g->answers, 0);
    g = &sat->group[KEHU_SAT_STAGE][KEHU_STAGE_CHURNED];
    CHECK_EQ_I64(g->customers, 1);
    g = &sat->group[KEHU_SAT_STAGE][KEHU_STAGE_NEW]; /* A, C, D */
    CHECK_EQ_I64(g->customers, 3);
    CHECK_EQ_I64(sat->n_groups[KEHU_SAT_DIM], 3);
    CHECK_STR(kehu_ledger_dim_value(l, KEHU_DIM_BRANCH, 1), "east");
    CHECK_EQ_I64(sat->group[KEHU_SAT_DIM][1].customers, 2); /* A, C */
    CHECK_EQ_I64(sat->group[KEHU_SAT_DIM][1].answers, 3);
    kehu_satisfaction_free(sat);
    sat = NULL;
    a[0].score = 6; /* outside the 5-point scale */
    CHECK(kehu_satisfaction_compute(l, s, cls, a, 6, -1, &sat) ==
          KEHU_EINVAL);
    CHECK(sat == NULL);
done:
    kehu_free(cls);
    kehu_summary_free(s);
    kehu_ledger_free(l);
}

void test_satisfaction(void)
{
    check_measures();
    check_groups();
}
