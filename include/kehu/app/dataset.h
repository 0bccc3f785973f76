/* SPDX-License-Identifier: MIT */
/*
 * What an operation works on: the ledger (transactions and the customer
 * master), the classification standard in force, the category map, and the
 * side inputs (feedback, service costs, events), which are streamed to the
 * operation on demand through a source the front end provides (files
 * today; a workspace or a database later). Built by io or a store, never
 * by an operation; an operation only reads it.
 */
#ifndef KEHU_APP_DATASET_H
#define KEHU_APP_DATASET_H

#include "kehu/btyd.h"
#include "kehu/ledger.h"
#include "kehu/rows.h"
#include "kehu/schema.h"
#include "kehu/standards.h"
#include "kehu/status.h"

#include <stddef.h>
#include <stdint.h>

/*
 * Stream every row of side input `kind` to fn (the member of that kind)
 * with fn_ctx. Returns KEHU_OK, a status of fn, or a failure of the source
 * with err filled (the message names the input, line and reason).
 */
typedef kehu_status (*kehu_side_fn)(void *src, kehu_input_kind kind,
                                    kehu_row_fn fn, void *fn_ctx,
                                    kehu_error *err);

typedef struct kehu_dataset {
    kehu_ledger *ledger;          /* NULL when the operation needs none */
    int has_master;               /* 1: a customer master was read */
    kehu_standards standards;     /* defaults, then the standards file */
    const char *standards_source; /* the file read; NULL: the defaults */
    int standards_overridden;     /* 1: single keys set by parameters */
    const char *category_map;     /* CSV text "category,need", or NULL */
    size_t category_map_len;
    const char *category_map_name; /* for messages */
    kehu_side_fn side;             /* NULL: no side inputs */
    void *side_src;
    unsigned side_kinds; /* bit (1u << kind) per side input present */
    /* Histories of a published summary, given instead of transactions
     * (fit's summary input): unique (x, t_x, T) rows with weights; for a
     * spend model (x, mean repeat spend, 0). NULL: none. */
    const kehu_hist *hist;
    /* For messages: the file (or table) of each side input; may be NULL. */
    const char *side_name[KEHU_INPUT_COUNT];
} kehu_dataset;

/* Everything empty; standards at their defaults. */
void kehu_dataset_init(kehu_dataset *d);

/* 1 when side input `kind` can be streamed. */
int kehu_dataset_has(const kehu_dataset *d, kehu_input_kind kind);

/* The name of side input kind for messages: side_name[kind], else the
 * kind's name ("feedback"). */
const char *kehu_dataset_side_name(const kehu_dataset *d, kehu_input_kind kind);

/* Stream side input kind (see kehu_side_fn); KEHU_EINVAL with err when
 * the dataset has none. */
kehu_status kehu_dataset_each(const kehu_dataset *d, kehu_input_kind kind,
                              kehu_row_fn fn, void *fn_ctx, kehu_error *err);

#endif
