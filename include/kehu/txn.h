/* SPDX-License-Identifier: MIT */
/*
 * One accepted transaction row, as the CSV reader hands it to the ledger.
 * Text fields are borrowed slices of the reader's buffer, valid only during
 * the call that receives the row.
 */
#ifndef KEHU_TXN_H
#define KEHU_TXN_H

#include <stddef.h>
#include <stdint.h>

/* Money is int64_t in units of 1/KEHU_MONEY_SCALE of the currency: four
 * decimals, so unit prices such as 0.001 stay exact. */
#define KEHU_MONEY_SCALE 10000

typedef struct kehu_slice {
    const char *ptr;
    size_t len;
} kehu_slice;

typedef struct kehu_txn {
    kehu_slice customer_id; /* never empty */
    kehu_slice order_id;    /* len 0 when the input has no order_id */
    int32_t day;            /* days since 1970-01-01 */
    int32_t second;         /* seconds into the day, -1 when not given */
    int64_t amount;         /* money units; negative amounts are returns */
    int64_t cost;           /* money units; 0 when has_cost is 0 */
    int64_t discount;       /* money units; 0 when not given */
    int has_cost;           /* 1 when the input has a cost column */
    int has_discount;       /* 1 when it has a discount column */
    double quantity;        /* 1 when not given */
    kehu_slice region;      /* len 0 when not given */
    kehu_slice branch;
    kehu_slice channel;
    kehu_slice category;
    uint64_t row_key; /* hash of the raw row, for duplicate detection
                         in the ledger; 0 = do not check */
} kehu_txn;

#endif
