/* SPDX-License-Identifier: MIT */
/*
 * `kehu followup FILE --events EVENTS.csv --days N`: core customers as of
 * A whose last contact (an event named "contact" before A) is more than N
 * days old or missing, never-contacted and oldest contact first.
 */
#include "cli_counts.h"
#include "cli_input.h"

#include "kehu/alloc.h"
#include "kehu/date.h"
#include "kehu/followup.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const cli_option options[] = {
    CLI_STANDARDS_OPTIONS,
    {"events", "FILE",
     "events CSV (customer_id, time, event); event = "
     "contact marks a contact"},
    {"days", "N", "due when not contacted within N days (default 90)"},
    {NULL, NULL, NULL},
};

static const out_column columns[] = {
    {"customer_id", "客户编号", OUT_STR, 0},
    {"last_contact", "最近联系", OUT_STR, 0},
    {"days_since_contact", "距上次联系天数", OUT_INT, 0},
    {"last_purchase", "最近购买", OUT_STR, 0},
    {"days_since_last", "距最近购买天数", OUT_INT, 0},
    {"purchase_days", "购买天数", OUT_INT, 0},
    {"monetary_total", "消费总额", OUT_NUM, 2},
    {"region", "地区", OUT_STR, 0},
    {"branch", "网点", OUT_STR, 0},
    {"channel", "渠道", OUT_STR, 0},
};

#define NCOLS (sizeof columns / sizeof columns[0])

typedef struct contacts {
    const kehu_ledger *l;
    int32_t as_of;
    int32_t *last; /* per ledger customer */
    uint64_t used, unknown, later;
} contacts;

static kehu_status add_event(void *ctx, const kehu_event_row *r)
{
    contacts *k = ctx;
    size_t i;

    if (r->event.len != 7 || strncasecmp(r->event.ptr, "contact", 7) != 0) {
        return KEHU_OK;
    }
    if (r->day >= k->as_of) {
        k->later++; /* after A: not known as of A */
        return KEHU_OK;
    }
    if (kehu_ledger_find(k->l, r->customer_id, &i) != KEHU_OK) {
        k->unknown++;
        return KEHU_OK;
    }
    if (k->last[i] == KEHU_DAY_NONE || r->day > k->last[i]) {
        k->last[i] = r->day;
    }
    k->used++;
    return KEHU_OK;
}

static int read_contacts(cli_ctx *c, const char *path, contacts *k)
{
    cli_input in;
    kehu_read_stats *st;
    kehu_status rc;
    int code = cli_input_init(c, &in);

    if (code != 0) {
        return code;
    }
    in.opts.rejects_path = NULL; /* its own rejects file, next to it */
    st = calloc(1, sizeof *st);
    if (st == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    rc = kehu_read_events(path, &in.opts, add_event, k, st);
    if (rc == KEHU_OK || rc == KEHU_EREJECT) {
        cli_input_report(c, path, st);
    }
    code = rc == KEHU_OK ? 0 : cli_input_fail(c, rc, st);
    free(st);
    if (code == 0 && !c->quiet) {
        fprintf(stderr,
                "contacts: %llu used, %llu of unknown customers, %llu on or "
                "after the as-of date (ignored)\n",
                (unsigned long long)k->used, (unsigned long long)k->unknown,
                (unsigned long long)k->later);
    }
    return code;
}

static int print(cli_ctx *c, const kehu_ledger *l, const kehu_followup_row *r,
                 size_t n, int32_t as_of)
{
    out_table *t = out_table_begin(c->out, c->fmt, c->lang, columns, NCOLS);
    size_t i;

    if (t == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < n; i++) {
        kehu_customer cu;

        kehu_ledger_customer(l, r[i].customer, &cu);
        out_strn(t, cu.id.ptr, cu.id.len);
        out_date(t, r[i].last_contact);
        if (r[i].last_contact == KEHU_DAY_NONE) {
            out_null(t);
        } else {
            out_int(t, as_of - r[i].last_contact);
        }
        out_date(t, r[i].last_purchase);
        out_int(t, r[i].days_since_last);
        out_int(t, r[i].purchase_days);
        out_num(t, r[i].monetary_total);
        counts_dim_cell(t, l, KEHU_DIM_REGION, cu.dim[KEHU_DIM_REGION]);
        counts_dim_cell(t, l, KEHU_DIM_BRANCH, cu.dim[KEHU_DIM_BRANCH]);
        counts_dim_cell(t, l, KEHU_DIM_CHANNEL, cu.dim[KEHU_DIM_CHANNEL]);
    }
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
}

static int list(cli_ctx *c, kehu_ledger *l, const kehu_standards *std,
                const kehu_bridge_options *o, contacts *k, long days)
{
    kehu_followup_row *rows = NULL;
    size_t n = 0, i, count = kehu_ledger_count(l);
    kehu_status rc;
    int code;

    k->l = l;
    k->last = kehu_calloc(count ? count : 1, sizeof *k->last);
    if (k->last == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    for (i = 0; i < count; i++) {
        k->last[i] = KEHU_DAY_NONE;
    }
    code = read_contacts(c, cli_get(c, "events"), k);
    if (code == 0) {
        rc = kehu_followup_list(l, std, o, k->as_of, k->last, (int32_t)days,
                                &rows, &n);
        code = rc == KEHU_OK
                   ? print(c, l, rows, n, k->as_of)
                   : cli_error(c, cli_exit_code(rc), "follow-up failed: %s",
                               kehu_strerror(rc));
    }
    kehu_free(rows);
    kehu_free(k->last);
    return code;
}

static int run(cli_ctx *c)
{
    kehu_bridge_options o;
    kehu_standards std;
    contacts k;
    kehu_ledger *l;
    long days = 90;
    int32_t last;
    int code;

    memset(&k, 0, sizeof k);
    k.as_of = KEHU_DAY_NONE;
    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu followup "
                         "--help)");
    }
    if (counts_bridge_options(c, &o) != 0 ||
        cli_opt_long(c, "days", &days) != 0 ||
        cli_opt_day(c, "as-of", &k.as_of) != 0 ||
        counts_standards(c, &std) != 0) {
        return 2;
    }
    if (cli_get(c, "events") == NULL) {
        return cli_error(c, 2,
                         "give --events FILE (contacts: event = "
                         "contact)");
    }
    if (days < 0 || days > 100000) {
        return cli_error(c, 2, "--days must be 0..100000");
    }
    code = cli_load_ledger(c, c->args[0], &l);
    if (code != 0) {
        return code;
    }
    if (k.as_of == KEHU_DAY_NONE) {
        kehu_ledger_span(l, NULL, &last);
        k.as_of = last == KEHU_DAY_NONE ? 0 : last + 1;
    }
    code = list(c, l, &std, &o, &k, days);
    kehu_ledger_free(l);
    return code;
}

const cli_command cli_cmd_followup = {
    "followup",
    "core customers not contacted within N days, oldest contact first",
    "FILE --events EVENTS.csv [--days N] [options]",
    "Core customers as of A (--as-of, default the day after the last order;\n"
    "tier core exactly as `kehu classify --as-of A`) whose last contact\n"
    "before A is more than N days old, or who have none. A contact is an\n"
    "events row whose event is \"contact\" (any case). Never-contacted\n"
    "customers come first, then the oldest contact; ties by spend, highest\n"
    "first.",
    options,
    1,
    run,
};
