/* SPDX-License-Identifier: MIT */
/*
 * The clv operation without argv: per-customer values on a generated
 * ledger (expected spend = spend per purchase x expected purchases; clv
 * no more than that undiscounted), groups that add up to the customers,
 * given parameters, the errors of its parameters, and an out-of-memory
 * sweep.
 */
#include "fixture.h"
#include "model_ops.h"

void test_op_clv(void);

void test_op_clv(void)
{
    static const char *const ok[] = {"as-of=2024-10-01", NULL};
    static const char *const by[] = {"as-of=2024-10-01", "by=stage", NULL};
    static const char *const given[] = {"params=0.5,2,0.7,1.9",
                                        "gg-params=6,4,15", NULL};
    static const char *const bad_by[] = {"by=colour", NULL};
    static const char *const bad_q[] = {"gg-params=6,1,15", NULL};
    static const char *const bad_d[] = {"discount=5", NULL};
    static mo_cells rec;
    kehu_ledger *l = NULL;
    kehu_result *r = NULL;
    kehu_error err;
    size_t k, rows;
    double customers = 0;

    CHECK_EQ_I64(kehu_ledger_new(&l), KEHU_OK);
    if (l == NULL) {
        return;
    }
    mo_generate_spend(l, 5, 800, fx_day("2023-01-01"), 730);
    CHECK_EQ_I64(mo_run("clv", l, ok, &rec, &r, &err), KEHU_OK);
    CHECK_EQ_I64(rec.n % 9, 0);
    rows = rec.n / 9;
    CHECK(rows > 100);
    for (k = 0; k < rows; k++) {
        const double *v = &rec.num[k * 9];
        CHECK_NEAR(v[4], v[3] * v[2], 1e-9);
        CHECK(v[5] <= v[4] * (1 + 1e-12));
    }
    CHECK(mo_note(r, KEHU_NOTE_MODEL) != NULL);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("clv", l, by, &rec, &r, &err), KEHU_OK);
    CHECK_EQ_I64(rec.n % 6, 0);
    for (k = 0; k < rec.n / 6; k++) {
        customers += rec.num[k * 6 + 1];
    }
    CHECK_NEAR(customers, (double)rows, 0);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("clv", l, given, &rec, &r, &err), KEHU_OK);
    CHECK_NEAR(mo_field(mo_note(r, KEHU_NOTE_MODEL), "r"), 0.5, 0);
    CHECK_NEAR(mo_field(mo_note(r, KEHU_NOTE_MODEL), "given"), 1, 0);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("clv", l, bad_by, NULL, &r, &err), KEHU_EINVAL);
    CHECK(strstr(err.msg, "colour") != NULL);
    CHECK_EQ_I64(mo_run("clv", l, bad_q, NULL, &r, &err), KEHU_EINVAL);
    CHECK(strstr(err.msg, "q must exceed 1") != NULL);
    CHECK_EQ_I64(mo_run("clv", l, bad_d, NULL, &r, &err), KEHU_EINVAL);
    CHECK(mo_oom("clv", l, ok) > 5);
    kehu_ledger_free(l);
}
