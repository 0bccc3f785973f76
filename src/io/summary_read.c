/* SPDX-License-Identifier: MIT */
/*
 * Summary CSV reader (summary_read.h). The file is mapped, rows are
 * counted once with memchr to size the columns exactly (no reallocation),
 * then tokenized by src/lib/csv.c. Plain decimals are converted by a short
 * exact path (at most 15 significant digits and 22 decimals: one
 * correctly rounded division); anything else goes to strtod.
 *
 * A summary is read whole or not at all: the first broken row (quoting,
 * field count, a value that is not a number, a negative count or time,
 * t_x > T) fails the read with its line number, as a fit on part of the
 * customers would be silently wrong.
 */
#include "summary_read.h"

#include "../lib/csv.h"
#include "kehu/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define NUM_MAX 64 /* longest number text accepted */

enum { C_X, C_TX, C_T, C_W, C_M, C_COUNT };

static const char *const col_label[C_COUNT] = {"frequency (x)", "recency (t_x)",
                                               "T", "weights", "zbar"};

/* Header names of each column, case-insensitive. */
static const char *const aliases[C_COUNT][5] = {
    {"frequency", "x", NULL, NULL, NULL},
    {"recency", "t_x", NULL, NULL, NULL},
    {"T", "periods", "n", NULL, NULL},
    {"weights", "weight", "count", NULL, NULL},
    {"zbar", "monetary_value", "m", "repeat_monetary_avg", NULL},
};

static int match_column(const kehu_slice *f)
{
    const char *p = f->ptr;
    size_t len = f->len;
    int c, a;

    while (len > 0 && (*p == ' ' || *p == '\t')) {
        p++;
        len--;
    }
    while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t')) {
        len--;
    }
    for (c = 0; c < C_COUNT; c++) {
        for (a = 0; aliases[c][a] != NULL; a++) {
            if (strlen(aliases[c][a]) == len &&
                strncasecmp(aliases[c][a], p, len) == 0) {
                return c;
            }
        }
    }
    return -1;
}

static const double pow10_tab[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* Parse a decimal number filling the whole slice (blanks around allowed).
 * Returns 0 on success. */
static int parse_number(const char *p, size_t len, double *out)
{
    char tmp[NUM_MAX + 1];
    char *end;
    uint64_t mant = 0;
    size_t i = 0, digits = 0, frac = 0;
    int neg = 0, seen = 0;

    while (len > 0 && (*p == ' ' || *p == '\t')) {
        p++;
        len--;
    }
    while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t')) {
        len--;
    }
    if (len > 0 && (*p == '-' || *p == '+')) {
        neg = *p == '-';
        i = 1;
    }
    for (; i < len && p[i] >= '0' && p[i] <= '9'; i++, seen = 1) {
        if (mant != 0 || p[i] != '0') {
            digits++;
        }
        mant = mant * 10 + (uint64_t)(p[i] - '0');
    }
    if (i < len && p[i] == '.') {
        for (i++; i < len && p[i] >= '0' && p[i] <= '9'; i++, seen = 1) {
            if (mant != 0 || p[i] != '0') {
                digits++;
            }
            mant = mant * 10 + (uint64_t)(p[i] - '0');
            frac++;
        }
    }
    if (i == len && seen && digits <= 15 && frac <= 22) {
        double v = (double)mant / pow10_tab[frac];
        *out = neg ? -v : v;
        return 0;
    }
    /* Exponents and long forms: the C library. */
    if (len == 0 || len > NUM_MAX) {
        return -1;
    }
    memcpy(tmp, p, len);
    tmp[len] = '\0';
    errno = 0;
    *out = strtod(tmp, &end);
    if (end != tmp + len || errno != 0 || !isfinite(*out)) {
        return -1;
    }
    return 0;
}

void kehu_summary_table_free(kehu_summary_table *t)
{
    if (t == NULL) {
        return;
    }
    kehu_free(t->x);
    kehu_free(t);
}

static size_t count_lines(const char *buf, size_t len)
{
    const char *p = buf, *end = buf + len;
    size_t n = 1;

    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        n++;
        p++;
    }
    return n;
}

/* Find the columns in the header record; fill col[] (-1 = absent). */
static kehu_status resolve(const kehu_csv_record *rec, unsigned need, int *col,
                           kehu_error *err)
{
    static const unsigned bit[C_COUNT] = {KEHU_SUMCOL_X, KEHU_SUMCOL_TX,
                                          KEHU_SUMCOL_T, 0, KEHU_SUMCOL_M};
    char found[120];
    size_t i, used = 0;
    int c;

    for (c = 0; c < C_COUNT; c++) {
        col[c] = -1;
    }
    for (i = 0; i < rec->n; i++) {
        c = match_column(&rec->fields[i]);
        if (c >= 0 && col[c] < 0) {
            col[c] = (int)i;
        }
    }
    for (c = 0; c < C_COUNT; c++) {
        if ((need & bit[c]) == 0 || col[c] >= 0) {
            continue;
        }
        found[0] = '\0';
        for (i = 0; i < rec->n && used + 2 < sizeof found; i++) {
            int k = snprintf(found + used, sizeof found - used, "%s%.*s",
                             i ? ", " : "", (int)rec->fields[i].len,
                             rec->fields[i].ptr);
            if (k < 0) {
                break;
            }
            used += (size_t)k;
        }
        if (err != NULL) {
            (void)snprintf(err->field, sizeof err->field, "%s", col_label[c]);
        }
        return kehu_error_set(err, KEHU_EPARSE,
                              "no %s column; headers found: %.100s",
                              col_label[c], found);
    }
    return KEHU_OK;
}

static kehu_status alloc_table(size_t rows, const int *col,
                               kehu_summary_table **out)
{
    kehu_summary_table *t = kehu_calloc(1, sizeof *t);

    *out = NULL;
    if (t == NULL) {
        return KEHU_ENOMEM;
    }
    t->x = kehu_calloc(5 * rows, sizeof(double));
    if (t->x == NULL) {
        kehu_free(t);
        return KEHU_ENOMEM;
    }
    t->t_x = t->x + rows;
    t->T = t->t_x + rows;
    t->w = col[C_W] >= 0 ? t->T + rows : NULL;
    t->m = col[C_M] >= 0 ? t->T + 2 * rows : NULL;
    *out = t;
    return KEHU_OK;
}

/* A row error: "line N: ..." with err->line (and the field). */
static kehu_status row_error(kehu_error *err, int64_t line, int c,
                             const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static kehu_status row_error(kehu_error *err, int64_t line, int c,
                             const char *fmt, ...)
{
    char text[140];
    va_list ap;

    va_start(ap, fmt);
    (void)vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    (void)kehu_error_set(err, KEHU_EPARSE, "line %lld: %s", (long long)line,
                         text);
    if (err != NULL) {
        err->line = line;
        if (c >= 0) {
            (void)snprintf(err->field, sizeof err->field, "%s", col_label[c]);
        }
    }
    return KEHU_EPARSE;
}

/*
 * Check one stored row: counts and times are never negative, weights are
 * positive, and, when the caller needs them, t_x <= T and t_x = 0 when
 * x = 0 (a history without repeat purchases has no recency).
 */
static kehu_status check_row(const kehu_summary_table *t, int64_t line,
                             unsigned need, kehu_error *err)
{
    static const unsigned bit[3] = {KEHU_SUMCOL_X, KEHU_SUMCOL_TX,
                                    KEHU_SUMCOL_T};
    const double v[3] = {t->x[t->n], t->t_x[t->n], t->T[t->n]};
    size_t i = t->n;
    int c;

    for (c = 0; c < 3; c++) {
        if ((need & bit[c]) != 0 && v[c] < 0) {
            return row_error(err, line, c, "%s is negative (%g)", col_label[c],
                             v[c]);
        }
    }
    if (t->w != NULL && !(t->w[i] > 0)) {
        return row_error(err, line, C_W,
                         "weights is %g; weights must be positive counts",
                         t->w[i]);
    }
    if ((need & KEHU_SUMCOL_TX) && (need & KEHU_SUMCOL_T) &&
        t->t_x[i] > t->T[i]) {
        return row_error(err, line, C_TX,
                         "recency (t_x) %g is greater than T %g (the last "
                         "purchase cannot be after the end)",
                         t->t_x[i], t->T[i]);
    }
    if ((need & KEHU_SUMCOL_X) && (need & KEHU_SUMCOL_TX) && t->x[i] == 0 &&
        t->t_x[i] != 0) {
        return row_error(err, line, C_TX,
                         "x is 0 but t_x is %g (0 without repeats; a "
                         "summary by week counts repeat weeks: fit the "
                         "orders, kehu fit FILE --unit week)",
                         t->t_x[i]);
    }
    return KEHU_OK;
}

/* Store one data record as row t->n; the header has ncols fields. */
static kehu_status store_row(kehu_summary_table *t, const kehu_csv_record *rec,
                             const int *col, size_t ncols, unsigned need,
                             kehu_error *err)
{
    double *dst[C_COUNT] = {t->x, t->t_x, t->T, t->w, t->m};
    kehu_status rc;
    int c;

    if (rec->status != KEHU_OK) {
        return row_error(err, rec->line, -1, "broken quoting or length (%s)",
                         rec->reason);
    }
    if (!kehu__utf8_valid(rec->raw.ptr, rec->raw.len)) {
        return row_error(err, rec->line, -1, "not UTF-8 text");
    }
    if (rec->n != ncols) {
        return row_error(err, rec->line, -1,
                         "%zu fields, but the header has %zu", rec->n, ncols);
    }
    for (c = 0; c < C_COUNT; c++) {
        const kehu_slice *f;
        if (col[c] < 0 || dst[c] == NULL) {
            continue;
        }
        f = &rec->fields[col[c]];
        if (parse_number(f->ptr, f->len, &dst[c][t->n]) != 0) {
            rc = row_error(err, rec->line, c, "%s is not a number: \"%.*s\"",
                           col_label[c], (int)(f->len > 40 ? 40 : f->len),
                           f->ptr);
            if (err != NULL) {
                err->column = col[c] + 1;
            }
            return rc;
        }
    }
    rc = check_row(t, rec->line, need, err);
    if (rc == KEHU_OK) {
        t->n++;
    }
    return rc;
}

/* Add row 0 of t (just stored and checked) to the builder. */
static kehu_status collapse_row(kehu_summary_table *t, kehu_hist_builder *b,
                                int64_t line, kehu_error *err)
{
    double w = t->w != NULL ? t->w[0] : 1.0;
    kehu_status rc;

    t->n = 0;
    rc = kehu_hist_builder_add(b, t->x[0], t->t_x[0], t->T[0], w);
    if (rc == KEHU_ERANGE) {
        return row_error(err, line, -1, "a value is not a finite number");
    }
    if (rc == KEHU_ENOMEM || rc == KEHU_ETOOBIG) {
        return kehu_error_set(err, rc, "too many distinct histories");
    }
    return rc;
}

/* The reader: into a table (*out), or, when b is not NULL, row by row
 * into b (counting the data rows in *rows) with no table kept. */
static kehu_status read_buffer(const char *buf, size_t len,
                               const char *delimiter, unsigned need,
                               kehu_summary_table **out, kehu_hist_builder *b,
                               size_t *rows, kehu_error *err)
{
    kehu_csv_opts co = {',', 0};
    kehu_csv tok;
    kehu_csv_record rec;
    kehu_summary_table *t = NULL;
    const char *what = kehu__csv_sniff_binary(buf, len);
    int col[C_COUNT];
    size_t ncols, n = 0;
    kehu_status rc;

    if (out != NULL) {
        *out = NULL;
    }
    memset(&tok, 0, sizeof tok);
    if (delimiter != NULL &&
        kehu__csv_parse_delim(delimiter, &co.delim) != KEHU_OK) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "--delimiter %.40s: use ',', ';', 'tab', '|' "
                              "or 'space'",
                              delimiter);
    }
    if (what != NULL) {
        return kehu_error_set(err, KEHU_EPARSE,
                              "not a CSV text file: it looks like %s", what);
    }
    if (delimiter == NULL) {
        co.delim = kehu__csv_detect_delim(buf, len);
    }
    rc = kehu__csv_init(&tok, buf, len, &co);
    if (rc != KEHU_OK) {
        return kehu_error_set(err, rc, "unsupported delimiter");
    }
    rc = kehu__csv_next(&tok, &rec);
    if (rc == KEHU_DONE) {
        rc = kehu_error_set(err, KEHU_EPARSE,
                            "the file is empty: no header and no rows");
        goto reset;
    }
    if (rc != KEHU_OK) {
        goto reset;
    }
    if (rec.status != KEHU_OK || !kehu__utf8_valid(rec.raw.ptr, rec.raw.len)) {
        rc = row_error(err, rec.line, -1, "the header line is broken (%s)",
                       rec.status != KEHU_OK ? rec.reason : "not UTF-8");
        goto reset;
    }
    ncols = rec.n;
    rc = resolve(&rec, need, col, err);
    if (rc != KEHU_OK) {
        goto reset;
    }
    /* Streaming keeps a one-row table. */
    rc = alloc_table(b != NULL ? 1 : count_lines(buf, len), col, &t);
    if (rc != KEHU_OK) {
        goto reset;
    }
    while ((rc = kehu__csv_next(&tok, &rec)) == KEHU_OK) {
        rc = store_row(t, &rec, col, ncols, need, err);
        n++;
        if (rc == KEHU_OK && b != NULL) {
            rc = collapse_row(t, b, rec.line, err);
        }
        if (rc != KEHU_OK) {
            goto free_table;
        }
    }
    if (rc != KEHU_DONE) {
        goto free_table;
    }
    if (n == 0) {
        rc = kehu_error_set(err, KEHU_EPARSE,
                            "the file has a header but no data rows");
        goto free_table;
    }
    kehu__csv_reset(&tok);
    if (b == NULL && out != NULL) {
        *out = t;
    } else {
        kehu_summary_table_free(t);
    }
    if (b != NULL) {
        *rows = n;
    }
    return KEHU_OK;

free_table:
    kehu_summary_table_free(t);
reset:
    kehu__csv_reset(&tok);
    return rc;
}

kehu_status kehu_read_summary_buffer(const char *buf, size_t len,
                                     const char *delimiter, unsigned need,
                                     kehu_summary_table **out, kehu_error *err)
{
    return read_buffer(buf, len, delimiter, need, out, NULL, NULL, err);
}

static kehu_status read_file(const char *path, const char *delimiter,
                             unsigned need, kehu_summary_table **out,
                             kehu_hist_builder *b, size_t *rows,
                             kehu_error *err)
{
    int fd = open(path, O_RDONLY);
    struct stat sb;
    void *map;
    size_t len;
    kehu_status rc;

    if (out != NULL) {
        *out = NULL;
    }
    if (fd < 0) {
        return kehu_error_set(err, KEHU_EIO, "cannot open it: %s",
                              strerror(errno));
    }
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        (void)close(fd);
        return kehu_error_set(err, KEHU_EIO, "not a regular file");
    }
    if (sb.st_size == 0) {
        (void)close(fd);
        return kehu_error_set(err, KEHU_EPARSE,
                              "the file is empty: no header and no rows");
    }
    len = (size_t)sb.st_size;
    map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
        rc = kehu_error_set(err, KEHU_EIO, "cannot read it: %s",
                            strerror(errno));
        (void)close(fd);
        return rc;
    }
    (void)madvise(map, len, MADV_SEQUENTIAL);
    rc = read_buffer(map, len, delimiter, need, out, b, rows, err);
    (void)munmap(map, len);
    (void)close(fd);
    return rc;
}

kehu_status kehu_read_summary(const char *path, const char *delimiter,
                              unsigned need, kehu_summary_table **out,
                              kehu_error *err)
{
    return read_file(path, delimiter, need, out, NULL, NULL, err);
}

kehu_status kehu_read_summary_hist(const char *path, const char *delimiter,
                                   unsigned need, kehu_hist_builder *b,
                                   size_t *rows, kehu_error *err)
{
    return read_file(path, delimiter, need, NULL, b, rows, err);
}
