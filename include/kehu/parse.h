/* SPDX-License-Identifier: MIT */
/*
 * Parsers for the values in input files: dates (and date-times), money
 * amounts and decimal quantities. They work on (ptr, len) slices, ignore
 * blanks around the value, and never guess: text they do not recognise is
 * KEHU_EPARSE, an impossible date (2024-02-30, month 13) or an overflow is
 * KEHU_ERANGE. No I/O, no locale, no allocation.
 */
#ifndef KEHU_PARSE_H
#define KEHU_PARSE_H

#include "kehu/status.h"

#include <stddef.h>
#include <stdint.h>

/*
 * Parse a date or date-time in one of the automatic forms:
 *   YYYY-MM-DD, YYYY/MM/DD (month and day may have 1 or 2 digits),
 *   YYYYMMDD, and any of the first two followed by ' ' or 'T' and
 *   HH:MM[:SS[.fraction]] with an optional Z or +HH[:MM] / -HH[:MM].
 * The offset is checked but not applied: the day is the calendar day as
 * written (the shop's local day), which is what analysis groups by.
 * OUT: *day (days since 1970-01-01); *second = seconds into the day, or -1
 * when no time was given (second may be NULL).
 * Returns KEHU_OK, KEHU_EPARSE (not a date) or KEHU_ERANGE (no such day).
 */
kehu_status kehu_parse_date(const char *s, size_t len, int32_t *day,
                            int32_t *second);

/* A compiled --date-format (a strptime subset). Transparent, caller
 * storage; fill with kehu_date_pattern_compile. */
typedef struct kehu_date_pattern {
    char spec[64]; /* the format, NUL-terminated */
} kehu_date_pattern;

/*
 * Compile fmt: %Y (4 digits), %y (2 digits: 69-99 -> 19xx, else 20xx),
 * %m %d %H %M %S (1 or 2 digits), %b (month name, English, abbreviated or
 * full, any case), %% and literal characters; a space matches one or more
 * blanks. A day needs a year, a month and a day conversion.
 * Returns KEHU_OK or KEHU_EINVAL (err says why).
 */
kehu_status kehu_date_pattern_compile(const char *fmt, kehu_date_pattern *out,
                                      kehu_error *err);

/* Parse s with a compiled format; the whole text must match.
 * OUT as kehu_parse_date. Returns KEHU_OK, KEHU_EPARSE or KEHU_ERANGE. */
kehu_status kehu_parse_date_pattern(const kehu_date_pattern *f, const char *s,
                                    size_t len, int32_t *day, int32_t *second);

/*
 * Parse a decimal amount into money units (1/10000, KEHU_MONEY_SCALE):
 * optional sign, digits, optional fraction. `thousands` is 0 (none) or the
 * group separator (e.g. ','), which is then allowed only between groups
 * of three digits; when thousands is '.', the decimal mark is ','.
 * More than four decimals are rounded half away from zero.
 * Returns KEHU_OK, KEHU_EPARSE (empty, garbage, exponent) or KEHU_ERANGE
 * (beyond int64 money units).
 */
kehu_status kehu_parse_amount(const char *s, size_t len, char thousands,
                              int64_t *out);

/*
 * Amount of quantity x unit price, both in 1/10000 units (a quantity is
 * parsed with kehu_parse_amount too), rounded half away from zero.
 * Returns KEHU_OK or KEHU_ERANGE.
 */
kehu_status kehu_money_mul(int64_t quantity, int64_t unit_price, int64_t *out);

#endif
