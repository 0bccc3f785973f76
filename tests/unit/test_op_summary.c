/* SPDX-License-Identifier: MIT */
/* The summary operation without argv: cells of a hand-worked log, the
 * note of unlisted customers, bad parameters, the same bytes rendered by
 * ranges on two threads as on one, and an out-of-memory sweep. */
#include "fixture.h"
#include "oom.h"
#include "op_cells.h"

#include "kehu/io/render.h"

#include <stdlib.h>

void test_op_summary(void);

static rec cells;

#define NC 17 /* columns */

static kehu_ledger *hand_ledger(void)
{
    kehu_ledger *l = NULL;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    fx_add(l, "B", "2025-01-05", 10, "north", "east");
    fx_add(l, "A", "2025-01-10", 20, "south", "west");
    fx_add(l, "A", "2025-01-10", 5, "south", "west");
    fx_add(l, "A", "2025-02-09", 30, "south", "west");
    fx_add(l, "C", "2025-03-01", -5, "", ""); /* a return only */
    return l;
}

static void check_cells(const kehu_dataset *d)
{
    static const char *const as_of[] = {"as-of", "2025-03-01", NULL};
    static const char *const early[] = {"as-of", "2025-01-07", NULL};
    kehu_result *r = NULL;
    const kehu_note *n;
    kehu_error err;

    CHECK(rec_run("summary", d, as_of, &r, &err) == KEHU_OK);
    if (r == NULL) {
        return;
    }
    CHECK(rec_table(r, 0, &cells) == KEHU_OK);
    CHECK_EQ_I64(cells.n, 2 * NC); /* C has no purchase: not listed */
    CHECK_STR(rec_at(&cells, NC, 0, 0), "A"); /* id order */
    CHECK_STR(rec_at(&cells, NC, 0, 1), "2025-01-10");
    CHECK_STR(rec_at(&cells, NC, 0, 4), "2");  /* purchase days */
    CHECK_STR(rec_at(&cells, NC, 0, 8), "20"); /* days since last */
    CHECK_STR(rec_at(&cells, NC, 0, 9), "55.000000");
    CHECK_STR(rec_at(&cells, NC, 1, 15), "east");
    CHECK_EQ_I64(kehu_result_nnotes(r), 1);
    n = kehu_result_note_at(r, 0);
    CHECK(n != NULL && n->kind == KEHU_NOTE_WARNING &&
          strstr(n->text, " 1 customers have no purchase") != NULL);
    kehu_result_free(r);

    CHECK(rec_run("summary", d, early, &r, &err) == KEHU_OK);
    if (r != NULL) {
        CHECK(rec_table(r, 0, &cells) == KEHU_OK);
        CHECK_EQ_I64(cells.n, NC); /* only B bought before A */
        CHECK_STR(rec_at(&cells, NC, 0, 0), "B");
        CHECK(kehu_result_nnotes(r) == 1 &&
              strstr(kehu_result_note_at(r, 0)->text, " 2 customers") != NULL);
    }
    kehu_result_free(r);
}

static void check_bad(const kehu_dataset *d)
{
    static const char *const window[] = {"window", "-1", NULL};
    static const char *const both[] = {"window", "30", "since", "2025-01-01",
                                       NULL};
    kehu_result *r = NULL;
    kehu_error err;

    CHECK(rec_run("summary", d, window, &r, &err) == KEHU_ERANGE);
    CHECK_STR(err.field, "window");
    CHECK(rec_run("summary", d, both, &r, &err) == KEHU_EINVAL);
    CHECK_STR(err.msg, "give since or window, not both");
    CHECK(r == NULL);
}

/* The rendered bytes of r in fmt with threads (0: no runtime). */
static char *render(const kehu_result *r, out_format fmt, int threads,
                    size_t *len)
{
    kehu_runtime rt;
    FILE *f = tmpfile();
    char *buf = NULL;
    long size;

    if (f == NULL) {
        return NULL;
    }
    kehu_runtime_init(&rt);
    rt.threads = threads;
    CHECK(kehu_render_result_rt(f, fmt, OUT_EN, r, threads > 0 ? &rt : NULL) ==
          KEHU_OK);
    size = ftell(f);
    rewind(f);
    if (size > 0) {
        buf = malloc((size_t)size);
        *len = buf != NULL ? fread(buf, 1, (size_t)size, f) : 0;
    }
    fclose(f);
    return buf;
}

/* 10000 customers: more than two ranges, one thread against two. */
static void check_ranges(void)
{
    static const out_format fmts[] = {OUT_CSV, OUT_JSON};
    kehu_dataset d;
    kehu_result *r = NULL;
    kehu_error err;
    size_t k;

    kehu_dataset_init(&d);
    CHECK(kehu_ledger_new(&d.ledger) == KEHU_OK);
    fx_generate(d.ledger, 7, 10000, fx_day("2024-01-01"), 400);
    CHECK(rec_run("summary", &d, NULL, &r, &err) == KEHU_OK);
    for (k = 0; k < 2 && r != NULL; k++) {
        size_t n1 = 0, n2 = 0;
        char *one = render(r, fmts[k], 0, &n1);
        char *two = render(r, fmts[k], 2, &n2);
        CHECK(one != NULL && n1 > 10000);
        CHECK(two != NULL && n1 == n2 && memcmp(one, two, n1) == 0);
        free(one);
        free(two);
    }
    kehu_result_free(r);
    kehu_ledger_free(d.ledger);
}

static void check_oom(const kehu_dataset *d)
{
    static const char *const early[] = {"as-of", "2025-01-07", NULL};
    kehu_result *r = NULL;
    kehu_error err;
    kehu_status rc = KEHU_ENOMEM, rows = KEHU_OK;
    int k;

    for (k = 1; k < 200 && (rc == KEHU_ENOMEM || rows == KEHU_ENOMEM); k++) {
        oom_begin(k);
        rc = rec_run("summary", d, early, &r, &err);
        rows = rc == KEHU_OK ? rec_table(r, 0, &cells) : KEHU_OK;
        oom_end();
        CHECK(rc == KEHU_OK || rc == KEHU_ENOMEM);
        CHECK(rows == KEHU_OK || rows == KEHU_ENOMEM);
        kehu_result_free(r);
        r = NULL;
    }
    CHECK(rc == KEHU_OK && rows == KEHU_OK);
}

void test_op_summary(void)
{
    kehu_dataset d;

    kehu_dataset_init(&d);
    d.ledger = hand_ledger();
    check_cells(&d);
    check_bad(&d);
    check_ranges();
    check_oom(&d);
    kehu_ledger_free(d.ledger);
}
