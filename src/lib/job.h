/* SPDX-License-Identifier: MIT */
/*
 * Internal: a piece of work run on a second thread when that is wanted and
 * a thread can be had, else at once on this one. The callers (bridge and
 * core dates, CLV histories, k-means restarts) split their work so that the
 * result is the same either way.
 */
#ifndef KEHU_JOB_H
#define KEHU_JOB_H

#include <pthread.h>

typedef struct kehu__job {
    int threaded; /* 1 while fn runs on its own thread */
    pthread_t tid;
} kehu__job;

/* Run fn(arg): on a new thread when want_thread, kehu_threads() allows
 * it and one starts; else now. */
void kehu__job_start(kehu__job *j, void *(*fn)(void *), void *arg,
                     int want_thread);

/* Wait until the work of kehu__job_start is done (at once if it ran
 * here). */
void kehu__job_wait(kehu__job *j);

#endif
