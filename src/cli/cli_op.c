/* SPDX-License-Identifier: MIT */
/*
 * Operations as commands: the option list comes from the parameter table,
 * and running one is argv -> parameters -> dataset -> operation ->
 * renderer. Nothing here knows what an analysis computes.
 */
#include "cli.h"
#include "cli_standards.h"

#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/io/render.h"
#include "kehu/threads.h"

#include <stdlib.h>
#include <string.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

/* The override options of the classification standard, for operations
 * that need it (cli_standards_load reads them). */
static const cli_option standards_options[] = {
    CLI_STANDARDS_OPTIONS,
    {NULL, NULL, NULL},
};

#define N_STANDARDS_OPTIONS                                                    \
    (sizeof standards_options / sizeof standards_options[0] - 1)

/* KEHU_NEEDS_HEAP_REUSE: glibc serves big arrays with fresh mmap()s, so an
 * operation that frees and allocates them again and again would page-fault
 * and zero them each time; served from the heap and kept after free, they
 * are reused. Process tuning, after the input is read. */
static void keep_freed_memory(void)
{
#if defined(__GLIBC__)
    (void)mallopt(M_MMAP_MAX, 0);
    (void)mallopt(M_TRIM_THRESHOLD, INT32_MAX);
#endif
}

static void progress(void *ctx, const char *label, uint64_t done,
                     uint64_t total)
{
    cli_progress(ctx, label, done, total);
}

/* Every option given that is one of the operation's parameters. */
static int set_params(cli_ctx *c, kehu_params *p)
{
    size_t i;

    for (i = 0; i < c->nopts; i++) {
        const char *name = c->opts[i].name;
        kehu_error err;
        if (kehu_params_find(p->groups, name, strlen(name)) == NULL) {
            continue; /* a common or input option */
        }
        memset(&err, 0, sizeof err);
        if (kehu_params_set(p, name, strlen(name), c->opts[i].value, &err) !=
            KEHU_OK) {
            return cli_error(c, 2, "--%s %s", err.field, err.msg);
        }
    }
    return 0;
}

static int render(cli_ctx *c, const kehu_result *r, const kehu_runtime *rt)
{
    kehu_status rc = kehu_render_result_rt(c->out, c->fmt, c->lang, r, rt);

    if (rc == KEHU_ENOMEM) {
        return cli_error(c, 1, "out of memory");
    }
    if (rc != KEHU_OK) {
        return cli_error(c, 1, "writing failed");
    }
    if (!c->quiet) {
        kehu_render_notes(stderr, c->lang, r, ~0u);
    }
    return 0;
}

static int run_op(cli_ctx *c)
{
    const kehu_op *op = c->cmd->op;
    kehu_dataset d;
    kehu_params p;
    kehu_runtime rt;
    kehu_result *r = NULL;
    kehu_status rc;
    kehu_error err;
    void *opts = NULL;
    int code = 0;

    memset(&err, 0, sizeof err);
    kehu_dataset_init(&d);
    if (kehu_op_params(op, &p, &opts, &err) != KEHU_OK) {
        return cli_error(c, 1, "--%s %s", err.field, err.msg);
    }
    code = set_params(c, &p);
    if (code == 0 && op->check != NULL) { /* before reading anything */
        rc = op->check(&p, &err);
        if (rc != KEHU_OK) {
            code = cli_error(c, cli_exit_code(rc), "%s", err.msg);
        }
    }
    if (code == 0 && (op->needs & KEHU_NEEDS_STANDARDS) != 0) {
        code = cli_standards_load(c, &d.standards, &d.standards_source);
        d.standards_overridden = cli_standards_overridden(c);
    }
    if (code == 0 && (op->needs & KEHU_NEEDS_LEDGER) != 0) {
        if (c->nargs != 1) {
            code = cli_error(c, 2,
                             "give one transaction file (see kehu %s "
                             "--help)",
                             op->name);
        } else {
            code = cli_load_ledger(c, c->args[0], &d.ledger);
        }
        if (code == 0 && (op->needs & KEHU_NEEDS_HEAP_REUSE) != 0) {
            keep_freed_memory();
        }
    }
    if (code == 0) {
        kehu_runtime_init(&rt);
        rt.threads = kehu_threads();
        rt.progress = progress;
        rt.progress_ctx = c;
        rc = kehu_op_run(op, &d, &p, &rt, &r, &err);
        code = rc == KEHU_OK ? render(c, r, &rt)
                             : cli_error(c, cli_exit_code(rc), "%s", err.msg);
    }
    kehu_result_free(r);
    kehu_ledger_free(d.ledger);
    kehu_free(opts);
    return code;
}

int cli_op_command(const kehu_op *op, cli_command **out)
{
    const kehu_param_group *g;
    size_t n_std =
        (op->needs & KEHU_NEEDS_STANDARDS) != 0 ? N_STANDARDS_OPTIONS : 0;
    size_t n = n_std, k = 0;
    cli_command *cmd;
    cli_option *o;

    for (g = op->params; g->rows != NULL; g++) {
        const kehu_param *row;
        for (row = g->rows; row->name != NULL; row++) {
            n++;
        }
    }
    cmd = calloc(1, sizeof *cmd + (n + 1) * sizeof *o);
    if (cmd == NULL) {
        return 1;
    }
    o = (cli_option *)(cmd + 1);
    for (; k < n_std; k++) { /* the standards options, when needed */
        o[k] = standards_options[k];
    }
    for (g = op->params; g->rows != NULL; g++) {
        const kehu_param *row;
        for (row = g->rows; row->name != NULL; row++, k++) {
            o[k].name = row->name;
            o[k].arg = row->type == KEHU_PARAM_FLAG ? NULL : row->arg;
            o[k].help = row->help;
        }
    }
    cmd->name = op->name;
    cmd->summary = op->summary;
    cmd->usage = op->usage;
    cmd->details = op->details;
    cmd->options = o;
    cmd->input = (op->needs & KEHU_NEEDS_LEDGER) != 0;
    cmd->run = run_op;
    cmd->op = op;
    *out = cmd;
    return 0;
}

void cli_op_command_free(cli_command *cmd)
{
    free(cmd);
}
