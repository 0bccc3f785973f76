/* SPDX-License-Identifier: MIT */
/* Tabular output: see table_out.h. */
#include "kehu/io/table_out.h"

#include "kehu/alloc.h"
#include "kehu/date.h"

#include <math.h>
#include <string.h>

struct out_table {
    FILE *f;
    out_format fmt;
    out_lang lang;
    const out_column *cols;
    size_t ncols;
    size_t col;   /* index of the next cell in the current row */
    size_t nrows; /* rows started */
    int failed;
    /* OUT_TABLE: every cell as text, row-major. */
    char **cells;
    size_t ncells, cap;
    /* OUT_CSV and OUT_JSON: rows are gathered here and written in large
     * blocks, as stdio calls per cell (per character for JSON strings)
     * dominated the cost of million-row tables. A memory table (f NULL)
     * only gathers, growing buf to bcap. */
    char *buf;
    size_t blen, bcap;
};

#define OUT_BUF (1u << 16)

static void out_flush(out_table *t)
{
    if (t->f != NULL && t->blen > 0 &&
        fwrite(t->buf, 1, t->blen, t->f) != t->blen) {
        t->failed = 1;
    }
    t->blen = 0;
}

/* Room for len more bytes in a memory table; 0 when memory ran out. */
static int mem_room(out_table *t, size_t len)
{
    size_t cap = t->bcap;
    char *buf;

    while (cap - t->blen < len) {
        if (cap > SIZE_MAX / 2) {
            t->failed = 1;
            return 0;
        }
        cap *= 2;
    }
    if (cap != t->bcap) {
        if ((buf = kehu_realloc(t->buf, cap)) == NULL) {
            t->failed = 1;
            return 0;
        }
        t->buf = buf;
        t->bcap = cap;
    }
    return 1;
}

static void out_put(out_table *t, const char *s, size_t len)
{
    if (t->blen + len > t->bcap) {
        if (t->f == NULL) {
            if (!mem_room(t, len)) {
                return;
            }
        } else {
            out_flush(t);
            if (len > t->bcap) {
                if (fwrite(s, 1, len, t->f) != len) {
                    t->failed = 1;
                }
                return;
            }
        }
    }
    memcpy(t->buf + t->blen, s, len);
    t->blen += len;
}

static void table_put(void *ctx, const char *s, size_t len)
{
    out_put(ctx, s, len);
}

static void out_putc(out_table *t, char c)
{
    if (t->blen == t->bcap) {
        out_put(t, &c, 1);
        return;
    }
    t->buf[t->blen++] = c;
}

static const char *label(const out_table *t, size_t j)
{
    if (t->lang == OUT_ZH && t->cols[j].zh != NULL) {
        return t->cols[j].zh;
    }
    return t->cols[j].key;
}

/* JSON string escaping, written through put (a FILE or a table's
 * buffer). */
typedef void (*put_fn)(void *ctx, const char *s, size_t len);

static void json_escape(const char *s, size_t len, put_fn put, void *ctx)
{
    size_t i, from = 0;

    put(ctx, "\"", 1);
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        size_t n = 0;
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            n = 2;
        } else if (c == '\n') {
            esc[0] = '\\';
            esc[1] = 'n';
            n = 2;
        } else if (c == '\r') {
            esc[0] = '\\';
            esc[1] = 'r';
            n = 2;
        } else if (c == '\t') {
            esc[0] = '\\';
            esc[1] = 't';
            n = 2;
        } else if (c < 0x20) {
            n = (size_t)snprintf(esc, sizeof esc, "\\u%04x", c);
        }
        if (n > 0) {
            put(ctx, s + from, i - from); /* the plain run before it */
            put(ctx, esc, n);
            from = i + 1;
        }
    }
    put(ctx, s + from, len - from);
    put(ctx, "\"", 1);
}

static void file_put(void *ctx, const char *s, size_t len)
{
    (void)fwrite(s, 1, len, ctx);
}

void out_json_string(FILE *f, const char *s, size_t len)
{
    json_escape(s, len, file_put, f);
}

void out_json_number(FILE *f, double v, int decimals)
{
    if (!isfinite(v)) {
        (void)fputs("null", f);
        return;
    }
    if (v == 0) {
        v = fabs(v); /* never print -0 */
    }
    (void)fprintf(f, "%.*f", decimals, v);
}

int out_format_parse(const char *s)
{
    if (strcmp(s, "table") == 0) {
        return OUT_TABLE;
    }
    if (strcmp(s, "csv") == 0) {
        return OUT_CSV;
    }
    if (strcmp(s, "json") == 0) {
        return OUT_JSON;
    }
    return -1;
}

static void csv_field(FILE *f, const char *s, size_t len)
{
    size_t i;
    int quote = 0;

    for (i = 0; i < len; i++) {
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r') {
            quote = 1;
            break;
        }
    }
    if (!quote) {
        (void)fwrite(s, 1, len, f);
        return;
    }
    (void)fputc('"', f);
    for (i = 0; i < len; i++) {
        if (s[i] == '"') {
            (void)fputc('"', f);
        }
        (void)fputc(s[i], f);
    }
    (void)fputc('"', f);
}

/* csv_field into the row buffer. */
static void csv_cell(out_table *t, const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r') {
            break;
        }
    }
    if (i == len) {
        out_put(t, s, len);
        return;
    }
    out_putc(t, '"');
    for (i = 0; i < len; i++) {
        if (s[i] == '"') {
            out_putc(t, '"');
        }
        out_putc(t, s[i]);
    }
    out_putc(t, '"');
}

out_table *out_table_begin(FILE *f, out_format fmt, out_lang lang,
                           const out_column *cols, size_t ncols)
{
    out_table *t = kehu_calloc(1, sizeof *t);
    size_t j;

    if (t == NULL) {
        return NULL;
    }
    t->f = f;
    t->fmt = fmt;
    t->lang = lang;
    t->cols = cols;
    t->ncols = ncols;
    if (fmt == OUT_TABLE) {
        return t;
    }
    t->buf = kehu_malloc(OUT_BUF);
    t->bcap = OUT_BUF;
    if (t->buf == NULL) {
        kehu_free(t);
        return NULL;
    }
    if (f == NULL) {
        /* A memory table: rows only, each JSON one after an earlier row. */
        t->nrows = fmt == OUT_JSON;
        return t;
    }
    if (fmt == OUT_JSON) {
        out_putc(t, '[');
        return t;
    }
    for (j = 0; j < ncols; j++) {
        if (j > 0) {
            (void)fputc(',', f);
        }
        csv_field(f, cols[j].key, strlen(cols[j].key));
    }
    (void)fputc('\n', f);
    return t;
}

/* Start-of-cell bookkeeping for streamed formats. */
static void cell_open(out_table *t)
{
    if (t->col == 0) {
        t->nrows++;
        if (t->fmt == OUT_JSON) {
            out_put(t, t->nrows > 1 ? ",\n{" : "\n{", t->nrows > 1 ? 3 : 2);
        }
    }
    if (t->fmt == OUT_CSV && t->col > 0) {
        out_putc(t, ',');
    } else if (t->fmt == OUT_JSON) {
        if (t->col > 0) {
            out_putc(t, ',');
        }
        json_escape(t->cols[t->col].key, strlen(t->cols[t->col].key), table_put,
                    t);
        out_putc(t, ':');
    }
}

static void cell_close(out_table *t)
{
    t->col++;
    if (t->col == t->ncols) {
        t->col = 0;
        out_putc(t, t->fmt == OUT_CSV ? '\n' : '}');
    }
}

/* OUT_TABLE: keep a copy of the cell text. */
static void cell_keep(out_table *t, const char *s, size_t len)
{
    char *copy;

    if (t->ncells == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        char **cells = kehu_reallocarray(t->cells, cap, sizeof *cells);
        if (cells == NULL) {
            t->failed = 1;
            return;
        }
        t->cells = cells;
        t->cap = cap;
    }
    copy = kehu_strndup(s, len);
    if (copy == NULL) {
        t->failed = 1;
        return;
    }
    t->cells[t->ncells++] = copy;
    t->col = (t->col + 1) % t->ncols;
}

void out_strn(out_table *t, const char *s, size_t len)
{
    if (t->fmt == OUT_TABLE) {
        cell_keep(t, s, len);
        return;
    }
    cell_open(t);
    if (t->fmt == OUT_CSV) {
        csv_cell(t, s, len);
    } else {
        json_escape(s, len, table_put, t);
    }
    cell_close(t);
}

void out_str(out_table *t, const char *s)
{
    out_strn(t, s, strlen(s));
}

/* A number or null already formatted as text (len bytes). */
static void out_rawn(out_table *t, const char *s, size_t len, int is_null)
{
    if (t->fmt == OUT_TABLE) {
        cell_keep(t, is_null ? "" : s, is_null ? 0 : len);
        return;
    }
    cell_open(t);
    if (is_null) {
        if (t->fmt == OUT_JSON) {
            out_put(t, "null", 4);
        }
    } else {
        out_put(t, s, len);
    }
    cell_close(t);
}

static void out_raw(out_table *t, const char *s, int is_null)
{
    out_rawn(t, s, is_null ? 0 : strlen(s), is_null);
}

/* Decimal text of v into buf (at least 21 bytes); returns the length. */
static size_t u64_text(uint64_t v, char *buf)
{
    char tmp[20];
    size_t n = 0, i;

    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (i = 0; i < n; i++) {
        buf[i] = tmp[n - 1 - i];
    }
    return n;
}

void out_int(out_table *t, int64_t v)
{
    char buf[32];
    size_t n = 0;

    if (v < 0) {
        buf[n++] = '-';
    }
    n += u64_text(v < 0 ? 0 - (uint64_t)v : (uint64_t)v, buf + n);
    out_rawn(t, buf, n, 0);
}

/*
 * "%.*f" of v >= 0 without printf, or 0 when the fast path does not apply.
 * printf rounds the exact binary value; v * 10^d is off from that product
 * by at most an ulp or two, so the fast path is taken only when the
 * fraction is clearly away from one half, and then both round alike.
 */
static size_t fixed_text(double v, int decimals, char *buf)
{
    static const double pow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    double x, fl, frac;
    uint64_t q, scale = 1;
    size_t n;
    int k;

    if (!(v >= 0) || decimals < 0 || decimals > 6) {
        return 0;
    }
    x = v * pow10[decimals];
    if (!(x < 1e15)) {
        return 0;
    }
    fl = floor(x);
    frac = x - fl;
    if (fabs(frac - 0.5) <= x * 1e-15 + 1e-12) {
        return 0;
    }
    q = (uint64_t)fl + (frac > 0.5);
    for (k = 0; k < decimals; k++) {
        scale *= 10;
    }
    n = u64_text(q / scale, buf);
    if (decimals > 0) {
        uint64_t r = q % scale;

        buf[n++] = '.';
        for (k = decimals - 1; k >= 0; k--) {
            buf[n + (size_t)k] = (char)('0' + r % 10);
            r /= 10;
        }
        n += (size_t)decimals;
    }
    return n;
}

void out_num(out_table *t, double v)
{
    char buf[64];
    int decimals = t->cols[t->col].decimals;
    size_t n;

    if (!isfinite(v)) {
        out_raw(t, "", 1);
        return;
    }
    if (v == 0) {
        v = fabs(v); /* never print -0 */
    }
    n = fixed_text(v, decimals, buf);
    if (n == 0) {
        (void)snprintf(buf, sizeof buf, "%.*f", decimals, v);
        n = strlen(buf);
    }
    out_rawn(t, buf, n, 0);
}

void out_null(out_table *t)
{
    out_raw(t, "", 1);
}

void out_date(out_table *t, int32_t day)
{
    char buf[16];

    if (day == KEHU_DAY_NONE) {
        out_raw(t, "", 1);
        return;
    }
    kehu_date_format(day, buf);
    if (t->fmt == OUT_JSON) {
        out_strn(t, buf, 10);
    } else {
        out_raw(t, buf, 0);
    }
}

/* Width of one code point: 2 for East Asian wide/fullwidth ranges. */
static int cp_width(uint32_t cp)
{
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD)) {
        return 2;
    }
    return 1;
}

size_t out_display_width(const char *s, size_t len)
{
    size_t i = 0, w = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        size_t n;
        if (c < 0x80) {
            cp = c;
            n = 1;
        } else if ((c & 0xE0) == 0xC0) {
            cp = c & 0x1Fu;
            n = 2;
        } else if ((c & 0xF0) == 0xE0) {
            cp = c & 0x0Fu;
            n = 3;
        } else {
            cp = c & 0x07u;
            n = 4;
        }
        if (i + n > len) {
            n = len - i;
        }
        for (size_t k = 1; k < n; k++) {
            cp = (cp << 6) | ((unsigned char)s[i + k] & 0x3Fu);
        }
        w += (size_t)cp_width(cp);
        i += n;
    }
    return w;
}

static void pad(FILE *f, size_t n)
{
    while (n-- > 0) {
        (void)fputc(' ', f);
    }
}

static void write_aligned(out_table *t)
{
    size_t *width = kehu_calloc(t->ncols, sizeof *width);
    size_t nrows = t->ncells / t->ncols, i, j;

    if (width == NULL) {
        t->failed = 1;
        return;
    }
    for (j = 0; j < t->ncols; j++) {
        const char *h = label(t, j);
        width[j] = out_display_width(h, strlen(h));
    }
    for (i = 0; i < t->ncells; i++) {
        size_t w = out_display_width(t->cells[i], strlen(t->cells[i]));
        j = i % t->ncols;
        if (w > width[j]) {
            width[j] = w;
        }
    }
    for (i = 0; i <= nrows + 1; i++) {
        for (j = 0; j < t->ncols; j++) {
            const char *s;
            size_t w;
            int right = t->cols[j].type != OUT_STR;
            if (i == 1) {
                for (w = 0; w < width[j]; w++) {
                    (void)fputc('-', t->f);
                }
                (void)fputs(j + 1 < t->ncols ? "  " : "", t->f);
                continue;
            }
            s = i == 0 ? label(t, j) : t->cells[(i - 2) * t->ncols + j];
            w = out_display_width(s, strlen(s));
            if (right) {
                pad(t->f, width[j] - w);
            }
            (void)fputs(s, t->f);
            if (j + 1 < t->ncols) {
                pad(t->f, right ? 2 : width[j] - w + 2);
            }
        }
        (void)fputc('\n', t->f);
    }
    kehu_free(width);
}

const char *out_table_text(const out_table *t, size_t *len)
{
    *len = t->blen;
    return t->buf;
}

void out_table_clear(out_table *t)
{
    t->blen = 0;
}

void out_table_put_text(out_table *t, const char *s, size_t len)
{
    out_put(t, s, len);
}

int out_table_end(out_table *t)
{
    int rc;

    if (t == NULL) {
        return -1;
    }
    if (t->fmt == OUT_TABLE) {
        size_t i;
        if (!t->failed) {
            write_aligned(t);
        }
        for (i = 0; i < t->ncells; i++) {
            kehu_free(t->cells[i]);
        }
        kehu_free(t->cells);
    } else {
        if (t->fmt == OUT_JSON && t->f != NULL) {
            out_put(t, t->nrows > 0 ? "\n]\n" : "]\n", t->nrows > 0 ? 3 : 2);
        }
        out_flush(t);
        kehu_free(t->buf);
    }
    rc = t->failed || (t->f != NULL && ferror(t->f)) ? -1 : 0;
    kehu_free(t);
    return rc;
}
