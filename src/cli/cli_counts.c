/* SPDX-License-Identifier: MIT */
/* Helpers of the customer-count commands (see cli_counts.h). */
#include "cli_counts.h"

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

void counts_period_cell(out_table *t, kehu_period_kind k, int32_t index)
{
    char buf[KEHU_PERIOD_LABEL_MAX];

    kehu_period_label(k, index, buf);
    out_str(t, buf);
}
