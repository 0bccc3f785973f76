/* SPDX-License-Identifier: MIT */
/*
 * The parameter parser (param.h): one validation path for text from every
 * source. Values are stored where the table says; text values are borrowed.
 * Query strings and JSON objects are decoded into a caller's buffer first,
 * then go through kehu_params_set like argv does.
 */
#include "kehu/app/param.h"

#include "kehu/date.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARAMS 64 /* bits of kehu_params.given */

/* The row called name and its index across the groups, or NULL. */
static const kehu_param *find_row(const kehu_param_group *groups,
                                  const char *name, size_t len, size_t *base,
                                  unsigned *index)
{
    unsigned k = 0;

    for (; groups != NULL && groups->rows != NULL; groups++) {
        const kehu_param *row;
        for (row = groups->rows; row->name != NULL; row++, k++) {
            if (strlen(row->name) == len && memcmp(row->name, name, len) == 0) {
                *base = groups->base;
                *index = k;
                return row;
            }
        }
    }
    return NULL;
}

const kehu_param *kehu_params_find(const kehu_param_group *groups,
                                   const char *name, size_t len)
{
    size_t base;
    unsigned index;

    return find_row(groups, name, len, &base, &index);
}

const char *kehu_param_choices_text(const kehu_param *row, char *buf,
                                    size_t cap)
{
    size_t n = 0, i, len = 0;

    if (cap == 0) {
        return buf;
    }
    buf[0] = '\0';
    while (row->choices != NULL && row->choices[n] != NULL) {
        n++;
    }
    for (i = 0; i < n && len < cap; i++) {
        const char *sep = i == 0 ? "" : i + 1 == n ? " or " : ", ";
        int w = snprintf(buf + len, cap - len, "%s%s", sep, row->choices[i]);
        if (w < 0) {
            break;
        }
        len += (size_t)w;
    }
    return buf;
}

/* Up to max decimal digits at *s (at least one); -1 when none. */
static int digits(const char **s, int max)
{
    int v = 0, n = 0;

    while (n < max && **s >= '0' && **s <= '9') {
        v = v * 10 + (**s - '0');
        (*s)++;
        n++;
    }
    return n > 0 ? v : -1;
}

/* YYYY-MM-DD; one-digit months and days are taken too, as the CLI always
 * did. */
static int parse_day(const char *s, int32_t *out)
{
    int y, m = -1, d = -1;

    if (s[0] == '\0') {
        *out = KEHU_DAY_NONE;
        return 0;
    }
    y = digits(&s, 4);
    if (*s == '-') {
        s++;
        m = digits(&s, 2);
    }
    if (*s == '-') {
        s++;
        d = digits(&s, 2);
    }
    if (y < 0 || m < 0 || d < 0 || *s != '\0' || !kehu_date_valid(y, m, d)) {
        return -1;
    }
    *out = kehu_date_from_ymd(y, m, d);
    return 0;
}

static int in_range(const kehu_param *row, double x)
{
    return row->min > row->max || (x >= row->min && x <= row->max);
}

static kehu_status out_of_range(const kehu_param *row, const char *v,
                                kehu_error *err)
{
    if (row->max >= 1e15) {
        return kehu_error_set(err, KEHU_ERANGE, "%s: must be at least %g", v,
                              row->min);
    }
    return kehu_error_set(err, KEHU_ERANGE, "%s: must be between %g and %g", v,
                          row->min, row->max);
}

static kehu_status set_flag(const char *v, int *out, kehu_error *err)
{
    if (v == NULL || v[0] == '\0' || strcmp(v, "true") == 0 ||
        strcmp(v, "1") == 0) {
        *out = 1;
    } else if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0) {
        *out = 0;
    } else {
        return kehu_error_set(err, KEHU_EPARSE, "%s: use true or false", v);
    }
    return KEHU_OK;
}

/* 1 when v is plain decimal text: strtol and strtod also take leading
 * spaces, hexadecimal, "inf" and "nan", which no front end should. */
static int decimal_text(const char *v)
{
    return v[0] != '\0' && strspn(v, "+-.0123456789eE") == strlen(v);
}

static kehu_status set_int(const kehu_param *row, const char *v, long *out,
                           kehu_error *err)
{
    char *end;
    long x;

    if (!decimal_text(v)) {
        return kehu_error_set(err, KEHU_EPARSE, "%s: not an integer", v);
    }
    errno = 0;
    x = strtol(v, &end, 10);
    if (end == v || *end != '\0') {
        return kehu_error_set(err, KEHU_EPARSE, "%s: not an integer", v);
    }
    if (errno == ERANGE) {
        return kehu_error_set(err, KEHU_ERANGE, "%s: out of range", v);
    }
    if (!in_range(row, (double)x)) {
        return out_of_range(row, v, err);
    }
    *out = x;
    return KEHU_OK;
}

static kehu_status set_num(const kehu_param *row, const char *v, double *out,
                           kehu_error *err)
{
    char *end;
    double x;

    if (!decimal_text(v)) {
        return kehu_error_set(err, KEHU_EPARSE, "%s: not a number", v);
    }
    x = strtod(v, &end);
    if (end == v || *end != '\0') {
        return kehu_error_set(err, KEHU_EPARSE, "%s: not a number", v);
    }
    /* Overflow gives infinity; underflow a number near zero, kept. */
    if (!isfinite(x)) {
        return kehu_error_set(err, KEHU_ERANGE, "%s: out of range", v);
    }
    if (!in_range(row, x)) {
        return out_of_range(row, v, err);
    }
    *out = x;
    return KEHU_OK;
}

static kehu_status set_choice(const kehu_param *row, const char *v, int *out,
                              kehu_error *err)
{
    char list[256];
    int i;

    for (i = 0; row->choices != NULL && row->choices[i] != NULL; i++) {
        if (strcmp(row->choices[i], v) == 0) {
            *out = i;
            return KEHU_OK;
        }
    }
    return kehu_error_set(err, KEHU_ERANGE, "%s: use %s", v,
                          kehu_param_choices_text(row, list, sizeof list));
}

/* Parse v into the value of row at dst. */
static kehu_status set_row(const kehu_param *row, const char *v, void *dst,
                           kehu_error *err)
{
    if (v == NULL && row->type != KEHU_PARAM_FLAG) {
        return kehu_error_set(err, KEHU_EINVAL, "needs a value (%s)",
                              row->arg != NULL ? row->arg : "text");
    }
    switch (row->type) {
    case KEHU_PARAM_FLAG:
        return set_flag(v, dst, err);
    case KEHU_PARAM_INT:
        return set_int(row, v, dst, err);
    case KEHU_PARAM_NUM:
        return set_num(row, v, dst, err);
    case KEHU_PARAM_DATE:
        if (parse_day(v, dst) != 0) {
            return kehu_error_set(err, KEHU_EPARSE,
                                  "%s: not a date; use YYYY-MM-DD", v);
        }
        return KEHU_OK;
    case KEHU_PARAM_CHOICE:
        return set_choice(row, v, dst, err);
    default:
        memcpy(dst, &v, sizeof v);
        return KEHU_OK;
    }
}

static void name_field(kehu_error *err, const char *name, size_t len)
{
    if (err != NULL) {
        size_t n = len < sizeof err->field - 1 ? len : sizeof err->field - 1;
        memcpy(err->field, name, n);
        err->field[n] = '\0';
    }
}

kehu_status kehu_params_begin(kehu_params *p, const kehu_param_group *groups,
                              void *opts, kehu_error *err)
{
    const kehu_param_group *g;

    p->groups = groups;
    p->opts = opts;
    p->given = 0;
    for (g = groups; g != NULL && g->rows != NULL; g++) {
        const kehu_param *row;
        for (row = g->rows; row->name != NULL; row++) {
            kehu_status rc;
            if (row->dflt == NULL) {
                continue;
            }
            rc = set_row(row, row->dflt, (char *)opts + g->base + row->offset,
                         err);
            if (rc != KEHU_OK) {
                name_field(err, row->name, strlen(row->name));
                if (err != NULL) {
                    err->status = KEHU_EINVAL; /* a bug in the table */
                }
                return KEHU_EINVAL;
            }
        }
    }
    return KEHU_OK;
}

kehu_status kehu_params_set(kehu_params *p, const char *name, size_t len,
                            const char *value, kehu_error *err)
{
    size_t base;
    unsigned index;
    const kehu_param *row = find_row(p->groups, name, len, &base, &index);
    kehu_status rc;

    if (row == NULL) {
        (void)kehu_error_set(err, KEHU_EINVAL, "unknown parameter");
        name_field(err, name, len);
        return KEHU_EINVAL;
    }
    rc = set_row(row, value, (char *)p->opts + base + row->offset, err);
    if (rc != KEHU_OK) {
        name_field(err, name, len);
        return rc;
    }
    if (index < MAX_PARAMS) {
        p->given |= (uint64_t)1 << index;
    }
    return KEHU_OK;
}

int kehu_params_given(const kehu_params *p, const char *name)
{
    size_t base;
    unsigned index;
    const kehu_param *row =
        find_row(p->groups, name, strlen(name), &base, &index);

    return row != NULL && index < MAX_PARAMS && (p->given >> index & 1u) != 0;
}

/* ------------------------------------------------------------------------
 * Query strings
 */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* Percent-decode s[0..len) into buf at *used, NUL-terminated. OUT: *out,
 * the decoded text. KEHU_ETOOBIG when it does not fit (the terminator
 * included, also of empty text), KEHU_EPARSE when malformed (%00 too, as
 * parameters are C strings). */
static kehu_status url_decode(const char *s, size_t len, char *buf, size_t cap,
                              size_t *used, char **out, kehu_error *err)
{
    char *text = buf + *used;
    size_t i, n = 0;

    for (i = 0; i < len; i++) {
        char c = s[i];
        if (*used + n + 1 >= cap) {
            (void)kehu_error_set(err, KEHU_ETOOBIG, "query string too long");
            return KEHU_ETOOBIG;
        }
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            int hi = i + 2 < len ? hex_value(s[i + 1]) : -1;
            int lo = i + 2 < len ? hex_value(s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                (void)kehu_error_set(err, KEHU_EPARSE,
                                     "bad %%-escape in the query");
                return KEHU_EPARSE;
            }
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        text[n++] = c;
    }
    if (*used + n >= cap) {
        (void)kehu_error_set(err, KEHU_ETOOBIG, "query string too long");
        return KEHU_ETOOBIG;
    }
    text[n] = '\0';
    *used += n + 1;
    *out = text;
    return KEHU_OK;
}

kehu_status kehu_params_from_query(kehu_params *p, const char *query,
                                   size_t len, char *buf, size_t cap,
                                   kehu_error *err)
{
    size_t i = 0, used = 0;

    while (i < len) {
        const char *pair = query + i, *amp = memchr(pair, '&', len - i);
        size_t plen = amp != NULL ? (size_t)(amp - pair) : len - i;
        const char *eq = memchr(pair, '=', plen);
        size_t klen = eq != NULL ? (size_t)(eq - pair) : plen;
        char *key, *value = NULL;
        kehu_status rc;

        i += plen + 1;
        if (plen == 0) {
            continue;
        }
        rc = url_decode(pair, klen, buf, cap, &used, &key, err);
        if (rc != KEHU_OK) {
            name_field(err, "", 0);
            return rc;
        }
        if (eq != NULL) {
            rc = url_decode(eq + 1, plen - klen - 1, buf, cap, &used, &value,
                            err);
            if (rc != KEHU_OK) {
                name_field(err, key, strlen(key));
                return rc;
            }
        }
        rc = kehu_params_set(p, key, strlen(key), value, err);
        if (rc != KEHU_OK) {
            return rc;
        }
    }
    return KEHU_OK;
}

/* ------------------------------------------------------------------------
 * Flat JSON objects
 */

typedef struct json_in {
    const char *s;
    size_t len, i;
    char *buf;
    size_t cap, used;
    kehu_error *err;
} json_in;

static void skip_space(json_in *j)
{
    while (j->i < j->len && strchr(" \t\r\n", j->s[j->i]) != NULL &&
           j->s[j->i] != '\0') {
        j->i++;
    }
}

/* The statuses are returned as constants (not kehu_error_set's value) so
 * the analyzer sees that a failure never leaves an OUT value unset. */
static kehu_status json_fail(json_in *j, const char *what)
{
    (void)kehu_error_set(j->err, KEHU_EPARSE, "%s at byte %zu of the JSON body",
                         what, j->i + 1);
    if (j->err != NULL) {
        j->err->column = (int64_t)j->i + 1;
        j->err->field[0] = '\0';
    }
    return KEHU_EPARSE;
}

static kehu_status json_too_long(json_in *j)
{
    (void)kehu_error_set(j->err, KEHU_ETOOBIG, "JSON body too long");
    return KEHU_ETOOBIG;
}

static int put_byte(json_in *j, char c)
{
    if (j->used >= j->cap) {
        return -1;
    }
    j->buf[j->used++] = c;
    return 0;
}

static int put_utf8(json_in *j, unsigned long cp)
{
    int rc = 0;

    if (cp < 0x80) {
        rc |= put_byte(j, (char)cp);
    } else if (cp < 0x800) {
        rc |= put_byte(j, (char)(0xC0 | cp >> 6));
        rc |= put_byte(j, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        rc |= put_byte(j, (char)(0xE0 | cp >> 12));
        rc |= put_byte(j, (char)(0x80 | (cp >> 6 & 0x3F)));
        rc |= put_byte(j, (char)(0x80 | (cp & 0x3F)));
    } else {
        rc |= put_byte(j, (char)(0xF0 | cp >> 18));
        rc |= put_byte(j, (char)(0x80 | (cp >> 12 & 0x3F)));
        rc |= put_byte(j, (char)(0x80 | (cp >> 6 & 0x3F)));
        rc |= put_byte(j, (char)(0x80 | (cp & 0x3F)));
    }
    return rc;
}

static int hex4(json_in *j, unsigned long *out)
{
    unsigned long v = 0;
    int k;

    for (k = 0; k < 4; k++) {
        int h = j->i < j->len ? hex_value(j->s[j->i]) : -1;
        if (h < 0) {
            return -1;
        }
        v = v * 16 + (unsigned long)h;
        j->i++;
    }
    *out = v;
    return 0;
}

/* An escape after the backslash; -1 when malformed, -2 when out of room. */
static int json_escape_char(json_in *j)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *hit;
    unsigned long cp, lo;
    char c;

    if (j->i >= j->len) {
        return -1;
    }
    c = j->s[j->i++];
    hit = c != '\0' ? strchr(from, c) : NULL;
    if (hit != NULL) {
        return put_byte(j, to[hit - from]) == 0 ? 0 : -2;
    }
    if (c != 'u' || hex4(j, &cp) != 0 || cp == 0) {
        return -1;
    }
    if (cp >= 0xD800 && cp < 0xDC00) {
        if (j->i + 1 >= j->len || j->s[j->i] != '\\' || j->s[j->i + 1] != 'u') {
            return -1;
        }
        j->i += 2;
        if (hex4(j, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF) {
            return -1;
        }
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return -1;
    }
    return put_utf8(j, cp) == 0 ? 0 : -2;
}

/* A string at j->i (the opening quote): decoded into buf; OUT: *out. */
static kehu_status json_string(json_in *j, char **out)
{
    char *start = j->buf + j->used;

    j->i++;
    for (;;) {
        char c;
        if (j->i >= j->len) {
            return json_fail(j, "unterminated string");
        }
        c = j->s[j->i++];
        if (c == '"') {
            break;
        }
        if ((unsigned char)c < 0x20) {
            return json_fail(j, "control character in a string");
        }
        if (c == '\\') {
            int rc = json_escape_char(j);
            if (rc == -1) {
                return json_fail(j, "bad escape");
            }
            if (rc == -2) {
                return json_too_long(j);
            }
        } else if (put_byte(j, c) != 0) {
            return json_too_long(j);
        }
    }
    if (put_byte(j, '\0') != 0) {
        return json_too_long(j);
    }
    *out = start;
    return KEHU_OK;
}

/* 1 when s[0..n) is a number as JSON writes it: -?(0|[1-9][0-9]*)
 * (.[0-9]+)?([eE][+-]?[0-9]+)? (strtod would also take "+1", ".5", "01"). */
static int json_number(const char *s, size_t n)
{
    size_t i = 0, d;

    if (i < n && s[i] == '-') {
        i++;
    }
    d = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        i++;
    }
    if (i == d || (s[d] == '0' && i - d > 1)) {
        return 0;
    }
    if (i < n && s[i] == '.') {
        d = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            i++;
        }
        if (i == d) {
            return 0;
        }
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            i++;
        }
        d = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            i++;
        }
        if (i == d) {
            return 0;
        }
    }
    return i == n;
}

/* A scalar value: string, number, true, false or null (*out NULL and
 * *is_null 1). */
static kehu_status json_value(json_in *j, char **out, int *is_null)
{
    size_t start = j->i, k;
    char *text;

    *is_null = 0;
    if (j->i >= j->len) {
        return json_fail(j, "missing value");
    }
    if (j->s[j->i] == '"') {
        return json_string(j, out);
    }
    while (j->i < j->len && j->s[j->i] != '\0' &&
           strchr("+-.0123456789eEtruefalsn", j->s[j->i]) != NULL) {
        j->i++;
    }
    if (j->i == start) {
        return json_fail(j, "expected a string, number, true, false or null "
                            "(nested values are not parameters)");
    }
    if (j->i - start == 4 && memcmp(j->s + start, "null", 4) == 0) {
        *is_null = 1;
        *out = NULL;
        return KEHU_OK;
    }
    if (!(j->i - start == 4 && memcmp(j->s + start, "true", 4) == 0) &&
        !(j->i - start == 5 && memcmp(j->s + start, "false", 5) == 0) &&
        !json_number(j->s + start, j->i - start)) {
        j->i = start;
        return json_fail(j, "expected a string, number, true, false or null");
    }
    text = j->buf + j->used;
    for (k = start; k < j->i; k++) {
        if (put_byte(j, j->s[k]) != 0) {
            return json_too_long(j);
        }
    }
    if (put_byte(j, '\0') != 0) {
        return json_too_long(j);
    }
    *out = text;
    return KEHU_OK;
}

static kehu_status json_member(kehu_params *p, json_in *j)
{
    char *key, *value = NULL;
    int is_null = 0;
    kehu_status rc;

    if (j->i >= j->len || j->s[j->i] != '"') {
        return json_fail(j, "expected a parameter name in quotes");
    }
    rc = json_string(j, &key);
    if (rc != KEHU_OK) {
        name_field(j->err, "", 0);
        return rc;
    }
    skip_space(j);
    if (j->i >= j->len || j->s[j->i] != ':') {
        return json_fail(j, "expected ':'");
    }
    j->i++;
    skip_space(j);
    rc = json_value(j, &value, &is_null);
    if (rc != KEHU_OK) {
        name_field(j->err, key, strlen(key));
        return rc;
    }
    if (is_null) { /* the default stays, but the name must be known */
        if (kehu_params_find(p->groups, key, strlen(key)) != NULL) {
            return KEHU_OK;
        }
        rc = kehu_error_set(j->err, KEHU_EINVAL, "unknown parameter");
        name_field(j->err, key, strlen(key));
        return rc;
    }
    return kehu_params_set(p, key, strlen(key), value, j->err);
}

kehu_status kehu_params_from_json(kehu_params *p, const char *json, size_t len,
                                  char *buf, size_t cap, kehu_error *err)
{
    json_in j = {json, len, 0, buf, cap, 0, err};

    skip_space(&j);
    if (j.i >= len || json[j.i] != '{') {
        return json_fail(&j, "expected a JSON object");
    }
    j.i++;
    skip_space(&j);
    if (j.i < len && json[j.i] == '}') {
        j.i++;
    } else {
        for (;;) {
            kehu_status rc = json_member(p, &j);
            if (rc != KEHU_OK) {
                return rc;
            }
            skip_space(&j);
            if (j.i < len && json[j.i] == ',') {
                j.i++;
                skip_space(&j);
                continue;
            }
            if (j.i < len && json[j.i] == '}') {
                j.i++;
                break;
            }
            return json_fail(&j, "expected ',' or '}'");
        }
    }
    skip_space(&j);
    return j.i == len ? KEHU_OK : json_fail(&j, "text after the object");
}
