/* SPDX-License-Identifier: MIT */
/*
 * The follow-up list (SPEC.md section 6): core customers as of a date A
 * (tier core, by the same summary + classification as `classify --as-of`)
 * whose last contact before A is more than max_days days old, or who were
 * never contacted; never-contacted first, then the oldest contact first,
 * ties by spend (highest first) and customer id. Contacts are given per
 * ledger customer by the caller (the CLI reads them from the events
 * input); contacts on or after A are the caller's to leave out.
 */
#ifndef KEHU_FOLLOWUP_H
#define KEHU_FOLLOWUP_H

#include "kehu/bridge.h"

typedef struct kehu_followup_row {
    size_t customer;         /* ledger index */
    int32_t last_contact;    /* day, KEHU_DAY_NONE when never */
    int32_t last_purchase;   /* day */
    int32_t days_since_last; /* A - last purchase */
    int32_t purchase_days;
    double monetary_total; /* currency */
} kehu_followup_row;

/* The list as of as_of_day (KEHU_DAY_NONE: the day after the last
 * activity). last_contact has kehu_ledger_count(l) days
 * (KEHU_DAY_NONE = no contact). OUT: *out (kehu_free) with *n rows, in
 * list order. Returns KEHU_EINVAL (max_days < 0, or a bad standard),
 * KEHU_ENOMEM. */
kehu_status kehu_followup_list(const kehu_ledger *l, const kehu_standards *std,
                               const kehu_bridge_options *o, int32_t as_of_day,
                               const int32_t *last_contact, int32_t max_days,
                               kehu_followup_row **out, size_t *n);

#endif
