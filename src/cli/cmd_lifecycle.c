/* SPDX-License-Identifier: MIT */
/*
 * `kehu lifecycle FILE --period P [--by DIM]`: new, returning,
 * resurrecting, dormant and active customers and the churn rate per
 * period (SPEC.md section 6), optionally per dimension value.
 */
#include "cli_counts.h"

#include "kehu/alloc.h"
#include "kehu/date.h"
#include "kehu/lifecycle.h"

static const cli_option options[] = {
    {"period", "P", "day, week (ISO), month (default), quarter or year"},
    {"by", "DIM", "one table per region, branch, channel or category"},
    {NULL, NULL, NULL},
};

static int print(cli_ctx *c, const kehu_ledger *l, const kehu_lifecycle *lc)
{
    out_column cols[8] = {
        {"period", "周期", OUT_STR, 0},
        {"", NULL, OUT_STR, 0},
        {"new", "新客户", OUT_INT, 0},
        {"returning", "留存客户", OUT_INT, 0},
        {"resurrecting", "回流客户", OUT_INT, 0},
        {"dormant", "沉睡客户", OUT_INT, 0},
        {"active", "活跃客户", OUT_INT, 0},
        {"churn_rate", "流失率", OUT_NUM, 4},
    };
    uint32_t *order = NULL, n_groups = 1, gi;
    out_table *t;
    size_t p;
    int code;

    if (lc->by >= 0) {
        cols[1].key = counts_dim_name(lc->by);
        cols[1].zh = counts_dim_zh(lc->by);
        code = counts_dim_order(c, l, (kehu_dim)lc->by, &order, &n_groups);
        if (code != 0) {
            return code;
        }
    } else {
        cols[1] = cols[0]; /* shift the columns left over the dim column */
    }
    t = lc->by >= 0 ? out_table_begin(c->out, c->fmt, c->lang, cols, 8)
                    : out_table_begin(c->out, c->fmt, c->lang, cols + 1, 7);
    if (t == NULL) {
        kehu_free(order);
        return cli_error(c, 1, "out of memory");
    }
    for (gi = 0; gi < n_groups; gi++) {
        size_t g = order != NULL ? order[gi] : 0;

        if (lc->group_customers[g] == 0) {
            continue;
        }
        for (p = 0; p < lc->n_periods; p++) {
            const kehu_lifecycle_cell *cell = kehu_lifecycle_cell_at(lc, g, p);

            counts_period_cell(t, lc->kind, lc->first_period + (int32_t)p);
            if (lc->by >= 0) {
                counts_dim_cell(t, l, lc->by, (uint32_t)g);
            }
            out_int(t, cell->new_customers);
            out_int(t, cell->returning);
            out_int(t, cell->resurrecting);
            out_int(t, -cell->dormant);
            out_int(t, cell->active);
            out_num(t, kehu_lifecycle_churn_rate(lc, g, p));
        }
    }
    kehu_free(order);
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
}

static int run(cli_ctx *c)
{
    kehu_lifecycle_options o;
    kehu_lifecycle *lc = NULL;
    kehu_ledger *l;
    kehu_status rc;
    int code;

    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu "
                         "lifecycle --help)");
    }
    kehu_lifecycle_options_init(&o);
    if (counts_opt_period(c, KEHU_PERIOD_MONTH, &o.kind) != 0 ||
        counts_opt_by(c, &o.by) != 0 ||
        cli_opt_day(c, "as-of", &o.as_of_day) != 0) {
        return 2;
    }
    code = cli_load_ledger(c, c->args[0], &l);
    if (code != 0) {
        return code;
    }
    rc = kehu_lifecycle_compute(l, &o, &lc);
    if (rc == KEHU_OK) {
        code = print(c, l, lc);
    } else if (rc == KEHU_ETOOBIG) {
        code = cli_error(c, 2,
                         "too many periods x groups: use a longer "
                         "--period or a coarser --by");
    } else {
        code = cli_error(c, cli_exit_code(rc), "lifecycle failed: %s",
                         kehu_strerror(rc));
    }
    kehu_lifecycle_free(lc);
    kehu_ledger_free(l);
    return code;
}

const cli_command cli_cmd_lifecycle = {
    "lifecycle",
    "new, returning, resurrecting, dormant customers per period (SPEC 6)",
    "FILE [--period P] [--by DIM] [options]",
    "Active = at least one purchase day in the period. new = first purchase\n"
    "ever in the period; returning = active this period and the last;\n"
    "resurrecting = active this period, not the last, active before;\n"
    "dormant = active last period, not this one (once per lapse, shown\n"
    "negative). active = new + returning + resurrecting; churn_rate =\n"
    "dormant / active last period (empty for the first period). Periods run\n"
    "from the first to the last with a purchase (before --as-of when given).\n"
    "Weeks are ISO weeks (Monday first, labelled 2025-W09 by ISO year).",
    options,
    1,
    run,
};
