/* SPDX-License-Identifier: MIT */
/*
 * Rows of the inputs other than transactions (customer master, feedback,
 * service costs, events) and the callbacks that receive them. Readers in io
 * and stores produce them; the ledger and the operations consume them. Text
 * fields are borrowed slices, valid only during the call.
 */
#ifndef KEHU_ROWS_H
#define KEHU_ROWS_H

#include "kehu/status.h"
#include "kehu/txn.h"

#include <stdint.h>

/* Rows of the other inputs; slices are valid during the callback only. */
typedef struct kehu_master_row {
    kehu_slice customer_id;
    int32_t signup_day; /* KEHU_DAY_NONE when not given */
    kehu_slice region, branch, channel, source, name;
} kehu_master_row;

typedef struct kehu_feedback_row {
    kehu_slice customer_id;
    int32_t day, second; /* second -1 when no time */
    double score;
    int scale; /* 5 or 10; 0 when not given */
    kehu_slice comment;
} kehu_feedback_row;

typedef struct kehu_service_cost_row {
    kehu_slice customer_id;
    int32_t day;
    int64_t cost; /* money units */
    kehu_slice type;
} kehu_service_cost_row;

typedef struct kehu_event_row {
    kehu_slice customer_id;
    int32_t day, second;
    kehu_slice event, item, category;
} kehu_event_row;

typedef kehu_status (*kehu_txn_fn)(void *ctx, const kehu_txn *t);
typedef kehu_status (*kehu_master_fn)(void *ctx, const kehu_master_row *r);
typedef kehu_status (*kehu_feedback_fn)(void *ctx, const kehu_feedback_row *r);
typedef kehu_status (*kehu_service_cost_fn)(void *ctx,
                                            const kehu_service_cost_row *r);
typedef kehu_status (*kehu_event_fn)(void *ctx, const kehu_event_row *r);

/* The callback of kehu_read_buffer: the member matching the kind. */
typedef union kehu_row_fn {
    kehu_txn_fn txn;
    kehu_master_fn master;
    kehu_feedback_fn feedback;
    kehu_service_cost_fn service_cost;
    kehu_event_fn event;
} kehu_row_fn;

#endif
