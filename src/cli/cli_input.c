/* SPDX-License-Identifier: MIT */
/*
 * Reading input files from a command: option handling, the reconciliation
 * line, and cli_load_ledger (transactions into a ledger, then the optional
 * --customers master). The reading itself is src/io/csv_read.c.
 */
#include "cli_input.h"
#include "cli_split.h"

#include "kehu/app/dataset.h"
#include "kehu/date.h"
#include "kehu/ledger.h"

#include <stdlib.h>
#include <string.h>

static void progress(void *ctx, uint64_t done, uint64_t total)
{
    const cli_input *in = ctx;

    cli_progress(in->c, "reading", done, total);
}

const char *cli_input_option(const cli_ctx *c, const char *name,
                             kehu_input_kind kind)
{
    const char *v[CLI_MAX_MAPS], *every = NULL, *own = NULL;
    size_t n = cli_get_all(c, name, v, CLI_MAX_MAPS), i;

    for (i = 0; i < n && i < CLI_MAX_MAPS; i++) {
        const char *eq = strchr(v[i], '=');
        kehu_input_kind k;
        if (eq != NULL &&
            kehu_input_kind_lookup(v[i], (size_t)(eq - v[i]), &k) == KEHU_OK) {
            own = k == kind ? eq + 1 : own;
        } else {
            every = v[i];
        }
    }
    return own != NULL ? own : every;
}

int cli_input_scope(cli_ctx *c, cli_input *in, kehu_input_kind kind)
{
    const char *t = cli_input_option(c, "thousands", kind);

    in->opts.delimiter = cli_input_option(c, "delimiter", kind);
    in->opts.date_format = cli_input_option(c, "date-format", kind);
    in->opts.thousands = 0;
    if (t != NULL) {
        if (strcmp(t, "space") == 0) {
            in->opts.thousands = ' ';
        } else if (strlen(t) == 1 && strchr(",.' _", t[0]) != NULL) {
            in->opts.thousands = t[0];
        } else {
            return cli_error(c, 2,
                             "--thousands %s: use ',', '.', \"'\", '_' or "
                             "space (or KIND=C for one input)",
                             t);
        }
    }
    return 0;
}

int cli_input_init(cli_ctx *c, cli_input *in, kehu_input_kind kind)
{
    size_t n;

    memset(in, 0, sizeof *in);
    in->c = c;
    kehu_read_opts_init(&in->opts);
    n = cli_get_all(c, "map", in->maps, CLI_MAX_MAPS);
    if (n > CLI_MAX_MAPS) {
        return cli_error(c, 2, "at most %d --map options", CLI_MAX_MAPS);
    }
    in->opts.maps = in->maps;
    in->opts.nmaps = n;
    in->opts.rejects_path = cli_get(c, "rejects");
    if (cli_input_scope(c, in, kind) != 0) {
        return 2;
    }
    if (cli_opt_double(c, "max-reject-rate", &in->opts.max_reject_rate) != 0) {
        return 2;
    }
    if (!(in->opts.max_reject_rate >= 0 && in->opts.max_reject_rate <= 1)) {
        return cli_error(c, 2, "--max-reject-rate must be between 0 and 1");
    }
    in->opts.progress = progress;
    in->opts.progress_ctx = in;
    return 0;
}

void cli_input_report(const cli_ctx *c, const char *path,
                      const kehu_read_stats *st)
{
    if (c->quiet) {
        return;
    }
    fprintf(stderr,
            "%s: read %llu rows: %llu accepted, %llu rejected, %llu "
            "duplicates",
            path, (unsigned long long)st->read,
            (unsigned long long)st->accepted, (unsigned long long)st->rejected,
            (unsigned long long)st->duplicates);
    if (st->rejects_written) {
        fprintf(stderr, " (rejects: %s)", st->rejects_path);
    }
    fputc('\n', stderr);
}

int cli_input_fail(const cli_ctx *c, kehu_status rc, const kehu_read_stats *st)
{
    if (rc == KEHU_ENOMEM) {
        return cli_error(c, 1, "out of memory while reading");
    }
    if (st->message[0] != '\0') {
        return cli_error(c, cli_exit_code(rc), "%s", st->message);
    }
    return cli_error(c, cli_exit_code(rc), "reading failed: %s",
                     kehu_strerror(rc));
}

static void prefetch_txn(void *ctx, const kehu_txn *t, int stage)
{
    kehu_ledger_prefetch(ctx, t, stage);
}

static kehu_status add_master(void *ctx, const kehu_master_row *r)
{
    return kehu_ledger_add_master(ctx, r->customer_id, r->signup_day, r->region,
                                  r->branch, r->channel);
}

/* Report one file's reading; 0 or the exit code of its failure. */
static int read_result(cli_ctx *c, const char *path, kehu_status rc,
                       const kehu_read_stats *st)
{
    int code = 0;

    if (rc == KEHU_OK || rc == KEHU_EREJECT) {
        cli_input_report(c, path, st);
    }
    if (rc != KEHU_OK) {
        code = cli_input_fail(c, rc, st);
    }
    return code;
}

int cli_load_ledger(cli_ctx *c, const char *path, kehu_ledger **out)
{
    cli_input in;
    kehu_read_stats *st;
    kehu_ledger *l = NULL;
    const char *master = cli_get(c, "customers");
    int code;

    *out = NULL;
    code = cli_input_init(c, &in, KEHU_INPUT_TRANSACTIONS);
    if (code != 0) {
        return code;
    }
    st = calloc(1, sizeof *st);
    if (st == NULL || kehu_ledger_new(&l) != KEHU_OK) {
        free(st);
        return cli_error(c, 1, "out of memory");
    }
    in.opts.callback_dedupes = 1; /* the ledger finds duplicate rows */
    in.opts.prefetch = prefetch_txn;
    code = read_result(c, path, cli_read_ledger(path, &in.opts, &l, st), st);
    if (code == 0 && master != NULL) {
        /* The master has its own rejects file next to it. */
        in.opts.rejects_path = NULL;
        in.opts.callback_dedupes = 0;
        in.opts.prefetch = NULL;
        memset(st, 0, sizeof *st);
        code = cli_input_scope(c, &in, KEHU_INPUT_CUSTOMERS);
        if (code == 0) {
            code = read_result(
                c, master,
                kehu_read_customers(master, &in.opts, add_master, l, st), st);
        }
    }
    free(st);
    if (code != 0) {
        kehu_ledger_free(l);
        return code;
    }
    *out = l;
    return 0;
}

/* Sum of accepted amounts, a cross-check against published totals. */
static kehu_status count_txn(void *ctx, const kehu_txn *t)
{
    int64_t *total = ctx;

    /* A total past int64 stops the read (KEHU_ERANGE says what to do)
     * instead of wrapping around. */
    return __builtin_add_overflow(*total, t->amount, total) ? KEHU_ERANGE
                                                            : KEHU_OK;
}

/* Any other kind: the reader counts the rows. */
static kehu_status count_master(void *ctx, const kehu_master_row *r)
{
    (void)ctx;
    (void)r;
    return KEHU_OK;
}

static kehu_status count_feedback(void *ctx, const kehu_feedback_row *r)
{
    (void)ctx;
    (void)r;
    return KEHU_OK;
}

static kehu_status count_cost(void *ctx, const kehu_service_cost_row *r)
{
    (void)ctx;
    (void)r;
    return KEHU_OK;
}

static kehu_status count_event(void *ctx, const kehu_event_row *r)
{
    (void)ctx;
    (void)r;
    return KEHU_OK;
}

/* Transactions on two threads when worth it (split by customer, so each
 * keeps its own duplicate check; any reject reads the file again in
 * order, for the rejects file), else in order. */
static kehu_status read_transactions(const char *path, const kehu_read_opts *o,
                                     kehu_read_stats *st, int64_t *total)
{
    int64_t part[2] = {0, 0};
    void *ctxs[2] = {&part[0], &part[1]};

    if (cli_want_split(path)) {
        kehu_status rc =
            kehu_read_transactions_split(path, o, count_txn, ctxs, 2, st);
        if (rc == KEHU_OK) {
            *total = part[0] + part[1];
            return rc;
        }
        memset(st, 0, sizeof *st);
    }
    return kehu_read_transactions(path, o, count_txn, total, st);
}

static kehu_status read_counting(kehu_input_kind kind, const char *path,
                                 const kehu_read_opts *o, kehu_read_stats *st,
                                 int64_t *total)
{
    switch (kind) {
    case KEHU_INPUT_CUSTOMERS:
        return kehu_read_customers(path, o, count_master, NULL, st);
    case KEHU_INPUT_FEEDBACK:
        return kehu_read_feedback(path, o, count_feedback, NULL, st);
    case KEHU_INPUT_SERVICE_COSTS:
        return kehu_read_service_costs(path, o, count_cost, NULL, st);
    case KEHU_INPUT_EVENTS:
        return kehu_read_events(path, o, count_event, NULL, st);
    default:
        return read_transactions(path, o, st, total);
    }
}

/* out from st (reasons copied; rejects_path borrows st). */
static void reading_of(const char *path, kehu_input_kind kind,
                       const kehu_read_opts *o, const kehu_read_stats *st,
                       int64_t total, kehu_reading *out)
{
    size_t i, k;

    memset(out, 0, sizeof *out);
    out->path = path;
    out->kind = kind;
    out->read = st->read;
    out->accepted = st->accepted;
    out->rejected = st->rejected;
    out->duplicates = st->duplicates;
    for (i = 0; i < st->nreasons && i < KEHU_READING_MAX_REASONS; i++) {
        const kehu_read_reason *x = &st->reasons[i];
        out->reasons[i].name = x->name;
        out->reasons[i].count = x->count;
        for (k = 0; k < x->nfirst && k < KEHU_READING_FIRST_LINES; k++) {
            out->reasons[i].first[k] = x->first[k];
        }
        out->reasons[i].nfirst = k;
    }
    out->nreasons = i;
    out->rejects_path = st->rejects_written ? st->rejects_path : NULL;
    out->delimiter = st->delimiter;
    out->has_header = st->has_header;
    out->max_reject_rate = o->max_reject_rate;
    out->amount_total = total;
}

int cli_read_reconcile(cli_ctx *c, const char *path, kehu_input_kind kind,
                       kehu_read_stats *st, kehu_reading *out, kehu_status *rc)
{
    cli_input in;
    int64_t total = 0;
    int code = cli_input_init(c, &in, kind);

    if (code != 0) {
        return code;
    }
    in.opts.map_kind = kind; /* --map field=HEADER is for this file */
    *rc = read_counting(kind, path, &in.opts, st, &total);
    reading_of(path, kind, &in.opts, st, total, out);
    return 0;
}
