/* SPDX-License-Identifier: MIT */
/*
 * Grouping dimensions for by (composition, core, and the value
 * operations): the customer attributes region, branch and channel, and
 * the classes of classes.h. Each customer gets a numeric key per
 * dimension; keys of customer attributes are ranks of the value names, so
 * equal-revenue groups come out in name order. The key of a class is its
 * enum value. Groups: one dimension keyed over every row of a summary,
 * classifying the summary under the standard in force for a class.
 */
#ifndef KEHU_APP_GROUPS_H
#define KEHU_APP_GROUPS_H

#include "classes.h"

#include "kehu/app/dataset.h"

typedef struct kehu__dim_def {
    const char *name; /* as given to by; the column key */
    int is_class;     /* 1: a class; 0: a customer attribute */
    int which;        /* kehu_dim or kehu__class_dim */
} kehu__dim_def;

/* A dimension bound to one ledger. */
typedef struct kehu__group_dim {
    const kehu__dim_def *def;
    const kehu_ledger *l;
    uint32_t *rank;  /* attribute value -> key (attributes only) */
    uint32_t *value; /* key -> attribute value */
} kehu__group_dim;

/*
 * Parse a list "DIM[,DIM]" (the value of parameter `param`) into at most
 * max dimensions bound to l. attributes_only: only region, branch and
 * channel are allowed. OUT: *n, the count. KEHU_EINVAL with err naming
 * the allowed names; KEHU_ENOMEM. Free with kehu__dims_reset even on
 * failure.
 */
kehu_status kehu__dims_parse(const char *param, const char *list,
                             int attributes_only, const kehu_ledger *l,
                             kehu__group_dim *dims, size_t max, size_t *n,
                             kehu_error *err);
void kehu__dims_reset(kehu__group_dim *dims, size_t n);

/* Key of summary row r with classes k (k may be NULL for attributes). */
uint32_t kehu__dim_key(const kehu__group_dim *d, const kehu_summary_row *r,
                       const kehu_class *k);

/* The name of key as the next cell: the attribute value (null when
 * unknown, "(unknown)"/"（未知）" in a table) or the class. */
void kehu__cell_dim_key(const kehu_cells *c, const kehu__group_dim *d,
                        uint32_t key);

typedef struct kehu__groups {
    kehu__group_dim dim;
    uint32_t *key; /* per summary row */
    uint32_t n_keys;
} kehu__groups;

/*
 * Key every row of s by `by` (one dimension; NULL: g->n_keys = 0),
 * classifying s under d's standard (with d's category map) for a class
 * dimension. KEHU_EINVAL with err, KEHU_ENOMEM. Free with
 * kehu__groups_free even on failure.
 */
kehu_status kehu__groups_init(const kehu_dataset *d, const kehu_ledger *l,
                              const char *by, const kehu_summary *s,
                              kehu__groups *g, kehu_error *err);
void kehu__groups_free(kehu__groups *g);

/* The name of group k as the next cell. */
void kehu__groups_cell(const kehu_cells *c, const kehu__groups *g, uint32_t k);

#endif
