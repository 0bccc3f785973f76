/* SPDX-License-Identifier: MIT */
/* Date, date-time, --date-format and amount parsers. */
#include "check.h"
#include "kehu/date.h"
#include "kehu/parse.h"

void test_parse(void);

static void dates(void)
{
    static const struct {
        const char *s;
        kehu_status rc;
        int y, m, d;
        int32_t second;
    } cases[] = {
        {"2011-12-09", KEHU_OK, 2011, 12, 9, -1},
        {"2011/12/09", KEHU_OK, 2011, 12, 9, -1},
        {"2011/1/5", KEHU_OK, 2011, 1, 5, -1},
        {"19970101", KEHU_OK, 1997, 1, 1, -1},
        {" 2024-02-29 ", KEHU_OK, 2024, 2, 29, -1},
        {"2011-12-09 12:50:00", KEHU_OK, 2011, 12, 9, 46200},
        {"2011-12-09T12:50", KEHU_OK, 2011, 12, 9, 46200},
        {"2011-12-09T23:59:59.123Z", KEHU_OK, 2011, 12, 9, 86399},
        {"2011-12-09T01:00:00+08:00", KEHU_OK, 2011, 12, 9, 3600},
        {"2011-12-09T01:00:00-0500", KEHU_OK, 2011, 12, 9, 3600},
        {"2024-02-30", KEHU_ERANGE, 0, 0, 0, 0},
        {"2023-02-29", KEHU_ERANGE, 0, 0, 0, 0},
        {"2024-13-01", KEHU_ERANGE, 0, 0, 0, 0},
        {"2024-00-10", KEHU_ERANGE, 0, 0, 0, 0},
        {"2024-01-01 24:00", KEHU_ERANGE, 0, 0, 0, 0},
        {"", KEHU_EPARSE, 0, 0, 0, 0},
        {"12/01/2010", KEHU_EPARSE, 0, 0, 0, 0},
        {"2011-12-9x", KEHU_EPARSE, 0, 0, 0, 0},
        {"2011-12/09", KEHU_EPARSE, 0, 0, 0, 0},
        {"199701011", KEHU_EPARSE, 0, 0, 0, 0},
        {"2011-12-09 1250", KEHU_EPARSE, 0, 0, 0, 0},
        {"yesterday", KEHU_EPARSE, 0, 0, 0, 0},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int32_t day = 0, sec = 7;
        kehu_status rc =
            kehu_parse_date(cases[i].s, strlen(cases[i].s), &day, &sec);
        CHECK_REPORT(rc == cases[i].rc, "date %s: rc %d", cases[i].s, rc);
        if (rc == KEHU_OK && cases[i].rc == KEHU_OK) {
            CHECK_EQ_I64(
                day, kehu_date_from_ymd(cases[i].y, cases[i].m, cases[i].d));
            CHECK_EQ_I64(sec, cases[i].second);
        }
    }
}

static void patterns(void)
{
    kehu_date_pattern p;
    kehu_error err;
    int32_t day = 0, sec = 0;

    CHECK_EQ_I64(kehu_date_pattern_compile("%m/%d/%Y %H:%M", &p, &err),
                 KEHU_OK);
    CHECK_EQ_I64(kehu_parse_date_pattern(&p, "12/1/2010 8:26", 14, &day, &sec),
                 KEHU_OK);
    CHECK_EQ_I64(day, kehu_date_from_ymd(2010, 12, 1));
    CHECK_EQ_I64(sec, 8 * 3600 + 26 * 60);
    CHECK_EQ_I64(kehu_parse_date_pattern(&p, "2/30/2010 8:26", 14, &day, &sec),
                 KEHU_ERANGE);
    CHECK_EQ_I64(kehu_parse_date_pattern(&p, "12/1/2010", 9, &day, &sec),
                 KEHU_EPARSE);
    CHECK_EQ_I64(kehu_date_pattern_compile("%d-%b-%y", &p, &err), KEHU_OK);
    CHECK_EQ_I64(kehu_parse_date_pattern(&p, "09-Dec-11", 9, &day, &sec),
                 KEHU_OK);
    CHECK_EQ_I64(day, kehu_date_from_ymd(2011, 12, 9));
    CHECK_EQ_I64(sec, -1);
    CHECK_EQ_I64(kehu_parse_date_pattern(&p, "1-january-97", 12, &day, &sec),
                 KEHU_OK);
    CHECK_EQ_I64(day, kehu_date_from_ymd(1997, 1, 1));
    CHECK_EQ_I64(kehu_date_pattern_compile("%d.%m.%Y", &p, &err), KEHU_OK);
    CHECK_EQ_I64(kehu_parse_date_pattern(&p, "31.12.2020", 10, &day, &sec),
                 KEHU_OK);
    CHECK_EQ_I64(day, kehu_date_from_ymd(2020, 12, 31));
    CHECK_EQ_I64(kehu_date_pattern_compile("%Y-%m", &p, &err), KEHU_EINVAL);
    CHECK_EQ_I64(kehu_date_pattern_compile("%Y-%m-%d %Q", &p, &err),
                 KEHU_EINVAL);
    CHECK_EQ_I64(kehu_date_pattern_compile("", &p, &err), KEHU_EINVAL);
}

static void amounts(void)
{
    static const struct {
        const char *s;
        char th;
        kehu_status rc;
        int64_t v;
    } cases[] = {
        {"29.33", 0, KEHU_OK, 293300},
        {"-2.55", 0, KEHU_OK, -25500},
        {"+7", 0, KEHU_OK, 70000},
        {" 0.001 ", 0, KEHU_OK, 10},
        {".5", 0, KEHU_OK, 5000},
        {"1,234.50", ',', KEHU_OK, 12345000},
        {"1,234,567", ',', KEHU_OK, 12345670000},
        {"1.234,5", '.', KEHU_OK, 12345000},
        {"0.00005", 0, KEHU_OK, 1}, /* half away from zero */
        {"-0.00005", 0, KEHU_OK, -1},
        {"0.00004999", 0, KEHU_OK, 0},
        {"922337203685477.5807", 0, KEHU_OK, INT64_MAX},
        {"922337203685477.5808", 0, KEHU_ERANGE, 0},
        {"99999999999999999999", 0, KEHU_ERANGE, 0},
        {"1,234.50", 0, KEHU_EPARSE, 0},
        {"1,23", ',', KEHU_EPARSE, 0},
        {",123", ',', KEHU_EPARSE, 0},
        {"1234,567", ',', KEHU_EPARSE, 0},
        {"", 0, KEHU_EPARSE, 0},
        {"-", 0, KEHU_EPARSE, 0},
        {"1e5", 0, KEHU_EPARSE, 0},
        {"$5", 0, KEHU_EPARSE, 0},
        {"1.2.3", 0, KEHU_EPARSE, 0},
        {"abc", 0, KEHU_EPARSE, 0},
    };
    size_t i;
    int64_t v;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kehu_status rc;
        v = -42;
        rc = kehu_parse_amount(cases[i].s, strlen(cases[i].s), cases[i].th, &v);
        CHECK_REPORT(rc == cases[i].rc, "amount %s: rc %d", cases[i].s, rc);
        if (rc == KEHU_OK) {
            CHECK_EQ_I64(v, cases[i].v);
        }
    }
    /* 6 x 2.55 = 15.30; -12 x 0.085 (3 decimals) = -1.02 */
    CHECK_EQ_I64(kehu_money_mul(60000, 25500, &v), KEHU_OK);
    CHECK_EQ_I64(v, 153000);
    CHECK_EQ_I64(kehu_money_mul(-120000, 850, &v), KEHU_OK);
    CHECK_EQ_I64(v, -10200);
    CHECK_EQ_I64(kehu_money_mul(15000, 3, &v), KEHU_OK); /* 0.00045 */
    CHECK_EQ_I64(v, 5);
    CHECK_EQ_I64(kehu_money_mul(INT64_MAX, 20000, &v), KEHU_ERANGE);
}

void test_parse(void)
{
    dates();
    patterns();
    amounts();
}
