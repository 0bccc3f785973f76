/* SPDX-License-Identifier: MIT */
/*
 * How many threads one libkehu call may use. Some calls split large work
 * in two (a bridge's or core's dates, CLV histories, k-means restarts);
 * their results are the same either way. Global, like the allocator: set
 * it before calls, not during them.
 */
#ifndef KEHU_THREADS_H
#define KEHU_THREADS_H

/* 1: every call works on the caller's thread alone; 2 (the default):
 * large work may use one more thread. Other values are taken as the
 * nearest of these. */
void kehu_set_threads(int n);
int kehu_threads(void);

#endif
