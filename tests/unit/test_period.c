/* SPDX-License-Identifier: MIT */
/* Periods: indices, first days, labels (ISO weeks across year ends,
 * quarter boundaries) and parsing, checked against a calendar. */
#include "check.h"
#include "kehu/date.h"
#include "kehu/period.h"

#include <stdlib.h>

void test_period(void);

static int32_t ymd(const char *s)
{
    int y, m, d;

    char *end;

    y = (int)strtol(s, &end, 10); /* YYYY-MM-DD, written by the tests */
    m = (int)strtol(end + 1, &end, 10);
    d = (int)strtol(end + 1, NULL, 10);
    return kehu_date_from_ymd(y, m, d);
}

static const char *label_of(kehu_period_kind k, const char *date, char *buf)
{
    kehu_period_label(k, kehu_period_of(k, ymd(date)), buf);
    return buf;
}

/* Day -> label, first day and next period's first day, by kind. */
static const struct {
    kehu_period_kind k;
    const char *day, *label, *first, *next;
} cases[] = {
    {KEHU_PERIOD_DAY, "2025-03-14", "2025-03-14", "2025-03-14", "2025-03-15"},
    {KEHU_PERIOD_DAY, "1969-12-31", "1969-12-31", "1969-12-31", "1970-01-01"},
    /* ISO weeks across year ends. */
    {KEHU_PERIOD_WEEK, "2020-12-31", "2020-W53", "2020-12-28", "2021-01-04"},
    {KEHU_PERIOD_WEEK, "2021-01-03", "2020-W53", "2020-12-28", "2021-01-04"},
    {KEHU_PERIOD_WEEK, "2021-01-04", "2021-W01", "2021-01-04", "2021-01-11"},
    {KEHU_PERIOD_WEEK, "2024-12-30", "2025-W01", "2024-12-30", "2025-01-06"},
    {KEHU_PERIOD_WEEK, "2025-01-05", "2025-W01", "2024-12-30", "2025-01-06"},
    {KEHU_PERIOD_WEEK, "2024-12-29", "2024-W52", "2024-12-23", "2024-12-30"},
    {KEHU_PERIOD_WEEK, "2025-03-01", "2025-W09", "2025-02-24", "2025-03-03"},
    {KEHU_PERIOD_WEEK, "2026-01-01", "2026-W01", "2025-12-29", "2026-01-05"},
    {KEHU_PERIOD_WEEK, "2027-01-01", "2026-W53", "2026-12-28", "2027-01-04"},
    {KEHU_PERIOD_WEEK, "2016-01-03", "2015-W53", "2015-12-28", "2016-01-04"},
    {KEHU_PERIOD_WEEK, "1970-01-01", "1970-W01", "1969-12-29", "1970-01-05"},
    {KEHU_PERIOD_WEEK, "1969-12-28", "1969-W52", "1969-12-22", "1969-12-29"},
    {KEHU_PERIOD_MONTH, "2024-02-29", "2024-02", "2024-02-01", "2024-03-01"},
    {KEHU_PERIOD_MONTH, "2024-12-31", "2024-12", "2024-12-01", "2025-01-01"},
    {KEHU_PERIOD_MONTH, "1969-01-15", "1969-01", "1969-01-01", "1969-02-01"},
    /* Quarter boundaries. */
    {KEHU_PERIOD_QUARTER, "2025-03-31", "2025-Q1", "2025-01-01", "2025-04-01"},
    {KEHU_PERIOD_QUARTER, "2025-04-01", "2025-Q2", "2025-04-01", "2025-07-01"},
    {KEHU_PERIOD_QUARTER, "2025-06-30", "2025-Q2", "2025-04-01", "2025-07-01"},
    {KEHU_PERIOD_QUARTER, "2025-09-30", "2025-Q3", "2025-07-01", "2025-10-01"},
    {KEHU_PERIOD_QUARTER, "2024-12-31", "2024-Q4", "2024-10-01", "2025-01-01"},
    {KEHU_PERIOD_QUARTER, "2025-01-01", "2025-Q1", "2025-01-01", "2025-04-01"},
    {KEHU_PERIOD_YEAR, "2024-12-31", "2024", "2024-01-01", "2025-01-01"},
    {KEHU_PERIOD_YEAR, "1969-06-01", "1969", "1969-01-01", "1970-01-01"},
};

static void check_cases(void)
{
    char buf[KEHU_PERIOD_LABEL_MAX];
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kehu_period_kind k = cases[i].k;
        int32_t day = ymd(cases[i].day);
        int32_t idx = kehu_period_of(k, day), back;

        CHECK_STR(label_of(k, cases[i].day, buf), cases[i].label);
        CHECK_EQ_I64(kehu_period_first_day(k, idx), ymd(cases[i].first));
        CHECK_EQ_I64(kehu_period_next_day(k, day), ymd(cases[i].next));
        CHECK_EQ_I64(kehu_period_days(k, idx),
                     ymd(cases[i].next) - ymd(cases[i].first));
        CHECK(kehu_period_parse_label(k, cases[i].label, strlen(cases[i].label),
                                      &back) == KEHU_OK);
        CHECK_EQ_I64(back, idx);
    }
}

/* Every day from 1968 to 2030: consecutive days map to the same or the next
 * index, the index's first day is on or before the day, weeks start on
 * Monday, and labels of consecutive periods differ. */
static void check_sweep(void)
{
    int32_t from = ymd("1968-01-01"), to = ymd("2030-12-31"), day;
    int k;
    long bad = 0;

    for (k = 0; k < KEHU_PERIOD_COUNT; k++) {
        int32_t prev = kehu_period_of((kehu_period_kind)k, from - 1);

        for (day = from; day <= to; day++) {
            int32_t idx = kehu_period_of((kehu_period_kind)k, day);
            int32_t first = kehu_period_first_day((kehu_period_kind)k, idx);

            if (idx != prev && idx != prev + 1) {
                bad++;
            }
            if ((idx == prev + 1) != (first == day) || first > day) {
                bad++;
            }
            if (k == KEHU_PERIOD_WEEK && kehu_date_weekday(first) != 1) {
                bad++;
            }
            prev = idx;
        }
    }
    CHECK_EQ_I64(bad, 0);
}

/* Years with 53 ISO weeks (2004, 2009, 2015, 2020, 2026) and without. */
static void check_week53(void)
{
    static const struct {
        const char *label;
        int ok;
    } w[] = {
        {"2020-W53", 1}, {"2015-W53", 1}, {"2026-W53", 1}, {"2009-W53", 1},
        {"2021-W53", 0}, {"2024-W53", 0}, {"2025-W00", 0}, {"2025-W54", 0},
        {"2025-w09", 0}, {"25-W09", 0},
    };
    size_t i;
    int32_t idx;

    for (i = 0; i < sizeof w / sizeof w[0]; i++) {
        kehu_status rc = kehu_period_parse_label(KEHU_PERIOD_WEEK, w[i].label,
                                                 strlen(w[i].label), &idx);
        CHECK_EQ_I64(rc == KEHU_OK, w[i].ok);
    }
}

static void check_parse(void)
{
    static const char *const bad_labels[] = {
        "2025-13", "2025-00",    "2025-1", "2025-Q5",   "2025-Q0",
        "202",     "2025-02-30", "abcd",   "2025-03-1",
    };
    static const kehu_period_kind bad_kinds[] = {
        KEHU_PERIOD_MONTH,   KEHU_PERIOD_MONTH,   KEHU_PERIOD_MONTH,
        KEHU_PERIOD_QUARTER, KEHU_PERIOD_QUARTER, KEHU_PERIOD_YEAR,
        KEHU_PERIOD_DAY,     KEHU_PERIOD_YEAR,    KEHU_PERIOD_DAY,
    };
    kehu_period_kind k = KEHU_PERIOD_DAY;
    int32_t idx;
    size_t i;

    CHECK(kehu_period_parse("Quarter", 7, &k) == KEHU_OK);
    CHECK_EQ_I64(k, KEHU_PERIOD_QUARTER);
    CHECK(kehu_period_parse("weeks", 5, &k) == KEHU_OK);
    CHECK_EQ_I64(k, KEHU_PERIOD_WEEK);
    CHECK(kehu_period_parse("y", 1, &k) == KEHU_OK);
    CHECK_EQ_I64(k, KEHU_PERIOD_YEAR);
    CHECK(kehu_period_parse("month", 4, &k) == KEHU_EINVAL);
    CHECK(kehu_period_parse("fortnight", 9, &k) == KEHU_EINVAL);
    CHECK(kehu_period_parse("", 0, &k) == KEHU_EINVAL);
    CHECK_EQ_I64(k, KEHU_PERIOD_YEAR);
    for (i = 0; i < sizeof bad_labels / sizeof bad_labels[0]; i++) {
        CHECK(kehu_period_parse_label(bad_kinds[i], bad_labels[i],
                                      strlen(bad_labels[i]),
                                      &idx) == KEHU_EPARSE);
    }
    CHECK_STR(kehu_period_name(KEHU_PERIOD_QUARTER), "quarter");
    CHECK_STR(kehu_period_name((kehu_period_kind)99), "unknown");
    CHECK_EQ_I64(kehu_period_season(KEHU_PERIOD_MONTH), 12);
    CHECK_EQ_I64(kehu_period_season(KEHU_PERIOD_WEEK), 52);
    CHECK_EQ_I64(kehu_period_season(KEHU_PERIOD_QUARTER), 4);
    CHECK_EQ_I64(kehu_period_season(KEHU_PERIOD_YEAR), 1);
}

void test_period(void)
{
    check_cases();
    check_sweep();
    check_week53();
    check_parse();
}
