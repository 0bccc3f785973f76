/* SPDX-License-Identifier: MIT */
/* The cohort operation without argv: cells of the hand-worked log of
 * test_cohort.c, a bad parameter, and an out-of-memory sweep. */
#include "fixture.h"
#include "oom.h"
#include "op_cells.h"

#include "kehu/app/result.h"

void test_op_cohort(void);

static rec cells;

static kehu_ledger *hand_ledger(void)
{
    kehu_ledger *l = NULL;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    fx_add(l, "A", "2025-01-05", 10, "", "");
    fx_add(l, "A", "2025-02-05", 10, "", "");
    fx_add(l, "A", "2025-02-05", -4, "", "");
    fx_add(l, "A", "2025-03-31", 10, "", "");
    fx_add(l, "B", "2025-01-31", 10, "", "");
    fx_add(l, "B", "2025-04-01", 10, "", "");
    fx_add(l, "C", "2025-02-01", 10, "", "");
    fx_add(l, "C", "2025-02-28", 10, "", "");
    fx_add(l, "D", "2025-03-01", 10, "", "");
    fx_add(l, "D", "2025-04-30", 10, "", "");
    return l;
}

static void check_cells(const kehu_dataset *d)
{
    static const char *const revenue[] = {"metric", "revenue", "counts", "",
                                          NULL};
    kehu_result *r = NULL;
    const kehu_table *t;
    kehu_error err;

    CHECK(rec_run("cohort", d, NULL, &r, &err) == KEHU_OK);
    CHECK(r != NULL && kehu_result_ntables(r) == 1);
    if (r != NULL) {
        t = kehu_result_table_at(r, 0);
        CHECK_EQ_I64(t->ncols, 6); /* cohort, size, k0..k3 */
        CHECK_STR(t->cols[5].key, "k3");
        CHECK(rec_table(r, 0, &cells) == KEHU_OK);
        CHECK_EQ_I64(cells.n, 4 * 6);
        CHECK_STR(rec_at(&cells, 6, 0, 0), "2025-01");
        CHECK_STR(rec_at(&cells, 6, 0, 1), "2");
        CHECK_STR(rec_at(&cells, 6, 0, 3), "0.500000");
        CHECK_STR(rec_at(&cells, 6, 3, 3), ""); /* not observed */
    }
    kehu_result_free(r);

    CHECK(rec_run("cohort", d, revenue, &r, &err) == KEHU_OK);
    if (r != NULL) {
        CHECK(rec_table(r, 0, &cells) == KEHU_OK);
        CHECK_STR(rec_at(&cells, 6, 0, 2), "20.000000");
        CHECK_STR(rec_at(&cells, 6, 0, 3), "6.000000");
    }
    kehu_result_free(r);
}

static void check_bad(const kehu_dataset *d)
{
    static const char *const bad[] = {"metric", "visits", NULL};
    static const char *const period[] = {"period", "fortnight", NULL};
    kehu_result *r = NULL;
    kehu_error err;

    CHECK(rec_run("cohort", d, bad, &r, &err) == KEHU_ERANGE);
    CHECK_STR(err.field, "metric");
    CHECK(strstr(err.msg, "use customers or revenue") != NULL);
    CHECK(r == NULL);
    CHECK(rec_run("cohort", d, period, &r, &err) == KEHU_ERANGE);
    CHECK_STR(err.field, "period");
}

static void check_oom(const kehu_dataset *d)
{
    kehu_result *r = NULL;
    kehu_error err;
    kehu_status rc = KEHU_ENOMEM;
    int k;

    for (k = 1; k < 200 && rc == KEHU_ENOMEM; k++) {
        oom_begin(k);
        rc = rec_run("cohort", d, NULL, &r, &err);
        oom_end();
        CHECK(rc == KEHU_OK || rc == KEHU_ENOMEM);
        CHECK(rc == KEHU_OK || r == NULL);
        kehu_result_free(r);
        r = NULL;
    }
    CHECK(rc == KEHU_OK);
}

void test_op_cohort(void)
{
    kehu_dataset d;

    kehu_dataset_init(&d);
    d.ledger = hand_ledger();
    check_cells(&d);
    check_bad(&d);
    check_oom(&d);
    kehu_ledger_free(d.ledger);
}
