/* SPDX-License-Identifier: MIT */
/*
 * cohort: one row per cohort (period of first purchase) with its size and
 * the share of it active (or of its first-period revenue earned) k periods
 * later, in columns k0, k1, ...
 */
#include "dims.h"

#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/cohort.h"
#include "kehu/date.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef struct cohort_options {
    int kind;      /* kehu_period_kind */
    int metric;    /* 0 customers, 1 revenue */
    int counts;    /* 1: counts instead of shares */
    int32_t as_of; /* KEHU_DAY_NONE: all activity */
} cohort_options;

static const char *const metric_choices[] = {"customers", "revenue", NULL};

static const kehu_param rows[] = {
    {"period", KEHU_PARAM_CHOICE, offsetof(cohort_options, kind), "month", 0,
     -1, kehu__period_choices, "P",
     "day, week (ISO), month (default), quarter or year"},
    {"metric", KEHU_PARAM_CHOICE, offsetof(cohort_options, metric), "customers",
     0, -1, metric_choices, "M",
     "customers (default): share active; revenue: revenue as a share of the "
     "first period's"},
    {"counts", KEHU_PARAM_FLAG, offsetof(cohort_options, counts), NULL, 0, -1,
     NULL, NULL, "print customers (or revenue) instead of shares"},
    {"as-of", KEHU_PARAM_DATE, offsetof(cohort_options, as_of), NULL, 0, -1,
     NULL, "DATE", "analysis date A (default: day after the last order)"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {{rows, 0}, {NULL, 0}};

/* Column keys "k0".."k4095" live in one buffer kept by the result. */
#define KEY_LEN 24

typedef struct table_data {
    kehu_cohort *co;
    int revenue, counts;
    char *keys;
} table_data;

static void table_data_free(void *p)
{
    table_data *d = p;

    kehu_cohort_free(d->co);
    kehu_free(d->keys);
    kehu_free(d);
}

static void cell(const kehu_cells *out, const table_data *d, size_t i, size_t k)
{
    const kehu_cohort *co = d->co;
    size_t at = i * co->n_periods + k;

    if (!kehu_cohort_observed(co, i, k)) {
        kehu_cell_null(out);
    } else if (d->counts && d->revenue) {
        kehu_cell_num(out, (double)co->revenue[at] / KEHU_MONEY_SCALE);
    } else if (d->counts) {
        kehu_cell_num(out, (double)co->active[at]);
    } else if (d->revenue) {
        kehu_cell_num(out, kehu_cohort_revenue_retention(co, i, k));
    } else {
        kehu_cell_num(out, kehu_cohort_retention(co, i, k));
    }
}

static kehu_status emit(const void *data, const kehu_cells *out)
{
    const table_data *d = data;
    const kehu_cohort *co = d->co;
    size_t i, k;

    for (i = 0; i < co->n_periods; i++) {
        kehu__cell_period(out, co->kind, co->first_period + (int32_t)i);
        kehu_cell_int(out, co->size[i]);
        for (k = 0; k < co->n_periods; k++) {
            cell(out, d, i, k);
        }
    }
    return KEHU_OK;
}

/* The columns cohort, size, k0..kN-1 into the result. */
static kehu_status add_table(kehu_result *out, table_data *d)
{
    size_t n = d->co->n_periods, k;
    kehu_column *cols = kehu_calloc(n + 2, sizeof *cols);
    kehu_status rc;

    d->keys = kehu_calloc(n + 1, KEY_LEN);
    if (cols == NULL || d->keys == NULL) {
        kehu_free(cols);
        return KEHU_ENOMEM;
    }
    cols[0] = (kehu_column){"cohort", KEHU_COL_STR, 0, NULL};
    cols[1] = (kehu_column){"size", KEHU_COL_INT, 0, "customers"};
    for (k = 0; k < n; k++) {
        char *key = d->keys + k * KEY_LEN;
        snprintf(key, KEY_LEN, "k%u", (unsigned)k);
        cols[k + 2] = (kehu_column){
            key, KEHU_COL_NUM, d->counts ? (d->revenue ? 2 : 0) : 4,
            d->counts ? (d->revenue ? "money" : "customers") : "share"};
    }
    rc = kehu_result_table(out, "cohort", cols, n + 2, emit, d, NULL);
    kehu_free(cols);
    return rc;
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    const cohort_options *o = c->opts;
    table_data *d = kehu_calloc(1, sizeof *d);
    kehu_status rc;

    if (d == NULL) {
        return KEHU_ENOMEM;
    }
    rc = kehu_result_keep(out, d, table_data_free);
    if (rc != KEHU_OK) {
        return rc;
    }
    d->revenue = o->metric == 1;
    d->counts = o->counts;
    rc = kehu_cohort_compute(c->data->ledger, (kehu_period_kind)o->kind,
                             o->as_of, &d->co);
    if (rc == KEHU_ETOOBIG) {
        return kehu_error_set(c->err, rc,
                              "more than %d periods: use a longer period",
                              KEHU_COHORT_MAX_PERIODS);
    }
    if (rc != KEHU_OK) {
        return rc;
    }
    return add_table(out, d);
}

static void init(void *opts)
{
    cohort_options *o = opts;

    o->as_of = KEHU_DAY_NONE;
}

const kehu_op kehu_op_cohort = {
    "cohort",
    "cohort retention by period of first purchase, customers or revenue",
    "FILE [--period P] [--metric customers|revenue] [options]",
    "cohort = the period of a customer's first purchase; size = its\n"
    "customers. Column kN = share of the cohort with a purchase N periods\n"
    "later (k0 = 1), or with --metric revenue the cohort's revenue N\n"
    "periods later over its revenue in its first period (returns\n"
    "included). Cells after the last period in the data are empty.\n"
    "--counts prints customers (or revenue) instead of shares.",
    params,
    sizeof(cohort_options),
    init,
    KEHU_NEEDS_LEDGER,
    NULL,
    run,
};
