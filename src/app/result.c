/* SPDX-License-Identifier: MIT */
/*
 * Results of operations: see result.h. Each table and note is allocated on
 * its own and the result keeps arrays of pointers to them, so the pointer
 * kehu_result_table or kehu_result_note hands out stays valid while more
 * tables and notes are added (an array of the structs would move on
 * realloc).
 */
#include "kehu/app/result.h"

#include "kehu/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct kept {
    void *obj;
    void (*free_fn)(void *);
} kept;

/* One slot per table or note (a struct, so that `sizeof *slots` is not the
 * size of a pointer, which clang-tidy would take for a mistake). */
typedef struct table_slot {
    kehu_table *t;
} table_slot;

typedef struct note_slot {
    kehu_note *n;
} note_slot;

struct kehu_result {
    table_slot *tables;
    size_t ntables;
    note_slot *notes;
    size_t nnotes;
    kept *keep;
    size_t nkeep, keep_cap;
};

void kehu_cell_str(const kehu_cells *c, const char *s)
{
    c->str(c->ctx, s, strlen(s));
}

void kehu_cell_strn(const kehu_cells *c, const char *s, size_t len)
{
    c->str(c->ctx, s, len);
}

void kehu_cell_int(const kehu_cells *c, int64_t v)
{
    c->i64(c->ctx, v);
}

void kehu_cell_num(const kehu_cells *c, double v)
{
    c->num(c->ctx, v);
}

void kehu_cell_null(const kehu_cells *c)
{
    c->null(c->ctx);
}

void kehu_cell_date(const kehu_cells *c, int32_t day)
{
    c->day(c->ctx, day);
}

void kehu_cell_label(const kehu_cells *c, const char *name, const char *en,
                     const char *zh)
{
    const char *s = name;

    /* A missing label falls back to English, then to the name. */
    if (c->display && c->lang == KEHU_LANG_ZH && zh != NULL) {
        s = zh;
    } else if (c->display && en != NULL) {
        s = en;
    }
    kehu_cell_str(c, s);
}

kehu_status kehu_result_new(kehu_result **out)
{
    *out = kehu_calloc(1, sizeof **out);
    return *out != NULL ? KEHU_OK : KEHU_ENOMEM;
}

void kehu_result_free(kehu_result *r)
{
    size_t i;

    if (r == NULL) {
        return;
    }
    for (i = r->nkeep; i-- > 0;) {
        r->keep[i].free_fn(r->keep[i].obj);
    }
    for (i = 0; i < r->ntables; i++) {
        kehu_free(r->tables[i].t->cols);
        kehu_free(r->tables[i].t);
    }
    for (i = 0; i < r->nnotes; i++) {
        kehu_note *n = r->notes[i].n;
        size_t k;
        for (k = 0; k < n->nfields; k++) {
            /* The text is the result's copy, const only to readers. */
            void *text;
            memcpy(&text, &n->fields[k].text, sizeof text);
            kehu_free(text);
        }
        kehu_free(n->text);
        kehu_free(n->text_zh);
        kehu_free(n);
    }
    kehu_free(r->keep);
    kehu_free(r->tables);
    kehu_free(r->notes);
    kehu_free(r);
}

kehu_status kehu_result_keep(kehu_result *r, void *obj, void (*free_fn)(void *))
{
    if (r->nkeep == r->keep_cap) {
        size_t cap = r->keep_cap ? r->keep_cap * 2 : 8;
        kept *k = kehu_reallocarray(r->keep, cap, sizeof *k);
        if (k == NULL) {
            free_fn(obj);
            return KEHU_ENOMEM;
        }
        r->keep = k;
        r->keep_cap = cap;
    }
    r->keep[r->nkeep].obj = obj;
    r->keep[r->nkeep].free_fn = free_fn;
    r->nkeep++;
    return KEHU_OK;
}

kehu_status kehu_result_table(kehu_result *r, const char *name,
                              const kehu_column *cols, size_t ncols,
                              kehu_rows_fn rows, const void *data,
                              kehu_table **out)
{
    table_slot *tables;
    kehu_table *t;
    kehu_column *copy;

    if (out != NULL) {
        *out = NULL;
    }
    tables = kehu_reallocarray(r->tables, r->ntables + 1, sizeof *tables);
    if (tables == NULL) {
        return KEHU_ENOMEM;
    }
    r->tables = tables;
    copy = kehu_reallocarray(NULL, ncols ? ncols : 1, sizeof *copy);
    if (copy == NULL) {
        return KEHU_ENOMEM;
    }
    t = kehu_calloc(1, sizeof *t);
    if (t == NULL) {
        kehu_free(copy);
        return KEHU_ENOMEM;
    }
    if (ncols > 0) {
        memcpy(copy, cols, ncols * sizeof *copy);
    }
    r->tables[r->ntables++].t = t;
    t->name = name;
    t->cols = copy;
    t->ncols = ncols;
    t->rows = rows;
    t->data = data;
    t->rows_range = NULL;
    t->nitems = 0;
    if (out != NULL) {
        *out = t;
    }
    return KEHU_OK;
}

/* printf into a new string; NULL when out of memory. */
static char *format(const char *fmt, va_list ap)
{
    va_list copy;
    char *s;
    int len;

    va_copy(copy, ap);
    len = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    s = kehu_malloc(len > 0 ? (size_t)len + 1 : 1);
    if (s != NULL) {
        s[0] = '\0';
        if (len > 0) {
            (void)vsnprintf(s, (size_t)len + 1, fmt, ap);
        }
    }
    return s;
}

kehu_status kehu_note_zh(kehu_result *r, kehu_note *n, const char *fmt, ...)
{
    va_list ap;

    (void)r;
    kehu_free(n->text_zh);
    va_start(ap, fmt);
    n->text_zh = format(fmt, ap);
    va_end(ap);
    return n->text_zh != NULL ? KEHU_OK : KEHU_ENOMEM;
}

kehu_status kehu_result_note(kehu_result *r, kehu_note_kind kind,
                             const char *key, kehu_note **out, const char *fmt,
                             ...)
{
    note_slot *notes;
    kehu_note *n;
    va_list ap;

    if (out != NULL) {
        *out = NULL;
    }
    notes = kehu_reallocarray(r->notes, r->nnotes + 1, sizeof *notes);
    if (notes == NULL) {
        return KEHU_ENOMEM;
    }
    r->notes = notes;
    n = kehu_calloc(1, sizeof *n);
    if (n == NULL) {
        return KEHU_ENOMEM;
    }
    va_start(ap, fmt);
    n->text = format(fmt, ap);
    va_end(ap);
    if (n->text == NULL) {
        kehu_free(n);
        return KEHU_ENOMEM;
    }
    n->kind = kind;
    n->key = key;
    r->notes[r->nnotes++].n = n;
    if (out != NULL) {
        *out = n;
    }
    return KEHU_OK;
}

kehu_status kehu_note_num(kehu_result *r, kehu_note *n, const char *key,
                          double v)
{
    (void)r;
    if (n->nfields < KEHU_NOTE_MAX_FIELDS) {
        n->fields[n->nfields].key = key;
        n->fields[n->nfields].text = NULL;
        n->fields[n->nfields].num = v;
        n->nfields++;
    }
    return KEHU_OK;
}

kehu_status kehu_note_text(kehu_result *r, kehu_note *n, const char *key,
                           const char *text)
{
    char *copy;

    (void)r;
    if (n->nfields >= KEHU_NOTE_MAX_FIELDS) {
        return KEHU_OK;
    }
    copy = kehu_strndup(text, strlen(text));
    if (copy == NULL) {
        return KEHU_ENOMEM;
    }
    n->fields[n->nfields].key = key;
    n->fields[n->nfields].text = copy;
    n->fields[n->nfields].num = 0;
    n->nfields++;
    return KEHU_OK;
}

size_t kehu_result_ntables(const kehu_result *r)
{
    return r->ntables;
}

const kehu_table *kehu_result_table_at(const kehu_result *r, size_t i)
{
    return i < r->ntables ? r->tables[i].t : NULL;
}

size_t kehu_result_nnotes(const kehu_result *r)
{
    return r->nnotes;
}

const kehu_note *kehu_result_note_at(const kehu_result *r, size_t i)
{
    return i < r->nnotes ? r->notes[i].n : NULL;
}
