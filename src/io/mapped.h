/* SPDX-License-Identifier: MIT */
/*
 * Read-only mappings of input files that survive the file changing
 * underneath. Touching a page of a mapped file that has been truncated
 * raises SIGBUS; here a handler maps a page of zeros at the address
 * instead and marks the mapping changed, so the read runs to its end on
 * harmless bytes and the reader then refuses its result ("the input
 * changed while it was read"). A change of size or modification time seen
 * at the end counts the same. Faults outside these mappings keep the
 * default action.
 */
#ifndef KEHU_IO_MAPPED_H
#define KEHU_IO_MAPPED_H

#include "kehu/status.h"

#include <stddef.h>
#include <sys/stat.h>

typedef struct kehu__mapping {
    const char *ptr; /* NULL when not mapped */
    size_t len;
    int slot;       /* in the fault table; -1 when untracked */
    int fd;         /* the open file, borrowed, for the final check */
    struct stat at; /* the file when it was mapped */
} kehu__mapping;

/*
 * Map the regular file open on fd (sb: its fstat) read-only; fd must stay
 * open until kehu__map_release. KEHU_OK, or
 * KEHU_EIO when it cannot be mapped (the caller reads it instead).
 */
kehu_status kehu__map_file(int fd, const struct stat *sb, kehu__mapping *m);

/* 1 when the file was truncated under the mapping (a fault was caught),
 * or it now shows another size or modification time. */
int kehu__map_changed(const kehu__mapping *m);

/* Unmap; safe on an unmapped m. */
void kehu__map_release(kehu__mapping *m);

#endif
