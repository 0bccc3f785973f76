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
 * Making a row reads a customer scattered in memory; writing it is
 * formatting and the write itself. With two cores a second thread makes
 * the next block while this one writes the last: two blocks in turn, so
 * the output is the same as made on one thread.
 */
#define BLOCK_ROWS 4096

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
    row_block *block; /* two: block b is in block[b % 2] */
    /* With a maker thread: blocks made and blocks written so far. */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t made, written;
} row_maker;

/* Make block b (rows b * BLOCK_ROWS on, in id order). */
static void make_block(row_maker *m, size_t b)
{
    row_block *k = &m->block[b % 2];
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

static void *maker_main(void *arg)
{
    row_maker *m = arg;
    size_t b;

    for (b = 0; b < m->nblocks; b++) {
        pthread_mutex_lock(&m->mu);
        while (b >= m->written + 2) { /* both blocks still to be written */
            pthread_cond_wait(&m->cv, &m->mu);
        }
        pthread_mutex_unlock(&m->mu);
        make_block(m, b);
        pthread_mutex_lock(&m->mu);
        m->made = b + 1;
        pthread_cond_signal(&m->cv);
        pthread_mutex_unlock(&m->mu);
    }
    return NULL;
}

static int print(cli_ctx *c, const kehu_ledger *l, const kehu_summary *s,
                 int include_idle)
{
    out_table *t;
    size_t *order = NULL, b, j, n = kehu_ledger_count(l), unlisted = 0;
    row_maker m;
    pthread_t th;
    int threaded = 0;
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
    m.block = kehu_calloc(2, sizeof *m.block);
    t = out_table_begin(c->out, c->fmt, c->lang, columns, NCOLS);
    if (t == NULL || m.block == NULL) {
        if (t != NULL) {
            (void)out_table_end(t);
        }
        kehu_free(m.block);
        kehu_free(order);
        return cli_error(c, 1, "out of memory");
    }
    if (cli_want_thread(n >= 16 * BLOCK_ROWS) &&
        pthread_mutex_init(&m.mu, NULL) == 0) {
        if (pthread_cond_init(&m.cv, NULL) == 0) {
            threaded = pthread_create(&th, NULL, maker_main, &m) == 0;
            if (!threaded) {
                pthread_cond_destroy(&m.cv);
            }
        }
        if (!threaded) {
            pthread_mutex_destroy(&m.mu);
        }
    }
    for (b = 0; b < m.nblocks; b++) {
        const row_block *k = &m.block[b % 2];

        if (threaded) {
            pthread_mutex_lock(&m.mu);
            while (m.made <= b) {
                pthread_cond_wait(&m.cv, &m.mu);
            }
            pthread_mutex_unlock(&m.mu);
        } else {
            make_block(&m, b);
        }
        for (j = 0; j < k->n; j++) {
            if (k->listed[j]) {
                print_row(t, l, s, &k->row[j], k->id[j]);
            } else {
                unlisted++;
            }
        }
        if (threaded) {
            pthread_mutex_lock(&m.mu);
            m.written = b + 1;
            pthread_cond_signal(&m.cv);
            pthread_mutex_unlock(&m.mu);
        }
        if (b % 16 == 0) {
            cli_progress(c, "writing", b * BLOCK_ROWS, n);
        }
    }
    if (threaded) {
        (void)pthread_join(th, NULL);
        pthread_cond_destroy(&m.cv);
        pthread_mutex_destroy(&m.mu);
    }
    cli_progress(c, "writing", n, n);
    kehu_free(m.block);
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
    return out_table_end(t) == 0 ? 0 : cli_error(c, 1, "writing failed");
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
};
