/* SPDX-License-Identifier: MIT */
/*
 * Parameters of an operation, as rows of a table: name, type, where the
 * value goes in the operation's options struct, default, range or choices,
 * and help. One parser turns text (from argv, a URL query string, a JSON
 * object or SQL arguments) into the options struct, so a default or a range
 * is written once and every front end gives the same error for the same bad
 * value. The parser does no I/O; text values are borrowed, not copied, and
 * must outlive the options struct.
 */
#ifndef KEHU_APP_PARAM_H
#define KEHU_APP_PARAM_H

#include "kehu/status.h"

#include <stddef.h>
#include <stdint.h>

typedef enum kehu_param_type {
    KEHU_PARAM_FLAG = 0, /* int: 1 when given ("", "true", "1"), "false" 0 */
    KEHU_PARAM_INT,      /* long */
    KEHU_PARAM_NUM,      /* double */
    KEHU_PARAM_DATE,     /* int32_t day, YYYY-MM-DD; "" = KEHU_DAY_NONE */
    KEHU_PARAM_CHOICE,   /* int: index into choices */
    KEHU_PARAM_TEXT      /* const char *, borrowed */
} kehu_param_type;

typedef struct kehu_param {
    const char *name; /* without "--"; NULL ends a table */
    kehu_param_type type;
    size_t offset;              /* of the value in the options struct */
    const char *dflt;           /* parsed like any text; NULL: keep */
    double min, max;            /* INT, NUM: inclusive; min > max: none */
    const char *const *choices; /* CHOICE: NULL-terminated */
    const char *arg;            /* placeholder in help ("DATE"); flag NULL */
    const char *help;           /* one line */
} kehu_param;

/* An operation's parameters: tables of rows, each at a base offset in the
 * options struct (a shared group such as the window options sits in a
 * member of the struct). Ends with {NULL, 0}. */
typedef struct kehu_param_group {
    const kehu_param *rows;
    size_t base;
} kehu_param_group;

/* Parsing state over one options struct. `given` has bit k set when
 * parameter k (counted across the groups) was given. */
typedef struct kehu_params {
    const kehu_param_group *groups;
    void *opts;
    uint64_t given;
} kehu_params;

/*
 * Start parsing into opts: set every parameter that has a default.
 * Returns KEHU_OK, or KEHU_EINVAL with err naming a default that does not
 * parse (a bug in a table, caught by the tests).
 */
kehu_status kehu_params_begin(kehu_params *p, const kehu_param_group *groups,
                              void *opts, kehu_error *err);

/*
 * Set parameter `name` (len bytes; not NUL-terminated) from text. value may
 * be NULL for a flag. Errors (err->field names the parameter):
 * KEHU_EINVAL unknown name or a value missing; KEHU_EPARSE wrong type;
 * KEHU_ERANGE out of range or unknown choice (the message lists them).
 */
kehu_status kehu_params_set(kehu_params *p, const char *name, size_t len,
                            const char *value, kehu_error *err);

/* 1 when `name` was given (not only defaulted). */
int kehu_params_given(const kehu_params *p, const char *name);

/* The row of `name`, or NULL. */
const kehu_param *kehu_params_find(const kehu_param_group *groups,
                                   const char *name, size_t len);

/*
 * A URL query string ("a=1&b=x%20y"): each pair decoded into buf (cap
 * bytes, which must outlive opts) and set. A pair without '=' is a flag.
 * KEHU_ETOOBIG when buf is too small; otherwise as kehu_params_set.
 */
kehu_status kehu_params_from_query(kehu_params *p, const char *query,
                                   size_t len, char *buf, size_t cap,
                                   kehu_error *err);

/*
 * A flat JSON object ({"period": "month", "horizon": 6, "explain": true}):
 * strings (unescaped into buf), numbers and booleans are set; null leaves
 * the default. KEHU_EPARSE for anything else (nested values, bad syntax).
 */
kehu_status kehu_params_from_json(kehu_params *p, const char *json, size_t len,
                                  char *buf, size_t cap, kehu_error *err);

/* "day, week, month" for a choice row: the choices joined into buf. */
const char *kehu_param_choices_text(const kehu_param *row, char *buf,
                                    size_t cap);

#endif
