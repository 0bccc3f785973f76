/* SPDX-License-Identifier: MIT */
/*
 * --category-map FILE (SPEC.md section 4, needs-based type): a small CSV
 * with the columns category and need (emotional or functional; 情感/功能
 * and 情感型/功能型 too), one category per line. A customer whose dominant
 * category is tagged gets that type unless the discount rule made him
 * price-sensitive. Categories of the map not in the data are ignored;
 * categories of the data not in the map stay untagged (unknown).
 */
#ifndef KEHU_CLI_NEEDS_H
#define KEHU_CLI_NEEDS_H

#include "cli.h"
#include "kehu/classify.h"

/* The option; put it in a command's option list. */
#define CLI_CATEGORY_MAP_OPTION                                                \
    {                                                                          \
        "category-map", "MAP.csv",                                             \
            "needs-based type: CSV of category,need (emotional|functional)"    \
    }

/*
 * When --category-map was given: read it and set extra->category_need and
 * extra->n_category for the category values of l (*tags gets the array,
 * free() it). Without the option, 0 and nothing set. Returns 0, or 2
 * after printing what is wrong with the file (which line), 1 when out of
 * memory.
 */
int cli_category_map(cli_ctx *c, const kehu_ledger *l, kehu_class_inputs *extra,
                     uint8_t **tags);

/* The map of text buf[0..len) (the file's bytes) as tags for the category
 * values of l; what cli_category_map does after reading the file. name is
 * used in messages. */
int cli_category_map_text(cli_ctx *c, const char *name, const char *buf,
                          size_t len, const kehu_ledger *l, uint8_t **tags,
                          uint32_t *n_tags);

#endif
