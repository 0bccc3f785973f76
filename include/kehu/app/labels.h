/* SPDX-License-Identifier: MIT */
/*
 * The one catalog of labels: every column, dimension and note key kehu
 * prints, with its English and Chinese label. A column's English label is
 * its key (CSV headers and JSON keys stay machine names); the Chinese
 * label is shown in tables for --lang zh. Class values (segments, tiers,
 * stages) are labelled by the core's name functions.
 */
#ifndef KEHU_APP_LABELS_H
#define KEHU_APP_LABELS_H

#include "kehu/app/result.h"

#include <stddef.h>

typedef struct kehu_label {
    const char *key;
    const char *zh;
} kehu_label;

/* The label of key in lang: key itself in English, or when the catalog
 * has no Chinese label. Never NULL for a non-NULL key. */
const char *kehu_label_text(const char *key, kehu_lang lang);

/* The catalog entry of key, or NULL (tests check every column has one). */
const kehu_label *kehu_label_find(const char *key);

/* Every entry, sorted by key. */
const kehu_label *kehu_labels(size_t *n);

#endif
