/* SPDX-License-Identifier: MIT */
/*
 * The per-customer summary of docs/summary.md, derived from the ledger as
 * of a date A over a window. Pure computation; rows are in output order.
 */
#ifndef KEHU_SUMMARY_H
#define KEHU_SUMMARY_H

#include "kehu/ledger.h"

typedef enum kehu_unit {
    KEHU_UNIT_DAY = 0,
    KEHU_UNIT_WEEK,
    KEHU_UNIT_MONTH, /* 365.25 / 12 days */
    KEHU_UNIT_YEAR   /* 365.25 days */
} kehu_unit;

typedef struct kehu_summary_options {
    int32_t as_of_day; /* A; KEHU_DAY_NONE = day after the last activity */
    int32_t since_day; /* window start (inclusive); KEHU_DAY_NONE = all */
    kehu_unit unit;    /* unit of frequency, t_x and T */
    int include_idle;  /* 1: also rows for customers with no purchase in
                          the window (prospects, master-only) */
} kehu_summary_options;

/* Defaults: as of the day after the last activity, all history, days. */
void kehu_summary_options_init(kehu_summary_options *o);

typedef struct kehu_summary_row {
    size_t customer;              /* ledger index */
    int32_t first_purchase;       /* day; KEHU_DAY_NONE when no purchase */
    int32_t last_purchase;        /* day; KEHU_DAY_NONE when no purchase */
    int64_t orders;               /* distinct orders */
    int32_t purchase_days;        /* distinct purchase days */
    double frequency;             /* purchase periods - 1, in unit periods */
    double t_x;                   /* first to last purchase, in unit */
    double T;                     /* first purchase to A, in unit */
    int32_t days_since_last;      /* A - last_purchase, days */
    double monetary_total;        /* currency */
    double monetary_avg;          /* monetary_total / purchase_days */
    double repeat_monetary_avg;   /* mean per repeat purchase day, first
                                     excluded; 0 without repeats */
    double profit_total;          /* amount - cost, currency */
    double margin;                /* profit / amount; 0 when amount is 0 */
    double discounted_share;      /* discounted spend / spend, 0..1 */
    int32_t days_in_year;         /* purchase days d with A - d <= 365 */
    uint32_t dim[KEHU_DIM_COUNT]; /* as kehu_customer.dim */
} kehu_summary_row;

typedef struct kehu_summary {
    kehu_summary_row *rows; /* in output order */
    size_t n;
    int32_t as_of_day; /* the A in force */
    int32_t since_day; /* the window start in force, or NONE */
    kehu_unit unit;
    int has_cost;
    int has_discount; /* the input has a discount column */
} kehu_summary;

kehu_status kehu_summary_compute(const kehu_ledger *l,
                                 const kehu_summary_options *o,
                                 kehu_summary **out);
void kehu_summary_free(kehu_summary *s);

/* As kehu_summary_compute, with the output order given: order is
 * kehu_ledger_sorted's array for this ledger (a caller computing many
 * summaries of one ledger, one per as-of date, sorts the ids once). */
kehu_status kehu_summary_compute_ordered(const kehu_ledger *l,
                                         const kehu_summary_options *o,
                                         const size_t *order,
                                         kehu_summary **out);
/* For callers that stream rows instead of holding them all (a million-
 * customer table): resolve the options against the ledger into *head
 * (as_of_day, since_day, unit, has_cost, has_discount; rows NULL, n 0). */
void kehu_summary_prepare(const kehu_ledger *l, const kehu_summary_options *o,
                          kehu_summary *head);
/* The row of ledger customer i, as kehu_summary_compute makes it.
 * Returns 1 when kehu_summary_compute would list it (a purchase in the
 * window, or include_idle and the customer is known), else 0. OUT: *row. */
int kehu_summary_row_of(const kehu_ledger *l, const kehu_summary *head,
                        int include_idle, size_t i, kehu_summary_row *row);

/* Length of one unit in days (7 for a week). */
double kehu_unit_days(kehu_unit u);

#endif
