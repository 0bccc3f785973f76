/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the readers other than transactions (fuzz_transactions has those):
 * the first byte picks the customer master, feedback, service costs,
 * events or a model summary (and options: a scoped --map, a date format,
 * a forced delimiter); the rest is the file. Every row handed on is
 * touched (ASan checks its slices); the reconciliation must add up, and
 * an accepted summary must hold only valid histories.
 */
#include "../../src/io/csv_read.h"
#include "../../src/io/summary_read.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t touch(kehu_slice s)
{
    size_t i, n = 0;

    for (i = 0; i < s.len; i++) {
        n += (unsigned char)s.ptr[i];
    }
    return n;
}

static kehu_status on_master(void *ctx, const kehu_master_row *r)
{
    *(size_t *)ctx += touch(r->customer_id) + touch(r->region) +
                      touch(r->name) + touch(r->source);
    return r->customer_id.len > 0 ? KEHU_OK : KEHU_EINVAL;
}

static kehu_status on_feedback(void *ctx, const kehu_feedback_row *r)
{
    *(size_t *)ctx += touch(r->customer_id) + touch(r->comment);
    return r->score >= 0 && r->score <= 10 ? KEHU_OK : KEHU_EINVAL;
}

static kehu_status on_cost(void *ctx, const kehu_service_cost_row *r)
{
    *(size_t *)ctx += touch(r->customer_id) + touch(r->type);
    return KEHU_OK;
}

static kehu_status on_event(void *ctx, const kehu_event_row *r)
{
    *(size_t *)ctx += touch(r->customer_id) + touch(r->event) + touch(r->item) +
                      touch(r->category);
    return r->event.len > 0 ? KEHU_OK : KEHU_EINVAL;
}

/* An accepted summary holds finite, valid histories only. */
static void check_summary(const char *buf, size_t len, unsigned need,
                          const char *delim)
{
    kehu_summary_table *t = NULL;
    kehu_error err;
    size_t i;

    memset(&err, 0, sizeof err);
    if (kehu_read_summary_buffer(buf, len, delim, need, &t, &err) != KEHU_OK) {
        if (t != NULL || err.msg[0] == '\0') {
            abort(); /* a failure leaves no table and says why */
        }
        return;
    }
    for (i = 0; i < t->n; i++) {
        if (!isfinite(t->x[i]) || t->x[i] < 0 || !isfinite(t->t_x[i]) ||
            !isfinite(t->T[i]) || (t->w != NULL && !(t->w[i] > 0)) ||
            ((need & KEHU_SUMCOL_TX) &&
             (t->t_x[i] < 0 || t->t_x[i] > t->T[i]))) {
            abort();
        }
    }
    kehu_summary_table_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const maps[] = {"customers.customer_id=id",
                                       "feedback.score=note",
                                       "events.event=action"};
    static const char *const delims[] = {NULL, ";", "tab", "space"};
    kehu_read_opts o;
    kehu_read_stats *st;
    kehu_row_fn fn;
    size_t sink = 0;
    kehu_status rc;
    unsigned sel, kind;

    if (size == 0) {
        return 0;
    }
    sel = data[0];
    kind = sel % 8;
    data++;
    size--;
    if (kind >= 4) { /* summaries, with the masks the models use */
        check_summary((const char *)data, size,
                      kind == 7
                          ? KEHU_SUMCOL_X | KEHU_SUMCOL_M
                          : KEHU_SUMCOL_X | KEHU_SUMCOL_TX | KEHU_SUMCOL_T,
                      delims[(sel >> 3) % 4]);
        return 0;
    }
    st = calloc(1, sizeof *st);
    if (st == NULL) {
        return 0;
    }
    kehu_read_opts_init(&o);
    o.max_reject_rate = (sel & 0x20) ? 0.01 : -1;
    o.maps = maps;
    o.nmaps = (sel & 0x40) ? 3 : 0;
    o.date_format = (sel & 0x80) ? "%d/%m/%Y %H:%M" : NULL;
    o.delimiter = delims[(sel >> 3) % 4 == 3 ? 0 : (sel >> 3) % 4];
    if (kind == 0) {
        fn.master = on_master;
    } else if (kind == 1) {
        fn.feedback = on_feedback;
    } else if (kind == 2) {
        fn.service_cost = on_cost;
    } else {
        fn.event = on_event;
    }
    rc = kehu_read_buffer((kehu_input_kind)(KEHU_INPUT_CUSTOMERS + kind),
                          (const char *)data, size, NULL, &o, fn, &sink, st);
    if ((rc == KEHU_OK || rc == KEHU_EREJECT) &&
        st->read != st->accepted + st->rejected + st->duplicates) {
        abort(); /* the reconciliation must always add up */
    }
    if (rc == KEHU_EINVAL && st->message[0] == '\0') {
        abort(); /* a row the reader accepted was refused by a callback */
    }
    free(st);
    return 0;
}
