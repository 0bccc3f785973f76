/* SPDX-License-Identifier: MIT */
/*
 * Helpers left for the customer-count commands not yet operations
 * (forecast): --period parsing and period-label cells. The operations use
 * src/app/dims.h.
 */
#ifndef KEHU_CLI_COUNTS_H
#define KEHU_CLI_COUNTS_H

#include "cli.h"
#include "kehu/period.h"

/* --period (default `def`). Returns 0, or 2 after a usage error. */
int counts_opt_period(cli_ctx *c, kehu_period_kind def, kehu_period_kind *out);

/* Write a period label as the next cell. */
void counts_period_cell(out_table *t, kehu_period_kind k, int32_t index);

#endif
