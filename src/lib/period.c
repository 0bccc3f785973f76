/* SPDX-License-Identifier: MIT */
/*
 * Calendar periods: index arithmetic, first days and labels. Weeks are ISO
 * 8601: they start on Monday, and a week belongs to the ISO year of its
 * Thursday, which is how 2021-01-03 falls in 2020-W53.
 */
#include "kehu/period.h"

#include "kehu/date.h"

#include <string.h>

/* 1969-12-29, a Monday, is day -3: week index 0 starts there. */
#define WEEK_EPOCH_DAY (-3)

static int32_t floor_div(int32_t a, int32_t b)
{
    int32_t q = a / b;

    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        q--;
    }
    return q;
}

int32_t kehu_period_of(kehu_period_kind k, int32_t day)
{
    int y, m;

    switch (k) {
    case KEHU_PERIOD_DAY:
        return day;
    case KEHU_PERIOD_WEEK:
        return floor_div(day - WEEK_EPOCH_DAY, 7);
    default:
        break;
    }
    kehu_date_to_ymd(day, &y, &m, NULL);
    if (k == KEHU_PERIOD_MONTH) {
        return (int32_t)(y * 12 + m - 1);
    }
    if (k == KEHU_PERIOD_QUARTER) {
        return (int32_t)(y * 4 + (m - 1) / 3);
    }
    return (int32_t)y;
}

int32_t kehu_period_first_day(kehu_period_kind k, int32_t index)
{
    switch (k) {
    case KEHU_PERIOD_DAY:
        return index;
    case KEHU_PERIOD_WEEK:
        return index * 7 + WEEK_EPOCH_DAY;
    case KEHU_PERIOD_MONTH:
        return kehu_date_from_ymd(floor_div(index, 12),
                                  index - floor_div(index, 12) * 12 + 1, 1);
    case KEHU_PERIOD_QUARTER:
        return kehu_date_from_ymd(floor_div(index, 4),
                                  (index - floor_div(index, 4) * 4) * 3 + 1, 1);
    default:
        return kehu_date_from_ymd(index, 1, 1);
    }
}

int32_t kehu_period_next_day(kehu_period_kind k, int32_t day)
{
    return kehu_period_first_day(k, kehu_period_of(k, day) + 1);
}

int32_t kehu_period_days(kehu_period_kind k, int32_t index)
{
    return kehu_period_first_day(k, index + 1) -
           kehu_period_first_day(k, index);
}

/* ISO week-numbering year and week of the week starting on `monday`. */
static void iso_week(int32_t monday, int *year, int *week)
{
    int32_t thursday = monday + 3;
    int y;

    kehu_date_to_ymd(thursday, &y, NULL, NULL);
    *year = y;
    *week = (int)((thursday - kehu_date_from_ymd(y, 1, 1)) / 7 + 1);
}

/* Writes v (0 <= v < 10^n) as n digits at buf; returns buf + n. */
static char *put_digits(char *buf, int v, int n)
{
    int i;

    for (i = n - 1; i >= 0; i--) {
        buf[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return buf + n;
}

void kehu_period_label(kehu_period_kind k, int32_t index, char *buf)
{
    int32_t first = kehu_period_first_day(k, index);
    int y, m, w;
    char *p;

    if (k == KEHU_PERIOD_DAY) {
        kehu_date_format(first, buf);
        return;
    }
    if (k == KEHU_PERIOD_WEEK) {
        iso_week(first, &y, &w);
    } else {
        kehu_date_to_ymd(first, &y, &m, NULL);
    }
    /* Years are 1..9999 (kehu_date_valid); keep four digits regardless. */
    p = put_digits(buf, ((y % 10000) + 10000) % 10000, 4);
    if (k == KEHU_PERIOD_WEEK) {
        *p++ = '-';
        *p++ = 'W';
        p = put_digits(p, w, 2);
    } else if (k == KEHU_PERIOD_MONTH) {
        *p++ = '-';
        p = put_digits(p, m, 2);
    } else if (k == KEHU_PERIOD_QUARTER) {
        *p++ = '-';
        *p++ = 'Q';
        p = put_digits(p, (m - 1) / 3 + 1, 1);
    }
    *p = '\0';
}

static const struct {
    const char *name;
    kehu_period_kind kind;
} kind_names[] = {
    {"day", KEHU_PERIOD_DAY},
    {"days", KEHU_PERIOD_DAY},
    {"d", KEHU_PERIOD_DAY},
    {"week", KEHU_PERIOD_WEEK},
    {"weeks", KEHU_PERIOD_WEEK},
    {"w", KEHU_PERIOD_WEEK},
    {"month", KEHU_PERIOD_MONTH},
    {"months", KEHU_PERIOD_MONTH},
    {"m", KEHU_PERIOD_MONTH},
    {"quarter", KEHU_PERIOD_QUARTER},
    {"quarters", KEHU_PERIOD_QUARTER},
    {"q", KEHU_PERIOD_QUARTER},
    {"year", KEHU_PERIOD_YEAR},
    {"years", KEHU_PERIOD_YEAR},
    {"y", KEHU_PERIOD_YEAR},
};

static int ascii_lower(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

kehu_status kehu_period_parse(const char *name, size_t len,
                              kehu_period_kind *out)
{
    size_t i, j;

    for (i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++) {
        const char *n = kind_names[i].name;

        if (strlen(n) != len) {
            continue;
        }
        for (j = 0; j < len && ascii_lower((unsigned char)name[j]) == n[j];
             j++) {
        }
        if (j == len) {
            *out = kind_names[i].kind;
            return KEHU_OK;
        }
    }
    return KEHU_EINVAL;
}

/* Reads exactly `digits` decimal digits at s; -1 when they are not. */
static int read_digits(const char *s, size_t digits)
{
    int v = 0;
    size_t i;

    for (i = 0; i < digits; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static kehu_status parse_week(const char *s, size_t len, int32_t *out)
{
    int y = read_digits(s, 4), w, iy, iw;
    int32_t jan4, monday;

    if (len != 8 || y < 1 || s[4] != '-' || s[5] != 'W') {
        return KEHU_EPARSE;
    }
    w = read_digits(s + 6, 2);
    if (w < 1 || w > 53) {
        return KEHU_EPARSE;
    }
    /* Week 1 is the week holding January 4th. */
    jan4 = kehu_date_from_ymd(y, 1, 4);
    monday = jan4 - (kehu_date_weekday(jan4) - 1) + (w - 1) * 7;
    iso_week(monday, &iy, &iw);
    if (iy != y || iw != w) {
        return KEHU_EPARSE; /* W53 of a 52-week year */
    }
    *out = kehu_period_of(KEHU_PERIOD_WEEK, monday);
    return KEHU_OK;
}

kehu_status kehu_period_parse_label(kehu_period_kind k, const char *s,
                                    size_t len, int32_t *out)
{
    int y, m, d;

    if (k == KEHU_PERIOD_WEEK) {
        return parse_week(s, len, out);
    }
    y = len >= 4 ? read_digits(s, 4) : -1;
    if (y < 1) {
        return KEHU_EPARSE;
    }
    if (k == KEHU_PERIOD_YEAR) {
        if (len != 4) {
            return KEHU_EPARSE;
        }
        *out = (int32_t)y;
        return KEHU_OK;
    }
    if (k == KEHU_PERIOD_QUARTER) {
        if (len != 7 || s[4] != '-' || s[5] != 'Q' || s[6] < '1' ||
            s[6] > '4') {
            return KEHU_EPARSE;
        }
        *out = (int32_t)(y * 4 + (s[6] - '1'));
        return KEHU_OK;
    }
    m = len >= 7 && s[4] == '-' ? read_digits(s + 5, 2) : -1;
    if (m < 1 || m > 12) {
        return KEHU_EPARSE;
    }
    if (k == KEHU_PERIOD_MONTH) {
        if (len != 7) {
            return KEHU_EPARSE;
        }
        *out = (int32_t)(y * 12 + m - 1);
        return KEHU_OK;
    }
    d = len == 10 && s[7] == '-' ? read_digits(s + 8, 2) : -1;
    if (!kehu_date_valid(y, m, d)) {
        return KEHU_EPARSE;
    }
    *out = kehu_date_from_ymd(y, m, d);
    return KEHU_OK;
}

const char *kehu_period_name(kehu_period_kind k)
{
    static const char *const names[KEHU_PERIOD_COUNT] = {"day", "week", "month",
                                                         "quarter", "year"};

    return (unsigned)k < KEHU_PERIOD_COUNT ? names[k] : "unknown";
}

int kehu_period_season(kehu_period_kind k)
{
    static const int season[KEHU_PERIOD_COUNT] = {7, 52, 12, 4, 1};

    return (unsigned)k < KEHU_PERIOD_COUNT ? season[k] : 1;
}
