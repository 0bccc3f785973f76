/* SPDX-License-Identifier: MIT */
/*
 * The cluster operation without argv: three clusters of generated
 * customers (sizes add up, shares sum to 1, numbered by monetary), the
 * silhouette note, the errors of k, seed and view, and an out-of-memory
 * sweep.
 */
#include "fixture.h"
#include "model_ops.h"

void test_op_cluster(void);

void test_op_cluster(void)
{
    static const char *const three[] = {"k=3", "view=clusters", "seed=4", NULL};
    static const char *const two[] = {"k=2", NULL};
    static const char *const bad_k[] = {"k=1", NULL};
    static const char *const bad_seed[] = {"seed=-3", NULL};
    static const char *const bad_view[] = {"view=people", NULL};
    static mo_cells rec;
    kehu_ledger *l = NULL;
    kehu_result *r = NULL;
    kehu_error err;
    double customers = 0, share = 0;
    size_t i;

    CHECK_EQ_I64(kehu_ledger_new(&l), KEHU_OK);
    if (l == NULL) {
        return;
    }
    mo_generate(l, 3, 300, fx_day("2023-01-01"), 720);
    CHECK_EQ_I64(mo_run("cluster", l, three, &rec, &r, &err), KEHU_OK);
    CHECK_EQ_I64(rec.n, 3 * 10);
    for (i = 0; i < 3; i++) {
        CHECK_NEAR(rec.num[i * 10], (double)i + 1, 1e-12);
        customers += rec.num[i * 10 + 1];
        share += rec.num[i * 10 + 2];
    }
    CHECK_NEAR(customers, 300, 1e-12);
    CHECK_NEAR(share, 1.0, 1e-9);
    CHECK(rec.num[5] >= rec.num[15]); /* monetary_mean descending */
    CHECK(rec.num[15] >= rec.num[25]);
    CHECK(mo_note(r, KEHU_NOTE_INFO) != NULL);
    CHECK_NEAR(mo_field(mo_note(r, KEHU_NOTE_INFO), "k"), 3, 1e-12);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("cluster", l, two, &rec, &r, &err), KEHU_OK);
    CHECK_EQ_I64(rec.n, 300 * 2);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("cluster", l, bad_k, NULL, &r, &err), KEHU_EINVAL);
    CHECK(strstr(err.msg, "2..64 or auto") != NULL);
    CHECK_EQ_I64(mo_run("cluster", l, bad_seed, NULL, &r, &err), KEHU_EINVAL);
    CHECK_EQ_I64(mo_run("cluster", l, bad_view, NULL, &r, &err), KEHU_ERANGE);
    CHECK_STR(err.field, "view");
    CHECK(mo_oom("cluster", l, two) > 5);
    kehu_ledger_free(l);
}
