/* SPDX-License-Identifier: MIT */
/* The satisfaction operation without argv: a ledger and a survey built
 * here; the metrics overall and by branch, the churned-vs-retained view,
 * bad parameters, a score outside its scale, and an out-of-memory sweep. */
#include "fixture.h"
#include "oom.h"
#include "op_record.h"

#include <stdlib.h>

void test_op_satisfaction(void);

typedef struct survey_src {
    const char *const (*rows)[4]; /* customer, date, score, scale */
    size_t n;
} survey_src;

static const char *const survey[][4] = {
    {"A", "2025-03-01", "9", "10"}, /* promoter */
    {"B", "2025-03-01", "5", "10"}, /* detractor */
    {"C", "2025-03-01", "4", "5"},  /* satisfied */
    {"D", "2025-03-01", "2", "5"},  /* churned customer, dissatisfied */
    {"Z", "2025-03-01", "8", "10"}, /* not a customer: ignored */
    {"A", "2025-08-01", "1", "5"},  /* after A: ignored */
};

static const char *const bad_survey[][4] = {
    {"A", "2025-03-01", "7", "5"}, /* 7 on a 5-point scale */
};

static kehu_status each_response(void *src, kehu_input_kind kind,
                                 kehu_row_fn fn, void *fn_ctx, kehu_error *err)
{
    const survey_src *s = src;
    size_t i;

    (void)err;
    CHECK(kind == KEHU_INPUT_FEEDBACK);
    for (i = 0; i < s->n; i++) {
        kehu_feedback_row r;
        kehu_status rc;
        memset(&r, 0, sizeof r);
        r.customer_id = fx_slice(s->rows[i][0]);
        r.day = fx_day(s->rows[i][1]);
        r.second = -1;
        r.score = atof(s->rows[i][2]);
        r.scale = atoi(s->rows[i][3]);
        rc = fn.feedback(fn_ctx, &r);
        if (rc != KEHU_OK) {
            return rc;
        }
    }
    return KEHU_OK;
}

static void check_metrics(const kehu_dataset *d)
{
    static const char *const all[] = {"as-of", "2025-07-01", NULL};
    static const char *const by[] = {"as-of", "2025-07-01", "by", "branch",
                                     NULL};
    static const char *const churn[] = {"as-of", "2025-07-01", "view",
                                        "churned-vs-retained", NULL};
    static rec r;
    kehu_result *res = NULL;
    kehu_error err;

    CHECK(rec_run("satisfaction", all, d, &r, &res, &err) == KEHU_OK);
    CHECK_EQ_I64(r.ncols, 12);
    CHECK_EQ_I64(rec_rows(&r), 1);
    CHECK_STR(rec_at(&r, 0, 0), "4");   /* customers */
    CHECK_STR(rec_at(&r, 0, 2), "4");   /* responses */
    CHECK_STR(rec_at(&r, 0, 4), "0.5"); /* csat */
    CHECK_STR(rec_at(&r, 0, 10), "0");  /* nps: 1 promoter, 1 detractor */
    CHECK(rec_note_has(res, "survey.csv: ignored 1 responses of customers "
                            "not known as of the analysis date and 1 dated"));
    kehu_result_free(res);
    CHECK(rec_run("satisfaction", by, d, &r, NULL, &err) == KEHU_OK);
    CHECK_EQ_I64(r.ncols, 13);
    CHECK_EQ_I64(rec_rows(&r), 3);
    CHECK_STR(rec_at(&r, 0, 0), "east");
    CHECK_STR(rec_at(&r, 0, 1), "2");
    CHECK_STR(rec_at(&r, 2, 0), "total");
    CHECK(rec_run("satisfaction", churn, d, &r, NULL, &err) == KEHU_OK);
    CHECK_EQ_I64(rec_rows(&r), 2);
    CHECK_STR(rec_at(&r, 0, 0), "churned");
    CHECK_STR(rec_at(&r, 0, 1), "1");
    CHECK_STR(rec_at(&r, 1, 0), "retained");
    CHECK_STR(rec_at(&r, 1, 1), "3");
}

static void check_errors(const kehu_dataset *d)
{
    static const char *const view[] = {"view", "bands", NULL};
    static const char *const both[] = {"view", "churn-by-band", "by", "tier",
                                       NULL};
    static const char *const dim[] = {"by", "colour", NULL};
    static rec r;
    kehu_dataset bad = *d;
    survey_src src = {bad_survey, 1};
    kehu_error err;

    CHECK(rec_run("satisfaction", view, d, &r, NULL, &err) == KEHU_ERANGE);
    CHECK_STR(err.field, "view");
    CHECK(rec_run("satisfaction", both, d, &r, NULL, &err) == KEHU_EINVAL);
    CHECK(strstr(err.msg, "by goes with view metrics") != NULL);
    CHECK(rec_run("satisfaction", dim, d, &r, NULL, &err) == KEHU_EINVAL);
    CHECK(strstr(err.msg, "unknown dimension 'colour'") != NULL);
    bad.side_src = &src;
    CHECK(rec_run("satisfaction", NULL, &bad, &r, NULL, &err) == KEHU_EINVAL);
    CHECK_STR(err.msg, "survey.csv: a score outside its scale");
}

static void check_oom(const kehu_dataset *d)
{
    static const char *const kv[] = {"as-of", "2025-07-01", "by", "tier", NULL};
    static rec r;
    kehu_status rc = KEHU_ENOMEM;
    kehu_error err;
    int k, bad = 0;

    for (k = 1; k < 500 && rc == KEHU_ENOMEM; k++) {
        oom_begin(k);
        rc = rec_run("satisfaction", kv, d, &r, NULL, &err);
        oom_end();
        bad += rc != KEHU_OK && rc != KEHU_ENOMEM;
    }
    CHECK(rc == KEHU_OK);
    CHECK_EQ_I64(bad, 0);
}

void test_op_satisfaction(void)
{
    kehu_ledger *l = NULL;
    kehu_dataset d;
    survey_src src = {survey, sizeof survey / sizeof survey[0]};

    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    fx_add(l, "A", "2025-05-01", 10, "", "east");
    fx_add(l, "B", "2025-03-01", 20, "", "east");
    fx_add(l, "C", "2025-04-01", 30, "", "west");
    fx_add(l, "D", "2023-04-01", 30, "", "west"); /* churned by A */
    kehu_dataset_init(&d);
    d.ledger = l;
    d.side = each_response;
    d.side_src = &src;
    d.side_kinds = 1u << KEHU_INPUT_FEEDBACK;
    d.side_name[KEHU_INPUT_FEEDBACK] = "survey.csv";
    check_metrics(&d);
    check_errors(&d);
    check_oom(&d);
    kehu_ledger_free(l);
}
