/* SPDX-License-Identifier: MIT */
/*
 * Pieces the operations share: the choices of the common parameters
 * (period, dimension, unit), dimension values in output order, and the
 * cells of a dimension value or a period label.
 */
#ifndef KEHU_APP_DIMS_H
#define KEHU_APP_DIMS_H

#include "kehu/app/param.h"
#include "kehu/app/result.h"
#include "kehu/bridge.h"
#include "kehu/ledger.h"
#include "kehu/period.h"

/* "day", "week", "month", "quarter", "year" (kehu_period_kind order). */
extern const char *const kehu__period_choices[];
/* "region", "branch", "channel", "category" (kehu_dim order). */
extern const char *const kehu__dim_choices[];
/* "day", "week", "month", "year" (kehu_unit order). */
extern const char *const kehu__unit_choices[];

/* Machine name of dimension d ("branch"); "" when out of range. */
const char *kehu__dim_name(int d);

/*
 * The values 0..n-1 of dimension d ordered by their text ("" first).
 * OUT: *out (kehu_free), *n. KEHU_ENOMEM.
 */
kehu_status kehu__dim_order(const kehu_ledger *l, kehu_dim d, uint32_t **out,
                            uint32_t *n);

/* A dimension value's text as the next cell. */
void kehu__cell_dim(const kehu_cells *c, const kehu_ledger *l, int dim,
                    uint32_t value);

/* A period label as the next cell. */
void kehu__cell_period(const kehu_cells *c, kehu_period_kind k, int32_t index);

/*
 * The bridge options bridge, migrate and followup share: a trailing
 * window of DAYS before each date and the summary unit, and "since",
 * which does not apply (every date uses all history or the window). Put
 * kehu__bridge_rows in a parameter group at the offset of a
 * kehu__bridge_args member, init it with kehu__bridge_args_init, refuse
 * since with kehu__bridge_check, and take the options with
 * kehu__bridge_args_options.
 */
typedef struct kehu__bridge_args {
    kehu_bridge_options o; /* kind and by stay at their defaults here */
    long window_days;      /* 0: all history */
    const char *since;     /* must not be given */
} kehu__bridge_args;

extern const kehu_param kehu__bridge_rows[];

void kehu__bridge_args_init(kehu__bridge_args *a);

/* KEHU_EINVAL with err when since was given. */
kehu_status kehu__bridge_check(const kehu_params *p, kehu_error *err);

/* a's options with the window set. */
kehu_bridge_options kehu__bridge_args_options(const kehu__bridge_args *a);

/*
 * Parameter `name` given as text v, a period label of kind k ("2025-03",
 * "2025-Q1", "2025-W09"): *out = its period index. v NULL leaves *out
 * alone. KEHU_EPARSE with err naming the parameter and the forms.
 */
kehu_status kehu__period_label_arg(const char *name, const char *v,
                                   kehu_period_kind k, int32_t *out,
                                   kehu_error *err);

/*
 * The error of a period table that would be too long (KEHU_ETOOBIG): the
 * span of l's orders, so a stray date far from the rest shows, and
 * `advice` (what to change). Returns KEHU_ETOOBIG.
 */
kehu_status kehu__span_error(kehu_error *err, const kehu_ledger *l,
                             const char *advice);

#endif
