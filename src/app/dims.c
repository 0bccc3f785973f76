/* SPDX-License-Identifier: MIT */
/* Pieces the operations share: see dims.h. */
#include "dims.h"

#include "kehu/alloc.h"
#include "kehu/date.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

const char *const kehu__period_choices[] = {"day",     "week", "month",
                                            "quarter", "year", NULL};
const char *const kehu__dim_choices[] = {"region", "branch", "channel",
                                         "category", NULL};
const char *const kehu__unit_choices[] = {"day", "week", "month", "year", NULL};

const char *kehu__dim_name(int d)
{
    return d >= 0 && d < KEHU_DIM_COUNT ? kehu__dim_choices[d] : "";
}

/* qsort has no context argument: each key carries its text. */
typedef struct dim_key {
    const char *text;
    uint32_t value;
} dim_key;

static int dim_key_cmp(const void *a, const void *b)
{
    return strcmp(((const dim_key *)a)->text, ((const dim_key *)b)->text);
}

kehu_status kehu__dim_order(const kehu_ledger *l, kehu_dim d, uint32_t **out,
                            uint32_t *n)
{
    uint32_t i, count = kehu_ledger_dim_count(l, d);
    dim_key *keys = kehu_calloc(count ? count : 1, sizeof *keys);
    uint32_t *order = kehu_calloc(count ? count : 1, sizeof *order);

    *out = NULL;
    if (keys == NULL || order == NULL) {
        kehu_free(keys);
        kehu_free(order);
        return KEHU_ENOMEM;
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
    return KEHU_OK;
}

void kehu__cell_dim(const kehu_cells *c, const kehu_ledger *l, int dim,
                    uint32_t value)
{
    kehu_slice s = kehu_ledger_dim_slice(l, (kehu_dim)dim, value);

    kehu_cell_strn(c, s.ptr, s.len);
}

void kehu__cell_period(const kehu_cells *c, kehu_period_kind k, int32_t index)
{
    char buf[KEHU_PERIOD_LABEL_MAX];

    kehu_period_label(k, index, buf);
    kehu_cell_str(c, buf);
}

const kehu_param kehu__bridge_rows[] = {
    {"window", KEHU_PARAM_INT, offsetof(kehu__bridge_args, window_days), NULL,
     1, 100000, NULL, "DAYS",
     "trailing window of DAYS days before each date (default: all history)"},
    {"unit", KEHU_PARAM_CHOICE, offsetof(kehu__bridge_args, o.unit), NULL, 0,
     -1, kehu__unit_choices, "UNIT",
     "day, week, month or year for frequency, t_x, T"},
    {"since", KEHU_PARAM_TEXT, offsetof(kehu__bridge_args, since), NULL, 0, -1,
     NULL, "DATE", "does not apply (use window)"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

void kehu__bridge_args_init(kehu__bridge_args *a)
{
    memset(a, 0, sizeof *a);
    kehu_bridge_options_init(&a->o);
}

kehu_status kehu__bridge_check(const kehu_params *p, kehu_error *err)
{
    if (kehu_params_given(p, "since")) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "since does not apply: every date uses all "
                              "history, or window DAYS before it");
    }
    return KEHU_OK;
}

kehu_bridge_options kehu__bridge_args_options(const kehu__bridge_args *a)
{
    kehu_bridge_options o = a->o;

    o.window_days = (int32_t)a->window_days;
    return o;
}

kehu_status kehu__period_label_arg(const char *name, const char *v,
                                   kehu_period_kind k, int32_t *out,
                                   kehu_error *err)
{
    if (v != NULL && kehu_period_parse_label(k, v, strlen(v), out) != KEHU_OK) {
        return kehu_error_set(err, KEHU_EPARSE,
                              "%s %s: not a %s label (e.g. 2025-03-14, "
                              "2025-W09, 2025-03, 2025-Q1, 2025)",
                              name, v, kehu_period_name(k));
    }
    return KEHU_OK;
}

kehu_status kehu__span_error(kehu_error *err, const kehu_ledger *l,
                             const char *advice)
{
    char a[16] = "", b[16] = "";
    int32_t first, last;

    kehu_ledger_span(l, &first, &last);
    if (first != KEHU_DAY_NONE) {
        kehu_date_format(first, a);
        kehu_date_format(last, b);
    }
    return kehu_error_set(err, KEHU_ETOOBIG,
                          "orders span %s to %s, over %d periods: check "
                          "the dates (a typo year?) or %s",
                          a, b, KEHU_PERIOD_MAX, advice);
}
