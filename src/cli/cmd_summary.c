/* SPDX-License-Identifier: MIT */
/*
 * `kehu summary FILE`: the per-customer summary of SPEC.md section 3, one
 * row per customer in id order, as of --as-of over --since/--window, with
 * frequency, t_x and T in --unit.
 */
#include "cli.h"
#include "cli_split.h"

#include "kehu/alloc.h"
#include "kehu/date.h"
#include "kehu/summary.h"

#include <pthread.h>
#include <string.h>

static const cli_option options[] = {
    {"all", NULL,
     "also list customers without a purchase in the window "
     "(prospects from --customers)"},
    {NULL, NULL, NULL},
};

static const out_column columns[] = {
    {"customer_id", "客户编号", OUT_STR, 0},
    {"first_purchase", "首次购买", OUT_STR, 0},
    {"last_purchase", "最近购买", OUT_STR, 0},
    {"orders", "订单数", OUT_INT, 0},
    {"purchase_days", "购买天数", OUT_INT, 0},
    {"frequency", "重复购买次数", OUT_NUM, 0},
    {"t_x", "首末购买间隔", OUT_NUM, 4},
    {"T", "观察期", OUT_NUM, 4},
    {"days_since_last", "距最近购买天数", OUT_INT, 0},
    {"monetary_total", "消费总额", OUT_NUM, 2},
    {"monetary_avg", "平均消费", OUT_NUM, 2},
    {"repeat_monetary_avg", "重复购买平均消费", OUT_NUM, 2},
    {"profit_total", "利润总额", OUT_NUM, 2},
    {"margin", "利润率", OUT_NUM, 4},
    {"region", "地区", OUT_STR, 0},
    {"branch", "网点", OUT_STR, 0},
    {"channel", "渠道", OUT_STR, 0},
};

#define NCOLS (sizeof columns / sizeof columns[0])

static void dim_cell(out_table *t, const kehu_ledger *l, kehu_dim d, uint32_t v)
{
    kehu_slice s = kehu_ledger_dim_slice(l, d, v);

    out_strn(t, s.ptr, s.len);
}

static void print_row(out_table *t, const kehu_ledger *l, const kehu_summary *s,
                      const kehu_summary_row *r, kehu_slice id)
{
    int buyer = r->first_purchase != KEHU_DAY_NONE;

    out_strn(t, id.ptr, id.len);
    out_date(t, r->first_purchase);
    out_date(t, r->last_purchase);
    out_int(t, r->orders);
    out_int(t, r->purchase_days);
    if (buyer) {
        out_num(t, r->frequency);
        out_num(t, r->t_x);
        out_num(t, r->T);
        out_int(t, r->days_since_last);
    } else {
        out_null(t);
        out_null(t);
        out_null(t);
        out_null(t);
    }
    out_num(t, r->monetary_total);
    out_num(t, r->monetary_avg);
    out_num(t, r->repeat_monetary_avg);
    if (s->has_cost) {
        out_num(t, r->profit_total);
        out_num(t, r->margin);
    } else {
        out_null(t);
        out_null(t);
    }
    dim_cell(t, l, KEHU_DIM_REGION, r->dim[KEHU_DIM_REGION]);
    dim_cell(t, l, KEHU_DIM_BRANCH, r->dim[KEHU_DIM_BRANCH]);
    dim_cell(t, l, KEHU_DIM_CHANNEL, r->dim[KEHU_DIM_CHANNEL]);
}

/*
 * Rows are made in id order, a block at a time, and written as they come,
 * so memory stays with the ledger (no table of every customer's row).
 * Making a row reads a customer scattered in memory; formatting it costs
 * as much again. For CSV and JSON on two cores a helper thread makes and
 * formats every other block into memory while this thread does the others and
 * writes them all in order, so the output is the same as on one thread.
 */
#define BLOCK_ROWS 4096
#define AHEAD      2 /* formatted blocks the helper may have waiting */

typedef struct row_block {
    kehu_summary_row row[BLOCK_ROWS];
    kehu_slice id[BLOCK_ROWS];
    unsigned char listed[BLOCK_ROWS];
    size_t n;
} row_block;

typedef struct row_maker {
    const kehu_ledger *l;
    const kehu_summary *s;
    const size_t *order;
    size_t n, nblocks;
    int include_idle;
} row_maker;

/* Make block b (rows b * BLOCK_ROWS on, in id order) into k. */
static void make_block(const row_maker *m, size_t b, row_block *k)
{
    size_t first = b * BLOCK_ROWS, i, j;
    kehu_customer cu;

    k->n = m->n - first < BLOCK_ROWS ? m->n - first : BLOCK_ROWS;
    for (j = 0; j < k->n; j++) {
        i = first + j;
        /* Customers in id order are scattered in memory: fetch ahead. */
        if (i + 16 < m->n) {
            kehu_ledger_prefetch_customer(m->l, m->order[i + 16], 1);
        }
        if (i + 8 < m->n) {
            kehu_ledger_prefetch_customer(m->l, m->order[i + 8], 2);
        }
        k->listed[j] = (unsigned char)kehu_summary_row_of(
            m->l, m->s, m->include_idle, m->order[i], &k->row[j]);
        kehu_ledger_customer(m->l, m->order[i], &cu);
        k->id[j] = cu.id;
    }
}

/* Make block b in k and format its rows into t; returns how many
 * customers it left unlisted. */
static size_t render_block(const row_maker *m, size_t b, row_block *k,
                           out_table *t)
{
    size_t j, unlisted = 0;

    make_block(m, b, k);
    for (j = 0; j < k->n; j++) {
        if (k->listed[j]) {
            print_row(t, m->l, m->s, &k->row[j], k->id[j]);
        } else {
            unlisted++;
        }
    }
    return unlisted;
}

/* The helper thread: odd block 2i + 1 is formatted into text[i % AHEAD]. */
typedef struct helper {
    const row_maker *m;
    row_block *block;
    out_table *text[AHEAD];
    size_t unlisted[AHEAD];
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t made, taken; /* odd blocks formatted, and written by the caller */
} helper;

static void *helper_main(void *arg)
{
    helper *h = arg;
    size_t b, i;

    for (b = 1, i = 0; b < h->m->nblocks; b += 2, i++) {
        pthread_mutex_lock(&h->mu);
        while (i >= h->taken + AHEAD) {
            pthread_cond_wait(&h->cv, &h->mu);
        }
        pthread_mutex_unlock(&h->mu);
        out_table_clear(h->text[i % AHEAD]);
        h->unlisted[i % AHEAD] =
            render_block(h->m, b, h->block, h->text[i % AHEAD]);
        pthread_mutex_lock(&h->mu);
        h->made = i + 1;
        pthread_cond_signal(&h->cv);
        pthread_mutex_unlock(&h->mu);
    }
    return NULL;
}

/* Set up h (formatting as fmt) and start its thread; 0 when it could
 * not (then nothing is left to free). */
static int helper_start(helper *h, const row_maker *m, out_format fmt,
                        pthread_t *th)
{
    int k, ok = 1;

    memset(h, 0, sizeof *h);
    h->m = m;
    h->block = kehu_malloc(sizeof *h->block);
    for (k = 0; k < AHEAD; k++) {
        h->text[k] = out_table_begin(NULL, fmt, OUT_EN, columns, NCOLS);
        ok &= h->text[k] != NULL;
    }
    if (ok && h->block != NULL && pthread_mutex_init(&h->mu, NULL) == 0) {
        if (pthread_cond_init(&h->cv, NULL) == 0) {
            if (pthread_create(th, NULL, helper_main, h) == 0) {
                return 1;
            }
            pthread_cond_destroy(&h->cv);
        }
        pthread_mutex_destroy(&h->mu);
    }
    for (k = 0; k < AHEAD; k++) {
        if (h->text[k] != NULL) {
            (void)out_table_end(h->text[k]);
        }
    }
    kehu_free(h->block);
    return 0;
}

/* Append odd block 2i + 1, once the helper has it, to t. */
static size_t helper_take(helper *h, size_t i, out_table *t)
{
    const char *text;
    size_t len, unlisted;

    pthread_mutex_lock(&h->mu);
    while (h->made <= i) {
        pthread_cond_wait(&h->cv, &h->mu);
    }
    pthread_mutex_unlock(&h->mu);
    text = out_table_text(h->text[i % AHEAD], &len);
    out_table_put_text(t, text, len);
    unlisted = h->unlisted[i % AHEAD];
    pthread_mutex_lock(&h->mu);
    h->taken = i + 1;
    pthread_cond_signal(&h->cv);
    pthread_mutex_unlock(&h->mu);
    return unlisted;
}

/* Join the helper and free it; 0, or -1 when its memory ran out. */
static int helper_end(helper *h, pthread_t th)
{
    int k, rc = 0;

    (void)pthread_join(th, NULL);
    pthread_cond_destroy(&h->cv);
    pthread_mutex_destroy(&h->mu);
    for (k = 0; k < AHEAD; k++) {
        rc |= out_table_end(h->text[k]);
    }
    kehu_free(h->block);
    return rc;
}

static int print(cli_ctx *c, const kehu_ledger *l, const kehu_summary *s,
                 int include_idle)
{
    out_table *t;
    size_t *order = NULL, b, n = kehu_ledger_count(l), unlisted = 0;
    row_maker m;
    row_block *block;
    helper h;
    pthread_t th;
    int threaded = 0, failed = 0;
    kehu_status rc = kehu_ledger_sorted(l, &order);

    if (rc != KEHU_OK) {
        return cli_error(c, cli_exit_code(rc), "summary failed: %s",
                         kehu_strerror(rc));
    }
    memset(&m, 0, sizeof m);
    m.l = l;
    m.s = s;
    m.order = order;
    m.n = n;
    m.nblocks = (n + BLOCK_ROWS - 1) / BLOCK_ROWS;
    m.include_idle = include_idle;
    block = kehu_malloc(sizeof *block);
    t = out_table_begin(c->out, c->fmt, c->lang, columns, NCOLS);
    if (t == NULL || block == NULL) {
        if (t != NULL) {
            (void)out_table_end(t);
        }
        kehu_free(block);
        kehu_free(order);
        return cli_error(c, 1, "out of memory");
    }
    if (c->fmt != OUT_TABLE && cli_want_thread(n >= 16 * BLOCK_ROWS)) {
        threaded = helper_start(&h, &m, c->fmt, &th);
    }
    for (b = 0; b < m.nblocks; b++) {
        if (threaded && b % 2 == 1) {
            unlisted += helper_take(&h, b / 2, t);
        } else {
            unlisted += render_block(&m, b, block, t);
        }
        if (b % 16 == 0) {
            cli_progress(c, "writing", b * BLOCK_ROWS, n);
        }
    }
    if (threaded) {
        failed = helper_end(&h, th) != 0;
    }
    cli_progress(c, "writing", n, n);
    kehu_free(block);
    kehu_free(order);
    /* Returns-only customers, or ones whose orders fall outside the
     * window: said, so the count of rows never looks like a loss. */
    if (unlisted > 0 && !c->quiet) {
        fprintf(stderr,
                "kehu summary: %zu customers have no purchase in the window "
                "(returns only, prospects or orders outside it) and are not "
                "listed; --all lists them\n",
                unlisted);
    }
    failed |= out_table_end(t) != 0;
    return failed ? cli_error(c, 1, "writing failed") : 0;
}

static int run(cli_ctx *c)
{
    kehu_ledger *l;
    kehu_summary_options o;
    kehu_summary head;
    int code;

    if (c->nargs != 1) {
        return cli_error(c, 2,
                         "give one transaction file (see kehu summary "
                         "--help)");
    }
    code = cli_load_ledger(c, c->args[0], &l);
    if (code != 0) {
        return code;
    }
    code = cli_summary_options(c, l, &o);
    if (code == 0) {
        kehu_summary_prepare(l, &o, &head);
        code = print(c, l, &head, cli_has(c, "all"));
    }
    kehu_ledger_free(l);
    return code;
}

const cli_command cli_cmd_summary = {
    "summary",
    "per-customer summary: recency, frequency, T, spend, profit (SPEC 3)",
    "FILE [options]",
    "One row per customer with at least one purchase in the window, in id\n"
    "order. As of date A (--as-of, default the day after the last order;\n"
    "orders on or after A are ignored). frequency = repeat purchase periods\n"
    "(distinct --unit periods with a purchase, minus one); t_x = first to\n"
    "last purchase and T = first purchase to A, both in --unit.\n"
    "monetary_avg = total / purchase days; repeat_monetary_avg excludes the\n"
    "first purchase day (the Gamma-Gamma input). profit and margin are empty\n"
    "without a cost column.",
    options,
    1,
    run,
    NULL,
};
