/* SPDX-License-Identifier: MIT */
/*
 * migrate: the tier migration matrix between two dates (docs/counts.md):
 * customers by state as of the first date (rows) and as of the second
 * (columns), prospects and churned included, with counts and row shares.
 */
#include "dims.h"
#include "standard.h"

#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/date.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

typedef struct migrate_opts {
    kehu__bridge_args a; /* window and unit */
    int32_t from, to;
} migrate_opts;

static const kehu_param rows[] = {
    {"from", KEHU_PARAM_DATE, offsetof(migrate_opts, from), NULL, 0, -1, NULL,
     "DATE", "first date (classification as of DATE)"},
    {"to", KEHU_PARAM_DATE, offsetof(migrate_opts, to), NULL, 0, -1, NULL,
     "DATE", "second date (default: day after the last order)"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {
    {rows, 0}, {kehu__bridge_rows, offsetof(migrate_opts, a)}, {NULL, 0}};

#define NS KEHU_BASE_COUNT

static const kehu_column columns[] = {
    {"from", KEHU_COL_STR, 0, NULL},
    {"prospect", KEHU_COL_INT, 0, "customers"},
    {"core", KEHU_COL_INT, 0, "customers"},
    {"potential", KEHU_COL_INT, 0, "customers"},
    {"ordinary", KEHU_COL_INT, 0, "customers"},
    {"churned", KEHU_COL_INT, 0, "customers"},
    {"total", KEHU_COL_INT, 0, "customers"},
    {"prospect_share", KEHU_COL_NUM, 4, "share"},
    {"core_share", KEHU_COL_NUM, 4, "share"},
    {"potential_share", KEHU_COL_NUM, 4, "share"},
    {"ordinary_share", KEHU_COL_NUM, 4, "share"},
    {"churned_share", KEHU_COL_NUM, 4, "share"},
};

#define NCOLS (sizeof columns / sizeof columns[0])

/* One matrix row (counts then shares of the row total). */
static void emit_row(const kehu_cells *out, const char *label,
                     const int64_t *row)
{
    int64_t total = 0;
    int j;

    for (j = 0; j < NS; j++) {
        total += row[j];
    }
    kehu_cell_str(out, label);
    for (j = 0; j < NS; j++) {
        kehu_cell_int(out, row[j]);
    }
    kehu_cell_int(out, total);
    for (j = 0; j < NS; j++) {
        kehu_cell_num(out, total > 0 ? (double)row[j] / (double)total : NAN);
    }
}

/* State names follow the language in every format, as they always have. */
static kehu_status emit(const void *data, const kehu_cells *out)
{
    const int64_t *m = data;
    int zh = out->lang == KEHU_LANG_ZH;
    int64_t sum[NS] = {0};
    int i, j;

    for (i = 0; i < NS; i++) {
        kehu_base_state s = (kehu_base_state)i;
        emit_row(out, zh ? kehu_base_state_zh(s) : kehu_base_state_name(s),
                 m + i * NS);
        for (j = 0; j < NS; j++) {
            sum[j] += m[i * NS + j];
        }
    }
    emit_row(out, zh ? "合计" : "total", sum);
    return KEHU_OK;
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    const migrate_opts *o = c->opts;
    kehu_bridge_options b = kehu__bridge_args_options(&o->a);
    int32_t to = o->to, last;
    int64_t *m = kehu_calloc(NS * NS, sizeof *m);
    kehu_status rc;

    if (m == NULL) {
        return KEHU_ENOMEM;
    }
    rc = kehu_result_keep(out, m, kehu_free);
    if (rc != KEHU_OK) {
        return rc;
    }
    if (to == KEHU_DAY_NONE) {
        kehu_ledger_span(c->data->ledger, NULL, &last);
        to = last == KEHU_DAY_NONE ? o->from : last + 1;
    }
    if (to < o->from) {
        return kehu_error_set(c->err, KEHU_EINVAL, "to is before from");
    }
    rc = kehu_migration(c->data->ledger, &c->data->standards, &b, o->from, to,
                        m);
    if (rc != KEHU_OK) {
        return kehu_error_set(c->err, rc, "migration failed: %s",
                              kehu_strerror(rc));
    }
    rc = kehu__note_standard(out, c->data);
    if (rc != KEHU_OK) {
        return rc;
    }
    return kehu_result_table(out, "migrate", columns, NCOLS, emit, m, NULL);
}

static kehu_status check(const kehu_params *p, kehu_error *err)
{
    kehu_status rc = kehu__bridge_check(p, err);

    if (rc == KEHU_OK &&
        ((const migrate_opts *)p->opts)->from == KEHU_DAY_NONE) {
        rc = kehu_error_set(err, KEHU_EINVAL, "give from DATE (and to DATE)");
    }
    return rc;
}

static void init(void *opts)
{
    migrate_opts *o = opts;

    kehu__bridge_args_init(&o->a);
    o->from = KEHU_DAY_NONE;
    o->to = KEHU_DAY_NONE;
}

const kehu_op kehu_op_migrate = {
    "migrate",
    "tier migration matrix between two dates, prospects and churned included",
    "FILE --from DATE [--to DATE] [options]",
    "Rows: each customer's state as of --from; columns: as of --to (both\n"
    "exactly as `kehu classify --as-of` on that date: purchases before it,\n"
    "all history or --window DAYS). States: prospect (no purchase yet),\n"
    "core, potential, ordinary (the active base), churned (stage churned).\n"
    "Shares are of the row total. Customers first seen after --to are not\n"
    "counted.",
    params,
    sizeof(migrate_opts),
    init,
    KEHU_NEEDS_LEDGER | KEHU_NEEDS_STANDARDS,
    check,
    run,
};
