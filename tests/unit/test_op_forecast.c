/* SPDX-License-Identifier: MIT */
/*
 * The forecast operation without argv: backtest and forecast rows of the
 * time-series methods and the model-based one on a generated ledger, one
 * best method per series, the notes, the errors of its parameters, and
 * an out-of-memory sweep.
 */
#include "fixture.h"
#include "model_ops.h"

void test_op_forecast(void);

void test_op_forecast(void)
{
    static const char *const ok[] = {"period=month", "horizon=3", NULL};
    static const char *const none[] = {"model=none", "horizon=3", NULL};
    static const char *const short_data[] = {"period=year", NULL};
    static const char *const bad_h[] = {"horizon=0", NULL};
    static mo_cells rec;
    kehu_ledger *l = NULL;
    kehu_result *r = NULL;
    kehu_error err;
    size_t k, rows, best = 0, model_rows = 0;

    CHECK_EQ_I64(kehu_ledger_new(&l), KEHU_OK);
    if (l == NULL) {
        return;
    }
    mo_generate_spend(l, 5, 800, fx_day("2023-01-01"), 730);
    CHECK_EQ_I64(mo_run("forecast", l, ok, &rec, &r, &err), KEHU_OK);
    CHECK_EQ_I64(rec.n % 8, 0);
    rows = rec.n / 8;
    /* active: 3 methods, new: 2; backtest 3 + forecast 3 each. */
    CHECK_EQ_I64(rows, 5 * 6);
    for (k = 0; k < rows; k++) {
        best += rec.num[k * 8 + 7] == 1;
        model_rows += strcmp(rec.str[k * 8 + 1], "bgnbd") == 0;
        CHECK(rec.num[k * 8 + 5] >= 0);
    }
    CHECK_EQ_I64(best, 2 * 6); /* one best method per series */
    CHECK_EQ_I64(model_rows, 6);
    CHECK(mo_note(r, KEHU_NOTE_MODEL) != NULL);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("forecast", l, none, &rec, &r, &err), KEHU_OK);
    CHECK_EQ_I64(rec.n / 8, 4 * 6);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("forecast", l, short_data, NULL, &r, &err),
                 KEHU_EINVAL);
    CHECK(strstr(err.msg, "complete periods of history") != NULL);
    CHECK_EQ_I64(mo_run("forecast", l, bad_h, NULL, &r, &err), KEHU_ERANGE);
    CHECK_STR(err.field, "horizon");
    CHECK(mo_oom("forecast", l, ok) > 5);
    kehu_ledger_free(l);
}
