/* SPDX-License-Identifier: MIT */
/*
 * `kehu cohort FILE --period P [--metric customers|revenue] [--counts]`:
 * one row per cohort (period of first purchase) with its size and the
 * share of it active (or of its first-period revenue earned) k periods
 * later, in columns k0, k1, ...
 */
#include "cli_counts.h"

#include "kehu/alloc.h"
#include "kehu/cohort.h"
#include "kehu/date.h"

#include <stdio.h>
#include <string.h>

static const cli_option options[] = {
    {"period", "P", "day, week (ISO), month (default), quarter or year"},
    {"metric", "M",
     "customers (default): share active; revenue: revenue "
     "as a share of the first period's"},
    {"counts", NULL, "print customers (or revenue) instead of shares"},
    {NULL, NULL, NULL},
};

/* Column names "k0".."k4095" live in one buffer next to the columns. */
#define KEY_LEN 24

static void cell(out_table *t, const kehu_cohort *co, size_t i, size_t k,
                 int revenue, int counts)
{
    size_t at = i * co->n_periods + k;

    if (!kehu_cohort_observed(co, i, k)) {
        out_null(t);
    } else if (counts && revenue) {
        out_num(t, (double)co->revenue[at] / KEHU_MONEY_SCALE);
    } else if (counts) {
        out_num(t, (double)co->active[at]);
    } else if (revenue) {
        out_num(t, kehu_cohort_revenue_retention(co, i, k));
    } else {
        out_num(t, kehu_cohort_retention(co, i, k));
    }
}

static int print(cli_ctx *c, const kehu_cohort *co, int revenue, int counts)
{
    size_t ncols = co->n_periods + 2, i, k;
    out_column *cols = kehu_calloc(ncols, sizeof *cols);
    char *keys = kehu_calloc(co->n_periods + 1, KEY_LEN);
    out_table *t = NULL;
    int code = 0;

    if (cols != NULL && keys != NULL) {
        cols[0] = (out_column){"cohort", "同期群", OUT_STR, 0};
        cols[1] = (out_column){"size", "客户数", OUT_INT, 0};
        for (k = 0; k < co->n_periods; k++) {
            char *key = keys + k * KEY_LEN;
            snprintf(key, KEY_LEN, "k%u", (unsigned)k);
            cols[k + 2] = (out_column){key, NULL, OUT_NUM,
                                       counts ? (revenue ? 2 : 0) : 4};
        }
        t = out_table_begin(c->out, c->fmt, c->lang, cols, ncols);
    }
    if (t == NULL) {
        kehu_free(cols);
        kehu_free(keys);
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < co->n_periods; i++) {
        counts_period_cell(t, co->kind, co->first_period + (int32_t)i);
        out_int(t, co->size[i]);
        for (k = 0; k < co->n_periods; k++) {
            cell(t, co, i, k, revenue, counts);
        }
    }
    if (out_table_end(t) != 0) {
        code = cli_error(c, 1, "writing failed");
    }
    kehu_free(cols);
    kehu_free(keys);
    return code;
}

static int run(cli_ctx *c)
{
    const char *metric = cli_get(c, "metric");
    kehu_period_kind kind;
    int32_t as_of = KEHU_DAY_NONE;
    kehu_cohort *co = NULL;
    kehu_ledger *l;
    kehu_status rc;
    int code, revenue = 0;

    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu cohort "
                         "--help)");
    }
    if (metric != NULL) {
        revenue = strcmp(metric, "revenue") == 0;
        if (!revenue && strcmp(metric, "customers") != 0) {
            return cli_error(c, 2, "--metric %s: use customers or revenue",
                             metric);
        }
    }
    if (counts_opt_period(c, KEHU_PERIOD_MONTH, &kind) != 0 ||
        cli_opt_day(c, "as-of", &as_of) != 0) {
        return 2;
    }
    code = cli_load_ledger(c, c->args[0], &l);
    if (code != 0) {
        return code;
    }
    rc = kehu_cohort_compute(l, kind, as_of, &co);
    if (rc == KEHU_OK) {
        code = print(c, co, revenue, cli_has(c, "counts"));
    } else if (rc == KEHU_ETOOBIG) {
        code = cli_error(c, 2, "more than %d periods: use a longer --period",
                         KEHU_COHORT_MAX_PERIODS);
    } else {
        code = cli_error(c, cli_exit_code(rc), "cohort failed: %s",
                         kehu_strerror(rc));
    }
    kehu_cohort_free(co);
    kehu_ledger_free(l);
    return code;
}

const cli_command cli_cmd_cohort = {
    "cohort",
    "cohort retention by period of first purchase, customers or revenue",
    "FILE [--period P] [--metric customers|revenue] [options]",
    "cohort = the period of a customer's first purchase; size = its\n"
    "customers. Column kN = share of the cohort with a purchase N periods\n"
    "later (k0 = 1), or with --metric revenue the cohort's revenue N\n"
    "periods later over its revenue in its first period (returns\n"
    "included). Cells after the last period in the data are empty.\n"
    "--counts prints customers (or revenue) instead of shares.",
    options,
    1,
    run,
    NULL,
};
