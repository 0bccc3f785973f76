/* SPDX-License-Identifier: MIT */
/*
 * Operations: one definition of every analysis, as a row of one table
 * (name, summary, parameters, what it needs, run), in the manner of redis's
 * command table. A front end is then: text parameters in, one operation
 * run on a dataset, one result rendered. Each operation lives in
 * src/app/op_<name>.c and defines `const kehu_op kehu_op_<name>`; the
 * build lists them.
 */
#ifndef KEHU_APP_OP_H
#define KEHU_APP_OP_H

#include "kehu/app/dataset.h"
#include "kehu/app/param.h"
#include "kehu/app/result.h"
#include "kehu/app/runtime.h"

/* What an operation needs of the dataset. */
#define KEHU_NEEDS_LEDGER        1u /* transactions */
#define KEHU_NEEDS_STANDARDS     2u /* the standard in force (file, overrides) */
#define KEHU_NEEDS_CATEGORY_MAP  4u /* the category map, when one is given */
/* A side input (dataset.h) of kind k streamed with kehu_dataset_each; the
 * front end must provide it unless KEHU_SIDE_OPTIONAL(k) is set too. */
#define KEHU_NEEDS_SIDE(k)       (0x100u << (k))
#define KEHU_SIDE_OPTIONAL(k)    (0x10000u << (k))
#define KEHU_NEEDS_FEEDBACK      KEHU_NEEDS_SIDE(KEHU_INPUT_FEEDBACK)
#define KEHU_NEEDS_SERVICE_COSTS KEHU_NEEDS_SIDE(KEHU_INPUT_SERVICE_COSTS)
#define KEHU_NEEDS_EVENTS        KEHU_NEEDS_SIDE(KEHU_INPUT_EVENTS)
/* Transactions, or instead the histories of a published summary (the
 * dataset's hist) when the operation's "summary" parameter is given. */
#define KEHU_NEEDS_HISTORIES     8u
/* A hint, not data: the operation frees and allocates arrays of customers
 * again and again (once per period); a front end may tune the process to
 * keep freed memory for reuse. */
#define KEHU_NEEDS_HEAP_REUSE    16u
/* How the one input file was read (data->reading), not its rows: the file
 * is read as the kind the operation's "kind" parameter says (a choice in
 * kehu_input_kind order; transactions without one). */
#define KEHU_NEEDS_READING       32u

typedef struct kehu_op_ctx {
    const kehu_dataset *data;
    const void *opts;          /* the options struct, parsed */
    const kehu_params *params; /* which parameters were given */
    const kehu_runtime *rt;
    kehu_error *err; /* filled by run on failure */
} kehu_op_ctx;

typedef struct kehu_op {
    const char *name;
    const char *summary; /* one line */
    const char *usage;   /* after "kehu NAME ", e.g. "FILE [--period P]" */
    const char *details; /* the definitions, for help; may be NULL */
    const kehu_param_group *params;
    size_t opts_size;         /* of the options struct */
    void (*init)(void *opts); /* values before defaults; may be NULL */
    unsigned needs;           /* KEHU_NEEDS_* */
    /* Check the parsed options together (one may exclude another); NULL
     * when each parameter stands alone. */
    kehu_status (*check)(const kehu_params *p, kehu_error *err);
    kehu_status (*run)(const kehu_op_ctx *c, kehu_result *out);
} kehu_op;

/* Every operation, by name. */
size_t kehu_op_count(void);
const kehu_op *kehu_op_at(size_t i);
/* The operation called name, or NULL. */
const kehu_op *kehu_op_find(const char *name);

/*
 * Parse-ready options: allocate op->opts_size bytes, run op->init, set the
 * defaults, and start p over them. OUT: *opts (kehu_free). KEHU_ENOMEM, or
 * KEHU_EINVAL with err for a bad default.
 */
kehu_status kehu_op_params(const kehu_op *op, kehu_params *p, void **opts,
                           kehu_error *err);

/*
 * Run op over d with the options in p (from kehu_op_params and
 * kehu_params_set). OUT: *out, the result (kehu_result_free), NULL on
 * failure. Errors come with err filled: what is wrong and what to do.
 */
kehu_status kehu_op_run(const kehu_op *op, const kehu_dataset *d,
                        const kehu_params *p, const kehu_runtime *rt,
                        kehu_result **out, kehu_error *err);

#endif
