/* SPDX-License-Identifier: MIT */
/*
 * --category-map (cli_needs.h): a small CSV read whole, kept as an array
 * sorted by category name, then looked up once per category value of the
 * ledger. Every problem is an error naming the line: a map that silently
 * dropped a line would leave customers unknown without saying why.
 */
#include "cli_needs.h"

#include <stdio.h>
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

static void map_free(map *m)
{
    size_t i;

    for (i = 0; i < m->n; i++) {
        free(m->e[i].name);
    }
    free(m->e);
    m->e = NULL;
    m->n = m->cap = 0;
}

#define MAX_FIELDS 64

/* One field: start and length in the unquoted copy. */
typedef struct field {
    char *ptr;
    size_t len;
} field;

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* Split line (modified in place: quotes removed) into fields at commas,
 * honouring "..." with "" for a quote, trimming blanks. Returns the field
 * count, or -1 for an unterminated quote. */
static int split(char *line, size_t len, field *f, int max)
{
    size_t i = 0;
    int n = 0;

    for (;;) {
        char *out;
        size_t start;

        while (i < len && is_space(line[i])) {
            i++;
        }
        out = line + i;
        start = i;
        if (i < len && line[i] == '"') {
            char *w = out;
            i++;
            for (;;) {
                if (i >= len) {
                    return -1;
                }
                if (line[i] == '"') {
                    if (i + 1 < len && line[i + 1] == '"') {
                        *w++ = '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                *w++ = line[i++];
            }
            if (n < max) {
                f[n].ptr = out;
                f[n].len = (size_t)(w - out);
            }
            while (i < len && line[i] != ',') {
                i++;
            }
        } else {
            while (i < len && line[i] != ',') {
                i++;
            }
            if (n < max) {
                size_t e = i;
                while (e > start && is_space(line[e - 1])) {
                    e--;
                }
                f[n].ptr = out;
                f[n].len = e - start;
            }
        }
        n++;
        if (i >= len) {
            break;
        }
        i++; /* the comma */
    }
    return n;
}

static int field_is(const field *f, const char *const *names)
{
    size_t k, j;

    for (k = 0; names[k] != NULL; k++) {
        size_t len = strlen(names[k]);
        if (len != f->len) {
            continue;
        }
        for (j = 0; j < len; j++) {
            char ch = f->ptr[j];
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

static int add_entry(cli_ctx *c, const char *name, map *m, const field *cat,
                     const field *need, size_t line)
{
    map_entry *e;
    uint8_t tag;

    if (cat->len == 0) {
        return cli_error(c, 2, "%s line %zu: empty category", name, line);
    }
    if (field_is(need, emotional_names)) {
        tag = KEHU_NEEDS_EMOTIONAL;
    } else if (field_is(need, functional_names)) {
        tag = KEHU_NEEDS_FUNCTIONAL;
    } else {
        return cli_error(c, 2,
                         "%s line %zu: need '%.*s' is not emotional or "
                         "functional (情感/功能)",
                         name, line, (int)need->len, need->ptr);
    }
    if (m->n == m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 16;
        map_entry *p = realloc(m->e, cap * sizeof *p);
        if (p == NULL) {
            return cli_error(c, 1, "out of memory");
        }
        m->e = p;
        m->cap = cap;
    }
    e = &m->e[m->n];
    e->name = malloc(cat->len + 1);
    if (e->name == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    memcpy(e->name, cat->ptr, cat->len);
    e->name[cat->len] = '\0';
    e->len = cat->len;
    e->tag = tag;
    e->line = line;
    m->n++;
    return 0;
}

/* Parse buf into m: header, then one category per line. */
static int parse(cli_ctx *c, const char *name, char *buf, size_t len, map *m)
{
    size_t pos = 0, line = 0;
    int cat_col = -1, need_col = -1, have_header = 0;
    field f[MAX_FIELDS];

    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        pos = 3;
    }
    while (pos < len) {
        char *s = buf + pos;
        char *nl = memchr(s, '\n', len - pos);
        size_t l = nl ? (size_t)(nl - s) : len - pos;
        int n, k, code;

        pos += l + (nl ? 1 : 0);
        line++;
        if (l > 0 && s[l - 1] == '\r') {
            l--;
        }
        for (k = 0; (size_t)k < l && is_space(s[k]); k++) {
        }
        if ((size_t)k == l) {
            continue; /* blank line */
        }
        n = split(s, l, f, MAX_FIELDS);
        if (n < 0) {
            return cli_error(c, 2, "%s line %zu: unterminated quote", name,
                             line);
        }
        if (n > MAX_FIELDS) {
            n = MAX_FIELDS;
        }
        if (!have_header) {
            have_header = 1;
            for (k = 0; k < n; k++) {
                if (cat_col < 0 && field_is(&f[k], category_names)) {
                    cat_col = k;
                } else if (need_col < 0 && field_is(&f[k], need_names)) {
                    need_col = k;
                }
            }
            if (cat_col < 0 || need_col < 0) {
                return cli_error(c, 2,
                                 "%s: no '%s' column in the header (line "
                                 "%zu); the map needs the columns category "
                                 "and need",
                                 name, cat_col < 0 ? "category" : "need", line);
            }
            continue;
        }
        if (n <= cat_col || n <= need_col) {
            return cli_error(c, 2,
                             "%s line %zu: %d field%s, the category and "
                             "need columns need %d",
                             name, line, n, n == 1 ? "" : "s",
                             (cat_col > need_col ? cat_col : need_col) + 1);
        }
        code = add_entry(c, name, m, &f[cat_col], &f[need_col], line);
        if (code != 0) {
            return code;
        }
    }
    if (!have_header) {
        return cli_error(c, 2,
                         "%s: empty; the map needs a header with the "
                         "columns category and need",
                         name);
    }
    if (m->n == 0) {
        return cli_error(c, 2, "%s: no categories after the header", name);
    }
    return 0;
}

/* Sort by name; the same category twice must carry the same tag. */
static int sort_map(cli_ctx *c, const char *name, map *m)
{
    size_t i;

    qsort(m->e, m->n, sizeof *m->e, cmp_entry);
    for (i = 1; i < m->n; i++) {
        const map_entry *a = &m->e[i - 1], *b = &m->e[i];
        if (a->len == b->len && memcmp(a->name, b->name, a->len) == 0 &&
            a->tag != b->tag) {
            return cli_error(c, 2,
                             "%s line %zu: category '%s' tagged again, "
                             "differently from line %zu",
                             name, b->line, b->name, a->line);
        }
    }
    return 0;
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

int cli_category_map_text(cli_ctx *c, const char *name, const char *buf,
                          size_t len, const kehu_ledger *l, uint8_t **tags,
                          uint32_t *n_tags)
{
    map m = {NULL, 0, 0};
    char *copy = malloc(len + 1);
    uint32_t v, n = kehu_ledger_dim_count(l, KEHU_DIM_CATEGORY);
    int code;

    *tags = NULL;
    *n_tags = 0;
    if (copy == NULL) {
        return cli_error(c, 1, "out of memory");
    }
    memcpy(copy, buf, len);
    copy[len] = '\0';
    code = parse(c, name, copy, len, &m);
    if (code == 0) {
        code = sort_map(c, name, &m);
    }
    if (code == 0) {
        *tags = calloc(n ? n : 1, 1);
        if (*tags == NULL) {
            code = cli_error(c, 1, "out of memory");
        }
    }
    for (v = 1; code == 0 && v < n; v++) {
        (*tags)[v] = lookup(&m, kehu_ledger_dim_slice(l, KEHU_DIM_CATEGORY, v));
    }
    if (code == 0) {
        *n_tags = n;
    }
    map_free(&m);
    free(copy);
    return code;
}

int cli_category_map(cli_ctx *c, const kehu_ledger *l, kehu_class_inputs *extra,
                     uint8_t **tags)
{
    const char *path = cli_get(c, "category-map");
    FILE *fp;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    uint32_t n = 0;
    int code;

    *tags = NULL;
    if (path == NULL) {
        return 0;
    }
    fp = fopen(path, "rb");
    if (fp == NULL) {
        return cli_error(c, 2, "--category-map %s: cannot open", path);
    }
    for (;;) {
        size_t got;
        if (len == cap) {
            size_t ncap = cap ? 2 * cap : 4096;
            char *p = realloc(buf, ncap);
            if (p == NULL) {
                free(buf);
                (void)fclose(fp);
                return cli_error(c, 1, "out of memory");
            }
            buf = p;
            cap = ncap;
        }
        got = fread(buf + len, 1, cap - len, fp);
        len += got;
        if (got == 0) {
            break;
        }
    }
    if (ferror(fp)) {
        free(buf);
        (void)fclose(fp);
        return cli_error(c, 2, "--category-map %s: read error", path);
    }
    (void)fclose(fp);
    code = cli_category_map_text(c, path, buf ? buf : "", len, l, tags, &n);
    free(buf);
    if (code == 0) {
        extra->category_need = *tags;
        extra->n_category = n;
    }
    return code;
}
