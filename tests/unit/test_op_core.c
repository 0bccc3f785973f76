/* SPDX-License-Identifier: MIT */
/*
 * The core operation without argv: per-quarter counts by branch (each
 * row's tiers add up to its customers; the first row of a branch has no
 * change), the Pareto view, the errors of period and by, and an
 * out-of-memory sweep.
 */
#include "fixture.h"
#include "model_ops.h"

void test_op_core(void);

void test_op_core(void)
{
    static const char *const quarters[] = {"period=quarter", "by=branch", NULL};
    static const char *const pareto[] = {"pareto", NULL};
    static const char *const day[] = {"period=day", NULL};
    static const char *const by_tier[] = {"by=tier", NULL};
    static const char *const early[] = {"as-of=2020-01-01", NULL};
    static mo_cells rec;
    kehu_ledger *l = NULL;
    kehu_result *r = NULL;
    kehu_error err;
    size_t i;

    CHECK_EQ_I64(kehu_ledger_new(&l), KEHU_OK);
    if (l == NULL) {
        return;
    }
    fx_generate(l, 5, 300, fx_day("2023-01-01"), 540);
    CHECK_EQ_I64(mo_run("core", l, quarters, &rec, &r, &err), KEHU_OK);
    /* period, branch, as_of, customers, core, potential, ordinary,
     * core_share, core_change, core_fell. */
    CHECK(rec.n >= 3 * 10);
    CHECK_EQ_I64(rec.n % 10, 0);
    for (i = 0; i + 10 <= rec.n; i += 10) {
        CHECK_NEAR(rec.num[i + 3],
                   rec.num[i + 4] + rec.num[i + 5] + rec.num[i + 6], 1e-12);
    }
    CHECK_STR(rec.str[0], "2023-Q1");
    CHECK(isnan(rec.num[8])); /* no change in the first period */
    CHECK_NEAR(rec.num[9], 0, 1e-12);
    CHECK(mo_note(r, KEHU_NOTE_STANDARD) != NULL);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("core", l, pareto, &rec, &r, &err), KEHU_OK);
    /* 6 headline metrics and the curve at 5%..100%: metric, value. */
    CHECK_EQ_I64(rec.n, 26 * 2);
    CHECK_STR(rec.str[0], "customers");
    CHECK(rec.num[1] > 100);
    CHECK_STR(rec.str[50], "pareto_100");
    CHECK_NEAR(rec.num[51], 1.0, 1e-9);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("core", l, day, NULL, &r, &err), KEHU_EINVAL);
    CHECK(strstr(err.msg, "use week, month, quarter or year") != NULL);
    CHECK_EQ_I64(mo_run("core", l, by_tier, NULL, &r, &err), KEHU_EINVAL);
    CHECK(strstr(err.msg, "use region, branch, channel") != NULL);
    CHECK_EQ_I64(mo_run("core", l, early, NULL, &r, &err), KEHU_EINVAL);
    CHECK(strstr(err.msg, "no order before") != NULL);
    CHECK(mo_oom("core", l, quarters) > 5);
    CHECK(mo_oom("core", l, pareto) > 3);
    kehu_ledger_free(l);
}
