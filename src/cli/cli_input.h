/* SPDX-License-Identifier: MIT */
/*
 * Input options for commands that read files (cli_input.c): turn the
 * --map/--delimiter/--date-format/--thousands/--rejects/--max-reject-rate
 * options into kehu_read_opts, print the reconciliation line, and map
 * reader failures to exit codes with their message. cli_load_ledger (in
 * cli.h) is built on these.
 */
#ifndef KEHU_CLI_INPUT_H
#define KEHU_CLI_INPUT_H

#include "../io/csv_read.h"
#include "cli.h"
#include "kehu/app/dataset.h"

#define CLI_MAX_MAPS 32

/* Storage for the --map values kehu_read_opts points to. */
typedef struct cli_input {
    kehu_read_opts opts;
    const char *maps[CLI_MAX_MAPS];
    cli_ctx *c;
} cli_input;

/* Fill in from the command's options for an input of kind. Returns 0, or 2
 * after printing a usage error. in->opts borrows from c and in. */
int cli_input_init(cli_ctx *c, cli_input *in, kehu_input_kind kind);

/* The value of a per-input option (--delimiter, --date-format,
 * --thousands) for inputs of kind: each is VALUE (every input) or
 * KIND=VALUE (that input only, and it wins); the last of each form counts.
 * NULL when none applies. KEHU_INPUT_COUNT gives the plain VALUE, for files
 * that are no input kind (a model summary). */
const char *cli_input_option(const cli_ctx *c, const char *name,
                             kehu_input_kind kind);

/* Set in's --delimiter, --date-format and --thousands to those for an
 * input of kind (a KIND=VALUE form over a plain VALUE). Returns 0, or 2
 * after printing a usage error. */
int cli_input_scope(cli_ctx *c, cli_input *in, kehu_input_kind kind);

/* "read N rows: A accepted, R rejected, D duplicates (rejects: PATH)" on
 * stderr, unless --quiet. */
void cli_input_report(const cli_ctx *c, const char *path,
                      const kehu_read_stats *st);

/* Print the reader's failure and return its exit code (2, 3 or 1). */
int cli_input_fail(const cli_ctx *c, kehu_status rc, const kehu_read_stats *st);

/*
 * Read path as an input of kind only to reconcile it (the rows are
 * counted, transaction amounts summed, nothing kept), with the command's
 * input options; --map FIELD=HEADER applies to this file whatever its
 * kind. *out: the reading as plain data (borrows path and st). *rc: the
 * reader's status (KEHU_OK, KEHU_EREJECT with every row still counted, or
 * a failure explained in st->message). Returns 0, or 2 after a usage
 * error in the input options (*rc untouched).
 */
int cli_read_reconcile(cli_ctx *c, const char *path, kehu_input_kind kind,
                       kehu_read_stats *st, kehu_reading *out, kehu_status *rc);

#endif
