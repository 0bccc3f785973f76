/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the whole transaction path: an arbitrary buffer read as a
 * transaction file (schema, tokenizer, parsers, duplicate check) into a
 * ledger, then the summary and the classification of every customer. The
 * reconciliation must always add up.
 */
#include "../../src/io/csv_read.h"
#include "kehu/alloc.h"
#include "kehu/classify.h"
#include "kehu/ledger.h"
#include "kehu/summary.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static kehu_status add(void *ctx, const kehu_txn *t)
{
    return kehu_ledger_add(ctx, t);
}

static void analyse(const kehu_ledger *l)
{
    kehu_summary_options so;
    kehu_summary *s;
    kehu_standards std;
    kehu_class *cls;

    kehu_summary_options_init(&so);
    so.include_idle = 1;
    if (kehu_summary_compute(l, &so, &s) != KEHU_OK) {
        return;
    }
    kehu_standards_init(&std);
    if (kehu_classify(s, &std, NULL, &cls) == KEHU_OK) {
        kehu_free(cls);
    }
    kehu_summary_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kehu_read_opts o;
    kehu_read_stats *st = calloc(1, sizeof *st);
    kehu_ledger *l = NULL;
    kehu_row_fn fn;
    kehu_status rc;

    if (st == NULL || kehu_ledger_new(&l) != KEHU_OK) {
        free(st);
        return 0;
    }
    kehu_read_opts_init(&o);
    o.max_reject_rate = -1;
    fn.txn = add;
    rc = kehu_read_buffer(KEHU_INPUT_TRANSACTIONS, (const char *)data, size,
                          NULL, &o, fn, l, st);
    if (rc == KEHU_OK &&
        st->read != st->accepted + st->rejected + st->duplicates) {
        abort(); /* the reconciliation must always add up */
    }
    if (rc == KEHU_OK) {
        analyse(l);
    }
    kehu_ledger_free(l);
    free(st);
    return 0;
}
