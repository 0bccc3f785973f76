/* SPDX-License-Identifier: MIT */
/*
 * Concentration and composition on small vectors worked out by hand.
 */
#include "check.h"

#include "kehu/composition.h"
#include "kehu/concentration.h"

#include <math.h>

void test_concentration(void);

static void test_pareto(void)
{
    /* 10 customers: 50, 20, 10, 5, 5, 4, 3, 2, 1, 0 (total 100) plus a
     * return-heavy -7 that counts 0: n = 11. Cumulative shares of the best
     * i: .5 .7 .8 .85 .9 .94 .97 .99 1 1 1. */
    const double v[11] = {5, 50, 0, 1, 3, 20, -7, 10, 2, 5, 4};
    const double eq[4] = {2, 2, 2, 2};
    const double one[4] = {0, 0, 9, 0};
    kehu_concentration c;

    CHECK_EQ_I64(kehu_concentration_compute(v, 11, &c), KEHU_OK);
    CHECK_NEAR(c.revenue, 100, 1e-12);
    CHECK_EQ_I64(c.n_for_80, 3); /* 50 + 20 + 10 = 80% */
    CHECK_NEAR(c.share_for_80, 3.0 / 11, 1e-12);
    /* 20% of 11 = 2.2 customers: .7 + .2 (.8 - .7) = .72 */
    CHECK_NEAR(c.top20_share, 0.72, 1e-12);
    CHECK_NEAR(c.pareto[0], 0, 1e-12);
    CHECK_NEAR(c.pareto[20], 1, 1e-12);
    /* 5% of 11 = 0.55 customers: .55 * .5 */
    CHECK_NEAR(c.pareto[1], 0.275, 1e-12);
    /* Gini, textbook form over ascending x (i = 1..11):
     * sum (2i - 12) x_i / (11 * 100) = (-6 - 8 - 6 + 0 + 10 + 20 + 60
     * + 160 + 500) / 1100 = 730 / 1100. */
    CHECK_NEAR(c.gini, 730.0 / 1100, 1e-12);

    CHECK_EQ_I64(kehu_concentration_compute(eq, 4, &c), KEHU_OK);
    CHECK_NEAR(c.gini, 0, 1e-12);
    CHECK_NEAR(c.top20_share, 0.2, 1e-12);
    CHECK_EQ_I64(kehu_concentration_compute(one, 4, &c), KEHU_OK);
    CHECK_NEAR(c.gini, 0.75, 1e-12); /* 1 - 1/n */
    CHECK_EQ_I64(c.n_for_80, 1);
    CHECK_EQ_I64(kehu_concentration_compute(eq, 0, &c), KEHU_OK);
    CHECK(isnan(c.gini) && c.n_for_80 == 0);
}

static void test_composition(void)
{
    /* Keys: region 1, 2, 1, 3, 2, 1; stage 5, 5, 6, 5, 6, 6. */
    const uint32_t k1[6] = {1, 2, 1, 3, 2, 1};
    const uint32_t k2[6] = {5, 5, 6, 5, 6, 6};
    const double rev[6] = {10, 30, 20.5, 30, 9.5, -5};
    const double prof[6] = {1, 3, 2, 3, 1, -1};
    kehu_composition *c = NULL;
    double cs = 0, rs = 0, ps = 0;
    size_t i;

    CHECK_EQ_I64(kehu_composition_compute(6, k1, NULL, rev, prof, &c), KEHU_OK);
    if (c == NULL) {
        return;
    }
    /* region 2: 39.5; region 3: 30; region 1: 25.5 */
    CHECK_EQ_I64(c->n, 3);
    CHECK_EQ_I64(c->groups[0].key[0], 2);
    CHECK_EQ_I64(c->groups[1].key[0], 3);
    CHECK_EQ_I64(c->groups[2].key[0], 1);
    CHECK_EQ_I64(c->groups[2].customers, 3);
    CHECK_NEAR(c->groups[0].revenue, 39.5, 1e-12);
    CHECK_NEAR(c->groups[0].revenue_share, 39.5 / 95, 1e-12);
    CHECK_NEAR(c->groups[2].profit, 2, 1e-12);
    CHECK_NEAR(c->total.revenue, 95, 1e-12);
    CHECK_NEAR(c->total.profit, 9, 1e-12);
    for (i = 0; i < c->n; i++) {
        cs += c->groups[i].customer_share;
        rs += c->groups[i].revenue_share;
        ps += c->groups[i].profit_share;
    }
    CHECK_NEAR(cs, 1, 1e-12);
    CHECK_NEAR(rs, 1, 1e-12);
    CHECK_NEAR(ps, 1, 1e-12);
    kehu_composition_free(c);

    /* Crossed: (1,5) 10, (2,5) 30, (1,6) 15.5, (3,5) 30, (2,6) 9.5;
     * equal revenue 30 ordered by key: (2,5) before (3,5). */
    CHECK_EQ_I64(kehu_composition_compute(6, k1, k2, rev, NULL, &c), KEHU_OK);
    if (c == NULL) {
        return;
    }
    CHECK_EQ_I64(c->n, 5);
    CHECK(c->groups[0].key[0] == 2 && c->groups[0].key[1] == 5);
    CHECK(c->groups[1].key[0] == 3 && c->groups[1].key[1] == 5);
    CHECK(c->groups[2].key[0] == 1 && c->groups[2].key[1] == 6);
    CHECK_NEAR(c->groups[2].revenue, 15.5, 1e-12);
    CHECK(c->groups[4].key[0] == 2 && c->groups[4].key[1] == 6);
    CHECK(isnan(c->total.profit_share)); /* no profit given: total 0 */
    kehu_composition_free(c);
    kehu_composition_free(NULL);
}

void test_concentration(void)
{
    test_pareto();
    test_composition();
}
