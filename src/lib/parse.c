/* SPDX-License-Identifier: MIT */
/*
 * Value parsers: dates, date-times, --date-format, amounts (see
 * kehu/parse.h). Hand-written digit loops rather than sscanf/strtod: they
 * run once or twice per input row, must not depend on the locale, and must
 * reject what they do not understand rather than stop early.
 */
#include "kehu/parse.h"

#include "kehu/date.h"
#include "kehu/txn.h"

#include <string.h>

__extension__ typedef __int128 i128; /* gcc and clang, 64-bit targets */

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static void trim(const char **s, size_t *len)
{
    while (*len > 0 && is_blank(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && is_blank((*s)[*len - 1])) {
        (*len)--;
    }
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Read between min and max digits at s[*i]; -1 when fewer than min. */
static int digits(const char *s, size_t len, size_t *i, int min, int max)
{
    int v = 0, n = 0;

    while (*i < len && n < max && is_digit(s[*i])) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        n++;
    }
    return n >= min ? v : -1;
}

static kehu_status make_day(int y, int m, int d, int32_t *day)
{
    if (y < 1 || m < 1 || d < 1 || !kehu_date_valid(y, m, d)) {
        return KEHU_ERANGE;
    }
    *day = kehu_date_from_ymd(y, m, d);
    return KEHU_OK;
}

/* Time part at s[*i]: HH:MM[:SS[.frac]][Z|+HH[:MM]|-HH[:MM]] to the end. */
static kehu_status parse_time(const char *s, size_t len, size_t i,
                              int32_t *second)
{
    int h, mi, sec = 0;

    h = digits(s, len, &i, 2, 2);
    if (h < 0 || i >= len || s[i] != ':') {
        return KEHU_EPARSE;
    }
    i++;
    mi = digits(s, len, &i, 2, 2);
    if (mi < 0) {
        return KEHU_EPARSE;
    }
    if (i < len && s[i] == ':') {
        i++;
        sec = digits(s, len, &i, 2, 2);
        if (sec < 0) {
            return KEHU_EPARSE;
        }
        if (i < len && (s[i] == '.' || s[i] == ',')) {
            i++;
            if (digits(s, len, &i, 1, 9) < 0) {
                return KEHU_EPARSE;
            }
            while (i < len && is_digit(s[i])) {
                i++;
            }
        }
    }
    if (i < len && s[i] == 'Z') {
        i++;
    } else if (i < len && (s[i] == '+' || s[i] == '-')) {
        int oh;
        i++;
        oh = digits(s, len, &i, 2, 2);
        if (oh < 0 || oh > 23) {
            return KEHU_EPARSE;
        }
        if (i < len && s[i] == ':') {
            i++;
        }
        if (i < len) {
            int om = digits(s, len, &i, 2, 2);
            if (om < 0 || om > 59) {
                return KEHU_EPARSE;
            }
        }
    }
    if (i != len) {
        return KEHU_EPARSE;
    }
    /* 24:00:00 would be the next day; a leap second 60 is accepted. */
    if (h > 23 || mi > 59 || sec > 60) {
        return KEHU_ERANGE;
    }
    if (second != NULL) {
        *second = (int32_t)(h * 3600 + mi * 60 + (sec > 59 ? 59 : sec));
    }
    return KEHU_OK;
}

kehu_status kehu_parse_date(const char *s, size_t len, int32_t *day,
                            int32_t *second)
{
    size_t i = 0;
    int y, m, d;

    trim(&s, &len);
    if (second != NULL) {
        *second = -1;
    }
    y = digits(s, len, &i, 4, 4);
    if (y < 0) {
        return KEHU_EPARSE;
    }
    if (i < len && (s[i] == '-' || s[i] == '/')) {
        char sep = s[i++];
        m = digits(s, len, &i, 1, 2);
        if (m < 0 || i >= len || s[i] != sep) {
            return KEHU_EPARSE;
        }
        i++;
        d = digits(s, len, &i, 1, 2);
        if (d < 0) {
            return KEHU_EPARSE;
        }
    } else {
        m = digits(s, len, &i, 2, 2);
        d = digits(s, len, &i, 2, 2);
        if (m < 0 || d < 0 || (i < len && is_digit(s[i]))) {
            return KEHU_EPARSE;
        }
    }
    if (i < len) {
        if (s[i] != ' ' && s[i] != 'T') {
            return KEHU_EPARSE;
        }
        i++;
        kehu_status rc = parse_time(s, len, i, second);
        if (rc != KEHU_OK) {
            return rc;
        }
    }
    return make_day(y, m, d, day);
}

kehu_status kehu_date_pattern_compile(const char *fmt, kehu_date_pattern *out,
                                      kehu_error *err)
{
    size_t n = strlen(fmt), i;
    int has_y = 0, has_m = 0, has_d = 0;

    memset(out, 0, sizeof *out);
    if (n == 0 || n >= sizeof out->spec) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "date format must be 1 to %zu characters",
                              sizeof out->spec - 1);
    }
    for (i = 0; i < n; i++) {
        if (fmt[i] != '%') {
            continue;
        }
        i++;
        switch (i < n ? fmt[i] : '\0') {
        case 'Y':
        case 'y':
            has_y = 1;
            break;
        case 'm':
        case 'b':
            has_m = 1;
            break;
        case 'd':
            has_d = 1;
            break;
        case 'H':
        case 'M':
        case 'S':
        case '%':
            break;
        default:
            return kehu_error_set(err, KEHU_EINVAL,
                                  "date format %s: unsupported conversion "
                                  "at %zu (use %%Y %%y %%m %%b %%d %%H %%M "
                                  "%%S %%%%)",
                                  fmt, i);
        }
    }
    if (!has_y || !has_m || !has_d) {
        return kehu_error_set(err, KEHU_EINVAL,
                              "date format %s needs a year (%%Y or %%y), a "
                              "month (%%m or %%b) and a day (%%d)",
                              fmt);
    }
    memcpy(out->spec, fmt, n + 1);
    return KEHU_OK;
}

static int lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

/* Month name at s[*i] (English, 3 letters or full); -1 when none. */
static int month_name(const char *s, size_t len, size_t *i)
{
    static const char *const names[12] = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    int m;

    for (m = 0; m < 12; m++) {
        size_t full = strlen(names[m]), k = 0;
        while (*i + k < len && k < full && lower(s[*i + k]) == names[m][k]) {
            k++;
        }
        if (k == full || k == 3) {
            *i += k;
            return m + 1;
        }
    }
    return -1;
}

kehu_status kehu_parse_date_pattern(const kehu_date_pattern *f, const char *s,
                                    size_t len, int32_t *day, int32_t *second)
{
    const char *p = f->spec;
    size_t i = 0;
    int y = -1, m = -1, d = -1, h = 0, mi = 0, sec = 0, has_time = 0;

    trim(&s, &len);
    for (; *p != '\0'; p++) {
        int v = 0;
        if (*p == ' ') {
            if (i >= len || !is_blank(s[i])) {
                return KEHU_EPARSE;
            }
            while (i < len && is_blank(s[i])) {
                i++;
            }
            continue;
        }
        if (*p != '%' || p[1] == '%') {
            p += (*p == '%');
            if (i >= len || s[i] != *p) {
                return KEHU_EPARSE;
            }
            i++;
            continue;
        }
        p++;
        switch (*p) {
        case 'Y':
            v = y = digits(s, len, &i, 4, 4);
            break;
        case 'y':
            v = digits(s, len, &i, 2, 2);
            y = v < 0 ? -1 : (v >= 69 ? 1900 + v : 2000 + v);
            break;
        case 'm':
            v = m = digits(s, len, &i, 1, 2);
            break;
        case 'b':
            v = m = month_name(s, len, &i);
            break;
        case 'd':
            v = d = digits(s, len, &i, 1, 2);
            break;
        default: /* H, M, S: the format was compiled */
            v = digits(s, len, &i, 1, 2);
            has_time = 1;
            if (*p == 'H') {
                h = v;
            } else if (*p == 'M') {
                mi = v;
            } else {
                sec = v;
            }
            break;
        }
        if (v < 0) {
            return KEHU_EPARSE;
        }
    }
    if (i != len) {
        return KEHU_EPARSE;
    }
    if (h > 23 || mi > 59 || sec > 60) {
        return KEHU_ERANGE;
    }
    if (second != NULL) {
        *second = has_time
                      ? (int32_t)(h * 3600 + mi * 60 + (sec > 59 ? 59 : sec))
                      : -1;
    }
    return make_day(y, m, d, day);
}

/* 1 when v * 10 + digit c stays within INT64_MAX. */
static int fits(uint64_t v, char c)
{
    const uint64_t lim = (uint64_t)INT64_MAX;

    return v < lim / 10 || (v == lim / 10 && (uint64_t)(c - '0') <= lim % 10);
}

kehu_status kehu_parse_amount(const char *s, size_t len, char thousands,
                              int64_t *out)
{
    const char point = thousands == '.' ? ',' : '.';
    uint64_t v = 0;
    size_t i = 0, group = 0, ndig = 0, nfrac = 0;
    int neg = 0, round_up = 0, groups = 0;
    const uint64_t lim = (uint64_t)INT64_MAX;

    trim(&s, &len);
    if (i < len && (s[i] == '-' || s[i] == '+')) {
        neg = s[i] == '-';
        i++;
    }
    for (; i < len && s[i] != point; i++) {
        if (thousands != 0 && s[i] == thousands) {
            /* First group 1-3 digits, then exactly 3 per group. */
            if (group == 0 || group > 3 || (groups > 0 && group != 3)) {
                return KEHU_EPARSE;
            }
            groups++;
            group = 0;
            continue;
        }
        if (!is_digit(s[i])) {
            return KEHU_EPARSE;
        }
        if (!fits(v, s[i])) {
            return KEHU_ERANGE;
        }
        v = v * 10 + (uint64_t)(s[i] - '0');
        group++;
        ndig++;
    }
    if (groups > 0 && group != 3) {
        return KEHU_EPARSE;
    }
    if (i < len) {
        i++; /* the decimal mark */
        for (; i < len; i++) {
            if (!is_digit(s[i])) {
                return KEHU_EPARSE;
            }
            if (nfrac < 4) {
                if (!fits(v, s[i])) {
                    return KEHU_ERANGE;
                }
                v = v * 10 + (uint64_t)(s[i] - '0');
            } else if (nfrac == 4) {
                round_up = s[i] >= '5';
            }
            nfrac++;
        }
    }
    if (ndig + nfrac == 0) {
        return KEHU_EPARSE;
    }
    for (; nfrac < 4; nfrac++) {
        if (v > lim / 10) {
            return KEHU_ERANGE;
        }
        v *= 10;
    }
    v += (uint64_t)round_up;
    if (v > lim) {
        return KEHU_ERANGE;
    }
    *out = neg ? -(int64_t)v : (int64_t)v;
    return KEHU_OK;
}

kehu_status kehu_money_mul(int64_t quantity, int64_t unit_price, int64_t *out)
{
    i128 p = (i128)quantity * unit_price;
    i128 a = p < 0 ? -p : p;
    i128 q = (a + KEHU_MONEY_SCALE / 2) / KEHU_MONEY_SCALE;

    if (q > (i128)INT64_MAX) {
        return KEHU_ERANGE;
    }
    *out = p < 0 ? -(int64_t)q : (int64_t)q;
    return KEHU_OK;
}
