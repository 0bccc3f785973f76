/* SPDX-License-Identifier: MIT */
/*
 * The classify operation without argv: the classes of a generated ledger
 * (scores 1..5, machine names), the needs type from a category map in the
 * dataset, the explain note, the errors of stage-model and of a map, and
 * an out-of-memory sweep.
 */
#include "fixture.h"
#include "model_ops.h"

void test_op_classify(void);

static void add_cat(kehu_ledger *l, const char *id, const char *date,
                    double amount, const char *category)
{
    kehu_txn t;

    memset(&t, 0, sizeof t);
    t.customer_id = fx_slice(id);
    t.day = fx_day(date);
    t.second = -1;
    t.amount = (int64_t)(amount * KEHU_MONEY_SCALE);
    t.quantity = 1;
    t.category = fx_slice(category);
    CHECK_EQ_I64(kehu_ledger_add(l, &t), KEHU_OK);
}

/* classify on l with the category map text map. */
static kehu_status run_map(kehu_ledger *l, const char *map, mo_cells *rec,
                           kehu_error *err)
{
    const kehu_op *op = kehu_op_find("classify");
    kehu_dataset d;
    kehu_params p;
    kehu_runtime rt;
    kehu_result *r = NULL;
    void *opts = NULL;
    kehu_status rc;

    memset(err, 0, sizeof *err);
    rc = kehu_op_params(op, &p, &opts, err);
    if (rc == KEHU_OK) {
        kehu_dataset_init(&d);
        d.ledger = l;
        d.category_map = map;
        d.category_map_len = strlen(map);
        d.category_map_name = "map.csv";
        kehu_runtime_init(&rt);
        rc = kehu_op_run(op, &d, &p, &rt, &r, err);
    }
    if (rc == KEHU_OK) {
        const kehu_table *t = kehu_result_table_at(r, 0);
        kehu_cells sink = {rec,    0,      KEHU_LANG_EN, mo_str,
                           mo_i64, mo_num, mo_null,      mo_day};
        memset(rec, 0, sizeof *rec);
        rc = t->rows(t->data, &sink);
    }
    kehu_result_free(r);
    kehu_free(opts);
    return rc;
}

static void needs_from_map(void)
{
    static mo_cells rec;
    kehu_ledger *l = NULL;
    kehu_error err;

    CHECK_EQ_I64(kehu_ledger_new(&l), KEHU_OK);
    if (l == NULL) {
        return;
    }
    add_cat(l, "a", "2024-01-05", 100, "books");
    add_cat(l, "a", "2024-02-05", 10, "books");
    add_cat(l, "b", "2024-02-05", 20, "toys");
    add_cat(l, "c", "2024-03-05", 30, "food");
    CHECK_EQ_I64(run_map(l,
                         "\xEF\xBB\xBF Category , need\r\n\"books\","
                         "emotional\n\ntoys , 功能\n",
                         &rec, &err),
                 KEHU_OK);
    /* a, b, c; needs is the 11th cell. */
    CHECK_EQ_I64(rec.n, 3 * 11);
    CHECK_STR(rec.str[10], "emotional");
    CHECK_STR(rec.str[21], "functional");
    CHECK_STR(rec.str[32], "unknown");
    CHECK_EQ_I64(run_map(l, "category,need\nbooks,happy\n", &rec, &err),
                 KEHU_EINVAL);
    CHECK(strstr(err.msg, "map.csv line 2: need 'happy'") != NULL);
    CHECK_EQ_I64(
        run_map(l, "category,need\nbooks,emotional\nbooks,功能\n", &rec, &err),
        KEHU_EINVAL);
    CHECK(strstr(err.msg, "tagged again") != NULL);
    CHECK_EQ_I64(run_map(l, "category,need\n\"books,emotional\n", &rec, &err),
                 KEHU_EINVAL);
    CHECK(strstr(err.msg, "line 2: unterminated quote") != NULL);
    CHECK_EQ_I64(run_map(l, "kind,need\n", &rec, &err), KEHU_EINVAL);
    CHECK(strstr(err.msg, "no 'category' column") != NULL);
    CHECK_EQ_I64(run_map(l, "", &rec, &err), KEHU_EINVAL);
    kehu_ledger_free(l);
}

void test_op_classify(void)
{
    static const char *const plain[] = {NULL};
    static const char *const explain[] = {"explain", "as-of=2024-12-31", NULL};
    static const char *const staged[] = {"stage-model=bgnbd", NULL};
    static const char *const bad_model[] = {"stage-model=gg", NULL};
    static mo_cells rec;
    kehu_ledger *l = NULL;
    kehu_result *r = NULL;
    kehu_error err;
    size_t i;

    CHECK_EQ_I64(kehu_ledger_new(&l), KEHU_OK);
    if (l == NULL) {
        return;
    }
    mo_generate(l, 7, 300, fx_day("2023-01-01"), 720);
    CHECK_EQ_I64(mo_run("classify", l, plain, &rec, &r, &err), KEHU_OK);
    CHECK_EQ_I64(rec.n, 300 * 11);
    for (i = 0; i < rec.n; i += 11) {
        CHECK(rec.num[i + 1] >= 1 && rec.num[i + 1] <= 5);
        CHECK(rec.num[i + 3] >= 1 && rec.num[i + 3] <= 5);
        CHECK(strlen(rec.str[i + 7]) == 1); /* ABCD */
    }
    CHECK(mo_note(r, KEHU_NOTE_STANDARD) != NULL);
    CHECK(mo_note(r, KEHU_NOTE_EXPLAIN) == NULL);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("classify", l, explain, &rec, &r, &err), KEHU_OK);
    CHECK(mo_note(r, KEHU_NOTE_EXPLAIN) != NULL);
    kehu_result_free(r);
    CHECK_EQ_I64(mo_run("classify", l, staged, &rec, &r, &err), KEHU_OK);
    CHECK(mo_field(mo_note(r, KEHU_NOTE_MODEL), "r") > 0);
    kehu_result_free(r);

    CHECK_EQ_I64(mo_run("classify", l, bad_model, NULL, &r, &err), KEHU_EINVAL);
    CHECK(strstr(err.msg, "bgnbd, pnbd, mbgnbd") != NULL);
    CHECK(mo_oom("classify", l, plain) > 5);
    kehu_ledger_free(l);
    needs_from_map();
}
