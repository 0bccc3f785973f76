/* SPDX-License-Identifier: MIT */
/*
 * Loading transactions into a ledger on two threads when that pays off
 * (a large mapped file on a machine with two or more cores): the rows are
 * split by customer, read into two ledgers at once, and the second is
 * moved into the first. Any reject, or anything unusual, falls back to the
 * ordinary in-order read, so results and messages are the same either way.
 * KEHU_THREADS=1 turns splitting off; KEHU_THREADS=2 forces it for any
 * file size (tests).
 */
#ifndef KEHU_CLI_SPLIT_H
#define KEHU_CLI_SPLIT_H

#include "../io/csv_read.h"
#include "kehu/ledger.h"

/* Whether to use a second thread: KEHU_THREADS=1 never, =2 always,
 * otherwise when worth_it and the machine has two or more cores. */
int cli_want_thread(int worth_it);

/* 1 when a split read is worth trying for the file at path (a regular
 * file of 32 MB or more, and cli_want_thread). */
int cli_want_split(const char *path);

/* Read the transactions at `path` into *l (an empty ledger, which may be
 * replaced by another). Status and *st as kehu_read_transactions. */
kehu_status cli_read_ledger(const char *path, const kehu_read_opts *o,
                            kehu_ledger **l, kehu_read_stats *st);

#endif
