/* SPDX-License-Identifier: MIT */
/*
 * check: validate and reconcile an input file without analysing it. The
 * front end reads the file (as the kind asked for) and hands over what
 * was read. The result is the reconciliation three ways over the same
 * data: for JSON, a table "check" (one row: the file, every count, the
 * reject rate and its limit, delimiter, amount total, header, rejects
 * file) and a table "reasons" (each reject reason, its count and first
 * line numbers); for a person and CSV, one table of items (read,
 * accepted, rejected, duplicates, then each reason). Going over the reject
 * rate is the front end's to report (exit 3), after the result.
 */
#include "kehu/app/op.h"
#include "kehu/date.h"
#include "kehu/schema.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef struct check_opts {
    int kind; /* kehu_input_kind */
} check_opts;

static const char *const kind_choices[] = {
    "transactions", "customers", "feedback", "service_costs", "events", NULL};

static const kehu_param rows[] = {
    {"kind", KEHU_PARAM_CHOICE, offsetof(check_opts, kind), "transactions", 0,
     -1, kind_choices, "KIND",
     "transactions (default), customers, feedback, service_costs, events"},
    {NULL, 0, 0, NULL, 0, 0, NULL, NULL, NULL},
};

static const kehu_param_group params[] = {{rows, 0}, {NULL, 0}};

/* For a person and CSV. */
static const kehu_column columns[] = {
    {"item", KEHU_COL_STR, 0, NULL},
    {"rows", KEHU_COL_INT, 0, "rows"},
    {"share", KEHU_COL_NUM, 4, "share"},
    {"amount", KEHU_COL_NUM, 2, "money"},
    {"first_lines", KEHU_COL_STR, 0, NULL},
};

/* For JSON. */
static const kehu_column check_columns[] = {
    {"file", KEHU_COL_STR, 0, NULL},
    {"read", KEHU_COL_INT, 0, "rows"},
    {"accepted", KEHU_COL_INT, 0, "rows"},
    {"rejected", KEHU_COL_INT, 0, "rows"},
    {"duplicates", KEHU_COL_INT, 0, "rows"},
    {"reconciled", KEHU_COL_INT, 0, NULL},
    {"reject_rate", KEHU_COL_NUM, 6, "share"},
    {"max_reject_rate", KEHU_COL_NUM, 6, "share"},
    {"delimiter", KEHU_COL_STR, 0, NULL},
    {"amount_total", KEHU_COL_NUM, 4, "money"},
    {"header", KEHU_COL_INT, 0, NULL},
    {"rejects_path", KEHU_COL_STR, 0, NULL},
};

static const kehu_column reason_columns[] = {
    {"reason", KEHU_COL_STR, 0, NULL},
    {"count", KEHU_COL_INT, 0, "rows"},
    {"first_lines", KEHU_COL_STR, 0, NULL},
};

static double share(uint64_t part, uint64_t whole)
{
    return whole > 0 ? (double)part / (double)whole : 0.0;
}

static void lines_text(const kehu_reading_reason *x, char *buf, size_t cap)
{
    size_t k, n = 0;

    buf[0] = '\0';
    for (k = 0; k < x->nfirst && n < cap; k++) {
        int w = snprintf(buf + n, cap - n, "%s%lld", k ? " " : "",
                         (long long)x->first[k]);
        n += w > 0 ? (size_t)w : 0;
    }
}

/* Item names are machine names except in a table for a person. */
static kehu_status emit(const void *data, const kehu_cells *out)
{
    static const char *const items[4] = {"read", "accepted", "rejected",
                                         "duplicates"};
    static const char *const items_zh[4] = {"读取", "接受", "拒绝", "重复"};
    const kehu_reading *g = data;
    const uint64_t counts[4] = {g->read, g->accepted, g->rejected,
                                g->duplicates};
    int zh = out->display && out->lang == KEHU_LANG_ZH;
    char buf[128];
    size_t i;

    for (i = 0; i < 4; i++) {
        kehu_cell_str(out, zh ? items_zh[i] : items[i]);
        kehu_cell_int(out, (int64_t)counts[i]);
        kehu_cell_num(out, share(counts[i], g->read));
        if (i == 1 && g->kind == KEHU_INPUT_TRANSACTIONS) {
            kehu_cell_num(out, (double)g->amount_total / KEHU_MONEY_SCALE);
        } else {
            kehu_cell_null(out);
        }
        kehu_cell_str(out, "");
    }
    for (i = 0; i < g->nreasons; i++) {
        snprintf(buf, sizeof buf, "%s:%s", zh ? "拒绝" : "rejected",
                 g->reasons[i].name);
        kehu_cell_str(out, buf);
        kehu_cell_int(out, (int64_t)g->reasons[i].count);
        kehu_cell_num(out, share(g->reasons[i].count, g->read));
        kehu_cell_null(out);
        lines_text(&g->reasons[i], buf, sizeof buf);
        kehu_cell_str(out, buf);
    }
    return KEHU_OK;
}

/* The one row of "check": 1/0 for reconciled and header; amount_total
 * (accepted transactions) and rejects_path null when there is none. */
static kehu_status emit_check(const void *data, const kehu_cells *out)
{
    const kehu_reading *g = data;
    char delim[2] = {g->delimiter, '\0'};

    kehu_cell_str(out, g->path);
    kehu_cell_int(out, (int64_t)g->read);
    kehu_cell_int(out, (int64_t)g->accepted);
    kehu_cell_int(out, (int64_t)g->rejected);
    kehu_cell_int(out, (int64_t)g->duplicates);
    kehu_cell_int(out, g->read == g->accepted + g->rejected + g->duplicates);
    kehu_cell_num(out, share(g->rejected, g->read));
    kehu_cell_num(out, g->max_reject_rate);
    kehu_cell_str(out, g->delimiter == '\t'  ? "tab"
                       : g->delimiter == ' ' ? "space"
                                             : delim);
    if (g->kind == KEHU_INPUT_TRANSACTIONS) {
        kehu_cell_num(out, (double)g->amount_total / KEHU_MONEY_SCALE);
    } else {
        kehu_cell_null(out);
    }
    kehu_cell_int(out, g->has_header != 0);
    if (g->rejects_path != NULL) {
        kehu_cell_str(out, g->rejects_path);
    } else {
        kehu_cell_null(out);
    }
    return KEHU_OK;
}

/* A row of "reasons" per reject reason, most frequent first; the first
 * line numbers as text, space-separated. */
static kehu_status emit_reasons(const void *data, const kehu_cells *out)
{
    const kehu_reading *g = data;
    char buf[128];
    size_t i;

    for (i = 0; i < g->nreasons; i++) {
        kehu_cell_str(out, g->reasons[i].name);
        kehu_cell_int(out, (int64_t)g->reasons[i].count);
        lines_text(&g->reasons[i], buf, sizeof buf);
        kehu_cell_str(out, buf);
    }
    return KEHU_OK;
}

static kehu_status run(const kehu_op_ctx *c, kehu_result *out)
{
    const kehu_reading *g = c->data->reading;
    kehu_table *t;
    kehu_status rc;

    if (g == NULL) {
        return kehu_error_set(c->err, KEHU_EINVAL,
                              "check needs the reading of an input file");
    }
    rc = kehu_result_table(out, "check", check_columns,
                           sizeof check_columns / sizeof check_columns[0],
                           emit_check, g, &t);
    if (rc == KEHU_OK) {
        t->view = KEHU_VIEW_JSON;
        rc = kehu_result_table(out, "reasons", reason_columns,
                               sizeof reason_columns / sizeof reason_columns[0],
                               emit_reasons, g, &t);
    }
    if (rc == KEHU_OK) {
        t->view = KEHU_VIEW_JSON;
        rc = kehu_result_table(out, "reconciliation", columns,
                               sizeof columns / sizeof columns[0], emit, g, &t);
    }
    if (rc == KEHU_OK) {
        t->view = KEHU_VIEW_TEXT;
    }
    return rc;
}

const kehu_op kehu_op_check = {
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
    params,
    sizeof(check_opts),
    NULL,
    KEHU_NEEDS_READING,
    NULL,
    run,
};
