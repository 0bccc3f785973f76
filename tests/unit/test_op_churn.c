/* SPDX-License-Identifier: MIT */
/*
 * The churn operation without argv: warnings ranked by value at risk on a
 * generated ledger, the backtest table (the pooled row adds up the
 * cut-offs), the errors of its parameters, and an out-of-memory sweep.
 */
#include "fixture.h"
#include "model_ops.h"

void test_op_churn(void);

void test_op_churn(void)
{
    static const char *const warn[] = {"as-of=2024-10-01", NULL};
    static const char *const none[] = {"model=none", "as-of=2024-10-01", NULL};
    static const char *const bt[] = {"backtest", "periods=3", "outcome-days=90",
                                     NULL};
    static const char *const no_bt[] = {"periods=3", NULL};
    static const char *const bad_p[] = {"p-alive-below=1.5", NULL};
    static const char *const bad_ratio[] = {"overdue-ratio=0", NULL};
    static mo_cells rec;
    kehu_ledger *l = NULL;
    kehu_result *r = NULL;
    kehu_error err;
    size_t k, rows;
    double customers = 0, warned = 0;

    CHECK_EQ_I64(kehu_ledger_new(&l), KEHU_OK);
    if (l == NULL) {
        return;
    }
    mo_generate_spend(l, 5, 800, fx_day("2023-01-01"), 730);
    CHECK_EQ_I64(mo_run("churn", l, warn, &rec, &r, &err), KEHU_OK);
    rows = rec.n / 11;
    CHECK(rows > 10);
    CHECK_EQ_I64(rec.n % 11, 0);
    for (k = 1; k < rows; k++) { /* ranked by value at risk */
        CHECK(rec.num[k * 11 + 7] <= rec.num[(k - 1) * 11 + 7]);
    }
    CHECK(mo_note(r, KEHU_NOTE_MODEL) != NULL);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("churn", l, none, &rec, &r, &err), KEHU_OK);
    CHECK(mo_note(r, KEHU_NOTE_MODEL) == NULL);
    CHECK(rec.n > 0 && isnan(rec.num[2])); /* no P(alive) */
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("churn", l, bt, &rec, &r, &err), KEHU_OK);
    CHECK_EQ_I64(rec.n, 4 * 8);
    for (k = 0; k < 3; k++) {
        customers += rec.num[k * 8 + 1];
        warned += rec.num[k * 8 + 2];
    }
    CHECK_STR(rec.str[3 * 8], "all");
    CHECK_NEAR(rec.num[3 * 8 + 1], customers, 1e-12);
    CHECK_NEAR(rec.num[3 * 8 + 2], warned, 1e-12);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("churn", l, no_bt, NULL, &r, &err), KEHU_EINVAL);
    CHECK(strstr(err.msg, "go with backtest") != NULL);
    CHECK_EQ_I64(mo_run("churn", l, bad_p, NULL, &r, &err), KEHU_ERANGE);
    CHECK_STR(err.field, "p-alive-below");
    CHECK_EQ_I64(mo_run("churn", l, bad_ratio, NULL, &r, &err), KEHU_EINVAL);
    CHECK(mo_oom("churn", l, bt) > 5);
    kehu_ledger_free(l);
}
