/* SPDX-License-Identifier: MIT */
/* The check operation without argv: a reading built by hand (what the
 * front end hands over) gives the "check" row, the "reasons" rows and the
 * table for people; JSON shows the first two, a table or CSV the third;
 * no reading is an error. */
#include "op_record.h"

#include "kehu/app/result.h"
#include "kehu/io/render.h"
#include "kehu/schema.h"

#include <stdlib.h>

void test_op_check(void);

static rec cells;

/* Record table i of res into r. */
static kehu_status rec_table_at(const kehu_result *res, size_t i, rec *r)
{
    kehu_cells c = {r,       0,       KEHU_LANG_EN, rec_str,
                    rec_i64, rec_num, rec_null,     rec_day};
    const kehu_table *t = kehu_result_table_at(res, i);

    memset(r, 0, sizeof *r);
    if (t == NULL) {
        return KEHU_EINVAL;
    }
    r->ncols = t->ncols;
    return t->rows(t->data, &c);
}

static void hand_reading(kehu_reading *g)
{
    memset(g, 0, sizeof *g);
    g->path = "orders.csv";
    g->kind = KEHU_INPUT_TRANSACTIONS;
    g->read = 10;
    g->accepted = 6;
    g->rejected = 3;
    g->duplicates = 1;
    g->reasons[0].name = "bad_date";
    g->reasons[0].count = 2;
    g->reasons[0].first[0] = 3;
    g->reasons[0].first[1] = 7;
    g->reasons[0].nfirst = 2;
    g->reasons[1].name = "bad_amount";
    g->reasons[1].count = 1;
    g->reasons[1].first[0] = 5;
    g->reasons[1].nfirst = 1;
    g->nreasons = 2;
    g->rejects_path = "orders.csv.rejects.csv";
    g->delimiter = ';';
    g->has_header = 1;
    g->max_reject_rate = 0.5;
    g->amount_total = 123456; /* 12.3456 at KEHU_MONEY_SCALE 10000 */
}

/* What render writes for res in fmt, in buf (NUL-terminated). */
static void render_to(const kehu_result *res, out_format fmt, char *buf,
                      size_t cap)
{
    FILE *f = tmpfile();
    size_t n = 0;

    buf[0] = '\0';
    CHECK(f != NULL);
    if (f == NULL) {
        return;
    }
    CHECK(kehu_render_result(f, fmt, OUT_EN, res) == KEHU_OK);
    rewind(f);
    n = fread(buf, 1, cap - 1, f);
    buf[n] = '\0';
    (void)fclose(f);
}

static void check_tables(void)
{
    static char buf[8192];
    kehu_dataset d;
    kehu_reading g;
    kehu_result *r = NULL;
    kehu_error err;
    const kehu_table *t;

    kehu_dataset_init(&d);
    hand_reading(&g);
    d.reading = &g;
    CHECK(rec_run("check", NULL, &d, &cells, &r, &err) == KEHU_OK);
    CHECK(r != NULL && kehu_result_ntables(r) == 3);
    if (r == NULL || kehu_result_ntables(r) != 3) {
        kehu_result_free(r);
        return;
    }
    /* The reconciliation line is the front end's (stderr), not a note. */
    CHECK(kehu_result_nnotes(r) == 0 && !rec_note_has(r, "orders.csv"));
    /* "check": one row, every field. */
    t = kehu_result_table_at(r, 0);
    CHECK_STR(t->name, "check");
    CHECK(t->view == KEHU_VIEW_JSON);
    CHECK_EQ_I64(rec_rows(&cells), 1);
    CHECK_STR(t->cols[0].key, "file");
    CHECK_STR(rec_at(&cells, 0, 0), "orders.csv");
    CHECK_STR(rec_at(&cells, 0, 1), "10");
    CHECK_STR(rec_at(&cells, 0, 2), "6");
    CHECK_STR(rec_at(&cells, 0, 3), "3");
    CHECK_STR(rec_at(&cells, 0, 4), "1");
    CHECK_STR(t->cols[5].key, "reconciled");
    CHECK_STR(rec_at(&cells, 0, 5), "1");
    CHECK_STR(rec_at(&cells, 0, 6), "0.3");
    CHECK_STR(rec_at(&cells, 0, 7), "0.5");
    CHECK_STR(rec_at(&cells, 0, 8), ";");
    CHECK_STR(t->cols[9].key, "amount_total");
    CHECK_EQ_I64(t->cols[9].decimals, 4);
    CHECK_STR(rec_at(&cells, 0, 9), "12.3456");
    CHECK_STR(rec_at(&cells, 0, 10), "1");
    CHECK_STR(rec_at(&cells, 0, 11), "orders.csv.rejects.csv");

    /* "reasons": a row per reason, first lines as text. */
    t = kehu_result_table_at(r, 1);
    CHECK_STR(t->name, "reasons");
    CHECK(t->view == KEHU_VIEW_JSON);
    CHECK(rec_table_at(r, 1, &cells) == KEHU_OK);
    CHECK_EQ_I64(rec_rows(&cells), 2);
    CHECK_STR(rec_at(&cells, 0, 0), "bad_date");
    CHECK_STR(rec_at(&cells, 0, 1), "2");
    CHECK_STR(rec_at(&cells, 0, 2), "3 7");
    CHECK_STR(rec_at(&cells, 1, 0), "bad_amount");
    CHECK_STR(rec_at(&cells, 1, 2), "5");

    /* The table for people and CSV: 4 counts, then each reason. */
    t = kehu_result_table_at(r, 2);
    CHECK(t->view == KEHU_VIEW_TEXT);
    CHECK(rec_table_at(r, 2, &cells) == KEHU_OK);
    CHECK_EQ_I64(rec_rows(&cells), 6);
    CHECK_STR(rec_at(&cells, 1, 0), "accepted");
    CHECK_STR(rec_at(&cells, 1, 3), "12.3456");
    CHECK_STR(rec_at(&cells, 4, 0), "rejected:bad_date");
    CHECK_STR(rec_at(&cells, 4, 4), "3 7");

    /* JSON: the two tables and the notes; CSV: the table for people. */
    render_to(r, OUT_JSON, buf, sizeof buf);
    CHECK(strncmp(buf, "{\"check\":[\n{\"file\":\"orders.csv\",", 31) == 0);
    CHECK(strstr(buf, "\"amount_total\":12.3456,\"header\":1,") != NULL);
    CHECK(strstr(buf, ",\"reasons\":[\n{\"reason\":\"bad_date\",\"count\":2,"
                      "\"first_lines\":\"3 7\"},") != NULL);
    CHECK(strstr(buf, ",\"notes\":[]}\n") != NULL);
    CHECK(strstr(buf, "\"item\"") == NULL);
    render_to(r, OUT_CSV, buf, sizeof buf);
    CHECK(strncmp(buf, "item,rows,share,amount,first_lines\nread,10,", 43) ==
          0);
    CHECK(strstr(buf, "file") == NULL);
    kehu_result_free(r);

    /* Another kind: no amount; no rejects file: null. */
    {
        static const char *const kind[] = {"kind", "customers", NULL};
        g.kind = KEHU_INPUT_CUSTOMERS;
        g.rejects_path = NULL;
        g.nreasons = 0;
        CHECK(rec_run("check", kind, &d, &cells, &r, &err) == KEHU_OK);
        CHECK_STR(rec_at(&cells, 0, 9), "");
        CHECK_STR(rec_at(&cells, 0, 11), "");
        if (r != NULL) {
            render_to(r, OUT_JSON, buf, sizeof buf);
            CHECK(strstr(buf, "\"amount_total\":null,") != NULL);
            CHECK(strstr(buf, "\"rejects_path\":null}") != NULL);
            CHECK(strstr(buf, "\"reasons\":[\n]") != NULL ||
                  strstr(buf, "\"reasons\":[]") != NULL);
        }
        kehu_result_free(r);
    }
}

static void check_errors(void)
{
    static const char *const bad_kind[] = {"kind", "nope", NULL};
    kehu_dataset d;
    kehu_reading g;
    kehu_result *r = NULL;
    kehu_error err;

    kehu_dataset_init(&d);
    CHECK(rec_run("check", NULL, &d, &cells, &r, &err) == KEHU_EINVAL);
    CHECK(r == NULL);
    CHECK(strstr(err.msg, "reading") != NULL);
    hand_reading(&g);
    d.reading = &g;
    CHECK(rec_run("check", bad_kind, &d, &cells, &r, &err) != KEHU_OK);
    CHECK(r == NULL);
}

void test_op_check(void)
{
    check_tables();
    check_errors();
}
