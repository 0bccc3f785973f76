/* SPDX-License-Identifier: MIT */
/* The bridge and migrate operations without argv, on the hand-worked case
 * of test_bridge.c: cells, the standard note, bad parameters, and an
 * out-of-memory sweep. */
#include "fixture.h"
#include "oom.h"
#include "op_cells.h"

#include "kehu/bridge.h"

void test_op_bridge(void);

static rec cells;

/* P: potential in January, core in February; Q: ordinary; R: churned by
 * February; S: churned, back in February as potential. */
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

static const char *const from_jan[] = {"from", "2025-01", NULL};

static void check_bridge(const kehu_dataset *d)
{
    kehu_result *r = NULL;
    kehu_error err;

    CHECK(rec_run("bridge", d, from_jan, &r, &err) == KEHU_OK);
    if (r == NULL) {
        return;
    }
    CHECK_EQ_I64(kehu_result_table_at(r, 0)->ncols, 9);
    CHECK(rec_table(r, 0, &cells) == KEHU_OK);
    CHECK_EQ_I64(cells.n, 8 * 9); /* 2 months x (3 tiers + total) */
    /* January, potential: P is new. */
    CHECK_STR(rec_at(&cells, 9, 1, 0), "2025-01");
    CHECK_STR(rec_at(&cells, 9, 1, 1), "potential");
    CHECK_STR(rec_at(&cells, 9, 1, 3), "1");
    CHECK_STR(rec_at(&cells, 9, 1, 8), "1");
    /* January total: R at the start, P and Q new, R churned. */
    CHECK_STR(rec_at(&cells, 9, 3, 1), "total");
    CHECK_STR(rec_at(&cells, 9, 3, 2), "1");
    CHECK_STR(rec_at(&cells, 9, 3, 3), "2");
    CHECK_STR(rec_at(&cells, 9, 3, 5), "1");
    CHECK_STR(rec_at(&cells, 9, 3, 8), "2");
    /* February, core: P moved in. */
    CHECK_STR(rec_at(&cells, 9, 4, 0), "2025-02");
    CHECK_STR(rec_at(&cells, 9, 4, 6), "1");
    CHECK(kehu_result_nnotes(r) == 1 &&
          kehu_result_note_at(r, 0)->kind == KEHU_NOTE_STANDARD);
    kehu_result_free(r);
}

static void check_migrate(const kehu_dataset *d)
{
    static const char *const dates[] = {"from", "2025-01-01", "to",
                                        "2025-03-01", NULL};
    kehu_result *r = NULL;
    kehu_error err;

    CHECK(rec_run("migrate", d, dates, &r, &err) == KEHU_OK);
    if (r == NULL) {
        return;
    }
    CHECK(rec_table(r, 0, &cells) == KEHU_OK);
    CHECK_EQ_I64(cells.n, 6 * 12); /* five states and the total */
    CHECK_STR(rec_at(&cells, 12, 0, 0), "prospect");
    CHECK_STR(rec_at(&cells, 12, 0, 2), "1"); /* P: prospect -> core */
    CHECK_STR(rec_at(&cells, 12, 0, 4), "1"); /* Q: prospect -> ordinary */
    CHECK_STR(rec_at(&cells, 12, 0, 8), "0.500000");
    CHECK_STR(rec_at(&cells, 12, 3, 5), "1"); /* R: ordinary -> churned */
    CHECK_STR(rec_at(&cells, 12, 4, 3), "1"); /* S: churned -> potential */
    CHECK_STR(rec_at(&cells, 12, 5, 0), "total");
    CHECK_STR(rec_at(&cells, 12, 5, 6), "4");
    CHECK_STR(rec_at(&cells, 12, 1, 7), ""); /* empty row: no share */
    kehu_result_free(r);
}

static void check_bad(const kehu_dataset *d)
{
    static const char *const window[] = {"window", "-1", NULL};
    static const char *const since[] = {"since", "2025-01-01", NULL};
    static const char *const label[] = {"period", "quarter", "from", "2025-Q5",
                                        NULL};
    static const char *const order[] = {"from", "2025-03", "to", "2025-01",
                                        NULL};
    kehu_result *r = NULL;
    kehu_error err;

    CHECK(rec_run("bridge", d, window, &r, &err) == KEHU_ERANGE);
    CHECK_STR(err.field, "window");
    CHECK(rec_run("bridge", d, since, &r, &err) == KEHU_EINVAL);
    CHECK(strstr(err.msg, "since does not apply") != NULL);
    CHECK(rec_run("bridge", d, label, &r, &err) == KEHU_EPARSE);
    CHECK(strstr(err.msg, "not a quarter label") != NULL);
    CHECK(rec_run("bridge", d, order, &r, &err) == KEHU_EINVAL);
    CHECK_STR(err.msg, "to is before from");
    CHECK(rec_run("migrate", d, NULL, &r, &err) == KEHU_EINVAL);
    CHECK(strstr(err.msg, "give from DATE") != NULL);
    CHECK(r == NULL);
}

static void check_oom(const kehu_dataset *d, const char *name,
                      const char *const *kv)
{
    kehu_result *r = NULL;
    kehu_error err;
    kehu_status rc = KEHU_ENOMEM;
    int k;

    for (k = 1; k < 400 && rc == KEHU_ENOMEM; k++) {
        oom_begin(k);
        rc = rec_run(name, d, kv, &r, &err);
        oom_end();
        CHECK(rc == KEHU_OK || rc == KEHU_ENOMEM);
        kehu_result_free(r);
        r = NULL;
    }
    CHECK(rc == KEHU_OK);
}

void test_op_bridge(void)
{
    static const char *const dates[] = {"from", "2025-01-01", NULL};
    kehu_dataset d;

    kehu_dataset_init(&d);
    d.ledger = hand_ledger();
    hand_standards(&d.standards);
    check_bridge(&d);
    check_migrate(&d);
    check_bad(&d);
    check_oom(&d, "migrate", dates);
    check_oom(&d, "bridge", NULL);
    kehu_ledger_free(d.ledger);
}
