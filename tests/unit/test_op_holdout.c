/* SPDX-License-Identifier: MIT */
/*
 * The holdout operation without argv: its table on a generated ledger
 * (buckets add up to the total row), the fit note, the errors of its
 * parameters, and an out-of-memory sweep.
 */
#include "fixture.h"
#include "model_ops.h"

void test_op_holdout(void);

void test_op_holdout(void)
{
    static const char *const ok[] = {"calibration-end=2024-06-30", NULL};
    static const char *const no_end[] = {"model=pnbd", NULL};
    static const char *const bad_model[] = {"model=foo", NULL};
    static const char *const as_of[] = {"calibration-end=2024-06-30",
                                        "as-of=2024-07-01", NULL};
    static const char *const late[] = {"calibration-end=2026-06-30", NULL};
    static mo_cells rec;
    kehu_ledger *l = NULL;
    kehu_result *r = NULL;
    kehu_error err;
    double customers = 0;
    size_t k;

    CHECK_EQ_I64(kehu_ledger_new(&l), KEHU_OK);
    if (l == NULL) {
        return;
    }
    mo_generate(l, 11, 800, fx_day("2023-01-01"), 730);
    CHECK_EQ_I64(mo_run("holdout", l, ok, &rec, &r, &err), KEHU_OK);
    /* 8 holdout buckets, the total, 8 calibration buckets; 5 cells. */
    CHECK_EQ_I64(rec.n, 17 * 5);
    for (k = 0; k < 8; k++) {
        CHECK_STR(rec.str[k * 5], "holdout");
        customers += rec.num[k * 5 + 2];
    }
    CHECK_STR(rec.str[8 * 5 + 1], "total");
    CHECK_NEAR(rec.num[8 * 5 + 2], customers, 1e-12);
    CHECK(customers > 100);
    CHECK(rec.num[8 * 5 + 4] > 0); /* expected repeat purchases */
    CHECK(mo_note(r, KEHU_NOTE_MODEL) != NULL);
    CHECK(mo_field(mo_note(r, KEHU_NOTE_MODEL), "r") > 0);
    CHECK_NEAR(mo_field(mo_note(r, KEHU_NOTE_MODEL), "customers"), customers,
               1e-12);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("holdout", l, no_end, NULL, &r, &err), KEHU_EINVAL);
    CHECK(strstr(err.msg, "give calibration-end") != NULL);
    CHECK_EQ_I64(mo_run("holdout", l, bad_model, NULL, &r, &err), KEHU_ERANGE);
    CHECK_STR(err.field, "model");
    CHECK_EQ_I64(mo_run("holdout", l, as_of, NULL, &r, &err), KEHU_EINVAL);
    CHECK_EQ_I64(mo_run("holdout", l, late, NULL, &r, &err), KEHU_EINVAL);
    CHECK(strstr(err.msg, "holdout-end must be after") != NULL);
    CHECK(mo_oom("holdout", l, ok) > 5);
    kehu_ledger_free(l);
}
