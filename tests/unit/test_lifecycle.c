/* SPDX-License-Identifier: MIT */
/* Lifecycle counts on a hand-worked five-customer log, by region, with a
 * cut-off date, and identities on generated data for every period kind. */
#include "fixture.h"
#include "kehu/lifecycle.h"

void test_lifecycle(void);

/* A buys every month Jan-Mar; B in Jan, lapses Feb and Mar, back in Apr;
 * C twice in Feb; D in Mar and Apr; E returns goods in Feb (not a
 * purchase) and first buys in Apr. */
static kehu_ledger *hand_ledger(void)
{
    kehu_ledger *l = NULL;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    fx_add(l, "A", "2025-01-05", 10, "north", "");
    fx_add(l, "A", "2025-02-05", 10, "north", "");
    fx_add(l, "A", "2025-03-31", 10, "north", "");
    fx_add(l, "B", "2025-01-31", 10, "north", "");
    fx_add(l, "B", "2025-04-01", 10, "north", "");
    fx_add(l, "C", "2025-02-01", 10, "south", "");
    fx_add(l, "C", "2025-02-28", 10, "south", "");
    fx_add(l, "D", "2025-03-01", 10, "south", "");
    fx_add(l, "D", "2025-04-30", 10, "south", "");
    fx_add(l, "E", "2025-02-10", -10, "south", "");
    fx_add(l, "E", "2025-04-15", 10, "south", "");
    return l;
}

/* new, returning, resurrecting, dormant, active per period. */
static void check_cells(const kehu_lifecycle *lc, size_t g,
                        const int64_t (*want)[5], size_t n)
{
    size_t p;

    CHECK_EQ_I64(lc->n_periods, n);
    for (p = 0; p < n && p < lc->n_periods; p++) {
        const kehu_lifecycle_cell *c = kehu_lifecycle_cell_at(lc, g, p);
        CHECK_EQ_I64(c->new_customers, want[p][0]);
        CHECK_EQ_I64(c->returning, want[p][1]);
        CHECK_EQ_I64(c->resurrecting, want[p][2]);
        CHECK_EQ_I64(c->dormant, want[p][3]);
        CHECK_EQ_I64(c->active, want[p][4]);
    }
}

static void check_hand(void)
{
    static const int64_t all[4][5] = {
        {2, 0, 0, 0, 2}, {1, 1, 0, 1, 2}, {1, 1, 0, 1, 2}, {1, 1, 1, 1, 3}};
    static const int64_t north[4][5] = {
        {2, 0, 0, 0, 2}, {0, 1, 0, 1, 1}, {0, 1, 0, 0, 1}, {0, 0, 1, 1, 1}};
    static const int64_t south[4][5] = {
        {0, 0, 0, 0, 0}, {1, 0, 0, 0, 1}, {1, 0, 0, 1, 1}, {1, 1, 0, 0, 2}};
    static const int64_t cut[3][5] = {
        {2, 0, 0, 0, 2}, {1, 1, 0, 1, 2}, {1, 1, 0, 1, 2}};
    kehu_ledger *l = hand_ledger();
    kehu_lifecycle_options o;
    kehu_lifecycle *lc = NULL;
    char buf[KEHU_PERIOD_LABEL_MAX];
    size_t g;

    kehu_lifecycle_options_init(&o);
    CHECK(kehu_lifecycle_compute(l, &o, &lc) == KEHU_OK);
    kehu_period_label(lc->kind, lc->first_period, buf);
    CHECK_STR(buf, "2025-01");
    check_cells(lc, 0, all, 4);
    CHECK_EQ_I64(lc->group_customers[0], 5);
    CHECK(isnan(kehu_lifecycle_churn_rate(lc, 0, 0)));
    CHECK_NEAR(kehu_lifecycle_churn_rate(lc, 0, 1), 0.5, 1e-12);
    CHECK_NEAR(kehu_lifecycle_churn_rate(lc, 0, 3), 0.5, 1e-12);
    kehu_lifecycle_free(lc);

    o.by = KEHU_DIM_REGION;
    CHECK(kehu_lifecycle_compute(l, &o, &lc) == KEHU_OK);
    CHECK_EQ_I64(lc->n_groups, 3);
    for (g = 1; g < lc->n_groups; g++) {
        const char *v = kehu_ledger_dim_value(l, KEHU_DIM_REGION, (uint32_t)g);
        check_cells(lc, g, strcmp(v, "north") == 0 ? north : south, 4);
    }
    CHECK_EQ_I64(lc->group_customers[0], 0);
    /* South (interned second) had nobody active in January. */
    CHECK_STR(kehu_ledger_dim_value(l, KEHU_DIM_REGION, 2), "south");
    CHECK(isnan(kehu_lifecycle_churn_rate(lc, 2, 1)));
    CHECK_NEAR(kehu_lifecycle_churn_rate(lc, 1, 1), 0.5, 1e-12);
    kehu_lifecycle_free(lc);

    /* Cut off at April: A's lapse and B's return are not seen yet. */
    kehu_lifecycle_options_init(&o);
    o.as_of_day = fx_day("2025-04-01");
    CHECK(kehu_lifecycle_compute(l, &o, &lc) == KEHU_OK);
    check_cells(lc, 0, cut, 3);
    CHECK_EQ_I64(lc->group_customers[0], 4);
    kehu_lifecycle_free(lc);

    o.by = KEHU_DIM_COUNT;
    CHECK(kehu_lifecycle_compute(l, &o, &lc) == KEHU_EINVAL);
    CHECK(lc == NULL);
    kehu_ledger_free(l);
}

/* On generated data, for every kind: active(p-1) = returning(p) +
 * dormant(p), active = new + returning + resurrecting, the new add up to
 * the buyers, and groups add up to the whole. */
static void check_identities(void)
{
    kehu_ledger *l = NULL;
    int k;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    fx_generate(l, 42, 300, fx_day("2019-11-20"), 900);
    for (k = 0; k < KEHU_PERIOD_COUNT; k++) {
        kehu_lifecycle_options o;
        kehu_lifecycle *all = NULL, *by = NULL;
        long bad = 0;
        int64_t total_new = 0;
        size_t p, g;

        kehu_lifecycle_options_init(&o);
        o.kind = (kehu_period_kind)k;
        CHECK(kehu_lifecycle_compute(l, &o, &all) == KEHU_OK);
        o.by = KEHU_DIM_BRANCH;
        CHECK(kehu_lifecycle_compute(l, &o, &by) == KEHU_OK);
        if (all == NULL || by == NULL) {
            kehu_lifecycle_free(all);
            kehu_lifecycle_free(by);
            continue;
        }
        for (p = 0; p < all->n_periods; p++) {
            const kehu_lifecycle_cell *c = kehu_lifecycle_cell_at(all, 0, p);
            kehu_lifecycle_cell sum;

            memset(&sum, 0, sizeof sum);
            bad +=
                c->active != c->new_customers + c->returning + c->resurrecting;
            bad += p > 0 && c[-1].active != c->returning + c->dormant;
            total_new += c->new_customers;
            for (g = 0; g < by->n_groups; g++) {
                const kehu_lifecycle_cell *b = kehu_lifecycle_cell_at(by, g, p);
                sum.active += b->active;
                sum.dormant += b->dormant;
                sum.resurrecting += b->resurrecting;
            }
            bad += sum.active != c->active || sum.dormant != c->dormant ||
                   sum.resurrecting != c->resurrecting;
        }
        CHECK_EQ_I64(bad, 0);
        CHECK_EQ_I64(total_new, 300);
        kehu_lifecycle_free(all);
        kehu_lifecycle_free(by);
    }
    kehu_ledger_free(l);
}

void test_lifecycle(void)
{
    check_hand();
    check_identities();
}
