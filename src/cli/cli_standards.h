/* SPDX-License-Identifier: MIT */
/*
 * The classification standard for every command (docs/classification.md):
 * the defaults, then the standards file (--standards FILE, else
 * ./kehu.toml when it exists), then command-line overrides of single
 * keys. Overrides are turned into `key = value` lines and go through the
 * same parser as the file, so a bad value gets the same message naming
 * the key and what is allowed. Reading the file is I/O, so it stays in
 * the front end; the operations get the standard in the dataset.
 */
#ifndef KEHU_CLI_STANDARDS_H
#define KEHU_CLI_STANDARDS_H

#include "cli.h"
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

/* 1 when any of the override options was given. */
int cli_standards_overridden(const cli_ctx *c);

#endif
