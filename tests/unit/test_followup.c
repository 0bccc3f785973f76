/* SPDX-License-Identifier: MIT */
/* The follow-up list on a hand-worked case: who is core, who is due. */
#include "fixture.h"
#include "kehu/alloc.h"
#include "kehu/followup.h"

void test_followup(void);

void test_followup(void)
{
    kehu_ledger *l = NULL;
    kehu_standards std;
    kehu_bridge_options o;
    kehu_followup_row *rows = NULL;
    int32_t contact[4];
    size_t n = 99;

    /* As of 2025-03-01 revenue is 3600: P (2000) and Q (1500) are class A
     * with two purchase days each, so core; R (100) is class C; T bought
     * 400 days ago (churned, and one purchase day). */
    CHECK(kehu_ledger_new(&l) == KEHU_OK);
    fx_add(l, "P", "2025-01-10", 1000, "", "");
    fx_add(l, "P", "2025-02-10", 1000, "", "");
    fx_add(l, "Q", "2024-12-01", 500, "", "");
    fx_add(l, "Q", "2025-01-15", 1000, "", "");
    fx_add(l, "R", "2025-01-20", 50, "", "");
    fx_add(l, "R", "2025-02-20", 50, "", "");
    fx_add(l, "T", "2024-01-26", 0.5, "", "");
    kehu_standards_init(&std);
    kehu_bridge_options_init(&o);
    contact[0] = fx_day("2025-02-20"); /* P: 9 days before A */
    contact[1] = KEHU_DAY_NONE;        /* Q: never */
    contact[2] = KEHU_DAY_NONE;        /* R: never, but not core */
    contact[3] = KEHU_DAY_NONE;

    CHECK(kehu_followup_list(l, &std, &o, fx_day("2025-03-01"), contact, 30,
                             &rows, &n) == KEHU_OK);
    CHECK_EQ_I64(n, 1);
    if (n == 1) {
        CHECK_EQ_I64(rows[0].customer, 1);
        CHECK_EQ_I64(rows[0].last_contact, KEHU_DAY_NONE);
        CHECK_EQ_I64(rows[0].days_since_last, 45);
        CHECK_NEAR(rows[0].monetary_total, 1500, 1e-12);
    }
    kehu_free(rows);

    /* Within 5 days: P is due too, after the never-contacted Q. */
    CHECK(kehu_followup_list(l, &std, &o, fx_day("2025-03-01"), contact, 5,
                             &rows, &n) == KEHU_OK);
    CHECK_EQ_I64(n, 2);
    if (n == 2) {
        CHECK_EQ_I64(rows[0].customer, 1);
        CHECK_EQ_I64(rows[1].customer, 0);
        CHECK_EQ_I64(rows[1].last_contact, fx_day("2025-02-20"));
    }
    kehu_free(rows);

    /* Exactly 9 days is within 9. */
    CHECK(kehu_followup_list(l, &std, &o, fx_day("2025-03-01"), contact, 9,
                             &rows, &n) == KEHU_OK);
    CHECK_EQ_I64(n, 1);
    kehu_free(rows);

    CHECK(kehu_followup_list(l, &std, &o, fx_day("2025-03-01"), contact, -1,
                             &rows, &n) == KEHU_EINVAL);
    CHECK(rows == NULL);
    kehu_ledger_free(l);
}
