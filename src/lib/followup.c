/* SPDX-License-Identifier: MIT */
/* The follow-up list (see kehu/followup.h). */
#include "kehu/followup.h"

#include "kehu/alloc.h"
#include "kehu/date.h"

#include <stdlib.h>

/* Never contacted first (as the oldest), then by contact day, then spend
 * descending; rows come in id order, kept by the final position tie. */
typedef struct keyed_row {
    kehu_followup_row r;
    size_t pos;
} keyed_row;

static int cmp_rows(const void *a, const void *b)
{
    const keyed_row *x = a, *y = b;
    int64_t cx = x->r.last_contact, cy = y->r.last_contact;

    if (cx != cy) {
        return cx < cy ? -1 : 1; /* KEHU_DAY_NONE is INT32_MIN: first */
    }
    if (x->r.monetary_total != y->r.monetary_total) {
        return x->r.monetary_total > y->r.monetary_total ? -1 : 1;
    }
    return (x->pos > y->pos) - (x->pos < y->pos);
}

static kehu_status collect(const kehu_summary *s, const kehu_class *cls,
                           const int32_t *last_contact, int32_t max_days,
                           kehu_followup_row **out, size_t *n)
{
    keyed_row *k = kehu_calloc(s->n ? s->n : 1, sizeof *k);
    kehu_followup_row *rows;
    size_t i, m = 0;

    if (k == NULL) {
        return KEHU_ENOMEM;
    }
    for (i = 0; i < s->n; i++) {
        const kehu_summary_row *r = &s->rows[i];
        int32_t c = last_contact[r->customer];

        if (cls[i].tier != KEHU_TIER_CORE ||
            (c != KEHU_DAY_NONE && s->as_of_day - c <= max_days)) {
            continue;
        }
        k[m].r.customer = r->customer;
        k[m].r.last_contact = c;
        k[m].r.last_purchase = r->last_purchase;
        k[m].r.days_since_last = r->days_since_last;
        k[m].r.purchase_days = r->purchase_days;
        k[m].r.monetary_total = r->monetary_total;
        k[m].pos = i;
        m++;
    }
    qsort(k, m, sizeof *k, cmp_rows);
    rows = kehu_calloc(m ? m : 1, sizeof *rows);
    if (rows == NULL) {
        kehu_free(k);
        return KEHU_ENOMEM;
    }
    for (i = 0; i < m; i++) {
        rows[i] = k[i].r;
    }
    kehu_free(k);
    *out = rows;
    *n = m;
    return KEHU_OK;
}

kehu_status kehu_followup_list(const kehu_ledger *l, const kehu_standards *std,
                               const kehu_bridge_options *o, int32_t as_of_day,
                               const int32_t *last_contact, int32_t max_days,
                               kehu_followup_row **out, size_t *n)
{
    kehu_summary_options so;
    kehu_summary *s = NULL;
    kehu_class *cls = NULL;
    kehu_status rc;

    *out = NULL;
    *n = 0;
    if (max_days < 0) {
        return KEHU_EINVAL;
    }
    if (as_of_day == KEHU_DAY_NONE) {
        int32_t last;
        kehu_ledger_span(l, NULL, &last);
        as_of_day = last == KEHU_DAY_NONE ? 0 : last + 1;
    }
    kehu_summary_options_init(&so);
    so.as_of_day = as_of_day;
    so.unit = o->unit;
    if (o->window_days > 0) {
        so.since_day = as_of_day - o->window_days;
    }
    rc = kehu_summary_compute(l, &so, &s);
    if (rc != KEHU_OK) {
        return rc;
    }
    rc = kehu_classify(s, std, NULL, &cls);
    if (rc == KEHU_OK) {
        rc = collect(s, cls, last_contact, max_days, out, n);
    }
    kehu_free(cls);
    kehu_summary_free(s);
    return rc;
}
