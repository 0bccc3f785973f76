/* SPDX-License-Identifier: MIT */
/* Histories from a published summary, and step times: see
 * cli_histories.h. */
#include "cli_histories.h"
#include "cli_input.h"

#include "../io/summary_read.h"
#include "kehu/alloc.h"
#include "kehu/model.h"

#include <string.h>

int cli_histories_wanted(const kehu_params *p)
{
    return kehu_params_given(p, "summary");
}

static double seconds_between(const struct timespec *a,
                              const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) +
           (double)(b->tv_nsec - a->tv_nsec) * 1e-9;
}

void cli_timer_start(cli_timer *t, const cli_ctx *c, int on)
{
    t->c = c;
    t->on = on;
    (void)clock_gettime(CLOCK_MONOTONIC, &t->start);
    t->last = t->start;
}

void cli_timer_step(cli_timer *t, const char *step)
{
    struct timespec now;

    if (!t->on) {
        return;
    }
    (void)clock_gettime(CLOCK_MONOTONIC, &now);
    (void)fprintf(stderr, "kehu %s: %-8s %9.3f ms\n", t->c->cmd->name, step,
                  1e3 * seconds_between(&t->last, &now));
    t->last = now;
}

void cli_timer_total(const cli_timer *t)
{
    struct timespec now;

    if (!t->on) {
        return;
    }
    (void)clock_gettime(CLOCK_MONOTONIC, &now);
    (void)fprintf(stderr, "kehu %s: %-8s %9.3f ms\n", t->c->cmd->name, "total",
                  1e3 * seconds_between(&t->start, &now));
}

/* The model named by the "model" parameter (a choice), or NULL. */
static const kehu_model_def *param_model(const kehu_params *p)
{
    const kehu_param_group *g;
    const kehu_param *row;
    int k;

    for (g = p->groups; g->rows != NULL; g++) {
        for (row = g->rows; row->name != NULL; row++) {
            if (strcmp(row->name, "model") == 0 &&
                row->type == KEHU_PARAM_CHOICE) {
                memcpy(&k, (const char *)p->opts + g->base + row->offset,
                       sizeof k);
                return k >= 0 ? kehu_model_find(row->choices[k]) : NULL;
            }
        }
    }
    return NULL;
}

/* The message of a failed summary read: the file, what is wrong, and
 * what to do next. */
static int read_error(cli_ctx *c, const char *path, kehu_status rc,
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

/* Count models: rows go straight into the unique histories as they are
 * read, so memory grows with distinct histories only. */
static int read_counts(cli_ctx *c, const char *path, cli_timer *timer,
                       kehu_hist **out)
{
    kehu_hist_builder *b = NULL;
    kehu_error err;
    kehu_status rc;
    size_t rows = 0;

    memset(&err, 0, sizeof err);
    rc = kehu_hist_builder_new(&b);
    if (rc == KEHU_OK) {
        rc = kehu_read_summary_hist(
            path, cli_input_option(c, "delimiter", KEHU_INPUT_COUNT),
            KEHU_SUMCOL_X | KEHU_SUMCOL_TX | KEHU_SUMCOL_T, b, &rows, &err);
    }
    if (rc == KEHU_OK) {
        cli_timer_step(timer, "read");
        rc = kehu_hist_builder_finish(b, out);
        cli_timer_step(timer, "unique");
    }
    kehu_hist_builder_free(b);
    return rc == KEHU_OK ? 0 : read_error(c, path, rc, &err);
}

/* A spend model: (x, mean repeat spend, 0) with the weights. */
static int read_spend(cli_ctx *c, const char *path, cli_timer *timer,
                      kehu_hist **out)
{
    kehu_summary_table *t = NULL;
    kehu_error err;
    kehu_status rc;
    double *zero;

    memset(&err, 0, sizeof err);
    rc = kehu_read_summary(path,
                           cli_input_option(c, "delimiter", KEHU_INPUT_COUNT),
                           KEHU_SUMCOL_X | KEHU_SUMCOL_M, &t, &err);
    if (rc != KEHU_OK) {
        return read_error(c, path, rc, &err);
    }
    cli_timer_step(timer, "read");
    zero = kehu_calloc(t->n ? t->n : 1, sizeof *zero);
    rc = zero == NULL ? KEHU_ENOMEM
                      : kehu_hist_new(t->x, t->m, zero, t->w, t->n, out);
    kehu_free(zero);
    kehu_summary_table_free(t);
    if (rc == KEHU_ENOMEM) {
        return cli_error(c, 1, "out of memory");
    }
    if (rc != KEHU_OK) {
        return cli_error(c, 2,
                         "Gamma-Gamma: invalid histories (need x > 0 and "
                         "zbar > 0); check the columns");
    }
    cli_timer_step(timer, "copy");
    return 0;
}

int cli_histories_read(cli_ctx *c, const char *path, const kehu_params *p,
                       cli_timer *timer, kehu_hist **out)
{
    const kehu_model_def *m = param_model(p);

    *out = NULL;
    if (m == NULL) {
        return cli_error(c, 2, "give the model to fit (see kehu %s --help)",
                         c->cmd->name);
    }
    return m->spend ? read_spend(c, path, timer, out)
                    : read_counts(c, path, timer, out);
}
