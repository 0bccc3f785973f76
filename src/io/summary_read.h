/* SPDX-License-Identifier: MIT */
/*
 * Reading a per-customer summary CSV (one customer, or one weighted
 * pattern, per row) for the model fits: the published BTYD files such as
 * tests/data/cdnow_customers_summary.csv and donations.csv, or the output
 * of `kehu summary`. Columns are found by header name, case-insensitive:
 *   x    frequency | x
 *   t_x  recency | t_x
 *   T    T | periods | n         (BG/BB: opportunities)
 *   w    weights | weight | count (optional; 1 per row when absent)
 *   m    zbar | monetary_value | m | repeat_monetary_avg (optional;
 *        Gamma-Gamma's mean repeat spend)
 * Other columns (an id) are ignored. Every row has the header's number of
 * fields; every value read is a finite decimal number; x, t_x, T are not
 * negative, weights are positive; when both are needed t_x <= T, and
 * t_x = 0 when x = 0. A bad row stops the read with its line in err
 * (messages do not name the file: the caller adds it).
 */
#ifndef KEHU_SUMMARY_READ_H
#define KEHU_SUMMARY_READ_H

#include "kehu/btyd.h"
#include "kehu/status.h"

#include <stddef.h>

typedef struct kehu_summary_table {
    double *x, *t_x, *T, *w, *m; /* n each; w, m NULL when absent */
    size_t n;
} kehu_summary_table;

/* Which columns the caller needs (x, t_x, T and m may be required). */
enum {
    KEHU_SUMCOL_X = 1,
    KEHU_SUMCOL_TX = 2,
    KEHU_SUMCOL_T = 4,
    KEHU_SUMCOL_M = 8
};

/*
 * Read path. delimiter is as --delimiter takes it (",", ";", "tab", "|",
 * "space" ...; KEHU_EINVAL otherwise), or NULL to detect it from the
 * header line. need is a mask of KEHU_SUMCOL_*: a
 * missing required column is KEHU_EPARSE with err->msg naming it and the
 * headers found. KEHU_EIO when the file cannot be read, KEHU_EPARSE for a
 * file that is not CSV text, is empty or has no data rows, and for a
 * malformed row or value (err->line, err->field), KEHU_ENOMEM. OUT: *out,
 * free with kehu_summary_table_free.
 */
kehu_status kehu_read_summary(const char *path, const char *delimiter,
                              unsigned need, kehu_summary_table **out,
                              kehu_error *err);

/* Same on a buffer (borrowed). */
kehu_status kehu_read_summary_buffer(const char *buf, size_t len,
                                     const char *delimiter, unsigned need,
                                     kehu_summary_table **out, kehu_error *err);

void kehu_summary_table_free(kehu_summary_table *t);

/*
 * Read path row by row into b (x, t_x, T and the weight; other columns
 * are checked when need asks for them but not kept), so memory grows
 * with the distinct histories, not the rows. OUT: *rows data rows.
 * Errors as kehu_read_summary, plus KEHU_ERANGE for a value the builder
 * cannot take (err->line names the row).
 */
kehu_status kehu_read_summary_hist(const char *path, const char *delimiter,
                                   unsigned need, kehu_hist_builder *b,
                                   size_t *rows, kehu_error *err);

#endif
