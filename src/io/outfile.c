/* SPDX-License-Identifier: MIT */
/* Output files written whole or not at all: see outfile.h. */
#include "kehu/io/outfile.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* 1 when path exists and is not a regular file (a device, a pipe). */
static int special_target(const char *path)
{
    struct stat sb;

    return stat(path, &sb) == 0 && !S_ISREG(sb.st_mode);
}

kehu_status kehu_outfile_open(kehu_outfile *o, const char *path,
                              kehu_error *err)
{
    char real[PATH_MAX];
    struct stat sb;
    int fd, n;

    memset(o, 0, sizeof *o);
    /* A symbolic link: replace the file it points to, not the link. */
    if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) &&
        realpath(path, real) != NULL) {
        path = real;
    }
    n = snprintf(o->path, sizeof o->path, "%s", path);
    if (n < 0 || (size_t)n >= sizeof o->path) {
        return kehu_error_set(err, KEHU_EIO, "the path %s is too long", path);
    }
    if (special_target(path)) {
        o->f = fopen(path, "w");
        if (o->f == NULL) {
            return kehu_error_set(err, KEHU_EIO, "cannot write %s: %s", path,
                                  strerror(errno));
        }
        return KEHU_OK;
    }
    n = snprintf(o->tmp, sizeof o->tmp, "%s.tmp-XXXXXX", path);
    if (n < 0 || (size_t)n >= sizeof o->tmp) {
        return kehu_error_set(err, KEHU_EIO, "the path %s is too long", path);
    }
    fd = mkstemp(o->tmp);
    if (fd < 0) {
        kehu_status rc = kehu_error_set(err, KEHU_EIO, "cannot write %s: %s",
                                        path, strerror(errno));
        o->tmp[0] = '\0';
        return rc;
    }
    /* mkstemp makes the file 0600; an output is as readable as any file
     * the user creates. */
    {
        mode_t mask = umask(0);
        umask(mask);
        (void)fchmod(fd, 0666 & ~mask);
    }
    o->f = fdopen(fd, "w");
    if (o->f == NULL) {
        kehu_status rc = kehu_error_set(err, KEHU_EIO, "cannot write %s: %s",
                                        path, strerror(errno));
        close(fd);
        unlink(o->tmp);
        o->tmp[0] = '\0';
        return rc;
    }
    return KEHU_OK;
}

kehu_status kehu_outfile_commit(kehu_outfile *o, kehu_error *err)
{
    int failed;

    if (o->f == NULL) {
        return kehu_error_set(err, KEHU_EIO, "%s is not open", o->path);
    }
    failed = fflush(o->f) != 0 || ferror(o->f);
    if (fclose(o->f) != 0) {
        failed = 1;
    }
    o->f = NULL;
    if (failed) {
        kehu_status rc = kehu_error_set(err, KEHU_EIO, "writing %s failed: %s",
                                        o->path, strerror(errno));
        if (o->tmp[0] != '\0') {
            unlink(o->tmp);
        }
        return rc;
    }
    if (o->tmp[0] != '\0' && rename(o->tmp, o->path) != 0) {
        kehu_status rc = kehu_error_set(err, KEHU_EIO, "cannot replace %s: %s",
                                        o->path, strerror(errno));
        unlink(o->tmp);
        return rc;
    }
    return KEHU_OK;
}

void kehu_outfile_abort(kehu_outfile *o)
{
    if (o->f != NULL) {
        (void)fclose(o->f);
        o->f = NULL;
    }
    if (o->tmp[0] != '\0') {
        unlink(o->tmp);
        o->tmp[0] = '\0';
    }
}

int kehu_same_file(const char *a, const char *b)
{
    struct stat sa, sb;

    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* The directory of path resolved, then its last name: "/abs/dir/name". */
static int canonical(const char *path, char *out, size_t cap)
{
    char dir[PATH_MAX], real[PATH_MAX];
    const char *slash = strrchr(path, '/');
    const char *base = slash != NULL ? slash + 1 : path;
    size_t dlen = slash != NULL ? (size_t)(slash - path) : 0;
    int n;

    if (slash == NULL) {
        strcpy(dir, ".");
    } else if (dlen == 0) {
        strcpy(dir, "/");
    } else if (dlen < sizeof dir) {
        memcpy(dir, path, dlen);
        dir[dlen] = '\0';
    } else {
        return -1;
    }
    if (realpath(dir, real) == NULL) {
        return -1;
    }
    n = snprintf(out, cap, "%s/%s", real, base);
    return n >= 0 && (size_t)n < cap ? 0 : -1;
}

int kehu_same_target(const char *a, const char *b)
{
    char ca[PATH_MAX + 256], cb[PATH_MAX + 256];

    if (special_target(a)) {
        return 0; /* writing to /dev/null or a pipe destroys no input */
    }
    if (kehu_same_file(a, b)) {
        return 1;
    }
    if (strcmp(a, b) == 0) {
        return 1;
    }
    return canonical(a, ca, sizeof ca) == 0 &&
           canonical(b, cb, sizeof cb) == 0 && strcmp(ca, cb) == 0;
}
