/* SPDX-License-Identifier: MIT */
/*
 * holdout: fit a purchase model on the calibration period (purchases on or
 * before D, T = D - first purchase) and compare its predictions with the
 * holdout (purchase days after D up to holdout-end), per calibration
 * frequency and in total, plus the calibration fit table of the papers.
 */
#include "dims.h"
#include "model.h"
#include "window.h"

#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/date.h"
#include "kehu/holdout.h"

#include <stddef.h>
#include <string.h>

typedef struct holdout_opts {
    int model;        /* index in kehu__model_choices */
    int32_t cal_end;  /* D, required */
    int32_t hold_end; /* E; KEHU_DAY_NONE: the last order day */
    int unit;         /* kehu_unit */
    kehu__window win; /* refused: the calibration fixes the window */
} holdout_opts;

static const kehu_param rows[] = {
    {"model", KEHU_PARAM_CHOICE, offsetof(holdout_opts, model), "bgnbd", 0, -1,
     kehu__model_choices, "M",
     "purchase model: bgnbd (default), pnbd or mbgnbd"},
    {"calibration-end", KEHU_PARAM_DATE, offsetof(holdout_opts, cal_end), NULL,
     0, -1, NULL, "DATE",
     "last day of the calibration period (inclusive; required)"},
    {"holdout-end", KEHU_PARAM_DATE, offsetof(holdout_opts, hold_end), NULL, 0,
     -1, NULL, "DATE",
     "last day of the holdout (inclusive; default: the last order day)"},
    {"unit", KEHU_PARAM_CHOICE, offsetof(holdout_opts, unit),
     KEHU__MODEL_UNIT_NAME, 0, -1, kehu__unit_choices, "UNIT",
     "day, week (default), month or year for t_x and T"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {
    {rows, 0}, {kehu__window_rows, offsetof(holdout_opts, win)}, {NULL, 0}};

static const kehu_column columns[] = {
    {"section", KEHU_COL_STR, 0, NULL},
    {"x", KEHU_COL_STR, 0, NULL},
    {"customers", KEHU_COL_INT, 0, "customers"},
    {"actual", KEHU_COL_NUM, 2, NULL},
    {"expected", KEHU_COL_NUM, 2, NULL},
};

static const char *const bucket_labels[KEHU_HOLDOUT_BUCKETS] = {
    "0", "1", "2", "3", "4", "5", "6", "7+"};

static void bucket_row(const kehu_cells *out, const char *x,
                       const kehu_holdout_bucket *b)
{
    kehu_cell_str(out, "holdout");
    kehu_cell_str(out, x);
    kehu_cell_int(out, (int64_t)b->customers);
    kehu_cell_num(out, b->actual);
    kehu_cell_num(out, b->predicted);
}

static kehu_status emit(const void *data, const kehu_cells *out)
{
    const kehu_holdout_result *r = data;
    int k;

    for (k = 0; k < KEHU_HOLDOUT_BUCKETS; k++) {
        bucket_row(out, bucket_labels[k], &r->bucket[k]);
    }
    bucket_row(out, "total", &r->total);
    for (k = 0; k < KEHU_HOLDOUT_BUCKETS; k++) {
        kehu_cell_str(out, "calibration");
        kehu_cell_str(out, bucket_labels[k]);
        kehu_cell_int(out, (int64_t)r->cal_actual[k]);
        kehu_cell_num(out, r->cal_actual[k]);
        if (r->has_cal_expected) {
            kehu_cell_num(out, r->cal_expected[k]);
        } else {
            kehu_cell_null(out);
        }
    }
    return KEHU_OK;
}

static kehu_status check(const kehu_params *p, kehu_error *err)
{
    const holdout_opts *o = p->opts;

    if (o->cal_end == KEHU_DAY_NONE) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "give calibration-end DATE (the last day of "
                              "the calibration period)");
    }
    if (kehu_params_given(p, "as-of")) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "as-of does not apply: the calibration period "
                              "ends at calibration-end");
    }
    if (kehu_params_given(p, "since") || kehu_params_given(p, "window")) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "since/window do not apply: the calibration "
                              "period holds every purchase up to "
                              "calibration-end");
    }
    return KEHU_OK;
}

/* Fit on the calibration histories of d and compare; notes the fit and
 * the holdout totals. */
static kehu_status evaluate(const kehu_op_ctx *c, kehu_holdout_data *d,
                            kehu_result *out)
{
    const holdout_opts *o = c->opts;
    kehu_holdout_result *r = kehu_calloc(1, sizeof *r);
    kehu__histories h;
    kehu__model m;
    kehu_status rc;

    if (r == NULL) {
        return KEHU_ENOMEM;
    }
    rc = kehu_result_keep(out, r, kehu_free);
    if (rc != KEHU_OK) {
        return rc;
    }
    /* A view of the calibration histories (not owned). */
    memset(&h, 0, sizeof h);
    h.x = d->x;
    h.t_x = d->t_x;
    h.T = d->T;
    h.n = d->n;
    kehu__model_init(&m, o->model);
    rc = kehu__model_fit(&m, &h, "params", NULL, c->err);
    if (rc != KEHU_OK) {
        return rc;
    }
    rc = kehu_holdout_evaluate(&m.m, d, r);
    if (rc != KEHU_OK) {
        return kehu_error_set(c->err, rc, "evaluation failed: %s",
                              kehu_strerror(rc));
    }
    rc = kehu__model_note(out, &m);
    if (rc == KEHU_OK) {
        rc = kehu_result_table(out, "holdout", columns, 5, emit, r, NULL);
    }
    if (rc == KEHU_OK) {
        kehu_note *n;
        rc =
            kehu_result_note(out, KEHU_NOTE_INFO, "holdout", &n,
                             "holdout: %.2f units after the calibration "
                             "end: %.0f repeat purchases, %.1f predicted",
                             d->t_holdout, r->total.actual, r->total.predicted);
        if (rc == KEHU_OK) {
            rc = kehu_note_num(out, n, "units", d->t_holdout);
        }
        if (rc == KEHU_OK) {
            rc = kehu_note_num(out, n, "actual", r->total.actual);
        }
        if (rc == KEHU_OK) {
            rc = kehu_note_num(out, n, "predicted", r->total.predicted);
        }
    }
    return rc;
}

static void data_free(void *p)
{
    kehu_holdout_data_free(p);
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    const holdout_opts *o = c->opts;
    const kehu_ledger *l = c->data->ledger;
    kehu_holdout_data *d = NULL;
    int32_t first, last, hold_end = o->hold_end;
    kehu_status rc;

    kehu_ledger_span(l, &first, &last);
    if (hold_end == KEHU_DAY_NONE) {
        hold_end = last;
    }
    if (hold_end <= o->cal_end) {
        return kehu_error_set(c->err, KEHU_EINVAL,
                              "holdout-end must be after calibration-end "
                              "(the data end on the last order day by "
                              "default)");
    }
    rc = kehu_holdout_split(l, o->cal_end, hold_end,
                            kehu_unit_days((kehu_unit)o->unit), &d);
    if (rc != KEHU_OK) {
        return kehu_error_set(c->err, rc, "split failed: %s",
                              kehu_strerror(rc));
    }
    rc = kehu_result_keep(out, d, data_free);
    return rc == KEHU_OK ? evaluate(c, d, out) : rc;
}

static void init(void *opts)
{
    holdout_opts *o = opts;

    o->cal_end = KEHU_DAY_NONE;
    o->hold_end = KEHU_DAY_NONE;
    kehu__window_init(&o->win);
}

const kehu_op kehu_op_holdout = {
    "holdout",
    "calibration/holdout check of a purchase model: predicted vs actual",
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
    params,
    sizeof(holdout_opts),
    init,
    KEHU_NEEDS_LEDGER,
    check,
    run,
};
