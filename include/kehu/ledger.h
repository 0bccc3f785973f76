/* SPDX-License-Identifier: MIT */
/*
 * The ledger: every customer's activity, one entry per (customer, day),
 * built in one pass over the transaction rows. It never stores rows: memory
 * grows with customers and their active days, not with rows. Everything
 * else (summary as of any date, classes as of any date, lifecycle, cohorts,
 * bridges) is derived from it, so point-in-time recomputation needs no
 * second pass over the input.
 *
 * Customer ids are copied (they outlive the input buffer). Customers are
 * numbered 0..n-1 in order of first appearance; kehu_ledger_sorted() gives
 * the deterministic output order.
 */
#ifndef KEHU_LEDGER_H
#define KEHU_LEDGER_H

#include "kehu/status.h"
#include "kehu/txn.h"

typedef struct kehu_ledger kehu_ledger;

/* The dimensions a customer carries; values are interned, 0 = unknown. */
typedef enum kehu_dim {
    KEHU_DIM_REGION = 0,
    KEHU_DIM_BRANCH,
    KEHU_DIM_CHANNEL,
    KEHU_DIM_CATEGORY,
    KEHU_DIM_COUNT
} kehu_dim;

/* One customer-day. Returns (negative amounts) reduce amount but do not
 * make a day a purchase day; a day is a purchase day when purchases > 0. */
typedef struct kehu_activity {
    int32_t day;        /* days since 1970-01-01 */
    uint32_t purchases; /* rows with amount >= 0 */
    uint32_t orders;    /* distinct orders first seen on this day */
    uint32_t returns;   /* rows with amount < 0 */
    int64_t amount;     /* money units, returns included */
    int64_t cost;       /* money units */
    int64_t discounted; /* money units of rows that carry a discount */
    uint64_t order_key; /* bookkeeping: hash of the day's first order id,
                           0 when none */
    uint64_t row_key;   /* bookkeeping: kehu_txn.row_key of the day's
                           first row, 0 when none */
} kehu_activity;

/* Read-only view of one customer; valid until the ledger changes. */
typedef struct kehu_customer {
    kehu_slice id;             /* the customer id as given */
    const kehu_activity *days; /* sorted by day, unique days */
    size_t n_days;
    uint32_t dim[KEHU_DIM_COUNT]; /* master value if given, else the most
                                     frequent value (ties: smallest) */
    int in_master;                /* 1 when listed in a customer master */
    int32_t signup_day;           /* from the master, KEHU_DAY_NONE if not */
} kehu_customer;

kehu_status kehu_ledger_new(kehu_ledger **out);
void kehu_ledger_free(kehu_ledger *l);

/* Add one accepted transaction row. When t->row_key is not 0 (a hash of
 * the raw row) and the customer already has a row with that key, the row
 * is an exact duplicate: nothing is added and KEHU_DONE is returned.
 * Distinct orders and duplicate rows are tracked in the customer-day
 * entries (the first order and row of each day), plus small sets for the
 * further orders and rows of a day: memory grows with active days and
 * multi-order days, not with every row. KEHU_ERANGE (nothing added) when
 * the sum of |amount| or of |cost| over all rows would pass INT64_MAX
 * money units: every total kehu computes from the ledger stays exact. */
kehu_status kehu_ledger_add(kehu_ledger *l, const kehu_txn *t);

/* A hint before kehu_ledger_add(l, t): stages 0, 1 and 2, issued in that
 * order some rows apart, bring the customer's hash slot, record, latest
 * activity and order-set slot into the cache. Changes nothing. */
void kehu_ledger_prefetch(const kehu_ledger *l, const kehu_txn *t, int stage);

/* The same for reading customer i (0 <= i < count): stage 1 brings its
 * record into the cache, stage 2 its id and activity. */
void kehu_ledger_prefetch_customer(const kehu_ledger *l, size_t i, int stage);

/* Add or update a customer from a customer master; dimension slices of
 * length 0 leave the value unset. Master values override row values. */
kehu_status kehu_ledger_add_master(kehu_ledger *l, kehu_slice id,
                                   int32_t signup_day, kehu_slice region,
                                   kehu_slice branch, kehu_slice channel);

/* Fold every customer of `from` into `into` (exact: activity is merged by
 * day, so two ledgers of disjoint row sets give the ledger of the union).
 * Orders are summed: an order split across the two row sets counts twice. */
kehu_status kehu_ledger_merge(kehu_ledger *into, const kehu_ledger *from);

/* kehu_ledger_merge, then free `from` (consumed even on failure, when
 * `into` may hold part of it). Customers absent from `into` are moved
 * with their activity arrays rather than copied, so merging the ledgers of
 * disjoint customer sets (a split read) costs little; such a merge is
 * exact in every respect, orders included. */
kehu_status kehu_ledger_merge_take(kehu_ledger *into, kehu_ledger *from);

size_t kehu_ledger_count(const kehu_ledger *l);
/* 1 when any row carried a cost column. */
int kehu_ledger_has_cost(const kehu_ledger *l);
/* 1 when any row carried a discount column (docs/classification.md needs-based
 * type). */
int kehu_ledger_has_discount(const kehu_ledger *l);
/* First and last activity day over all customers (KEHU_DAY_NONE if empty). */
void kehu_ledger_span(const kehu_ledger *l, int32_t *first, int32_t *last);

/* View of customer i (0 <= i < count). */
void kehu_ledger_customer(const kehu_ledger *l, size_t i, kehu_customer *out);
/* Index of the customer with this id: KEHU_OK, or KEHU_DONE if absent. */
kehu_status kehu_ledger_find(const kehu_ledger *l, kehu_slice id, size_t *out);
/* Text of an interned dimension value ("" for 0). */
const char *kehu_ledger_dim_value(const kehu_ledger *l, kehu_dim d,
                                  uint32_t value);
/* The same as a slice (ptr, len). */
kehu_slice kehu_ledger_dim_slice(const kehu_ledger *l, kehu_dim d,
                                 uint32_t value);
/* Number of interned values of d, including 0. */
uint32_t kehu_ledger_dim_count(const kehu_ledger *l, kehu_dim d);

/* Customer indices in output order (by id: numeric ids numerically, then
 * bytewise). OUT: *out is an array of count indices owned by the caller
 * (free with kehu_free). */
kehu_status kehu_ledger_sorted(const kehu_ledger *l, size_t **out);

/* Order of two customer ids as used everywhere for ties and output. */
int kehu_id_compare(kehu_slice a, kehu_slice b);

#endif
