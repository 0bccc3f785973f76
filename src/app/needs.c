/* SPDX-License-Identifier: MIT */
/*
 * The category map (needs.h): the text tokenized by the core's CSV
 * tokenizer, kept as an array sorted by category name, then looked up once
 * per category value of the ledger. Every problem is an error naming the
 * line: a map that silently dropped a line would leave customers unknown
 * without saying why. Category names are copied: the map outlives none of
 * its text, but the entries must survive the tokenizer's scratch.
 */
#include "needs.h"

#include "../lib/csv.h"
#include "kehu/alloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct map_entry {
    char *name;
    size_t len;
    uint8_t tag; /* KEHU_NEEDS_EMOTIONAL or _FUNCTIONAL */
    size_t line;
} map_entry;

typedef struct map {
    map_entry *e;
    size_t n, cap;
} map;

/* The header's columns, found by name. */
typedef struct header {
    int have;
    size_t cat_col, need_col;
} header;

static void map_free(map *m)
{
    size_t i;

    for (i = 0; i < m->n; i++) {
        kehu_free(m->e[i].name);
    }
    kehu_free(m->e);
    m->e = NULL;
    m->n = m->cap = 0;
}

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* A field as the map reads it: blanks around an unquoted field trimmed,
 * and quotes after leading blanks removed (" x" is x). A quoted field
 * lies in the tokenizer's scratch or right after its opening quote. */
static kehu_slice field_text(const kehu_csv *s, kehu_slice f)
{
    const char *buf = (const char *)s->buf;
    int in_buf = f.ptr >= buf && f.ptr <= buf + s->len;

    if (!in_buf || (f.ptr > buf && f.ptr[-1] == '"')) {
        return f;
    }
    while (f.len > 0 && is_space(f.ptr[0])) {
        f.ptr++;
        f.len--;
    }
    while (f.len > 0 && is_space(f.ptr[f.len - 1])) {
        f.len--;
    }
    if (f.len >= 2 && f.ptr[0] == '"' && f.ptr[f.len - 1] == '"') {
        f.ptr++;
        f.len -= 2;
    }
    return f;
}

static int field_is(kehu_slice f, const char *const *names)
{
    size_t k, j;

    for (k = 0; names[k] != NULL; k++) {
        size_t len = strlen(names[k]);
        if (len != f.len) {
            continue;
        }
        for (j = 0; j < len; j++) {
            char ch = f.ptr[j];
            if (ch >= 'A' && ch <= 'Z') {
                ch = (char)(ch - 'A' + 'a');
            }
            if (ch != names[k][j]) {
                break;
            }
        }
        if (j == len) {
            return 1;
        }
    }
    return 0;
}

static const char *const category_names[] = {
    "category", "productcategory", "品类", "类别", "类目", NULL};
static const char *const need_names[] = {"need", "needs",    "needtype",
                                         "需求", "需求类型", NULL};
static const char *const emotional_names[] = {"emotional", "情感", "情感型",
                                              NULL};
static const char *const functional_names[] = {"functional", "功能", "功能型",
                                               NULL};

static int cmp_entry(const void *a, const void *b)
{
    const map_entry *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int d = memcmp(x->name, y->name, n);

    if (d != 0) {
        return d;
    }
    if (x->len != y->len) {
        return x->len < y->len ? -1 : 1;
    }
    return x->line < y->line ? -1 : (x->line > y->line ? 1 : 0);
}

static kehu_status add_entry(const char *name, map *m, kehu_slice cat,
                             kehu_slice need, size_t line, kehu_error *err)
{
    map_entry *e;
    uint8_t tag;

    if (cat.len == 0) {
        return kehu_error_set(err, KEHU_EINVAL, "%s line %zu: empty category",
                              name, line);
    }
    if (field_is(need, emotional_names)) {
        tag = KEHU_NEEDS_EMOTIONAL;
    } else if (field_is(need, functional_names)) {
        tag = KEHU_NEEDS_FUNCTIONAL;
    } else {
        return kehu_error_set(err, KEHU_EINVAL,
                              "%s line %zu: need '%.*s' is not emotional or "
                              "functional (情感/功能)",
                              name, line, (int)need.len, need.ptr);
    }
    if (m->n == m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 16;
        map_entry *p = kehu_realloc(m->e, cap * sizeof *p);
        if (p == NULL) {
            return KEHU_ENOMEM;
        }
        m->e = p;
        m->cap = cap;
    }
    e = &m->e[m->n];
    e->name = kehu_malloc(cat.len + 1);
    if (e->name == NULL) {
        return KEHU_ENOMEM;
    }
    memcpy(e->name, cat.ptr, cat.len);
    e->name[cat.len] = '\0';
    e->len = cat.len;
    e->tag = tag;
    e->line = line;
    m->n++;
    return KEHU_OK;
}

static int blank_record(const kehu_csv_record *r)
{
    size_t k;

    for (k = 0; k < r->raw.len && is_space(r->raw.ptr[k]); k++) {
    }
    return k == r->raw.len;
}

/* The header record: where the category and need columns are. */
static kehu_status read_header(const char *name, const kehu_csv *s,
                               const kehu_csv_record *r, header *h,
                               kehu_error *err)
{
    int cat = -1, need = -1;
    size_t k;

    h->have = 1;
    for (k = 0; k < r->n; k++) {
        kehu_slice f = field_text(s, r->fields[k]);
        if (cat < 0 && field_is(f, category_names)) {
            cat = (int)k;
        } else if (need < 0 && field_is(f, need_names)) {
            need = (int)k;
        }
    }
    if (cat < 0 || need < 0) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "%s: no '%s' column in the header (line "
                              "%zu); the map needs the columns category "
                              "and need",
                              name, cat < 0 ? "category" : "need",
                              (size_t)r->line);
    }
    h->cat_col = (size_t)cat;
    h->need_col = (size_t)need;
    return KEHU_OK;
}

/* One record of the map after the header. */
static kehu_status read_record(const char *name, const kehu_csv *s,
                               const kehu_csv_record *r, const header *h,
                               map *m, kehu_error *err)
{
    size_t line = (size_t)r->line;
    size_t need = (h->cat_col > h->need_col ? h->cat_col : h->need_col) + 1;

    if (r->n < need) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "%s line %zu: %zu field%s, the category and "
                              "need columns need %zu",
                              name, line, r->n, r->n == 1 ? "" : "s", need);
    }
    return add_entry(name, m, field_text(s, r->fields[h->cat_col]),
                     field_text(s, r->fields[h->need_col]), line, err);
}

static kehu_status broken(const char *name, const kehu_csv_record *r,
                          kehu_error *err)
{
    const char *what = "unterminated quote";

    if (r->status == KEHU_ETOOBIG) {
        what = "line too long";
    } else if (strcmp(r->reason, "text_after_quote") == 0) {
        what = "text after a closing quote";
    }
    return kehu_error_set(err, KEHU_EINVAL, "%s line %zu: %s", name,
                          (size_t)r->line, what);
}

/* Parse buf into m: header, then one category per line. */
static kehu_status parse(const char *name, const char *buf, size_t len, map *m,
                         kehu_error *err)
{
    kehu_csv_opts o = {',', 0};
    kehu_csv s;
    kehu_csv_record r;
    header h = {0, 0, 0};
    kehu_status rc = kehu__csv_init(&s, buf, len, &o);

    while (rc == KEHU_OK) {
        rc = kehu__csv_next(&s, &r);
        if (rc != KEHU_OK) {
            break;
        }
        if (r.status != KEHU_OK) {
            rc = broken(name, &r, err);
        } else if (blank_record(&r)) {
            continue;
        } else if (!h.have) {
            rc = read_header(name, &s, &r, &h, err);
        } else {
            rc = read_record(name, &s, &r, &h, m, err);
        }
    }
    kehu__csv_reset(&s);
    if (rc != KEHU_DONE) {
        return rc;
    }
    if (!h.have) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "%s: empty; the map needs a header with the "
                              "columns category and need",
                              name);
    }
    if (m->n == 0) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "%s: no categories after the header", name);
    }
    return KEHU_OK;
}

/* Sort by name; the same category twice must carry the same tag. */
static kehu_status sort_map(const char *name, map *m, kehu_error *err)
{
    size_t i;

    qsort(m->e, m->n, sizeof *m->e, cmp_entry);
    for (i = 1; i < m->n; i++) {
        const map_entry *a = &m->e[i - 1], *b = &m->e[i];
        if (a->len == b->len && memcmp(a->name, b->name, a->len) == 0 &&
            a->tag != b->tag) {
            return kehu_error_set(err, KEHU_EINVAL,
                                  "%s line %zu: category '%s' tagged again, "
                                  "differently from line %zu",
                                  name, b->line, b->name, a->line);
        }
    }
    return KEHU_OK;
}

static uint8_t lookup(const map *m, kehu_slice s)
{
    size_t lo = 0, hi = m->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const map_entry *e = &m->e[mid];
        size_t n = e->len < s.len ? e->len : s.len;
        int d = memcmp(e->name, s.ptr, n);
        if (d == 0 && e->len != s.len) {
            d = e->len < s.len ? -1 : 1;
        }
        if (d == 0) {
            return e->tag;
        }
        if (d < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return KEHU_NEEDS_UNKNOWN;
}

kehu_status kehu__category_map_text(const char *name, const char *buf,
                                    size_t len, const kehu_ledger *l,
                                    uint8_t **tags, uint32_t *n_tags,
                                    kehu_error *err)
{
    map m = {NULL, 0, 0};
    uint32_t v, n = kehu_ledger_dim_count(l, KEHU_DIM_CATEGORY);
    kehu_status rc;

    *tags = NULL;
    *n_tags = 0;
    rc = parse(name, buf, len, &m, err);
    if (rc == KEHU_OK) {
        rc = sort_map(name, &m, err);
    }
    if (rc == KEHU_OK) {
        *tags = kehu_calloc(n ? n : 1, 1);
        rc = *tags != NULL ? KEHU_OK : KEHU_ENOMEM;
    }
    for (v = 1; rc == KEHU_OK && v < n; v++) {
        (*tags)[v] = lookup(&m, kehu_ledger_dim_slice(l, KEHU_DIM_CATEGORY, v));
    }
    if (rc == KEHU_OK) {
        *n_tags = n;
    }
    map_free(&m);
    return rc;
}

kehu_status kehu__category_map(const kehu_dataset *d, const kehu_ledger *l,
                               kehu_class_inputs *extra, uint8_t **tags,
                               kehu_error *err)
{
    const char *name = d->category_map_name;
    uint32_t n = 0;
    kehu_status rc;

    *tags = NULL;
    if (d->category_map == NULL) {
        return KEHU_OK;
    }
    rc = kehu__category_map_text(name != NULL ? name : "category map",
                                 d->category_map, d->category_map_len, l, tags,
                                 &n, err);
    if (rc == KEHU_OK) {
        extra->category_need = *tags;
        extra->n_category = n;
    }
    return rc;
}
