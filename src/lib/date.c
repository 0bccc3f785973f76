/* SPDX-License-Identifier: MIT */
/*
 * Civil-date <-> day-number conversion (Howard Hinnant's days_from_civil
 * algorithm), valid for the whole int32 range used here.
 */
#include "kehu/date.h"

#include <stddef.h>

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int kehu_date_valid(int y, int m, int d)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
    int last;

    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) {
        return 0;
    }
    last = mdays[m - 1] + (m == 2 && is_leap(y));
    return d <= last;
}

int32_t kehu_date_from_ymd(int y, int m, int d)
{
    int era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

void kehu_date_to_ymd(int32_t day, int *y, int *m, int *d)
{
    int z = (int)day + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int dd = doy - (153 * mp + 2) / 5 + 1;
    int mm = mp < 10 ? mp + 3 : mp - 9;
    int yy = yoe + era * 400 + (mm <= 2);

    if (y != NULL) {
        *y = yy;
    }
    if (m != NULL) {
        *m = mm;
    }
    if (d != NULL) {
        *d = dd;
    }
}

int kehu_date_weekday(int32_t day)
{
    /* 1970-01-01 was a Thursday (ISO 4). */
    int w = (int)(((int64_t)day + 3) % 7);

    if (w < 0) {
        w += 7;
    }
    return w + 1;
}

void kehu_date_format(int32_t day, char *buf)
{
    int y, m, d, i;

    kehu_date_to_ymd(day, &y, &m, &d);
    for (i = 3; i >= 0; i--) {
        buf[i] = (char)('0' + y % 10);
        y /= 10;
    }
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
}
