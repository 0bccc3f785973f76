/* SPDX-License-Identifier: MIT */
/*
 * The observation window of a customer summary as parameters: as-of (the
 * analysis date A), since and window (its start), the same for every
 * operation that summarises customers, and the summary options they make
 * with the unit. A group of kehu_param rows over a kehu__window member of
 * an operation's options struct.
 */
#ifndef KEHU_APP_WINDOW_H
#define KEHU_APP_WINDOW_H

#include "kehu/app/param.h"
#include "kehu/ledger.h"
#include "kehu/summary.h"

typedef struct kehu__window {
    int32_t as_of_day; /* KEHU_DAY_NONE: the day after the last order */
    int32_t since_day; /* KEHU_DAY_NONE: all history */
    long window_days;  /* 0: none; else since = A - window_days */
} kehu__window;

/* as-of, since, window (offsets within kehu__window). */
extern const kehu_param kehu__window_rows[];

/* w: no date, no window. */
void kehu__window_init(kehu__window *w);

/*
 * Summary options from w over ledger l (window counted back from A, or
 * from the day after the last order) with the given unit. KEHU_EINVAL
 * with err when both since and window are given.
 */
kehu_status kehu__window_options(const kehu__window *w, int unit,
                                 const kehu_ledger *l, kehu_summary_options *o,
                                 kehu_error *err);

#endif
