/* SPDX-License-Identifier: MIT */
/*
 * The renderers (render.h) over a small result, byte for byte: one table
 * in CSV, JSON and as a terminal table in English and Chinese; a result
 * of two tables and notes as one JSON object; notes as lines; and a rows
 * function that fails.
 */
#include "check.h"
#include "kehu/alloc.h"
#include "kehu/app/result.h"
#include "kehu/date.h"
#include "kehu/io/render.h"

void test_render(void);

/* CSV: RFC 4180 quoting; class values by machine name; a null cell, an
 * empty string and a non-finite number are all empty. */
static const char want_csv[] = "period,stage,customers,churn_rate\n"
                               "2024-01-31,core,1234,0.123\n"
                               "\"a,\"\"b\"\"\",at_risk,-5,\n"
                               ",,0,\n";

/* JSON: an array of objects, one a line; null for a null cell or a
 * non-finite number. */
#define WANT_JSON_ROWS                                                         \
    "{\"period\":\"2024-01-31\",\"stage\":\"core\",\"customers\":1234,"        \
    "\"churn_rate\":0.123},\n"                                                 \
    "{\"period\":\"a,\\\"b\\\"\",\"stage\":\"at_risk\",\"customers\":-5,"      \
    "\"churn_rate\":null},\n"                                                  \
    "{\"period\":null,\"stage\":\"\",\"customers\":0,\"churn_rate\":null}\n"
static const char want_json[] = "[\n" WANT_JSON_ROWS "]\n";

/* A terminal table: aligned, class values by label. */
static const char want_table[] =
    "period      stage    customers  churn_rate\n"
    "----------  -------  ---------  ----------\n"
    "2024-01-31  Core          1234       0.123\n"
    "a,\"b\"       At risk         -5            \n"
    "                             0            \n";

/* In Chinese: headers and class values from the catalog, aligned by
 * display width (a CJK character is two columns). */
static const char want_table_zh[] = "周期        生命周期  客户数  流失率\n"
                                    "----------  --------  ------  ------\n"
                                    "2024-01-31  核心        1234   0.123\n"
                                    "a,\"b\"       风险          -5        \n"
                                    "                           0        \n";

/* Several tables as one JSON object keyed by table name, notes last with
 * their fields; rendering stops at the table whose rows fail. */
static const char want_result_json[] =
    "{\"lifecycle\":[\n" WANT_JSON_ROWS "]\n"
    ",\"second\":[\n"
    "{\"period\":\"x\"}\n"
    "]\n"
    ",\"notes\":[{\"kind\":\"reconcile\",\"key\":\"reconcile\",\"text\":"
    "\"2 rows read\",\"read\":2,\"share\":0.125,\"file\":\"a\\\"b.csv\"},"
    "{\"kind\":\"warning\",\"key\":\"warn\",\"text\":\"few customers\"}]}\n";

/* Several CSV tables, a blank line between. */
static const char want_result_csv[] = "period,stage,customers,churn_rate\n"
                                      "2024-01-31,core,1234,0.123\n"
                                      "\"a,\"\"b\"\"\",at_risk,-5,\n"
                                      ",,0,\n"
                                      "\n"
                                      "period\n"
                                      "x\n";

static const kehu_column cols[] = {
    {"period", KEHU_COL_STR, 0, NULL},
    {"stage", KEHU_COL_STR, 0, NULL},
    {"customers", KEHU_COL_INT, 0, "customers"},
    {"churn_rate", KEHU_COL_NUM, 3, "share"},
};

static kehu_status rows(const void *data, const kehu_cells *out)
{
    (void)data;
    kehu_cell_date(out, kehu_date_from_ymd(2024, 1, 31));
    kehu_cell_label(out, "core", "Core", "核心");
    kehu_cell_int(out, 1234);
    kehu_cell_num(out, 0.12345);
    kehu_cell_str(out, "a,\"b\"");
    kehu_cell_label(out, "at_risk", "At risk", "风险");
    kehu_cell_int(out, -5);
    kehu_cell_null(out);
    kehu_cell_date(out, KEHU_DAY_NONE);
    kehu_cell_str(out, "");
    kehu_cell_int(out, 0);
    kehu_cell_num(out, 1.0 / 0.0);
    return KEHU_OK;
}

static kehu_status failing_rows(const void *data, const kehu_cells *out)
{
    (void)data;
    kehu_cell_str(out, "x");
    return KEHU_ENOMEM;
}

/* What f holds, from the start; f is rewound for the next use. */
static const char *contents(FILE *f, char *buf, size_t cap)
{
    size_t n;

    (void)fflush(f);
    rewind(f);
    n = fread(buf, 1, cap - 1, f);
    buf[n] = '\0';
    rewind(f);
    return buf;
}

static const char *render_one(const kehu_table *t, out_format fmt,
                              out_lang lang, kehu_status want, char *buf,
                              size_t cap)
{
    FILE *f = tmpfile();

    buf[0] = '\0';
    CHECK(f != NULL);
    if (f == NULL) {
        return buf;
    }
    CHECK_EQ_I64(kehu_render_table(f, fmt, lang, t), want);
    contents(f, buf, cap);
    (void)fclose(f);
    return buf;
}

void test_render(void)
{
    kehu_result *r = NULL;
    kehu_table *t = NULL;
    kehu_note *n = NULL;
    char buf[2048];
    FILE *f;

    CHECK_EQ_I64(kehu_result_new(&r), KEHU_OK);
    if (r == NULL) {
        return;
    }
    CHECK_EQ_I64(kehu_result_table(r, "lifecycle", cols, 4, rows, NULL, &t),
                 KEHU_OK);
    if (t == NULL) {
        kehu_result_free(r);
        return;
    }
    CHECK_STR(render_one(t, OUT_CSV, OUT_EN, KEHU_OK, buf, sizeof buf),
              want_csv);
    CHECK_STR(render_one(t, OUT_CSV, OUT_ZH, KEHU_OK, buf, sizeof buf),
              want_csv); /* machine names whatever the language */
    CHECK_STR(render_one(t, OUT_JSON, OUT_EN, KEHU_OK, buf, sizeof buf),
              want_json);
    CHECK_STR(render_one(t, OUT_JSON, OUT_ZH, KEHU_OK, buf, sizeof buf),
              want_json);
    CHECK_STR(render_one(t, OUT_TABLE, OUT_EN, KEHU_OK, buf, sizeof buf),
              want_table);
    CHECK_STR(render_one(t, OUT_TABLE, OUT_ZH, KEHU_OK, buf, sizeof buf),
              want_table_zh);
    CHECK_EQ_I64(kehu_result_note(r, KEHU_NOTE_RECONCILE, "reconcile", &n,
                                  "2 rows read"),
                 KEHU_OK);
    if (n != NULL) {
        CHECK_EQ_I64(kehu_note_zh(r, n, "读取 2 行"), KEHU_OK);
        CHECK_EQ_I64(kehu_note_num(r, n, "read", 2), KEHU_OK);
        CHECK_EQ_I64(kehu_note_num(r, n, "share", 0.125), KEHU_OK);
        CHECK_EQ_I64(kehu_note_text(r, n, "file", "a\"b.csv"), KEHU_OK);
    }
    CHECK_EQ_I64(
        kehu_result_note(r, KEHU_NOTE_WARNING, "warn", NULL, "few customers"),
        KEHU_OK);
    f = tmpfile();
    if (f != NULL) {
        /* One table: as kehu_render_table (the notes go elsewhere). */
        CHECK_EQ_I64(kehu_render_result(f, OUT_JSON, OUT_EN, r), KEHU_OK);
        CHECK_STR(contents(f, buf, sizeof buf), want_json);
        (void)fclose(f);
    }
    CHECK_EQ_I64(
        kehu_result_table(r, "second", cols, 1, failing_rows, NULL, NULL),
        KEHU_OK);
    f = tmpfile();
    if (f != NULL) {
        CHECK_EQ_I64(kehu_render_result(f, OUT_JSON, OUT_EN, r), KEHU_ENOMEM);
        CHECK_STR(contents(f, buf, sizeof buf), want_result_json);
        (void)fclose(f);
    }
    f = tmpfile();
    if (f != NULL) {
        CHECK_EQ_I64(kehu_render_result(f, OUT_CSV, OUT_EN, r), KEHU_ENOMEM);
        CHECK_STR(contents(f, buf, sizeof buf), want_result_csv);
        (void)fclose(f);
    }
    f = tmpfile();
    if (f != NULL) {
        kehu_render_notes(f, OUT_ZH, r, ~0u);
        kehu_render_notes(f, OUT_EN, r, 1u << KEHU_NOTE_WARNING);
        CHECK_STR(contents(f, buf, sizeof buf),
                  "读取 2 行\nfew customers\nfew customers\n");
        (void)fclose(f);
    }
    /* A stream that cannot be written: KEHU_EIO. */
    f = fopen("/dev/null", "r");
    if (f != NULL) {
        CHECK_EQ_I64(kehu_render_table(f, OUT_CSV, OUT_EN, t), KEHU_EIO);
        CHECK_EQ_I64(kehu_render_table(f, OUT_TABLE, OUT_EN, t), KEHU_EIO);
        (void)fclose(f);
    }
    kehu_result_free(r);
    /* No tables: an object with the notes only. */
    r = NULL;
    CHECK_EQ_I64(kehu_result_new(&r), KEHU_OK);
    f = tmpfile();
    if (r != NULL && f != NULL) {
        CHECK_EQ_I64(kehu_render_result(f, OUT_JSON, OUT_EN, r), KEHU_OK);
        CHECK_STR(contents(f, buf, sizeof buf), "{\"notes\":[]}\n");
        CHECK_EQ_I64(kehu_render_result(f, OUT_CSV, OUT_EN, r), KEHU_OK);
    }
    if (f != NULL) {
        (void)fclose(f);
    }
    kehu_result_free(r);
}
