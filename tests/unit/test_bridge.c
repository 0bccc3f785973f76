/* SPDX-License-Identifier: MIT */
/* Base states, the bridge and the migration matrix: a hand-worked case
 * (fixed RFM cuts so every class can be worked out on paper), then
 * reconciliation and agreement with direct classification on generated
 * data for every period kind. */
#include "fixture.h"
#include "kehu/alloc.h"
#include "kehu/bridge.h"

void test_bridge(void);

/* P: big spender, first in Jan, again in Feb (potential, then core).
 * Q: small one-time buyer in Jan (ordinary). R: bought 2024-01-15, in the
 * base on 2025-01-01, churned by 2025-02-01. S: bought 2023-12-01
 * (churned), back on 2025-02-15 (resurrected as potential). */
static kehu_ledger *hand_ledger(void)
{
    kehu_ledger *l = NULL;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    fx_add(l, "P", "2025-01-10", 1000, "", "east");
    fx_add(l, "P", "2025-02-10", 1000, "", "east");
    fx_add(l, "Q", "2025-01-20", 5, "", "west");
    fx_add(l, "R", "2024-01-15", 50, "", "west");
    fx_add(l, "S", "2023-12-01", 20, "", "east");
    fx_add(l, "S", "2025-02-15", 30, "", "east");
    return l;
}

static void hand_standards(kehu_standards *std)
{
    static const double r[4] = {30, 60, 90, 180}, f[4] = {1, 2, 3, 4},
                        m[4] = {10, 20, 50, 100};

    kehu_standards_init(std);
    std->n_r_cuts = std->n_f_cuts = std->n_m_cuts = 4;
    memcpy(std->r_cuts, r, sizeof r);
    memcpy(std->f_cuts, f, sizeof f);
    memcpy(std->m_cuts, m, sizeof m);
}

static void check_cell(const kehu_bridge *b, size_t p, kehu_base_state t,
                       const int64_t want[7])
{
    const kehu_bridge_cell *c = kehu_bridge_cell_at(b, p, 0, t);

    CHECK_EQ_I64(c->start, want[0]);
    CHECK_EQ_I64(c->new_customers, want[1]);
    CHECK_EQ_I64(c->resurrected, want[2]);
    CHECK_EQ_I64(c->churned, want[3]);
    CHECK_EQ_I64(c->moved_in, want[4]);
    CHECK_EQ_I64(c->moved_out, want[5]);
    CHECK_EQ_I64(c->end, want[6]);
}

static void check_hand(void)
{
    /* start, new, resurrected, churned, moved_in, moved_out, end */
    static const int64_t jan[3][7] = {
        {0, 0, 0, 0, 0, 0, 0}, {0, 1, 0, 0, 0, 0, 1}, {1, 1, 0, 1, 0, 0, 1}};
    static const int64_t feb[3][7] = {
        {0, 0, 0, 0, 1, 0, 1}, {1, 0, 1, 0, 0, 1, 1}, {1, 0, 0, 0, 0, 0, 1}};
    kehu_ledger *l = hand_ledger();
    kehu_standards std;
    kehu_bridge_options o;
    kehu_bridge *b = NULL;
    int64_t m[KEHU_BASE_COUNT * KEHU_BASE_COUNT];
    uint8_t st[4];
    size_t t;

    hand_standards(&std);
    kehu_bridge_options_init(&o);
    CHECK(kehu_base_states(l, &std, &o, fx_day("2025-01-01"), st) == KEHU_OK);
    /* Ledger order is first appearance: P, Q, R, S. */
    CHECK_EQ_I64(st[0], KEHU_BASE_PROSPECT);
    CHECK_EQ_I64(st[2], KEHU_BASE_ORDINARY);
    CHECK_EQ_I64(st[3], KEHU_BASE_CHURNED);

    o.first_period = kehu_period_of(KEHU_PERIOD_MONTH, fx_day("2025-01-01"));
    CHECK(kehu_bridge_compute(l, &std, &o, &b) == KEHU_OK);
    CHECK_EQ_I64(b->n_periods, 2);
    for (t = 0; t < 3 && b->n_periods == 2; t++) {
        check_cell(b, 0, (kehu_base_state)(t + 1), jan[t]);
        check_cell(b, 1, (kehu_base_state)(t + 1), feb[t]);
    }
    CHECK_EQ_I64(b->group_customers[0], 4);
    kehu_bridge_free(b);

    CHECK(kehu_migration(l, &std, &o, fx_day("2025-01-01"),
                         fx_day("2025-03-01"), m) == KEHU_OK);
    CHECK_EQ_I64(m[KEHU_BASE_PROSPECT * KEHU_BASE_COUNT + KEHU_BASE_CORE], 1);
    CHECK_EQ_I64(m[KEHU_BASE_PROSPECT * KEHU_BASE_COUNT + KEHU_BASE_ORDINARY],
                 1);
    CHECK_EQ_I64(m[KEHU_BASE_ORDINARY * KEHU_BASE_COUNT + KEHU_BASE_CHURNED],
                 1);
    CHECK_EQ_I64(m[KEHU_BASE_CHURNED * KEHU_BASE_COUNT + KEHU_BASE_POTENTIAL],
                 1);

    /* Without an explicit start the range begins at S's first purchase. */
    kehu_bridge_options_init(&o);
    CHECK(kehu_bridge_compute(l, &std, &o, &b) == KEHU_OK);
    CHECK_EQ_I64(b->n_periods, 15);
    kehu_bridge_free(b);

    o.last_period = 0;
    CHECK(kehu_bridge_compute(l, &std, &o, &b) == KEHU_EINVAL);
    CHECK(b == NULL);
    kehu_bridge_options_init(&o);
    std.r_cuts[0] = 1000; /* not ascending */
    CHECK(kehu_bridge_compute(l, &std, &o, &b) == KEHU_EINVAL);
    kehu_ledger_free(l);
}

/* A tier that changes twice inside one period: V (30 on 2024-12-20) is
 * potential as of 2025-02-01 (43 days: R 4, M 3), ordinary from 2025-02-18
 * (60 days: R 3), potential again after buying 10 on 2025-02-24 (R 5, M
 * 3; two purchase days but not class A, so not core). The month bridge
 * sees potential at both ends: no move. The day bridge sees both moves.
 * P, the big spender, holds class A. */
static void check_twice(void)
{
    kehu_ledger *l = NULL;
    kehu_standards std;
    kehu_bridge_options o;
    kehu_bridge *b = NULL;
    uint8_t st[2];
    int64_t in = 0, out = 0;
    size_t p;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    fx_add(l, "P", "2025-01-10", 1000, "", "east");
    fx_add(l, "V", "2024-12-20", 30, "", "east");
    fx_add(l, "V", "2025-02-24", 10, "", "east");
    hand_standards(&std);
    kehu_bridge_options_init(&o);
    CHECK(kehu_base_states(l, &std, &o, fx_day("2025-02-01"), st) == KEHU_OK);
    CHECK_EQ_I64(st[1], KEHU_BASE_POTENTIAL);
    CHECK(kehu_base_states(l, &std, &o, fx_day("2025-02-20"), st) == KEHU_OK);
    CHECK_EQ_I64(st[1], KEHU_BASE_ORDINARY);
    CHECK(kehu_base_states(l, &std, &o, fx_day("2025-03-01"), st) == KEHU_OK);
    CHECK_EQ_I64(st[1], KEHU_BASE_POTENTIAL);

    o.first_period = kehu_period_of(KEHU_PERIOD_MONTH, fx_day("2025-02-01"));
    o.last_period = o.first_period;
    CHECK(kehu_bridge_compute(l, &std, &o, &b) == KEHU_OK);
    if (b != NULL) {
        /* P (potential all month, R 5 then 4) and V. */
        static const int64_t pot[7] = {2, 0, 0, 0, 0, 0, 2};
        static const int64_t ord[7] = {0, 0, 0, 0, 0, 0, 0};
        check_cell(b, 0, KEHU_BASE_POTENTIAL, pot);
        check_cell(b, 0, KEHU_BASE_ORDINARY, ord);
    }
    kehu_bridge_free(b);

    o.kind = KEHU_PERIOD_DAY;
    o.first_period = fx_day("2025-02-01");
    o.last_period = fx_day("2025-02-28");
    CHECK(kehu_bridge_compute(l, &std, &o, &b) == KEHU_OK);
    for (p = 0; b != NULL && p < b->n_periods; p++) {
        const kehu_bridge_cell *c =
            kehu_bridge_cell_at(b, p, 0, KEHU_BASE_POTENTIAL);
        in += c->moved_in;
        out += c->moved_out;
    }
    CHECK_EQ_I64(in, 1);
    CHECK_EQ_I64(out, 1);
    kehu_bridge_free(b);
    kehu_ledger_free(l);
}

/* Customers per state as of day (over the trailing window days, 0 = all
 * history), straight from summary + classify. */
static void direct_counts(const kehu_ledger *l, const kehu_standards *std,
                          int32_t day, int32_t window, const uint32_t *group_of,
                          size_t g, int64_t *count)
{
    kehu_summary_options so;
    kehu_summary *s = NULL;
    kehu_class *cls = NULL;
    size_t r;

    memset(count, 0, sizeof *count * 4);
    kehu_summary_options_init(&so);
    so.as_of_day = day;
    if (window > 0) {
        so.since_day = day - window;
    }
    CHECK(kehu_summary_compute(l, &so, &s) == KEHU_OK);
    CHECK(kehu_classify(s, std, NULL, &cls) == KEHU_OK);
    for (r = 0; s != NULL && cls != NULL && r < s->n; r++) {
        if (group_of[s->rows[r].customer] == g &&
            cls[r].stage != KEHU_STAGE_CHURNED) {
            count[cls[r].tier]++;
        }
    }
    kehu_free(cls);
    kehu_summary_free(s);
}

/* Reconciliation, end = next start, and end = direct classification. */
static long check_bridge(const kehu_ledger *l, const kehu_standards *std,
                         const kehu_bridge *b, int32_t window,
                         const uint32_t *group_of)
{
    long bad = 0;
    size_t p, g, t;

    for (p = 0; p < b->n_periods; p++) {
        int32_t end_day =
            kehu_period_first_day(b->kind, b->first_period + (int32_t)p + 1);
        for (g = 0; g < b->n_groups; g++) {
            int64_t direct[4];
            int check_direct = p % 3 == 0 || p + 1 == b->n_periods;

            if (check_direct) {
                direct_counts(l, std, end_day, window, group_of, g, direct);
            }
            for (t = 1; t <= 3; t++) {
                const kehu_bridge_cell *c =
                    kehu_bridge_cell_at(b, p, g, (kehu_base_state)t);
                bad += c->start + c->new_customers + c->resurrected -
                           c->churned + c->moved_in - c->moved_out !=
                       c->end;
                bad += p + 1 < b->n_periods &&
                       c->end !=
                           kehu_bridge_cell_at(b, p + 1, g, (kehu_base_state)t)
                               ->start;
                bad += check_direct && c->end != direct[t];
            }
        }
    }
    return bad;
}

static void check_generated(void)
{
    kehu_ledger *l = NULL;
    kehu_standards std;
    uint32_t *group_of;
    size_t i;
    int k;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    fx_generate(l, 2024, 400, fx_day("2020-12-20"), 1200);
    kehu_standards_init(&std);
    group_of = kehu_calloc(kehu_ledger_count(l), sizeof *group_of);
    for (i = 0; i < kehu_ledger_count(l); i++) {
        kehu_customer c;
        kehu_ledger_customer(l, i, &c);
        group_of[i] = c.dim[KEHU_DIM_BRANCH];
    }
    for (k = KEHU_PERIOD_WEEK; k < KEHU_PERIOD_COUNT; k++) {
        kehu_bridge_options o;
        kehu_bridge *b = NULL;

        kehu_bridge_options_init(&o);
        o.kind = (kehu_period_kind)k;
        o.by = KEHU_DIM_BRANCH;
        CHECK(kehu_bridge_compute(l, &std, &o, &b) == KEHU_OK);
        if (b != NULL) {
            CHECK(b->n_periods > 0);
            CHECK_EQ_I64(check_bridge(l, &std, b, 0, group_of), 0);
        }
        kehu_bridge_free(b);
    }
    /* Trailing windows shorter and longer than the year of the loyal
     * rule, and one shorter than a period. */
    for (k = 0; k < 3; k++) {
        static const int32_t windows[3] = {90, 400, 20};
        kehu_bridge_options o;
        kehu_bridge *b = NULL;

        kehu_bridge_options_init(&o);
        o.kind = k == 2 ? KEHU_PERIOD_MONTH : KEHU_PERIOD_QUARTER;
        o.by = KEHU_DIM_BRANCH;
        o.window_days = windows[k];
        CHECK(kehu_bridge_compute(l, &std, &o, &b) == KEHU_OK);
        if (b != NULL) {
            CHECK_EQ_I64(check_bridge(l, &std, b, windows[k], group_of), 0);
        }
        kehu_bridge_free(b);
    }
    /* Days: a short explicit range keeps the test quick. */
    {
        kehu_bridge_options o;
        kehu_bridge *b = NULL;
        uint32_t *one = kehu_calloc(kehu_ledger_count(l), sizeof *one);

        kehu_bridge_options_init(&o);
        o.kind = KEHU_PERIOD_DAY;
        o.first_period = fx_day("2021-12-25");
        o.last_period = fx_day("2022-01-08");
        CHECK(kehu_bridge_compute(l, &std, &o, &b) == KEHU_OK);
        CHECK(b != NULL && b->n_periods == 15);
        if (b != NULL && one != NULL) {
            CHECK_EQ_I64(check_bridge(l, &std, b, 0, one), 0);
        }
        kehu_free(one);
        kehu_bridge_free(b);
    }
    kehu_free(group_of);
    kehu_ledger_free(l);
}

static kehu_status count_dates(void *ctx, size_t d, const kehu_summary *head,
                               const size_t *customer, const kehu_class *cls)
{
    (void)d;
    (void)head;
    (void)customer;
    (void)cls;
    ++*(size_t *)ctx;
    return KEHU_OK;
}

/* kehu_tiers_over_dates refuses falling dates and two kinds of window. */
static void check_tiers_args(void)
{
    kehu_ledger *l = NULL;
    kehu_standards std;
    int32_t dates[3] = {19000, 19100, 19050};
    size_t calls = 0;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    kehu_standards_init(&std);
    CHECK(kehu_tiers_over_dates(l, &std, dates, 3, 0, KEHU_DAY_NONE,
                                count_dates, &calls) == KEHU_EINVAL);
    CHECK(kehu_tiers_over_dates(l, &std, dates, 2, 30, 18000, count_dates,
                                &calls) == KEHU_EINVAL);
    CHECK(kehu_tiers_over_dates(l, &std, dates, 2, 30, KEHU_DAY_NONE,
                                count_dates, &calls) == KEHU_OK);
    CHECK_EQ_I64(calls, 2);
    kehu_ledger_free(l);
}

static kehu_status fail_second(void *ctx, size_t d, const kehu_summary *head,
                               const size_t *customer, const kehu_class *cls)
{
    size_t *calls = ctx;

    (void)head;
    (void)customer;
    (void)cls;
    ++*calls;
    return d == 1 ? KEHU_ETOOBIG : KEHU_OK;
}

/* With enough customers for the second thread: the dates reach the
 * callback in order, and its failure stops the run and is returned. */
static void check_tiers_threaded(void)
{
    kehu_ledger *l = NULL;
    kehu_standards std;
    int32_t dates[3] = {fx_day("2021-03-01"), fx_day("2021-06-01"),
                        fx_day("2021-09-01")};
    size_t calls = 0;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    fx_generate(l, 7, 70000, fx_day("2020-12-20"), 300);
    kehu_standards_init(&std);
    CHECK(kehu_ledger_count(l) >= 65536);
    CHECK(kehu_tiers_over_dates(l, &std, dates, 3, 0, KEHU_DAY_NONE,
                                fail_second, &calls) == KEHU_ETOOBIG);
    CHECK_EQ_I64(calls, 2);
    calls = 0;
    CHECK(kehu_tiers_over_dates(l, &std, dates, 3, 90, KEHU_DAY_NONE,
                                count_dates, &calls) == KEHU_OK);
    CHECK_EQ_I64(calls, 3);
    kehu_ledger_free(l);
}

void test_bridge(void)
{
    check_tiers_args();
    check_tiers_threaded();
    check_hand();
    check_twice();
    check_generated();
}
