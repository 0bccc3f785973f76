/* SPDX-License-Identifier: MIT */
/* Results of operations: see result.h. */
#include "kehu/app/result.h"

#include "kehu/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct kept {
    void *obj;
    void (*free_fn)(void *);
} kept;

struct kehu_result {
    kehu_table *tables;
    size_t ntables;
    kehu_note *notes;
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

    if (c->display) {
        s = c->lang == KEHU_LANG_ZH ? zh : en;
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
        kehu_free(r->tables[i].cols);
    }
    for (i = 0; i < r->nnotes; i++) {
        size_t k;
        for (k = 0; k < r->notes[i].nfields; k++) {
            kehu_free((char *)(uintptr_t)r->notes[i].fields[k].text);
        }
        kehu_free(r->notes[i].text);
        kehu_free(r->notes[i].text_zh);
    }
    kehu_free(r->keep);
    kehu_free(r->tables);
    kehu_free(r->notes);
    kehu_free(r);
}

kehu_status kehu_result_keep(kehu_result *r, void *obj,
                             void (*free_fn)(void *))
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
    kehu_table *t = kehu_reallocarray(r->tables, r->ntables + 1, sizeof *t);
    kehu_column *copy;

    if (t == NULL) {
        return KEHU_ENOMEM;
    }
    r->tables = t;
    copy = kehu_reallocarray(NULL, ncols ? ncols : 1, sizeof *copy);
    if (copy == NULL) {
        return KEHU_ENOMEM;
    }
    memcpy(copy, cols, ncols * sizeof *copy);
    t += r->ntables++;
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
                             const char *key, kehu_note **out,
                             const char *fmt, ...)
{
    kehu_note *n = kehu_reallocarray(r->notes, r->nnotes + 1, sizeof *n);
    va_list ap;

    if (out != NULL) {
        *out = NULL;
    }
    if (n == NULL) {
        return KEHU_ENOMEM;
    }
    r->notes = n;
    n += r->nnotes;
    memset(n, 0, sizeof *n);
    va_start(ap, fmt);
    n->text = format(fmt, ap);
    va_end(ap);
    if (n->text == NULL) {
        return KEHU_ENOMEM;
    }
    n->kind = kind;
    n->key = key;
    r->nnotes++;
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
    return i < r->ntables ? &r->tables[i] : NULL;
}

size_t kehu_result_nnotes(const kehu_result *r)
{
    return r->nnotes;
}

const kehu_note *kehu_result_note_at(const kehu_result *r, size_t i)
{
    return i < r->nnotes ? &r->notes[i] : NULL;
}
