/* SPDX-License-Identifier: MIT */
/*
 * The classification standard as text: a standards file (kehu.toml) in a
 * small TOML subset, and a human-readable account of the thresholds in
 * force (en or zh). Every key is documented in kehu.toml.example.
 *
 * Accepted syntax: `# comments`, `[section]` headers, `key = value` lines
 * where a value is a number (123, -1.5, 1e3), true/false, a "string" or a
 * one-line array of numbers `[30, 90, 180, 365]` (`[]` = percentiles).
 * A key may also be written at the top level as `section_key` (e.g.
 * `core_use_share = true`, or `r_cuts = [...]` for the [rfm] keys).
 */
#ifndef KEHU_STANDARDS_H
#define KEHU_STANDARDS_H

#include "kehu/classify.h"

/*
 * Parse standards text (text need not be NUL-terminated) on top of *std
 * (initialise it with kehu_standards_init first: keys not in the text keep
 * their value). Returns KEHU_OK, or KEHU_EPARSE / KEHU_ERANGE with err
 * (may be NULL) naming the line, the key and what is wrong; on failure
 * *std is unchanged.
 */
kehu_status kehu_standards_parse(const char *text, size_t len,
                                 kehu_standards *std, kehu_error *err);

/* Check a standard assembled in code (cuts ascending, shares in (0,1],
 * a_share <= b_share, loyal window 365). KEHU_OK or KEHU_ERANGE with err. */
kehu_status kehu_standards_check(const kehu_standards *std, kehu_error *err);

/*
 * Write into buf (cap bytes, always NUL-terminated when cap > 0) a
 * description of the scheme and thresholds in force, one rule per line.
 * info (may be NULL) adds what a classification computed: percentile cut
 * points, means, the ABCD revenue cut, the median gap. zh: 1 for Chinese.
 * *len (may be NULL) gets the full length; KEHU_ETOOBIG when it did not
 * fit.
 */
kehu_status kehu_standards_explain(const kehu_standards *std,
                                   const kehu_class_info *info, int zh,
                                   char *buf, size_t cap, size_t *len);

#endif
