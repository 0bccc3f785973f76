/* SPDX-License-Identifier: MIT */
/* Rendering operation results: see render.h. */
#include "kehu/io/render.h"

#include "kehu/alloc.h"
#include "kehu/app/labels.h"

#include <math.h>
#include <string.h>

static void cell_str(void *ctx, const char *s, size_t len)
{
    out_strn(ctx, s, len);
}

static void cell_i64(void *ctx, int64_t v)
{
    out_int(ctx, v);
}

static void cell_num(void *ctx, double v)
{
    out_num(ctx, v);
}

static void cell_null(void *ctx)
{
    out_null(ctx);
}

static void cell_day(void *ctx, int32_t day)
{
    out_date(ctx, day);
}

kehu_status kehu_render_table(FILE *f, out_format fmt, out_lang lang,
                              const kehu_table *t)
{
    kehu_lang l = lang == OUT_ZH ? KEHU_LANG_ZH : KEHU_LANG_EN;
    out_column *cols = kehu_calloc(t->ncols ? t->ncols : 1, sizeof *cols);
    kehu_cells cells;
    out_table *ot;
    kehu_status rc;
    size_t j;

    if (cols == NULL) {
        return KEHU_ENOMEM;
    }
    for (j = 0; j < t->ncols; j++) {
        cols[j].key = t->cols[j].key;
        cols[j].zh = kehu_label_text(t->cols[j].key, KEHU_LANG_ZH);
        cols[j].type = t->cols[j].type == KEHU_COL_INT   ? OUT_INT
                       : t->cols[j].type == KEHU_COL_NUM ? OUT_NUM
                                                         : OUT_STR;
        cols[j].decimals = t->cols[j].decimals;
    }
    ot = out_table_begin(f, fmt, lang, cols, t->ncols);
    if (ot == NULL) {
        kehu_free(cols);
        return KEHU_ENOMEM;
    }
    cells.ctx = ot;
    cells.display = fmt == OUT_TABLE;
    cells.lang = l;
    cells.str = cell_str;
    cells.i64 = cell_i64;
    cells.num = cell_num;
    cells.null = cell_null;
    cells.day = cell_day;
    rc = t->rows(t->data, &cells);
    if (out_table_end(ot) != 0 && rc == KEHU_OK) {
        rc = KEHU_EIO;
    }
    kehu_free(cols);
    return rc;
}

/* Counts print as integers, other values with their significant digits.
 * Write errors are not checked call by call: they stay in ferror(f),
 * which kehu_render_result reads at the end. */
static void json_plain_number(FILE *f, double v)
{
    if (!isfinite(v)) {
        (void)fputs("null", f);
    } else if (v == floor(v) && fabs(v) < 1e15) {
        (void)fprintf(f, "%.0f", v == 0 ? 0.0 : v);
    } else {
        (void)fprintf(f, "%.10g", v);
    }
}

static void json_note(FILE *f, const kehu_note *n)
{
    static const char *const kinds[] = {"info", "reconcile", "standard",
                                        "model", "warning"};
    size_t k;

    (void)fputs("{\"kind\":", f);
    out_json_string(f, kinds[n->kind], strlen(kinds[n->kind]));
    (void)fputs(",\"key\":", f);
    out_json_string(f, n->key, strlen(n->key));
    (void)fputs(",\"text\":", f);
    out_json_string(f, n->text, strlen(n->text));
    for (k = 0; k < n->nfields; k++) {
        (void)fputc(',', f);
        out_json_string(f, n->fields[k].key, strlen(n->fields[k].key));
        (void)fputc(':', f);
        if (n->fields[k].text != NULL) {
            out_json_string(f, n->fields[k].text, strlen(n->fields[k].text));
        } else {
            json_plain_number(f, n->fields[k].num);
        }
    }
    (void)fputc('}', f);
}

kehu_status kehu_render_result(FILE *f, out_format fmt, out_lang lang,
                               const kehu_result *r)
{
    size_t i, n = kehu_result_ntables(r), nn = kehu_result_nnotes(r);
    kehu_status rc = KEHU_OK;

    if (fmt != OUT_JSON || n == 1) {
        for (i = 0; i < n && rc == KEHU_OK; i++) {
            if (i > 0 && fmt != OUT_JSON) {
                (void)fputc('\n', f);
            }
            rc = kehu_render_table(f, fmt, lang, kehu_result_table_at(r, i));
        }
        return rc;
    }
    (void)fputc('{', f);
    for (i = 0; i < n && rc == KEHU_OK; i++) {
        const kehu_table *t = kehu_result_table_at(r, i);
        out_json_string(f, t->name, strlen(t->name));
        (void)fputc(':', f);
        rc = kehu_render_table(f, fmt, lang, t);
        (void)fputc(',', f);
    }
    (void)fputs("\"notes\":[", f);
    for (i = 0; i < nn; i++) {
        (void)fputs(i ? "," : "", f);
        json_note(f, kehu_result_note_at(r, i));
    }
    (void)fputs("]}\n", f);
    return rc == KEHU_OK && ferror(f) ? KEHU_EIO : rc;
}

void kehu_render_notes(FILE *f, out_lang lang, const kehu_result *r,
                       unsigned kinds)
{
    size_t i;

    for (i = 0; i < kehu_result_nnotes(r); i++) {
        const kehu_note *n = kehu_result_note_at(r, i);
        if ((kinds >> n->kind & 1u) != 0) {
            (void)fprintf(f, "%s\n",
                          lang == OUT_ZH && n->text_zh != NULL ? n->text_zh
                                                               : n->text);
        }
    }
}
