/* SPDX-License-Identifier: MIT */
/* The window parameters: see window.h. */
#include "window.h"

#include "dims.h"

#include "kehu/date.h"

#include <stddef.h>

const kehu_param kehu__window_params[] = {
    {"as-of", KEHU_PARAM_DATE, offsetof(kehu__window, as_of_day), NULL, 0, -1,
     NULL, "DATE", "analysis date A (default: day after the last order)"},
    {"since", KEHU_PARAM_DATE, offsetof(kehu__window, since_day), NULL, 0, -1,
     NULL, "DATE", "window start (default: all history)"},
    {"window", KEHU_PARAM_INT, offsetof(kehu__window, window_days), NULL, 0, -1,
     NULL, "DAYS", "trailing window of DAYS days before A"},
    {"unit", KEHU_PARAM_CHOICE, offsetof(kehu__window, unit), NULL, 0, -1,
     kehu__unit_choices, "UNIT",
     "day, week, month or year for frequency, t_x, T"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

void kehu__window_init(kehu__window *w)
{
    w->as_of_day = KEHU_DAY_NONE;
    w->since_day = KEHU_DAY_NONE;
    w->window_days = 0;
    w->unit = -1;
}

kehu_status kehu__window_summary(const kehu__window *w, const kehu_ledger *l,
                                 kehu_summary_options *o, kehu_error *err)
{
    int32_t first, last;

    kehu_summary_options_init(o);
    o->as_of_day = w->as_of_day;
    o->since_day = w->since_day;
    if (w->unit >= 0) {
        o->unit = (kehu_unit)w->unit;
    }
    if (w->window_days < 0 || w->window_days > 100000) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "window must be a number of days, 1..100000");
    }
    if (w->window_days > 0) {
        if (w->since_day != KEHU_DAY_NONE) {
            return kehu_error_set(err, KEHU_EINVAL,
                                  "give since or window, not both");
        }
        kehu_ledger_span(l, &first, &last);
        o->since_day =
            (o->as_of_day != KEHU_DAY_NONE ? o->as_of_day : last + 1) -
            (int32_t)w->window_days;
    }
    return KEHU_OK;
}
