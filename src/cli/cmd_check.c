/* SPDX-License-Identifier: MIT */
/*
 * `kehu check FILE`: validate and reconcile an input file without
 * analysing it. Prints read / accepted / rejected / duplicates and each
 * reject reason with its first line numbers (table or CSV), or one JSON
 * object with --format json. Exit 3 (after printing) when the reject rate
 * is exceeded, 2 when the file is unusable.
 */
#include "cli.h"
#include "cli_input.h"
#include "cli_split.h"

#include <stdlib.h>
#include <string.h>

static const cli_option options[] = {
    {"kind", "KIND",
     "transactions (default), customers, feedback, service_costs, events"},
    {NULL, NULL, NULL},
};

static const out_column columns[] = {
    {"item", "项目", OUT_STR, 0},
    {"rows", "行数", OUT_INT, 0},
    {"share", "占比", OUT_NUM, 4},
    {"amount", "金额", OUT_NUM, 2},
    {"first_lines", "首见行号", OUT_STR, 0},
};

/* Sum of accepted amounts, a cross-check against published totals. */
static kehu_status count_txn(void *ctx, const kehu_txn *t)
{
    int64_t *total = ctx;

    *total += t->amount;
    return KEHU_OK;
}

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

static void lines_text(const kehu_read_reason *x, char *buf, size_t cap)
{
    size_t k, n = 0;

    buf[0] = '\0';
    for (k = 0; k < x->nfirst && n < cap; k++) {
        int w = snprintf(buf + n, cap - n, "%s%lld", k ? " " : "",
                         (long long)x->first[k]);
        n += w > 0 ? (size_t)w : 0;
    }
}

static double share(uint64_t part, uint64_t whole)
{
    return whole > 0 ? (double)part / (double)whole : 0.0;
}

static int print_json(cli_ctx *c, const char *path, const kehu_read_stats *st,
                      double max_rate, kehu_input_kind kind, int64_t total)
{
    FILE *f = c->out;
    size_t i, k;
    char delim[2] = {st->delimiter, '\0'};

    fprintf(f, "{\"file\": ");
    out_json_string(f, path, strlen(path));
    fprintf(f,
            ", \"read\": %llu, \"accepted\": %llu, \"rejected\": %llu, "
            "\"duplicates\": %llu, \"reconciled\": %s, \"reject_rate\": ",
            (unsigned long long)st->read, (unsigned long long)st->accepted,
            (unsigned long long)st->rejected,
            (unsigned long long)st->duplicates,
            st->read == st->accepted + st->rejected + st->duplicates ? "true"
                                                                     : "false");
    out_json_number(f, share(st->rejected, st->read), 6);
    fprintf(f, ", \"max_reject_rate\": ");
    out_json_number(f, max_rate, 6);
    fprintf(f, ", \"delimiter\": ");
    out_json_string(f,
                    st->delimiter == '\t'  ? "tab"
                    : st->delimiter == ' ' ? "space"
                                           : delim,
                    st->delimiter == '\t'  ? 3
                    : st->delimiter == ' ' ? 5
                                           : 1);
    if (kind == KEHU_INPUT_TRANSACTIONS) {
        fprintf(f, ", \"amount_total\": ");
        out_json_number(f, (double)total / KEHU_MONEY_SCALE, 4);
    }
    fprintf(f, ", \"header\": %s, \"rejects_path\": ",
            st->has_header ? "true" : "false");
    if (st->rejects_written) {
        out_json_string(f, st->rejects_path, strlen(st->rejects_path));
    } else {
        fputs("null", f);
    }
    fprintf(f, ", \"reasons\": {");
    for (i = 0; i < st->nreasons; i++) {
        fprintf(f, "%s\"%s\": %llu", i ? ", " : "", st->reasons[i].name,
                (unsigned long long)st->reasons[i].count);
    }
    fprintf(f, "}, \"first_lines\": {");
    for (i = 0; i < st->nreasons; i++) {
        fprintf(f, "%s\"%s\": [", i ? ", " : "", st->reasons[i].name);
        for (k = 0; k < st->reasons[i].nfirst; k++) {
            fprintf(f, "%s%lld", k ? ", " : "",
                    (long long)st->reasons[i].first[k]);
        }
        fputc(']', f);
    }
    fprintf(f, "}}\n");
    return 0;
}

static int print_table(cli_ctx *c, const kehu_read_stats *st,
                       kehu_input_kind kind, int64_t total)
{
    out_table *t = out_table_begin(c->out, c->fmt, c->lang, columns,
                                   sizeof columns / sizeof columns[0]);
    const char *items[4] = {"read", "accepted", "rejected", "duplicates"};
    const char *items_zh[4] = {"读取", "接受", "拒绝", "重复"};
    uint64_t counts[4] = {st->read, st->accepted, st->rejected, st->duplicates};
    /* Machine names stay English in CSV, for scripts. */
    const int zh = c->lang == OUT_ZH && c->fmt == OUT_TABLE;
    char buf[128];
    size_t i;

    if (t == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < 4; i++) {
        out_str(t, zh ? items_zh[i] : items[i]);
        out_int(t, (int64_t)counts[i]);
        out_num(t, share(counts[i], st->read));
        if (i == 1 && kind == KEHU_INPUT_TRANSACTIONS) {
            out_num(t, (double)total / KEHU_MONEY_SCALE);
        } else {
            out_null(t);
        }
        out_str(t, "");
    }
    for (i = 0; i < st->nreasons; i++) {
        snprintf(buf, sizeof buf, "%s:%s", zh ? "拒绝" : "rejected",
                 st->reasons[i].name);
        out_str(t, buf);
        out_int(t, (int64_t)st->reasons[i].count);
        out_num(t, share(st->reasons[i].count, st->read));
        out_null(t);
        lines_text(&st->reasons[i], buf, sizeof buf);
        out_str(t, buf);
    }
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
}

static int parse_kind(const char *s, kehu_input_kind *out)
{
    int k;

    for (k = 0; k < KEHU_INPUT_COUNT; k++) {
        if (strcmp(s, kehu_input_kind_name((kehu_input_kind)k)) == 0) {
            *out = (kehu_input_kind)k;
            return 0;
        }
    }
    return -1;
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

static kehu_status read_kind(kehu_input_kind kind, const char *path,
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

static int run(cli_ctx *c)
{
    cli_input in;
    kehu_read_stats *st;
    kehu_input_kind kind = KEHU_INPUT_TRANSACTIONS;
    const char *k = cli_get(c, "kind");
    int64_t total = 0;
    kehu_status rc;
    int code;

    if (c->nargs != 1) {
        return cli_error(c, 2, "give one input file (see kehu check --help)");
    }
    if (k != NULL && parse_kind(k, &kind) != 0) {
        return cli_error(c, 2,
                         "--kind %s: use transactions, customers, feedback, "
                         "service_costs or events",
                         k);
    }
    code = cli_input_init(c, &in, kind);
    if (code != 0) {
        return code;
    }
    in.opts.map_kind = kind; /* --map field=HEADER is for FILE */
    st = calloc(1, sizeof *st);
    if (st == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    rc = read_kind(kind, c->args[0], &in.opts, st, &total);
    if (rc == KEHU_OK || rc == KEHU_EREJECT) {
        cli_input_report(c, c->args[0], st);
        code = c->fmt == OUT_JSON
                   ? print_json(c, c->args[0], st, in.opts.max_reject_rate,
                                kind, total)
                   : print_table(c, st, kind, total);
    }
    if (rc != KEHU_OK) {
        int fail = cli_input_fail(c, rc, st);
        code = code != 0 && rc == KEHU_EREJECT ? code : fail;
    }
    free(st);
    return code;
}

const cli_command cli_cmd_check = {
    "check",
    "validate and reconcile an input file (rows read, accepted, rejected)",
    "FILE [input options]",
    "Reads FILE as the input kind (transactions by default) and reports how\n"
    "many rows were read, accepted, rejected (with reasons and first line\n"
    "numbers; the rows go to the rejects file) and skipped as exact\n"
    "duplicates. Always: read = accepted + rejected + duplicates.\n"
    "Without a header row, give column numbers: --map customer_id=1\n"
    "--map order_date=3 --map amount=5 (every --map a number).\n"
    "--map FIELD=HEADER applies to FILE whatever its --kind; a customer\n"
    "master lists each customer once (an exact repeat row is a duplicate,\n"
    "another row for the same id is rejected as duplicate_customer_id).",
    options,
    1,
    run,
    NULL,
};
