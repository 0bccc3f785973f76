/* SPDX-License-Identifier: MIT */
/* Work on a second thread or at once: see job.h. */
#include "job.h"

#include "kehu/threads.h"

static int max_threads = 2;

void kehu_set_threads(int n)
{
    max_threads = n <= 1 ? 1 : 2;
}

int kehu_threads(void)
{
    return max_threads;
}

void kehu__job_start(kehu__job *j, void *(*fn)(void *), void *arg,
                     int want_thread)
{
    j->threaded = want_thread && max_threads > 1 &&
                  pthread_create(&j->tid, NULL, fn, arg) == 0;
    if (!j->threaded) {
        (void)fn(arg);
    }
}

void kehu__job_wait(kehu__job *j)
{
    if (j->threaded) {
        (void)pthread_join(j->tid, NULL);
        j->threaded = 0;
    }
}
