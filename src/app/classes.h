/* SPDX-License-Identifier: MIT */
/*
 * Classes for the operations that classify (classify, composition, core,
 * and --by of the value operations): the summary a classification is made
 * over (buyers and the customers known at A), classifying its rows under
 * the standard in force, and each class dimension's value and cell. The
 * standard itself comes from the dataset; reading it is the front end's.
 */
#ifndef KEHU_APP_CLASSES_H
#define KEHU_APP_CLASSES_H

#include "kehu/app/result.h"
#include "kehu/classify.h"
#include "kehu/ledger.h"
#include "kehu/standards.h"
#include "kehu/summary.h"

/* Class dimensions, in the column order of classify. */
typedef enum kehu__class_dim {
    KEHU__CLASS_RFM8 = 0,
    KEHU__CLASS_SEGMENT,
    KEHU__CLASS_VALUE_TIER,
    KEHU__CLASS_ABCD,
    KEHU__CLASS_TIER,
    KEHU__CLASS_STAGE,
    KEHU__CLASS_NEEDS, /* defined for every row; 0 is unknown */
    KEHU__CLASS_COUNT
} kehu__class_dim;

/*
 * Drop the rows that are not customers known at s->as_of_day: rows with
 * no purchase in the window are kept only for customers in the master
 * whose signup (when given) is before A. This removes customers seen only
 * after A, so classifying as of a past date never shows later customers
 * as prospects. Buyers, and so every score, are unaffected.
 */
void kehu__summary_known(const kehu_ledger *l, kehu_summary *s);

/*
 * The summary a classification is made over: kehu_summary_compute with
 * idle rows, then kehu__summary_known. OUT: *out (kehu_summary_free).
 * Errors with err filled ("summary failed: ...").
 */
kehu_status kehu__known_summary(const kehu_ledger *l,
                                const kehu_summary_options *o,
                                kehu_summary **out, kehu_error *err);

/*
 * Classify the rows of s under std. extra (may be NULL) carries optional
 * per-row model inputs and the category map; info may be NULL. OUT: *out
 * (kehu_free). Errors with err filled ("classification failed: ...").
 */
kehu_status kehu__classify_rows(const kehu_summary *s,
                                const kehu_standards *std,
                                const kehu_class_inputs *extra,
                                kehu_class_info *info, kehu_class **out,
                                kehu_error *err);

/* The value (enum) of dimension d in k. */
unsigned kehu__class_value(const kehu_class *k, kehu__class_dim d);

/*
 * Value v of class dimension d as the next cell: the machine name, or in
 * a table the display name (en) or the Chinese label (zh). Value 0 (no
 * purchase) is "none" / "无购买", except for the stage (prospect) and
 * needs (unknown / 未知).
 */
void kehu__cell_class(const kehu_cells *c, kehu__class_dim d, unsigned v);

#endif
