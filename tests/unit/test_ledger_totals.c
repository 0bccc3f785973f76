/* SPDX-License-Identifier: MIT */
/*
 * Money totals never wrap: the ledger keeps the sums of |amount| and |cost|
 * within INT64_MAX money units (9.2e18, i.e. 922,337,203,685,477.5807), so
 * every total computed from it is exact; a row that would pass that is
 * refused with KEHU_ERANGE and nothing of it is added. Merges check the
 * same bound.
 */
#include "check.h"
#include "kehu/date.h"
#include "kehu/ledger.h"
#include "kehu/summary.h"

#include <string.h>

void test_ledger_totals(void);

static kehu_status add(kehu_ledger *l, const char *id, int32_t day,
                       int64_t amount)
{
    kehu_txn t;

    memset(&t, 0, sizeof t);
    t.customer_id.ptr = id;
    t.customer_id.len = strlen(id);
    t.day = day;
    t.second = -1;
    t.amount = amount;
    t.quantity = 1;
    return kehu_ledger_add(l, &t);
}

void test_ledger_totals(void)
{
    const int64_t half = INT64_MAX / 2; /* 4.6e18 units */
    int32_t d0 = kehu_date_from_ymd(2025, 1, 1);
    kehu_ledger *l = NULL, *m = NULL;
    kehu_summary *s = NULL;
    kehu_summary_options o;

    CHECK_EQ_I64(kehu_ledger_new(&l), KEHU_OK);
    CHECK_EQ_I64(kehu_ledger_new(&m), KEHU_OK);
    if (l == NULL || m == NULL) {
        kehu_ledger_free(l);
        kehu_ledger_free(m);
        return;
    }
    /* Up to INT64_MAX in all: exact. */
    CHECK_EQ_I64(add(l, "a", d0, half), KEHU_OK);
    CHECK_EQ_I64(add(l, "a", d0 + 1, half), KEHU_OK);
    CHECK_EQ_I64(add(l, "b", d0, 1), KEHU_OK);
    /* One unit more would wrap a customer's or the ledger's sum. */
    CHECK_EQ_I64(add(l, "a", d0 + 2, 1), KEHU_ERANGE);
    CHECK_EQ_I64(add(l, "c", d0 + 2, -1), KEHU_ERANGE);
    CHECK(kehu_ledger_count(l) >= 2);
    kehu_summary_options_init(&o);
    CHECK_EQ_I64(kehu_summary_compute(l, &o, &s), KEHU_OK);
    if (s != NULL && s->n > 0) {
        CHECK(s->rows[0].monetary_total > 0); /* never wrapped negative */
    }
    kehu_summary_free(s);
    /* A merge that would pass the bound is refused. */
    CHECK_EQ_I64(add(m, "z", d0, 2), KEHU_OK);
    CHECK_EQ_I64(kehu_ledger_merge(l, m), KEHU_ERANGE);
    kehu_ledger_free(m);
    kehu_ledger_free(l);
}
