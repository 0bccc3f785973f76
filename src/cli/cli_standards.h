/* SPDX-License-Identifier: MIT */
/*
 * The classification standard for every command (SPEC.md section 4): the
 * SPEC defaults, then the standards file (--standards FILE, else
 * ./kehu.toml when it exists), then command-line overrides of single
 * keys. Overrides are turned into `key = value` lines and go through the
 * same parser as the file, so a bad value gets the same message naming
 * the key and what is allowed. Also: the summary rows a classification
 * is made over, and the class names shown in each output format.
 */
#ifndef KEHU_CLI_STANDARDS_H
#define KEHU_CLI_STANDARDS_H

#include "cli.h"
#include "kehu/classify.h"
#include "kehu/standards.h"

/* The override options; put this in a command's option list after
 * its own options: `{...}, CLI_STANDARDS_OPTIONS, {NULL}`. */
/* clang-format off */
#define CLI_STANDARDS_OPTIONS                                                 \
    {"r-cuts", "D1,D2,D3,D4",                                                 \
     "fixed R cut points, days since last purchase ('pct' = percentiles)"},   \
    {"f-cuts", "N1,N2,N3,N4", "fixed F cut points, purchase days"},           \
    {"m-cuts", "X1,X2,X3,X4", "fixed M cut points, monetary total"},          \
    {"core-min-amount", "X",                                                  \
     "core needs monetary total >= X (replaces the class-A rule)"},           \
    {"core-min-orders", "N", "core needs >= N purchase days (2)"},            \
    {"core-max-days", "N", "core needs days since last <= N (180)"},          \
    {"core-use-share", "B", "core needs class A: true, false or auto"},       \
    {"churn-days", "N", "churned after N days without purchase (365)"},       \
    {"new-days", "N", "new while first purchase <= N days ago (90)"},         \
    {"abcd-a-share", "S", "class A revenue share (0.80)"},                    \
    {"abcd-b-share", "S", "class A+B revenue share (0.95)"}
/* clang-format on */

/*
 * Fill *std with the standard in force for this command. *source (may be
 * NULL) gets the standards file read, or NULL when none was. Returns 0,
 * or 2 after printing which file, line and key are wrong and what is
 * allowed (or 1 when out of memory).
 */
int cli_standards_load(cli_ctx *c, kehu_standards *std, const char **source);

/*
 * Drop the rows that are not customers known at s->as_of_day: rows with
 * no purchase in the window are kept only for customers in the master
 * whose signup (when given) is before A. This removes customers seen only
 * after A, so classifying as of a past date never shows later customers
 * as prospects. Buyers, and so every score, are unaffected.
 */
void cli_summary_known(const kehu_ledger *l, kehu_summary *s);

/* 1 when any of the override options was given. */
int cli_standards_overridden(const cli_ctx *c);

/* "classification standard: FILE|SPEC defaults [with options]; segments:
 * R x FM grid" on stderr unless --quiet (SPEC.md section 4: the scheme
 * used is always printed). source as from cli_standards_load. */
void cli_standards_note(const cli_ctx *c, const char *source);

/*
 * The summary a classification is made over: kehu_summary_compute with
 * idle rows, then cli_summary_known. Returns 0 with *out set, or an exit
 * code after printing the failure.
 */
int cli_known_summary(cli_ctx *c, const kehu_ledger *l,
                      const kehu_summary_options *o, kehu_summary **out);

/*
 * Classify the rows of s under std. extra (may be NULL) carries optional
 * per-row model inputs (P(alive), CLV) aligned with s->rows. info may be
 * NULL. Returns 0 with *out set (free with kehu_free), or an exit code
 * after printing the failure.
 */
int cli_classify_rows(cli_ctx *c, const kehu_summary *s,
                      const kehu_standards *std, const kehu_class_inputs *extra,
                      kehu_class_info *info, kehu_class **out);

/* Class dimensions shown by classify, composition and core. */
typedef enum cli_class_dim {
    CLI_CLASS_RFM8 = 0,
    CLI_CLASS_SEGMENT,
    CLI_CLASS_VALUE_TIER,
    CLI_CLASS_ABCD,
    CLI_CLASS_TIER,
    CLI_CLASS_STAGE,
    CLI_CLASS_NEEDS, /* defined for every row; 0 is unknown */
    CLI_CLASS_COUNT
} cli_class_dim;

/* The value (enum) of dimension d in c. */
unsigned cli_class_value(const kehu_class *c, cli_class_dim d);

/*
 * Name of value v of class dimension d for this output: the machine name
 * in csv and json; in a table the Chinese label for --lang zh and the
 * display name in English. Value 0 (no purchase) is "none" / "无购买",
 * except for the stage (prospect) and needs (unknown / 未知).
 */
const char *cli_class_label(const cli_ctx *c, cli_class_dim d, unsigned v);

#endif
