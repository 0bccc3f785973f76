/* SPDX-License-Identifier: MIT */
/*
 * bridge: the customer-count bridge per period, dimension value and tier
 * over the active base (docs/counts.md), from the same summary and
 * classification as classify as of each period's first day.
 */
#include "dims.h"
#include "standard.h"

#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/date.h"

#include <stddef.h>
#include <string.h>

typedef struct bridge_opts {
    kehu__bridge_args a; /* a.o.kind, a.o.by: period and by */
    const char *from, *to;
    int32_t as_of;
} bridge_opts;

static const kehu_param rows[] = {
    {"period", KEHU_PARAM_CHOICE, offsetof(bridge_opts, a.o.kind), "month", 0,
     -1, kehu__period_choices, "P",
     "day, week (ISO), month (default), quarter or year"},
    {"by", KEHU_PARAM_CHOICE, offsetof(bridge_opts, a.o.by), NULL, 0, -1,
     kehu__dim_choices, "DIM", "per region, branch, channel or category"},
    {"from", KEHU_PARAM_TEXT, offsetof(bridge_opts, from), NULL, 0, -1, NULL,
     "LABEL", "first period (default: first with a purchase)"},
    {"to", KEHU_PARAM_TEXT, offsetof(bridge_opts, to), NULL, 0, -1, NULL,
     "LABEL", "last period (default: last with a purchase)"},
    {"as-of", KEHU_PARAM_DATE, offsetof(bridge_opts, as_of), NULL, 0, -1, NULL,
     "DATE", "last period: the one before DATE (instead of to)"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {
    {rows, 0}, {kehu__bridge_rows, offsetof(bridge_opts, a)}, {NULL, 0}};

static const kehu_column columns[] = {
    {"period", KEHU_COL_STR, 0, NULL},
    {"", KEHU_COL_STR, 0, NULL}, /* the by dimension */
    {"tier", KEHU_COL_STR, 0, NULL},
    {"start", KEHU_COL_INT, 0, "customers"},
    {"new", KEHU_COL_INT, 0, "customers"},
    {"resurrected", KEHU_COL_INT, 0, "customers"},
    {"churned", KEHU_COL_INT, 0, "customers"},
    {"moved_in", KEHU_COL_INT, 0, "customers"},
    {"moved_out", KEHU_COL_INT, 0, "customers"},
    {"end", KEHU_COL_INT, 0, "customers"},
};

#define NCOLS (sizeof columns / sizeof columns[0])

typedef struct table_data {
    const kehu_ledger *l;
    kehu_bridge *b;
    uint32_t *order; /* group output order; NULL: one group */
    uint32_t n_groups;
} table_data;

static void table_data_free(void *p)
{
    table_data *d = p;

    kehu_bridge_free(d->b);
    kehu_free(d->order);
    kehu_free(d);
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

/* The three tier rows and their total for one period and group. Tier
 * names follow the language in every format, as they always have. */
static void emit_rows(const kehu_cells *out, const table_data *d, size_t p,
                      size_t g)
{
    const kehu_bridge *b = d->b;
    int zh = out->lang == KEHU_LANG_ZH;
    kehu_bridge_cell total;
    int tier;

    memset(&total, 0, sizeof total);
    for (tier = KEHU_BASE_CORE; tier <= KEHU_BASE_ORDINARY + 1; tier++) {
        const kehu_bridge_cell *x = &total;
        kehu__cell_period(out, b->kind, b->first_period + (int32_t)p);
        if (b->by >= 0) {
            kehu__cell_dim(out, d->l, b->by, (uint32_t)g);
        }
        if (tier <= KEHU_BASE_ORDINARY) {
            kehu_base_state s = (kehu_base_state)tier;
            x = kehu_bridge_cell_at(b, p, g, s);
            add_cell(&total, x);
            kehu_cell_str(out,
                          zh ? kehu_base_state_zh(s) : kehu_base_state_name(s));
        } else {
            kehu_cell_str(out, zh ? "合计" : "total");
        }
        kehu_cell_int(out, x->start);
        kehu_cell_int(out, x->new_customers);
        kehu_cell_int(out, x->resurrected);
        kehu_cell_int(out, x->churned);
        kehu_cell_int(out, x->moved_in);
        kehu_cell_int(out, x->moved_out);
        kehu_cell_int(out, x->end);
    }
}

static kehu_status emit(const void *data, const kehu_cells *out)
{
    const table_data *d = data;
    uint32_t gi;
    size_t p;

    for (gi = 0; gi < d->n_groups; gi++) {
        size_t g = d->order != NULL ? d->order[gi] : 0;
        if (d->b->group_customers[g] == 0) {
            continue;
        }
        for (p = 0; p < d->b->n_periods; p++) {
            emit_rows(out, d, p, g);
        }
    }
    return KEHU_OK;
}

/* The bridge options of a: the period range from from, to and as-of. */
static kehu_status options_of(const bridge_opts *a, kehu_bridge_options *o,
                              kehu_error *err)
{
    kehu_status rc;

    *o = kehu__bridge_args_options(&a->a);
    rc =
        kehu__period_label_arg("from", a->from, o->kind, &o->first_period, err);
    if (rc == KEHU_OK) {
        rc = kehu__period_label_arg("to", a->to, o->kind, &o->last_period, err);
    }
    if (rc != KEHU_OK) {
        return rc;
    }
    if (a->as_of != KEHU_DAY_NONE && a->to != NULL) {
        return kehu_error_set(err, KEHU_EINVAL, "give to or as-of, not both");
    }
    if (a->as_of != KEHU_DAY_NONE) {
        o->last_period = kehu_period_of(o->kind, a->as_of - 1);
    }
    if (o->first_period != INT32_MIN && o->last_period != INT32_MIN &&
        o->last_period < o->first_period) {
        return kehu_error_set(err, KEHU_EINVAL, "to is before from");
    }
    return KEHU_OK;
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    kehu_bridge_options o;
    kehu_column cols[NCOLS];
    table_data *d;
    kehu_status rc = options_of(c->opts, &o, c->err);

    if (rc != KEHU_OK) {
        return rc;
    }
    d = kehu_calloc(1, sizeof *d);
    if (d == NULL) {
        return KEHU_ENOMEM;
    }
    rc = kehu_result_keep(out, d, table_data_free);
    if (rc != KEHU_OK) {
        return rc;
    }
    d->l = c->data->ledger;
    d->n_groups = 1;
    rc = kehu_bridge_compute(d->l, &c->data->standards, &o, &d->b);
    if (rc == KEHU_ETOOBIG) {
        return kehu__span_error(c->err, d->l,
                                "use a longer period, from/to or a coarser by");
    }
    if (rc == KEHU_OK && o.by >= 0) {
        rc = kehu__dim_order(d->l, (kehu_dim)o.by, &d->order, &d->n_groups);
    }
    if (rc == KEHU_OK) {
        rc = kehu__note_standard(out, c->data);
    }
    if (rc != KEHU_OK) {
        return rc;
    }
    memcpy(cols, columns, sizeof cols);
    if (o.by >= 0) {
        cols[1].key = kehu__dim_name(o.by);
        return kehu_result_table(out, "bridge", cols, NCOLS, emit, d, NULL);
    }
    cols[1] = cols[0]; /* no dimension column */
    return kehu_result_table(out, "bridge", cols + 1, NCOLS - 1, emit, d, NULL);
}

/* Everything that can be checked before reading the data. */
static kehu_status check(const kehu_params *p, kehu_error *err)
{
    kehu_bridge_options o;
    kehu_status rc = kehu__bridge_check(p, err);

    return rc == KEHU_OK ? options_of(p->opts, &o, err) : rc;
}

static void init(void *opts)
{
    bridge_opts *o = opts;

    kehu__bridge_args_init(&o->a);
    o->as_of = KEHU_DAY_NONE;
}

const kehu_op kehu_op_bridge = {
    "bridge",
    "customer-count bridge per period, dimension and tier",
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
    params,
    sizeof(bridge_opts),
    init,
    KEHU_NEEDS_LEDGER | KEHU_NEEDS_STANDARDS | KEHU_NEEDS_HEAP_REUSE,
    check,
    run,
};
