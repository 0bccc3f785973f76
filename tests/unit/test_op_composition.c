/* SPDX-License-Identifier: MIT */
/*
 * The composition operation without argv: groups by branch on a small
 * ledger (revenue order, shares, the total row), two dimensions crossed,
 * the errors of by, and an out-of-memory sweep.
 */
#include "fixture.h"
#include "model_ops.h"

void test_op_composition(void);

void test_op_composition(void)
{
    static const char *const by_branch[] = {"by=branch", NULL};
    static const char *const crossed[] = {"by=branch,tier", NULL};
    static const char *const none[] = {NULL};
    static const char *const bogus[] = {"by=colour", NULL};
    static const char *const twice[] = {"by=tier,tier", NULL};
    static mo_cells rec;
    kehu_ledger *l = NULL;
    kehu_result *r = NULL;
    kehu_error err;

    CHECK_EQ_I64(kehu_ledger_new(&l), KEHU_OK);
    if (l == NULL) {
        return;
    }
    fx_add(l, "a", "2024-01-05", 100, "N", "east");
    fx_add(l, "b", "2024-02-05", 20, "N", "east");
    fx_add(l, "b", "2024-03-05", 30, "N", "east");
    fx_add(l, "c", "2024-02-10", 30, "S", "west");
    CHECK_EQ_I64(mo_run("composition", l, by_branch, &rec, &r, &err), KEHU_OK);
    /* east, west, total; 7 cells each (no cost: profit null). */
    CHECK_EQ_I64(rec.n, 3 * 7);
    CHECK_STR(rec.str[0], "east");
    CHECK_NEAR(rec.num[1], 2, 1e-12);
    CHECK_NEAR(rec.num[2], 2.0 / 3.0, 1e-12);
    CHECK_NEAR(rec.num[3], 150, 1e-12);
    CHECK_NEAR(rec.num[4], 150.0 / 180.0, 1e-12);
    CHECK(isnan(rec.num[5]));
    CHECK_STR(rec.str[7], "west");
    CHECK_STR(rec.str[14], "total");
    CHECK_NEAR(rec.num[15], 3, 1e-12);
    CHECK_NEAR(rec.num[17], 180, 1e-12);
    CHECK(mo_note(r, KEHU_NOTE_STANDARD) != NULL);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("composition", l, crossed, &rec, &r, &err), KEHU_OK);
    CHECK_EQ_I64(rec.n % 8, 0);
    CHECK_STR(rec.str[rec.n - 8], "total");
    CHECK_NEAR(rec.num[rec.n - 6], 3, 1e-12);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("composition", l, none, NULL, &r, &err), KEHU_EINVAL);
    CHECK(strstr(err.msg, "give --by") != NULL);
    CHECK_EQ_I64(mo_run("composition", l, bogus, NULL, &r, &err), KEHU_EINVAL);
    CHECK(strstr(err.msg, "unknown dimension 'colour'") != NULL);
    CHECK_EQ_I64(mo_run("composition", l, twice, NULL, &r, &err), KEHU_EINVAL);
    CHECK(mo_oom("composition", l, crossed) > 5);
    kehu_ledger_free(l);
}
