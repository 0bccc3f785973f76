/* SPDX-License-Identifier: MIT */
/*
 * Running an operation with no argv, as a server or a test would: find it,
 * set parameters from name/value pairs, run it on a dataset, and record
 * the cells of a result table as text (ints as %lld, numbers as %.6f, null
 * and NaN as "", dates as YYYY-MM-DD) to check some numbers.
 */
#ifndef KEHU_TEST_OP_CELLS_H
#define KEHU_TEST_OP_CELLS_H

#include "check.h"
#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/date.h"

#include <stdio.h>
#include <string.h>

#define REC_MAX_CELLS 8192
#define REC_CELL_LEN  40

typedef struct rec {
    char cell[REC_MAX_CELLS][REC_CELL_LEN];
    size_t n;
} rec;

static inline void rec_put(rec *r, const char *s, size_t len)
{
    if (r->n < REC_MAX_CELLS) {
        size_t k = len < REC_CELL_LEN - 1 ? len : REC_CELL_LEN - 1;
        memcpy(r->cell[r->n], s, k);
        r->cell[r->n][k] = '\0';
    }
    r->n++;
}

static inline void rec_str(void *ctx, const char *s, size_t len)
{
    rec_put(ctx, s, len);
}

static inline void rec_i64(void *ctx, int64_t v)
{
    char b[32];
    int n = snprintf(b, sizeof b, "%lld", (long long)v);
    rec_put(ctx, b, (size_t)n);
}

static inline void rec_num(void *ctx, double v)
{
    char b[64];
    int n = isfinite(v) ? snprintf(b, sizeof b, "%.6f", v) : 0;
    rec_put(ctx, b, (size_t)n);
}

static inline void rec_null(void *ctx)
{
    rec_put(ctx, "", 0);
}

static inline void rec_day(void *ctx, int32_t day)
{
    char b[16] = "";
    if (day != KEHU_DAY_NONE) {
        kehu_date_format(day, b);
    }
    rec_put(ctx, b, strlen(b));
}

/* The cell at row i, column j of a table of ncols columns. */
static inline const char *rec_at(const rec *r, size_t ncols, size_t i, size_t j)
{
    size_t k = i * ncols + j;
    return k < r->n && k < REC_MAX_CELLS ? r->cell[k] : "(none)";
}

/*
 * Run op `name` on d with parameters kv ("name", "value", ..., NULL).
 * OUT: *out (kehu_result_free), NULL on failure; err filled then.
 */
static inline kehu_status rec_run(const char *name, const kehu_dataset *d,
                                  const char *const *kv, kehu_result **out,
                                  kehu_error *err)
{
    const kehu_op *op = kehu_op_find(name);
    kehu_runtime rt;
    kehu_params p;
    void *opts = NULL;
    kehu_status rc;

    *out = NULL;
    memset(err, 0, sizeof *err);
    if (op == NULL) {
        return KEHU_EINVAL;
    }
    rc = kehu_op_params(op, &p, &opts, err);
    for (; rc == KEHU_OK && kv != NULL && kv[0] != NULL; kv += 2) {
        rc = kehu_params_set(&p, kv[0], strlen(kv[0]), kv[1], err);
    }
    if (rc == KEHU_OK) {
        kehu_runtime_init(&rt);
        rc = kehu_op_run(op, d, &p, &rt, out, err);
    }
    kehu_free(opts);
    return rc;
}

/* Record table t of r into rc (English, not for display). */
static inline kehu_status rec_table(const kehu_result *r, size_t t, rec *out)
{
    const kehu_table *tb = kehu_result_table_at(r, t);
    kehu_cells c;

    memset(&c, 0, sizeof c);
    out->n = 0;
    c.ctx = out;
    c.str = rec_str;
    c.i64 = rec_i64;
    c.num = rec_num;
    c.null = rec_null;
    c.day = rec_day;
    return tb != NULL ? tb->rows(tb->data, &c) : KEHU_EINVAL;
}

#endif
