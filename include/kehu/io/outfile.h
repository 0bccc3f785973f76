/* SPDX-License-Identifier: MIT */
/*
 * Output files that are never half-written: the output goes to a temporary
 * file beside the target and is renamed into place only when everything was
 * written, so a failed run leaves an existing file as it was. Targets that
 * are not regular files (/dev/null, a terminal, a pipe) are written
 * directly. Also the test that two paths name the same file, through any
 * spelling, symbolic or hard link.
 */
#ifndef KEHU_IO_OUTFILE_H
#define KEHU_IO_OUTFILE_H

#include "kehu/status.h"

#include <stdio.h>

typedef struct kehu_outfile {
    FILE *f;         /* where to write; NULL when not open */
    char path[4096]; /* the target */
    char tmp[4096];  /* the temporary file; "" when writing directly */
} kehu_outfile;

/*
 * Open a temporary file for path. KEHU_EIO with err saying why (the
 * directory is not writable, the name is too long).
 */
kehu_status kehu_outfile_open(kehu_outfile *o, const char *path,
                              kehu_error *err);

/*
 * Flush and close, then rename the temporary file over the target.
 * KEHU_EIO with err when a write, the close or the rename failed; the
 * temporary file is then removed and the target left as it was.
 */
kehu_status kehu_outfile_commit(kehu_outfile *o, kehu_error *err);

/* Close and remove the temporary file; the target is left as it was.
 * Safe on a closed or never-opened outfile (f NULL). */
void kehu_outfile_abort(kehu_outfile *o);

/* 1 when a and b both exist and are the same file (device and inode,
 * links followed). */
int kehu_same_file(const char *a, const char *b);

/* 1 when writing a would overwrite b: the same regular file, or the same
 * name in the same directory. A device or pipe a never is. */
int kehu_same_target(const char *a, const char *b);

#endif
