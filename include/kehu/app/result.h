/* SPDX-License-Identifier: MIT */
/*
 * The result of an operation: data, not text. Tables with a fixed schema
 * (column key, type, unit, decimals) whose rows are produced on demand into
 * a cell sink, so a renderer streams a million-row table without holding it;
 * and structured notes (reconciliation counts, the standard in force, model
 * fits, warnings), each with an English sentence and named fields.
 * Renderers (terminal table, CSV, JSON, HTML) live in io and know nothing of
 * the analysis; column labels come from the catalog (labels.h).
 */
#ifndef KEHU_APP_RESULT_H
#define KEHU_APP_RESULT_H

#include "kehu/status.h"

#include <stddef.h>
#include <stdint.h>

typedef enum kehu_col_type {
    KEHU_COL_STR = 0, /* text (dates, labels), left-aligned */
    KEHU_COL_INT,     /* integer */
    KEHU_COL_NUM      /* decimal with `decimals` places */
} kehu_col_type;

typedef struct kehu_column {
    const char *key; /* CSV header, JSON key, catalog key; static text */
    kehu_col_type type;
    int decimals;     /* KEHU_COL_NUM only */
    const char *unit; /* "customers", "money", "share", "days"...; or NULL */
} kehu_column;

typedef enum kehu_lang { KEHU_LANG_EN = 0, KEHU_LANG_ZH } kehu_lang;

/*
 * Where rows go: a renderer's cells. Every row has exactly ncols cells, in
 * column order. `display` is 1 when the reader is a person (a terminal
 * table): class values are then shown by label in `lang` instead of their
 * machine names.
 */
typedef struct kehu_cells {
    void *ctx;
    int display;
    kehu_lang lang;
    void (*str)(void *ctx, const char *s, size_t len);
    void (*i64)(void *ctx, int64_t v);
    void (*num)(void *ctx, double v); /* non-finite: empty / null */
    void (*null)(void *ctx);
    void (*day)(void *ctx, int32_t day); /* KEHU_DAY_NONE: null */
} kehu_cells;

void kehu_cell_str(const kehu_cells *c, const char *s);
void kehu_cell_strn(const kehu_cells *c, const char *s, size_t len);
void kehu_cell_int(const kehu_cells *c, int64_t v);
void kehu_cell_num(const kehu_cells *c, double v);
void kehu_cell_null(const kehu_cells *c);
void kehu_cell_date(const kehu_cells *c, int32_t day);
/* A class value: `name` (machine) unless c->display, then en or zh. */
void kehu_cell_label(const kehu_cells *c, const char *name, const char *en,
                     const char *zh);

/* Produce every row of a table into out. data is the table's. Returns
 * KEHU_OK or an error (KEHU_ENOMEM) that stops the rendering. */
typedef kehu_status (*kehu_rows_fn)(const void *data, const kehu_cells *out);

/* The rows of items first .. first + n - 1 only, an item giving zero or
 * more rows; the items in turn give exactly the rows of the table's rows
 * function. It may be called from several threads at once on different
 * ranges (data must allow that). Returns as kehu_rows_fn. */
typedef kehu_status (*kehu_rows_range_fn)(const void *data, size_t first,
                                          size_t n, const kehu_cells *out);

/* Which renderings show a table. A result may give its data to JSON as
 * tables of fields (KEHU_VIEW_JSON) and to people and CSV as one layout
 * of the same data (KEHU_VIEW_TEXT: terminal table, CSV). */
typedef enum kehu_table_view {
    KEHU_VIEW_ALL = 0,
    KEHU_VIEW_TEXT, /* every format but JSON */
    KEHU_VIEW_JSON  /* JSON only */
} kehu_table_view;

typedef struct kehu_table {
    const char *name;  /* "lifecycle", "fit"...: JSON key, HTML section */
    kehu_column *cols; /* owned by the result */
    size_t ncols;
    kehu_rows_fn rows;
    const void *data; /* owned by the result (kehu_result_keep) */
    /* Optional, for a long table: its rows by ranges of nitems items, so
     * a renderer can make and format ranges on two threads and write them
     * in order (same bytes). NULL and 0 unless set through the table's
     * pointer from kehu_result_table. */
    kehu_rows_range_fn rows_range;
    size_t nitems;
    /* KEHU_VIEW_ALL unless set through the table's pointer. */
    kehu_table_view view;
} kehu_table;

typedef enum kehu_note_kind {
    KEHU_NOTE_INFO = 0,
    KEHU_NOTE_RECONCILE, /* rows read, accepted, rejected, duplicates */
    KEHU_NOTE_STANDARD,  /* the classification standard in force */
    KEHU_NOTE_MODEL,     /* a model's parameters and fit status */
    KEHU_NOTE_WARNING,   /* a result the user should not trust blindly */
    KEHU_NOTE_EXPLAIN    /* details asked for (explain): shown when quiet */
} kehu_note_kind;

#define KEHU_NOTE_MAX_FIELDS 16

typedef struct kehu_note_field {
    const char *key;  /* static */
    const char *text; /* owned by the result; NULL for a number */
    double num;
} kehu_note_field;

typedef struct kehu_note {
    kehu_note_kind kind;
    const char *key; /* catalog key of the note, static */
    char *text;      /* one English sentence, as the CLI prints it */
    char *text_zh;   /* the same in Chinese, or NULL */
    kehu_note_field fields[KEHU_NOTE_MAX_FIELDS];
    size_t nfields;
} kehu_note;

typedef struct kehu_result kehu_result;

/* OUT: *out, an empty result (kehu_result_free). KEHU_ENOMEM. */
kehu_status kehu_result_new(kehu_result **out);
/* Free the result, its tables and notes, and everything it keeps. */
void kehu_result_free(kehu_result *r);

/*
 * Keep obj alive until the result is freed, then call free_fn(obj). On
 * KEHU_ENOMEM free_fn(obj) has been called already, so a caller can hand
 * over and forget.
 */
kehu_status kehu_result_keep(kehu_result *r, void *obj,
                             void (*free_fn)(void *));

/* Add a table of ncols columns (copied); OUT: *out (may be NULL) to adjust
 * it. data must be kept by the result or outlive it. */
kehu_status kehu_result_table(kehu_result *r, const char *name,
                              const kehu_column *cols, size_t ncols,
                              kehu_rows_fn rows, const void *data,
                              kehu_table **out);

/* Add a note with a printf-style sentence; OUT: *out (may be NULL) for
 * its fields. */
kehu_status kehu_result_note(kehu_result *r, kehu_note_kind kind,
                             const char *key, kehu_note **out, const char *fmt,
                             ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* The Chinese sentence of note n (printf-style). */
kehu_status kehu_note_zh(kehu_result *r, kehu_note *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Fields of a note (at most KEHU_NOTE_MAX_FIELDS; more are dropped). */
kehu_status kehu_note_num(kehu_result *r, kehu_note *n, const char *key,
                          double v);
kehu_status kehu_note_text(kehu_result *r, kehu_note *n, const char *key,
                           const char *text);

size_t kehu_result_ntables(const kehu_result *r);
const kehu_table *kehu_result_table_at(const kehu_result *r, size_t i);
size_t kehu_result_nnotes(const kehu_result *r);
const kehu_note *kehu_result_note_at(const kehu_result *r, size_t i);

#endif
