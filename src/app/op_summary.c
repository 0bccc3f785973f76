/* SPDX-License-Identifier: MIT */
/*
 * summary: the per-customer summary (docs/summary.md), one row per
 * customer in id order, as of a date over all history, a start date or a
 * trailing window, with frequency, t_x and T in a unit. Rows are made as
 * they are rendered, by ranges of customers (rows_range), so memory stays
 * with the ledger and a renderer can make and format ranges on two
 * threads. Customers without a purchase in the window are counted while
 * the rows are made, and said in a note once the last range is done.
 */
#include "dims.h"
#include "window.h"

#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/date.h"
#include "kehu/summary.h"

#include <stdatomic.h>
#include <stddef.h>
#include <string.h>

typedef struct summary_opts {
    int all;        /* also customers without a purchase in the window */
    kehu__window w; /* as-of, since, window, unit */
} summary_opts;

static const kehu_param rows[] = {
    {"all", KEHU_PARAM_FLAG, offsetof(summary_opts, all), NULL, 0, -1, NULL,
     NULL,
     "also list customers without a purchase in the window (prospects from "
     "--customers)"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {
    {rows, 0},
    {kehu__window_params, offsetof(summary_opts, w)},
    {NULL, 0},
};

static const kehu_column columns[] = {
    {"customer_id", KEHU_COL_STR, 0, NULL},
    {"first_purchase", KEHU_COL_STR, 0, NULL},
    {"last_purchase", KEHU_COL_STR, 0, NULL},
    {"orders", KEHU_COL_INT, 0, "orders"},
    {"purchase_days", KEHU_COL_INT, 0, "days"},
    {"frequency", KEHU_COL_NUM, 0, "periods"},
    {"t_x", KEHU_COL_NUM, 4, "periods"},
    {"T", KEHU_COL_NUM, 4, "periods"},
    {"days_since_last", KEHU_COL_INT, 0, "days"},
    {"monetary_total", KEHU_COL_NUM, 2, "money"},
    {"monetary_avg", KEHU_COL_NUM, 2, "money"},
    {"repeat_monetary_avg", KEHU_COL_NUM, 2, "money"},
    {"profit_total", KEHU_COL_NUM, 2, "money"},
    {"margin", KEHU_COL_NUM, 4, "share"},
    {"region", KEHU_COL_STR, 0, NULL},
    {"branch", KEHU_COL_STR, 0, NULL},
    {"channel", KEHU_COL_STR, 0, NULL},
};

#define NCOLS (sizeof columns / sizeof columns[0])

typedef struct table_data {
    const kehu_ledger *l;
    kehu_summary head; /* the options resolved; no rows */
    size_t *order;     /* customers in id order */
    size_t n;
    int include_idle;
    kehu_result *result;    /* for the note of unlisted customers */
    atomic_size_t unlisted; /* customers made and not listed */
    atomic_size_t done;     /* customers made */
} table_data;

static void table_data_free(void *p)
{
    table_data *d = p;

    kehu_free(d->order);
    kehu_free(d);
}

static void emit_row(const kehu_cells *out, const table_data *d,
                     const kehu_summary_row *r, kehu_slice id)
{
    int buyer = r->first_purchase != KEHU_DAY_NONE, k;

    kehu_cell_strn(out, id.ptr, id.len);
    kehu_cell_date(out, r->first_purchase);
    kehu_cell_date(out, r->last_purchase);
    kehu_cell_int(out, r->orders);
    kehu_cell_int(out, r->purchase_days);
    if (buyer) {
        kehu_cell_num(out, r->frequency);
        kehu_cell_num(out, r->t_x);
        kehu_cell_num(out, r->T);
        kehu_cell_int(out, r->days_since_last);
    } else {
        for (k = 0; k < 4; k++) {
            kehu_cell_null(out);
        }
    }
    kehu_cell_num(out, r->monetary_total);
    kehu_cell_num(out, r->monetary_avg);
    kehu_cell_num(out, r->repeat_monetary_avg);
    if (d->head.has_cost) {
        kehu_cell_num(out, r->profit_total);
        kehu_cell_num(out, r->margin);
    } else {
        kehu_cell_null(out);
        kehu_cell_null(out);
    }
    for (k = KEHU_DIM_REGION; k <= KEHU_DIM_CHANNEL; k++) {
        kehu__cell_dim(out, d->l, k, r->dim[k]);
    }
}

/* Once every customer is made: the unlisted ones, said (so the count of
 * rows never looks like a loss). */
static kehu_status note_unlisted(const table_data *d, size_t unlisted)
{
    kehu_note *n;
    kehu_status rc = kehu_result_note(
        d->result, KEHU_NOTE_WARNING, "unlisted", &n,
        "kehu summary: %zu customers have no purchase in the window "
        "(returns only, prospects or orders outside it) and are not "
        "listed; --all lists them",
        unlisted);

    return rc == KEHU_OK
               ? kehu_note_num(d->result, n, "customers", (double)unlisted)
               : rc;
}

/* Customers first .. first + n - 1 in id order. Customers in id order are
 * scattered in memory: they are fetched ahead. */
static kehu_status emit_range(const void *data, size_t first, size_t n,
                              const kehu_cells *out)
{
    table_data *d = (table_data *)(uintptr_t)data; /* the counters */
    size_t i, unlisted = 0;
    kehu_summary_row row;
    kehu_customer cu;

    for (i = first; i < first + n; i++) {
        if (i + 16 < d->n) {
            kehu_ledger_prefetch_customer(d->l, d->order[i + 16], 1);
        }
        if (i + 8 < d->n) {
            kehu_ledger_prefetch_customer(d->l, d->order[i + 8], 2);
        }
        if (kehu_summary_row_of(d->l, &d->head, d->include_idle, d->order[i],
                                &row)) {
            kehu_ledger_customer(d->l, d->order[i], &cu);
            emit_row(out, d, &row, cu.id);
        } else {
            unlisted++;
        }
    }
    atomic_fetch_add(&d->unlisted, unlisted);
    if (atomic_fetch_add(&d->done, n) + n != d->n) {
        return KEHU_OK;
    }
    unlisted = atomic_load(&d->unlisted); /* every range is counted */
    return unlisted > 0 ? note_unlisted(d, unlisted) : KEHU_OK;
}

static kehu_status emit(const void *data, const kehu_cells *out)
{
    const table_data *d = data;

    return emit_range(data, 0, d->n, out);
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    const summary_opts *a = c->opts;
    kehu_summary_options o;
    table_data *d;
    kehu_table *t;
    kehu_status rc = kehu__window_summary(&a->w, c->data->ledger, &o, c->err);

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
    d->n = kehu_ledger_count(d->l);
    d->include_idle = a->all;
    d->result = out;
    atomic_init(&d->unlisted, 0);
    atomic_init(&d->done, 0);
    o.include_idle = 0;
    kehu_summary_prepare(d->l, &o, &d->head);
    rc = kehu_ledger_sorted(d->l, &d->order);
    if (rc == KEHU_OK) {
        rc = kehu_result_table(out, "summary", columns, NCOLS, emit, d, &t);
    }
    if (rc == KEHU_OK) {
        t->rows_range = emit_range;
        t->nitems = d->n;
    }
    return rc;
}

static kehu_status check(const kehu_params *p, kehu_error *err)
{
    return kehu__window_check(&((const summary_opts *)p->opts)->w, err);
}

static void init(void *opts)
{
    kehu__window_init(&((summary_opts *)opts)->w);
}

const kehu_op kehu_op_summary = {
    "summary",
    "per-customer summary: recency, frequency, T, spend, profit",
    "FILE [options]",
    "One row per customer with at least one purchase in the window, in id\n"
    "order. As of date A (--as-of, default the day after the last order;\n"
    "orders on or after A are ignored). frequency = repeat purchase periods\n"
    "(distinct --unit periods with a purchase, minus one); t_x = first to\n"
    "last purchase and T = first purchase to A, both in --unit.\n"
    "monetary_avg = total / purchase days; repeat_monetary_avg excludes the\n"
    "first purchase day (the Gamma-Gamma input). profit and margin are empty\n"
    "without a cost column.",
    params,
    sizeof(summary_opts),
    init,
    KEHU_NEEDS_LEDGER,
    check,
    run,
};
