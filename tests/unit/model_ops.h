/* SPDX-License-Identifier: MIT */
/*
 * Test helper for the model operations (fit, holdout, churn, forecast,
 * clv): run an operation on a ledger with text parameters and record the
 * cells of its first table.
 */
#ifndef KEHU_TEST_MODEL_OPS_H
#define KEHU_TEST_MODEL_OPS_H

#include "check.h"
#include "fixture.h"
#include "kehu/alloc.h"
#include "kehu/app/op.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* n customers joining over the first half of span days from `from`, each
 * buying at its own pace (mean gap 4 to 128 days) and dropping out after
 * a purchase with its own probability (the BG/NBD story), spending 5 to
 * 204 a day. */
static inline void mo_generate(kehu_ledger *l, uint64_t seed, int n,
                               int32_t from, int32_t span)
{
    uint64_t s = seed;
    long failed = 0;
    int i;

    for (i = 0; i < n; i++) {
        char id[16], date[11];
        int32_t day = from + fx_uniform(&s, span / 2);
        int32_t gap = 4 << fx_uniform(&s, 6);
        int32_t drop = 2 + fx_uniform(&s, 12);

        snprintf(id, sizeof id, "c%d", i + 1);
        while (day < from + span) {
            kehu_date_format(day, date);
            failed += fx_try_add(l, id, date, 5 + fx_uniform(&s, 200), "",
                                 "") != KEHU_OK;
            if (fx_uniform(&s, drop) == 0) {
                break;
            }
            day += 1 + fx_uniform(&s, gap) + fx_uniform(&s, gap);
        }
    }
    CHECK_EQ_I64(failed, 0);
}

#define MO_MAX_CELLS 4096

typedef struct mo_cells {
    size_t n;
    double num[MO_MAX_CELLS]; /* NaN for a string or null */
    char str[MO_MAX_CELLS][24];
} mo_cells;

static inline void mo_put(mo_cells *r, double v, const char *s, size_t len)
{
    if (r->n < MO_MAX_CELLS) {
        size_t k = len < sizeof r->str[0] - 1 ? len : sizeof r->str[0] - 1;
        r->num[r->n] = v;
        memcpy(r->str[r->n], s, k);
        r->str[r->n][k] = '\0';
        r->n++;
    }
}

static inline void mo_str(void *ctx, const char *s, size_t len)
{
    mo_put(ctx, NAN, s, len);
}

static inline void mo_i64(void *ctx, int64_t v)
{
    mo_put(ctx, (double)v, "", 0);
}

static inline void mo_num(void *ctx, double v)
{
    mo_put(ctx, v, "", 0);
}

static inline void mo_null(void *ctx)
{
    mo_put(ctx, NAN, "", 0);
}

static inline void mo_day(void *ctx, int32_t day)
{
    mo_put(ctx, (double)day, "", 0);
}

/*
 * Run operation `name` on l with parameters "k=v" (NULL-terminated; "k"
 * alone is a flag). Records the first table's cells into rec when not
 * NULL. Returns the status of the first failing step; err filled.
 */
static inline kehu_status mo_run(const char *name, kehu_ledger *l,
                                 const char *const *kv, mo_cells *rec,
                                 kehu_result **res, kehu_error *err)
{
    const kehu_op *op = kehu_op_find(name);
    kehu_dataset d;
    kehu_params p;
    kehu_runtime rt;
    kehu_result *r = NULL;
    void *opts = NULL;
    kehu_status rc;
    size_t i;

    memset(err, 0, sizeof *err);
    *res = NULL;
    if (op == NULL) {
        return KEHU_EINVAL;
    }
    rc = kehu_op_params(op, &p, &opts, err);
    for (i = 0; rc == KEHU_OK && kv[i] != NULL; i++) {
        const char *eq = strchr(kv[i], '=');
        size_t len = eq != NULL ? (size_t)(eq - kv[i]) : strlen(kv[i]);
        rc = kehu_params_set(&p, kv[i], len, eq != NULL ? eq + 1 : NULL, err);
    }
    if (rc == KEHU_OK) {
        kehu_dataset_init(&d);
        d.ledger = l;
        kehu_runtime_init(&rt);
        rc = kehu_op_run(op, &d, &p, &rt, &r, err);
    }
    if (rc == KEHU_OK && rec != NULL && kehu_result_ntables(r) > 0) {
        const kehu_table *t = kehu_result_table_at(r, 0);
        kehu_cells sink = {rec,    0,      KEHU_LANG_EN, mo_str,
                           mo_i64, mo_num, mo_null,      mo_day};
        memset(rec, 0, sizeof *rec);
        rc = t->rows(t->data, &sink);
    }
    kehu_free(opts);
    if (rc != KEHU_OK) {
        kehu_result_free(r);
        r = NULL;
    }
    *res = r;
    return rc;
}

/* The first note of kind k, or NULL. */
static inline const kehu_note *mo_note(const kehu_result *r, kehu_note_kind k)
{
    size_t i;

    for (i = 0; r != NULL && i < kehu_result_nnotes(r); i++) {
        if (kehu_result_note_at(r, i)->kind == k) {
            return kehu_result_note_at(r, i);
        }
    }
    return NULL;
}

/* A number field of note n (NaN when absent). */
static inline double mo_field(const kehu_note *n, const char *key)
{
    size_t i;

    for (i = 0; n != NULL && i < n->nfields; i++) {
        if (strcmp(n->fields[i].key, key) == 0) {
            return n->fields[i].num;
        }
    }
    return NAN;
}

/* OOM sweep: fail allocation k = 1.. until the run succeeds; each failure
 * must be KEHU_ENOMEM. Returns the number of allocations. */
#include "oom.h"
static inline int mo_oom(const char *name, kehu_ledger *l,
                         const char *const *kv)
{
    kehu_result *r = NULL;
    kehu_error err;
    kehu_status rc;
    int k;

    for (k = 1; k < 100000; k++) {
        oom_begin(k);
        rc = mo_run(name, l, kv, NULL, &r, &err);
        oom_end();
        kehu_result_free(r);
        if (rc == KEHU_OK) {
            break;
        }
        if (rc != KEHU_ENOMEM) {
            CHECK_EQ_I64(rc, KEHU_ENOMEM);
            fprintf(stderr, "  %s: allocation %d: %s\n", name, k, err.msg);
            break;
        }
    }
    return k;
}

#endif
