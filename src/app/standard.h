/* SPDX-License-Identifier: MIT */
/*
 * The classification standard in force, as a note of a result: which file
 * (or the defaults) and whether single keys were overridden. Every
 * operation that classifies says which scheme it used.
 */
#ifndef KEHU_APP_STANDARD_H
#define KEHU_APP_STANDARD_H

#include "kehu/app/dataset.h"
#include "kehu/app/result.h"

/* Add the standard note of d to r. KEHU_ENOMEM. */
kehu_status kehu__note_standard(kehu_result *r, const kehu_dataset *d);

#endif
