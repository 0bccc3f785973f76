/* SPDX-License-Identifier: MIT */
/*
 * Differential fuzzing of the two-thread split read: an arbitrary buffer,
 * written to a file and read by kehu_read_transactions_split into two
 * ledgers (each part passing over the other's rows by their id field),
 * merged by kehu_ledger_merge_take, must give what the in-order read of the
 * same bytes gives: the same counts and, customer by customer in id order,
 * the same summary. When the split read declines (a rejected row), the
 * in-order read must reject a row too.
 */
#include "../../src/io/csv_read.h"
#include "kehu/alloc.h"
#include "kehu/ledger.h"
#include "kehu/summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static kehu_status add(void *ctx, const kehu_txn *t)
{
    return kehu_ledger_add(ctx, t);
}

static void prefetch(void *ctx, const kehu_txn *t, int stage)
{
    kehu_ledger_prefetch(ctx, t, stage);
}

static int same_slice(kehu_slice a, kehu_slice b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

/* 1 when customer i of a and j of b have the same id and summary row. */
static int same_customer(const kehu_ledger *a, const kehu_summary *ha, size_t i,
                         const kehu_ledger *b, const kehu_summary *hb, size_t j)
{
    kehu_summary_row ra, rb;
    kehu_customer ca, cb;
    int d;

    if (kehu_summary_row_of(a, ha, 1, i, &ra) !=
        kehu_summary_row_of(b, hb, 1, j, &rb)) {
        return 0;
    }
    kehu_ledger_customer(a, i, &ca);
    kehu_ledger_customer(b, j, &cb);
    for (d = 0; d < KEHU_DIM_COUNT; d++) {
        if (!same_slice(kehu_ledger_dim_slice(a, (kehu_dim)d, ra.dim[d]),
                        kehu_ledger_dim_slice(b, (kehu_dim)d, rb.dim[d]))) {
            return 0;
        }
    }
    return same_slice(ca.id, cb.id) && ra.orders == rb.orders &&
           ra.purchase_days == rb.purchase_days &&
           ra.first_purchase == rb.first_purchase &&
           ra.last_purchase == rb.last_purchase &&
           ra.monetary_total == rb.monetary_total &&
           ra.profit_total == rb.profit_total &&
           ra.repeat_monetary_avg == rb.repeat_monetary_avg;
}

/* 1 when a and b hold the same customers with the same summaries (or
 * memory ran out, leaving nothing to compare). */
static int same_ledgers(const kehu_ledger *a, const kehu_ledger *b)
{
    kehu_summary_options so;
    kehu_summary ha, hb;
    size_t *oa = NULL, *ob = NULL, n = kehu_ledger_count(a);
    int same = n == kehu_ledger_count(b);

    kehu_summary_options_init(&so);
    so.include_idle = 1;
    kehu_summary_prepare(a, &so, &ha);
    kehu_summary_prepare(b, &so, &hb);
    same &= ha.as_of_day == hb.as_of_day;
    if (same && kehu_ledger_sorted(a, &oa) == KEHU_OK &&
        kehu_ledger_sorted(b, &ob) == KEHU_OK) {
        size_t i;
        for (i = 0; same && i < n; i++) {
            same = same_customer(a, &ha, oa[i], b, &hb, ob[i]);
        }
    }
    kehu_free(oa);
    kehu_free(ob);
    return same;
}

/* The in-order read of data into a new ledger *l. */
static kehu_status read_in_order(const uint8_t *data, size_t size,
                                 const kehu_read_opts *o, kehu_ledger **l,
                                 kehu_read_stats *st)
{
    kehu_row_fn fn;

    fn.txn = add;
    if (kehu_ledger_new(l) != KEHU_OK) {
        return KEHU_ENOMEM;
    }
    return kehu_read_buffer(KEHU_INPUT_TRANSACTIONS, (const char *)data, size,
                            NULL, o, fn, *l, st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/kehu-fuzz-split-XXXXXX";
    kehu_read_stats *st = calloc(2, sizeof *st);
    kehu_ledger *whole = NULL, *part[2] = {NULL, NULL};
    kehu_read_opts o;
    int fd = mkstemp(path);

    if (fd < 0 || st == NULL) {
        free(st);
        if (fd >= 0) {
            close(fd);
            unlink(path);
        }
        return 0;
    }
    if (write(fd, data, size) != (ssize_t)size) {
        size = 0; /* a short write: compare nothing */
    }
    close(fd);
    kehu_read_opts_init(&o);
    o.max_reject_rate = -1;
    o.callback_dedupes = 1;
    o.prefetch = prefetch;
    o.rejects_path = "/dev/null";
    if (size > 0 && kehu_ledger_new(&part[0]) == KEHU_OK &&
        kehu_ledger_new(&part[1]) == KEHU_OK) {
        kehu_status rc = kehu_read_transactions_split(path, &o, add,
                                                      (void **)part, 2, &st[0]);
        if (rc == KEHU_OK) {
            rc = kehu_ledger_merge_take(part[0], part[1]);
            part[1] = NULL; /* consumed */
            if (rc == KEHU_OK &&
                (read_in_order(data, size, &o, &whole, &st[1]) != KEHU_OK ||
                 st[0].read != st[1].read || st[0].accepted != st[1].accepted ||
                 st[0].duplicates != st[1].duplicates || st[1].rejected != 0 ||
                 !same_ledgers(whole, part[0]))) {
                abort(); /* the split read differs from the in-order one */
            }
        } else if (rc == KEHU_CONTINUE &&
                   read_in_order(data, size, &o, &whole, &st[1]) == KEHU_OK &&
                   st[1].rejected == 0 && st[1].read > 0) {
            abort(); /* declined although every row is fine */
        }
    }
    kehu_ledger_free(whole);
    kehu_ledger_free(part[0]);
    kehu_ledger_free(part[1]);
    unlink(path);
    free(st);
    return 0;
}
