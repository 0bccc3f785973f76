/* SPDX-License-Identifier: MIT */
/*
 * Internal: classification from packed rows. The passes of kehu_classify
 * go over every row several times and a bridge classifies millions of
 * rows per period boundary, so they read the few fields they need, packed
 * into 32 bytes, instead of whole summary rows. kehu_classify packs a
 * summary; the bridge builds packed rows directly (one pass over the
 * customers' activity for all its dates).
 */
#ifndef KEHU_CLASSIFY_PACKED_H
#define KEHU_CLASSIFY_PACKED_H

#include "kehu/classify.h"

/* The summary-row fields the classification reads. */
typedef struct kehu__crow {
    double monetary_total;
    int32_t first_purchase, last_purchase, purchase_days, days_since_last,
        days_in_year;
} kehu__crow;

/* Pack one summary row. */
void kehu__crow_of(const kehu_summary_row *r, kehu__crow *out);

/* kehu_classify_info over rows[0..head->n): only head->n and
 * head->as_of_day of head are read (head->rows may be NULL). With
 * base_only, only what the active base needs is computed: r, f, m, abcd,
 * tier exactly, and whether the stage is churned; the RFM-8 class is left
 * 0 and a stage that is not churned may say active for at_risk. */
kehu_status kehu__classify_packed(const kehu_summary *head,
                                  const kehu__crow *rows, int base_only,
                                  const kehu_standards *std,
                                  const kehu_class_inputs *extra,
                                  kehu_class_info *info, kehu_class **out);

#endif
