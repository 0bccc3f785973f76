/* SPDX-License-Identifier: MIT */
/*
 * --by DIM for the value commands: the group of every summary row by
 * region, branch or channel (from the ledger) or by value tier (core /
 * potential / ordinary) or lifecycle stage (kehu_classify with the
 * default standards), and the group labels. Groups are numbered
 * 0..n_keys-1 and printed in that order.
 */
#ifndef KEHU_CLI_GROUP_H
#define KEHU_CLI_GROUP_H

#include "cli.h"

typedef struct cli_groups {
    const char *by; /* the --by value, NULL when not given */
    int dim;        /* kehu_dim, or -1 tier, -2 stage */
    uint32_t *key;  /* per summary row */
    uint32_t n_keys;
    const kehu_ledger *l;
} cli_groups;

/* Read --by. With no --by, g->by is NULL and g->key NULL. p_alive (per
 * summary row, may be NULL) is passed to the classification for stage.
 * 0, 1 (out of memory) or 2 (unknown dimension, printed). */
int cli_groups_init(cli_ctx *c, const kehu_ledger *l, const kehu_summary *s,
                    const double *p_alive, cli_groups *g);
void cli_groups_free(cli_groups *g);

/* Check the --by value before any work: 0, or 2 after a usage error. */
int cli_groups_check(cli_ctx *c);

/* Label of group k as a slice. */
kehu_slice cli_groups_label(const cli_groups *g, uint32_t k);

#endif
