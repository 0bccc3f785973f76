/* SPDX-License-Identifier: MIT */
/*
 * The model table: lookup by name and kind, dispatch to the per-model
 * functions (compared with direct calls), KEHU_EINVAL for a quantity a
 * model does not have.
 */
#include "check.h"
#include "kehu/bgnbd.h"
#include "kehu/gg.h"
#include "kehu/model.h"

void test_model(void);

void test_model(void)
{
    static const char *names[KEHU_MODEL_COUNT] = {"bgnbd", "pnbd", "mbgnbd",
                                                  "bgbb",  "gg",   "nbd"};
    const double p[4] = {0.2426, 4.4136, 0.7929, 2.4259};
    const double pg[3] = {6.25, 3.74, 15.44};
    const kehu_model_def *m, *g;
    double v, want;
    int k;

    for (k = 0; k < KEHU_MODEL_COUNT; k++) {
        m = kehu_model_get((kehu_model_kind)k);
        CHECK(m != NULL);
        if (m == NULL) {
            continue;
        }
        CHECK_EQ_I64(m->kind, k);
        CHECK_STR(m->name, names[k]);
        CHECK(kehu_model_find(names[k]) == m);
        CHECK(m->param_names != NULL && m->n_params <= KEHU_MAX_PARAMS);
    }
    CHECK(kehu_model_get((kehu_model_kind)KEHU_MODEL_COUNT) == NULL);
    CHECK(kehu_model_find("weibull") == NULL);

    m = kehu_model_find("bgnbd");
    g = kehu_model_find("gg");
    if (m == NULL || g == NULL) {
        return;
    }
    CHECK_STR(m->param_names[2], "a");
    CHECK_STR(g->param_names[2], "gamma");
    CHECK_EQ_I64(kehu_model_p_alive(m, p, 2, 30.43, 38.86, &v), KEHU_OK);
    CHECK_NEAR(v, kehu_bgnbd_p_alive(p, 2, 30.43, 38.86), 0);
    CHECK_EQ_I64(kehu_model_conditional(m, p, 2, 30.43, 38.86, 39, &v),
                 KEHU_OK);
    CHECK_EQ_I64(kehu_bgnbd_conditional(p, 2, 30.43, 38.86, 39, &want),
                 KEHU_OK);
    CHECK_NEAR(v, want, 0);
    CHECK_EQ_I64(kehu_model_expected(m, p, 32, &v), KEHU_OK);
    CHECK_NEAR(v, 1.0437, 1e-4);
    CHECK_EQ_I64(kehu_model_expected_spend(m, p, 2, 20, &v), KEHU_EINVAL);

    CHECK_EQ_I64(kehu_model_expected_spend(g, pg, 2, 20, &v), KEHU_OK);
    CHECK_EQ_I64(kehu_gg_expected_spend(pg, 2, 20, &want), KEHU_OK);
    CHECK_NEAR(v, want, 0);
    CHECK_EQ_I64(kehu_model_p_alive(g, pg, 2, 20, 0, &v), KEHU_EINVAL);
    CHECK_EQ_I64(kehu_model_expected(g, pg, 10, &v), KEHU_EINVAL);
    CHECK_EQ_I64(kehu_model_conditional(g, pg, 2, 1, 2, 10, &v), KEHU_EINVAL);
}
