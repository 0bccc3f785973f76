/* SPDX-License-Identifier: MIT */
/*
 * Status codes and error detail shared by every kehu function.
 * Every fallible function returns a kehu_status; results come back through
 * trailing pointer parameters. Parsers also fill a caller-owned kehu_error.
 */
#ifndef KEHU_STATUS_H
#define KEHU_STATUS_H

#include <stddef.h>
#include <stdint.h>

typedef enum kehu_status {
    KEHU_OK = 0,
    KEHU_ENOMEM,   /* an allocation failed */
    KEHU_EINVAL,   /* a broken argument or option */
    KEHU_EPARSE,   /* input text could not be parsed */
    KEHU_ERANGE,   /* a value is outside its valid range */
    KEHU_ETOOBIG,  /* a hard cap (line length, body size) was exceeded */
    KEHU_EBADFUNC, /* an objective returned a non-finite value */
    KEHU_EMAXITER, /* an iterative method ran out of iterations */
    KEHU_ENOPROG,  /* an iterative method can make no further progress */
    KEHU_EIDENT,   /* the data cannot identify the model */
    KEHU_EIO,      /* adapters only: file or socket I/O failed */
    KEHU_ESTORE,   /* adapters only: the store (SQLite, PostgreSQL) failed */
    KEHU_EREJECT,  /* adapters only: too many input rows were rejected */
    KEHU_CONTINUE, /* not an error: iterate again */
    KEHU_DONE      /* not an error: nothing more to produce */
} kehu_status;

/* Detail of a failure, filled only on failure, owned by the caller. */
typedef struct kehu_error {
    kehu_status status;
    int64_t line;   /* 1-based input line, 0 when not applicable */
    int64_t column; /* 1-based field or byte column, 0 when unknown */
    char field[32]; /* the field being parsed, "" when unknown */
    char msg[160];  /* one sentence saying what went wrong */
} kehu_error;

/* Static English text for rc; never NULL. */
const char *kehu_strerror(kehu_status rc);

/* Short machine name for rc ("EPARSE"); never NULL. */
const char *kehu_status_name(kehu_status rc);

/*
 * Fill err (when not NULL) with rc and a printf-style message.
 * Returns rc, so a caller can write `return kehu__fail(err, rc, ...)`.
 */
kehu_status kehu_error_set(kehu_error *err, kehu_status rc, const char *fmt,
                           ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
