/* SPDX-License-Identifier: MIT */
/*
 * The fit operation without argv: the parameter table on a generated
 * ledger (BG/NBD and Gamma-Gamma), the model note that carries the same
 * numbers, the errors of its parameters, and an out-of-memory sweep.
 */
#include "fixture.h"
#include "model_ops.h"

void test_op_fit(void);

/* The fit on a summary's histories (the dataset's hist, as the CLI gives
 * it for fit --summary): the same estimates as from the ledger. */
static void fit_summary(kehu_ledger *l, const mo_cells *from_ledger)
{
    static const char *const kv[] = {"model=bgnbd", "summary", NULL};
    static mo_cells rec;
    kehu_summary_options so;
    kehu_summary *s = NULL;
    kehu_hist *h = NULL;
    kehu_dataset d;
    kehu_result *r = NULL;
    kehu_error err;
    double x[800], t_x[800], T[800];
    size_t i, n = 0;
    int32_t first, last;

    kehu_ledger_span(l, &first, &last);
    kehu_summary_options_init(&so);
    so.unit = KEHU_UNIT_WEEK;
    so.as_of_day = last + 1;
    CHECK_EQ_I64(kehu_summary_compute(l, &so, &s), KEHU_OK);
    for (i = 0; s != NULL && i < s->n && n < 800; i++) {
        const kehu_summary_row *row = &s->rows[i];
        if (row->first_purchase != KEHU_DAY_NONE) {
            x[n] = row->purchase_days - 1;
            t_x[n] = row->t_x;
            T[n] = (double)(last - row->first_purchase) / 7.0;
            n++;
        }
    }
    CHECK_EQ_I64(kehu_hist_new(x, t_x, T, NULL, n, &h), KEHU_OK);
    kehu_dataset_init(&d);
    d.hist = h;
    CHECK_EQ_I64(mo_run_data("fit", &d, kv, &rec, &r, &err), KEHU_OK);
    CHECK_EQ_I64(rec.n, from_ledger->n);
    for (i = 0; i < 4 * 3 && i < rec.n; i++) {
        if (!isnan(rec.num[i])) {
            CHECK_NEAR(rec.num[i], from_ledger->num[i], 1e-9);
        }
    }
    kehu_result_free(r);
    kehu_hist_free(h);
    kehu_summary_free(s);
}

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
    fit_summary(l, &rec);

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
