/* SPDX-License-Identifier: MIT */
/* The dataset an operation reads: see dataset.h. */
#include "kehu/app/dataset.h"

#include <string.h>

void kehu_dataset_init(kehu_dataset *d)
{
    memset(d, 0, sizeof *d);
    kehu_standards_init(&d->standards);
}

int kehu_dataset_has(const kehu_dataset *d, kehu_input_kind kind)
{
    return d->side != NULL && (d->side_kinds >> kind & 1u) != 0;
}

const char *kehu_dataset_side_name(const kehu_dataset *d, kehu_input_kind kind)
{
    if (kind < KEHU_INPUT_COUNT && d->side_name[kind] != NULL) {
        return d->side_name[kind];
    }
    return kehu_input_kind_name(kind);
}

kehu_status kehu_dataset_each(const kehu_dataset *d, kehu_input_kind kind,
                              kehu_row_fn fn, void *fn_ctx, kehu_error *err)
{
    if (!kehu_dataset_has(d, kind)) {
        return kehu_error_set(err, KEHU_EINVAL, "no %s input was given",
                              kehu_input_kind_name(kind));
    }
    return d->side(d->side_src, kind, fn, fn_ctx, err);
}
