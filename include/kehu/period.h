/* SPDX-License-Identifier: MIT */
/*
 * Calendar periods for counts over time (docs/counts.md): day, ISO week
 * (Monday first), month, quarter and year. A period is named by an index,
 * an int32_t that grows by one from each period to the next, so periods can
 * be used as array offsets (index - first index) and stepped by adding 1.
 * Indices are only comparable within one kind. Pure arithmetic, no state.
 *
 * Index of each kind: day = the day number; week = weeks since the Monday
 * 1969-12-29; month = year * 12 + month - 1; quarter = year * 4 +
 * quarter - 1; year = the year.
 */
#ifndef KEHU_PERIOD_H
#define KEHU_PERIOD_H

#include "kehu/status.h"

#include <stddef.h>
#include <stdint.h>

typedef enum kehu_period_kind {
    KEHU_PERIOD_DAY = 0,
    KEHU_PERIOD_WEEK, /* ISO 8601, Monday first */
    KEHU_PERIOD_MONTH,
    KEHU_PERIOD_QUARTER,
    KEHU_PERIOD_YEAR,
    KEHU_PERIOD_COUNT
} kehu_period_kind;

/* Most periods one table runs over: 27 years of days, 833 of months. More
 * means a stray date far from the rest (a typo year such as 1024); the
 * counting functions refuse it with KEHU_ETOOBIG rather than print or
 * compute thousands of empty periods. */
#define KEHU_PERIOD_MAX 10000

/* Buffer size that holds any label and its NUL ("2025-03-14"). */
#define KEHU_PERIOD_LABEL_MAX 16

/* Index of the period of kind k containing day. */
int32_t kehu_period_of(kehu_period_kind k, int32_t day);

/* First day of the period with this index. */
int32_t kehu_period_first_day(kehu_period_kind k, int32_t index);

/* First day of the period after the one containing day (that is, the day
 * after the period's last day). */
int32_t kehu_period_next_day(kehu_period_kind k, int32_t day);

/* Number of days in the period with this index. */
int32_t kehu_period_days(kehu_period_kind k, int32_t index);

/* Writes the label of a period into buf (at least KEHU_PERIOD_LABEL_MAX
 * bytes): "2025-03-14", "2025-W09" (ISO week-numbering year, so
 * 2024-12-30 is in "2025-W01"), "2025-03", "2025-Q1", "2025". */
void kehu_period_label(kehu_period_kind k, int32_t index, char *buf);

/* Parse a kind name ("day", "week", "month", "quarter", "year"; also the
 * plural and "d", "w", "m", "q", "y"), len bytes, case-insensitive.
 * Returns KEHU_OK, or KEHU_EINVAL for anything else (*out untouched). */
kehu_status kehu_period_parse(const char *name, size_t len,
                              kehu_period_kind *out);

/* Parse a period label as kehu_period_label writes it (or a plain date
 * for a day), len bytes. Returns KEHU_OK, or KEHU_EPARSE. */
kehu_status kehu_period_parse_label(kehu_period_kind k, const char *s,
                                    size_t len, int32_t *out);

/* Machine name of a kind ("month"); never NULL. */
const char *kehu_period_name(kehu_period_kind k);

/* Periods in one seasonal cycle: 7 days, 52 weeks, 12 months, 4 quarters;
 * 1 for years (no season). */
int kehu_period_season(kehu_period_kind k);

#endif
