/* SPDX-License-Identifier: MIT */
/* Status names and texts, and the error-detail filler. */
#include "kehu/status.h"

#include <stdarg.h>
#include <stdio.h>

static const struct {
    const char *name;
    const char *text;
} status_table[] = {
    [KEHU_OK] = {"OK", "success"},
    [KEHU_ENOMEM] = {"ENOMEM", "out of memory"},
    [KEHU_EINVAL] = {"EINVAL", "invalid argument"},
    [KEHU_EPARSE] = {"EPARSE", "input could not be parsed"},
    [KEHU_ERANGE] = {"ERANGE", "value out of range"},
    [KEHU_ETOOBIG] = {"ETOOBIG", "input exceeds a size limit"},
    [KEHU_EBADFUNC] = {"EBADFUNC", "objective is not finite"},
    [KEHU_EMAXITER] = {"EMAXITER", "iteration limit reached"},
    [KEHU_ENOPROG] = {"ENOPROG", "no further progress possible"},
    [KEHU_EIDENT] = {"EIDENT", "the data cannot identify the model"},
    [KEHU_EIO] = {"EIO", "input/output error"},
    [KEHU_ESTORE] = {"ESTORE", "store error"},
    [KEHU_EREJECT] = {"EREJECT", "too many rows rejected"},
    [KEHU_CONTINUE] = {"CONTINUE", "continue"},
    [KEHU_DONE] = {"DONE", "done"},
};

const char *kehu_strerror(kehu_status rc)
{
    if ((unsigned)rc >= sizeof status_table / sizeof status_table[0]) {
        return "unknown status";
    }
    return status_table[rc].text;
}

const char *kehu_status_name(kehu_status rc)
{
    if ((unsigned)rc >= sizeof status_table / sizeof status_table[0]) {
        return "EUNKNOWN";
    }
    return status_table[rc].name;
}

kehu_status kehu_error_set(kehu_error *err, kehu_status rc, const char *fmt,
                           ...)
{
    va_list ap;

    if (err == NULL) {
        return rc;
    }
    err->status = rc;
    va_start(ap, fmt);
    /* Formatting into the caller's buffer is not I/O. */
    (void)vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return rc;
}
