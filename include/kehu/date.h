/* SPDX-License-Identifier: MIT */
/*
 * Calendar arithmetic on days since 1970-01-01 (proleptic Gregorian, UTC).
 * Dates are int32_t day numbers everywhere in kehu; io/ converts text.
 */
#ifndef KEHU_DATE_H
#define KEHU_DATE_H

#include <stdint.h>

#define KEHU_DAY_NONE INT32_MIN /* "no date" */

/* 1 when y-m-d is a real calendar date (1 <= m <= 12, d within month). */
int kehu_date_valid(int y, int m, int d);
/* Day number of a valid y-m-d. */
int32_t kehu_date_from_ymd(int y, int m, int d);
/* Inverse of kehu_date_from_ymd. Any OUT pointer may be NULL. */
void kehu_date_to_ymd(int32_t day, int *y, int *m, int *d);
/* ISO weekday, 1 = Monday .. 7 = Sunday. */
int kehu_date_weekday(int32_t day);
/* Writes "YYYY-MM-DD" and a NUL into buf (at least 11 bytes). */
void kehu_date_format(int32_t day, char *buf);

#endif
