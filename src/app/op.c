/* SPDX-License-Identifier: MIT */
/*
 * The operation table (op.h) and the one way to run an operation. The
 * table is built from the file names src/app/op_*.c (build/gen/ops.h), so
 * adding an analysis is adding its file.
 */
#include "kehu/app/op.h"

#include "kehu/alloc.h"

#include <string.h>

#define KEHU_OP(name) extern const kehu_op kehu_op_##name;
#include "ops.h"
#undef KEHU_OP

static const kehu_op *const ops[] = {
#define KEHU_OP(name) &kehu_op_##name,
#include "ops.h"
#undef KEHU_OP
};

#define N_OPS (sizeof ops / sizeof ops[0])

size_t kehu_op_count(void)
{
    return N_OPS;
}

const kehu_op *kehu_op_at(size_t i)
{
    return i < N_OPS ? ops[i] : NULL;
}

const kehu_op *kehu_op_find(const char *name)
{
    size_t i;

    for (i = 0; i < N_OPS; i++) {
        if (strcmp(ops[i]->name, name) == 0) {
            return ops[i];
        }
    }
    return NULL;
}

kehu_status kehu_op_params(const kehu_op *op, kehu_params *p, void **opts,
                           kehu_error *err)
{
    kehu_status rc;

    *opts = kehu_calloc(1, op->opts_size ? op->opts_size : 1);
    if (*opts == NULL) {
        return kehu_error_set(err, KEHU_ENOMEM, "out of memory");
    }
    if (op->init != NULL) {
        op->init(*opts);
    }
    rc = kehu_params_begin(p, op->params, *opts, err);
    if (rc != KEHU_OK) {
        kehu_free(*opts);
        *opts = NULL;
    }
    return rc;
}

kehu_status kehu_op_run(const kehu_op *op, const kehu_dataset *d,
                        const kehu_params *p, const kehu_runtime *rt,
                        kehu_result **out, kehu_error *err)
{
    kehu_op_ctx c;
    kehu_status rc;

    *out = NULL;
    if ((op->needs & KEHU_NEEDS_LEDGER) != 0 && d->ledger == NULL) {
        return kehu_error_set(err, KEHU_EINVAL, "%s needs transactions",
                              op->name);
    }
    if (op->check != NULL) {
        rc = op->check(p, err);
        if (rc != KEHU_OK) {
            return rc;
        }
    }
    rc = kehu_result_new(out);
    if (rc != KEHU_OK) {
        return kehu_error_set(err, rc, "out of memory");
    }
    c.data = d;
    c.opts = p->opts;
    c.params = p;
    c.rt = rt;
    c.err = err;
    rc = op->run(&c, *out);
    if (rc != KEHU_OK) {
        if (err != NULL && err->msg[0] == '\0') {
            kehu_error_set(err, rc, "%s failed: %s", op->name,
                           kehu_strerror(rc));
        }
        kehu_result_free(*out);
        *out = NULL;
    }
    return rc;
}
