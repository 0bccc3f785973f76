/* SPDX-License-Identifier: MIT */
/*
 * The one allocator of libkehu. kehu_set_allocator() is the one process-wide
 * setting: call it once before anything else (tests inject failures with it,
 * the PostgreSQL extension routes memory to palloc).
 */
#ifndef KEHU_ALLOC_H
#define KEHU_ALLOC_H

#include <stddef.h>

typedef struct kehu_allocator {
    void *(*malloc_fn)(size_t size, void *ctx);
    void *(*realloc_fn)(void *ptr, size_t size, void *ctx);
    void (*free_fn)(void *ptr, void *ctx);
    void *ctx;
} kehu_allocator;

/* Replace the allocator; NULL restores the C library's. */
void kehu_set_allocator(const kehu_allocator *a);

void *kehu_malloc(size_t size);
void *kehu_calloc(size_t n, size_t size); /* zeroed; NULL on overflow */
void *kehu_realloc(void *ptr, size_t size);
/* Grow an array of n elements of size `size`; NULL on overflow or failure. */
void *kehu_reallocarray(void *ptr, size_t n, size_t size);
void kehu_free(void *ptr);
/* A copy of len bytes plus a terminating NUL, or NULL. */
char *kehu_strndup(const char *s, size_t len);

#endif
