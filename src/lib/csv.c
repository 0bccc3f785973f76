/* SPDX-License-Identifier: MIT */
/*
 * The CSV tokenizer (see csv.h and docs/internals/csv.md). One pass per
 * record with a byte-class table: ordinary bytes are skipped in a tight
 * loop, and only delimiters, line feeds and quotes stop it. Field slices
 * point into the input; a quoted field with "" is unescaped into scratch,
 * and its slice is fixed up when the record ends (scratch may move while
 * it grows). A bare quote inside an unquoted field is kept as a literal
 * character (12" vinyl), as most producers write it.
 */
#include "csv.h"

#include "kehu/alloc.h"

#include <string.h>

enum { C_TEXT = 0, C_DELIM, C_LF, C_QUOTE };

static const char R_UNTERMINATED[] = "unterminated_quote";
static const char R_AFTER_QUOTE[] = "text_after_quote";
static const char R_TOO_LONG[] = "record_too_long";

kehu_status kehu__csv_init(kehu_csv *s, const char *buf, size_t len,
                           const kehu_csv_opts *o)
{
    char d = ',';

    if (o != NULL) {
        d = o->delim;
    }

    memset(s, 0, sizeof *s);
    if (d != ',' && d != ';' && d != '\t' && d != ' ' && d != '|') {
        return KEHU_EINVAL;
    }
    s->buf = (const unsigned char *)buf;
    s->len = len;
    s->line = 1;
    s->delim = d;
    s->max_record =
        (o != NULL && o->max_record > 0) ? o->max_record : KEHU_CSV_MAX_RECORD;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        s->pos = 3;
    }
    s->cls[(unsigned char)d] = C_DELIM;
    if (d == ' ') {
        s->cls['\t'] = C_DELIM;
    }
    s->cls['\n'] = C_LF;
    s->cls['"'] = C_QUOTE;
    return KEHU_OK;
}

void kehu__csv_reset(kehu_csv *s)
{
    kehu_free(s->fields);
    kehu_free(s->offs);
    kehu_free(s->scratch);
    s->fields = NULL;
    s->offs = NULL;
    s->scratch = NULL;
    s->cap = 0;
    s->scratch_cap = 0;
}

size_t kehu__csv_offset(const kehu_csv *s)
{
    return s->pos;
}

static kehu_status push_field(kehu_csv *s, size_t n, const unsigned char *p,
                              size_t len)
{
    if (n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 32;
        kehu_slice *f = kehu_reallocarray(s->fields, cap, sizeof *f);
        size_t *o;
        if (f == NULL) {
            return KEHU_ENOMEM;
        }
        s->fields = f;
        o = kehu_reallocarray(s->offs, cap, sizeof *o);
        if (o == NULL) {
            return KEHU_ENOMEM;
        }
        s->offs = o;
        s->cap = cap;
    }
    s->fields[n].ptr = (const char *)p;
    s->fields[n].len = len;
    return KEHU_OK;
}

/* Unescape "" in q[0..len) into scratch; the field's ptr stays NULL until
 * the record is complete. */
static kehu_status push_unescaped(kehu_csv *s, size_t n, const unsigned char *q,
                                  size_t len)
{
    size_t i, k;
    kehu_status rc;

    if (s->scratch_len + len > s->scratch_cap) {
        size_t cap = s->scratch_cap ? s->scratch_cap : 256;
        char *nb;
        while (cap < s->scratch_len + len) {
            cap *= 2;
        }
        nb = kehu_realloc(s->scratch, cap);
        if (nb == NULL) {
            return KEHU_ENOMEM;
        }
        s->scratch = nb;
        s->scratch_cap = cap;
    }
    k = s->scratch_len;
    for (i = 0; i < len; i++) {
        s->scratch[k++] = (char)q[i];
        if (q[i] == '"') {
            i++; /* the second quote of the pair */
        }
    }
    rc = push_field(s, n, NULL, k - s->scratch_len);
    if (rc != KEHU_OK) {
        return rc;
    }
    s->offs[n] = s->scratch_len;
    s->scratch_len = k;
    return KEHU_OK;
}

static size_t count_lf(const unsigned char *p, const unsigned char *e)
{
    size_t n = 0;

    while (p < e) {
        const unsigned char *q = memchr(p, '\n', (size_t)(e - p));
        if (q == NULL) {
            break;
        }
        n++;
        p = q + 1;
    }
    return n;
}

/* A broken record: report its first physical line, resume after it. */
static kehu_status broken(kehu_csv *s, size_t start, kehu_status st,
                          const char *reason, kehu_csv_record *out)
{
    const unsigned char *b = s->buf;
    const unsigned char *nl = memchr(b + start, '\n', s->len - start);
    size_t end = nl != NULL ? (size_t)(nl - b) : s->len;
    size_t raw_end = end;

    if (raw_end > start && b[raw_end - 1] == '\r') {
        raw_end--;
    }
    out->fields = s->fields;
    out->n = 0;
    out->line = s->line;
    out->raw.ptr = (const char *)b + start;
    out->raw.len = raw_end - start;
    out->unescaped = 0;
    out->status = st;
    out->reason = reason;
    s->pos = nl != NULL ? end + 1 : s->len;
    s->line++;
    return KEHU_OK;
}

/* Parse a quoted field starting at *pp (on the opening quote). */
static kehu_status quoted(kehu_csv *s, size_t start, size_t n,
                          const unsigned char **pp, const char **reason)
{
    const unsigned char *b = s->buf, *e = b + s->len;
    const unsigned char *q = *pp + 1, *open = q;
    /* Search no further than the cap, so that a stray quote costs at most
     * max_record bytes of scanning. */
    const unsigned char *limit = (size_t)(e - (b + start)) > s->max_record
                                     ? b + start + s->max_record
                                     : e;
    int escaped = 0;
    kehu_status rc;

    for (;;) {
        const unsigned char *f =
            q < limit ? memchr(q, '"', (size_t)(limit - q)) : NULL;
        if (f == NULL && limit < e) {
            *reason = R_TOO_LONG;
            return KEHU_ETOOBIG;
        }
        if (f == NULL) {
            *reason = R_UNTERMINATED;
            return KEHU_EPARSE;
        }
        if (f + 1 < e && f[1] == '"') {
            escaped = 1;
            q = f + 2;
            continue;
        }
        q = f;
        break;
    }
    if (escaped) {
        rc = push_unescaped(s, n, open, (size_t)(q - open));
    } else {
        rc = push_field(s, n, open, (size_t)(q - open));
    }
    if (rc != KEHU_OK) {
        return rc;
    }
    q++;
    if (q < e && q[0] == '\r' && (q + 1 == e || q[1] == '\n')) {
        q++;
    }
    if (q < e && s->cls[*q] != C_DELIM && *q != '\n') {
        *reason = R_AFTER_QUOTE;
        return KEHU_EPARSE;
    }
    *pp = q;
    return KEHU_OK;
}

static int blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* Tokenize one record starting at s->pos (not a blank line). */
static kehu_status record(kehu_csv *s, kehu_csv_record *out)
{
    const unsigned char *b = s->buf, *e = b + s->len;
    size_t start = s->pos;
    const unsigned char *p = b + start, *q;
    const int ws = s->delim == ' ';
    const char *reason = NULL;
    size_t n = 0, i;
    kehu_status rc;

    s->scratch_len = 0;
    for (;;) {
        if (ws) {
            while (p < e && blank(*p)) {
                p++;
            }
            if (p == e || *p == '\n' ||
                (*p == '\r' && (p + 1 == e || p[1] == '\n'))) {
                break;
            }
        }
        if ((size_t)(p - (b + start)) > s->max_record) {
            return broken(s, start, KEHU_ETOOBIG, R_TOO_LONG, out);
        }
        if (p < e && *p == '"') {
            rc = quoted(s, start, n, &p, &reason);
            if (rc == KEHU_ENOMEM) {
                return rc;
            }
            if (rc != KEHU_OK) {
                return broken(s, start, rc, reason, out);
            }
            n++;
        } else {
            q = p;
            while (q < e && s->cls[*q] != C_DELIM && s->cls[*q] != C_LF) {
                q++;
            }
            i = (size_t)(q - p);
            if ((q == e || *q == '\n') && i > 0 && q[-1] == '\r') {
                i--;
            }
            rc = push_field(s, n, p, i);
            if (rc != KEHU_OK) {
                return rc;
            }
            n++;
            p = q;
        }
        if (p < e && s->cls[*p] == C_DELIM) {
            p++;
            continue;
        }
        break;
    }
    if (ws && p < e && *p == '\r') {
        p++;
    }
    /* p is at the line feed ending the record, or at the end. */
    if ((size_t)(p - (b + start)) > s->max_record) {
        return broken(s, start, KEHU_ETOOBIG, R_TOO_LONG, out);
    }
    for (i = 0; i < n; i++) {
        if (s->fields[i].ptr == NULL) {
            s->fields[i].ptr = s->scratch + s->offs[i];
        }
    }
    out->fields = s->fields;
    out->n = n;
    out->line = s->line;
    out->raw.ptr = (const char *)b + start;
    out->raw.len = (size_t)(p - (b + start));
    if (out->raw.len > 0 && p[-1] == '\r') {
        out->raw.len--;
    }
    out->unescaped = s->scratch_len > 0;
    out->status = KEHU_OK;
    out->reason = NULL;
    s->line += 1 + (int64_t)count_lf(b + start, p);
    s->pos = p < e ? (size_t)(p - b) + 1 : s->len;
    return KEHU_OK;
}

/* 1 when the line at s->pos holds nothing (or only blanks when the
 * delimiter is whitespace); *next is set past it. */
static int blank_line(const kehu_csv *s, size_t *next)
{
    const unsigned char *p = s->buf + s->pos, *e = s->buf + s->len;

    if (s->delim == ' ') {
        while (p < e && blank(*p)) {
            p++;
        }
    }
    if (p < e && *p == '\r') {
        p++;
    }
    if (p == e) {
        *next = s->len;
        return 1;
    }
    if (*p == '\n') {
        *next = (size_t)(p - s->buf) + 1;
        return 1;
    }
    return 0;
}

kehu_status kehu__csv_next(kehu_csv *s, kehu_csv_record *out)
{
    size_t next;

    while (s->pos < s->len && blank_line(s, &next)) {
        s->pos = next;
        s->line++;
    }
    if (s->pos >= s->len) {
        return KEHU_DONE;
    }
    return record(s, out);
}

int kehu__csv_peek(const kehu_csv *s, size_t col, kehu_slice *field,
                   size_t *next)
{
    const unsigned char *p = s->buf + s->pos, *e = s->buf + s->len;
    const unsigned char *lf, *f = p, *q;
    size_t k;

    if (s->delim == ' ' || p >= e) {
        return 0;
    }
    lf = memchr(p, '\n', (size_t)(e - p));
    if (lf == NULL) {
        lf = e;
    }
    if (lf == p || (lf == p + 1 && *p == '\r') ||
        (size_t)(lf - p) > s->max_record ||
        memchr(p, '"', (size_t)(lf - p)) != NULL) {
        return 0;
    }
    for (k = 0; k < col; k++) {
        f = memchr(f, s->delim, (size_t)(lf - f));
        if (f == NULL) {
            return 0;
        }
        f++;
    }
    q = memchr(f, s->delim, (size_t)(lf - f));
    if (q == NULL) {
        q = lf > f && lf[-1] == '\r' ? lf - 1 : lf;
    }
    field->ptr = (const char *)f;
    field->len = (size_t)(q - f);
    *next = lf < e ? (size_t)(lf - s->buf) + 1 : s->len;
    return 1;
}

void kehu__csv_skip(kehu_csv *s, size_t next)
{
    s->pos = next;
    s->line++;
}

int kehu__utf8_valid(const char *str, size_t n)
{
    const unsigned char *p = (const unsigned char *)str;
    size_t i = 0;

    while (i < n) {
        unsigned c;
        size_t k, need;
        unsigned cp;
        uint64_t w;
        /* ASCII runs eight bytes at a time. */
        while (n - i >= 8) {
            memcpy(&w, p + i, 8);
            if ((w & 0x8080808080808080ULL) != 0) {
                break;
            }
            i += 8;
        }
        if (i >= n) {
            break;
        }
        c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (n - i <= need) {
            return 0;
        }
        for (k = 1; k <= need; k++) {
            if ((p[i + k] & 0xC0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (p[i + k] & 0x3Fu);
        }
        if ((need == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (need == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
            return 0;
        }
        i += need + 1;
    }
    return 1;
}

char kehu__csv_detect_delim(const char *buf, size_t len)
{
    static const char cands[] = {',', ';', '\t', '|'};
    size_t counts[4] = {0, 0, 0, 0}, i, k, best = 0;
    int inq = 0, blanks = 0, seen_text = 0;

    i = (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    for (; i < len && buf[i] != '\n'; i++) {
        char c = buf[i];
        if (c == '"') {
            inq = !inq;
        }
        if (inq) {
            continue;
        }
        for (k = 0; k < 4; k++) {
            counts[k] += c == cands[k];
        }
        if (c == ' ' && seen_text) {
            blanks = 1;
        } else if (c != ' ' && c != '\r') {
            seen_text = 1;
        }
    }
    for (k = 1; k < 4; k++) {
        if (counts[k] > counts[best]) {
            best = k;
        }
    }
    if (counts[best] == 0) {
        return blanks ? ' ' : ',';
    }
    return cands[best];
}

kehu_status kehu__csv_parse_delim(const char *d, char *out)
{
    static const struct {
        const char *name;
        char c;
    } names[] = {{",", ','},          {"comma", ','}, {";", ';'},
                 {"semicolon", ';'},  {"tab", '\t'},  {"\t", '\t'},
                 {"\\t", '\t'},       {"space", ' '}, {" ", ' '},
                 {"whitespace", ' '}, {"|", '|'},     {"pipe", '|'}};
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(d, names[i].name) == 0) {
            *out = names[i].c;
            return KEHU_OK;
        }
    }
    return KEHU_EINVAL;
}

/* A control byte that text files do not hold (tab, LF, CR and form feed
 * do; so does a DOS end-of-file mark ^Z as the very last byte). */
static int is_control(unsigned char c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ||
           c == 0x7F;
}

const char *kehu__csv_sniff_binary(const char *buf, size_t len)
{
    static const struct {
        const char *magic;
        size_t n;
        const char *what;
    } sigs[] = {
        {"PK\x03\x04", 4, "a zip archive, e.g. an Excel .xlsx workbook"},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, "an old Excel .xls workbook"},
        {"\x1F\x8B", 2, "gzip-compressed data (decompress it first)"},
        {"\xFD"
         "7zXZ",
         5, "xz-compressed data (decompress it first)"},
        {"%PDF-", 5, "a PDF document"},
        {"\x89PNG", 4, "a PNG image"},
        {"\xFF\xD8\xFF", 3, "a JPEG image"},
        {"SQLite format 3", 16, "an SQLite database"},
        {"\x7F"
         "ELF",
         4, "a program (ELF binary)"},
        {"\xFF\xFE", 2, "UTF-16 text (save it as UTF-8)"},
        {"\xFE\xFF", 2, "UTF-16 text (save it as UTF-8)"},
    };
    size_t head = len < 65536 ? len : 65536, i, controls = 0, line_end;
    const unsigned char *p = (const unsigned char *)buf;

    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        if (len >= sigs[i].n && memcmp(buf, sigs[i].magic, sigs[i].n) == 0) {
            return sigs[i].what;
        }
    }
    if (memchr(buf, '\0', head) != NULL) {
        return "binary data (NUL bytes)";
    }
    line_end = head;
    for (i = 0; i < head; i++) {
        if (p[i] == '\n' && line_end == head) {
            line_end = i;
        }
        if (is_control(p[i]) && !(p[i] == 0x1A && i + 1 == len)) {
            if (i < line_end) {
                return "binary data (control bytes in the first line)";
            }
            controls++;
        }
    }
    if (controls * 100 > head) {
        return "binary data (control bytes)";
    }
    return NULL;
}
