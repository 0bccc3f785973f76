/* SPDX-License-Identifier: MIT */
/*
 * fit: maximum-likelihood fit of a customer-base model (BG/NBD,
 * Pareto/NBD, MBG/NBD, BG/BB, Gamma-Gamma) on a ledger, or on the
 * histories of a published summary that the front end reads (the
 * dataset's hist). The result is the parameter table (estimates with
 * standard errors, then the fit statistics and, with holdout-end, the
 * predicted and actual repeat purchases after the calibration end) and
 * the same as a model note.
 *
 * From transactions the histories are, per customer with a purchase on or
 * before the calibration end D (default: the last day of data):
 *   x = repeat purchase days (distinct days after the first; BTYD and
 *       lifetimes count so), t_x = last - first purchase, T = D - first,
 *       in unit (week by default, as in the papers);
 *   BG/BB: opportunities are unit periods after the first purchase's:
 *       x = periods with a purchase, t_x = the last one, n = D's period;
 *   Gamma-Gamma: x and the mean repeat spend per purchase day.
 */
#include "dims.h"
#include "model.h"
#include "window.h"

#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/date.h"
#include "kehu/model.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

static const char *const model_choices[] = {"bgnbd", "pnbd", "mbgnbd",
                                            "bgbb",  "gg",   NULL};

typedef struct fit_opts {
    int model;        /* index in model_choices; -1 until given */
    int summary;      /* 1: FILE is a summary (the dataset's hist) */
    int32_t cal_end;  /* D; KEHU_DAY_NONE: the last day of data */
    int32_t hold_end; /* KEHU_DAY_NONE: no holdout */
    int timing;       /* the front end times the steps */
    int unit;         /* kehu_unit */
    kehu__window win; /* as-of (exclusive end); since, window refused */
} fit_opts;

static const kehu_param rows[] = {
    {"model", KEHU_PARAM_CHOICE, offsetof(fit_opts, model), NULL, 0, -1,
     model_choices, "M", "bgnbd, pnbd, mbgnbd, bgbb or gg (required)"},
    {"summary", KEHU_PARAM_FLAG, offsetof(fit_opts, summary), NULL, 0, -1, NULL,
     NULL,
     "FILE is a summary CSV (frequency/x, recency/t_x, T/periods, weights, "
     "zbar), not transactions"},
    {"calibration-end", KEHU_PARAM_DATE, offsetof(fit_opts, cal_end), NULL, 0,
     -1, NULL, "DATE",
     "fit on purchases up to DATE (inclusive); T = DATE - first purchase"},
    {"holdout-end", KEHU_PARAM_DATE, offsetof(fit_opts, hold_end), NULL, 0, -1,
     NULL, "DATE",
     "also compare predicted and actual repeat purchases after the "
     "calibration end up to DATE (inclusive)"},
    {"timing", KEHU_PARAM_FLAG, offsetof(fit_opts, timing), NULL, 0, -1, NULL,
     NULL, "print each step's time on standard error"},
    {"unit", KEHU_PARAM_CHOICE, offsetof(fit_opts, unit), KEHU__MODEL_UNIT_NAME,
     0, -1, kehu__unit_choices, "UNIT",
     "day, week (default), month or year for frequency, t_x, T"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {
    {rows, 0}, {kehu__window_rows, offsetof(fit_opts, win)}, {NULL, 0}};

static const kehu_column columns[] = {
    {"parameter", KEHU_COL_STR, 0, NULL},
    {"estimate", KEHU_COL_NUM, 6, NULL},
    {"se", KEHU_COL_NUM, 6, NULL},
};

/* The note field of a parameter's standard error. */
static const char *se_key(const char *param)
{
    static const char *const keys[][2] = {
        {"r", "se_r"},         {"alpha", "se_alpha"}, {"a", "se_a"},
        {"b", "se_b"},         {"s", "se_s"},         {"beta", "se_beta"},
        {"gamma", "se_gamma"}, {"delta", "se_delta"}, {"p", "se_p"},
        {"q", "se_q"}};
    size_t i;

    for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strcmp(keys[i][0], param) == 0) {
            return keys[i][1];
        }
    }
    return "se";
}

/* The histories to fit, as columns with weights. */
typedef struct fit_input {
    double *x, *t_x, *T, *w; /* one allocation (x owns it) */
    size_t n;
    double dropped;        /* Gamma-Gamma rows without repeat spend */
    double no_opportunity; /* BG/BB: first purchase in the last period */
} fit_input;

/* What the table shows. */
typedef struct fit_table {
    const kehu_model_def *m;
    kehu_fit_result res;
    int holdout;
    double predicted, actual;
} fit_table;

static kehu_status input_alloc(size_t n, fit_input *in)
{
    memset(in, 0, sizeof *in);
    in->x = kehu_calloc(4 * (n ? n : 1), sizeof(double));
    if (in->x == NULL) {
        return KEHU_ENOMEM;
    }
    in->t_x = in->x + n;
    in->T = in->t_x + n;
    in->w = in->T + n;
    return KEHU_OK;
}

/* Append one history (Gamma-Gamma rows without repeats are counted in
 * dropped instead). */
static void input_add(fit_input *in, const kehu_model_def *m, double x,
                      double t_x, double T, double zbar, double w)
{
    if (m->spend) {
        if (!(x > 0) || !(zbar > 0)) {
            in->dropped += w;
            return;
        }
        t_x = zbar;
        T = 0;
    }
    in->x[in->n] = x;
    in->t_x[in->n] = t_x;
    in->T[in->n] = T;
    in->w[in->n] = w;
    in->n++;
}

/* The rows of the summary's spend histories with repeat spend. */
static kehu_status from_hist(const kehu_hist *h, const kehu_model_def *m,
                             fit_input *in)
{
    size_t i;
    kehu_status rc = input_alloc(h->n, in);

    for (i = 0; rc == KEHU_OK && i < h->n; i++) {
        input_add(in, m, h->x[i], h->t_x[i], h->T[i], h->t_x[i], h->w[i]);
    }
    return rc;
}

static void add_summary_rows(const kehu_summary *s, const kehu_model_def *m,
                             fit_input *in)
{
    double ud = kehu_unit_days(s->unit);
    size_t i;

    for (i = 0; i < s->n; i++) {
        const kehu_summary_row *r = &s->rows[i];
        double T;
        if (r->first_purchase == KEHU_DAY_NONE) {
            continue;
        }
        /* D - first, D = A - 1 inclusive; in days first, so t_x <= T
           holds exactly */
        T = (double)(s->as_of_day - 1 - r->first_purchase) / ud;
        if (m->discrete) {
            /* n = 0: bought first in the calibration's last period, no
               opportunity yet to repeat; such a customer says nothing
               about the BG/BB parameters. */
            if (floor(T) < 1) {
                in->no_opportunity += 1;
                continue;
            }
            input_add(in, m, r->frequency, floor(r->t_x), floor(T), 0, 1);
        } else {
            input_add(in, m, r->purchase_days - 1, r->t_x, T,
                      r->repeat_monetary_avg, 1);
        }
    }
}

/* Sum of purchase days in (end, holdout end]: the actual repeat
 * purchases of the calibration customers. */
static kehu_status holdout_actual(const kehu_op_ctx *c, const kehu_summary *cal,
                                  int32_t end, int32_t hend, double *out)
{
    kehu_summary_options o;
    kehu_summary *s = NULL;
    kehu_status rc;
    size_t i, j = 0;

    kehu_summary_options_init(&o);
    o.since_day = end + 1;
    o.as_of_day = hend + 1;
    o.include_idle = 1;
    rc = kehu_summary_compute(c->data->ledger, &o, &s);
    if (rc != KEHU_OK) {
        return kehu_error_set(c->err, rc, "holdout summary: %s",
                              kehu_strerror(rc));
    }
    /* Both summaries are in customer-id order; count only customers
       who bought in the calibration period. */
    *out = 0;
    for (i = 0; i < cal->n; i++) {
        while (j < s->n && s->rows[j].customer != cal->rows[i].customer) {
            j++;
        }
        if (j < s->n) {
            *out += s->rows[j].purchase_days;
        }
    }
    kehu_summary_free(s);
    return KEHU_OK;
}

/* Histories from the ledger up to the calibration end; with a holdout,
 * its length in units and the actual repeat purchases. */
static kehu_status from_ledger(const kehu_op_ctx *c, const kehu_model_def *m,
                               fit_input *in, fit_table *t, double *units)
{
    const fit_opts *o = c->opts;
    const kehu_ledger *l = c->data->ledger;
    kehu_summary_options so;
    kehu_summary *s = NULL;
    int32_t first, last, end;
    kehu_status rc;

    rc = kehu__window_options(&o->win, o->unit, l, &so, c->err);
    if (rc != KEHU_OK) {
        return rc;
    }
    if (o->cal_end != KEHU_DAY_NONE) {
        so.as_of_day = o->cal_end + 1;
    }
    if (so.as_of_day == KEHU_DAY_NONE) {
        kehu_ledger_span(l, &first, &last);
        so.as_of_day = last + 1;
    }
    end = so.as_of_day - 1;
    if (o->hold_end != KEHU_DAY_NONE && o->hold_end <= end) {
        return kehu_error_set(c->err, KEHU_EINVAL,
                              "holdout-end must be after the calibration "
                              "end");
    }
    rc = kehu_summary_compute(l, &so, &s);
    if (rc != KEHU_OK) {
        return kehu_error_set(c->err, rc, "summary failed: %s",
                              kehu_strerror(rc));
    }
    rc = input_alloc(s->n, in);
    if (rc == KEHU_OK) {
        add_summary_rows(s, m, in);
        kehu_runtime_progress(c->rt, "summary", 1, 1);
    }
    if (rc == KEHU_OK && o->hold_end != KEHU_DAY_NONE) {
        double ud = kehu_unit_days(so.unit);
        t->holdout = 1;
        *units = m->discrete ? floor((o->hold_end - end) / ud)
                             : (o->hold_end - end) / ud;
        rc = holdout_actual(c, s, end, o->hold_end, &t->actual);
    }
    kehu_summary_free(s);
    return rc;
}

static kehu_status fit_error(kehu_error *err, const kehu_model_def *m,
                             kehu_status rc)
{
    if (rc == KEHU_EIDENT) {
        return kehu_error_set(err, rc,
                              "the data cannot identify the %s model (too "
                              "few repeat purchases or distinct histories); "
                              "use a longer calibration period or more "
                              "customers",
                              m->title);
    }
    if (rc == KEHU_ERANGE) {
        return kehu_error_set(
            err, KEHU_EINVAL, "%s: invalid histories (%s); check the columns",
            m->title,
            m->discrete ? "need whole numbers, 0 <= x <= t_x <= n, t_x = 0 "
                          "exactly when x = 0"
            : m->spend  ? "need x > 0 and zbar > 0"
                        : "need x >= 0, 0 <= t_x <= T, t_x = 0 when x = 0");
    }
    return kehu_error_set(err, rc, "%s fit failed: %s", m->title,
                          kehu_strerror(rc));
}

/* Predicted repeat purchases of the calibration customers in the next
 * t units. */
static kehu_status holdout_predicted(const kehu_model_def *m,
                                     const kehu_fit_result *r,
                                     const kehu_hist *h, double t, double *out,
                                     kehu_error *err)
{
    size_t i;

    *out = 0;
    for (i = 0; i < h->n; i++) {
        double v;
        kehu_status rc = kehu_model_conditional(m, r->params, h->x[i],
                                                h->t_x[i], h->T[i], t, &v);
        if (rc != KEHU_OK) {
            return kehu_error_set(err, KEHU_EINVAL,
                                  "%s: no holdout prediction for the "
                                  "history (%g, %g, %g): %s",
                                  m->title, h->x[i], h->t_x[i], h->T[i],
                                  kehu_strerror(rc));
        }
        *out += h->w[i] * v;
    }
    return KEHU_OK;
}

static void stat_row(const kehu_cells *out, const char *name, double v)
{
    kehu_cell_str(out, name);
    kehu_cell_num(out, v);
    kehu_cell_null(out);
}

static void int_row(const kehu_cells *out, const char *name, int64_t v)
{
    kehu_cell_str(out, name);
    kehu_cell_int(out, v);
    kehu_cell_null(out);
}

/* A count as an integer when it is one (customers may be a sum of
 * fractional weights). */
static void count_row(const kehu_cells *out, const char *name, double v)
{
    if (v == floor(v) && v < 9e15) {
        int_row(out, name, (int64_t)v);
    } else {
        stat_row(out, name, v);
    }
}

static kehu_status emit(const void *data, const kehu_cells *out)
{
    const fit_table *t = data;
    const kehu_fit_result *r = &t->res;
    size_t i;

    for (i = 0; i < t->m->n_params; i++) {
        kehu_cell_str(out, t->m->param_names[i]);
        kehu_cell_num(out, r->params[i]);
        kehu_cell_num(out, r->se_ok ? r->se[i] : NAN);
    }
    stat_row(out, "ll", r->ll);
    stat_row(out, "aic", r->aic);
    stat_row(out, "bic", r->bic);
    count_row(out, "customers", r->customers);
    int_row(out, "unique", (int64_t)r->unique);
    kehu_cell_str(out, "converged");
    kehu_cell_str(out, r->converged ? "true" : "false");
    kehu_cell_null(out);
    int_row(out, "iterations", (int64_t)r->iterations);
    if (t->holdout) {
        stat_row(out, "holdout_predicted", t->predicted);
        count_row(out, "holdout_actual", t->actual);
    }
    return KEHU_OK;
}

/* The model note: parameters, standard errors and fit statistics. */
static kehu_status note_model(kehu_result *out, const fit_table *t)
{
    const kehu_fit_result *r = &t->res;
    kehu_note *n = NULL;
    kehu_status rc;
    size_t i;

    rc = kehu__note_fit(out, t->m->name, t->m->param_names, r, 0, &n);
    for (i = 0; rc == KEHU_OK && i < t->m->n_params; i++) {
        rc = kehu_note_num(out, n, se_key(t->m->param_names[i]),
                           r->se_ok ? r->se[i] : NAN);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "aic", r->aic);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "bic", r->bic);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "unique", (double)r->unique);
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(out, n, "iterations", (double)r->iterations);
    }
    return rc;
}

/* Notes of the customers left out of the fit. */
static kehu_status note_left_out(kehu_result *out, const fit_input *in)
{
    kehu_note *n;
    kehu_status rc = KEHU_OK;

    if (in->dropped > 0) {
        rc = kehu_result_note(out, KEHU_NOTE_INFO, "left_out", &n,
                              "kehu fit: %.0f customers without repeat "
                              "spend left out of the Gamma-Gamma fit",
                              in->dropped);
        if (rc == KEHU_OK) {
            rc = kehu_note_num(out, n, "customers", in->dropped);
        }
    }
    if (rc == KEHU_OK && in->no_opportunity > 0) {
        rc = kehu_result_note(out, KEHU_NOTE_INFO, "left_out", &n,
                              "kehu fit: %.0f customers whose first "
                              "purchase is in the last period (no repeat "
                              "opportunity yet) left out of the BG/BB fit",
                              in->no_opportunity);
        if (rc == KEHU_OK) {
            rc = kehu_note_num(out, n, "customers", in->no_opportunity);
        }
    }
    return rc;
}

/* Fit t->m on the rows of in; the holdout prediction over units. */
/* Fit t->m on the histories of the summary when they are unique count
 * histories already, else on the rows of in; the holdout prediction over
 * units. */
static kehu_status fit_rows(const kehu_op_ctx *c, const fit_input *in,
                            fit_table *t, double units)
{
    const kehu_hist *given = c->data->hist;
    kehu_hist *h = NULL;
    kehu_status rc;

    if (given != NULL && !t->m->spend) {
        rc = kehu_model_fit(t->m, given, NULL, &t->res);
        kehu_runtime_progress(c->rt, "fit", 1, 1);
        return rc == KEHU_OK || rc == KEHU_ENOMEM ? rc
                                                  : fit_error(c->err, t->m, rc);
    }
    if (in->n == 0) {
        return kehu_error_set(c->err, KEHU_EINVAL, "no customers to fit%s",
                              t->m->spend ? " (Gamma-Gamma needs customers "
                                            "with repeat purchases)"
                                          : "");
    }
    rc = kehu_hist_new(in->x, in->t_x, in->T, in->w, in->n, &h);
    if (rc != KEHU_OK) {
        return rc == KEHU_ENOMEM ? rc : fit_error(c->err, t->m, KEHU_ERANGE);
    }
    kehu_runtime_progress(c->rt, "unique", 1, 1);
    /* A likelihood rising to the no-dropout limit answers with the NBD. */
    rc = kehu_model_fit_or_limit(t->m, h, NULL, &t->res, &t->m);
    kehu_runtime_progress(c->rt, "fit", 1, 1);
    if (rc != KEHU_OK) {
        rc = rc == KEHU_ENOMEM ? rc : fit_error(c->err, t->m, rc);
    } else if (t->holdout) {
        rc = holdout_predicted(t->m, &t->res, h, units, &t->predicted, c->err);
    }
    kehu_hist_free(h);
    return rc;
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    const fit_opts *o = c->opts;
    fit_table *t = kehu_calloc(1, sizeof *t);
    fit_input in;
    double units = 0;
    kehu_status rc;

    memset(&in, 0, sizeof in);
    if (t == NULL) {
        return KEHU_ENOMEM;
    }
    rc = kehu_result_keep(out, t, kehu_free);
    if (rc != KEHU_OK) {
        return rc;
    }
    t->m = kehu_model_find(model_choices[o->model]);
    if (c->data->hist != NULL && t->m->spend) {
        rc = from_hist(c->data->hist, t->m, &in);
    } else if (c->data->hist != NULL) {
        rc = KEHU_OK; /* fitted as they are */
    } else if (c->data->ledger != NULL) {
        rc = from_ledger(c, t->m, &in, t, &units);
    } else {
        rc = kehu_error_set(c->err, KEHU_EINVAL,
                            "fit needs transactions or a summary");
    }
    if (rc == KEHU_OK) {
        rc = note_left_out(out, &in);
    }
    if (rc == KEHU_OK) {
        rc = fit_rows(c, &in, t, units);
    }
    kehu_free(in.x);
    if (rc == KEHU_OK) {
        rc = note_model(out, t);
    }
    if (rc == KEHU_OK) {
        rc = kehu_result_table(out, "fit", columns, 3, emit, t, NULL);
    }
    return rc;
}

static kehu_status check(const kehu_params *p, kehu_error *err)
{
    const fit_opts *o = p->opts;

    if (o->model < 0) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "model (missing): use bgnbd, pnbd, mbgnbd, "
                              "bgbb or gg");
    }
    if (o->summary) {
        if (o->cal_end != KEHU_DAY_NONE || o->hold_end != KEHU_DAY_NONE) {
            return kehu_error_set(err, KEHU_EINVAL,
                                  "calibration-end and holdout-end need a "
                                  "transaction file, not summary");
        }
        return KEHU_OK;
    }
    if (kehu_params_given(p, "since") || kehu_params_given(p, "window")) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "since/window do not apply to a fit: every "
                              "customer's whole history is used");
    }
    if (o->cal_end != KEHU_DAY_NONE && o->win.as_of_day != KEHU_DAY_NONE) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "give calibration-end (inclusive) or as-of "
                              "(exclusive), not both");
    }
    if (o->hold_end != KEHU_DAY_NONE && model_choices[o->model][0] == 'g' &&
        model_choices[o->model][1] == 'g') {
        return kehu_error_set(err, KEHU_EINVAL,
                              "holdout-end needs a count model, not "
                              "Gamma-Gamma");
    }
    return KEHU_OK;
}

static void init(void *opts)
{
    fit_opts *o = opts;

    o->model = -1;
    o->cal_end = KEHU_DAY_NONE;
    o->hold_end = KEHU_DAY_NONE;
    kehu__window_init(&o->win);
}

const kehu_op kehu_op_fit = {
    "fit",
    "fit a customer-base model: BG/NBD, Pareto/NBD, MBG/NBD, BG/BB, "
    "Gamma-Gamma",
    "FILE --model M [options]",
    "Maximum-likelihood fit over unique histories. From a transaction file\n"
    "each customer's history is taken up to --calibration-end D (inclusive;\n"
    "default the last day of data): x = repeat purchase days, t_x = first\n"
    "to last purchase, T = D - first purchase, in --unit (default week).\n"
    "BG/BB counts --unit periods after the first purchase's period. With\n"
    "--summary, FILE has columns frequency/x, recency/t_x, T/periods and\n"
    "optional weights/count; zbar/monetary_value (or the\n"
    "repeat_monetary_avg of kehu summary) for gg; its delimiter is detected\n"
    "(or --delimiter), and it is read whole: the first broken row (field\n"
    "count, a value that is not a number, a negative count or time, t_x >\n"
    "T) stops the fit with its line number. Output: each\n"
    "parameter with its standard error, the log-likelihood, AIC, BIC, the\n"
    "number of customers and unique histories, and convergence. Exit 2\n"
    "when the data cannot identify the model.",
    params,
    sizeof(fit_opts),
    init,
    KEHU_NEEDS_HISTORIES,
    check,
    run,
};
