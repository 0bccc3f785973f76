/* SPDX-License-Identifier: MIT */
#include "check.h"
#include "kehu/date.h"

void test_date(void);

void test_date(void)
{
    static const struct {
        int y, m, d;
        int32_t day;
        int weekday;
    } cases[] = {
        {1970, 1, 1, 0, 4},       {1969, 12, 31, -1, 3},
        {2000, 2, 29, 11016, 2},  {1997, 1, 1, 9862, 3},
        {2024, 12, 30, 20087, 1}, {1900, 3, 1, -25508, 4},
    };
    char buf[16];
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int y, m, d;
        CHECK_EQ_I64(kehu_date_from_ymd(cases[i].y, cases[i].m, cases[i].d),
                     cases[i].day);
        kehu_date_to_ymd(cases[i].day, &y, &m, &d);
        CHECK(y == cases[i].y && m == cases[i].m && d == cases[i].d);
        CHECK_EQ_I64(kehu_date_weekday(cases[i].day), cases[i].weekday);
    }
    CHECK(kehu_date_valid(2024, 2, 29));
    CHECK(!kehu_date_valid(2023, 2, 29));
    CHECK(!kehu_date_valid(2024, 2, 30));
    CHECK(!kehu_date_valid(2024, 13, 1));
    CHECK(!kehu_date_valid(2024, 4, 31));
    CHECK(!kehu_date_valid(1900, 2, 29));
    kehu_date_format(kehu_date_from_ymd(2025, 3, 9), buf);
    CHECK_STR(buf, "2025-03-09");
    /* Round trip over a long range. */
    for (int32_t day = -800000; day < 800000; day += 997) {
        int y, m, d;
        kehu_date_to_ymd(day, &y, &m, &d);
        if (kehu_date_from_ymd(y, m, d) != day) {
            CHECK_EQ_I64(kehu_date_from_ymd(y, m, d), day);
            break;
        }
    }
}
