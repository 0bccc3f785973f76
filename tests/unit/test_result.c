/* SPDX-License-Identifier: MIT */
/*
 * Results (result.h): tables with copied schemas whose rows stream into a
 * cell sink, notes with English and Chinese sentences and fields, objects
 * kept until the result is freed, and an out-of-memory sweep over
 * building a result. Also the runtime and dataset helpers of the app layer.
 */
#include "check.h"
#include "kehu/alloc.h"
#include "kehu/app/dataset.h"
#include "kehu/app/result.h"
#include "kehu/app/runtime.h"
#include "kehu/date.h"
#include "oom.h"

#include <stdarg.h>

void test_result(void);

/* A cell sink that writes each cell as text, '|' after each. */
typedef struct sink {
    char text[512];
    size_t len;
} sink;

static void put(sink *s, const char *fmt, ...)
{
    va_list ap;
    int w;

    va_start(ap, fmt);
    w = vsnprintf(s->text + s->len, sizeof s->text - s->len, fmt, ap);
    va_end(ap);
    if (w > 0 && s->len + (size_t)w < sizeof s->text) {
        s->len += (size_t)w;
    }
}

static void sink_str(void *ctx, const char *s, size_t len)
{
    put(ctx, "%.*s|", (int)len, s);
}

static void sink_i64(void *ctx, int64_t v)
{
    put(ctx, "%lld|", (long long)v);
}

static void sink_num(void *ctx, double v)
{
    put(ctx, "%.3f|", v);
}

static void sink_null(void *ctx)
{
    put(ctx, "null|");
}

static void sink_day(void *ctx, int32_t day)
{
    put(ctx, "day%ld|", (long)day);
}

static kehu_cells cells_of(sink *s, int display, kehu_lang lang)
{
    kehu_cells c;

    s->len = 0;
    s->text[0] = '\0';
    c.ctx = s;
    c.display = display;
    c.lang = lang;
    c.str = sink_str;
    c.i64 = sink_i64;
    c.num = sink_num;
    c.null = sink_null;
    c.day = sink_day;
    return c;
}

typedef struct rows_data {
    int n;
} rows_data;

static kehu_status two_rows(const void *data, const kehu_cells *out)
{
    const rows_data *d = data;
    int i;

    for (i = 0; i < d->n; i++) {
        kehu_cell_str(out, i == 0 ? "a" : "b");
        kehu_cell_int(out, i + 1);
        kehu_cell_num(out, 0.5 * i);
        kehu_cell_label(out, "core", "Core", "核心");
    }
    return KEHU_OK;
}

static void cells(void)
{
    sink s;
    kehu_cells c = cells_of(&s, 0, KEHU_LANG_EN);

    kehu_cell_str(&c, "x");
    kehu_cell_strn(&c, "yz!", 2);
    kehu_cell_int(&c, -3);
    kehu_cell_num(&c, 1.25);
    kehu_cell_null(&c);
    kehu_cell_date(&c, 19000);
    kehu_cell_label(&c, "core", "Core", "核心");
    CHECK_STR(s.text, "x|yz|-3|1.250|null|day19000|core|");
    c = cells_of(&s, 1, KEHU_LANG_EN);
    kehu_cell_label(&c, "core", "Core", "核心");
    CHECK_STR(s.text, "Core|");
    c = cells_of(&s, 1, KEHU_LANG_ZH);
    kehu_cell_label(&c, "core", "Core", "核心");
    CHECK_STR(s.text, "核心|");
    /* A label missing in one language falls back, never NULL. */
    kehu_cell_label(&c, "core", "Core", NULL);
    kehu_cell_label(&c, "core", NULL, NULL);
    CHECK_STR(s.text, "核心|Core|core|");
    c = cells_of(&s, 1, KEHU_LANG_EN);
    kehu_cell_label(&c, "core", NULL, "核心");
    CHECK_STR(s.text, "core|");
}

static void tables(void)
{
    kehu_column cols[] = {
        {"name", KEHU_COL_STR, 0, NULL},
        {"customers", KEHU_COL_INT, 0, "customers"},
        {"share", KEHU_COL_NUM, 3, "share"},
        {"stage", KEHU_COL_STR, 0, NULL},
    };
    static const rows_data two = {2};
    kehu_result *r = NULL;
    kehu_table *t = NULL, *t2 = NULL;
    const kehu_table *got;
    sink s;
    kehu_cells c;

    CHECK_EQ_I64(kehu_result_new(&r), KEHU_OK);
    if (r == NULL) {
        return;
    }
    CHECK_EQ_I64(kehu_result_ntables(r), 0);
    CHECK(kehu_result_table_at(r, 0) == NULL);
    CHECK_EQ_I64(kehu_result_table(r, "first", cols, 4, two_rows, &two, &t),
                 KEHU_OK);
    cols[0].key = "changed"; /* the schema was copied */
    CHECK(t != NULL);
    /* A second table leaves the first where it was. */
    CHECK_EQ_I64(kehu_result_table(r, "empty", cols, 0, two_rows, &two, &t2),
                 KEHU_OK);
    CHECK_EQ_I64(kehu_result_table(r, "third", cols, 1, two_rows, &two, NULL),
                 KEHU_OK);
    CHECK_EQ_I64(kehu_result_ntables(r), 3);
    got = kehu_result_table_at(r, 0);
    CHECK(got == t);
    CHECK(kehu_result_table_at(r, 1) == t2);
    CHECK(kehu_result_table_at(r, 3) == NULL);
    if (t != NULL) {
        CHECK_STR(t->name, "first");
        CHECK_EQ_I64(t->ncols, 4);
        CHECK_STR(t->cols[0].key, "name");
        CHECK_STR(t->cols[2].unit, "share");
        CHECK_EQ_I64(t->cols[2].decimals, 3);
        CHECK(t->data == &two);
        c = cells_of(&s, 0, KEHU_LANG_EN);
        CHECK_EQ_I64(t->rows(t->data, &c), KEHU_OK);
        CHECK_STR(s.text, "a|1|0.000|core|b|2|0.500|core|");
        t->cols[1].decimals = 2; /* adjustable through *out */
    }
    if (t2 != NULL) {
        CHECK_EQ_I64(t2->ncols, 0);
        CHECK_STR(t2->name, "empty");
    }
    kehu_result_free(r);
    kehu_result_free(NULL);
}

static void notes(void)
{
    kehu_result *r = NULL;
    kehu_note *n = NULL, *n2 = NULL;
    const kehu_note *got;
    char key[32];
    int i;

    CHECK_EQ_I64(kehu_result_new(&r), KEHU_OK);
    if (r == NULL) {
        return;
    }
    CHECK_EQ_I64(kehu_result_nnotes(r), 0);
    CHECK(kehu_result_note_at(r, 0) == NULL);
    CHECK_EQ_I64(kehu_result_note(r, KEHU_NOTE_RECONCILE, "reconcile", &n,
                                  "%d rows read, %d accepted", 10, 9),
                 KEHU_OK);
    CHECK_EQ_I64(kehu_result_note(r, KEHU_NOTE_WARNING, "warn", NULL, "%s", ""),
                 KEHU_OK);
    CHECK_EQ_I64(kehu_result_note(r, KEHU_NOTE_INFO, "info", &n2, "plain"),
                 KEHU_OK);
    if (n == NULL || n2 == NULL) {
        kehu_result_free(r);
        return;
    }
    /* n was handed out before two more notes: still the first note. */
    CHECK(kehu_result_note_at(r, 0) == n);
    CHECK_STR(n->text, "10 rows read, 9 accepted");
    CHECK(n->text_zh == NULL);
    CHECK_EQ_I64(n->kind, KEHU_NOTE_RECONCILE);
    CHECK_STR(n->key, "reconcile");
    CHECK_EQ_I64(kehu_note_zh(r, n, "读取 %d 行", 10), KEHU_OK);
    CHECK_STR(n->text_zh, "读取 10 行");
    CHECK_EQ_I64(kehu_note_zh(r, n, "读取 %d 行，接受 %d 行", 10, 9), KEHU_OK);
    CHECK_STR(n->text_zh, "读取 10 行，接受 9 行");
    CHECK_EQ_I64(kehu_note_num(r, n, "read", 10), KEHU_OK);
    (void)snprintf(key, sizeof key, "file");
    CHECK_EQ_I64(kehu_note_text(r, n, "source", key), KEHU_OK);
    key[0] = 'X'; /* the text was copied */
    CHECK_EQ_I64(n->nfields, 2);
    CHECK_STR(n->fields[0].key, "read");
    CHECK(n->fields[0].text == NULL);
    CHECK_NEAR(n->fields[0].num, 10, 0);
    CHECK_STR(n->fields[1].key, "source");
    CHECK_STR(n->fields[1].text, "file");
    /* Fields beyond the maximum are dropped, not an error. */
    for (i = 2; i < KEHU_NOTE_MAX_FIELDS + 3; i++) {
        CHECK_EQ_I64(i % 2 == 0 ? kehu_note_num(r, n2, "k", i)
                                : kehu_note_text(r, n2, "t", "v"),
                     KEHU_OK);
    }
    CHECK_EQ_I64(n2->nfields, KEHU_NOTE_MAX_FIELDS);
    got = kehu_result_note_at(r, 1);
    CHECK(got != NULL && got->text[0] == '\0');
    CHECK(got != NULL && got->kind == KEHU_NOTE_WARNING);
    CHECK_EQ_I64(kehu_result_nnotes(r), 3);
    CHECK(kehu_result_note_at(r, 3) == NULL);
    kehu_result_free(r);
}

/* Objects kept by a result are freed with it, last kept first. */
static int freed[32], nfreed;

static void note_free(void *obj)
{
    if (nfreed < 32) {
        freed[nfreed++] = *(int *)obj;
    }
    kehu_free(obj);
}

static void keep(void)
{
    kehu_result *r = NULL;
    int i;

    nfreed = 0;
    CHECK_EQ_I64(kehu_result_new(&r), KEHU_OK);
    if (r == NULL) {
        return;
    }
    for (i = 0; i < 20; i++) { /* past the first capacity */
        int *obj = kehu_malloc(sizeof *obj);
        if (obj == NULL) {
            break;
        }
        *obj = i;
        CHECK_EQ_I64(kehu_result_keep(r, obj, note_free), KEHU_OK);
    }
    CHECK_EQ_I64(nfreed, 0);
    kehu_result_free(r);
    CHECK_EQ_I64(nfreed, 20);
    CHECK_EQ_I64(freed[0], 19);
    CHECK_EQ_I64(freed[19], 0);
}

/* Everything an operation does to its result, cleaning up on failure. */
static kehu_status build(kehu_result **out)
{
    static const kehu_column cols[] = {{"customers", KEHU_COL_INT, 0, NULL}};
    kehu_result *r = NULL;
    kehu_note *n;
    rows_data *d;
    kehu_status rc;
    int i;

    *out = NULL;
    rc = kehu_result_new(&r);
    if (rc != KEHU_OK) {
        return rc;
    }
    for (i = 0; i < 10 && rc == KEHU_OK; i++) {
        d = kehu_calloc(1, sizeof *d);
        if (d == NULL) {
            rc = KEHU_ENOMEM;
            break;
        }
        rc = kehu_result_keep(r, d, kehu_free);
    }
    for (i = 0; i < 3 && rc == KEHU_OK; i++) {
        rc = kehu_result_table(r, "t", cols, 1, two_rows, NULL, NULL);
    }
    for (i = 0; i < 3 && rc == KEHU_OK; i++) {
        rc = kehu_result_note(r, KEHU_NOTE_MODEL, "model", &n, "fit %d", i);
        if (rc == KEHU_OK) {
            rc = kehu_note_zh(r, n, "拟合 %d", i);
        }
        if (rc == KEHU_OK) {
            rc = kehu_note_text(r, n, "model", "bgnbd");
        }
        if (rc == KEHU_OK) {
            rc = kehu_note_num(r, n, "ll", -1.5);
        }
    }
    if (rc != KEHU_OK) {
        kehu_result_free(r);
        return rc;
    }
    *out = r;
    return KEHU_OK;
}

/* Fail allocation k for k = 1.. until building succeeds: every failure
 * is KEHU_ENOMEM, with nothing leaked (the sanitizer checks at exit). */
static void oom_sweep(void)
{
    kehu_result *r = NULL;
    kehu_status rc = KEHU_ENOMEM;
    int k;

    for (k = 1; k < 200 && rc != KEHU_OK; k++) {
        oom_begin(k);
        rc = build(&r);
        oom_end();
        if (rc != KEHU_OK) {
            CHECK_EQ_I64(rc, KEHU_ENOMEM);
            CHECK(r == NULL);
        }
    }
    CHECK_EQ_I64(rc, KEHU_OK);
    CHECK(k > 20); /* the sweep met every allocation */
    if (r != NULL) {
        CHECK_EQ_I64(kehu_result_ntables(r), 3);
        CHECK_EQ_I64(kehu_result_nnotes(r), 3);
    }
    kehu_result_free(r);
}

static void progress_fn(void *ctx, const char *label, uint64_t done,
                        uint64_t total)
{
    uint64_t *seen = ctx;

    (void)label;
    seen[0] += done;
    seen[1] += total;
}

static void runtime(void)
{
    kehu_runtime rt;
    uint64_t seen[2] = {0, 0};
    volatile int stop = 0;

    kehu_runtime_init(&rt);
    CHECK_EQ_I64(rt.threads, 1);
    CHECK(rt.progress == NULL && rt.cancel == NULL);
    kehu_runtime_progress(&rt, "reading", 1, 2); /* no callback: nothing */
    kehu_runtime_progress(NULL, "reading", 1, 2);
    CHECK_EQ_I64(kehu_runtime_cancelled(&rt), 0);
    CHECK_EQ_I64(kehu_runtime_cancelled(NULL), 0);
    rt.progress = progress_fn;
    rt.progress_ctx = seen;
    rt.cancel = &stop;
    kehu_runtime_progress(&rt, "fitting", 3, 4);
    CHECK_EQ_I64(seen[0], 3);
    CHECK_EQ_I64(seen[1], 4);
    CHECK_EQ_I64(kehu_runtime_cancelled(&rt), 0);
    stop = 1;
    CHECK_EQ_I64(kehu_runtime_cancelled(&rt), 1);
    kehu_app_init();
    kehu_app_init(); /* idempotent */
}

static int rows_seen;

static kehu_status count_feedback(void *ctx, const kehu_feedback_row *row)
{
    (void)ctx;
    (void)row;
    rows_seen++;
    return KEHU_OK;
}

static kehu_status side_source(void *src, kehu_input_kind kind, kehu_row_fn fn,
                               void *fn_ctx, kehu_error *err)
{
    (void)src;
    (void)err;
    CHECK_EQ_I64(kind, KEHU_INPUT_FEEDBACK);
    return fn.feedback(fn_ctx, NULL);
}

static void dataset(void)
{
    kehu_dataset d;
    kehu_error err;
    kehu_row_fn fn;

    memset(&err, 0, sizeof err);
    kehu_dataset_init(&d);
    CHECK(d.ledger == NULL && d.side == NULL && d.standards_source == NULL);
    CHECK_EQ_I64(kehu_dataset_has(&d, KEHU_INPUT_FEEDBACK), 0);
    fn.feedback = count_feedback;
    CHECK_EQ_I64(kehu_dataset_each(&d, KEHU_INPUT_FEEDBACK, fn, NULL, &err),
                 KEHU_EINVAL);
    CHECK_EQ_I64(err.status, KEHU_EINVAL);
    CHECK(strstr(err.msg, "feedback") != NULL);
    d.side = side_source;
    d.side_kinds = 1u << KEHU_INPUT_FEEDBACK;
    CHECK_EQ_I64(kehu_dataset_has(&d, KEHU_INPUT_FEEDBACK), 1);
    CHECK_EQ_I64(kehu_dataset_has(&d, KEHU_INPUT_EVENTS), 0);
    rows_seen = 0;
    CHECK_EQ_I64(kehu_dataset_each(&d, KEHU_INPUT_FEEDBACK, fn, NULL, NULL),
                 KEHU_OK);
    CHECK_EQ_I64(rows_seen, 1);
    CHECK_EQ_I64(kehu_dataset_each(&d, KEHU_INPUT_EVENTS, fn, NULL, NULL),
                 KEHU_EINVAL);
}

void test_result(void)
{
    cells();
    tables();
    notes();
    keep();
    oom_sweep();
    runtime();
    dataset();
}
