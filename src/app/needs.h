/* SPDX-License-Identifier: MIT */
/*
 * The category map of the needs-based type: a small CSV with the columns
 * category and need (emotional or functional; 情感/功能 and 情感型/功能型
 * too), one category per line, carried as text by the dataset
 * (data->category_map). A customer whose dominant category is tagged gets
 * that type unless the discount rule made him price-sensitive. Categories
 * of the map not in the data are ignored; categories of the data not in
 * the map stay untagged (unknown).
 */
#ifndef KEHU_APP_NEEDS_H
#define KEHU_APP_NEEDS_H

#include "kehu/app/dataset.h"
#include "kehu/classify.h"

/*
 * When d has a category map: parse it and set extra->category_need and
 * extra->n_category for the category values of l. OUT: *tags, the array
 * behind them (kehu_free; NULL without a map). Without a map, KEHU_OK and
 * nothing set. Errors: KEHU_EINVAL with err naming the map, the line and
 * what is wrong; KEHU_ENOMEM.
 */
kehu_status kehu__category_map(const kehu_dataset *d, const kehu_ledger *l,
                               kehu_class_inputs *extra, uint8_t **tags,
                               kehu_error *err);

/*
 * The map of text buf[0..len) as tags for the category values of l. name
 * is used in messages. OUT: *tags (kehu_free), *n_tags.
 */
kehu_status kehu__category_map_text(const char *name, const char *buf,
                                    size_t len, const kehu_ledger *l,
                                    uint8_t **tags, uint32_t *n_tags,
                                    kehu_error *err);

#endif
