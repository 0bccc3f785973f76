/* SPDX-License-Identifier: MIT */
/*
 * Pieces the operations share: the choices of the common parameters
 * (period, dimension, unit), dimension values in output order, and the
 * cells of a dimension value or a period label.
 */
#ifndef KEHU_APP_DIMS_H
#define KEHU_APP_DIMS_H

#include "kehu/app/result.h"
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
void kehu__cell_period(const kehu_cells *c, kehu_period_kind k,
                       int32_t index);

#endif
