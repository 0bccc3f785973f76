/* SPDX-License-Identifier: MIT */
/*
 * `kehu migrate FILE --from D1 --to D2`: the tier migration matrix between
 * two dates (SPEC.md section 4, "Snapshots and migration"): customers by
 * state as of D1 (rows) and as of D2 (columns), prospects and churned
 * included, with counts and row shares.
 */
#include "cli_counts.h"

#include "kehu/date.h"

#include <math.h>

static const cli_option options[] = {
    CLI_STANDARDS_OPTIONS,
    {"from", "DATE", "first date (classification as of DATE)"},
    {"to", "DATE", "second date (default: day after the last order)"},
    {NULL, NULL, NULL},
};

#define NS KEHU_BASE_COUNT

static const out_column columns[] = {
    {"from", "期初状态", OUT_STR, 0},
    {"prospect", "潜在客户", OUT_INT, 0},
    {"core", "核心客户", OUT_INT, 0},
    {"potential", "潜力客户", OUT_INT, 0},
    {"ordinary", "普通客户", OUT_INT, 0},
    {"churned", "流失客户", OUT_INT, 0},
    {"total", "合计", OUT_INT, 0},
    {"prospect_share", "潜在客户占比", OUT_NUM, 4},
    {"core_share", "核心客户占比", OUT_NUM, 4},
    {"potential_share", "潜力客户占比", OUT_NUM, 4},
    {"ordinary_share", "普通客户占比", OUT_NUM, 4},
    {"churned_share", "流失客户占比", OUT_NUM, 4},
};

#define NCOLS (sizeof columns / sizeof columns[0])

/* One matrix row (counts then shares of the row total). */
static void print_row(out_table *t, const char *label, const int64_t *row)
{
    int64_t total = 0;
    int j;

    for (j = 0; j < NS; j++) {
        total += row[j];
    }
    out_str(t, label);
    for (j = 0; j < NS; j++) {
        out_int(t, row[j]);
    }
    out_int(t, total);
    for (j = 0; j < NS; j++) {
        out_num(t, total > 0 ? (double)row[j] / (double)total : NAN);
    }
}

static int print(cli_ctx *c, const int64_t *m)
{
    out_table *t = out_table_begin(c->out, c->fmt, c->lang, columns, NCOLS);
    int64_t sum[NS] = {0};
    int i, j;

    if (t == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < NS; i++) {
        print_row(t,
                  c->lang == OUT_ZH ? kehu_base_state_zh((kehu_base_state)i)
                                    : kehu_base_state_name((kehu_base_state)i),
                  m + i * NS);
        for (j = 0; j < NS; j++) {
            sum[j] += m[i * NS + j];
        }
    }
    print_row(t, cli_tr(c, "total", "合计"), sum);
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
}

static int run(cli_ctx *c)
{
    kehu_bridge_options o;
    kehu_standards std;
    int64_t m[NS * NS];
    int32_t from = KEHU_DAY_NONE, to = KEHU_DAY_NONE, last;
    kehu_ledger *l;
    kehu_status rc;
    int code;

    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu migrate "
                         "--help)");
    }
    if (counts_bridge_options(c, &o) != 0 ||
        cli_opt_day(c, "from", &from) != 0 || cli_opt_day(c, "to", &to) != 0 ||
        counts_standards(c, &std) != 0) {
        return 2;
    }
    if (from == KEHU_DAY_NONE) {
        return cli_error(c, 2, "give --from DATE (and --to DATE)");
    }
    code = cli_load_ledger(c, c->args[0], &l);
    if (code != 0) {
        return code;
    }
    if (to == KEHU_DAY_NONE) {
        kehu_ledger_span(l, NULL, &last);
        to = last == KEHU_DAY_NONE ? from : last + 1;
    }
    if (to < from) {
        code = cli_error(c, 2, "--to is before --from");
    } else {
        rc = kehu_migration(l, &std, &o, from, to, m);
        code = rc == KEHU_OK
                   ? print(c, m)
                   : cli_error(c, cli_exit_code(rc), "migration failed: %s",
                               kehu_strerror(rc));
    }
    kehu_ledger_free(l);
    return code;
}

const cli_command cli_cmd_migrate = {
    "migrate",
    "tier migration matrix between two dates, prospects and churned included",
    "FILE --from DATE [--to DATE] [options]",
    "Rows: each customer's state as of --from; columns: as of --to (both\n"
    "exactly as `kehu classify --as-of` on that date: purchases before it,\n"
    "all history or --window DAYS). States: prospect (no purchase yet),\n"
    "core, potential, ordinary (the active base), churned (stage churned).\n"
    "Shares are of the row total. Customers first seen after --to are not\n"
    "counted.",
    options,
    1,
    run,
    NULL,
};
