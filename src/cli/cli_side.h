/* SPDX-License-Identifier: MIT */
/*
 * The side inputs of an operation's command (feedback, service costs,
 * events), read from files: each is an input option naming its file
 * (--feedback FILE, --service-costs FILE, --events FILE), declared by the
 * operation's KEHU_NEEDS_SIDE bits. The files are read with the command's
 * input options when the operation streams them (kehu_dataset_each); each
 * has its own rejects file next to it and its reconciliation line.
 */
#ifndef KEHU_CLI_SIDE_H
#define KEHU_CLI_SIDE_H

#include "cli.h"

#include "kehu/app/op.h"

/* The file-backed source of a dataset's side inputs. */
typedef struct cli_side {
    cli_ctx *c;
    const char *path[KEHU_INPUT_COUNT]; /* NULL: not given */
    kehu_status failed;                 /* status of a failed reading */
    char message[2048];                 /* and its whole message */
} cli_side;

/* The side-input options of op into o (may be NULL); returns how many. */
size_t cli_side_options(const kehu_op *op, cli_option *o);

/* Every side input op needs without KEHU_SIDE_OPTIONAL was given.
 * Returns 0, or 2 after saying which option to give. */
int cli_side_check(cli_ctx *c, const kehu_op *op);

/* Attach the side inputs given to d (s must outlive d), checking the
 * input options of each. Returns 0, or 2 after printing a usage error. */
int cli_side_open(cli_ctx *c, const kehu_op *op, cli_side *s, kehu_dataset *d);

/* The message of a failed run: the reading's whole message when the
 * failure is the source's, else err's. */
const char *cli_side_message(const cli_side *s, kehu_status rc,
                             const kehu_error *err);

#endif
