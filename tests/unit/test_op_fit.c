/* SPDX-License-Identifier: MIT */
/*
 * The fit operation without argv: the parameter table on a generated
 * ledger (BG/NBD and Gamma-Gamma), the model note that carries the same
 * numbers, the errors of its parameters, and an out-of-memory sweep.
 */
#include "fixture.h"
#include "model_ops.h"

void test_op_fit(void);

void test_op_fit(void)
{
    static const char *const bgnbd[] = {"model=bgnbd", NULL};
    static const char *const gg[] = {"model=gg", NULL};
    static const char *const holdout[] = {"model=pnbd",
                                          "calibration-end=2024-06-30",
                                          "holdout-end=2024-12-31", NULL};
    static const char *const none[] = {NULL};
    static const char *const gg_holdout[] = {"model=gg",
                                             "holdout-end=2024-12-31", NULL};
    static const char *const bad_unit[] = {"model=bgnbd", "unit=fortnight",
                                           NULL};
    static mo_cells rec;
    kehu_ledger *l = NULL;
    kehu_result *r = NULL;
    kehu_error err;
    const kehu_note *n;

    CHECK_EQ_I64(kehu_ledger_new(&l), KEHU_OK);
    if (l == NULL) {
        return;
    }
    mo_generate_spend(l, 5, 800, fx_day("2023-01-01"), 730);
    CHECK_EQ_I64(mo_run("fit", l, bgnbd, &rec, &r, &err), KEHU_OK);
    /* r, alpha, a, b, then ll, aic, bic, customers, unique, converged,
       iterations; three cells a row. */
    CHECK_EQ_I64(rec.n, 11 * 3);
    CHECK_STR(rec.str[0], "r");
    CHECK(rec.num[1] > 0 && rec.num[2] > 0);
    CHECK_STR(rec.str[4 * 3], "ll");
    CHECK_STR(rec.str[7 * 3], "customers");
    CHECK_NEAR(rec.num[7 * 3 + 1], 800, 1e-12);
    CHECK_STR(rec.str[9 * 3 + 1], "true");
    n = mo_note(r, KEHU_NOTE_MODEL);
    CHECK(n != NULL);
    CHECK_NEAR(mo_field(n, "r"), rec.num[1], 1e-12);
    CHECK_NEAR(mo_field(n, "se_r"), rec.num[2], 1e-12);
    CHECK_NEAR(mo_field(n, "ll"), rec.num[4 * 3 + 1], 1e-12);
    CHECK_NEAR(mo_field(n, "converged"), 1, 0);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("fit", l, gg, &rec, &r, &err), KEHU_OK);
    CHECK_STR(rec.str[0], "p");
    CHECK(rec.num[3 * 3 + 1] < 0); /* ll */
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("fit", l, holdout, &rec, &r, &err), KEHU_OK);
    CHECK_EQ_I64(rec.n, 13 * 3);
    CHECK_STR(rec.str[11 * 3], "holdout_predicted");
    CHECK(rec.num[11 * 3 + 1] > 0);
    CHECK(rec.num[12 * 3 + 1] > 0);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("fit", l, none, NULL, &r, &err), KEHU_EINVAL);
    CHECK(strstr(err.msg, "model (missing)") != NULL);
    CHECK_EQ_I64(mo_run("fit", l, gg_holdout, NULL, &r, &err), KEHU_EINVAL);
    CHECK_EQ_I64(mo_run("fit", l, bad_unit, NULL, &r, &err), KEHU_ERANGE);
    CHECK_STR(err.field, "unit");
    CHECK(mo_oom("fit", l, bgnbd) > 5);
    kehu_ledger_free(l);
}
