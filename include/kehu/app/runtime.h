/* SPDX-License-Identifier: MIT */
/*
 * What an operation may use of the process, passed in rather than read from
 * globals: how many threads, where progress goes, and a flag that cancels
 * the work. Each front end fills one (the CLI from KEHU_THREADS and the
 * terminal, the server per request).
 */
#ifndef KEHU_APP_RUNTIME_H
#define KEHU_APP_RUNTIME_H

#include "kehu/status.h"

#include <stdint.h>

/* Progress of the step `label` ("reading", "fitting"): done of total
 * units; done == total finishes the step. */
typedef void (*kehu_progress_fn)(void *ctx, const char *label, uint64_t done,
                                 uint64_t total);

typedef struct kehu_runtime {
    int threads;               /* 1 or 2: threads an operation may use */
    kehu_progress_fn progress; /* NULL: none */
    void *progress_ctx;
    const volatile int *cancel; /* NULL, or set non-zero to stop early */
} kehu_runtime;

/* One thread, no progress, no cancellation. */
void kehu_runtime_init(kehu_runtime *rt);

/* Report progress when rt has a callback. */
void kehu_runtime_progress(const kehu_runtime *rt, const char *label,
                           uint64_t done, uint64_t total);

/* 1 when the caller asked the operation to stop. */
int kehu_runtime_cancelled(const kehu_runtime *rt);

/*
 * Once per process, before any operation: what the numeric libraries need
 * (GSL's abort-on-error handler off, so a model that cannot be evaluated
 * returns a status instead of ending the process). Idempotent.
 */
void kehu_app_init(void);

#endif
