/* SPDX-License-Identifier: MIT */
/*
 * Operations as commands: the option list comes from the parameter table,
 * and running one is argv -> parameters -> dataset -> operation ->
 * renderer. Nothing here knows what an analysis computes.
 */
#include "cli.h"
#include "cli_histories.h"
#include "cli_input.h"
#include "cli_side.h"
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

/* Step times of --timing: each finished step of the operation. */
static void timing(void *ctx, const char *label, uint64_t done, uint64_t total)
{
    if (done >= total) {
        cli_timer_step(ctx, label);
    }
}

/* The options the CLI adds to an operation's parameters: the standards
 * overrides (read by cli_standards_load) and the category map file. */
static const cli_option standards_options[] = {CLI_STANDARDS_OPTIONS,
                                               {NULL, NULL, NULL}};
static const cli_option category_map_option[] = {
    {"category-map", "FILE",
     "needs-based type: CSV of category,need (emotional|functional)"},
    {NULL, NULL, NULL},
};

/* --category-map FILE read whole into d (the operation parses it). */
static int read_category_map(cli_ctx *c, kehu_dataset *d, char **text)
{
    const char *path = cli_get(c, "category-map");
    FILE *fp;
    char *buf = NULL;
    size_t len = 0, cap = 0;

    *text = NULL;
    if (path == NULL) {
        return 0;
    }
    fp = fopen(path, "rb");
    if (fp == NULL) {
        return cli_error(c, 2, "--category-map %s: cannot open", path);
    }
    for (;;) {
        size_t got;
        if (len == cap) {
            size_t ncap = cap ? 2 * cap : 4096;
            char *p = realloc(buf, ncap);
            if (p == NULL) {
                free(buf);
                (void)fclose(fp);
                return cli_error(c, 1, "out of memory");
            }
            buf = p;
            cap = ncap;
        }
        got = fread(buf + len, 1, cap - len, fp);
        len += got;
        if (got == 0) {
            break;
        }
    }
    if (ferror(fp)) {
        free(buf);
        (void)fclose(fp);
        return cli_error(c, 2, "--category-map %s: read error", path);
    }
    (void)fclose(fp);
    *text = buf;
    d->category_map = buf;
    d->category_map_len = len;
    d->category_map_name = path;
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
    kehu_render_notes(stderr, c->lang, r,
                      c->quiet ? 1u << KEHU_NOTE_EXPLAIN : ~0u);
    return 0;
}

/* The value of the operation's "kind" parameter (an input kind), or
 * transactions when it has none. */
static kehu_input_kind input_kind(const kehu_params *p)
{
    const kehu_param_group *g;

    for (g = p->groups; g->rows != NULL; g++) {
        const kehu_param *row;
        for (row = g->rows; row->name != NULL; row++) {
            if (strcmp(row->name, "kind") == 0 &&
                row->type == KEHU_PARAM_CHOICE) {
                int k;
                memcpy(&k, (const char *)p->opts + g->base + row->offset,
                       sizeof k);
                return (kehu_input_kind)k;
            }
        }
    }
    return KEHU_INPUT_TRANSACTIONS;
}

/* KEHU_NEEDS_READING: read the one input file to reconcile it, into
 * d->reading (the one file was asked for before). *rc is the reader's status to
 * report after the result (KEHU_OK, or KEHU_EREJECT: exit 3); any other failure
 * is reported here. Returns 0 or an exit code. */
static int read_input(cli_ctx *c, const kehu_params *p, kehu_dataset *d,
                      kehu_reading *reading, kehu_read_stats **st,
                      kehu_status *rc)
{
    int code;

    *rc = KEHU_OK;
    *st = calloc(1, sizeof **st);
    if (*st == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    code = cli_read_reconcile(c, c->args[0], input_kind(p), *st, reading, rc);
    if (code == 0 && (*rc == KEHU_OK || *rc == KEHU_EREJECT)) {
        cli_input_report(c, c->args[0], *st);
    } else if (code == 0) {
        code = cli_input_fail(c, *rc, *st);
        *rc = KEHU_OK; /* reported */
    }
    d->reading = reading;
    return code;
}

static int run_op(cli_ctx *c)
{
    const kehu_op *op = c->cmd->op;
    kehu_dataset d;
    cli_side side;
    kehu_params p;
    kehu_runtime rt;
    kehu_result *r = NULL;
    kehu_status rc;
    kehu_error err;
    void *opts = NULL;
    kehu_hist *hist = NULL;
    cli_timer timer;
    char *map_text = NULL;
    kehu_reading reading;
    kehu_read_stats *st = NULL;
    kehu_status read_rc = KEHU_OK;
    int code = 0;

    memset(&err, 0, sizeof err);
    kehu_dataset_init(&d);
    if (kehu_op_params(op, &p, &opts, &err) != KEHU_OK) {
        return cli_error(c, 1, "--%s %s", err.field, err.msg);
    }
    memset(&side, 0, sizeof side);
    /* The one file to reconcile is asked for before its options. */
    code = (op->needs & KEHU_NEEDS_READING) != 0 && c->nargs != 1
               ? cli_error(c, 2, "give one input file (see kehu %s --help)",
                           op->name)
               : set_params(c, &p);
    /* Parameters that exclude each other fail before any file is read. */
    if (code == 0 && op->check != NULL && op->check(&p, &err) != KEHU_OK) {
        code = cli_error(c, cli_exit_code(err.status), "%s", err.msg);
    }
    if (code == 0) {
        code = cli_side_check(c, op);
    }
    if (code == 0 && (op->needs & KEHU_NEEDS_STANDARDS) != 0) {
        code = cli_standards_load(c, &d.standards, &d.standards_source);
        d.standards_overridden = cli_standards_overridden(c);
    }
    cli_timer_start(&timer, c, code == 0 && kehu_params_given(&p, "timing"));
    if (code == 0 && (op->needs & KEHU_NEEDS_HISTORIES) != 0 &&
        cli_histories_wanted(&p)) {
        code = c->nargs != 1
                   ? cli_error(c, 2,
                               "give one file (see kehu %s "
                               "--help)",
                               op->name)
                   : cli_histories_read(c, c->args[0], &p, &timer, &hist);
        d.hist = hist;
    } else if (code == 0 &&
               (op->needs & (KEHU_NEEDS_LEDGER | KEHU_NEEDS_HISTORIES)) != 0) {
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
        cli_timer_step(&timer, "read");
    }
    if (code == 0 && (op->needs & KEHU_NEEDS_CATEGORY_MAP) != 0) {
        code = read_category_map(c, &d, &map_text);
    }
    if (code == 0) {
        code = cli_side_open(c, op, &side, &d);
    }
    if (code == 0 && (op->needs & KEHU_NEEDS_READING) != 0) {
        code = read_input(c, &p, &d, &reading, &st, &read_rc);
    }
    if (code == 0) {
        kehu_runtime_init(&rt);
        rt.threads = kehu_threads();
        rt.progress = timer.on ? timing : progress;
        rt.progress_ctx = timer.on ? (void *)&timer : (void *)c;
        rc = kehu_op_run(op, &d, &p, &rt, &r, &err);
        code = rc == KEHU_OK ? render(c, r, &rt)
                             : cli_error(c, cli_exit_code(rc), "%s",
                                         cli_side_message(&side, rc, &err));
    }
    if (code == 0) {
        cli_timer_total(&timer);
    }
    if (read_rc != KEHU_OK) { /* over the reject rate: exit 3 after all */
        int fail = cli_input_fail(c, read_rc, st);
        code = code != 0 ? code : fail;
    }
    free(st);
    kehu_result_free(r);
    kehu_hist_free(hist);
    kehu_ledger_free(d.ledger);
    free(map_text);
    kehu_free(opts);
    return code;
}

/* Append the options of list to o at *k. */
static void add_options(cli_option *o, size_t *k, const cli_option *list)
{
    for (; list->name != NULL; list++) {
        o[(*k)++] = *list;
    }
}

int cli_op_command(const kehu_op *op, cli_command **out)
{
    const kehu_param_group *g;
    size_t n = cli_side_options(op, NULL), k;
    cli_command *cmd;
    cli_option *o;

    for (g = op->params; g->rows != NULL; g++) {
        const kehu_param *row;
        for (row = g->rows; row->name != NULL; row++) {
            n++;
        }
    }
    n += sizeof standards_options / sizeof standards_options[0] +
         sizeof category_map_option / sizeof category_map_option[0];
    cmd = calloc(1, sizeof *cmd + (n + 1) * sizeof *o);
    if (cmd == NULL) {
        return 1;
    }
    o = (cli_option *)(cmd + 1);
    k = cli_side_options(op, o); /* the input files first */
    for (g = op->params; g->rows != NULL; g++) {
        const kehu_param *row;
        for (row = g->rows; row->name != NULL; row++, k++) {
            o[k].name = row->name;
            o[k].arg = row->type == KEHU_PARAM_FLAG ? NULL : row->arg;
            o[k].help = row->help;
        }
    }
    if ((op->needs & KEHU_NEEDS_CATEGORY_MAP) != 0) {
        add_options(o, &k, category_map_option);
    }
    if ((op->needs & KEHU_NEEDS_STANDARDS) != 0) {
        add_options(o, &k, standards_options);
    }
    cmd->name = op->name;
    cmd->summary = op->summary;
    cmd->usage = op->usage;
    cmd->details = op->details;
    cmd->options = o;
    cmd->input = (op->needs & (KEHU_NEEDS_LEDGER | KEHU_NEEDS_HISTORIES |
                               KEHU_NEEDS_READING)) != 0;
    cmd->run = run_op;
    cmd->op = op;
    *out = cmd;
    return 0;
}

void cli_op_command_free(cli_command *cmd)
{
    free(cmd);
}
