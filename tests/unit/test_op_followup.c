/* SPDX-License-Identifier: MIT */
/* The followup operation without argv: a ledger and events built here,
 * every buyer core under a loose standard, the list checked cell by cell,
 * bad parameters, and an out-of-memory sweep. */
#include "fixture.h"
#include "oom.h"
#include "op_record.h"

#include "kehu/standards.h"

void test_op_followup(void);

typedef struct event_src {
    const char *const (*rows)[3]; /* customer, date, event */
    size_t n;
} event_src;

static const char *const events[][3] = {
    {"A", "2025-06-01", "contact"}, /* 30 days before A: not due */
    {"A", "2025-07-05", "contact"}, /* after A: not known yet */
    {"B", "2025-01-01", "Contact"}, /* case-insensitive */
    {"B", "2025-02-01", "click"},   /* another event */
    {"Z", "2025-03-01", "contact"}, /* not a customer */
};

static kehu_status each_event(void *src, kehu_input_kind kind, kehu_row_fn fn,
                              void *fn_ctx, kehu_error *err)
{
    const event_src *s = src;
    size_t i;

    (void)err;
    CHECK(kind == KEHU_INPUT_EVENTS);
    for (i = 0; i < s->n; i++) {
        kehu_event_row r;
        kehu_status rc;
        memset(&r, 0, sizeof r);
        r.customer_id = fx_slice(s->rows[i][0]);
        r.day = fx_day(s->rows[i][1]);
        r.second = -1;
        r.event = fx_slice(s->rows[i][2]);
        rc = fn.event(fn_ctx, &r);
        if (rc != KEHU_OK) {
            return rc;
        }
    }
    return KEHU_OK;
}

static void dataset(kehu_dataset *d, kehu_ledger *l, event_src *src)
{
    static const char loose[] = "core_min_amount = 1\ncore_min_orders = 1\n"
                                "core_max_days_since_last = 100000\n";

    kehu_dataset_init(d);
    CHECK(kehu_standards_parse(loose, strlen(loose), &d->standards, NULL) ==
          KEHU_OK);
    d->ledger = l;
    src->rows = events;
    src->n = sizeof events / sizeof events[0];
    d->side = each_event;
    d->side_src = src;
    d->side_kinds = 1u << KEHU_INPUT_EVENTS;
    d->side_name[KEHU_INPUT_EVENTS] = "events.csv";
}

static void check_list(const kehu_dataset *d)
{
    static const char *const kv[] = {"as-of", "2025-07-01", NULL};
    static rec r;
    kehu_result *res = NULL;
    kehu_error err;

    CHECK(rec_run("followup", kv, d, &r, &res, &err) == KEHU_OK);
    CHECK_EQ_I64(r.ncols, 12);
    CHECK_EQ_I64(rec_rows(&r), 2);
    CHECK_STR(rec_at(&r, 0, 0), "C"); /* never contacted first */
    CHECK_STR(rec_at(&r, 0, 1), "");
    CHECK_STR(rec_at(&r, 0, 3), "0");
    CHECK_STR(rec_at(&r, 1, 0), "B");
    CHECK_STR(rec_at(&r, 1, 1), "2025-01-01");
    CHECK_STR(rec_at(&r, 1, 2), "181");
    CHECK_STR(rec_at(&r, 1, 3), "1");
    CHECK_STR(rec_at(&r, 1, 6), "20");
    CHECK_STR(rec_at(&r, 1, 9), "north");
    CHECK(rec_note_has(res, "events.csv: ignored 1 contact rows of customers "
                            "not in the transactions and 1 dated on or after"));
    CHECK(rec_note_has(res, "classification standard"));
    kehu_result_free(res);
}

static void check_options(const kehu_dataset *d)
{
    static const char *const days[] = {"as-of", "2025-07-01", "days", "29",
                                       NULL};
    static const char *const click[] = {"as-of", "2025-07-01", "event", "CLICK",
                                        NULL};
    static const char *const bad[] = {"days", "-1", NULL};
    static const char *const empty[] = {"event", "", NULL};
    static rec r;
    kehu_dataset none;
    kehu_error err;

    CHECK(rec_run("followup", days, d, &r, NULL, &err) == KEHU_OK);
    CHECK_EQ_I64(rec_rows(&r), 3); /* A, 30 days ago, is due now */
    CHECK_STR(rec_at(&r, 2, 0), "A");
    CHECK_STR(rec_at(&r, 2, 2), "30");
    CHECK(rec_run("followup", click, d, &r, NULL, &err) == KEHU_OK);
    CHECK_EQ_I64(rec_rows(&r), 3); /* A, C never clicked, by id; then B */
    CHECK_STR(rec_at(&r, 0, 0), "A");
    CHECK_STR(rec_at(&r, 1, 0), "C");
    CHECK_STR(rec_at(&r, 2, 1), "2025-02-01");
    CHECK(rec_run("followup", bad, d, &r, NULL, &err) == KEHU_ERANGE);
    CHECK_STR(err.field, "days");
    CHECK(rec_run("followup", empty, d, &r, NULL, &err) == KEHU_EINVAL);
    CHECK(strstr(err.msg, "event needs a name") != NULL);
    none = *d;
    none.side = NULL;
    none.side_kinds = 0;
    CHECK(rec_run("followup", NULL, &none, &r, NULL, &err) == KEHU_EINVAL);
    CHECK(strstr(err.msg, "no events input") != NULL);
}

static void check_oom(const kehu_dataset *d)
{
    static const char *const kv[] = {"as-of", "2025-07-01", NULL};
    static rec r;
    kehu_status rc = KEHU_ENOMEM;
    kehu_error err;
    int k, bad = 0;

    for (k = 1; k < 500 && rc == KEHU_ENOMEM; k++) {
        oom_begin(k);
        rc = rec_run("followup", kv, d, &r, NULL, &err);
        oom_end();
        bad += rc != KEHU_OK && rc != KEHU_ENOMEM;
    }
    CHECK(rc == KEHU_OK);
    CHECK_EQ_I64(bad, 0);
}

void test_op_followup(void)
{
    kehu_ledger *l = NULL;
    kehu_dataset d;
    event_src src;

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    fx_add(l, "A", "2025-05-01", 10, "north", "b1");
    fx_add(l, "B", "2025-03-01", 20, "north", "b1");
    fx_add(l, "C", "2025-04-01", 30, "south", "b2");
    fx_add(l, "D", "2025-08-01", 30, "south", "b2"); /* after A */
    dataset(&d, l, &src);
    check_list(&d);
    check_options(&d);
    check_oom(&d);
    kehu_ledger_free(l);
}
