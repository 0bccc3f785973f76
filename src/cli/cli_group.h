/* SPDX-License-Identifier: MIT */
/*
 * --by DIM for the value commands (clv, profit): one grouping dimension
 * of cli_dims.h (region, branch, channel, or a class of SPEC.md section 4
 * computed under the standard in force: stage, tier, abcd, rfm8, segment,
 * value_tier, needs with --category-map), the group key of every summary row,
 * and the group cells. Keys run 0..n_keys-1 in display order (attribute values
 * by name, classes in their enum order).
 */
#ifndef KEHU_CLI_GROUP_H
#define KEHU_CLI_GROUP_H

#include "cli_dims.h"

typedef struct cli_groups {
    cli_dim dim;
    uint32_t *key; /* per summary row */
    uint32_t n_keys;
} cli_groups;

/* Key every row of s by --by (g->n_keys = 0 when --by is absent), classifying s
 * under the standard in force for a class dimension. 0, or an exit code after
 * a message. Free with cli_groups_free even on failure. */
int cli_groups_init(cli_ctx *c, const kehu_ledger *l, const kehu_summary *s,
                    cli_groups *g);
void cli_groups_free(cli_groups *g);

/* Write the name of group k to t. */
void cli_groups_cell(const cli_ctx *c, out_table *t, const cli_groups *g,
                     uint32_t k);

#endif
