/* SPDX-License-Identifier: MIT */
/*
 * A synthetic order log from a "buy till you die" process, for tests,
 * demos and benchmarks. Given (params, seed) the output is fixed, byte for
 * byte, on every run.
 *
 * The process, per customer i = 0..customers-1 (time t in weeks):
 *   - birth day  b_i = start + floor(i * B / customers), B = round(
 *                birth_fraction * (end - start + 1)): customers join evenly
 *                over the first part of the span, ids in order of joining;
 *   - the first ("trial") purchase is at t = 0, on day b_i;
 *   - purchase rate lambda_i ~ Gamma(shape r, rate alpha), per week;
 *     while alive, purchases follow a Poisson process with rate lambda_i
 *     (times to the next purchase ~ Exponential(lambda_i));
 *   - dropout p_i ~ Beta(a, b): right after each REPEAT purchase the
 *     customer dies with probability p_i (never right after the trial);
 *   - a purchase at time t falls on day b_i + floor(7 t); purchases after
 *     `end` are not observed.
 * This is exactly the BG/NBD model of Fader, Hardie & Lee (2005), so the
 * number of repeat purchases by time T (weeks after b_i) has the mean
 * E[X(T)] of their eq. (7) (kehu_bgnbd_expected). Purchases that fall on
 * one day make ONE order (one order per customer and purchase day), so the
 * rows count purchase days; the event count is kept in kehu_gen_stats.
 *
 * Spend (Gamma-Gamma, Fader, Hardie & Lee 2005b): nu_i ~ Gamma(shape q,
 * rate gamma); each order's amount ~ Gamma(shape p, rate nu_i), rounded to
 * cents (at least 0.01). Cost = amount * (1 - m_i), with the customer's
 * margin m_i ~ Beta(margin_a, margin_b).
 *
 * Dimensions, drawn once per customer from fixed skewed lists, as ASCII
 * pinyin codes (machine-friendly in any tool; the Chinese names are in the
 * comments of gen.c): 5 regions (huadong, huanan, huabei, huazhong, xibu),
 * 22 branches nested in them, 4 channels (store, online, phone, partner).
 * Each order keeps the customer's main channel, except that 1 order in 10
 * uses a channel drawn afresh.
 *
 * Optional seasonality: the rate is lambda_i * (1 + s cos(2 pi (d - d0) /
 * 365.25)), peaking at the end of November (d0), simulated by thinning.
 * With s > 0 the eq. (7) mean no longer applies exactly.
 *
 * Rows come out in date order (a calendar queue of scheduled purchases;
 * within a day, earlier-scheduled first, then new customers by id), with
 * order ids 1, 2, 3, ... in that order. Memory grows with the customers
 * whose next purchase is still inside the span, not with rows.
 */
#ifndef KEHU_GEN_H
#define KEHU_GEN_H

#include "kehu/status.h"

#include <stddef.h>
#include <stdint.h>

typedef struct kehu_gen_params {
    uint64_t customers; /* 1 .. 2^32 - 2 */
    uint64_t seed;
    int32_t start_day;         /* first possible order day */
    int32_t end_day;           /* last possible order day (inclusive) */
    double birth_fraction;     /* share of the span over which customers join,
                                  (0, 1] */
    double r, alpha;           /* lambda ~ Gamma(r, rate alpha), per week */
    double a, b;               /* p ~ Beta(a, b) */
    double p, q, gamma;        /* nu ~ Gamma(q, rate gamma); amount ~
                                  Gamma(p, rate nu), currency units */
    double margin_a, margin_b; /* margin ~ Beta(margin_a, margin_b) */
    double seasonality;        /* s in [0, 1); 0 = constant rates */
    int extras;                /* 1: also the category and discount columns */
} kehu_gen_params;

/* CDNOW-like defaults (BG/NBD r 0.243, alpha 4.414, a 0.793, b 2.426 in
 * weeks; Gamma-Gamma p 6.25, q 3.74, gamma 15.44), 1000 customers, seed 1,
 * span 2023-01-01 .. 2025-12-31, birth fraction 0.5, margin Beta(4, 8)
 * (mean 1/3), no seasonality. */
void kehu_gen_params_init(kehu_gen_params *par);

/* KEHU_OK when every parameter is in range, else KEHU_ERANGE. */
kehu_status kehu_gen_params_check(const kehu_gen_params *par);

/* The true, simulated parameters of one customer. */
typedef struct kehu_gen_customer {
    double lambda;     /* purchases per week while alive */
    double p;          /* dropout probability after each repeat purchase */
    double nu;         /* spend rate: mean order amount p / nu */
    double margin;     /* profit share of each amount */
    int32_t birth_day; /* day of the first purchase */
    uint8_t region, branch, channel; /* indices into the value lists */
} kehu_gen_customer;

/* Customer i (0-based) of the process `par`. KEHU_ERANGE for a bad par or
 * i >= customers. */
kehu_status kehu_gen_customer_info(const kehu_gen_params *par, uint64_t i,
                                   kehu_gen_customer *out);

/* Dimension value lists: d = 0 region, 1 branch, 2 channel. Returns the
 * number of values of d, and the name of value `v` through *name (when
 * v is in range and name is not NULL). */
size_t kehu_gen_dim_values(int d, size_t v, const char **name);

/* One generated order. */
typedef struct kehu_gen_row {
    uint64_t order_id; /* 1, 2, ... in output order */
    uint64_t customer; /* 0-based; the CSV id is customer + 1 */
    int32_t day;
    int64_t amount_cents;
    int64_t cost_cents;
    uint8_t region, branch, channel;
    uint8_t category;       /* with par.extras */
    int64_t discount_cents; /* with par.extras; 0 = no discount */
} kehu_gen_row;

typedef struct kehu_gen_stats {
    uint64_t rows;          /* orders produced so far */
    uint64_t customers;     /* customers born so far */
    uint64_t repeat_events; /* repeat purchases (before merging by day) */
    size_t peak_scheduled;  /* most customers held at once */
    int32_t days_done;      /* days of the span finished */
    int32_t days;           /* days in the span */
} kehu_gen_stats;

typedef struct kehu_gen kehu_gen;

/* A generator for `par`. KEHU_ERANGE for bad parameters, KEHU_ENOMEM. */
kehu_status kehu_gen_new(const kehu_gen_params *par, kehu_gen **out);
void kehu_gen_free(kehu_gen *g);

/* The next order. OUT: *row. KEHU_OK, KEHU_DONE when there are no more,
 * KEHU_ENOMEM (the generator is then unusable). */
kehu_status kehu_gen_next(kehu_gen *g, kehu_gen_row *row);

/* The CSV header line, with its newline:
 * "order_id,customer_id,order_date,amount,cost,region,branch,channel\n". */
const char *kehu_gen_header(const kehu_gen_params *par);

/* Longest CSV line kehu_gen_format can write. */
#define KEHU_GEN_ROW_MAX 160

/* Write `row` as one CSV line ending in '\n' into buf (at least
 * KEHU_GEN_ROW_MAX bytes); returns its length. No NUL is written. */
size_t kehu_gen_format(const kehu_gen *g, const kehu_gen_row *row, char *buf);

/* Fill buf with whole CSV lines (no header). cap >= KEHU_GEN_ROW_MAX.
 * OUT: *len bytes written. KEHU_OK while lines were written, KEHU_DONE
 * with *len == 0 at the end, KEHU_EINVAL for a small cap, KEHU_ENOMEM. */
kehu_status kehu_gen_fill(kehu_gen *g, char *buf, size_t cap, size_t *len);

/* Counters so far. */
void kehu_gen_get_stats(const kehu_gen *g, kehu_gen_stats *out);

/* Mean orders (rows) per customer of `par`, estimated by generating
 * `sample` customers with the same parameters and a derived seed (so it is
 * deterministic). Lets a caller pick the customer count for a target row
 * count. KEHU_ERANGE, KEHU_ENOMEM. */
kehu_status kehu_gen_rows_per_customer(const kehu_gen_params *par,
                                       uint64_t sample, double *out);

#endif
