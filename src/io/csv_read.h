/* SPDX-License-Identifier: MIT */
/*
 * Reading input files (docs/inputs.md): map the file, detect the
 * delimiter from the header line, resolve the schema (headers, aliases,
 * --map), tokenize and parse every row, hand accepted rows to a callback,
 * write rejected rows verbatim to the rejects file, skip exact duplicate
 * transaction rows, and reconcile: read = accepted + rejected + duplicates.
 *
 * Rejects file: a stale one is removed when reading starts, and a new one
 * is created only when a row is rejected (columns line,reason,row).
 * A customer master lists each customer once: an exact repeat of a row is
 * counted as a duplicate, and another row for an id already read is
 * rejected (duplicate_customer_id; the first row wins).
 * Rows are validated before the duplicate check, so a broken row is always
 * in the rejects file even when it repeats an earlier one.
 */
#ifndef KEHU_CSV_READ_H
#define KEHU_CSV_READ_H

#include "kehu/rows.h"
#include "kehu/schema.h"
#include "kehu/status.h"
#include "kehu/txn.h"

#include <stdint.h>

#define KEHU_READ_MAX_REASONS             24
#define KEHU_READ_FIRST_LINES             5
#define KEHU_READ_DEFAULT_MAX_REJECT_RATE 0.01

typedef struct kehu_read_opts {
    const char *delimiter;   /* NULL: detect; ",", ";", "tab", "space" */
    const char *date_format; /* NULL: the automatic forms */
    char thousands;          /* 0: none */
    /* "field=Header", "field=N", or either after "KIND." (for that kind
     * only); unscoped maps are for files of kind map_kind. */
    const char *const *maps;
    size_t nmaps;
    kehu_input_kind map_kind; /* default KEHU_INPUT_TRANSACTIONS */
    const char *rejects_path; /* NULL: "<input>.rejects.csv" */
    double max_reject_rate;   /* share of rows; < 0: never fail */
    size_t max_record;        /* bytes; 0: the tokenizer's default */
    void (*progress)(void *ctx, uint64_t done, uint64_t total);
    void *progress_ctx;
    /* Transactions with order_id: 0 = the reader finds exact duplicate
     * rows itself (a set of every row's hash while reading); 1 = the
     * callback does (as kehu_ledger_add does, with memory per customer-day
     * instead of per row): each row carries its hash in kehu_txn.row_key,
     * and a callback result of KEHU_DONE counts the row as a duplicate. */
    int callback_dedupes;
    /* Optional memory hint for transactions: called with stage 0, 1, 2 for
     * each accepted row, a few rows apart, before the row reaches the
     * callback (rows are then handed on 16 rows late, in order). */
    void (*prefetch)(void *ctx, const kehu_txn *t, int stage);
} kehu_read_opts;

typedef struct kehu_read_reason {
    const char *name; /* static machine name, e.g. "missing_customer_id" */
    uint64_t count;
    int64_t first[KEHU_READ_FIRST_LINES]; /* first line numbers */
    size_t nfirst;
} kehu_read_reason;

typedef struct kehu_read_stats {
    uint64_t read;       /* data rows (records) read */
    uint64_t accepted;   /* handed to the callback */
    uint64_t rejected;   /* written to the rejects file */
    uint64_t duplicates; /* exact repeats skipped (transactions with
                            order_id; customer master rows) */
    kehu_read_reason reasons[KEHU_READ_MAX_REASONS]; /* by count, desc */
    size_t nreasons;
    char rejects_path[4096]; /* where rejects go (or would go) */
    int rejects_written;     /* 1 when the rejects file was created */
    char delimiter;          /* the delimiter used (' ' = whitespace) */
    int has_header;
    uint64_t bytes;     /* input size */
    char message[2048]; /* on failure: what is wrong, what to do */
} kehu_read_stats;

/* Defaults: detect everything, max reject rate 0.01. */
void kehu_read_opts_init(kehu_read_opts *o);

/*
 * Read path ("-" = standard input) and call fn for every accepted row.
 * OUT: *st (always filled, also on failure).
 * Returns KEHU_OK; KEHU_EREJECT when more than max_reject_rate of the rows
 * were rejected (every row was still read and reconciled); KEHU_EPARSE for
 * unusable input (empty, not text, no data rows, a required column
 * missing: st->message names it and lists the headers found); KEHU_EINVAL
 * for bad options; KEHU_EIO when a file cannot be read or written;
 * KEHU_ENOMEM; or the first error returned by fn (reading stops).
 */
kehu_status kehu_read_transactions(const char *path, const kehu_read_opts *o,
                                   kehu_txn_fn fn, void *ctx,
                                   kehu_read_stats *st);
#define KEHU_READ_MAX_PARTS 8

/*
 * kehu_read_transactions on `nparts` threads (2..KEHU_READ_MAX_PARTS).
 * Each thread tokenizes the whole mapped file (so quoted newlines are no
 * problem) and handles the rows whose customer id hashes to its part,
 * calling fn with ctxs[part]: every customer's rows reach one context, in
 * file order, so per-customer results (duplicates, orders) are exact. fn
 * is called from several threads at once, each with its own context.
 * For a clean file the counts in *st equal kehu_read_transactions'.
 * Returns KEHU_OK, or KEHU_CONTINUE when the caller must discard the
 * contexts' contents and read the file with kehu_read_transactions: any
 * row rejected (the rejects file is only written in order), not a mapped
 * regular file, a callback error, or any other problem (reported then by
 * the ordinary read).
 */
kehu_status kehu_read_transactions_split(const char *path,
                                         const kehu_read_opts *o,
                                         kehu_txn_fn fn, void *const *ctxs,
                                         unsigned nparts, kehu_read_stats *st);
/* Any kind of input from path, fn being the member of that kind. */
kehu_status kehu_read_file(kehu_input_kind kind, const char *path,
                           const kehu_read_opts *o, kehu_row_fn fn, void *ctx,
                           kehu_read_stats *st);
kehu_status kehu_read_customers(const char *path, const kehu_read_opts *o,
                                kehu_master_fn fn, void *ctx,
                                kehu_read_stats *st);
kehu_status kehu_read_feedback(const char *path, const kehu_read_opts *o,
                               kehu_feedback_fn fn, void *ctx,
                               kehu_read_stats *st);
kehu_status kehu_read_service_costs(const char *path, const kehu_read_opts *o,
                                    kehu_service_cost_fn fn, void *ctx,
                                    kehu_read_stats *st);
kehu_status kehu_read_events(const char *path, const kehu_read_opts *o,
                             kehu_event_fn fn, void *ctx, kehu_read_stats *st);

/* Same as the above on an in-memory buffer (borrowed); `name` is used in
 * messages and for the default rejects path (NULL: no rejects file unless
 * o->rejects_path is set). */
kehu_status kehu_read_buffer(kehu_input_kind kind, const char *buf, size_t len,
                             const char *name, const kehu_read_opts *o,
                             kehu_row_fn fn, void *ctx, kehu_read_stats *st);

#endif
