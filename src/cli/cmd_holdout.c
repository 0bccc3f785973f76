/* SPDX-License-Identifier: MIT */
/*
 * `kehu holdout FILE --calibration-end D`: fit a purchase model on the
 * calibration period (purchases on or before D, T = D - first purchase)
 * and compare its predictions with the holdout (purchase days after D up
 * to --holdout-end), per calibration frequency and in total, plus the
 * calibration fit table of the papers (SPEC.md section 7).
 */
#include "cli_model.h"

#include "kehu/date.h"
#include "kehu/holdout.h"

#include <stdlib.h>
#include <string.h>

static const cli_option options[] = {
    {"model", "M", "purchase model: bgnbd (default), pnbd or mbgnbd"},
    {"calibration-end", "DATE",
     "last day of the calibration period "
     "(inclusive; required)"},
    {"holdout-end", "DATE",
     "last day of the holdout (inclusive; default: "
     "the last order day)"},
    {NULL, NULL, NULL},
};

static const out_column columns[] = {
    {"section", "部分", OUT_STR, 0},
    {"x", "校准期重复购买次数", OUT_STR, 0},
    {"customers", "客户数", OUT_INT, 0},
    {"actual", "实际", OUT_NUM, 2},
    {"expected", "模型预期", OUT_NUM, 2},
};

#define NCOLS (sizeof columns / sizeof columns[0])

static const char *const bucket_labels[KEHU_HOLDOUT_BUCKETS] = {
    "0", "1", "2", "3", "4", "5", "6", "7+"};

static int print(cli_ctx *c, const kehu_holdout_result *r)
{
    out_table *t = out_table_begin(c->out, c->fmt, c->lang, columns, NCOLS);
    int k;

    if (t == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    for (k = 0; k < KEHU_HOLDOUT_BUCKETS; k++) {
        out_str(t, "holdout");
        out_str(t, bucket_labels[k]);
        out_int(t, (int64_t)r->bucket[k].customers);
        out_num(t, r->bucket[k].actual);
        out_num(t, r->bucket[k].predicted);
    }
    out_str(t, "holdout");
    out_str(t, "total");
    out_int(t, (int64_t)r->total.customers);
    out_num(t, r->total.actual);
    out_num(t, r->total.predicted);
    for (k = 0; k < KEHU_HOLDOUT_BUCKETS; k++) {
        out_str(t, "calibration");
        out_str(t, bucket_labels[k]);
        out_int(t, (int64_t)r->cal_actual[k]);
        out_num(t, r->cal_actual[k]);
        if (r->has_cal_expected) {
            out_num(t, r->cal_expected[k]);
        } else {
            out_null(t);
        }
    }
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
}

static int evaluate(cli_ctx *c, const kehu_ledger *l, int32_t cal_end,
                    int32_t hold_end, double unit_days, cli_model *m)
{
    kehu_holdout_data *d = NULL;
    kehu_holdout_result r;
    cli_histories h;
    kehu_status rc;
    int code;

    rc = kehu_holdout_split(l, cal_end, hold_end, unit_days, &d);
    if (rc != KEHU_OK) {
        return cli_error(c, cli_exit_code(rc), "split failed: %s",
                         kehu_strerror(rc));
    }
    /* A view of the calibration histories (not owned). */
    memset(&h, 0, sizeof h);
    h.x = d->x;
    h.t_x = d->t_x;
    h.T = d->T;
    h.n = d->n;
    code = cli_model_fit(c, &h, m);
    if (code == 0) {
        rc = kehu_holdout_evaluate(&m->m, d, &r);
        code = rc == KEHU_OK
                   ? print(c, &r)
                   : cli_error(c, cli_exit_code(rc), "evaluation failed: %s",
                               kehu_strerror(rc));
    }
    if (code == 0 && !c->quiet) {
        (void)fprintf(stderr,
                      "holdout: %.2f units after the calibration end: %.0f "
                      "repeat purchases, %.1f predicted\n",
                      d->t_holdout, r.total.actual, r.total.predicted);
    }
    kehu_holdout_data_free(d);
    return code;
}

static int run(cli_ctx *c)
{
    kehu_summary_options so;
    kehu_ledger *l = NULL;
    cli_model m;
    int32_t cal_end = KEHU_DAY_NONE, hold_end = KEHU_DAY_NONE, first, last;
    int code;

    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu holdout "
                         "--help)");
    }
    code = cli_model_parse(c, "model", "bgnbd", &m);
    if (code == 0 && (cli_opt_day(c, "calibration-end", &cal_end) != 0 ||
                      cli_opt_day(c, "holdout-end", &hold_end) != 0)) {
        code = 2;
    }
    if (code == 0 && cal_end == KEHU_DAY_NONE) {
        code = cli_error(c, 2,
                         "give --calibration-end DATE (the last day of "
                         "the calibration period)");
    }
    if (code == 0 && cli_has(c, "as-of")) {
        code = cli_error(c, 2,
                         "--as-of does not apply: the calibration "
                         "period ends at --calibration-end");
    }
    if (code == 0 && (cli_has(c, "since") || cli_has(c, "window"))) {
        code = cli_error(c, 2,
                         "--since/--window do not apply: the calibration "
                         "period holds every purchase up to "
                         "--calibration-end");
    }
    if (code != 0) {
        return code;
    }
    code = cli_load_ledger(c, c->args[0], &l);
    if (code != 0) {
        return code;
    }
    code = cli_summary_options(c, l, &so);
    if (code == 0) {
        cli_model_unit(c, &so);
        kehu_ledger_span(l, &first, &last);
        if (hold_end == KEHU_DAY_NONE) {
            hold_end = last;
        }
        if (hold_end <= cal_end) {
            code = cli_error(c, 2,
                             "--holdout-end must be after "
                             "--calibration-end (the data end on the "
                             "last order day by default)");
        }
    }
    if (code == 0) {
        code = evaluate(c, l, cal_end, hold_end, kehu_unit_days(so.unit), &m);
    }
    kehu_ledger_free(l);
    return code;
}

const cli_command cli_cmd_holdout = {
    "holdout",
    "calibration/holdout check of a purchase model: predicted vs actual "
    "(SPEC 7)",
    "FILE --calibration-end DATE [options]",
    "Calibration = purchases on or before --calibration-end D (inclusive),\n"
    "T = D - first purchase, for every customer who bought by D; the model\n"
    "is fitted on those histories (--unit, default week). Holdout = the\n"
    "purchase days after D up to --holdout-end E (inclusive). Purchases are\n"
    "counted by day, as the model's x (several orders on a day are one).\n"
    "Rows 'holdout': customers by calibration repeat purchases x (0..6,\n"
    "7+, total), actual = their repeat purchases in the holdout, expected =\n"
    "sum of E[Y(E - D) | x, t_x, T]. Rows 'calibration': customers with x\n"
    "repeat purchases in the calibration period, actual vs expected =\n"
    "sum over customers of P(X(T_i) = x) (the fit figure of the papers).",
    options,
    1,
    run,
    NULL,
};
