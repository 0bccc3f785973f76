/* SPDX-License-Identifier: MIT */
/*
 * Grouping dimensions for composition and core (SPEC.md section 5): the
 * customer attributes region, branch and channel, and the classes of
 * SPEC.md section 4. Each customer gets a numeric key per dimension; keys
 * of customer attributes are ranks of the value names, so equal-revenue
 * groups come out in name order. The key of a class is its enum value.
 */
#ifndef KEHU_CLI_DIMS_H
#define KEHU_CLI_DIMS_H

#include "cli.h"
#include "cli_standards.h"

typedef struct cli_dim_def {
    const char *name; /* as given to --by */
    const char *zh;   /* column label */
    int is_class;     /* 1: a class of section 4; 0: a customer attribute */
    int which;        /* kehu_dim or cli_class_dim */
} cli_dim_def;

/* A dimension bound to one ledger. */
typedef struct cli_dim {
    const cli_dim_def *def;
    const kehu_ledger *l;
    uint32_t *rank;  /* attribute value -> key (attributes only) */
    uint32_t *value; /* key -> attribute value */
} cli_dim;

/*
 * Parse a --by list "DIM[,DIM]" into at most max dimensions bound to l.
 * attributes_only: only region, branch and channel are allowed. *n gets
 * the count. Returns 0, or 2 after printing the allowed names (1 when out
 * of memory). Free with cli_dims_reset even on failure.
 */
int cli_dims_parse(cli_ctx *c, const char *opt, const char *list,
                   int attributes_only, const kehu_ledger *l, cli_dim *dims,
                   size_t max, size_t *n);
void cli_dims_reset(cli_dim *dims, size_t n);

/* Key of summary row r with classes k (k may be NULL for attributes). */
uint32_t cli_dim_key(const cli_dim *d, const kehu_summary_row *r,
                     const kehu_class *k);

/* Write the name of key to t: the attribute value (null when unknown,
 * "(unknown)"/"（未知）" in a table) or the class label. */
void cli_dim_cell(const cli_ctx *c, out_table *t, const cli_dim *d,
                  uint32_t key);

#endif
