/* SPDX-License-Identifier: MIT */
/*
 * Side inputs from files (cli_side.h): one option per kind, read through
 * src/io's readers when the operation streams them.
 */
#include "cli_side.h"
#include "cli_input.h"

#include <stdlib.h>
#include <string.h>

typedef struct side_option {
    kehu_input_kind kind;
    const char *name;     /* the option, without "--" */
    const char *help;     /* when optional */
    const char *help_req; /* when required */
    const char *what;     /* after "give --NAME FILE, " */
} side_option;

static const side_option side_options[] = {
    {KEHU_INPUT_FEEDBACK, "feedback",
     "survey CSV (customer_id, date, score[, scale])",
     "survey CSV (customer_id, date, score[, scale]); required",
     "the survey (customer_id, date, score[, scale])"},
    {KEHU_INPUT_SERVICE_COSTS, "service-costs",
     "service costs CSV (customer_id, date, cost [, type])",
     "service costs CSV (customer_id, date, cost [, type]); required",
     "the service costs (customer_id, date, cost [, type])"},
    {KEHU_INPUT_EVENTS, "events", "events CSV (customer_id, time, event)",
     "events CSV (customer_id, time, event); required",
     "the contacts (customer_id, time, event)"},
};
#define N_SIDE_OPTIONS (sizeof side_options / sizeof side_options[0])

static int takes(const kehu_op *op, const side_option *s)
{
    return (op->needs & KEHU_NEEDS_SIDE(s->kind)) != 0;
}

static int optional(const kehu_op *op, const side_option *s)
{
    return (op->needs & KEHU_SIDE_OPTIONAL(s->kind)) != 0;
}

size_t cli_side_options(const kehu_op *op, cli_option *o)
{
    size_t i, n = 0;

    for (i = 0; i < N_SIDE_OPTIONS; i++) {
        const side_option *s = &side_options[i];
        if (!takes(op, s)) {
            continue;
        }
        if (o != NULL) {
            o[n].name = s->name;
            o[n].arg = "FILE";
            o[n].help = optional(op, s) ? s->help : s->help_req;
        }
        n++;
    }
    return n;
}

int cli_side_check(cli_ctx *c, const kehu_op *op)
{
    size_t i;

    for (i = 0; i < N_SIDE_OPTIONS; i++) {
        const side_option *s = &side_options[i];
        if (takes(op, s) && !optional(op, s) && cli_get(c, s->name) == NULL) {
            return cli_error(c, 2, "give --%s FILE, %s", s->name, s->what);
        }
    }
    return 0;
}

/* Record a failed reading (the whole message) and fill err. */
static kehu_status fail(cli_side *s, kehu_error *err, kehu_status rc,
                        const char *msg)
{
    s->failed = rc;
    (void)snprintf(s->message, sizeof s->message, "%s", msg);
    return kehu_error_set(err, rc, "%s", msg);
}

/* The kehu_side_fn: read the file of kind, as cli_load_ledger reads the
 * transactions, with its own rejects file next to it. */
static kehu_status each(void *src, kehu_input_kind kind, kehu_row_fn fn,
                        void *fn_ctx, kehu_error *err)
{
    cli_side *s = src;
    const char *path = kind < KEHU_INPUT_COUNT ? s->path[kind] : NULL;
    kehu_read_stats *st;
    kehu_status rc;
    cli_input in;

    if (path == NULL || cli_input_init(s->c, &in, kind) != 0) {
        return kehu_error_set(err, KEHU_EINVAL, "no %s input was given",
                              kehu_input_kind_name(kind));
    }
    in.opts.rejects_path = NULL;
    st = calloc(1, sizeof *st);
    if (st == NULL) {
        return fail(s, err, KEHU_ENOMEM, "out of memory");
    }
    rc = kehu_read_file(kind, path, &in.opts, fn, fn_ctx, st);
    if (rc == KEHU_OK || rc == KEHU_EREJECT) {
        cli_input_report(s->c, path, st);
    }
    if (rc == KEHU_ENOMEM) {
        (void)fail(s, err, rc, "out of memory while reading");
    } else if (rc != KEHU_OK && st->message[0] != '\0') {
        (void)fail(s, err, rc, st->message);
    } else if (rc != KEHU_OK) {
        char msg[160];
        (void)snprintf(msg, sizeof msg, "reading failed: %s",
                       kehu_strerror(rc));
        (void)fail(s, err, rc, msg);
    }
    free(st);
    return rc;
}

int cli_side_open(cli_ctx *c, const kehu_op *op, cli_side *s, kehu_dataset *d)
{
    size_t i;

    memset(s, 0, sizeof *s);
    s->c = c;
    for (i = 0; i < N_SIDE_OPTIONS; i++) {
        const side_option *o = &side_options[i];
        const char *path = takes(op, o) ? cli_get(c, o->name) : NULL;
        cli_input in;
        if (path == NULL) {
            continue;
        }
        if (cli_input_init(c, &in, o->kind) != 0) {
            return 2;
        }
        s->path[o->kind] = path;
        d->side_name[o->kind] = path;
        d->side_kinds |= 1u << o->kind;
    }
    if (d->side_kinds != 0) {
        d->side = each;
        d->side_src = s;
    }
    return 0;
}

const char *cli_side_message(const cli_side *s, kehu_status rc,
                             const kehu_error *err)
{
    return s->failed != KEHU_OK && s->failed == rc ? s->message : err->msg;
}
