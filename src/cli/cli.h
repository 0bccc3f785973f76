/* SPDX-License-Identifier: MIT */
/*
 * The CLI's shared machinery: the command table entry, option parsing
 * (common options, transaction-input options, command options), exit codes
 * and progress. Each command lives in src/cli/cmd_<verb>.c and defines
 * `const cli_command cli_cmd_<verb>`; the Makefile builds the dispatch table
 * from the file names.
 */
#ifndef KEHU_CLI_H
#define KEHU_CLI_H

#include "kehu/io/table_out.h"
#include "kehu/ledger.h"
#include "kehu/status.h"
#include "kehu/summary.h"

#include <stdio.h>

typedef struct cli_option {
    const char *name; /* long name without "--"; NULL ends a list */
    const char *arg;  /* argument placeholder ("FILE"), NULL for a flag */
    const char *help; /* one line */
} cli_option;

typedef struct cli_ctx cli_ctx;

typedef struct cli_command {
    const char *name;
    const char *summary;       /* one line for `kehu --help` */
    const char *usage;         /* after "kehu NAME ", e.g. "FILE [options]" */
    const char *details;       /* more help text, may be NULL */
    const cli_option *options; /* command options, {NULL} terminated */
    int input;                 /* 1: takes the transaction-input options */
    int (*run)(cli_ctx *c);
    const struct kehu_op *op; /* an operation's command (cli_op.c) */
} cli_command;

typedef struct cli_pair {
    const char *name;
    const char *value; /* NULL for a flag */
} cli_pair;

struct cli_ctx {
    const cli_command *cmd;
    char **args; /* positional arguments */
    size_t nargs;
    cli_pair *opts; /* options in command-line order */
    size_t nopts;
    out_format fmt;       /* --format, default table on a terminal, else csv */
    out_lang lang;        /* --lang */
    FILE *out;            /* stdout or the -o file */
    const char *out_path; /* NULL for stdout */
    int quiet;            /* --quiet: no reconciliation or progress lines */
    int progress;         /* 1 when standard error is a terminal */
};

/* Last value of option `name`, or NULL when not given. */
const char *cli_get(const cli_ctx *c, const char *name);
/* 1 when option or flag `name` was given. */
int cli_has(const cli_ctx *c, const char *name);
/* Every value of a repeatable option, in order; returns how many
 * (at most max are stored in vals). */
size_t cli_get_all(const cli_ctx *c, const char *name, const char **vals,
                   size_t max);

/* Print "kehu CMD: message" on stderr and return `code`. */
int cli_error(const cli_ctx *c, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Exit code of a status (docs/inputs.md): 0, 1, 2 or 3. */
int cli_exit_code(kehu_status rc);

/* Option value parsers: return 0 and set *out, 0 and leave *out alone when
 * the option is absent, or print a usage error and return 2. */
int cli_opt_day(const cli_ctx *c, const char *name, int32_t *out);
int cli_opt_double(const cli_ctx *c, const char *name, double *out);
int cli_opt_long(const cli_ctx *c, const char *name, long *out);

/* Progress on stderr when it is a terminal: "label  42%". done == total
 * finishes the line. */
void cli_progress(const cli_ctx *c, const char *label, uint64_t done,
                  uint64_t total);

/* Localised text: en when --lang en, zh otherwise. */
const char *cli_tr(const cli_ctx *c, const char *en, const char *zh);

/*
 * Implemented by cli_input.c: read the transaction file `path` (honouring
 * the input options --map, --delimiter, --date-format, --thousands,
 * --rejects, --max-reject-rate, --customers) into a new ledger. Prints the
 * reconciliation on stderr unless --quiet. Returns an exit code: 0, or 2/3
 * after printing the reason; *out is NULL unless 0 is returned.
 */
int cli_load_ledger(cli_ctx *c, const char *path, kehu_ledger **out);

/*
 * Implemented by cli_op.c: the command of an operation (options from its
 * parameter table) and running it: argv -> parameters -> dataset ->
 * operation -> renderer. OUT: *out, freed with cli_op_command_free.
 * Returns 0 or 1 when out of memory.
 */
int cli_op_command(const struct kehu_op *op, cli_command **out);
void cli_op_command_free(cli_command *cmd);

/*
 * Implemented by cli_op.c: the command of an operation (options from its
 * parameter table) and running it: argv -> parameters -> dataset ->
 * operation -> renderer. OUT: *out, freed with cli_op_command_free.
 * Returns 0 or 1 when out of memory.
 */
int cli_op_command(const struct kehu_op *op, cli_command **out);
void cli_op_command_free(cli_command *cmd);

#endif
