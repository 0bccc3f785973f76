/* SPDX-License-Identifier: MIT */
/*
 * Test helper: an allocator that fails its k-th call, for OOM sweeps of
 * one entry point at a time (fail allocation k for k = 1..N).
 */
#ifndef KEHU_TEST_OOM_H
#define KEHU_TEST_OOM_H

#include "kehu/alloc.h"

#include <stdlib.h>

static int oom_fail_at, oom_calls;

static inline void *oom_malloc(size_t n, void *ctx)
{
    (void)ctx;
    return ++oom_calls == oom_fail_at ? NULL : malloc(n);
}

static inline void *oom_realloc(void *p, size_t n, void *ctx)
{
    (void)ctx;
    return ++oom_calls == oom_fail_at ? NULL : realloc(p, n);
}

static inline void oom_free(void *p, void *ctx)
{
    (void)ctx;
    free(p);
}

/* Make allocation k (1-based) fail from now on, until oom_end. */
static inline void oom_begin(int k)
{
    static const kehu_allocator a = {oom_malloc, oom_realloc, oom_free, NULL};

    oom_fail_at = k;
    oom_calls = 0;
    kehu_set_allocator(&a);
}

static inline void oom_end(void)
{
    kehu_set_allocator(NULL);
}

#endif
