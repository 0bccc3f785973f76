/* SPDX-License-Identifier: MIT */
/*
 * The window parameters of the operations over a summary: as-of (A),
 * since or a trailing window of days before A, and the unit of
 * frequency, t_x and T. A parameter group: put a kehu__window in the
 * options struct and {kehu__window_params, offsetof(opts, member)} in
 * the operation's groups; call kehu__window_init from the op's init.
 */
#ifndef KEHU_APP_WINDOW_H
#define KEHU_APP_WINDOW_H

#include "kehu/app/param.h"
#include "kehu/ledger.h"
#include "kehu/summary.h"

typedef struct kehu__window {
    int32_t as_of_day; /* KEHU_DAY_NONE: the day after the last order */
    int32_t since_day; /* KEHU_DAY_NONE: all history */
    long window_days;  /* 0: none */
    int unit;          /* kehu_unit, or -1 when not given */
} kehu__window;

/* as-of, since, window, unit. */
extern const kehu_param kehu__window_params[];

/* Nothing given. */
void kehu__window_init(kehu__window *w);

/*
 * Summary options of w over l (window becomes a since day). KEHU_EINVAL
 * with err for a window out of 0..100000 days or given with since.
 */
kehu_status kehu__window_summary(const kehu__window *w, const kehu_ledger *l,
                                 kehu_summary_options *o, kehu_error *err);

#endif
