/* SPDX-License-Identifier: MIT */
/*
 * `kehu fit FILE --model M`: maximum-likelihood fit of a customer-base
 * model (SPEC.md section 7) on a transaction file, or on a summary CSV with
 * --summary. Prints the parameters with standard errors and the fit
 * statistics; with --holdout-end, the predicted and actual repeat
 * purchases after the calibration end. --timing prints each step's wall
 * time on standard error.
 *
 * From transactions the histories are, per customer with a purchase on or
 * before the calibration end D (default: the last day of data):
 *   x = repeat purchase days (distinct days after the first; BTYD and
 *       lifetimes count so), t_x = last - first purchase, T = D - first,
 *       in --unit (week by default, as in the papers);
 *   BG/BB: opportunities are --unit periods after the first purchase's:
 *       x = periods with a purchase, t_x = the last one, n = D's period;
 *   Gamma-Gamma: x and the mean repeat spend per purchase day.
 */
#include "cli.h"
#include "cli_input.h"

#include "../io/summary_read.h"
#include "kehu/alloc.h"
#include "kehu/date.h"
#include "kehu/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const cli_option options[] = {
    {"model", "M", "bgnbd, pnbd, mbgnbd, bgbb or gg (required)"},
    {"summary", NULL,
     "FILE is a summary CSV (frequency/x, recency/t_x, "
     "T/periods, weights, zbar), not transactions"},
    {"calibration-end", "DATE",
     "fit on purchases up to DATE (inclusive); "
     "T = DATE - first purchase"},
    {"holdout-end", "DATE",
     "also compare predicted and actual repeat "
     "purchases after the calibration end up to "
     "DATE (inclusive)"},
    {"timing", NULL, "print each step's time on standard error"},
    {NULL, NULL, NULL},
};

/* The histories to fit, as columns, with optional weights. */
typedef struct fit_input {
    double *x, *t_x, *T, *w; /* one allocation (x owns it) */
    size_t n;
    double dropped;        /* Gamma-Gamma rows without repeat spend */
    double no_opportunity; /* BG/BB: first purchase in the last period */
    kehu_hist *h;          /* unique histories when built directly */
} fit_input;

typedef struct fit_timer {
    int on;
    struct timespec start, last;
} fit_timer;

static double seconds_between(const struct timespec *a,
                              const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) +
           (double)(b->tv_nsec - a->tv_nsec) * 1e-9;
}

static void timer_step(fit_timer *t, const char *step)
{
    struct timespec now;

    if (!t->on) {
        return;
    }
    (void)clock_gettime(CLOCK_MONOTONIC, &now);
    fprintf(stderr, "kehu fit: %-8s %9.3f ms\n", step,
            1e3 * seconds_between(&t->last, &now));
    t->last = now;
}

static int input_alloc(cli_ctx *c, size_t n, fit_input *in)
{
    memset(in, 0, sizeof *in);
    in->x = kehu_calloc(4 * (n ? n : 1), sizeof(double));
    if (in->x == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    in->t_x = in->x + n;
    in->T = in->t_x + n;
    in->w = in->T + n;
    return 0;
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

/* ------------------------------------------------------------------ */
/* Histories from a summary CSV                                         */

/* The message of a failed summary read: the file, what is wrong, and
 * what to do next. */
static int summary_read_error(cli_ctx *c, const char *path, kehu_status rc,
                              const kehu_error *err)
{
    const char *next;

    if (rc == KEHU_ENOMEM) {
        return cli_error(c, 1, "%s: out of memory", path);
    }
    if (err->line > 0) {
        next = "fix or remove that row (a summary is read whole, so no row "
               "is skipped)";
    } else if (err->field[0] != '\0') {
        next = "name the columns frequency/x, recency/t_x, T/periods "
               "(optional weights/count, zbar/monetary_value), or give the "
               "output of kehu summary";
    } else if (rc == KEHU_EIO) {
        next = "check the path";
    } else if (rc == KEHU_EINVAL) {
        return cli_error(c, 2, "%s", err->msg);
    } else {
        next = "give a summary CSV with a header row (frequency, recency, "
               "T ...), e.g. the output of kehu summary, or drop --summary "
               "to fit on transactions";
    }
    return cli_error(c, cli_exit_code(rc), "%s: %s; %s", path, err->msg, next);
}

static int from_summary_file(cli_ctx *c, const kehu_model_def *m, fit_input *in,
                             fit_timer *timer)
{
    kehu_summary_table *t = NULL;
    kehu_error err;
    unsigned need = m->spend ? KEHU_SUMCOL_X | KEHU_SUMCOL_M
                             : KEHU_SUMCOL_X | KEHU_SUMCOL_TX | KEHU_SUMCOL_T;
    kehu_status rc;
    size_t i;
    int code;

    memset(&err, 0, sizeof err);
    if (!m->spend) {
        /* Count models: rows go straight into the unique histories as
           they are read, so memory grows with distinct histories only. */
        kehu_hist_builder *b = NULL;
        memset(in, 0, sizeof *in);
        rc = kehu_hist_builder_new(&b);
        if (rc == KEHU_OK) {
            rc = kehu_read_summary_hist(
                c->args[0], cli_input_option(c, "delimiter", KEHU_INPUT_COUNT),
                need, b, &in->n, &err);
        }
        if (rc == KEHU_OK) {
            timer_step(timer, "read");
            rc = kehu_hist_builder_finish(b, &in->h);
            timer_step(timer, "unique");
        }
        kehu_hist_builder_free(b);
        if (rc != KEHU_OK) {
            return summary_read_error(c, c->args[0], rc, &err);
        }
        return 0;
    }
    rc = kehu_read_summary(c->args[0],
                           cli_input_option(c, "delimiter", KEHU_INPUT_COUNT),
                           need, &t, &err);
    if (rc != KEHU_OK) {
        return summary_read_error(c, c->args[0], rc, &err);
    }
    timer_step(timer, "read");
    code = input_alloc(c, t->n, in);
    for (i = 0; code == 0 && i < t->n; i++) {
        /* The reader checked that weights are positive. */
        double w = t->w != NULL ? t->w[i] : 1.0;
        input_add(in, m, t->x[i], t->t_x[i], m->spend ? 0 : t->T[i],
                  t->m != NULL ? t->m[i] : 0, w);
    }
    kehu_summary_table_free(t);
    return code;
}

/* ------------------------------------------------------------------ */
/* Histories from transactions                                          */

/* Calibration end D (inclusive) into o->as_of_day = D + 1. */
static int calibration_options(cli_ctx *c, const kehu_ledger *l,
                               kehu_summary_options *o, int32_t *end_day)
{
    int32_t d = KEHU_DAY_NONE, first, last;

    if (cli_summary_options(c, l, o) != 0 ||
        cli_opt_day(c, "calibration-end", &d) != 0) {
        return 2;
    }
    if (cli_has(c, "since") || cli_has(c, "window")) {
        return cli_error(c, 2,
                         "--since/--window do not apply to a fit: "
                         "every customer's whole history is used");
    }
    if (d != KEHU_DAY_NONE && o->as_of_day != KEHU_DAY_NONE) {
        return cli_error(c, 2,
                         "give --calibration-end (inclusive) or "
                         "--as-of (exclusive), not both");
    }
    if (d != KEHU_DAY_NONE) {
        o->as_of_day = d + 1;
    }
    if (o->as_of_day == KEHU_DAY_NONE) {
        kehu_ledger_span(l, &first, &last);
        o->as_of_day = last + 1;
    }
    if (!cli_has(c, "unit")) {
        o->unit = KEHU_UNIT_WEEK;
    }
    *end_day = o->as_of_day - 1;
    return 0;
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
static int holdout_actual(cli_ctx *c, const kehu_ledger *l,
                          const kehu_summary *cal, int32_t end, int32_t hend,
                          double *out)
{
    kehu_summary_options o;
    kehu_summary *s = NULL;
    kehu_status rc;
    size_t i, j = 0;

    kehu_summary_options_init(&o);
    o.since_day = end + 1;
    o.as_of_day = hend + 1;
    o.include_idle = 1;
    rc = kehu_summary_compute(l, &o, &s);
    if (rc != KEHU_OK) {
        return cli_error(c, cli_exit_code(rc), "holdout summary: %s",
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
    return 0;
}

/* ------------------------------------------------------------------ */
/* Output                                                               */

typedef struct fit_holdout {
    int on;
    double predicted, actual;
} fit_holdout;

static void print_json(cli_ctx *c, const kehu_model_def *m,
                       const kehu_fit_result *r, const fit_holdout *ho)
{
    FILE *f = c->out;
    size_t i;

    fprintf(f, "{\"model\": \"%s\", \"params\": {", m->name);
    for (i = 0; i < m->n_params; i++) {
        fprintf(f, "%s\"%s\": ", i ? ", " : "", m->param_names[i]);
        out_json_number(f, r->params[i], 6);
    }
    fputs("}, \"se\": {", f);
    for (i = 0; i < m->n_params; i++) {
        fprintf(f, "%s\"%s\": ", i ? ", " : "", m->param_names[i]);
        out_json_number(f, r->se_ok ? r->se[i] : NAN, 6);
    }
    fputs("}, \"ll\": ", f);
    out_json_number(f, r->ll, 4);
    fputs(", \"aic\": ", f);
    out_json_number(f, r->aic, 4);
    fputs(", \"bic\": ", f);
    out_json_number(f, r->bic, 4);
    fputs(", \"customers\": ", f);
    out_json_number(f, r->customers, 0);
    fprintf(f, ", \"unique\": %zu, \"converged\": %s, \"iterations\": %zu",
            r->unique, r->converged ? "true" : "false", r->iterations);
    if (ho->on) {
        fputs(", \"holdout\": {\"predicted\": ", f);
        out_json_number(f, ho->predicted, 4);
        fputs(", \"actual\": ", f);
        out_json_number(f, ho->actual, 0);
        fputs("}", f);
    }
    fputs("}\n", f);
}

static const out_column columns[] = {
    {"parameter", "参数", OUT_STR, 0},
    {"estimate", "估计值", OUT_NUM, 6},
    {"se", "标准误", OUT_NUM, 6},
};

static void stat_row(out_table *t, const char *name, double v)
{
    out_str(t, name);
    out_num(t, v);
    out_null(t);
}

static void int_row(out_table *t, const char *name, int64_t v)
{
    out_str(t, name);
    out_int(t, v);
    out_null(t);
}

static int print_table(cli_ctx *c, const kehu_model_def *m,
                       const kehu_fit_result *r, const fit_holdout *ho)
{
    out_table *t = out_table_begin(c->out, c->fmt, c->lang, columns, 3);
    size_t i;

    if (t == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < m->n_params; i++) {
        out_str(t, m->param_names[i]);
        out_num(t, r->params[i]);
        out_num(t, r->se_ok ? r->se[i] : NAN);
    }
    stat_row(t, "ll", r->ll);
    stat_row(t, "aic", r->aic);
    stat_row(t, "bic", r->bic);
    /* Counts as integers (customers may be a sum of fractional
       weights), convergence as true/false. */
    if (r->customers == floor(r->customers) && r->customers < 9e15) {
        int_row(t, "customers", (int64_t)r->customers);
    } else {
        stat_row(t, "customers", r->customers);
    }
    int_row(t, "unique", (int64_t)r->unique);
    out_str(t, "converged");
    out_str(t, r->converged ? "true" : "false");
    out_null(t);
    int_row(t, "iterations", (int64_t)r->iterations);
    if (ho->on) {
        stat_row(t, "holdout_predicted", ho->predicted);
        if (ho->actual == floor(ho->actual) && ho->actual < 9e15) {
            int_row(t, "holdout_actual", (int64_t)ho->actual);
        } else {
            stat_row(t, "holdout_actual", ho->actual);
        }
    }
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
}

/* ------------------------------------------------------------------ */
/* Fitting                                                              */

static int fit_error(cli_ctx *c, const kehu_model_def *m, kehu_status rc)
{
    if (rc == KEHU_EIDENT) {
        return cli_error(
            c, 2,
            "the data cannot identify the %s model (too few repeat "
            "purchases or distinct histories, or a parameter runs away "
            "to 0 or infinity); use a longer calibration period or more "
            "customers%s",
            m->title,
            m->spend ? ", and keep customers with repeat purchases" : "");
    }
    if (rc == KEHU_ERANGE) {
        return cli_error(
            c, 2, "%s: invalid histories (%s); check the columns", m->title,
            m->discrete ? "need whole numbers with 0 <= x <= t_x <= n and "
                          "t_x = 0 exactly when x = 0"
            : m->spend  ? "need x > 0 and zbar > 0"
                        : "need x >= 0, 0 <= t_x <= T, t_x = 0 when x = 0");
    }
    return cli_error(c, cli_exit_code(rc), "%s fit failed: %s", m->title,
                     kehu_strerror(rc));
}

/* Predicted repeat purchases of the calibration customers in the next
 * t units. */
static int holdout_predicted(cli_ctx *c, const kehu_model_def *m,
                             const kehu_fit_result *r, const kehu_hist *h,
                             double t, double *out)
{
    size_t i;

    *out = 0;
    for (i = 0; i < h->n; i++) {
        double v;
        kehu_status rc = kehu_model_conditional(m, r->params, h->x[i],
                                                h->t_x[i], h->T[i], t, &v);
        if (rc != KEHU_OK) {
            return cli_error(c, 2,
                             "%s: no holdout prediction for the "
                             "history (%g, %g, %g): %s",
                             m->title, h->x[i], h->t_x[i], h->T[i],
                             kehu_strerror(rc));
        }
        *out += h->w[i] * v;
    }
    return 0;
}

typedef struct fit_job {
    const kehu_model_def *m;
    fit_input in;
    fit_holdout ho;
    double holdout_units; /* > 0: predict this far ahead */
    fit_timer timer;
} fit_job;

static int fit_and_print(cli_ctx *c, fit_job *j)
{
    kehu_hist *h = NULL;
    kehu_fit_result res;
    kehu_status rc;
    int code;

    if (j->in.n == 0) {
        return cli_error(c, 2, "no customers to fit%s",
                         j->m->spend ? " (Gamma-Gamma needs customers "
                                       "with repeat purchases)"
                                     : "");
    }
    if (j->in.h != NULL) {
        h = j->in.h; /* collapsed while reading */
        j->in.h = NULL;
    } else {
        rc = kehu_hist_new(j->in.x, j->in.t_x, j->in.T, j->in.w, j->in.n, &h);
        if (rc != KEHU_OK) {
            return rc == KEHU_ENOMEM ? cli_error(c, 1, "out of memory")
                                     : fit_error(c, j->m, KEHU_ERANGE);
        }
        timer_step(&j->timer, "unique");
    }
    rc = kehu_model_fit(j->m, h, NULL, &res);
    timer_step(&j->timer, "fit");
    if (rc != KEHU_OK) {
        code = fit_error(c, j->m, rc);
        goto free_hist;
    }
    code = 0;
    if (j->ho.on) {
        code = holdout_predicted(c, j->m, &res, h, j->holdout_units,
                                 &j->ho.predicted);
    }
    if (code == 0) {
        code = c->fmt == OUT_JSON ? (print_json(c, j->m, &res, &j->ho), 0)
                                  : print_table(c, j->m, &res, &j->ho);
    }
free_hist:
    kehu_hist_free(h);
    return code;
}

static int load_transactions(cli_ctx *c, fit_job *j)
{
    kehu_ledger *l = NULL;
    kehu_summary_options o;
    kehu_summary *s = NULL;
    int32_t end = KEHU_DAY_NONE, hend = KEHU_DAY_NONE;
    int code;

    code = cli_load_ledger(c, c->args[0], &l);
    if (code != 0) {
        return code;
    }
    code = calibration_options(c, l, &o, &end);
    if (code == 0) {
        code = cli_opt_day(c, "holdout-end", &hend);
    }
    if (code == 0 && hend != KEHU_DAY_NONE && hend <= end) {
        code = cli_error(c, 2,
                         "--holdout-end must be after the "
                         "calibration end");
    }
    if (code == 0 && hend != KEHU_DAY_NONE && j->m->spend) {
        code = cli_error(c, 2,
                         "--holdout-end needs a count model, not "
                         "Gamma-Gamma");
    }
    timer_step(&j->timer, "read");
    if (code == 0) {
        code = cli_summary(c, l, &o, &s);
    }
    if (code == 0) {
        code = input_alloc(c, s->n, &j->in);
    }
    if (code == 0) {
        add_summary_rows(s, j->m, &j->in);
        timer_step(&j->timer, "summary");
    }
    if (code == 0 && hend != KEHU_DAY_NONE) {
        double ud = kehu_unit_days(o.unit);
        j->ho.on = 1;
        j->holdout_units =
            j->m->discrete ? floor((hend - end) / ud) : (hend - end) / ud;
        code = holdout_actual(c, l, s, end, hend, &j->ho.actual);
    }
    kehu_summary_free(s);
    kehu_ledger_free(l);
    return code;
}

static int run(cli_ctx *c)
{
    const char *name = cli_get(c, "model");
    fit_job j;
    int code;

    memset(&j, 0, sizeof j);
    if (c->nargs != 1) {
        return cli_error(c, 2, "give one file (see kehu fit --help)");
    }
    if (name == NULL || (j.m = kehu_model_find(name)) == NULL) {
        return cli_error(c, 2,
                         "--model %s: use bgnbd, pnbd, mbgnbd, bgbb "
                         "or gg",
                         name ? name : "(missing)");
    }
    j.timer.on = cli_has(c, "timing");
    (void)clock_gettime(CLOCK_MONOTONIC, &j.timer.start);
    j.timer.last = j.timer.start;
    if (cli_has(c, "summary")) {
        if (cli_has(c, "calibration-end") || cli_has(c, "holdout-end")) {
            return cli_error(c, 2,
                             "--calibration-end and --holdout-end "
                             "need a transaction file, not "
                             "--summary");
        }
        code = from_summary_file(c, j.m, &j.in, &j.timer);
        if (code == 0 && j.in.h == NULL) {
            timer_step(&j.timer, "copy");
        }
    } else {
        code = load_transactions(c, &j);
    }
    if (code == 0) {
        if (j.in.dropped > 0 && !c->quiet) {
            fprintf(stderr,
                    "kehu fit: %.0f customers without repeat spend left "
                    "out of the Gamma-Gamma fit\n",
                    j.in.dropped);
        }
        if (j.in.no_opportunity > 0 && !c->quiet) {
            fprintf(stderr,
                    "kehu fit: %.0f customers whose first purchase is in "
                    "the last period (no repeat opportunity yet) left out "
                    "of the BG/BB fit\n",
                    j.in.no_opportunity);
        }
        code = fit_and_print(c, &j);
    }
    kehu_free(j.in.x);
    kehu_hist_free(j.in.h);
    if (j.timer.on) {
        struct timespec now;
        (void)clock_gettime(CLOCK_MONOTONIC, &now);
        fprintf(stderr, "kehu fit: %-8s %9.3f ms\n", "total",
                1e3 * seconds_between(&j.timer.start, &now));
    }
    return code;
}

const cli_command cli_cmd_fit = {
    "fit",
    "fit a customer-base model: BG/NBD, Pareto/NBD, MBG/NBD, BG/BB, "
    "Gamma-Gamma (SPEC 7)",
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
    options,
    1,
    run,
    NULL,
};
