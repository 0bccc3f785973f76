/* SPDX-License-Identifier: MIT */
/*
 * `kehu bridge FILE --period P [--by DIM]`: the customer-count bridge of
 * SPEC.md section 6 per period, dimension value and tier over the active
 * base, from the same summary + classification as `kehu classify --as-of`.
 */
#include "cli_counts.h"

#include "kehu/alloc.h"
#include "kehu/date.h"

#include <malloc.h>
#include <string.h>

static const cli_option options[] = {
    CLI_STANDARDS_OPTIONS,
    {"period", "P", "day, week (ISO), month (default), quarter or year"},
    {"by", "DIM", "per region, branch, channel or category"},
    {"from", "LABEL", "first period (default: first with a purchase)"},
    {"to", "LABEL", "last period (default: last with a purchase)"},
    {NULL, NULL, NULL},
};

static void print_cell(out_table *t, const kehu_bridge_cell *x)
{
    out_int(t, x->start);
    out_int(t, x->new_customers);
    out_int(t, x->resurrected);
    out_int(t, x->churned);
    out_int(t, x->moved_in);
    out_int(t, x->moved_out);
    out_int(t, x->end);
}

static void add_cell(kehu_bridge_cell *sum, const kehu_bridge_cell *x)
{
    sum->start += x->start;
    sum->new_customers += x->new_customers;
    sum->resurrected += x->resurrected;
    sum->churned += x->churned;
    sum->moved_in += x->moved_in;
    sum->moved_out += x->moved_out;
    sum->end += x->end;
}

/* The three tier rows and their total for one period and group. */
static void print_rows(cli_ctx *c, out_table *t, const kehu_ledger *l,
                       const kehu_bridge *b, size_t p, size_t g)
{
    kehu_bridge_cell total;
    int tier;

    memset(&total, 0, sizeof total);
    for (tier = KEHU_BASE_CORE; tier <= KEHU_BASE_ORDINARY + 1; tier++) {
        const kehu_bridge_cell *x = &total;

        counts_period_cell(t, b->kind, b->first_period + (int32_t)p);
        if (b->by >= 0) {
            counts_dim_cell(t, l, b->by, (uint32_t)g);
        }
        if (tier <= KEHU_BASE_ORDINARY) {
            x = kehu_bridge_cell_at(b, p, g, (kehu_base_state)tier);
            add_cell(&total, x);
            out_str(t, c->lang == OUT_ZH
                           ? kehu_base_state_zh((kehu_base_state)tier)
                           : kehu_base_state_name((kehu_base_state)tier));
        } else {
            out_str(t, cli_tr(c, "total", "合计"));
        }
        print_cell(t, x);
    }
}

static int print(cli_ctx *c, const kehu_ledger *l, const kehu_bridge *b)
{
    out_column cols[10] = {
        {"period", "周期", OUT_STR, 0},
        {"", NULL, OUT_STR, 0},
        {"tier", "层级", OUT_STR, 0},
        {"start", "期初", OUT_INT, 0},
        {"new", "新增", OUT_INT, 0},
        {"resurrected", "回流", OUT_INT, 0},
        {"churned", "流失", OUT_INT, 0},
        {"moved_in", "升降迁入", OUT_INT, 0},
        {"moved_out", "升降迁出", OUT_INT, 0},
        {"end", "期末", OUT_INT, 0},
    };
    uint32_t *order = NULL, n_groups = 1, gi;
    out_table *t;
    size_t p;

    if (b->by >= 0) {
        int code;
        cols[1].key = counts_dim_name(b->by);
        cols[1].zh = counts_dim_zh(b->by);
        code = counts_dim_order(c, l, (kehu_dim)b->by, &order, &n_groups);
        if (code != 0) {
            return code;
        }
    } else {
        cols[1] = cols[0]; /* drop the dimension column */
    }
    t = b->by >= 0 ? out_table_begin(c->out, c->fmt, c->lang, cols, 10)
                   : out_table_begin(c->out, c->fmt, c->lang, cols + 1, 9);
    if (t == NULL) {
        kehu_free(order);
        return cli_error(c, 1, "out of memory");
    }
    for (gi = 0; gi < n_groups; gi++) {
        size_t g = order != NULL ? order[gi] : 0;
        if (b->group_customers[g] == 0) {
            continue;
        }
        for (p = 0; p < b->n_periods; p++) {
            print_rows(c, t, l, b, p, g);
        }
    }
    kehu_free(order);
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
}

static int options_of(cli_ctx *c, kehu_bridge_options *o)
{
    int32_t as_of = KEHU_DAY_NONE;

    if (counts_bridge_options(c, o) != 0 ||
        counts_opt_period(c, KEHU_PERIOD_MONTH, &o->kind) != 0 ||
        counts_opt_by(c, &o->by) != 0 ||
        counts_opt_period_label(c, "from", o->kind, &o->first_period) != 0 ||
        counts_opt_period_label(c, "to", o->kind, &o->last_period) != 0 ||
        cli_opt_day(c, "as-of", &as_of) != 0) {
        return 2;
    }
    if (as_of != KEHU_DAY_NONE) {
        if (cli_has(c, "to")) {
            return cli_error(c, 2, "give --to or --as-of, not both");
        }
        o->last_period = kehu_period_of(o->kind, as_of - 1);
    }
    if (o->first_period != INT32_MIN && o->last_period != INT32_MIN &&
        o->last_period < o->first_period) {
        return cli_error(c, 2, "--to is before --from");
    }
    return 0;
}

/* The bridge classifies every customer once per period boundary, and each
 * classification allocates and frees arrays of customers (hundreds of MB
 * for millions of customers). glibc serves such sizes with fresh mmap()s,
 * so every period would page-fault and zero them again; served from the
 * heap and kept after free, they are reused. Bridge-only process tuning,
 * after the input is read. */
static void keep_freed_memory(void)
{
#if defined(__GLIBC__)
    (void)mallopt(M_MMAP_MAX, 0);
    (void)mallopt(M_TRIM_THRESHOLD, INT32_MAX);
#endif
}

static int run(cli_ctx *c)
{
    kehu_bridge_options o;
    kehu_standards std;
    kehu_bridge *b = NULL;
    kehu_ledger *l;
    kehu_status rc;
    int code;

    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu bridge "
                         "--help)");
    }
    if (options_of(c, &o) != 0 || counts_standards(c, &std) != 0) {
        return 2;
    }
    code = cli_load_ledger(c, c->args[0], &l);
    if (code != 0) {
        return code;
    }
    keep_freed_memory();
    rc = kehu_bridge_compute(l, &std, &o, &b);
    if (rc == KEHU_OK) {
        code = print(c, l, b);
    } else if (rc == KEHU_ETOOBIG) {
        code = cli_error(c, 2,
                         "too many periods x groups: use a longer "
                         "--period, --from/--to or a coarser --by");
    } else {
        code = cli_error(c, cli_exit_code(rc), "bridge failed: %s",
                         kehu_strerror(rc));
    }
    kehu_bridge_free(b);
    kehu_ledger_free(l);
    return code;
}

const cli_command cli_cmd_bridge = {
    "bridge",
    "customer-count bridge per period, dimension and tier (SPEC 6)",
    "FILE [--period P] [--by DIM] [--from L] [--to L] [options]",
    "Over the active base (customers with a purchase whose stage is not\n"
    "churned), per tier core / potential / ordinary: start and end = the\n"
    "customers in the tier as of the period's first day and as of the next\n"
    "period's first day (exactly what `kehu classify --as-of` says on those\n"
    "days, with the same standards and --window); new = first purchase in\n"
    "the period; resurrected = bought before, outside the base at the\n"
    "start, in it at the end; churned = in the tier at the start, outside\n"
    "the base at the end; moved_in / moved_out = in the base at both ends,\n"
    "another tier at the start / end. Each row reconciles exactly:\n"
    "start + new + resurrected - churned + moved_in - moved_out = end, and\n"
    "a period's end is the next one's start. A total row sums the tiers.",
    options,
    1,
    run,
    NULL,
};
