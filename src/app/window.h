/* SPDX-License-Identifier: MIT */
/*
 * The observation window of a customer summary as parameters: as-of (the
 * analysis date A), since and window (its start), the same for every
 * operation that summarises customers, and the summary options they make
 * with the unit. A group of kehu_param rows over a kehu__window member of
 * an operation's options struct: kehu__window_rows when the operation
 * has its own unit (a model's default), kehu__window_params with the
 * unit as well. Call kehu__window_init from the operation's init.
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
    int unit;          /* kehu_unit (kehu__window_params), -1: not given */
} kehu__window;

/* as-of, since, window (offsets within kehu__window). */
extern const kehu_param kehu__window_rows[];
/* as-of, since, window and unit. */
extern const kehu_param kehu__window_params[];

/* w: no date, no window, no unit. */
void kehu__window_init(kehu__window *w);

/* KEHU_EINVAL with err when both since and window are given: an
 * operation's check, before any input is read. */
kehu_status kehu__window_check(const kehu__window *w, kehu_error *err);

/*
 * Summary options from w over ledger l (window counted back from A, or
 * from the day after the last order) with the given unit. KEHU_EINVAL
 * with err when both since and window are given.
 */
kehu_status kehu__window_options(const kehu__window *w, int unit,
                                 const kehu_ledger *l, kehu_summary_options *o,
                                 kehu_error *err);

/* kehu__window_options with w's unit (days when none was given). */
kehu_status kehu__window_summary(const kehu__window *w, const kehu_ledger *l,
                                 kehu_summary_options *o, kehu_error *err);

#endif
