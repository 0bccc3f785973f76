/* SPDX-License-Identifier: MIT */
/*
 * Tabular output for every front end: an aligned terminal table (CJK-aware
 * widths), CSV (RFC 4180) or JSON (an array of objects). CSV and JSON are
 * streamed row by row; the terminal table is buffered to align columns.
 * Numbers use a fixed number of decimals per column, so output is
 * deterministic.
 */
#ifndef KEHU_TABLE_OUT_H
#define KEHU_TABLE_OUT_H

#include <stdint.h>
#include <stdio.h>

typedef enum out_format { OUT_TABLE = 0, OUT_CSV, OUT_JSON } out_format;
typedef enum out_lang { OUT_EN = 0, OUT_ZH } out_lang;

typedef enum out_type {
    OUT_STR = 0, /* text, left-aligned */
    OUT_INT,     /* integer, right-aligned */
    OUT_NUM      /* decimal with `decimals` places, right-aligned */
} out_type;

typedef struct out_column {
    const char *key; /* machine name: CSV header, JSON key, English label */
    const char *zh;  /* Chinese label for --lang zh, NULL = key */
    out_type type;
    int decimals; /* OUT_NUM only */
} out_column;

typedef struct out_table out_table;

/* Start a table written to f. Returns NULL when out of memory. The column
 * array is borrowed and must outlive the table. */
out_table *out_table_begin(FILE *f, out_format fmt, out_lang lang,
                           const out_column *cols, size_t ncols);
/* Append the next cell of the current row; a row ends after ncols cells. */
void out_str(out_table *t, const char *s);
void out_strn(out_table *t, const char *s, size_t len);
void out_int(out_table *t, int64_t v);
void out_num(out_table *t, double v); /* non-finite prints as empty/null */
void out_null(out_table *t);
void out_date(out_table *t, int32_t day); /* KEHU_DAY_NONE prints null */
/* A CSV or JSON table can also be formatted into memory, to format rows
 * on several threads: out_table_begin(NULL, fmt, ...) gathers rows (no
 * header; JSON rows each written as following an earlier one) that
 * out_table_text hands out and out_table_clear drops; out_table_put_text
 * appends such text to a table of the same format (not its first row). */
const char *out_table_text(const out_table *t, size_t *len);
void out_table_clear(out_table *t);
void out_table_put_text(out_table *t, const char *s, size_t len);

/* Finish: flush the buffered table, close the JSON array, free t.
 * Returns 0, or -1 when a write failed or memory ran out. */
int out_table_end(out_table *t);

/* Parse "table", "csv" or "json"; -1 when unknown. */
int out_format_parse(const char *s);

/* JSON helpers for commands that print an object. */
void out_json_string(FILE *f, const char *s, size_t len);
void out_json_number(FILE *f, double v, int decimals);

/* Display width of UTF-8 text on a terminal (East Asian wide = 2). */
size_t out_display_width(const char *s, size_t len);

#endif
