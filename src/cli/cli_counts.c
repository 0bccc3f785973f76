/* SPDX-License-Identifier: MIT */
/* Helpers of the customer-count commands (see cli_counts.h). */
#include "cli_counts.h"

#include "cli_standards.h"
#include "kehu/alloc.h"

#include <stdlib.h>
#include <string.h>

int counts_opt_period(cli_ctx *c, kehu_period_kind def, kehu_period_kind *out)
{
    const char *v = cli_get(c, "period");

    *out = def;
    if (v != NULL && kehu_period_parse(v, strlen(v), out) != KEHU_OK) {
        return cli_error(
            c, 2, "--period %s: use day, week, month, quarter or year", v);
    }
    return 0;
}

static const char *const dim_names[KEHU_DIM_COUNT] = {"region", "branch",
                                                      "channel", "category"};
static const char *const dim_zh[KEHU_DIM_COUNT] = {"地区", "网点", "渠道",
                                                   "品类"};

int counts_opt_by(cli_ctx *c, int *out)
{
    const char *v = cli_get(c, "by");
    int d;

    *out = -1;
    if (v == NULL) {
        return 0;
    }
    for (d = 0; d < KEHU_DIM_COUNT; d++) {
        if (strcmp(v, dim_names[d]) == 0) {
            *out = d;
            return 0;
        }
    }
    return cli_error(c, 2, "--by %s: use region, branch, channel or category",
                     v);
}

const char *counts_dim_name(int dim)
{
    return dim >= 0 && dim < KEHU_DIM_COUNT ? dim_names[dim] : "";
}

const char *counts_dim_zh(int dim)
{
    return dim >= 0 && dim < KEHU_DIM_COUNT ? dim_zh[dim] : "";
}

int counts_standards(cli_ctx *c, kehu_standards *out)
{
    const char *source = NULL;
    int code = cli_standards_load(c, out, &source);

    if (code == 0) {
        cli_standards_note(c, source);
    }
    return code;
}

/* qsort has no context argument: the ledger and dimension being sorted. */
typedef struct dim_key {
    const char *text;
    uint32_t value;
} dim_key;

static int dim_key_cmp(const void *a, const void *b)
{
    return strcmp(((const dim_key *)a)->text, ((const dim_key *)b)->text);
}

int counts_dim_order(cli_ctx *c, const kehu_ledger *l, kehu_dim d,
                     uint32_t **out, uint32_t *n)
{
    uint32_t i, count = kehu_ledger_dim_count(l, d);
    dim_key *keys = kehu_calloc(count, sizeof *keys);
    uint32_t *order = kehu_calloc(count, sizeof *order);

    if (keys == NULL || order == NULL) {
        kehu_free(keys);
        kehu_free(order);
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < count; i++) {
        keys[i].text = kehu_ledger_dim_value(l, d, i);
        keys[i].value = i;
    }
    qsort(keys, count, sizeof *keys, dim_key_cmp);
    for (i = 0; i < count; i++) {
        order[i] = keys[i].value;
    }
    kehu_free(keys);
    *out = order;
    *n = count;
    return 0;
}

void counts_dim_cell(out_table *t, const kehu_ledger *l, int dim,
                     uint32_t value)
{
    kehu_slice s = kehu_ledger_dim_slice(l, (kehu_dim)dim, value);

    out_strn(t, s.ptr, s.len);
}

void counts_period_cell(out_table *t, kehu_period_kind k, int32_t index)
{
    char buf[KEHU_PERIOD_LABEL_MAX];

    kehu_period_label(k, index, buf);
    out_str(t, buf);
}

int counts_bridge_options(cli_ctx *c, kehu_bridge_options *o)
{
    static const char *const units[] = {"day", "week", "month", "year"};
    const char *unit = cli_get(c, "unit");
    long window = 0;

    kehu_bridge_options_init(o);
    if (cli_opt_long(c, "window", &window) != 0) {
        return 2;
    }
    if (window < 0 || window > 100000) {
        return cli_error(c, 2, "--window must be a number of days, 1..100000");
    }
    if (cli_has(c, "since")) {
        return cli_error(c, 2,
                         "--since does not apply: every date uses "
                         "all history, or --window DAYS before it");
    }
    o->window_days = (int32_t)window;
    if (unit != NULL) {
        int u;
        for (u = 0; u < 4 && strcmp(unit, units[u]) != 0; u++) {
        }
        if (u == 4) {
            return cli_error(c, 2, "--unit %s: use day, week, month or year",
                             unit);
        }
        o->unit = (kehu_unit)u;
    }
    return 0;
}

int counts_opt_period_label(cli_ctx *c, const char *name, kehu_period_kind k,
                            int32_t *out)
{
    const char *v = cli_get(c, name);

    if (v != NULL && kehu_period_parse_label(k, v, strlen(v), out) != KEHU_OK) {
        return cli_error(c, 2,
                         "--%s %s: not a %s label (e.g. 2025-03-14, "
                         "2025-W09, 2025-03, 2025-Q1, 2025)",
                         name, v, kehu_period_name(k));
    }
    return 0;
}
