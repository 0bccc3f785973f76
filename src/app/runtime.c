/* SPDX-License-Identifier: MIT */
/* The runtime an operation is given: see runtime.h. */
#include "kehu/app/runtime.h"

#include <gsl/gsl_errno.h>

#include <stddef.h>

void kehu_runtime_init(kehu_runtime *rt)
{
    rt->threads = 1;
    rt->progress = NULL;
    rt->progress_ctx = NULL;
    rt->cancel = NULL;
}

void kehu_runtime_progress(const kehu_runtime *rt, const char *label,
                           uint64_t done, uint64_t total)
{
    if (rt != NULL && rt->progress != NULL) {
        rt->progress(rt->progress_ctx, label, done, total);
    }
}

int kehu_runtime_cancelled(const kehu_runtime *rt)
{
    return rt != NULL && rt->cancel != NULL && *rt->cancel != 0;
}

void kehu_app_init(void)
{
    /* GSL failures come back to the models as statuses: GSL must not
     * abort (any operation may evaluate a model). */
    gsl_set_error_handler_off();
}
