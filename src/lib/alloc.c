/* SPDX-License-Identifier: MIT */
/* The one place libkehu allocates memory; see kehu/alloc.h. */
#include "kehu/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void *libc_malloc(size_t size, void *ctx)
{
    (void)ctx;
    return malloc(size);
}

static void *libc_realloc(void *ptr, size_t size, void *ctx)
{
    (void)ctx;
    return realloc(ptr, size);
}

static void libc_free(void *ptr, void *ctx)
{
    (void)ctx;
    free(ptr);
}

static kehu_allocator current = {libc_malloc, libc_realloc, libc_free, NULL};

void kehu_set_allocator(const kehu_allocator *a)
{
    if (a == NULL) {
        current.malloc_fn = libc_malloc;
        current.realloc_fn = libc_realloc;
        current.free_fn = libc_free;
        current.ctx = NULL;
        return;
    }
    current = *a;
}

void *kehu_malloc(size_t size)
{
    return current.malloc_fn(size == 0 ? 1 : size, current.ctx);
}

void *kehu_calloc(size_t n, size_t size)
{
    void *p;

    if (size != 0 && n > SIZE_MAX / size) {
        return NULL;
    }
    p = kehu_malloc(n * size);
    if (p != NULL) {
        memset(p, 0, n * size);
    }
    return p;
}

void *kehu_realloc(void *ptr, size_t size)
{
    if (ptr == NULL) {
        return kehu_malloc(size);
    }
    return current.realloc_fn(ptr, size == 0 ? 1 : size, current.ctx);
}

void *kehu_reallocarray(void *ptr, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size) {
        return NULL;
    }
    return kehu_realloc(ptr, n * size);
}

void kehu_free(void *ptr)
{
    if (ptr != NULL) {
        current.free_fn(ptr, current.ctx);
    }
}

char *kehu_strndup(const char *s, size_t len)
{
    char *p = kehu_malloc(len + 1);

    if (p != NULL) {
        if (len > 0) {
            memcpy(p, s, len);
        }
        p[len] = '\0';
    }
    return p;
}
