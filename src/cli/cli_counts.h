/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the customer-count commands (lifecycle, cohort, bridge,
 * migrate, forecast, followup, satisfaction): --period and --by parsing,
 * the standards in force, and dimension values in output order.
 */
#ifndef KEHU_CLI_COUNTS_H
#define KEHU_CLI_COUNTS_H

#include "cli.h"
#include "cli_standards.h"
#include "kehu/bridge.h"
#include "kehu/classify.h"
#include "kehu/period.h"

/* --period (default `def`). Returns 0, or 2 after a usage error. */
int counts_opt_period(cli_ctx *c, kehu_period_kind def, kehu_period_kind *out);

/* --by region|branch|channel|category: *out = the kehu_dim, or -1 when the
 * option is absent. Returns 0, or 2 after a usage error. */
int counts_opt_by(cli_ctx *c, int *out);

/* Machine and Chinese names of a dimension ("branch", "网点"). */
const char *counts_dim_name(int dim);
const char *counts_dim_zh(int dim);

/* The classification standard, exactly as `kehu classify` takes it
 * (cli_standards_load: defaults, --standards FILE or ./kehu.toml, then
 * the override options), noted on stderr. Returns 0, or the exit code
 * after printing the error. */
int counts_standards(cli_ctx *c, kehu_standards *out);

/* The values 0..n-1 of dimension d ordered by their text ("" first).
 * OUT: *out (kehu_free). Returns 0, or 1 after printing the error. */
int counts_dim_order(cli_ctx *c, const kehu_ledger *l, kehu_dim d,
                     uint32_t **out, uint32_t *n);

/* Write a dimension value's text as the next cell. */
void counts_dim_cell(out_table *t, const kehu_ledger *l, int dim,
                     uint32_t value);

/* Write a period label as the next cell. */
void counts_period_cell(out_table *t, kehu_period_kind k, int32_t index);

/* Bridge options shared by bridge, migrate and followup: --window (a
 * trailing window of DAYS before each date) and --unit. Returns 0, or 2
 * after a usage error. */
int counts_bridge_options(cli_ctx *c, kehu_bridge_options *o);

/* --NAME as a period label of kind k ("2025-03", "2025-Q1", "2025-W09");
 * leaves *out alone when absent. Returns 0, or 2 after a usage error. */
int counts_opt_period_label(cli_ctx *c, const char *name, kehu_period_kind k,
                            int32_t *out);

#endif
