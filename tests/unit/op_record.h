/* SPDX-License-Identifier: MIT */
/*
 * Test helper: run an operation with text parameters, no argv, over a
 * dataset built in the test, and record the cells of its first table as
 * text (numbers with %.6g, null and a missing date as "").
 */
#ifndef KEHU_TEST_OP_RECORD_H
#define KEHU_TEST_OP_RECORD_H

#include "check.h"
#include "kehu/alloc.h"
#include "kehu/app/op.h"
#include "kehu/date.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define REC_MAX_CELLS 2048

typedef struct rec {
    char cell[REC_MAX_CELLS][48];
    size_t n, ncols;
} rec;

static void rec_put(rec *r, const char *s, size_t len)
{
    if (r->n < REC_MAX_CELLS) {
        size_t k = len < 47 ? len : 47;
        memcpy(r->cell[r->n], s, k);
        r->cell[r->n][k] = '\0';
    }
    r->n++;
}

static void rec_str(void *ctx, const char *s, size_t len)
{
    rec_put(ctx, s, len);
}

static void rec_i64(void *ctx, int64_t v)
{
    char b[32];
    int n = snprintf(b, sizeof b, "%lld", (long long)v);

    rec_put(ctx, b, (size_t)n);
}

static void rec_num(void *ctx, double v)
{
    char b[48];
    int n = isfinite(v) ? snprintf(b, sizeof b, "%.6g", v) : 0;

    rec_put(ctx, b, (size_t)n);
}

static void rec_null(void *ctx)
{
    rec_put(ctx, "", 0);
}

static void rec_day(void *ctx, int32_t day)
{
    char b[16] = "";

    if (day != KEHU_DAY_NONE) {
        kehu_date_format(day, b);
    }
    rec_put(ctx, b, strlen(b));
}

/* The cell at row i, column j ("?" when out of range). */
static const char *rec_at(const rec *r, size_t i, size_t j)
{
    size_t k = i * r->ncols + j;

    return j < r->ncols && k < r->n && k < REC_MAX_CELLS ? r->cell[k] : "?";
}

static size_t rec_rows(const rec *r)
{
    return r->ncols ? r->n / r->ncols : 0;
}

/*
 * Run operation `name` with parameters kv ("name", "value", ..., NULL)
 * over d; record table 0 into r. OUT: *res (may be NULL to free it).
 * Returns the status of the first failing step; err filled.
 */
static kehu_status rec_run(const char *name, const char *const *kv,
                           const kehu_dataset *d, rec *r, kehu_result **res,
                           kehu_error *err)
{
    const kehu_op *op = kehu_op_find(name);
    kehu_cells cells = {r,       0,       KEHU_LANG_EN, rec_str,
                        rec_i64, rec_num, rec_null,     rec_day};
    kehu_runtime rt;
    kehu_result *out = NULL;
    kehu_params p;
    void *opts = NULL;
    kehu_status rc;

    memset(r, 0, sizeof *r);
    memset(err, 0, sizeof *err);
    if (res != NULL) {
        *res = NULL;
    }
    if (op == NULL) {
        return KEHU_EINVAL;
    }
    rc = kehu_op_params(op, &p, &opts, err);
    for (; rc == KEHU_OK && kv != NULL && kv[0] != NULL; kv += 2) {
        rc = kehu_params_set(&p, kv[0], strlen(kv[0]), kv[1], err);
    }
    kehu_runtime_init(&rt);
    if (rc == KEHU_OK) {
        rc = kehu_op_run(op, d, &p, &rt, &out, err);
    }
    if (rc == KEHU_OK && kehu_result_ntables(out) > 0) {
        const kehu_table *t = kehu_result_table_at(out, 0);
        r->ncols = t->ncols;
        rc = t->rows(t->data, &cells);
    }
    if (res != NULL && rc == KEHU_OK) {
        *res = out;
    } else {
        kehu_result_free(out);
    }
    kehu_free(opts);
    return rc;
}

/* 1 when some note of res has text containing s. */
static int rec_note_has(const kehu_result *res, const char *s)
{
    size_t i;

    for (i = 0; res != NULL && i < kehu_result_nnotes(res); i++) {
        if (strstr(kehu_result_note_at(res, i)->text, s) != NULL) {
            return 1;
        }
    }
    return 0;
}

#endif
