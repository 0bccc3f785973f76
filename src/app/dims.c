/* SPDX-License-Identifier: MIT */
/* Pieces the operations share: see dims.h. */
#include "dims.h"

#include "kehu/alloc.h"

#include <stdlib.h>
#include <string.h>

const char *const kehu__period_choices[] = {"day",     "week", "month",
                                            "quarter", "year", NULL};
const char *const kehu__dim_choices[] = {"region", "branch", "channel",
                                         "category", NULL};
const char *const kehu__unit_choices[] = {"day", "week", "month", "year",
                                          NULL};

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
