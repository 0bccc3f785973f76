/* SPDX-License-Identifier: MIT */
/*
 * lifecycle: new, returning, resurrecting, dormant and active customers and
 * the churn rate per period (docs/counts.md), optionally per dimension
 * value.
 */
#include "dims.h"

#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/date.h"
#include "kehu/lifecycle.h"

#include <stddef.h>
#include <string.h>

static const kehu_param rows[] = {
    {"period", KEHU_PARAM_CHOICE, offsetof(kehu_lifecycle_options, kind),
     "month", 0, -1, kehu__period_choices, "P",
     "day, week (ISO), month (default), quarter or year"},
    {"by", KEHU_PARAM_CHOICE, offsetof(kehu_lifecycle_options, by), NULL, 0, -1,
     kehu__dim_choices, "DIM",
     "one table per region, branch, channel or category"},
    {"as-of", KEHU_PARAM_DATE, offsetof(kehu_lifecycle_options, as_of_day),
     NULL, 0, -1, NULL, "DATE",
     "analysis date A (default: day after the last order)"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {{rows, 0}, {NULL, 0}};

static const kehu_column columns[] = {
    {"period", KEHU_COL_STR, 0, NULL},
    {"", KEHU_COL_STR, 0, NULL}, /* the --by dimension */
    {"new", KEHU_COL_INT, 0, "customers"},
    {"returning", KEHU_COL_INT, 0, "customers"},
    {"resurrecting", KEHU_COL_INT, 0, "customers"},
    {"dormant", KEHU_COL_INT, 0, "customers"},
    {"active", KEHU_COL_INT, 0, "customers"},
    {"churn_rate", KEHU_COL_NUM, 4, "share"},
};

typedef struct table_data {
    const kehu_ledger *l;
    kehu_lifecycle *lc;
    uint32_t *order; /* group output order; NULL: one group */
    uint32_t n_groups;
} table_data;

static void table_data_free(void *p)
{
    table_data *d = p;

    kehu_lifecycle_free(d->lc);
    kehu_free(d->order);
    kehu_free(d);
}

static kehu_status emit(const void *data, const kehu_cells *out)
{
    const table_data *d = data;
    const kehu_lifecycle *lc = d->lc;
    uint32_t gi;
    size_t p;

    for (gi = 0; gi < d->n_groups; gi++) {
        size_t g = d->order != NULL ? d->order[gi] : 0;
        if (lc->group_customers[g] == 0) {
            continue;
        }
        for (p = 0; p < lc->n_periods; p++) {
            const kehu_lifecycle_cell *cell = kehu_lifecycle_cell_at(lc, g, p);
            kehu__cell_period(out, lc->kind, lc->first_period + (int32_t)p);
            if (lc->by >= 0) {
                kehu__cell_dim(out, d->l, lc->by, (uint32_t)g);
            }
            kehu_cell_int(out, cell->new_customers);
            kehu_cell_int(out, cell->returning);
            kehu_cell_int(out, cell->resurrecting);
            kehu_cell_int(out, -cell->dormant);
            kehu_cell_int(out, cell->active);
            kehu_cell_num(out, kehu_lifecycle_churn_rate(lc, g, p));
        }
    }
    return KEHU_OK;
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    const kehu_lifecycle_options *o = c->opts;
    kehu_column cols[8];
    table_data *d = kehu_calloc(1, sizeof *d);
    kehu_status rc;

    if (d == NULL) {
        return KEHU_ENOMEM;
    }
    rc = kehu_result_keep(out, d, table_data_free);
    if (rc != KEHU_OK) {
        return rc;
    }
    d->l = c->data->ledger;
    d->n_groups = 1;
    rc = kehu_lifecycle_compute(d->l, o, &d->lc);
    if (rc == KEHU_ETOOBIG) {
        return kehu__span_error(c->err, d->l,
                                "use a longer period or a coarser by");
    }
    if (rc == KEHU_OK && o->by >= 0) {
        rc = kehu__dim_order(d->l, (kehu_dim)o->by, &d->order, &d->n_groups);
    }
    if (rc != KEHU_OK) {
        return rc;
    }
    memcpy(cols, columns, sizeof cols);
    if (o->by >= 0) {
        cols[1].key = kehu__dim_name(o->by);
        return kehu_result_table(out, "lifecycle", cols, 8, emit, d, NULL);
    }
    cols[1] = cols[0]; /* no dimension column */
    return kehu_result_table(out, "lifecycle", cols + 1, 7, emit, d, NULL);
}

static void init(void *opts)
{
    kehu_lifecycle_options_init(opts);
}

const kehu_op kehu_op_lifecycle = {
    "lifecycle",
    "new, returning, resurrecting, dormant customers per period",
    "FILE [--period P] [--by DIM] [options]",
    "Active = at least one purchase day in the period. new = first purchase\n"
    "ever in the period; returning = active this period and the last;\n"
    "resurrecting = active this period, not the last, active before;\n"
    "dormant = active last period, not this one (once per lapse, shown\n"
    "negative). active = new + returning + resurrecting; churn_rate =\n"
    "dormant / active last period (empty for the first period). Periods run\n"
    "from the first to the last with a purchase (before --as-of when given).\n"
    "Weeks are ISO weeks (Monday first, labelled 2025-W09 by ISO year).",
    params,
    sizeof(kehu_lifecycle_options),
    init,
    KEHU_NEEDS_LEDGER,
    NULL,
    run,
};
