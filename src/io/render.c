/* SPDX-License-Identifier: MIT */
/* Rendering operation results: see render.h. */
#include "kehu/io/render.h"

#include "kehu/alloc.h"
#include "kehu/app/labels.h"

#include <math.h>
#include <pthread.h>
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

static void cells_init(kehu_cells *c, out_table *ot, out_format fmt,
                       kehu_lang l)
{
    c->ctx = ot;
    c->display = fmt == OUT_TABLE;
    c->lang = l;
    c->str = cell_str;
    c->i64 = cell_i64;
    c->num = cell_num;
    c->null = cell_null;
    c->day = cell_day;
}

/* ---------------------------------------------------------------------
 * A table by ranges (rows_range): items are made and formatted a block at
 * a time and written as they come. For CSV and JSON with two threads, a
 * helper makes and formats every other block into memory (out_table with
 * no file) while this thread does the others and writes them all in
 * order, so the output is the same as on one thread.
 */
#define RANGE_ITEMS 4096
#define AHEAD       2 /* formatted blocks the helper may have waiting */

typedef struct range_job {
    const kehu_table *t;
    out_format fmt;
    kehu_lang lang;
    size_t nblocks;
} range_job;

/* Block b of the table's items as rows of ot. */
static kehu_status range_block(const range_job *j, size_t b, out_table *ot)
{
    size_t first = b * RANGE_ITEMS, left = j->t->nitems - first;
    kehu_cells c;

    cells_init(&c, ot, j->fmt, j->lang);
    return j->t->rows_range(j->t->data, first,
                            left < RANGE_ITEMS ? left : RANGE_ITEMS, &c);
}

typedef struct range_helper {
    const range_job *j;
    out_table *text[AHEAD];
    kehu_status rc[AHEAD];
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t made, taken; /* odd blocks formatted, and written */
    int stop;           /* set by the writer to end early */
} range_helper;

/* The helper thread: odd block 2i + 1 is formatted into text[i % AHEAD]. */
static void *helper_main(void *arg)
{
    range_helper *h = arg;
    size_t b, i;
    int stop = 0;

    for (b = 1, i = 0; b < h->j->nblocks && !stop; b += 2, i++) {
        pthread_mutex_lock(&h->mu);
        while (i >= h->taken + AHEAD && !h->stop) {
            pthread_cond_wait(&h->cv, &h->mu);
        }
        stop = h->stop;
        pthread_mutex_unlock(&h->mu);
        if (stop) {
            break;
        }
        out_table_clear(h->text[i % AHEAD]);
        h->rc[i % AHEAD] = range_block(h->j, b, h->text[i % AHEAD]);
        pthread_mutex_lock(&h->mu);
        h->made = i + 1;
        pthread_cond_signal(&h->cv);
        pthread_mutex_unlock(&h->mu);
    }
    return NULL;
}

/* Set up h and start its thread; 0 when it could not (then nothing is
 * left to free). */
static int helper_start(range_helper *h, const range_job *j, out_lang lang,
                        pthread_t *th, const out_column *cols)
{
    int k, ok = 1;

    memset(h, 0, sizeof *h);
    h->j = j;
    for (k = 0; k < AHEAD; k++) {
        h->text[k] = out_table_begin(NULL, j->fmt, lang, cols, j->t->ncols);
        ok &= h->text[k] != NULL;
    }
    if (ok && pthread_mutex_init(&h->mu, NULL) == 0) {
        if (pthread_cond_init(&h->cv, NULL) == 0) {
            if (pthread_create(th, NULL, helper_main, h) == 0) {
                return 1;
            }
            pthread_cond_destroy(&h->cv);
        }
        pthread_mutex_destroy(&h->mu);
    }
    for (k = 0; k < AHEAD; k++) {
        if (h->text[k] != NULL) {
            (void)out_table_end(h->text[k]);
        }
    }
    return 0;
}

/* Append odd block 2i + 1, once the helper has it, to ot. */
static kehu_status helper_take(range_helper *h, size_t i, out_table *ot)
{
    const char *text;
    size_t len;
    kehu_status rc;

    pthread_mutex_lock(&h->mu);
    while (h->made <= i) {
        pthread_cond_wait(&h->cv, &h->mu);
    }
    pthread_mutex_unlock(&h->mu);
    text = out_table_text(h->text[i % AHEAD], &len);
    out_table_put_text(ot, text, len);
    rc = h->rc[i % AHEAD];
    pthread_mutex_lock(&h->mu);
    h->taken = i + 1;
    pthread_cond_signal(&h->cv);
    pthread_mutex_unlock(&h->mu);
    return rc;
}

/* Stop and join the helper and free it; KEHU_OK, or KEHU_ENOMEM when its
 * memory tables ran out. */
static kehu_status helper_end(range_helper *h, pthread_t th)
{
    int k, bad = 0;

    pthread_mutex_lock(&h->mu);
    h->stop = 1;
    pthread_cond_signal(&h->cv);
    pthread_mutex_unlock(&h->mu);
    (void)pthread_join(th, NULL);
    pthread_cond_destroy(&h->cv);
    pthread_mutex_destroy(&h->mu);
    for (k = 0; k < AHEAD; k++) {
        bad |= out_table_end(h->text[k]);
    }
    return bad ? KEHU_ENOMEM : KEHU_OK;
}

static kehu_status render_ranges(const range_job *j, out_table *ot,
                                 out_lang lang, const out_column *cols,
                                 const kehu_runtime *rt)
{
    range_helper h;
    pthread_t th;
    size_t b;
    int threaded = 0;
    kehu_status rc = KEHU_OK, end;

    if (j->fmt != OUT_TABLE && rt != NULL && rt->threads >= 2 &&
        j->nblocks >= 2) {
        threaded = helper_start(&h, j, lang, &th, cols);
    }
    for (b = 0; b < j->nblocks && rc == KEHU_OK; b++) {
        if (threaded && b % 2 == 1) {
            rc = helper_take(&h, b / 2, ot);
        } else {
            rc = range_block(j, b, ot);
        }
        if (b % 16 == 0) {
            kehu_runtime_progress(rt, "writing", b * RANGE_ITEMS, j->t->nitems);
        }
    }
    if (threaded) {
        end = helper_end(&h, th);
        rc = rc == KEHU_OK ? end : rc;
    }
    kehu_runtime_progress(rt, "writing", j->t->nitems, j->t->nitems);
    return rc;
}

static kehu_status render_table(FILE *f, out_format fmt, out_lang lang,
                                const kehu_table *t, const kehu_runtime *rt)
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
    if (t->rows_range != NULL) {
        range_job job = {t, fmt, l,
                         (t->nitems + RANGE_ITEMS - 1) / RANGE_ITEMS};
        rc = render_ranges(&job, ot, lang, cols, rt);
    } else {
        cells_init(&cells, ot, fmt, l);
        rc = t->rows(t->data, &cells);
    }
    if (out_table_end(ot) != 0 && rc == KEHU_OK) {
        rc = KEHU_EIO;
    }
    kehu_free(cols);
    return rc;
}

kehu_status kehu_render_table(FILE *f, out_format fmt, out_lang lang,
                              const kehu_table *t)
{
    return render_table(f, fmt, lang, t, NULL);
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
    return kehu_render_result_rt(f, fmt, lang, r, NULL);
}

kehu_status kehu_render_result_rt(FILE *f, out_format fmt, out_lang lang,
                                  const kehu_result *r, const kehu_runtime *rt)
{
    size_t i, n = 0, k = 0, nn = kehu_result_nnotes(r);
    const kehu_table_view skip =
        fmt == OUT_JSON ? KEHU_VIEW_TEXT : KEHU_VIEW_JSON;
    kehu_status rc = KEHU_OK;

    for (i = 0; i < kehu_result_ntables(r); i++) {
        n += kehu_result_table_at(r, i)->view != skip;
    }
    if (fmt != OUT_JSON || n == 1) {
        for (i = 0; i < kehu_result_ntables(r) && rc == KEHU_OK; i++) {
            const kehu_table *t = kehu_result_table_at(r, i);
            if (t->view == skip) {
                continue;
            }
            if (k++ > 0 && fmt != OUT_JSON) {
                (void)fputc('\n', f);
            }
            rc = render_table(f, fmt, lang, t, rt);
        }
        return rc;
    }
    (void)fputc('{', f);
    for (i = 0; i < kehu_result_ntables(r) && rc == KEHU_OK; i++) {
        const kehu_table *t = kehu_result_table_at(r, i);
        if (t->view == skip) {
            continue;
        }
        out_json_string(f, t->name, strlen(t->name));
        (void)fputc(':', f);
        rc = render_table(f, fmt, lang, t, rt);
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
