/* SPDX-License-Identifier: MIT */
/* The observation window parameters: see window.h. */
#include "window.h"

#include "dims.h"

#include "kehu/date.h"

#include <stddef.h>

/* The rows of both tables, written once. */
/* clang-format off */
#define WINDOW_ROWS                                                           \
    {"as-of", KEHU_PARAM_DATE, offsetof(kehu__window, as_of_day), NULL, 0,    \
     -1, NULL, "DATE", "analysis date A (default: day after the last order)"},\
    {"since", KEHU_PARAM_DATE, offsetof(kehu__window, since_day), NULL, 0,    \
     -1, NULL, "DATE", "window start (default: all history)"},                \
    {"window", KEHU_PARAM_INT, offsetof(kehu__window, window_days), NULL, 1,  \
     100000, NULL, "DAYS", "trailing window of DAYS days before A"}
/* clang-format on */

const kehu_param kehu__window_rows[] = {
    WINDOW_ROWS,
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

const kehu_param kehu__window_params[] = {
    WINDOW_ROWS,
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

kehu_status kehu__window_check(const kehu__window *w, kehu_error *err)
{
    if (w->window_days > 0 && w->since_day != KEHU_DAY_NONE) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "give since or window, not both");
    }
    return KEHU_OK;
}

kehu_status kehu__window_options(const kehu__window *w, int unit,
                                 const kehu_ledger *l, kehu_summary_options *o,
                                 kehu_error *err)
{
    int32_t first, last;
    kehu_status rc = kehu__window_check(w, err);

    if (rc != KEHU_OK) {
        return rc;
    }
    kehu_summary_options_init(o);
    o->as_of_day = w->as_of_day;
    o->since_day = w->since_day;
    o->unit = (kehu_unit)unit;
    if (w->window_days > 0) {
        kehu_ledger_span(l, &first, &last);
        o->since_day =
            (o->as_of_day != KEHU_DAY_NONE ? o->as_of_day : last + 1) -
            (int32_t)w->window_days;
    }
    return KEHU_OK;
}

kehu_status kehu__window_summary(const kehu__window *w, const kehu_ledger *l,
                                 kehu_summary_options *o, kehu_error *err)
{
    return kehu__window_options(w, w->unit >= 0 ? w->unit : KEHU_UNIT_DAY, l, o,
                                err);
}
