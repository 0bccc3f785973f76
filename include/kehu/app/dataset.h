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

#define KEHU_READING_MAX_REASONS 24
#define KEHU_READING_FIRST_LINES 5

/* Rows rejected for one reason. */
typedef struct kehu_reading_reason {
    const char *name; /* static machine name ("bad_date") */
    uint64_t count;
    int64_t first[KEHU_READING_FIRST_LINES]; /* first line numbers */
    size_t nfirst;
} kehu_reading_reason;

/*
 * How one input file was read, as plain data (for an operation that
 * reports on the reading itself): read = accepted + rejected + duplicates.
 */
typedef struct kehu_reading {
    const char *path;     /* the input as the user named it */
    kehu_input_kind kind; /* what it was read as */
    uint64_t read;        /* data rows */
    uint64_t accepted;    /* rows used */
    uint64_t rejected;    /* rows written to the rejects file */
    uint64_t duplicates;  /* exact repeats skipped */
    kehu_reading_reason reasons[KEHU_READING_MAX_REASONS]; /* count desc */
    size_t nreasons;
    const char *rejects_path; /* the rejects file written, or NULL */
    char delimiter;           /* the delimiter used (' ' = whitespace) */
    int has_header;
    double max_reject_rate;
    int64_t amount_total; /* accepted transactions' amounts, minor units */
} kehu_reading;

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
    const kehu_reading *reading; /* the input's reading, or NULL */
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
